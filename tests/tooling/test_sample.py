"""The committed sample is exactly what the deterministic generator writes."""

from pipeline.core.paths import ROOT
from pipeline.tooling.sample import write_sample


def test_sample_regenerates_identically(tmp_path):
    anomalies = write_sample(tmp_path)
    committed = ROOT / "data" / "raw"
    generated = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert generated == sorted(
        p.relative_to(committed) for p in committed.rglob("*") if p.is_file()
    )
    for relative in generated:
        assert (tmp_path / relative).read_bytes() == (committed / relative).read_bytes(), relative
    assert len(anomalies) >= 10
