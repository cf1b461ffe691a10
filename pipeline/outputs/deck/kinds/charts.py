"""Native (editable) charts: bars against a target, columns, lines and pies."""

from __future__ import annotations

import math
from contextlib import contextmanager

from pptx.chart.data import CategoryChartData as _CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_TICK_MARK
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_CONNECTOR
from pptx.util import Inches, Pt

from pipeline.core.formatting import format_number, format_percent
from pipeline.outputs import theme as tb
from pipeline.outputs.deck import pptx_xml as xml
from pipeline.outputs.deck.kinds.base import (
    LAYOUT_TITLE_ONLY,
    content_width,
    finish,
    new_slide,
    rgb,
    set_notes,
    text_box,
)
from pipeline.outputs.deck.kinds.measure import fit_font_size, text_width_em, words_fit, wrap

# Percent labels: a fraction shown with a no-break space before "%", as French typography wants
# ("97,2 %" in a French PowerPoint; the decimal mark follows the viewer's language).
PERCENT_FORMAT = '0.0"\u00a0"%'


class _InertWorkbookWriter(CategoryWorkbookWriter):
    """The chart's data workbook, where a category such as « =A1 » stays text (python-pptx's
    XlsxWriter would write it as a formula)."""

    @contextmanager
    def _open_worksheet(self, xlsx_file):
        from xlsxwriter import Workbook

        workbook = Workbook(xlsx_file, {"in_memory": True, "strings_to_formulas": False})
        worksheet = workbook.add_worksheet()
        yield workbook, worksheet
        workbook.close()


class CategoryChartData(_CategoryChartData):
    """python-pptx's chart data, with a data workbook that never holds a formula from input."""

    @property
    def _workbook_writer(self):
        if not hasattr(self, "_inert_writer"):
            self._inert_writer = _InertWorkbookWriter(self)
        return self._inert_writer


# --- data labels written in French ----------------------------------------------------------------
def label_text(value, number_format: str) -> str:
    """A data label as French reads it (« 97,2 % », « 1 234 »): written as text, so every viewer
    shows the French decimal comma whatever its own language (a number format would follow the
    viewer's: LibreOffice in English shows « 97.2 % »)."""
    if value is None:
        return ""
    if number_format == PERCENT_FORMAT:
        return format_percent(value)
    return format_number(value)


def set_french_labels(
    series, values, number_format: str, size: float, color: str, bold=True, position=None
):
    """Each point's data label as French text, in the given size, colour and position."""
    for index, value in enumerate(values):
        if value is None:
            continue
        label = series.points[index].data_label
        if position is not None:
            label.position = position
        frame = label.text_frame
        frame.text = label_text(value, number_format)
        for paragraph in frame.paragraphs:
            for run in paragraph.runs:
                run.font.size, run.font.bold = Pt(size), bold
                run.font.color.rgb = rgb(color)


# --- charts ------------------------------------------------------------------------------------
def _bar_labels(categories: list[str], slot_h_in: float, max_w_in: float, least: float = 14):
    """Category label size (18 pt down to ``least``) and labels pre-wrapped so each holds in
    its bar's slot."""
    size = 18.0
    while size > least:
        wrapped = [wrap(label, max_w_in, size) for label in categories]
        tallest = max(len(lines) for lines in wrapped)
        every_word_fits = all(words_fit(label, max_w_in, size) for label in categories)
        if every_word_fits and tallest * size * 1.2 / 72 <= slot_h_in * 0.85:
            break
        size -= 1
    wrapped = [wrap(label, max_w_in, size) for label in categories]
    widest = max(text_width_em(line) for lines in wrapped for line in lines) * size / 72
    return size, ["\n".join(lines) for lines in wrapped], min(max_w_in, widest) + 0.15


def _value_scale(values: list[float], target: float | None) -> float:
    """Value axis maximum: 100 % for rates above 50 %, else a round value just above the data."""
    top = max([*values, target or 0.0])
    if top > 0.5:
        return max(1.0, top)
    step = 0.01 if top <= 0.1 else 0.05
    return max(step, math.ceil(top * 1.15 / step) * step)


def add_bar_chart_slide(
    prs,
    title: str,
    categories: list[str],
    values: list[float],
    *,
    target: float | None = None,
    number_format: str = PERCENT_FORMAT,
    notes: str | None = None,
    alt_text: str,
    horizontal: bool = True,
    series_name: str = "Taux",
    missed: list[bool] | None = None,
    legend: str = "",
    kicker: str = "",
):
    """A native (editable) bar chart of fractions shown as percents with data labels,
    categories top to bottom; the target is a dashed line. A bar under its target
    (``missed``) is in the State's warning colour, the others in bleu France; ``legend`` says
    so under the chart (with any other mark, « * moins de 30 réponses »)."""
    if not categories or len(categories) != len(values):
        raise ValueError(
            f"Graphique « {title} » : {len(categories)} catégories pour {len(values)} valeurs."
        )
    slide = new_slide(prs, LAYOUT_TITLE_ONLY, title, kicker=kicker)
    full = content_width(prs)
    legend_h = 0.0
    if legend:  # two lines at 16 pt, or three at 14 pt
        legend_h = 0.5 if fit_font_size(legend, full, 16, 14, box_height_in=0.5) > 14 else 0.78
    width, height = content_width(prs), tb.CONTENT_BOTTOM_IN - tb.CONTENT_TOP_IN - legend_h
    scale = _value_scale(values, target)
    top = 0.45 if target is not None and horizontal else 0.35
    if horizontal:
        slot = (height - top - 0.1) / max(len(categories), 1)
        label_pt, labels, label_w = _bar_labels(categories, slot, 0.5 * width)
        plot = (label_w + 0.1, top, width - label_w - 0.1 - 0.9, height - top - 0.1)
    else:
        right = 1.5 if target is not None else 0.1
        plot = (0.1, top, width - 0.1 - right, height - top - 0.75)
        slot = plot[2] / max(len(categories), 1) - 0.15
        label_pt = min(fit_font_size(c, slot, 14, 9, box_height_in=0.6) for c in categories)
        labels = categories
    data = CategoryChartData(number_format=number_format)
    data.categories = labels
    data.add_series(series_name, values)
    kind = XL_CHART_TYPE.BAR_CLUSTERED if horizontal else XL_CHART_TYPE.COLUMN_CLUSTERED
    box = (tb.MARGIN_IN, tb.CONTENT_TOP_IN, width, height)
    frame = slide.shapes.add_chart(kind, *(Inches(v) for v in box), data)
    frame.name = "Graphique"
    xml.set_alt_text(frame, alt_text)
    chart = frame.chart
    xml.prepare_chart_space(chart)
    chart.has_legend = chart.has_title = False
    chart.font.size = Pt(label_pt)
    chart.font.color.rgb = rgb(tb.GREY_800)
    bars = chart.plots[0]
    bars.gap_width = 50 if len(categories) > 6 else 100
    bars.vary_by_categories = False
    bars.series[0].format.fill.solid()
    bars.series[0].format.fill.fore_color.rgb = rgb(tb.BLEU_FRANCE)
    for index, below in enumerate(missed or []):
        if below:
            point = bars.series[0].points[index].format.fill
            point.solid()
            point.fore_color.rgb = rgb(tb.WARNING)
    bars.has_data_labels = True
    data_labels = bars.data_labels
    data_labels.number_format, data_labels.number_format_is_linked = number_format, False
    # Inside the bar, at its base, when every bar is long enough: the target line never
    # crosses a label; otherwise after the bar end.
    inside = horizontal and min(values) / scale * plot[2] >= 0.9
    data_labels.position = (
        XL_LABEL_POSITION.INSIDE_BASE if inside else XL_LABEL_POSITION.OUTSIDE_END
    )
    data_labels.font.size, data_labels.font.bold = Pt(max(label_pt, 14)), True
    data_labels.font.color.rgb = rgb(tb.WHITE if inside else tb.GREY_900)
    label_color = tb.WHITE if inside else tb.GREY_900
    set_french_labels(bars.series[0], values, number_format, max(label_pt, 14), label_color,
                      position=data_labels.position)  # fmt: skip
    if not inside:
        xml.set_data_labels_fill(bars, tb.WHITE)
    category_axis, value_axis = chart.category_axis, chart.value_axis
    category_axis.reverse_order = horizontal
    category_axis.major_tick_mark = XL_TICK_MARK.NONE
    category_axis.format.line.color.rgb = rgb(tb.GREY_200)
    category_axis.tick_labels.font.size = Pt(label_pt)
    xml.set_every_category_label(chart)
    value_axis.minimum_scale, value_axis.maximum_scale = 0, scale
    value_axis.has_major_gridlines = value_axis.visible = False
    xml.set_plot_area_layout(
        chart, plot[0] / width, plot[1] / height, plot[2] / width, plot[3] / height
    )
    if target is not None:
        origin = (tb.MARGIN_IN + plot[0], tb.CONTENT_TOP_IN + plot[1], plot[2], plot[3])
        line = _draw_target(slide, target, target / scale, origin, horizontal)
        if not inside:  # behind the bars and the (opaque) labels it would cross
            xml.send_behind(line, frame)
    if legend:
        box = (tb.MARGIN_IN, tb.CONTENT_BOTTOM_IN - legend_h + 0.05, width, legend_h - 0.05)
        size = fit_font_size(
            legend, width, 16, 14, box_height_in=legend_h - 0.05, line_spacing=1.15
        )
        text_box(slide, box, legend, size, tb.GREY_800, "bottom", "Légende")
    set_notes(slide, notes)
    finish(prs, slide)
    return slide


def _draw_target(slide, target: float, share: float, plot, horizontal: bool):
    """Dashed dark line across the plot area at the target, with its label (a reference, not a
    status: status colours stay for the bars)."""
    px, py, pw, ph = plot
    if horizontal:
        x = px + pw * share
        ends, label_box = (x, py - 0.08, x, py + ph), (x - 1, py - 0.44, 2, 0.32)
    else:
        y = py + ph * (1 - share)
        ends, label_box = (px, y, px + pw, y), (px + pw + 0.1, y - 0.15, 1.3, 0.3)
    line = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, *(Inches(v) for v in ends))
    line.name = "Ligne de cible"
    line.line.color.rgb = rgb(tb.GREY_900)
    line.line.width = Pt(2)
    line.line.dash_style = MSO_LINE_DASH_STYLE.DASH
    decimals = 0 if round(target * 100, 6).is_integer() else 1
    text = f"Cible : {format_percent(target, decimals)}"
    flags = "bold center bottom" if horizontal else "bold middle"
    text_box(slide, label_box, text, 14, tb.GREY_900, flags, "Libellé de cible")
    return line


# --- other native charts -------------------------------------------------------------------------
CHART_KINDS = {
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "pie": XL_CHART_TYPE.PIE,
}
# Categories (age bands, channels, series) in blues and greys: never a status colour.
SERIES_COLORS = (tb.BLEU_FRANCE, "6A6AF4", tb.GREY_500, "CACAFB", tb.GREY_800, tb.INFO,
                 tb.GREY_200, "313178")  # fmt: skip
COUNT_FORMAT = "#,##0"


def add_chart_slide(
    prs,
    title: str,
    kind: str,
    categories: list[str],
    series: dict[str, list[float | None]],
    *,
    alt_text: str,
    number_format: str = PERCENT_FORMAT,
    notes: str | None = None,
    maximum: float | None = None,
    kicker: str = "",
    footnote: str = "",
):
    """A native chart (column, bar, line or pie) with data labels; several series get a legend.

    Values are fractions with the percent format (python-pptx's ``%`` multiplies by 100), or
    counts with ``COUNT_FORMAT``. A missing value (None) leaves a gap, never a zero.
    """
    slide = new_slide(prs, LAYOUT_TITLE_ONLY, title, kicker=kicker)
    width = content_width(prs)
    height = tb.CONTENT_BOTTOM_IN - tb.CONTENT_TOP_IN - (0.5 if footnote else 0.0)
    data = CategoryChartData(number_format=number_format)
    data.categories = categories
    for name, values in series.items():
        data.add_series(name, values)
    box = (tb.MARGIN_IN, tb.CONTENT_TOP_IN, width, height)
    frame = slide.shapes.add_chart(CHART_KINDS[kind], *(Inches(v) for v in box), data)
    frame.name = "Graphique"
    xml.set_alt_text(frame, alt_text)
    chart = frame.chart
    xml.prepare_chart_space(chart)
    xml.set_blanks_as_gap(chart)
    chart.has_title = False
    size = 16 if len(categories) <= 6 else 14
    chart.font.size = Pt(size)
    chart.font.color.rgb = rgb(tb.GREY_800)
    plot = chart.plots[0]
    plot.has_data_labels = True
    plot.data_labels.number_format, plot.data_labels.number_format_is_linked = number_format, False
    plot.data_labels.font.size = Pt(size)
    if kind == "pie":
        chart.has_legend = True
        chart.legend.position = XL_LEGEND_POSITION.RIGHT
        chart.legend.include_in_layout = False
        plot.vary_by_categories = True
        for index, point in enumerate(plot.series[0].points):
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = rgb(SERIES_COLORS[index % len(SERIES_COLORS)])
        plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
    else:
        chart.has_legend = len(series) > 1
        if chart.has_legend:
            chart.legend.position = XL_LEGEND_POSITION.BOTTOM
            chart.legend.include_in_layout = False
        plot.vary_by_categories = False
        for index, item in enumerate(plot.series):
            color = rgb(SERIES_COLORS[index % len(SERIES_COLORS)])
            if kind == "line":
                item.format.line.color.rgb = color
                item.format.line.width = Pt(2.5)
                item.marker.format.fill.solid()
                item.marker.format.fill.fore_color.rgb = color
                item.smooth = False
            else:
                item.format.fill.solid()
                item.format.fill.fore_color.rgb = color
        if kind in ("column", "bar"):
            plot.gap_width = 60
            plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
        else:
            plot.data_labels.position = XL_LABEL_POSITION.ABOVE
        chart.category_axis.reverse_order = kind == "bar"
        chart.category_axis.major_tick_mark = XL_TICK_MARK.NONE
        chart.category_axis.format.line.color.rgb = rgb(tb.GREY_200)
        value_axis = chart.value_axis
        value_axis.has_major_gridlines, value_axis.visible = False, False
        value_axis.minimum_scale = 0
        numbers = [v for values in series.values() for v in values if v is not None]
        top = maximum if maximum is not None else max(numbers or [1]) * 1.18
        value_axis.maximum_scale = top
        xml.set_every_category_label(chart)
    for item, values in zip(plot.series, series.values(), strict=True):
        set_french_labels(item, list(values), number_format, size, tb.GREY_900, bold=False,
                          position=plot.data_labels.position)  # fmt: skip
    if footnote:
        box = (tb.MARGIN_IN, tb.CONTENT_BOTTOM_IN - 0.45, width, 0.45)
        text_size = fit_font_size(footnote, width, 16, 14, box_height_in=0.45)
        text_box(slide, box, footnote, text_size, tb.GREY_800, "italic bottom", "Note")
    set_notes(slide, notes)
    finish(prs, slide)
    return slide
