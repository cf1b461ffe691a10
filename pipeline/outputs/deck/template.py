"""Build the default 16:9 PowerPoint template in the State's visual identity.

The template starts from python-pptx's default (4:3) presentation; the slide size is widened
to 13.333 in × 7.5 in and the master and every kept layout are rewritten so their placeholders
sit at 16:9 positions. Theme colours follow the DSFR palette, theme fonts name "Marianne"
(with Arial-like substitution hints: its files are reserved to the State's services and are
never committed). The build is deterministic: two builds give byte-identical files.

Run ``python -m pipeline.template_builder`` to rewrite ``pipeline/resources/clu_template.pptx``.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls
from pptx.util import Emu, Inches

from pipeline.core.writing import write_bytes
from pipeline.outputs.theme import (  # noqa: F401 - the template's identity
    ACCENT_TOP_IN,
    BAND_H_IN,
    BLEU_FRANCE,
    CONTENT_BOTTOM_IN,
    CONTENT_TOP_IN,
    CONTENT_W_IN,
    DEFAULT_TEMPLATE_PATH,
    ERROR,
    FONT_NAME,
    FONT_PANOSE,
    FONT_PITCH_FAMILY,
    FOOTER_H_IN,
    FOOTER_LINE_IN,
    FOOTER_TOP_IN,
    GREY_50,
    GREY_200,
    GREY_500,
    GREY_600,
    GREY_800,
    GREY_900,
    INFO,
    MARGIN_IN,
    ROUGE_MARIANNE,
    SLIDE_H,
    SLIDE_H_IN,
    SLIDE_NUMBER_W_IN,
    SLIDE_W,
    SLIDE_W_IN,
    SUCCESS,
    TITLE_H_IN,
    TITLE_TOP_IN,
    WARNING,
    WHITE,
)

FIXED_DATE = dt.datetime(2023, 1, 1, 9, 0, 0)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

# Default layouts kept (index in python-pptx's default template → French name).
KEPT_LAYOUTS = {0: "Titre", 1: "Titre et contenu", 2: "Section", 5: "Titre seul", 6: "Vide"}


def _emu(inches: float) -> int:
    return int(Inches(inches))


# --- XML fragments -----------------------------------------------------------------------------
def _xfrm(x: float, y: float, w: float, h: float) -> str:
    return (
        f'<a:xfrm><a:off x="{_emu(x)}" y="{_emu(y)}"/>'
        f'<a:ext cx="{_emu(w)}" cy="{_emu(h)}"/></a:xfrm>'
    )


def _fill(color: str | None) -> str:
    return f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill>' if color else "<a:noFill/>"


def _run(text: str, size: int, color: str, *, bold=False, italic=False) -> str:
    attrs = (
        f'lang="fr-FR" sz="{size * 100}"'
        + (' b="1"' if bold else "")
        + (' i="1"' if italic else "")
    )
    return f"<a:r><a:rPr {attrs}>{_fill(color)}</a:rPr><a:t>{text}</a:t></a:r>"


def _rect(shape_id: int, name: str, x, y, w, h, color: str) -> str:
    """A plain filled rectangle without text (a decoration)."""
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr/><p:nvPr/>'
        f"</p:nvSpPr><p:spPr>{_xfrm(x, y, w, h)}"
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{_fill(color)}<a:ln><a:noFill/></a:ln>'
        "</p:spPr></p:sp>"
    )


def _republic_block(shape_id: int, x, y, *, scale: float, color: str) -> str:
    """The neutral "RÉPUBLIQUE FRANÇAISE / Liberté Égalité Fraternité" text block (no logo)."""
    big, small = round(9 * scale), round(7 * scale)
    paras = (
        f'<a:p><a:pPr><a:lnSpc><a:spcPct val="95000"/></a:lnSpc></a:pPr>'
        f"{_run('RÉPUBLIQUE', big, color, bold=True)}</a:p>"
        f'<a:p><a:pPr><a:lnSpc><a:spcPct val="95000"/></a:lnSpc></a:pPr>'
        f"{_run('FRANÇAISE', big, color, bold=True)}</a:p>"
        f'<a:p><a:pPr><a:spcBef><a:spcPts val="{round(300 * scale)}"/></a:spcBef></a:pPr>'
        f"{_run('Liberté Égalité Fraternité', small, color, italic=True)}</a:p>"
    )
    w, h = 2.6 * scale, 0.52 * scale
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="Bloc République française"/>'
        f'<p:cNvSpPr txBox="1"/><p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr>{_xfrm(x, y, w, h)}'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
        '<p:txBody><a:bodyPr wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="t">'
        f"<a:noAutofit/></a:bodyPr><a:lstStyle/>{paras}</p:txBody></p:sp>"
    )


def _placeholder(
    shape_id: int,
    name: str,
    ph: str,
    box: tuple[float, float, float, float],
    prompt: str = "",
    *,
    anchor: str = "t",
    lst_style: str = "",
    master: bool = False,
) -> str:
    geom = '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>' if master else ""
    # Zero side insets: titles and text align on the margin with the rouge Marianne accent.
    body_pr = (
        f'<a:bodyPr vert="horz" wrap="square" lIns="0" tIns="45720" rIns="0" '
        f'bIns="45720" rtlCol="0" anchor="{anchor}"><a:noAutofit/></a:bodyPr>'
        if master
        else f'<a:bodyPr lIns="0" rIns="0" anchor="{anchor}"/>'
    )
    para = f'<a:r><a:rPr lang="fr-FR"/><a:t>{prompt}</a:t></a:r>' if prompt else ""
    if 'type="sldNum"' in ph:
        para = (
            '<a:fld id="{C1FF6DA9-008F-8B48-92A6-B652298478BF}" type="slidenum">'
            '<a:rPr lang="fr-FR"/><a:t>‹#›</a:t></a:fld>'
        )
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr>'
        f"<p:spPr>{_xfrm(*box)}{geom}</p:spPr><p:txBody>{body_pr}"
        f'<a:lstStyle>{lst_style}</a:lstStyle><a:p>{para}<a:endParaRPr lang="fr-FR"/></a:p>'
        "</p:txBody></p:sp>"
    )


def _lvl1(size: int, color: str, *, algn="l", bold=False) -> str:
    return (
        f'<a:lvl1pPr marL="0" indent="0" algn="{algn}"><a:buNone/>'
        f'<a:defRPr sz="{size * 100}"' + (' b="1"' if bold else "") + f">{_fill(color)}"
        "</a:defRPr></a:lvl1pPr>"
    )


def _footer_placeholders(
    first_id: int, idx: tuple[int, int, int], color: str, *, master: bool = False
) -> str:
    """Date, footer and slide-number placeholders along the bottom edge (16:9 positions)."""
    y, h = FOOTER_TOP_IN, FOOTER_H_IN
    footer_box = (MARGIN_IN, y, 8.0, h)
    date_box = (MARGIN_IN + 8.2, y, 2.2, h)
    num_box = (SLIDE_W_IN - MARGIN_IN - SLIDE_NUMBER_W_IN, y, SLIDE_NUMBER_W_IN, h)
    return (
        _placeholder(
            first_id,
            "Espace réservé de la date",
            f'<p:ph type="dt" sz="half" idx="{idx[0]}"/>',
            date_box,
            anchor="ctr",
            lst_style=_lvl1(10, color, algn="r"),
            master=master,
        )
        + _placeholder(
            first_id + 1,
            "Espace réservé du pied de page",
            f'<p:ph type="ftr" sz="quarter" idx="{idx[1]}"/>',
            footer_box,
            anchor="ctr",
            lst_style=_lvl1(10, color),
            master=master,
        )
        + _placeholder(
            first_id + 2,
            "Espace réservé du numéro de diapositive",
            f'<p:ph type="sldNum" sz="quarter" idx="{idx[2]}"/>',
            num_box,
            anchor="ctr",
            lst_style=_lvl1(10, color, algn="r", bold=True),
            master=master,
        )
    )


def _sp_tree(shapes: str) -> str:
    return (
        '<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
        '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/>'
        f'<a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>{shapes}</p:spTree>'
    )


def _c_sld(name: str | None, shapes: str, background: str | None = None) -> etree._Element:
    name_attr = f' name="{name}"' if name is not None else ""
    bg = (
        f"<p:bg><p:bgPr>{_fill(background)}<a:effectLst/></p:bgPr></p:bg>"
        if background
        else '<p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg>'
    )
    return parse_xml(f"<p:cSld {nsdecls('a', 'p', 'r')}{name_attr}>{bg}{_sp_tree(shapes)}</p:cSld>")


def _replace_c_sld(element, new_c_sld) -> None:
    """Swap ``p:cSld`` keeping its ``p:extLst`` (PowerPoint's creation id)."""
    old = element.find("{*}cSld")
    ext = old.find("{*}extLst")
    if ext is not None:
        new_c_sld.append(ext)
    element.replace(old, new_c_sld)


# --- master ------------------------------------------------------------------------------------
_TITLE_BOX = (MARGIN_IN, TITLE_TOP_IN, CONTENT_W_IN, TITLE_H_IN)
_BODY_BOX = (MARGIN_IN, CONTENT_TOP_IN, CONTENT_W_IN, CONTENT_BOTTOM_IN - CONTENT_TOP_IN)


def _master_decorations(first_id: int) -> str:
    return (
        _rect(first_id, "Bandeau bleu France", 0, 0, SLIDE_W_IN, BAND_H_IN, BLEU_FRANCE)
        + _republic_block(first_id + 1, MARGIN_IN, 0.22, scale=1.0, color=GREY_900)
        + _rect(
            first_id + 2,
            "Filet rouge Marianne",
            MARGIN_IN,
            ACCENT_TOP_IN,
            0.9,
            0.05,
            ROUGE_MARIANNE,
        )
        + _rect(
            first_id + 3,
            "Filet de pied de page",
            MARGIN_IN,
            FOOTER_LINE_IN,
            CONTENT_W_IN,
            0.01,
            GREY_200,
        )
    )


def _master_shapes() -> str:
    return (
        _master_decorations(2)
        + _placeholder(
            6,
            "Espace réservé du titre",
            '<p:ph type="title"/>',
            _TITLE_BOX,
            "Cliquez pour modifier le style du titre",
            anchor="b",
            master=True,
        )
        + _placeholder(
            7,
            "Espace réservé du texte",
            '<p:ph type="body" idx="1"/>',
            _BODY_BOX,
            "Cliquez pour modifier les styles du texte du masque",
            master=True,
        )
        + _footer_placeholders(8, (2, 3, 4), GREY_600, master=True)
    )


def _txstyles() -> etree._Element:
    title = (
        '<p:titleStyle><a:lvl1pPr algn="l" defTabSz="914400" rtl="0" eaLnBrk="1" latinLnBrk="0"'
        ' hangingPunct="1"><a:lnSpc><a:spcPct val="90000"/></a:lnSpc><a:spcBef><a:spcPct val="0"/>'
        '</a:spcBef><a:buNone/><a:defRPr sz="2800" b="1" kern="1200">'
        f'{_fill(BLEU_FRANCE)}<a:latin typeface="+mj-lt"/><a:ea typeface="+mj-ea"/>'
        '<a:cs typeface="+mj-cs"/></a:defRPr></a:lvl1pPr></p:titleStyle>'
    )
    sizes = [20, 18, 16, 14, 14, 14, 14, 14, 14]
    chars = ["•", "–", "•", "–", "•", "–", "•", "–", "•"]
    body = "<p:bodyStyle>"
    for level, (size, char) in enumerate(zip(sizes, chars, strict=True), start=1):
        mar = 285750 * level
        body += (
            f'<a:lvl{level}pPr marL="{mar}" indent="-285750" algn="l" defTabSz="914400" rtl="0"'
            ' eaLnBrk="1" latinLnBrk="0" hangingPunct="1"><a:spcBef><a:spcPts val="600"/>'
            f'</a:spcBef><a:buClr><a:srgbClr val="{BLEU_FRANCE}"/></a:buClr>'
            f'<a:buFont typeface="Arial"/><a:buChar char="{char}"/>'
            f'<a:defRPr sz="{size * 100}" kern="1200">{_fill(GREY_900)}'
            '<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/>'
            f"</a:defRPr></a:lvl{level}pPr>"
        )
    body += "</p:bodyStyle>"
    other = (
        '<p:otherStyle><a:defPPr><a:defRPr lang="fr-FR"/></a:defPPr>'
        '<a:lvl1pPr marL="0" algn="l" defTabSz="914400" rtl="0" eaLnBrk="1" latinLnBrk="0"'
        f' hangingPunct="1"><a:defRPr sz="1800" kern="1200">{_fill(GREY_900)}'
        '<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/>'
        "</a:defRPr></a:lvl1pPr></p:otherStyle>"
    )
    return parse_xml(f"<p:txStyles {nsdecls('a', 'p')}>{title}{body}{other}</p:txStyles>")


# --- layouts -----------------------------------------------------------------------------------
def _layout_title() -> tuple[str, str | None, bool]:
    """Title slide: own decorations (larger République block), title, red accent, subtitle."""
    shapes = (
        _rect(2, "Bandeau bleu France", 0, 0, SLIDE_W_IN, BAND_H_IN, BLEU_FRANCE)
        + _republic_block(3, MARGIN_IN, 0.45, scale=1.45, color=GREY_900)
        + _rect(
            4,
            "Panneau bleu France",
            SLIDE_W_IN - 2.9,
            BAND_H_IN,
            2.9,
            SLIDE_H_IN - BAND_H_IN,
            BLEU_FRANCE,
        )
        + _rect(5, "Filet rouge Marianne", MARGIN_IN, 4.2, 1.2, 0.06, ROUGE_MARIANNE)
        + _placeholder(
            6,
            "Titre",
            '<p:ph type="ctrTitle"/>',
            (MARGIN_IN, 2.05, 9.3, 2.0),
            "Titre de la présentation",
            anchor="b",
            lst_style=_lvl1(36, BLEU_FRANCE, bold=True),
        )
        + _placeholder(
            7,
            "Sous-titre",
            '<p:ph type="subTitle" idx="1"/>',
            (MARGIN_IN, 4.4, 9.3, 0.95),
            "Sous-titre",
            lst_style=_lvl1(20, GREY_800),
        )
        + _footer_placeholders(8, (10, 11, 12), GREY_600)
    )
    return shapes, None, False


def _layout_title_content() -> tuple[str, str | None, bool]:
    shapes = (
        _placeholder(2, "Titre", '<p:ph type="title"/>', _TITLE_BOX, "Titre", anchor="b")
        + _placeholder(3, "Contenu", '<p:ph idx="1"/>', _BODY_BOX, "Texte")
        + _footer_placeholders(4, (10, 11, 12), GREY_600)
    )
    return shapes, None, True


def _layout_section() -> tuple[str, str | None, bool]:
    """Section divider: bleu France background, white title, red accent, optional subtitle."""
    shapes = (
        _republic_block(2, MARGIN_IN, 0.35, scale=1.0, color=WHITE)
        + _rect(3, "Filet rouge Marianne", MARGIN_IN, 4.2, 1.2, 0.06, ROUGE_MARIANNE)
        + _placeholder(
            4,
            "Titre",
            '<p:ph type="title"/>',
            (MARGIN_IN, 2.0, CONTENT_W_IN, 2.05),
            "Titre de la partie",
            anchor="b",
            lst_style=_lvl1(36, WHITE, bold=True),
        )
        + _placeholder(
            5,
            "Texte",
            '<p:ph type="body" idx="1"/>',
            (MARGIN_IN, 4.4, CONTENT_W_IN, 1.6),
            "Texte",
            lst_style=_lvl1(20, WHITE),
        )
        + _footer_placeholders(6, (10, 11, 12), WHITE)
    )
    return shapes, BLEU_FRANCE, False


def _layout_title_only() -> tuple[str, str | None, bool]:
    shapes = _placeholder(
        2, "Titre", '<p:ph type="title"/>', _TITLE_BOX, "Titre", anchor="b"
    ) + _footer_placeholders(3, (10, 11, 12), GREY_600)
    return shapes, None, True


def _layout_blank() -> tuple[str, str | None, bool]:
    """Blank: band and République block only (no title accent line)."""
    shapes = (
        _rect(2, "Bandeau bleu France", 0, 0, SLIDE_W_IN, BAND_H_IN, BLEU_FRANCE)
        + _republic_block(3, MARGIN_IN, 0.22, scale=1.0, color=GREY_900)
        + _footer_placeholders(4, (10, 11, 12), GREY_600)
    )
    return shapes, None, False


_LAYOUT_BUILDERS = {
    "Titre": _layout_title,
    "Titre et contenu": _layout_title_content,
    "Section": _layout_section,
    "Titre seul": _layout_title_only,
    "Vide": _layout_blank,
}


# --- theme -------------------------------------------------------------------------------------
_THEME_COLORS = {
    "dk1": GREY_900,
    "lt1": WHITE,
    "dk2": BLEU_FRANCE,
    "lt2": GREY_50,
    "accent1": BLEU_FRANCE,
    "accent2": ROUGE_MARIANNE,
    "accent3": INFO,
    "accent4": SUCCESS,
    "accent5": WARNING,
    "accent6": GREY_600,
    "hlink": BLEU_FRANCE,
    "folHlink": GREY_800,
}


def _edit_theme(blob: bytes) -> bytes:
    root = etree.fromstring(blob)
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    root.set("name", "Identité de l'État")
    scheme = root.find(f"{a}themeElements/{a}clrScheme")
    scheme.set("name", "DSFR")
    for tag, color in _THEME_COLORS.items():
        slot = scheme.find(f"{a}{tag}")
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, f"{a}srgbClr", val=color)
    fonts = root.find(f"{a}themeElements/{a}fontScheme")
    fonts.set("name", FONT_NAME)
    for which in ("majorFont", "minorFont"):
        latin = fonts.find(f"{a}{which}/{a}latin")
        latin.set("typeface", FONT_NAME)
        latin.set("panose", FONT_PANOSE)
        latin.set("pitchFamily", FONT_PITCH_FAMILY)
        latin.set("charset", "0")
    fmt = root.find(f"{a}themeElements/{a}fmtScheme")
    fmt.set("name", "DSFR")
    # Flat design: solid fills instead of gradients, no theme shadow nor bevel.
    for gradient in list(fmt.iter(f"{a}gradFill")):
        solid = etree.Element(f"{a}solidFill")
        etree.SubElement(solid, f"{a}schemeClr", val="phClr")
        gradient.getparent().replace(gradient, solid)
    for effect_list in fmt.iter(f"{a}effectLst"):
        for child in list(effect_list):
            effect_list.remove(child)
    for scene in list(fmt.iter(f"{a}scene3d")) + list(fmt.iter(f"{a}sp3d")):
        scene.getparent().remove(scene)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


_APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<TotalTime>0</TotalTime><Words>0</Words><Application>Microsoft Office PowerPoint</Application>"
    "<PresentationFormat>Grand écran</PresentationFormat><Paragraphs>0</Paragraphs>"
    "<Slides>0</Slides><Notes>0</Notes><HiddenSlides>0</HiddenSlides><MMClips>0</MMClips>"
    "<ScaleCrop>false</ScaleCrop><Company>Préfecture</Company><LinksUpToDate>false</LinksUpToDate>"
    "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
    "<AppVersion>16.0000</AppVersion></Properties>"
).encode()


# --- build -------------------------------------------------------------------------------------
def _drop_package_noise(prs) -> None:
    """Drop the 4:3 thumbnail and the Mac printer settings inherited from python-pptx."""
    package = prs.part.package
    for rel in list(package._rels.values()):
        if rel.reltype == RT.THUMBNAIL:
            package.drop_rel(rel.rId)
    for rel in list(prs.part.rels.values()):
        if rel.reltype == RT.PRINTER_SETTINGS:
            prs.part.drop_rel(rel.rId)
    for rel in package._rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = _APP_XML


def _set_core_properties(prs) -> None:
    core = prs.core_properties
    core.author = "Préfecture"
    core.last_modified_by = "Préfecture"
    core.title = "Modèle du Comité local des usagers"
    core.subject = "Comité local des usagers"
    core.comments = "Modèle 16:9 aux couleurs de l'État (police Marianne, repli Arial)"
    core.language = "fr-FR"
    core.created = FIXED_DATE
    core.modified = FIXED_DATE
    core.revision = 1


def _deterministic_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes so two builds are byte-identical."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def build_default_template(path: Path) -> None:
    """Write the 16:9 CLU template (layouts "Titre", "Titre et contenu", "Section", "Titre seul",
    "Vide") to ``path``, deterministically."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(SLIDE_W), Emu(SLIDE_H)
    prs.part._element.find("{*}sldSz").attrib.pop("type", None)

    master = prs.slide_master
    layouts = list(prs.slide_layouts)
    for index, layout in enumerate(layouts):
        if index not in KEPT_LAYOUTS:
            prs.slide_layouts.remove(layout)

    master_el = master._element
    _replace_c_sld(master_el, _c_sld(None, _master_shapes()))
    master_el.replace(master_el.find("{*}txStyles"), _txstyles())

    for number, layout in enumerate(prs.slide_layouts, start=1):
        name = KEPT_LAYOUTS[layouts.index(layout)]
        shapes, background, show_master = _LAYOUT_BUILDERS[name]()
        layout_el = layout._element
        _replace_c_sld(layout_el, _c_sld(name, shapes, background))
        layout_el.set("showMasterSp", "1" if show_master else "0")
        layout.part.partname = PackURI(f"/ppt/slideLayouts/slideLayout{number}.xml")

    theme_part = master.part.part_related_by(RT.THEME)
    theme_part._blob = _edit_theme(theme_part.blob)
    _drop_package_noise(prs)
    _set_core_properties(prs)

    buffer = io.BytesIO()
    prs.save(buffer)
    write_bytes(path, _deterministic_zip(buffer.getvalue()))


if __name__ == "__main__":
    build_default_template(DEFAULT_TEMPLATE_PATH)
    print(f"Modèle écrit : {DEFAULT_TEMPLATE_PATH}")
