"""The State's heading block (the « bloc-marque » of the DSFR) as HTML, for the documents read on
screen and printed: the survey report and the Transparence poster.

« RÉPUBLIQUE FRANÇAISE » in capitals on two lines, the motto « Liberté Égalité Fraternité » on
three lines under it, on the same left edge, and the structure's name beside the block. A
préfecture that has its own logo file (its bloc-marque with the Marianne, reserved to the State's
services and so not shipped) gives it in the configuration: the logo then stands in place of the
words, with the same words as its alternative text.
"""

from __future__ import annotations

import base64
from pathlib import Path

from pipeline.core.exceptions import ConfigError
from pipeline.core.paths import relative
from pipeline.outputs import theme
from pipeline.outputs.escaping import html_text

FONT_STACK = "Marianne, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"
LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
              ".svg": "image/svg+xml"}  # fmt: skip
LOGO_MAX_BYTES = 2_000_000

# Sizes in em of the block's own font size: the documents set that size (a report at 10-11 pt,
# the poster at 13 pt and more).
STATE_HEADING_CSS = f"""
.state-heading {{ display: flex; justify-content: space-between; align-items: flex-start;
  gap: 1em; padding: 0 0 .6em; margin: 0 0 .8em; border-bottom: 1px solid #{theme.GREY_200};
  font-family: {FONT_STACK}; color: #{theme.GREY_900}; }}
.state-heading .brand {{ margin: 0; text-align: left; }}
.state-heading .republic {{ margin: 0; font-weight: bold; text-transform: uppercase;
  font-size: 1.3em; line-height: 1.05; letter-spacing: .02em; }}
.state-heading .motto {{ margin: .3em 0 0; font-style: italic; font-size: 1em; line-height: 1.1; }}
.state-heading .logo {{ display: block; height: 6em; width: auto; }}
.state-heading .structure {{ margin: 0; text-align: right; font-weight: bold; font-size: 1.2em;
  color: #{theme.BLEU_FRANCE}; max-width: 60%; }}
"""


def logo_uri(path: Path | None) -> str:
    """The logo file as a ``data:`` URI (the page carries it: published as is on a website,
    printed without reading another file); "" without one. ConfigError in French when it is
    missing, of another kind or too large."""
    if path is None:
        return ""
    kind = LOGO_TYPES.get(path.suffix.lower())
    if kind is None:
        raise ConfigError(
            f"Configuration transparence.logo : {relative(path)} n'est pas une image PNG, JPEG "
            "ou SVG. Donnez le chemin du fichier du logo (par rapport au fichier de "
            "configuration), puis relancez."
        )
    if not path.is_file():
        raise ConfigError(
            f"Configuration transparence.logo : fichier introuvable, {relative(path)}. Vérifiez "
            "le chemin (par rapport au fichier de configuration), puis relancez."
        )
    if path.stat().st_size > LOGO_MAX_BYTES:
        raise ConfigError(
            f"Configuration transparence.logo : {relative(path)} pèse plus de 2 Mo. Donnez une "
            "image plus légère (un logo de 1 000 pixels de large suffit), puis relancez."
        )
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def state_heading_html(structure: str, detail: str = "", logo: str = "", aside: str = "") -> str:
    """The heading block: the bloc-marque (or the préfecture's logo, a ``data:`` URI), and
    beside it the structure's name (with a service or a detail on a second line), or ``aside``
    (HTML: a document's own title block, that names the structure)."""
    who = html_text(structure) + (f"<br>{html_text(detail)}" if detail else "")
    beside = aside or f'<p class="structure">{who}</p>'
    if logo:
        brand = (
            f'<img class="logo" src="{logo}" alt="République française — Liberté, Égalité, '
            f'Fraternité — {html_text(structure)}">'
        )
    else:
        brand = (
            '<p class="republic">République<br>française</p>'
            '<p class="motto">Liberté<br>Égalité<br>Fraternité</p>'
        )
    return f'<header class="state-heading"><div class="brand">{brand}</div>{beside}</header>'
