"""The README documents every command (datasette's test_docs idea): a command added without
a line in the README fails here."""

from __future__ import annotations

import click
import typer.main

from newstrail.cli import app
from tests.conftest import REPO


def _command_paths(group: click.Group, prefix: str = "") -> list[str]:
    paths = []
    for name, cmd in group.commands.items():
        path = f"{prefix}{name}"
        if isinstance(cmd, click.Group):
            paths += _command_paths(cmd, path + " ")
        else:
            paths.append(path)
    return paths


def test_every_command_is_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    root = typer.main.get_command(app)
    missing = [p for p in _command_paths(root) if f"newstrail {p}" not in readme]
    assert not missing, f"commands missing from README.md: {missing}"
