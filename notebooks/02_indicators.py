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
# Chaque indicateur du catalogue (`pipeline/resources/indicators.yaml`) et chaque indicateur propre
# à la préfecture (`indicators.custom` de sa configuration) que son label montre est calculé à
# partir des registres et des chiffres mensuels, par année (tendance), par trimestre et par mois
# de la période, avec son numérateur, son dénominateur, sa cible et son statut. Une période sans
# demande est « aucune demande » (statut « sans objet »), jamais 0 %. Les délais sont comptés en
# jours ouvrés, sans compter le jour de réception (voir le README).

# %% tags=["parameters"]
period = 2022  # type: int Année présentée au CLU (PERIOD)
config_path = "config/prefecture.yaml"  # type: str Configuration de la préfecture, depuis la racine du projet
build = ""  # type: str Empreinte des entrées, donnée par la chaîne ; vide à la main (rien n'est alors écrit dans data/processed ni output)
update_inputs = False  # type: bool À la main, mettre d'abord à jour par la chaîne les étapes dont ce notebook lit les tables (qui les écrit dans data/processed)

# %%
import pandas as pd

from pipeline.compute.indicators import (
    coverage_lines,
    indicators_table,
    load_source_tables,
    missing_sources,
)
from pipeline.compute.perimeter import left_out_lines
from pipeline.compute.services import service_indicators_table
from pipeline.core.datasets import save_tables
from pipeline.ingest.processed import quarantined_periods
from pipeline.ingest.sources import files_read, years_read
from pipeline.outputs.dashboard.workbook import write_dashboard
from pipeline.run.by_hand import open_step
from pipeline.run.outcome import Outcome, write_outcome

opened = open_step("indicators", period, config_path, build, update_inputs)
opened.show()  # by hand (build empty): tables read, nothing written in data/ nor output/
ctx = opened.ctx
report = pd.read_csv(ctx.paths.ingest_report, sep=";", encoding="utf-8-sig")
years = years_read(report)
tables = load_source_tables(ctx.paths, ctx.config)
indicators = indicators_table(
    tables, ctx.config, ctx.period, years, files_read(report), quarantined_periods(ctx.paths)
)
services = service_indicators_table(tables, ctx.config, ctx.period, years, files_read(report))
save_tables(ctx.paths, "indicators", {"indicators": indicators, "service_indicators": services})
notes = coverage_lines(tables, ctx.config, years)
if indicators.empty:
    ctx.paths.dashboard.unlink(missing_ok=True)  # never the dashboard of other data
    notes.append("Tableau de bord qualité non produit : aucun registre ni chiffre mensuel.")
else:
    write_dashboard(indicators, ctx.paths.dashboard, ctx.period, ctx.config.prefecture.name,
                    years, build, services, ctx.config.indicators.service_min_requests)  # fmt: skip
    print(f"{indicators['code'].nunique()} indicateurs, {len(indicators)} valeurs ; "
          f"classeur : {ctx.paths.dashboard}")  # fmt: skip
notes += missing_sources(tables, ctx.config) + left_out_lines(tables, ctx.config)
write_outcome(ctx.paths, Outcome("indicators", notes))
print("\n".join(notes))

# %% [markdown]
# ## Tableau de bord par module : résultats annuels, cible et statut de l'année

# %%
from pipeline.explore.indicators import Indicators

shown = Indicators(indicators, services, ctx.period)
shown.by("année")

# %% [markdown]
# ## Année présentée : numérateurs et dénominateurs

# %%
shown.results()

# %% [markdown]
# ## Évolution mensuelle de chaque indicateur, avec sa cible
# Un point manquant est un mois sans demande ou sans chiffre (voir le classeur).

# %%
from pipeline.outputs.plots import monthly_indicator_chart

monthly_indicator_chart(indicators, ctx.period)

# %% [markdown]
# ## Résultats par service de l'année (registres)
# Un taux calculé sur trop peu de demandes n'est pas un résultat : il est signalé, sans statut.

# %%
shown.by("service")
