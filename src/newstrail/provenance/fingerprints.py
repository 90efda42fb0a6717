"""Language-independent fingerprints: what a translation keeps when every word changes.

Exact figures (9,212 / 9 212 / 9.212 all become ``9212``), calendar days (March 3, 3 березня,
3 марта, 3. März, 3 marca, 2024-03-03, 03.03.2024 all become ``03-03``), names reduced to a
script-neutral key (:func:`newstrail.provenance.text.name_key`) and links (host and path).
Two documents that share most of their fingerprints, in a similar order, tell the same
report, whatever their languages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newstrail.provenance.text import name_key, normalize

# month names and stems: English, Ukrainian, Russian, German, Polish (genitive forms included
# by stem). A word that starts with a stem and is at most 4 letters longer is that month.
_MONTH_PREFIXES: dict[int, tuple[str, ...]] = {
    1: ("janua", "січн", "січе", "январ", "jänner", "styczn", "styczeń"),
    2: ("febru", "лютий", "лютого", "феврал", "lutego", "luty"),
    3: ("march", "берез", "марта", "март", "märz", "marca", "marzec"),
    4: ("april", "квітн", "квітен", "апрел", "kwietn", "kwiecień"),
    5: ("травн", "травень", "мая", "май", "maja"),
    6: ("june", "червн", "червень", "июня", "июнь", "czerw"),
    7: ("july", "липня", "липень", "июля", "июль", "lipca", "lipiec"),
    8: ("august", "серпн", "серпень", "августа", "sierp"),
    9: ("septem", "вересн", "вересень", "сентябр", "wrześ", "wrzes"),
    10: ("octob", "жовтн", "жовтень", "октябр", "oktober", "paźdz", "pazdz"),
    11: ("novem", "листопад", "ноябр", "listopad"),
    12: ("decem", "грудн", "грудень", "декабр", "dezember", "grudn", "grudz"),
}
"""Month names by prefix (a word is that month if it starts with one and is at most five
letters longer): English, Ukrainian, Russian, German, Polish, with genitive forms."""
_MONTH_WORDS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "mai": 5, "maj": 5, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "okt": 10, "nov": 11, "dec": 12, "dez": 12,
    "mär": 3, "marz": 3, "lut": 2, "sty": 1, "juni": 6, "juli": 7,
}
"""Abbreviations and short names, matched only as whole words."""

_MONTH_WORD = r"[^\W\d_]{3,12}"
_DATE_DM = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th|-?го|-?е)?\.?\s+({_MONTH_WORD})\b", re.I)
_DATE_MD = re.compile(rf"\b({_MONTH_WORD})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b", re.I)
_DATE_ISO = re.compile(r"\b(?:19|20)\d\d-(\d\d)-(\d\d)\b")
_DATE_DOTS = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(?:19|20)\d\d\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# 9,212 / 9 212 / 9.212 / 150 000 / 1.5 / 1,5 / 60
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+|\d+(?:[.,]\d+)?)(?![\w])")
_URL = re.compile(r"https?://(?:www\.)?([^\s/)\]>\"']+)(/[^\s)\]>\"']*)?", re.I)
_CAPITAL = re.compile(r"(?<![\w])([A-ZА-ЯЁІЇЄҐ][\w'’-]{3,})", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Fingerprints:
    """Fingerprints in document order, each ``kind:value``."""

    sequence: tuple[str, ...]

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(self.sequence)


def month_of(word: str) -> int | None:
    w = word.lower().rstrip(".")
    if w in _MONTH_WORDS:
        return _MONTH_WORDS[w]
    for month, prefixes in _MONTH_PREFIXES.items():
        for prefix in prefixes:
            if w.startswith(prefix) and len(w) - len(prefix) <= 5:
                return month
    return None


def iter_days(text: str):
    """(start, end, 'MM-DD') for every calendar day written in ``text``."""
    for m in _DATE_DM.finditer(text):
        month = month_of(m.group(2))
        if month and 1 <= int(m.group(1)) <= 31:
            yield m.start(), m.end(), f"{month:02d}-{int(m.group(1)):02d}"
    for m in _DATE_MD.finditer(text):
        month = month_of(m.group(1))
        if month and 1 <= int(m.group(2)) <= 31:
            yield m.start(), m.end(), f"{month:02d}-{int(m.group(2)):02d}"
    for m in _DATE_ISO.finditer(text):
        yield m.start(), m.end(), f"{m.group(1)}-{m.group(2)}"
    for m in _DATE_DOTS.finditer(text):
        if 1 <= int(m.group(2)) <= 12:
            yield m.start(), m.end(), f"{int(m.group(2)):02d}-{int(m.group(1)):02d}"


def normalize_number(raw: str) -> str | None:
    """'9 212', '9.212', '9,212' -> '9212'; '1,5' -> '1.5'; None for numbers under 10."""
    s = raw.replace("\u00a0", " ").replace("\u202f", " ")
    if re.fullmatch(r"\d{1,3}(?:[ .,]\d{3})+", s):
        s = re.sub(r"[ .,]", "", s)
    else:
        s = s.replace(",", ".")
    try:
        value = float(s)
    except ValueError:
        return None
    if value < 10 and "." not in s:
        return None
    return s.rstrip("0").rstrip(".") if "." in s else s


def fingerprints(text: str) -> Fingerprints:
    """Figures, days, names and links of ``text``, in order of appearance."""
    text = normalize(text)
    found: list[tuple[int, str]] = []
    date_spans: list[tuple[int, int]] = []
    for start, end, day in iter_days(text):
        found.append((start, f"d:{day}"))
        date_spans.append((start, end))
    for m in _YEAR.finditer(text):
        date_spans.append((m.start(), m.end()))
    for m in _URL.finditer(text):
        found.append((m.start(), "u:" + (m.group(1) + (m.group(2) or "")).lower().rstrip("/.")))
        date_spans.append((m.start(), m.end()))
    for m in _NUMBER.finditer(text):
        if any(a <= m.start() < b for a, b in date_spans):
            continue  # the day and year of a date, or digits in a link
        value = normalize_number(m.group(1))
        if value:
            found.append((m.start(), f"n:{value}"))
    for m in _CAPITAL.finditer(text):
        before = text[max(0, m.start() - 3):m.start()]
        if month_of(m.group(1)) or not before.strip() or re.search(r"[.!?:\n»”\"]\W*$", before):
            continue  # a month, or a capital that only starts a sentence or a line
        key = name_key(m.group(1).rstrip("'’-"))
        if len(key) >= 2:
            found.append((m.start(), f"e:{key}"))
    found.sort()
    return Fingerprints(tuple(k for _, k in found))


def report_day(title: str | None) -> str | None:
    """The day a title names ('Assessment, March 3, 2024' -> '03-03'), if any: reports of
    one daily series differ by it."""
    if not title:
        return None
    days = [d for _, _, d in iter_days(normalize(title))]
    return days[0] if days else None
