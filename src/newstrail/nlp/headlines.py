"""Other stories' headlines left on a page: no claim of the document.

Extracted pages keep the site's lists of other stories ("Most read", "Related", carousels
of video titles, a radio station's news ticker), one headline per line, and a headline is
often an attribution ("UN watchdog warns Ukraine war keeps nuclear safety on a knife-edge",
"Orbán bashes Ukraine on Nord Stream"). Once a line break ends a sentence
(:func:`newstrail.nlp.model.line_breaks`) each becomes a claim of its own. A list is told
from the article by its shape: at least ``MIN_RUN`` lines in a row that each look like a
headline (a capital, at least four words with a lower-case one, at most ``MAX_CHARS``
characters, no sentence end), where the article's own headline and standfirst are one or two such lines. A teaser the
site cut short ("... as its new AI advisory…") counts as such a line, and time stamps and
bylines between the headlines of a list do not break it. A live blog's inline "<headline>
Read more" link is the same kind of debris.

Hand-written: the extractor (trafilatura) leaves these blocks in plain-text copies and in
pages it cannot segment, and no library marks them. Ingest's debris rules
(:mod:`newstrail.ingest.debris`) remove such a list from the stored text only under a
"Related" / "Most read" heading: taking text out of a document needs that anchor, while
here a wrong guess only costs a claim, so the shape alone decides.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newstrail.models import Claim

MIN_RUN = 3
MAX_CHARS = 160
_BULLET = re.compile(r"^\s*(?:[*•·–-]|\d{1,2}[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?:;…”\"'’)]\s*$")
_READ_MORE = re.compile(r"\s+Read more\b")
_LINK_START = re.compile(r"[^.!?\n]{10,200}$")  # the headline before it, back to a sentence end


# a teaser cut short by the site ("Estonia has built a global reputation for digital
# governance; that reputation is now at risk, as its new AI advisory…")
_TEASER_END = re.compile(r"\w(?:…|\.\.\.)\s*$")
TEASER_MAX_CHARS = 300
# lines between the headlines of a list that neither make nor break it: a time stamp
# ("27/02/2026 13:26", "3 Jul 2022 22.53", "2 hours ago") or a byline ("Mihaela Tobultoc",
# "By Tarlapan Octav")
_STAMP = re.compile(r"^\s*(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2} \w{3,9} \d{4}|\d{4}-\d{2}-\d{2})"
                    r"(?:,?\s+\d{1,2}[.:]\d{2})?\s*$|^\s*\d{1,2} (?:minutes?|hours?|days?) ago\s*$",
                    re.IGNORECASE)
_BYLINE = re.compile(r"^\s*(?:By\s+)?[A-ZÀ-Ž][\w'’.-]+(?:\s+[A-ZÀ-Ž][\w'’.-]+){0,3}\s*$")


def _filler(line: str) -> bool:
    return bool(_STAMP.match(line) or _BYLINE.match(line))


def _headline_like(line: str) -> bool:
    line = _BULLET.sub("", line).strip()
    words = line.split()
    if _TEASER_END.search(line):
        return 0 < len(line) <= TEASER_MAX_CHARS and line[0].isupper() and len(words) >= 4
    # a lower-case word: a headline has one ("to", "of", "says"), a photo credit does not
    # ("Tetiana DZHAFAROVA, SAUL LOEB")
    return (0 < len(line) <= MAX_CHARS and line[0].isupper() and len(words) >= 4
            and any(w.isalpha() and w.islower() for w in words)
            and not _SENTENCE_END.search(line))


def blocks(text: str) -> list[tuple[int, int]]:
    """Character ranges of the runs of headline lines in ``text``, and of inline
    "... Read more" links."""
    out: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []

    def close() -> None:
        if len(run) >= MIN_RUN:
            out.append((run[0][0], run[-1][1]))
        run.clear()

    pos = 0
    for line in text.split("\n"):
        blank = not line.strip()
        if not blank and _headline_like(line):
            run.append((pos, pos + len(line)))
        elif not (run and (blank or _filler(line))):
            close()  # a blank line, a time stamp or a byline inside a list does not end it
        pos += len(line) + 1
    close()  # a list that ends the text
    for m in _READ_MORE.finditer(text):  # found first: a look-back per link, not per char
        head = _LINK_START.search(text, max(0, m.start() - 200), m.start())
        if head is not None:
            out.append((head.start(), m.end()))
    return sorted(out)


def drop_listed(claims: Iterable[Claim], text: str) -> list[Claim]:
    """``claims`` without those whose cue lies in a list of other headlines."""
    spans = blocks(text)
    if not spans:
        return list(claims)
    return [c for c in claims if not any(s <= c.cue.start < e for s, e in spans)]
