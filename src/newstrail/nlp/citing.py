"""Sources of sources: "Tass, citing a local official, reported that ...".

Wire copy names its own source with a participle: "Interfax, citing the defence ministry,
said", "the Kyiv Independent reported, citing the country's infrastructure ministry, that".
The parse gives "citing" an object, so the rules found a claim "Tass | citing | a local
official" whose content is a source. Here such a claim is dropped and its object becomes the
reporting claim's second link: ``extra["via"]`` (a span), which :func:`attribution.nest`
puts in the chain after the claim's own source (Tass → a local official). A "citing" whose
object is no speaker ("citing security concerns", "citing Moscow's invasion") stays the
claim it was: a reason given, which PolNeAR marks too.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from newstrail.models import Claim

CITE_LEMMAS = frozenset({"cite", "quote"})
_SPEAKER_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
SPEAKER_NOUNS = frozenset({
    "official", "officer", "ministry", "minister", "source", "spokesperson", "spokesman",
    "spokeswoman", "agency", "intelligence", "governor", "authority", "report", "statement",
    "media", "outlet", "newspaper", "channel", "blogger", "milblogger", "witness", "resident",
    "commander", "staff", "service", "police", "prosecutor", "administration", "government",
    "department", "office", "analyst", "expert", "diplomat", "envoy", "representative",
    "people", "person", "employee", "aide", "adviser", "advisor", "head", "chief", "mayor"})


def _speaker(obj: Token) -> bool:
    """Is the object of "citing" a speaker (an entity, or a noun for people or bodies)? Not
    "a Ukrainian defence minister's remarks": the remarks are what is said."""
    return obj.ent_type_ in _SPEAKER_ENTS or obj.lemma_.lower() in SPEAKER_NOUNS


def _cite_verb(doc: Doc, claim: Claim) -> Token | None:
    if claim.cue.text.lower() not in {"citing", "quoting"}:
        return None  # the participle of CITE_LEMMAS, before any look at the parse
    span = doc.char_span(claim.cue.start, claim.cue.end, alignment_mode="expand")
    if span is None or len(span) != 1 or span[0].lemma_.lower() not in CITE_LEMMAS:
        return None
    verb = span[0]
    if verb.tag_ != "VBG" or claim.extra.get("how") != "dobj":
        return None  # "The outlet cites that ...", "RIA cited X as saying": claims of their own
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or any(t.lower_ == "as" for t in [*verb.children, *obj.children]):
        return None  # "citing Boris Johnson as a prime example": an example, not a source
    return verb if _speaker(obj) else None


def attach(doc: Doc, claims: list[Claim]) -> list[Claim]:
    """``claims`` without the "citing <speaker>" claims, whose speaker becomes the ``via`` of
    the claim they hang on (the reporting verb, or the claim whose source they qualify)."""
    from newstrail.models import Span

    cites = [(k, verb) for k, c in enumerate(claims) if (verb := _cite_verb(doc, c))]
    if not cites:
        return claims  # most documents: no cue's tokens looked up
    drop: set[int] = set()
    via: dict[int, Span] = {}
    cues = []
    for c in claims:
        span = doc.char_span(c.cue.start, c.cue.end, alignment_mode="expand")
        cues.append({t.i for t in span} if span is not None else set())
    for k, verb in cites:
        c = claims[k]
        head = verb.head
        target = next((j for j, ids in enumerate(cues) if j != k and head.i in ids), None)
        if target is None and c.source is not None:
            # "Tass, citing X, said" (on the subject), "..., Tass reported, citing X" (on the
            # clause reported): the nearest claim of the sentence with the same source
            sent = verb.sent
            same = [j for j, o in enumerate(claims) if j != k and o.source is not None
                    and o.source.start < c.source.end and c.source.start < o.source.end
                    and sent.start_char <= o.cue.start < sent.end_char]
            target = min(same, key=lambda j: abs(claims[j].cue.start - verb.idx), default=None)
        if target is None or target in via:
            continue
        drop.add(k)
        via[target] = c.content
    out = []
    for k, c in enumerate(claims):
        if k in drop:
            continue
        if k in via:
            v = via[k]
            c = dataclasses.replace(c, extra={**c.extra, "via": {
                "text": v.text, "start": v.start, "end": v.end}})
        out.append(c)
    return out
