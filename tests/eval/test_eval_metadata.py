"""Metadata evaluation on the invented sample corpus (always there) and real records."""

from __future__ import annotations

from newstrail.eval.metadata import evaluate, format_report


def test_sample_corpus_metadata(tmp_path):
    result = evaluate(shared=tmp_path)  # no shared data: only the sample part runs
    s = result["sample"]
    assert s["found"] == s["documents"] >= 20
    assert s["outlet"] >= 0.95 and s["lang"] == 1.0 and s["date_1day"] >= 0.95
    assert "skipped" in result["languages"]
    assert "sample corpus" in format_report(result)


def test_language_on_real_records(shared_data):
    result = evaluate(shared=shared_data)
    for label, r in result["languages"].items():
        assert r["accuracy"] >= 0.99, (label, r)
