"""A report named after its content: "..., Reuters reported." / "..., the governor said on
Tuesday."

Wire copy and live blogs put the source last: "Luhansk's governor said Russian forces were
shelling populated areas, Reuters reports." The parse often hangs such a closing clause
somewhere the rules cannot read (a relative clause of an apposition: "..., the Russian state
news agency Tass reported, citing a local official"), or the rules take only the inner
report ("the governor said") and lose the outer one, which is the one an analyst traces.
On ukraine-news 42 of 284 sentences ending ", <source> <reporting verb>." had no claim on
that verb.

This is a fallback over tokens, not the parse: a sentence whose last clause is a comma,
a short noun phrase, a reporting verb (with its auxiliaries) and only time phrases,
"citing ..." or punctuation after it, and whose verb no claim holds yet, gets a claim: the
source is the noun phrase, the content the sentence before the comma. Claims found inside
that content then nest under it (``attribution.nest``: Reuters → the governor).
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from newstrail.models import Claim, Span
from newstrail.nlp.markup import ENTRY_STAMP

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

# the verbs of a closing report clause: what wire copy uses there
TRAILING_LEMMAS = frozenset({
    "say", "report", "state", "claim", "add", "note", "write", "announce", "tell", "confirm",
    "allege", "assert", "estimate", "assess", "warn", "insist", "explain", "conclude",
    "deny", "acknowledge", "admit", "indicate", "suggest", "show", "tweet", "post", "argue"})
_AUX = frozenset({"has", "have", "had", "is", "was", "were", "are", "will", "would", "also",
                  "later", "previously", "earlier", "then", "further", "been"})
_AFTER_OK_POS = frozenset({"ADP", "DET", "NUM", "PROPN", "NOUN", "ADJ", "ADV", "PUNCT",
                           "CCONJ", "PART", "SPACE", "PRON"})
MAX_SOURCE_TOKENS = 14
_STAMP = re.compile(rf"(?:{ENTRY_STAMP.pattern}|"
                    r"(?:\d+ (?:hours?|hrs?|mins?|minutes?|days?) ago\s+)+)")


def _source_ok(toks: list[Token]) -> bool:
    if not toks or len(toks) > MAX_SOURCE_TOKENS:
        return False
    if any(t.pos_ in {"VERB", "AUX"} and t.tag_ != "VBN" for t in toks):
        return False  # "people who saw the strike said": a clause, the parse's business
    if any(t.text in {'"', "“", "”", "(", ")", ";", ":"} or "\n" in t.text for t in toks):
        return False
    if any(t.tag_ in {"WDT", "WP", "IN"} and t.lower_ not in {"of", "for", "in", "at", "from"}
           for t in toks):
        return False  # "which FP's X wrote", "although no deaths were reported"
    if any(t.pos_ == "DET" and toks[k - 1].pos_ not in {"ADP", "CCONJ"}
           for k, t in enumerate(toks) if k):
        return False  # "a claim the Kremlin denies": a noun and its relative clause
    return any(t.pos_ in {"PROPN", "NOUN", "PRON"} for t in toks)


def _tail_ok(doc: Doc, verb: Token, end: int) -> bool:
    """After the verb only time and place phrases, "citing ...", punctuation."""
    k = verb.i + 1
    while k < end:
        t = doc[k]
        if t.lemma_.lower() in {"cite", "quote"} and t.tag_ == "VBG":
            return True  # ", citing a local official": the rest is its object
        if t.pos_ not in _AFTER_OK_POS or t.text in {'"', "“", "”"}:
            return False
        if t.lower_ == "that" or t.dep_ == "mark":
            return False  # "said that ...": the content follows, the rules read it
        k += 1
    return True


def _claim(doc: Doc, sent: SpacySpan, verb: Token, text: str, doc_id: str) -> Claim | None:
    from newstrail.nlp import attribution

    start = verb.i
    while start - 1 > sent.start and doc[start - 1].lower_ in _AUX:
        start -= 1
    comma = start - 1
    while comma >= sent.start and doc[comma].text != ",":
        comma -= 1
    if comma <= sent.start:
        return None
    source_toks = list(doc[comma + 1:start])
    if not _source_ok(source_toks):
        return None
    first = sent.start  # the line the closing clause is on: a sentence may run over lines
    for k in range(comma - 1, sent.start - 1, -1):
        if "\n" in doc[k].text or "\n" in doc[k].whitespace_:
            first = k + 1
            break
    body = [t for t in doc[first:comma] if not t.is_space]
    if any(t.like_url or "/" in t.text for t in body):
        return None  # a link line, a headline list
    while body and (body[0].is_punct or body[0].text in {"-", "—"}):
        body = body[1:]
    stamp = _STAMP.match(text, body[0].idx) if body else None
    if stamp:  # a live blog's "12 Jul 2022 22.48" or a list's "1 hour ago" before the entry
        body = [t for t in body if t.idx >= stamp.end()]
    if sum(t.is_alpha for t in body) < 4:
        return None
    if sum(t.text in {'"', "“", "”"} for t in body) % 2:
        return None  # a quotation still open: the quote rules own it
    cue_toks = list(doc[start:verb.i + 1])
    if verb.lemma_ == "tell" and not any(c.i > verb.i for c in verb.children
                                         if c.dep_ in {"dobj", "dative"}):
        return None  # "..., X told Reuters" has its addressee; a bare "we tell" is no report
    if verb.tag_ == "VBN" and any(t.lemma_ == "be" for t in cue_toks):
        return None  # "..., no deaths were reported": passive, no source
    f = attribution._Found(cue_toks, source_toks, [body], "trailing", verb.lemma_.lower())
    return attribution.claim_of(doc, doc_id, f, attribution._span(doc, cue_toks),
                                attribution._span(doc, body), attribution._span(doc, source_toks),
                                {"how": "trailing"})


_CLOSERS = frozenset({'"', "”", "’", "'", ")"})
_NOUN_READ_VERBS = frozenset({"reports", "says", "writes", "notes", "states", "adds"})


def _verb_read_as_noun(tok: Token, end: int) -> bool:
    """"..., Italian media reports, citing the foreign minister.": the tagger reads the verb
    after a plural subject as a plural noun ("media reports"); at the very end of the
    sentence, or before ", citing", after a noun that is not a possessor, it is the verb."""
    if tok.tag_ != "NNS" or tok.lower_ not in _NOUN_READ_VERBS or tok.i == 0:
        return False
    before = tok.doc[tok.i - 1]
    if before.pos_ not in {"NOUN", "PROPN"} or before.tag_ == "POS":
        return False
    nxt = tok.doc[tok.i + 1:tok.i + 3]
    return tok.i + 1 == end or (len(nxt) == 2 and nxt[0].text == "," and nxt[1].lemma_ == "cite")


def _lines(doc: Doc) -> list[SpacySpan]:
    """The sentences of ``doc``, each cut at its line breaks (the parser runs a headline
    and the next line into one sentence)."""
    out = []
    for sent in doc.sents:
        start = sent.start
        for t in sent:
            if "\n" in t.text or "\n" in t.whitespace_:
                if t.i + 1 > start:
                    out.append(doc[start:t.i + 1])
                start = t.i + 1
        if start < sent.end:
            out.append(doc[start:sent.end])
    return out


def add(doc: Doc, claims: list[Claim], doc_id: str) -> list[Claim]:
    """``claims`` plus a claim for every closing report clause no claim holds."""
    from newstrail.nlp.attribution import text_of

    text = text_of(doc)
    held = [(c.cue.start, c.cue.end) for c in claims]
    out = list(claims)
    for sent in _lines(doc):
        last = next((doc[k] for k in range(sent.end - 1, sent.start - 1, -1)
                     if not doc[k].is_space and doc[k].text not in _CLOSERS), None)
        if last is None or last.text not in {".", "!"}:
            continue  # a headline or a list item, not a sentence of the article
        end = sent.end
        while end > sent.start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        # the last reporting verb of the sentence, in its last clause
        verb = next((doc[k] for k in range(end - 1, sent.start, -1)
                     if doc[k].lemma_.lower() in TRAILING_LEMMAS and (
                         doc[k].pos_ == "VERB" and doc[k].tag_ in {"VBD", "VBZ", "VBP", "VBN", "VBG"}
                         or _verb_read_as_noun(doc[k], end))), None)
        if verb is None or not _tail_ok(doc, verb, end):
            continue
        if verb.tag_ == "VBG" and not any(doc[k].lower_ in {"is", "are", "was", "were"}
                                          for k in range(max(sent.start, verb.i - 2), verb.i)):
            continue  # "..., citing" / "..., adding": not a finite report
        if any(s < verb.idx + len(verb.text) and verb.idx < e for s, e in held):
            continue
        claim = _claim(doc, sent, verb, text, doc_id)
        if claim is None:
            continue
        # an inner report whose content ran on over ", Reuters reports" ends before it, so
        # that it nests under the closing report, not the other way round
        cut = claim.content.end
        for k, o in enumerate(out):
            if o.content.start < cut < o.content.end and claim.cue.start < o.content.end:
                o_text = text[o.content.start:cut].rstrip(" ,")
                out[k] = dataclasses.replace(o, content=Span(
                    o.content.start, o.content.start + len(o_text), o_text))
        out.append(claim)
        held.append((claim.cue.start, claim.cue.end))
    return out
