"""One chart style for notebooks and reports: the State's palette, French labels and percents.

seaborn is imported only by the survey report's charts (it costs about a second to import, with
SciPy); the theme is set without it, and the notebooks' own charts are drawn by matplotlib
alone (:func:`grouped_bars`).
"""

from __future__ import annotations

import math

from pipeline.core.formatting import format_number, format_percent
from pipeline.outputs.theme import BLEU_FRANCE, GREY_600, ROUGE_MARIANNE

BLUE, RED, GREY = f"#{BLEU_FRANCE}", f"#{ROUGE_MARIANNE}", f"#{GREY_600}"
PALETTE = [BLUE, RED, "#6A6AF4", "#929292", "#18753C", "#B34000", "#0063CB"]


# seaborn's « whitegrid » style and « notebook » context, as ``seaborn.set_theme`` sets them
# (tests/outputs/test_plots.py checks that they stay equal), with the State's palette and fonts
# large enough to be projected: set without importing seaborn and SciPy (more than a second),
# which only the charts drawn by seaborn need. (seaborn's « rocket » colour map is left out:
# every chart names its own.)
THEME = {
    # style « whitegrid »
    "figure.facecolor": "white", "axes.labelcolor": ".15", "xtick.direction": "out",
    "ytick.direction": "out", "xtick.color": ".15", "ytick.color": ".15",
    "axes.axisbelow": True, "grid.linestyle": "-", "text.color": ".15",
    "font.sans-serif": ["Arial", "DejaVu Sans", "Liberation Sans", "Bitstream Vera Sans",
                        "sans-serif"],
    "lines.solid_capstyle": "round", "patch.edgecolor": "w", "patch.force_edgecolor": True,
    "xtick.top": False, "ytick.right": False, "axes.grid": True, "axes.facecolor": "white",
    "grid.color": ".8", "axes.spines.left": True, "axes.spines.bottom": True,
    "axes.spines.right": True, "axes.spines.top": True, "xtick.bottom": False,
    "ytick.left": False,
    # context « notebook »
    "axes.linewidth": 1.25, "grid.linewidth": 1, "lines.linewidth": 1.5, "lines.markersize": 6,
    "patch.linewidth": 1, "xtick.major.width": 1.25, "ytick.major.width": 1.25,
    "xtick.minor.width": 1, "ytick.minor.width": 1, "xtick.major.size": 6,
    "ytick.major.size": 6, "xtick.minor.size": 4, "ytick.minor.size": 4, "font.size": 12,
    "legend.fontsize": 11, "legend.title_fontsize": 12,
    # ours
    "font.family": ["DejaVu Sans"], "axes.titlesize": 14, "axes.labelsize": 12,
    "xtick.labelsize": 11, "ytick.labelsize": 11, "axes.edgecolor": GREY, "figure.dpi": 110,
}  # fmt: skip


def apply_style() -> None:
    """The charts' theme (:data:`THEME`) with the State's palette as the colour cycle."""
    import matplotlib as mpl
    from cycler import cycler

    mpl.rcParams.update(THEME)
    mpl.rcParams["axes.prop_cycle"] = cycler(color=PALETTE)


def percent_axis(axis) -> None:
    """Tick labels of a 0–1 axis written ``85 %`` (French)."""
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda value, _: format_percent(value, 0)))


def number_axis(axis, whole: bool = False) -> None:
    """Tick labels written with French thousands separators, with the decimals the ticks' step
    needs (never « 1, 1, 1 » for 0,8, 1,0, 1,2); ``whole``: ticks on whole numbers only (counts)."""
    from matplotlib.ticker import Formatter, MaxNLocator

    if whole:
        axis.set_major_locator(MaxNLocator(integer=True))

    class StepFormatter(Formatter):
        """The decimals found once per drawing, from the ticks matplotlib is about to label."""

        decimals = 0

        def set_locs(self, locs) -> None:
            super().set_locs(locs)
            step = min((b - a for a, b in zip(locs, locs[1:], strict=False)), default=1)
            self.decimals = (
                0 if step >= 1 or step <= 0 else min(3, math.ceil(-math.log10(step) - 1e-9))
            )

        def __call__(self, value, position=None) -> str:
            return format_number(value, self.decimals)

    axis.set_major_formatter(StepFormatter())


class Chart:
    """A finished figure, shown in a notebook and in its HTML rendering as a ``<figure>``: the
    PNG with its alternative text (for screen readers) and a caption that gives its n.

    The matplotlib figure is drawn once and closed, so a notebook never shows it twice.
    """

    def __init__(
        self, figure, alt: str, caption: str = "", dpi: int = 110, cropped: bool = True
    ) -> None:
        import io

        import matplotlib.pyplot as plt

        buffer = io.BytesIO()
        # cropped to what it shows takes a second drawing; a figure whose maker set its margins
        # (``cropped=False``) is drawn once
        tight = "tight" if cropped else None
        figure.savefig(buffer, format="png", dpi=dpi, bbox_inches=tight, facecolor="white")
        plt.close(figure)
        self.png, self.alt, self.caption = buffer.getvalue(), alt, caption

    def _repr_html_(self) -> str:
        import base64

        from pipeline.outputs.escaping import html_text

        data = base64.b64encode(self.png).decode("ascii")
        caption = f"<figcaption>{html_text(self.caption)}</figcaption>" if self.caption else ""
        return (
            f'<figure class="report-figure"><img src="data:image/png;base64,{data}" '
            f'alt="{html_text(self.alt)}">{caption}</figure>'
        )


class NoChart:
    """What a chart shows when there is nothing to draw: a sentence, not a crash."""

    def __init__(self, message: str) -> None:
        self.message = message

    def _repr_markdown_(self) -> str:
        from pipeline.outputs.escaping import markdown_text

        return f"*{markdown_text(self.message)}*"


def target_line(ax, target: float, horizontal_bars: bool = True, label: str | None = None) -> None:
    """The target drawn as a dashed rouge Marianne line, labelled « Cible : 85 % »."""
    text = label or f"Cible : {format_percent(target, 0)}"
    draw = ax.axvline if horizontal_bars else ax.axhline
    draw(target, color=RED, linestyle="--", linewidth=1.5, label=text)


def count_axis(axis) -> None:
    """Whole-number ticks (counts of messages, calls, agents) with French separators."""
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(integer=True))
    number_axis(axis)


def legend_outside(ax, title: str = "") -> None:
    """The legend to the right of the chart, where it hides no bar."""
    ax.legend(title=title, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)


def bar_labels(ax, percent: bool = False, decimals: int = 0, inside: bool = False) -> None:
    """Each bar's value written at its end (or in its middle), in French: ``94 %``, ``1 234``.

    Empty bars (zero) get no label.
    """
    write = (lambda v: format_percent(v, decimals)) if percent else (
        lambda v: format_number(v, decimals)
    )  # fmt: skip
    for container in ax.containers:
        labels = [write(v) if v and v == v else "" for v in container.datavalues]
        ax.bar_label(container, labels=labels, padding=0 if inside else 3,
                     label_type="center" if inside else "edge",
                     color="white" if inside else None)  # fmt: skip


def grouped_bars(ax, data, *, category: str, value: str, hue: str | None = None,
                 horizontal: bool = False, dodge: bool = True, colours=None) -> None:  # fmt: skip
    """Bars of ``value`` per ``category`` (in the order they come), one colour per ``hue``
    (side by side when ``dodge``, else each category in its own group's colour), drawn by
    matplotlib alone: the notebooks' charts never pay for seaborn and SciPy (more than a
    second to import). Horizontal bars read from the top; a missing value draws no bar."""
    categories = list(dict.fromkeys(data[category].astype(str)))
    groups = list(dict.fromkeys(data[hue].astype(str))) if hue else [None]
    colours = colours or (PALETTE if hue else [BLUE])
    width = 0.8 / (len(groups) if dodge and hue else 1)
    for number, group in enumerate(groups):
        rows = data if group is None else data[data[hue].astype(str) == group]
        values = rows.set_index(rows[category].astype(str))[value].astype(float)
        values = values[~values.index.duplicated()].reindex(categories)
        offset = (number - (len(groups) - 1) / 2) * width if dodge and hue else 0.0
        places = [i + offset for i in range(len(categories))]
        draw = ax.barh if horizontal else ax.bar
        draw(places, values.to_numpy(), width if not horizontal else width,
             color=colours[number % len(colours)], label=group)  # fmt: skip
    ticks = range(len(categories))
    if horizontal:
        ax.set_yticks(list(ticks), categories)
        ax.set_ylim(len(categories) - 0.5, -0.5)  # the first category at the top
        ax.grid(axis="y", visible=False)
    else:
        ax.set_xticks(list(ticks), categories)
        ax.set_xlim(-0.5, len(categories) - 0.5)
        ax.grid(axis="x", visible=False)


def rate_bars(data, *, y: str, x: str = "rate", target: float | None = None,
              hue: str | None = None, title: str = "", ax=None):  # fmt: skip
    """Horizontal bars of rates (0–1) with French percents, their values and the target line."""
    import matplotlib.pyplot as plt

    apply_style()
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 0.5 * data[y].nunique() + 1.5))
    grouped_bars(ax, data, category=y, value=x, hue=hue, horizontal=True, dodge=False)
    ax.set(xlim=(0, 1.08), xlabel="", ylabel="", title=title)
    percent_axis(ax.xaxis)
    bar_labels(ax, percent=True)
    if target is not None:
        target_line(ax, target)
    if target is not None or hue:
        legend_outside(ax)
    return ax


def monthly_indicator_chart(indicators, period: int, columns: int = 3):
    """Each indicator's monthly values of the period, one small chart each, with its target.

    A month without a value (no request, not tracked, set aside) is a gap in the line, never a
    segment drawn across it; long titles wrap. Returns a :class:`Chart`, or None when no
    indicator has a monthly value.
    """
    import textwrap

    import matplotlib.pyplot as plt

    monthly = indicators[indicators["granularity"] == "mois"]
    shown = [
        (label, rows) for label, rows in monthly.groupby("label", sort=False)
        if rows["value"].notna().any()
    ]  # fmt: skip
    if not shown:
        return None
    apply_style()
    rows_count = -(-len(shown) // columns)
    height = 2.9 * rows_count
    figure, axes = plt.subplots(
        rows_count, columns, figsize=(4.2 * columns, height), squeeze=False,
    )  # fmt: skip
    # fixed margins, room for a title of four lines above each chart: one drawing, where a
    # layout engine takes three (a grid of twenty charts costs seconds a drawing)
    figure.subplots_adjust(left=0.05, right=0.98, top=1 - 0.8 / height, bottom=0.4 / height,
                           hspace=0.75, wspace=0.25)  # fmt: skip
    months = list(range(1, 13))
    for ax, (label, rows) in zip(axes.flat, shown, strict=False):
        values = rows.assign(month=rows["period"].str.slice(5, 7).astype(int))
        series = values.set_index("month")["value"].astype(float).reindex(months)
        ax.plot(months, series.to_numpy(), marker="o", color=BLUE, linewidth=1.5)
        target = rows["target_value"].dropna()
        if len(target):
            ax.axhline(float(target.iloc[0]), color=RED, linestyle="--", linewidth=1)
        if rows["unit"].iloc[0] == "%":
            percent_axis(ax.yaxis)
        else:
            number_axis(ax.yaxis, whole=bool(series.dropna().map(float.is_integer).all()))
        # y given: no search for what stands above the axes (nothing does), a tenth of the drawing
        ax.set_title("\n".join(textwrap.wrap(label, 42)), fontsize=9, y=1.0)
        ax.set(xlabel="", ylabel="", xticks=months, xlim=(0.5, 12.5))
        ax.tick_params(axis="both", labelsize=8)
    for ax in list(axes.flat)[len(shown) :]:
        ax.set_visible(False)
    alt = f"Évolution mensuelle {period} de {len(shown)} indicateurs, avec leur cible en rouge."
    caption = "Un mois sans valeur (aucune demande, non suivi) est un trou."
    return Chart(figure, alt, caption, cropped=False)
