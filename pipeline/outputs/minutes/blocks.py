"""The pieces a minutes draft is made of — headings, paragraphs, lists, tables, the State's
heading block, the contents list, the signature — and the places the secretariat fills in.

The draft (:mod:`pipeline.outputs.minutes.draft`) is a list of sections, each a list of these
blocks; :mod:`pipeline.outputs.minutes.render` writes them as Markdown and as an editable Word
document, :mod:`pipeline.outputs.minutes.page` as an HTML page. Every text of a block is plain
text (from the data or the meeting file): each writer escapes it for its format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TO_COMPLETE = "[À compléter par le secrétariat]"
# Every place to fill in reads « [… à compléter …] » (« [heure à compléter] »): the writers
# highlight them (italics in Markdown, yellow in Word, a mark in HTML).
PLACE_TO_FILL = re.compile(r"\[[^\[\]]*compléter[^\[\]]*\]")


def to_complete(what: str = "") -> str:
    """A place the secretariat fills in: « [À compléter par le secrétariat] », or one that says
    what goes there (« [heure à compléter] »)."""
    return f"[{what} à compléter]" if what else TO_COMPLETE


# French typography: a no-break space before « : ; ! ? » and inside « », so that a line never
# starts with one of them (« compétent / », « 50,7 % / : »).
_FRENCH_SPACES = re.compile(r" (?=[:;!?»])|(?<=«) ")


def typeset(text: str) -> str:
    """The text with French no-break spaces (see _FRENCH_SPACES)."""
    return _FRENCH_SPACES.sub("\u00a0", text)


def split_places(text: str) -> list[tuple[str, bool]]:
    """The text in parts, French spaces set (:func:`typeset`), each with whether it is a place
    to fill in."""
    text = typeset(text)
    parts, start = [], 0
    for found in PLACE_TO_FILL.finditer(text):
        if found.start() > start:
            parts.append((text[start : found.start()], False))
        parts.append((found.group(), True))
        start = found.end()
    if start < len(text):
        parts.append((text[start:], False))
    return parts


@dataclass(frozen=True)
class Heading:
    text: str
    level: int
    new_page: bool = False  # printed at the top of a page (the annexes)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; ``lead`` is its first words in bold (« Accueil, téléphone et internet »),
    ``text`` what follows (« : 91,2 % d'appels aboutis… »). ``keep`` keeps it on the page of
    the next block (a sentence that introduces a list or a table)."""

    text: str
    emphasis: bool = False
    lead: str = ""
    keep: bool = False
    to_fill: bool = False  # the whole paragraph is a place to fill in
    quoted: bool = False  # a text quoted as written (a template e-mail's), set in

    @property
    def full(self) -> str:
        return self.lead + self.text


@dataclass(frozen=True)
class Bullets:
    items: list[str]
    numbered: bool = False  # a numbered list (the agenda): the numbers are the list's own
    to_fill: bool = False  # places the secretariat fills in (highlighted like TO_COMPLETE)


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[str]]
    to_fill: bool = False  # a table the secretariat fills in
    caption: str = ""  # a title above the table, kept on its page


@dataclass(frozen=True)
class Masthead:
    """The State's heading block: « République française », its motto, the préfecture and the
    service the minutes come from."""

    prefecture: str
    service: str
    state: str = "République française"
    motto: tuple[str, ...] = ("Liberté", "Égalité", "Fraternité")


@dataclass(frozen=True)
class Contents:
    """The contents list: the level-2 headings of the draft (with their page numbers where the
    writer knows them)."""

    title: str = "Sommaire"


@dataclass(frozen=True)
class Signature:
    """The signature block, on the right: who signs (« Le secrétaire général de la préfecture »),
    room for the signature, the name."""

    role: str
    name: str


Block = Heading | Paragraph | Bullets | Table | Masthead | Contents | Signature


def headings(sections: list[list[Block]], level: int = 2) -> list[Heading]:
    """The draft's headings of a level, in order (what the contents list shows)."""
    return [b for blocks in sections for b in blocks
            if isinstance(b, Heading) and b.level == level]  # fmt: skip


def led(title: str, end: str = ".") -> Paragraph:
    """A finding « Sujet : constat » as a paragraph whose subject is in bold; a finding without
    a subject is all plain."""
    subject, colon, rest = title.partition(" : ")
    if not colon:
        return Paragraph(title + end)
    return Paragraph(f" : {rest}{end}", lead=subject)
