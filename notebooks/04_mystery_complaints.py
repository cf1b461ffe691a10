# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 4. Appels mystère, réclamations et suggestions
#
# Premier volet : le décompte des messages du registre des réclamations et suggestions par
# nature (réclamation, suggestion, remerciement, hors champ) et par année.

# %% tags=["parameters"]
period = 2022  # int: the year presented at the CLU (PERIOD)
config_path = "config/prefecture.yaml"  # str: the préfecture's configuration, from the project root

# %%
import pandas as pd

from pipeline.complaints import counts_by
from pipeline.context import open_period

ctx = open_period(period, config_path)
register = pd.read_parquet(ctx.paths.table("complaints"))
by_nature = counts_by(register, "nature")
by_nature.to_parquet(ctx.paths.table("complaints_by_nature"), index=False)
by_nature.pivot_table(index="nature", columns="year", values="count", sort=False)

# %% [markdown]
# ## Par canal et par thème, année présentée

# %%
current = register[register["year"] == ctx.period]
current.groupby(["channel", "nature"]).size().unstack(fill_value=0)

# %%
current.groupby("theme").size().sort_values(ascending=False)
