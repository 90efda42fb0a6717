"""HTML page -> article text and metadata.

trafilatura does the work (it scored best of the maintained Python extractors on the
article-extraction benchmark, see README "Accuracy"). We call ``bare_extraction`` once with
metadata, comments excluded (reader comments are not the article and would be attributed to
the outlet by later stages) and tables kept (casualty and equipment tables are article text).

A second opinion from readability-lxml is taken only when trafilatura's output looks cut
short: it returned nothing or far less text than the page's main paragraphs hold. The longer
of the two wins only when it is clearly longer *and* mostly made of the same kind of prose
(it must contain most of trafilatura's text), so boilerplate-heavy readability output never
replaces a good extraction. ``newstrail eval extraction`` measures the effect.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura
from lxml import html as lxml_html

from newstrail.errors import InputRejected

__all__ = ["Extracted", "extract_html"]

# Pages above this size are cut before parsing: a news article never needs 20 MB of markup
# and lxml on hostile, deeply nested input is the slowest part of ingest.
MAX_HTML_CHARS = 8_000_000

_WS = re.compile(r"[ \t\u00a0]+")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Extracted:
    """What one HTML page yields: the article text and whatever metadata the page declares."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None
    description: str | None = None
    lang: str | None = None
    extractor: str = "trafilatura"


def extract_html(html: str, *, url: str | None = None) -> Extracted:
    """Extract the article from one page; raise ``InputRejected("no-article")`` if none."""
    if not html or not html.strip():
        raise InputRejected("empty", "the page is empty", hint="was the download cut short?")
    html = html[:MAX_HTML_CHARS]
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            deduplicate=False,
            # Metadata and structured markup only: htmldate's extensive search guesses from
            # any year on the page ("recaptured in November 2022" -> 2022-01-01). The text
            # inference in dating.py is better at that and says when it inferred.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, TypeError, RecursionError, lxml_html.etree.LxmlError) as exc:
        # trafilatura lets some parser failures on malformed markup escape; readability may
        # still cope, so this is not yet a reject.
        doc, error = None, exc
    else:
        error = None

    text = _tidy(getattr(doc, "text", None) or "")
    meta = {
        "title": _meta(doc, "title"),
        "author": _meta(doc, "author"),
        "date": _meta(doc, "date"),
        "sitename": _meta(doc, "sitename"),
        "url": _meta(doc, "url") or url,
        "description": _meta(doc, "description"),
        "lang": _meta(doc, "language"),
    }
    extractor = "trafilatura"

    if _looks_short(text, html):
        second, second_title = _readability(html)
        if second and _better(second, text):
            text, extractor = second, "readability"
            meta["title"] = meta["title"] or second_title

    if not text.strip():
        detail = f" ({type(error).__name__}: {error})" if error else ""
        raise InputRejected(
            "no-article",
            f"no article text found in the page{detail}",
            hint="is this a navigation, paywall, consent or error page?",
        )
    return Extracted(text=text, extractor=extractor, **meta)


def _meta(doc: object, name: str) -> str | None:
    value = getattr(doc, name, None) if doc is not None else None
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value if v)
    value = str(value).strip() if value else ""
    return value or None


def _tidy(text: str) -> str:
    lines = (_WS.sub(" ", line).strip() for line in text.splitlines())
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def _paragraph_words(html: str) -> int:
    """Words in the page's substantial <p> elements: a cheap ceiling on the article length."""
    try:
        root = lxml_html.fromstring(html)
    except (ValueError, lxml_html.etree.ParserError):
        return 0
    total = 0
    for p in root.iter("p"):
        n = len(_WORD.findall(p.text_content()))
        if n >= 15:
            total += n
    return total


def _looks_short(text: str, html: str) -> bool:
    words = len(_WORD.findall(text))
    if words < 40:
        return True
    return words < 0.5 * _paragraph_words(html)


def _readability(html: str) -> tuple[str, str | None]:
    """readability-lxml's article text (block by block) and short title."""
    from readability import Document as ReadabilityDocument

    try:
        page = ReadabilityDocument(html)
        root = lxml_html.fromstring(page.summary(html_partial=True))
        title = page.short_title() or None
    except Exception:  # noqa: BLE001 - readability raises bare Exception subclasses of its own
        return "", None
    blocks = []
    for el in root.iter("p", "h1", "h2", "h3", "h4", "li", "blockquote", "pre", "td"):
        if el.getparent() is not None and el.getparent().tag in ("li", "blockquote"):
            continue
        line = _WS.sub(" ", el.text_content()).strip()
        if line:
            blocks.append(line)
    return _tidy("\n".join(blocks)), title


def _better(candidate: str, current: str) -> bool:
    """Take readability's text only if it is much longer and contains most of ours."""
    cand_words, cur_words = _WORD.findall(candidate), _WORD.findall(current)
    if len(cand_words) < 40 or len(cand_words) < 1.3 * max(1, len(cur_words)):
        return False
    if not cur_words:
        return True
    cand_set = set(cand_words)
    kept = sum(1 for w in cur_words if w in cand_set) / len(cur_words)
    return kept >= 0.8
