"""Markdown emphasis left in a document's text, trimmed from the edges of claim spans.

Telegram exports and some extracted pages keep markdown bold (``**...**``): 1,805 of the
3,816 Russian posts of ukraine-news and 45 English pages. The claims' spans are offsets into
the stored text, so markers inside a span stay; at a span's edges they are trimmed
(``**Russia`` → ``Russia``), and a source that starts with the end of a bold heading
(``Deception.**Kremlin officials``) or of a sentence with its footnote number
(``... naval vessels.17 Early 2024 reports``) starts after it.
"""

from __future__ import annotations

import dataclasses
import re

from newstrail.models import Claim, Span

_EDGE = "*_ \t\n"
# the end of the sentence before, glued to the source: a bold heading's "Deception.**", a
# footnote number after the full stop ("naval vessels.17 Early 2024 reports ...": the
# sentence splitter sees no sentence end there)
_HEADING_END = re.compile(r"[.!?:]\*+\s*|(?<=[a-z])[.!?]\d{1,3}\s+(?=[A-Z“\"])")


# a live blog's entry stamp ("3 Jul 2022 22.53 Britain will host ..."): entries run on in one
# paragraph in extracted text, so a content may start with one or run into the next entry
ENTRY_STAMP = re.compile(r"\d{1,2} [A-Z][a-z]{2} \d{4} \d{1,2}[.:]\d{2}\s+")
_LEAD_STAMP = re.compile(rf"(?:(?:From|Updated|Posted)\s+)?{ENTRY_STAMP.pattern}")


def _entry(span: Span, text: str) -> Span:
    """``span`` without a leading entry stamp and cut before the next entry's stamp."""
    start, end = span.start, span.end
    # the stamp, or a live blog's "From" before it ("From 26 Jul 2022 21.35 Zelenskiy ...")
    m = _LEAD_STAMP.match(text, start, end)
    if m and m.end() < end:
        start = m.end()
    nxt = ENTRY_STAMP.search(text, start + 1, end)
    if nxt is not None and text[nxt.start() - 1].isspace():
        end = nxt.start()
        while end > start and text[end - 1].isspace():
            end -= 1
    return _cut(span, text, start, end)


def _cut(span: Span, text: str, start: int, end: int) -> Span:
    """``span`` narrowed to [start, end) (itself when unchanged or when nothing is left)."""
    if end <= start or (start, end) == (span.start, span.end):
        return span
    return Span(start, end, text[start:end])


def _trim(span: Span, text: str, *, heading: bool = False) -> Span:
    start, end = span.start, span.end
    if heading:
        for m in _HEADING_END.finditer(text, start, end):
            if m.end() < end:
                start = m.end()
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return _cut(span, text, start, end)


def trim(claims: list[Claim], text: str) -> list[Claim]:
    """``claims`` (of one document, ``text``) with markdown markers trimmed from their
    sources' and contents' edges, each source cut after the end of a sentence glued to it,
    each content kept to one live-blog entry."""
    marked = "*" in text or "_" in text  # once per document, not per claim
    out = []
    for claim in claims:
        source = _trim(claim.source, text, heading=True) if claim.source is not None else None
        content = _trim(claim.content, text) if marked else claim.content
        content = _entry(content, text)
        if source is not claim.source or content is not claim.content:
            claim = dataclasses.replace(claim, source=source, content=content)
        out.append(claim)
    return out
