"""Where a found attribution's source and content begin and end.

The rules in :mod:`newstrail.nlp.attribution` decide *that* a sentence holds an attribution
and which tokens play which role; this module decides the exact edges of the source and
content spans. It is its own stage step so that the edge conventions can be learned and
measured apart from detection (``newstrail eval attribution``: the exact vs overlap rows).

Source edges:

* a relative pronoun that is the subject of the cue ("officials, *who* said ...") is the
  source, as PolNeAR annotates it (a pronoun "he" is the source of "he said" too); the noun
  phrase it stands for, as the rules found it, goes to ``claim.extra["source_resolved"]``
  (``{"start", "end", "text"}``, character offsets into the document's text) by
  :func:`resolve_sources`, so that display, chains and entity linking can use the name;
* a comma-set relative clause on the source ("Barkley, who said he votes democratic, ...")
  is kept or cut by a learned chooser (PolNeAR keeps "X, who works for Y" and cuts a
  clause that is an attribution of its own);

Content edges: where the content ends is chosen among candidate ends (the rules' end, the
end before each comma / semicolon / dash / bracket / colon of the last sentence, the
sentence end) by a learned linear scorer.

Both choosers are logistic regressions trained on PolNeAR train by
``python -m newstrail.nlp.train_boundaries`` (scikit-learn at training time only); the
weights are plain JSON in ``data/claims/boundaries.json`` and scored here in plain Python.
Without that file the rules' edges are kept.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from newstrail.models import Claim

REL_PRONOUNS = frozenset({"who", "which", "that", "whom"})
_RESOLVED_KEY = "newstrail_source_resolved"
"""``doc.user_data`` key: {pronoun char offset: [start, end] of its antecedent}, written by
:func:`source` and consumed (popped) by :func:`resolve_sources` on the same doc."""

MODEL_FILE = "data/claims/boundaries.json"
_CUT_PUNCT = frozenset({",", ";", "—", "--", "(", ":", "-", "–", "―"})
_CLOSED_TAGS = frozenset({"WDT", "WP", "WP$", "WRB", "CC", "IN", "TO", "RB", "DT", "PRP", "MD"})
_QUOTES = frozenset("\"“”‘’'«»")


# --- the learned models: plain JSON weights, scored in Python ------------------------------

@dataclasses.dataclass(frozen=True, slots=True)
class Linear:
    """A logistic regression's weights over string features (absent features are 0)."""

    bias: float
    weights: dict[str, float]

    def score(self, feats: Sequence[str]) -> float:
        w = self.weights
        return self.bias + sum(w.get(f, 0.0) for f in feats)


@lru_cache(maxsize=1)
def models() -> dict[str, Linear]:
    """The choosers in ``data/claims/boundaries.json`` (none when the file is absent or
    ``NEWSTRAIL_BOUNDARIES=rules``, which keeps the rules' edges: for training and
    before/after measurements)."""
    if os.environ.get("NEWSTRAIL_BOUNDARIES") == "rules":
        return {}
    try:
        data = json.loads(resources.files("newstrail").joinpath(MODEL_FILE).read_text("utf-8"))
    except FileNotFoundError:
        return {}
    return {k: Linear(float(v["bias"]), {f: float(x) for f, x in v["weights"].items()})
            for k, v in data["models"].items()}


# --- source ------------------------------------------------------------------------------

def _relative_subject(cue: Sequence[Token]) -> Token | None:
    """The relative pronoun that is the subject of the cue's verb ("X, who said"), also
    through a conjunct ("X, who denied A and said B")."""
    for tok in cue:
        verb = tok
        for _ in range(3):
            if verb.dep_ == "relcl":
                subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
                if subj is not None and subj.lower_ in REL_PRONOUNS and subj.tag_ in {"WP", "WDT"}:
                    return subj
                return None
            if verb.dep_ != "conj" or verb.head.i == verb.i:
                break
            verb = verb.head
    return None


def relcl_of(toks: Sequence[Token]) -> tuple[Token, int] | None:
    """The comma-set relative clause on the source's noun ("Barkley, who said ...") and the
    index in ``toks`` where the source would end without it, or None."""
    ids = {t.i for t in toks}
    for k, t in enumerate(toks):
        if t.dep_ != "relcl" or t.head.i not in ids or k == 0:
            continue
        first = min(x.i for x in t.subtree)
        cut = next((j for j, x in enumerate(toks) if x.i >= first), None)
        if cut is None:
            return None
        while cut > 0 and toks[cut - 1].text in {",", "—", "–", "-", "--"}:
            cut -= 1
        if cut == 0 or toks[cut].text != "," and toks[cut].i == first:
            return None  # restrictive ("people who get themselves into the mess"): stays
        return t, cut
    return None


def relcl_features(verb: Token, toks: Sequence[Token], cut: int) -> list[str]:
    """Features of cutting the relative clause headed by ``verb`` off the source."""
    from newstrail.nlp.attribution import RULE_CUE_VERBS, lexicon

    lemma = verb.lemma_.lower()
    lex = lexicon()
    n = len(toks) - cut
    feats = ["bias-cut", f"lemma={lemma}", f"tag={verb.tag_}", f"len={min(n // 4, 5)}",
             f"head={toks[cut - 1].pos_}"]
    comps = {c.dep_ for c in verb.children}
    for dep in ("ccomp", "xcomp", "dobj", "prep", "acomp", "attr", "advcl"):
        if dep in comps:
            feats.append(f"has={dep}")
    if lemma in RULE_CUE_VERBS:
        feats.append("rule-cue")
    elif lemma in lex.verbs:
        feats.append("lex-cue")
    best = max((a / b for k, (a, b) in lex.frames.items() if k.startswith(lemma + "|") and b >= 3),
               default=None)
    if best is not None:
        feats.append(f"frame-p={min(int(best * 5), 4)}")
    if any(t.text in _QUOTES for t in toks[cut:]):
        feats.append("quote")
    if any(t.ent_type_ == "DATE" for t in toks[cut:]):
        feats.append("date")
    return feats


def source(doc: Doc, kind: str, cue: Sequence[Token], toks: list[Token]) -> list[Token]:
    """The source tokens of an attribution found by rule ``kind`` with cue ``cue``."""
    pron = _relative_subject(cue)
    if pron is not None and toks and pron.head.head.i in {t.i for t in toks} \
            and not any(t.i == pron.i for t in toks):
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        doc.user_data.setdefault(_RESOLVED_KEY, {})[str(pron.idx)] = [start, end]
        return [pron]
    model = models().get("source_relcl")
    if model is not None and toks:
        got = relcl_of(toks)
        if got is not None and model.score(relcl_features(got[0], toks, got[1])) > 0:
            return toks[:got[1]]
    if toks and os.environ.get("NEWSTRAIL_BOUNDARIES") != "rules":
        toks = _source_tail(doc, cue, toks)
    return toks


_DASHES = frozenset({"—", "–", "-", "--", "―"})


def _source_tail(doc: Doc, cue: Sequence[Token], toks: list[Token]) -> list[Token]:
    """What PolNeAR keeps after the source's last token: a time phrase on a participle
    inside it ("a poll released *Wednesday*"), the closing dash of an apposition it opened
    ("Podesta — Clinton's former chief of staff *—*"). (PolNeAR also keeps a possessive
    "'s" — "Trump's statement that" — worth +0.1 dev source exact; left out: "The ministry"
    reads better than "The ministry's" and the claims tests hold that decision.)"""
    ids = {t.i for t in toks}
    cue_ids = {t.i for t in cue}
    nxt = toks[-1].i + 1
    k = nxt
    while k < len(doc) and doc[k].ent_type_ in {"DATE", "TIME"} and k not in cue_ids:
        k += 1
    if k > nxt:
        phrase = doc[nxt:k]
        root = phrase.root
        if root.head.i in ids and root.head.pos_ == "VERB":
            return [*toks, *phrase]
    if nxt < len(doc) and doc[nxt].text in _DASHES and nxt not in cue_ids:
        opened = sum(t.text in _DASHES for t in toks)
        if opened % 2 == 1:
            return [*toks, doc[nxt]]
    return toks


def resolve_sources(doc: Doc, claims: list[Claim], text: str) -> list[Claim]:
    """Put the antecedent of a relative-pronoun source into ``extra["source_resolved"]``
    (``{"start", "end", "text"}``); claims whose source is not such a pronoun are unchanged."""
    resolved = doc.user_data.pop(_RESOLVED_KEY, None)
    if not resolved:
        return claims
    out = []
    for c in claims:
        got = resolved.get(str(c.source.start)) if c.source is not None else None
        if got is not None:
            s, e = got
            c = dataclasses.replace(
                c, extra={**c.extra, "source_resolved": {"start": s, "end": e, "text": text[s:e]}})
        out.append(c)
    return out


# --- content -----------------------------------------------------------------------------

def _end_of(tok: Token) -> int:
    return tok.idx + len(tok.text)


def content_candidates(doc: Doc, start: int, end: int) -> list[tuple[int, Token | None]]:
    """Candidate ends of a content starting at ``start`` whose rules' end is ``end``: the end
    before each cutting punctuation of the last sentence after the content's first token,
    and that sentence's end (without its final punctuation). Each with the punctuation
    token that follows it (None at the sentence end)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return []
    first, last, sent = span[0], span[-1], span[-1].sent
    lo, hi = max(sent.start, last.i - MAX_EDGE_MOVE), min(sent.end, last.i + MAX_EDGE_MOVE)
    out: dict[int, Token | None] = {}
    for t in doc[lo:hi]:
        if t.i > first.i + 1 and t.text in _CUT_PUNCT and not doc[t.i - 1].is_punct:
            out.setdefault(_end_of(doc[t.i - 1]), t)
    k = sent.end - 1
    while k > first.i and (doc[k].is_space or doc[k].is_punct and doc[k].text not in _QUOTES):
        k -= 1
    if k > first.i and k < hi:
        out.setdefault(_end_of(doc[k]), None)
    return sorted(out.items())


def content_features(doc: Doc, kind: str, start: int, rule_end: int, end: int,
                     punct: Token | None, rank: int, text: str,
                     cue_ids: frozenset[int] = frozenset()) -> list[str]:
    """Features of ending the content at ``end`` instead of the rules' ``rule_end``:
    what is cut (``end`` before) or added (after), with the punctuation at the new end and
    how many candidate ends lie in between (``rank``)."""
    from newstrail.nlp.attribution import lexicon

    if end == rule_end:
        nxt = doc.char_span(end, min(len(text), end + 40), alignment_mode="expand")
        after = nxt[0].text if nxt is not None and len(nxt) and nxt[0].is_punct else "word"
        return ["same", f"same|kind={kind}", f"same|next={after}"]
    d = "cut" if end < rule_end else "ext"
    lo, hi = sorted((end, rule_end))
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    seg = doc.char_span(lo, hi, alignment_mode="expand") if hi > lo else None
    toks = [t for t in seg if not t.is_space] if seg is not None else []
    words = [t for t in toks if not t.is_punct]
    cue_after = bool(cue_ids) and doc[min(cue_ids)].idx >= rule_end
    feats = [d, f"{d}|kind={kind}", f"{d}|rank={min(rank, 4)}", f"{d}|cue-after={cue_after}",
             f"{d}|len={min(len(words) // 3, 6)}", f"{d}|p={punct.text if punct else 'END'}"]
    if toks:
        lead = next((t for t in toks if not t.is_punct or t.text in _QUOTES), toks[0])
        w = lead.lower_ if lead.tag_ in _CLOSED_TAGS else lead.pos_
        feats += [f"{d}|w={w}", f"{d}|pw={toks[0].text if toks[0].is_punct else '-'}|{w}"]
        ids = {t.i for t in toks}
        tops = [t for t in words if t.head.i not in ids or t.head.i == t.i]
        tops = [t for t in tops if t.dep_ not in {"cc", "mark", "punct"}] or tops
        if tops:
            dep = tops[0].dep_
            head = tops[0].head
            att = "cue" if head.i in cue_ids else "content" if start <= head.idx < min(
                end, rule_end) else "out"
            feats += [f"{d}|att={att}", f"{d}|att={att}|{dep}", f"{d}|dep={dep}", f"{d}|dep={dep}|{w}", f"{d}|dep={dep}|{w}|{kind}",
                      f"{d}|dep={dep}|p={punct.text if punct else 'END'}"]
        lex = lexicon()
        if any(t.pos_ == "VERB" and t.lemma_.lower() in lex.verbs for t in words):
            feats.append(f"{d}|report-verb")
        if any(t.pos_ in {"VERB", "AUX"} for t in words):
            feats.append(f"{d}|verb")
    if any(c in _QUOTES for c in text[lo:hi]):
        feats.append(f"{d}|quote")
    if punct is None:
        feats.append(f"{d}|sent-end")
    return feats


def content(doc: Doc, kind: str, cue: Sequence[Token], source_toks: Sequence[Token] | None,
            start: int, end: int) -> tuple[int, int]:
    """The content's character span ``[start, end)`` of an attribution."""
    got = models()
    if not got or kind in {"colon", "dash"}:
        return start, end
    from newstrail.nlp.attribution import text_of

    text = text_of(doc)
    cue_ids = frozenset(t.i for t in cue)
    if cue and os.environ.get("NEWSTRAIL_BOUNDARIES") != "rules":
        start = _after_paragraph_break(text, cue, source_toks, start, end)
    if "content_start" in got:
        start = choose_start(doc, kind, start, end, cue_ids, got["content_start"])
    if "content_end" in got:
        end = choose_end(doc, kind, start, end, text, got["content_end"], cue_ids)
    return start, end


MAX_EDGE_MOVE = 60
"""How many tokens a content's end may move either way: bounds the work on a "sentence"
of thousands of tokens (a table, a list the parser did not split); PolNeAR dev scores are
the same with and without the bound."""

_LEAD_GAP = re.compile(r"[\s,:]*")


def _after_paragraph_break(text: str, cue: Sequence[Token], source_toks: Sequence[Token] | None,
                           start: int, end: int) -> int:
    """'... a total stiff.”\n\nHe says, “Here's a guy ...”': a content that starts in the
    paragraph before its source and cue and runs on after the cue (the quotations of two
    paragraphs were joined around the speaker) starts after the cue."""
    lo = min(cue[0].idx, source_toks[0].idx if source_toks else cue[0].idx)
    cue_end = cue[-1].idx + len(cue[-1].text)
    if start >= lo or end <= cue_end or "\n" not in text[start:lo]:
        return start
    new = _LEAD_GAP.match(text, cue_end).end()
    return new if new < end else start


START_LOOKAHEAD = 6
"""How many leading tokens of a content the start chooser may drop."""


def start_candidates(doc: Doc, start: int, end: int, cue_ids: frozenset[int]
                     ) -> list[tuple[int, list[str]]]:
    """(later start, features) for dropping each of the first ``START_LOOKAHEAD`` tokens of
    the content ("concern *about* the plan": "the plan"; "urged *voters* to register": "to
    register"), each while a word still follows, never past a reporting verb."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) < 2:
        return []
    from newstrail.nlp.attribution import lexicon

    verbs = lexicon().verbs
    toks = [t for t in span if not t.is_space]
    out = []
    for k in range(1, min(START_LOOKAHEAD, len(toks) - 1) + 1):
        dropped, nxt = toks[:k], toks[k]
        if dropped[-1].pos_ == "VERB" and dropped[-1].lemma_.lower() in verbs:
            break  # "reports alleging that ...": what follows is that verb's content
        if nxt.is_punct or dropped[-1].text in _QUOTES:
            continue
        last = dropped[-1]
        pattern = " ".join(t.dep_ for t in dropped)
        att = "cue" if last.head.i in cue_ids else "in" if last.head.i in {
            t.i for t in dropped} else "out"
        w = last.lower_ if last.tag_ in _CLOSED_TAGS else last.pos_
        feats = [f"k={k}", f"pat={pattern}", f"last={last.dep_}|{w}", f"att={att}",
                 f"last={last.dep_}|att={att}", f"next={nxt.dep_}|{nxt.pos_}",
                 f"first={toks[0].dep_}|{toks[0].pos_}"]
        if any(t.dep_ == "dobj" and t.head.i in cue_ids for t in dropped):
            feats.append("cue-object")
            feats.append(f"cue-object|{last.dep_}|{w}")
        if nxt.head.i in {t.i for t in dropped}:
            feats.append("next-hangs-on-dropped")
        if any(t.is_punct for t in dropped):
            feats.append("punct")
        out.append((nxt.idx, feats))
    return out


def choose_start(doc: Doc, kind: str, start: int, end: int, cue_ids: frozenset[int],
                 model: Linear) -> int:
    """The rules' start, or the later start the model rates likelier than not."""
    best, best_score = start, 0.0
    for s, feats in start_candidates(doc, start, end, cue_ids):
        score = model.score([*feats, f"kind={kind}"])
        if score > best_score:
            best, best_score = s, score
    return best


def choose_end(doc: Doc, kind: str, start: int, end: int, text: str, model: Linear,
               cue_ids: frozenset[int] = frozenset()) -> int:
    """The rules' end, or the alternative end the model rates likelier than not to be the
    annotated one (the best of them)."""
    best, best_score = end, 0.0
    for end2, feats in scored_candidates(doc, kind, start, end, text, cue_ids)[1:]:
        s = model.score(feats)
        if s > best_score:
            best, best_score = end2, s
    return best


def scored_candidates(doc: Doc, kind: str, start: int, end: int, text: str,
                      cue_ids: frozenset[int] = frozenset()) -> list[tuple[int, list[str]]]:
    """(candidate end, its features) for every candidate end, the rules' own first."""
    punct = dict(content_candidates(doc, start, end))
    allc = sorted({*punct, end})
    at = allc.index(end)
    span = doc.char_span(start, end, alignment_mode="expand")
    ids = {t.i for t in span} if span is not None else set()
    roots = [t.idx for t in span or () if t.head.i not in ids or t.head.i == t.i]
    out = [(end, content_features(doc, kind, start, end, end, None, 0, text, cue_ids))]
    for k, e in enumerate(allc):
        lo, hi = sorted((e, end))
        # left out: the same span; one across a quotation mark (the rules took the whole
        # quotation); a cut that takes the content's own head ("47 people, among them 12
        # children, left the area": never "47 people"); the cue verb's next act
        if e != end and any(ch.isalnum() for ch in text[lo:hi]) \
                and not any(ch in _QUOTES for ch in text[lo:hi]) \
                and not (e < end and any(lo <= r < hi for r in roots)) \
                and not (e > end and (_conjunct_of_cue(doc, lo, hi, cue_ids)
                                      or _next_report(doc, lo, hi))):
            out.append((e, content_features(doc, kind, start, end, e, punct.get(e), abs(k - at),
                                            text, cue_ids)))
    return out


def _next_report(doc: Doc, lo: int, hi: int) -> bool:
    """Does ``[lo, hi)`` open with the source's next report ('"A," Peabody said, *adding
    that B*': a reporting verb's present participle after a comma, with a clause of its
    own)? That is a claim of its own, never the end of this content."""
    from newstrail.nlp.attribution import RULE_CUE_VERBS

    seg = doc.char_span(lo, hi, alignment_mode="expand")
    if seg is None:
        return False
    words = [t for t in seg if not (t.is_punct or t.is_space)]
    return bool(words) and words[0].tag_ == "VBG" \
        and words[0].lemma_.lower() in RULE_CUE_VERBS \
        and any(c.dep_ in {"ccomp", "xcomp"} for c in words[0].children)


def _conjunct_of_cue(doc: Doc, lo: int, hi: int, cue_ids: frozenset[int]) -> bool:
    """Does ``[lo, hi)`` hold a subjectless conjunct of the cue verb ("reported that A, but
    did not give details")? That is the source's next act, never what it said. (With a
    subject of its own, "said A, but a judge refused B" is mostly a misparsed second clause
    of the content, and the model decides.)"""
    seg = doc.char_span(lo, hi, alignment_mode="expand")
    return seg is not None and any(
        t.dep_ == "conj" and t.head.i in cue_ids
        and not any(c.dep_ in {"nsubj", "nsubjpass", "expl", "csubj"} for c in t.children)
        for t in seg)


MIN_WEIGHT = 0.01
"""Weights smaller than this are left out of the artefact (no measurable effect on dev; the
file shrinks by about half)."""


def model_json(models_: dict[str, tuple[float, dict[str, float]]], meta: dict[str, Any]) -> str:
    """The artefact written by the trainer."""
    return json.dumps({"meta": meta, "models": {
        k: {"bias": round(b, 4), "weights": {f: round(w, 4) for f, w in sorted(ws.items())
                                             if abs(w) >= MIN_WEIGHT}}
        for k, (b, ws) in models_.items()}}, ensure_ascii=False, indent=0, sort_keys=True)
