"""Executed notebooks rendered for people: HTML and Markdown with the code hidden (nbconvert).

One renderer for every document made from a notebook (the minutes draft, the survey report):
inputs and prompts are hidden, cells tagged ``remove-cell`` are dropped (and those tagged
``remove-if-empty`` when they printed nothing: an optional part of a report), warnings printed on
stderr stay in the executed notebook (the audit trail) but never reach the document. A report
may ask for a table of contents, built from its headings and put where a markdown cell tagged
``toc`` stands, and for a style sheet.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.core.writing import write_text
from pipeline.outputs.escaping import html_text
from pipeline.outputs.state_heading import FONT_STACK, STATE_HEADING_CSS

HIDDEN_TAG = "remove-cell"
EMPTY_TAG = "remove-if-empty"  # a cell shown only when it printed something (optional parts)
TOC_TAG = "toc"
TOC_MARK = '<div class="toc-placeholder"></div>'
TOC_TITLE = "Sommaire"
_HEADING = re.compile(
    r'<h([23]) id="([^"]+)">(.*?)<a class="anchor-link" href="#[^"]*">[^<]*</a>\s*</h\1>', re.S
)

# The report's look: the State's blue for titles and table headers, Marianne where installed
# (never shipped: its licence reserves it to the State's services), Arial, else a free font of
# the same kind. Printed (a browser's « Imprimer », or WeasyPrint for `make pdf`): A4 with the
# title and « page X sur Y » at the foot, a heading never left at a page's foot, a chart or a
# table never cut (a table longer than a page repeats its header row), tables with borders.
REPORT_CSS = (
    """
:root { --jp-content-font-family: FONT_STACK; --jp-ui-font-family: FONT_STACK;
  --jp-content-font-color1: #161616; }
main, .jp-Notebook { max-width: 1100px; margin: 0 auto; }
.jp-RenderedHTMLCommon h1, .jp-RenderedHTMLCommon h2, .jp-RenderedHTMLCommon h3 { color: #000091; }
.jp-RenderedHTMLCommon h2 { border-bottom: 2px solid #000091; padding-bottom: .2em;
  margin-top: 1.6em; }
.anchor-link { display: none; }
nav.toc { background: #F6F6F6; border-left: 4px solid #000091; padding: .6em 1.2em; }
nav.toc .toc-title { font-weight: bold; color: #000091; margin: .2em 0; }
nav.toc ol ol { list-style: lower-alpha; }
.jp-RenderedHTMLCommon table.report-table { table-layout: auto; margin: .6em 0 .3em;
  font-size: 0.95em; }
.jp-RenderedHTMLCommon table.report-table caption { caption-side: top; text-align: left;
  font-weight: bold; color: #161616; padding: .3em 0; }
.jp-RenderedHTMLCommon table.report-table th { background: #000091; color: #FFFFFF;
  padding: .35em .6em; text-align: left; vertical-align: bottom; }
.jp-RenderedHTMLCommon table.report-table td { border-bottom: 1px solid #DDDDDD;
  padding: .3em .6em; text-align: left; }
.jp-RenderedHTMLCommon table.report-table tbody tr:nth-child(even) { background: #F6F6F6; }
.jp-RenderedHTMLCommon table.report-table th.num { text-align: right; }
.jp-RenderedHTMLCommon table.report-table td.num { text-align: right; white-space: nowrap; }
.jp-RenderedHTMLCommon table.report-table td.alert { color: #B34000; font-weight: bold; }
.jp-RenderedHTMLCommon table.report-table td.small-n { color: #666666; font-style: italic; }
p.table-note, figcaption { color: #3A3A3A; font-size: 0.9em; margin: .2em 0 1.2em; }
figure.report-figure { margin: .8em 0 .4em; }
figure.report-figure img { max-width: 100%; height: auto; }
.jp-RenderedHTMLCommon blockquote { border-left: 3px solid #929292; margin: .2em 0 .2em 1em;
  padding-left: .8em; color: #3A3A3A; font-style: italic; }
@page { size: A4; margin: 1.7cm 1.6cm 2cm;
  @bottom-left { content: string(report-title); font: 8.5pt FONT_STACK; color: #3A3A3A; }
  @bottom-right { content: "page " counter(page) " sur " counter(pages);
    font: 8.5pt FONT_STACK; color: #3A3A3A; } }
@media print {
  :root { --jp-content-font-size1: 10pt; --jp-ui-font-size1: 10pt; --jp-code-font-size: 10pt; }
  html, body { background: #FFFFFF; }
  main, .jp-Notebook { max-width: none; margin: 0; padding: 0; }
  .jp-Cell, .jp-Cell-outputWrapper, .jp-OutputArea-output, .jp-InputArea { padding: 0; margin: 0; }
  .jp-Collapser, .jp-InputPrompt, .jp-OutputPrompt { display: none; }
  .jp-RenderedHTMLCommon h1 { string-set: report-title content(text); font-size: 20pt;
    margin: .2em 0 .5em; }
  .jp-RenderedHTMLCommon h2 { font-size: 14pt; margin-top: 1.1em; }
  .jp-RenderedHTMLCommon h3 { font-size: 12pt; }
  .jp-RenderedHTMLCommon code { font-family: inherit; font-weight: bold; background: none; }
  .jp-RenderedHTMLCommon table.report-table { font-size: 8.5pt; width: 100%;
    border-collapse: collapse; break-inside: avoid; }
  .jp-RenderedHTMLCommon table.report-table th,
  .jp-RenderedHTMLCommon table.report-table td { border: .5pt solid #929292; padding: .25em .35em; }
  .jp-RenderedHTMLCommon table.report-table td.num { white-space: normal; }
  .jp-RenderedHTMLCommon table.report-table thead { display: table-header-group; }
  h1, h2, h3, caption { break-after: avoid; }
  /* a heading ends its cell or its output: what holds it stays with what follows */
  .jp-Cell:has(:is(h1, h2, h3):last-child),
  .jp-OutputArea-child:has(:is(h1, h2, h3):last-child) { break-after: avoid; }
  /* a section's heading and its short introduction: kept whole, and with what follows */
  .jp-MarkdownCell:has(.jp-RenderedMarkdown > :is(h2, h3):first-child) {
    break-inside: avoid; break-after: avoid; }
  /* a text a cell shows before its table or chart (an introduction): kept with it */
  .jp-OutputArea-child:has(> .jp-RenderedMarkdown):not(:last-child) {
    break-inside: avoid; break-after: avoid; }
  tr, figure.report-figure, blockquote, nav.toc, .state-heading { break-inside: avoid; }
  p.table-note, figcaption { break-before: avoid; }
  figure.report-figure img { max-height: 20cm; }
}
""".replace("FONT_STACK", FONT_STACK)
    + STATE_HEADING_CSS
)


@dataclass(frozen=True)
class Rendering:
    """What a step renders from its executed notebook."""

    title: str  # French: the document's title (HTML <title>)
    html: Path | None = None
    markdown: Path | None = None
    table_of_contents: bool = False
    css: str = ""

    @property
    def products(self) -> list[Path]:
        return [path for path in (self.html, self.markdown) if path is not None]


def _prepared(notebook, toc_cell_source: str | None):
    """The notebook without stderr outputs; the ``toc`` cell replaced (or dropped)."""
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = [
                output
                for output in cell.outputs
                if not (output.get("output_type") == "stream" and output.get("name") == "stderr")
            ]
        if TOC_TAG in cell.get("metadata", {}).get("tags", []):
            cell.source = toc_cell_source or ""
    notebook.cells = [
        cell for cell in notebook.cells
        if (cell.cell_type != "markdown" or cell.source)
        and not (EMPTY_TAG in cell.get("metadata", {}).get("tags", []) and not cell.get("outputs"))
    ]  # fmt: skip
    for number, cell in enumerate(notebook.cells):  # Papermill's injected cell has a random id:
        cell["id"] = f"cell-{number}"  # the same inputs give the same document, byte for byte
    return notebook


def table_of_contents(body: str) -> str:
    """The HTML document with its level-2 and level-3 headings listed where the ``toc`` cell
    stood, each linked to its heading."""
    start = body.find(TOC_MARK)
    if start < 0:
        return body
    items: list[str] = []
    open_sub = False
    for level, anchor, text in _HEADING.findall(body[start:]):
        label = html_text(html.unescape(re.sub(r"<[^>]+>", "", text)).strip())
        link = f'<li><a href="#{anchor}">{label}</a>'
        if level == "3":
            items.append(("" if open_sub else "<ol>") + link + "</li>")
            open_sub = True
        else:
            items.append(("</ol></li>" if open_sub else "</li>" if items else "") + link)
            open_sub = False
    if items:
        items.append("</ol></li>" if open_sub else "</li>")
    nav = f'<nav class="toc"><p class="toc-title">{TOC_TITLE}</p><ol>{"".join(items)}</ol></nav>'
    return body.replace(TOC_MARK, nav, 1)


def _declared(body: str, build: str) -> str:
    """The HTML declared French, with the build it was made from in its metadata."""
    body = re.sub(r"<html\b[^>]*>", '<html lang="fr">', body, count=1)
    if build:
        meta = f'<meta name="clu-build" content="{html_text(build)}">'
        body = body.replace("</head>", f"{meta}\n</head>", 1)
    return body


@functools.lru_cache(maxsize=4)
def _exporter(kind: str, anchor_links: bool = False):
    """An nbconvert exporter, code and prompts hidden, cells tagged hidden removed: made once per
    process (its templates are compiled when it is made) and used for every rendering."""
    from nbconvert import HTMLExporter, MarkdownExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    options = {"exclude_input": True, "exclude_input_prompt": True, "exclude_output_prompt": True}
    if kind == "html":
        exporter = HTMLExporter(**options, exclude_anchor_links=not anchor_links)
    else:
        exporter = MarkdownExporter(**options)
    hidden = TagRemovePreprocessor(remove_cell_tags=(HIDDEN_TAG,), enabled=True)
    exporter.register_preprocessor(hidden, enabled=True)
    return exporter


def render_notebook(executed: Path, rendering: Rendering, build: str = "") -> list[Path]:
    """Write the executed notebook as HTML and/or Markdown, code hidden; returns the files.

    ``build`` is the short digest of the inputs the notebook was run on (HTML metadata)."""
    import nbformat

    resources = {"metadata": {"name": rendering.title}}
    written = []
    if rendering.html is not None:
        toc = TOC_MARK if rendering.table_of_contents else None
        notebook = _prepared(nbformat.read(executed, as_version=4), toc)
        exporter = _exporter("html", rendering.table_of_contents)
        body, _ = exporter.from_notebook_node(notebook, resources=dict(resources))
        if rendering.table_of_contents:
            body = table_of_contents(body)
        if rendering.css:
            body = body.replace("</head>", f"<style>{rendering.css}</style>\n</head>", 1)
        write_text(rendering.html, _declared(body, build))
        written.append(rendering.html)
    if rendering.markdown is not None:
        notebook = _prepared(nbformat.read(executed, as_version=4), None)
        body, _ = _exporter("markdown").from_notebook_node(notebook, resources=dict(resources))
        write_text(rendering.markdown, body)
        written.append(rendering.markdown)
    return written
