"""Precision/recall of (source, cue) pairs on invented ISW-style paragraphs
(tests/fixtures/claims/isw_style.json), with a floor. Run this file with ``-s`` to see the
numbers and every mismatch."""

from __future__ import annotations

import json
from pathlib import Path

from newstrail.nlp.run import extract_claims

FIXTURE = Path(__file__).parent.parent / "fixtures" / "claims" / "isw_style.json"


def _norm(s: str | None) -> str:
    return " ".join((s or "").lower().split())


def score(nlp) -> tuple[float, float, list[str]]:
    """(precision, recall, mismatches) of (source, cue): the source must match exactly,
    the gold cue must be the predicted cue or end it ("also reported" for "reported")."""
    paras = json.loads(FIXTURE.read_text(encoding="utf-8"))["paragraphs"]
    tp = n_pred = n_gold = 0
    misses: list[str] = []
    for p in paras:
        pred = [(_norm(c.source.text if c.source else None), _norm(c.cue.text))
                for c in extract_claims(nlp(p["text"]), "d1", "2024-03-05")]
        gold = [(_norm(s), _norm(c)) for s, c in p["claims"]]
        n_pred += len(pred)
        n_gold += len(gold)
        left = list(gold)
        for s, c in pred:
            hit = next((g for g in left if g[0] == s and (c == g[1] or c.endswith(" " + g[1]))),
                       None)
            if hit:
                left.remove(hit)
                tp += 1
            else:
                misses.append(f"false: {s!r} | {c!r}")
        misses += [f"missed: {s!r} | {c!r}" for s, c in left]
    return (tp / n_pred if n_pred else 1.0), (tp / n_gold if n_gold else 1.0), misses


def test_isw_style_precision_recall(nlp):
    p, r, misses = score(nlp)
    print(f"\nISW-style (source, cue): P {p:.3f} R {r:.3f}")
    print("\n".join(misses))
    assert p >= 0.9, misses
    assert r >= 0.85, misses
