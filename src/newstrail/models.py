"""Typed records that flow between stages.

Ingest: readers yield :class:`RawInput` (or :class:`Reject` when a container
itself is broken); extraction turns a RawInput into a :class:`Document` plus a
:class:`Sighting` (where and when it was seen), or a :class:`Reject`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

InputKind = Literal["html", "text", "record", "feed-entry", "warc-record", "url"]


@dataclass(frozen=True, slots=True)
class RawInput:
    """One would-be document, exactly as the user gave it."""

    source: str
    """The container: absolute path of a file, or a URL."""
    record_key: str
    """Where inside the container ('' for a whole file; 'offset:N' in a WARC; a record id)."""
    input_id: str
    """How the user names it: path relative to the argument, a record's id, a URL."""
    kind: InputKind
    data: bytes = b""
    """Raw bytes (HTML or text); empty for records that carry decoded text."""
    media_type: str = "text/plain"
    """'text/html' or 'text/plain'."""
    text: str | None = None
    """Already-decoded content (JSON/CSV records, feed entries)."""
    url: str | None = None
    fetched_at: str | None = None
    warc_offset: int | None = None
    declared_encoding: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    """Metadata supplied with the input (record keys, feed fields, HTTP headers)."""


@dataclass(frozen=True, slots=True)
class Reject:
    """An input that could not become a document, with a stable reason code."""

    source: str
    record_key: str
    input_id: str
    kind: str
    reason: str
    message: str
    data: bytes = b""


@dataclass(frozen=True, slots=True)
class Document:
    doc_id: str
    content_hash: str
    input_id: str
    text: str
    extracted: str
    """Text after extraction and general debris rules, before corpus-learned lines."""
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None
    published_inferred: bool = False
    lang: str | None = None
    extractor: str = ""
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Sighting:
    """One place and time a document was seen."""

    doc_id: str
    source: str
    record_key: str
    input_id: str
    kind: str
    raw_id: str
    url: str | None = None
    warc_offset: int | None = None
    fetched_at: str | None = None
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None
    published_inferred: bool = False


# --- analysis stages (``newstrail process``) ----------------------------------------------
# Offsets are characters into ``Document.text`` (the text ``newstrail docs --json`` prints).


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Claim:
    """One attribution: who (source) said (cue) what (content), as found by the claims stage.

    ``parent`` is the index, within the same document's list, of the claim whose content
    holds this one (a nested attribution), or None for an outermost claim.
    """

    doc_id: str
    cue: Span
    content: Span
    source: Span | None = None
    parent: int | None = None
    stance: str = "reported"
    hedge_cues: tuple[str, ...] = ()
    hedge_band: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    """Dates, quantities, chain and whatever else the claims stage attaches."""


@dataclass(frozen=True, slots=True)
class Mention:
    """A name in a document (from NER, the gazetteer ruler or a claim's source) that the
    entities stage links to a canonical entity."""

    doc_id: str
    start: int
    end: int
    text: str
    label: str
    """spaCy-style label as found (PERSON, ORG, GPE, LOC, NORP, FAC, ...)."""
    origin: str = "ner"
    """Which finder produced it: ner, gazetteer, claim-source, echo, ..."""
    norm: str | None = None
    """The name to resolve when the text is an inflected form (Russian "под Авдеевкой" ->
    "Авдеевка"); None when the text itself is the name."""
