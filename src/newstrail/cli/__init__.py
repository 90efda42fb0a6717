"""The newstrail command line: thin Typer commands over plain functions.

Each module of this package registers the commands of one stage on the one ``app`` of
``_util``. Human-readable output goes to stdout, progress and logs to stderr; ``--json``
prints one JSON object per line. Exit codes: 0 clean, 1 some inputs rejected, 2 usage or
store error, 130 interrupted.
"""

from __future__ import annotations

import importlib
import sys

import typer

from newstrail.cli._util import DOC_FIELDS, app
from newstrail.errors import NewstrailError

# Each module registers its commands on app. The order here is the order of `--help`: the
# order data flows, documents first, then the analysis stages.
STAGE_MODULES = ("docs", "process", "provenance", "claims", "entities")
for _name in STAGE_MODULES:
    importlib.import_module(f"newstrail.cli.{_name}")

__all__ = ["DOC_FIELDS", "app", "main"]


def main() -> None:
    """Entry point: turns library errors into one line and an exit code."""
    traceback = "--traceback" in sys.argv
    if traceback:
        sys.argv.remove("--traceback")
    try:
        code = app(standalone_mode=False)
    except NewstrailError as exc:
        if traceback:
            raise
        typer.echo(f"error: {exc.message}", err=True)
        if exc.hint:
            typer.echo(f"hint: {exc.hint}", err=True)
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
    except Exception as exc:
        # Usage errors come from click, which recent typer releases vendor privately; match
        # them by shape (ClickException has show() and exit_code; Abort is Ctrl-C at a prompt).
        if hasattr(exc, "show") and isinstance(getattr(exc, "exit_code", None), int):
            exc.show()
            sys.exit(exc.exit_code)
        if type(exc).__name__ == "Abort":
            sys.exit(130)
        raise
    sys.exit(code if isinstance(code, int) else 0)
