"""The table of contents of a rendered report links to its headings."""

from pipeline.run.render import TOC_MARK, table_of_contents


def heading(level: int, anchor: str, text: str) -> str:
    return f'<h{level} id="{anchor}">{text}<a class="anchor-link" href="#{anchor}">¶</a></h{level}>'


def test_table_of_contents_lists_the_headings_after_its_place():
    body = (
        heading(2, "Avant", "Avant")
        + TOC_MARK
        + heading(2, "Chiffres-cl%C3%A9s", "Chiffres clés")
        + heading(3, "Par-site", "Par site")
        + heading(3, "Par-type", "Par type d&#x27;usager")
        + heading(2, "M%C3%A9thode", "Méthode")
    )
    html = table_of_contents(body)
    nav = html[html.index("<nav") : html.index("</nav>")]
    assert '<a href="#Chiffres-cl%C3%A9s">Chiffres clés</a>' in nav
    assert '<ol><li><a href="#Par-site">Par site</a></li>' in nav
    assert "Par type d&#x27;usager" in nav and '<a href="#M%C3%A9thode">' in nav
    assert "Avant" not in nav and TOC_MARK not in html
    assert nav.count("<li>") == 4 and nav.count("<ol>") == nav.count("</ol>")
