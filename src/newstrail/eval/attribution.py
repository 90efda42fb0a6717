"""``newstrail eval attribution``: source / cue / content spans against PolNeAR gold.

Scoring (PolNeAR annotates outermost attributions only, so only claims without a parent are
scored):

* each role's span is reduced to the characters from its first to its last fragment (a
  quotation split around its source is one content), with whitespace and edge punctuation
  (``, . : ; " “ ” ‘ ’``) trimmed on both gold and prediction;
* **exact**: a predicted span equals a gold span of the same role in the same document;
  **overlap**: it shares at least one character with one. Precision counts predicted spans
  that match, recall gold spans that are matched; each gold span matches at most one
  prediction (greedy, longest overlap first);
* gold attributions with an empty content (annotation slips, see the corpus README) are left
  out; a gold attribution without source has no source span to find;
* **attribution** (all three roles overlap one gold attribution) is printed too.

**Agreement** (``--agreement``): PolNeAR has a few articles annotated by several annotators
(``alt_annotations``: 16 of train, 2 of dev, 2 of test, all 4 of ``annotator_training`` by
six each). On those, every pair of annotators is scored with the same measures (one as
"gold", the other as "prediction"; F1 is symmetric) and so is newstrail against each
annotator: a ceiling to read the scores against, since a target above what two trained
annotators agree on measures the annotators' conventions more than the extractor.

Claims come from the same function ``newstrail process`` runs
(:func:`newstrail.nlp.run.extract_claims`: rules, retellings, nesting). ``--cache DIR`` keeps the parsed documents (spaCy DocBin) so that a re-run only pays for the
rules.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newstrail.errors import UsageError
from newstrail.eval import iter_jsonl_gz

ROLES = ("source", "cue", "content")
_EDGE = " \t\n\r,.:;\"“”‘’'"


def _norm(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return (start, end) if end > start else None


def gold_spans(doc: dict[str, Any]) -> list[dict[str, tuple[int, int] | None]]:
    out = []
    for a in doc.get("attributions", []):
        if not a.get("content"):
            continue
        item: dict[str, tuple[int, int] | None] = {}
        for role in ROLES:
            frags = a.get(role) or []
            item[role] = _norm(doc["text"], min(s for s, _ in frags), max(e for _, e in frags)) \
                if frags else None
        out.append(item)
    return out


def predicted_spans(text: str, claims: Iterable[Any]) -> list[dict[str, tuple[int, int] | None]]:
    out = []
    for c in claims:
        if c.parent is not None:
            continue
        out.append({
            "source": _norm(text, c.source.start, c.source.end) if c.source else None,
            "cue": _norm(text, c.cue.start, c.cue.end),
            "content": _norm(text, c.content.start, c.content.end),
        })
    return out


@dataclass
class Counts:
    pred: int = 0
    gold: int = 0
    tp_pred: int = 0
    tp_gold: int = 0

    def add(self, other: Counts) -> None:
        self.pred += other.pred
        self.gold += other.gold
        self.tp_pred += other.tp_pred
        self.tp_gold += other.tp_gold

    def prf(self) -> dict[str, float]:
        p = self.tp_pred / self.pred if self.pred else 0.0
        r = self.tp_gold / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(pred: Sequence[tuple[int, int]], gold: Sequence[tuple[int, int]], *, exact: bool) -> Counts:
    pairs = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            if exact and p == g:
                pairs.append((g[1] - g[0], i, j))
            elif not exact and _overlap(p, g) > 0:
                pairs.append((_overlap(p, g), i, j))
    return _greedy(len(pred), len(gold), ((i, j) for _, i, j in sorted(pairs, reverse=True)))


def _greedy(n_pred: int, n_gold: int, pairs: Iterable[tuple[int, int]]) -> Counts:
    """Counts of a one-to-one matching that takes candidate (pred, gold) pairs in order."""
    used_p, used_g = set(), set()
    for i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
    return Counts(n_pred, n_gold, len(used_p), len(used_g))


def score_doc(pred: list[dict[str, Any]], gold: list[dict[str, Any]]) -> dict[str, Counts]:
    out: dict[str, Counts] = {}
    for role in ROLES:
        p = [x[role] for x in pred if x[role]]
        g = [x[role] for x in gold if x[role]]
        out[f"{role}_exact"] = match(p, g, exact=True)
        out[f"{role}_overlap"] = match(p, g, exact=False)
    # whole attributions: every role present in gold overlaps the prediction's
    pairs = (
        (i, j) for i, p in enumerate(pred) for j, g in enumerate(gold)
        if all(g[r] is None or (p[r] is not None and _overlap(p[r], g[r]) > 0) for r in ROLES)
    )
    out["attribution_overlap"] = _greedy(len(pred), len(gold), pairs)
    return out


def load(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise UsageError(f"no file {path}",
                         hint="pass ../shared/data/polnear/polnear_test.jsonl.gz (or _dev)")
    if path.suffix == ".gz":
        return list(iter_jsonl_gz(path))
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _parsed(texts: list[str], cache: Path | None, n_process: int) -> list[Any]:
    from spacy.tokens import DocBin

    from newstrail.nlp.model import load_nlp
    from newstrail.nlp.run import DISABLE

    nlp = load_nlp(DISABLE)
    key = hashlib.sha256("\x00".join(texts).encode()).hexdigest()[:16]
    file = cache / f"attribution-{key}.spacy" if cache else None
    if file is not None and file.is_file():
        return list(DocBin().from_disk(file).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts, batch_size=16, n_process=n_process))
    if file is not None:
        file.parent.mkdir(parents=True, exist_ok=True)
        db = DocBin(store_user_data=False)
        for d in docs:
            db.add(d)
        db.to_disk(file)
    return docs


def evaluate(path: Path, *, limit: int | None = None, cache: Path | None = None,
             n_process: int = 1) -> dict[str, Any]:
    from newstrail.nlp.run import extract_claims

    docs = load(path)[:limit] if limit else load(path)
    texts = [d["text"] for d in docs]
    t0 = time.perf_counter()
    parsed = _parsed(texts, cache, n_process)
    t1 = time.perf_counter()
    totals = {f"{r}_{k}": Counts() for r in ROLES for k in ("exact", "overlap")}
    totals["attribution_overlap"] = Counts()
    for d, sdoc in zip(docs, parsed, strict=True):
        claims = extract_claims(sdoc, d["doc_id"], d.get("publication_date"))
        scores = score_doc(predicted_spans(d["text"], claims), gold_spans(d))
        for k, v in scores.items():
            totals[k].add(v)
    t2 = time.perf_counter()
    words = sum(len(t.split()) for t in texts)
    return {
        "file": str(path),
        "documents": len(docs),
        "words": words,
        "gold_attributions": totals["cue_exact"].gold,
        "predicted_attributions": totals["cue_exact"].pred,
        "scores": {k: {**v.prf(), "pred": v.pred, "gold": v.gold} for k, v in totals.items()},
        "parse_seconds": round(t1 - t0, 2),
        "rules_seconds": round(t2 - t1, 2),
        "rules_words_per_second": round(words / (t2 - t1)) if t2 > t1 else None,
    }


def annotations(doc: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Every annotator's attributions of one article: the primary one and the others."""
    out = {doc.get("primary_annotator") or "primary": doc.get("attributions", [])}
    for who, alt in (doc.get("alt_annotations") or {}).items():
        out[who] = alt.get("attributions", [])
    return out


def agreement(path: Path, *, cache: Path | None = None, n_process: int = 1) -> dict[str, Any]:
    """Annotator against annotator, and newstrail against each annotator, on the articles of
    ``path`` that more than one annotator marked (micro-averaged over pairs)."""
    from itertools import combinations

    from newstrail.nlp.run import extract_claims

    docs = [d for d in load(path) if len(annotations(d)) > 1]
    if not docs:
        raise UsageError(f"no article of {path} has more than one annotator",
                         hint="use polnear_annotator_training.jsonl.gz (6 annotators each) "
                              "or polnear_train.jsonl.gz (16 such articles)")
    human: dict[str, Counts] = {}
    system: dict[str, Counts] = {}
    n_annotations = n_pairs = 0
    for d, sdoc in zip(docs, _parsed([d["text"] for d in docs], cache, n_process), strict=True):
        golds = {who: gold_spans({"text": d["text"], "attributions": a})
                 for who, a in annotations(d).items()}
        pred = predicted_spans(d["text"], extract_claims(sdoc, d["doc_id"], d.get("publication_date")))
        for a, b in combinations(sorted(golds), 2):
            _add(human, score_doc(golds[a], golds[b]))
            n_pairs += 1
        for g in golds.values():
            _add(system, score_doc(pred, g))
            n_annotations += 1
    return {
        "file": str(path), "documents": len(docs), "annotations": n_annotations,
        "annotator_pairs": n_pairs,
        "human": {k: v.prf() for k, v in human.items()},
        "newstrail": {k: v.prf() for k, v in system.items()},
    }


def _add(totals: dict[str, Counts], scores: dict[str, Counts]) -> None:
    for k, v in scores.items():
        totals.setdefault(k, Counts()).add(v)


def format_agreement(result: dict[str, Any]) -> str:
    lines = [
        f"{result['file']}: {result['documents']} articles with more than one annotator, "
        f"{result['annotations']} annotations, {result['annotator_pairs']} annotator pairs",
        f"{'F1':<22}{'annotator-annotator':>21}{'newstrail-annotator':>21}",
    ]
    for k, v in result["human"].items():
        lines.append(f"{k:<22}{v['f1']:>21.3f}{result['newstrail'][k]['f1']:>21.3f}")
    return "\n".join(lines)


def format_report(result: dict[str, Any]) -> str:
    lines = [
        f"{result['file']}: {result['documents']} documents, {result['words']} words, "
        f"{result['gold_attributions']} gold / {result['predicted_attributions']} predicted "
        "outermost attributions",
        f"{'':<22}{'P':>8}{'R':>8}{'F1':>8}",
    ]
    for k, v in result["scores"].items():
        lines.append(f"{k:<22}{v['precision']:>8.3f}{v['recall']:>8.3f}{v['f1']:>8.3f}")
    lines.append(f"parse {result['parse_seconds']} s, rules {result['rules_seconds']} s "
                 f"({result['rules_words_per_second']} words/s)")
    return "\n".join(lines)
