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
# # 7. Transparence : l'affiche et les données ouvertes
#
# Les deux labels demandent de publier les résultats : l'« affiche Transparence publique »
# (Qual-e-pref, dans le hall et sur le site, chaque trimestre) et « Vous avez accès à nos
# résultats » (Services Publics+ : qualité rendue et qualité perçue, au moins chaque année, sur
# place et en données ouvertes). Ce carnet écrit les affiches de l'année et de chaque trimestre
# (HTML) et le fichier `resultats_<année>.csv`, décrit par son schéma (Table Schema). `make
# transparence` en fait ensuite le PDF et l'image PNG.

# %% tags=["parameters"]
period = 2022  # type: int Année présentée au CLU (PERIOD)
config_path = "config/prefecture.yaml"  # type: str Configuration de la préfecture, depuis la racine du projet
build = ""  # type: str Empreinte des entrées, donnée par la chaîne ; vide à la main (rien n'est alors écrit dans data/processed ni output)
update_inputs = False  # type: bool À la main, mettre d'abord à jour par la chaîne les étapes dont ce notebook lit les tables (qui les écrit dans data/processed)

# %%
from pipeline.core.datasets import read_tables, tables_read_by
from pipeline.core.schemes import load_scheme
from pipeline.facts.results import open_data_table
from pipeline.facts.structure import structure_id_warning
from pipeline.outputs.transparence.open_data import write_open_data
from pipeline.outputs.tables import french
from pipeline.outputs.transparence.poster import poster_lines_table, write_posters
from pipeline.run.by_hand import open_step
from pipeline.run.outcome import Outcome, write_outcome

opened = open_step("transparence", period, config_path, build, update_inputs)
opened.show()  # by hand (build empty): tables read, nothing written in data/ nor output/
ctx = opened.ctx
tables = read_tables(ctx.paths, tables_read_by("transparence"))
scheme = load_scheme(ctx.config)
results = open_data_table(tables["indicators"], tables["survey_rates"],
                          tables["service_indicators"], ctx.config, ctx.period,
                          tables["feedback_summary"], tables["second_survey_rates"])  # fmt: skip
write_open_data(results, ctx.paths.open_data)
posters, notes = write_posters(ctx, tables, scheme)
notes += list(filter(None, [structure_id_warning(ctx.config, ctx.period)]))  # no SIRET: said
write_outcome(ctx.paths, Outcome("transparence", notes))
print(f"{len(results)} lignes de résultats : {ctx.paths.open_data}")
print("\n".join([*(str(p) for p in ctx.paths.posters), *notes]))

# %% [markdown]
# ## L'affiche de l'année, telle qu'un visiteur la lit

# %%
french(poster_lines_table(posters[0]))

# %% [markdown]
# ## Le fichier de données ouvertes (premières lignes)

# %%
french(results.head(12))
