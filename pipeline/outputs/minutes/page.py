"""The minutes draft as one HTML page, from the same blocks as the Word and Markdown versions:
the State's heading block, the contents list linked to its headings, tables with borders, the
places to fill in marked; printed on A4 with headings kept with what follows, table rows never
cut, and (for an engine that reads CSS paged media) the page numbers in the contents list and
at the foot of each page. Every text is escaped (:func:`~pipeline.outputs.escaping.html_text`).
"""

from __future__ import annotations

from pathlib import Path

from pipeline.core.writing import write_text
from pipeline.outputs import theme
from pipeline.outputs.escaping import html_text
from pipeline.outputs.minutes.blocks import (
    Block,
    Bullets,
    Contents,
    Heading,
    Masthead,
    Paragraph,
    Signature,
    Table,
    headings,
    split_places,
)

CSS = f"""
body {{ font-family: Marianne, Arial, sans-serif; color: #161616; line-height: 1.45;
  max-width: 48em; margin: 2em auto; padding: 0 1em; font-size: 11pt; }}
h1, h2 {{ color: #{theme.BLEU_FRANCE}; }}
h1 {{ font-size: 1.7em; margin: .8em 0 .3em; }}
h2 {{ font-size: 1.25em; border-bottom: 2px solid #{theme.BLEU_FRANCE}; padding-bottom: .15em;
  margin-top: 1.6em; }}
.masthead {{ margin-bottom: 1.5em; }}
.masthead p {{ margin: 0; }}
.masthead .state {{ font-weight: bold; text-transform: uppercase; letter-spacing: .02em; }}
.masthead .motto {{ font-style: italic; font-size: .85em; margin-bottom: .9em; }}
.masthead .prefecture {{ font-weight: bold; }}
nav.toc {{ background: #F6F6F6; border-left: 4px solid #{theme.BLEU_FRANCE};
  padding: .5em 1.2em; margin: 1em 0; }}
nav.toc .title {{ font-weight: bold; color: #{theme.BLEU_FRANCE}; margin: .2em 0; }}
nav.toc ol {{ list-style: none; padding: 0; margin: 0; }}
nav.toc a {{ color: inherit; text-decoration: none; }}
.lead {{ font-weight: bold; }}
p.quoted {{ margin: .15em 0 .15em 1.2em; padding-left: .8em; border-left: 3px solid #DDDDDD;
  color: #3A3A3A; }}
mark.to-fill {{ background: #FFF3A3; font-style: italic; }}
table {{ border-collapse: collapse; width: 100%; margin: .3em 0 1em; font-size: .85em; }}
caption {{ caption-side: top; text-align: left; font-weight: bold; padding: .3em 0; }}
th {{ background: #{theme.BLEU_FRANCE}; color: #FFFFFF; text-align: left; padding: .3em .5em;
  border: 1px solid #{theme.BLEU_FRANCE}; }}
td {{ border: 1px solid #929292; padding: .25em .5em; vertical-align: top; }}
.signature {{ margin: 2em 0 0 55%; }}
.signature .room {{ height: 5em; }}
@page {{ size: A4; margin: 2cm 2cm 2.2cm;
  @bottom-center {{ content: "page " counter(page) " sur " counter(pages); font-size: 8pt;
    font-family: Marianne, Arial, sans-serif; color: #3A3A3A; }} }}
@media print {{
  body {{ max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }}
  .new-page {{ break-before: page; page-break-before: always; }}
  h1, h2, caption, .keep {{ break-after: avoid; page-break-after: avoid; }}
  tr, .signature, .masthead {{ break-inside: avoid; page-break-inside: avoid; }}
  thead {{ display: table-header-group; }}
  nav.toc a::after {{ content: leader('.') target-counter(attr(href url), page); }}
}}
"""


def _text(text: str) -> str:
    """Escaped text, each place to fill in marked."""
    return "".join(
        f'<mark class="to-fill">{html_text(part)}</mark>' if place else html_text(part)
        for part, place in split_places(text)
    )


def _paragraph(block: Paragraph) -> str:
    text = _text(block.text)
    if block.lead:
        text = f'<span class="lead">{html_text(block.lead)}</span>{text}'
    elif block.emphasis:
        text = f"<strong>{text}</strong>"
    if block.to_fill:
        text = f'<mark class="to-fill">{text}</mark>'
    classes = " ".join(
        name for name, on in (("keep", block.keep or block.emphasis), ("quoted", block.quoted))
        if on
    )  # fmt: skip
    return f'<p class="{classes}">{text}</p>' if classes else f"<p>{text}</p>"


def _table(block: Table) -> str:
    caption = f"<caption>{html_text(block.caption)}</caption>" if block.caption else ""
    head = "".join(f'<th scope="col">{html_text(h)}</th>' for h in block.header)
    rows = "".join("<tr>" + "".join(f"<td>{_text(c)}</td>" for c in row) + "</tr>"
                   for row in block.rows)  # fmt: skip
    return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def to_html(sections: list[list[Block]], title: str, build: str = "") -> str:
    """The whole draft as an HTML page (French, its title, the build it was made from)."""
    entries = headings(sections)
    anchors = {id(h): f"partie-{i}" for i, h in enumerate(entries, 1)}
    body: list[str] = []
    for block in (b for blocks in sections for b in blocks):
        if isinstance(block, Heading):
            anchor = anchors.get(id(block))
            at = f' id="{anchor}"' if anchor else ""
            at += ' class="new-page"' if block.new_page else ""
            body.append(f"<h{block.level}{at}>{html_text(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            body.append(_paragraph(block))
        elif isinstance(block, Bullets):
            tag = "ol" if block.numbered else "ul"
            items = "".join(
                f'<li><mark class="to-fill">{_text(i)}</mark></li>' if block.to_fill
                else f"<li>{_text(i)}</li>" for i in block.items
            )  # fmt: skip
            body.append(f"<{tag}>{items}</{tag}>")
        elif isinstance(block, Table):
            body.append(_table(block))
        elif isinstance(block, Masthead):
            motto = "<br>".join(html_text(word) for word in block.motto)
            body.append(
                f'<header class="masthead"><p class="state">{html_text(block.state)}</p>'
                f'<p class="motto">{motto}</p><p class="prefecture">'
                f"{html_text(block.prefecture)}</p><p>{html_text(block.service)}</p></header>"
            )
        elif isinstance(block, Contents):
            items = "".join(f'<li><a href="#{anchors[id(h)]}">{html_text(h.text)}</a></li>'
                            for h in entries)  # fmt: skip
            name = html_text(block.title)
            body.append(
                f'<nav class="toc" aria-label="{name}"><p class="title">{name}</p>'
                f"<ol>{items}</ol></nav>"
            )
        elif isinstance(block, Signature):
            body.append(
                f'<div class="signature"><p>{html_text(block.role)},</p>'
                f'<div class="room"></div><p><strong>{html_text(block.name)}</strong></p></div>'
            )
    meta = f'<meta name="clu-build" content="{html_text(build)}">\n' if build else ""
    return (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html_text(title)}</title>\n{meta}<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def write_html(sections: list[list[Block]], path: Path, title: str, build: str = "") -> Path:
    """Write the draft's HTML page (atomically)."""
    write_text(path, to_html(sections, title, build))
    return path
