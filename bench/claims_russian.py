"""Russian claims throughput against bare natasha over the same texts, in one process.

    .venv/bin/python bench/claims_russian.py [--shared ../shared/data] [--limit 600]

Takes the first ``--limit`` Russian posts of the Telegram slice of ukraine-news (real
channel posts), then, alternating ``--repeat`` times (the best time of each counts):

1. baseline: natasha as its documentation uses it, one ``natasha.Doc`` per post:
   ``segment``, ``tag_morph``, ``parse_syntax`` (the components the rules read), with one
   BLAS thread as the stage uses (``--blas-default`` leaves OpenBLAS its threads, which
   under load is several times slower and very noisy);
2. the claims stage's Russian path (``newstrail.nlp.run.run`` over a fresh SQLite store
   holding the same posts): batched parse (``russian.parse_many``), lemmas, the rules,
   hedges, dates, quantities and the writes.

It prints posts and words per second for both and the ratio stage / baseline. Machines
are noisy (other jobs share the cores): compare ratios of the same run.
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
from newstrail.nlp import russian
from newstrail.settings import Settings
from newstrail.store import Store

REPO = Path(__file__).resolve().parents[1]


def load_posts(shared: Path, limit: int) -> list[tuple[str, str | None]]:
    path = shared / "ukraine-news" / "telegram-ru-2024-11-26_2024-12-03.jsonl.gz"
    if not path.is_file():
        sys.exit(f"no {path}: pass --shared with the shared data folder")
    return [(r["text"], r.get("published")) for r in iter_jsonl_gz(path)
            if r.get("lang") == "ru" and r.get("text")][:limit]


def fill(store: Store, posts: list[tuple[str, str | None]]) -> None:
    for k, (text, published) in enumerate(posts):
        h = hashlib.sha256(f"{k}:{text}".encode()).hexdigest()
        raw = store.put_raw(text.encode())
        store.add(
            Document(doc_id=h[:16], content_hash=h, input_id=f"bench-{k}", text=text,
                     extracted=text, published=published, lang="ru"),
            Sighting(doc_id=h[:16], source="bench", record_key=str(k), input_id=f"bench-{k}",
                     kind="record", raw_id=raw),
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--limit", type=int, default=600)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--blas-default", action="store_true",
                    help="baseline with OpenBLAS's own thread count")
    args = ap.parse_args()
    from contextlib import nullcontext

    from natasha import Doc, NewsEmbedding, NewsMorphTagger, NewsSyntaxParser, Segmenter
    from threadpoolctl import threadpool_limits

    posts = load_posts(args.shared, args.limit)
    words = sum(len(t.split()) for t, _ in posts)
    emb = NewsEmbedding()
    segmenter, morph, syntax = Segmenter(), NewsMorphTagger(emb), NewsSyntaxParser(emb)
    russian.load()
    print(f"{len(posts)} posts, {words} words")
    bare, stage = float("inf"), float("inf")
    for _ in range(args.repeat):
        limit = nullcontext() if args.blas_default else threadpool_limits(1, user_api="blas")
        t0 = time.perf_counter()
        with limit:
            for text, _ in posts:
                doc = Doc(text)
                doc.segment(segmenter)
                doc.tag_morph(morph)
                doc.parse_syntax(syntax)
        bare = min(bare, time.perf_counter() - t0)
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(Path(tmp) / "bench.db")
            fill(store, posts)
            t0 = time.perf_counter()
            counts = claims_run.run(store, Settings())
            stage = min(stage, time.perf_counter() - t0)
            store.close()
    print(f"bare natasha {len(posts) / bare:6.1f} posts/s ({words / bare:6.0f} words/s); "
          f"claims stage {len(posts) / stage:6.1f} posts/s ({words / stage:6.0f} words/s, "
          f"{counts['claims']} claims); ratio {bare / stage:.2f}", flush=True)


if __name__ == "__main__":
    main()
