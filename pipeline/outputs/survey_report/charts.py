"""The survey report's charts, in the shared style of :mod:`pipeline.plots`: the State's palette,
French labels and percents, the target as a dashed rouge Marianne line, sizes made to be read
when projected. Each function takes the :class:`~pipeline.survey_report.SurveyAnalysis` and
returns a :class:`~pipeline.plots.Chart` whose caption gives its n.
"""

from __future__ import annotations

import functools
import textwrap

import numpy as np
import pandas as pd

from pipeline.compute.survey.analysis import SurveyAnalysis
from pipeline.compute.survey.satisfaction import NO_USABLE_ANSWER, NO_USABLE_ANSWER_WHY
from pipeline.core.formatting import format_number, format_percent
from pipeline.outputs.plots import (
    BLUE,
    GREY,
    RED,
    Chart,
    NoChart,
    apply_style,
    percent_axis,
    target_line,
)
from pipeline.outputs.survey_report.tables import group_order

LIGHT_BLUE, LIGHT_RED, MID_GREY = "#6A6AF4", "#F4A09C", "#929292"
SUCCESS, WARNING = "#18753C", "#B34000"
WIDTH = 10.5  # inches: about 1 150 pixels at 110 dpi, the report's width
LABEL_WIDTH = 44  # characters per line of a criterion's label


def _when_answered(draw):
    """Draw the chart only when the period has questionnaires."""

    @functools.wraps(draw)
    def chart(analysis: SurveyAnalysis, *args, **kwargs):
        if analysis.questionnaires == 0:
            return NoChart(f"Aucun questionnaire pour {analysis.period} : graphique non tracé.")
        return draw(analysis, *args, **kwargs)

    return chart


def _label(text: str, n: int | None = None) -> str:
    wrapped = textwrap.fill(str(text), LABEL_WIDTH)
    return wrapped if n is None else f"{wrapped} (n = {format_number(n)})"


def _height(rows: int, per_row: float = 0.52, extra: float = 1.3, least: float = 2.6) -> float:
    return max(least, per_row * rows + extra)


def _figure(rows: int, per_row: float = 0.52, extra: float = 1.3, least: float = 2.6):
    import matplotlib.pyplot as plt

    apply_style()
    return plt.subplots(figsize=(WIDTH, _height(rows, per_row, extra, least)))


def _legend_below(ax, ncol: int, handles=None, gap_inches: float = 0.75) -> None:
    """The legend centred under the chart, clear of the axis' labels."""
    fig = ax.get_figure()
    height = ax.get_position().height * fig.get_figheight()
    options = {"handles": handles} if handles is not None else {}
    ax.legend(**options, loc="upper center", bbox_to_anchor=(0.5, -gap_inches / height),
              ncol=ncol, frameon=False)  # fmt: skip


def _category_colours(categories: pd.Series) -> list[str]:
    """Colours of a scale's answers: blues for satisfied, greys for neutral, reds for not."""
    colours, dissatisfied = [], int((categories == "dissatisfied").sum())
    seen = 0
    for category in categories:
        if category == "very_satisfied":
            colours.append(BLUE)
        elif category == "satisfied":
            colours.append(LIGHT_BLUE)
        elif category == "neutral":
            colours.append(MID_GREY)
        else:
            seen += 1
            colours.append(RED if seen == dissatisfied else LIGHT_RED)
    return colours


@_when_answered
def criterion_chart(analysis: SurveyAnalysis) -> Chart:
    """Satisfaction rate per criterion with its 95 % interval, the target line; bars below
    target in orange, bars on too few answers hatched."""
    import seaborn as sns
    from matplotlib.patches import Patch

    current = analysis.current[analysis.current["n"] > 0].reset_index(drop=True)
    if current.empty:
        return NoChart(f"Aucun critère n'a de réponse exploitable en {analysis.period} "
                       f"(« Non concerné » ou sans réponse) : graphique non tracé.")  # fmt: skip
    min_n = analysis.settings.min_reliable_n
    data = current.assign(
        shown=[_label(r.label, r.n) for r in current.itertuples()],
        rate=current["rate"].astype(float),
    )
    colours = [WARNING if below else BLUE for below in data["below_target"].astype(bool)]
    fig, ax = _figure(len(data))
    sns.barplot(data=data, y="shown", x="rate", hue="shown", palette=colours, legend=False,
                orient="h", ax=ax, saturation=1)  # fmt: skip
    for patch, small in zip(ax.patches, data["small_sample"], strict=False):
        if small:
            patch.set_hatch("///")
            patch.set_alpha(0.6)
    low, high = data["ci_low"].astype(float), data["ci_high"].astype(float)
    ax.errorbar(data["rate"], range(len(data)), xerr=[data["rate"] - low, high - data["rate"]],
                fmt="none", ecolor=GREY, elinewidth=1.2, capsize=3)  # fmt: skip
    for y, (rate, top) in enumerate(zip(data["rate"], high, strict=True)):
        ax.text(top + 0.01, y, format_percent(rate), va="center", fontsize=11)
    target_line(ax, analysis.settings.target)
    ax.set(xlim=(0, 1.12), xlabel="Part des répondants satisfaits", ylabel="")
    percent_axis(ax.xaxis)
    handles = [
        ax.get_lines()[-1] if ax.get_lines() else None,
        Patch(color=BLUE, label="Cible atteinte"),
        Patch(color=WARNING, label="Sous la cible"),
        Patch(facecolor="white", edgecolor=GREY, hatch="///", label=f"Moins de {min_n} réponses"),
    ]
    _legend_below(ax, 4, handles=[h for h in handles if h is not None])
    return Chart(
        fig,
        alt=f"Barres horizontales : taux de satisfaction par critère en {analysis.period}, "
        "avec intervalle de confiance et ligne de cible à "
        f"{format_percent(analysis.settings.target, 0)}.",
        caption=f"Enquête {analysis.period} : n = {format_number(analysis.questionnaires)} "
        "questionnaires ; réponses exprimées de chaque critère entre parenthèses. Trait gris : "
        "intervalle de confiance à 95\u00a0%." + _unrated_caption(analysis),
    )


def _unrated_caption(analysis: SurveyAnalysis) -> str:
    """What a chart's caption adds about the criteria it leaves out for want of an answer."""
    unrated = analysis.unrated
    if unrated.empty:
        return ""
    listed = " ; ".join(f"« {label} »" for label in unrated["label"])
    return f" Non tracés, {NO_USABLE_ANSWER_WHY} : {listed}."


def distribution_charts(analysis: SurveyAnalysis) -> list:
    """100 % stacked bars of the answers of each criterion, one chart per level scale of the
    catalogue (4 levels, 5 levels, yes/no…), very satisfied first. Marks have their own
    charts (:func:`marks_chart`); a catalogue of marks only gets a sentence."""
    if analysis.questionnaires == 0:
        return [NoChart(f"Aucun questionnaire pour {analysis.period} : graphique non tracé.")]
    scales = {q.type for q in analysis.catalogue.satisfaction_questions
              if not analysis.catalogue.scales[q.type].is_marks}  # fmt: skip
    charts = [
        _distribution_chart(analysis, name) for name in analysis.catalogue.scales if name in scales
    ]
    charts = [chart for chart in charts if chart is not None]
    return charts or [NoChart("Toutes les questions sont notées : la répartition des notes de "
                              "chaque question est donnée ci-dessous.")]  # fmt: skip


def _distribution_chart(analysis: SurveyAnalysis, scale: str) -> Chart | None:
    dist = analysis.distribution
    columns = [q.column for q in analysis.catalogue.satisfaction_questions if q.type == scale]
    current = dist[(dist["year"] == analysis.period) & (dist["n"] > 0)]
    current = current[current["column"].isin(columns)]
    if current.empty:
        return None
    questions = current.drop_duplicates("column")
    levels = current.drop_duplicates("answer").sort_values("answer_order")
    fig, ax = _figure(len(questions))
    labels = [_label(r.label, r.n) for r in questions.itertuples()]
    left = pd.Series(0.0, index=questions["column"].to_numpy())
    for level, colour in zip(levels["answer"], _category_colours(levels["category"]), strict=True):
        share = current[current["answer"] == level].set_index("column")["share"]
        share = share.reindex(left.index).astype(float).fillna(0)
        bars = ax.barh(labels, share, left=left, color=colour, label=level, height=0.7)
        texts = [format_percent(v, 0) if v >= 0.06 else "" for v in share]
        text_colour = "white" if colour in (BLUE, RED) else "#161616"
        ax.bar_label(bars, labels=texts, label_type="center", color=text_colour, fontsize=10)
        left += share
    ax.invert_yaxis()
    ax.set(xlim=(0, 1), xlabel="", ylabel="")
    percent_axis(ax.xaxis)
    ax.grid(False)
    _legend_below(ax, min(len(levels), 5), gap_inches=0.45)
    first, last = levels["answer"].iloc[0], levels["answer"].iloc[-1]
    return Chart(
        fig,
        alt=f"Barres empilées : répartition des réponses par critère en {analysis.period}, de "
        f"« {first} » à « {last} ».",
        caption=f"Enquête {analysis.period} : n = {format_number(analysis.questionnaires)} "
        "questionnaires ; parts calculées sur les réponses exprimées de chaque critère (entre "
        "parenthèses).",
    )


@_when_answered
def marks_chart(analysis: SurveyAnalysis, column: str) -> Chart:
    """Vertical bars: the share of each mark, coloured by what it counts as."""
    import seaborn as sns

    dist = analysis.distribution
    marks = dist[(dist["year"] == analysis.period) & (dist["column"] == column)]
    question = analysis.catalogue.question(column)
    scale = analysis.catalogue.scales[question.type]
    if marks.empty or int(marks["n"].iloc[0]) == 0:
        return NoChart(f"{question.label}, {analysis.period} : {NO_USABLE_ANSWER_WHY}, pas de "
                       "répartition des notes.")  # fmt: skip
    import matplotlib.pyplot as plt

    apply_style()
    fig, ax = plt.subplots(figsize=(WIDTH, 4.2))
    data = marks.assign(share=marks["share"].astype(float))
    sns.barplot(data=data, x="answer", y="share", hue="answer", legend=False, ax=ax,
                palette=_category_colours(data["category"]), saturation=1)  # fmt: skip
    for container in ax.containers:
        ax.bar_label(container, labels=[format_percent(v, 0) for v in container.datavalues],
                     padding=2, fontsize=10)  # fmt: skip
    ax.set(xlabel="Note", ylabel="Part des notes", ylim=(0, float(data["share"].max()) * 1.18))
    percent_axis(ax.yaxis)
    n = int(marks["n"].iloc[0]) if len(marks) else 0
    return Chart(
        fig,
        alt=f"Histogramme des notes de {scale.min} à {scale.max} en {analysis.period}.",
        caption=f"{marks['label'].iloc[0]}, {analysis.period} : n = {format_number(n)} notes. "
        f"Rouge : mécontent (moins de {scale.dissatisfied_threshold}) ; bleu clair : satisfait "
        f"(à partir de {scale.satisfied_from}) ; bleu foncé : très satisfait (à partir de "
        f"{scale.very_satisfied_from}).",
    )


@_when_answered
def trend_chart(analysis: SurveyAnalysis) -> Chart:
    """One line per criterion, a dot per year (the period in bleu France); significant
    changes over one year marked ▲ or ▼ at the right."""
    import seaborn as sns

    if len(analysis.years) < 2:
        return NoChart(f"Première année d'enquête ({analysis.period}) : pas d'évolution à tracer.")
    rates = analysis.rates[analysis.rates["n"] > 0].copy()
    if rates.empty:
        return NoChart(f"Aucune réponse exploitable de {analysis.years[0]} à {analysis.period} : "
                       "pas d'évolution à tracer.")  # fmt: skip
    order = rates.drop_duplicates("column").sort_values("order")
    labels = {r.column: _label(r.label) for r in order.itertuples()}
    rates["shown"] = rates["column"].map(labels)
    rates["Année"] = rates["year"].astype(str)
    rates["rate"] = rates["rate"].astype(float)
    years = [str(y) for y in analysis.years]
    earlier = (
        ["#C9C9C9", "#929292", "#666666", LIGHT_BLUE][-(len(years) - 1) :] if len(years) > 1 else []
    )
    palette = dict(zip(years, [*earlier, BLUE], strict=True))  # the year before: light blue
    fig, ax = _figure(len(order), per_row=0.55)
    spans = rates.groupby("shown", sort=False)["rate"].agg(["min", "max"]).reindex(labels.values())
    ax.hlines(range(len(spans)), spans["min"], spans["max"], color="#DDDDDD", linewidth=3)
    sns.scatterplot(data=rates, x="rate", y="shown", hue="Année", palette=palette, s=110,
                    ax=ax, zorder=3, edgecolor="white")  # fmt: skip
    last = analysis.changes[
        analysis.changes["significant"] & (analysis.changes["year_before"] == analysis.period - 1)
    ]
    for row in last.itertuples():
        y = list(labels).index(row.column)
        up = row.change > 0
        ax.text(1.015, y, "▲" if up else "▼", color=SUCCESS if up else RED, va="center",
                ha="left", fontsize=13, transform=ax.get_yaxis_transform())  # fmt: skip
    target_line(ax, analysis.settings.target)
    ax.set(xlabel="Part des répondants satisfaits", ylabel="")
    ax.set_xlim(max(0.0, float(rates["rate"].min()) - 0.05), 1.0)
    percent_axis(ax.xaxis)
    _legend_below(ax, len(years) + 1)
    counts = ", ".join(
        f"{format_number(count)} en {year}" for year, count in analysis.respondents.items()
    )
    return Chart(
        fig,
        alt=f"Points par année et par critère : évolution des taux de satisfaction de "
        f"{years[0]} à {years[-1]}.",
        caption=f"n = {counts} (questionnaires). ▲ ▼ : évolution sur un an "
        f"statistiquement significative (test exact de Fisher, seuil "
        f"{format_percent(analysis.settings.significance_level, 0)}).",
    )


@_when_answered
def group_chart(analysis: SurveyAnalysis, column: str) -> Chart:
    """Heat map of the satisfaction rate per criterion (rows) and group (columns), around the
    target: blue above, red below; « * » marks too few answers."""
    import seaborn as sns
    from matplotlib.colors import LinearSegmentedColormap, TwoSlopeNorm

    groups = analysis.groups[
        (analysis.groups["breakdown"] == column) & (analysis.groups["year"] == analysis.period)
    ]
    groups = groups[groups["n"] > 0]
    label = next(b.label for b in analysis.catalogue.breakdowns if b.column == column)
    if groups.empty:
        return NoChart(f"{label}, {analysis.period} : {NO_USABLE_ANSWER}, graphique non tracé.")
    order = group_order(analysis, column, groups)
    rates = groups.pivot_table(index=["order", "label"], columns="group", values="rate")
    counts = groups.pivot_table(index=["order", "label"], columns="group", values="n")
    rates, counts = rates.reindex(columns=order).astype(float), counts.reindex(columns=order)
    min_n = analysis.settings.min_reliable_n
    text = (
        rates.map(lambda v: format_percent(v, 0))
        + "\n("
        + counts.map(lambda v: "–" if pd.isna(v) else format_number(v))
        + ")"
    )
    reliable = (counts >= min_n) & rates.notna()
    text = text.where(reliable, text + " *").where(rates.notna(), "")
    fig, ax = _figure(len(rates), per_row=0.62, extra=1.6)
    ax.set_facecolor("#F6F6F6")  # small groups are not coloured: their rate is too uncertain
    target = analysis.settings.target
    cmap = LinearSegmentedColormap.from_list("target", [RED, "#F6F6F6", BLUE])
    norm = TwoSlopeNorm(vmin=min(0.5, target - 0.01), vcenter=target, vmax=1.0)
    # (vmin and vmax given: seaborn would look for them among the cells, all grey at times)
    sns.heatmap(rates.where(reliable), annot=text.where(reliable, "").to_numpy(), fmt="",
                cmap=cmap, norm=norm, vmin=norm.vmin, vmax=norm.vmax, cbar=False, linewidths=1,
                linecolor="white", ax=ax, annot_kws={"fontsize": 10})  # fmt: skip
    rows, cols = np.nonzero((~reliable & rates.notna()).to_numpy())
    for row, col in zip(rows, cols, strict=True):  # the grey cells, written apart
        ax.text(col + 0.5, row + 0.5, text.iat[row, col], ha="center", va="center",
                fontsize=10, color="#666666")  # fmt: skip
    ax.set_yticklabels([_label(label) for label in rates.index.get_level_values("label")],
                       rotation=0)  # fmt: skip
    ax.set_xticklabels([textwrap.fill(str(g), 16) for g in order], rotation=0)
    ax.xaxis.tick_top()
    ax.grid(False)
    ax.set(xlabel="", ylabel="")
    return Chart(
        fig,
        alt=f"Tableau coloré : taux de satisfaction par critère, {label.lower()}, "
        f"{analysis.period}.",
        caption=f"{label}, {analysis.period} (n = {format_number(analysis.questionnaires)} "
        "questionnaires) : taux de satisfaction (réponses exprimées). "
        f"Bleu : au-dessus de la cible de {format_percent(target, 0)} ; rouge : en dessous ; "
        f"gris (*) : moins de {min_n} réponses, taux trop incertain pour être coloré.",
    )


@_when_answered
def choice_chart(analysis: SurveyAnalysis, column: str) -> Chart:
    """Horizontal bars: the share of respondents giving each answer, with its count."""
    import seaborn as sns

    choices = analysis.choices
    data = choices[(choices["year"] == analysis.period) & (choices["column"] == column)]
    data = data.assign(share=data["share"].astype(float).fillna(0),
                       shown=data["answer"].map(lambda a: textwrap.fill(str(a), 34)))  # fmt: skip
    question = next((q for q in analysis.catalogue.questions if q.column == column), None)
    if question is None or not question.options and question.type != "yes_no":
        data = data.sort_values("count", ascending=False, kind="stable")  # free categories
    fig, ax = _figure(len(data), per_row=0.45, extra=0.9, least=1.6)
    sns.barplot(data=data, y="shown", x="share", color=BLUE, orient="h", ax=ax, saturation=1,
                width=0.7)  # fmt: skip
    for container in ax.containers:
        ax.bar_label(
            container,
            labels=[f"{format_percent(s)} ({format_number(c)})"
                    for s, c in zip(data["share"], data["count"], strict=True)],
            padding=3, fontsize=11,
        )  # fmt: skip
    ax.set(xlabel="", ylabel="", xlim=(0, max(0.1, float(data["share"].max())) * 1.3))
    percent_axis(ax.xaxis)
    first = data.iloc[0] if len(data) else None
    label = first["label"] if first is not None else column
    ax.set_title(label, loc="left", fontweight="bold", y=1.0)  # y given: not searched for
    answered = int(first["answered"]) if first is not None else 0
    blank = int(first["blank"]) if first is not None else 0
    multiple = first is not None and first["type"] == "multiple_choice"
    return Chart(
        fig,
        alt=f"Barres horizontales : {label}, part des répondants par réponse, {analysis.period}.",
        caption=f"{label} — n = {format_number(answered)} répondants ayant répondu"
        + (f", {format_number(blank)} sans réponse" if blank else "")
        + (" ; plusieurs réponses possibles : le total dépasse 100 %." if multiple else ".")
        + " Part (nombre).",
    )


@_when_answered
def theme_chart(analysis: SurveyAnalysis) -> Chart:
    """Horizontal bars: remarks per theme of the keyword dictionary."""
    import seaborn as sns

    counts = analysis.theme_counts
    data = counts[(counts["year"] == analysis.period)]
    data = data[(data["count"] > 0) | (data["theme"] != analysis.themes.other_label)]
    remarks = int(data["remarks"].iloc[0]) if len(data) else 0
    fig, ax = _figure(len(data), per_row=0.45, extra=0.9)
    sns.barplot(data=data, y="theme", x="count", color=BLUE, orient="h", ax=ax, saturation=1)
    for container in ax.containers:
        ax.bar_label(
            container,
            labels=[f"{format_number(c)} ({format_percent(s, 0)})"
                    for c, s in zip(data["count"], data["share"].astype(float), strict=True)],
            padding=3, fontsize=11,
        )  # fmt: skip
    ax.set(xlabel="Nombre de remarques", ylabel="", xlim=(0, max(1, data["count"].max()) * 1.25))
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    return Chart(
        fig,
        alt=f"Barres horizontales : nombre de remarques par thème, {analysis.period}.",
        caption=f"n = {format_number(remarks)} remarques écrites en {analysis.period} ; une "
        "remarque peut relever de plusieurs thèmes. Nombre (part des remarques).",
    )
