"""One raw input -> one clean Document (or InputRejected).

Steps: decode bytes; extract the article (HTML) or read the text; fix
mojibake and invisible characters; remove site debris (general rules, then
lines learned from the outlet's other documents); then title, outlet,
publication date (metadata first, else inferred from the text), language and
content hash.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from newstrail.errors import InputRejected
from newstrail.ingest import debris
from newstrail.ingest.dating import infer_published, normalize_date
from newstrail.ingest.encoding import decode
from newstrail.ingest.html import extract_html
from newstrail.ingest.language import detect
from newstrail.ingest.normalize import clean_whitespace, content_hash
from newstrail.ingest.outlet import outlet_from_url
from newstrail.models import Document, RawInput
from newstrail.settings import Settings

LearnedLines = Callable[[str], set[str]]
"""outlet -> line hashes learned as that outlet's debris."""

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
_HEADING = re.compile(r"^#{1,6}\s+")
_SENTENCE_END = re.compile(r"[.:;,]$")


def build_document(raw: RawInput, *, settings: Settings, learned: LearnedLines | None = None
                   ) -> Document:
    meta: dict[str, Any] = dict(raw.meta)
    title = _first(meta.get("title"))
    author = _first(meta.get("author"))
    url = raw.url or _first(meta.get("url"))
    published = normalize_date(meta.get("published"))
    published_source = "record" if published else None
    lang = _first(meta.get("lang"))
    sitename = None
    extractor = "text"

    if raw.media_type == "text/html" and raw.kind != "feed-entry":
        html, encoding = decode(raw.data, raw.declared_encoding)
        meta["encoding"] = encoding
        got = extract_html(html, url=url)
        text = got.text
        title = title or got.title
        author = author or got.author
        url = url or got.url
        sitename = got.sitename
        extractor = got.extractor
        if not published and got.date:
            published, published_source = normalize_date(got.date), "metadata"
        if got.lang:
            meta["declared_lang"] = got.lang
        if got.description:
            meta.setdefault("description", got.description)
    elif raw.text is not None:
        text = raw.text
        extractor = "feed" if raw.kind == "feed-entry" else "record"
    else:
        text, encoding = decode(raw.data, raw.declared_encoding)
        meta["encoding"] = encoding
        text, front = _front_matter(text)
        if front:
            meta["front_matter"] = front
            title = title or front.get("title")
            url = url or front.get("url") or front.get("source")
            if not published and front.get("date"):
                published, published_source = normalize_date(front.get("date")), "front-matter"
        if not title:
            title, text = _title_line(text)

    text = clean_whitespace(text)
    signature = debris.signature_outlet(text)
    cleaned = debris.clean_text(text)
    text = cleaned.text
    if cleaned.removed:
        meta["debris_removed"] = len(cleaned.removed)

    outlet = (_first(meta.get("outlet")) or outlet_from_url(url) or sitename
              or _first(meta.get("feed_title")) or signature)
    if signature:
        meta["signature_outlet"] = signature
    if sitename:
        meta["sitename"] = sitename

    extracted = text
    if outlet and learned is not None:
        lines = learned(outlet)
        if lines:
            text = debris.remove_learned(text, lines).text

    if len(text) < settings.min_text_chars:
        raise InputRejected(
            "no-article",
            f"no article text found ({len(text)} characters after cleaning)",
            hint="is this a navigation, paywall or error page?",
        )

    inferred = False
    if not published:
        reference = _reference_date(raw, meta)
        published = infer_published(text, reference=reference)
        if published:
            inferred, published_source = True, "text"
    if published_source:
        meta["published_source"] = published_source

    if not lang:
        lang, prob = detect(text)
        meta["lang_prob"] = round(prob, 3)

    digest = content_hash(text)
    return Document(
        doc_id=digest[:16],
        content_hash=digest,
        input_id=raw.input_id,
        text=text,
        extracted=extracted,
        url=url,
        outlet=outlet,
        title=clean_whitespace(title) if title else None,
        author=author,
        published=published,
        published_inferred=inferred,
        lang=lang,
        extractor=extractor,
        meta=meta,
    )


def _first(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if value in (None, ""):
        return None
    return str(value).strip() or None


def _reference_date(raw: RawInput, meta: dict[str, Any]) -> date:
    """The latest day the document can have been published: when it was obtained."""
    for value in (raw.fetched_at, _first(meta.get("date_upper_bound"))):
        iso = normalize_date(value) if value else None
        if iso:
            return date.fromisoformat(iso[:10])
    return datetime.now(UTC).date()


def _front_matter(text: str) -> tuple[str, dict[str, str]]:
    """Split simple ``key: value`` YAML front matter off a Markdown file."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return text, {}
    fields: dict[str, str] = {}
    for line in m.group(1).splitlines():
        if ":" in line and not line.startswith((" ", "\t", "-")):
            key, _, value = line.partition(":")
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return text[m.end():], fields


def _title_line(text: str) -> tuple[str | None, str]:
    """A plain-text copy usually starts with the headline: take it off the body.

    The first non-empty line is a headline when it is short (at most 30 words),
    does not end like a sentence fragment (., :, ;) and is followed by more text.
    """
    stripped = text.lstrip()
    first, _, rest = stripped.partition("\n")
    candidate = _HEADING.sub("", first).strip()
    if (
        candidate
        and rest.strip()
        and len(candidate.split()) <= 30
        and len(candidate) <= 250
        and not _SENTENCE_END.search(candidate)
    ):
        return candidate, rest
    return None, text
