from openpyxl import load_workbook

from pipeline.core.config import load_contract
from pipeline.tooling.contract_doc import DOC_PATH, TEMPLATES_DIR, contract_markdown


def test_committed_data_contract_is_up_to_date():
    assert DOC_PATH.read_text(encoding="utf-8") == contract_markdown(), "run `make docs`"


def test_every_source_and_column_is_documented():
    text = DOC_PATH.read_text(encoding="utf-8")
    for name, source in load_contract().sources.items():
        assert f"(`{name}`)" in text
        for column in source.columns:
            assert f"| `{column}` |" in text


def test_blank_templates_carry_the_french_labels():
    for name, source in load_contract().sources.items():
        sheet = load_workbook(TEMPLATES_DIR / f"modele_{name}.xlsx").active
        headers = [cell.value for cell in sheet[1]]
        assert headers[: len(source.columns)] == [spec.label for spec in source.columns.values()]
