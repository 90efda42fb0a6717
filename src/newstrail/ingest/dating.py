"""Publication dates: normalise metadata dates; infer a missing one from the text.

Inference takes the latest explicit calendar date the text mentions (English,
Ukrainian, Russian month names, ISO and dd.mm.yyyy forms), with the year taken
from context when the text leaves it out, ignoring copyright lines and dates
after the moment the document was obtained.

Written by hand because dateparser's ``search_dates`` is both slow on whole
articles and loose (it reads "may", "now" and bare numbers as dates); here only
unambiguous calendar expressions count.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

import dateparser

_MONTHS: dict[str, int] = {}
for number, names in enumerate(
    [
        "january jan январь января январе січень січня",
        "february feb февраль февраля феврале лютий лютого",
        "march mar март марта марте березень березня",
        "april apr апрель апреля апреле квітень квітня",
        "may май мая мае травень травня",
        "june jun июнь июня июне червень червня",
        "july jul июль июля июле липень липня",
        "august aug август августа августе серпень серпня",
        "september sep sept сентябрь сентября сентябре вересень вересня",
        "october oct октябрь октября октябре жовтень жовтня",
        "november nov ноябрь ноября ноябре листопад листопада",
        "december dec декабрь декабря декабре грудень грудня",
    ],
    start=1,
):
    for name in names.split():
        _MONTHS[name] = number

_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PATTERNS = [
    # 2024-03-03
    re.compile(r"(?<![\d-])(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\d])"),
    # 03.03.2024 (day first, as written in Ukrainian and Russian news)
    re.compile(r"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)(?![\d])"),
    # March 3, 2024 / Mar. 3 / March 3rd
    re.compile(
        rf"\b(?P<mname>{_MONTH_RE})\.?\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?", re.I
    ),
    # 3 March 2024 / 3 марта 2024 года / 3 березня
    re.compile(rf"(?<![\d.]){_DAY}\s+(?:of\s+)?(?P<mname>{_MONTH_RE})\b\.?(?:,?\s+{_YEAR}\b)?", re.I),
]
_WEEKDAYS: dict[str, int] = {}
for number, stems in enumerate(
    [
        "monday понедельник понедельника понеділок понеділка",
        "tuesday вторник вторника вівторок вівторка",
        "wednesday среда среду среды середа середу середи",
        "thursday четверг четверга четвер четверга",
        "friday пятница пятницу пятницы п'ятниця п'ятницю п'ятниці пʼятниця пʼятницю",
        "saturday суббота субботу субботы субота суботу суботи",
        "sunday воскресенье воскресенья неділя неділю неділі",
    ]
):
    for name in stems.split():
        _WEEKDAYS[name] = number
_WEEKDAY_RE = re.compile(
    r"(?<!\w)(" + "|".join(sorted(map(re.escape, _WEEKDAYS), key=len, reverse=True)) + r")(?!\w)",
    re.I,
)
_COPYRIGHT_LINE = re.compile(
    r"©|\(c\)\s*\d{4}|copyright|all rights reserved|все права защищены|усі права захищені"
    r"|всі права захищені",
    re.I,
)


def normalize_date(value: object) -> str | None:
    """Metadata date (ISO string, RFC 822 string, datetime, struct_time) -> ISO 8601.

    A bare year ("2021") is not a publication date and gives None.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _iso(value)
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "tm_year"):  # time.struct_time from feedparser
        return _iso(datetime(*value[:6], tzinfo=UTC))  # type: ignore[index]
    text = str(value).strip()
    if re.fullmatch(r"\d{4}", text):
        return None
    if re.fullmatch(r"\d{4}-\d\d-\d\d", text):
        return text
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return _iso(parsed)
    except ValueError:
        pass
    try:
        return _iso(parsedate_to_datetime(text))  # RFC 822, as in RSS and HTTP
    except (TypeError, ValueError, IndexError):
        pass
    parsed = dateparser.parse(text, settings={"RETURN_AS_TIMEZONE_AWARE": False})
    return _iso(parsed) if parsed else None


def _iso(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
        if (moment.hour, moment.minute, moment.second) == (0, 0, 0):
            return moment.date().isoformat()
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    if (moment.hour, moment.minute, moment.second) == (0, 0, 0):
        return moment.date().isoformat()
    return moment.isoformat(timespec="seconds")


def mentioned_dates(text: str, *, reference: date | None = None) -> list[tuple[date, str]]:
    """Every explicit calendar date in ``text`` as (date, matched text), in text order."""
    # (pos, date, month, day, text, weekday named on the same line)
    found: list[tuple[int, date | None, int, int, str, int | None]] = []
    taken: list[tuple[int, int]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        if _COPYRIGHT_LINE.search(line):
            offset += len(line)
            continue
        weekdays = {_WEEKDAYS[w.lower()] for w in _WEEKDAY_RE.findall(line)}
        weekday = weekdays.pop() if len(weekdays) == 1 else None
        for pattern in _PATTERNS:
            for m in pattern.finditer(line):
                start, end = offset + m.start(), offset + m.end()
                if any(s < end and start < e for s, e in taken):
                    continue
                groups = m.groupdict()
                month = _MONTHS[groups["mname"].lower()] if groups.get("mname") else int(groups["month"])
                day = int(groups["day"])
                year = int(groups["year"]) if groups.get("year") else None
                if not (1 <= month <= 12 and 1 <= day <= 31):
                    continue
                resolved = _make(year, month, day) if year else None
                if year and resolved is None:
                    continue
                taken.append((start, end))
                found.append((start, resolved, month, day, m.group(0), weekday))
        offset += len(line)
    found.sort(key=lambda f: f[0])
    # the year of a yearless date: the year of the nearest full date before it
    # in the text; else, when the same line names one weekday ("on Monday"),
    # the latest year up to the reference's in which that day falls on that
    # weekday; else the reference date's year (one year back when that would
    # put the date after the reference)
    out: list[tuple[date, str]] = []
    last_year: int | None = None
    for _, resolved, month, day, matched, weekday in found:
        if resolved is not None:
            last_year = resolved.year
            out.append((resolved, matched))
            continue
        year = last_year
        if year is None and reference is not None and weekday is not None:
            year = _year_for_weekday(month, day, weekday, reference)
        if year is None and reference is not None:
            year = reference.year
            candidate = _make(year, month, day)
            if candidate and candidate > reference:
                year -= 1
        if year is None:
            continue
        candidate = _make(year, month, day)
        if candidate:
            out.append((candidate, matched))
    return out


def infer_published(text: str, *, reference: date | None = None) -> str | None:
    """The latest explicit date in ``text`` not after ``reference`` (when given)."""
    dates = [d for d, _ in mentioned_dates(text, reference=reference)]
    if reference is not None:
        dates = [d for d in dates if d <= reference]
    return max(dates).isoformat() if dates else None


def _year_for_weekday(month: int, day: int, weekday: int, reference: date) -> int | None:
    """Latest year (within 12 before ``reference``) where month/day falls on ``weekday``."""
    for year in range(reference.year, reference.year - 12, -1):
        candidate = _make(year, month, day)
        if candidate and candidate <= reference and candidate.weekday() == weekday:
            return year
    return None


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
