"""Evaluate HTML → article-text extraction against the Zyte article-extraction benchmark.

The benchmark (``../shared/data/article-extraction``, see its README) gives 181 saved pages,
a gold article body per page and the predictions of four reference extractors. Its metric,
re-implemented here from the upstream description so that our numbers are comparable with the
published table:

- tokens are the matches of the regex ``\\w+`` (Unicode, no lowercasing), so whitespace and
  punctuation never matter;
- each text becomes a multiset of token 4-grams ("shingles"); a text with fewer than 4 tokens
  becomes the one shingle of all its tokens, and an empty text has none;
- per page, TP/FP/FN are the multiset overlap, prediction-only and gold-only counts, scaled to
  sum to 1 so that long articles do not weigh more than short ones;
- per-page precision is TP/(TP+FP) and recall TP/(TP+FN), except 1 when FP = FN = 0 and 0 when
  TP = FP = 0 (resp. TP = FN = 0); a page whose denominator is 0 is left out of that mean
  (so an empty prediction costs recall, not precision);
- precision and recall are means over pages, F1 is the harmonic mean *of those means*;
- accuracy is the share of pages whose token sequence equals the gold one;
- "±" is the standard deviation over 1,000 bootstrap resamples of the pages. Upstream does not
  seed its generator; we do (``seed``), so our ± is reproducible but may differ from the
  published one in the third decimal. The point estimates match exactly.

Entry points: :func:`score` (dicts of texts → :class:`Scores`), :func:`evaluate` (run an
extractor over a benchmark folder) and :func:`format_report` (a plain-text table).
"""

from __future__ import annotations

import gzip
import json
import random
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from newstrail.errors import InputRejected, UsageError

__all__ = [
    "PageCounts",
    "REFERENCE_EXTRACTORS",
    "Scores",
    "evaluate",
    "format_report",
    "load_gold",
    "load_reference",
    "page_counts",
    "point_scores",
    "score",
    "score_pages",
    "shingles",
    "tokenize",
]

NGRAM = 4
N_BOOTSTRAP = 1000
SEED = 0
REFERENCE_EXTRACTORS = ("trafilatura", "readability", "news_please", "newspaper")

_TOKEN_RE = re.compile(r"\w+")


def tokenize(text: str | None) -> list[str]:
    """The benchmark's tokens: every ``\\w+`` run, case kept."""
    return _TOKEN_RE.findall(text or "")


def shingles(text: str | None, n: int = NGRAM) -> Counter[tuple[str, ...]]:
    """Multiset of token n-grams. Fewer than ``n`` tokens give one short shingle (as upstream),
    no tokens give none."""
    tokens = tokenize(text)
    if len(tokens) < n:
        return Counter([tuple(tokens)] if tokens else [])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


@dataclass(frozen=True, slots=True)
class PageCounts:
    """One page's shingle TP/FP/FN, scaled to sum to 1 (all 0 when both texts are empty)."""

    tp: float
    fp: float
    fn: float
    exact: bool
    """Token sequences of prediction and gold are identical."""

    @property
    def precision(self) -> float | None:
        """None when the page does not count towards mean precision (TP + FP = 0)."""
        if self.tp + self.fp <= 0:
            return None
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        """None when the page does not count towards mean recall (TP + FN = 0)."""
        if self.tp + self.fn <= 0:
            return None
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        """Per-page F1, only for ranking the worst pages (the benchmark F1 is not a mean of
        these). A page without precision (nothing predicted) scores 0."""
        p, r = self.precision, self.recall
        if not p or not r:
            return 0.0
        return 2 * p * r / (p + r)


def page_counts(pred: str | None, gold: str | None) -> PageCounts:
    """Compare one predicted body with its gold body."""
    p, g = shingles(pred), shingles(gold)
    tp = float(sum((p & g).values()))
    fp = float(sum((p - g).values()))
    fn = float(sum((g - p).values()))
    total = tp + fp + fn
    if total > 0:
        tp, fp, fn = tp / total, fp / total, fn / total
    return PageCounts(tp, fp, fn, exact=tokenize(pred) == tokenize(gold))


@dataclass(frozen=True, slots=True)
class Scores:
    f1: float
    precision: float
    recall: float
    accuracy: float
    f1_std: float
    precision_std: float
    recall_std: float
    n: int
    accuracy_std: float = 0.0


def _mean_or_zero(values: Iterable[float | None]) -> float:
    # Upstream crashes on an empty mean; a resample (or a --limit run) where no page has a
    # defined precision is better reported as 0 than as an exception.
    kept = [v for v in values if v is not None]
    return statistics.fmean(kept) if kept else 0.0


def point_scores(pages: Sequence[PageCounts]) -> tuple[float, float, float, float]:
    """(F1, precision, recall, accuracy) of a set of pages, as the benchmark defines them."""
    precision = _mean_or_zero(c.precision for c in pages)
    recall = _mean_or_zero(c.recall for c in pages)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    accuracy = statistics.fmean(c.exact for c in pages) if pages else 0.0
    return f1, precision, recall, accuracy


def score_pages(
    pages: Sequence[PageCounts], *, n_bootstrap: int = N_BOOTSTRAP, seed: int = SEED
) -> Scores:
    """Benchmark scores from per-page counts, with bootstrap standard deviations."""
    f1, precision, recall, accuracy = point_scores(pages)
    n = len(pages)
    samples: list[tuple[float, float, float, float]] = []
    if n:
        rng = random.Random(seed)
        for _ in range(n_bootstrap):
            samples.append(point_scores([pages[rng.randrange(n)] for _ in range(n)]))

    def std(i: int) -> float:
        return statistics.stdev(s[i] for s in samples) if len(samples) > 1 else 0.0

    return Scores(
        f1=f1,
        precision=precision,
        recall=recall,
        accuracy=accuracy,
        f1_std=std(0),
        precision_std=std(1),
        recall_std=std(2),
        n=n,
        accuracy_std=std(3),
    )


def score(
    predictions: Mapping[str, str | None],
    gold: Mapping[str, str],
    *,
    n_bootstrap: int = N_BOOTSTRAP,
    seed: int = SEED,
) -> Scores:
    """Score predicted bodies against gold bodies, both keyed by page id.

    Like upstream, the two key sets must be equal: a missing prediction is an error in the
    caller, not an empty extraction (pass ``""`` for that).
    """
    if predictions.keys() != gold.keys():
        missing = len(gold.keys() - predictions.keys())
        extra = len(predictions.keys() - gold.keys())
        raise ValueError(
            f"prediction ids do not match gold ids ({missing} missing, {extra} extra); "
            "pass '' for pages where extraction produced nothing"
        )
    pages = [page_counts(predictions[key], gold[key]) for key in gold]
    return score_pages(pages, n_bootstrap=n_bootstrap, seed=seed)


# --- benchmark folder ------------------------------------------------------------------------


def load_gold(folder: Path) -> dict[str, dict[str, str]]:
    """``{id: {"articleBody": ..., "url": ...}}`` from ``folder/ground-truth.json``."""
    path = Path(folder) / "ground-truth.json"
    if not path.is_file():
        raise UsageError(
            f"no ground-truth.json in {folder}",
            hint="point at the article-extraction benchmark folder, e.g. "
            "../shared/data/article-extraction",
        )
    return json.loads(path.read_text(encoding="utf-8"))


def load_reference(folder: Path, name: str) -> tuple[dict[str, str], str]:
    """A reference extractor's bodies and version from ``folder/reference-outputs``.

    Two of the files wrap the predictions as ``{"version": ..., "output": {...}}``, two are
    bare dicts; both shapes are accepted. Missing version → ``""``.
    """
    path = Path(folder) / "reference-outputs" / f"{name}.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    version = ""
    if isinstance(data, dict) and set(data) == {"version", "output"}:
        version = str(data.get("version") or "")
        data = data["output"]
    return {key: (value or {}).get("articleBody") or "" for key, value in data.items()}, version


Extractor = Callable[..., Any]
"""Called as ``extractor(html, url=url)``; returns the body as ``str`` or an object with a
``text`` attribute (such as ``Extracted``); may raise ``InputRejected`` (scored as empty)."""


def _default_extractor() -> Extractor:
    from newstrail.ingest.html import extract_html

    return extract_html


def evaluate(
    folder: Path,
    *,
    extractor: Extractor | None = None,
    limit: int | None = None,
    worst: int = 10,
) -> dict[str, Any]:
    """Run ``extractor`` (default: newstrail's ``extract_html``) over ``folder/html/*.html.gz``.

    Pages are taken in id order (``limit`` keeps the first N). Returns a JSON-ready dict:
    ``scores`` (:class:`Scores` as a dict), ``halves`` (scores on the first and second half of
    the ids, to check that a change helps both), ``worst`` (lowest per-page F1),
    ``rejected`` (ids where the extractor raised ``InputRejected``), ``extractors`` (how often
    each ``Extracted.extractor`` label occurred), ``seconds`` and ``pages_per_second``
    (extraction only, excluding reading and scoring), and ``references`` (the reference
    extractors scored with the same metric on the same pages).
    """
    folder = Path(folder)
    run = extractor or _default_extractor()
    gold_all = load_gold(folder)
    ids = sorted(gold_all)
    if limit is not None:
        ids = ids[: max(0, limit)]
    if not ids:
        raise UsageError(f"no pages to evaluate in {folder}", hint="check --limit")

    predictions: dict[str, str] = {}
    labels: Counter[str] = Counter()
    rejected: list[dict[str, str]] = []
    elapsed = 0.0
    for page_id in ids:
        html_path = folder / "html" / f"{page_id}.html.gz"
        # The benchmark pages are UTF-8; 'replace' keeps a damaged byte from failing a page.
        html = gzip.decompress(html_path.read_bytes()).decode("utf-8", errors="replace")
        url = gold_all[page_id].get("url")
        start = time.perf_counter()
        try:
            out = run(html, url=url)
        except InputRejected as exc:
            out = ""
            rejected.append({"id": page_id, "reason": exc.reason, "message": exc.message})
        elapsed += time.perf_counter() - start
        text = out if isinstance(out, str) else getattr(out, "text", "") or ""
        label = getattr(out, "extractor", None)
        labels[label if isinstance(label, str) else ("rejected" if not text else "-")] += 1
        predictions[page_id] = text

    gold = {page_id: gold_all[page_id].get("articleBody") or "" for page_id in ids}
    counts = {page_id: page_counts(predictions[page_id], gold[page_id]) for page_id in ids}
    pages = [counts[page_id] for page_id in ids]
    half = len(ids) // 2
    ranked = sorted(ids, key=lambda page_id: (counts[page_id].f1, page_id))

    references: dict[str, dict[str, Any]] = {}
    for name in REFERENCE_EXTRACTORS:
        try:
            ref, version = load_reference(folder, name)
        except FileNotFoundError:
            continue
        ref_scores = score({page_id: ref.get(page_id, "") for page_id in ids}, gold)
        references[name] = {"version": version, **asdict(ref_scores)}

    return {
        "folder": str(folder),
        "n": len(ids),
        "scores": asdict(score_pages(pages)),
        "halves": {
            "first": asdict(score_pages(pages[:half])),
            "second": asdict(score_pages(pages[half:])),
        },
        "worst": [
            {
                "id": page_id,
                "url": gold_all[page_id].get("url"),
                "f1": round(counts[page_id].f1, 4),
                "precision": counts[page_id].precision,
                "recall": counts[page_id].recall,
                "chars_predicted": len(predictions[page_id]),
                "chars_gold": len(gold[page_id]),
            }
            for page_id in ranked[: max(0, worst)]
        ],
        "rejected": rejected,
        "extractors": dict(labels.most_common()),
        "seconds": elapsed,
        "pages_per_second": len(ids) / elapsed if elapsed > 0 else float("inf"),
        "references": references,
    }


def _row(name: str, s: Mapping[str, Any]) -> str:
    return (
        f"{name:<24} {s['f1']:.3f} ± {s['f1_std']:.3f}  {s['precision']:.3f} ± "
        f"{s['precision_std']:.3f}  {s['recall']:.3f} ± {s['recall_std']:.3f}  "
        f"{s['accuracy']:.3f}"
    )


def format_report(result: Mapping[str, Any]) -> str:
    """A plain-text table: newstrail first, then the reference extractors on the same pages."""
    header = f"{'extractor':<24} {'F1':<13}  {'precision':<13}  {'recall':<13}  accuracy"
    lines = [
        f"article extraction: {result['n']} pages from {result['folder']}",
        "",
        header,
        "-" * len(header),
        _row("newstrail", result["scores"]),
    ]
    for name, ref in sorted(
        result.get("references", {}).items(), key=lambda item: -item[1]["f1"]
    ):
        label = f"{name} {ref['version']}".strip()
        lines.append(_row(label, ref))
    halves = result.get("halves", {})
    if halves:
        lines += ["", "newstrail on each half of the page ids (a real gain shows in both):"]
        lines += [_row(f"  {name} half", halves[name]) for name in ("first", "second")]
    lines += [
        "",
        f"speed: {result['pages_per_second']:.1f} pages/s "
        f"({result['seconds']:.1f} s of extraction)",
        "extractor used: "
        + ", ".join(f"{label} {count}" for label, count in result.get("extractors", {}).items()),
    ]
    if result.get("rejected"):
        lines.append(f"rejected: {len(result['rejected'])} pages (scored as empty)")
    if result.get("worst"):
        lines += ["", "worst pages (per-page F1, precision, recall):"]
        for page in result["worst"]:
            p = "-" if page["precision"] is None else f"{page['precision']:.2f}"
            r = "-" if page["recall"] is None else f"{page['recall']:.2f}"
            lines.append(f"  {page['f1']:.2f}  P {p}  R {r}  {page['id'][:12]}  {page['url']}")
    return "\n".join(lines)
