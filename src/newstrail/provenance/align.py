"""Sentence alignment: which sentences of a copy come from which sentences of its origin.

Each sentence is a set of word 3-gram hashes; a copy sentence aligns to the origin sentence
that holds the largest share of its 3-grams, when that share is at least ``min_share``.
Lexical, so it aligns copies, excerpts and summaries; translations are linked by
fingerprints (:mod:`newstrail.provenance.fingerprints`) and get no sentence alignment.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newstrail.provenance.shingles import shingle_set, word_hashes
from newstrail.provenance.text import Sentence, iter_word_spans, sentences


@dataclass(frozen=True, slots=True)
class Passage:
    start: int
    end: int
    parent_start: int
    parent_end: int
    score: float


def _sentence_sets(text: str) -> list[tuple[Sentence, np.ndarray]]:
    out = []
    for s in sentences(text):
        ws = [w for _, _, w in iter_word_spans(s.text)]
        out.append((s, shingle_set(word_hashes(ws), 3)))
    return out


def align(child: str, parent: str, *, min_share: float = 0.5) -> list[Passage]:
    """Aligned sentence pairs, in the child's order."""
    parent_sets = _sentence_sets(parent)
    if not parent_sets:
        return []
    index: dict[int, list[int]] = {}
    for j, (_, hs) in enumerate(parent_sets):
        for h in hs.tolist():
            index.setdefault(h, []).append(j)
    out = []
    for sent, hs in _sentence_sets(child):
        if len(hs) == 0:
            continue
        counts: dict[int, int] = {}
        for h in hs.tolist():
            for j in index.get(h, ()):
                counts[j] = counts.get(j, 0) + 1
        if not counts:
            continue
        j, n = max(counts.items(), key=lambda kv: (kv[1], -kv[0]))
        share = n / len(hs)
        if share >= min_share:
            ps = parent_sets[j][0]
            out.append(Passage(sent.start, sent.end, ps.start, ps.end, round(share, 3)))
    return out
