"""Entity mentions found in a parsed document, written for the resolver.

:func:`record_mentions` is called by the claims stage once per English document, inside its
open transaction, with the spaCy ``Doc`` of ``documents.text`` and the claims it found. It
stores the names of people, bodies and places (NER and the gazetteer ruler), the claim
sources that are not already one of those ("the institute", "an anonymous US official"), and
the acronyms the text defines ("the Luhansk People's Republic (LPR)"). A document processed
again has its mentions replaced, not duplicated.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Sequence
from typing import Any

from newstrail.models import Claim, Mention
from newstrail.store import Store

__all__ = ["LABELS", "find_acronyms", "iter_mentions", "record_mentions", "write_mentions"]

LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
_REGION_WORDS = {"oblast", "region", "province", "krai", "raion", "district", "republic"}
_SMALL = {"of", "the", "and", "for", "on", "in", "de", "&"}
_ACRONYM = re.compile(
    r"((?:[A-Z][\w'’\-]*|of|the|and|for|on|in|&)(?:[ \t]+(?:[A-Z][\w'’\-]*|of|the|and|for|on|in|&)){1,8})"
    r"[ \t]*\(([A-Z][A-Za-z]{1,7})\)")


def find_acronyms(text: str) -> list[tuple[str, str]]:
    """(acronym, expansion) pairs defined in ``text``; the acronym's letters must be the
    initials of the expansion's words, in order (small words may be skipped)."""
    found = []
    for m in _ACRONYM.finditer(text):
        words, acro = m.group(1).split(), m.group(2)
        # take the shortest tail of the phrase whose initials spell the acronym
        for start in range(len(words) - 1, -1, -1):
            tail = words[start:]
            if tail[0].lower() in _SMALL:
                continue
            initials = "".join(w[0] for w in tail if w.lower() not in _SMALL)
            initials_all = "".join(w[0] for w in tail)
            if acro.upper() in (initials.upper(), initials_all.upper()):
                found.append((acro, " ".join(tail)))
                break
    return found


def iter_mentions(doc_id: str, text: str, sdoc: Any, claims: Sequence[Claim] = ()) -> list[Mention]:
    """Mentions of one document, sorted by offset, without overlaps of the same origin.
    ``sdoc`` is the parse of ``text`` itself (the claims stage checks that), so its offsets
    are the text's."""
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for ent in sdoc.ents:
        if ent.label_ not in LABELS:
            continue
        end_tok = ent.end
        # "the Kursk region": keep the region word inside the mention, it decides the sense
        if (ent.label_ in ("GPE", "LOC") and end_tok < len(sdoc)
                and sdoc[end_tok].lower_ in _REGION_WORDS):
            end_tok += 1
        span = sdoc[ent.start:end_tok]
        start, end = span.start_char, span.end_char
        # ent_id_ (the place or alias key) is only set by our gazetteer ruler
        origin = "gazetteer" if ent.ent_id_ else "ner"
        if (origin == "ner" and ent.label_ in ("GPE", "LOC") and len(span) == 1
                and sdoc.vocab[span.text.lower()].has_vector):
            # one ordinary English word the NER took for a place ("Police said..."): the
            # resolver then only accepts large places for it
            origin = "ner-word"
        out.append(Mention(doc_id, start, end, text[start:end], ent.label_, origin))
        taken.append((start, end))
    out = _echo_surnames(doc_id, text, out)
    taken = [(m.start, m.end) for m in out]
    for claim in claims:
        src = claim.source
        if src is None or not src.text.strip():
            continue
        core = len(re.sub(r"^(?:the|a|an)\s+", "", src.text.strip(), flags=re.I))
        if any(s < src.end and src.start < e and (min(e, src.end) - max(s, src.start)) >= 0.6 * core
               for s, e in taken):
            continue  # an NER mention already names the source ("the Kremlin", "Reuters")
        out.append(Mention(doc_id, src.start, src.end, text[src.start:src.end] or src.text,
                           "SOURCE", "claim-source"))
        taken.append((src.start, src.end))
    out.sort(key=lambda m: (m.start, m.end))
    return out


_WORD_CHARS = r"[\w'’\-]"


def _echo_surnames(doc_id: str, text: str, found: list[Mention]) -> list[Mention]:
    """The NER tags "Oleksandr Tarnavskyi" but often misses, or calls ORG, the bare
    "Tarnavskyi" later on: every further capitalised occurrence of a full name's last word
    becomes a PERSON mention (origin ``echo``), for the resolver's surname rule."""
    surnames = {m.text.split()[-1] for m in found
                if m.label == "PERSON" and len(m.text.split()) >= 2
                and len(m.text.split()[-1]) >= 3 and m.text.split()[-1][:1].isupper()}
    if not surnames:
        return found
    out = [m for m in found if not (m.label == "ORG" and m.text in surnames)]
    spans = sorted((m.start, m.end) for m in out)
    starts = [s for s, _ in spans]
    reach = list(itertools.accumulate((e for _, e in spans), max))  # furthest end so far
    # one pass over the text for all the surnames (longest first) and a bisect for the
    # overlap test: a regex and a scan of every mention per surname cost 6 ms a document
    names = "|".join(re.escape(n) for n in sorted(surnames, key=len, reverse=True))
    for x in re.finditer(rf"(?<!{_WORD_CHARS})(?:{names})(?!{_WORD_CHARS})", text):
        i = bisect.bisect_left(starts, x.end())  # the mentions that start before it ends
        if i and reach[i - 1] > x.start():
            continue  # it overlaps one of them
        out.append(Mention(doc_id, x.start(), x.end(), x.group(), "PERSON", "echo"))
    return out


def write_mentions(store: Store, doc_id: str, mentions: Iterable[Mention],
                   acronyms: Iterable[tuple[str, str]] = ()) -> int:
    conn = store.conn
    conn.execute("DELETE FROM mentions WHERE doc_id=?", (doc_id,))
    conn.execute("DELETE FROM acronyms WHERE doc_id=?", (doc_id,))
    rows = [(m.doc_id, m.start, m.end, m.text, m.label, m.origin, m.norm) for m in mentions]
    conn.executemany(
        "INSERT INTO mentions (doc_id, start, end, text, label, origin, norm)"
        " VALUES (?,?,?,?,?,?,?)", rows)
    conn.executemany("INSERT OR IGNORE INTO acronyms (acronym, expansion, doc_id) VALUES (?,?,?)",
                     ((a, e, doc_id) for a, e in acronyms))
    return len(rows)


def record_mentions(store: Store, doc: dict[str, Any], sdoc: Any, claims: list[Any]) -> int:
    """Store the mentions of one parsed document (inside the caller's transaction);
    returns how many."""
    text = doc["text"]
    mentions = iter_mentions(doc["doc_id"], text, sdoc, claims)
    return write_mentions(store, doc["doc_id"], mentions, find_acronyms(text))

