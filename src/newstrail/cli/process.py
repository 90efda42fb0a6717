"""``newstrail process``: run the analysis stages over what is new in the store."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from newstrail.cli._util import (
    DbOption,
    JsonOption,
    app,
    emit_json,
    open_db,
    settings_for,
    start_progress,
)


@app.command("process")
def process_cmd(
    db: DbOption = None,
    stage: Annotated[list[str] | None, typer.Option(
        "--stage", help="Only this stage (repeatable): provenance, claims, entities.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Run the analysis stages (provenance, claims, entities) over documents not yet processed."""
    from newstrail.process import STAGES, process

    settings = settings_for(db)
    store = open_db(settings)
    progress = start_progress(quiet)
    on_progress = None
    if progress is not None:
        tasks: dict[str, Any] = {}

        def on_progress(name: str, done: int, total: int | None) -> None:
            if name not in tasks:
                tasks[name] = progress.add_task(name, total=total)
            progress.update(tasks[name], completed=done, total=total)

    try:
        summary = process(store, settings, stages=stage or STAGES, on_progress=on_progress)
    finally:
        if progress is not None:
            progress.stop()
        store.close()
    if as_json:
        emit_json({**summary.as_dict(), "db": str(settings.db)})
    elif not quiet:
        typer.echo(summary.line())
    if summary.interrupted:
        raise typer.Exit(130)
