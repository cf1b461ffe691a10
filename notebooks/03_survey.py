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
# # Enquête annuelle de satisfaction des usagers
#
# Le rapport de l'année (`make survey`) : ce notebook met en page les tableaux et graphiques
# calculés par `pipeline/`. Son rendu HTML, sans le code, est
# `output/<année>/enquete_satisfaction_<année>.html` ; tous les tableaux sont aussi dans le
# classeur `.xlsx` à côté.

# %% tags=["parameters"]
period = 2022  # type: int Année présentée au CLU (PERIOD)
config_path = "config/prefecture.yaml"  # type: str Configuration de la préfecture, depuis la racine du projet
build = ""  # type: str Empreinte des entrées, donnée par la chaîne ; vide à la main (rien n'est alors écrit dans data/processed ni output)
update_inputs = False  # type: bool À la main, mettre d'abord à jour par la chaîne les étapes dont ce notebook lit les tables (qui les écrit dans data/processed)
respondents = None  # type: Optional[str] À la main, le rapport des seuls répondants ayant donné cette réponse : « titre de séjour », ou « question: réponse » (« site: Sous-préfecture de Valmont »)
criterion = None  # type: Optional[str] À la main, un critère détaillé en fin de rapport : son code (q_waiting_time) ou son libellé (« délai d'attente »)

# %% tags=["remove-cell"]
# Everything is computed by the package; this notebook lays the report out. Rendered to HTML
# (code hidden) as output/<period>/enquete_satisfaction_<period>.html, tables also in the .xlsx.
from IPython.display import HTML, Markdown, display

from pipeline.compute.survey.analysis import (
    analyse_survey,
    analysis_tables,
    second_survey_tables,
)
from pipeline.core.config import load_questions, load_verbatim_themes
from pipeline.core.datasets import save_tables
from pipeline.core.formatting import format_date_range
from pipeline.core.meeting import load_meeting
from pipeline.explore.survey import Survey
from pipeline.ingest.processed import read_source
from pipeline.outputs.escaping import markdown_text
from pipeline.outputs.state_heading import state_heading_html
from pipeline.outputs.survey_report import charts
from pipeline.outputs.survey_report.tables import report_tables
from pipeline.outputs.survey_report.texts import (
    introduction_text,
    key_figures_text,
    method_text,
    public_service_text,
    quotes_markdown,
    second_survey_text,
    subgroups_text,
    title_text,
    workbook_readme,
)
from pipeline.outputs.survey_report.workbook import write_workbook
from pipeline.run.by_hand import open_step
from pipeline.run.outcome import Outcome, write_outcome


# %% tags=["remove-cell"]
opened = open_step("survey", period, config_path, build, update_inputs)
opened.show()  # by hand (build empty): tables read, nothing written in data/ nor output/
ctx = opened.ctx
# The survey's dates come from the meeting file, when there is one (make survey runs without).
meeting = load_meeting(ctx.paths.meeting) if ctx.paths.meeting.is_file() else None
dates = meeting.survey if meeting else None
window = format_date_range(dates.start, dates.end) if dates else ""
survey_mode = dates.mode if dates else ""
responses = read_source(ctx.paths, "survey_responses", ctx.config)
catalogue = load_questions(ctx.config)
explored = Survey(
    responses, catalogue, load_verbatim_themes(ctx.config), ctx.config.survey, ctx.period
)
if respondents:  # (by hand only: the pipeline never gives one)
    explored = explored.filter(respondents)
    display(Markdown(f"> {markdown_text(explored.selection)}"))
analysis = explored.analysis
second_source = "second_survey_responses"  # a second survey, under its own catalogue
second = analyse_survey(
    read_source(ctx.paths, second_source, ctx.config),
    load_questions(ctx.config, second_source),
    load_verbatim_themes(ctx.config, second_source),
    ctx.config.second_survey, ctx.period,
)  # fmt: skip
save_tables(ctx.paths, "survey", {**analysis_tables(analysis), **second_survey_tables(second)})
tables = report_tables(analysis)
if analysis.questionnaires:
    write_workbook(
        tables,
        ctx.paths.survey_workbook,
        f"Enquête de satisfaction {ctx.period} — {ctx.config.prefecture.name}",
        workbook_readme(analysis, ctx.config.prefecture.name, window),
        build,
    )
    notes = []
else:
    ctx.paths.survey_workbook.unlink(missing_ok=True)  # never the report of other data
    notes = [f"Rapport de l'enquête non produit : aucun questionnaire pour {ctx.period}."]
write_outcome(ctx.paths, Outcome("survey", notes, render=bool(analysis.questionnaires)))

# %%
display(HTML(state_heading_html(ctx.config.prefecture.name)))  # the State's heading block
Markdown(
    title_text(analysis)
    + "\n\n"
    + introduction_text(analysis, ctx.config.prefecture.name, window, survey_mode)
)

# %% [markdown] tags=["toc"]
# *Le rapport HTML affiche ici son sommaire.*

# %% [markdown]
# ## Chiffres clés

# %%
Markdown(key_figures_text(analysis))

# %%
tables["key_figures"]

# %% [markdown]
# ## Satisfaction par critère
#
# La part des répondants satisfaits de chaque critère, avec le nombre de réponses sur lequel elle
# est calculée et son intervalle de confiance : plus n est petit, plus le trait gris est long.

# %%
charts.criterion_chart(analysis)

# %%
tables["criteria"]

# %% [markdown]
# ## Répartition des réponses
#
# Le détail des niveaux de réponse, du plus satisfait au moins satisfait.

# %%
display(*charts.distribution_charts(analysis))

# %%
display(*[table for key, table in tables.items() if key.startswith("distribution")])

# %% [markdown]
# ### Répartition des notes

# %%
marked = [q for q in analysis.catalogue.satisfaction_questions
          if analysis.catalogue.scales[q.type].is_marks]  # fmt: skip
for index, question in enumerate(marked):
    display(charts.marks_chart(analysis, question.column), tables.get(f"marks_{index}", ""))
if not marked:
    display(Markdown("*Aucune question notée dans ce questionnaire.*"))

# %% [markdown]
# ## Évolution sur plusieurs années
#
# Chaque critère comparé aux années précédentes. Une hausse ou une baisse n'est signalée que
# lorsqu'elle est statistiquement significative : un écart de quelques points sur une centaine
# de réponses peut relever du hasard.

# %%
charts.trend_chart(analysis)

# %%
tables["trend"]

# %% [markdown]
# ## Points forts et points faibles

# %%
tables["ranking"]

# %% [markdown]
# ## Indicateurs Services Publics+

# %%
display(Markdown(public_service_text(analysis)), tables["public_service"])

# %% [markdown]
# ## Sous-groupes de répondants

# %%
display(Markdown(subgroups_text(analysis)))
for index, breakdown in enumerate(analysis.breakdowns):
    display(
        Markdown(f"### {markdown_text(breakdown.label)}"),
        charts.group_chart(analysis, breakdown.column),
        tables[f"group_{index}"],
    )

# %% [markdown]
# ## Profil des répondants
#
# Qui a répondu : chaque graphique donne la part des répondants ayant répondu à la question, et
# leur nombre. Le même détail, en tableau, est dans le classeur (onglet « Profil »).

# %%
for column in analysis.choices.loc[analysis.choices["theme"] == "profil", "column"].unique():
    display(charts.choice_chart(analysis, column))

# %% [markdown]
# ## Autres questions

# %%
tables.get("other_questions", Markdown("*Aucune autre question dans le catalogue.*"))

# %% [markdown]
# ## Remarques et suggestions des usagers
#
# Les remarques écrites, classées par thème grâce à un dictionnaire de mots-clés, puis les
# remarques les plus représentatives de chaque thème. Les données personnelles sont masquées
# dès la lecture des fichiers.

# %%
charts.theme_chart(analysis)

# %%
tables["themes"]

# %%
Markdown(quotes_markdown(analysis))

# %% tags=["remove-if-empty"]
# A second survey (by e-mail, at the point numérique…): its own part, only when it has answers.
if second.questionnaires:
    dates = meeting.second_survey if meeting else None
    display(
        Markdown(second_survey_text(
            second, ctx.config.second_survey.title,
            format_date_range(dates.start, dates.end) if dates else "",
            dates.sent if dates else None,
        )),
        report_tables(second)["criteria"],
        Markdown(quotes_markdown(second)),
    )  # fmt: skip

# %% [markdown]
# ## Méthode

# %%
Markdown(method_text(analysis))

# %%
Markdown(
    f"Tous les tableaux de ce rapport, et le détail par année, sont dans le classeur "
    f"`{ctx.paths.survey_workbook.name}`, à côté de ce rapport."
)

# %% [markdown] tags=["remove-cell"]
# ## Un critère en détail
#
# À la main seulement (paramètre `criterion`) : le critère d'année en année, la répartition de
# ses réponses, par sous-groupe, et les remarques des thèmes qui en parlent. Ni le rapport ni
# son classeur ne montrent cette partie.

# %% tags=["remove-cell"]
if criterion:
    display(explored.focus(criterion))
else:
    display(Markdown("*Aucun critère choisi : donnez-en un au paramètre `criterion` (« délai "
                     "d'attente », q_phone…) pour le voir ici en détail.*"))  # fmt: skip
