"""Text hygiene shared by every input kind, and the content hash."""

from __future__ import annotations

import hashlib
import re
import unicodedata

import ftfy

# Invisible characters used as watermarks in wire copy (U+200B..U+200D, U+2060, U+FEFF)
# and soft hyphens: they break tokenisation and exact matching downstream.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_TRAILING_WS = re.compile(r"[ \t\u00a0]+$", re.M)
_MANY_BLANKS = re.compile(r"\n{3,}")


def clean_whitespace(text: str) -> str:
    """Fix mojibake, drop invisible characters, normalise newlines; keep everything else."""
    text = ftfy.fix_text(
        text,
        uncurl_quotes=False,
        fix_line_breaks=True,
        normalization="NFC",
        fix_latin_ligatures=False,
        fix_character_width=False,
        explain=False,
    )
    text = _INVISIBLE.sub("", text)
    text = _TRAILING_WS.sub("", text)
    text = _MANY_BLANKS.sub("\n\n", text)
    return text.strip()


def content_key(text: str) -> str:
    """The form of a text that decides identity: case, width and spacing ignored."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(text.split())


def content_hash(text: str) -> str:
    return hashlib.sha256(content_key(text).encode("utf-8")).hexdigest()
