"""Commands over documents: ingest, docs, show, search, rejects, export, and the ingest
evaluations."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from newstrail.cli._util import (
    DOC_FIELDS,
    DbOption,
    JsonOption,
    LangOption,
    OutletOption,
    SinceOption,
    UntilOption,
    app,
    doc_json,
    emit_json,
    emit_report,
    eval_app,
    export_app,
    open_db,
    safe,
    settings_for,
    start_progress,
)
from newstrail.errors import UsageError


# --- ingest -------------------------------------------------------------------
@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders (recursive), globs, URLs.",
                                                show_default=False)],
    db: DbOption = None,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="Fetch from private, loopback and link-local addresses.")] = False,
    no_robots: Annotated[bool, typer.Option(
        "--ignore-robots", help="Do not obey robots.txt (only for sites you own).")] = False,
    refetch: Annotated[bool, typer.Option(help="Fetch URLs again even if already stored.")] = False,
    max_bytes: Annotated[int | None, typer.Option(
        help="Largest single document in bytes [default: 50 MB].", show_default=False)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Ingest HTML, text, feeds, WARCs, URL lists and JSONL/CSV records into the store."""
    from newstrail.ingest.pipeline import ingest as run_ingest
    from newstrail.ingest.sources import expand_targets

    settings = settings_for(db, allow_private=allow_private or None,
                            respect_robots=False if no_robots else None, max_input_bytes=max_bytes)
    targets = expand_targets(inputs)
    store = open_db(settings, must_exist=False)
    progress = start_progress(quiet)
    on_item = None
    if progress is not None:
        task = progress.add_task("ingest", total=None)

        def on_item(input_id: str) -> None:
            progress.update(task, advance=1, description=f"ingest {safe(input_id)[-60:]}")

    try:
        summary = run_ingest(targets, store, settings, refetch=refetch, on_item=on_item)
    finally:
        if progress is not None:
            progress.stop()
        store.close()
    if as_json:
        emit_json({**summary.as_dict(), "db": str(settings.db)})
    elif not quiet:
        typer.echo(summary.line())
        if summary.rejected_total:
            typer.echo("see `newstrail rejects` for the reasons", err=True)
    if summary.interrupted:
        raise typer.Exit(130)
    raise typer.Exit(1 if summary.rejected_total else 0)


# --- reading the store -------------------------------------------------------------
@app.command()
def docs(
    db: DbOption = None,
    as_json: JsonOption = False,
    outlet: OutletOption = None,
    lang: LangOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
) -> None:
    """List the documents in the store."""
    store = open_db(settings_for(db))
    rows = store.documents(outlet=outlet, lang=lang, since=since, until=until, limit=limit)
    for doc in rows:
        if as_json:
            emit_json(doc_json(doc))
        else:
            date = (doc["published"] or "")[:10] + ("~" if doc["published_inferred"] else "")
            typer.echo(f"{doc['doc_id']}  {date:<11} {safe(doc['lang'] or '--'):<3} "
                       f"{safe(doc['outlet'] or '-')[:28]:<28}  {safe(doc['title'] or '')[:80]}")


@app.command()
def show(
    doc_id: Annotated[str, typer.Argument(help="doc_id (or a unique prefix), input_id or URL.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """One document: metadata, clean text and every place it was seen."""
    store = open_db(settings_for(db))
    doc = store.get(doc_id)
    if doc is None:
        raise UsageError(f"no document {doc_id!r}", hint="list them with `newstrail docs`")
    sightings = store.sightings(doc["doc_id"])
    if as_json:
        emit_json({**doc_json(doc), "author": doc["author"], "content_hash": doc["content_hash"],
                   "extractor": doc["extractor"], "meta": doc["meta"], "sightings": sightings})
        return
    for key in ("doc_id", "input_id", "title", "outlet", "url", "author", "published", "lang",
                "extractor", "content_hash"):
        value = doc[key]
        if key == "published" and doc["published_inferred"]:
            value = f"{value} (inferred from text)"
        typer.echo(f"{key + ':':<14}{safe(value)}")
    typer.echo(f"{'seen:':<14}{len(sightings)} time(s)")
    for s in sightings:
        where = s["url"] or s["source"]
        extra = f" @ byte {s['warc_offset']}" if s["warc_offset"] is not None else ""
        as_seen = " · ".join(safe(v) for v in (s["outlet"], s["published"]) if v)
        typer.echo(f"  - {safe(s['kind'])}: {safe(where)}{extra}  [{safe(s['input_id'])}] "
                   f"{as_seen + ' · ' if as_seen else ''}seen {s['fetched_at'] or s['ingested_at']}")
    typer.echo("")
    typer.echo(safe(doc["text"]).replace("\r", ""))


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="FTS5 query: words, \"phrases\", OR, NEAR, prefix*.")],
    db: DbOption = None,
    as_json: JsonOption = False,
    outlet: OutletOption = None,
    lang: LangOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: Annotated[int, typer.Option(help="At most this many.")] = 20,
) -> None:
    """Full-text search over titles and texts (SQLite FTS5, best matches first)."""
    store = open_db(settings_for(db))
    for doc in store.search(query, outlet=outlet, lang=lang, since=since, until=until, limit=limit):
        if as_json:
            emit_json({**doc_json(doc), "snippet": doc["snippet"], "score": doc["score"]})
        else:
            typer.echo(f"{doc['doc_id']}  {(doc['published'] or '')[:10]:<10}  "
                       f"{safe(doc['outlet'] or '-')[:24]:<24}  {safe(doc['title'] or '')[:70]}")
            typer.echo(f"    {safe(doc['snippet']).replace(chr(10), ' ')}")


@app.command()
def rejects(
    db: DbOption = None,
    as_json: JsonOption = False,
    reason: Annotated[str | None, typer.Option(help="Only this reason code.")] = None,
) -> None:
    """Inputs that could not be ingested, with the reason."""
    store = open_db(settings_for(db))
    count = 0
    for row in store.rejects(reason=reason):
        count += 1
        if as_json:
            emit_json(row)
        else:
            typer.echo(f"{row['reason']:<20} {safe(row['input_id'])[:60]:<60}  {safe(row['message'])[:120]}")
    if not count and not as_json:
        typer.echo("no rejects" + (f" with reason {reason!r}" if reason else ""), err=True)


@export_app.command("docs")
def export_docs(
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv or parquet.")] = "jsonl",
    output: Annotated[Path | None, typer.Option("--output", "-o",
                                                help="File to write [default: stdout].")] = None,
) -> None:
    """Export documents (the `docs --json` fields plus author and meta)."""
    if fmt not in {"jsonl", "csv", "parquet"}:
        raise UsageError(f"unknown format {fmt!r}", hint="use jsonl, csv or parquet")
    if fmt == "parquet" and output is None:
        raise UsageError("parquet needs a file", hint="add --output docs.parquet")
    store = open_db(settings_for(db))
    fields = (*DOC_FIELDS, "author", "content_hash", "meta")
    rows = ({k: (json.dumps(d[k], ensure_ascii=False) if k == "meta" else d[k]) for k in fields}
            for d in store.documents())
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist(list(rows)), str(output))
        return
    out = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if fmt == "jsonl":
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            writer = csv.DictWriter(out, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows)
    finally:
        if output:
            out.close()


# --- evaluation ------------------------------------------------------------------
@eval_app.command("extraction")
def eval_extraction(
    folder: Annotated[Path, typer.Argument(help="The article-extraction benchmark folder.")],
    as_json: JsonOption = False,
    limit: Annotated[int | None, typer.Option(help="Only the first N pages.")] = None,
) -> None:
    """Score HTML extraction on the article-extraction benchmark (4-gram P/R/F1)."""
    from newstrail.eval.extraction import evaluate, format_report

    if not (folder / "ground-truth.json").is_file():
        raise UsageError(f"{folder} has no ground-truth.json",
                         hint="pass ../shared/data/article-extraction")
    result = evaluate(folder, limit=limit)
    emit_report(result, as_json, format_report)


@eval_app.command("debris")
def eval_debris(
    shared: Annotated[Path | None, typer.Option(
        help="The shared data folder (../shared/data) for the real-page measurements.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Measure debris removal: debris lines removed and article text kept."""
    from newstrail.eval.debris import evaluate, format_report

    result = evaluate(shared)
    emit_report(result, as_json, format_report)


@eval_app.command("metadata")
def eval_metadata(
    sample: Annotated[Path | None, typer.Option(
        help="The sample corpus with GROUND_TRUTH.json (default: examples/).")] = None,
    shared: Annotated[Path | None, typer.Option(
        help="The shared data folder (../shared/data) for the real-record measurements.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Measure outlet, date, language, title and author against gold metadata."""
    from newstrail.eval.metadata import evaluate, format_report

    result = evaluate(sample, shared)
    emit_report(result, as_json, format_report)
