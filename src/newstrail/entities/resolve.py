"""Resolution of mentions to canonical entities (the ``entities`` stage of ``process``).

Each mention not yet resolved is decided by the first rule that applies (the rule and, for
fuzzy rules, the score are kept on the mention and on the variant, so ``newstrail entity``
can say why two spellings are one entity):

1. ``anonymous`` / ``not-a-name``: claim sources that name nobody ("an anonymous US official",
   "analysts") stay unlinked.
2. ``alias-context``: a homonym of the alias table whose context words are near
   ("the Kursk ... submarine").
3. ``acronym-in-document``: an acronym the document defines ("... People's Republic (LPR)").
4. ``title-in-document``: "the minister", "the institute" -> the nearest earlier person with
   that title, or body with that word in its name, in the same document.
5. ``surname-in-document`` / ``surname-in-story``: a one-word person name -> the full name
   with that surname (or first name) in the document, else in its story (provenance stage).
6. ``alias``: the alias table (shipped + user file), compared after folding.
7. places: ``gazetteer:<how>``: the gazetteer, with disambiguation by a region named near the
   mention or in the document, the country, or a much larger namesake; an ambiguous name stays
   unlinked (``ambiguous-place``), never guessed.
8. ``variant``: a spelling already linked to one entity of a compatible type.
9. ``spelling-key``: same cross-language spelling key (names.skeletons), compatible type, same
   number of words, same gender ending, and a rapidfuzz ratio of at least
   ``entity_fuzzy_min`` against an alias or an existing entity's variant.
10. ``acronym-in-corpus``: an acronym defined with one expansion elsewhere in the corpus.
11. ``fuzzy``: organisations only, token-sort ratio >= ``entity_fuzzy_org_min``.
12. ``new``: a new entity.

User overrides (``entity merge`` / ``entity split``) are stored by entity key and applied
after every run, so they survive re-processing and rebuilds.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from newstrail.entities import gazetteer as gz
from newstrail.entities.aliases import AliasEntry, AliasTable, load_aliases
from newstrail.entities.names import fold, has_cyrillic, latin_forms, skeletons
from newstrail.settings import Settings
from newstrail.store import Store
from newstrail.store.db import now

__all__ = ["STAGE", "VERSION", "Resolver", "apply_overrides", "entity_group", "update"]

log = logging.getLogger(__name__)

STAGE = "entities"
VERSION = "21"

_GROUP = {"person": "person", "organisation": "org", "armed_group": "org", "unit": "org",
          "country": "place", "region": "place", "settlement": "place", "facility": "place",
          "weapon": "other", "other": "other"}
_TITLES = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Sen|Rep|Gov|Prof|Adm|Gen\.|Lt\.)\.?\s+|"
    r"(?:(?:U\.S\.|US|Russian|Ukrainian|Belarusian|Chechen|Wagner)\s+)?"
    r"(?:Vice President|President|Prime Minister|(?:Defen[cs]e|Foreign|Interior|Deputy)\s+Minister|Minister|"
    r"Lieutenant General|Major General|Colonel General|Army General|General|Colonel|"
    r"Senator|Governor|Commander|Spokesman|Spokeswoman|Chief|Marshal|Patriarch|Mayor|"
    r"Secretary of State|Secretary|Speaker|Leader|Financier|Chancellor|Ambassador)\s+)+")
_PERSON_TITLE_WORDS = {"minister", "president", "governor", "commander", "general", "spokesman",
                       "spokeswoman", "spokesperson", "mayor", "chief", "head", "leader",
                       "secretary", "chancellor", "ambassador", "financier", "founder",
                       "senator", "speaker"}
_ORG_TITLE_WORDS = {"ministry", "institute", "group", "agency", "army", "service", "staff",
                    "directorate", "department", "council", "government", "administration",
                    "company", "committee", "office", "brigade", "regiment", "battalion",
                    "division", "corps", "fleet", "command", "center", "centre", "organization",
                    "organisation", "alliance", "union", "commission", "tank", "outlet",
                    "newspaper", "channel"}
_DEFINITE = re.compile(r"^(?:the|this|that)\s+((?:[a-z][a-z\-]*\s+){0,3})([a-z][a-z\-]*)$")
_ANONYMOUS = re.compile(
    r"\b(?:anonymous|unnamed|unidentified|sources?|insiders?|people familiar|officials|"
    r"observers|analysts|residents|witnesses|experts|critics|some|many|several|others)\b", re.I)
_INDEFINITE = re.compile(r"^(?:a|an|one|two|three|four|several|some|many|other|another|others)\b",
                         re.I)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,6}$")
_ROMAN = re.compile(r"^[ivxlcdm]+$", re.I)
_LATIN_WORD = re.compile(r"[A-Za-z][a-z]+")
_NOT_A_NAME = re.compile(r"[\[\]()<>{}|_*#=\n]|https?:|www\.|\d{5,}|[,;:] ")
_DEMONYM = re.compile(r"(?:ian|ians|ese|ish|ans)$")
_TITLE_AFTER = re.compile(r"\s+(?:Minister|Secretary|Chief|Commander)\b")
_DANGLING = re.compile(r"\b(?:of|the|and|for|in|on|at|to)\s*$", re.I)
_PRONOUNS = {"i", "we", "he", "she", "they", "it", "you", "this", "that", "these", "those",
             "all i", "who", "one", "someone", "everyone"}
_REGION_PHRASE = re.compile(r"\b[A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+)? (?:Oblast|oblast|region|Region|"
                            r"province|Krai|krai)\b")
_UNIT = re.compile(r"\b(?:Brigade|Regiment|Division|Battalion|Army|Corps|Fleet|Detachment|"
                   r"Flotilla|Squadron|Spetsnaz)\b")
_ARMED = re.compile(r"\b(?:People's Republic|PMC|Militia|Volunteer Corps|Legion)\b")


def entity_group(entity_type: str) -> str:
    return _GROUP.get(entity_type, "other")


def _label_groups(label: str, origin: str) -> set[str]:
    if label == "PERSON":
        return {"person"}
    if label == "ORG":
        return {"org", "place"} if origin == "gazetteer" else {"org"}
    if label in ("GPE", "LOC", "FAC"):
        return {"place"}
    if label == "NORP":
        return {"other"}
    return {"person", "org", "place", "other"}  # claim sources and anything else


def _strip_titles(text: str) -> str:
    # and a stray abbreviation the NER took in ("A$388m. Zelenskiy" -> "m. Zelenskiy")
    text = re.sub(r"^(?:[a-z]{1,2}\.\s+)+(?=[A-Z])", "", text.strip())
    stripped = _TITLES.sub("", text.strip())
    return stripped if stripped.strip() else text


@dataclass(slots=True)
class Decision:
    key: str | None
    rule: str
    score: float | None = None
    name: str = ""
    type: str = "other"
    place: gz.Place | None = None


@dataclass(slots=True)
class _Mention:
    mention_id: int
    start: int
    end: int
    text: str
    label: str
    origin: str
    key: str | None = None
    entity_id: int | None = None
    norm: str | None = None

    @property
    def name(self) -> str:
        text = self.norm or self.text
        # titles are taken off names of people only ("General Staff" is a body)
        return _strip_titles(text) if self.label in ("PERSON", "SOURCE") else text


@dataclass(slots=True)
class _DocContext:
    doc_id: str
    text: str
    mentions: list[_Mention]
    acronyms: dict[str, str] = field(default_factory=dict)
    regions: list[tuple[int, tuple[str, str]]] = field(default_factory=list)
    countries: set[str] = field(default_factory=set)
    story_people: list[tuple[str, str]] | None = None
    """(folded full name, entity key) of the persons of the document's story, loaded lazily"""


class Resolver:
    """Decides mentions and keeps the entity tables and in-memory indexes in step."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        conn = store.conn
        extra = [
            {"geonameid": r[0], "name": r[1], "alternatenames": [a for a in r[2].split(",") if a],
             "latitude": r[3], "longitude": r[4], "countrycode": r[5], "admin1code": r[6],
             "population": r[7]}
            for r in conn.execute("SELECT geonameid, name, alternatenames, latitude, longitude,"
                                  " countrycode, admin1code, population FROM gazetteer_extra")]
        self.gaz = gz.load(extra)
        user = settings.entity_aliases_file
        self.aliases: AliasTable = load_aliases(str(Path(str(user))) if user else None)
        self.alias_by_key = {e.key: e for e in self.aliases.entries}
        self.alias_skel: dict[str, list[tuple[AliasEntry, str]]] = defaultdict(list)
        for e in self.aliases.entries:
            if e.context:
                continue
            for n in e.names():
                for k in skeletons(n):
                    self.alias_skel[k].append((e, fold(n)))
        # first names of the alias table's people ("Volodymyr" before a surname is not a city)
        self.first_names = {fold(n).split()[0] for e in self.aliases.entries if e.type == "person"
                            for n in e.names() if len(fold(n).split()) >= 2}
        # entity indexes
        self.key_to_id: dict[str, int] = {}
        self.info: dict[int, tuple[str, str, str]] = {}  # id -> (key, name, type)
        self.norm_to_ids: dict[str, set[int]] = defaultdict(set)
        self.skel_to_ids: dict[str, set[int]] = defaultdict(set)
        self.norms_of: dict[int, set[str]] = defaultdict(set)
        self.surname_ids: dict[str, set[int]] = defaultdict(set)
        self.words_to_ids: dict[frozenset[str], set[int]] = defaultdict(set)
        self.bare_words_to_ids: dict[frozenset[str], set[int]] = defaultdict(set)
        self.first_word_ids: dict[str, set[int]] = defaultdict(set)
        for r in conn.execute("SELECT entity_id, key, name, type FROM entities"):
            self.key_to_id[r[1]] = r[0]
            self.info[r[0]] = (r[1], r[2], r[3])
        for r in conn.execute("SELECT key, entity_id FROM entity_keys"):
            self.key_to_id.setdefault(r[0], r[1])
        for r in conn.execute("SELECT entity_id, norm FROM entity_variants"):
            self._index_variant(r[0], r[1])
        self.splits = {(r[0], r[1]) for r in conn.execute(
            "SELECT key_a, key_b FROM entity_overrides WHERE action='split'")}
        self.corpus_acronyms: dict[str, set[str]] = defaultdict(set)
        for r in conn.execute("SELECT acronym, expansion FROM acronyms"):
            self.corpus_acronyms[r[0]].add(r[1])
        self.counts: dict[str, int] = defaultdict(int)
        self._words: tuple[Counter[str], Counter[str]] | None = None
        # given names: the alias table's, and first words the corpus's PERSON names put before
        # two or more different surnames ("Viktor Bout", "Viktor Orban"); "Roscosmos" of
        # "Roscosmos Telegram" is none, so "Telegram" alone is not linked to it across documents
        surnames_after: dict[str, set[str]] = defaultdict(set)
        for (text,) in conn.execute("SELECT text FROM mentions WHERE label = 'PERSON'"):
            toks = fold(_strip_titles(text)).split()
            if len(toks) >= 2:
                surnames_after[toks[0]].add(toks[-1])
        self.given_names = self.first_names | {
            f for f, last in surnames_after.items() if len(last) >= 2}

    # --- indexes -------------------------------------------------------------------------
    def _index_variant(self, entity_id: int, norm: str) -> None:
        if norm in self.norms_of[entity_id]:
            return
        self.norms_of[entity_id].add(norm)
        self.norm_to_ids[norm].add(entity_id)
        for k in skeletons(norm):
            self.skel_to_ids[k].add(entity_id)
        etype = self.info.get(entity_id, ("", "", ""))[2]
        toks = norm.split()
        if etype == "person" and len(toks) >= 2 and toks[-1] not in _SUFFIXES:
            self.surname_ids[toks[-1]].add(entity_id)
        elif entity_group(etype) == "org" and len(toks) >= 2:
            self.first_word_ids[toks[0]].add(entity_id)
            words = _org_words(norm)
            self.words_to_ids[words].add(entity_id)
            if len(words - _COUNTRY_WORDS) >= 2:
                self.bare_words_to_ids[words - _COUNTRY_WORDS].add(entity_id)

    # --- writing ---------------------------------------------------------------------------
    def entity_id(self, d: Decision) -> int | None:
        if d.key is None:
            return None
        if d.key in self.key_to_id:
            return self.key_to_id[d.key]
        p = d.place
        name = _display(d.name or d.key)
        if d.rule == "new" and re.match(r"(?:the|The)\s+\S", name):
            name = name[4:]  # a name first seen as "the BBC Russian Service" is shown without it
        cur = self.store.conn.execute(
            "INSERT INTO entities (key, name, type, lat, lon, geonames_id, country, admin1,"
            " precision, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (d.key, name, d.type, p.lat if p else None, p.lon if p else None,
             p.geonames_id if p else None, p.country if p else None, p.admin1 if p else None,
             p.precision if p else None, now()))
        eid = int(cur.lastrowid)
        self.key_to_id[d.key] = eid
        self.info[eid] = (d.key, name, d.type)
        self.counts["new entities"] += 1
        if p is not None:
            self.counts["places"] += 1
        return eid

    def link(self, m: _Mention, d: Decision) -> None:
        norm = fold(m.name)
        if m.label == "PERSON":
            norm = _person_norm(norm)
        if d.key is not None and (d.key, norm) in self.splits:
            key, name, etype = self.info.get(self.key_to_id.get(d.key, -1), (d.key, m.name, d.type))
            d = Decision(f"split:{key}:{norm}", "user-split", None, m.name, etype)
        eid = self.entity_id(d)
        m.key, m.entity_id = d.key, eid
        self.store.conn.execute(
            "UPDATE mentions SET entity_id=?, rule=?, score=?, resolved_at=? WHERE mention_id=?",
            (eid, d.rule, d.score, now(), m.mention_id))
        if eid is None:
            self.counts["unresolved"] += 1
            return
        self.counts["linked"] += 1
        if norm:
            self.store.conn.execute(
                "INSERT INTO entity_variants (entity_id, norm, variant, rule, score, count)"
                " VALUES (?,?,?,?,?,1) ON CONFLICT (entity_id, norm) DO UPDATE SET"
                " count = count + 1", (eid, norm, m.name, d.rule, d.score))
            self._index_variant(eid, norm)
        key, name, etype = self.info[eid]
        if etype == "person" and key.startswith("name:") and len(norm.split()) > len(
                fold(name).split()):
            # an entity first seen as a surname takes the full name when it turns up
            self.store.conn.execute("UPDATE entities SET name=? WHERE entity_id=?",
                                    (_display(m.name), eid))
            self.info[eid] = (key, _display(m.name), etype)

    # --- deciding ---------------------------------------------------------------------------
    def _compatible_ids(self, ids: Iterable[int], groups: set[str]) -> list[int]:
        return sorted(i for i in ids if i in self.info and entity_group(self.info[i][2]) in groups)

    def _alias_decision(self, e: AliasEntry, rule: str, score: float | None = None) -> Decision:
        place = None
        if e.geonames_id:
            place = self.gaz.places.get(f"geonames:{e.geonames_id}")
        return Decision(e.key, rule, score, e.name, e.type, place)

    def _place_decision(self, place: gz.Place, rule: str) -> Decision:
        return Decision(place.key, rule, None, place.name, place.entity_type, place)

    def decide(self, m: _Mention, ctx: _DocContext) -> Decision:
        name = m.name
        norm = fold(name)
        groups = _label_groups(m.label, m.origin)
        if not norm:
            return Decision(None, "empty")
        if _NOT_A_NAME.search(m.text) or _DANGLING.search(name) or name.endswith("-"):
            return Decision(None, "not-a-name")  # a link, a footnote, "Republic of"
        if (m.label == "NORP" or m.label in ("GPE", "LOC") and _DEMONYM.search(norm)) and (
                self._is_demonym(name)):
            return Decision(None, "demonym")  # "Russian forces", "the Ukrainians": no entity
        if (m.label == "ORG" and len(norm.split()) == 1
                and _TITLE_AFTER.match(ctx.text[m.end:m.end + 12])):
            return Decision(None, "part-of-title")  # "Defense" of "Russian Defense Minister"
        if norm in _NOT_ENTITIES:
            return Decision(None, "not-a-name")
        if m.label in ("GPE", "LOC", "NORP") and len(norm.split()) == 1 and (any(
                o.label == "PERSON" and m.end < o.start <= m.end + 1
                and not ctx.text[m.end:o.start].strip() for o in ctx.mentions)
                or norm in self.first_names and re.match(r" [A-Z][a-z]", ctx.text[m.end:m.end + 3])):
            # "Volodymyr Zelenskiy" split by the NER: a first name, not the city Vladimir
            return Decision(None, "first-name")
        if m.label == "SOURCE":
            if _INDEFINITE.match(name) or (_ANONYMOUS.search(name) and not _has_capital(name)):
                return Decision(None, "anonymous")
            if not _has_capital(name) and not _DEFINITE.match(name.lower()):
                return Decision(None, "not-a-name")
            if _NOT_A_NAME.search(name) or len(name.split()) > 6 or name.lower() in _PRONOUNS:
                return Decision(None, "not-a-name")  # a clause, a link, a pronoun
        if m.label == "SOURCE":
            inner = [o for o in ctx.mentions if o is not m and o.label != "SOURCE"
                     and m.start <= o.start and o.end <= m.end]
            if any(o.label == "PERSON" for o in inner):
                # "Belgorod regional governor Vyacheslav Gladkov": the person is the speaker
                return Decision(None, "contains-name")
            if inner and _only_lowercase_around(ctx.text, m, inner):
                return Decision(None, "description")  # "LPR authorities", "data of ICA"
            if self._is_description(name) or (
                    len(name.split()) == 1 and _sentence_start(ctx.text, m.start)
                    and not self._known(name)):
                return Decision(None, "description")  # "Ukrainian officials", "Traders"
        # homonyms that need their context (the Kursk submarine, the cruiser Moskva)
        for e in self.aliases.lookup(name):
            if e.context and self._needs_context(name) and self._context_has(ctx, m, e.context):
                return self._alias_decision(e, "alias-context")
        if _ACRONYM.match(name) and name in ctx.acronyms:
            d = self._decide_name(ctx.acronyms[name], groups | {"org"}, m, ctx, acronym=True)
            if d.key and d.rule != "new":
                return Decision(d.key, "acronym-in-document", d.score, d.name, d.type, d.place)
            if d.key:
                shared = self._shared_acronym(fold(ctx.acronyms[name]), ctx)
                if shared is not None:
                    return shared
                return Decision(d.key, "acronym-in-document", d.score, d.name, d.type, d.place)
        definite = _DEFINITE.match(m.text.strip().lower())
        if definite and not _has_capital(m.text.strip()[4:]):
            return self._title_decision(m, ctx, definite.group(2))
        return self._decide_name(name, groups, m, ctx)

    def _decide_name(self, name: str, groups: set[str], m: _Mention, ctx: _DocContext, *,
                     acronym: bool = False) -> Decision:
        norm = fold(name)
        if "person" in groups and groups <= {"person"}:
            norm = _person_norm(norm)
        toks = norm.split()
        label_type = _type_from_label(m.label, name)
        if (m.label == "ORG" and name.isupper() and len(name) > 3 and self.gaz.lookup(name)
                and (_line_start(ctx.text, m.start) or not _ACRONYM.match(name))):
            # a dateline the md model calls ORG ("VILNIUS (Eastern Wire) —"): a place
            groups, label_type = {"place"}, "settlement"
        if m.label in ("GPE", "LOC") and _DEMONYM.search(norm) and not self.gaz.lookup(name):
            # "Ukrainian" tagged as a place is a nationality, not Ukraine
            groups, label_type = {"other"}, "other"
        # a one-word person name: the full name in the document, then in the story
        if "person" in groups and len(toks) == 1 and not _ACRONYM.match(name):
            d = self._surname_decision(norm, m, ctx)
            if d is not None:
                return d
        aliases = [e for e in self.aliases.lookup(name)
                   if not (e.context and self._needs_context(name))
                   and (entity_group(e.type) in groups or entity_group(e.type) == "other"
                        or m.label == "ORG" and e.type == "facility")]
        if len({e.key for e in aliases}) == 1:
            return self._alias_decision(aliases[0], "alias")
        if not aliases and m.label in ("GPE", "LOC") and len(toks) <= 2:
            # a body of the alias table the NER calls a place ("the board of Gazprom"), unless
            # a town of 10,000+ has the name
            bodies = {e.key: e for e in self.aliases.lookup(name)
                      if not e.context and entity_group(e.type) == "org"}
            if len(bodies) == 1 and all(p.population < 10_000 and p.kind == "settlement"
                                        for p in self.gaz.lookup(name)):
                return self._alias_decision(next(iter(bodies.values())), "alias-not-a-place")
        if m.label == "PERSON" and len(toks) == 1 and not aliases:
            # the md model calls some bodies PERSON ("the Duma", "Wagner"): a one-word name that
            # is a body's alias and nobody's surname is the body
            bodies = [e for e in self.aliases.lookup(name)
                      if not e.context and entity_group(e.type) == "org"]
            if len({e.key for e in bodies}) == 1 and not self.surname_ids.get(norm):
                return self._alias_decision(bodies[0], "alias-not-a-person")
        if "place" in groups:
            d = self._gazetteer_decision(name, m, ctx)
            if d is not None:
                return d
        if "org" in groups:
            d = self._partial_in_document(norm, m, ctx)
            if d is not None:
                return d
        ids = self._compatible_ids(self.norm_to_ids.get(norm, ()), groups)
        if ids:
            eid = max(ids, key=lambda i: len(self.norms_of[i]))
            key, ename, etype = self.info[eid]
            return Decision(key, "variant", None, ename, etype)
        d = self._spelling_decision(name, norm, groups)
        if d is not None:
            return d
        if "person" in groups and len(toks) >= 3:
            short = f"{toks[0]} {toks[-1]}"
            ids = self._compatible_ids(self.norm_to_ids.get(short, ()), {"person"})
            if len(ids) == 1:
                return self._existing(self.info[ids[0]][0], "middle-name")
        if ("person" in groups and len(toks) == 1 and not _ACRONYM.match(name)
                and not self._common(name)):
            ids = self._compatible_ids(self.surname_ids.get(norm, ()), {"person"})
            if len(ids) == 1:
                return self._existing(self.info[ids[0]][0], "surname-in-corpus")
        if "org" in groups and len(toks) >= 2 and not _digits(norm):
            words = _org_words(norm)
            ids = self._compatible_ids(self.words_to_ids.get(words, ()), {"org"})
            if len(ids) == 1 and "and" not in toks:
                return self._existing(self.info[ids[0]][0], "same-words")
            bare = words - _COUNTRY_WORDS
            if len(bare) >= 2 and not ids and "and" not in toks:
                # "Russian State Duma" and "State Duma", "Verkhovna Rada of Ukraine" and
                # "Verkhovna Rada": one body, when only one body has those words and only one
                # of the two names says the country (never Russian and Ukrainian ones)
                mine = words & _COUNTRY_WORDS
                ids = [i for i in self._compatible_ids(self.bare_words_to_ids.get(bare, ()),
                                                       {"org"})
                       if not mine or all(not (_org_words(v) & _COUNTRY_WORDS)
                                          for v in self.norms_of[i])]
                if len(ids) == 1:
                    return self._existing(self.info[ids[0]][0], "same-words-but-country")
        if _ACRONYM.match(name) and not acronym:
            expansions = self.corpus_acronyms.get(name, set())
            # defined elsewhere with expansions that all lead to one entity
            ids = {i for e in expansions for i in self._compatible_ids(
                self.norm_to_ids.get(fold(e), ()), groups | {"org"})}
            if len(ids) == 1:
                key, ename, etype = self.info[ids.pop()]
                return Decision(key, "acronym-in-corpus", None, ename, etype)
        if "org" in groups:
            d = self._shared_acronym(norm, ctx)
            if d is None and len(toks) >= 2:
                d = self._fuzzy_org(norm)
            if d is not None:
                return d
        if "place" not in groups and m.label == "ORG":
            # the md model calls some places ORG ("KYIV" in a dateline): a place name that the
            # gazetteer resolves without doubt is taken as the place
            d = self._gazetteer_decision(name, m, ctx)
            if (d is not None and d.place is not None and name not in ctx.acronyms
                    and d.rule in ("gazetteer:unique", "gazetteer:largest",
                                   "gazetteer:spelling-key")  # "Hulyaipole" as an ORG
                    and (d.place.kind in ("region", "country") or d.place.country in ("UA", "RU")
                         and d.place.population >= 10_000)):
                return d
        if "place" in groups and m.label in ("GPE", "LOC"):
            cands = self.gaz.lookup(name)
            if cands:
                return Decision(None, "ambiguous-place")
        if (m.label in ("ORG", "GPE", "LOC") and len(toks) == 1 and not _ACRONYM.match(name)
                and not self._common(name)):
            # a surname the md model calls ORG or GPE in a document without the full name
            # ("Zelenskiy said"): the one person of the alias table or corpus with it
            people = {e.key: e for e in self.aliases.lookup(name)
                      if e.type == "person" and not e.context}
            if len(people) == 1:
                return self._alias_decision(next(iter(people.values())), "surname-not-an-org")
            ids = self._given(self._compatible_ids(self.surname_ids.get(norm, set())
                                                   | self.norm_to_ids.get(norm, set()), {"person"}))
            if len(ids) == 1:
                return self._existing(self.info[ids[0]][0], "surname-not-an-org")
        etype = label_type
        if etype == "person" and self._not_a_person(name):
            return Decision(None, "not-a-person")  # a wrong merge is worse than a missed one
        return Decision(f"name:{etype}:{norm.replace(' ', '-')}", "new", None, name, etype)

    def _given(self, ids: list[int]) -> list[int]:
        """The people among `ids` whose name starts with a given name (see `given_names`)."""
        return [i for i in ids if (fold(_strip_titles(self.info[i][1])).split() or [""])[0]
                in self.given_names]

    def _common(self, word: str) -> bool:
        """A word the English documents of the store mostly write in lower case ("west",
        "allies", "images", "pushes"): an ordinary word, not a surname. Learned from the
        corpus rather than listed: a surname ("Bout", "Truss") is written capitalised."""
        if self._words is None:
            lower: Counter[str] = Counter()
            upper: Counter[str] = Counter()
            for (text,) in self.store.conn.execute(
                    "SELECT text FROM documents WHERE coalesce(lang, 'en') = 'en' AND text IS NOT NULL"):
                for w in _LATIN_WORD.findall(text):
                    (lower if w[0].islower() else upper)[w.lower()] += 1
            self._words = (lower, upper)
        lower, upper = self._words
        w = word.lower()
        return lower[w] >= 3 and lower[w] >= upper[w]

    def _not_a_person(self, name: str) -> bool:
        """A PERSON span of the md model that no person has: a lowercase word ("resuscitating
        west"), a nationality or an acronym in it ("Russian Starlink", "NATO Allies"), a
        country, region or large city in it ("Zelenskyy London"), or an ordinary word of the
        corpus after the first ("Sea Guardian", "Getty Images", "Epstein Files Lutnick")."""
        toks = [t for t in re.split(r"[\s\-]+", _strip_titles(name)) if t]
        if len(toks) < 2:
            return False
        for i, t in enumerate(toks):
            if any(e.type != "person" and not e.context for e in self.aliases.lookup(t)):
                return True  # "Roscosmos Telegram": a body of the alias table in it
            if not t[:1].isupper() or _ACRONYM.match(t) or (
                    _DEMONYM.search(fold(t)) and self._is_demonym(t)):
                return True
            if any((p.kind in ("country", "region", "area") or p.population >= 100_000)
                   and fold(p.name) == fold(t) for p in self.gaz.lookup(t)):
                return True
            if i > 0 and self._common(t):
                return True
        return False

    def _is_demonym(self, name: str) -> bool:
        """A nationality word the NER tags NORP (or GPE): "Russian", "Baltic", "Soviet",
        "Ukrainians". Not one of the alias table (Kadyrovites, Akhmat), not a place, not a
        phrase ("Crimean Tatars"), not a people's name without a demonym ending ("Chechens")."""
        toks = name.split()
        if len(toks) != 1 or not name[:1].isupper() or self.aliases.lookup(name):
            return False
        if self.gaz.lookup(name):
            return False
        low = fold(name)
        return not low.endswith("s") or bool(_DEMONYM.search(low))

    def _known(self, word: str) -> bool:
        return bool(self.aliases.lookup(word) or self.gaz.lookup(word)
                    or self.norm_to_ids.get(fold(word)) or _ACRONYM.match(word))

    def _is_description(self, name: str) -> bool:
        """A claim source that describes rather than names: a nationality or an ordinary
        capitalised first word followed by lowercase words ("Ukrainian officials", "Russian
        milbloggers", "Geolocated footage"). A known name in the first word keeps it a name
        ("Kremlin officials" stays with the Kremlin's rules)."""
        toks = re.sub(r"^(?:the|a|an)\s+", "", name.strip(), flags=re.I).split()
        if len(toks) < 2 or any(t[:1].isupper() for t in toks[1:]):
            return False
        first = toks[0]
        if not first[:1].isupper():
            return False
        if self._is_demonym(first):
            return True
        return not self._known(first)

    def _needs_context(self, name: str) -> bool:
        """A homonym's variant needs its context words when it is also a place or another
        entity's name ("Kursk"), not when it is its own ("K-141 Kursk")."""
        norm = fold(name)
        return bool(self.gaz.by_name.get(norm)) or any(
            not e.context for e in self.aliases.lookup(name)) or len(norm.split()) == 1

    def _context_has(self, ctx: _DocContext, m: _Mention, words: Iterable[str]) -> bool:
        n = self.settings.entity_context_words
        before = ctx.text[:m.start].split()[-n:]
        after = ctx.text[m.end:].split()[:n]
        window = {w.strip(".,;:!?()\"'«»“”").lower() for w in before + after}
        return any(w in window for w in words)

    def _surname_decision(self, norm: str, m: _Mention, ctx: _DocContext) -> Decision | None:
        keys = skeletons(norm)
        best: tuple[int, str] | None = None
        for other in ctx.mentions:
            if other is m or other.key is None or other.label != "PERSON":
                continue
            otoks = fold(other.name).split()
            if len(otoks) < 2:
                continue
            if not (otoks[-1] == norm or otoks[0] == norm or keys & skeletons(otoks[-1])):
                continue
            if otoks[-1] != norm and otoks[0] == norm and not (keys & skeletons(otoks[-1])) and (
                    other.start > m.start or any(
                        o.start < other.start and fold(o.name) == norm for o in ctx.mentions)):
                # a first name alone is that person's only after the full name, and only if
                # it was not used before it ("Palace statement on Andrew" ... "Andrew Morton")
                continue
            distance = abs(m.start - other.start) + (0 if other.start < m.start else 10_000)
            if best is None or distance < best[0]:
                best = (distance, other.key)
        if best is not None:
            eid = self.key_to_id.get(best[1])
            if eid is not None:
                key, name, etype = self.info[eid]
                return Decision(key, "surname-in-document", None, name, etype)
        people = self._story_people(ctx)
        found = {k for full, k in people
                 if full.split()[-1] == norm or keys & skeletons(full.split()[-1])}
        if len(found) == 1:
            key = found.pop()
            eid = self.key_to_id.get(key)
            if eid is not None:
                _, name, etype = self.info[eid]
                return Decision(key, "surname-in-story", None, name, etype)
        return None

    def _story_people(self, ctx: _DocContext) -> list[tuple[str, str]]:
        if ctx.story_people is None:
            rows = self.store.conn.execute(
                "SELECT m.text, e.key FROM story_members s JOIN story_members o"
                " ON o.story_id = s.story_id AND o.doc_id != s.doc_id"
                " JOIN mentions m ON m.doc_id = o.doc_id AND m.label = 'PERSON'"
                " JOIN entities e ON e.entity_id = m.entity_id WHERE s.doc_id = ?",
                (ctx.doc_id,)).fetchall()
            ctx.story_people = [(fold(_strip_titles(t)), k) for t, k in rows
                                if len(fold(_strip_titles(t)).split()) >= 2]
        return ctx.story_people

    def _title_decision(self, m: _Mention, ctx: _DocContext, head: str) -> Decision:
        earlier = [o for o in ctx.mentions if o.key is not None and o.start < m.start]
        definite = _DEFINITE.match(m.text.strip().lower())
        # "the foreign office" is not the Home Office: its modifiers must be in the name
        mods = _org_words(definite.group(1)) if definite else frozenset()
        for other in reversed(earlier):
            if head in _PERSON_TITLE_WORDS and other.label == "PERSON":
                before = ctx.text[max(0, other.start - 40):other.start].lower()
                if head in before or head in other.text.lower():
                    return self._existing(other.key, "title-in-document")
            elif head in _ORG_TITLE_WORDS and other.label in ("ORG", "SOURCE"):
                ename = self.info.get(self.key_to_id.get(other.key or "", -1), ("", "", ""))[1]
                if (head in fold(other.text).split() or head in fold(ename).split()) and (
                        mods <= (_org_words(fold(other.text)) | _org_words(fold(ename)))):
                    return self._existing(other.key, "title-in-document")
        return Decision(None, "title-unresolved")

    def _existing(self, key: str | None, rule: str) -> Decision:
        eid = self.key_to_id.get(key or "")
        if eid is None:
            return Decision(None, rule + "-missing")
        k, name, etype = self.info[eid]
        return Decision(k, rule, None, name, etype)

    def _gazetteer_decision(self, name: str, m: _Mention, ctx: _DocContext,
                            spelling: bool = True) -> Decision | None:
        renamed = self.gaz.former(name)
        if renamed and not any(abs(pos - m.start) <= 150 for pos, _ in ctx.regions):
            return self._place_decision(self.gaz.places[renamed], "gazetteer:former-name")
        cands = self._plausible(name, self.gaz.lookup(name))
        if m.origin == "ner-word":
            cands = [c for c in cands if c.kind != "settlement" or c.population >= 100_000]
        if cands and spelling:
            d = self._gazetteer_decision(name, m, ctx, spelling=False)
            if d is not None and d.key is None and d.rule != "not-in-named-region":
                # ambiguous by its exact spelling: a closely spelled larger place may decide
                # (Nikolayev: two villages, and Mykolaiv spelled Nikolaev)
                more = [p for p in self._spelling_places(name) if p.population >= 100_000]
                if more and any(p not in cands for p in more):
                    cands = cands + [p for p in more if p not in cands]
                else:
                    return d
            else:
                return d
            how = None
        elif not cands:
            if fold(name).endswith(("ian", "ians", "ese", "ish")):
                return None  # a demonym the NER took for a place ("Ukrainian")
            cands = self._spelling_places(name)
            if not cands:
                return None
            how = "spelling-key"
        else:
            how = None
        return self._choose_place(name, cands, m, ctx, how)

    def _plausible(self, name: str, cands: list[gz.Place]) -> list[gz.Place]:
        """Candidates found by one of GeoNames' many alternate names (foreign spellings,
        former names) count only for places in Ukraine, cities of 100,000+, and regions:
        "Police" is not the Polish town, "Svoboda" not Liski, "Marina" not Mar'ino."""
        if not cands:
            return cands
        primary = set(self._primary(name, cands))
        return [c for c in cands if c.key in primary or c.kind != "settlement"
                or c.country == "UA" or c.population >= 100_000]

    def _spelling_places(self, name: str) -> list[gz.Place]:
        if not re.fullmatch(r"[A-ZА-ЯІЇЄҐ][\w'’\- ]{3,}", name.strip()):
            return []  # "& Va.", "the Pain": not a place name's shape
        skel = self.gaz.spelling_index()  # built on the first name the exact lookup misses
        found: list[gz.Place] = []
        keys, norm = skeletons(name), fold(name)
        for k in keys:
            for p in skel.get(k, ()):
                if p in found:
                    continue
                # the variant that shares the key must itself be close, and be the place's
                # own name, a Cyrillic one, or (for regions and areas) one of our table
                if any(keys & skeletons(v) and fuzz.ratio(norm, fold(v))
                       >= self.settings.geo_fuzzy_min
                       and (p.kind != "settlement" or v == p.name or has_cyrillic(v))
                       for v in self.gaz.variants[p.key]):
                    found.append(p)
        return found

    def _choose_place(self, name: str, cands: list[gz.Place], m: _Mention, ctx: _DocContext,
                      how: str | None) -> Decision:
        low = m.text.lower()
        prefer = "region" if any(w in low.split() for w in (
            "oblast", "region", "province", "krai", "oblasti")) else None
        dominance = self.settings.geo_dominance
        near = {r for pos, r in ctx.regions if abs(pos - m.start) <= 150}
        place, rule = None, "ambiguous"
        if near:
            place, rule = gz.choose(cands, regions=near, dominance=dominance, prefer_kind=prefer,
                                    primary=self._primary(name, cands))
            if rule == "not-in-named-region":
                return Decision(None, rule)
        if place is None:
            cands = self._theatre(cands)
            doc_regions = {r for _, r in ctx.regions}
            # the document's region decides only when it names just one
            place, rule = gz.choose(cands, regions=doc_regions if len(doc_regions) == 1 else (),
                                    countries=ctx.countries, dominance=dominance,
                                    prefer_kind=prefer, primary=self._primary(name, cands),
                                    strict_regions=False)
            if rule == "region-nearby":
                rule = "region-in-document"
        if place is None:
            return Decision(None, "ambiguous-place")
        return self._place_decision(place, f"gazetteer:{how or rule}")

    def _theatre(self, cands: list[gz.Place]) -> list[gz.Place]:
        """Namesakes inside the theatre of the war (``geo_theatre``) win over namesakes
        outside it that are not much larger: Artemovsk is Bakhmut, not the town in the Urals;
        Moscow stays Moscow."""
        theatre = set(self.settings.geo_theatre.split())
        settlements = [c for c in cands if c.kind == "settlement"]
        inside = [c for c in settlements
                  if c.country in theatre or f"{c.country}-{c.admin1}" in theatre]
        outside = [c for c in settlements if c not in inside]
        if not inside or not outside:
            return cands
        if max(c.population for c in inside) * self.settings.geo_dominance < max(
                c.population for c in outside):
            return cands
        return [c for c in cands if c.kind != "settlement" or c in inside]

    def _primary(self, name: str, cands: list[gz.Place]) -> list[str]:
        key, keys = fold(name), skeletons(name)
        return [c.key for c in cands if (key, c.key) in self.gaz.primary or keys & skeletons(c.name)]

    def _spelling_decision(self, name: str, norm: str, groups: set[str]) -> Decision | None:
        if not name[:1].isupper() or _ACRONYM.match(name) or _ROMAN.match(name):
            return None  # "lvi" is no Lviv, "NSA" no NASA: letters of a code, not a spelling
        keys = skeletons(name)
        if not keys:
            return None
        # a short key (Shoigu: SH) says little: the spelling itself must then be close
        least = self.settings.entity_fuzzy_min
        if max(len(k.replace(" ", "")) for k in keys) < 3:
            least = max(least, 85.0)
        # one word says less than a full name: closer spelling needed, more so against names
        # only seen in the corpus (Briton is not Brittney) than against the alias table
        least_alias = max(least, 70.0) if ntoks_of(norm) == 1 else least
        least_seen = max(least, 85.0) if ntoks_of(norm) == 1 else least
        ntoks = len(norm.split())
        # every scheme's rendering of a Cyrillic name (Игорь is Ihor and Igor)
        forms = {norm, *(fold(f) for f in latin_forms(name))}
        best: tuple[float, Decision] | None = None
        for k in keys:
            for e, enorm in self.alias_skel.get(k, ()):
                if entity_group(e.type) not in groups or not _same_shape(norm, enorm, e.type):
                    continue
                score = max(fuzz.ratio(f, enorm) for f in forms)
                if score >= least_alias and (best is None or score > best[0]):
                    best = (score, self._alias_decision(e, "spelling-key", round(score, 1)))
            for eid in self._compatible_ids(self.skel_to_ids.get(k, ()), groups):
                ekey, ename, etype = self.info[eid]
                for vnorm in self.norms_of[eid]:
                    if len(vnorm.split()) != ntoks or not _same_shape(norm, vnorm, etype):
                        continue
                    if not (skeletons(vnorm) & keys):
                        continue
                    score = max(fuzz.ratio(f, vnorm) for f in forms)
                    if score >= least_seen and (best is None or score > best[0]):
                        best = (score, Decision(ekey, "spelling-key", round(score, 1), ename, etype))
        return best[1] if best else None

    def _partial_in_document(self, norm: str, m: _Mention, ctx: _DocContext) -> Decision | None:
        """A shortened organisation name ("the Defense Ministry", "MoD", "the Institute")
        whose words all occur in one fuller name resolved in the same document."""
        words = set(norm.split()) - {"of", "for", "the", "and"}
        if not words:
            return None
        acronym = m.name.strip().upper() == m.name.strip() or bool(re.fullmatch(
            r"[A-Z][a-z]?[A-Z]+", m.name.strip()))  # MoD
        found: set[str] = set()
        for other in ctx.mentions:
            if other is m or other.key is None or other.label not in ("ORG", "SOURCE"):
                continue
            eid = self.key_to_id.get(other.key)
            if eid is None or entity_group(self.info[eid][2]) != "org":
                continue
            full = fold(other.name)
            otoks = full.split()
            # the fuller name must be a body's name, not a phrase the NER took whole
            # ("CNN and the New York Times", "Treasury Secretary Janet Yellen")
            if len(otoks) > 6 or re.search(r"\band\b|&|/", other.name) or _digits(norm) != _digits(full):
                continue
            if not (acronym or set(otoks) & _ORG_TITLE_WORDS) or _head(full) not in words:
                continue
            if len(set(otoks)) > len(words) and words <= set(otoks):
                found.add(other.key)
        if len(found) == 1:
            return self._existing(found.pop(), "partial-in-document")
        return None

    def _shared_acronym(self, norm: str, ctx: _DocContext) -> Decision | None:
        """Two expansions of one acronym that differ a little are one body (a machine
        translation's "Institute of Conflicts Analysis (ICA)")."""
        for acr, exp in ctx.acronyms.items():
            if not norm.endswith(fold(exp)):
                continue
            for other in self.corpus_acronyms.get(acr, ()):
                onorm = fold(other)
                score = max(fuzz.token_sort_ratio(norm, onorm), fuzz.token_set_ratio(norm, onorm))
                if onorm == norm or score < 75:
                    continue
                ids = self._compatible_ids(self.norm_to_ids.get(onorm, ()), {"org"})
                if ids:
                    key, name, etype = self.info[ids[0]]
                    return Decision(key, "acronym-shared", round(score, 1), name, etype)
        return None

    def _fuzzy_org(self, norm: str) -> Decision | None:
        best: tuple[float, int] | None = None
        first = norm.split()[0]
        for eid in self.first_word_ids.get(first, ()):
            if eid not in self.info or entity_group(self.info[eid][2]) != "org":
                continue
            for v in self.norms_of[eid]:
                if v.split()[0] != first or _digits(v) != _digits(norm):
                    continue
                score = fuzz.token_sort_ratio(norm, v)
                if score >= self.settings.entity_fuzzy_org_min and (best is None or score > best[0]):
                    best = (score, eid)
        if best is None:
            return None
        key, name, etype = self.info[best[1]]
        return Decision(key, "fuzzy", round(best[0], 1), name, etype)

    # --- one document ------------------------------------------------------------------------
    def context(self, doc_id: str, text: str, mentions: list[_Mention]) -> _DocContext:
        ctx = _DocContext(doc_id, text, mentions)
        for r in self.store.conn.execute("SELECT acronym, expansion FROM acronyms WHERE doc_id=?",
                                         (doc_id,)):
            ctx.acronyms[r[0]] = r[1]
        named = [(m.start, m.name) for m in mentions if m.label in ("GPE", "LOC", "ORG", "SOURCE")]
        # region names the NER did not mark ("... in Donetsk Oblast")
        named += [(x.start(), x.group()) for x in _REGION_PHRASE.finditer(text)]
        for start, name in named:
            for p in self.gaz.lookup(name):
                if p.kind == "region" and p.country and p.admin1:
                    ctx.regions.append((start, (p.country, p.admin1)))
                    ctx.countries.add(p.country)
                elif p.kind == "country" and p.country:
                    ctx.countries.add(p.country)
        return ctx

    def resolve_document(self, doc_id: str, text: str, rows: list[Any], *,
                         defer_new: bool = False) -> bool:
        """Resolve the pending mentions of one document. With ``defer_new``, a short name
        (one word, an acronym) that would found a new entity is left for a second sweep, when
        the rest of the corpus is known (its full name or definition may be in a later
        document); returns whether any was left."""
        mentions = [_Mention(r["mention_id"], r["start"], r["end"], r["text"], r["label"],
                             r["origin"], None, r["entity_id"], r["norm"]) for r in rows]
        for m in mentions:
            if m.entity_id is not None and m.entity_id in self.info:
                m.key = self.info[m.entity_id][0]
        pending = {r["mention_id"] for r in rows if r["resolved_at"] is None}
        ctx = self.context(doc_id, text, mentions)

        def phase(m: _Mention) -> int:
            # full names first, so that short forms can be resolved against them
            if _DEFINITE.match(m.text.strip().lower()):
                return 3
            if m.label == "PERSON" and len(fold(m.name).split()) == 1:
                return 2
            if _ACRONYM.match(m.name) or len(fold(m.name).split()) == 1:
                return 1
            return 0

        deferred = False
        for m in sorted((m for m in mentions if m.mention_id in pending),
                        key=lambda m: (phase(m), m.start)):
            d = self.decide(m, ctx)
            # a short name that would found an entity, or that the corpus so far resolves,
            # waits until the whole run's names are known
            if defer_new and d.rule in ("new", "surname-in-corpus", "acronym-in-corpus") and (
                    phase(m) in (1, 2)):
                deferred = True
                continue
            self.link(m, d)
        return deferred


_NOT_ENTITIES = {"pdf", "gmt", "utc", "bst", "cet", "cest", "eet", "eest", "msk", "edt", "pdt",
                 "html", "url", "faq", "ok"}


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 3):start]
    return start == 0 or bool(re.search(r"(?:^|[.!?:\n\"“«]\s*|\n)\s*$", before))


def _line_start(text: str, start: int) -> bool:
    return start == 0 or text[max(0, start - 1):start] == "\n" or not text[:start].strip()


def _only_lowercase_around(text: str, m: _Mention, inner: list[_Mention]) -> bool:
    """Whether the words of ``m`` outside the ``inner`` mentions are all lowercase (an
    article, a possessive, "authorities", "data of")."""
    chars = list(text[m.start:m.end])
    for o in inner:
        for i in range(o.start - m.start, o.end - m.start):
            chars[i] = " "
    rest = re.sub(r"^(?:the|a|an)\b", "", "".join(chars).strip(), flags=re.I)
    words = re.findall(r"[^\W\d_][\w'’\-]*", rest)
    return all(not w[:1].isupper() for w in words if w not in ("s", "’s", "'s"))


def _digits(norm: str) -> list[str]:
    return re.findall(r"\d+", norm)


def _head(norm: str) -> str:
    """The head word of a body's name: the last word before "of"/"for", else the last one
    ("Institute for Conflict Analysis" -> institute, "Russian MoD" -> mod)."""
    toks = [t for t in norm.split() if t not in ("the",)]
    for i, t in enumerate(toks):
        if t in ("of", "for") and i:
            return toks[i - 1]
    return toks[-1] if toks else ""


def ntoks_of(norm: str) -> int:
    return len(norm.split())


def _display(name: str) -> str:
    """A name as shown: one line, without a trailing possessive or punctuation."""
    name = " ".join(name.split())
    name = re.sub(r"(?:['’]s|s['’])$", "", name).strip(" -–—.,;:")
    return name or "?"


def _has_capital(text: str) -> bool:
    return any(w[:1].isupper() for w in text.split()[1:]) or (
        bool(text) and text[:1].isupper() and not _INDEFINITE.match(text)
        and text.split()[0].lower() not in ("the", "this", "that"))


_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
_ORG_STOP = {"of", "the", "for", "and", "de", "du", "des", "la", "le", "der", "die", "das",
             "fur", "s"}
# words of bodies in the French and German renderings, mapped to English ones
_ORG_WORDS = {"gruppe": "group", "groupe": "group", "ministerium": "ministry",
              "ministere": "ministry", "verteidigungsministerium": "defence ministry",
              "defense": "defence", "armee": "army", "armée": "army", "staff": "staff",
              "etat": "staff", "generalstab": "general staff", "dienst": "service",
              "sicherheitsdienst": "security service", "institut": "institute",
              "organisation": "organization", "centre": "center", "pmc": "pmc", "chvk": "pmc",
              # a demonym qualifies a body as its country does (Ukrainian / of Ukraine)
              "ukrainian": "ukraine", "russian": "russia", "belarusian": "belarus",
              "american": "us", "british": "uk", "russias": "russia", "ukraines": "ukraine"}
_COUNTRY_WORDS = frozenset({"ukraine", "russia", "russian federation", "federation", "belarus"})


def _org_words(norm: str) -> frozenset[str]:
    """Content words of a body's name in English, order ignored ("Department of Justice" and
    "Justice Department"; "Gruppe Wagner" and "Wagner Group")."""
    out: set[str] = set()
    for w in norm.split():
        if w in _ORG_STOP:
            continue
        out.update(_ORG_WORDS.get(w, w).split())
    return frozenset(out)


def _person_norm(norm: str) -> str:
    """A person's name without middle initials ("donald j trump" -> "donald trump")."""
    toks = norm.split()
    if len(toks) >= 3:
        toks = [toks[0], *(t for t in toks[1:-1] if len(t) > 1), toks[-1]]
    return " ".join(toks)


def _same_shape(a: str, b: str, etype: str) -> bool:
    """Same number of words; for people the same gendered ending of the surname (Ivanov is not
    Ivanova)."""
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb):
        return False
    if etype == "person":
        return ta[-1].endswith("a") == tb[-1].endswith("a")
    return True


def _type_from_label(label: str, name: str) -> str:
    if label == "PERSON":
        return "person"
    if label == "ORG":
        if _UNIT.search(name):
            return "unit"
        if _ARMED.search(name):
            return "armed_group"
        return "organisation"
    if label == "GPE":
        return "settlement"
    if label == "LOC":
        return "region"
    if label == "FAC":
        return "facility"
    if label == "SOURCE":
        toks = name.split()
        if len(toks) in (2, 3) and all(t[:1].isupper() for t in toks):
            return "person"
        return "organisation"
    return "other"


# --- overrides ---------------------------------------------------------------------------------
def entity_by_key(store: Store, key: str) -> int | None:
    row = store.conn.execute("SELECT entity_id FROM entities WHERE key=?", (key,)).fetchone()
    if row is None:
        row = store.conn.execute("SELECT entity_id FROM entity_keys WHERE key=?", (key,)).fetchone()
    return None if row is None else int(row[0])


def merge_entities(store: Store, keep: int, gone: int) -> None:
    conn = store.conn
    conn.execute("UPDATE mentions SET entity_id=?, rule='user-merge' WHERE entity_id=?", (keep, gone))
    conn.execute("INSERT OR IGNORE INTO entity_variants (entity_id, norm, variant, rule, score,"
                 " count) SELECT ?, norm, variant, 'user-merge', NULL, count FROM entity_variants"
                 " WHERE entity_id=?", (keep, gone))
    conn.execute("UPDATE entity_keys SET entity_id=? WHERE entity_id=?", (keep, gone))
    key = conn.execute("SELECT key FROM entities WHERE entity_id=?", (gone,)).fetchone()[0]
    conn.execute("DELETE FROM entities WHERE entity_id=?", (gone,))
    conn.execute("INSERT OR REPLACE INTO entity_keys (key, entity_id) VALUES (?,?)", (key, keep))


def split_variant(store: Store, entity_id: int, norm: str) -> int | None:
    conn = store.conn
    row = conn.execute("SELECT key, name, type FROM entities WHERE entity_id=?", (entity_id,)).fetchone()
    if row is None:
        return None
    moved = [(r[0], r[1]) for r in conn.execute(
        "SELECT mention_id, text FROM mentions WHERE entity_id=?", (entity_id,))
        if fold(_strip_titles(r[1])) == norm]
    if not moved:
        return None
    key = f"split:{row['key']}:{norm}"
    new = entity_by_key(store, key)
    if new is None:
        cur = conn.execute("INSERT INTO entities (key, name, type, created_at) VALUES (?,?,?,?)",
                           (key, _strip_titles(moved[0][1]), row["type"], now()))
        new = int(cur.lastrowid)
    conn.executemany("UPDATE mentions SET entity_id=?, rule='user-split' WHERE mention_id=?",
                     [(new, mid) for mid, _ in moved])
    conn.execute("DELETE FROM entity_variants WHERE entity_id=? AND norm=?", (entity_id, norm))
    conn.execute("INSERT OR IGNORE INTO entity_variants (entity_id, norm, variant, rule, count)"
                 " VALUES (?,?,?,'user-split',?)", (new, norm, _strip_titles(moved[0][1]), len(moved)))
    return new


def apply_overrides(store: Store) -> int:
    """Apply every stored merge and split; idempotent. Returns how many changed something."""
    changed = 0
    rows = store.conn.execute(
        "SELECT action, key_a, key_b FROM entity_overrides ORDER BY override_id").fetchall()
    for action, key_a, key_b in rows:
        a = entity_by_key(store, key_a)
        if a is None:
            continue
        if action == "merge":
            b = entity_by_key(store, key_b)
            if b is not None and b != a:
                merge_entities(store, a, b)
                changed += 1
        elif split_variant(store, a, key_b) is not None:
            changed += 1
    return changed


# --- the stage ------------------------------------------------------------------------------------
def _reset_if_new_version(store: Store) -> bool:
    row = store.conn.execute("SELECT value FROM entities_state WHERE name='version'").fetchone()
    if row is not None and row[0] == VERSION:
        return False
    with store.atomic() as conn:
        conn.execute("UPDATE mentions SET entity_id=NULL, rule=NULL, score=NULL, resolved_at=NULL")
        conn.execute("DELETE FROM entity_variants")
        conn.execute("DELETE FROM entity_keys")
        conn.execute("DELETE FROM entities")
        conn.execute("INSERT OR REPLACE INTO entities_state (name, value) VALUES ('version', ?)",
                     (VERSION,))
    return row is not None


def update(store: Store, settings: Settings, *, on_progress: Any = None,
           batch: int = 50) -> dict[str, Any]:
    """Resolve mentions not yet linked to an entity (incremental), then re-apply overrides."""
    from newstrail.entities.foreign import find_foreign_mentions

    progress: Callable[[str, int, int | None], None] | None = on_progress
    counts: dict[str, Any] = {}
    if _reset_if_new_version(store):
        counts["re-resolved (new version)"] = 1
    foreign = find_foreign_mentions(store, settings, on_progress=progress)
    if foreign:
        counts["foreign documents"] = foreign
    docs = [r[0] for r in store.conn.execute(
        "SELECT DISTINCT doc_id FROM mentions WHERE resolved_at IS NULL ORDER BY doc_id")]
    if docs:
        resolver = Resolver(store, settings)
        total = len(docs)
        later: list[str] = []
        for sweep, todo in enumerate((docs, later)):
            for i in range(0, len(todo), batch):
                with store.atomic():
                    for doc_id in todo[i:i + batch]:
                        row = store.conn.execute("SELECT text FROM documents WHERE doc_id=?",
                                                 (doc_id,)).fetchone()
                        if row is None:
                            continue
                        rows = store.conn.execute("SELECT * FROM mentions WHERE doc_id=? ORDER"
                                                  " BY start", (doc_id,)).fetchall()
                        # a mention past the end of the text (a stage that wrote offsets of
                        # another text) names nothing here: one document must not stop the run
                        rows = [r for r in rows if r["end"] <= len(row[0])]
                        if resolver.resolve_document(doc_id, row[0], rows, defer_new=sweep == 0):
                            later.append(doc_id)
                if progress and sweep == 0:
                    progress("entities", min(i + batch, total), total)
        counts.update({k: v for k, v in resolver.counts.items() if v})
        counts["documents"] = total
    with store.atomic():
        overrides = apply_overrides(store)
    if overrides:
        counts["overrides applied"] = overrides
    return counts
