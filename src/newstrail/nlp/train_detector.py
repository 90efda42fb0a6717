"""Train the verb-cue classifier (``nlp/cue_model.py``) on PolNeAR train, choose its
threshold on PolNeAR dev.

    .venv/bin/pip install -e '.[train]'      # scikit-learn, for training only
    python -m newstrail.nlp.train_detector ../shared/data/polnear/polnear_train.jsonl.gz \
        --dev ../shared/data/polnear/polnear_dev.jsonl.gz [--cache DIR] \
        [--out src/newstrail/data/claims/cue_model.json]

Candidates are what :func:`newstrail.nlp.attribution._verb_candidates` and
``_noun_candidates`` yield with every verb and noun allowed (the same code the stage runs); a
candidate is positive when its cue overlaps a gold cue and its content that cue's content,
negative otherwise, and left out when it lies inside a gold content without being
a gold cue (PolNeAR marks outermost attributions only: "'I want to win,' she said" is no
evidence that "want" is not a cue). An L2 logistic regression (scikit-learn, ``C``) is fit
on the features seen at least ``MIN_FEATURE_COUNT`` times and the two word vectors; weights under ``MIN_WEIGHT`` in
absolute value are dropped. The threshold is the one of ``THRESHOLDS`` with the best source
exact F1 of ``newstrail eval attribution`` on dev. Test is never read here.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

C = 0.5
MIN_FEATURE_COUNT = 2
MIN_WEIGHT = 0.01
# a candidate is positive only when its content overlaps the content of the gold cue it
# overlaps (dev: content exact +0.7, content overlap +0.5, source exact equal against
# labels from the cue alone)
CONTENT_TOO = True
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)


def _spans(frags: list[list[int]] | None) -> tuple[int, int] | None:
    if not frags:
        return None
    return min(s for s, _ in frags), max(e for _, e in frags)


def candidates(path: Path, cache: Path | None, limit: int | None = None
               ) -> tuple[list[Any], list[int]]:
    """(features, label) of every candidate in the (first ``limit``) documents of ``path``."""
    from newstrail.eval.attribution import _parsed, load
    from newstrail.nlp import attribution as A

    docs = load(path)[:limit] if limit else load(path)
    parsed = _parsed([d["text"] for d in docs], cache, 1)
    lex = A.lexicon()
    X: list[Any] = []
    y: list[int] = []
    for d, sdoc in zip(docs, parsed, strict=True):
        quotes = A.quote_spans(A.text_of(sdoc))
        gold = [(_spans(a.get("cue")), _spans(a.get("content"))) for a in d["attributions"]]
        cues = [c for c, _ in gold if c]
        contents = [c for _, c in gold if c]
        for sent in sdoc.sents:
            for f, _rule, feats in [*A._verb_candidates(sent, lex, quotes, True),
                                    *A._noun_candidates(sent, lex, True),
                                    *A._copula_candidates(sent, True)]:
                if feats is None:
                    continue
                s = min(t.idx for t in f.cue)
                e = max(t.idx + len(t.text) for t in f.cue)
                positive = any(s < ge and gs < e for gs, ge in cues)
                if positive and CONTENT_TOO:
                    cs, ce = f.content_chars or (min(t.idx for p in f.content_parts for t in p),
                                                 max(t.idx + len(t.text) for p in f.content_parts
                                                     for t in p))
                    positive = any(c and gc and c[0] < e and s < c[1] and gc[0] < ce and cs < gc[1]
                                   for c, gc in gold)
                if not positive and any(gs <= s and e <= ge for gs, ge in contents):
                    continue  # nested in a gold content: neither cue nor non-cue
                X.append(feats)
                y.append(int(positive))
    return X, y


def fit(X: list[Any], y: list[int], c: float = C, dense: bool = True) -> dict[str, Any]:
    """Logistic regression over the candidates' words (and word vectors with ``dense``)."""
    import numpy as np
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for cand in X for f in set(cand.words))
    vocab = {f: k for k, f in enumerate(sorted(f for f, n in counts.items()
                                                if n >= MIN_FEATURE_COUNT))}
    rows, cols = [], []
    for r, cand in enumerate(X):
        for f in set(cand.words):
            k = vocab.get(f)
            if k is not None:
                rows.append(r)
                cols.append(k)
    m = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(X), len(vocab)))
    if dense:
        m = hstack([m, csr_matrix(np.stack([cand.vector for cand in X]))]).tocsr()
    clf = LogisticRegression(C=c, solver="liblinear", max_iter=1000)
    clf.fit(m, np.array(y))
    names = sorted(vocab, key=vocab.get)
    coef = clf.coef_[0]
    weights = {f: round(float(w), 4) for f, w in zip(names, coef[:len(names)], strict=True)
               if abs(w) >= MIN_WEIGHT}
    out: dict[str, Any] = {"bias": round(float(clf.intercept_[0]), 4), "weights": weights}
    if dense:
        out["dense"] = [round(float(w), 4) for w in coef[len(names):]]
    return out


def choose_threshold(model: dict[str, Any], dev: Path, cache: Path | None) -> tuple[float, list]:
    """The threshold with the best dev source exact F1, and every (threshold, scores) tried."""
    from newstrail.eval.attribution import evaluate
    from newstrail.nlp import cue_model

    tried = []
    try:
        for t in THRESHOLDS:
            cue_model.use(cue_model.from_dict({**model, "threshold": t}))
            s = evaluate(dev, cache=cache)["scores"]
            tried.append((t, {k: s[k]["f1"] for k in ("source_exact", "cue_exact",
                                                      "content_exact", "content_overlap")}))
            print(f"threshold {t}: {tried[-1][1]}", flush=True)
    finally:
        cue_model.reset()
    best = max(tried, key=lambda x: (x[1]["source_exact"], x[1]["content_exact"]))
    return best[0], tried


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("train", type=Path)
    ap.add_argument("--dev", type=Path, required=True)
    ap.add_argument("--cache", type=Path, default=None)
    ap.add_argument("--c", type=float, default=C)
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "data"
                    / "claims" / "cue_model.json")
    args = ap.parse_args(argv)
    X, y = candidates(args.train, args.cache)
    print(f"{len(X)} candidates, {sum(y)} cues", flush=True)
    model = fit(X, y, args.c)
    threshold, tried = choose_threshold(model, args.dev, args.cache)
    meta = {"trained_on": args.train.name, "threshold_on": args.dev.name, "c": args.c,
            "candidates": len(X), "positives": sum(y), "dev_f1_by_threshold": tried}
    out = {"meta": meta, "threshold": threshold, "bias": model["bias"],
           "dense": model.get("dense"), "weights": dict(sorted(model["weights"].items()))}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(model['weights'])} weights, threshold {threshold} -> {args.out}")


if __name__ == "__main__":
    main()
