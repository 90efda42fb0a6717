"""Mentions in Russian and Ukrainian documents, which the (English) claims stage skips.

No Russian or Ukrainian NER model ships in a PyPI wheel we can use offline without a heavy
dependency, so this matches the names we know: the Cyrillic names of the gazetteer (towns of
Ukraine of 1,000+ people, of the Russian border regions, Russian cities of 50,000+, regions)
and of the alias table. Names are inflected in both languages ("в Бахмуте", "под Авдеевкой",
"Пригожина"), so each word is compared by its stem: the name's word without a final vowel or
soft sign, and the text's word with one case ending (from the list below) taken off. Both
stems of at least four letters, the text's word capitalised. Written by hand because no
library in reach does stem matching against a gazetteer; a proper morphological analyser
(pymorphy3, natasha) would lift recall for irregular forms (Часов Яр -> Часовом Яре).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
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
FOREIGN_VERSION = "3"
_WORD = re.compile(r"[А-Яа-яЁёІіЇїЄєҐґ][А-Яа-яЁёІіЇїЄєҐґ'’ʼ\-]*")
_ENDINGS = sorted({
    "ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ой", "ей", "ом", "ем", "ам", "ям",
    "ах", "ях", "ую", "юю", "ая", "яя", "ые", "ие", "ых", "их", "ым", "им", "ий", "ый", "ою",
    "ею", "ів", "ов", "ев", "у", "ю", "а", "я", "е", "ы", "и", "і", "ї", "о", "ь", "й", "ці",
    "ске", "ська", "ський", "ської", "ського", "ському", "ській", "ськ",
}, key=len, reverse=True)
_FINAL = "аяоеёыиіїуюйь"
_LABEL = {"person": "PERSON", "organisation": "ORG", "armed_group": "ORG", "unit": "ORG",
          "facility": "FAC", "region": "GPE", "settlement": "GPE", "country": "GPE"}


def _stem(word: str) -> str:
    w = word.lower().replace("ё", "е")
    while w and w[-1] in _FINAL and len(w) > 4:
        w = w[:-1]
    return w


def _stems_of_text_word(word: str) -> list[str]:
    w = word.lower().replace("ё", "е")
    out = [w]
    for e in _ENDINGS:
        if w.endswith(e) and len(w) - len(e) >= 4:
            out.append(w[: -len(e)])
    stems = [_stem(s) if len(s) > 4 else s for s in out]
    # an adjective made from the name is not the name ("Російська" is not "Росія"): the
    # part after the stem may not carry the adjective suffix
    return [s for s in stems if "ськ" not in w[len(s):] and "ск" not in w[len(s):]]


acronyms: dict[str, str] = {}
"""Cyrillic acronyms of the alias table (filled with the index) -> label"""


@lru_cache(maxsize=1)
def _index() -> dict[str, list[tuple[tuple[str, ...], str, str]]]:
    """First-word stem -> [(stems of all words, label, name)]."""
    index: dict[str, list[tuple[tuple[str, ...], str, str]]] = defaultdict(list)
    gaz = gz.load()

    def add(name: str, label: str) -> None:
        words = _WORD.findall(name)
        if not words or len(words) > 4 or not name[:1].isupper():
            return
        stems = tuple(_stem(w) for w in words)
        if len(stems[0]) < 4:
            return
        entry = (stems, label, name)
        if entry not in index[stems[0]]:
            index[stems[0]].append(entry)

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


def foreign_mentions(doc_id: str, text: str) -> list[Mention]:
    index = _index()
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    out: list[Mention] = []
    i = 0
    while i < len(words):
        start, end, word = words[i]
        best = None
        if word in acronyms:
            best = (1, acronyms[word], word)
        elif word[:1].isupper():
            for stem in _stems_of_text_word(word):
                for stems, label, _name in index.get(stem, ()):
                    n = len(stems)
                    if i + n > len(words) or (best and n <= best[0]):
                        continue
                    if all(stems[j] in _stems_of_text_word(words[i + j][2]) for j in range(1, n)):
                        best = (n, label, _name)
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


def find_foreign_mentions(store: Store, settings: Settings, *,
                          on_progress: Callable[[str, int, int | None], None] | None = None,
                          batch: int = 200) -> int:
    """Mentions of the documents in Russian or Ukrainian not yet seen; returns how many
    documents were done. Other non-English languages are marked skipped."""
    todo = [r for r in store.pending(FOREIGN_STAGE, FOREIGN_VERSION) if r.get("lang") != "en"]
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
                        write_mentions(store, doc_id, foreign_mentions(doc_id, text))
                        store.mark_processed(doc_id, FOREIGN_STAGE, FOREIGN_VERSION)
                except Exception as exc:  # one document's bad luck is recorded, the run goes on
                    store.mark_processed(doc_id, FOREIGN_STAGE, FOREIGN_VERSION, status="failed",
                                         reason="extraction-error",
                                         message=f"{type(exc).__name__}: {exc}")
        if on_progress:
            on_progress("entities (ru/uk names)", min(i + batch, len(todo)), len(todo))
    return len(todo)

