"""Raw OOXML tweaks python-pptx has no API for. Every direct XML edit of a slide lives here."""

from __future__ import annotations

from lxml import etree
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn

from pipeline.core.stable_zip import stable_zip

# Table style "No Style, No Grid": every fill and border is then set explicitly per cell.
NO_STYLE_TABLE = "{2D5ABB26-0587-4C30-8999-92F81FD0307C}"
_SLIDE_NUMBER_FIELD_ID = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"


def set_alt_text(shape, text: str) -> None:
    """Set the alternative text (``descr`` of ``p:cNvPr``) of a shape, picture or graphic frame."""
    c_nv_pr = shape._element.xpath("./*[1]/p:cNvPr")[0]
    c_nv_pr.set("descr", text)


def get_alt_text(shape) -> str | None:
    return shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr")


def remove_shape(shape) -> None:
    element = shape._element
    element.getparent().remove(element)


def delete_slide(prs, slide) -> None:
    """Remove ``slide`` from the presentation (its part is dropped with its relationship)."""
    sld_id_lst = prs.slides._sldIdLst
    for sld_id in sld_id_lst.sldId_lst:
        if prs.part.related_part(sld_id.rId) is slide.part:
            r_id = sld_id.rId
            sld_id_lst.remove(sld_id)
            prs.part.drop_rel(r_id)
            return


# --- text ----------------------------------------------------------------------------------------
def _insert_in_ppr(p_pr, element) -> None:
    """Insert a bullet element in ``a:pPr`` before the elements the schema puts after bullets."""
    for tag in ("a:tabLst", "a:defRPr", "a:extLst"):
        successor = p_pr.find(qn(tag))
        if successor is not None:
            successor.addprevious(element)
            return
    p_pr.append(element)


def set_autonumber(paragraph, color: str, *, indent_emu: int = 457200) -> None:
    """Number a paragraph "1.", "2."… (``a:buAutoNum``), numbers in ``color``, hanging indent."""
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.set("marL", str(indent_emu))
    p_pr.set("indent", str(-indent_emu))
    for tag in ("a:buClrTx", "a:buClr", "a:buNone", "a:buAutoNum", "a:buChar", "a:buBlip"):
        for old in p_pr.findall(qn(tag)):
            p_pr.remove(old)
    _insert_in_ppr(p_pr, parse_xml(f'<a:buClr {nsdecls("a")}><a:srgbClr val="{color}"/></a:buClr>'))
    _insert_in_ppr(p_pr, parse_xml(f'<a:buAutoNum {nsdecls("a")} type="arabicPeriod"/>'))


def set_no_bullet(paragraph) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.set("marL", "0")
    p_pr.set("indent", "0")
    for tag in ("a:buNone", "a:buAutoNum", "a:buChar", "a:buBlip"):
        for old in p_pr.findall(qn(tag)):
            p_pr.remove(old)
    _insert_in_ppr(p_pr, parse_xml(f"<a:buNone {nsdecls('a')}/>"))


def add_slide_number_field(paragraph, number: int, *, size_pt: float, color: str, bold: bool):
    """Append a ``slidenum`` field (kept up to date by PowerPoint and LibreOffice)."""
    bold_attr = ' b="1"' if bold else ""
    fld = parse_xml(
        f'<a:fld {nsdecls("a")} id="{_SLIDE_NUMBER_FIELD_ID}" type="slidenum">'
        f'<a:rPr lang="fr-FR" sz="{round(size_pt * 100)}"{bold_attr}>'
        f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill></a:rPr><a:t>{number}</a:t></a:fld>'
    )
    end = paragraph._p.find(qn("a:endParaRPr"))
    if end is not None:
        end.addprevious(fld)
    else:
        paragraph._p.append(fld)


# --- tables --------------------------------------------------------------------------------------
def set_table_style(table, style_id: str = NO_STYLE_TABLE) -> None:
    tbl_pr = table._tbl.tblPr
    style = tbl_pr.find(qn("a:tableStyleId"))
    if style is None:
        style = etree.SubElement(tbl_pr, qn("a:tableStyleId"))
    style.text = style_id


def set_cell_border(cell, color: str, width_pt: float = 0.75) -> None:
    """Give the four edges of a cell a solid line (``a:lnL/R/T/B`` first in ``a:tcPr``)."""
    tc_pr = cell._tc.get_or_add_tcPr()
    for tag in ("a:lnL", "a:lnR", "a:lnT", "a:lnB"):
        for old in tc_pr.findall(qn(tag)):
            tc_pr.remove(old)
    width = round(width_pt * 12700)
    for position, tag in enumerate(("lnL", "lnR", "lnT", "lnB")):
        line = parse_xml(
            f'<a:{tag} {nsdecls("a")} w="{width}" cap="flat" cmpd="sng" algn="ctr">'
            f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill><a:prstDash val="solid"/>'
            f'<a:round/><a:headEnd type="none" w="med" len="med"/>'
            f'<a:tailEnd type="none" w="med" len="med"/></a:{tag}>'
        )
        tc_pr.insert(position, line)


# --- charts --------------------------------------------------------------------------------------
def prepare_chart_space(chart, language: str = "fr-FR") -> None:
    """Language, square corners and a transparent, borderless chart area."""
    space = chart._chartSpace
    for tag in ("c:lang", "c:roundedCorners"):
        for old in space.findall(qn(tag)):
            space.remove(old)
    date1904 = space.find(qn("c:date1904"))
    lang = parse_xml(f'<c:lang {nsdecls("c")} val="{language}"/>')
    corners = parse_xml(f'<c:roundedCorners {nsdecls("c")} val="0"/>')
    if date1904 is not None:
        date1904.addnext(lang)
    else:
        space.insert(0, lang)
    lang.addnext(corners)
    for old in space.findall(qn("c:spPr")):
        space.remove(old)
    space.find(qn("c:chart")).addnext(
        parse_xml(f"<c:spPr {nsdecls('c', 'a')}><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>")
    )


def set_plot_area_layout(chart, x: float, y: float, w: float, h: float) -> None:
    """Fix the inner plot area (fractions of the chart frame) so shapes can be drawn over it."""
    plot_area = chart._chartSpace.chart.plotArea
    for old in plot_area.findall(qn("c:layout")):
        plot_area.remove(old)
    layout = parse_xml(
        f'<c:layout {nsdecls("c")}><c:manualLayout><c:layoutTarget val="inner"/>'
        f'<c:xMode val="edge"/><c:yMode val="edge"/><c:x val="{x:.4f}"/><c:y val="{y:.4f}"/>'
        f'<c:w val="{w:.4f}"/><c:h val="{h:.4f}"/></c:manualLayout></c:layout>'
    )
    plot_area.insert(0, layout)


def set_data_labels_fill(plot, color: str) -> None:
    """Opaque background behind the data labels of a plot (``c:dLbls/c:spPr``)."""
    d_lbls = plot._element.find(qn("c:dLbls"))
    for old in d_lbls.findall(qn("c:spPr")):
        d_lbls.remove(old)
    sp_pr = parse_xml(
        f'<c:spPr {nsdecls("c", "a")}><a:solidFill><a:srgbClr val="{color}"/></a:solidFill>'
        "<a:ln><a:noFill/></a:ln></c:spPr>"
    )
    num_fmt = d_lbls.find(qn("c:numFmt"))
    if num_fmt is not None:
        num_fmt.addnext(sp_pr)
    else:
        d_lbls.insert(0, sp_pr)


def send_behind(shape, other) -> None:
    """Move ``shape`` just behind ``other`` in the slide's drawing order."""
    other._element.addprevious(shape._element)


def set_blanks_as_gap(chart) -> None:
    """Missing values leave a gap (python-pptx's line charts would draw them as zero)."""
    chart_element = chart._chartSpace.chart
    for old in chart_element.findall(qn("c:dispBlanksAs")):
        chart_element.remove(old)
    blanks = parse_xml(f'<c:dispBlanksAs {nsdecls("c")} val="gap"/>')
    plot_vis_only = chart_element.find(qn("c:plotVisOnly"))
    if plot_vis_only is not None:
        plot_vis_only.addnext(blanks)
    else:
        chart_element.append(blanks)


def fix_embedded_workbooks(prs) -> None:
    """Give the chart data workbooks (written by xlsxwriter with the time of the run) fixed
    dates, so that the same inputs give the same deck, byte for byte inside."""
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_chart:
                workbook = shape.chart.part.chart_workbook
                if workbook.xlsx_part is not None:
                    workbook.update_from_xlsx_blob(stable_zip(workbook.xlsx_part.blob))


def set_language(prs, language: str = "fr-FR") -> None:
    """Declare every run of the slides and of their notes in ``language`` (spelling, screen
    readers): ``lang`` on each run's properties, added where a run has none."""
    parts = [slide._element for slide in prs.slides]
    parts += [slide.notes_slide._element for slide in prs.slides if slide.has_notes_slide]
    for element in parts:
        for run in element.iter(qn("a:r"), qn("a:fld")):
            properties = run.find(qn("a:rPr"))
            if properties is None:
                properties = etree.SubElement(run, qn("a:rPr"))
                run.insert(0, properties)
            properties.set("lang", language)
        for end in element.iter(qn("a:endParaRPr")):
            end.set("lang", language)


def set_every_category_label(chart) -> None:
    """Show every category's label (a renderer otherwise skips some when they are crowded)."""
    axis = chart._chartSpace.find(".//" + qn("c:catAx"))
    if axis is None:
        return
    for old in axis.findall(qn("c:tickLblSkip")):
        axis.remove(old)
    skip = parse_xml(f'<c:tickLblSkip {nsdecls("c")} val="1"/>')
    later = [axis.find(qn(tag)) for tag in ("c:tickMarkSkip", "c:noMultiLvlLbl", "c:extLst")]
    following = next((element for element in later if element is not None), None)
    if following is not None:
        following.addprevious(skip)
    else:
        axis.append(skip)
