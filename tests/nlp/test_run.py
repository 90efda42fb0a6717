"""The claims stage over a store: skip reasons, long documents, idempotence, the CLI."""

from __future__ import annotations

import hashlib
import json

from typer.testing import CliRunner

from newstrail.cli import app
from newstrail.models import Document, Sighting
from newstrail.nlp import run as claims_run
from newstrail.nlp.run import chunks

ISW_LIKE = (
    "Russian forces conducted a mechanized assault near Avdiivka on March 3. "
    "Ukrainian military sources reported that Russian forces committed up to 60 tanks and "
    "armored vehicles to the assault. Russian milbloggers claimed that Russian forces advanced "
    "up to 1.5 kilometers near Orlivka, although the Institute has not observed confirmation. "
    "The Institute assesses that Russian forces will very likely continue these attacks.\n\n"
    "The governor denied the report the next day."
)


def add(store, text, *, lang="en", published="2024-03-05", key=None):
    h = hashlib.sha256(text.encode()).hexdigest()
    raw = store.put_raw(text.encode())
    doc = Document(doc_id=h[:16], content_hash=h, input_id=key or h[:8], text=text,
                   extracted=text, published=published, lang=lang)
    store.add(doc, Sighting(doc_id=h[:16], source="test", record_key=key or h[:8],
                            input_id=key or h[:8], kind="text", raw_id=raw))
    return h[:16]


def status(store):
    return {r["doc_id"]: (r["status"], r["reason"]) for r in store.conn.execute(
        "SELECT doc_id, status, reason FROM processed WHERE stage='claims'")}


def test_run_stores_claims_and_skips_what_it_cannot_read(store, settings):
    en = add(store, ISW_LIKE)
    uk = add(store, "Російські війська атакували позиції поблизу Авдіївки.", lang="uk")
    empty = add(store, "12 345 — 678 … 2024", lang=None)
    counts = claims_run.run(store, settings)
    assert counts["documents"] == 1 and counts["skipped"] == 2 and counts["claims"] >= 4
    st = status(store)
    assert st[en] == ("ok", None)
    assert st[uk] == ("skipped", "unsupported-language")
    assert st[empty] == ("skipped", "no-sentences")
    # the documents are kept
    assert store.get(uk) is not None and store.get(empty) is not None
    stances = {r[0] for r in store.conn.execute("SELECT stance FROM claims")}
    assert {"reported", "claimed", "assessed", "denied"} <= stances


def test_rerun_is_idempotent_and_ids_are_stable(store, settings):
    add(store, ISW_LIKE)
    claims_run.run(store, settings)
    ids = [r[0] for r in store.conn.execute("SELECT claim_id FROM claims ORDER BY claim_id")]
    assert claims_run.run(store, settings)["claims"] == 0  # nothing pending
    store.conn.execute("DELETE FROM processed")  # as after a version change
    claims_run.run(store, settings)
    again = [r[0] for r in store.conn.execute("SELECT claim_id FROM claims ORDER BY claim_id")]
    assert ids == again and len(ids) >= 4


def test_long_document_is_parsed_in_pieces_with_exact_offsets(store, settings):
    paragraph = ISW_LIKE.replace("\n\n", " ")
    text = "\n\n".join(paragraph for _ in range(12))
    doc_id = add(store, text)
    small = settings.replace(claims_chunk_chars=1500)
    assert claims_run.run(store, small)["documents"] == 1
    rows = store.conn.execute(
        "SELECT content_text, content_start, content_end, cue_text, cue_start, cue_end"
        " FROM claims WHERE doc_id=?", (doc_id,)).fetchall()
    assert len(rows) >= 12 * 3
    for content, cs, ce, cue, qs, qe in rows:
        assert text[cs:ce] == content and text[qs:qe] == cue


def test_chunks_cover_a_100k_word_text():
    para = "Officials said that the shelling continued through the night near the city. " * 10
    text = "\n\n".join(para for _ in range(900))  # about 100k words
    assert len(text.split()) > 100_000
    pieces = chunks(text, 20_000)
    assert "".join(pieces) == text
    assert max(map(len, pieces)) <= 20_000
    assert all(p.endswith("\n\n") for p in pieces[:-1])
    # a text without any break is still cut
    assert "".join(chunks("x" * 50_000, 20_000)) == "x" * 50_000


def test_a_failing_document_is_recorded_and_the_run_goes_on(store, settings, monkeypatch):
    bad = add(store, "The ministry said that the bridge was destroyed.", key="bad")
    good = add(store, "Officials said that the dam was breached.", key="good")
    real = claims_run.extract_claims

    def flaky(sdoc, doc_id, published):
        if doc_id == bad:
            raise ValueError("boom")
        return real(sdoc, doc_id, published)

    monkeypatch.setattr(claims_run, "extract_claims", flaky)
    counts = claims_run.run(store, settings)
    assert counts["failed"] == 1 and counts["documents"] == 1
    st = status(store)
    assert st[bad] == ("failed", "extraction-error") and st[good] == ("ok", None)


def test_russian_parser_that_cannot_load_leaves_its_documents_pending(store, settings,
                                                                      monkeypatch):
    """A broken natasha install (seen: setuptools >= 81 without pkg_resources) is no fault of
    the documents: English ones are processed, Russian ones stay pending for the next run."""
    from newstrail.nlp import russian

    ru = add(store, "Министерство обороны заявило, что мост был разрушен.", lang="ru", key="ru")
    en = add(store, "Officials said that the dam was breached.", key="en")
    calls = []

    def broken():
        calls.append(1)
        raise ModuleNotFoundError("No module named 'pkg_resources'")

    monkeypatch.setattr(russian, "load", broken)
    counts = claims_run.run(store, settings)
    assert counts["unavailable"] == 1 and counts["failed"] == 0 and counts["documents"] == 1
    assert len(calls) == 1  # tried once, not once per document
    st = status(store)
    assert st[en] == ("ok", None) and ru not in st
    monkeypatch.undo()
    counts = claims_run.run(store, settings)
    assert counts["documents"] == 1 and status(store)[ru] == ("ok", None)


def test_claims_cli_json_shape(store, settings):
    doc_id = add(store, ISW_LIKE)
    claims_run.run(store, settings)
    store.close()
    res = CliRunner().invoke(app, ["claims", "--db", str(settings.db), "--json"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert rows
    keys = {"claim_id", "parent_claim_id", "doc_id", "input_id", "source", "cue", "content",
            "chain", "kind", "stance", "hedge", "dates", "quantities"}
    for r in rows:
        assert keys <= set(r)
        assert r["doc_id"] == doc_id
        assert set(r["cue"]) == {"text", "start", "end"}
        assert {"cues", "band"} <= set(r["hedge"])
        if r["source"]:
            assert set(r["source"]) == {"text", "start", "end", "entity_id"}
            assert r["source"]["entity_id"] is None  # no mentions table yet
    assessed = [r for r in rows if r["stance"] == "assessed"]
    assert assessed and assessed[0]["hedge"]["band"] == "very likely"
    res = CliRunner().invoke(app, ["claims", "--db", str(settings.db), "--json", "--stance", "claimed"])
    assert res.exit_code == 0 and all(json.loads(x)["stance"] == "claimed"
                                      for x in res.stdout.splitlines())
    res = CliRunner().invoke(app, ["claims", "--db", str(settings.db), "--band", "very likely"])
    assert res.exit_code == 0 and "assesses" in res.stdout
    res = CliRunner().invoke(app, ["claims", "--db", str(settings.db), "--stance", "rumoured"])
    assert res.exit_code != 0


def test_claims_cli_kind_filter(store, settings):
    add(store, "The ministry said that the bridge had been destroyed. Putin signed a law on "
               "Tuesday raising the draft age to 30. Asked whether more men would be called up, "
               "Peskov declined to comment.")
    claims_run.run(store, settings)
    store.close()

    def listed(*args):
        res = CliRunner().invoke(app, ["claims", "--db", str(settings.db), *args])
        assert res.exit_code == 0, res.output
        return res.stdout

    rows = [json.loads(x) for x in listed("--json").splitlines()]
    assert {(r["cue"]["text"], r["kind"]) for r in rows} == {
        ("said", "report"), ("signed", "act"), ("Asked", "question"), ("declined", "report")}
    assert [json.loads(x)["cue"]["text"] for x in listed("--json", "--kind", "report")
            .splitlines()] == ["said", "declined"]
    assert " question " in listed("--kind", "question")
    assert " act " in listed("--kind", "act") and "signed" in listed("--kind", "act")
    res = CliRunner().invoke(app, ["claims", "--db", str(settings.db), "--kind", "deed"])
    assert res.exit_code != 0


def test_eval_attribution_on_a_dev_slice(shared_data):
    from newstrail.eval.attribution import evaluate

    result = evaluate(shared_data / "polnear" / "polnear_dev.jsonl.gz", limit=8)
    s = result["scores"]
    # floors well under the measured full-dev scores (0.65 / 0.45 / 0.74)
    assert s["source_exact"]["f1"] >= 0.5
    assert s["content_overlap"]["f1"] >= 0.6
    assert s["cue_overlap"]["f1"] >= 0.6


def test_source_entity_id_from_the_mentions_table(store, settings):
    from newstrail.store.claims import iter_claims

    doc_id = add(store, "Conscripts in training units in Moscow Oblast said that officers "
                        "pressured them. The Institute said that the claims are plausible.")
    claims_run.run(store, settings)
    if not store.conn.execute("SELECT 1 FROM sqlite_master WHERE name='mentions'").fetchone():
        # the entities stage's table (contract shape) when its migration is not present
        store.conn.execute("CREATE TABLE mentions (mention_id INTEGER PRIMARY KEY, doc_id TEXT,"
                           " start INT, end INT, text TEXT, label TEXT, origin TEXT,"
                           " entity_id INT)")
    text = store.get(doc_id)["text"]
    store.conn.execute("PRAGMA foreign_keys=OFF")  # entity ids made up for this test
    store.conn.execute("DELETE FROM mentions WHERE doc_id=?", (doc_id,))
    for name, eid, label in (("Moscow Oblast", 901, "GPE"), ("The Institute", 902, "ORG")):
        s = text.index(name)
        store.conn.execute(
            "INSERT INTO mentions (doc_id, start, end, text, label, origin, entity_id)"
            " VALUES (?,?,?,?,?,?,?)", (doc_id, s, s + len(name), name, label, "test", eid))
    got = {c["source"]["text"]: c["source"]["entity_id"] for c in iter_claims(store, doc=doc_id)}
    assert got["The Institute"] == 902
    # a place at the end of the source is where the speakers are, not who they are
    assert got["Conscripts in training units in Moscow Oblast"] is None


def test_header_tokenizer_reads_the_date_and_leaves_the_text():
    from newstrail.nlp.component import PUBLISHED, HeaderTokenizer, with_header

    calls = []
    tok = HeaderTokenizer(lambda text: calls.append(text) or _FakeDoc(text))
    doc = tok(with_header("Kyiv said so.", "2024-03-05"))
    assert calls[-1] == "Kyiv said so." and doc.user_data[PUBLISHED] == "2024-03-05"
    assert tok(with_header("x", None)).user_data[PUBLISHED] == ""
    for stamp in ("2022-07-05T14:06:00Z", "2024-03-05T09:30:00.123+03:00", "5 March 2024"):
        assert tok(with_header("Kyiv.", stamp)).user_data[PUBLISHED] == stamp
        assert calls[-1] == "Kyiv."
    assert PUBLISHED not in tok(with_header("a piece", "2024-03-05", whole=False)).user_data
    # a header-like string inside the text is text: only the stage's own header is read
    hostile = with_header("a", "2000-01-01") + "rest"
    assert calls[-1] != hostile and tok(with_header(hostile, "2024-03-05")).text == hostile


class _FakeDoc:
    def __init__(self, text):
        self.text = text
        self.user_data = {}


def test_text_that_looks_like_a_header_keeps_its_offsets(store, settings):
    from newstrail.nlp.component import with_header

    text = (with_header("", "1999-01-01") + ISW_LIKE
            + "\n\nThe ministry said that the strike took place on March 3.")
    # a time stamp as feeds give it (the header once failed to parse one: offsets shifted)
    doc_id = add(store, text, published="2024-03-05T09:30:00Z")
    for workers in (1, 2):
        store.conn.execute("DELETE FROM processed")
        claims_run.run(store, settings.replace(claims_workers=workers, claims_parallel_after=1))
        rows = store.conn.execute(
            "SELECT cue_text, cue_start, cue_end, claim_id FROM claims WHERE doc_id=?",
            (doc_id,)).fetchall()
        assert len(rows) >= 4
        assert all(text[s:e] == cue for cue, s, e, _ in rows)
        values = {v for (v,) in store.conn.execute(
            "SELECT d.value FROM claim_dates d JOIN claims c USING (claim_id) WHERE c.doc_id=?",
            (doc_id,))}
        # "on March 3" resolves against the stored publication date, not the text's fake one
        assert "2024-03-03" in values, values
