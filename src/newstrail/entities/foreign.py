"""Mentions in Russian and Ukrainian documents, which the (English) claims stage skips.

No Russian or Ukrainian NER model ships in a PyPI wheel we can use offline without a heavy
dependency, so this matches the names we know: the Cyrillic names of the gazetteer (towns of
Ukraine of 1,000+ people, of the Russian border regions, Russian cities of 50,000+, regions)
and of the alias table. Names are inflected in both languages ("в Бахмуте", "под Авдеевкой",
"Пригожина"), so each text word is compared with the case forms of the name's word: its stem
plus an ending of its own declension (table below), stems of at least four letters, the text's
word capitalised. Forms the corpus also writes in lower case are words, not names. Written by hand because no
library in reach does stem matching against a gazetteer; a proper morphological analyser
(pymorphy3, natasha) would lift recall for irregular forms (Часов Яр -> Часовом Яре).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache

from newstrail.entities import gazetteer as gz
from newstrail.entities.aliases import load_aliases
from newstrail.entities.mentions import write_mentions
from newstrail.entities.names import has_cyrillic
from newstrail.models import Mention
from newstrail.settings import Settings
from newstrail.store import Store

__all__ = ["FOREIGN_STAGE", "FOREIGN_VERSION", "find_foreign_mentions", "foreign_mentions"]

FOREIGN_STAGE = "entities-foreign"
FOREIGN_VERSION = "5"
_WORD = re.compile(r"[А-Яа-яЁёІіЇїЄєҐґ][А-Яа-яЁёІіЇїЄєҐґ'’ʼ\-]*")
# Case forms by the name word's ending, Russian and Ukrainian (hand-written: no morphology
# library in reach). A text word is a form of a name word only if it is the name's stem plus
# one ending of the name's own declension, so "Германия" is not "Герман" (a given name), "Китай"
# is not "Кита" (a whale's genitive) and "Александрия" is not "Александр". Longest ending first.
_DECLENSIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ия", ("ия", "ии", "ию", "ией", "иею")),
    ("ія", ("ія", "ії", "ію", "ією")),
    ("ая", ("ая", "ой", "ую", "ою")),
    ("яя", ("яя", "ей", "юю")),
    ("ый", ("ый", "ого", "ому", "ым", "ом")),
    ("ой", ("ой", "ого", "ому", "ым", "ом")),
    ("ий", ("ий", "ого", "его", "ому", "ему", "им", "ом", "ем", "ім")),
    ("ое", ("ое", "ого", "ому", "ым", "ом")),
    ("ее", ("ее", "его", "ему", "им", "ем")),
    ("ье", ("ье", "ья", "ью", "ьем")),
    ("ые", ("ые", "ых", "ым", "ыми")),
    ("ие", ("ие", "их", "им", "ими")),
    ("ка", ("ка", "ки", "ке", "ку", "кой", "кою", "ці", "ко", "кої", "кій")),
    ("а", ("а", "ы", "и", "е", "у", "ой", "ою", "і", "о", "ої", "ій")),
    ("я", ("я", "и", "е", "ю", "ей", "ею", "і", "ї")),
    ("ь", ("ь", "я", "ю", "ем", "е", "и", "ью", "і", "ю")),
    ("й", ("й", "я", "ю", "ем", "е", "і", "єм")),
    ("о", ("о", "е")),
    ("е", ("е", "ого", "ому", "им", "ім")),
    ("ы", ("ы", "ов", "ам", "ами", "ах")),
    ("и", ("и", "ей", "ам", "ами", "ах", "ів")),
    ("", ("", "а", "у", "е", "ом", "і", "ові", "ем")),
)
_MIN_STEM = 4
"""letters a name word must keep before an ending for its inflected forms to count"""
_LABEL = {"person": "PERSON", "organisation": "ORG", "armed_group": "ORG", "unit": "ORG",
          "facility": "FAC", "region": "GPE", "settlement": "GPE", "country": "GPE"}
_SENTENCE_END = re.compile(r"(?:^|[.!?…:\n]\s*|[«\"“(]\s*)$")


def _low(word: str) -> str:
    return word.lower().replace("ё", "е")


def _forms(word: str) -> frozenset[str]:
    """The case forms of one name word (lower case): the word itself, and its stem with each
    ending of its declension when the stem keeps at least four letters."""
    w = _low(word)
    for ending, endings in _DECLENSIONS:
        if w.endswith(ending):
            stem = w[: len(w) - len(ending)]
            if len(stem) < _MIN_STEM:
                return frozenset({w})
            return frozenset({w, *(stem + e for e in endings)})
    return frozenset({w})


acronyms: dict[str, str] = {}
"""Cyrillic acronyms of the alias table (filled with the index) -> label"""


@lru_cache(maxsize=1)
def _index() -> dict[str, list[tuple[tuple[frozenset[str], ...], str, str]]]:
    """A case form of the first word -> [(case forms of each word, label, name)]."""
    index: dict[str, list[tuple[tuple[frozenset[str], ...], str, str]]] = defaultdict(list)
    gaz = gz.load()

    def add(name: str, label: str) -> None:
        words = _WORD.findall(name)
        if not words or len(words) > 4 or not name[:1].isupper():
            return
        if len(_low(words[0])) < 4:
            return
        forms = tuple(_forms(w) for w in words)
        entry = (forms, label, name)
        for f in forms[0]:
            if entry not in index[f]:
                index[f].append(entry)

    for key, place in gaz.places.items():
        if place.kind == "settlement" and not (
                place.country == "UA" and place.population >= 1000
                or place.country == "RU" and (place.admin1 in ("09", "10", "41")
                                              and place.population >= 1000
                                              or place.population >= 50_000)):
            continue
        for v in gaz.variants.get(key, ()):
            if has_cyrillic(v):
                add(v, "LOC" if place.kind == "area" else "GPE")
    for e in load_aliases().entries:
        if e.context:
            continue
        for n in e.names():
            if not has_cyrillic(n):
                continue
            label = _LABEL.get(e.type, "ORG")
            add(n, label)
            words = _WORD.findall(n)
            if e.type == "person" and len(words) == 2:
                add(words[-1], label)  # the surname alone: "заявил Пригожин"
            if n.isupper() and 2 <= len(n) <= 5:
                acronyms[n] = label  # ВСУ, ЗСУ, ФСБ: matched as written, not stemmed
    return index


def foreign_mentions(doc_id: str, text: str,
                     common: frozenset[str] | set[str] = frozenset()) -> list[Mention]:
    """Known names in a Russian or Ukrainian text. `common` holds the word forms the corpus
    writes in lower case (words, not names: "южной", "новое"); a one-word match of one of
    them is dropped, as is a one-word place next to another capitalised word mid-sentence
    (a person's name: "Владимир Путин", "Вячеслава Молотова")."""
    index = _index()
    given = _given_names()
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    out: list[Mention] = []
    i = 0
    while i < len(words):
        start, end, word = words[i]
        best = None
        if word in acronyms:
            best = (1, acronyms[word], word)
        elif word[:1].isupper():
            for stems, label, _name in index.get(_low(word), ()):
                n = len(stems)
                if i + n > len(words) or (best and n <= best[0]):
                    continue
                if all(_low(words[i + j][2]) in stems[j] for j in range(1, n)):
                    best = (n, label, _name)
        if best and best[0] == 1 and word not in acronyms and (
                _low(word) in common or best[1] in ("GPE", "LOC")
                and (_next_to_name(text, words, i)
                     or _low(word) in given and _low(words[i - 1][2] if i else "") not in _CUES)):
            best = None
        if best:
            n, label, name = best
            s, e = start, words[i + n - 1][1]
            surface = text[s:e]
            out.append(Mention(doc_id, s, e, surface, label, "gazetteer",
                               None if surface == name else name))
            i += n
        else:
            i += 1
    return out


_CUES = {"в", "во", "на", "под", "из", "изо", "у", "до", "от", "к", "ко", "около", "возле",
         "над", "за", "город", "города", "городе", "городом", "г", "біля", "з", "із", "місто",
         "міста", "місті", "поблизу"}
"""words before a place that say it is one: a place name that is also a given name needs one"""


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    """Case forms of the first names of the alias table's people (Владимир, Сергей): a place
    of that name ("Владимир", the city) needs a preposition or "город" before it."""
    out: set[str] = set()
    for e in load_aliases().entries:
        if e.type != "person":
            continue
        for n in e.names():
            words = _WORD.findall(n)
            if len(words) >= 2 and has_cyrillic(n):
                out |= _forms(words[0])
    return frozenset(out)


def _next_to_name(text: str, words: list[tuple[int, int, str]], i: int) -> bool:
    """A capitalised word right before (not opening the sentence) or right after, with only a
    space between: the word is part of a longer name."""
    start, end, _ = words[i]
    if i + 1 < len(words):
        s2, _, w2 = words[i + 1]
        if w2[:1].isupper() and text[end:s2] == " " and not w2.isupper():
            return True
    if i > 0:
        s0, e0, w0 = words[i - 1]
        if (w0[:1].isupper() and text[e0:start] == " " and not w0.isupper()
                and not _SENTENCE_END.search(text[max(0, s0 - 3):s0])):
            return True
    return False


def common_words(texts: Iterable[str], least: int = 2) -> set[str]:
    """Cyrillic word forms the corpus writes in lower case at least `least` times and at
    least a tenth as often as capitalised: ordinary words, whatever a gazetteer says."""
    lower: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    for text in texts:
        for w in _WORD.findall(text):
            (lower if w[:1].islower() else upper)[_low(w)] += 1
    return {w for w, n in lower.items() if n >= least and n * 10 >= upper[w]}


def find_foreign_mentions(store: Store, settings: Settings, *,
                          on_progress: Callable[[str, int, int | None], None] | None = None,
                          batch: int = 200) -> int:
    """Mentions of the documents in Russian or Ukrainian not yet seen; returns how many
    documents were done. Other non-English languages are marked skipped."""
    todo = [r for r in store.pending(FOREIGN_STAGE, FOREIGN_VERSION) if r.get("lang") != "en"]
    common: set[str] = set()
    if todo:
        # learned from every Cyrillic document of the store, not only the new ones
        common = common_words(t for (t,) in store.conn.execute(
            "SELECT text FROM documents WHERE lang IN ('ru', 'uk') AND text IS NOT NULL"))
    for i in range(0, len(todo), batch):
        with store.atomic():
            for row in todo[i:i + batch]:
                doc_id, text = row["doc_id"], row["text"] or ""
                if row.get("lang") not in ("ru", "uk") and not has_cyrillic(text[:2000]):
                    store.mark_processed(doc_id, FOREIGN_STAGE, FOREIGN_VERSION, status="skipped",
                                         reason="unsupported-language",
                                         message=f"no name finder for language {row.get('lang')!r}")
                    continue
                try:
                    with store.atomic():
                        write_mentions(store, doc_id, foreign_mentions(doc_id, text, common))
                        store.mark_processed(doc_id, FOREIGN_STAGE, FOREIGN_VERSION)
                except Exception as exc:  # one document's bad luck is recorded, the run goes on
                    store.mark_processed(doc_id, FOREIGN_STAGE, FOREIGN_VERSION, status="failed",
                                         reason="extraction-error",
                                         message=f"{type(exc).__name__}: {exc}")
        if on_progress:
            on_progress("entities (ru/uk names)", min(i + batch, len(todo)), len(todo))
    return len(todo)

