"""RSS and Atom feeds: each entry becomes an input.

An entry that carries the full article (``content:encoded``, Atom
``content``, or a long summary) is ingested from the feed; one that carries
only a teaser is fetched from its link when fetching is allowed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import feedparser
import lxml.html

from newstrail.ingest.dating import normalize_date
from newstrail.models import RawInput, Reject

FULL_TEXT_MIN_WORDS = 120
"""An entry with fewer words than this is a teaser: the article is fetched from its link."""

_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
               "tr", "section", "article", "pre", "ul", "ol", "table", "figure", "figcaption"}


def looks_like_feed(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return bool(re.search(rb"<(rss|feed|rdf:rdf)[\s>]", head))


def fragment_text(html: str) -> str:
    """Text of an HTML fragment (a feed entry's body), one paragraph per block."""
    if not html.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", html).strip()
    for bad in root.xpath(".//script|.//style|.//noscript"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            el.tail = "\n\n" + (el.tail or "")
    text = root.text_content()
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def iter_feed(
    data: bytes, *, source: str, input_id: str, feed_url: str | None = None
) -> Iterator[RawInput | Reject]:
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        reason = parsed.get("bozo_exception") if parsed.get("bozo") else "no entries"
        yield Reject(source, "", input_id, "feed", "broken-feed",
                     f"feed has no readable entries ({reason})", data=data[:1_000_000])
        return
    feed = parsed.get("feed", {})
    feed_title = feed.get("title")
    for index, entry in enumerate(entries):
        link = entry.get("link")
        key = f"entry:{entry.get('id') or link or index}"
        entry_id = entry.get("id") or link or f"{input_id}#{index}"
        body = ""
        if entry.get("content"):
            body = max((c.get("value", "") for c in entry["content"]), key=len)
        summary = entry.get("summary", "")
        if len(summary) > len(body):
            body = summary
        published = normalize_date(entry.get("published_parsed") or entry.get("published")
                                   or entry.get("updated_parsed") or entry.get("updated"))
        meta = {
            "title": entry.get("title"),
            "published": published,
            "author": entry.get("author"),
            "feed_title": feed_title,
            "feed": feed_url or input_id,
            "tags": [t.get("term") for t in entry.get("tags", []) if t.get("term")],
        }
        text = fragment_text(body)
        if len(text.split()) >= FULL_TEXT_MIN_WORDS:
            yield RawInput(source=source, record_key=key, input_id=entry_id, kind="feed-entry",
                           data=body.encode("utf-8"), media_type="text/html", text=text,
                           url=link, meta=meta)
        elif link:
            # a teaser: the article itself is at the link
            yield RawInput(source=link, record_key="", input_id=link, kind="url", url=link,
                           meta={**meta, "teaser": text})
        else:
            yield Reject(source, key, entry_id, "feed-entry", "no-article",
                         "feed entry has neither full text nor a link")
