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
# # 2. Indicateurs qualité
#
# Chaque indicateur du catalogue (`pipeline/resources/indicators.yaml`) est calculé à partir des
# registres et des chiffres mensuels, par année (tendance), par trimestre et par mois de la
# période, avec son numérateur, son dénominateur, sa cible et son statut. Une période sans
# demande est « aucune demande » (statut « sans objet »), jamais 0 %. Les délais sont comptés en
# jours ouvrés, sans compter le jour de réception (voir le README).

# %% tags=["parameters"]
period = 2022  # int: the year presented at the CLU (PERIOD)
config_path = "config/prefecture.yaml"  # str: the préfecture's configuration, from the project root

# %%
import pandas as pd

from pipeline.context import open_period
from pipeline.dashboard import write_dashboard
from pipeline.facts import indicator_tables
from pipeline.indicators import (
    MONTH,
    indicators_table,
    load_source_tables,
    missing_sources,
    yearly,
)
from pipeline.ingest import years_read

ctx = open_period(period, config_path)
years = years_read(pd.read_csv(ctx.paths.ingest_report, sep=";", encoding="utf-8-sig"))
tables = load_source_tables(ctx.paths, ctx.config)
indicators = indicators_table(tables, ctx.config, ctx.period, years)
indicators.to_parquet(ctx.paths.table("indicators"), index=False)
write_dashboard(indicators, ctx.paths.dashboard, ctx.period, ctx.config.prefecture.name, years)
print(f"{indicators['code'].nunique()} indicateurs, {len(indicators)} valeurs ; classeur : {ctx.paths.dashboard}")
for line in missing_sources(tables, ctx.config):
    print(f"Indicateur non calculé : {line}")

# %% [markdown]
# ## Tableau de bord par module : résultats annuels, cible et statut de l'année

# %%
from IPython.display import Markdown, display

for table in indicator_tables(indicators, years):
    display(Markdown(f"### Module {table.module} — {table.title}"))
    display(pd.DataFrame(table.rows, columns=table.header).style.hide(axis="index"))

# %% [markdown]
# ## Année présentée : numérateurs et dénominateurs

# %%
current = yearly(indicators)
current[current["year"] == ctx.period][
    ["module", "label", "numerator", "denominator", "value", "na_reason", "target_comparator",
     "target_value", "status", "change", "rule"]
]

# %% [markdown]
# ## Évolution mensuelle de chaque indicateur, avec sa cible
# Un point manquant est un mois sans demande ou sans chiffre (voir le classeur).

# %%
import matplotlib.pyplot as plt
import seaborn as sns

from pipeline.plots import RED, apply_style, percent_axis

apply_style()
monthly = indicators[indicators["granularity"] == MONTH].assign(
    month=lambda df: df["period"].str.slice(5, 7).astype(int)
)
grid = sns.relplot(
    data=monthly, x="month", y="value", col="label", col_wrap=3, kind="line", marker="o",
    height=2.4, aspect=1.6, facet_kws={"sharey": False},
)
for ax, (label, rows) in zip(grid.axes.flat, monthly.groupby("label", sort=False), strict=False):
    ax.set_title(label if len(label) < 60 else label[:57] + "…", fontsize=9)
    if rows["target_value"].notna().any():
        ax.axhline(rows["target_value"].dropna().iloc[0], color=RED, linestyle="--", linewidth=1)
    if rows["unit"].iloc[0] == "%":
        percent_axis(ax.yaxis)
    ax.set(xlabel="mois", ylabel="", xticks=range(1, 13))
plt.show()
