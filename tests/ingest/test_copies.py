"""Word-for-word copies: one document, one sighting per copy, each keeping its own outlet."""

from __future__ import annotations

import json

from newstrail.ingest.pipeline import ingest

TEXT = ("Russian forces launched 34 Shahed drones overnight; air defence shot down 29 of them, "
        "the Ukrainian Air Force said on Tuesday.")


def test_each_copy_keeps_how_it_presented_itself(tmp_path, store, settings):
    records = tmp_path / "wire.jsonl"
    records.write_text("\n".join(json.dumps(r) for r in [
        {"id": "w1", "outlet": "Continental Press Agency", "title": "Drones downed",
         "published": "2024-03-05T08:00:00Z", "url": "https://cpa.example/1", "text": TEXT},
        {"id": "w2", "outlet": "Odesa Morning", "title": "29 of 34 drones downed",
         "published": "2024-03-05T09:30:00Z", "url": "https://odesa.example/2", "text": TEXT},
    ]) + "\n", encoding="utf-8")
    summary = ingest([str(records)], store, settings)
    assert (summary.new, summary.duplicate) == (1, 1)
    (doc,) = list(store.documents())
    seen = {s["input_id"]: s for s in store.sightings(doc["doc_id"])}
    assert seen["w1"]["outlet"] == "Continental Press Agency"
    assert seen["w2"]["outlet"] == "Odesa Morning"
    assert seen["w2"]["title"] == "29 of 34 drones downed"
    assert seen["w2"]["published"] == "2024-03-05T09:30:00Z"
    assert seen["w2"]["url"] == "https://odesa.example/2"


def test_a_one_line_channel_post_is_a_document(tmp_path, store, settings):
    posts = tmp_path / "tg.jsonl"
    posts.write_text(json.dumps({"id": "tg:1", "outlet": "channel", "lang": "ru",
                                 "text": "Доллар пробил 106 рублей, евро — 112."}) + "\n",
                     encoding="utf-8")
    summary = ingest([str(posts)], store, settings)
    assert summary.new == 1, summary.rejected


def test_outlet_filter_takes_name_or_host(tmp_path, store, settings):
    page = tmp_path / "p.jsonl"
    page.write_text(json.dumps({"id": "a", "url": "https://www.kyivledger.example/x",
                                "outlet": "Kyiv Ledger", "text": TEXT}) + "\n", encoding="utf-8")
    ingest([str(page)], store, settings)
    assert len(list(store.documents(outlet="kyiv ledger"))) == 1
    assert len(list(store.documents(outlet="kyivledger.example"))) == 1
    assert list(store.documents(outlet="other.example")) == []
