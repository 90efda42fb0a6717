"""Language-independent text units for provenance: words with offsets, sentences, and a
script-neutral key for names.

Provenance runs first in ``newstrail process`` and needs no NLP model: a word is a run of
letters or digits (Unicode-aware, so Cyrillic, Latin and Greek alike), a sentence ends at
``. ! ? …`` before a space and a capital letter, digit or quote, or at a line break.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from newstrail.entities.names import to_latin as _names_to_latin

_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")
_WORD = re.compile(r"\w+", re.UNICODE)
_URL = re.compile(r"https?://\S+|\bt\.me/\S+", re.I)
"""Links are compared as fingerprints, not as words of the text."""
# A sentence ends after terminal punctuation (optionally closing quotes/brackets) followed by
# whitespace and something that can start a sentence; or at a line break.
_SENT_END = re.compile(r"(?<=[.!?…])[\"'»”)\]]*\s+(?=[\"'«“(\[]?[\w])|\n+")
# single capital letters and common abbreviations that end with a dot but not a sentence
_ABBREV = re.compile(r"(?:\b\w|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Maj|Sgt|Jr|Sr|vs|etc|No|Jan|Feb|Mar|"
                     r"Apr|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|т|г|ст|ул|им))\.$")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


def normalize(text: str) -> str:
    """NFKC, invisible characters (zero-width watermarks, soft hyphens) removed."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))


def words(text: str) -> list[str]:
    """Lower-cased words of ``text`` (letters and digits), in order."""
    return [m.group().lower() for m in _WORD.finditer(normalize(text))]


def iter_word_spans(text: str):
    """(start, end, lower-cased word) over ``text``; offsets into ``text`` itself."""
    for m in _WORD.finditer(_URL.sub(lambda u: " " * len(u.group()), text)):
        w = _INVISIBLE.sub("", m.group())
        if w:
            yield m.start(), m.end(), unicodedata.normalize("NFKC", w).lower().replace("ё", "е")


def sentences(text: str, *, min_words: int = 3) -> list[Sentence]:
    """Sentences of ``text`` with character offsets; fragments of fewer than ``min_words``
    words (menus, bylines, tag lines) are dropped."""
    out: list[Sentence] = []
    start = 0
    pending = 0  # start of a sentence continued after an abbreviation
    for m in _SENT_END.finditer(text):
        chunk = text[start:m.start()]
        if "\n" not in m.group() and _ABBREV.search(chunk.rstrip("\"'»”)]")):
            continue  # "Gen. Syrskyi", "U.S. officials": not a sentence end
        _add(out, text, pending, m.start(), min_words)
        start = pending = m.end()
    _add(out, text, pending, len(text), min_words)
    return out


def _add(out: list[Sentence], text: str, start: int, end: int, min_words: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and len(_WORD.findall(text[start:end])) >= min_words:
        out.append(Sentence(start, end, text[start:end]))


_SKELETON_MAP = str.maketrans({"h": "g", "w": "v", "j": "y", "x": "ks", "q": "k", "c": "k"})
_VOWELS = re.compile(r"[aeiouy]+")
_DIGRAPHS = (("tsch", "ch"), ("sch", "sh"), ("szcz", "shch"), ("cz", "ch"), ("sz", "sh"),
             ("rz", "zh"), ("ł", "l"), ("dsch", "j"))
_NON_LATIN = re.compile(r"[^a-z]")


@lru_cache(maxsize=200_000)
def to_latin(word: str) -> str:
    """Cyrillic to Latin, the one way newstrail transliterates (Ukrainian national scheme for
    Ukrainian, iuliia's Wikipedia scheme for Russian: ``newstrail.entities.names``)."""
    return _names_to_latin(word)


@lru_cache(maxsize=200_000)
def name_key(word: str) -> str:
    """A key that spellings of one name share across scripts and transliterations: the
    first four consonants of the Latin form, vowels dropped, h/g, w/v, c/k merged, doubles
    collapsed. Avdiivka / Avdeevka / Авдіївка / Авдеевка -> ``vdvk``; Kyiv / Kiev / Київ ->
    ``kv``; Prigozhin / Prigozhyn / Пригожин -> ``prgz``. Deliberately coarse: it is one
    fingerprint among many, checked together."""
    latin = unicodedata.normalize("NFKD", to_latin(word).lower())
    latin = _NON_LATIN.sub("", latin)
    for src, dst in _DIGRAPHS:  # German and Polish spellings of Slavic names
        latin = latin.replace(src, dst)
    latin = latin.translate(_SKELETON_MAP)
    latin = latin.replace("kg", "k").replace("zg", "z").replace("sg", "s").replace("tsg", "ts")
    skeleton = _VOWELS.sub("", latin)
    skeleton = re.sub(r"(.)\1+", r"\1", skeleton)
    return skeleton[:4]
