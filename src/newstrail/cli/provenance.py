"""Commands of the provenance stage: ``stories``, ``story`` and ``eval provenance``."""

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
from newstrail.errors import UsageError


@app.command("stories")
def stories_cmd(db: DbOption = None, as_json: JsonOption = False,
                limit: Annotated[int | None, typer.Option(help="At most this many stories.")] = None) -> None:
    """Stories: groups of documents derived from one original report (run `newstrail process` first)."""
    from newstrail.provenance.queries import iter_stories

    store = open_db(settings_for(db))
    try:
        for i, story in enumerate(iter_stories(store)):
            if limit and i >= limit:
                break
            if as_json:
                emit_json(story)
                continue
            origin = story["origin"]
            head = origin["input_id"] or f"(not in store) {origin['cited_as']}"
            typer.echo(f"{story['story_id']}  {len(story['members'])} members  origin: {safe(head)}")
            for m in story["members"]:
                if m["relation"] != "origin":
                    typer.echo(f"    {m['relation']:<14} {safe(m['input_id'])}")
    finally:
        store.close()


@app.command("story")
def story_cmd(story_id: Annotated[str, typer.Argument(help="Story id (or prefix), or a member's doc_id / input_id.")],
              db: DbOption = None, as_json: JsonOption = False) -> None:
    """One story: origin, members, relations and aligned passages."""
    from newstrail.provenance.queries import find_story, passages, story_json

    store = open_db(settings_for(db))
    try:
        sid = find_story(store, story_id)
        story = story_json(store, sid) if sid else None
        if story is None:
            raise UsageError(f"no story {story_id}", hint="list them with `newstrail stories`; "
                             "run `newstrail process` if the list is empty")
        for m in story["members"]:
            m["passages"] = passages(store, m["doc_id"]) if m["parent_doc_id"] != m["doc_id"] else []
        if as_json:
            emit_json(story)
            return
        o = story["origin"]
        typer.echo(f"story {story['story_id']}")
        typer.echo(f"origin: {safe(o['input_id'] or '(not in store)')}"
                   + (f"  cited as: {safe(o['cited_as'])}" if o["cited_as"] else ""))
        for m in story["members"]:
            parent = f" <- {m['parent_doc_id']}" if m["parent_doc_id"] else ""
            typer.echo(f"  {m['relation']:<14} {m['doc_id']}  {safe(m['input_id'])}{parent}")
            for p in m["passages"][:5]:
                typer.echo(f"      \"{safe(p['text'][:110])}\"")
                typer.echo(f"        from \"{safe(p['parent_text'][:100])}\" ({p['score']:.2f})")
            if len(m["passages"]) > 5:
                typer.echo(f"      ... {len(m['passages']) - 5} more aligned sentences")
    finally:
        store.close()


@eval_app.command("provenance")
def eval_provenance_cmd(
    gold: Annotated[Path, typer.Argument(help="Gold file (JSON; format in docs/provenance.md).")],
    shared: Annotated[Path | None, typer.Option(help="Folder for `shared:` inputs [default: ../shared/data].")] = None,
    as_json: JsonOption = False,
) -> None:
    """Same-story pairwise P/R/F1, origin accuracy and relation accuracy against a gold file."""
    from newstrail.eval.provenance import evaluate, report_lines

    emit_report(evaluate(gold, shared=shared), as_json, lambda r: "\n".join(report_lines(r)))
