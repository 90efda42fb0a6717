"""Where a found attribution's source and content begin and end.

The rules in :mod:`newstrail.nlp.attribution` decide *that* a sentence holds an attribution
and which tokens play which role; this module decides the exact edges of the source and
content spans (appositions, relative clauses, trailing "he said", leading "that", ...).
It is its own stage step so that the edge conventions can be learned and measured apart
from detection (``newstrail eval attribution``: the exact vs overlap rows).

Source edges:

* a relative pronoun that is the subject of the cue ("officials, *who* said ...") is the
  source, as PolNeAR annotates it (a pronoun "he" is the source of "he said" too); the noun
  phrase it stands for, as the rules found it, goes to ``claim.extra["source_resolved"]``
  (``{"start", "end", "text"}``, character offsets into the document's text) by
  :func:`resolve_sources`, so that display, chains and entity linking can use the name.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from newstrail.models import Claim

REL_PRONOUNS = frozenset({"who", "which", "that", "whom"})
_RESOLVED_KEY = "newstrail_source_resolved"
"""``doc.user_data`` key: {pronoun char offset: [start, end] of its antecedent}, written by
:func:`source` and consumed (popped) by :func:`resolve_sources` on the same doc."""


def _relative_subject(cue: Sequence[Token]) -> Token | None:
    """The relative pronoun that is the subject of the cue's verb ("X, who said"), also
    through a conjunct ("X, who denied A and said B")."""
    for tok in cue:
        verb = tok
        for _ in range(3):
            if verb.dep_ == "relcl":
                subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
                if subj is not None and subj.lower_ in REL_PRONOUNS and subj.tag_ in {"WP", "WDT"}:
                    return subj
                return None
            if verb.dep_ != "conj" or verb.head.i == verb.i:
                break
            verb = verb.head
    return None


def source(doc: Doc, kind: str, cue: Sequence[Token], toks: list[Token]) -> list[Token]:
    """The source tokens of an attribution found by rule ``kind`` with cue ``cue``."""
    pron = _relative_subject(cue)
    if pron is not None and toks and pron.head.head.i in {t.i for t in toks} \
            and not any(t.i == pron.i for t in toks):
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        doc.user_data.setdefault(_RESOLVED_KEY, {})[str(pron.idx)] = [start, end]
        return [pron]
    return toks


def content(doc: Doc, kind: str, cue: Sequence[Token], source_toks: Sequence[Token] | None,
            start: int, end: int) -> tuple[int, int]:
    """The content's character span ``[start, end)`` of an attribution."""
    return start, end


def resolve_sources(doc: Doc, claims: list[Claim], text: str) -> list[Claim]:
    """Put the antecedent of a relative-pronoun source into ``extra["source_resolved"]``
    (``{"start", "end", "text"}``); claims whose source is not such a pronoun are unchanged."""
    resolved = doc.user_data.pop(_RESOLVED_KEY, None)
    if not resolved:
        return claims
    out = []
    for c in claims:
        got = resolved.get(str(c.source.start)) if c.source is not None else None
        if got is not None:
            s, e = got
            c = dataclasses.replace(
                c, extra={**c.extra, "source_resolved": {"start": s, "end": e, "text": text[s:e]}})
        out.append(c)
    return out
