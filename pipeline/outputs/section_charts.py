"""Charts of the sections after the survey (mystery calls and e-mails, complaints and
suggestions, action plan, trainings), as the analyst's notebook shows them.

Each function takes the section's computed tables and returns a ``Chart`` (PNG with its
alternative text), or a ``NoChart`` sentence when the period has nothing to draw
(:mod:`pipeline.outputs.plots`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.compute.action_plan import status_order
from pipeline.compute.mystery import HALF_DAYS
from pipeline.core.formatting import format_date, format_number
from pipeline.outputs import plots


def _nothing(what: str, period: int) -> plots.NoChart:
    return plots.NoChart(f"{what} : rien à tracer pour {period}.")


def call_criteria_chart(compliance: pd.DataFrame, period: int, target: float):
    """Compliance per criterion and per stage of the mystery calls, with the target."""
    current = compliance[(compliance["year"] == period) & (compliance["level"] != "overall")]
    if current.empty:
        return _nothing("Appels mystère", period)
    shown = current.assign(
        group=current["level"].map({"criterion": "Critère", "stage": "Étape (ensemble)"}),
        label=current["label"] + " (n = " + current["evaluated"].astype(str) + ")",
    )
    title = f"Appels mystère {period} : conformité par critère et par étape"
    ax = plots.rate_bars(shown, y="label", hue="group", target=target, title=title)
    alt = f"Barres : taux de conformité des appels mystère {period} par critère et par étape."
    return plots.Chart(ax.get_figure(), alt)


def rings_chart(rings: pd.DataFrame, period: int, max_rings: int):
    """Rings before pick-up of each answered call, those beyond the limit in red."""
    import matplotlib.pyplot as plt

    current = rings[rings["year"] == period]
    if current.empty:
        return _nothing("Sonneries", period)
    plots.apply_style()
    over = {False: "dans la limite", True: "au-delà de la limite"}
    figure, ax = plt.subplots(figsize=(10, 3.5))
    flagged = current.assign(flag=current["over_max_rings"].map(over))
    colours = [plots.BLUE if flag == over[False] else plots.RED
               for flag in dict.fromkeys(flagged["flag"])]  # fmt: skip
    plots.grouped_bars(ax, flagged, category="call_id", value="rings", hue="flag", dodge=False,
                       colours=colours)  # fmt: skip
    plots.target_line(ax, max_rings, horizontal_bars=False, label=f"Limite : {max_rings} sonneries")
    plots.count_axis(ax.yaxis)
    ax.set(xlabel="Appel", ylabel="Sonneries avant décroché",
           title=f"Appels mystère {period} : sonneries avant décroché, appels aboutis")  # fmt: skip
    ax.tick_params(axis="x", rotation=90)
    plots.legend_outside(ax)
    return plots.Chart(figure, f"Barres : sonneries avant décroché de chaque appel, {period}.")


def half_day_chart(slots: pd.DataFrame, period: int):
    """Calls per half-day of the campaign (the protocol asks for one per half-day)."""
    import matplotlib.pyplot as plt

    current = slots[slots["year"] == period]
    if current.empty:
        return _nothing("Demi-journées", period)
    plots.apply_style()
    view = current.pivot_table(index="slot", columns="day", values="calls", aggfunc="sum")
    view = view.reindex([slot for slot in HALF_DAYS if slot in view.index])
    view.columns = [format_date(day, "EEE d MMM") for day in view.columns]
    figure, ax = plt.subplots(figsize=(max(6, 0.6 * len(view.columns)), 2.6))
    counts = view.to_numpy(dtype=float)
    ax.pcolormesh(counts, cmap="Blues", vmin=0, vmax=2, edgecolors="white", linewidth=1)
    for (row, column), calls in np.ndenumerate(counts):
        if calls == calls:  # (no call planned that half-day: an empty cell)
            ax.text(column + 0.5, row + 0.5, format_number(calls), ha="center",
                    va="center", color="white" if calls >= 1.5 else "black")  # fmt: skip
    ax.set_xticks([i + 0.5 for i in range(len(view.columns))], view.columns, rotation=90)
    ax.set_yticks([i + 0.5 for i in range(len(view.index))], view.index, rotation=0)
    ax.set_ylim(len(view.index), 0)
    ax.grid(False)
    ax.set(xlabel="", ylabel="", title=f"Appels par demi-journée ({period})")
    return plots.Chart(figure, f"Carte : nombre d'appels mystère par demi-journée, {period}.")


def email_chart(results: pd.DataFrame, period: int, target: float):
    """The mystery e-mails' rates, with the target."""
    rates = results[(results["year"] == period) & (results["unit"] == "%")]
    if rates.empty:
        return _nothing("Courriels mystère", period)
    shown = rates.assign(label=rates["label"] + " (n = " + rates["denominator"].astype(str) + ")")
    ax = plots.rate_bars(shown, y="label", x="value", target=target,
                         title=f"Courriels mystère {period}")  # fmt: skip
    return plots.Chart(ax.get_figure(), f"Barres : résultats des courriels mystère {period}.")


def messages_chart(by_nature: pd.DataFrame, by_channel: pd.DataFrame):
    """The register's messages per nature and per channel, year by year."""
    import matplotlib.pyplot as plt

    if by_nature.empty or not by_nature["count"].sum():
        return plots.NoChart("Réclamations et suggestions : aucun message à tracer.")
    plots.apply_style()
    figure, axes = plt.subplots(1, 2, figsize=(13, 4))
    panels = ((axes[0], by_nature, "nature", "Messages par nature"),
              (axes[1], by_channel, "channel", "Messages par canal"))  # fmt: skip
    for ax, frame, column, title in panels:
        plots.grouped_bars(ax, frame.sort_values("year"), category="year", value="count",
                           hue=column)  # fmt: skip
        plots.bar_labels(ax)
        plots.count_axis(ax.yaxis)
        ax.set(xlabel="", ylabel="Messages", title=title)
        plots.legend_outside(ax)
    figure.tight_layout()
    return plots.Chart(figure, "Barres : messages du registre par nature et par canal, par année.")


def plan_progress_chart(progress: pd.DataFrame):
    """The share of each plan's actions in each status."""
    if progress.empty:
        return plots.NoChart("Plan d'actions : aucune action à tracer.")
    plots.apply_style()
    shares = progress.pivot_table(index="plan_year", columns="status", values="share", sort=False)
    ordered = [status for status in status_order() if status in shares.columns]
    ax = shares[ordered].astype(float).plot.barh(stacked=True, color=plots.PALETTE,
                                                 figsize=(10, 3), width=0.7)  # fmt: skip
    plots.percent_axis(ax.xaxis)
    plots.bar_labels(ax, percent=True, inside=True)
    ax.set(xlabel="Part des actions du plan", ylabel="Plan d'actions", xlim=(0, 1),
           title="Avancement des plans d'actions, par état")  # fmt: skip
    ax.invert_yaxis()
    plots.legend_outside(ax)
    return plots.Chart(ax.get_figure(), "Barres empilées : avancement des plans d'actions.")


def trainings_chart(trained: pd.DataFrame):
    """Agents trained per training and per year (a training not given a year has no bar)."""
    import matplotlib.pyplot as plt

    per_training = trained[~trained["is_total"]].dropna(subset=["agents_trained"])
    if per_training.empty:
        return plots.NoChart("Formations : aucune formation à tracer.")
    plots.apply_style()
    figure, ax = plt.subplots(figsize=(10, 0.45 * per_training["training"].nunique() + 1.5))
    plots.grouped_bars(ax, per_training, category="training", value="agents_trained", hue="year",
                       horizontal=True)  # fmt: skip
    plots.bar_labels(ax)
    plots.count_axis(ax.xaxis)
    ax.set(xlabel="Agents formés", ylabel="", title="Agents formés par formation et par année")
    plots.legend_outside(ax)
    return plots.Chart(figure, "Barres : agents formés par formation et par année.")
