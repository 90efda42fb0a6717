"""What the entities stage costs `newstrail process`, as ratios measured in one process.

    .venv/bin/python bench/entities.py [--shared ../shared/data] [--docs 200] [--telegram 1000]

1. **Resolution** on PolNeAR (train split, the first ``--docs`` articles): a fresh store gets
   the articles, then ``process`` runs provenance and claims (the baseline: everything
   `process` does besides resolution, including the spaCy parse), then the entities stage;
   printed: seconds of each and ``entities / (provenance + claims)`` (target <= 10%).
2. **The gazetteer ruler** inside the parse: the same texts through the English pipeline
   without and with the ruler; printed: the ratio of the two (the ruler is part of the claims
   stage's time above, so this shows what it adds there).
3. **Russian/Ukrainian names** on ``--telegram`` posts of the ukraine-news Telegram slice:
   posts per second of the stem matcher.

Claims run with ``claims_workers=1`` so both stages use one core (the machine is shared).
Machines are noisy: compare ratios, not absolute numbers.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

from newstrail.eval import iter_jsonl_gz
from newstrail.models import Document, Sighting
from newstrail.settings import Settings
from newstrail.store import Store

REPO = Path(__file__).resolve().parents[1]


def read_jsonl(path: Path, limit: int) -> list[dict]:
    return list(islice(iter_jsonl_gz(path), limit))


def fill(store: Store, texts: list[tuple[str, str]], lang: str) -> None:
    with store.atomic():
        for name, text in texts:
            h = hashlib.sha256(text.encode()).hexdigest()
            doc = Document(doc_id=h[:16], content_hash=h, input_id=name, text=text,
                           extracted=text, lang=lang)
            raw = store.put_raw(text.encode())
            store.add(doc, Sighting(doc_id=doc.doc_id, source=f"bench:{name}", record_key="",
                                    input_id=name, kind="record", raw_id=raw))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--telegram", type=int, default=1000)
    args = ap.parse_args()
    polnear = args.shared / "polnear" / "polnear_train.jsonl.gz"
    if not polnear.is_file():
        sys.exit(f"no PolNeAR in {polnear.parent}: pass --shared PATH_TO/shared/data")
    articles = read_jsonl(polnear, args.docs)
    texts = [(a["doc_id"], a["text"]) for a in articles]
    words = sum(len(t.split()) for _, t in texts)
    print(f"PolNeAR train: {len(texts)} articles, {words:,} words")

    from newstrail.entities import gazetteer
    from newstrail.nlp.model import load_nlp
    from newstrail.process import process

    t = time.perf_counter()
    gazetteer.load()
    load_nlp()
    print(f"loading (gazetteer index, model with ruler): {time.perf_counter() - t:.1f} s, "
          "once per process")

    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(db=Path(folder) / "b.db").replace(claims_workers=1)
        store = Store(settings.db)
        fill(store, texts, "en")
        t = time.perf_counter()
        base = process(store, settings, stages=("provenance", "claims"))
        t_base = time.perf_counter() - t
        t = time.perf_counter()
        ent = process(store, settings, stages=("entities",))
        t_ent = time.perf_counter() - t
        mentions = store.conn.execute("SELECT count(*) FROM mentions").fetchone()[0]
        store.close()
    print(f"1. process without resolution (provenance + claims): {t_base:.1f} s "
          f"({base.stages.get('claims', {}).get('documents', 0)} documents)")
    print(f"   entities stage: {t_ent:.2f} s for {mentions:,} mentions ({ent.line()})")
    print(f"   resolution adds {t_ent / t_base:.1%} to process (target <= 10%)")

    plain = load_nlp(with_gazetteer=False)
    ruled = load_nlp()
    sample = [t for _, t in texts]
    for nlp in (plain, ruled):  # warm both
        list(nlp.pipe(sample[:5]))
    t = time.perf_counter()
    list(plain.pipe(sample, batch_size=16))
    t_plain = time.perf_counter() - t
    t = time.perf_counter()
    list(ruled.pipe(sample, batch_size=16))
    t_ruled = time.perf_counter() - t
    from newstrail.entities.ruler import patterns

    print(f"2. parse without ruler {t_plain:.1f} s, with ruler ({len(patterns()):,} patterns) "
          f"{t_ruled:.1f} s: ratio {t_ruled / t_plain:.3f}")

    tg = args.shared / "ukraine-news" / "telegram-ru-2024-11-26_2024-12-03.jsonl.gz"
    if tg.is_file() and args.telegram:
        from newstrail.entities.foreign import foreign_mentions

        posts = [p["text"] for p in read_jsonl(tg, args.telegram) if p.get("text")]
        foreign_mentions("warm", "Бахмут")
        t = time.perf_counter()
        found = sum(len(foreign_mentions(str(i), p)) for i, p in enumerate(posts))
        dt = time.perf_counter() - t
        print(f"3. Russian names: {len(posts)} Telegram posts in {dt:.2f} s "
              f"({len(posts) / dt:,.0f} posts/s), {found:,} mentions")


if __name__ == "__main__":
    main()
