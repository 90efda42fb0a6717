"""What the provenance stage computes once per document and keeps in the store."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from newstrail.provenance.citations import Citation, citations, outlet_keys, says_translated
from newstrail.provenance.fingerprints import fingerprints, report_day
from newstrail.provenance.minhash import band_keys, signature
from newstrail.provenance.shingles import shingle_hashes, winnow, word_hashes
from newstrail.provenance.text import iter_word_spans

SHINGLE_WORDS = 5
WINNOW_WINDOW = 8

KIND_BAND, KIND_PASSAGE, KIND_FINGERPRINT, KIND_OUTLET, KIND_LEDE = 0, 1, 2, 3, 4
SHORT_WORDS = 80
"""Texts shorter than this (channel posts, flashes) are compared on 3-word shingles of their
lede: five-word shingles leave too few of them to tell a copy from a rewrite."""
LEDE_WORDS = 150


@dataclass(frozen=True, slots=True)
class DocFeatures:
    doc_id: str
    lang: str | None
    published: str | None
    day: str | None
    url: str | None
    outlet_keys: frozenset[str]
    report_day: str | None
    n_words: int
    shingles: np.ndarray = field(repr=False)
    """Sorted distinct shingle hashes (uint64)."""
    signature: np.ndarray = field(repr=False)
    passages: np.ndarray = field(repr=False)
    """Winnowed passage fingerprints (uint64)."""
    fingerprints: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = ()
    lede: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64), repr=False)
    """Sorted distinct 3-word shingles of the first ``LEDE_WORDS`` words."""
    translated: bool = False
    """The text says it is a translation."""
    lede_ordered: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64),
                                     repr=False)

    @property
    def fp_keys(self) -> frozenset[str]:
        return frozenset(self.fingerprints)

    def index_keys(self) -> list[tuple[int, int]]:
        """(key, kind) rows of the inverted index."""
        rows = [(int(k), KIND_BAND) for k in band_keys(self.signature)]
        rows += [(signed64(int(h)), KIND_PASSAGE) for h in self.passages]
        rows += [(text_key(f), KIND_FINGERPRINT) for f in set(self.fingerprints)]
        rows += [(outlet_day_key(k, self.day[5:] if self.day else "?"), KIND_OUTLET)
                 for k in self.outlet_keys]
        rows += [(signed64(int(h)), KIND_LEDE) for h in lede_passages(self.lede_ordered)]
        return list(dict(rows).items())


def outlet_day_key(source: str, month_day: str) -> int:
    """Index key of "a document of this source published on this day (MM-DD)"."""
    return text_key(f"o:{source}|{month_day}")


def text_key(s: str) -> int:
    """A stable signed 64-bit key for a string."""
    return int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little",
                          signed=True)


def signed64(h: int) -> int:
    return h - (1 << 64) if h >= (1 << 63) else h


def shingles_of(text: str) -> tuple[np.ndarray, np.ndarray, int, np.ndarray]:
    """(sorted distinct shingles, shingles in order, number of words, lede 3-word shingles
    in order) of a text."""
    ws = [w for _, _, w in iter_word_spans(text)]
    wh = word_hashes(ws)
    ordered = shingle_hashes(wh, SHINGLE_WORDS)
    lede = shingle_hashes(wh[:LEDE_WORDS], 3)
    return np.unique(ordered), ordered, len(ws), lede


def lede_passages(lede_ordered: np.ndarray) -> np.ndarray:
    """Winnowed 3-word shingles of the lede (window 4: a shared run of 6 words is found)."""
    return winnow(lede_ordered, 4)


def compute(doc: dict[str, Any], *, extra_outlets: list[str] | None = None) -> DocFeatures:
    """Features of a document row (as :meth:`Store.get` returns it)."""
    text = doc.get("text") or ""
    shingles, ordered, n_words, lede = shingles_of(text)
    keys = outlet_keys(doc.get("outlet"), doc.get("url"))
    for outlet in extra_outlets or ():
        keys |= outlet_keys(outlet, None)
    published = doc.get("published")
    return DocFeatures(
        doc_id=doc["doc_id"], lang=doc.get("lang"), published=published,
        day=published[:10] if published else None, url=doc.get("url"),
        outlet_keys=frozenset(keys), report_day=report_day(doc.get("title")), n_words=n_words,
        shingles=shingles, signature=signature(shingles),
        passages=winnow(ordered, WINNOW_WINDOW), fingerprints=fingerprints(text).sequence,
        citations=_not_in_title(citations(text), doc.get("title")), translated=says_translated(text),
        lede=np.unique(lede), lede_ordered=lede,
    )


def _not_in_title(cites: list[Citation], title: str | None) -> tuple[Citation, ...]:
    """A report's own heading ("Eastern Front Assessment, March 12") is not a citation."""
    if not title:
        return tuple(cites)
    def heading(c: Citation) -> bool:
        name = c.source.split(" (")[0]
        return c.start < len(title) + 40 and title.startswith(name)

    return tuple(c for c in cites if c.url or not heading(c))


def citations_json(cites: tuple[Citation, ...]) -> str:
    return json.dumps([{"source": c.source, "key": c.key, "alt": list(c.alt_keys),
                        "report": c.report, "day": c.day, "url": c.url, "start": c.start,
                        "end": c.end, "dateline": c.dateline} for c in cites], ensure_ascii=False)


def citations_from_json(raw: str) -> tuple[Citation, ...]:
    return tuple(Citation(d["source"], d["key"], tuple(d.get("alt", ())), d.get("report", False),
                          d["day"], d["url"], d["start"], d["end"], d.get("dateline", False))
                 for d in json.loads(raw or "[]"))
