"""Stories: groups of documents derived from one original report.

``update`` places every document new to the stage, oldest first:

1. features (shingles, MinHash, passage and translation fingerprints, citations) are
   computed and written to the persistent index (``provenance_docs``, ``provenance_keys``);
2. candidates come from the index: a shared LSH band (near-duplicates), shared winnowed
   passages (excerpts and summaries), shared fingerprints (translations) and the outlets its
   citations name;
3. each candidate pair is judged (:func:`newstrail.provenance.relate.judge`); the document
   takes the best link where it is the child as its parent, and becomes the parent of any
   placed root that derives from it (an origin that arrives after its copies);
4. a document whose citation names a report not in the store (source and day) joins the
   story of that virtual origin; the real report takes the virtual origin's place when
   it arrives;
5. the story of the document's tree is rewritten (members, relations, aligned passages).

Only the touched stories change: nothing is recomputed over the corpus.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import numpy as np

from newstrail.provenance import align
from newstrail.provenance.citations import says_translated
from newstrail.provenance.features import (
    KIND_BAND,
    KIND_FINGERPRINT,
    KIND_LEDE,
    KIND_OUTLET,
    KIND_PASSAGE,
    DocFeatures,
    citations_from_json,
    citations_json,
    compute,
    lede_passages,
    outlet_day_key,
    shingles_of,
    signed64,
    text_key,
)
from newstrail.provenance.minhash import band_keys
from newstrail.provenance.relate import Link, judge
from newstrail.settings import Settings
from newstrail.store import Store
from newstrail.store.db import now

STAGE = "provenance"
VERSION = "3"
VIRTUAL = "virtual:"
MIN_WORDS = 8
"""Texts shorter than this are placed only through their sightings (too little to compare)."""


def update(store: Store, settings: Settings, *,
           on_progress: Callable[[str, int, int | None], None] | None = None) -> dict[str, Any]:
    """Place documents new to the provenance stage into stories."""
    pending = list(store.pending(STAGE, VERSION))
    placer = Placer(store, settings)
    counts = {"placed": 0, "linked": 0, "skipped": 0, "failed": 0}
    batch = max(1, settings.batch_size)
    for i in range(0, len(pending), batch):
        with store.atomic():
            for doc in pending[i:i + batch]:
                try:
                    with store.atomic():
                        status = placer.place(doc)
                except Exception as exc:  # one bad document never stops the run
                    store.mark_processed(doc["doc_id"], STAGE, VERSION, status="failed",
                                         reason="error", message=f"{type(exc).__name__}: {exc}")
                    counts["failed"] += 1
                    continue
                if status == "too-short":
                    counts["skipped"] += 1
                    store.mark_processed(doc["doc_id"], STAGE, VERSION, status="skipped",
                                         reason="too-short",
                                         message=f"fewer than {MIN_WORDS} words to compare")
                else:
                    counts["placed"] += 1
                    counts["linked"] += status == "linked"
                    store.mark_processed(doc["doc_id"], STAGE, VERSION)
        if on_progress:
            on_progress(STAGE, min(i + batch, len(pending)), len(pending))
    counts["stories"] = store.conn.execute("SELECT count(*) FROM stories").fetchone()[0]
    return counts


class Placer:
    """Places documents one at a time against the persistent index."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self.conn = store.conn
        self._cache: OrderedDict[str, DocFeatures] = OrderedDict()

    # --- features of placed documents -------------------------------------------
    def features(self, doc_id: str) -> DocFeatures | None:
        if doc_id in self._cache:
            self._cache.move_to_end(doc_id)
            return self._cache[doc_id]
        row = self.conn.execute(
            "SELECT p.*, d.text, d.url, d.published FROM provenance_docs p"
            " JOIN documents d USING (doc_id) WHERE doc_id=?", (doc_id,)).fetchone()
        if row is None:
            return None
        shingles, ordered, n_words, lede = shingles_of(row["text"])
        feats = DocFeatures(
            doc_id=doc_id, lang=row["lang"], published=row["published"], day=row["day"],
            url=row["url"], outlet_keys=frozenset(json.loads(row["outlet_keys"])),
            report_day=row["report_day"], n_words=n_words, shingles=shingles,
            signature=np.frombuffer(row["signature"], dtype="<u4"),
            passages=np.zeros(0, dtype=np.uint64),
            fingerprints=tuple(json.loads(row["fingerprints"])),
            citations=citations_from_json(row["citations"]),
            translated=says_translated(row["text"]), lede=np.unique(lede),
        )
        self._remember(feats)
        return feats

    def _remember(self, feats: DocFeatures) -> None:
        self._cache[feats.doc_id] = feats
        while len(self._cache) > 2000:
            self._cache.popitem(last=False)

    # --- placing ------------------------------------------------------------------------
    def place(self, doc: dict[str, Any]) -> str:
        """Index ``doc``, link it, rewrite its story. Returns 'linked', 'alone' or 'too-short'."""
        doc_id = doc["doc_id"]
        outlets = [r[0] for r in self.conn.execute(
            "SELECT DISTINCT outlet FROM sightings WHERE doc_id=? AND outlet IS NOT NULL", (doc_id,))]
        feats = compute(doc, extra_outlets=outlets)
        self._write(feats)
        if feats.n_words < MIN_WORDS:
            self.rebuild(doc_id)
            return "too-short"
        links = [link for cand in self.candidates(feats)
                 if (other := self.features(cand)) is not None
                 and (link := judge(feats, other, self.settings)) is not None]
        as_child = [lk for lk in links if lk.child == doc_id]
        as_parent = [lk for lk in links if lk.parent == doc_id]
        linked = False
        vkey = self._virtual_key(feats)
        if vkey and any(self._parent(lk.parent) == VIRTUAL + vkey for lk in as_child):
            as_child = []  # cites the same missing report as its candidate parent: join it there
        if as_child:
            # derived text (copy, summary, translation) beats a mention; then the score
            best = max(as_child, key=lambda lk: (
                feats.translated and lk.relation == "translation", lk.relation != "citation",
                lk.score, _rank(lk.relation)))
            if self.root_of(best.parent) != doc_id:
                self._set_parent(doc_id, best)
                linked = True
        for lk in sorted(as_parent, key=lambda lk: -lk.score):
            row = self.conn.execute("SELECT parent_doc_id FROM provenance_docs WHERE doc_id=?",
                                    (lk.child,)).fetchone()
            if lk.relation == "citation" and self._has_derived(lk.child):
                continue  # an origin of copies does not become a citation of another story
            if row and (row[0] is None or row[0].startswith(VIRTUAL)) and \
                    self.root_of(doc_id) != lk.child:
                self._set_parent(lk.child, lk)
                linked = True
        self._detach_cited_origins(doc_id)
        if not linked:
            linked = self._virtual(feats)
        self._replace_virtual(feats)
        self.rebuild(doc_id)
        return "linked" if linked else "alone"

    def _detach_cited_origins(self, doc_id: str) -> None:
        """A document with copies, summaries or translations of its own is an origin: if it
        hangs from another story only as a citation (a report citing its sources), it leaves
        that story and heads its own."""
        parent = self._parent(doc_id)
        nodes = [doc_id] + ([parent] if parent and not parent.startswith(VIRTUAL) else [])
        for node in nodes:
            r = self.conn.execute("SELECT parent_doc_id, relation FROM provenance_docs WHERE doc_id=?",
                                  (node,)).fetchone()
            if not r or r[1] != "citation" or r[0] is None:
                continue
            if self._has_derived(node):
                old_parent = r[0]
                self.conn.execute("UPDATE provenance_docs SET parent_doc_id=NULL, relation=NULL,"
                                  " score=NULL WHERE doc_id=?", (node,))
                self.conn.execute("DELETE FROM story_passages WHERE doc_id=?", (node,))
                tree = self._tree(node)
                marks = ",".join("?" * len(tree))
                self.conn.execute(f"DELETE FROM story_members WHERE doc_id IN ({marks})", tree)
                if not old_parent.startswith(VIRTUAL):
                    self.rebuild(old_parent)
                else:
                    self._rebuild_virtual(old_parent)

    def _has_derived(self, doc_id: str) -> bool:
        return self.conn.execute(
            "SELECT 1 FROM provenance_docs WHERE parent_doc_id=? AND relation<>'citation' LIMIT 1",
            (doc_id,)).fetchone() is not None

    def _rebuild_virtual(self, vnode: str) -> None:
        row = self.conn.execute("SELECT doc_id FROM provenance_docs WHERE parent_doc_id=? LIMIT 1",
                                (vnode,)).fetchone()
        if row:
            self.rebuild(row[0])
        else:
            self.conn.execute("DELETE FROM stories WHERE virtual_key=?", (vnode[len(VIRTUAL):],))

    def _write(self, f: DocFeatures) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO provenance_docs (doc_id, lang, day, outlet_keys, report_day,"
            " n_words, signature, fingerprints, citations) VALUES (?,?,?,?,?,?,?,?,?)",
            (f.doc_id, f.lang, f.day, json.dumps(sorted(f.outlet_keys)), f.report_day, f.n_words,
             f.signature.astype("<u4").tobytes(), json.dumps(list(f.fingerprints), ensure_ascii=False),
             citations_json(f.citations)))
        counted = (KIND_PASSAGE, KIND_FINGERPRINT, KIND_LEDE)
        old = self.conn.execute(
            f"SELECT key, kind FROM provenance_keys WHERE doc_id=? AND kind IN {counted}",
            (f.doc_id,)).fetchall()
        self.conn.executemany("UPDATE provenance_df SET n = n - 1 WHERE key=? AND kind=?", old)
        self.conn.execute("DELETE FROM provenance_keys WHERE doc_id=?", (f.doc_id,))
        rows = f.index_keys()
        self.conn.executemany("INSERT OR IGNORE INTO provenance_keys (key, kind, doc_id) VALUES (?,?,?)",
                              ((k, kind, f.doc_id) for k, kind in rows))
        self.conn.executemany(
            "INSERT INTO provenance_df (key, kind, n) VALUES (?,?,1)"
            " ON CONFLICT (key, kind) DO UPDATE SET n = n + 1",
            [(k, kind) for k, kind in rows if kind in counted])
        self._remember(f)

    def candidates(self, f: DocFeatures) -> list[str]:
        """Placed documents that may be related to ``f``."""
        cap = self.settings.provenance_max_key_docs
        found: dict[str, int] = {}

        def lookup(keys: list[int], kind: int, min_hits: int, use_cap: bool = True) -> None:
            hits: dict[str, int] = {}
            for i in range(0, len(keys), 500):
                chunk = keys[i:i + 500]
                if use_cap:  # drop keys too common to mean anything before reading postings
                    marks = ",".join("?" * len(chunk))
                    common = {r[0] for r in self.conn.execute(
                        f"SELECT key FROM provenance_df WHERE kind=? AND key IN ({marks}) AND n > ?",
                        (kind, *chunk, cap + 1))}
                    chunk = [k for k in chunk if k not in common]
                    if not chunk:
                        continue
                marks = ",".join("?" * len(chunk))
                rows = self.conn.execute(
                    f"SELECT key, doc_id FROM provenance_keys WHERE kind=? AND key IN ({marks})"
                    " AND doc_id<>?", (kind, *chunk, f.doc_id)).fetchall()
                per_key: dict[int, list[str]] = {}
                for key, doc_id in rows:
                    per_key.setdefault(key, []).append(doc_id)
                for docs in per_key.values():
                    if use_cap and len(docs) > cap:
                        continue
                    for d in docs:
                        hits[d] = hits.get(d, 0) + 1
            for d, n in hits.items():
                if n >= min_hits:
                    found[d] = max(found.get(d, 0), n)

        lookup([int(k) for k in band_keys(f.signature)], KIND_BAND, 1, use_cap=False)
        lookup([signed64(int(h)) for h in f.passages], KIND_PASSAGE, 2)
        lookup([signed64(int(h)) for h in lede_passages(f.lede_ordered)], KIND_LEDE, 2)
        lookup([text_key(k) for k in f.fp_keys], KIND_FINGERPRINT,
               min(self.settings.provenance_translation_min_shared,
                   self.settings.provenance_citation_min_shared))
        # documents of the cited sources on the cited day (or, for "according to ISW", on the
        # citing document's day and the three before it)
        outlet_keys = set()
        for c in f.citations:
            days = _days_for(c.day, f.day)
            outlet_keys |= {outlet_day_key(k, d) for k in c.keys for d in days}
        if outlet_keys:
            lookup(sorted(outlet_keys), KIND_OUTLET, 1, use_cap=False)
        # most promising first; a very common document type should not flood the judge
        return sorted(found, key=lambda d: -found[d])[:200]

    def root_of(self, doc_id: str) -> str:
        seen = set()
        node = doc_id
        while node and not node.startswith(VIRTUAL) and node not in seen:
            seen.add(node)
            row = self.conn.execute("SELECT parent_doc_id FROM provenance_docs WHERE doc_id=?",
                                    (node,)).fetchone()
            if row is None or row[0] is None:
                return node
            node = row[0]
        return node

    def _set_parent(self, child: str, link: Link) -> None:
        self.conn.execute(
            "UPDATE provenance_docs SET parent_doc_id=?, relation=?, score=?, signals=? WHERE doc_id=?",
            (link.parent, link.relation, link.score, json.dumps(link.signals), child))
        self.conn.execute("DELETE FROM story_passages WHERE doc_id=?", (child,))
        if link.relation in ("verbatim-copy", "summary", "citation"):
            texts = dict(self.conn.execute("SELECT doc_id, text FROM documents WHERE doc_id IN (?,?)",
                                           (child, link.parent)).fetchall())
            passages = align.align(texts.get(child, ""), texts.get(link.parent, ""))
            self.conn.executemany(
                "INSERT INTO story_passages (doc_id, parent_doc_id, start, end, parent_start,"
                " parent_end, score) VALUES (?,?,?,?,?,?,?)",
                ((child, link.parent, p.start, p.end, p.parent_start, p.parent_end, p.score)
                 for p in passages))

    # --- virtual origins ---------------------------------------------------------------
    def _parent(self, doc_id: str) -> str | None:
        row = self.conn.execute("SELECT parent_doc_id FROM provenance_docs WHERE doc_id=?",
                                (doc_id,)).fetchone()
        return row[0] if row else None

    def _virtual_key(self, f: DocFeatures) -> str | None:
        """'source|MM-DD' of the one outside report this document cites, if it is not in the
        store."""
        if len({c.key for c in f.citations}) > self.settings.provenance_citation_max_sources:
            return None  # a compilation of many sources derives from none of them
        external = [c for c in f.citations
                    if c.report and c.day and not (set(c.keys) & f.outlet_keys) and len(c.key) >= 2
                    and not c.url]
        if len({c.key for c in external}) != 1:
            return None  # no cited report, or several sources: not derived from one report
        c = external[0]
        if self._source_known_without_day(c.key, c.day):
            return None
        return f"{c.key}|{c.day}"

    def _virtual(self, f: DocFeatures) -> bool:
        """Join the virtual origin of a specific report this document cites (source + day),
        when no document of that source is in the store for that day."""
        key = self._virtual_key(f)
        if key is None:
            return False
        c = next(c for c in f.citations if f"{c.key}|{c.day}" == key)
        # a wire dateline means the text is the agency's report: a copy, not a mention
        relation = "verbatim-copy" if c.dateline else "citation"
        self.conn.execute(
            "UPDATE provenance_docs SET parent_doc_id=?, relation=?, score=0.5,"
            " signals=? WHERE doc_id=?",
            (VIRTUAL + key, relation, json.dumps({"cited_as": c.source, "day": c.day}), f.doc_id))
        return True

    def _source_known_without_day(self, key: str, day: str) -> bool:
        """Is there a document of this source for that day in the store? (Then the citation
        was judged against it and did not hold: no virtual origin.)"""
        keys = [outlet_day_key(key, d) for d in _days_for(day, None)]
        marks = ",".join("?" * len(keys))
        return self.conn.execute(
            f"SELECT 1 FROM provenance_keys WHERE kind=? AND key IN ({marks}) LIMIT 1",
            (KIND_OUTLET, *keys)).fetchone() is not None

    def _replace_virtual(self, f: DocFeatures) -> None:
        """The real report arrives: documents hanging from its virtual origin move under it."""
        if not f.day:
            return
        for key in f.outlet_keys:
            for vkey in _virtual_keys(key, f.day):
                rows = self.conn.execute(
                    "SELECT doc_id FROM provenance_docs WHERE parent_doc_id=? AND doc_id<>?",
                    (VIRTUAL + vkey, f.doc_id)).fetchall()
                for (child,) in rows:
                    other = self.features(child)
                    link = judge(other, f, self.settings) if other else None
                    relation = link.relation if link and link.child == child else "citation"
                    self._set_parent(child, Link(child, f.doc_id, relation, link.score if link else 0.5,
                                                 {"replaced_virtual": vkey}))
                story = self.conn.execute("SELECT story_id FROM stories WHERE virtual_key=?",
                                          (vkey,)).fetchone()
                if story:
                    self.conn.execute("UPDATE stories SET virtual_key=NULL, cited_as=NULL,"
                                      " origin_doc_id=? WHERE story_id=?", (f.doc_id, story[0]))
                    self.conn.execute("INSERT OR REPLACE INTO story_members (story_id, doc_id,"
                                      " relation, parent_doc_id) VALUES (?,?,?,?)",
                                      (story[0], f.doc_id, "origin", None))

    # --- stories ------------------------------------------------------------------------
    def rebuild(self, doc_id: str) -> None:
        """Rewrite the story of ``doc_id``'s tree."""
        root = self.root_of(doc_id)
        members = self._tree(root)
        virtual = root.startswith(VIRTUAL)
        sightings = 0
        if not virtual and len(members) == 1:
            sightings = self.conn.execute(
                "SELECT count(DISTINCT input_id) FROM sightings WHERE doc_id=?", (root,)).fetchone()[0]
        old = [r[0] for r in self.conn.execute(
            f"SELECT DISTINCT story_id FROM story_members WHERE doc_id IN ({','.join('?' * len(members))})",
            members)] if members else []
        if virtual:
            vrow = self.conn.execute("SELECT story_id FROM stories WHERE virtual_key=?",
                                     (root[len(VIRTUAL):],)).fetchone()
            if vrow:
                old = [vrow[0], *[s for s in old if s != vrow[0]]]
        keep_story = len(members) > 1 or virtual or sightings > 1
        story_id = None
        if old:
            own = self.conn.execute("SELECT story_id FROM story_members WHERE doc_id=?",
                                    (root,)).fetchone() if not virtual else None
            if own:
                story_id = own[0]
            else:
                sizes = {s: self.conn.execute("SELECT count(*) FROM story_members WHERE story_id=?",
                                              (s,)).fetchone()[0] for s in old}
                story_id = max(old, key=lambda s: sizes[s])
        for s in old:
            if s != story_id or not keep_story:
                self.conn.execute("DELETE FROM story_members WHERE story_id=? AND doc_id IN"
                                  f" ({','.join('?' * len(members))})", (s, *members))
                if not self.conn.execute("SELECT 1 FROM story_members WHERE story_id=? LIMIT 1",
                                         (s,)).fetchone():
                    self.conn.execute("DELETE FROM stories WHERE story_id=?", (s,))
        if not keep_story:
            return
        ts = now()
        if story_id is None:
            story_id = "s" + hashlib.sha1(root.encode()).hexdigest()[:12]
        cited_as = None
        if virtual:
            first = self.conn.execute("SELECT signals FROM provenance_docs WHERE parent_doc_id=? LIMIT 1",
                                      (root,)).fetchone()
            sig = json.loads(first[0]) if first else {}
            cited_as = f"{sig.get('cited_as', root[len(VIRTUAL):])}, report of {sig.get('day', '?')}"
        self.conn.execute(
            "INSERT INTO stories (story_id, origin_doc_id, cited_as, virtual_key, n_members,"
            " created_at, updated_at) VALUES (?,?,?,?,?,?,?) ON CONFLICT (story_id) DO UPDATE SET"
            " origin_doc_id=excluded.origin_doc_id, cited_as=excluded.cited_as,"
            " virtual_key=excluded.virtual_key, n_members=excluded.n_members,"
            " updated_at=excluded.updated_at",
            (story_id, None if virtual else root, cited_as,
             root[len(VIRTUAL):] if virtual else None, len(members), ts, ts))
        links = {r[0]: r[1:] for r in self.conn.execute(
            "SELECT doc_id, parent_doc_id, relation, score FROM provenance_docs WHERE doc_id IN"
            f" ({','.join('?' * len(members))})", members)} if members else {}
        rows = []
        for m in members:
            if m == root:
                rows.append((story_id, m, "origin", None, None))
                continue
            r = links[m]
            parent = None if (r[0] or "").startswith(VIRTUAL) else r[0]
            rows.append((story_id, m, r[1] or "citation", parent, r[2]))
        self.conn.executemany(
            "INSERT OR REPLACE INTO story_members (story_id, doc_id, relation, parent_doc_id, score)"
            " VALUES (?,?,?,?,?)", rows)

    def _tree(self, root: str) -> list[str]:
        out: list[str] = [] if root.startswith(VIRTUAL) else [root]
        frontier = [root]
        seen = set(frontier)
        while frontier:
            marks = ",".join("?" * len(frontier))
            children = [r[0] for r in self.conn.execute(
                f"SELECT doc_id FROM provenance_docs WHERE parent_doc_id IN ({marks})", frontier)
                if r[0] not in seen]
            seen.update(children)
            out.extend(children)
            frontier = children
        return out


def _days_for(cited_day: str | None, citing_day: str | None) -> list[str]:
    """MM-DD days on which the cited report may have been published: the cited day or the
    day after (a report "for March 3" posted after midnight UTC); without a cited day, the
    citing document's day and the three before it."""
    if cited_day:
        try:
            d = date(2000, int(cited_day[:2]), int(cited_day[3:5]))  # 2000: leap year
        except ValueError:
            return [cited_day]
        return [cited_day, (d + timedelta(days=1)).strftime("%m-%d")]
    if not citing_day:
        return ["?"]
    try:
        d = date.fromisoformat(citing_day)
    except ValueError:
        return ["?"]
    return [(d - timedelta(days=i)).strftime("%m-%d") for i in range(4)]


def _virtual_keys(key: str, day: str) -> list[str]:
    """Virtual-origin keys a report of source ``key`` published on ``day`` replaces."""
    try:
        d = date.fromisoformat(day)
    except ValueError:
        return []
    return [f"{key}|{d.strftime('%m-%d')}", f"{key}|{(d - timedelta(days=1)).strftime('%m-%d')}"]


def _rank(relation: str) -> int:
    return {"verbatim-copy": 4, "summary": 3, "translation": 2, "citation": 1}.get(relation, 0)
