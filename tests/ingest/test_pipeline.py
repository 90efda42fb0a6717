"""Duplicates, learned debris, interruption and resume."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from newstrail.ingest.pipeline import ingest
from newstrail.settings import Settings
from newstrail.store import Store

from .badinputs import ARTICLE_EN, build


def test_same_article_at_two_places_is_one_document(tmp_path, store, settings):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "story.txt").write_text("Headline\n\n" + ARTICLE_EN)
    (tmp_path / "b" / "copy.txt").write_text("Headline\n\n" + ARTICLE_EN.replace("  ", " "))
    records = tmp_path / "r.jsonl"
    records.write_text(
        f'{{"id": "w1", "url": "https://a.example/x", "text": "{ARTICLE_EN}"}}\n'
        f'{{"id": "w2", "url": "https://b.example/y", "text": "{ARTICLE_EN}"}}\n')
    summary = ingest([str(tmp_path / "a"), str(tmp_path / "b"), str(records)], store, settings)
    assert (summary.new, summary.duplicate) == (1, 3)
    (doc,) = list(store.documents())
    assert {s["input_id"] for s in store.sightings(doc["doc_id"])} == {"story.txt", "copy.txt", "w1", "w2"}


def test_lines_recurring_in_one_outlet_are_learned_as_debris(tmp_path, store, settings):
    footer = "Eastern Wire is an invented outlet used in tests\nReach our newsroom at desk@eastern.example"
    for i, place in enumerate(["Pokrovsk", "Kupiansk", "Avdiivka", "Kherson"]):
        (tmp_path / f"{i}.txt").write_text(
            f"Story {i}\n\n{ARTICLE_EN.replace('Pokrovsk', place)}\n\n{footer}\n")
    records = tmp_path / "r.jsonl"
    texts = [p.read_text() for p in sorted(tmp_path.glob("*.txt"))]
    records.write_text("".join(
        json.dumps({"id": f"e{i}", "outlet": "Eastern Wire", "text": t}) + "\n"
        for i, t in enumerate(texts)))
    summary = ingest([str(records)], store, settings)
    assert summary.new == 4
    for doc in store.documents():
        assert "desk@eastern.example" not in doc["text"], doc["text"]
        assert "Ukrainian troops repelled" in doc["text"]
        assert "desk@eastern.example" in doc["extracted"]  # kept for re-cleaning


def _make_corpus(folder, n):
    folder.mkdir()
    for i in range(n):
        (folder / f"{i:05d}.txt").write_text(
            f"Report {i}\n\nOn March 3 the brigade {i} reported {i * 7} drones downed near "
            f"village number {i}. " + ARTICLE_EN)


def test_kill_9_then_rerun_finishes_without_duplicates(tmp_path):
    corpus, db = tmp_path / "in", tmp_path / "k.db"
    n = 600
    _make_corpus(corpus, n)
    env = {**os.environ, "NEWSTRAIL_BATCH_SIZE": "10"}
    cmd = [sys.executable, "-m", "newstrail", "ingest", str(corpus), "--db", str(db), "-q"]
    proc = subprocess.Popen(cmd, env=env)
    deadline = time.monotonic() + 60
    count = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        try:
            with sqlite3.connect(db, timeout=1) as conn:
                count = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        except sqlite3.OperationalError:
            continue
        if count >= 30:
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        partial = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        orphans = conn.execute("SELECT count(*) FROM documents d WHERE NOT EXISTS "
                               "(SELECT 1 FROM sightings s WHERE s.doc_id=d.doc_id)").fetchone()[0]
    assert orphans == 0
    assert partial < n, "the run finished before it could be killed; make the corpus larger"
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == n
        assert conn.execute("SELECT count(*) FROM sightings").fetchone()[0] == n


@pytest.mark.parametrize("workers", [1, 2])
def test_ctrl_c_commits_what_is_done(tmp_path, store, settings, workers):
    corpus = tmp_path / "in"
    _make_corpus(corpus, 40)
    seen = []

    def interrupt(input_id):
        seen.append(input_id)
        if len(seen) == 15:
            raise KeyboardInterrupt

    settings = settings.replace(workers=workers, parallel_after=0)
    summary = ingest([str(corpus)], store, settings.replace(batch_size=100), on_item=interrupt)
    assert summary.interrupted and store.count() == 15
    rest = ingest([str(corpus)], store, settings)
    assert (rest.new, rest.unchanged) == (25, 15)


def test_worker_processes_give_the_same_store_as_one_process(tmp_path):
    build(tmp_path / "in")
    stores = {}
    for workers in (1, 2):
        settings = Settings(db=tmp_path / f"w{workers}.db", workers=workers, parallel_after=0,
                            per_host_interval=0.0)
        store = Store(settings.db)
        summary = ingest([str(tmp_path / "in")], store, settings)
        docs = sorted((d["doc_id"], d["outlet"], d["published"], d["lang"])
                      for d in store.documents())
        rejects = sorted((r["input_id"], r["reason"]) for r in store.rejects())
        stores[workers] = (summary.line(), docs, rejects)
        store.close()
    assert stores[1] == stores[2]
    assert stores[1][1] and stores[1][2]


def crash_on_marker(item, settings):
    """Stands in for an extractor that dies inside a C library on one input."""
    from newstrail.ingest.pipeline import _build

    if b"CRASH-ME" in item.data:
        os._exit(1)
    return _build(item, settings)


def test_a_worker_that_dies_rejects_only_its_input(tmp_path):
    from newstrail.ingest.pipeline import _isolate, _Work
    from newstrail.models import RawInput

    works = [
        _Work(RawInput(source=f"/x/{i}.txt", record_key="", input_id=f"{i}.txt", kind="text",
                       data=(ARTICLE_EN + marker).encode()), b"", str(i))
        for i, marker in enumerate(["", " CRASH-ME", " third"])
    ]
    results = {w.item.input_id: r for w, r in _isolate(works, Settings(), crash_on_marker)}
    assert results["1.txt"][0] == "worker-crashed"
    assert not isinstance(results["0.txt"], tuple) and not isinstance(results["2.txt"], tuple)
