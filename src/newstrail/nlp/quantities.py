"""Quantities in a text: value, unit, what is counted, ranges and qualifiers.

"at least 12 civilians", "up to 60 tanks and armored vehicles", "approximately 2,000 troops",
"150,000 roubles ($2,000)", "a third of them", "9,212 confirmed deaths", "31 member states",
"between 10 and 15 drones", "327 square kilometers", "1.5 million".

The number (digits, number words, scale words, fractions, ranges, qualifiers, currency
symbols and units) is read by the patterns below; *what is counted* comes from the parse: the
noun the number modifies (with its adjectives, compounds, conjoined nouns and an "of"
phrase), or the object of "of" in "a third of them". Written by hand because the libraries
that parse quantities (quantulum3, pint) know units but not what is counted, and do not read
currency pairs or news qualifiers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100, "a dozen": 12, "dozen": 12,
    "a thousand": 1000,
}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3,
          "mln": 1e6, "m": 1e6, "bn": 1e9, "tn": 1e12}
FRACTIONS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "fourth": 0.25, "fifth": 0.2,
             "tenth": 0.1}
QUALIFIERS = {
    "at least": ">=", "no fewer than": ">=", "no less than": ">=", "more than": ">",
    "over": ">", "in excess of": ">", "upwards of": ">=", "at most": "<=", "up to": "<=",
    "as many as": "<=", "no more than": "<=", "fewer than": "<", "less than": "<",
    "under": "<", "nearly": "~<", "almost": "~<", "approximately": "~", "about": "~",
    "around": "~", "roughly": "~", "some": "~", "an estimated": "~", "close to": "~<",
    "estimated": "~", "around a": "~",
}
CURRENCY_SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "₴": "UAH", "₽": "RUB"}
UNITS = {
    "roubles": "RUB", "rubles": "RUB", "rouble": "RUB", "ruble": "RUB", "hryvnias": "UAH",
    "hryvnia": "UAH", "hryvnas": "UAH", "uah": "UAH", "dollars": "USD", "dollar": "USD",
    "euros": "EUR", "euro": "EUR", "pounds": "GBP", "%": "%", "percent": "%", "per cent": "%",
    "square kilometers": "km2", "square kilometres": "km2", "sq. km": "km2", "sq km": "km2",
    "km2": "km2", "kilometers": "km", "kilometres": "km", "km": "km", "miles": "mi",
    "meters": "m", "metres": "m", "tons": "t", "tonnes": "t", "tons of": "t",
    "kilograms": "kg", "kg": "kg", "hectares": "ha",
}

_num = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_words = "|".join(sorted((re.escape(w) for w in WORDS), key=len, reverse=True))
_scale = "|".join(sorted(SCALES, key=len, reverse=True))
_qual = "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True))
_unit = "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True))
_sym = "|".join(sorted((re.escape(s) for s in CURRENCY_SYMBOLS), key=len, reverse=True))
_frac = "|".join(FRACTIONS)

NUMBER = rf"(?:{_num}|{_words})(?:[ -](?:{_scale})\b)?"
QUANTITY = re.compile(
    rf"(?<![\w.,])(?:(?P<qual>{_qual})\s+)?"
    rf"(?:(?P<frac>(?:a|one|two|three)\s+(?:{_frac})s?)\s+of\b"
    rf"|(?:between\s+)?(?:(?P<sym>{_sym})\s?)?(?P<low>{NUMBER})"
    rf"(?:\s?(?:-|–|to|and)\s?(?P<sym2>{_sym})?(?P<high>{NUMBER}))?"
    rf"(?:\s?(?P<unit>{_unit})(?![\w]))?)",
    re.IGNORECASE,
)
EQUIVALENT = re.compile(rf"\s*\(\s*(?:about |around |approximately |some |~)?(?P<sym>{_sym})?\s?(?P<num>{NUMBER})\s?(?P<unit>{_unit})?\s*\)", re.I)


@dataclass(frozen=True, slots=True)
class Quantity:
    text: str
    start: int
    end: int
    value: float
    unit: str | None = None
    counts: str | None = None
    high: float | None = None
    qualifier: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def number_value(text: str) -> float | None:
    """'9,212' -> 9212, '2.5 million' -> 2.5e6, 'two thousand' -> 2000, 'a dozen' -> 12."""
    low = text.lower().strip()
    scale = 1.0
    m = re.match(rf"^(.*?)[ -]({_scale})$", low)
    if m:
        low, scale = m.group(1).strip(), SCALES[m.group(2)]
    if low in WORDS:
        return WORDS[low] * scale
    try:
        return float(low.replace(",", "")) * scale
    except ValueError:
        return None


def _skip(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    return any(t.ent_type_ in {"DATE", "TIME", "ORDINAL"} for t in span)


def _counts(doc: Doc, start: int, end: int, frac: bool) -> str | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    last = span[-1]
    if frac:
        nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
        if nxt is not None and nxt.dep_ in {"pobj"}:
            return _phrase(doc, nxt)
        if last.lower_ == "of":
            objs = [c for c in last.children if c.dep_ == "pobj"]
            if objs:
                return _phrase(doc, objs[0])
        return None
    head = last.head if last.dep_ in {"nummod", "quantmod", "compound", "amod"} else None
    if head is None and last.i + 1 < len(doc) and doc[last.i + 1].pos_ in {"NOUN", "PROPN"}:
        head = doc[last.i + 1]
    if head is None or head.i <= last.i or head.pos_ not in {"NOUN", "PROPN"}:
        return None
    return _phrase(doc, head, after=last.i)


def _phrase(doc: Doc, head: Any, after: int = -1) -> str:
    left = [t for t in head.lefts if t.i > after and t.dep_ in {"amod", "compound", "nmod"}]
    start = min([head.i] + [t.i for t in left for t in t.subtree if t.i > after])
    end = head.i
    for c in head.rights:
        conj = c.dep_ == "conj" and not any(t.like_num for t in c.subtree)
        if conj or (c.dep_ == "prep" and c.lower_ == "of"):
            end = max(end, max(t.i for t in c.subtree))
    return doc[start:end + 1].text


def _through_counts(text: str, end: int, counts: str | None) -> int:
    """Widen a quantity's span over what it counts when that follows at once
    ("412" + "conscripts" -> "412 conscripts")."""
    if not counts:
        return end
    gap = len(text[end:]) - len(text[end:].lstrip())
    if text.startswith(counts, end + gap) and gap <= 1:
        return end + gap + len(counts)
    return end


def find(doc: Doc) -> list[Quantity]:
    """Quantities in ``doc.text`` (offsets are into ``doc.text``)."""
    from newstrail.nlp.attribution import text_of

    text = text_of(doc)
    out: list[Quantity] = []
    pos = 0
    while True:
        m = QUANTITY.search(text, pos)
        if not m:
            break
        pos = m.end()
        if m.group("frac"):
            words = m.group("frac").lower().split()
            base = 1 if words[0] in {"a", "one"} else WORDS.get(words[0], 1)
            value = base * FRACTIONS[words[1].rstrip("s")]
            qual = m.group("qual")
            counts = _counts(doc, m.start(), m.end(), True)
            q_end = _through_counts(text, m.end(), counts)
            out.append(Quantity(text[m.start():q_end], m.start(), q_end, round(value, 4),
                                "fraction", counts,
                                qualifier=QUALIFIERS.get(qual.lower()) if qual else None))
            continue
        low_text = m.group("low")
        after = text[m.end("low"):m.end("low") + 2]
        if not m.group("high") and len(after) == 2 and after[0] == "-" and after[1].isalpha() \
                and not m.group("unit"):
            continue  # "one-time payment", "12-year-old boy": a compound adjective
        # a bare number word ("one of the", "two sides") is rarely a figure worth keeping
        if (not re.search(r"\d", low_text) and not m.group("unit") and not m.group("qual")
                and _counts(doc, m.start(), m.end(), False) is None):
            continue
        if re.fullmatch(r"(?:19|20)\d\d", low_text) and not (m.group("unit") or m.group("sym")):
            continue  # a year
        if _skip(doc, m.start("low"), m.end("low")) and not m.group("unit") and not m.group("sym") \
                and _counts(doc, m.start(), m.end(), False) is None:
            continue  # part of a date or a time
        value = number_value(low_text)
        if value is None:
            continue
        high = number_value(m.group("high")) if m.group("high") else None
        sym = m.group("sym") or m.group("sym2")
        unit = CURRENCY_SYMBOLS.get(sym) if sym else None
        if m.group("unit"):
            unit = UNITS[m.group("unit").lower()]
        q_end = m.end()
        extra: dict[str, Any] = {}
        eq = EQUIVALENT.match(text, q_end)
        if eq and unit and (eq.group("sym") or eq.group("unit")):
            ev = number_value(eq.group("num"))
            eu = CURRENCY_SYMBOLS.get(eq.group("sym")) if eq.group("sym") else UNITS.get(
                (eq.group("unit") or "").lower())
            if ev is not None:
                extra["equivalent"] = {"value": ev, "unit": eu}
                q_end = eq.end()
                pos = q_end
        qual = m.group("qual")
        counts = None if unit and unit not in {"%"} else _counts(doc, m.start(), m.end(), False)
        if high is not None and "between" in m.group(0).lower()[:8]:
            qual = qual or None
        q_end = _through_counts(text, q_end, counts)
        out.append(Quantity(
            text[m.start():q_end].rstrip(), m.start(), m.start() + len(text[m.start():q_end].rstrip()),
            value, unit, counts, high, QUALIFIERS.get(qual.lower()) if qual else None, extra,
        ))
    return out
