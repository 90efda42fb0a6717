"""Word shingles as 64-bit hashes, and winnowed passage fingerprints.

Words are hashed once each (CRC-32, stable across processes unlike ``hash()``), and the
k-word shingles are combined from those in numpy, so a 5,000-word article costs a few
hundred microseconds.
"""

from __future__ import annotations

import zlib

import numpy as np

_MIX = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)


def word_hashes(words: list[str]) -> np.ndarray:
    """One uint64 per word (CRC-32 of its UTF-8, spread to 64 bits)."""
    if not words:
        return np.zeros(0, dtype=np.uint64)
    cache: dict[str, int] = {}
    out = np.fromiter(
        (cache.setdefault(w, zlib.crc32(w.encode("utf-8"))) for w in words),
        dtype=np.uint64, count=len(words),
    )
    return mix64(out + np.uint64(1))


def mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: a bijection of uint64 that spreads every input bit."""
    with np.errstate(over="ignore"):
        x = x.astype(np.uint64, copy=True)
        x ^= x >> np.uint64(30)
        x *= _M1
        x ^= x >> np.uint64(27)
        x *= _M2
        x ^= x >> np.uint64(31)
    return x


def shingle_hashes(wh: np.ndarray, k: int = 5) -> np.ndarray:
    """Hashes of the consecutive k-word windows of a text whose word hashes are ``wh``
    (a text shorter than k words gives one shingle of all its words)."""
    n = len(wh)
    if n == 0:
        return np.zeros(0, dtype=np.uint64)
    k = min(k, n)
    with np.errstate(over="ignore"):
        acc = np.zeros(n - k + 1, dtype=np.uint64)
        for j in range(k):
            acc = mix64(acc * _MIX + wh[j:n - k + 1 + j])
    return acc


def shingle_set(wh: np.ndarray, k: int = 5) -> np.ndarray:
    """Sorted distinct shingle hashes."""
    return np.unique(shingle_hashes(wh, k))


def winnow(hashes: np.ndarray, window: int = 8) -> np.ndarray:
    """Winnowing (Schleimer, Wilkerson & Aiken 2003): the minimum hash of every window of
    ``window`` consecutive shingles. Any passage of at least ``window + k - 1`` words that
    two texts share yields at least one common fingerprint, at about 2/(window+1) of the
    shingles stored."""
    n = len(hashes)
    if n == 0:
        return hashes
    if n <= window:
        return np.unique(hashes.min(keepdims=True))
    view = np.lib.stride_tricks.sliding_window_view(hashes, window)
    return np.unique(view.min(axis=1))


def overlap(a: np.ndarray, b: np.ndarray) -> int:
    """Size of the intersection of two sorted distinct hash arrays."""
    if len(a) == 0 or len(b) == 0:
        return 0
    return int(np.intersect1d(a, b, assume_unique=True).size)
