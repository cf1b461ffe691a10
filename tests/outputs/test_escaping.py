"""Texts from the meeting file, the configuration or the data are shown as typed in every HTML
and Markdown document: never a script, an image, a link or markup (issue 24)."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import mistune
import pytest
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from pipeline.outputs.escaping import html_text, markdown_text
from pipeline.outputs.minutes.blocks import TO_COMPLETE, Bullets, Heading, Paragraph, Table
from pipeline.outputs.minutes.render import to_markdown

PAYLOADS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">lien</a>',
    "[clic](javascript:alert(1))",
    "![x](http://track.example/pixel.png)",
    "<http://track.example/>",
    "Voir http://track.example/ ou www.track.example",
    "# Titre\n- élément\n> citation\n1. premier",
    "- tiret en tête",
    "2022. année",
    "`code` **gras** _souligné_ ~~barré~~ a|b \\ AT&T &lt;b&gt;",
    "<!-- commentaire --><style>body{display:none}</style>",
)


class Tags(HTMLParser):
    """The tags, attributes and text of an HTML fragment."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags, self.attributes, self.text = [], [], []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += attrs

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.tags.append("comment")


def rendered(markdown: str) -> list[str]:
    """The HTML of a Markdown text as nbconvert renders it, and as a plain CommonMark renderer."""
    return [markdown2html_mistune(markdown), mistune.html(markdown)]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_markdown_text_renders_as_typed_without_any_markup(payload):
    for page in rendered(markdown_text(payload)):
        found = Tags(page)
        assert set(found.tags) <= {"p"}, (payload, page)
        assert " ".join("".join(found.text).split()) == " ".join(payload.split()), page


@pytest.mark.parametrize("payload", PAYLOADS)
def test_an_html_text_is_text_only(payload):
    found = Tags(f'<p title="{html_text(payload)}">{html_text(payload)}</p>')
    assert found.tags == ["p"] and found.attributes == [("title", payload)]
    assert "".join(found.text) == payload
    assert html.unescape(html_text(payload)) == payload


def test_the_minutes_markdown_escapes_every_text_and_keeps_its_own_marks():
    payload = '<script>alert(1)</script> "><img src=x onerror=alert(1)> [x](javascript:y)'
    blocks = [
        Heading(f"1. Démarche qualité {payload}", 2),
        Paragraph(f"Réunion tenue {payload}. Décisions : {TO_COMPLETE}"),
        Paragraph(f"Projet {payload}", emphasis=True),
        Bullets([f"- {payload}", "…"], to_fill=True),
        Bullets([f"1. {payload}"], numbered=True),
        Table(["Nom", "Organisme"], [[payload, "a|b"]]),
    ]
    markdown = to_markdown(blocks)
    assert "## 1. Démarche qualité" in markdown  # a heading's number stays readable
    assert f"*{markdown_text(TO_COMPLETE)}*" in markdown
    for page in rendered(markdown):
        found = Tags(page)
        assert not {"script", "img"} & set(found.tags), page
        assert not [name for name, _ in found.attributes if name.startswith("on")], page
        links = [value for name, value in found.attributes if name in ("href", "src")]
        assert all(link.startswith("#") for link in links), links  # (nbconvert's heading anchors)
        assert {"h2", "strong", "em", "li"} <= set(found.tags)  # the document's own marks
        assert "<script>alert(1)</script>" in "".join(found.text)
