"""The package is laid out as the data flows: no module imports from a later stage."""

from __future__ import annotations

from pathlib import Path

from pipeline.run.steps import pipeline_imports

PACKAGE = Path(__file__).resolve().parents[1] / "pipeline"
# The stages in the order of the flow (the analyst's bench, explore, reads what the others made);
# the developer's tooling and the command line sit apart.
FLOW = ("core", "ingest", "compute", "facts", "outputs", "run", "explore")
APART = ("tooling", "cli", "__main__")


def _stage(name: str) -> str:
    return name.split(".")[0] if name else ""


def test_no_module_imports_from_a_later_stage_nor_from_the_tooling():
    backwards = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if len(parts) < 2 or parts[0] not in FLOW:
            continue
        for imported in pipeline_imports(path.read_text(encoding="utf-8")):
            stage = _stage(imported)
            later = stage in FLOW and FLOW.index(stage) > FLOW.index(parts[0])
            if later or stage in APART:
                backwards.append(f"{'/'.join(parts)} → {imported}")
    assert not backwards, "imports à contre-courant :\n" + "\n".join(backwards)


def test_every_module_sits_in_a_stage():
    loose = [p.name for p in PACKAGE.glob("*.py") if p.stem not in (*APART, "__init__")]
    assert not loose, f"modules hors des sous-paquets : {loose}"
    stages = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert stages == {*FLOW, "tooling"}
