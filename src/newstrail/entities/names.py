"""Name normalisation: folding, Cyrillic transliteration and a cross-language spelling key.

Three levels, from strict to loose:

* :func:`fold`: Unicode-folded, lowercase ASCII Latin with punctuation and a leading "the"
  removed. Two variants with the same fold are the same string for our purposes
  ("Zaporizhzhia" / "ZAPORIZHZHIA", "Kharkiv’s" / "Kharkiv").
* :func:`latin_forms`: every Latin rendering of a Cyrillic name by the standard schemes
  (Ukrainian national 2010 for Ukrainian, BGN/PCGN, scientific, Wikipedia, ICAO and the French
  MVD scheme for Russian, via iuliia).
* :func:`skeletons`: a consonant skeleton that ignores vowels and maps the sounds the English,
  French and German renderings spell differently onto one class (zh / j / sch, kh / h / ch,
  ts / z, w / v, y / i / j endings). It only proposes candidates; a merge also needs the type,
  a fuzzy score and (for people) the same token count: see ``resolve``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import iuliia

__all__ = ["fold", "has_cyrillic", "is_ukrainian", "latin_forms", "skeletons", "to_latin",
           "tokens", "uk_national"]

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_UK_ONLY = re.compile(r"[іїєґІЇЄҐ]")
_RU_ONLY = re.compile(r"[ыэёъЫЭЁЪ]")
_APOSTROPHES = "'’ʼ`´ʹ‘"
_NON_WORD = re.compile(r"[^0-9a-z\u0400-\u04ff]+")
_THE = re.compile(r"^(the|a|an)\s+")
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")

# Ukrainian national transliteration (Cabinet of Ministers resolution 55 of 2010), written out
# here because iuliia only ships Russian schemes. Word-initial forms differ for є ї й ю я.
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_UK = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "'": "", "’": "", "ʼ": "",
    # Russian letters that turn up in Ukrainian-script text, rendered the BGN/PCGN way
    "ы": "y", "э": "e", "ё": "yo", "ъ": "",
}
_RU_SCHEMES = (iuliia.WIKIPEDIA, iuliia.BGN_PCGN, iuliia.ICAO_DOC_9303, iuliia.SCIENTIFIC,
               iuliia.MVD_310_FR)


def has_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))


def is_ukrainian(text: str) -> bool:
    """Ukrainian-only letters and no Russian-only ones."""
    return bool(_UK_ONLY.search(text)) and not _RU_ONLY.search(text)


def _uk_national(text: str) -> str:
    out = []
    for i, ch in enumerate(text):
        low = ch.lower()
        # after the apostrophe a letter is not word-initial (Знам'янка -> Znamianka)
        initial = i == 0 or not (text[i - 1].isalpha() or text[i - 1] in _APOSTROPHES)
        if low == "г" and i > 0 and text[i - 1].lower() == "з":
            rep = "gh"  # зг -> zgh, so it is not read as zh
        elif initial and low in _UK_INITIAL:
            rep = _UK_INITIAL[low]
        else:
            rep = _UK.get(low, ch if low == ch else low)
        if ch != low and rep:
            rep = rep[0].upper() + rep[1:]
        out.append(rep)
    return "".join(out)


def uk_national(text: str) -> str:
    """``text`` in the Ukrainian national transliteration (KMU 2010): Авдіївка -> Avdiivka,
    Куп’янськ -> Kupiansk, Запоріжжя -> Zaporizhzhia."""
    return _uk_national(text)


@lru_cache(maxsize=200_000)
def latin_forms(text: str) -> tuple[str, ...]:
    """Latin renderings of ``text``: itself if already Latin, else one per scheme."""
    if not has_cyrillic(text):
        return (text,)
    forms = []
    if not _RU_ONLY.search(text):
        forms.append(_uk_national(text))
    if not is_ukrainian(text):
        forms.extend(s.translate(text) for s in _RU_SCHEMES)
    seen: dict[str, None] = {}
    for f in forms:
        seen.setdefault(f, None)
    return tuple(seen)


def to_latin(text: str) -> str:
    """The preferred Latin rendering (Ukrainian national, else Wikipedia-style Russian)."""
    if not has_cyrillic(text):
        return text
    if not _RU_ONLY.search(text):
        return _uk_national(text)
    return iuliia.WIKIPEDIA.translate(text)


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lowercase ASCII form: diacritics, apostrophes (soft signs), punctuation and a leading
    article removed; Cyrillic transliterated first."""
    text = to_latin(text.strip())
    text = _POSSESSIVE.sub("", text)
    text = "".join(c for c in text if c not in _APOSTROPHES)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("ß", "ss").replace("ø", "o").replace("æ", "ae").replace("ł", "l")
    text = _NON_WORD.sub(" ", text).strip()
    return _THE.sub("", text)


def tokens(text: str) -> list[str]:
    return fold(text).split()


# --- the cross-language spelling key ---------------------------------------------------------
# Classes: S = ш ж щ (sh zh sch shch, French ch / j / ge-gi), C = ч (ch tch tsch cz),
# H = х г (kh h g ch-German), Z = з с ц (z s ts tz c-before-e/i), V = в (v w ff), K = к (k c q ck).
# Ambiguous spellings (ch, j, g before e/i) give several keys; vowels and doubled letters vanish.
_PRIMARY = [
    ("schtsch", "S"), ("shch", "S"), ("chtch", "S"), ("sch", "S"), ("tsch", "C"), ("tch", "C"),
    ("zh", "S"), ("sh", "S"), ("kh", "H"), ("ts", "Z"), ("tz", "Z"), ("cz", "C"), ("ck", "K"),
    ("ph", "F"), ("gu", "H"), ("qu", "KV"), ("x", "KZ"),
]
_SINGLE = {"b": "B", "v": "V", "w": "V", "f": "F", "g": "H", "h": "H", "d": "D", "z": "Z",
           "s": "Z", "k": "K", "q": "K", "l": "L", "m": "M", "n": "N", "p": "P", "r": "R",
           "t": "T"}
_VOWELS = set("aeiouy")


def _token_keys(tok: str) -> set[str]:
    """Keys of one folded token, with alternatives for ambiguous letters (at most 8)."""
    results = {""}
    i = 0
    while i < len(tok):
        options: list[str] | None = None
        for src, dst in _PRIMARY:
            if tok.startswith(src, i):
                options, step = [dst], len(src)
                break
        if options is None:
            ch, step = tok[i], 1
            nxt = tok[i + 1] if i + 1 < len(tok) else ""
            if ch == "c":
                if tok.startswith("ch", i):
                    options, step = ["C", "H", "S"], 2  # English ч, German х, French ш
                elif nxt in ("e", "i", "y"):
                    options = ["Z"]
                else:
                    options = ["K"]
            elif ch == "j":
                options = ["", "S"]  # German/Polish й (a vowel-like glide), French ж
            elif ch == "g" and nxt in ("e", "i"):
                options = ["H", "S"]  # French ge/gi = ж
            elif ch in _VOWELS:
                options = [""]
            elif ch.isdigit():
                options = [ch]
            else:
                options = [_SINGLE.get(ch, "")]
        results = {r + o for r in results for o in options}
        if len(results) > 8:
            results = set(sorted(results)[:8])
        i += step
    return {re.sub(r"(.)\1+", r"\1", r) for r in results}


@lru_cache(maxsize=200_000)
def skeletons(text: str) -> frozenset[str]:
    """Spelling keys of a name over all its Latin forms: one string per combination of the
    ambiguous letters, tokens joined by a space."""
    keys: set[str] = set()
    for form in latin_forms(text):
        toks = fold(form).split()
        if not toks:
            continue
        combos = {""}
        for tok in toks:
            tk = _token_keys(tok)
            combos = {(c + " " + k).strip() for c in combos for k in tk}
            if len(combos) > 16:
                combos = set(sorted(combos)[:16])
        keys |= combos
    return frozenset(k for k in keys if k)
