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
period = 2022  # int: the year presented at the CLU (PERIOD)
config_path = "config/prefecture.yaml"  # str: the préfecture's configuration, from the project root
build = ""  # str: digest of the inputs this run is built from (set by the runner)
template_path = None  # str | None: the préfecture's own .pptx template, else the default one

# %%
from pipeline.core.context import open_period
from pipeline.outputs.deck.storyline import build_deck
from pipeline.run.outcome import Outcome, write_outcome
from pipeline.run.upstream import bring_inputs_up_to_date

bring_inputs_up_to_date("deck", period, config_path, build)  # by hand: inputs first
ctx = open_period(period, config_path)
deck_path, left_out = build_deck(ctx, template_path, build)
write_outcome(ctx.paths, Outcome("deck", left_out))
print(f"Diaporama écrit : {deck_path}", *left_out, sep="\n")

# %% [markdown]
# ## Relecture : le texte de chaque diapositive

# %%
from pptx import Presentation

for number, slide in enumerate(Presentation(deck_path).slides, 1):
    texts = [
        s.text_frame.text.replace("\n", " / ")
        for s in slide.shapes
        if s.has_text_frame and s.text_frame.text
    ]
    print(f"{number:>2}. " + " | ".join(texts)[:160])
