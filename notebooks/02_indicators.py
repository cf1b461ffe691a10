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
# # 2. Indicateurs qualité
#
# Chaque indicateur du catalogue (`pipeline/resources/indicators.yaml`) est calculé par année
# à partir des registres et des chiffres mensuels, avec son numérateur, son dénominateur, sa
# cible et son statut. Une année sans demande est « sans objet », jamais 0 %.

# %% tags=["parameters"]
period = 2022  # int: the year presented at the CLU (PERIOD)
config_path = "config/prefecture.yaml"  # str: the préfecture's configuration, from the project root

# %%
from pipeline.context import open_period
from pipeline.indicators import indicators_table, load_source_tables
from pipeline.periods import history_years

ctx = open_period(period, config_path)
years = history_years(ctx.period, ctx.config.history_years)
indicators = indicators_table(load_source_tables(ctx.paths, ctx.config), ctx.config, years)
indicators.to_parquet(ctx.paths.table("indicators"), index=False)

# %% [markdown]
# ## Tableau de bord : valeurs par année

# %%
indicators.pivot_table(
    index=["module", "theme", "label"], columns="year", values="value", aggfunc="first", sort=False
)

# %% [markdown]
# ## Année présentée : numérateur, dénominateur, cible, statut

# %%
indicators[indicators["year"] == ctx.period][
    ["module", "label", "numerator", "denominator", "value", "target_comparator", "target_value", "status"]
]
