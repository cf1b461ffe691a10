# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 1. Lecture et contrôle des données brutes
#
# Chaque export de `data/raw/<année>/` est lu, ses en-têtes sont rapprochés des colonnes du
# contrat de données (`docs/data-contract.md`), chaque valeur est typée et contrôlée.
# Les lignes en erreur partent en quarantaine avec le fichier, la ligne, la colonne et le motif ;
# les textes libres sont expurgés des données personnelles. `data/raw/` n'est jamais modifié.

# %% tags=["parameters"]
period = 2022  # int: the year presented at the CLU (PERIOD)
config_path = "config/prefecture.yaml"  # str: the préfecture's configuration, from the project root
build = ""  # str: digest of the inputs this run is built from (set by the runner)

# %%
import pandas as pd

from pipeline.core.context import check_period_has_data, open_period
from pipeline.ingest.report import report_lines
from pipeline.ingest.sources import ingest

ctx = open_period(period, config_path)
check_period_has_data(ctx)  # a year without any file: said in French, before anything is read
report = ingest(ctx.config, ctx.paths)
print("\n".join(report_lines(report)))

# %% [markdown]
# ## Comptes par source : lignes lues = gardées + en quarantaine

# %%
report

# %% [markdown]
# ## Lignes mises en quarantaine
# À corriger dans l'export d'origine (ou à laisser de côté en connaissance de cause).

# %%
pd.read_csv(ctx.paths.quarantine, sep=";", encoding="utf-8-sig")
