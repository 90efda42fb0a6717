"""A claim whose source is a relative pronoun keeps the speaker it stands for (migration 0007)."""

from __future__ import annotations

import hashlib

from newstrail.models import Claim, Document, Sighting, Span
from newstrail.store.claims import iter_claims, replace_claims

TEXT = "Mr. Obama, who said that the deal would hold, left Kyiv on Tuesday."


def _doc(store) -> str:
    h = hashlib.sha256(TEXT.encode()).hexdigest()
    raw = store.put_raw(TEXT.encode())
    store.add(Document(doc_id=h[:16], content_hash=h, input_id="t", text=TEXT, extracted=TEXT,
                       published="2024-03-05", lang="en"),
              Sighting(doc_id=h[:16], source="test", record_key="t", input_id="t", kind="text",
                       raw_id=raw))
    return h[:16]


def _span(text: str) -> Span:
    start = TEXT.index(text)
    return Span(start, start + len(text), text)


def test_relative_pronoun_source_is_resolved_for_display_filter_and_entity(store):
    doc_id = _doc(store)
    claim = Claim(doc_id=doc_id, cue=_span("said"), content=_span("the deal would hold"),
                  source=_span("who"), stance="reported",
                  extra={"source_resolved": {"text": "Mr. Obama", "start": 0, "end": 9}})
    store.conn.execute("PRAGMA foreign_keys=OFF")  # an entity id made up for this test
    with store.atomic():
        replace_claims(store, doc_id, [claim], "t")
        store.conn.execute(
            "INSERT INTO mentions (doc_id, start, end, text, label, origin, entity_id)"
            " VALUES (?,?,?,?,?,?,?)", (doc_id, 0, 9, "Mr. Obama", "PERSON", "test", 77))
    [got] = iter_claims(store, doc=doc_id)
    assert got["source"]["text"] == "who"
    assert got["source"]["resolved"] == {"text": "Mr. Obama", "start": 0, "end": 9}
    assert got["source"]["entity_id"] == 77
    assert [c["claim_id"] for c in iter_claims(store, source="Obama")] == [got["claim_id"]]


def test_plain_source_has_no_resolved_field(store):
    doc_id = _doc(store)
    claim = Claim(doc_id=doc_id, cue=_span("said"), content=_span("the deal would hold"),
                  source=_span("Mr. Obama"), stance="reported")
    with store.atomic():
        replace_claims(store, doc_id, [claim], "t")
    [got] = iter_claims(store, doc=doc_id)
    assert got["source"]["text"] == "Mr. Obama" and "resolved" not in got["source"]


def test_chain_names_the_speaker_not_the_pronoun():
    from newstrail.nlp.model import load_nlp
    from newstrail.nlp.run import DISABLE, extract_claims

    doc = load_nlp(DISABLE)(
        "The institute reported that Ukrainian officials, who said that Russian forces had "
        "attacked near Kupiansk, asked for help.")
    inner = next(c for c in extract_claims(doc, "x", "2024-03-05") if c.source.text == "who")
    assert inner.extra["source_resolved"]["text"] == "Ukrainian officials"
    assert inner.extra["chain"] == ["The institute", "Ukrainian officials"]
