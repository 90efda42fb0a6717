"""Evaluate document metadata: outlet, publication date, language, title, author.

``newstrail eval metadata [--sample examples] [--shared ../shared/data]``

1. ``sample``: ingest the invented sample corpus (``examples/``) into a scratch store
   and compare each document with ``examples/GROUND_TRUTH.json``: outlet (case-insensitive,
   either the full name or the part before a parenthesis), publication day (UTC day of the
   gold timestamp; "±1 day" also accepts the local day, since plain-text copies print local
   time), language, and author where the gold lists authors. A word-for-word copy is a
   sighting of another document and is scored on what that sighting recorded.
2. ``languages``: every record of ``shared/data/ukraine-news`` with its declared language
   removed, detected from the text alone; accuracy per slice (English web pages and
   Guardian/NYT articles, Russian Telegram posts).
3. ``dates``: the same records with their declared date removed, inferred from the text with
   the declared date as the "obtained" reference: how often a date is found, and how often
   it equals the declared day (lower bound: declared dates in scraped data are sometimes the
   site's first-publication or update date).
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from newstrail.eval import DEFAULT_SHARED, REPO, iter_jsonl_gz
from newstrail.ingest.dating import infer_published, normalize_date
from newstrail.ingest.language import detect

__all__ = ["evaluate", "format_report"]

DEFAULT_SAMPLE = REPO / "examples"
SLICES = {
    "web-en-2026-02.jsonl.gz": "web pages (en)",
    "guardian-nyt-en-2022-07.jsonl.gz": "Guardian/NYT (en)",
    "telegram-ru-2024-11-26_2024-12-03.jsonl.gz": "Telegram posts (ru)",
}


def evaluate(sample: Path | None = None, shared: Path | None = None) -> dict[str, Any]:
    sample = sample or DEFAULT_SAMPLE
    shared = shared or DEFAULT_SHARED
    out: dict[str, Any] = {"sample": _sample(sample)}
    news = shared / "ukraine-news"
    if news.is_dir():
        out["languages"], out["dates"] = _shared(news)
    else:
        out["languages"] = out["dates"] = {"skipped": f"{news} not found"}
    return out


# --- 1. invented sample corpus against its ground truth ------------------------------------


def _sample(folder: Path) -> dict[str, Any]:
    gold_path = folder / "GROUND_TRUTH.json"
    if not gold_path.is_file():
        return {"skipped": f"{gold_path} not found"}
    from newstrail.ingest.pipeline import ingest
    from newstrail.settings import Settings
    from newstrail.store import Store

    gold = json.loads(gold_path.read_text(encoding="utf-8"))["documents"]
    inputs = [str(p) for p in sorted(folder.iterdir()) if p.is_dir() and p.name != "warc_src"]
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(db=Path(tmp) / "eval.db", per_host_interval=0.0)
        store = Store(settings.db)
        ingest(inputs, store, settings)
        # each sighting as its copy presented itself, with the document's language and title
        seen = [
            dict(r) for r in store.conn.execute(
                "SELECT s.url, s.source, s.outlet, s.published, s.author,"
                " coalesce(s.title, d.title) AS title, d.lang"
                " FROM sightings s JOIN documents d USING (doc_id)")
        ]
        store.close()
    by_url = {s["url"]: s for s in seen if s["url"]}
    by_file = {Path(s["source"]).resolve().relative_to(folder.resolve()).as_posix(): s
               for s in seen}
    rows = [_compare(g, by_url.get(g.get("url") or "") or by_file.get(g["file"])) for g in gold]
    n = len(rows)
    totals: dict[str, Any] = {"documents": n, "found": sum(r["found"] for r in rows)}
    for field in ("outlet", "date", "date_1day", "lang", "title_present"):
        totals[field] = sum(r[field] for r in rows) / n if n else 0.0
    with_authors = [r for r in rows if r["author"] is not None]
    totals["author"] = (sum(r["author"] for r in with_authors) / len(with_authors)
                        if with_authors else None)
    totals["author_documents"] = len(with_authors)
    totals["misses"] = [r for r in rows if not (r["outlet"] and r["date"] and r["lang"])]
    return totals


def _compare(g: dict[str, Any], d: dict[str, Any] | None) -> dict[str, Any]:
    row: dict[str, Any] = {"file": g["file"], "url": g.get("url"), "found": d is not None}
    if d is None:
        return {**row, "outlet": False, "date": False, "date_1day": False, "lang": False,
                "title_present": False, "author": None if not g.get("authors") else False}
    names = {g["outlet"].casefold(), g["outlet"].split(" (")[0].casefold()}
    got_outlet = (d["outlet"] or "").casefold()
    row["outlet"] = got_outlet in names or any(
        got_outlet.startswith(n) or n.startswith(got_outlet) for n in names if got_outlet)
    gold_day = _day(g["published"])
    local_day = date.fromisoformat(g["published"][:10])
    got_day = _day(d["published"]) if d["published"] else None
    row["date"] = got_day == gold_day
    row["date_1day"] = got_day is not None and (
        got_day in (gold_day, local_day) or abs(got_day - gold_day) <= timedelta(days=1))
    row["lang"] = d["lang"] == g["lang"]
    row["title_present"] = bool(d["title"])
    authors = g.get("authors")
    row["author"] = (bool(d["author"]) and any(a in d["author"] for a in authors)
                     if authors else None)
    row["got"] = {k: d[k] for k in ("outlet", "published", "lang", "title", "author")}
    return row


def _day(value: str) -> date:
    iso = normalize_date(value) or value
    return date.fromisoformat(iso[:10])


# --- 2/3. real records: language and date from the text alone -------------------------------


def _shared(folder: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    languages: dict[str, Any] = {}
    dates: dict[str, Any] = {}
    for name, label in SLICES.items():
        path = folder / name
        if not path.is_file():
            continue
        confusion: Counter[tuple[str, str]] = Counter()
        found = exact = n_dates = 0
        for rec in iter_jsonl_gz(path):
            text = rec.get("text") or ""
            gold_lang = rec.get("lang")
            if text.strip() and gold_lang:
                got, _ = detect(text)
                confusion[(gold_lang, got or "-")] += 1
            declared = normalize_date(rec.get("published"))
            if declared and text.strip():
                n_dates += 1
                reference = date.fromisoformat(declared[:10])
                inferred = infer_published(text, reference=reference)
                if inferred:
                    found += 1
                    exact += inferred[:10] == declared[:10]
        total = sum(confusion.values())
        right = sum(c for (g, o), c in confusion.items() if g == o)
        languages[label] = {
            "records": total,
            "accuracy": right / total if total else 0.0,
            "errors": {f"{g}->{o}": c for (g, o), c in confusion.most_common() if g != o},
        }
        dates[label] = {
            "records": n_dates,
            "found": found / n_dates if n_dates else 0.0,
            "equal_declared_day": exact / n_dates if n_dates else 0.0,
            "equal_when_found": exact / found if found else 0.0,
        }
    return languages, dates


def format_report(result: dict[str, Any]) -> str:
    lines = ["== sample corpus (examples/, invented) against GROUND_TRUTH.json =="]
    s = result["sample"]
    if "skipped" in s:
        lines.append(f"skipped: {s['skipped']}")
    else:
        author = "-" if s["author"] is None else f"{s['author']:.3f} ({s['author_documents']} docs)"
        lines += [
            f"{s['documents']} gold documents, {s['found']} found",
            f"outlet {s['outlet']:.3f}   date (UTC day) {s['date']:.3f}   "
            f"date ±1 day {s['date_1day']:.3f}   lang {s['lang']:.3f}   "
            f"title {s['title_present']:.3f}   author {author}",
        ]
        for miss in s["misses"]:
            lines.append(f"  miss {miss['file']} {miss.get('url') or ''}: {miss.get('got')}")
    lines.append("")
    lines.append("== language from text alone (ukraine-news records) ==")
    langs = result["languages"]
    if "skipped" in langs:
        lines.append(f"skipped: {langs['skipped']}")
        return "\n".join(lines)
    for label, r in langs.items():
        lines.append(f"{label:<22} {r['records']:>5} records  accuracy {r['accuracy']:.3f}"
                     + (f"  errors {r['errors']}" if r["errors"] else ""))
    lines.append("")
    lines.append("== publication date inferred from text alone (ukraine-news records) ==")
    for label, r in result["dates"].items():
        lines.append(
            f"{label:<22} {r['records']:>5} records  date found {r['found']:.3f}  "
            f"= declared day {r['equal_declared_day']:.3f} "
            f"({r['equal_when_found']:.3f} of those found)")
    return "\n".join(lines)
