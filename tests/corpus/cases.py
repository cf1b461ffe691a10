"""Damaged inputs, each with the outcome the pipeline owes the user (issue 11).

Every case damages, in place, a COPY of the project (``root`` holds ``notebooks/``, ``config/``
and ``data/raw/`` copied from the repository: the bundled sample, 2020 to 2022), then names the
command to run (``ingest``, ``indicators`` or ``clu-deck``, period 2022: the shortest that
makes what the check reads) and what must happen:

- ``"error"``: the command refuses (exit code 2) with a French message; every fragment of
  ``error_contains`` appears in stderr (the file's name, the line, the header as the export
  spells it, a French word of the reason);
- ``"quarantine"``: the run succeeds and every ``quarantined`` tuple ``(source, file relative to
  data/raw, row as a spreadsheet shows it, canonical column, fragment of the French reason)``
  is a line of ``quarantine.csv`` (an empty column matches any column: a ragged line has none);
- ``"handled"``: the run succeeds and ``check(root)`` holds (a figure is right, nothing leaks).

``args`` adds options to the command (``--template modele.pptx``: a template the damage wrote in
the project copy).

``check`` (for any expectation) receives the project copy after the run. It may compare a table
with the baseline, the same command run on the undamaged sample by :mod:`tests.corpus_runner`
and kept in ``root.parent / "baseline"`` (``data/processed/2022`` of that run), and may read
``root / "run.log"``, what the command printed (stdout then stderr).

Damage helpers never touch the repository: they write below ``root`` only, and assert that the
content they change is the sample's (so that a changed sample is noticed, not silently missed).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import html
import io
import json
import os
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pandas as pd
import yaml

from tests import hostile_files

PERIOD = 2022
REPO = Path(__file__).resolve().parents[2]
RUN_LOG = "run.log"  # what the command printed, written by the runner beside data/
BASELINE = "baseline"  # sibling of the project copy: data/processed/2022 of the undamaged run
FAMILIES = (
    "encoding", "separator", "ragged", "header", "sheet", "corrupt", "number", "date",
    "percent", "total_line", "duplicate", "personal_data", "formula", "config", "missing_file",
    "hostile", "machine", "other",
)  # fmt: skip
EXPECTATIONS = ("error", "quarantine", "handled")
COMMANDS = ("ingest", "indicators", "clu-deck")

REGISTER = f"{PERIOD}/registre_courriers_courriels_{PERIOD}.csv"
MONTHLY = f"{PERIOD}/indicateurs_mensuels_{PERIOD}.xlsx"
TITLES = f"{PERIOD}/transparence_{PERIOD}.csv"
SURVEY = f"{PERIOD}/enquete_satisfaction_{PERIOD}.xlsx"
COMPLAINTS = f"{PERIOD}/reclamations_suggestions_{PERIOD}.xlsx"
MYSTERY_CALLS = f"{PERIOD}/appels_mystere_{PERIOD}.xlsx"
MYSTERY_EMAILS = f"{PERIOD}/courriels_mystere_{PERIOD}.csv"
PLAN = f"{PERIOD}/plan_actions_{PERIOD}.xlsx"
EMERGENCY = f"{PERIOD}/communication_urgence_{PERIOD}.csv"
TRAININGS = f"{PERIOD}/formations_{PERIOD}.csv"
MEETING = f"{PERIOD}/reunion_clu_{PERIOD}.yaml"
CONFIG = "config/prefecture.yaml"


@dataclass(frozen=True)
class BadInput:
    name: str  # short id
    family: str  # one of FAMILIES
    description: str  # one French sentence
    damage: Callable[[Path], None]  # damages, in place, a copy of the project; never the repo
    expect: str  # "error", "quarantine" or "handled"
    command: str = "ingest"  # "ingest", "indicators" or "clu-deck"
    error_contains: tuple[str, ...] = ()  # fragments that must appear in stderr for "error"
    # (source, file relative to data/raw, spreadsheet row, canonical column, reason fragment)
    quarantined: tuple[tuple[str, str, int, str, str], ...] = ()
    check: Callable[[Path], None] | None = None  # asserts on the products after the run
    # cases of one group (same command, damages on distinct cells) are damaged together and
    # share one run, each keeping its own expectations and check: a whole chain played once
    group: str = ""
    args: tuple[str, ...] = ()  # options added to the command (« --template modele.pptx »)


# --- paths and files of a project copy -----------------------------------------------------------


def raw_path(root: Path, relative: str) -> Path:
    return Path(root) / "data" / "raw" / relative


def processed(root: Path) -> Path:
    return Path(root) / "data" / "processed" / str(PERIOD)


def baseline_dir(root: Path) -> Path:
    return Path(root).parent / BASELINE


def _decode(data: bytes) -> tuple[str, str]:
    """A csv's text and the codec that writes it back the same way (BOM included)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252"), "cp1252"


def read_lines(path: Path) -> tuple[list[str], str, str, bool]:
    """The lines of a csv (without line ends), its codec, its line end, a final line end."""
    text, codec = _decode(path.read_bytes())
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    final = lines[-1] == ""
    return (lines[:-1] if final else lines), codec, newline, final


def write_lines(path: Path, lines: list[str], codec: str, newline: str, final: bool) -> None:
    path.write_bytes((newline.join(lines) + (newline if final else "")).encode(codec))


def edit_csv(relative: str, edit: Callable[[list[str]], list[str] | None]) -> Callable:
    """A damage: ``edit`` changes the csv's lines (index 0 = spreadsheet row 1, the header),
    in place or by returning new ones; codec and line ends are kept."""

    def damage(root: Path) -> None:
        path = raw_path(root, relative)
        lines, codec, newline, final = read_lines(path)
        result = edit(lines)
        write_lines(path, lines if result is None else result, codec, newline, final)

    return damage


def recode_csv(relative: str, codec: str) -> Callable:
    """A damage: the same csv text written in another encoding."""

    def damage(root: Path) -> None:
        path = raw_path(root, relative)
        text, _ = _decode(path.read_bytes())
        path.write_bytes(text.encode(codec))

    return damage


def set_field(lines: list[str], row: int, header: str, value: str, sep: str = ";") -> str:
    """Set the cell of spreadsheet ``row`` under ``header``; returns the value replaced."""
    headers = lines[0].lstrip("\ufeff").split(sep)
    fields = lines[row - 1].split(sep)
    assert len(fields) == len(headers) and '"' not in lines[row - 1], lines[row - 1]
    index = headers.index(header)
    old, fields[index] = fields[index], value
    lines[row - 1] = sep.join(fields)
    return old


def get_field(lines: list[str], row: int, header: str, sep: str = ";") -> str:
    headers = lines[0].lstrip("\ufeff").split(sep)
    return lines[row - 1].split(sep)[headers.index(header)]


def edit_sheet(relative: str, sheet: str | None, edit: Callable) -> Callable:
    """A damage: ``edit(ws)`` (or ``edit(wb)`` when ``sheet`` is None) changes a workbook."""

    def damage(root: Path) -> None:
        path = raw_path(root, relative)
        workbook = openpyxl.load_workbook(path)
        edit(workbook if sheet is None else workbook[sheet])
        workbook.save(path)

    return damage


def column_of(ws, header: str, header_row: int = 1) -> int:
    """The 1-based column of ``header`` in the header row of a sheet."""
    for cell in ws[header_row]:
        if cell.value == header:
            return cell.column
    raise AssertionError(f"en-tête {header!r} absent de l'onglet {ws.title}")


def set_cell(ws, row: int, header: str, value, header_row: int = 1) -> None:
    """Set a cell by its header; a text starting with « = » stays a text, never a formula."""
    cell = ws.cell(row, column_of(ws, header, header_row))
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"


def edit_text(relative: str, old: str, new: str) -> Callable:
    """A damage: replace, once, a text that must be there (``relative`` to the project root)."""

    def damage(root: Path) -> None:
        path = Path(root) / relative
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} not found once in {relative}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    return damage


def edit_config(edit: Callable[[dict], None]) -> Callable:
    """A damage: change the préfecture's configuration as data (comments are lost)."""

    def damage(root: Path) -> None:
        path = Path(root) / CONFIG
        settings = yaml.safe_load(path.read_text(encoding="utf-8"))
        edit(settings)
        path.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), "utf-8")

    return damage


def rename_raw(relative: str, new_name: str) -> Callable:
    def damage(root: Path) -> None:
        path = raw_path(root, relative)
        path.rename(path.with_name(new_name))

    return damage


def write_raw(relative: str, data: bytes | Callable[[bytes], bytes]) -> Callable:
    """A damage: new bytes for a raw file (or a function of its bytes)."""

    def damage(root: Path) -> None:
        path = raw_path(root, relative)
        path.write_bytes(data(path.read_bytes()) if callable(data) else data)

    return damage


def both(*damages: Callable) -> Callable:
    def damage(root: Path) -> None:
        for one in damages:
            one(root)

    return damage


def line_of(relative: str, starts_with: str) -> int:
    """The line number, in the repository's copy, of the first line starting with a text."""
    lines = (REPO / relative).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(starts_with))


# --- reading what a run produced ----------------------------------------------------------------


def table(root: Path, name: str) -> pd.DataFrame:
    return pd.read_parquet(processed(root) / f"{name}.parquet")


def baseline(root: Path, name: str) -> pd.DataFrame:
    return pd.read_parquet(baseline_dir(root) / f"{name}.parquet")


# quarantine.csv in the préfecture's words (French headers) or with the contract's codes.
QUARANTINE_HEADERS = {
    "Source (code)": "source", "Fichier": "file", "Ligne": "row",
    "Colonne (code du contrat)": "column", "Colonne de l'export": "header",
    "Valeur saisie": "value", "Motif": "reason", "Source": "title",
}  # fmt: skip


def read_quarantine(path: Path) -> pd.DataFrame:
    """quarantine.csv with canonical column names (source, file, row, column, value, reason)."""
    frame = pd.read_csv(path, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    if "Source (code)" in frame.columns:
        frame = frame.rename(columns=QUARANTINE_HEADERS)
    return frame


def quarantine(root: Path) -> pd.DataFrame:
    return read_quarantine(processed(root) / "quarantine.csv")


def ingest_report(root: Path) -> pd.DataFrame:
    return pd.read_csv(processed(root) / "ingest_report.csv", sep=";", encoding="utf-8-sig")


def of_file(frame: pd.DataFrame, relative: str) -> pd.DataFrame:
    return frame[frame["source_file"] == relative]


def assert_same_rows(
    root: Path, name: str, relative: str, key: str | list[str], columns: list[str] | None = None
) -> None:
    """The kept rows of one raw file are those of the undamaged run: same keys, same values."""
    got, want = of_file(table(root, name), relative), of_file(baseline(root, name), relative)
    keys = [key] if isinstance(key, str) else key
    columns = columns or [c for c in want.columns if c not in ("source_row", "source_file")]
    got = got.set_index(keys).sort_index()[[c for c in columns if c not in keys]]
    want = want.set_index(keys).sort_index()[[c for c in columns if c not in keys]]
    missing = sorted(map(str, set(want.index) - set(got.index)))
    extra = sorted(map(str, set(got.index) - set(want.index)))
    assert not missing and not extra, (
        f"{name} ({relative}) : lignes absentes par rapport à l'échantillon intact {missing[:8]}, "
        f"lignes en trop {extra[:8]}"
    )
    differ = []
    for column in got.columns:
        left, right = got[column].astype("string"), want[column].astype("string")
        bad = ~((left == right).fillna(False) | (left.isna() & right.isna()))
        differ += [f"{column}[{k}] = {left[k]!r} au lieu de {right[k]!r}" for k in got.index[bad]]
    assert not differ, f"{name} ({relative}) : valeurs différentes : {differ[:8]}"


TOTAL_WORDS = re.compile(r"total|ensemble|somme", re.IGNORECASE)


def assert_total_lines_set_aside(root: Path, name: str, relative: str, rows: list[int]) -> None:
    """Lines of totals are never counted: not kept, and accounted as set aside (or quarantined
    with a reason that says they are totals), never as a row in error of another kind."""
    kept = of_file(table(root, name), relative)
    counted = sorted(set(rows) & set(kept["source_row"]))
    assert not counted, f"ligne(s) de total {counted} comptée(s) dans {name} ({relative})"
    report = ingest_report(root)
    line = report[(report["source"] == name) & (report["file"] == relative)]
    set_aside = int(line["rows_set_aside"].fillna(0).sum()) if len(line) else 0
    found = quarantine(root)
    found = found[(found["source"] == name) & (found["file"] == relative)]
    reasons = dict(zip(found["row"].astype(int), found["reason"], strict=True))
    unexplained = [r for r in rows if not TOTAL_WORDS.search(str(reasons.get(r, "")))]
    if unexplained and set_aside < len(unexplained):
        reasons = {row: why for row, why in reasons.items() if row in unexplained}
        raise AssertionError(
            f"ligne(s) de total {unexplained} de {relative} ni écartée(s) (rows_set_aside = "
            f"{set_aside}) ni dite(s) « total » ; motif(s) en quarantaine : {reasons}"
        )


# --- sweeping every product for planted strings and formulas ------------------------------------


ZIP_SUFFIXES = (".pptx", ".docx", ".xlsx", ".xlsm")
SKIPPED_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".emf", ".wmf", ".pdf")
SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007]+")
TAGS = re.compile(r"<[^>]+>")


def _normal(text: str) -> str:
    return SPACES.sub(" ", text).casefold()


def product_files(root: Path) -> list[Path]:
    """Every file under data/processed and output, and the run's log."""
    root = Path(root)
    files = [p for folder in ("data/processed", "output") for p in (root / folder).rglob("*")]
    files = [p for p in files if p.is_file()]
    return sorted(files + ([root / RUN_LOG] if (root / RUN_LOG).is_file() else []))


def _texts(path: Path) -> Iterator[tuple[str, str]]:
    """(where, text) pairs of a product: parquet cells, members of a zip (XML, also without its
    tags, so that runs of a paragraph are joined), a text file (JSON re-read, HTML unescaped)."""
    suffix = path.suffix.lower()
    if suffix in SKIPPED_SUFFIXES:
        return
    if suffix == ".parquet":
        frame = pd.read_parquet(path)
        yield str(path), " | ".join(map(str, frame.columns)) + "\n" + frame.astype(str).to_csv()
        return
    if suffix in ZIP_SUFFIXES or zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                if member.lower().endswith(SKIPPED_SUFFIXES):
                    continue
                text = archive.read(member).decode("utf-8", "replace")
                yield f"{path}!{member}", html.unescape(text)
                yield f"{path}!{member} (texte)", html.unescape(TAGS.sub("", text))
        return
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        return
    text = data.decode("utf-8", "replace")
    if suffix in (".json", ".ipynb"):
        with contextlib.suppress(ValueError):
            text = json.dumps(json.loads(text), ensure_ascii=False)
    yield str(path), html.unescape(text)


def assert_no_personal_data(
    root: Path, planted: list[str], files: list[Path] | None = None
) -> None:
    """None of the planted strings (names, e-mails, phone numbers) in any product (or in the
    ``files`` given, under ``root``): parquet tables, csv, json, html, md, executed notebooks,
    the insides of pptx/docx/xlsx, the log. Matching ignores case and the kind of spaces; a
    phone number is also looked for digits only."""
    wanted = {}
    for text in planted:
        wanted[_normal(text)] = text
        digits = re.sub(r"\D", "", text)
        if len(digits) >= 9 and not text.isdigit():
            wanted[digits] = text
    found: dict[str, set[str]] = {}
    for path in product_files(root) if files is None else files:
        for where, text in _texts(path):
            normal = _normal(text)
            for needle, original in wanted.items():
                if needle in normal:
                    shown = str(Path(where.split("!")[0]).relative_to(root))
                    shown += "!" + where.split("!", 1)[1] if "!" in where else ""
                    found.setdefault(original, set()).add(shown.replace(" (texte)", ""))
    assert not found, "données personnelles trouvées : " + " ; ".join(
        f"« {text} » dans {', '.join(sorted(places)[:6])}" for text, places in found.items()
    )


NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?$")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def assert_no_formula(root: Path, files: list[Path] | None = None) -> None:
    """No cell of a produced xlsx is a formula, and no field of a produced csv starts with
    = + - @ tab or CR unless it is a plain number (« -3 » is fine); ``files``: those under
    ``root`` to look at, rather than every product."""
    bad = []
    for path in product_files(root) if files is None else files:
        shown = path.relative_to(root)
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            workbook = openpyxl.load_workbook(path)
            for ws in workbook.worksheets:
                bad += [
                    f"{shown}!{ws.title}!{cell.coordinate} = {cell.value!r}"
                    for row in ws.iter_rows() for cell in row if cell.data_type == "f"
                ]  # fmt: skip
        elif path.suffix.lower() == ".csv":
            text = path.read_bytes().decode("utf-8-sig", "replace")
            first = text.split("\n", 1)[0]
            separator = ";" if first.count(";") >= first.count(",") else ","
            for number, fields in enumerate(csv.reader(io.StringIO(text), delimiter=separator), 1):
                bad += [
                    f"{shown} ligne {number} : {field[:40]!r}" for field in fields
                    if field.startswith(FORMULA_STARTS) and not NUMBER.match(field)
                ]  # fmt: skip
    assert not bad, f"{len(bad)} formule(s) ou champ(s) dangereux : " + " ; ".join(bad[:12])


# --- damages and checks of the cases ------------------------------------------------------------


def _register_lines_recoded(first: int, last: int) -> Callable:
    """Lines ``first``..``last`` of the cp1252 register re-typed in UTF-8 (a paste)."""

    def damage(root: Path) -> None:
        path = raw_path(root, REGISTER)
        lines, codec, newline, final = read_lines(path)
        assert codec == "cp1252", codec
        data = b"".join(
            (line.encode("utf-8") if first <= i <= last else line.encode("cp1252"))
            + (newline.encode() if i < len(lines) or final else b"")
            for i, line in enumerate(lines, 1)
        )
        path.write_bytes(data)

    return damage


def recode_file(relative: str, codec: str) -> Callable:
    """A damage: a UTF-8 text file of the project (``relative`` to its root) in another codec."""

    def damage(root: Path) -> None:
        path = Path(root) / relative
        path.write_bytes(path.read_text(encoding="utf-8").encode(codec, errors="replace"))

    return damage


def _sep_line(lines: list[str]) -> list[str]:
    return ["sep=;", *lines]


def _to_separator(separator: str, old: str = ";") -> Callable[[list[str]], list[str]]:
    def edit(lines: list[str]) -> list[str]:
        assert all('"' not in line and separator not in line for line in lines)
        return [line.replace(old, separator) for line in lines]

    return edit


def _extra_field(lines: list[str]) -> None:
    old = set_field(lines, 101, "Objet", "Passeport urgent")
    assert old == "Passeport urgent pour un voyage", old
    lines[100] += "; voyage le 3 février"  # one « ; » too many in the subject


def _short_line(lines: list[str]) -> None:
    assert lines[4].startswith("CM-04,"), lines[4]
    lines[4] = ",".join(lines[4].split(",")[:6])  # the last three fields lost


def _unclosed_quote(lines: list[str]) -> None:
    assert lines[3].startswith("CM-03,"), lines[3]
    assert lines[3].endswith(",Aucune réponse malgré une relance."), lines[3]
    lines[3] = lines[3].replace(",Aucune réponse", ',"Aucune réponse')


def _blank_lines(lines: list[str]) -> list[str]:
    return [*lines[:10], "", ";;;;;;;;;;;", *lines[10:]]  # after spreadsheet row 10


def _header_edit(old: str, new: str) -> Callable[[list[str]], None]:
    def edit(lines: list[str]) -> None:
        fields = lines[0].split(";")
        fields[fields.index(old)] = new
        lines[0] = ";".join(fields)

    return edit


def _leftover(root: Path) -> Path:
    """A temporary file of the quarantine as a process killed mid-write leaves it (its number,
    beyond any process number Linux gives, names no running process)."""
    folder = processed(root)
    folder.mkdir(parents=True, exist_ok=True)
    return folder / ".quarantine.99999999-0badc0de.tmp.csv"


def _check_leftover_removed(root: Path) -> None:
    assert not _leftover(root).exists(), "fichier temporaire d'une exécution tuée resté"
    assert len(quarantine(root)) > 0  # the quarantine written whole


def _register_personal_data(root: Path) -> list[str]:
    """The requester's name and e-mail of the first data line of each year's register."""
    planted = []
    for year in (2020, 2021, 2022):
        lines = read_lines(raw_path(root, f"{year}/registre_courriers_courriels_{year}.csv"))[0]
        name = get_field(lines, 2, "Nom du demandeur")
        planted += [name.split(" ", 1)[1], get_field(lines, 2, "Courriel du demandeur")]
    return [text for text in planted if text]


def _drop_complaints_header_row(settings: dict) -> None:
    assert settings["sources"]["complaints"].pop("header_row") == 3


def _title_rows(ws) -> None:
    ws.insert_rows(1, 2)
    ws.cell(1, 1).value = "Indicateurs mensuels de la téléphonie — année 2022"
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=5)


def _rename_sheet(name: str) -> Callable:
    def edit(workbook) -> None:
        workbook["Téléphonie"].title = name

    return edit


def _empty_sheet(ws) -> None:
    ws.delete_rows(1, ws.max_row)


def _hide_rows(ws) -> None:
    for row in (3, 4):
        ws.row_dimensions[row].hidden = True


def _instructions_first(workbook) -> None:
    sheet = workbook.create_sheet("Consignes", 0)
    sheet["A1"] = "Mode d'emploi du plan d'actions : une ligne par action, état à jour."


def _drop_plan_sheet(settings: dict) -> None:
    assert settings["sources"]["action_plan"].pop("sheet") == "Plan"


def _csv_bytes(data: bytes) -> bytes:
    return "Mois;Appels reçus;Appels aboutis\n2022-01;5091;4709\n".encode("cp1252")


# The first bytes of an OLE2 compound document: an Excel 97-2003 (.xls) workbook.
OLE2 = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504) + b"Workbook" + bytes(4096)


def _thousands(ws) -> None:
    spaces = (" ", "\u00a0", "\u202f")
    for row in range(2, 14):
        for k, header in enumerate(("Visites", "Impressions", "Visiteurs uniques")):
            cell = ws.cell(row, column_of(ws, header))
            cell.value = f"{cell.value:,}".replace(",", spaces[(row + k) % 3])


def _decimals(lines: list[str]) -> None:
    for row, value in ((2, "1 234,5"), (3, "1\u202f234,5"), (4, "12,5")):
        set_field(lines, row, "Délai information élus (min)", value)


def _check_french_numbers(root: Path) -> None:
    assert_same_rows(root, "web_monthly", MONTHLY, "month")
    events = of_file(table(root, "emergency_events"), EMERGENCY).set_index("event_id")
    expected = {"U2022-01": 1234.5, "U2022-02": 1234.5, "U2022-03": 12.5}
    got = {k: events["elected_informed_minutes"].get(k) for k in expected}
    assert got == expected, f"délais lus {got}, attendus {expected}"


def _error_cell(ws) -> None:
    cell = ws.cell(5, column_of(ws, "Appels aboutis"))
    cell.value, cell.data_type = "#DIV/0!", "e"


def _percent_in_days(lines: list[str]) -> None:
    assert set_field(lines, 2, "Délai moyen", "12 %") == "16 j"


def _percent_in_per_thousand(lines: list[str]) -> None:
    assert set_field(lines, 4, "Fraude (‰)", "0,064 %") == "0,64"


def _month_texts(texts: list[str]) -> Callable:
    def edit(ws) -> None:
        for row, text in enumerate(texts, 2):
            assert ws.cell(row, 1).value.month == row - 1
            ws.cell(row, 1).value = text

    return edit


MONTH_TEXTS = [
    "janv-22", "févr.-22", "mars-22", "04/2022", "2022-05", "JUIN 2022", "juil. 2022",
    "août 2022", "sept-22", "Octobre 2022", "nov. 2022", "déc.-22",
]  # fmt: skip
MONTHS_ALONE = [
    "Janvier", "Février", "Mars", "Avril", "Mai", "Juin", "Juillet", "Août", "Septembre",
    "Octobre", "Novembre", "Décembre",
]  # fmt: skip


def _check_months(root: Path) -> None:
    assert_same_rows(root, "telephony_monthly", MONTHLY, "month")


def _register_year(lines: list[str]) -> None:
    assert set_field(lines, 500, "Date réception", "01/03/2021") == "01/03/2022"


def _mixed_dates(ws) -> None:
    values = {
        4: "05/01/2022", 5: "2022-02-04", 6: 44603, 7: "03/03/22",
        8: dt.datetime(2022, 3, 3, 10, 15), 9: "10/03/2022 09:30",
    }  # fmt: skip
    for row, value in values.items():
        set_cell(ws, row, "Reçu le", value, header_row=3)


def _check_mixed_dates(root: Path) -> None:
    assert_same_rows(root, "complaints", COMPLAINTS, "item_id", ["item_id", "received_on"])


FRENCH_DATES = {
    2: "3 janv. 2022", 3: "03 janvier 2022", 4: "44564", 5: "2022-01-03T00:00:00",
    6: "lun. 03/01/2022", 7: "03.01.22",
}  # fmt: skip


def _french_dates(lines: list[str]) -> None:
    for row, text in FRENCH_DATES.items():
        assert set_field(lines, row, "Date réception", text) == "03/01/2022"


def _check_french_dates(root: Path) -> None:
    """Each date is read right (3 January 2022) or its line is quarantined for its date."""
    kept = of_file(table(root, "mail_register"), REGISTER).set_index("source_row")
    found = quarantine(root)
    found = found[(found["file"] == REGISTER) & (found["column"] == "received_on")]
    wrong = []
    for row, text in FRENCH_DATES.items():
        if row in kept.index:
            if kept.at[row, "received_on"] != pd.Timestamp(2022, 1, 3):
                wrong.append(f"« {text} » lu {kept.at[row, 'received_on']}")
        elif not (found["row"].astype(int) == row).any():
            wrong.append(f"« {text} » (ligne {row}) ni gardée ni en quarantaine sur sa date")
    assert not wrong, " ; ".join(wrong)


def _answered_before(ws) -> None:
    set_cell(ws, 5, "Répondu le", dt.datetime(2022, 2, 1), header_row=3)


def _total_row(label: str, columns: int, first: int = 2, last: int = 13) -> Callable:
    """A line of totals (the sums of the rows above) at the bottom of a sheet."""

    def edit(ws) -> None:
        row = ws.max_row + 1
        ws.cell(row, 1).value = label
        for column in range(2, columns + 1):
            values = [ws.cell(r, column).value for r in range(first, last + 1)]
            ws.cell(row, column).value = sum(v for v in values if isinstance(v, int | float))

    return edit


def _indicators(root: Path) -> pd.DataFrame:
    """The indicators table computed from what ingest processed, as the indicators step
    computes it (its dashboard and charts left out: the case checks figures only)."""
    from pipeline.compute.indicators import indicators_table, load_source_tables
    from pipeline.core.context import open_period
    from pipeline.ingest.processed import quarantined_periods
    from pipeline.ingest.sources import files_read, years_read

    ctx = open_period(PERIOD, root / "config" / "prefecture.yaml")
    report = pd.read_csv(ctx.paths.ingest_report, sep=";", encoding="utf-8-sig")
    tables = load_source_tables(ctx.paths, ctx.config)
    return indicators_table(tables, ctx.config, ctx.period, years_read(report),
                            files_read(report), quarantined_periods(ctx.paths))  # fmt: skip


def _check_total_telephony(root: Path) -> None:
    assert_total_lines_set_aside(root, "telephony_monthly", MONTHLY, [14])
    _check_months(root)
    months = of_file(table(root, "telephony_monthly"), MONTHLY)
    indicators = _indicators(root)
    year = indicators[
        (indicators["code"] == "tel_calls_answered")
        & (indicators["granularity"] == "année")
        & (indicators["year"] == PERIOD)
    ]
    assert len(year) == 1, year
    want = int(months["calls_received"].sum())
    got = year["denominator"].iloc[0]
    assert got == want, f"appels reçus de l'année : {got}, somme des mois : {want}"


def _subtotals(ws) -> None:
    for row, label in ((14, "Sous-total T4"), (11, "Sous-total T3"), (8, "Sous-total T2"),
                       (5, "Sous-total T1")):  # fmt: skip
        ws.insert_rows(row)
        ws.cell(row, 1).value = label
        for column in range(2, 6):
            values = [ws.cell(r, column).value for r in range(row - 3, row)]
            ws.cell(row, column).value = sum(v for v in values if isinstance(v, int))


def _check_subtotals(root: Path) -> None:
    assert_total_lines_set_aside(root, "telephony_monthly", MONTHLY, [5, 9, 13, 17])
    _check_months(root)


def _ensemble(lines: list[str]) -> None:
    lines.append("Ensemble;Tous titres;25 j;1,2")


def _check_ensemble(root: Path) -> None:
    assert_total_lines_set_aside(root, "title_delays", TITLES, [16])
    assert_same_rows(root, "title_delays", TITLES, ["quarter", "title"])


def _check_blank_total(root: Path) -> None:
    assert_total_lines_set_aside(root, "web_monthly", MONTHLY, [14])
    assert_same_rows(root, "web_monthly", MONTHLY, "month")


def _trainings_total(lines: list[str]) -> None:
    lines.append("2022,Total,49")


def _check_trainings_total(root: Path) -> None:
    assert_total_lines_set_aside(root, "trainings", TRAININGS, [9])
    assert_same_rows(root, "trainings", TRAININGS, ["year", "training"])


def _survey_total(ws) -> None:
    assert ws.max_row == 189
    ws.cell(190, 1).value = "Total"
    set_cell(ws, 190, "Vous venez de", "188 réponses")


def _check_survey_total(root: Path) -> None:
    assert_total_lines_set_aside(root, "survey_responses", SURVEY, [190])
    assert_same_rows(root, "survey_responses", SURVEY, "response_id", ["response_id", "area"])


def _duplicate_month(ws) -> None:
    ws.cell(3, 1).value = dt.datetime(2022, 1, 1)


def _duplicate_id(ws) -> None:
    assert ws.cell(10, 1).value == "2022-009"
    ws.cell(11, 1).value = " 2022-009\u00a0"


CIVILITIES = [
    "Merci à M. Dupont pour son accueil.", "Mr Dupuis très aimable.",
    "MME DURANTON m'a bien renseigné.", "Monsieur Jean Marchetti au guichet 3.",
    "Mlle Petitjean était absente.", "Reçu par M.Delacroix, parfait.",
    "Dr Martineau m'a orienté vers le bon service.", "Me Lagarde m'accompagnait.",
    "Madame Élise Bonnaud, très patiente.", "vu avec monsieur rigaud ce matin",
    "Mme Lefort-Vasseur efficace", "MR. QUERCY au standard",
]  # fmt: skip
CIVILITY_NAMES = [
    "Dupont", "Dupuis", "DURANTON", "Marchetti", "Petitjean", "Delacroix", "Martineau",
    "Lagarde", "Bonnaud", "rigaud", "Lefort-Vasseur", "QUERCY",
]  # fmt: skip


def _comments(texts: list[str], first: int = 2) -> Callable:
    def edit(ws) -> None:
        for row, text in enumerate(texts, first):
            set_cell(ws, row, "Remarques / suggestions", text)

    return edit


EMAILS = ["JEAN.DUPONT@EXAMPLE.FR", "Marie.Curie+pref@Gmail.COM", "l.vidal@Sylve-Asso.ORG"]
PHONES = [
    "06 11 22 33 44", "06.12.23.34.45", "0613243546", "+33 6 14 25 36 47",
    "+33 (0)6 15 26 37 48", "06-16-27-38-49", "+33617283940", "0033 6 18 29 30 41",
    "06\u00a019\u00a020\u00a021\u00a022", "06 23 45 67 89",
]  # fmt: skip


def _register_subjects(lines: list[str]) -> None:
    texts = [f"Merci de me répondre à {e}" for e in EMAILS]
    texts += [f"Rappeler au {p} avant midi" for p in PHONES]
    for row, text in enumerate(texts, 2):
        set_field(lines, row, "Objet", text)


def _complaint_messages(ws) -> None:
    texts = [f"Répondez-moi : {EMAILS[0]} ou {PHONES[3]}", f"Tél. {PHONES[4]}, mail {EMAILS[1]}"]
    for row, text in enumerate(texts, 4):
        set_cell(ws, row, "Message", text, header_row=3)


IDENTIFIERS = [
    "1 85 05 78 006 084 36", "2 91 12 2A 004 123 45", "FR76 3000 6000 0112 3456 7890 189",
    "FR14 2004 1010 0505 0001 3M02 606",
]  # fmt: skip


def _complaint_identifiers(ws) -> None:
    texts = [
        f"Mon numéro de sécurité sociale est le {IDENTIFIERS[0]}, merci de vérifier.",
        f"NIR {IDENTIFIERS[1]} : dossier bloqué depuis un mois.",
        f"Remboursez-moi sur le compte {IDENTIFIERS[2]} svp.",
        f"IBAN : {IDENTIFIERS[3]}",
    ]
    for row, text in enumerate(texts, 4):
        set_cell(ws, row, "Message", text, header_row=3)


SHORT_TEXT_PLANTS = {
    "area": ["jean.dupont@example.fr", "06 12 34 56 78", "M. Dupont"],
    "site": ["Accueil de Mme Vernier"],
    "service": ["M. Durandet (06 98 76 54 32)"],
    "complaint_service": ["Mme Lefranc"],
    "complaint_theme": ["appel de m.vidal@example.fr"],
    "called_service": ["poste de M. Caradec"],
    "comment": ["Reçu par M.Delacroix, parfait.", "Mr Dupuis très aimable."],
}
SHORT_TEXT_NAMES = [
    "jean.dupont@example.fr", "06 12 34 56 78", "Dupont", "Vernier", "Durandet",
    "06 98 76 54 32", "Lefranc", "m.vidal@example.fr", "Caradec", "Delacroix", "Dupuis",
]  # fmt: skip


def _short_text_personal_data(root: Path) -> None:
    def survey(ws) -> None:
        for row, text in enumerate(SHORT_TEXT_PLANTS["area"] * 4, 2):
            set_cell(ws, row, "Vous venez de", text)
        for row in range(2, 40, 3):
            set_cell(ws, row, "Site", SHORT_TEXT_PLANTS["site"][0])
        _comments(SHORT_TEXT_PLANTS["comment"], 20)(ws)

    def complaints(ws) -> None:
        for row in range(4, 12):
            set_cell(ws, row, "Service", SHORT_TEXT_PLANTS["complaint_service"][0], 3)
            set_cell(ws, row, "Thème", SHORT_TEXT_PLANTS["complaint_theme"][0], 3)

    def register(lines: list[str]) -> None:
        for row in range(2, 30):
            set_field(lines, row, "Service", SHORT_TEXT_PLANTS["service"][0])

    def calls(ws) -> None:
        for row in range(2, 8):
            set_cell(ws, row, "Service appelé", SHORT_TEXT_PLANTS["called_service"][0])

    edit_sheet(SURVEY, "Réponses", survey)(root)
    edit_sheet(COMPLAINTS, "Registre", complaints)(root)
    edit_sheet(MYSTERY_CALLS, "Grille", calls)(root)
    edit_csv(REGISTER, register)(root)


def _quarantined_personal_data(root: Path) -> None:
    def register(lines: list[str]) -> None:
        set_field(lines, 300, "Canal", "voir M.Rousseau")
        set_field(lines, 301, "Date réception", "appel de Mme Garnier-Loiseau au 0687654321")
        set_field(lines, 302, "Type demandeur", "marc.antoine@EXAMPLE.fr")
        set_field(lines, 303, "Nature demande", "rappeler Mr.Thibault au 06 55 44 33 22")

    def complaints(ws) -> None:
        set_cell(ws, 6, "Canal", "lettre de monsieur Ferrand", header_row=3)

    edit_csv(REGISTER, register)(root)
    edit_sheet(COMPLAINTS, "Registre", complaints)(root)


QUARANTINED_NAMES = [
    "Rousseau", "Garnier-Loiseau", "0687654321", "marc.antoine@EXAMPLE.fr", "Thibault",
    "06 55 44 33 22", "Ferrand",
]  # fmt: skip

FORMULA_COMMENTS = [
    '=HYPERLINK("http://x";"Cliquez ici")', "+ de guichets le samedi",
    "- trop d'attente au guichet", "@accueil : merci", "=1+1", "-1+2",
]  # fmt: skip


def _formula_survey(root: Path) -> None:
    # rows apart from those of _short_text_personal_data: the two cases share one run
    def survey(ws) -> None:
        _comments(FORMULA_COMMENTS * 2, 40)(ws)
        for row in range(60, 118, 2):
            set_cell(ws, row, "Site", '=HYPERLINK("http://x")')
        for row in range(61, 118, 2):
            set_cell(ws, row, "Vous venez de", "-2 km de Valmont")

    def complaints(ws) -> None:
        for row in range(12, 28):
            set_cell(ws, row, "Thème", "=SUM(A1:A3)", header_row=3)

    edit_sheet(SURVEY, "Réponses", survey)(root)
    edit_sheet(COMPLAINTS, "Registre", complaints)(root)


def _check_formula_survey(root: Path) -> None:
    """Answers that start like formulas are kept, as the text typed (the whole chain's
    workbooks and csv files are checked on the gallery's « personal_data » préfecture)."""
    comments = set(of_file(table(root, "survey_responses"), SURVEY)["comment"].dropna())
    assert set(FORMULA_COMMENTS) <= comments, set(FORMULA_COMMENTS) - comments
    sites = set(of_file(table(root, "survey_responses"), SURVEY)["site"].dropna())
    assert '=HYPERLINK("http://x")' in sites
    assert_no_formula(root)


def _formula_quarantined(root: Path) -> None:
    def register(lines: list[str]) -> None:
        values = ["=cmd|' /C calc'!A0", "+fax", "-fax", "@SUM(1+1)", "\t=1+1", "=HYPERLINK(x)"]
        for row, value in enumerate(values, 400):
            set_field(lines, row, "Canal", value)

    def complaints(ws) -> None:
        set_cell(ws, 6, "Nature", '=HYPERLINK("http://x")', header_row=3)
        set_cell(ws, 7, "Reçu le", "-03/2022", header_row=3)
        set_cell(ws, 8, "Nature", "\r\nplainte", header_row=3)

    edit_csv(REGISTER, register)(root)
    edit_sheet(COMPLAINTS, "Registre", complaints)(root)


def _formula_headers(ws) -> None:
    column = ws.max_column + 1
    ws.cell(1, column).value = "=> Précisez votre démarche"
    ws.cell(1, column).data_type = "s"
    ws.cell(1, column + 1).value = "+ d'infos"
    for row in range(2, 10):
        ws.cell(row, column).value = "titre de séjour"


def _not_applicable(root: Path) -> None:
    words = ["N/A", "-", "néant", "Sans objet", "NC"]

    def telephony(ws) -> None:
        for row, word in enumerate(words, 2):
            set_cell(ws, row, "MAJ SVI", word)
            set_cell(ws, row, "MAJ SVI ≤ 3 j ouvrés", word)

    def emergency(lines: list[str]) -> None:
        for row, word in enumerate(["X", "x", "", "OUI", " Non ", "o"], 2):
            set_field(lines, row, "CIP dans les délais", word)

    edit_sheet(MONTHLY, "Téléphonie", telephony)(root)
    edit_csv(EMERGENCY, emergency)(root)


def _check_not_applicable(root: Path) -> None:
    months = of_file(table(root, "telephony_monthly"), MONTHLY).set_index("month")
    want = of_file(baseline(root, "telephony_monthly"), MONTHLY).set_index("month")
    assert sorted(months.index) == sorted(want.index), "mois gardés différents"
    first = months.sort_index().iloc[:5]
    assert first["svi_updates"].isna().all() and first["svi_updates_on_time"].isna().all(), (
        f"« N/A », « - », « néant », « Sans objet », « NC » lus {first['svi_updates'].tolist()}"
    )
    events = of_file(table(root, "emergency_events"), EMERGENCY).set_index("event_id")
    got = [None if pd.isna(v) else bool(v) for v in events.sort_index()["cip_on_time"]]
    assert got == [True, True, None, True, False, True], f"cases X/vide lues {got}"


def _trailing_columns(ws) -> None:
    start = ws.max_column + 1
    ws.cell(1, start).value = "Colonne1"
    for column in range(start, start + 15):
        for row in range(2, 40):
            ws.cell(row, column).value = " " if row % 5 == 0 else None


def _invisible(lines: list[str]) -> None:
    for row in (3, 6, 9):
        assert set_field(lines, row, "Titre", "CIV\u200b") == "CIV"
    for row in (4, 7):
        assert set_field(lines, row, "Titre", "Permis\u00a0de\u00a0conduire\u00ad") == (
            "Permis de conduire"
        )


# --- the cases ----------------------------------------------------------------------------------


def _set(path: tuple[str, ...], value) -> Callable[[dict], None]:
    def edit(settings: dict) -> None:
        node = settings
        for key in path[:-1]:
            node = node.setdefault(key, {})
        node[path[-1]] = value

    return edit


def _rename_key(path: tuple[str, ...], new: str) -> Callable[[dict], None]:
    def edit(settings: dict) -> None:
        node = settings
        for key in path[:-1]:
            node = node[key]
        node[new] = node.pop(path[-1])

    return edit


def _map_header(source: str, header: str, target: str) -> Callable[[dict], None]:
    def edit(settings: dict) -> None:
        columns = settings["sources"][source]["columns"]
        assert header in columns, header
        columns[header] = target

    return edit


def _unknown_source(settings: dict) -> None:
    settings["sources"]["registre_courriers"] = settings["sources"].pop("mail_register")


def _alias_not_allowed(root: Path) -> None:
    edit_config(_set(("sources", "mail_register", "values"), {"channel": {"Mail": "e-mail"}}))(root)

    def register(lines: list[str]) -> None:
        for row in range(2, 7):
            if get_field(lines, row, "Canal") == "Courriel":
                set_field(lines, row, "Canal", "Mail")

    edit_csv(REGISTER, register)(root)


# --- hostile files (issue 24) -------------------------------------------------------------------


def _replace_raw(relative: str, make: Callable[[Path, Path], None]) -> Callable:
    """A damage: the raw file removed, then ``make(path, root)`` puts something in its place."""

    def damage(root: Path) -> None:
        path = raw_path(root, relative)
        path.unlink()
        make(path, Path(root))

    return damage


def _outside_copy(path: Path, root: Path) -> None:
    """A link to a copy of the file kept outside the project (a folder received from elsewhere)."""
    outside = root.parent / f"ailleurs_{path.name}"
    outside.write_bytes((REPO / "data" / "raw" / path.relative_to(root / "data" / "raw"))
                        .read_bytes())  # fmt: skip
    path.symlink_to(outside)


def _raw_workbook(relative: str, build: Callable[[Path, Path], Path]) -> Callable:
    """A damage: the raw workbook rebuilt by a builder of :mod:`tests.hostile_files`."""

    def damage(root: Path) -> None:
        path = raw_path(root, relative)
        original = path.with_name("original.xlsx")
        path.rename(original)
        build(path, original)
        original.unlink()

    return damage


def _template(build: Callable[[Path], object]) -> Callable:
    """A damage: a PowerPoint template of the préfecture, written at the project's root."""

    def damage(root: Path) -> None:
        build(Path(root) / "modele.pptx")

    return damage


def _said(root: Path, fragment: str) -> None:
    """The run's log says ``fragment``."""
    log = (Path(root) / RUN_LOG).read_text(encoding="utf-8")
    assert fragment in log, f"« {fragment} » absent du journal : {log[-800:]}"


TEMPLATE_ARGS = ("--template", "modele.pptx")
CONFIG_NAME_LINE = line_of(CONFIG, "  name: ")
CONFIG_POPULATION_LINE = line_of(CONFIG, "  population: ")
MEETING_PLACE_LINE = line_of(f"data/raw/{MEETING}", "place: ")
TELEPHONY_SHEET = "    sheet: Téléphonie\n"
CONFIG_TELEPHONY_SHEET_LINE = line_of(CONFIG, TELEPHONY_SHEET.rstrip("\n"))


# fmt: off
CASES: tuple[BadInput, ...] = (
    # --- encoding ---
    BadInput(
        "csv_utf16", "encoding",
        "Le registre des courriers est enregistré en UTF-16 (« Texte Unicode » d'Excel).",
        recode_csv(REGISTER, "utf-16"), "handled",
        check=lambda root: assert_same_rows(root, "mail_register", REGISTER, "request_id"),
    ),
    BadInput(
        "csv_mixed_utf8_cp1252", "encoding",
        "Les lignes 50 à 60 du registre en Windows-1252 ont été collées depuis un export UTF-8.",
        _register_lines_recoded(50, 60), "error",
        error_contains=("registre_courriers_courriels_2022.csv", "ligne 50", "UTF-8"),
    ),
    BadInput(
        "config_cp1252", "encoding",
        "La configuration a été enregistrée en Windows-1252 (« ANSI » du Bloc-notes).",
        recode_file(CONFIG, "cp1252"), "error",
        error_contains=("prefecture.yaml", "UTF-8"),
    ),
    BadInput(
        "meeting_cp1252", "encoding",
        "Le fichier de réunion a été enregistré en Windows-1252 (« ANSI » du Bloc-notes).",
        recode_file(f"data/raw/{MEETING}", "cp1252"), "error", command="clu-deck",
        error_contains=("reunion_clu_2022.yaml", "UTF-8"),
    ),
    # --- separator ---
    BadInput(
        "csv_excel_sep_line", "separator",
        "L'affiche « Transparence » commence par la ligne « sep=; » qu'ajoute Excel.",
        edit_csv(TITLES, _sep_line), "handled",
        check=lambda root: assert_same_rows(root, "title_delays", TITLES, ["quarter", "title"]),
    ),
    BadInput(
        "csv_pipe_separator", "separator",
        "Les courriels mystère sont séparés par des barres verticales « | » : lus comme tels.",
        edit_csv(MYSTERY_EMAILS, _to_separator("|", ",")), "handled",
        check=lambda root: assert_same_rows(root, "mystery_emails", MYSTERY_EMAILS, "email_id"),
    ),
    # --- ragged ---
    BadInput(
        "csv_extra_field", "ragged",
        "Un « ; » dans l'objet d'une demande donne à la ligne 101 un champ de trop.",
        edit_csv(REGISTER, _extra_field), "quarantine",
        quarantined=(("mail_register", REGISTER, 101, "", "champ"),),
    ),
    BadInput(
        "csv_short_line", "ragged",
        "La ligne 5 des courriels mystère a perdu ses trois derniers champs.",
        edit_csv(MYSTERY_EMAILS, _short_line), "quarantine",
        quarantined=(("mystery_emails", MYSTERY_EMAILS, 5, "", "champ"),),
    ),
    BadInput(
        "csv_unclosed_quote", "ragged",
        "Un guillemet ouvert et jamais fermé à la ligne 4 des courriels mystère.",
        edit_csv(MYSTERY_EMAILS, _unclosed_quote), "error",
        error_contains=("courriels_mystere_2022.csv", "ligne 4", "guillemet"),
    ),
    # --- header ---
    BadInput(
        "duplicate_header", "header",
        "Deux colonnes du registre portent le même en-tête « Date réponse ».",
        edit_csv(REGISTER, _header_edit("Date réponse d'attente", "Date réponse")), "error",
        error_contains=(
            "registre_courriers_courriels_2022.csv", "« Date réponse »", "même en-tête",
        ),
    ),
    BadInput(
        "two_headers_one_column", "header",
        "Les en-têtes « Date réponse » et « Date de réponse » désignent la même colonne.",
        edit_csv(REGISTER, _header_edit("Date RDV", "Date de réponse")), "error",
        error_contains=(
            "registre_courriers_courriels_2022.csv", "« Date réponse »", "« Date de réponse »",
        ),
    ),
    BadInput(
        "header_row_missing", "header",
        "Le registre des réclamations a ses en-têtes en ligne 3 mais header_row n'est pas donné.",
        edit_config(_drop_complaints_header_row), "error",
        error_contains=("reclamations_suggestions_", "header_row", "ligne 3"),
    ),
    BadInput(
        "merged_title_rows", "header",
        "Deux lignes de titre (fusionnées) ont été ajoutées au-dessus des en-têtes de la "
        "téléphonie.",
        edit_sheet(MONTHLY, "Téléphonie", _title_rows), "error",
        error_contains=("indicateurs_mensuels_2022.xlsx", "Téléphonie", "header_row", "ligne 3"),
    ),
    BadInput(
        "header_row_off_by_one", "header",
        "header_row vaut 2 pour le registre : la première demande est lue comme en-têtes.",
        edit_config(_set(("sources", "mail_register", "header_row"), 2)), "error",
        error_contains=("registre_courriers_courriels_2020.csv", "header_row"),
        check=lambda root: assert_no_personal_data(root, _register_personal_data(root)),
    ),
    # --- sheet ---
    BadInput(
        "unknown_sheet", "sheet",
        "L'onglet « Téléphonie » a été renommé « Téléphonie 2022 ».",
        edit_sheet(MONTHLY, None, _rename_sheet("Téléphonie 2022")), "error",
        error_contains=("indicateurs_mensuels_2022.xlsx", "« Téléphonie »", "Téléphonie 2022"),
    ),
    BadInput(
        "sheet_case_and_accents", "sheet",
        "L'onglet « Téléphonie » s'appelle « TELEPHONIE » dans le classeur.",
        edit_sheet(MONTHLY, None, _rename_sheet("TELEPHONIE ")), "handled", check=_check_months,
    ),
    BadInput(
        "empty_sheet", "sheet",
        "L'onglet « Point numérique » de 2022 est entièrement vide.",
        edit_sheet(MONTHLY, "Point numérique", _empty_sheet), "error",
        error_contains=("indicateurs_mensuels_2022.xlsx", "Point numérique", "vide"),
    ),
    BadInput(
        "hidden_rows", "sheet",
        "Les lignes de février et mars de la téléphonie sont masquées (filtre).",
        edit_sheet(MONTHLY, "Téléphonie", _hide_rows), "handled", check=_check_months,
    ),
    BadInput(
        "first_sheet_changed", "sheet",
        "Le plan d'actions n'a pas d'onglet configuré et un onglet « Consignes » est ajouté "
        "en tête.",
        both(edit_config(_drop_plan_sheet), edit_sheet(PLAN, None, _instructions_first)), "error",
        error_contains=("plan_actions_2022.xlsx", "Consignes", "Plan"),
    ),
    # --- corrupt ---
    BadInput(
        "csv_bytes_as_xlsx", "corrupt",
        "Un export CSV a été enregistré sous le nom du classeur des indicateurs mensuels.",
        write_raw(MONTHLY, _csv_bytes), "error",
        error_contains=("indicateurs_mensuels_2022.xlsx", "ré-enregistrez"),
    ),
    BadInput(
        "xls_as_xlsx", "corrupt",
        "La grille des appels mystère est un ancien classeur .xls renommé en .xlsx.",
        write_raw(MYSTERY_CALLS, OLE2), "error",
        error_contains=("appels_mystere_2022.xlsx", "ré-enregistrez"),
    ),
    BadInput(
        "truncated_xlsx", "corrupt",
        "Le classeur de l'enquête est tronqué (copie interrompue).",
        write_raw(SURVEY, lambda data: data[: len(data) // 2]), "error",
        error_contains=("enquete_satisfaction_2022.xlsx", "ré-enregistrez"),
    ),
    BadInput(
        "empty_xlsx", "corrupt",
        "Le registre des réclamations est un fichier vide (0 octet).",
        write_raw(COMPLAINTS, b""), "error",
        error_contains=("reclamations_suggestions_2022.xlsx", "vide"),
    ),
    # --- missing_file ---
    BadInput(
        "renamed_copy_suffix", "missing_file",
        "Le registre 2022 a été renommé « registre_courriers_courriels_2022 (1).csv ».",
        rename_raw(REGISTER, "registre_courriers_courriels_2022 (1).csv"), "error",
        error_contains=(
            "registre_courriers_courriels_2022.csv", "registre_courriers_courriels_2022 (1).csv",
        ),
    ),
    BadInput(
        "period_folder_renamed", "missing_file",
        "Le dossier data/raw/2022 a été renommé « Année 2022 » : aucun fichier de l'année.",
        lambda root: raw_path(root, "2022").rename(raw_path(root, "Année 2022")), "error",
        error_contains=("2022", "Année 2022"),
    ),
    BadInput(
        "missing_meeting_file", "missing_file",
        "Le fichier de la réunion 2022 manque pour produire le diaporama.",
        lambda root: raw_path(root, MEETING).unlink(), "error", command="clu-deck",
        error_contains=("reunion_clu_2022.yaml", "introuvable"),
    ),
    # --- number ---
    BadInput(
        "french_numbers", "number",
        "Les visites du site sont écrites « 47 499 » (espace, insécable ou fine) et des délais "
        "« 1 234,5 ».",
        both(edit_sheet(MONTHLY, "Internet", _thousands), edit_csv(EMERGENCY, _decimals)),
        "handled", check=_check_french_numbers,
    ),
    BadInput(
        "excel_error_cell", "number",
        "La cellule des appels aboutis d'avril affiche l'erreur Excel « #DIV/0! ».",
        edit_sheet(MONTHLY, "Téléphonie", _error_cell), "quarantine",
        quarantined=(("telephony_monthly", MONTHLY, 5, "calls_answered", "erreur"),),
    ),
    BadInput(
        "negative_count", "number",
        "Le nombre d'appels aboutis de janvier est négatif dans l'onglet de la téléphonie.",
        edit_sheet(MONTHLY, "Téléphonie", lambda ws: set_cell(ws, 2, "Appels aboutis", -4709)),
        "quarantine",
        quarantined=(("telephony_monthly", MONTHLY, 2, "calls_answered", "minimum"),),
    ),
    # --- date ---
    BadInput(
        "row_dated_other_year", "date",
        "Une demande du registre 2022 est datée du 1er mars 2021.",
        edit_csv(REGISTER, _register_year), "quarantine",
        quarantined=(("mail_register", REGISTER, 500, "received_on", "daté de 2021"),),
    ),
    BadInput(
        "mixed_date_formats", "date",
        "Les dates de réception des réclamations mêlent textes, dates Excel et dates avec heure.",
        edit_sheet(COMPLAINTS, "Registre", _mixed_dates), "handled", check=_check_mixed_dates,
    ),
    BadInput(
        "french_date_words", "date",
        "Des dates de réception sont écrites « 3 janv. 2022 », « 03 janvier 2022 » ou en "
        "numéro de série Excel.",
        edit_csv(REGISTER, _french_dates), "handled", check=_check_french_dates,
    ),
    BadInput(
        "answered_before_received", "date",
        "Une réclamation reçue le 4 février 2022 est dite répondue le 1er février.",
        edit_sheet(COMPLAINTS, "Registre", _answered_before), "quarantine",
        quarantined=(("complaints", COMPLAINTS, 5, "answered_on", "précède"),),
    ),
    BadInput(
        "month_text_variants", "date",
        "Les mois de la téléphonie sont écrits « janv-22 », « JUIN 2022 », « 04/2022 »…",
        edit_sheet(MONTHLY, "Téléphonie", _month_texts(MONTH_TEXTS)), "handled",
        check=_check_months,
    ),
    BadInput(
        "month_without_year", "date",
        "Les mois de la téléphonie 2022 sont écrits sans l'année (« Janvier », « Février »…).",
        edit_sheet(MONTHLY, "Téléphonie", _month_texts(MONTHS_ALONE)), "handled",
        check=_check_months,
    ),
    # --- percent ---
    BadInput(
        "percent_in_days", "percent",
        "Le délai moyen des CNI et passeports du 1er trimestre est écrit « 12 % ».",
        edit_csv(TITLES, _percent_in_days), "quarantine",
        quarantined=(("title_delays", TITLES, 2, "mean_delay_days", "%"),),
    ),
    BadInput(
        "percent_in_per_thousand", "percent",
        "Le taux de fraude (‰) du permis de conduire est écrit « 0,064 % ».",
        edit_csv(TITLES, _percent_in_per_thousand), "quarantine",
        quarantined=(("title_delays", TITLES, 4, "fraud_per_thousand", "%"),),
    ),
    BadInput(
        "rate_above_100", "percent",
        "En mars, plus de mises à jour du site faites dans le délai que de mises à jour.",
        edit_sheet(MONTHLY, "Internet", lambda ws: set_cell(ws, 4, "MAJ site ≤ 3 j ouvrés", 25)),
        "quarantine",
        quarantined=(("web_monthly", MONTHLY, 4, "site_updates_on_time", "dans le délai"),),
    ),
    # --- total_line ---
    BadInput(
        "total_row_telephony", "total_line",
        "Une ligne « Total » additionne les douze mois au bas de l'onglet de la téléphonie.",
        edit_sheet(MONTHLY, "Téléphonie", _total_row("Total", 5)), "handled",
        check=_check_total_telephony,
    ),
    BadInput(
        "subtotal_rows", "total_line",
        "Une ligne « Sous-total » suit chaque trimestre dans l'onglet de la téléphonie.",
        edit_sheet(MONTHLY, "Téléphonie", _subtotals), "handled", check=_check_subtotals,
    ),
    BadInput(
        "ensemble_row", "total_line",
        "L'affiche « Transparence » finit par une ligne « Ensemble » tous titres confondus.",
        edit_csv(TITLES, _ensemble), "handled", check=_check_ensemble,
    ),
    BadInput(
        "blank_label_sums_row", "total_line",
        "Une ligne sans libellé de mois porte les sommes des colonnes de l'onglet Internet.",
        edit_sheet(MONTHLY, "Internet", _total_row(None, 8)), "handled",
        check=_check_blank_total,
    ),
    BadInput(
        "total_row_trainings", "total_line",
        "Le fichier des formations finit par une ligne « 2022,Total,49 ».",
        edit_csv(TRAININGS, _trainings_total), "handled", check=_check_trainings_total,
    ),
    BadInput(
        "total_row_survey", "total_line",
        "Une ligne « Total » au bas des réponses à l'enquête compte les questionnaires.",
        edit_sheet(SURVEY, "Réponses", _survey_total), "handled", check=_check_survey_total,
    ),
    # --- duplicate ---
    BadInput(
        "duplicate_month", "duplicate",
        "Le mois de février de la téléphonie est saisi « janvier » une seconde fois.",
        edit_sheet(MONTHLY, "Téléphonie", _duplicate_month), "quarantine",
        quarantined=(("telephony_monthly", MONTHLY, 3, "month", "doublon"),),
    ),
    BadInput(
        "duplicate_id_with_spaces", "duplicate",
        "Un numéro de questionnaire est repris avec des espaces autour (« 2022-009 »).",
        edit_sheet(SURVEY, "Réponses", _duplicate_id), "quarantine",
        quarantined=(("survey_responses", SURVEY, 11, "response_id", "doublon"),),
    ),
    # --- personal_data ---
    BadInput(
        "civility_variants", "personal_data",
        "Des remarques de l'enquête citent « M. Dupont », « MME DURANTON », « M.Delacroix », "
        "« Dr Martineau »…",
        edit_sheet(SURVEY, "Réponses", _comments(CIVILITIES)), "handled",
        check=lambda root: assert_no_personal_data(root, CIVILITY_NAMES),
    ),
    BadInput(
        "emails_and_phones", "personal_data",
        "Des objets de demandes et des réclamations donnent des courriels en majuscules et des "
        "téléphones de toutes les façons.",
        both(edit_csv(REGISTER, _register_subjects),
             edit_sheet(COMPLAINTS, "Registre", _complaint_messages)),
        "handled", check=lambda root: assert_no_personal_data(root, EMAILS + PHONES),
    ),
    BadInput(
        "social_security_and_iban", "personal_data",
        "Des réclamations donnent un numéro de sécurité sociale et un IBAN écrits avec espaces.",
        edit_sheet(COMPLAINTS, "Registre", _complaint_identifiers), "handled",
        check=lambda root: assert_no_personal_data(root, IDENTIFIERS),
    ),
    BadInput(
        # (the whole chain on planted data: the gallery's « personal_data » préfecture)
        "personal_data_in_short_text", "personal_data",
        "Un courriel, un téléphone ou « M. Dupont » dans « Vous venez de », le site, le service "
        "ou le thème.",
        _short_text_personal_data, "handled",
        check=lambda root: assert_no_personal_data(root, SHORT_TEXT_NAMES), group="short_texts",
    ),
    BadInput(
        "personal_data_in_quarantined_cells", "personal_data",
        "Des cellules mises en quarantaine contiennent « M.Rousseau », un courriel ou un "
        "téléphone.",
        _quarantined_personal_data, "handled",
        check=lambda root: assert_no_personal_data(root, QUARANTINED_NAMES),
    ),
    # --- formula ---
    BadInput(
        "formula_in_survey_answers", "formula",
        "Des réponses à l'enquête commencent par « = », « + », « - » ou « @ ».",
        _formula_survey, "handled", check=_check_formula_survey, group="short_texts",
    ),
    BadInput(
        "formula_in_quarantined_cells", "formula",
        "Des cellules mises en quarantaine commencent par « = », « + », « - », « @ », une "
        "tabulation ou un retour chariot.",
        _formula_quarantined, "handled", check=assert_no_formula,
    ),
    BadInput(
        "formula_like_dropped_headers", "formula",
        "L'enquête a des colonnes non prévues titrées « => Précisez votre démarche » et "
        "« + d'infos ».",
        edit_sheet(SURVEY, "Réponses", _formula_headers), "handled", check=assert_no_formula,
    ),
    # --- config ---
    BadInput(
        "mapping_unknown_canonical_required", "config",
        "L'en-tête « Date réception » est associé à « received_date », colonne inconnue du "
        "contrat.",
        edit_config(_map_header("mail_register", "Date réception", "received_date")), "error",
        error_contains=("received_date", "received_on"),
    ),
    BadInput(
        "mapping_unknown_canonical_optional", "config",
        "L'en-tête « Service » du registre est associé à « servise », colonne inconnue.",
        edit_config(_map_header("mail_register", "Service", "servise")), "error",
        error_contains=("servise", "service"),
    ),
    BadInput(
        "target_above_one", "config",
        "La cible du taux d'appels aboutis est écrite 1.5 dans indicators.targets.",
        edit_config(_set(("indicators", "targets"), {"tel_calls_answered": 1.5})), "error",
        command="clu-deck", error_contains=("tel_calls_answered", "targets"),
    ),
    BadInput(
        "unknown_indicator_target", "config",
        "Une cible est donnée pour « tel_calls_answerd », code d'indicateur mal orthographié.",
        edit_config(_set(("indicators", "targets"), {"tel_calls_answerd": 0.9})), "error",
        error_contains=("tel_calls_answerd", "tel_calls_answered"),
    ),
    BadInput(
        "workspace_out_of_the_project", "config",
        "Le dossier de travail est donné « ../../../escape », hors de data/processed et output.",
        edit_config(_set(("workspace",), "../../../escape")), "error",
        error_contains=("workspace", "nom de dossier invalide", "../../../escape"),
    ),
    BadInput(
        "unknown_source_key", "config",
        "La source « mail_register » est nommée « registre_courriers » dans la configuration.",
        edit_config(_unknown_source), "error",
        error_contains=("registre_courriers", "mail_register"),
    ),
    BadInput(
        "misspelled_top_level_key", "config",
        "La clé « history_years » est écrite « histroy_years ».",
        edit_config(_rename_key(("history_years",), "histroy_years")), "error",
        error_contains=("histroy_years", "faute de frappe", "history_years"),
    ),
    BadInput(
        "misspelled_source_key", "config",
        "La clé « columns » des réclamations est écrite « colums ».",
        edit_config(_rename_key(("sources", "complaints", "columns"), "colums")), "error",
        error_contains=("colums", "faute de frappe", "columns"),
    ),
    BadInput(
        "yaml_syntax_config", "config",
        "Un deux-points à la française (« : ») dans le nom de la préfecture casse le YAML.",
        edit_text(CONFIG, "  name: Préfecture de la Sylve\n", "  name: Préfecture : la Sylve\n"),
        "error",
        error_contains=("prefecture.yaml", f"ligne {CONFIG_NAME_LINE}", "colonne"),
    ),
    BadInput(
        "yaml_tab_config", "config",
        "Une tabulation indente la population dans la configuration.",
        edit_text(CONFIG, "\n  population: ", "\n\tpopulation: "), "error",
        error_contains=("prefecture.yaml", f"ligne {CONFIG_POPULATION_LINE}", "tabulation"),
    ),
    BadInput(
        "yaml_syntax_meeting", "config",
        "Un deux-points à la française dans le lieu de la réunion casse le fichier de réunion.",
        edit_text(f"data/raw/{MEETING}", "place: Salle des fêtes de la préfecture,",
                  "place: Préfecture : salle des fêtes,"),
        "error",
        error_contains=("reunion_clu_2022.yaml", f"ligne {MEETING_PLACE_LINE}", "colonne"),
    ),
    BadInput(
        "value_alias_not_allowed", "config",
        "La configuration traduit le canal « Mail » par « e-mail », valeur que le contrat ne "
        "connaît pas.",
        _alias_not_allowed, "error", error_contains=("e-mail", "courriel"),
    ),
    BadInput(
        "survey_target_in_percent", "config",
        "La cible de l'enquête est écrite 85 (pour 85 %) au lieu de 0.85.",
        edit_config(_set(("survey", "target"), 85)), "error",
        error_contains=("survey.target", "85"),
    ),
    BadInput(
        "file_placeholder_typo", "config",
        "Le nom du fichier du registre est écrit avec « {année} » au lieu de « {year} ».",
        edit_config(_set(("sources", "mail_register", "file"),
                         "{année}/registre_courriers_courriels_{année}.csv")),
        "error", error_contains=("{année}", "{year}"),
    ),
    BadInput(
        "yaml_duplicate_key", "config",
        "Une seconde ligne « sheet: Internet » sous la téléphonie (bloc copié) l'emporte.",
        edit_text(CONFIG, TELEPHONY_SHEET, TELEPHONY_SHEET + "    sheet: Internet\n"), "error",
        error_contains=(
            "prefecture.yaml", "sheet", f"ligne {CONFIG_TELEPHONY_SHEET_LINE + 1}", "double",
        ),
    ),
    # --- hostile ---
    BadInput(
        "raw_named_pipe", "hostile",
        "Le registre des courriers est un tube nommé (FIFO) : le lire ou le hacher attendrait "
        "sans fin.",
        _replace_raw(REGISTER, lambda path, root: os.mkfifo(path)), "error",
        error_contains=("registre_courriers_courriels_2022.csv", "tube nommé"),
    ),
    BadInput(
        "raw_link_to_dev_zero", "hostile",
        "Le fichier de l'affiche « Transparence » est un lien vers /dev/zero.",
        _replace_raw(TITLES, lambda path, root: path.symlink_to("/dev/zero")), "error",
        error_contains=("transparence_2022.csv", "/dev/zero", "hors du dossier du projet"),
    ),
    BadInput(
        "raw_link_out_of_project", "hostile",
        "Le plan d'actions est un lien vers une copie gardée hors du projet.",
        _replace_raw(PLAN, _outside_copy), "error",
        error_contains=("plan_actions_2022.xlsx", "ailleurs_plan_actions_2022.xlsx", "copiez"),
    ),
    BadInput(
        "raw_folder_as_file", "hostile",
        "Un dossier porte le nom du classeur des indicateurs mensuels.",
        _replace_raw(MONTHLY, lambda path, root: path.mkdir()), "error",
        error_contains=("indicateurs_mensuels_2022.xlsx", "c'est un dossier"),
    ),
    BadInput(
        "survey_zip_bomb", "hostile",
        "Le classeur de l'enquête (200 ko) a une feuille qui se décompresse en 40 Mo : une "
        "« bombe de décompression ».",
        _raw_workbook(SURVEY, lambda path, original: hostile_files.zip_bomb(path, original,
                                                                           40 * 2**20)),
        "error", error_contains=("enquete_satisfaction_2022.xlsx", "bombe de décompression"),
    ),
    BadInput(
        "survey_stray_cell", "hostile",
        "Une cellule isolée en XFD1048576 dans l'onglet de l'enquête (le lire demanderait "
        "512 Gio).",
        _raw_workbook(SURVEY, lambda path, original: hostile_files.stray_cell(path, original)),
        "error", error_contains=("enquete_satisfaction_2022.xlsx", "« Réponses »", "XFD"),
    ),
    BadInput(
        "survey_with_macros", "hostile",
        "Le classeur de l'enquête est un .xlsm (macros) renommé .xlsx : lu sans rien exécuter.",
        _raw_workbook(SURVEY, lambda path, original: hostile_files.with_macros(path, original)),
        "handled",
        check=lambda root: (assert_same_rows(root, "survey_responses", SURVEY, "response_id"),
                            _said(root, "contient des macros")),  # fmt: skip
    ),
    BadInput(
        "template_with_macros", "hostile",
        "Le modèle PowerPoint est un .pptm (macros) renommé .pptx.",
        _template(lambda path: hostile_files.with_macros(path, hostile_files.TEMPLATE)), "error",
        error_contains=("modele.pptx", "macros"), args=TEMPLATE_ARGS,
    ),
    BadInput(
        "template_outside_links", "hostile",
        "Le masque du modèle renvoie à http://…/pixel.png, une disposition à file:///etc/passwd.",
        _template(hostile_files.linked_template), "error",
        error_contains=("modele.pptx", "http://track.example/pixel.png", "file:///etc/passwd"),
        args=TEMPLATE_ARGS,
    ),
    BadInput(
        "template_word_file", "hostile",
        "Un document Word est donné comme modèle PowerPoint.",
        _template(hostile_files.word_file), "error",
        error_contains=("modele.pptx", "document Word"), args=TEMPLATE_ARGS,
    ),
    BadInput(
        "template_without_layouts", "hostile",
        "Le modèle n'a pas les dispositions « Titre », « Section »… (noms anglais).",
        _template(hostile_files.template_without_layouts), "error",
        error_contains=("modele.pptx", "« Titre et contenu »", "Title Slide"),
        args=TEMPLATE_ARGS,
    ),
    BadInput(
        "template_truncated", "hostile",
        "Le modèle PowerPoint est tronqué (copie interrompue).",
        _template(lambda path: path.write_bytes(hostile_files.TEMPLATE.read_bytes()[:5000])),
        "error", error_contains=("modele.pptx", "illisible"), args=TEMPLATE_ARGS,
    ),
    # --- machine ---
    BadInput(
        "output_is_a_file", "machine",
        "Un fichier nommé « output » est à la place du dossier des documents.",
        lambda root: (Path(root) / "output").write_text("pas un dossier", "utf-8"), "error",
        error_contains=("Impossible d'écrire output : un fichier se trouve là où un dossier est "
                        "attendu", "Déplacez ou renommez ce fichier"),
    ),
    BadInput(
        "folder_where_the_quarantine_goes", "machine",
        "Un dossier « quarantine.csv » est à la place du fichier de la quarantaine.",
        lambda root: processed(root).joinpath("quarantine.csv").mkdir(parents=True), "error",
        error_contains=(f"data/processed/{PERIOD}/quarantine.csv : un dossier porte déjà ce nom",
                        "Déplacez ou renommez ce dossier"),
    ),
    BadInput(
        "leftover_of_a_killed_write", "machine",
        "Un fichier temporaire de la quarantaine, laissé par une exécution tuée en pleine "
        "écriture, est dans data/processed.",
        lambda root: _leftover(root).write_text("fichier;lig", "utf-8"), "handled",
        check=_check_leftover_removed,
    ),
    # --- other ---
    BadInput(
        "not_applicable_and_ticks", "other",
        "Des cellules « N/A », « - », « néant », « NC » et des cases « X » ou vides.",
        _not_applicable, "handled", check=_check_not_applicable,
    ),
    BadInput(
        "trailing_empty_columns", "other",
        "L'onglet de l'enquête traîne quinze colonnes vides ou d'espaces, dont « Colonne1 ».",
        edit_sheet(SURVEY, "Réponses", _trailing_columns), "handled",
        check=lambda root: assert_same_rows(root, "survey_responses", SURVEY, "response_id"),
    ),
    BadInput(
        "invisible_characters", "other",
        "Des titres de l'affiche « Transparence » portent une espace sans chasse, des espaces "
        "insécables ou un trait d'union conditionnel.",
        edit_csv(TITLES, _invisible), "handled",
        check=lambda root: assert_same_rows(root, "title_delays", TITLES, ["quarter", "title"]),
    ),
    BadInput(
        "blank_lines_in_csv", "other",
        "Deux lignes vides (dont une de seuls « ; ») sont insérées en haut du registre.",
        edit_csv(REGISTER, _blank_lines), "quarantine",
        quarantined=(("mail_register", REGISTER, 170, "answered_on", "précède"),),
    ),
)

# fmt: on

BY_NAME = {case.name: case for case in CASES}
assert all(not c.args or not c.group for c in CASES), "a group's cases share one command line"
assert len(BY_NAME) == len(CASES), "two cases share a name"
assert all(c.family in FAMILIES and c.expect in EXPECTATIONS for c in CASES)
assert all(c.command in COMMANDS for c in CASES)
assert all(
    len({c.command for c in CASES if c.group == g}) == 1 for g in {c.group for c in CASES} - {""}
), "the cases of a group share one run, hence one command"
