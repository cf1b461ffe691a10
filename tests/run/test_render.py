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


def test_an_optional_part_that_printed_nothing_leaves_no_trace():
    """A cell tagged ``remove-if-empty`` (the second survey's part of the survey report) is
    dropped when it printed nothing, kept when it did; other cells stay as they are."""
    import nbformat

    from pipeline.run.render import EMPTY_TAG, _prepared

    notebook = nbformat.v4.new_notebook()
    optional = {"tags": [EMPTY_TAG]}
    printed = nbformat.v4.new_output("display_data", {"text/markdown": "## Seconde enquête"})
    notebook.cells = [
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell("if second: ...", metadata=optional),
        nbformat.v4.new_code_cell("if second: ...", metadata=optional, outputs=[printed]),
    ]
    cells = _prepared(notebook, None).cells
    assert [cell["id"] for cell in cells] == ["cell-0", "cell-1"]
    assert cells[1].outputs == [printed] and cells[0].source == "x = 1"
