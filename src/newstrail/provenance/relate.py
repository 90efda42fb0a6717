"""Does one document derive from another, how, and which way round?

A pair of candidates (found through the index) is judged on the exact shingle sets,
the fingerprints and the explicit citations of both:

- ``verbatim-copy``: the texts are nearly the same (Jaccard >= ``copy_jaccard``, or each holds
  ``copy_containment`` of the other).
- ``summary``: the shorter text's shingles sit inside the longer one (containment >=
  ``summary_containment``): it condenses or excerpts it.
- ``translation``: other language, most fingerprints (figures, days, names, links) shared.
- ``citation``: the text names the other as its source (outlet plus the report's day, or its
  link), and the content supports it (a shared passage or fingerprints).

Two documents of one outlet on different days are never linked unless nearly identical (a
daily series repeats its own wording), nor two documents whose titles name different days.
Direction: an explicit citation first (the citing text is the child), then publication time,
then containment (the shorter, contained text is the child), then arrival order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from newstrail.provenance.citations import PLATFORMS
from newstrail.provenance.features import LEDE_WORDS, SHORT_WORDS, DocFeatures
from newstrail.provenance.shingles import overlap
from newstrail.settings import Settings


@dataclass(frozen=True, slots=True)
class Link:
    child: str
    parent: str
    relation: str
    score: float
    signals: dict[str, Any] = field(default_factory=dict)


def cites(a: DocFeatures, b: DocFeatures) -> str | None:
    """How ``a`` cites ``b`` ('link', 'source+day', 'source'), or None."""
    for c in a.citations:
        if c.url and b.url and _same_url(c.url, b.url):
            return "link"
    for c in a.citations:
        if set(c.keys) & b.outlet_keys and c.day and b.day and _day_matches(c.day, b.day):
            return "source+day"
    for c in a.citations:
        if set(c.keys) & b.outlet_keys and not (set(c.keys) & a.outlet_keys):
            return "source"  # a day near the citation may be the event's, not the report's
    return None


def judge(a: DocFeatures, b: DocFeatures, settings: Settings) -> Link | None:
    """The link between ``a`` (new) and ``b`` (already placed), or None."""
    p = settings
    short = min(a.n_words, b.n_words) < SHORT_WORDS
    sa, sb = (a.lede, b.lede) if short else (a.shingles, b.shingles)
    if short and max(a.n_words, b.n_words) > LEDE_WORDS:
        # a flash against a long text: is the flash inside the long text's lede?
        sa, sb = (a.lede, b.lede)
    shared = overlap(sa, sb)
    na, nb = len(sa), len(sb)
    min_shared = max(3, p.provenance_min_shared // 2) if short else p.provenance_min_shared
    jac = shared / (na + nb - shared) if na + nb - shared else 0.0
    ca = shared / na if na else 0.0
    cb = shared / nb if nb else 0.0
    cite_ab, cite_ba = cites(a, b), cites(b, a)
    signals: dict[str, Any] = {"jaccard": round(jac, 3), "containment": round(max(ca, cb), 3),
                               "shared_shingles": shared}
    if jac < p.provenance_copy_jaccard_series:
        if a.outlet_keys & b.outlet_keys and a.day and b.day and a.day != b.day:
            return None  # one outlet's daily series: shared template, different reports
        if a.url and b.url and _host(a.url) == _host(b.url) and not _same_url(a.url, b.url):
            return None  # two pages of one site share its menus and lists, not a report
        if a.report_day and b.report_day and a.report_day != b.report_day:
            return None  # titles name different days
        if short and _days_apart(a, b) > 1 and not (cite_ab or cite_ba):
            # flashes days apart that share a phrase are two pieces of news on one subject
            # ("the Federation Council approved the 2025 budget" / "Putin signed it"): a
            # channel copies a flash within hours, not days later (a citation may come later)
            return None
    # lexical: copies
    ratio = min(na, nb) / max(na, nb) if na and nb else 0.0
    words_ratio = min(a.n_words, b.n_words) / max(a.n_words, b.n_words, 1)
    # retouched copies: a post reworded here and there keeps its length; so does a long text
    # edited in places (each keeps most of the other's shingles); a summary is shorter
    retouched = shared >= min_shared and (
        (short and max(ca, cb) >= 0.5 and words_ratio >= 0.6)
        or (words_ratio >= 0.8 and min(ca, cb) >= 0.6))
    if (retouched or jac >= p.provenance_copy_jaccard or min(ca, cb) >= p.provenance_copy_containment
            or (max(ca, cb) >= (p.provenance_copy_containment_short if short
                                else p.provenance_copy_containment) and ratio >= 0.5)):
        child, parent = _direction(a, b, cite_ab, cite_ba, cb, ca)  # tie: the plainer text is the origin
        return Link(child.doc_id, parent.doc_id, "verbatim-copy", round(jac, 3), signals)
    fa, fb = a.fp_keys, b.fp_keys
    common = fa & fb
    fp_cov = len(common) / min(len(fa), len(fb)) if fa and fb else 0.0
    strong = sum(1 for k in common if not k.startswith("e:") or len(k) >= 6)
    signals.update(fingerprints_shared=len(common), fingerprint_overlap=round(fp_cov, 3))
    # summaries: excerpts (the shorter text's shingles inside the longer one), or condensed
    # retellings in the same language that keep most of the figures, days and names and
    # share passages or name their source
    excerpt = max(ca, cb) >= p.provenance_summary_containment and shared >= min_shared
    repeated = max(_times_cited(a, b), _times_cited(b, a))
    condensed = (strong >= 3 and len(common) >= p.provenance_translation_min_shared
                 and shared >= min_shared
                 and (cite_ab or cite_ba or max(ca, cb) >= p.provenance_summary_containment / 2)
                 and (fp_cov >= p.provenance_summary_overlap
                      or (fp_cov >= p.provenance_translation_overlap and repeated >= 3))
                 and (not a.lang or not b.lang or a.lang == b.lang))
    if excerpt and a.url and b.url and _same_url(a.url, b.url):
        # two fetches of one page (with and without the site's menus): the same publication
        child, parent = _direction(a, b, cite_ab, cite_ba, cb, ca)
        return Link(child.doc_id, parent.doc_id, "verbatim-copy", round(max(ca, cb), 3), signals)
    if condensed and not any(not k.startswith("e:") for k in common):
        # names alone (who met whom, where) are shared by all reporting of one event; a
        # condensed retelling also keeps a figure, a day or a link of its origin
        condensed = False
    if excerpt or condensed:
        child, parent = _direction(a, b, cite_ab, cite_ba, ca, cb)
        if (excerpt and not (cite_ab or cite_ba) and parent.n_words < SHORT_WORDS
                and child.n_words > 2.2 * parent.n_words):
            # a later, much longer text that holds an earlier flash whole adds reporting of
            # its own: both quote one statement (a press conference), neither condenses the
            # other, so they are not linked (unless the longer one cites the flash)
            excerpt = False
            if not condensed:
                return None
        if not excerpt:
            child, parent = (a, b) if len(fa) <= len(fb) else (b, a)
            if (cite_ab and not cite_ba) or _later(a, b):
                child, parent = a, b
            elif (cite_ba and not cite_ab) or _later(b, a):
                child, parent = b, a
        if excerpt and parent.n_words <= child.n_words <= 2.2 * parent.n_words:
            # the later text holds its parent and is somewhat longer: a copy with additions
            # (a channel's comment, a signature, a reprint's credit line), not a summary,
            # which is shorter; a text more than 2.2 times longer adds reporting of its own
            return Link(child.doc_id, parent.doc_id, "verbatim-copy", round(max(ca, cb), 3),
                        signals)
        return Link(child.doc_id, parent.doc_id, "summary",
                    round(max(ca, cb) if excerpt else fp_cov, 3), signals)
    # translations: another language, most fingerprints shared, and the source named or
    # nearly all fingerprints shared (another-language reporting of the same events shares
    # some figures and names, not most of them)
    cited = bool(cite_ab or cite_ba)
    if (a.lang and b.lang and a.lang != b.lang and strong >= (1 if cited else 3)
            and len(common) >= (3 if cited else p.provenance_translation_min_shared)
            and fp_cov >= p.provenance_translation_overlap
            and (cited or fp_cov >= p.provenance_translation_overlap_uncited)):
        child, parent = _direction(a, b, cite_ab, cite_ba, ca, cb)
        return Link(child.doc_id, parent.doc_id, "translation", round(fp_cov, 3), signals)
    # explicit citation, supported by content
    supported = shared >= 3 or len(common) >= p.provenance_citation_min_shared
    for citer, cited, how in ((a, b, cite_ab), (b, a, cite_ba)):
        if not how or _later(cited, citer):
            continue
        if len({c.key for c in citer.citations}) > p.provenance_citation_max_sources:
            continue  # a compilation of many sources (a daily assessment) is no one's citation
        if how == "source" and not (supported and _within(cited, citer, days=3)):
            continue  # "according to ISW" in passing: only with content that matches
        if how != "source" or supported:
            signals["cited"] = how
            # the report named with its day or link beats another report of the same source
            base = 0.5 if how == "source" else 0.7
            return Link(citer.doc_id, cited.doc_id, "citation",
                        round(base + 0.1 * len(common) / max(len(citer.fp_keys), 1), 3), signals)
    return None


def _times_cited(a: DocFeatures, b: DocFeatures) -> int:
    """How often ``a`` names ``b``'s outlet as a source: a summary keeps naming it."""
    return sum(1 for c in a.citations if set(c.keys) & b.outlet_keys)


def _direction(a: DocFeatures, b: DocFeatures, cite_ab: str | None, cite_ba: str | None,
               ca: float, cb: float) -> tuple[DocFeatures, DocFeatures]:
    """(child, parent) of a pair: citation, then time, then containment ``ca`` of a in b vs
    ``cb``."""
    if cite_ab and not cite_ba:
        return a, b
    if cite_ba and not cite_ab:
        return b, a
    if _later(a, b):
        return a, b
    if _later(b, a):
        return b, a
    if abs(ca - cb) > 0.05:
        return (a, b) if ca > cb else (b, a)
    return a, b  # arrival order: the document already placed is the parent


def _later(x: DocFeatures, y: DocFeatures) -> bool:
    """Was ``x`` published after ``y``? Timestamps when both have one, else days."""
    if not x.published or not y.published:
        return False
    if "T" in x.published and "T" in y.published:
        return x.published > y.published
    return x.published[:10] > y.published[:10]


def _days_apart(x: DocFeatures, y: DocFeatures) -> int:
    """Whole days between the two publication days (0 when either is unknown)."""
    if not x.day or not y.day:
        return 0
    try:
        return abs((date.fromisoformat(x.day) - date.fromisoformat(y.day)).days)
    except ValueError:
        return 0


def _within(cited: DocFeatures, citer: DocFeatures, *, days: int) -> bool:
    if not cited.day or not citer.day:
        return True
    try:
        d0, d1 = date.fromisoformat(cited.day), date.fromisoformat(citer.day)
    except ValueError:
        return True
    return timedelta(0) <= d1 - d0 <= timedelta(days=days)


def _day_matches(month_day: str, day: str) -> bool:
    """A report 'for March 3' is published on March 3, or after midnight UTC on March 4."""
    try:
        d = date.fromisoformat(day)
    except ValueError:
        return False
    return month_day in (d.strftime("%m-%d"), (d - timedelta(days=1)).strftime("%m-%d"))


def _host(url: str) -> str:
    u = url.lower().split("://", 1)[-1]
    for prefix in ("www.", "amp.", "m."):
        u = u[len(prefix):] if u.startswith(prefix) else u
    parts = u.split("/")
    # on a platform (t.me, facebook.com, ...) the site is the channel, not the host
    return "/".join(parts[:2]) if parts[0] in PLATFORMS else parts[0]


def _same_url(a: str, b: str) -> bool:
    def norm(u: str) -> str:
        u = u.lower().split("#")[0].split("?")[0].rstrip("/.")
        for prefix in ("https://", "http://", "www."):
            u = u[len(prefix):] if u.startswith(prefix) else u
        return u
    return norm(a) == norm(b)
