"""Claims-stage throughput against bare ``nlp.pipe`` over the same texts, in one process.

    .venv/bin/python bench/claims.py [--shared ../shared/data] [--limit 84] [--workers 1 2]

Takes the English articles of PolNeAR dev (84 articles, 67k words; real news, not the test
split), then for each worker count, in this order and this process:

1. baseline: ``nlp.pipe(texts, batch_size=, n_process=)`` with the same model and the same
   components, every parsed document consumed;
2. the whole claims stage (``newstrail.nlp.run.run``) over a fresh SQLite store holding the
   same texts: parsing, attribution rules, nesting, hedges, dates, quantities,
   ``record_mentions`` and the per-batch writes.

Baseline and stage alternate ``--repeat`` times and the best time of each counts. It
prints documents and words per second for both and the ratio stage / baseline (target
>= 0.8: the stage adds at most 25 % to the NLP it needs). Machines are noisy (other jobs
share the cores): compare ratios measured in the same run, not absolute numbers.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from pathlib import Path

from newstrail.eval import iter_jsonl_gz
from newstrail.models import Document, Sighting
from newstrail.nlp import run as claims_run
from newstrail.nlp.model import load_nlp
from newstrail.settings import Settings
from newstrail.store import Store

REPO = Path(__file__).resolve().parents[1]


def load_texts(shared: Path, limit: int) -> list[str]:
    path = shared / "polnear" / "polnear_dev.jsonl.gz"
    if not path.is_file():
        sys.exit(f"no {path}: pass --shared with the shared data folder")
    return [rec["text"] for rec in iter_jsonl_gz(path)][:limit]


def fill(store: Store, texts: list[str]) -> None:
    for k, text in enumerate(texts):
        h = hashlib.sha256(text.encode()).hexdigest()
        raw = store.put_raw(text.encode())
        store.add(
            Document(doc_id=h[:16], content_hash=h, input_id=f"bench-{k}", text=text,
                     extracted=text, published="2016-10-01", lang="en"),
            Sighting(doc_id=h[:16], source="bench", record_key=str(k), input_id=f"bench-{k}",
                     kind="record", raw_id=raw),
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--limit", type=int, default=84)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeat", type=int, default=2,
                    help="alternate baseline and stage this many times; the best of each counts")
    args = ap.parse_args()
    texts = load_texts(args.shared, args.limit)
    words = sum(len(t.split()) for t in texts)
    nlp = load_nlp(claims_run.DISABLE)
    base = Settings()
    print(f"{len(texts)} documents, {words} words; pipeline {', '.join(nlp.pipe_names)}")
    for n in args.workers:
        settings = base.replace(claims_workers=n, claims_parallel_after=1)
        bare, stage = float("inf"), float("inf")
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            for _doc in nlp.pipe(texts, batch_size=settings.claims_pipe_batch, n_process=n):
                pass
            bare = min(bare, time.perf_counter() - t0)
            with tempfile.TemporaryDirectory() as tmp:
                store = Store(Path(tmp) / "bench.db")
                fill(store, texts)
                t0 = time.perf_counter()
                counts = claims_run.run(store, settings)
                stage = min(stage, time.perf_counter() - t0)
                store.close()
        ratio = bare / stage
        print(f"n_process={n}: bare nlp.pipe {len(texts) / bare:6.1f} docs/s "
              f"({words / bare:6.0f} words/s); claims stage {len(texts) / stage:6.1f} docs/s "
              f"({words / stage:6.0f} words/s, {counts['claims']} claims, "
              f"{counts['mentions']} mentions); ratio {ratio:.2f}", flush=True)


if __name__ == "__main__":
    main()
