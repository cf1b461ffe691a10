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

# %% [markdown] tags=["remove-cell"]
# # 6. Projet de compte rendu
#
# Le projet se lit comme le compte rendu d'une préfecture : bloc de l'État, participants par
# collège, ouverture de la séance, chaque point de l'ordre du jour raconté avec ses chiffres et
# son message — les mêmes phrases que les titres du diaporama (`pipeline/facts/`) —, les
# échanges, les décisions et les suites, la clôture et la signature, puis les tableaux en
# annexe. Il est écrit en Word (.docx) pour le secrétariat, en HTML et en Markdown. Les passages
# « à compléter » attendent ce que seule la séance dira (réponses, avis, heure de clôture).

# %% tags=["parameters"]
period = 2022  # type: int Année présentée au CLU (PERIOD)
config_path = "config/prefecture.yaml"  # type: str Configuration de la préfecture, depuis la racine du projet
build = ""  # type: str Empreinte des entrées, donnée par la chaîne ; vide à la main (rien n'est alors écrit dans data/processed ni output)
update_inputs = False  # type: bool À la main, mettre d'abord à jour par la chaîne les étapes dont ce notebook lit les tables (qui les écrit dans data/processed)

# %%
from IPython.display import Markdown, display

from pipeline.core.formatting import format_date
from pipeline.facts.documents import load_facts
from pipeline.outputs.minutes.draft import minutes_sections
from pipeline.outputs.minutes.page import write_html
from pipeline.outputs.minutes.render import minutes_markdown, write_docx
from pipeline.run.by_hand import open_step

opened = open_step("minutes", period, config_path, build, update_inputs)
opened.show()  # by hand (build empty): tables read, nothing written in data/ nor output/
ctx = opened.ctx
facts = load_facts(ctx)
sections = minutes_sections(facts)
title = f"Projet de compte rendu du CLU du {facts.meeting.date:%d/%m/%Y}"
footer = f"{facts.meeting.committee} — {format_date(facts.meeting.date)}"
write_docx(sections, ctx.paths.minutes_docx, title, facts.meeting.date, build, footer)
write_html(sections, ctx.paths.minutes_html, f"Projet de compte rendu du CLU {period}", build)
for text in minutes_markdown(sections):
    display(Markdown(text))
