"""Explicit citations: a source named as the origin of what follows, a report named with its
day, a link.

Patterns cover English, Ukrainian, Russian, German and Polish ("according to", "за даними",
"по данным", "laut", "według", "X said in its March 3 assessment", "originally published
by"...). Each citation gives the source as written, a source key to match documents'
outlets by (:func:`source_key`), the day of the cited report when the text names one, and
the link when there is one. Hand-written because no library parses attribution to outlets
across these languages without a model; the claims stage's spaCy attribution is English
and runs after this one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newstrail.provenance.fingerprints import iter_days
from newstrail.provenance.text import name_key, normalize, to_latin

# A name: capitalised words (any script) with short lower-case joiners, an acronym, or a
# quoted name, up to seven words; lower-case words too when an acronym in brackets follows
# ("Інституту вивчення війни (ISW)").
_CAP = r"[A-ZА-ЯЁІЇЄҐ][\w&'’-]*(?:\.\w+)*"  # "U.S" inside, never a sentence's full stop
_JOIN = r"(?:for|of|the|and|on|de|für|der|des|du|для|з|із|і|та|и|по|w|i|na)"
_NAME = (rf"(?:[«\"“„]([^»\"”“\n]{{2,60}})[»\"”“]|({_CAP}(?:[ \t]+[^\W\d_]+){{1,4}}(?=[ \t]*\([A-ZА-ЯІЇЄ]{{2,8}}\))|"
         rf"(?:the[ \t]+)?{_CAP}(?:[ \t]+(?:{_JOIN}[ \t]+)*{_CAP}){{0,6}}))"
         rf"(?:\s*\(([A-ZА-ЯІЇЄ]{{2,8}})\))?")
_REPORT = (r"(?i:(?:daily\s+)?(?:report|assessment|update|analysis|brief(?:ing)?|bulletin|summary|"
           r"звіт\w*|доповід\w*|аналіз\w*|огляд\w*|зведенн\w*|доклад\w*|отчет\w*|отчёт\w*|"
           r"сводк\w*|обзор\w*|Bericht\w*|Lagebericht\w*|raport\w*|analiz\w*|komunikat\w*)s?\b)")

_PATTERNS = [
    # according to X / за даними X / по данным X / laut X / według X / zufolge
    re.compile(rf"(?i:according\s+to|citing|cited\s+by|via|source:|originally\s+published\s+(?:by|on|in|at)|"
               rf"republished\s+(?:from|with\s+permission\s+(?:of|from))|reprinted\s+from|"
               rf"за\s+даними|за\s+інформацією|згідно\s+з|як\s+повідомля\w+|повідомля\w+|"
               rf"як\s+пише|пише|передає|посилаючись\s+на|"
               rf"по\s+данным|по\s+информации|согласно|как\s+сообща\w+|сообща\w+|пишет|"
               rf"передает|передаёт|ссылаясь\s+на|"
               rf"laut|nach\s+Angaben\s+(?:des|der)|wie\s+(?=\S+\s+\S*\s*berichtet)|berichtet|"
               rf"według|jak\s+(?:informuje|podaje)|podaje|poinformował\w*)\s+"
               rf"(?i:(?:dem|der|des)\s+(?:Bericht\w*\s+(?:des|der)\s+)?|(?:news\s+)?agency\s+|агенці\w+\s+|агентств\w+\s+|видання\s+|издание\s+|"
               rf"die\s+Nachrichtenagentur\s+|agencj\w+\s+)?{_NAME}"),
    # X said / reported / assessed ... ; X's March 3 assessment
    re.compile(rf"{_NAME}(?:,[^,.;]{{2,60}},)?\s+(?:said|says|reported|reports|assessed|assesses|"
               rf"wrote|writes|noted|estimated|concluded|found|stated|published)\b", re.U),
    # "ICA: Daily Russian Offensive Assessment, March 3"; "ISW Russian Offensive Campaign Assessment"
    re.compile(rf"{_NAME}\s*(?::|–|—|\s)\s*(?:[\w-]+\s+){{0,4}}{_REPORT}\b", re.U),
    re.compile(rf"{_NAME}(?:'s|’s)\s+(?:[\w\s,]{{0,30}}?){_REPORT}", re.U),
    # в звіті X / у доповіді X / в докладе X / im Bericht des X / w raporcie X
    re.compile(rf"(?:в|у|во|im|in|w)\s+(?:\w+\s+){{0,3}}?{_REPORT}\s+(?:of\s+|by\s+|des\s+|der\s+)?"
               rf"(?:\w+\s+){{0,2}}?{_NAME}", re.U),
]
_PATTERNS.append(
    # wire dateline: "KYIV, March 3 (CPA) -"
    re.compile(r"(?m)^[A-ZА-ЯІЇЄ][A-ZА-ЯІЇЄ .'-]{2,30}(?:,\s*[\w ]{3,20}?)?\s*\((?:(?!x)x)?()()([A-Z][\w&. ]{1,20})\)\s*[-–—]"))
_LINK = re.compile(r"https?://[^\s)\]>\"'«»]+", re.I)

_STOP_NAMES = {"the", "he", "she", "it", "they", "we", "i", "this", "that", "officials", "he said",
               "russian", "ukrainian", "russia", "ukraine", "the kremlin", "они", "він", "вона",
               "media", "reports", "sources", "analysts"}

# Aliases of sources that many outlets cite, in the languages of the sample corpora: data,
# not rules; a source not here is matched by its acronym or the skeleton of its name.
ALIASES: dict[str, tuple[str, ...]] = {
    "isw": ("isw", "institute for the study of war", "інститут вивчення війни",
            "институт изучения войны", "understandingwar.org", "criticalthreats.org",
            "critical threats", "institut für kriegsstudien", "instytut studiów nad wojną"),
    "reuters": ("reuters", "рейтер", "рейтерс", "reuters.com"),
    "ap": ("ap", "associated press", "ассошиэйтед пресс", "apnews.com"),
    "afp": ("afp", "agence france-presse", "франс пресс"),
    "ria": ("ria novosti", "риа новости", "ріа новини", "ria.ru", "риа"),
    "tass": ("tass", "тасс", "тасс.ру", "tass.ru"),
    "bbc": ("bbc", "би-би-си", "бі-бі-сі", "bbc news", "русская служба би-би-си",
            "bbc news | русская служба", "bbc russian service", "bbc.com"),
    "ukrinform": ("ukrinform", "укрінформ", "укринформ"),
    "interfax": ("interfax", "інтерфакс", "интерфакс"),
    "kyiv post": ("kyiv post", "kyivpost.com", "київ пост"),
    "guardian": ("the guardian", "guardian", "theguardian.com"),
    "nyt": ("the new york times", "new york times", "nyt", "nytimes.com"),
}
_GENERIC = {"media", "news", "agency", "online", "daily", "today", "group", "service", "network",
            "press", "wire", "tv", "radio", "ua", "ru"}
PLATFORMS = {"t.me", "telegram.me", "facebook.com", "youtube.com", "youtu.be", "twitter.com",
              "x.com", "instagram.com", "tiktok.com", "vk.com", "substack.com", "medium.com"}
_ALIAS_INDEX = {alias: key for key, aliases in ALIASES.items() for alias in aliases}


@dataclass(frozen=True, slots=True)
class Citation:
    source: str
    """The source as written ("the Institute for Conflict Analysis (ICA)")."""
    key: str
    """Normalised source key (:func:`source_key`)."""
    alt_keys: tuple[str, ...] = ()
    """Other keys the name may go by (its acronym without leading modifiers)."""
    report: bool = False
    """The citation names a report (a report word, a day or a link), not just a source."""
    day: str | None = None
    """'MM-DD' of the cited report when the text names it near the citation."""
    url: str | None = None
    start: int = 0
    end: int = 0
    dateline: bool = False
    """A wire dateline ("KYIV, March 3 (CPA) -"): the text is that agency's report."""

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.key, *self.alt_keys)


def source_key(name: str) -> str:
    """A key shared by the ways one source is written: a known alias's canonical name, else
    the acronym of its capitalised words ("Institute for Conflict Analysis" -> "ica"), else
    the script-neutral skeleton of its words."""
    n = re.sub(r"\s+", " ", normalize(name).strip().strip("«»\"“”„'").lower())
    n = re.sub(r"^(?:the|der|die|das)\s+", "", n)
    if n in _ALIAS_INDEX:
        return _ALIAS_INDEX[n]
    host = re.sub(r"^(?:https?://)?(?:www\.|amp\.|m\.)?", "", n).split("/")[0]
    if host in _ALIAS_INDEX:
        return _ALIAS_INDEX[host]
    words = [w for w in re.findall(r"[\w'’.-]+", name) if w]
    if words and words[0].lower() in {"the", "der", "die", "das", "dem", "den"}:
        words = words[1:]
    caps = [w for w in words if w[:1].isupper()]
    if words and (len(words) == 1 and len(words[0]) <= 5 or re.fullmatch(r"[A-ZА-ЯІЇЄ]{2,6}", words[0])):
        return to_latin(words[0]).lower()  # an acronym, also when a title follows it ("ISW Russian ...")
    acronyms = [w for w in words if re.fullmatch(r"[A-ZА-ЯІЇЄ]{3,6}", w)]
    if len(acronyms) == 1:
        return to_latin(acronyms[0]).lower()  # "Аналітики EFO", "the American ICA"
    if len(caps) >= 2:
        return to_latin("".join(w[0] for w in caps)).lower()
    if "." in host and " " not in host:
        return host
    return " ".join(name_key(w) for w in words)[:40]


def outlet_keys(outlet: str | None, url: str | None) -> set[str]:
    """Source keys under which a document's outlet can be cited."""
    keys = set()
    if outlet:
        keys.add(source_key(outlet))
        words = outlet.split()
        while len(words) > 2 and words[-1].lower() in _GENERIC:
            words = words[:-1]
            keys.add(source_key(" ".join(words)))
        m = re.search(r"\(([A-Z]{2,8})\)", outlet)
        if m:
            keys.add(m.group(1).lower())
    if url:
        host = re.sub(r"^(?:https?://)?(?:www\.|amp\.|m\.)?", "", url.lower()).split("/")[0]
        if host not in PLATFORMS:  # every channel on t.me is not one outlet
            keys.add(source_key(host))
    keys.discard("")
    return keys


def citations(text: str) -> list[Citation]:
    """Citations in ``text``, in order; the same source cited twice is listed twice."""
    text = normalize(text)
    found: list[tuple[int, int, Citation]] = []
    days = list(iter_days(text))
    for n_pattern, pattern in enumerate(_PATTERNS):
        dateline = n_pattern == len(_PATTERNS) - 1
        for m in pattern.finditer(text):
            quoted, plain, acronym = m.group(1), m.group(2), m.group(3)
            name = (quoted or plain or "").strip(" ,.;:")
            span = m.span(1) if quoted else m.span(2) if plain else m.span(3)
            if not (name or acronym) or name.lower() in _STOP_NAMES:
                continue
            if plain and not quoted and not acronym and len(name.split()) == 1 \
                    and not name.isupper() and name.lower() not in _ALIAS_INDEX:
                continue  # one capitalised word ("Zelensky said") is a person, not a source
            key = source_key(acronym) if acronym else source_key(name)
            if acronym and name and source_key(name) in ALIASES:
                key = source_key(name)
            clash = [i for i, (a, b, _) in enumerate(found) if a < span[1] and span[0] < b]
            if clash:
                # earlier patterns win over overlapping ones, unless only this one has an acronym
                i = clash[0]
                if not (acronym and not found[i][2].source.endswith(")")):
                    continue
                del found[i]
            day = _near_day(days, m.start(), m.end())
            url = _near_link(text, m.end())
            report = bool(url or dateline
                          or _REPORT_RE.search(text, m.start(), min(len(text), m.end() + 40)))
            cite = Citation(
                (name + (f" ({acronym})" if acronym and name else "")) or acronym, key,
                _alt_keys(name, key), report, day, url, m.start(), m.end(), dateline)
            found.append((span[0], span[1], cite))
    for m in _LINK.finditer(text):
        url = m.group().rstrip(".,;")
        found.append((m.start(), m.end(), Citation(url, source_key(url), (), True, None, url,
                                                   m.start(), m.end())))
    return sorted((c for _, _, c in found), key=lambda c: c.start)


_TRANSLATED = re.compile(
    r"(?i)(?:translated\s+(?:automatically\s+)?from|machine[- ]translat|automatic(?:ally)?\s+translat|"
    r"переклад\w*\s+з|перекладено|перевод\w*\s+с|переведено|übersetzt\s+aus|"
    r"maschinell\s+übersetzt|przetłumaczon\w*|tłumaczenie\s+(?:z|maszynowe))")


def says_translated(text: str) -> bool:
    """Does the text say it is a translation ("translated automatically from Ukrainian")?"""
    return bool(_TRANSLATED.search(text[:3000]))


def _alt_keys(name: str, key: str) -> tuple[str, ...]:
    """Acronyms of the name without its leading modifiers ("the Washington-based Institute
    for Conflict Analysis" -> "ica" as well as "wica")."""
    caps = [w for w in re.findall(r"[\w'’.-]+", name or "") if w[:1].isupper()]
    out = []
    for i in range(1, len(caps) - 1):
        alt = to_latin("".join(w[0] for w in caps[i:])).lower()
        if alt != key:
            out.append(alt)
    return tuple(out)


_REPORT_RE = re.compile(_REPORT)


def _near_day(days: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    """A day written within the sentence of the citation (80 characters either side)."""
    best = None
    for s, e, day in days:
        if start - 80 <= s <= end + 80:
            dist = 0 if start <= s <= end else min(abs(s - end), abs(start - e))
            if best is None or dist < best[0]:
                best = (dist, day)
    return best[1] if best else None


def _near_link(text: str, end: int) -> str | None:
    m = _LINK.search(text, end, end + 120)
    return m.group().rstrip(".,;") if m else None
