"""Provenance index at scale: place one new document among 10k, 100k (and 1M) others.

Synthetic documents: word ids drawn from a Zipfian vocabulary of 60,000 words (exponent 1.1,
like news text), lengths log-normal around 450 words (60 to 3,000), 5-word shingles; one in
20 is an edited copy of an earlier one, so queries find real near-duplicates. For each size
it prints the index memory per document and the time to place one new document (shingle
hashes -> MinHash signature -> LSH candidates -> Jaccard check -> insert), against
``datasketch.MinHashLSH`` (same 16x4 bands, same signatures as LeanMinHash) query+insert
time on the same data, in the same run.

    .venv/bin/python bench/provenance.py                  # 10k and 100k, a few minutes
    .venv/bin/python bench/provenance.py --docs 1000000   # 10k, 100k, 1M
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newstrail.provenance.lsh import BandIndex  # noqa: E402
from newstrail.provenance.minhash import as_lean_minhash, signature, signatures  # noqa: E402
from newstrail.provenance.shingles import mix64, shingle_hashes  # noqa: E402

VOCAB = 60_000
K = 5


def rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096


class Corpus:
    def __init__(self, seed: int = 7) -> None:
        self.rng = np.random.default_rng(seed)
        ranks = np.arange(1, VOCAB + 1)
        p = 1.0 / ranks ** 1.1
        self.cdf = np.cumsum(p / p.sum())
        self.word_hash = mix64(np.arange(1, VOCAB + 1, dtype=np.uint64))
        self.recent: list[np.ndarray] = []

    def words(self, n: int) -> np.ndarray:
        return np.searchsorted(self.cdf, self.rng.random(n)).astype(np.int64)

    def lengths(self, n: int) -> np.ndarray:
        return np.clip(self.rng.lognormal(np.log(450), 0.6, n), 60, 3000).astype(np.int64)

    def batch(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """(flat shingle hashes, offsets) of n documents."""
        lens = self.lengths(n)
        tokens = self.words(int(lens.sum()))
        starts = np.concatenate([[0], np.cumsum(lens)])
        # one in 20: an edited copy of a recent document (a few words changed)
        for i in np.flatnonzero(self.rng.random(n) < 0.05):
            if self.recent:
                src = self.recent[self.rng.integers(len(self.recent))]
                m = min(len(src), lens[i])
                seg = src[:m].copy()
                edits = self.rng.integers(0, m, max(1, m // 30))
                seg[edits] = self.words(len(edits))
                tokens[starts[i]:starts[i] + m] = seg
        for i in range(0, n, max(1, n // 50)):
            self.recent.append(tokens[starts[i]:starts[i + 1]].copy())
        self.recent = self.recent[-500:]
        wh = self.word_hash[tokens]
        sh = shingle_hashes(wh, K)  # windows crossing a document boundary are dropped below
        keep = np.ones(len(sh), dtype=bool)
        for j in range(1, K):
            ends = starts[1:] - j
            keep[ends[ends < len(sh)]] = False
        doc_of = np.repeat(np.arange(n), lens)[: len(sh)]
        flat = sh[keep]
        counts = np.bincount(doc_of[keep], minlength=n)
        return flat, np.concatenate([[0], np.cumsum(counts)])

    def one(self, near: np.ndarray | None = None) -> np.ndarray:
        """Shingle hashes of one new document (an edited copy of ``near`` if given)."""
        if near is not None:
            toks = near.copy()
            edits = self.rng.integers(0, len(toks), max(1, len(toks) // 30))
            toks[edits] = self.words(len(edits))
        else:
            toks = self.words(int(self.lengths(1)[0]))
        return shingle_hashes(self.word_hash[toks], K)


def bench_sqlite(sigs: np.ndarray, queries: list[np.ndarray]) -> tuple[float, float]:
    """The store's own index (``provenance_keys``, as ``newstrail process`` keeps it): file
    bytes per document and ms per band lookup of a new document."""
    import sqlite3
    import tempfile

    from newstrail.provenance.minhash import band_keys

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "keys.db"
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE provenance_keys (key INTEGER NOT NULL, kind INTEGER NOT NULL,"
                     " doc_id TEXT NOT NULL, PRIMARY KEY (key, doc_id)) WITHOUT ROWID")
        keys = band_keys(sigs)
        ids = [f"{i:016x}" for i in range(len(sigs))]  # doc ids as the store names them
        with conn:
            conn.executemany("INSERT OR IGNORE INTO provenance_keys VALUES (?,0,?)",
                             ((int(k), ids[i]) for i in range(len(sigs)) for k in keys[i]))
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = path.stat().st_size
        t0 = time.perf_counter()
        for sig in queries:
            qk = [int(k) for k in band_keys(sig)]
            conn.execute(f"SELECT DISTINCT doc_id FROM provenance_keys WHERE kind=0 AND key IN"
                         f" ({','.join('?' * len(qk))})", qk).fetchall()
        ms = (time.perf_counter() - t0) / len(queries) * 1000
        conn.close()
    return size / len(sigs), ms


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--no-datasketch", action="store_true", help="skip the datasketch baseline")
    ap.add_argument("--sqlite", action="store_true",
                    help="also measure the SQLite band-key table newstrail process uses")
    args = ap.parse_args()
    checkpoints = [n for n in (10_000, 100_000, 1_000_000) if n <= args.docs] or [args.docs]
    from datasketch import MinHashLSH

    corpus = Corpus()
    index = BandIndex()
    ds = None if args.no_datasketch else MinHashLSH(threshold=0.5, num_perm=64, params=(16, 4))
    ds_rss = 0
    rows = []
    sqlite_rows = []
    all_sigs: list[np.ndarray] = []
    t_gen = t_build = t_ds_build = 0.0
    done = 0
    for target in checkpoints:
        while done < target:
            n = min(20_000, target - done)
            t0 = time.perf_counter()
            flat, offsets = corpus.batch(n)
            sigs = signatures(flat, offsets)
            t1 = time.perf_counter()
            index.add_many(sigs)
            t2 = time.perf_counter()
            if args.sqlite:
                all_sigs.append(sigs)
            t_gen += t1 - t0
            t_build += t2 - t1
            if ds is not None:
                before = rss_bytes()
                with ds.insertion_session() as session:
                    for i in range(n):
                        session.insert(done + i, as_lean_minhash(sigs[i]), check_duplication=False)
                ds_rss += rss_bytes() - before
                t_ds_build += time.perf_counter() - t2
            done += n
        gc.collect()
        # queries: half edited copies of recent documents, half fresh documents
        news = [corpus.one(corpus.recent[i % len(corpus.recent)] if i % 2 == 0 else None)
                for i in range(args.queries)]
        t0 = time.perf_counter()
        sigs_new = [signature(np.unique(sh)) for sh in news]
        sign = (time.perf_counter() - t0) / len(news)
        t0 = time.perf_counter()
        hits = 0
        for sig in sigs_new:
            hits += bool(index.query(sig))
            index.add(sig)
        ours = (time.perf_counter() - t0) / len(news)
        theirs = None
        if ds is not None:
            t0 = time.perf_counter()
            for j, sig in enumerate(sigs_new):
                lean = as_lean_minhash(sig)
                ds.query(lean)
                ds.insert(f"q{target}-{j}", lean, check_duplication=False)
            theirs = (time.perf_counter() - t0) / len(news)
        if args.sqlite:
            sqlite_rows.append((target, *bench_sqlite(np.concatenate(all_sigs), sigs_new)))
        rows.append((target, index.nbytes() / index.n, sign * 1000, ours * 1000, hits / len(news),
                     ds_rss / max(done, 1) if ds is not None else None,
                     theirs * 1000 if theirs else None))
        print(f"indexed {done:,}: generate+sign {t_gen:.1f} s, our bulk index {t_build:.1f} s"
              + (f", datasketch inserts {t_ds_build:.1f} s" if ds is not None else ""),
              file=sys.stderr, flush=True)
    print(f"{'documents':>10}  {'ours B/doc':>10}  {'sign ms':>7}  {'index ms':>8}  {'found dup':>9}  "
          f"{'datasketch B/doc':>16}  {'datasketch ms':>13}  {'ratio':>6}")
    for n, bpd, sms, ms, hit, dbpd, dms in rows:
        ratio = f"{ms / dms:.2f}" if dms else "-"
        print(f"{n:>10,}  {bpd:>10.0f}  {sms:>7.3f}  {ms:>8.3f}  {hit:>9.2f}  "
              f"{(f'{dbpd:.0f}' if dbpd is not None else '-'):>16}  "
              f"{(f'{dms:.3f}' if dms else '-'):>13}  {ratio:>6}")
    for n, bpd, ms in sqlite_rows:
        print(f"SQLite provenance_keys (bands only) at {n:,}: {bpd:.0f} B/doc on disk, "
              f"{ms:.3f} ms per band lookup")
    print("sign ms: MinHash of a new document's shingles (ours, one permutation); index ms: LSH "
          "candidates, Jaccard check and insert of that signature; datasketch ms: query and "
          "insert of the same signature as a LeanMinHash. Placing a new document costs sign + "
          "index. ratio = our index ms / datasketch ms. datasketch B/doc is resident memory "
          "growth during its inserts.")


if __name__ == "__main__":
    main()
