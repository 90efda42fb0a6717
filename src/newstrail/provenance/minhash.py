"""MinHash signatures by one-permutation hashing, and LSH band keys.

Why not ``datasketch.MinHash`` here: it applies ``num_perm`` hash permutations to every
shingle (64 multiply-mod passes per shingle), which is what makes indexing a million
documents take an hour. One-permutation hashing (Li, Owen & Zhang 2012) hashes each shingle
once, splits the hash range into ``num_perm`` bins and keeps the minimum of each bin; empty
bins are filled by rotation densification (Shrivastava & Li 2014) so that the collision
probability of each position stays the Jaccard similarity. The signature is an array of
uint32 exactly like a datasketch ``LeanMinHash``'s ``hashvalues``, and the benchmark feeds the
same arrays to ``datasketch.MinHashLSH`` as its baseline (``as_lean_minhash``);
``tests/provenance/test_minhash.py`` checks the Jaccard estimates against datasketch's.
"""

from __future__ import annotations

import numpy as np

from newstrail.provenance.shingles import mix64

NUM_PERM = 64
BANDS = 16
ROWS = 4
"""16 bands of 4 rows: a pair with Jaccard s becomes a candidate with probability
1 - (1 - s^4)^16: 0.12 at s=0.3, 0.64 at 0.5, 0.99 at 0.7 (threshold (1/16)^(1/4) = 0.5).
Candidates are then checked on the exact shingle sets."""

_EMPTY = np.uint32(0xFFFFFFFF)


def signature(shingles: np.ndarray, num_perm: int = NUM_PERM) -> np.ndarray:
    """uint32[num_perm] MinHash signature of a set of uint64 shingle hashes."""
    sig = np.full(num_perm, _EMPTY, dtype=np.uint32)
    if len(shingles) == 0:
        return sig
    h = mix64(shingles)
    bins = (h % np.uint64(num_perm)).astype(np.intp)
    vals = (h >> np.uint64(32)).astype(np.uint32)
    np.minimum.at(sig, bins, vals)
    return densify(sig)


def signatures(flat: np.ndarray, offsets: np.ndarray, num_perm: int = NUM_PERM) -> np.ndarray:
    """Signatures of many documents at once: ``flat`` holds all their shingle hashes,
    document i owns ``flat[offsets[i]:offsets[i+1]]``. Returns uint32[n_docs, num_perm]."""
    n_docs = len(offsets) - 1
    h = mix64(flat)
    doc = np.repeat(np.arange(n_docs, dtype=np.int64), np.diff(offsets))
    cell = doc * num_perm + (h % np.uint64(num_perm)).astype(np.int64)
    vals = (h >> np.uint64(32)).astype(np.uint32)
    # minimum per (document, bin): sort by cell then value, take the first of each cell
    order = np.lexsort((vals, cell))
    cell_sorted = cell[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = cell_sorted[1:] != cell_sorted[:-1]
    sig = np.full(n_docs * num_perm, _EMPTY, dtype=np.uint32)
    sig[cell_sorted[first]] = vals[order][first]
    sig = sig.reshape(n_docs, num_perm)
    empty_rows = (sig == _EMPTY).any(axis=1)
    for i in np.flatnonzero(empty_rows):
        sig[i] = densify(sig[i])
    return sig


def densify(sig: np.ndarray) -> np.ndarray:
    """Fill empty bins from the next non-empty bin to the right (circularly), offset by the
    distance so two different empty bins borrowing from one bin do not look equal."""
    empty = sig == _EMPTY
    if not empty.any() or empty.all():
        return sig
    n = len(sig)
    out = sig.copy()
    idx = np.flatnonzero(~empty)
    for i in np.flatnonzero(empty):
        j = idx[np.searchsorted(idx, i) % len(idx)]
        dist = (j - i) % n
        out[i] = np.uint32((int(sig[j]) + dist * 0x9E3779B1) & 0xFFFFFFFF)
    return out


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def band_keys(sig: np.ndarray, bands: int = BANDS, rows: int = ROWS) -> np.ndarray:
    """One int64 key per band: the band number in the top bits, a hash of its rows below.
    Works on one signature (returns [bands]) or many ([n, bands])."""
    s = np.atleast_2d(sig)[:, : bands * rows].astype(np.uint64).reshape(-1, bands, rows)
    with np.errstate(over="ignore"):
        acc = np.zeros(s.shape[:2], dtype=np.uint64)
        for r in range(rows):
            acc = mix64(acc ^ s[:, :, r])
    keys = (acc >> np.uint64(8)) | (np.arange(bands, dtype=np.uint64) << np.uint64(56))
    keys = keys.astype(np.int64)  # SQLite integers are signed 64-bit; top byte < 0x80
    return keys[0] if np.ndim(sig) == 1 else keys


def as_lean_minhash(sig: np.ndarray):
    """The signature as a ``datasketch.LeanMinHash`` (for the benchmark's baseline)."""
    from datasketch import LeanMinHash

    return LeanMinHash(seed=1, hashvalues=sig.astype(np.uint64))
