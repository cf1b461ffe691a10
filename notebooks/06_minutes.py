# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown] tags=["remove-cell"]
# # 6. Projet de compte rendu
#
# Le projet reprend la liste des participants, l'ordre du jour et les chiffres du diaporama
# (mêmes tables de `data/processed/`). Il est rendu en HTML et en Markdown par nbconvert, code
# masqué. Les passages « À compléter » attendent les échanges et les décisions de la séance.

# %% tags=["parameters"]
period = 2022  # int: the year presented at the CLU (PERIOD)
config_path = "config/prefecture.yaml"  # str: the préfecture's configuration, from the project root

# %%
from IPython.display import Markdown, display

from pipeline.context import open_period
from pipeline.facts import load_facts
from pipeline.minutes import minutes_sections

ctx = open_period(period, config_path)
for section in minutes_sections(load_facts(ctx)):
    display(Markdown(section))
