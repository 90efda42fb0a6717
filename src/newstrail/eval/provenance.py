"""``newstrail eval provenance GOLD``: stories against a gold file.

Gold file (JSON, format in docs/provenance.md)::

    {"name": "...",                           # "same_publication" (optional, per story):
     "inputs": ["relative/path", "shared:ukraine-news/web-en-2026-02.jsonl.gz", ...],
     "documents": ["input_id", ...],          # optional: evaluate only these
     "stories": [{"id": "ica-03-03", "origin": "input_id" or null, "cited_as": "..." or null,
                  "members": {"input_id": "origin|verbatim-copy|summary|translation|citation"},
                  "same_publication": ["input_id", ...]}]}

``same_publication`` lists members that are the same publication as the origin (other fetches
of the same URL): any of them counts as the right origin.

Documents are named by ``input_id`` (stable across stores; for shared data, the record id:
gold for real data holds ids and labels only). Inputs are ingested into a scratch store and
the provenance stage is run on it. Scores:

- same-story pairwise precision, recall, F1 over all pairs of evaluated documents;
- origin accuracy: per gold story, the predicted story holding most of its members has the
  gold origin (the same document, or a virtual origin when the gold origin is not in the
  corpus);
- relation accuracy: per gold member other than the origin, the predicted relation, counted
  only when the member is in that predicted story.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from newstrail.errors import UsageError
from newstrail.eval import DEFAULT_SHARED
from newstrail.settings import Settings
from newstrail.store import Store


def load_gold(path: Path) -> dict[str, Any]:
    try:
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot read gold file {path}: {exc}",
                         hint="give a JSON gold file (format in docs/provenance.md)") from exc
    if not isinstance(gold, dict) or "inputs" not in gold or "stories" not in gold:
        raise UsageError(f"{path} is not a provenance gold file",
                         hint="it needs 'inputs' and 'stories' (docs/provenance.md)")
    return gold


def resolve_inputs(gold: dict[str, Any], base: Path, shared: Path | None) -> list[str]:
    shared = shared or DEFAULT_SHARED
    out = []
    for item in gold["inputs"]:
        if item.startswith("shared:"):
            p = shared / item[len("shared:"):]
            if not p.exists():
                raise UsageError(f"shared input {p} is missing",
                                 hint="pass --shared with the folder that holds ukraine-news/ and polnear/")
        else:
            p = (base / item).resolve()
        out.append(str(p))
    return out


def predicted(store: Store) -> tuple[dict[str, tuple[str, str]], dict[str, str | None]]:
    """input_id -> (story_id, relation); story_id -> origin doc_id."""
    from newstrail.provenance.queries import iter_stories

    member: dict[str, tuple[str, str]] = {}
    origins: dict[str, str | None] = {}
    for story in iter_stories(store):
        origins[story["story_id"]] = story["origin"]["doc_id"]
        for m in story["members"]:
            member.setdefault(m["input_id"], (story["story_id"], m["relation"]))
    return member, origins


def score(gold: dict[str, Any], universe: list[str], member: dict[str, tuple[str, str]],
          origins: dict[str, str | None], doc_of: dict[str, str]) -> dict[str, Any]:
    gold_story: dict[str, str] = {}
    for s in gold["stories"]:
        for iid in s["members"]:
            gold_story[iid] = s["id"]
    g = {iid: gold_story.get(iid, "single:" + iid) for iid in universe}
    p = {iid: member[iid][0] if iid in member else "single:" + iid for iid in universe}
    # pairs through the contingency table, not all n^2 pairs
    both = Counter((g[i], p[i]) for i in universe)
    gsize, psize = Counter(g.values()), Counter(p.values())
    pairs = lambda n: n * (n - 1) // 2  # noqa: E731
    tp = sum(pairs(n) for n in both.values())
    fp = sum(pairs(n) for n in psize.values()) - tp
    fn = sum(pairs(n) for n in gsize.values()) - tp
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    origin_ok = origin_n = rel_ok = rel_n = 0
    errors: list[dict[str, Any]] = []
    relations: Counter[tuple[str, str]] = Counter()
    evaluated = set(universe)
    for s in gold["stories"]:
        members = [i for i in s["members"] if i in evaluated]
        if len(members) < 2 and not s.get("cited_as"):
            continue
        votes = Counter(p[i] for i in members if not p[i].startswith("single:"))
        best = votes.most_common(1)[0][0] if votes else None
        origin_n += 1
        pred_origin = origins.get(best) if best else "none"
        gold_origin = doc_of.get(s["origin"]) if s.get("origin") else None
        same = {doc_of.get(i) for i in s.get("same_publication", ())} | {gold_origin}
        if best and pred_origin in same:
            origin_ok += 1
        else:
            errors.append({"story": s["id"], "error": "origin", "gold": s.get("origin"),
                           "predicted_doc": pred_origin})
        for iid in members:
            rel = s["members"][iid]
            if rel == "origin":
                continue
            rel_n += 1
            got = member[iid][1] if iid in member and p[iid] == best else "none"
            if got == "origin" and rel == "verbatim-copy" and iid in s.get("same_publication", ()):
                got = rel  # another fetch of the origin's page was taken as the origin
            relations[(rel, got)] += 1
            if got == rel:
                rel_ok += 1
            else:
                errors.append({"story": s["id"], "error": "relation", "input_id": iid,
                               "gold": rel, "predicted": got})
    for iid in universe:
        if iid not in gold_story and iid in member and member[iid][1] != "origin":
            errors.append({"error": "joined", "input_id": iid, "story": member[iid][0],
                           "predicted": member[iid][1]})
    return {"documents": len(universe), "gold_stories": origin_n,
            "pairs": {"tp": tp, "fp": fp, "fn": fn}, "precision": round(precision, 4),
            "recall": round(recall, 4), "f1": round(f1, 4),
            "origin_accuracy": round(origin_ok / origin_n, 4) if origin_n else None,
            "relation_accuracy": round(rel_ok / rel_n, 4) if rel_n else None,
            "relations": {f"{a}->{b}": n for (a, b), n in sorted(relations.items())},
            "errors": errors}


def evaluate(gold_path: Path, *, shared: Path | None = None,
             settings: Settings | None = None) -> dict[str, Any]:
    from newstrail.ingest.pipeline import ingest
    from newstrail.provenance.stories import update

    gold = load_gold(gold_path)
    inputs = resolve_inputs(gold, Path(gold_path).resolve().parent, shared)
    with tempfile.TemporaryDirectory() as tmp:
        s = (settings or Settings()).replace(db=Path(tmp) / "eval.db", workers=1)
        store = Store(s.db)
        try:
            ingest(inputs, store, s)
            t0 = time.perf_counter()
            counts = update(store, s)
            seconds = time.perf_counter() - t0
            doc_of = {r[0]: r[1] for r in store.conn.execute("SELECT input_id, doc_id FROM sightings")}
            # records without an id are named "<path>:<line>"; gold names them by file name
            # ("polnear_train.jsonl.gz:17") so that it does not depend on where the data is
            short = {Path(i).name: i for i in doc_of if i.startswith("/")}
            gold = _rename(gold, short)
            universe = [i for i in (gold.get("documents") or sorted(doc_of)) if i in doc_of]
            missing = [i for s_ in gold["stories"] for i in s_["members"] if i not in doc_of]
            member, origins = predicted(store)
            result = score(gold, universe, member, origins, doc_of)
        finally:
            store.close()
    result.update(name=gold.get("name", Path(gold_path).stem), gold_missing=missing,
                  stage=counts, seconds=round(seconds, 2))
    return result


def _rename(gold: dict[str, Any], short: dict[str, str]) -> dict[str, Any]:
    if not short:
        return gold
    ren = lambda i: short.get(i, i)  # noqa: E731
    out = dict(gold)
    if gold.get("documents"):
        out["documents"] = [ren(i) for i in gold["documents"]]
    out["stories"] = [{**s, "origin": ren(s["origin"]) if s.get("origin") else s.get("origin"),
                       "members": {ren(i): r for i, r in s["members"].items()},
                       "same_publication": [ren(i) for i in s.get("same_publication", ())]}
                      for s in gold["stories"]]
    return out


def report_lines(r: dict[str, Any]) -> list[str]:
    lines = [
        f"{r['name']}: {r['documents']} documents, {r['gold_stories']} gold stories "
        f"(placed in {r['seconds']} s)",
        f"  same-story pairs  precision {r['precision']:.3f}  recall {r['recall']:.3f}  "
        f"F1 {r['f1']:.3f}  (tp {r['pairs']['tp']}, fp {r['pairs']['fp']}, fn {r['pairs']['fn']})",
        f"  origin accuracy   {_fmt(r['origin_accuracy'])}",
        f"  relation accuracy {_fmt(r['relation_accuracy'])}",
    ]
    if r["gold_missing"]:
        lines.append(f"  gold ids not found in the inputs: {len(r['gold_missing'])} "
                     f"(e.g. {r['gold_missing'][0]})")
    for e in r["errors"][:25]:
        lines.append("  - " + ", ".join(f"{k}={v}" for k, v in e.items()))
    return lines


def _fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


__all__ = ["evaluate", "load_gold", "report_lines", "score"]
