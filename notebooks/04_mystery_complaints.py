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
# # 4. Appels et courriels mystère, réclamations et suggestions, plan d'actions, formations
#
# Les sections que chaque CLU présente après les indicateurs et l'enquête de satisfaction.
# Chaque tableau est écrit dans `data/processed/<année>/` pour le diaporama et le compte rendu ;
# les règles de calcul sont dans le README (« Choix faits ») et dans les modules `pipeline/`.

# %% tags=["parameters"]
period = 2022  # type: int Année présentée au CLU (PERIOD)
config_path = "config/prefecture.yaml"  # type: str Configuration de la préfecture, depuis la racine du projet
build = ""  # type: str Empreinte des entrées, donnée par la chaîne ; vide à la main (rien n'est alors écrit dans data/processed ni output)
update_inputs = False  # type: bool À la main, mettre d'abord à jour par la chaîne les étapes dont ce notebook lit les tables (qui les écrit dans data/processed)

# %%
import datetime as dt

from IPython.display import display

from pipeline.compute import action_plan, complaints, feedback, mystery, trainings, tutoring
from pipeline.core.config import load_verbatim_themes
from pipeline.core.datasets import save_tables
from pipeline.core.formatting import format_date
from pipeline.core.meeting import load_meeting
from pipeline.ingest.processed import read_source
from pipeline.outputs import section_charts as charts
from pipeline.outputs.tables import absent_source, french_table
from pipeline.run.by_hand import open_step

opened = open_step("mystery_complaints", period, config_path, build, update_inputs)
opened.show()  # by hand (build empty): tables read, nothing written in data/ nor output/
ctx = opened.ctx
meeting = load_meeting(ctx.paths.meeting) if ctx.paths.meeting.is_file() else None
as_of = meeting.date if meeting else dt.date(ctx.period, 12, 31)  # when an action is late
department, settings = ctx.config.prefecture.department_code, ctx.config.mystery
grid = mystery.load_grid(ctx.config)
calls = mystery.call_tables(
    read_source(ctx.paths, "mystery_calls"), grid, settings,
    mystery.campaign_windows(meeting, ctx.period), department,
)  # fmt: skip
emails = mystery.email_tables(
    read_source(ctx.paths, "mystery_emails"), grid, ctx.config, department
)
rule = complaints.reply_rule(ctx.config)
register = complaints.register_tables(read_source(ctx.paths, "complaints"), rule, department)
plan = action_plan.plan_tables(read_source(ctx.paths, "action_plan"), as_of)
trained = trainings.training_tables(read_source(ctx.paths, "trainings"))
tutored = tutoring.tutoring_tables(read_source(ctx.paths, "tutoring_sessions", ctx.config))
shared = feedback.feedback_tables(read_source(ctx.paths, "feedback_platform", ctx.config),
                                  ctx.config.feedback, load_verbatim_themes(ctx.config,
                                  "feedback_platform"), ctx.period)  # fmt: skip
save_tables(ctx.paths, "mystery_complaints",
            {**calls, **emails, **register, **plan, **trained, **tutored, **shared})  # fmt: skip
print(f"Période {ctx.period} ; retards du plan d'actions évalués au {format_date(as_of)}"
      + (" (date de la réunion)." if meeting else "."))  # fmt: skip

# %% [markdown]
# ## Appels mystère
#
# Un critère est jugé sur les appels où il a été évalué : « oui » est conforme, « non » ne l'est
# pas, « sans objet » et les cases vides sortent du dénominateur (« évalués »). Le taux d'une
# étape (SVI, standard, après transfert) et le taux d'ensemble regroupent les évaluations de
# leurs critères, selon la grille des appels mystère.

# %%
compliance = calls["mystery_call_compliance"]
french_table(compliance[compliance["year"] == ctx.period], {
    "label": ("Critère", "text"), "stage_label": ("Étape", "text"),
    "evaluated": ("Appels évalués", "count"), "compliant": ("Conformes", "count"),
    "rate": ("Taux", "percent"), "target": ("Cible", "percent"), "status": ("Statut", "text"),
})  # fmt: skip

# %%
charts.call_criteria_chart(compliance, ctx.period, settings.target)

# %% [markdown]
# ### Sonneries avant décroché et créneaux des appels
#
# Un appel décroché après plus de sonneries que la limite est signalé. Le protocole demande un
# appel par demi-journée sur la campagne (jours ouvrés) : les demi-journées sans appel ou avec
# plusieurs appels sont signalées.

# %%
display(charts.rings_chart(calls["mystery_call_rings"], ctx.period, settings.max_rings),
        charts.half_day_chart(calls["mystery_call_slots"], ctx.period))  # fmt: skip

# %% [markdown]
# ### Points positifs et points de vigilance
#
# Un critère au niveau de la cible ou au-dessus est un point positif, en dessous un point de
# vigilance ; les observations de la grille servent de preuves (à relire avant de les citer).

# %%
points = calls["mystery_call_points"]
french_table(points[points["year"] == ctx.period], {
    "kind": ("Point", "text"), "label": ("Critère", "text"),
    "evaluated": ("Appels évalués", "count"), "rate": ("Taux", "percent"),
    "evidence": ("Observations citées", "text"),
})  # fmt: skip

# %% [markdown]
# ## Courriels mystère
#
# Réponses, accusés de réception et réponses dans le délai sont rapportés aux courriels envoyés
# (un courriel sans réponse est hors délai) ; délai moyen en jours ouvrés sur les courriels
# répondus ; signature, information en cas de transfert et mise en page sur les réponses où le
# critère a été évalué.

# %%
results = emails["mystery_email_results"]
display(french_table(results[results["year"] == ctx.period], {
    "label": ("Critère", "text"), "numerator": ("Nombre", "count"),
    "denominator": ("Sur", "count"), "value": ("Résultat", "value"), "status": ("Statut", "text"),
}), charts.email_chart(results, ctx.period, settings.target))  # fmt: skip

# %% [markdown]
# ## Réclamations et suggestions
#
# Messages du registre par nature, canal et thème ; la plupart ne sont pas des réclamations
# (« hors champ » : question sur un dossier en cours, autre administration…). Le taux de réponse
# dans le délai suit la règle de l'indicateur des réclamations (délai par canal, natures
# comptées) ; un message sans réponse est hors délai.

# %%
charts.messages_chart(register["complaints_by_nature"], register["complaints_by_channel"])

# %%
replies = register["complaints_replies"]
french_table(replies[replies["year"] == ctx.period], {
    "channel": ("Canal", "text"), "limit_days": ("Délai annoncé (jours ouvrés)", "count"),
    "messages": ("Messages", "count"), "on_time_rate": ("Dans le délai", "percent"),
    "mean_delay": ("Délai moyen", "days"),
})  # fmt: skip

# %%
follow = register["complaints_follow_ups"]
french_table(follow[follow["year"] == ctx.period], {
    "nature": ("Nature", "text"), "theme": ("Thème", "text"),
    "follow_up": ("Suite donnée", "text"), "count": ("Messages", "count"),
})  # fmt: skip

# %% [markdown]
# ## Plan d'actions
#
# Une échéance est un mois : l'action est due le dernier jour de ce mois. Elle est en retard si
# ce jour est passé à la date de la réunion et qu'elle n'est ni réalisée ni abandonnée. L'état
# d'avancement est celui du fichier de chaque année.

# %%
actions = plan["action_plan_actions"]
display(french_table(actions[actions["plan_year"] == ctx.period], {
    "objective": ("Objectif", "text"), "action": ("Action", "text"), "owner": ("Pilote", "text"),
    "due_on": ("Échéance", "month"), "status": ("État", "text"), "late": ("En retard", "yes_no"),
}), charts.plan_progress_chart(plan["action_plan_progress"]))  # fmt: skip

# %% [markdown]
# ## Formations des agents
#
# Agents formés par formation et par année ; « – » : formation non suivie cette année-là. Le total
# additionne les participations (un agent formé deux fois compte deux fois).

# %%
charts.trainings_chart(trained["trainings_by_year"])

# %% [markdown]
# ## Tutorat et accompagnement des agents
#
# Séances par type et par thème, agents accompagnés et heures ; le total additionne les séances
# (un agent accompagné deux fois compte deux fois).

# %%
tutoring_table = tutored["tutoring_by_year"]
french_table(tutoring_table, {
    "kind": ("Type", "text"), "topic": ("Thème", "text"), "year": ("Année", "text"),
    "sessions": ("Séances", "count"), "agents": ("Agents accompagnés", "count"),
    "hours": ("Heures", "number"),
}, empty=absent_source(ctx.config, "tutoring_sessions"))  # fmt: skip

# %% [markdown]
# ## Plateforme d'avis des usagers
#
# Les expériences partagées sur la plateforme (« Donnez votre avis ») par les usagers des
# structures de la préfecture (`feedback.structures`), par année : ressenti, note, réponse
# apportée ; puis leurs thèmes (dictionnaire de mots-clés de l'enquête) et les expériences citées.

# %%
no_feedback = absent_source(ctx.config, "feedback_platform")
display(french_table(shared["feedback_summary"], {
    "year": ("Année", "text"), "experiences": ("Expériences", "count"),
    "positive": ("Positives", "count"), "neutral": ("Neutres", "count"),
    "negative": ("Négatives", "count"), "mean_rating": ("Note moyenne", "number"),
    "replied": ("Avec réponse", "count"), "reply_share": ("Part avec réponse", "percent"),
}, empty=no_feedback), french_table(shared["feedback_themes"][shared["feedback_themes"]["count"] > 0], {
    "year": ("Année", "text"), "theme": ("Thème", "text"), "count": ("Expériences", "count"),
    "critical": ("Négatives", "count"),
}, empty="" if no_feedback else None))  # fmt: skip
