"""Record readers: alternative names of the date and outlet fields."""

from __future__ import annotations

import csv
import json

from newstrail.ingest.pipeline import ingest

from .badinputs import ARTICLE_EN


def _docs(store):
    return {s["input_id"]: d for d in store.documents() for s in store.sightings(d["doc_id"])}


def _jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return str(path)


def test_alternative_date_and_outlet_names_are_read(tmp_path, store, settings):
    # invented records in the shapes of PolNeAR, RSS and NewsAPI-style exports
    recs = [
        {"id": "p1", "publisher": "breitbart", "publication_date": "2016-03-11",
         "text": "Polling station story. " + ARTICLE_EN},
        {"id": "p2", "site": "Eastern Wire", "pubDate": "Thu, 03 Mar 2024 10:15:00 GMT",
         "text": "Wire story on shelling. " + ARTICLE_EN},
        {"id": "p3", "source": "Kyiv Defence Review", "published_at": "2024-03-03T08:00:00Z",
         "text": "Review story on drones. " + ARTICLE_EN},
    ]
    ingest([_jsonl(tmp_path / "r.jsonl", recs)], store, settings)
    docs = _docs(store)
    assert docs["p1"]["published"][:10] == "2016-03-11"
    # a publisher slug is not read as the outlet (docs/provenance.md: measured on PolNeAR)
    assert docs["p1"]["outlet"] != "breitbart"
    assert docs["p2"]["published"].startswith("2024-03-03T10:15")
    assert docs["p2"]["outlet"] == "Eastern Wire"
    assert docs["p3"]["published"].startswith("2024-03-03T08:00")
    assert docs["p3"]["outlet"] == "Kyiv Defence Review"


def test_published_and_outlet_win_over_alternatives(tmp_path, store, settings):
    recs = [{"id": "q1", "published": "2024-03-02", "date": "2019-01-01", "outlet": "ICA",
             "source": "Somewhere Else", "text": ARTICLE_EN}]
    ingest([_jsonl(tmp_path / "r.jsonl", recs)], store, settings)
    doc = _docs(store)["q1"]
    assert doc["published"][:10] == "2024-03-02"
    assert doc["outlet"] == "ICA"


def test_disagreeing_or_structured_alternatives_are_not_read(tmp_path, store, settings):
    recs = [
        {"id": "a1", "date": "2024-03-01", "publication_date": "2024-03-05",
         "text": "First variant. " + ARTICLE_EN},
        {"id": "a2", "source": {"id": "wire", "name": "Eastern Wire"}, "date": 1709460000,
         "text": "Second variant. " + ARTICLE_EN},
    ]
    ingest([_jsonl(tmp_path / "r.jsonl", recs)], store, settings)
    docs = _docs(store)
    assert not (docs["a1"]["published"] or "").startswith(("2024-03-01", "2024-03-05"))
    assert docs["a2"]["outlet"] != "Eastern Wire"
    assert not (docs["a2"]["published"] or "").startswith("2024-03-03")


def test_csv_date_column_is_read(tmp_path, store, settings):
    path = tmp_path / "r.csv"
    with path.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "Date", "Site", "text"])
        w.writerow(["c1", "2024-03-03", "Eastern Wire", ARTICLE_EN])
    ingest([str(path)], store, settings)
    doc = _docs(store)["c1"]
    assert doc["published"][:10] == "2024-03-03"
    assert doc["outlet"] == "Eastern Wire"
