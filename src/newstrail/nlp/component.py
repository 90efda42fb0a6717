"""The attribution rules as a spaCy pipeline component, so that they run where the parse
runs: inside ``nlp.pipe``'s worker processes when ``claims_workers`` > 1.

Measured (bench/claims.py): with the rules in the main process, two parsing workers and
the main process competed for two cores and the stage ran at 0.72 of bare ``nlp.pipe``.
The component leaves the main process only the dates (which need the publication date),
the entities stage's mentions and the writes. Results travel back with the ``Doc`` in
``doc.user_data`` as plain dicts (spaCy serialises user data with msgpack).
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from spacy.language import Language

from newstrail.models import Claim, Span
from newstrail.nlp import (
    attribution,
    boundaries,
    citing,
    dates,
    headlines,
    markup,
    quantities,
    trailing,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

NAME = "newstrail_claims"
KEY = "newstrail_claims"
PUBLISHED = "newstrail_published"
"""``doc.user_data`` key of the publication date the stage gives a document before parsing:
with it the component resolves the dates too, in the worker (they need that date)."""

_HEADER = re.compile(r"\x00newstrail:(?:(piece)|published=([^\x00]*))\x00")


def with_header(text: str, published: str | None, *, whole: bool = True) -> str:
    """``text`` as the claims pipeline's tokenizer takes it: a header saying whether it is a
    whole document (and then its publication date, possibly empty) or a piece of one.

    The header lets the stage hand ``nlp.pipe`` plain strings, so the tokenizer runs in the
    parsing workers with the date at hand: handing it ``Doc`` objects made the main process
    tokenise and serialise every document (``Doc.to_bytes``), about 2 s of its CPU per 84
    PolNeAR articles while two workers held both cores. Every text the stage parses gets a
    header, so a header-like string inside an article is never read as one."""
    if not whole:
        return "\x00newstrail:piece\x00" + text
    return f"\x00newstrail:published={(published or '').replace(chr(0), '')}\x00" + text


class HeaderTokenizer:
    """The model's tokenizer behind :func:`with_header`: strips the header (only a header at
    the very start, once) and records the publication date in ``doc.user_data[PUBLISHED]``.
    Text without a header is tokenised as it is."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        m = _HEADER.match(text)
        if m is None:
            return self.tokenizer(text)
        doc = self.tokenizer(text[m.end():])
        if m.group(1) is None:  # a whole document: the component resolves its dates
            doc.user_data[PUBLISHED] = m.group(2)
        return doc


def find(doc: Doc, doc_id: str) -> tuple[list[Claim], list[quantities.Quantity]]:
    """The rules on one parsed document: claims found, framed (retellings), nested; and its
    quantities when it has a claim (what the component ships and the main process redoes
    when the component did not run on this doc)."""
    text = attribution.text_of(doc)
    found = attribution.extract(doc, doc_id)
    found = trailing.add(doc, found, doc_id)  # "..., Reuters reported."
    found = citing.attach(doc, found)  # "Tass, citing a local official, said": a via
    found = markup.trim(found, text)  # "**Russia", "3 Jul 2022 22.53 ..."
    found = headlines.drop_listed(found, text)  # "Most read" lists of other stories
    found = attribution.retelling_frame(doc, found, doc_id)
    found = boundaries.resolve_sources(doc, found, text)
    claims = attribution.nest(found, text)  # chains name the speakers
    return claims, quantities.find(doc) if claims else []


@lru_cache(maxsize=1)
def _one_blas_thread() -> Any:
    """Limit OpenBLAS to one thread in the process the rules run in (a parsing worker, or the
    main process). The learned parts do small numpy products per candidate, and OpenBLAS's
    default threads only spin against each other and the parser: on 30 PolNeAR articles the
    pipe with this component took 9.0 s with them and 7.0 s without (two processes: 9.7 s and
    5.8 s), while bare spaCy did not change. Kept for the life of the process."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


@Language.component(NAME)
def claims_component(doc: Doc) -> Doc:
    _one_blas_thread()
    claims, quants = find(doc, "")
    doc.user_data[KEY] = {
        "claims": [dataclasses.asdict(c) for c in claims],
        "quantities": [dataclasses.asdict(q) for q in quants],
    }
    if PUBLISHED in doc.user_data:
        published = doc.user_data[PUBLISHED] or None
        doc.user_data[KEY]["dates"] = [dataclasses.asdict(d) for d in dates.find(doc, published)]
        doc.user_data[KEY]["published"] = published
    doc.user_data.pop("newstrail_text", None)  # do not ship the text back twice
    return doc


def claim_from_dict(d: dict[str, Any], doc_id: str) -> Claim:
    src = d.get("source")
    return Claim(
        doc_id=doc_id, cue=Span(**d["cue"]), content=Span(**d["content"]),
        source=Span(**src) if src else None, parent=d.get("parent"),
        stance=d.get("stance", "reported"), hedge_cues=tuple(d.get("hedge_cues") or ()),
        hedge_band=d.get("hedge_band"), extra=dict(d.get("extra") or {}),
    )


def precomputed_dates(doc: Doc, published: str | None) -> list[dates.DateMention] | None:
    """The dates the component resolved in ``doc`` against ``published``, or None when it did
    not (no publication date was given to it, or another one)."""
    got = doc.user_data.get(KEY)
    if not got or "dates" not in got or got.get("published") != published:
        return None
    return [dates.DateMention(**d) for d in got["dates"]]


def precomputed(doc: Doc, doc_id: str) -> tuple[list[Claim], list[quantities.Quantity]] | None:
    """What the component found in ``doc``, or None when it did not run on this very doc
    (a long document parsed in pieces and joined, a doc parsed without the component)."""
    got = doc.user_data.get(KEY)
    if not got:
        return None
    claims = [claim_from_dict(d, doc_id) for d in got["claims"]]
    quants = [quantities.Quantity(**{**q, "extra": dict(q.get("extra") or {})})
              for q in got["quantities"]]
    return claims, quants


@lru_cache(maxsize=2)
def load_claims_nlp(disable: tuple[str, ...]) -> Language:
    """A pipeline of its own (not the shared cached one of ``load_nlp``) with the component
    last, so the other stages' pipelines are not changed."""
    from newstrail.nlp.model import load_nlp

    nlp = load_nlp.__wrapped__(disable)
    nlp.add_pipe(NAME, last=True)
    nlp.tokenizer = HeaderTokenizer(nlp.tokenizer)
    return nlp
