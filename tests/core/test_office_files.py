"""Office files checked before they are opened (issue 24): zip bombs, sheets spanning far more
cells than they hold, macros, links to the outside, templates that are no .pptx."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from pipeline.core.config import InputLimits
from pipeline.core.exceptions import InputFileError, TemplateError
from pipeline.core.office_files import (
    check_directory,
    check_template_package,
    format_size,
    open_zip,
    package_contents,
    workbook_notes,
)
from pipeline.core.sheet_extents import check_sheet_extents, sheet_extent
from tests.hostile_files import (
    SURVEY,
    TEMPLATE,
    linked_template,
    stray_cell,
    template_without_layouts,
    with_macros,
    word_file,
    zip_bomb,
)

LIMITS = InputLimits()
REPO = Path(__file__).resolve().parents[2]


def directory_problem(path: Path, limits: InputLimits = LIMITS) -> None:
    with open_zip(path) as archive:
        check_directory(archive, path, limits)


def extent(xml: str, chunk: int = 1 << 20):
    data = xml.encode()
    return sheet_extent(iter([data[i : i + chunk] for i in range(0, len(data), chunk)] + [b""]))


SHEET = (
    '<worksheet><dimension ref="A1:C3"/><sheetData>'
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1"><v>2</v></c></row>'
    '<row r="3" spans="1:3"><c r="B3" t="inlineStr"><is><t>r="ZZ99"</t></is></c></row>'
    "</sheetData></worksheet>"
)


def test_a_sheet_extent_is_its_farthest_row_and_column_whatever_the_chunks():
    assert (extent(SHEET).rows, extent(SHEET).columns) == (3, 3)  # (a text is no reference)
    for size in (1, 5, 7, 13):  # a tag cut at every place between two chunks
        assert extent(SHEET, size) == extent(SHEET)


def test_rows_and_cells_without_reference_are_placed_after_the_one_before():
    unnumbered = "<sheetData>" + "<row><c><v>1</v></c><c><v>2</v></c></row>" * 4 + "</sheetData>"
    assert (extent(unnumbered).rows, extent(unnumbered).columns) == (4, 2)
    # one reference put second, far away: looked for in the tag
    odd = '<sheetData><row><c t="s" r="XFD1048576"><v>0</v></c></row></sheetData>'
    assert (extent(odd).rows, extent(odd).columns) == (1_048_577, 16_385)
    wide_row = "<sheetData><row>" + "<c/>" * 5000 + '</row><row r="9"/></sheetData>'
    assert extent(wide_row, 100).columns == 5000


def test_a_genuine_workbook_passes_and_its_extent_is_exact(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in range(1, 2001):
        sheet.append([row, "Très satisfait", None, "Oui", f"remarque {row}"])
    path = tmp_path / "export.xlsx"
    book.save(path)
    check_sheet_extents(path, LIMITS)  # no error
    directory_problem(path)
    with zipfile.ZipFile(path) as archive, archive.open("xl/worksheets/sheet1.xml") as handle:
        found = sheet_extent(iter([handle.read(), b""]))
    assert (found.rows, found.columns) == (2000, 5)


def test_every_sample_workbook_passes():
    for path in sorted((REPO / "data" / "raw").rglob("*.xlsx")):
        directory_problem(path)
        check_sheet_extents(path, LIMITS)


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    """The survey workbook as a zip bomb: its sheet inflates to 40 MB from about 60 kB."""
    return zip_bomb(tmp_path_factory.mktemp("bomb") / "enquete.xlsx", inflated=40 * 2**20)


def test_a_zip_bomb_is_refused_from_its_directory_with_its_ratio(bomb):
    assert bomb.stat().st_size < 1_000_000
    with pytest.raises(InputFileError) as refused:
        directory_problem(bomb)
    message = str(refused.value)
    for fragment in ("enquete.xlsx", "xl/worksheets/sheet1.xml", "bombe de décompression",
                     "max_ratio"):  # fmt: skip
        assert fragment in message, message
    assert re.search(r"en 4\d,\d Mo à partir de \d+,\d ko \([\d\u202f]+ fois plus\)", message)


def test_a_part_beyond_the_size_limit_is_refused_and_the_limit_is_configurable(bomb):
    directory_problem(bomb, InputLimits(max_ratio=10_000))  # a préfecture may raise the ratio
    with pytest.raises(InputFileError, match="max_part_mb"):
        directory_problem(bomb, InputLimits(max_ratio=10_000, max_part_mb=16))


def test_a_stray_cell_far_away_is_refused_naming_where(tmp_path):
    path = stray_cell(tmp_path / "enquete.xlsx")
    directory_problem(path)  # (small and honest: only its cells tell)
    with pytest.raises(InputFileError) as refused:
        check_sheet_extents(path, LIMITS)
    message = str(refused.value)
    for fragment in ("enquete.xlsx", "« Réponses »", "1\u202f048\u202f576", "XFD", "Supprimez"):
        assert fragment in message, message
    stray_cell(tmp_path / "near.xlsx", cell="Z5000")  # a few thousand rows more: read
    check_sheet_extents(tmp_path / "near.xlsx", LIMITS)


def test_a_declared_dimension_beyond_the_limit_is_refused_before_reading_the_cells(tmp_path):
    path = tmp_path / "wide.xlsx"

    def declare(name: str, data: bytes) -> bytes:
        return re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', data)

    from tests.hostile_files import rewrite_zip

    rewrite_zip(SURVEY, path, declare)
    with pytest.raises(InputFileError, match="A1:XFD1048576"):
        check_sheet_extents(path, LIMITS)


def test_a_part_larger_than_its_directory_says_is_named_damaged(tmp_path):
    path = tmp_path / "menteur.xlsx"
    data = bytearray(SURVEY.read_bytes())
    with zipfile.ZipFile(SURVEY) as archive:
        size = archive.getinfo("xl/worksheets/sheet1.xml").file_size
    data = data.replace(size.to_bytes(4, "little"), (1000).to_bytes(4, "little"))
    path.write_bytes(bytes(data))
    with pytest.raises(InputFileError, match="abîmé"):
        check_sheet_extents(path, LIMITS)


def test_a_data_workbook_macros_and_links_are_said_never_run(tmp_path):
    path = with_macros(tmp_path / "enquete.xlsx", SURVEY)
    with open_zip(path) as archive:
        package = package_contents(archive, path)
    assert package.macros and "macroEnabled" in package.main_type
    notes = workbook_notes(package, "2022/enquete.xlsx")
    assert len(notes) == 1 and "2022/enquete.xlsx" in notes[0] and "jamais exécutées" in notes[0]


@pytest.mark.parametrize(
    ("build", "fragments"),
    [
        (lambda p: with_macros(p, TEMPLATE), ("macros", "vbaProject.bin", "sans macros")),
        (word_file, ("document Word (.docx)",)),
        (
            lambda p: linked_template(p),
            ("http://track.example/pixel.png", "slideMaster1.xml", "file:///etc/passwd", "Masque"),
        ),
        (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(600)), ("97-2003",)),
        (lambda p: p.write_bytes(TEMPLATE.read_bytes()[:3000]), ("illisible",)),
        (lambda p: p.mkdir(), ("dossier",)),
    ],
    ids=["macros", "word", "outside_links", "old_ppt", "truncated", "folder"],
)
def test_a_template_that_is_no_safe_pptx_is_refused(tmp_path, build, fragments):
    path = tmp_path / "modele.pptx"
    build(path)
    with pytest.raises(TemplateError) as refused:
        check_template_package(path)
    message = str(refused.value)
    assert "modele.pptx" in message
    for fragment in fragments:
        assert fragment in message, message


def test_a_template_whose_own_slides_link_out_is_taken_and_the_deck_has_no_link(tmp_path):
    from pipeline.outputs.deck.kinds import add_title_slide, new_presentation
    from tests.hostile_files import external_rels

    path = linked_template(tmp_path / "modele.pptx", master="", layout="",
                           slide="http://track.example/")  # fmt: skip
    assert external_rels(path)  # the template's slide links out…
    check_template_package(path)
    prs = new_presentation(path)  # …but its slides are dropped
    add_title_slide(prs, "CLU", "Préfecture", "24 janvier 2023", "Présidence")
    deck = tmp_path / "deck.pptx"
    prs.save(str(deck))
    assert external_rels(deck) == []
    with zipfile.ZipFile(deck) as archive:
        assert not any("vba" in name.lower() for name in archive.namelist())


def test_the_bundled_template_and_one_without_the_layouts_pass_the_package_check(tmp_path):
    check_template_package(TEMPLATE)
    check_template_package(template_without_layouts(tmp_path / "anglais.pptx"))  # (layouts:
    # checked by pipeline.run.guards)


def test_sizes_are_written_the_french_way():
    assert format_size(2_400_000_000) == "2,2 Go"
    assert format_size(3_600_000) == "3,4 Mo"
    assert format_size(512) == "512 octets"


MEASURE = """
import json, resource, sys, time
from pathlib import Path
from pipeline.core.config import InputLimits
from pipeline.core.office_files import check_directory, open_zip
from pipeline.core.sheet_extents import check_sheet_extents
from pipeline.core.exceptions import InputFileError
found = {}
for name in sys.argv[1:]:
    path = Path(name)
    started = time.perf_counter()
    try:
        with open_zip(path) as archive:
            check_directory(archive, path, InputLimits())
        check_sheet_extents(path, InputLimits())
        found[path.name] = "lu"
    except InputFileError as error:
        found[path.name] = str(error)
    found[path.name + " s"] = time.perf_counter() - started
found["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(found))
"""


def test_refusing_a_bomb_and_a_stray_cell_takes_little_memory(tmp_path, bomb):
    """The checks read directories and stream the cells: a process that refuses both stays far
    under 1 GiB (reading either would take gigabytes)."""
    stray = stray_cell(tmp_path / "isolee.xlsx")
    done = subprocess.run([sys.executable, "-c", MEASURE, str(bomb), str(stray)], cwd=REPO,
                          capture_output=True, text=True, timeout=300, check=True)  # fmt: skip
    found = json.loads(done.stdout)
    assert "bombe de décompression" in found["enquete.xlsx"]
    assert "XFD" in found["isolee.xlsx"]
    assert found["peak_mib"] < 1024, found


def test_a_zip_is_read_from_its_directory_only(tmp_path):
    path = tmp_path / "not_zip.xlsx"
    path.write_bytes(b"col1;col2\n1;2\n")
    assert open_zip(path) is None
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number in range(10_001):  # (empty parts: made in a moment)
            archive.writestr(f"p{number}.xml", b"")
    (tmp_path / "many.xlsx").write_bytes(buffer.getvalue())
    with pytest.raises(InputFileError, match="parties"):
        directory_problem(tmp_path / "many.xlsx")


def test_a_register_full_of_hyperlinks_is_read_its_links_never_followed(tmp_path):
    """A sheet's relationships (a « mailto: » hyperlink per row) are not read for a data
    workbook: 18 MB of them do not make it « far larger than any real file »."""
    from tests.hostile_files import rewrite_zip

    link = ('<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/hyperlink" Target="mailto:usager{}@example.fr" '
            'TargetMode="External"/>')  # fmt: skip
    links = "".join(link.format(n, n) for n in range(120_000))
    rels = f"<Relationships>{links}</Relationships>"

    def keep(name: str, data: bytes) -> bytes:
        return data

    keep.extra = [("xl/worksheets/_rels/sheet1.xml.rels", rels.encode())]
    path = tmp_path / "registre.xlsx"
    rewrite_zip(SURVEY, path, keep)
    with open_zip(path) as archive:
        assert package_contents(archive, path, workbook=True).external == ()
        with pytest.raises(InputFileError, match="sheet1.xml.rels"):
            package_contents(archive, path)  # (every part's, as for a template)
    check_sheet_extents(path, LIMITS)
