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
# # Explorer l'enquête et les indicateurs — modèle à copier
#
# **Copiez ce notebook avant de l'utiliser** : clic droit sur son nom dans l'explorateur de
# fichiers, « Duplicate », puis renommez la copie `exploration_<sujet>.ipynb`. Ce modèle n'est
# pas une étape de la chaîne : rien de ce qu'il fait n'écrit dans `data/processed/` ni dans
# `output/`. Il lit les tables que la chaîne a faites (`make clu-deck PERIOD=2022` dans un
# terminal, si ce n'est déjà fait).
#
# Chaque tableau s'affiche en français (nombres au format du projet, en-têtes lisibles, textes
# entiers) ; ses valeurs brutes sont à un appel : `.raw`. Les questions se désignent par leur
# code (`procedures`) ou leur libellé (« Quelle(s) démarche(s) ? »), les réponses telles
# qu'elles s'écrivent, accents et majuscules indifférents.

# %% tags=["parameters"]
period = 2022  # type: int Année explorée
config_path = "config/prefecture.yaml"  # type: str Configuration de la préfecture, depuis la racine du projet

# %%
from pipeline.explore import indicators, survey

s = survey(period, config_path)
s

# %% [markdown]
# ## La satisfaction par site de ceux qui sont venus pour un titre de séjour
#
# `filter` garde les répondants qui ont donné une réponse (une démarche cochée parmi d'autres
# compte) ; `satisfaction(by=…)` croise chaque critère avec une question.

# %%
s.filter("titre de séjour").satisfaction(by="site")

# %% [markdown]
# ## Le délai d'attente depuis 2020
#
# Le taux de chaque année, et l'écart de l'année présentée avec chacune : significatif ou non
# (test exact de Fisher, comme dans le rapport).

# %%
s.trend("délai d'attente", since=2020)

# %% [markdown]
# ## Les remarques qui parlent du téléphone
#
# Par mots (« téléphon* » trouve téléphone, téléphonique… ; un numéro masqué,
# « [téléphone masqué] », n'est jamais trouvé) ou par thème du dictionnaire des remarques.

# %%
s.remarks("téléphon*")

# %%
s.remarks(theme="Téléphone")

# %% [markdown]
# ## Autres vues de l'enquête

# %%
s.crosstab("visit_reason", "site", share=True)

# %%
s.questions

# %%
s.responses

# %% [markdown]
# ## Les indicateurs qualité
#
# Par année, trimestre ou mois, par module ou engagement, par service ; `filter` choisit un
# module, un engagement, un thème ou des mots du libellé.

# %%
ind = indicators(period, config_path)
ind

# %%
ind.by("trimestre")

# %%
ind.filter(words="courriel").by("mois")

# %%
ind.by("service")

# %% [markdown]
# ## Les valeurs brutes
#
# Un tableau est un DataFrame pandas : triez-le, filtrez-le, calculez ; `.raw` le rend sans
# mise en forme, pour un calcul ou un export (`.raw.to_excel("mon_fichier.xlsx")`, dans un
# dossier à vous, jamais `data/processed/` ni `output/`).

# %%
s.trend("délai d'attente").raw

# %% [markdown]
# ## D'une exploration à un document
#
# Une exploration qui mérite de revenir chaque année devient un produit : sa logique va dans
# `pipeline/` (une fonction nommée d'après ce qu'elle rend, testée dans `tests/`), son tableau ou
# son graphique dans le notebook de l'étape qui l'utilise (`03_survey.py` pour l'enquête), puis
# `make sync-notebooks` et `make clu-deck` : la chaîne le refait, avec sa trace. Voir le README,
# « Explorer les données (JupyterLab) ».
