"""One raw input -> one clean Document (or InputRejected).

Steps: decode bytes; extract the article (HTML) or read the text; fix
mojibake and invisible characters; remove site debris (general rules, then
lines learned from the outlet's other documents); then title, outlet,
publication date (metadata first, else inferred from the text), language and
content hash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from newstrail.errors import InputRejected
from newstrail.ingest import debris
from newstrail.ingest.dating import infer_published, mentioned_dates, normalize_date
from newstrail.ingest.encoding import decode
from newstrail.ingest.html import extract_html
from newstrail.ingest.language import detect
from newstrail.ingest.normalize import clean_whitespace, content_hash
from newstrail.ingest.outlet import outlet_from_url
from newstrail.models import Document, RawInput
from newstrail.settings import Settings

HTML_EXTRACTORS = ("trafilatura", "readability")

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
_HEADING = re.compile(r"^#{1,6}\s+")
_SENTENCE_END = re.compile(r"[.:;,]$")
_WORD = re.compile(r"\w+")
_BYLINE = re.compile(r"^(?:by|від|автор:?|author:?)\s+([^|·,\d]{3,80})$", re.I)


def build_document(raw: RawInput, *, settings: Settings) -> Document:
    """Everything that needs only the input itself (it runs in worker processes). Lines
    learned from the outlet's other documents are applied afterwards by :func:`apply_learned`,
    in the process that owns the store."""
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

    text = clean_whitespace(text)
    signature = debris.signature_outlet(text)
    cleaned = debris.clean_text(text)
    text = cleaned.text
    if cleaned.removed:
        meta["debris_removed"] = len(cleaned.removed)
    if extractor == "text":
        names = [n for n in (_first(meta.get("outlet")), signature) if n]
        head = _read_header(text, names, want_title=not title)
        text = head.text
        title = title or head.title
        author = author or head.author
        if not published and head.published:
            published, published_source = head.published, "dateline"

    # A reader wants the outlet's name ("Institute for Conflict Analysis"), not its host;
    # the host stays in meta["domain"] for grouping and for pages that name nothing.
    domain = outlet_from_url(url)
    if domain:
        meta["domain"] = domain
    outlet = (_first(meta.get("outlet")) or _site_name(sitename)
              or _first(meta.get("feed_title")) or signature or domain)
    if signature:
        meta["signature_outlet"] = signature
    if sitename:
        meta["sitename"] = sitename

    extracted = text
    _check_length(text, extractor, settings)

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


def apply_learned(doc: Document, lines: set[str], *, settings: Settings) -> Document:
    """Remove the outlet's learned debris lines from ``doc``; new text, hash and id if any
    line went. Date and language stay: they were read from the text with only furniture
    lines more, which does not change them."""
    if not lines:
        return doc
    text = debris.remove_learned(doc.extracted, lines).text
    if text == doc.text:
        return doc
    _check_length(text, doc.extractor, settings)
    digest = content_hash(text)
    return replace(doc, text=text, content_hash=digest, doc_id=digest[:16])


def _check_length(text: str, extractor: str, settings: Settings) -> None:
    minimum = settings.min_text_chars if extractor in HTML_EXTRACTORS else settings.min_post_chars
    if len(text) < minimum:
        raise InputRejected(
            "no-article",
            f"no article text found ({len(text)} characters after cleaning)",
            hint="is this a navigation, paywall or error page?",
        )


def _site_name(value: str | None) -> str | None:
    """A declared site name, unless it is a handle, a URL or a bare host."""
    if not value or value.startswith("@") or "://" in value or len(value) > 80:
        return None
    if re.fullmatch(r"(?:www\.)?[\w-]+(?:\.[\w-]+)+", value):
        return None
    return value


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


@dataclass(frozen=True, slots=True)
class _Header:
    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None


def _words(line: str) -> list[str]:
    return _WORD.findall(line.casefold())


def _is_masthead(line: str, names: list[str]) -> bool:
    """The outlet's name set as a masthead ("EASTERN WIRE", "UA News Digest — English
    edition" for the outlet "Eastern Wire Media" / "UA News Digest")."""
    words = _words(line)
    if not words:
        return False
    for name in names:
        name_words = _words(name)
        if not name_words or len(words) > len(name_words) + 2:
            continue
        if set(words) <= set(name_words) or set(name_words) <= set(words):
            return True
    return False


def _read_header(text: str, names: list[str], *, want_title: bool) -> _Header:
    """Headline, byline and dateline at the top of a plain-text copy.

    Written by hand: no library reads the header of a page saved as text. A copy
    usually opens with the masthead (the outlet's name), maybe a menu line, then
    the headline, then short byline and dateline lines. Masthead and headline
    come off the body; byline and dateline stay (they are short and harmless) but
    give the author and publication date. The headline is the first line that is
    short (at most 30 words), not a menu (three or more "|"), and does not end
    like a sentence; a body that opens with a sentence has no headline.
    """
    lines = text.split("\n")
    nonblank = [i for i, line in enumerate(lines) if line.strip()][:6]
    drop: list[int] = []
    title = None
    head_end = 0
    for i in nonblank[:4]:
        line = _HEADING.sub("", lines[i]).strip()
        if _is_masthead(line, names) or line.count("|") >= 3:
            drop.append(i)
            head_end = i + 1
            continue
        if (
            want_title
            and len(line.split()) <= 30
            and len(line) <= 250
            and not _SENTENCE_END.search(line)
            and any(j > i for j in nonblank)
        ):
            title = line
            drop.append(i)
            head_end = i + 1
        break
    if title is None:
        drop = []  # without a headline, a masthead guess is not worth a removed line
        head_end = 0
    author = published = None
    for i in [j for j in nonblank if j >= head_end][:3]:
        line = lines[i].strip()
        if len(line.split()) > 14:
            break
        m = _BYLINE.match(line)
        if m and not author:
            author = m.group(1).strip()
            continue
        found = mentioned_dates(line)
        if found and not published:
            published = found[0][0].isoformat()
    body = "\n".join(line for i, line in enumerate(lines) if i not in set(drop))
    return _Header(body.strip("\n"), title, author, published)
