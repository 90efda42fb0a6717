"""Dates in a document, resolved against its publication date.

spaCy's NER finds the expressions (``DATE`` entities, widened by a preceding "since",
"in early", ...); this module resolves each to an ISO date ("2024-03-03") or an ISO interval
("2023-11-01/2023-11-10"), or leaves it unresolved (``None``, the text is kept).

The fuzzy forms news uses are rules here, because dateparser reads none of them as a range
("early November", "late January", "mid-2023", "since the beginning of 2024", "last week")
and reads "the next day" relative to today instead of to the event told just before. Plain
calendar dates ("3 March 2024", "1.03.2024", "Tuesday") fall through to dateparser with the
publication date as its relative base.

* a yearless date takes the year that puts it nearest the publication date, ties to the past
  (published 2024-03-05: "March 3" -> 2024-03-03, "early November" -> November 2023);
* "the next day", "the day before", "two days later" count from the last date resolved
  before it in the same document (the event being told), not from publication;
* "since X" is the interval from X to the publication date; early / mid / late split a month
  into days 1-10, 11-20, 21-end and a year into Jan-Apr, May-Aug, Sep-Dec.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS |= {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": None, "few": None}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_PART = r"(?P<part>early|mid|middle of|late|the (?:beginning|start|end|middle) of|beginning of|start of|end of)"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_LEAD = re.compile(r"^(?:on|in|at|by|from|during|since|until|till|as of|of)\s+", re.I)


@dataclass(frozen=True, slots=True)
class DateMention:
    text: str
    start: int
    end: int
    value: str | None


def _ref(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return datetime.fromisoformat(published.replace("Z", "+00:00")[:25]).date()
    except ValueError:
        try:
            return date.fromisoformat(published[:10])
        except ValueError:
            return None


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _nearest_year(month: int, day: int, ref: date) -> date:
    best: date | None = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            cand = date(y, month, min(day, calendar.monthrange(y, month)[1]))
        except ValueError:
            continue
        if best is None or abs((cand - ref).days) < abs((best - ref).days) or (
            abs((cand - ref).days) == abs((best - ref).days) and cand < best
        ):
            best = cand
    assert best is not None
    return best


def _part_range(part: str | None, start: date, end: date, *, year: bool) -> tuple[date, date]:
    if not part:
        return start, end
    part = part.replace("the ", "").replace(" of", "").strip()
    if year:
        y = start.year
        if part in {"early", "beginning", "start"}:
            return date(y, 1, 1), date(y, 4, 30)
        if part in {"mid", "middle"}:
            return date(y, 5, 1), date(y, 8, 31)
        return date(y, 9, 1), date(y, 12, 31)
    y, m = start.year, start.month
    if part in {"early", "beginning", "start"}:
        return date(y, m, 1), date(y, m, 10)
    if part in {"mid", "middle"}:
        return date(y, m, 11), date(y, m, 20)
    return date(y, m, 21), _month_end(y, m)


def _iso(a: date, b: date | None = None) -> str:
    if b is None or a == b:
        return a.isoformat()
    return f"{a.isoformat()}/{b.isoformat()}"


def resolve(text: str, published: str | date | None, *, previous: date | None = None) -> str | None:
    """The ISO date or interval ``text`` stands for, or None when it cannot be resolved."""
    ref = published if isinstance(published, date) else _ref(published)
    low = " ".join(text.lower().replace("’", "'").split())
    since = bool(re.match(r"^since\b", low))
    low = _LEAD.sub("", low)
    low = re.sub(r"^the\s+(?=\d|(?:" + "|".join(MONTHS) + r")\b)", "", low)
    low = re.sub(r"\s+year$", "", low)  # "since the beginning of 2024 year" (machine translation)
    got = _resolve_core(low, ref, previous)
    if got is None:
        return None
    a, b = got
    if since and ref is not None:
        return _iso(a, max(ref, a))
    return _iso(a, b)


def _resolve_core(low: str, ref: date | None, previous: date | None) -> tuple[date, date] | None:
    # relative to the event told just before
    m = re.fullmatch(r"(?:the )?(next|following) (day|morning|evening|night)|a day later|"
                     r"(?:the )?day after|(?P<n>\d+|a|one|two|three|four|five|six|seven|eight|nine|ten) "
                     r"days? (?P<dir>later|after|earlier|before)|"
                     r"(?:the )?(?P<prev>day before|previous day|eve)", low)
    if m:
        if previous is None:
            return None
        if m.group("n"):
            n = NUMBER_WORDS.get(m.group("n")) if not m.group("n").isdigit() else int(m.group("n"))
            if not n:
                return None
            d = previous + timedelta(days=n if m.group("dir") in {"later", "after"} else -n)
        elif m.group("prev"):
            d = previous - timedelta(days=1)
        else:
            d = previous + timedelta(days=1)
        return d, d
    if ref is None:
        return None
    # relative to publication
    if low in {"today", "this morning", "this afternoon", "this evening", "tonight"}:
        return ref, ref
    if low in {"yesterday", "last night", "overnight", "yesterday morning", "yesterday evening"}:
        d = ref - timedelta(days=1)
        return d, d
    if low == "the day before yesterday":
        d = ref - timedelta(days=2)
        return d, d
    m = re.fullmatch(r"(last|this|past|next) (week|month|year)", low)
    if m:
        which, unit = m.groups()
        if unit == "week":
            monday = ref - timedelta(days=ref.weekday())
            if which in {"last", "past"}:
                return monday - timedelta(days=7), monday - timedelta(days=1)
            if which == "next":
                return monday + timedelta(days=7), monday + timedelta(days=13)
            return monday, ref
        if unit == "month":
            if which in {"last", "past"}:
                first = date(ref.year, ref.month, 1) - timedelta(days=1)
                return date(first.year, first.month, 1), first
            if which == "next":
                nxt = _month_end(ref.year, ref.month) + timedelta(days=1)
                return nxt, _month_end(nxt.year, nxt.month)
            return date(ref.year, ref.month, 1), ref
        y = ref.year - 1 if which in {"last", "past"} else ref.year + 1 if which == "next" else ref.year
        return (date(y, 1, 1), date(y, 12, 31)) if which != "this" else (date(y, 1, 1), ref)
    m = re.fullmatch(r"(?P<n>\d+|\w+) (?P<unit>days?|weeks?|months?|years?) ago", low)
    if m:
        n = int(m.group("n")) if m.group("n").isdigit() else NUMBER_WORDS.get(m.group("n"))
        if not n:
            return None
        unit = m.group("unit").rstrip("s")
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * n
        d = ref - timedelta(days=days)
        return d, d
    m = re.fullmatch(r"(?:last |this |on )?(" + "|".join(WEEKDAYS) + r")(?: (?:morning|afternoon|evening|night))?", low)
    if m:
        back = (ref.weekday() - WEEKDAYS[m.group(1)]) % 7
        d = ref - timedelta(days=back)
        return d, d
    # early / mid / late November [2023]
    m = re.fullmatch(rf"(?:{_PART}[- ]?)?{_MONTH}(?:,? {_YEAR})?", low)
    if m:
        month = MONTHS[m.group("month")]
        if m.group("year"):
            y = int(m.group("year"))
        else:
            y = ref.year if month <= ref.month else ref.year - 1
        return _part_range(m.group("part"), date(y, month, 1), _month_end(y, month), year=False)
    # early / mid / late 2024, the beginning of 2024
    m = re.fullmatch(rf"(?:{_PART}[- ]?)?{_YEAR}", low)
    if m:
        y = int(m.group("year"))
        return _part_range(m.group("part"), date(y, 1, 1), date(y, 12, 31), year=True)
    m = re.fullmatch(rf"{_PART} (?:the |this )?year", low)
    if m:
        return _part_range(m.group("part"), date(ref.year, 1, 1), date(ref.year, 12, 31), year=True)
    # March 3 / 3 March, with or without a year
    m = re.fullmatch(rf"{_MONTH} (?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,? {_YEAR})?", low) or \
        re.fullmatch(rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?: of)? {_MONTH}(?:,? {_YEAR})?", low)
    if m:
        month, day = MONTHS[m.group("month")], int(m.group("day"))
        try:
            d = date(int(m.group("year")), month, day) if m.group("year") else _nearest_year(month, day, ref)
        except ValueError:
            return None
        return d, d
    if not re.search(r"\d", low):
        return None
    d = _dateparser(low, ref)
    return (d, d) if d else None


@lru_cache(maxsize=4096)
def _dateparser(text: str, ref: date) -> date | None:
    import dateparser

    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={"RELATIVE_BASE": datetime(ref.year, ref.month, ref.day),
                  "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"],
                  "DATE_ORDER": "DMY"},
    )
    return parsed.date() if parsed else None


_WIDEN = {"since", "early", "late", "mid", "until", "by"}
# words taken in before a DATE entity ("since the beginning of 2024")
_TAKE_BEFORE = _WIDEN | {"the", "beginning", "of", "start", "end"}


def find(doc: Doc, published: str | None) -> list[DateMention]:
    """Every date expression of the document, in order, resolved."""
    from newstrail.nlp.attribution import text_of

    ref = _ref(published)
    full = text_of(doc)
    out: list[DateMention] = []
    previous: date | None = None
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        start = ent.start
        while start > 0 and doc[start - 1].lower_ in _TAKE_BEFORE \
                and ent.start - start < 4:
            start -= 1
        while start < ent.start and doc[start].lower_ in {"the", "of", "beginning", "start", "end", "by", "until"} \
                and not _has_part(doc[start:ent.end].text):
            start += 1
        span = doc[start:ent.end]
        pieces = [(span.start_char, span.end_char)]
        if resolve(span.text, ref, previous=previous) is None:
            # "since the beginning of 2024 and last week": one entity, two dates
            pieces, pos = [], span.start_char
            for m in re.finditer(r",? (?:and|or) |, ", span.text):
                pieces.append((pos, span.start_char + m.start()))
                pos = span.start_char + m.end()
            pieces.append((pos, span.end_char))
        for a, b in pieces:
            text = full[a:b]
            value = resolve(text, ref, previous=previous)
            if value and "/" not in value:
                previous = date.fromisoformat(value)
            out.append(DateMention(text, a, b, value))
    return out


def _has_part(text: str) -> bool:
    return bool(re.match(r"^(since |by |until )?(the )?(beginning|start|end|middle) of", text.lower()))
