"""A compact in-memory LSH index: band keys in sorted numpy arrays.

Why not ``datasketch.MinHashLSH``: it keeps, per document and band, a Python ``bytes`` key in
a dict of sets (several hundred bytes to kilobytes per document, measured in
``bench/provenance.py``) and a signature object per document. Here each band is one sorted
int64 array of keys with an int32 array of document numbers beside it (12 bytes per
document and band), signatures sit in one uint32 matrix (256 bytes per document), and new
documents go to a small delta dict merged into the sorted arrays when it grows: a query is
16 binary searches plus a dict lookup, an insert is amortised O(1). The store-backed index of
``newstrail process`` (``provenance_keys``) uses the same band keys.
"""

from __future__ import annotations

import numpy as np

from newstrail.provenance.minhash import BANDS, NUM_PERM, ROWS, band_keys


class BandIndex:
    def __init__(self, *, bands: int = BANDS, rows: int = ROWS, merge_every: int = 20_000) -> None:
        self.bands, self.rows, self.merge_every = bands, rows, merge_every
        self._keys = [np.zeros(0, dtype=np.int64) for _ in range(bands)]
        self._ids = [np.zeros(0, dtype=np.int32) for _ in range(bands)]
        self._sigs = np.zeros((1024, NUM_PERM), dtype=np.uint32)  # grows by doubling
        self._delta: dict[int, list[int]] = {}
        self._delta_n = 0
        self.n = 0

    # --- building ----------------------------------------------------------------------
    def add_many(self, sigs: np.ndarray) -> None:
        """Add documents n, n+1, ... with signatures ``sigs`` (bulk: merged at once)."""
        ids = np.arange(self.n, self.n + len(sigs), dtype=np.int32)
        keys = band_keys(sigs, self.bands, self.rows)
        for b in range(self.bands):
            k = np.concatenate([self._keys[b], keys[:, b]])
            i = np.concatenate([self._ids[b], ids])
            order = np.argsort(k, kind="stable")
            self._keys[b], self._ids[b] = k[order], i[order]
        self._store_sigs(sigs)
        self.n += len(sigs)

    def add(self, sig: np.ndarray) -> int:
        """Add one document; returns its number."""
        doc = self.n
        for k in band_keys(sig, self.bands, self.rows).tolist():
            self._delta.setdefault(k, []).append(doc)
        self._store_sigs(sig.reshape(1, -1))
        self.n += 1
        self._delta_n += 1
        if self._delta_n >= self.merge_every:
            self._merge()
        return doc

    def _merge(self) -> None:
        if not self._delta:
            return
        items = [(k, d) for k, docs in self._delta.items() for d in docs]
        k = np.fromiter((x[0] for x in items), dtype=np.int64, count=len(items))
        d = np.fromiter((x[1] for x in items), dtype=np.int32, count=len(items))
        band = (k >> 56).astype(np.intp)
        for b in range(self.bands):
            sel = band == b
            kk = np.concatenate([self._keys[b], k[sel]])
            ii = np.concatenate([self._ids[b], d[sel]])
            order = np.argsort(kk, kind="stable")
            self._keys[b], self._ids[b] = kk[order], ii[order]
        self._delta.clear()
        self._delta_n = 0

    def _store_sigs(self, sigs: np.ndarray) -> None:
        need = self.n + len(sigs)
        if need > len(self._sigs):
            grown = np.zeros((max(need, 2 * len(self._sigs)), NUM_PERM), dtype=np.uint32)
            grown[: self.n] = self._sigs[: self.n]
            self._sigs = grown
        self._sigs[self.n:need] = sigs

    def _signatures(self) -> np.ndarray:
        return self._sigs[: self.n]

    # --- querying --------------------------------------------------------------------------
    def candidates(self, sig: np.ndarray) -> np.ndarray:
        """Documents sharing at least one band with ``sig``."""
        keys = band_keys(sig, self.bands, self.rows)
        found: list[np.ndarray] = []
        for b, key in enumerate(keys.tolist()):
            arr = self._keys[b]
            lo = np.searchsorted(arr, key, "left")
            hi = np.searchsorted(arr, key, "right")
            if hi > lo:
                found.append(self._ids[b][lo:hi])
            if key in self._delta:
                found.append(np.asarray(self._delta[key], dtype=np.int32))
        if not found:
            return np.zeros(0, dtype=np.int32)
        return np.unique(np.concatenate(found))

    def query(self, sig: np.ndarray, threshold: float = 0.5) -> list[tuple[int, float]]:
        """Candidates with their estimated Jaccard, those at or above ``threshold``."""
        cands = self.candidates(sig)
        if len(cands) == 0:
            return []
        sims = (self._signatures()[cands] == sig).mean(axis=1)
        keep = sims >= threshold
        return list(zip(cands[keep].tolist(), sims[keep].tolist(), strict=True))

    def nbytes(self) -> int:
        """Memory held by the index (arrays, delta estimated at 100 bytes per entry)."""
        sig = self._sigs  # allocated capacity, not just the rows in use
        return (sum(a.nbytes for a in self._keys) + sum(a.nbytes for a in self._ids) + sig.nbytes
                + 100 * sum(len(v) for v in self._delta.values()))
