"""Estimative language: hedge words and the ICD 203 likelihood band they express.

US Intelligence Community Directive 203 fixes seven likelihood bands (almost no chance 1-5 %,
very unlikely 5-20 %, unlikely 20-45 %, roughly even chance 45-55 %, likely 55-80 %, very
likely 80-95 %, almost certain 95-99 %) and asks analysts to keep *confidence* in the
judgement (high / moderate / low) apart from likelihood. We do the same: ``band`` comes only
from likelihood words, ``confidence`` only from confidence phrases.

Mapping choices that the directive leaves open (see docs/claims.md):

* possibility words without a number (may, might, could, possibly, perhaps, "it is possible
  that", "we cannot rule out") map to *roughly even chance*, the band Sherman Kent's table
  gives "chances about even"/"possible";
* evidential hedges (reportedly, allegedly, purportedly, "unconfirmed") are kept as cues but
  express no likelihood, so alone they give no band;
* a negated likelihood word flips it ("not likely" -> unlikely); when several bands occur the
  most specific (longest) phrase wins, then the strongest.

Written by hand: no library maps English estimative words to ICD 203 bands.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

BANDS = (
    "almost no chance",
    "very unlikely",
    "unlikely",
    "roughly even chance",
    "likely",
    "very likely",
    "almost certain",
)

# (pattern, band); longer phrases first, matched on lower-cased text with word boundaries
_PHRASES: list[tuple[str, str | None]] = [
    (r"almost no chance|no chance|virtually impossible|remote (?:chance|possibility)|"
     r"highly improbable|almost certainly not", "almost no chance"),
    (r"very unlikely|highly unlikely|extremely unlikely|very improbable|very doubtful", "very unlikely"),
    (r"almost certain(?:ly)?|virtually certain(?:ly)?|nearly certain(?:ly)?|"
     r"almost surely|(?<!un)certainly will", "almost certain"),
    (r"very likely|highly likely|very probabl[ey]|highly probable|extremely likely|"
     r"most likely|in all likelihood", "very likely"),
    (r"roughly even chance|even chance|about even|fifty-fifty|50-50|as likely as not", "roughly even chance"),
    (r"(?:not|no longer|un)\s*likely|improbabl[ey]|probably not|doubtful|unlikely", "unlikely"),
    (r"(?<!un)likely|probabl[ey]|presumabl[ey]|apparently|seemingly|"
     r"(?:appears?|appeared|seems?|seemed) to|it (?:appears|appeared|seems|seemed)", "likely"),
    (r"it is possible that|possibl[ey]|perhaps|maybe|may|might|could|conceivabl[ey]|"
     r"(?:we |i )?cannot rule out|can ?not be ruled out|can't rule out|not rule out|"
     r"potentially", "roughly even chance"),
    (r"reportedly|allegedly|purportedly|supposedly|ostensibly|unconfirmed|unverified", None),
]
_HEDGE_RE = re.compile(
    "|".join(f"(?P<g{i}>\\b(?:{p})\\b)" for i, (p, _) in enumerate(_PHRASES))
)
_CONFIDENCE_RE = re.compile(
    r"\b(high|moderate|medium|low)(?:er)?[- ]confidence\b|\bconfidence (?:is )?(high|moderate|low)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Hedge:
    cues: tuple[str, ...] = ()
    band: str | None = None
    confidence: str | None = None


def find_in_text(segments: Iterable[str]) -> Hedge:
    """Hedge cues, band and confidence in pieces of text (cue and content)."""
    cues: list[str] = []
    bands: list[tuple[int, int, str]] = []  # (phrase length, strength, band)
    confidence = None
    for seg in segments:
        low = seg.lower()
        for m in _HEDGE_RE.finditer(low):
            group = next(k for k, v in m.groupdict().items() if v is not None)
            band = _PHRASES[int(group[1:])][1]
            phrase = m.group(0)
            if phrase in {"may", "could", "might"} and _modal_is_permission(low, m.end()):
                continue
            cues.append(seg[m.start():m.end()])
            if band is not None:
                bands.append((len(phrase.split()), abs(BANDS.index(band) - 3), band))
        c = _CONFIDENCE_RE.search(seg)
        if c:
            word = (c.group(1) or c.group(2)).lower()
            confidence = "moderate" if word == "medium" else word
    band = max(bands)[2] if bands else None
    return Hedge(tuple(dict.fromkeys(cues)), band, confidence)


def _modal_is_permission(low: str, end: int) -> bool:
    # "could not" / "may not": a negated possibility is not a hedge on the claim's truth
    return low[end:end + 4] == " not"


def find(doc: Doc, tokens: Sequence[Token]) -> Hedge:
    """Hedges in the given tokens of ``doc`` (cue and content), read as contiguous pieces."""
    ids = sorted({t.i for t in tokens})
    pieces: list[str] = []
    run: list[int] = []
    for i in ids:
        if run and i != run[-1] + 1:
            pieces.append(doc[run[0]:run[-1] + 1].text)
            run = []
        run.append(i)
    if run:
        pieces.append(doc[run[0]:run[-1] + 1].text)
    return find_in_text(pieces)
