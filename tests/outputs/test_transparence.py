"""The published results (issue 15): the poster and the open-data file say what the dashboard
says, the file validates against its Table Schema, results by service add up, and the poster
holds on one A4 page."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess

import pandas as pd
import pytest

from pipeline.compute.services import TOO_FEW
from pipeline.core.context import open_period
from pipeline.core.datasets import read_tables, tables_read_by
from pipeline.core.exceptions import ConfigError
from pipeline.core.paths import PeriodPaths
from pipeline.core.schemes import load_scheme
from pipeline.facts.results import poster
from pipeline.outputs.transparence.poster import fits, poster_html
from tests.conftest import PERIOD, run_cli


@pytest.fixture(scope="module")
def published(sample_run, tmp_path_factory):
    """The transparence command run on a copy of the sample's run (clu-deck made the posters'
    HTML and the open-data file: the command adds the PDF and PNG; the sample's own products
    stay as recorded)."""
    root = tmp_path_factory.mktemp("transparence") / "project"
    shutil.copytree(sample_run["root"], root)
    result = run_cli(root, "transparence", "--period", str(PERIOD), "--trimestre", "4",
                     engine="inprocess")  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    ran = [line for line in result.stdout.splitlines() if line.startswith("  ✓")]
    assert all("affiche Transparence" in line for line in ran), ran  # nothing else re-ran
    ctx = open_period(PERIOD, root / "config" / "prefecture.yaml")
    paths = PeriodPaths(PERIOD, root=root)
    tables = read_tables(paths, tables_read_by("transparence"))
    return {"root": root, "ctx": ctx, "tables": tables, "run": result,
            "scheme": load_scheme(ctx.config), "paths": paths}  # fmt: skip


def _year(table: pd.DataFrame, code: str) -> pd.Series:
    rows = table[(table["code"] == code) & (table["period"] == str(PERIOD))]
    assert len(rows) == 1, (code, rows)
    return rows.iloc[0]


def test_every_poster_figure_is_the_dashboards(published):
    tables, ctx = published["tables"], published["ctx"]
    shown = poster(tables["indicators"], tables["survey_rates"], ctx.config, published["scheme"],
                   PERIOD)  # fmt: skip
    assert len(shown.lines) >= 5
    for line in shown.lines:
        if line.kind == "qualité rendue":
            assert line.value == pytest.approx(
                float(_year(tables["indicators"], line.code)["value"])
            )
    calls = next(line for line in shown.lines if line.code == "tel_calls_answered")
    rate = float(_year(tables["indicators"], "tel_calls_answered")["value"])
    assert calls.sentence.startswith(f"{int(rate * 10)} appels sur 10")  # never rounded up


def test_the_open_data_file_matches_the_dashboard_and_validates(published):
    from frictionless import Resource, Schema

    folder = published["paths"].transparence
    csv = folder / f"resultats_{PERIOD}.csv"
    import json

    schema = Schema.from_descriptor(
        json.loads((folder / "resultats.schema.json").read_text(encoding="utf-8"))
    )
    report = Resource(path=csv.name, basepath=str(folder), schema=schema).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    text = csv.read_text(encoding="utf-8")
    assert not text.startswith("\ufeff") and text.splitlines()[0].count(",") == 16
    data = pd.read_csv(csv, dtype={"service": str}, keep_default_na=False)
    indicators = published["tables"]["indicators"]
    whole = data[data["service"] == ""]
    for code in ("tel_calls_answered", "mail_emails_5d", "titles_cni_passport"):
        row = whole[(whole["code_indicateur"] == code) & (whole["frequence"] == "annuelle")]
        expected = _year(indicators, code)
        scale = 100 if expected["unit"] == "%" else 1
        assert float(row["valeur"].iloc[0]) == pytest.approx(
            float(expected["value"]) * scale, abs=0.05
        )
        assert float(row["denominateur"].iloc[0]) == float(expected["denominator"])
    perceived = whole[whole["type_qualite"] == "qualité perçue"]
    assert len(perceived) and set(perceived["fiabilite"]) <= {
        "fiable",
        "à interpréter avec prudence",
    }
    assert "@" not in text.replace("@example", "")  # no e-mail of a requester (only the contact)


def test_the_open_data_file_writes_counts_as_integers_and_why_a_value_is_missing(published):
    folder = published["paths"].transparence
    data = pd.read_csv(folder / f"resultats_{PERIOD}.csv", dtype=str, keep_default_na=False)
    counts = data[["numerateur", "denominateur"]].stack()
    assert len(counts) and not counts.str.endswith(".0").any()  # « 58918 », never « 58918.0 »
    calls = data[(data["code_indicateur"] == "tel_calls_answered") & (data["service"] == "")]
    assert calls["denominateur"].iloc[0].isdigit()
    missing = data[data["valeur"] == ""]
    assert len(missing) and (missing["fiabilite"] != "fiable").all()
    assert (missing["fiabilite"] == missing["motif_absence_valeur"]).all()
    assert {"aucune demande", "non suivi"} <= set(missing["fiabilite"])
    # a per-thousand value as the dashboard shows it (« 2,87 ‰ »), never × 1000
    fraud = data[(data["code_indicateur"] == "residence_fraud_rate")
                 & (data["frequence"] == "annuelle")]  # fmt: skip
    assert float(fraud["valeur"].iloc[0]) < 100


def test_a_missing_siret_is_said_in_the_run_log(sample_run):
    said = sample_run["first"].stdout
    assert "Données ouvertes resultats_2022.csv : aucun SIRET n'est renseigné" in said
    assert "aucun SIRET" in sample_run["second"].stdout  # at every run, even with nothing to do


def test_results_by_service_add_up_and_few_requests_get_no_rate(published):
    tables = published["tables"]
    services, indicators = tables["service_indicators"], tables["indicators"]
    yearly = services[services["granularity"] == "année"]
    for code in ("mail_emails_5d", "complaints_on_time"):
        mine = yearly[yearly["code"] == code]
        whole = _year(indicators, code)
        assert mine["numerator"].sum() == whole["numerator"]
        assert mine["denominator"].sum() == whole["denominator"]
    few = yearly[yearly["denominator"].between(1, 19)]
    assert len(few) and not few["reliable"].any() and (few["na_reason"] == TOO_FEW).all()
    assert (few["status"] == "").all()  # no « atteint » on three requests


def test_a_service_poster_and_a_quarter_poster(published):
    root = published["root"]
    result = run_cli(root, "transparence", "--period", str(PERIOD), "--service",
                     "Bureau des titres", engine="inprocess")  # fmt: skip
    assert result.returncode == 0, result.stderr
    page = (published["paths"].poster(None, "bureau-des-titres")).read_text(encoding="utf-8")
    assert "Bureau des titres" in page and 'lang="fr"' in page and "satisfaits" not in page
    quarter = published["paths"].poster(4).read_text(encoding="utf-8")
    assert "4e trimestre 2022" in quarter
    wrong = run_cli(root, "transparence", "--period", str(PERIOD), "--service", "Nulle part",
                    engine="inprocess")  # fmt: skip
    assert wrong.returncode == 2 and "Services possibles" in wrong.stderr


def _long_poster(published, count: int, length: int):
    tables, ctx = published["tables"], published["ctx"]
    shown = poster(tables["indicators"], tables["survey_rates"], ctx.config, published["scheme"],
                   PERIOD)  # fmt: skip
    padding = ", à l'accueil de la préfecture et dans chacune des sous-préfectures du département"
    lines = [dataclasses.replace(line, sentence=(line.sentence + padding)[:length])
             for line in (shown.lines * 3)[:count]]  # fmt: skip
    return dataclasses.replace(shown, lines=tuple(lines))


def test_a_poster_too_long_for_a_page_is_refused_in_french(published):
    with pytest.raises(ConfigError, match="ne tient pas sur une page A4"):
        poster_html(_long_poster(published, 20, 160), "Qual-e-pref")


def _render_skip_reason() -> str:
    from pipeline.outputs.pdf import weasyprint_missing

    if weasyprint_missing():
        return weasyprint_missing()
    if any(shutil.which(tool) is None for tool in ("pdfinfo", "pdftoppm")):
        return "poppler (pdfinfo, pdftoppm) absent : rendu de l'affiche non vérifié"
    return ""


@pytest.mark.complete
def test_the_poster_renders_on_exactly_one_page(published, tmp_path):
    from pipeline.outputs.pdf import write_pdfs

    if _render_skip_reason():
        pytest.skip(_render_skip_reason())
    sample = published["paths"].poster()
    assert published["root"].joinpath("output", str(PERIOD), "transparence",
                                      f"affiche_{PERIOD}_T4.png").is_file()  # fmt: skip
    longest = _long_poster(published, 10, 100)  # ten results of a hundred characters
    assert fits(longest)
    page = tmp_path / "affiche_longue.html"
    page.write_text(poster_html(longest, "Qual-e-pref", "qualite@example.gouv.fr"), "utf-8")
    written, _ = write_pdfs([sample, page], tmp_path / "pdf")
    for pdf in written:
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        assert "Pages:           1" in info, (pdf.name, info)
        assert "595" in info and "841" in info  # A4 portrait


def _text_sizes_pt(html_page: str) -> list[float]:
    """The font size (pt) of every piece of text of the page as WeasyPrint lays it out."""
    from weasyprint import HTML

    sizes = []

    def walk(box):
        if type(box).__name__ == "TextBox" and box.text.strip():
            sizes.append(box.style["font_size"] * 0.75)  # (CSS px to pt)
        for child in getattr(box, "children", []):
            walk(child)

    document = HTML(string=html_page).render()
    assert len(document.pages) == 1
    walk(document.pages[0]._page_box)
    return sizes


def test_every_text_of_the_poster_reads_from_two_metres(published):
    """At A4, no text under 12 pt (the objective lines, the motto and the foot included), the
    figures much larger than the sentences."""
    import re

    from pipeline.outputs.transparence.poster import SMALLEST_TEXT_PT, layout

    tables, ctx = published["tables"], published["ctx"]
    shown = poster(tables["indicators"], tables["survey_rates"], ctx.config, published["scheme"],
                   PERIOD)  # fmt: skip
    for case in (shown, _long_poster(published, 10, 100)):
        page = poster_html(case, "Qual-e-pref", "qualite@example.gouv.fr")
        declared = [float(size) for size in re.findall(r"font-size: ?([\d.]+)pt", page)]
        assert declared and min(declared) >= SMALLEST_TEXT_PT
        shape = layout(case, "Qual-e-pref", "qualite@example.gouv.fr")
        assert shape.figure_pt >= 1.5 * shape.sentence_pt
        if not _render_skip_reason():
            assert min(_text_sizes_pt(page)) >= SMALLEST_TEXT_PT - 0.01


def test_the_sample_result_of_every_one_reads_toutes_les(published):
    tables, ctx = published["tables"], published["ctx"]
    shown = poster(tables["indicators"], tables["survey_rates"], ctx.config, published["scheme"],
                   PERIOD)  # fmt: skip
    line = next(line for line in shown.lines if line.code == "complaints_on_time")
    assert line.value == 1.0 and line.sentence.startswith("toutes les réclamations")
    page = published["paths"].poster().read_text(encoding="utf-8")
    assert "Toutes les réclamations" in page and "10 réclamations" not in page


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_the_poster_is_rgaa_minded(published):
    """Contrasts of at least 4.5:1, French declared, one title, the results as a list, the
    status written (never colour alone)."""
    from pipeline.outputs.transparence.poster import COLOURS

    for what, (text, background) in COLOURS.items():
        light, dark = sorted((_luminance(text), _luminance(background)), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, what
    page = published["paths"].poster().read_text(encoding="utf-8")
    assert '<html lang="fr">' in page and page.count("<h1>") == 1 and "<h2" not in page
    assert '<ul class="results">' in page and "atteint</strong>" in page
    assert "<img" not in page  # no logo configured: the words, as text


def test_a_prefecture_logo_stands_in_the_heading_block(published, tmp_path):
    from pipeline.core.config import TransparenceSettings
    from pipeline.outputs.state_heading import logo_uri
    from pipeline.outputs.transparence.poster import logo_path

    logo = tmp_path / "bloc-marque.png"
    logo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    config = published["ctx"].config.model_copy(update={
        "path": tmp_path / "prefecture.yaml",
        "transparence": TransparenceSettings(logo="bloc-marque.png"),
    })  # fmt: skip
    assert logo_path(config) == logo.resolve()
    uri = logo_uri(logo_path(config))
    assert uri.startswith("data:image/png;base64,")
    tables, ctx = published["tables"], published["ctx"]
    shown = poster(tables["indicators"], tables["survey_rates"], ctx.config, published["scheme"],
                   PERIOD)  # fmt: skip
    page = poster_html(shown, "Qual-e-pref", logo=uri)
    assert '<img class="logo" src="data:image/png;base64,' in page
    assert 'alt="République française — Liberté, Égalité, Fraternité — ' in page
    with pytest.raises(ConfigError, match="transparence.logo.*introuvable"):
        logo_uri(tmp_path / "absent.png")
    with pytest.raises(ConfigError, match="PNG, JPEG ou SVG"):
        logo_uri(tmp_path / "logo.gif")


def _publish(published, quarter: int) -> None:
    """The transparence command's last part (the poster's PDF and PNG), in this process."""
    from pipeline import cli
    from pipeline.core.context import Context

    cli.publish_poster(Context(PERIOD, published["ctx"].config, published["paths"]), quarter, None)


def test_without_pango_the_poster_is_html_and_one_line_says_so(published, monkeypatch, capsys):
    from pipeline import cli
    from pipeline.outputs import pdf

    monkeypatch.setattr(pdf, "weasyprint_missing", lambda: pdf.NO_WEASYPRINT)
    _publish(published, 3)
    said = capsys.readouterr().out.splitlines()
    assert [line for line in said if "Pango" in line] == [cli.NO_PANGO]
    poster_page = published["paths"].poster(3)
    assert poster_page.is_file() and not poster_page.with_suffix(".pdf").exists()
    assert any(line.endswith(f"resultats_{PERIOD}.csv") for line in said)


def test_without_pdftoppm_the_poster_has_its_pdf_and_one_line_says_the_image_is_missing(
    published, monkeypatch, capsys
):
    from pipeline import cli
    from pipeline.outputs import pdf

    def pdfs(documents, folder):  # (WeasyPrint's part, not what is tested here)
        made = folder / f"{documents[0].stem}.pdf"
        made.write_bytes(b"%PDF-1.4")
        return [made], []

    which = shutil.which
    monkeypatch.setattr(pdf, "weasyprint_missing", lambda: "")
    monkeypatch.setattr(pdf, "write_pdfs", pdfs)
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None if name == "pdftoppm"
                        else which(name, *a, **k))  # fmt: skip
    _publish(published, 2)
    said = capsys.readouterr().out.splitlines()
    assert [line for line in said if "pdftoppm" in line] == [cli.NO_PDFTOPPM]
    poster_page = published["paths"].poster(2)
    assert (
        poster_page.with_suffix(".pdf").is_file() and not poster_page.with_suffix(".png").exists()
    )


def test_the_configuration_chooses_the_results_and_their_words(published):
    from pipeline.core.config import PublishedItem, TransparenceSettings

    tables, ctx = published["tables"], published["ctx"]
    items = (
        PublishedItem(code="titles_civ", wording="votre carte grise en {jours} jours"),
        PublishedItem(code="satisfaction_nette:overall", wording="satisfaction nette {points}"),
        PublishedItem(code="emergency_exercises", wording="{nombre} exercices de crise"),
    )
    config = ctx.config.model_copy(update={"transparence": TransparenceSettings(indicators=items)})
    shown = poster(tables["indicators"], tables["survey_rates"], config, published["scheme"],
                   PERIOD)  # fmt: skip
    assert [line.code for line in shown.lines] == ["titles_civ", "satisfaction_nette:overall",
                                                   "emergency_exercises"]  # fmt: skip
    assert shown.lines[0].sentence.startswith("votre carte grise en ")
    assert "points" in shown.lines[1].sentence and shown.lines[1].kind == "qualité perçue"
    wrong = (PublishedItem(code="tel_calls_answered", wording="{percent} décrochés"),)
    config = ctx.config.model_copy(update={"transparence": TransparenceSettings(indicators=wrong)})
    with pytest.raises(ConfigError, match="pourcentage"):
        poster(tables["indicators"], tables["survey_rates"], config, published["scheme"], PERIOD)


def test_a_service_poster_names_what_it_left_out_in_words(published):
    tables, ctx = published["tables"], published["ctx"]
    shown = poster(tables["indicators"], tables["survey_rates"], ctx.config, published["scheme"],
                   PERIOD, None, tables["service_indicators"], "Cabinet")  # fmt: skip
    assert "Taux d'appels aboutis" in shown.left_out
    assert not any("_" in text for text in shown.left_out)  # no internal code
    assert all("aucune demande" not in line.sentence for line in shown.lines)
