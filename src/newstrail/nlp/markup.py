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
    if end <= start or (start, end) == (span.start, span.end):
        return span
    return Span(start, end, text[start:end])


def trim(claim: Claim, text: str) -> Claim:
    """``claim`` with markdown markers trimmed from its source's and content's edges, and its
    source cut after the end of a sentence glued to it."""
    source = _trim(claim.source, text, heading=True) if claim.source is not None else None
    marked = "*" in text or "_" in text
    content = _trim(claim.content, text) if marked else claim.content
    if source is claim.source and content is claim.content:
        return claim
    return dataclasses.replace(claim, source=source, content=content)
