"""Where a found attribution's source and content begin and end.

The rules in :mod:`newstrail.nlp.attribution` decide *that* a sentence holds an attribution
and which tokens play which role; this module decides the exact edges of the source and
content spans (appositions, relative clauses, trailing "he said", leading "that", ...).
It is its own stage step so that the edge conventions can be learned and measured apart
from detection (``newstrail eval attribution``: the exact vs overlap rows).

For now both steps keep the rules' edges unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def source(doc: Doc, kind: str, cue: Sequence[Token], toks: list[Token]) -> list[Token]:
    """The source tokens of an attribution found by rule ``kind`` with cue ``cue``."""
    return toks


def content(doc: Doc, kind: str, cue: Sequence[Token], source_toks: Sequence[Token] | None,
            start: int, end: int) -> tuple[int, int]:
    """The content's character span ``[start, end)`` of an attribution."""
    return start, end
