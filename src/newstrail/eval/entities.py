"""``newstrail eval entities``: pairwise merge precision and recall of entity resolution.

Gold file: one JSON object per line, ``{"canonical", "type", "variants": [...]}``; a variant
is a string, or ``{"text", "context"}`` where ``context`` is a sentence with ``{}`` where the
name goes (for homonyms such as the Kursk submarine). The shipped set
(``data/entities/gold/entities.jsonl``) was written for newstrail: names of the Russia-Ukraine
war in English, French and German renderings and in Cyrillic, plus names from PolNeAR
(``"source": "polnear"``).

Every variant becomes one mention in a document of its own (so nothing is decided by
document context: this measures cross-document resolution, the hard case), labelled by its
gold type, and the real ``entities`` stage runs over a scratch store. Pairs of mentions are
then counted: a pair in the same gold group and the same entity is a true merge, a pair in
different groups but one entity a wrong merge, a pair of one group in different entities (or
unresolved) a missed merge.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections import Counter, defaultdict
from importlib import resources
from itertools import combinations
from pathlib import Path
from typing import Any

from newstrail.entities.aliases import load_aliases
from newstrail.errors import UsageError
from newstrail.settings import Settings
from newstrail.store import Store
from newstrail.store.db import now

__all__ = ["LABEL_OF_TYPE", "default_gold", "evaluate", "evaluate_pairs", "read_gold", "report",
           "report_pairs", "scratch_store"]

LABEL_OF_TYPE = {"person": "PERSON", "organisation": "ORG", "armed_group": "ORG", "unit": "ORG",
                 "settlement": "GPE", "region": "GPE", "country": "GPE", "facility": "FAC",
                 "other": "ORG"}


def default_gold(name: str) -> Path:
    return Path(str(resources.files("newstrail") / "data" / "entities" / "gold" / name))


def read_gold(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise UsageError(f"no gold file {path}", hint="pass a JSONL file of variant groups")
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise UsageError(f"{path}:{n}: not JSON ({exc})", hint="one JSON object per line") from exc
    return out


def scratch_store(items: list[tuple[str, str, str]], settings: Settings,
                  folder: str) -> tuple[Store, list[int]]:
    """A store with one document per (text-with-{}, name, label) and one mention of the name
    in it, then the entities stage run over it; returns the store and the mention ids."""
    from newstrail.entities.resolve import update

    store = Store(Path(folder) / "eval.db")
    ids = []
    with store.atomic() as conn:
        for i, (context, name, label) in enumerate(items):
            text = context.replace("{}", name) if context else name
            start = text.index(name)
            doc_id = hashlib.sha256(f"{i}:{text}".encode()).hexdigest()[:16]
            ts = now()
            conn.execute(
                "INSERT INTO documents (doc_id, content_hash, input_id, text, extracted, lang,"
                " meta, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
                (doc_id, doc_id, f"gold-{i}", text, text, "en", "{}", ts, ts))
            # the English documents are the claims stage's: mark them so ours skips them
            conn.execute("INSERT INTO processed (doc_id, stage, version, status, processed_at)"
                         " VALUES (?, 'entities-foreign', '1', 'skipped', ?)", (doc_id, ts))
            cur = conn.execute(
                "INSERT INTO mentions (doc_id, start, end, text, label, origin)"
                " VALUES (?,?,?,?,?,?)", (doc_id, start, start + len(name), name, label, "gold"))
            ids.append(int(cur.lastrowid))
    update(store, settings.replace(db=Path(folder) / "eval.db"))
    return store, ids


def evaluate(path: Path | None, settings: Settings) -> dict[str, Any]:
    path = path or default_gold("entities.jsonl")
    gold = read_gold(path)
    items, group_of = [], []
    for g, group in enumerate(gold):
        label = LABEL_OF_TYPE.get(group.get("type", "other"), "ORG")
        for v in group["variants"]:
            text, context = (v, "") if isinstance(v, str) else (v["text"], v.get("context", ""))
            items.append((context, text, label))
            group_of.append(g)
    with tempfile.TemporaryDirectory() as folder:
        store, ids = scratch_store(items, settings, folder)
        try:
            linked = {r[0]: (r[1], r[2]) for r in store.conn.execute(
                "SELECT mention_id, entity_id, rule FROM mentions")}
        finally:
            store.close()
    entity = [linked[i][0] for i in ids]
    rules = Counter(linked[i][1] or "none" for i in ids)
    tp = fp = fn = 0
    wrong, missed = [], []
    for a, b in combinations(range(len(items)), 2):
        same_gold = group_of[a] == group_of[b]
        same_pred = entity[a] is not None and entity[a] == entity[b]
        if same_gold and same_pred:
            tp += 1
        elif same_pred:
            fp += 1
            wrong.append((items[a][1], items[b][1]))
        elif same_gold:
            fn += 1
            missed.append((items[a][1], items[b][1]))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    aliases = load_aliases()
    in_table = sum(1 for _, name, _ in items if aliases.lookup(name))
    by_source: dict[str, list[int]] = defaultdict(list)
    for g, group in enumerate(gold):
        by_source[group.get("source", "war")].append(g)
    return {
        "gold": str(path), "groups": len(gold), "mentions": len(items),
        "pairs_true": tp + fn, "precision": round(precision, 4), "recall": round(recall, 4),
        "f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
        "wrong_merges": len(wrong), "missed_merges": len(missed),
        "variants_in_alias_table": round(in_table / len(items), 3) if items else 0.0,
        "groups_by_source": {k: len(v) for k, v in by_source.items()},
        "rules": dict(rules.most_common()),
        "wrong": [list(p) for p in wrong[:200]], "missed": [list(p) for p in missed[:500]],
        "unresolved": [items[k][1] for k in range(len(items)) if entity[k] is None],
    }


def report(result: dict[str, Any], *, errors: bool = False) -> str:
    lines = [
        f"gold: {result['gold']} ({result['groups']} groups, {result['mentions']} mentions, "
        f"{result['pairs_true']} true pairs)",
        f"pairwise merge precision {result['precision']:.3f}  recall {result['recall']:.3f}  "
        f"F1 {result['f1']:.3f}  (wrong merges {result['wrong_merges']}, missed "
        f"{result['missed_merges']})",
        f"variants found as such in the alias table: {result['variants_in_alias_table']:.0%}"
        " (the rest by rule)",
        "rules: " + ", ".join(f"{k} {v}" for k, v in result["rules"].items()),
    ]
    if errors:
        lines += ["wrong merges:"] + [f"  {a}  ==  {b}" for a, b in result["wrong"]]
        lines += ["missed merges:"] + [f"  {a}  /  {b}" for a, b in result["missed"]]
        lines += ["unresolved: " + ", ".join(result["unresolved"])]
    return "\n".join(lines)


def evaluate_pairs(store: Store, path: Path | None = None) -> dict[str, Any]:
    """Merge precision of a processed store on real-data pairs (``realdata-pairs.jsonl``):
    ``{"variant", "entity", "same"}`` says whether mentions written ``variant`` must (or must
    not) be linked to the entity named ``entity``; ``{"variant", "type"}`` /
    ``{"variant", "not_type"}`` what type its entity must (not) have. A pair counts as linked
    when any mention of that text is linked to an entity of that name. Precision: linked right
    pairs over all linked pairs; recall: linked right pairs over right pairs."""
    path = path or default_gold("realdata-pairs.jsonl")
    items = [i for i in read_gold(path) if "variant" in i]
    conn = store.conn

    def linked(variant: str) -> Counter[tuple[str, str]]:
        return Counter({(n, t): c for n, t, c in conn.execute(
            "SELECT e.name, e.type, count(*) FROM mentions m JOIN entities e USING (entity_id)"
            " WHERE m.text = ? GROUP BY e.entity_id", (variant,))})

    tp = fp = fn = 0
    type_ok = type_bad = 0
    wrong: list[dict[str, Any]] = []
    missed: list[dict[str, Any]] = []
    kinds: Counter[str] = Counter()
    for it in items:
        got = linked(it["variant"])
        if "entity" in it:
            hit = sum(c for (n, _), c in got.items() if n == it["entity"])
            if it["same"]:
                tp += bool(hit)
                fn += not hit
                if not hit:
                    missed.append({"variant": it["variant"], "entity": it["entity"]})
            elif hit:
                fp += 1
                kinds[it.get("kind", "other")] += 1
                wrong.append({"variant": it["variant"], "entity": it["entity"], "mentions": hit})
        elif got:
            (_, etype), _ = got.most_common(1)[0]
            ok = etype == it["type"] if "type" in it else etype != it.get("not_type")
            type_ok += ok
            type_bad += not ok
            if not ok:
                wrong.append({"variant": it["variant"], "type": etype})
    pairs_wrong = sum(1 for i in items if i.get("same") is False)
    return {
        "gold": str(path), "pairs_right": tp + fn, "pairs_wrong": pairs_wrong,
        "precision": round(tp / (tp + fp), 4) if tp + fp else 0.0,
        "recall": round(tp / (tp + fn), 4) if tp + fn else 0.0,
        "wrong_merges": fp, "wrong_merges_by_kind": dict(kinds.most_common()),
        "types_right": type_ok, "types_wrong": type_bad, "wrong": wrong, "missed": missed,
    }


def report_pairs(result: dict[str, Any], *, errors: bool = False) -> str:
    lines = [
        f"gold: {result['gold']} ({result['pairs_right']} right pairs, {result['pairs_wrong']}"
        " wrong pairs)",
        f"real-data merge precision {result['precision']:.3f}  recall {result['recall']:.3f}"
        f"  (wrong merges made {result['wrong_merges']} of {result['pairs_wrong']}; types right"
        f" {result['types_right']}, wrong {result['types_wrong']})",
    ]
    if result["wrong_merges_by_kind"]:
        lines.append("wrong merges by kind: " + ", ".join(
            f"{k} {v}" for k, v in result["wrong_merges_by_kind"].items()))
    if errors:
        lines += ["wrong:"] + [f"  {w}" for w in result["wrong"]]
        lines += ["missed:"] + [f"  {m['variant']}  /  {m['entity']}" for m in result["missed"]]
    return "\n".join(lines)
