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
period = 2022  # int: the year presented at the CLU (PERIOD)
config_path = "config/prefecture.yaml"  # str: the préfecture's configuration, from the project root
build = ""  # str: digest of the inputs this run is built from (set by the runner)

# %%
import datetime as dt

import matplotlib.pyplot as plt
import seaborn as sns

from pipeline.compute import action_plan, complaints, mystery, trainings
from pipeline.core.context import open_period
from pipeline.core.formatting import format_date
from pipeline.core.meeting import load_meeting
from pipeline.core.periods import history_years
from pipeline.ingest.processed import read_source
from pipeline.outputs import plots

ctx = open_period(period, config_path)
meeting = load_meeting(ctx.paths.meeting) if ctx.paths.meeting.is_file() else None
as_of = meeting.date if meeting else dt.date(ctx.period, 12, 31)  # when actions are late
settings, department = ctx.config.mystery, ctx.config.prefecture.department_code
grid = mystery.load_grid(ctx.config)
table = ctx.paths.table  # data/processed/<period>/<name>.parquet
plots.apply_style()
print(f"Période {ctx.period}, années lues : {history_years(ctx.period, ctx.config.history_years)}")
print(f"Réunion du CLU : {format_date(meeting.date) if meeting else 'pas de fichier de réunion'}")

# %% [markdown]
# ## Appels mystère
#
# Un critère est jugé sur les appels où il a été évalué : « oui » est conforme, « non » ne l'est
# pas, « sans objet » et les cases vides sortent du dénominateur (`evaluated`). Le taux d'une
# étape (SVI, standard, après transfert) et le taux d'ensemble regroupent les évaluations de
# leurs critères (grille : `pipeline/resources/mystery_grid.yaml`).

# %%
calls = read_source(ctx.paths, "mystery_calls")
windows = {}
if meeting and meeting.mystery and meeting.mystery.calls_start and meeting.mystery.calls_end:
    windows[ctx.period] = (meeting.mystery.calls_start, meeting.mystery.calls_end)
compliance = mystery.call_compliance(calls, grid, settings.target)
slots = mystery.calls_by_half_day(calls, settings.afternoon_from, windows, department)
summary = mystery.call_summary(calls, slots, settings.max_rings, settings.min_calls)
rings = mystery.call_rings(calls, settings.max_rings)
points = mystery.call_points(calls, grid, settings.target, settings.max_rings)
outputs = {"mystery_call_compliance": compliance, "mystery_call_slots": slots,
           "mystery_call_summary": summary, "mystery_call_rings": rings,
           "mystery_call_points": points}  # fmt: skip
for name, frame in outputs.items():
    frame.to_parquet(table(name), index=False)
summary.set_index("year").T

# %%
current = compliance[compliance["year"] == ctx.period]
current[["level", "label", "stage_label", "evaluated", "compliant", "rate", "target", "status"]]

# %%
shown = current[current["level"] != "overall"].assign(
    group=lambda f: f["level"].map({"criterion": "Critère", "stage": "Étape (ensemble)"})
)
if not shown.empty:  # nothing to draw without data for the period
    ax = plots.rate_bars(
        shown.assign(label=shown["label"] + " (n = " + shown["evaluated"].astype(str) + ")"),
        y="label", hue="group", target=settings.target,
        title=f"Appels mystère {ctx.period} : taux de conformité par critère et par étape",
    )  # fmt: skip
    plt.show()

# %%
by_stage = compliance[compliance["level"].isin(["stage", "overall"])]
by_stage.pivot_table(index="label", columns="year", values="rate", aggfunc="first", sort=False)

# %% [markdown]
# ### Sonneries avant décroché (appels aboutis) et créneaux des appels
#
# Un appel décroché après plus de `mystery.max_rings` sonneries est signalé. Le protocole
# demande un appel par demi-journée sur la campagne (jours ouvrés) : les demi-journées sans
# appel ou avec plusieurs appels sont signalées.

# %%
over = {False: "dans la limite", True: "au-delà de la limite"}
period_rings = rings[rings["year"] == ctx.period]
if not period_rings.empty:  # nothing to draw without data for the period
    ax = sns.barplot(data=period_rings.assign(flag=period_rings["over_max_rings"].map(over)),
                     x="call_id", y="rings", hue="flag", hue_order=list(over.values()),
                     palette=[plots.BLUE, plots.RED])  # fmt: skip
    plots.target_line(ax, settings.max_rings, horizontal_bars=False,
                      label=f"Limite : {settings.max_rings} sonneries")  # fmt: skip
    plots.count_axis(ax.yaxis)
    title = f"Appels mystère {ctx.period} : sonneries avant décroché, appels aboutis"
    ax.set(xlabel="Appel", ylabel="Sonneries avant décroché", title=title)
    ax.tick_params(axis="x", rotation=90)
    plots.legend_outside(ax)
    plt.show()

# %%
period_slots = slots[slots["year"] == ctx.period]
if not period_slots.empty:  # nothing to draw without data for the period
    grid_view = period_slots.pivot_table(index="slot", columns="day", values="calls", aggfunc="sum")
    grid_view = grid_view.reindex([s for s in mystery.HALF_DAYS if s in grid_view.index])
    grid_view.columns = [format_date(day, "EEE d MMM") for day in grid_view.columns]
    ax = sns.heatmap(grid_view, annot=True, cbar=False, cmap="Blues", linewidths=1, vmin=0, vmax=2)
    ax.set(xlabel="", ylabel="", title=f"Appels par demi-journée ({ctx.period})")
    plt.show()
period_slots[period_slots["protocol"] != mystery.ONE_CALL]

# %% [markdown]
# ### Points positifs et points de vigilance
#
# Un critère au-dessus de la cible est un point positif, en dessous un point de vigilance ; les
# observations de la grille servent de preuves (à relire avant de les citer).

# %%
points[points["year"] == ctx.period][["kind", "label", "evaluated", "rate", "evidence"]]

# %% [markdown]
# ## Courriels mystère
#
# Réponses, accusés de réception et réponses dans le délai sont rapportés aux courriels envoyés
# (un courriel sans réponse est hors délai) ; délai moyen en jours ouvrés sur les courriels
# répondus ; signature, information en cas de transfert et mise en page sur les réponses où le
# critère a été évalué.

# %%
emails = read_source(ctx.paths, "mystery_emails")
email_table = mystery.email_results(
    emails, grid, mystery.email_reply_days(ctx.config), settings.target, department
)
email_table.to_parquet(table("mystery_email_results"), index=False)
email_table.pivot_table(index="label", columns="year", values="value", aggfunc="first", sort=False)

# %%
rates = email_table[(email_table["year"] == ctx.period) & (email_table["unit"] == "%")]
if not rates.empty:  # nothing to draw without data for the period
    ax = plots.rate_bars(
        rates.assign(label=rates["label"] + " (n = " + rates["denominator"].astype(str) + ")"),
        y="label", x="value", target=settings.target,
        title=f"Courriels mystère {ctx.period}",
    )  # fmt: skip
    plt.show()

# %% [markdown]
# ## Réclamations et suggestions
#
# Messages du registre par nature, canal et thème ; la plupart ne sont pas des réclamations
# (« hors champ » : question sur un dossier en cours, autre administration…). Le taux de réponse
# dans le délai suit la règle de l'indicateur `complaints_on_time` (délai par canal, natures
# comptées) ; un message sans réponse est hors délai.

# %%
register = read_source(ctx.paths, "complaints")
rule = complaints.reply_rule(ctx.config)
by_nature = complaints.counts_by(register, "nature")
by_channel = complaints.counts_by(register, "channel")
by_theme = complaints.counts_by(register, "nature", "theme")
replies = complaints.replies_by_channel(register, rule, department)
follow_ups = complaints.follow_ups(register)
outputs = {"complaints_by_nature": by_nature, "complaints_by_channel": by_channel,
           "complaints_by_theme": by_theme, "complaints_replies": replies,
           "complaints_follow_ups": follow_ups}  # fmt: skip
for name, frame in outputs.items():
    frame.to_parquet(table(name), index=False)
print(f"Délais : {rule.days_by_channel} jours ouvrés ; messages comptés : {rule.filters}")
by_nature.pivot_table(index="nature", columns="year", values="count", sort=False)

# %%
if not register.empty:  # nothing to draw without data for the period
    fig, axes = plt.subplots(1, 2, figsize=(13, 4))
    for ax, frame, column, title in [(axes[0], by_nature, "nature", "Messages par nature"),
                                     (axes[1], by_channel, "channel", "Messages par canal")]:
        sns.barplot(data=frame, x="year", y="count", hue=column, ax=ax)
        plots.bar_labels(ax)
        plots.count_axis(ax.yaxis)
        ax.set(xlabel="", ylabel="Messages", title=title)
        plots.legend_outside(ax)
    fig.tight_layout()
    plt.show()

# %%
replies[replies["year"] == ctx.period]

# %%
by_theme[by_theme["year"] == ctx.period].sort_values(["nature", "count"], ascending=[True, False])

# %%
follow_ups[follow_ups["year"] == ctx.period]

# %% [markdown]
# ## Plan d'actions
#
# Une échéance est un mois : l'action est due le dernier jour de ce mois. Elle est en retard si
# ce jour est passé à la date de la réunion et qu'elle n'est ni réalisée ni abandonnée. L'état
# d'avancement est celui du fichier de chaque année.

# %%
plan = read_source(ctx.paths, "action_plan")
actions = action_plan.actions_with_deadlines(plan, as_of)
progress = action_plan.plan_progress(actions)
actions.to_parquet(table("action_plan_actions"), index=False)
progress.to_parquet(table("action_plan_progress"), index=False)
print(f"Retards évalués au {format_date(as_of)}" + (" (date de la réunion)." if meeting else "."))
actions[actions["plan_year"] == ctx.period].drop(columns="as_of")

# %%
if not progress.empty:  # nothing to draw without data for the period
    shares = progress.pivot_table(index="plan_year", columns="status", values="share", sort=False)
    ax = shares[action_plan.status_order()].astype(float).plot.barh(
        stacked=True, color=plots.PALETTE, figsize=(10, 3), width=0.7
    )
    plots.percent_axis(ax.xaxis)
    plots.bar_labels(ax, percent=True, inside=True)
    ax.set(xlabel="Part des actions du plan", ylabel="Plan d'actions", xlim=(0, 1),
           title="Avancement des plans d'actions, par état")  # fmt: skip
    ax.invert_yaxis()
    plots.legend_outside(ax)
    plt.show()
progress.pivot_table(index="status", columns="plan_year", values="count", sort=False)

# %% [markdown]
# ## Formations des agents
#
# Agents formés par formation et par année ; « – » : formation non suivie cette année-là. Le total
# additionne les formations (un agent formé deux fois compte deux fois).

# %%
trained = trainings.agents_trained_by_year(read_source(ctx.paths, "trainings"))
trained.to_parquet(table("trainings_by_year"), index=False)
trained.pivot_table(index="training", columns="year", values="agents_trained", aggfunc="first",
                    sort=False).astype("Int64")  # fmt: skip

# %%
per_training = trained[~trained["is_total"]].dropna(subset=["agents_trained"])
if not per_training.empty:  # nothing to draw without data for the period
    years_shown = per_training["year"].nunique()
    ax = sns.barplot(data=per_training.astype({"agents_trained": int, "year": str}), y="training",
                     x="agents_trained", hue="year", orient="h",
                     palette=plots.PALETTE[:years_shown])  # fmt: skip
    plots.bar_labels(ax)
    plots.count_axis(ax.xaxis)
    ax.set(xlabel="Agents formés", ylabel="", title="Agents formés par formation et par année")
    plots.legend_outside(ax)
    plt.show()
