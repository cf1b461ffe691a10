"""The « affiche Transparence » as one A4 portrait page of HTML, in the State's visual identity.

The same HTML is the page for the website and, converted by LibreOffice (Writer reads its
inline styles, not a style sheet), the PDF for the hall and the PNG for the website
(:func:`pipeline.outputs.pdf.write_pdfs`, then ``pdftoppm``). Its size is chosen from its text:
the sentences' font shrinks, within readable bounds, until the estimated height of every line
fits the page (a test renders the longest realistic labels and counts the pages).
"""

from __future__ import annotations

import math
import re
import unicodedata

from pipeline.core.exceptions import ConfigError
from pipeline.core.formatting import format_date
from pipeline.core.paths import QUARTERS
from pipeline.facts.results import Poster, PosterLine
from pipeline.outputs import theme
from pipeline.outputs.escaping import html_text

# A4 portrait, in centimetres: what is left for the results once the header, title and footer
# are laid out (measured on LibreOffice's rendering, with a margin of safety).
PAGE_CM = (21.0, 29.7)
TEXT_WIDTH_CM = 16.8
RESULTS_HEIGHT_CM = 18.0
LARGEST_PT, SMALLEST_PT = 28, 10
CHAR_WIDTH_EM = 0.6  # DejaVu Sans / Arial, bold, average French text (measured)
PT_CM = 2.54 / 72


def _lines_of(text: str, size_pt: float, width_cm: float) -> int:
    per_line = max(1, int(width_cm / (size_pt * PT_CM * CHAR_WIDTH_EM)))
    return max(1, math.ceil(len(text) / per_line))


def _height_cm(lines: tuple[PosterLine, ...], size_pt: float) -> float:
    small = max(9.0, size_pt * 0.6)
    total = 0.0
    for line in lines:
        details = " · ".join(filter(None, [line.target, line.status, line.note]))
        height = _lines_of(line.sentence, size_pt, TEXT_WIDTH_CM - 0.8) * size_pt * 1.3
        if details:
            height += _lines_of(details, small, TEXT_WIDTH_CM - 0.8) * small * 1.35
        total += height * PT_CM + 0.55  # padding of the row and the gap below it
    return total


def sentence_size(lines: tuple[PosterLine, ...]) -> float:
    """The largest font (pt) at which every result fits the page (never under 10 pt)."""
    size = float(LARGEST_PT)
    while size > SMALLEST_PT and _height_cm(lines, size) > RESULTS_HEIGHT_CM:
        size -= 0.5
    return size


def fits(poster: Poster) -> bool:
    """Whether the estimate puts every result on the page at the smallest font."""
    return _height_cm(poster.lines, sentence_size(poster.lines)) <= RESULTS_HEIGHT_CM


_e = html_text  # (short: the page's HTML is written as it reads)


STATUS_COLOURS = {"objectif atteint": theme.SUCCESS, "objectif non atteint": theme.ERROR}


def _row(line: PosterLine, size: float) -> str:
    """A result as its own one-row table (a blue strip, then the sentence and, below it, the
    target, the status and the note), followed by a small gap: Writer keeps these sizes."""
    small = max(9.0, round(size * 0.6, 1))
    parts = []
    if line.target:
        parts.append(_e(line.target))
    if line.status:
        colour = STATUS_COLOURS.get(line.status, theme.GREY_800)
        parts.append(f'<b><span style="color:#{colour}">{_e(line.status)}</span></b>')
    if line.note:
        parts.append(_e(line.note))
    details = (
        f'<br><span style="font-size:{small}pt; color:#{theme.GREY_800}">'
        + " · ".join(parts) + "</span>"
    ) if parts else ""  # fmt: skip
    colour = theme.BLEU_FRANCE if line.value is not None else theme.GREY_600
    size = size if line.value is not None else max(small, round(size * 0.65, 1))  # no figure
    sentence = line.sentence[:1].upper() + line.sentence[1:]
    return (
        f'<tr><td bgcolor="#{theme.BLEU_FRANCE}" width="1%"><span style="font-size:4pt">&nbsp;'
        f'</span></td><td bgcolor="#{theme.GREY_50}"><p style="margin:0; font-size:{size}pt">'
        f'<b><span style="color:#{colour}">{_e(sentence)}</span></b>{details}</p></td></tr>'
    )


TOO_LONG = (
    "L'affiche {name} ne tient pas sur une page A4 : {count} résultats, dont les phrases "
    "font jusqu'à {longest} caractères. Raccourcissez les phrases ou retirez des résultats "
    "dans transparence.indicators de la configuration, puis relancez."
)


def poster_html(poster: Poster, scheme_name: str, contact: str = "", name: str = "") -> str:
    """The poster's page: lang="fr", one table of results, inline styles only. Raises
    ConfigError in French when its results cannot fit one page at a readable size."""
    if not fits(poster):
        longest = max(len(line.sentence) for line in poster.lines)
        raise ConfigError(TOO_LONG.format(name=name or poster.period_text,
                                          count=len(poster.lines), longest=longest))  # fmt: skip
    size = sentence_size(poster.lines)
    who = _e(poster.structure) + (f"<br>{_e(poster.service)}" if poster.service else "")
    rows = "\n".join(_row(line, size) for line in poster.lines)
    rows = (
        f'<table width="100%" cellpadding="4" cellspacing="4">\n{rows}\n</table>'
        if rows
        else '<p style="font-size:14pt">Aucun résultat à publier pour cette période.</p>'
    )
    ask = f" Vos remarques et suggestions : {_e(contact)}." if contact else ""
    few = " ; celui d'un service qui en a trop peu n'est pas affiché" if poster.service else ""
    whose = f"Qualité de service — {poster.service}" if poster.service else (
        "Qualité de service de la préfecture")  # fmt: skip
    sources = (
        "Résultats calculés à partir des registres des demandes reçues par le service"
        if poster.service else
        "Résultats calculés à partir des registres, des relevés et des enquêtes de la préfecture"
    )  # fmt: skip
    updated = format_date(poster.updated_on)
    title = f"Nos résultats — {poster.period_text}"
    return f"""<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)} — {_e(poster.structure)}{" — " + _e(poster.service) if poster.service else ""}</title>
<style>@page {{ size: 21cm 29.7cm; margin: 1.2cm; }} body {{ max-width: 17.5cm; margin: auto; }}</style>
</head>
<body style="font-family: Marianne, Arial, 'DejaVu Sans', sans-serif; color:#{theme.GREY_900}">
<table width="100%" cellpadding="0" cellspacing="0"><tr>
<td width="45%"><p style="margin:0; font-size:15pt; line-height:1.05"><b>RÉPUBLIQUE<br>FRANÇAISE</b></p>
<p style="margin:3pt 0 0 0; font-size:9pt"><i>Liberté<br>Égalité<br>Fraternité</i></p></td>
<td align="right" valign="top"><p style="margin:0; font-size:13pt"><b>{who}</b></p></td>
</tr></table>
<p style="margin:16pt 0 0 0; font-size:11pt; color:#{theme.ROUGE_MARIANNE}"><b>TRANSPARENCE PUBLIQUE</b></p>
<h1 style="margin:2pt 0 0 0; font-family: Marianne, Arial, 'DejaVu Sans', sans-serif; font-size:26pt; color:#{theme.BLEU_FRANCE}">{_e(title)}</h1>
<p style="margin:4pt 0 10pt 0; font-size:11pt; color:#{theme.GREY_800}">{_e(whose)} — mis à jour le {_e(updated)}</p>
{rows}
<p style="margin:12pt 0 0 0; font-size:9pt; color:#{theme.GREY_800}">{_e(sources)}, dans le cadre du label {_e(scheme_name)}. Un taux qui repose sur peu de demandes en donne le nombre{few}.{ask}</p>
</body>
</html>
"""


def slug(text: str) -> str:
    """« Bureau des étrangers » → « bureau-des-etrangers » (a file name)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "service"


def write_poster(poster: Poster, path, scheme_name: str, contact: str = ""):
    """Write the poster's HTML at ``path`` and return it."""
    from pipeline.core.writing import write_text

    return write_text(path, poster_html(poster, scheme_name, contact, path.stem))


def poster_png(pdf, target) -> None:
    """The PDF's page as a PNG for the website (poppler's ``pdftoppm``, 150 dpi); PipelineError
    in French when it is missing."""
    import shutil
    import subprocess
    from pathlib import Path

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


def write_posters(ctx, tables: dict, scheme) -> tuple[list, list[str]]:
    """The year's poster and each quarter's, for the préfecture, written as
    ``ctx.paths.posters`` lists them; returns the posters (the year's first) and the run log's
    notes (the configured results that had no figure)."""
    from pipeline.facts.results import poster

    shown = [poster(tables["indicators"], tables["survey_rates"], ctx.config, scheme, ctx.period,
                    quarter) for quarter in (None, *QUARTERS)]  # fmt: skip
    for each, path in zip(shown, ctx.paths.posters, strict=True):
        write_poster(each, path, scheme.name, contact_of(ctx))
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
