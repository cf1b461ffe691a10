"""Texts from the meeting file, the configuration or the data written into HTML and Markdown
as text, never as markup: one helper for each, used by every document that writes either.

A meeting's place holding ``<script>``, a service named ``"><img src=x onerror=…>``, a remark
holding ``[clic](javascript:…)`` or ``![x](http://…)`` are shown as typed, never run, never
loaded, never a link. Markdown is escaped with CommonMark's backslashes (which every renderer
reads, nbconvert's included), so the .md stays readable: « Saint-Denis » stays as is, « 1. »
at the start of a text becomes « 1\\. ».
"""

from __future__ import annotations

import html
import re

# Every character Markdown (CommonMark, GitHub's tables and strikethrough) or HTML reads as
# markup wherever it stands (« > » closes nothing once « < » is escaped; « _ » inside a word,
# « resultats_2022 », emphasises nothing).
_MARKDOWN_MARKUP = re.compile(r"([\\`*\[\]<&|~#]|(?<![^\W_])_|_(?![^\W_]))")
# What starts a block (a list, a quote, a setext heading's underline) when it opens a line.
_BLOCK_START = re.compile(r"^([-+=>]|\d{1,9}(?=[.)]))")
_LINE_BREAKS = re.compile(r"[ \t]*[\r\n]+[ \t]*")
# A bare web address, which renderers turn into a link: « http\://… », « www\.… » are not.
_BARE_ADDRESS = re.compile(r"(?<=[A-Za-z])(:)(?=//)|(?<=\bwww)(\.)", re.IGNORECASE)


def html_text(value) -> str:
    """A value as HTML text or attribute value: ``& < > " '`` escaped."""
    return html.escape(str(value), quote=True)


def markdown_text(value, opens_line: bool = True) -> str:
    """A value as Markdown text, shown as typed: on one line (a line break in a value must not
    start a heading or a list of its own), every markup character escaped, no bare address
    linked, and a block marker at its start escaped when the value may open a line of the
    document (``opens_line``; not after « ## » nor in a table's cell)."""
    text = _LINE_BREAKS.sub(" ", str(value)).strip(" \t")
    text = _MARKDOWN_MARKUP.sub(r"\\\1", text)
    if opens_line:
        text = _BLOCK_START.sub(lambda m: "\\" + m.group(1) if not m.group(1).isdigit()
                                else m.group(1) + "\\", text)  # fmt: skip
    return _BARE_ADDRESS.sub(lambda m: "\\" + (m.group(1) or m.group(2)), text)
