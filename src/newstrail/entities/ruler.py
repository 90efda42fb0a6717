"""A gazetteer-fed entity ruler placed before spaCy's NER.

The md model tags Bakhmut as ORG and Nova Kakhovka as PERSON; a phrase ruler before ``ner``
fixes the spans and labels of the places and names of the war, and ``ner`` keeps them.
Patterns (case-sensitive ORTH phrase patterns, the cheapest kind):

* Ukrainian settlements (official and Latin alternate names), Russian settlements of the
  border regions (Belgorod, Bryansk, Kursk) and of 50,000+ people elsewhere -> GPE;
* regions and countries -> GPE, areas (Donbas, the Dnipro river) -> LOC, facilities -> FAC;
* the alias table: people -> PERSON, bodies, armed groups and units -> ORG. Homonyms that
  need context (the Kursk submarine) are left to the resolver.

One-word settlement names that are ordinary English words or first names ("Star", "Police",
"Tim": villages in Ukraine) are dropped, found by the model's word vectors plus the list
``_ENGLISH``: an ORTH match on a capitalised word would override a correct NER decision.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["add_gazetteer_ruler", "patterns"]

RULER_NAME = "gazetteer_ruler"
_BORDER_RU = {"09", "10", "41"}
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z'’\-]+(?: [A-Za-z'’\-]+){0,3}$")
# Settlement names (from the Ukrainian and Russian lists) that read as ordinary English words
# or common first names in US/UK news; found by running the ruler over PolNeAR train.
_ENGLISH = {
    "Sofia", "Victoria", "Nadia", "Maria", "Marina", "Diana", "Vera", "Nina", "Lara", "Alexandria",
    "Luna", "Oleg", "Ivan", "Rus", "Mir", "Pobeda", "Progress", "Sputnik", "Zarya", "Orient",
    "Union", "Victory", "Ray", "Kiev Ray", "Nova", "Lenin", "Komsomol", "Kirov", "Kalinin",
    "Lincoln", "Washington", "Franklin", "Jefferson", "Clinton", "Trump", "Warren", "Berlin",
    "Paris", "Lima", "Rome", "Troy", "Atlanta", "Aurora", "Florida", "Georgia", "Alma", "Rosa",
    "Lesnoy", "Zelenyi", "Zelena", "Bor", "Dom", "Les", "Pole", "Most", "Port", "Park", "Nil",
    "Nemo", "Arsenal", "Lada", "Mars", "Neptune", "Gloria", "Sanders", "Cruz", "Rubio", "Kasich",
    "Vladimir", "Stalin", "Dmitriyev", "Petersburg", "Pushkin", "Chekhov", "Korolev",
    "Zhukovsky", "Gagarin", "Lermontov", "Human", "Bar", "Roy", "Adler", "Cambridge",
}


def patterns(vocab: Any = None) -> list[dict[str, str]]:
    """The ruler's phrase patterns, deduplicated (``{"label", "pattern", "id"}``).

    With ``vocab`` (the model's), one-word settlement names that are common English words
    (they have a word vector: "Star", "Police", "Tim") are left out unless the place has
    10,000 people or more (Kyiv, Lyman)."""
    from newstrail.entities import gazetteer
    from newstrail.entities.aliases import load_aliases

    gaz = gazetteer.load()
    out: dict[str, tuple[str, str]] = {}

    def add(text: str, label: str, ident: str, *, strict: bool = True) -> None:
        text = text.strip()
        if strict and (not _LATIN_NAME.match(text) or text in _ENGLISH):
            return
        if len(text) < 3 or text in out:
            return
        out[text] = (label, ident)

    for key, place in gaz.places.items():
        if place.kind == "settlement":
            if place.country == "UA" or place.country == "RU" and (
                    place.admin1 in _BORDER_RU or place.population >= 50_000):
                for v in gaz.variants.get(key, ()):
                    if (vocab is not None and " " not in v and place.population < 10_000
                            and vocab[v.lower()].has_vector):
                        continue
                    add(v, "GPE", key)
        elif place.kind in ("region", "country"):
            for v in gaz.variants.get(key, ()):
                add(v, "GPE", key, strict=False)
        else:
            label = "FAC" if place.kind == "facility" else "LOC"
            for v in gaz.variants.get(key, ()):
                add(v, label, key, strict=False)
    label_of = {"person": "PERSON", "organisation": "ORG", "armed_group": "ORG", "unit": "ORG",
                "facility": "FAC"}
    for entry in load_aliases().entries:
        if entry.context or entry.type not in label_of:
            continue
        for name in entry.names():
            # aliases win over gazetteer names (and may be all caps: NATO, SBU)
            out.pop(name, None)
            add(name, label_of[entry.type], entry.key, strict=False)
    return [{"label": lab, "pattern": text, "id": ident} for text, (lab, ident) in out.items()]


def add_gazetteer_ruler(nlp: Language) -> None:
    """Add the ruler before ``ner`` (idempotent)."""
    if RULER_NAME in nlp.pipe_names:
        return
    # First in the pipeline (so before ``ner``): spaCy runs every component before the ruler
    # over each phrase pattern when adding them, and 28,000 patterns through tok2vec, tagger
    # and parser took 11 s; first, they are only tokenised (0.5 s). The later components
    # leave doc.ents alone and ``ner`` keeps the ruler's spans.
    ruler = nlp.add_pipe("entity_ruler", name=RULER_NAME, first=True,
                         config={"phrase_matcher_attr": "ORTH", "validate": False})
    ruler.add_patterns(patterns(nlp.vocab))
