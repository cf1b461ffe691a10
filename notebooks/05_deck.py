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
# # 5. Diaporama du CLU
#
# Le diaporama est construit à partir des tables calculées (`data/processed/<année>/`) et du
# fichier de réunion, sur le modèle 16:9 aux couleurs de l'État ou sur le modèle de la
# préfecture (`template_path`). Les graphiques sont des graphiques PowerPoint natifs, modifiables.

# %% tags=["parameters"]
period = 2022  # type: int Année présentée au CLU (PERIOD)
config_path = "config/prefecture.yaml"  # type: str Configuration de la préfecture, depuis la racine du projet
build = ""  # type: str Empreinte des entrées, donnée par la chaîne ; vide à la main (rien n'est alors écrit dans data/processed ni output)
template_path = None  # type: Optional[str] Modèle PowerPoint de la préfecture (.pptx), sinon le modèle par défaut
update_inputs = False  # type: bool À la main, mettre d'abord à jour par la chaîne les étapes dont ce notebook lit les tables (qui les écrit dans data/processed)

# %%
from pipeline.outputs.deck.storyline import build_deck
from pipeline.outputs.tables import deck_texts_table
from pipeline.run.by_hand import open_step
from pipeline.run.outcome import Outcome, write_outcome

opened = open_step("deck", period, config_path, build, update_inputs)
opened.show()  # by hand (build empty): tables read, nothing written in data/ nor output/
ctx = opened.ctx
deck_path, left_out = build_deck(ctx, template_path, build)
write_outcome(ctx.paths, Outcome("deck", left_out))
print(f"Diaporama écrit : {deck_path}", *left_out, sep="\n")

# %% [markdown]
# ## Relecture : le texte de chaque diapositive

# %%
deck_texts_table(deck_path)
