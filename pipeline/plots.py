"""One chart style for notebooks and reports: the State's palette, French labels and percents.

seaborn is imported here only, when a chart is drawn (it costs about a second to import).
"""

from __future__ import annotations

from pipeline.formatting import format_number, format_percent
from pipeline.template_builder import BLEU_FRANCE, GREY_600, ROUGE_MARIANNE

BLUE, RED, GREY = f"#{BLEU_FRANCE}", f"#{ROUGE_MARIANNE}", f"#{GREY_600}"
PALETTE = [BLUE, RED, "#6A6AF4", "#929292", "#18753C", "#B34000", "#0063CB"]


def apply_style() -> None:
    """seaborn's theme with the State's palette and fonts large enough to be projected."""
    import seaborn as sns

    sns.set_theme(
        style="whitegrid",
        palette=PALETTE,
        font="DejaVu Sans",
        rc={"axes.titlesize": 14, "axes.labelsize": 12, "xtick.labelsize": 11,
            "ytick.labelsize": 11, "axes.edgecolor": GREY, "figure.dpi": 110},
    )  # fmt: skip


def percent_axis(axis) -> None:
    """Tick labels of a 0–1 axis written ``85 %`` (French)."""
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda value, _: format_percent(value, 0)))


def number_axis(axis) -> None:
    """Tick labels written with French thousands separators."""
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda value, _: format_number(value)))


def target_line(ax, target: float, horizontal_bars: bool = True, label: str | None = None) -> None:
    """The target drawn as a dashed rouge Marianne line, labelled « Cible : 85 % »."""
    text = label or f"Cible : {format_percent(target, 0)}"
    draw = ax.axvline if horizontal_bars else ax.axhline
    draw(target, color=RED, linestyle="--", linewidth=1.5, label=text)
