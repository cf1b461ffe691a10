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
period = 2022  # type: int Année présentée au CLU (PERIOD)
config_path = "config/prefecture.yaml"  # type: str Configuration de la préfecture, depuis la racine du projet
build = ""  # type: str Empreinte des entrées, donnée par la chaîne ; vide à la main (rien n'est alors écrit dans data/processed ni output)

# %%
from pipeline.ingest.report import report_lines
from pipeline.ingest.sources import ingest
from pipeline.outputs.tables import ingest_report_table, quarantine_shown
from pipeline.run.by_hand import open_step

opened = open_step("ingest", period, config_path, build)
opened.show()  # by hand (build empty): tables read, nothing written in data/ nor output/
ctx = opened.ctx
report = ingest(ctx.config, ctx.paths)
print("\n".join(report_lines(report)))

# %% [markdown]
# ## Comptes par source : lignes lues = gardées + en quarantaine

# %%
ingest_report_table(report)

# %% [markdown]
# ## Lignes mises en quarantaine
# À corriger dans l'export d'origine (ou à laisser de côté en connaissance de cause).

# %%
quarantine_shown(ctx.paths.quarantine)
