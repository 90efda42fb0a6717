from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from newstrail.errors import StoreError
from newstrail.ingest.normalize import content_hash
from newstrail.models import Document, Reject, Sighting
from newstrail.store import Store
from newstrail.store.migrations import MIGRATIONS


def make_doc(text: str, **kw) -> Document:
    h = content_hash(text)
    return Document(doc_id=h[:16], content_hash=h, input_id=kw.pop("input_id", "a.txt"),
                    text=text, extracted=text, **kw)


def sighting(store: Store, doc: Document, source: str = "/x/a.txt", key: str = "",
             raw: str = "r1") -> Sighting:
    raw_id = store.put_raw(raw.encode())
    return Sighting(doc_id=doc.doc_id, source=source, record_key=key, input_id=doc.input_id,
                    kind="text", raw_id=raw_id)


def test_migrations_recorded_once(tmp_path):
    path = tmp_path / "s.db"
    Store(path).close()
    s = Store(path)
    names = [r[0] for r in s.conn.execute("SELECT name FROM _migrations")]
    assert names == [m[0] for m in MIGRATIONS]
    assert s.migrate() == []
    assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_same_content_is_one_document_with_two_sightings(store):
    doc = make_doc("Russian forces shelled Kherson on March 3.", outlet="a.com")
    assert store.add(doc, sighting(store, doc))[0] == "new"
    again = make_doc("russian  forces shelled KHERSON on March 3.", input_id="b.txt")
    outcome, doc_id = store.add(again, sighting(store, again, source="/x/b.txt", raw="r2"))
    assert (outcome, doc_id) == ("duplicate", doc.doc_id)
    assert store.count() == 1
    assert len(store.sightings(doc.doc_id)) == 2
    # the very same input again changes nothing
    assert store.add(again, sighting(store, again, source="/x/b.txt", raw="r2"))[0] == "unchanged"
    assert store.count("sightings") == 2


def test_success_clears_an_earlier_reject(store):
    store.add_reject(Reject("http://x/a", "", "http://x/a", "url", "fetch-failed", "HTTP 503"))
    store.add_reject(Reject("http://x/a", "", "http://x/a", "url", "fetch-failed", "HTTP 503"))
    rows = list(store.rejects())
    assert len(rows) == 1 and rows[0]["attempts"] == 2
    doc = make_doc("A long enough article about the front line near Pokrovsk.")
    store.add(doc, sighting(store, doc, source="http://x/a"))
    assert list(store.rejects()) == []


def test_fts_search_and_filters(store):
    a = make_doc("Ukrainian forces repelled assaults near Avdiivka.", outlet="a.com", lang="en",
                 published="2024-03-03", title="Avdiivka holds")
    b = make_doc("Energy infrastructure hit in Kharkiv overnight.", outlet="b.com", lang="en",
                 published="2024-03-04", title="Kharkiv strike")
    for d in (a, b):
        store.add(d, sighting(store, d, source=d.outlet or ""))
    assert [d["doc_id"] for d in store.search("avdiivka")] == [a.doc_id]
    assert [d["doc_id"] for d in store.search("kharkiv", outlet="a.com")] == []
    assert [d["doc_id"] for d in store.search("forces OR kharkiv", since="2024-03-04")] == [b.doc_id]
    # user input that is not valid FTS5 syntax is searched as a phrase, not an error
    assert list(store.search('"unbalanced')) == []
    assert list(store.search("AND OR")) == []


def test_update_text_merges_when_content_collides(store):
    a = make_doc("Article body.\nSubscribe to our newsletter", outlet="o")
    b = make_doc("Article body.", outlet="o", input_id="b")
    store.add(a, sighting(store, a, source="s1"))
    store.add(b, sighting(store, b, source="s2"))
    survivor = store.update_text(a.doc_id, "Article body.", content_hash("Article body."))
    assert survivor == b.doc_id
    assert store.count() == 1 and store.count("sightings") == 2
    assert [d["doc_id"] for d in store.search("article")] == [b.doc_id]


def test_atomic_rolls_back_everything_on_error(store):
    doc = make_doc("Text that must not survive a failed transaction.")
    with pytest.raises(RuntimeError), store.atomic():
        store.add(doc, sighting(store, doc))
        raise RuntimeError("boom")
    assert store.count() == 0 and store.count("sightings") == 0


def test_not_a_database(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError) as info:
        Store(bad)
    assert "hint" in str(info.value)


@hsettings(max_examples=40, deadline=None)
@given(st.text(min_size=1, max_size=300))
def test_document_round_trips(text):
    s = Store(":memory:")
    doc = make_doc(text, title="t", outlet="o", published="2024-03-03", lang="en",
                   meta={"k": [1, "ü"]})
    s.add(doc, sighting(s, doc))
    got = s.get(doc.doc_id)
    assert got["text"] == text and got["meta"] == {"k": [1, "ü"]}
    assert got["published_inferred"] is False
    s.close()


def test_raw_kept_compressed(store):
    data = "Пригожин".encode("cp1251") * 100
    raw_id = store.put_raw(data)
    assert store.get_raw(raw_id) == data
    size = store.conn.execute("SELECT length(content) FROM raw_inputs").fetchone()[0]
    assert size < len(data)


def test_other_tools_can_read_the_file(store, settings):
    doc = make_doc("Plain SQLite: readable by sqlite3, Datasette and pandas.")
    store.add(doc, sighting(store, doc))
    other = sqlite3.connect(settings.db)
    assert other.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
