"""Commands of the entities stage: ``entities``, ``entity``, ``mentions``, ``gazetteer add``,
``eval entities``, ``eval entity-pairs``, ``eval geocoding``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newstrail.cli._util import (
    DbOption,
    JsonOption,
    app,
    emit_json,
    emit_report,
    eval_app,
    open_db,
    safe,
    settings_for,
)
from newstrail.entities.aliases import TYPES
from newstrail.errors import UsageError

gazetteer_app = typer.Typer(help="Add place files to the gazetteer.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")


@app.command("entities")
def entities_cmd(
    db: DbOption = None,
    type: Annotated[str | None, typer.Option("--type", help=f"Only this type: {', '.join(TYPES)}.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="At most this many.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Canonical entities (people, bodies, units, places), most mentioned first."""
    from newstrail.entities.queries import iter_entities

    if type and type not in TYPES:
        raise UsageError(f"unknown type {type!r}", hint=f"one of: {', '.join(TYPES)}")
    store = open_db(settings_for(db))
    try:
        for e in iter_entities(store, type=type, limit=limit):
            if as_json:
                emit_json(e)
                continue
            geo = e["geo"]
            where = f"  {geo['lat']:.3f},{geo['lon']:.3f} {geo['country'] or ''}" if geo and \
                geo["lat"] == geo["lat"] else ""
            others = [v for v in e["variants"] if v != e["name"]][:6]
            typer.echo(f"{e['entity_id']:>6}  {e['mention_count']:>5}  {e['type']:<12} "
                       f"{safe(e['name'])}{where}"
                       + (f"  ({safe(', '.join(others))})" if others else ""))
    finally:
        store.close()


@app.command("entity")
def entity_cmd(
    args: Annotated[list[str], typer.Argument(
        help="NAME_OR_ID to show; or `merge A B` (A and B are one); or `split A VARIANT` "
             "(VARIANT is not A).", show_default=False)],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """One entity: variants and why they were merged, mentions over time, claims by and
    about it. `entity merge A B` and `entity split A VARIANT` override the resolver, and are
    kept across re-processing."""
    from newstrail.entities.queries import entity_detail, find_entity, override

    store = open_db(settings_for(db))
    try:
        if args[0] in ("merge", "split") and len(args) == 3:
            result = override(store, args[0], args[1], args[2])
            if as_json:
                emit_json(result)
            else:
                typer.echo(f"{args[0]}: {safe(result['key_a'])} / {safe(result['key_b'])}"
                           " (stored; re-applied after every `newstrail process`)")
            return
        if args[0] in ("merge", "split"):
            raise UsageError(f"`entity {args[0]}` takes two arguments",
                             hint="newstrail entity merge A B | newstrail entity split A VARIANT")
        d = entity_detail(store, find_entity(store, " ".join(args)))
        if as_json:
            emit_json(d)
            return
        typer.echo(f"{safe(d['name'])}  [{d['type']}]  id {d['entity_id']}  key {safe(d['key'])}")
        if d["geo"]:
            g = d["geo"]
            typer.echo(f"  place: {g['lat']}, {g['lon']}  country {g['country']}  admin1 "
                       f"{g['admin1']}  geonames {g['geonames_id']}  precision {g['precision']}")
        if d["merged_keys"]:
            typer.echo(f"  merged by you: {safe(', '.join(d['merged_keys']))}")
        typer.echo("  variants (mentions, why linked):")
        for v in d["variants"]:
            score = f" {v['score']:.0f}" if v["score"] is not None else ""
            typer.echo(f"    {safe(v['text'])!s:<40} {v['mentions']:>4}  {v['rule']}{score}")
        if d["timeline"]:
            typer.echo("  mentions over time:")
            for t in d["timeline"]:
                typer.echo(f"    {t['date'] or '(undated)'}  {t['mentions']:>4} in "
                           f"{t['documents']} document(s)")
        for label, key in (("claims by it", "claims_by"), ("claims about it", "claims_about")):
            if d[key]:
                typer.echo(f"  {label}:")
                for c in d[key][:10]:
                    typer.echo(f"    {c['doc_id'][:8]}  {safe(c['source_text'] or '-')} "
                               f"{safe(c['cue_text'])}: {safe(c['content_text'])[:100]}")
        for o in d["overrides"]:
            typer.echo(f"  override: {o['action']} {safe(o['key_a'])} / {safe(o['key_b'])}")
    finally:
        store.close()


@app.command("mentions")
def mentions_cmd(
    db: DbOption = None,
    doc: Annotated[str | None, typer.Option("--doc", help="Only this document (doc_id).")] = None,
    entity: Annotated[str | None, typer.Option("--entity", help="Only mentions of this entity (name or id).")] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="At most this many.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Names found in the documents and the entity each is linked to."""
    from newstrail.entities.queries import find_entity, iter_mentions

    store = open_db(settings_for(db))
    try:
        doc_id = None
        if doc:
            row = store.get(doc)
            if row is None:
                raise UsageError(f"no document {doc!r}", hint="see `newstrail docs` for ids")
            doc_id = row["doc_id"]
        eid = find_entity(store, entity) if entity else None
        for m in iter_mentions(store, doc=doc_id, entity_id=eid, limit=limit):
            if as_json:
                emit_json({k: m[k] for k in ("doc_id", "input_id", "start", "end", "text",
                                             "entity_id")})
                continue
            typer.echo(f"{m['doc_id'][:12]}  {m['start']:>6}-{m['end']:<6} {m['label']:<7} "
                       f"{safe(m['text'])!s:<36} -> {m['entity_id'] or '-'}  ({m['rule'] or 'pending'})")
    finally:
        store.close()


@gazetteer_app.command("add")
def gazetteer_add_cmd(
    file: Annotated[Path, typer.Argument(help="A GeoNames dump (UA.txt, RU.txt, allCountries.txt) or an extract with its 19 columns.")],
    db: DbOption = None,
) -> None:
    """Add the populated places of a GeoNames file; the next `process` places mentions with it."""
    from newstrail.entities.queries import add_gazetteer_file

    store = open_db(settings_for(db))
    try:
        n = add_gazetteer_file(store, file)
    finally:
        store.close()
    typer.echo(f"{n} places added; run `newstrail process` to resolve places again")


@eval_app.command("entities")
def eval_entities_cmd(
    file: Annotated[Path | None, typer.Argument(help="Gold variant groups (JSONL: canonical, type, variants) [default: the shipped set].")] = None,
    as_json: JsonOption = False,
    errors: Annotated[bool, typer.Option("--errors", help="List wrong and missed merges.")] = False,
) -> None:
    """Pairwise merge precision and recall of entity resolution over gold variant groups."""
    from newstrail.eval.entities import evaluate, report

    result = evaluate(file, settings_for(None))
    emit_report(result, as_json, lambda r: report(r, errors=errors))


@eval_app.command("entity-pairs")
def eval_entity_pairs_cmd(
    file: Annotated[Path | None, typer.Argument(help="Real-data pairs (JSONL: variant, entity, same | variant, type) [default: the shipped set].")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    errors: Annotated[bool, typer.Option("--errors", help="List wrong merges and types, missed links.")] = False,
) -> None:
    """Merge precision of a processed store on pairs audited on the real news stream."""
    from newstrail.eval.entities import evaluate_pairs, report_pairs

    store = open_db(settings_for(db))
    try:
        result = evaluate_pairs(store, file)
    finally:
        store.close()
    emit_report(result, as_json, lambda r: report_pairs(r, errors=errors))


@eval_app.command("geocoding")
def eval_geocoding_cmd(
    file: Annotated[Path | None, typer.Argument(help="Gold places (JSONL: name, lat, lon, kind, country, admin1, context) [default: the shipped set].")] = None,
    as_json: JsonOption = False,
    errors: Annotated[bool, typer.Option("--errors", help="List wrong and unresolved places.")] = False,
) -> None:
    """Share of gold places resolved within 10 km, wrongly, or not at all."""
    from newstrail.eval.geocoding import evaluate, report

    result = evaluate(file, settings_for(None))
    emit_report(result, as_json, lambda r: report(r, errors=errors))
