"""Evaluate site-debris removal: debris taken out *and* article text kept.

Three measurements (``newstrail eval debris [--shared PATH]``):

1. ``fixtures``: invented news copies in ``tests/fixtures/debris/NAME.txt``
   with ``NAME.gold.txt`` holding exactly the article lines. Line-level debris
   recall, article-line recall (target 1.0) and precision of removal.
2. ``article_extraction``: the 181 pages of the Zyte benchmark in
   ``shared/data/article-extraction``, dumped to whole-page text (what "save as
   text" gives) and scored with the benchmark's 4-gram shingle metric against
   the gold body, before and after :func:`clean_text`. Debris removal should
   raise precision; recall must barely move, and pages where it falls by more
   than 0.01 are listed for inspection.
3. ``web_en``: whole-page rows of ``shared/data/ukraine-news/web-en-2026-02*``,
   scored against an extracted-markdown fetch of the same URL where one
   exists, and the learned-lines mechanism simulated per outlet.
   Two real-text probes complete it: ``article_only`` (Guardian/NYT article
   bodies: every removed line is a candidate false positive) and ``telegram``
   (Russian channel posts with promo lines).

Shared data is read in place and never copied; a missing folder gives a
``{"skipped": ...}`` entry instead of an error.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from newstrail.eval import DEFAULT_SHARED, REPO, iter_jsonl_gz
from newstrail.eval.extraction import PageCounts, page_counts, point_scores
from newstrail.ingest.debris import (
    clean_text,
    learnable_lines,
    line_hash,
    remove_learned,
)

__all__ = ["evaluate", "format_report", "page_text", "shingle_scores", "score_fixture"]

FIXTURES = REPO / "tests" / "fixtures" / "debris"
LEARN_MIN_DOCS = 3
RECALL_DROP_INSPECT = 0.01

# --------------------------------------------------------------------------
# 1. Fixtures: line-level scores
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FixtureScore:
    name: str
    article_lines: int
    article_kept: int
    debris_lines: int
    debris_removed: int
    lost: tuple[str, ...]
    """Article lines the cleaner removed (must stay empty)."""
    missed: tuple[str, ...]
    """Debris lines the cleaner kept."""


def _nonblank(text: str) -> list[str]:
    return [ln for ln in text.replace("\r\n", "\n").split("\n") if ln.strip()]


def _subsequence_flags(whole: Sequence[str], part: Sequence[str]) -> list[bool]:
    """Flags over ``whole``: True where a line of ``part`` was matched, in order.

    Raises ValueError when ``part`` is not a subsequence of ``whole`` (a gold
    file with a typo, or a cleaner that rewrote a line).
    """
    flags = [False] * len(whole)
    i = 0
    for line in part:
        while i < len(whole) and whole[i] != line:
            i += 1
        if i == len(whole):
            raise ValueError(f"line not found in order: {line!r}")
        flags[i] = True
        i += 1
    return flags


def score_fixture(name: str, text: str, gold: str) -> FixtureScore:
    lines = _nonblank(text)
    is_article = _subsequence_flags(lines, _nonblank(gold))
    kept = _subsequence_flags(lines, _nonblank(clean_text(text).text))
    pairs = list(zip(lines, is_article, kept, strict=True))
    return FixtureScore(
        name=name,
        article_lines=sum(is_article),
        article_kept=sum(a and k for _, a, k in pairs),
        debris_lines=sum(not a for a in is_article),
        debris_removed=sum(not a and not k for _, a, k in pairs),
        lost=tuple(ln for ln, a, k in pairs if a and not k),
        missed=tuple(ln for ln, a, k in pairs if not a and k),
    )


def iter_fixtures(folder: Path = FIXTURES) -> Iterator[tuple[str, str, str]]:
    """(name, text, gold) for every ``NAME.txt`` with a ``NAME.gold.txt`` beside it."""
    for path in sorted(folder.glob("*.txt")):
        if path.name.endswith(".gold.txt"):
            continue
        gold = path.with_name(path.stem + ".gold.txt")
        if gold.exists():
            yield path.stem, path.read_text("utf-8"), gold.read_text("utf-8")


def evaluate_fixtures(folder: Path = FIXTURES) -> dict:
    scores = [score_fixture(*f) for f in iter_fixtures(folder)]
    if not scores:
        return {"skipped": f"no fixtures in {folder}"}
    art = sum(s.article_lines for s in scores)
    kept = sum(s.article_kept for s in scores)
    debris = sum(s.debris_lines for s in scores)
    gone = sum(s.debris_removed for s in scores)
    removed = gone + (art - kept)
    return {
        "documents": len(scores),
        "article_lines": art,
        "debris_lines": debris,
        "article_recall": kept / art if art else 1.0,
        "debris_recall": gone / debris if debris else 1.0,
        "removal_precision": gone / removed if removed else 1.0,
        "lost": {s.name: list(s.lost) for s in scores if s.lost},
        "missed": {s.name: list(s.missed) for s in scores if s.missed},
    }


# --------------------------------------------------------------------------
# 4-gram shingle metric of the article-extraction benchmark: the one in
# newstrail.eval.extraction, on (tp, fp, fn) triples.
# --------------------------------------------------------------------------


def shingle_scores(gold: str, pred: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of one page."""
    c = page_counts(pred, gold)
    return c.tp, c.fp, c.fn


def _page_recall(tp: float, fp: float, fn: float) -> float | None:
    return PageCounts(tp, fp, fn, exact=False).recall


def _aggregate(triples: Sequence[tuple[float, float, float]]) -> dict[str, float]:
    f1, precision, recall, _ = point_scores([PageCounts(*t, exact=False) for t in triples])
    return {"precision": precision, "recall": recall, "f1": f1, "pages": len(triples)}


# --------------------------------------------------------------------------
# Whole-page text of an HTML page: what a browser's "save as text" gives
# --------------------------------------------------------------------------

_BLOCK_TAGS = frozenset((
    "address", "article", "aside", "blockquote", "body", "br", "button", "caption", "dd",
    "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "label", "legend", "li", "main", "nav",
    "ol", "option", "p", "pre", "section", "select", "summary", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul",
))
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_INVISIBLE = "//script|//style|//noscript|//template|//svg|//head|//iframe|//*[@hidden]"


def page_text(html: bytes | str) -> str:
    """Every text of ``<body>``, one line per block element, scripts and styles removed.

    Hidden elements (``hidden`` attribute) go too; CSS-hidden ones stay, as
    they would in a naive copy. Whitespace inside a line is folded. Bytes are
    read as UTF-8 (the benchmark's encoding).
    """
    import lxml.html  # only the evaluation needs an HTML parser

    if isinstance(html, bytes):
        # the benchmark pages are UTF-8; lxml would fall back to latin-1 without a <meta>
        html = html.decode("utf-8", errors="replace")
    html = _XML_DECLARATION.sub("", html, count=1)  # lxml refuses str with an encoding decl
    root = lxml.html.document_fromstring(html)
    for el in root.xpath(_INVISIBLE):
        el.drop_tree()
    body = root.find("body")
    if body is None:
        body = root
    for el in body.iter():
        if isinstance(el.tag, str) and el.tag in _BLOCK_TAGS:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
    lines = (" ".join(line.split()) for line in body.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def evaluate_article_extraction(folder: Path) -> dict:
    gold_path = folder / "ground-truth.json"
    if not gold_path.exists():
        return {"skipped": f"{gold_path} not found"}
    gold = json.loads(gold_path.read_text("utf-8"))
    before: list[tuple[float, float, float]] = []
    after: list[tuple[float, float, float]] = []
    drops: list[dict] = []
    reasons: Counter[str] = Counter()
    for key in sorted(gold):
        html = gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes())
        text = page_text(html)
        cleaned = clean_text(text)
        reasons.update(r.reason for r in cleaned.removed)
        body = gold[key].get("articleBody", "")
        b, a = shingle_scores(body, text), shingle_scores(body, cleaned.text)
        before.append(b)
        after.append(a)
        rb, ra = _page_recall(*b), _page_recall(*a)
        if rb is not None and ra is not None and rb - ra > RECALL_DROP_INSPECT:
            drops.append({"id": key, "url": gold[key].get("url"), "recall_before": rb,
                          "recall_after": ra})
    sb, sa = _aggregate(before), _aggregate(after)
    return {
        "before": sb,
        "after": sa,
        "recall_drop": sb["recall"] - sa["recall"],
        "pages_recall_drop_gt_0.01": sorted(drops, key=lambda d: d["recall_after"]),
        "removed_by_reason": dict(reasons.most_common()),
    }


# --------------------------------------------------------------------------
# 3. Real war-news rows: whole-page vs extracted fetches, learned lines
# --------------------------------------------------------------------------


def _norm_url(url: str | None) -> str:
    u = re.sub(r"^https?://", "", url or "")
    return re.sub(r"^(?:www|amp|m)\.", "", u).rstrip("/")


_LINKS_SECTION = re.compile(r"\n## Links\s*\n")


def _whole_page(row: dict) -> bool:
    return str(row.get("meta", {}).get("text_kind", "")).startswith("whole-page")


def learn_outlet_lines(
    docs: Iterable[tuple[str, str, str]], min_docs: int = LEARN_MIN_DOCS
) -> dict[str, set[str]]:
    """outlet -> hashes of learnable lines seen in >= ``min_docs`` distinct documents.

    ``docs`` are (outlet, document key, general-cleaned text). The key says
    which rows are the same document: several fetches of one URL count once,
    or the article's own lines would be "learned" from its refetches.
    """
    seen: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for outlet, key, text in docs:
        for line in learnable_lines(text):
            seen[outlet][line_hash(line)].add(key)
    return {
        outlet: {h for h, keys in hashes.items() if len(keys) >= min_docs}
        for outlet, hashes in seen.items()
    }


def evaluate_web_en(folder: Path) -> dict:
    main_path = folder / "web-en-2026-02.jsonl.gz"
    if not main_path.exists():
        return {"skipped": f"{main_path} not found"}
    rows = list(iter_jsonl_gz(main_path))
    variants_path = folder / "web-en-2026-02.fetch-variants.jsonl.gz"
    if variants_path.exists():
        rows += list(iter_jsonl_gz(variants_path))
    whole = [r for r in rows if _whole_page(r)]
    cleaned = {r["id"]: clean_text(r["text"]) for r in whole}
    learned = learn_outlet_lines(
        (r["outlet"], _norm_url(r["url"]), cleaned[r["id"]].text) for r in whole
    )
    after_learned = {
        r["id"]: remove_learned(cleaned[r["id"]].text, learned.get(r["outlet"], set()))
        for r in whole
    }

    # reference: an extracted-markdown fetch of the same page (variant_of links them)
    group: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        group[r.get("meta", {}).get("variant_of") or r["id"]].append(r)
    triples: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    pairs = []
    for members in group.values():
        refs = [r for r in members if not _whole_page(r)]
        if not refs:
            continue
        ref = max(refs, key=lambda r: len(r["text"]))["text"]
        for r in members:
            if not _whole_page(r):
                continue
            raw = _LINKS_SECTION.split(r["text"])[0]  # the fetcher's appended link dump
            general = clean_text(raw).text
            both = remove_learned(general, learned.get(r["outlet"], set())).text
            for stage, text in (("raw", raw), ("general", general), ("general+learned", both)):
                triples[stage].append(shingle_scores(ref, text))
            pairs.append(r["id"])
    reference = {stage: _aggregate(t) for stage, t in triples.items()}

    per_outlet: dict[str, dict] = {}
    for outlet in sorted({r["outlet"] for r in whole}):
        mine = [r for r in whole if r["outlet"] == outlet]
        urls = {_norm_url(r["url"]) for r in mine}
        removed_learned = [ln for r in mine for ln in after_learned[r["id"]].removed]
        if not learned.get(outlet) and len(urls) < LEARN_MIN_DOCS:
            continue
        per_outlet[outlet] = {
            "rows": len(mine),
            "urls": len(urls),
            "learned_hashes": len(learned.get(outlet, ())),
            "lines_removed_general": sum(len(cleaned[r["id"]].removed) for r in mine),
            "lines_removed_learned": len(removed_learned),
            "examples_learned": [
                ln for ln, _ in Counter(x.line for x in removed_learned).most_common(8)
            ],
        }
    n_lines = sum(len(_nonblank(r["text"])) for r in whole)
    return {
        "whole_page_rows": len(whole),
        "lines": n_lines,
        "removed_general": sum(len(c.removed) for c in cleaned.values()),
        "removed_learned": sum(len(c.removed) for c in after_learned.values()),
        "removed_by_reason": dict(
            Counter(x.reason for c in cleaned.values() for x in c.removed).most_common()
        ),
        "reference_pairs": len(pairs),
        "reference_urls": len({_norm_url(r["url"]) for r in rows if r["id"] in set(pairs)}),
        "reference": reference,
        "learned_by_outlet": per_outlet,
    }


def evaluate_article_only(folder: Path) -> dict:
    """Guardian/NYT bodies hold article text only: every removed line is suspect."""
    path = folder / "guardian-nyt-en-2022-07.jsonl.gz"
    if not path.exists():
        return {"skipped": f"{path} not found"}
    rows = list(iter_jsonl_gz(path))
    removed = [(r["id"], x.reason, x.line) for r in rows for x in clean_text(r["text"]).removed]
    return {
        "documents": len(rows),
        "lines": sum(len(_nonblank(r["text"])) for r in rows),
        "removed": len(removed),
        "removed_lines": [f"{reason}: {line[:160]}" for _, reason, line in removed],
    }


def evaluate_telegram(folder: Path) -> dict:
    """Russian channel posts: promo lines removed by general rules and by learning."""
    path = folder / "telegram-ru-2024-11-26_2024-12-03.jsonl.gz"
    if not path.exists():
        return {"skipped": f"{path} not found"}
    rows = list(iter_jsonl_gz(path))
    cleaned = {r["id"]: clean_text(r["text"]) for r in rows}
    learned = learn_outlet_lines((r["outlet"], r["id"], cleaned[r["id"]].text) for r in rows)
    after = {r["id"]: remove_learned(cleaned[r["id"]].text, learned[r["outlet"]]) for r in rows}
    general = Counter(x.line for c in cleaned.values() for x in c.removed)
    by_learning = Counter(x.line for c in after.values() for x in c.removed)
    emptied = sum(1 for r in rows if cleaned[r["id"]].text.strip() and not after[r["id"]].text)
    return {
        "posts": len(rows),
        "lines": sum(len(_nonblank(r["text"])) for r in rows),
        "removed_general": sum(general.values()),
        "removed_learned": sum(by_learning.values()),
        "posts_emptied_by_learning": emptied,
        "removed_by_reason": dict(
            Counter(x.reason for c in cleaned.values() for x in c.removed).most_common()
        ),
        "top_general": [f"{n}x {ln[:100]}" for ln, n in general.most_common(12)],
        "top_learned": [f"{n}x {ln[:100]}" for ln, n in by_learning.most_common(12)],
    }


# --------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------


def evaluate(shared: Path | None = None, *, fixtures: Path = FIXTURES) -> dict:
    """Run every measurement; ``shared`` defaults to ``../shared/data`` beside the repo."""
    shared = DEFAULT_SHARED if shared is None else Path(shared)
    result: dict = {"fixtures": evaluate_fixtures(fixtures)}
    if not shared.is_dir():
        skipped = {"skipped": f"{shared} not found"}
        result.update(article_extraction=skipped, web_en=skipped, article_only=skipped,
                      telegram=skipped)
        return result
    result["article_extraction"] = evaluate_article_extraction(shared / "article-extraction")
    news = shared / "ukraine-news"
    result["web_en"] = evaluate_web_en(news)
    result["article_only"] = evaluate_article_only(news)
    result["telegram"] = evaluate_telegram(news)
    return result


def _prf(d: dict) -> str:
    return f"P={d['precision']:.3f} R={d['recall']:.3f} F1={d['f1']:.3f}"


def format_report(result: dict) -> str:
    out: list[str] = []
    fx = result.get("fixtures", {"skipped": "not run"})
    out.append("== fixtures (line level) ==")
    if "skipped" in fx:
        out.append(f"skipped: {fx['skipped']}")
    else:
        out.append(
            f"{fx['documents']} docs, {fx['article_lines']} article / {fx['debris_lines']} debris"
            f" lines: article kept {fx['article_recall']:.3f}, debris removed"
            f" {fx['debris_recall']:.3f}, removal precision {fx['removal_precision']:.3f}"
        )
        for name, lines in fx["lost"].items():
            out.extend(f"  LOST {name}: {ln}" for ln in lines)
        for name, lines in fx["missed"].items():
            out.extend(f"  missed {name}: {ln}" for ln in lines)

    ae = result.get("article_extraction", {"skipped": "not run"})
    out.append("== article-extraction benchmark (whole-page text vs gold body, 4-gram) ==")
    if "skipped" in ae:
        out.append(f"skipped: {ae['skipped']}")
    else:
        out.append(f"before: {_prf(ae['before'])}  ({ae['before']['pages']} pages)")
        out.append(f"after:  {_prf(ae['after'])}  recall drop {ae['recall_drop']:.4f}")
        out.append(f"removed lines by reason: {ae['removed_by_reason']}")
        for d in ae["pages_recall_drop_gt_0.01"]:
            out.append(
                f"  recall {d['recall_before']:.3f} -> {d['recall_after']:.3f}  {d['url']}"
            )

    we = result.get("web_en", {"skipped": "not run"})
    out.append("== ukraine-news web-en whole-page rows ==")
    if "skipped" in we:
        out.append(f"skipped: {we['skipped']}")
    else:
        out.append(
            f"{we['whole_page_rows']} rows, {we['lines']} lines: general rules removed"
            f" {we['removed_general']}, learned lines removed {we['removed_learned']} more"
        )
        out.append(f"removed by reason: {we['removed_by_reason']}")
        out.append(
            f"vs extracted-markdown reference ({we['reference_pairs']} fetches of"
            f" {we['reference_urls']} URL(s)):"
        )
        for stage, d in we["reference"].items():
            out.append(f"  {stage:<16} {_prf(d)}")
        for outlet, d in we["learned_by_outlet"].items():
            out.append(
                f"  {outlet}: {d['rows']} rows / {d['urls']} urls, {d['learned_hashes']} learned,"
                f" general -{d['lines_removed_general']}, learned -{d['lines_removed_learned']}"
            )
            out.extend(f"      e.g. {ln[:90]}" for ln in d["examples_learned"][:4])

    ao = result.get("article_only", {"skipped": "not run"})
    out.append("== Guardian/NYT article bodies (removals are suspects) ==")
    if "skipped" in ao:
        out.append(f"skipped: {ao['skipped']}")
    else:
        out.append(f"{ao['documents']} docs, {ao['lines']} lines, removed {ao['removed']}")
        out.extend(f"  {ln}" for ln in ao["removed_lines"])

    tg = result.get("telegram", {"skipped": "not run"})
    out.append("== Telegram ru posts ==")
    if "skipped" in tg:
        out.append(f"skipped: {tg['skipped']}")
    else:
        out.append(
            f"{tg['posts']} posts, {tg['lines']} lines: general -{tg['removed_general']},"
            f" learned -{tg['removed_learned']}, posts emptied by learning"
            f" {tg['posts_emptied_by_learning']}"
        )
        out.append(f"removed by reason: {tg['removed_by_reason']}")
        out.extend(f"  general {ln}" for ln in tg["top_general"])
        out.extend(f"  learned {ln}" for ln in tg["top_learned"])
    return "\n".join(out)
