"""Ingest throughput against bare trafilatura on the same pages, in one process.

    .venv/bin/python bench/ingest.py [--shared ../shared/data] [--copies 11]

Reads the article-extraction benchmark pages, writes them out repeated to
about 2,000 documents (each copy's first paragraph is tagged so the
copies are not deduplicated away), then times, in this order and this process:

1. baseline: ``trafilatura.extract(html)`` on every page;
2. ``newstrail.ingest.html.extract_html`` alone (extraction with its second opinion);
3. the whole ``newstrail ingest`` pipeline into a fresh SQLite file (reading,
   decoding, extraction, debris removal, dating, language, hashing, store, FTS),
   first in one process (``workers=1``), then with the default worker processes.

and prints documents per second for each and the ratios to the baseline.
Machines are noisy: compare ratios, not absolute numbers.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
import tempfile
import time
from pathlib import Path

import trafilatura

from newstrail.ingest.html import extract_html
from newstrail.ingest.pipeline import ingest
from newstrail.settings import Settings
from newstrail.store import Store

REPO = Path(__file__).resolve().parents[1]


def load_pages(shared: Path, copies: int) -> list[str]:
    folder = shared / "article-extraction" / "html"
    if not folder.is_dir():
        sys.exit(f"no benchmark pages in {folder}: pass --shared PATH_TO/shared/data")
    originals = [gzip.decompress(p.read_bytes()).decode("utf-8", "replace")
                 for p in sorted(folder.glob("*.html.gz"))]
    pages = []
    for n in range(copies):
        for html in originals:
            pages.append(re.sub(r"</p>", f" [copy {n}]</p>", html, count=1) if n else html)
    return pages


def timed(label: str, fn, n: int) -> float:
    start = time.perf_counter()
    fn()
    elapsed = time.perf_counter() - start
    print(f"{label:<44} {n / elapsed:8.1f} docs/s  ({elapsed:.1f} s)")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--copies", type=int, default=11, help="181 pages x copies documents")
    args = parser.parse_args()
    pages = load_pages(args.shared, args.copies)
    n = len(pages)
    print(f"{n} pages ({n // args.copies} distinct x {args.copies})")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        for i, html in enumerate(pages):
            (folder / f"{i:05d}.html").write_text(html, encoding="utf-8")

        base = timed("baseline: trafilatura.extract", lambda: [trafilatura.extract(h) for h in pages], n)
        ours = timed("newstrail extract_html", lambda: [_try(extract_html, h) for h in pages], n)
        result: dict = {}
        full = timed("newstrail ingest, one process", lambda: result.setdefault(
            "one", _ingest(folder, Path(tmp) / "one.db", workers=1)), n)
        workers = _ingest_workers()
        par = timed(f"newstrail ingest, {workers} worker processes", lambda: result.setdefault(
            "par", _ingest(folder, Path(tmp) / "par.db", workers=0)), n)
    print(f"summary: {result['one'].line()}")
    print(f"ratio extract_html / baseline:           {ours / base:.2f}")
    print(f"ratio ingest, one process / baseline:    {full / base:.2f}  "
          f"(everything but extraction: {(full - ours) / base:+.0%} of baseline)")
    print(f"ratio ingest, {workers} workers / baseline:      {par / base:.2f}  "
          f"(wall clock; the baseline uses one core)")


def _ingest(folder: Path, db: Path, *, workers: int):
    settings = Settings(db=db, batch_size=200, workers=workers)
    store = Store(db)
    try:
        return ingest([str(folder)], store, settings)
    finally:
        store.close()


def _ingest_workers() -> int:
    from newstrail.ingest.pipeline import _worker_count

    return _worker_count(Settings())


def _try(fn, html):
    try:
        return fn(html)
    except Exception:  # rejected pages count as processed
        return None


if __name__ == "__main__":
    main()
