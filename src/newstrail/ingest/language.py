"""Language identification with py3langid (offline, fast, 97 languages)."""

from __future__ import annotations

import re
from functools import lru_cache

_LETTERS = re.compile(r"[^\W\d_]", re.U)
_UK_ONLY = re.compile("[іїєґІЇЄҐ]")
_RU_ONLY = re.compile("[ыэъЫЭЪё]")


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import _load_identifier

    return _load_identifier(norm_probs=True)


def detect(text: str, *, min_letters: int = 20) -> tuple[str | None, float]:
    """(ISO 639-1 code, probability); (None, 0.0) when the text is too short to tell."""
    sample = text[:4000]
    if len(_LETTERS.findall(sample)) < min_letters:
        return None, 0.0
    lang, prob = _identifier().classify(sample)
    # langid confuses Ukrainian and Russian (and Belarusian/Bulgarian/Macedonian)
    # on short texts; letters unique to one orthography settle it.
    if lang in {"ru", "uk", "be", "bg", "mk"}:
        uk, ru = len(_UK_ONLY.findall(sample)), len(_RU_ONLY.findall(sample))
        if uk > 2 and ru == 0:
            lang = "uk"
        elif ru > 2 and uk == 0:
            lang = "ru"
    return lang, float(prob)
