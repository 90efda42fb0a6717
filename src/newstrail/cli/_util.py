"""Shared pieces of the command line: the one Typer app, common options and output helpers
(the conventions are in the package docstring, ``newstrail.cli``)."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from newstrail.errors import UsageError
from newstrail.settings import Settings
from newstrail.store import Store

if TYPE_CHECKING:
    from rich.progress import Progress

app = typer.Typer(
    name="newstrail",
    help="Follow every claim in conflict reporting back to its source.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
export_app = typer.Typer(help="Export the store to files.", no_args_is_help=True)
eval_app = typer.Typer(help="Measure each stage against gold data.", no_args_is_help=True)
app.add_typer(export_app, name="export")
app.add_typer(eval_app, name="eval")

DOC_FIELDS = ("doc_id", "input_id", "url", "outlet", "title", "published",
              "published_inferred", "lang", "text")

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="SQLite file [default: $NEWSTRAIL_DB or ./newstrail.db]",
                 show_default=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help="One JSON object per line on stdout.")]
OutletOption = Annotated[str | None, typer.Option(help="Only this outlet, by name or host (e.g. kyivpost.com).")]
LangOption = Annotated[str | None, typer.Option(help="Only this language (ISO 639-1, e.g. uk).")]
SinceOption = Annotated[str | None, typer.Option(help="Published on or after (YYYY-MM-DD).")]
UntilOption = Annotated[str | None, typer.Option(help="Published on or before (YYYY-MM-DD).")]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe(value: Any) -> str:
    """Article content is hostile: strip terminal control sequences and bidi overrides."""
    return _CONTROL.sub("", "" if value is None else str(value))


def settings_for(db: Path | None, **overrides: Any) -> Settings:
    settings = Settings.load()
    if db is None and "NEWSTRAIL_DB" not in os.environ:
        db = settings.db
    return settings.replace(db=db, **overrides)


def open_db(settings: Settings, *, must_exist: bool = True) -> Store:
    if must_exist and str(settings.db) != ":memory:" and not Path(settings.db).exists():
        raise UsageError(f"no store at {settings.db}",
                         hint="run `newstrail ingest PATH` first, or pass --db / $NEWSTRAIL_DB")
    return Store(settings.db, keep_raw_max_bytes=settings.keep_raw_max_bytes)


def emit_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")


def doc_json(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: doc.get(k) for k in DOC_FIELDS}


def emit_report(result: dict[str, Any], as_json: bool, render: Callable[[dict[str, Any]], str]) -> None:
    """An evaluation's result: one JSON line with ``--json``, else the report ``render`` writes."""
    if as_json:
        emit_json(result)
    else:
        typer.echo(render(result))


def start_progress(quiet: bool) -> Progress | None:
    """A progress display on stderr (bar, done of total, a description per task), started;
    None when ``quiet`` or stderr is not a terminal. The caller stops it."""
    if quiet or not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        console=Console(stderr=True), transient=True)
    progress.start()
    return progress
