"""Learn the span-edge choosers of :mod:`newstrail.nlp.boundaries` from PolNeAR train.

    python -m newstrail.nlp.train_boundaries ../shared/data/polnear/polnear_train.jsonl.gz \
        [--cache /tmp/polnear-cache] [--out src/newstrail/data/claims/boundaries.json]
    python -m newstrail.nlp.train_boundaries ../shared/data/polnear/polnear_train.jsonl.gz \
        --categories     # error analysis: how the edges differ from gold, by category

Needs scikit-learn (``pip install -e .[train]``); the installed tool scores the JSON weights
in plain Python. The claims are found with the rules' own edges
(``NEWSTRAIL_BOUNDARIES=rules``), each outermost claim is paired with the gold attribution
whose content it overlaps most, and:

* ``content_end``: for a claim whose content starts where the gold one does, every
  candidate end (:func:`boundaries.content_candidates`) is an example, positive when it is
  the gold end (after the scorer's edge trimming); at run time the best-scoring candidate
  wins;
* ``source_relcl``: for a source with a comma-set relative clause, an example of cutting it
  (positive when the gold source is the cut one, negative when it is the whole one).

Train only: dev and test are never read here.
"""

from __future__ import annotations

import argparse
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

C_CONTENT = 0.3
C_SOURCE = 0.3


def pairs_of(pred: list[dict[str, Any]], gold: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """(prediction, gold) pairs by content overlap, greedy, longest overlap first."""
    from newstrail.eval.attribution import _overlap

    cand = [(_overlap(p["content"], g["content"]), i, j) for i, p in enumerate(pred)
            for j, g in enumerate(gold) if p["content"] and g["content"]]
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for o, i, j in sorted(cand, reverse=True):
        if o <= 0 or i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    return out


def paired_claims(path: Path, cache: Path | None) -> Iterator[tuple[str, Any, list[Any], list[
        dict[str, Any]], list[dict[str, Any]], list[tuple[int, int]]]]:
    """Per document at ``path``: (text, parsed doc, outermost claims, their trimmed spans,
    the gold spans, the (claim, gold) pairs of :func:`pairs_of`)."""
    from newstrail.eval.attribution import _norm, _parsed, gold_spans, load
    from newstrail.nlp.run import extract_claims

    docs = load(path)
    parsed = _parsed([d["text"] for d in docs], cache, 1)
    for d, sdoc in zip(docs, parsed, strict=True):
        text = d["text"]
        claims = [c for c in extract_claims(sdoc, d["doc_id"], None) if c.parent is None]
        pred = [{"content": _norm(text, c.content.start, c.content.end),
                 "source": _norm(text, c.source.start, c.source.end) if c.source else None}
                for c in claims]
        gold = gold_spans(d)
        yield text, sdoc, claims, pred, gold, pairs_of(pred, gold)


def examples(path: Path, cache: Path | None) -> dict[str, list[tuple[list[str], int, int]]]:
    """Per chooser: (features, label, group) examples from the documents at ``path``."""
    os.environ["NEWSTRAIL_BOUNDARIES"] = "rules"
    from newstrail.eval.attribution import _norm
    from newstrail.nlp import boundaries

    boundaries.models.cache_clear()
    out: dict[str, list[tuple[list[str], int, int]]] = {
        "content_start": [], "content_end": [], "source_relcl": []}
    group = 0
    for text, sdoc, claims, pred, gold, pairs in paired_claims(path, cache):
        for i, j in pairs:
            c, g = claims[i], gold[j]
            kind = c.extra.get("how", "")
            cue = sdoc.char_span(c.cue.start, c.cue.end, alignment_mode="expand")
            cue_ids = frozenset(t.i for t in cue) if cue is not None else frozenset()
            if kind not in {"colon", "dash"} and pred[i]["content"][0] <= g["content"][0]:
                cands = boundaries.start_candidates(sdoc, c.content.start, c.content.end,
                                                    cue_ids)
                labels = [int((_norm(text, s, c.content.end) or (-1, 0))[0] == g["content"][0])
                          for s, _ in cands]
                if cands and (any(labels) or pred[i]["content"][0] == g["content"][0]):
                    group += 1
                    out["content_start"] += [([*f, f"kind={kind}"], y, group)
                                             for (_, f), y in zip(cands, labels, strict=True)]
            if pred[i]["content"][0] == g["content"][0] and kind not in {"colon", "dash"}:
                cands = boundaries.scored_candidates(
                    sdoc, kind, c.content.start, c.content.end, text, cue_ids)
                labels = [int((_norm(text, c.content.start, e) or (0, -1))[1] == g["content"][1])
                          for e, _ in cands]
                if any(labels):
                    # the alternatives to the rules' end (the first candidate): is this one
                    # the annotated end?
                    group += 1
                    out["content_end"] += [(f, y, group) for (_, f), y in zip(
                        cands[1:], labels[1:], strict=True)]
            if c.source is not None and g["source"] is not None:
                span = sdoc.char_span(c.source.start, c.source.end, alignment_mode="expand")
                toks = list(span) if span is not None else []
                got = boundaries.relcl_of(toks)
                if got is None:
                    continue
                verb, cut = got
                shorter = _norm(text, toks[0].idx, toks[cut - 1].idx + len(toks[cut - 1].text))
                y = 1 if shorter == g["source"] else 0 if pred[i]["source"] == g["source"] else -1
                if y >= 0:
                    group += 1
                    out["source_relcl"].append((boundaries.relcl_features(verb, toks, cut), y,
                                                group))
    return out


_PREPS = r"(?:of|in|at|for|on|from|with|to|by|during|about|under|since|over|against|amid|after)\b"


def _source_category(text: str, p: tuple[int, int], g: tuple[int, int]) -> list[str]:
    """How a predicted source's edges differ from the gold one's (error analysis)."""
    import re

    if not _touch(p, g):
        return ["relative pronoun" if text[g[0]:g[1]].lower() in {"who", "which", "that", "whom"}
                else "other speaker"]
    out = []
    for side, kind, piece in _sides(text, p, g):
        low = piece.strip().lower()
        if side == "end":
            cat = ("relative clause" if re.match(r"^,?\s*(who|which|that|whose|whom)\b", low)
                   else "brackets" if low.startswith("(") or low.endswith(")")
                   else "dash" if low in {"—", "-", "--", "–", "―"}
                   else "apposition" if low.startswith(",")
                   else "trailing PP" if re.match(_PREPS, low)
                   else "possessive 's" if re.match(r"^['’]s?\b", low) else "other tail")
        else:
            cat = "like X" if re.match(r"^(like|including|such as)\b", low) else "leading words"
        out.append(f"{kind} {cat}")
    return out


def _content_category(text: str, p: tuple[int, int], g: tuple[int, int]) -> list[str]:
    """How a predicted content's edges differ from the gold one's (error analysis)."""
    import re

    out = []
    for side, kind, piece in _sides(text, p, g):
        raw, low = piece.strip(), piece.strip().lower()
        if side == "start":
            cat = ("that" if low == "that" else "and/but" if low in {"and", "but", "or"}
                   else "a sentence before" if re.search(r"[.!?][\"”’]?$", raw) or "\n" in piece
                   else "cue object + preposition" if re.search(r"\b(about|for|of|on|to|with|"
                                                               r"that|over|against)$", low)
                                                      and len(low.split()) <= 5
                   else "other start")
        else:
            cat = ("attribution tail" if re.search(r"\b(said|says|added|told|according)\b", low)
                   and len(low) < 60
                   else "next sentence" if re.search(r"[.!?][\"”’]?\s+[\"“A-Z]", raw)
                   else "subordinate clause" if re.match(
                       r"^,?\s*(because|since|although|though|while|as|after|before|when|if|"
                       r"unless|until|so)\b", low)
                   else "conjunct" if re.match(r"^,?\s*(and|but|or)\b", low)
                   else "relative clause" if re.match(r"^,?\s*(who|which|that|whose|where)\b",
                                                      low)
                   else "comma tail" if raw.startswith(",")
                   else "trailing PP" if re.match(_PREPS, low) else "other end")
        out.append(f"{kind} {cat}")
    return out


def _touch(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def _sides(text: str, p: tuple[int, int], g: tuple[int, int]) -> list[tuple[str, str, str]]:
    out = []
    if p[0] != g[0]:
        out.append(("start", "extra" if p[0] < g[0] else "missing",
                    text[min(p[0], g[0]):max(p[0], g[0])]))
    if p[1] != g[1]:
        out.append(("end", "extra" if p[1] > g[1] else "missing",
                    text[min(p[1], g[1]):max(p[1], g[1])]))
    return out


def categories(path: Path, cache: Path | None) -> dict[str, Counter[str]]:
    """Error analysis: pair each outermost claim with the gold attribution whose content it
    overlaps most and count how the source and content edges differ, by category."""
    out: dict[str, Counter[str]] = {"source": Counter(), "content": Counter()}
    for text, _sdoc, _claims, pred, gold, pairs in paired_claims(path, cache):
        for i, j in pairs:
            for role, cat in (("source", _source_category), ("content", _content_category)):
                p, g = pred[i][role], gold[j][role]
                if p == g:
                    out[role]["exact" if p else "both without"] += 1
                elif p is None or g is None:
                    out[role]["no predicted" if p is None else "no gold"] += 1
                else:
                    out[role].update(cat(text, p, g))
    return out


def fit(rows: list[tuple[list[str], int, int]], c: float) -> tuple[float, dict[str, float]]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(f, 1) for f, _, _ in rows])
    y = [label for _, label, _ in rows]
    clf = LogisticRegression(C=c, max_iter=2000)
    clf.fit(x, y)
    names = vec.get_feature_names_out()
    return float(clf.intercept_[0]), {str(n): float(w) for n, w in zip(names, clf.coef_[0],
                                                                          strict=True)}


def main(argv: list[str] | None = None) -> None:
    from newstrail.nlp import boundaries

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("train", type=Path)
    ap.add_argument("--cache", type=Path, default=None)
    default_out = Path(__file__).resolve().parents[1] / boundaries.MODEL_FILE
    ap.add_argument("--out", type=Path, default=default_out)
    ap.add_argument("--categories", action="store_true",
                    help="print the error analysis of the current edges instead of training")
    args = ap.parse_args(argv)
    if "test" in args.train.name:
        raise SystemExit("train on polnear_train.jsonl.gz only (test is for the final score)")
    if args.categories:
        for role, counts in categories(args.train, args.cache).items():
            print(role)
            for k, v in counts.most_common():
                print(f"  {v:6d}  {k}")
        return
    ex = examples(args.train, args.cache)
    got = {"content_start": fit(ex["content_start"], C_CONTENT),
           "content_end": fit(ex["content_end"], C_CONTENT),
           "source_relcl": fit(ex["source_relcl"], C_SOURCE)}
    meta = {"trained_on": args.train.name, "command": "python -m newstrail.nlp.train_boundaries",
            "examples": {k: len(v) for k, v in ex.items()},
            "positives": {k: sum(y for _, y, _ in v) for k, v in ex.items()},
            "C": {"content_start": C_CONTENT, "content_end": C_CONTENT, "source_relcl": C_SOURCE}}
    args.out.write_text(boundaries.model_json(got, meta) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: " + ", ".join(
        f"{k} {len(v)} examples ({Counter(y for _, y, _ in v)[1]} positive)" for k, v in ex.items()))


if __name__ == "__main__":
    main()
