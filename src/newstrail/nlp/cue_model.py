"""The learned decision whether a verb candidate is an attribution cue.

Every verb the rules could read as a cue (any lemma, with a content the rules find: a
clause, an infinitive, an object, a preposition, a quotation next to it) is a candidate;
:func:`features` describes it in words (lemma, how its content was found, preposition,
what kind of subject speaks, tense/modal/negation, its place in the parse, quotations,
what the hand rules and the learned lexicon say) and a logistic regression over those
words, trained on PolNeAR train by ``python -m newstrail.nlp.train_detector``, gives the
probability that PolNeAR would mark it as a cue.

The weights ship as JSON (``data/claims/cue_model.json``: a sparse ``feature -> weight``
map, a bias and the threshold chosen on PolNeAR dev) and are scored here in plain Python:
the installed tool needs neither scikit-learn nor pickle, and a candidate costs a few
dictionary look-ups.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

PATH = "data/claims/cue_model.json"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One verb candidate as the model sees it."""

    words: list[str]
    """Sparse binary features (:func:`features`)."""
    vector: np.ndarray
    """The word vectors of the verb's lemma and of the source's head, each of unit length
    (zeros without one): they let the model judge lemmas and speakers train has not seen
    ("rebuked" near "criticized", "spokeswoman" near "official", "launcher" near "system")."""


@dataclass(frozen=True, slots=True)
class CueModel:
    weights: dict[str, float]
    bias: float
    threshold: float
    """Probability from which a candidate is a cue (chosen on PolNeAR dev for source exact F1)."""
    dense: np.ndarray | None = None
    """Weights of :attr:`Candidate.vector`."""

    def probability(self, cand: Candidate) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in cand.words)
        if self.dense is not None and len(cand.vector) == len(self.dense):
            z += float(self.dense @ cand.vector)
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    def accepts(self, cand: Candidate) -> bool:
        return self.probability(cand) >= self.threshold


_override: list[CueModel | None] = []


def use(model: CueModel | None) -> None:
    """Score with ``model`` instead of the shipped one (``None``: the hand rules only).
    For the trainer's threshold sweep and for tests; ``reset()`` undoes it."""
    _override[:] = [model]


def reset() -> None:
    _override.clear()


def model() -> CueModel | None:
    """The shipped model (or the one set with :func:`use`); None when there is none."""
    if _override:
        return _override[0]
    return _shipped()


@lru_cache(maxsize=1)
def _shipped() -> CueModel | None:
    try:
        data = json.loads(resources.files("newstrail").joinpath(PATH).read_text("utf-8"))
    except FileNotFoundError:
        return None
    return from_dict(data)


def from_dict(data: dict) -> CueModel:
    dense = data.get("dense")
    return CueModel(weights={k: float(v) for k, v in data["weights"].items()},
                    bias=float(data["bias"]), threshold=float(data["threshold"]),
                    dense=np.asarray(dense, dtype=np.float32) if dense else None)


def _unit(v: np.ndarray) -> np.ndarray:
    n = float(np.linalg.norm(v))
    return v / n if n > 0 else v


def vector(tok: Token, source_head: Token | None) -> np.ndarray:
    """:attr:`Candidate.vector` of a verb and the head of its source."""
    verb = _unit_vector(tok.vocab, tok.lemma_.lower())
    if source_head is None or source_head.pos_ == "PRON":
        subj = np.zeros_like(verb)
    else:
        subj = _unit_vector(tok.vocab, source_head.text)
    return np.concatenate([verb, subj])


@lru_cache(maxsize=50_000)
def _unit_vector(vocab: Any, word: str) -> np.ndarray:
    """The unit-length float32 word vector of ``word`` (a token's vector is its word's in
    en_core_web_md); cached, as the same verbs and speakers come back in every document."""
    return _unit(vocab[word].vector).astype(np.float32)


# --- features ---------------------------------------------------------------------------

_WH_OPENERS = {"that", "whether", "if", "how", "what", "why", "when", "where", "who", "to"}
_PERSONAL = {"i", "we", "you", "he", "she", "they"}


def _bin(n: int, edges: Sequence[int]) -> int:
    return next((k for k, e in enumerate(edges) if n <= e), len(edges))


def features(tok: Token, lemma: str, how: str, prep: str | None, source: list[Token] | None,
             content: Sequence[Token], content_chars: tuple[int, int] | None, *,
             rule: bool, known: bool, reporting: bool, frame: tuple[int, int] | None,
             in_quote: bool, sent_has_quote: bool, sent: SpacySpan | None = None) -> Candidate:
    """How the model sees one verb candidate (see the module docstring); ``sent`` is
    ``tok.sent`` when the caller has it (spaCy finds a token's sentence by walking to it)."""
    f = [f"l={lemma}", f"h={how}", f"lh={lemma}|{how}", f"tag={tok.tag_}", f"dep={tok.dep_}",
         f"lt={lemma}|{tok.tag_}"]
    if prep:
        f += [f"p={prep}", f"lhp={lemma}|{how}|{prep}"]
    f.append("rule" if rule else "norule")
    if known:
        f.append("lex")
    if reporting:
        f += ["rcv", f"rcv|{how}"]
    if frame is not None and frame[1] >= 3:
        p = frame[0] / frame[1]
        f += [f"fp={round(p * 5)}", f"fp={round(p * 5)}|n{_bin(frame[1], (5, 20, 100))}"]
    else:
        f.append("fp=none")
    kids = list(tok.children)
    for c in kids:
        if c.dep_ == "aux" and c.tag_ == "MD":
            f.append(f"md={c.lower_}")
        elif c.dep_ == "aux" and c.lower_ == "to":
            f.append("inf")
        elif c.dep_ == "auxpass":
            f += ["pass", f"pass|{lemma}"]
        elif c.dep_ == "neg":
            f += ["neg", f"neg|{lemma}"]
        elif c.dep_ == "prt":
            f.append(f"lprt={lemma}|{c.lower_}")
        elif c.dep_ == "dobj" and how == "dobj":
            f += [f"obj={c.lemma_.lower()}", f"lobj={lemma}|{c.lemma_.lower()}"]
            if c.pos_ == "PRON":
                f.append("objpron")
    head = tok.head
    if head.i != tok.i:
        f.append(f"hdep={tok.dep_}|{head.pos_}")
        if tok.dep_ in {"xcomp", "ccomp", "conj", "advcl", "pcomp", "acl", "relcl"}:
            f.append(f"hl={tok.dep_}|{head.lemma_.lower()}")
    # who speaks
    shead = None
    if not source:
        f.append("s=none")
    else:
        ids = {t.i for t in source}
        shead = next((t for t in source if t.head.i not in ids or t.head.i == t.i), source[0])
        if shead.ent_type_:
            f.append(f"se={shead.ent_type_}")
        if shead.pos_ == "PRON":
            low = shead.lower_
            f.append("s=person" if low in _PERSONAL else f"sp={low}")
        elif shead.pos_ == "PROPN":
            f.append("s=propn")
        else:
            f += [f"s={shead.pos_}", f"sn={shead.lemma_.lower()}"]
        f.append(f"slen={_bin(len(source), (1, 3, 8))}")
    # what is said
    if content:
        first = content[0]
        if first.lower_ in _WH_OPENERS:
            f.append(f"c0={first.lower_}")
        f.append(f"clen={_bin(len(content), (2, 4, 8, 16, 32))}")
        if first.i < tok.i:
            f.append("cbefore")
        if any(t.dep_ in {"nsubj", "nsubjpass"} for t in content):
            f.append("csubj")
        if any(t.pos_ in {"VERB", "AUX"} for t in content):
            f.append("cverb")
    if content_chars is not None:
        f.append("cquote")
    if in_quote:
        f.append("inquote")
    if sent_has_quote:
        f.append("sentquote")
    if sent is None:
        sent = tok.sent
    n = max(1, sent.end - sent.start)
    f.append(f"pos={min(3, 4 * (tok.i - sent.start) // n)}")
    if tok.i == sent.start or (tok.i - sent.start <= 2 and source is None):
        f.append("sentstart")
    return Candidate(f, vector(tok, shead))
