"""Bad input is normal input: a corpus of broken files is ingested without a crash."""

from __future__ import annotations

from collections import Counter

from newstrail.ingest.pipeline import ingest

from .badinputs import build


def test_bad_inputs_become_rejects_and_the_run_goes_on(tmp_path, store, settings):
    expected = build(tmp_path / "in")
    summary = ingest([str(tmp_path / "in")], store, settings)
    rejects = {r["input_id"]: r for r in store.rejects()}
    # no input crashed the extractor: every reject has a known, specific reason
    assert "extraction-error" not in {r["reason"] for r in rejects.values()}, rejects
    for name, outcome in expected.items():
        if outcome in ("doc", "warc", "records"):
            continue
        assert name in rejects, f"{name} should be rejected as {outcome}"
        assert rejects[name]["reason"] == outcome, (name, rejects[name])
    docs = {d["input_id"]: d for d in store.documents()}
    for name, outcome in expected.items():
        if outcome == "doc":
            assert name in docs, f"{name} should be a document; rejects: {rejects.get(name)}"
    # the corrupt WARC record is one reject; the records around it are documents
    warc_rejects = [r for r in rejects.values() if r["reason"] == "corrupt-warc-record"]
    assert len(warc_rejects) == 1
    assert {"https://example.org/a", "https://example.org/c"} <= set(docs)
    # records: one good JSONL record, one CSV row, two bad lines, one empty record
    assert "ok-1" in docs and "c1" in docs
    assert rejects["records.jsonl:2"]["reason"] == "bad-record"
    assert rejects["records.jsonl:3"]["reason"] == "bad-record"
    assert rejects["empty-1"]["reason"] == "empty"
    assert summary.rejected_total == len(rejects)
    assert summary.new == len(docs)


def test_encodings_are_decoded_not_guessed(tmp_path, store, settings):
    build(tmp_path / "in")
    ingest([str(tmp_path / "in")], store, settings)
    docs = {d["input_id"]: d for d in store.documents()}
    assert "Авдеевкой" in docs["cp1251.txt"]["text"]
    assert docs["cp1251.txt"]["lang"] == "ru"
    assert "Авдеевкой" in docs["koi8r.txt"]["text"]
    assert docs["bom.txt"]["text"].startswith("Russian forces")
    assert docs["bom.txt"]["title"] == "Headline"
    assert "ministère" in docs["latin1.html"]["text"]


def test_rerun_is_idempotent(tmp_path, store, settings):
    build(tmp_path / "in")
    first = ingest([str(tmp_path / "in")], store, settings)
    counts = {t: store.count(t) for t in ("documents", "sightings", "rejects", "raw_inputs")}
    second = ingest([str(tmp_path / "in")], store, settings)
    assert {t: store.count(t) for t in counts} == counts
    assert second.new == 0 and second.duplicate == 0
    assert second.unchanged == first.new + first.duplicate
    assert Counter(second.rejected) == Counter(first.rejected)
    attempts = {r["attempts"] for r in store.rejects()}
    assert attempts == {2}
