"""Freshness by content: digests of inputs and products, never dates."""

from __future__ import annotations

import os

from pipeline.run.provenance import (
    ABSENT,
    changed_inputs,
    describe_build,
    file_digest,
    is_current,
    write_record,
)


def _files(tmp_path):
    source, product = tmp_path / "source.csv", tmp_path / "product.parquet"
    source.write_text("a;b\n1;2\n", encoding="utf-8")
    product.write_bytes(b"made")
    return source, product


def test_a_digest_is_of_the_content_not_of_the_date(tmp_path):
    source, _ = _files(tmp_path)
    before = file_digest(source)
    os.utime(source, (1, 1))  # an older date, same content
    assert file_digest(source) == before
    source.write_text("a;b\n1;3\n", encoding="utf-8")
    assert file_digest(source) != before
    assert file_digest(tmp_path / "missing.csv") == ABSENT


def test_a_step_is_current_only_for_the_inputs_and_products_it_recorded(tmp_path):
    source, product = _files(tmp_path)
    record = tmp_path / "provenance" / "step.json"
    build = describe_build("step", [source], {"period": "2022"})
    assert not is_current(build, [product], record)  # never run
    write_record(build, [product], record)
    assert is_current(build, [product], record)

    original = source.read_bytes()
    source.write_text("a;b\n9;9\n", encoding="utf-8")
    changed = describe_build("step", [source], {"period": "2022"})
    assert not is_current(changed, [product], record)
    assert changed_inputs(changed, record) == [str(source)]

    source.write_bytes(original)  # the older file put back: its content is what was recorded
    os.utime(source, (1, 1))
    assert is_current(describe_build("step", [source], {"period": "2022"}), [product], record)

    other = describe_build("step", [source], {"period": "2021"})  # another parameter
    assert not is_current(other, [product], record)

    product.write_bytes(b"replaced by hand")  # a product that is not the one the step wrote
    assert not is_current(build, [product], record)
    product.unlink()
    assert not is_current(build, [product], record)


def test_a_product_the_step_did_not_make_stays_absent(tmp_path):
    source, product = _files(tmp_path)
    report = tmp_path / "report.html"  # a report the step leaves out when it has no data
    record = tmp_path / "record.json"
    build = describe_build("step", [source], {})
    write_record(build, [product, report], record)
    assert is_current(build, [product, report], record)
    report.write_text("stale report of other data", encoding="utf-8")
    assert not is_current(build, [product, report], record)
