"""The « affiche Transparence » as one A4 portrait page of HTML, in the State's visual identity.

The same page is published on the website as HTML and, printed by WeasyPrint
(:func:`pipeline.outputs.pdf.html_to_pdf`), is the PDF for the hall, whose page is the PNG for
the website (``pdftoppm``). Its layout is computed here, from its text: the heading block, the
title, each result in its own block (the figure large beside the sentence, the objective and
whether it is met under it), the sources at the foot. The blocks share the height left between
the title and the foot, so the page is filled; the sentences take the largest size at which
the longest fits its block (never under 13 pt, the objective lines never under 12 pt: read from
two metres). A list too long for one page at those sizes is refused in French.

RGAA-minded: ``lang="fr"``, one ``h1``, the results as a list, text as text, colour never alone
(the status is written), contrasts of at least 4.5:1 (:data:`COLOURS`, checked by a test).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pipeline.core.exceptions import ConfigError
from pipeline.core.formatting import format_date
from pipeline.core.paths import QUARTERS
from pipeline.facts.results import Poster, PosterLine
from pipeline.outputs import theme
from pipeline.outputs.escaping import html_text
from pipeline.outputs.state_heading import (
    FONT_STACK,
    STATE_HEADING_CSS,
    logo_uri,
    state_heading_html,
)

# --- the page's geometry, in centimetres and points -------------------------------------------
PAGE_CM = (21.0, 29.7)
MARGIN_CM = 1.0
WIDTH_CM = PAGE_CM[0] - 2 * MARGIN_CM  # 19.0
HEIGHT_CM = PAGE_CM[1] - 2 * MARGIN_CM  # 27.7
PT_CM = 2.54 / 72
BRAND_CM, BRAND_W_CM = 2.75, 4.6  # the bloc-marque at 12 pt (the motto's three lines)
HEADING_W_CM = WIDTH_CM - BRAND_W_CM - 0.6  # the title block beside it
FOOT_GAP_CM = 0.3
GAP_CM = 0.15  # between two results
BAR_CM, FIGURE_CM, PAD_CM = 0.22, 4.2, 0.18  # the side bar, the figure's column, a block's padding
TEXT_CM = WIDTH_CM - BAR_CM - 0.3 - FIGURE_CM - PAD_CM  # the sentence's width
SLACK_CM = 0.3  # kept free: the estimate is an estimate (the blocks grow to fill the page)
LARGEST_PT, SMALLEST_PT = 28.0, 12.0  # the sentences
SMALLEST_TEXT_PT = 12.0  # any text of the page, the objective lines and the motto included
FIGURE_PT = (34.0, 64.0)  # the figures: at least (26 pt on a crowded page), at most
CROWDED_FIGURE_PT = 26.0
TITLE_PT, KICKER_PT, FOOT_PT, UNIT_PT = 28.0, 13.0, 12.0, 14.0
# Average width of a French text's character (em), bold or not: DejaVu Sans, the widest of the
# fonts the page may get (Marianne, Arial and Liberation Sans are narrower), measured.
CHAR_EM = {True: 0.58, False: 0.51}
LINE = 1.18  # line height, in font sizes

# Text colour on its background, for the contrast test (RGAA: at least 4.5:1).
CARD = "F5F5FE"  # the DSFR's lightest blue
COLOURS = {
    "sentence": (theme.BLEU_FRANCE, CARD),
    "figure": (theme.BLEU_FRANCE, CARD),
    "details": (theme.GREY_800, CARD),
    "met": (theme.SUCCESS, CARD),
    "missed": (theme.ERROR, CARD),
    "without figure": (theme.GREY_800, CARD),
    "kicker": (theme.ROUGE_MARIANNE, theme.WHITE),
    "title": (theme.BLEU_FRANCE, theme.WHITE),
    "text": (theme.GREY_900, theme.WHITE),
    "foot": (theme.GREY_800, theme.WHITE),
}
STATUS_CLASS = {"objectif atteint": "met", "objectif non atteint": "missed"}


def lines_of(text: str, size_pt: float, width_cm: float, bold: bool = True) -> int:
    """How many lines ``text`` takes at ``size_pt`` in ``width_cm`` (an estimate, on the safe
    side: a line is taken as nine tenths full, as words wrap)."""
    per_line = max(1, int(0.9 * width_cm / (size_pt * PT_CM * CHAR_EM[bold])))
    return max(1, math.ceil(len(text) / per_line))


def _height_cm(size_pt: float, lines: int) -> float:
    return lines * size_pt * LINE * PT_CM


def details_of(line: PosterLine) -> str:
    """The line under the sentence: the objective, whether it is met, the note."""
    goal = f"Objectif : {line.goal}" if line.goal else ""
    if goal and line.status:
        goal += " — " + line.status.removeprefix("objectif ")
    return " · ".join(filter(None, [goal, line.note]))


def details_size(size: float) -> float:
    return max(SMALLEST_TEXT_PT, round(size * 0.62, 1))


def figure_size(shortest_cm: float, figures: list[str], least: float = FIGURE_PT[0]) -> float:
    """The figures' size (pt), one for all: as large as the figure column and the shortest block
    allow, from ``least`` to :data:`FIGURE_PT`'s largest."""
    longest = max([len(figure) for figure in figures] + [2])
    by_width = (FIGURE_CM - 2 * PAD_CM) / (longest * PT_CM * CHAR_EM[True] * 1.08)
    by_height = (shortest_cm - 2 * PAD_CM - _height_cm(UNIT_PT, 1)) / (PT_CM * 1.0)
    return max(least, min(FIGURE_PT[1], by_width, by_height))


def _block_cm(line: PosterLine, size: float, figure_pt: float = FIGURE_PT[0]) -> float:
    """The height a result's block needs: its sentence and details, or its figure."""
    height = _height_cm(size, lines_of(line.sentence, size, TEXT_CM))
    if details_of(line):
        small = details_size(size)
        height += 0.1 + _height_cm(small, lines_of(details_of(line), small, TEXT_CM, False))
    figure = figure_pt * PT_CM + _height_cm(UNIT_PT, 1) if line.figure else 0.0
    return max(height, figure) + 2 * PAD_CM


@dataclass(frozen=True)
class Layout:
    """The sizes of a poster's page: font sizes (pt), heights (cm), each result's block."""

    title_pt: float
    header_cm: float
    foot_cm: float
    blocks_cm: tuple[float, ...]  # each result's block, filling the page between them
    sentence_pt: float
    figure_pt: float


def _foot_text(poster: Poster, scheme_name: str, contact: str) -> str:
    sources = (
        "Résultats calculés à partir des registres des demandes reçues par le service"
        if poster.service else
        "Résultats calculés à partir des registres, des relevés et des enquêtes de la préfecture"
    )  # fmt: skip
    few = " ; celui d'un service qui en a trop peu n'est pas affiché" if poster.service else ""
    ask = f" Vos remarques et suggestions : {contact}." if contact else ""
    return (f"{sources}, dans le cadre du label {scheme_name}. Un taux qui repose sur peu de "
            f"demandes en donne le nombre{few}.{ask}")  # fmt: skip


def _title(poster: Poster) -> str:
    return f"Nos résultats — {poster.period_text}"


def _subtitle(poster: Poster) -> str:
    return f"Mis à jour le {format_date(poster.updated_on)}"


def _heading_cm(poster: Poster, title_pt: float) -> float:
    """The title block's height beside the bloc-marque: « Transparence publique », the title,
    the structure (and service), the subtitle."""
    width = HEADING_W_CM
    who = poster.structure + (f" — {poster.service}" if poster.service else "")
    return (_height_cm(KICKER_PT, 1) + 0.1
            + _height_cm(title_pt, lines_of(_title(poster), title_pt, width))
            + 0.1 + _height_cm(KICKER_PT, lines_of(who, KICKER_PT, width))
            + _height_cm(KICKER_PT, lines_of(_subtitle(poster), KICKER_PT, width, False)))  # fmt: skip


def layout(poster: Poster, scheme_name: str = "", contact: str = "") -> Layout | None:
    """The page's sizes, or None when the results cannot fit one page at readable sizes."""
    title_pt = TITLE_PT
    while title_pt > 22 and lines_of(_title(poster), title_pt, HEADING_W_CM) > 1:
        title_pt -= 1
    header = max(BRAND_CM, _heading_cm(poster, title_pt)) + 0.5  # (its rule and the space)
    foot_text = _foot_text(poster, scheme_name, contact)
    foot = FOOT_GAP_CM + 0.15 + _height_cm(FOOT_PT, lines_of(foot_text, FOOT_PT, WIDTH_CM, False))
    room = HEIGHT_CM - header - foot - SLACK_CM - (len(poster.lines) - 1) * GAP_CM
    figures = [line.figure for line in poster.lines if line.figure]
    for least in (FIGURE_PT[0], CROWDED_FIGURE_PT):  # (smaller figures on a crowded page)
        size = LARGEST_PT
        while size >= SMALLEST_PT:
            needs = [_block_cm(line, size, least) for line in poster.lines]
            if sum(needs) <= room:
                extra = (room - sum(needs)) / max(1, len(needs))  # shared: the page is filled
                blocks = tuple(need + extra for need in needs)
                figure = figure_size(min(blocks, default=room), figures, least)
                return Layout(title_pt, header, foot, blocks, size, figure)
            size -= 0.5
    return None


def sentence_size(poster: Poster) -> float:
    """The sentences' size (pt) on the poster's page; 0 when they cannot fit."""
    found = layout(poster)
    return found.sentence_pt if found else 0.0


def fits(poster: Poster) -> bool:
    """Whether every result fits the page at readable sizes."""
    return layout(poster) is not None


_e = html_text  # (short: the page's HTML is written as it reads)


def _result(line: PosterLine, shape: Layout, block_cm: float) -> str:
    """A result's block: the figure large in its column, the sentence, the details under it."""
    sentence = line.sentence[:1].upper() + line.sentence[1:]
    details = []
    if line.goal:
        status = line.status.removeprefix("objectif ")
        status = (f' — <strong class="{STATUS_CLASS.get(line.status, "")}">{_e(status)}</strong>'
                  if status else "")  # fmt: skip
        details.append(f"Objectif : {_e(line.goal)}{status}")
    if line.note:
        details.append(_e(line.note))
    small = details_size(shape.sentence_pt)
    below = (f'<p class="details" style="font-size:{small}pt">{" · ".join(details)}</p>'
             if details else "")  # fmt: skip
    if line.value is not None and line.figure:
        size = shape.figure_pt
        unit = f'<span class="unit">{_e(line.figure_unit)}</span>' if line.figure_unit else ""
        figure = (f'<p class="figure" aria-hidden="true"><span class="number" style="font-size:'
                  f'{size:.0f}pt">{_e(line.figure)}</span>{unit}</p>')  # fmt: skip
    else:
        figure = '<p class="figure" aria-hidden="true"></p>'
    kind = "result" if line.value is not None else "result without-figure"
    return (
        f'<li class="{kind}" style="height:{block_cm:.2f}cm">{figure}'
        f'<div class="words"><p class="sentence" style="font-size:{shape.sentence_pt}pt">'
        f"{_e(sentence)}</p>{below}</div></li>"
    )


TOO_LONG = (
    "L'affiche {name} ne tient pas sur une page A4 : {count} résultats, dont les phrases "
    "font jusqu'à {longest} caractères. Raccourcissez les phrases ou retirez des résultats "
    "dans transparence.indicators de la configuration, puis relancez."
)


def poster_css(shape: Layout) -> str:
    """The page's style sheet: A4 printed, a sheet of the same size on a wide screen, the
    blocks one under the other on a narrow one."""
    c = theme
    return f"""
@page {{ size: A4 portrait; margin: {MARGIN_CM}cm; }}
html {{ background: #{c.WHITE}; }}
body {{ font-family: {FONT_STACK}; color: #{c.GREY_900}; margin: 0 auto; width: {WIDTH_CM}cm;
  font-size: {SMALLEST_TEXT_PT}pt; line-height: {LINE}; }}
/* the page's height shared: the results' blocks grow to fill what the header and foot leave */
.sheet {{ display: flex; flex-direction: column; height: {HEIGHT_CM - 0.05:.2f}cm; }}
main {{ flex: 1 1 auto; display: flex; flex-direction: column; }}
ul.results {{ flex: 1 1 auto; display: flex; flex-direction: column;
  justify-content: space-between; }}
{STATE_HEADING_CSS}
.state-heading {{ height: {shape.header_cm - 0.5:.2f}cm; padding: 0 0 .2cm; margin: 0 0 .3cm;
  font-size: {SMALLEST_TEXT_PT}pt; }}
.state-heading {{ display: table; width: 100%; table-layout: fixed; }}
.state-heading .brand {{ display: table-cell; vertical-align: top; width: {BRAND_W_CM}cm; }}
.heading {{ display: table-cell; vertical-align: top; padding-left: .6cm; }}
.kicker {{ margin: 0; font-size: {KICKER_PT}pt; font-weight: bold; letter-spacing: .04em;
  color: #{c.ROUGE_MARIANNE}; text-transform: uppercase; }}
h1 {{ margin: .1cm 0 0; font-size: {shape.title_pt}pt; line-height: {LINE};
  color: #{c.BLEU_FRANCE}; }}
.who {{ margin: .1cm 0 0; font-size: {KICKER_PT}pt; font-weight: bold; }}
.subtitle {{ margin: 0; font-size: {KICKER_PT}pt; color: #{c.GREY_800}; }}
ul.results {{ list-style: none; margin: 0; padding: 0 0 0 {BAR_CM + 0.3}cm;
  border-left: {BAR_CM}cm solid #{c.BLEU_FRANCE}; }}
li.result {{ display: table; table-layout: fixed; width: 100%; flex: none;
  margin: 0 0 {GAP_CM}cm; padding: 0; background: #{CARD}; break-inside: avoid; }}
li.result:last-child {{ margin-bottom: 0; }}
.figure {{ display: table-cell; width: {FIGURE_CM}cm; box-sizing: border-box; margin: 0;
  padding: {PAD_CM}cm; vertical-align: middle; text-align: center; color: #{c.BLEU_FRANCE};
  font-weight: bold; line-height: 1; }}
.figure .number {{ display: block; white-space: nowrap; letter-spacing: -.02em; }}
.figure .unit {{ display: block; font-size: {UNIT_PT}pt; line-height: {LINE};
  color: #{c.GREY_800}; }}
.words {{ display: table-cell; vertical-align: middle; padding: {PAD_CM}cm {PAD_CM}cm {PAD_CM}cm 0; }}
.sentence {{ margin: 0; font-weight: bold; color: #{c.BLEU_FRANCE}; line-height: {LINE}; }}
.without-figure .sentence {{ color: #{c.GREY_800}; }}
.details {{ margin: .1cm 0 0; color: #{c.GREY_800}; line-height: {LINE}; }}
.details .met {{ color: #{c.SUCCESS}; }}
.details .missed {{ color: #{c.ERROR}; }}
.empty {{ font-size: 16pt; }}
footer {{ margin: {FOOT_GAP_CM}cm 0 0; padding: .15cm 0 0; border-top: 1px solid #{c.GREY_200};
  font-size: {FOOT_PT}pt; color: #{c.GREY_800}; }}
footer p {{ margin: 0; }}
@media screen and (max-width: 22cm) {{
  body {{ width: auto; margin: 0 .6em; }}
  .sheet {{ height: auto; }}
  .state-heading, .state-heading .brand, .heading {{ height: auto; display: block; }}
  .heading {{ padding: .3cm 0 0; }}
  li.result, .figure, .words {{ height: auto !important; display: block; }}
  .figure {{ text-align: left; }}
  .words {{ padding: 0 {PAD_CM}cm {PAD_CM}cm; }}
}}
"""


def poster_html(poster: Poster, scheme_name: str, contact: str = "", name: str = "",
                logo: str = "") -> str:  # fmt: skip
    """The poster's page (``logo``: the préfecture's own, a ``data:`` URI). Raises ConfigError
    in French when its results cannot fit one page at readable sizes."""
    shape = layout(poster, scheme_name, contact)
    if shape is None:
        longest = max(len(line.sentence) for line in poster.lines)
        raise ConfigError(TOO_LONG.format(name=name or poster.period_text,
                                          count=len(poster.lines), longest=longest))  # fmt: skip
    results = "\n".join(
        _result(line, shape, block)
        for line, block in zip(poster.lines, shape.blocks_cm, strict=True)
    )
    results = (
        f'<ul class="results">\n{results}\n</ul>'
        if results
        else '<p class="empty">Aucun résultat à publier pour cette période.</p>'
    )
    title = _title(poster)
    service = f" — {_e(poster.service)}" if poster.service else ""
    heading = (
        f'<div class="heading"><p class="kicker">Transparence publique</p><h1>{_e(title)}</h1>'
        f'<p class="who">{_e(poster.structure)}{service}</p>'
        f'<p class="subtitle">{_e(_subtitle(poster))}</p></div>'
    )
    return f"""<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)} — {_e(poster.structure)}{service}</title>
<style>{poster_css(shape)}</style>
</head>
<body>
<div class="sheet">
{state_heading_html(poster.structure, poster.service, logo, heading)}
<main>
{results}
</main>
<footer><p>{_e(_foot_text(poster, scheme_name, contact))}</p></footer>
</div>
</body>
</html>
"""


def slug(text: str) -> str:
    """« Bureau des étrangers » → « bureau-des-etrangers » (a file name)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "service"


def logo_path(config) -> Path | None:
    """The préfecture's logo file (``transparence.logo``, relative to its configuration)."""
    given = config.transparence.logo
    if not given:
        return None
    base = config.path.parent if config.path is not None else Path.cwd()
    return (base / given).resolve()


def write_poster(poster: Poster, path, scheme_name: str, contact: str = "", logo: str = ""):
    """Write the poster's HTML at ``path`` and return it."""
    from pipeline.core.writing import write_text

    return write_text(path, poster_html(poster, scheme_name, contact, path.stem, logo))


def poster_png(pdf, target) -> None:
    """The PDF's page as a PNG for the website (poppler's ``pdftoppm``, 150 dpi); PipelineError
    in French when it is missing."""
    import shutil
    import subprocess

    from pipeline.core.exceptions import PipelineError
    from pipeline.core.writing import replacing

    command = shutil.which("pdftoppm")
    if command is None:
        raise PipelineError(
            "pdftoppm n'est pas installé : l'image PNG de l'affiche n'a pas été écrite "
            "(Debian ou Ubuntu : « sudo apt install poppler-utils »). Le PDF est écrit."
        )
    try:
        with replacing(target) as temporary:  # (pdftoppm adds the « .png » of the name)
            subprocess.run([command, "-png", "-r", "150", "-singlefile", str(pdf),
                            str(temporary.with_suffix(""))],
                           check=True, capture_output=True, timeout=120)  # fmt: skip
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        said = getattr(error, "stderr", b"") or b""
        raise PipelineError(
            f"pdftoppm n'a pas pu faire l'image de {Path(pdf).name} : "
            f"{said.decode('utf-8', 'replace').strip() or 'délai dépassé'}. Le PDF est écrit."
        ) from None


def contact_of(ctx) -> str:
    return ctx.config.prefecture.contact_email or ""


def logo_of(ctx) -> str:
    """The préfecture's logo as a ``data:`` URI, or "" (ConfigError when it cannot be read)."""
    return logo_uri(logo_path(ctx.config))


def write_posters(ctx, tables: dict, scheme) -> tuple[list, list[str]]:
    """The year's poster and each quarter's, for the préfecture, written as
    ``ctx.paths.posters`` lists them; returns the posters (the year's first) and the run log's
    notes (the configured results that had no figure)."""
    from pipeline.facts.results import poster

    shown = [poster(tables["indicators"], tables["survey_rates"], ctx.config, scheme, ctx.period,
                    quarter) for quarter in (None, *QUARTERS)]  # fmt: skip
    logo = logo_of(ctx)
    for each, path in zip(shown, ctx.paths.posters, strict=True):
        write_poster(each, path, scheme.name, contact_of(ctx), logo)
    left_out = shown[0].left_out
    notes = [f"Affiche Transparence : sans chiffre pour {' ; '.join(left_out)} (laissé de côté)."
             ] if left_out else []  # fmt: skip
    return shown, notes


def poster_lines_table(shown: Poster):
    """A poster as a table for the analyst's notebook."""
    import pandas as pd

    return pd.DataFrame(
        [(line.kind, line.sentence, line.target, line.status, line.note) for line in shown.lines],
        columns=["Qualité", "Ce que lit le visiteur", "Objectif", "Statut", "Précision"],
    )
