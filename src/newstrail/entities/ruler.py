"""A gazetteer-fed entity ruler placed before spaCy's NER.

(Scaffold: the entities stage fills the patterns from the gazetteer and alias table.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language


def add_gazetteer_ruler(nlp: Language) -> None:
    """Add the ruler before ``ner`` (idempotent)."""
    if "gazetteer_ruler" in nlp.pipe_names:
        return
    nlp.add_pipe("entity_ruler", name="gazetteer_ruler", before="ner")
