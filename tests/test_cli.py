"""The command line, end to end, through Typer's runner and as a real process."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from newstrail.cli import DOC_FIELDS, app

from .ingest.badinputs import ARTICLE_EN, ARTICLE_RU

runner = CliRunner()


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Pokrovsk report\n\n" + ARTICLE_EN)
    (folder / "b.txt").write_text("Avdiivka report\n\n" + ARTICLE_RU)
    (folder / "dup.txt").write_text("Pokrovsk report\n\n" + ARTICLE_EN)
    (folder / "bad.txt").write_bytes(b"\x00\x01\x02" * 50)
    return folder


def run(*args, db):
    return runner.invoke(app, [*args, "--db", str(db)], catch_exceptions=False)


def test_ingest_exit_codes_and_summary(corpus, tmp_path):
    db = tmp_path / "c.db"
    result = run("ingest", str(corpus), db=db)
    assert result.exit_code == 1  # one input rejected
    assert "2 new, 1 duplicate, 0 unchanged, 1 rejected (binary: 1)" in result.stdout
    (corpus / "bad.txt").unlink()
    again = run("ingest", str(corpus), "--json", db=db)
    assert again.exit_code == 0
    assert json.loads(again.stdout)["unchanged"] == 3


def test_usage_errors_exit_2(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "newstrail", "ingest", str(tmp_path / "nope"),
                           "--db", str(tmp_path / "x.db")], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "no such file" in proc.stderr and "hint:" in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "newstrail", "docs", "--db",
                           str(tmp_path / "missing.db")], capture_output=True, text=True)
    assert proc.returncode == 2 and "newstrail ingest" in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "newstrail", "ingest", "--bogus"],
                          capture_output=True, text=True)
    assert proc.returncode == 2


def test_docs_json_contract(corpus, tmp_path):
    db = tmp_path / "c.db"
    run("ingest", str(corpus), db=db)
    result = run("docs", "--json", db=db)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 2
    for row in rows:
        assert tuple(row) == DOC_FIELDS
        assert isinstance(row["published_inferred"], bool)
    by_lang = {r["lang"]: r for r in rows}
    assert by_lang["ru"]["input_id"] == "b.txt"
    assert by_lang["en"]["title"] == "Pokrovsk report"
    assert by_lang["en"]["published_inferred"] is True
    assert run("docs", "--lang", "ru", "--json", db=db).stdout.count("\n") == 1


def test_show_search_rejects_export(corpus, tmp_path):
    db = tmp_path / "c.db"
    run("ingest", str(corpus), db=db)
    show = run("show", "a.txt", db=db)
    assert "Pokrovsk report" in show.stdout and "seen:         2 time(s)" in show.stdout
    shown = json.loads(run("show", "dup.txt", "--json", db=db).stdout)
    assert len(shown["sightings"]) == 2
    found = [json.loads(x) for x in run("search", "Авдеевкой", "--json", db=db).stdout.splitlines()]
    assert [f["input_id"] for f in found] == ["b.txt"]
    assert run("search", "Pokrovsk", "--lang", "ru", db=db).stdout == ""
    rejects = [json.loads(x) for x in run("rejects", "--json", db=db).stdout.splitlines()]
    assert [(r["input_id"], r["reason"]) for r in rejects] == [("bad.txt", "binary")]
    out = run("export", "docs", "--format", "csv", db=db).stdout
    assert len(list(csv.DictReader(io.StringIO(out)))) == 2
    parquet = tmp_path / "d.parquet"
    assert run("export", "docs", "-f", "parquet", "-o", str(parquet), db=db).exit_code == 0
    assert pq.read_table(parquet).num_rows == 2
    bad = runner.invoke(app, ["export", "docs", "-f", "xml", "--db", str(db)])
    assert bad.exit_code != 0


def test_terminal_output_is_escaped(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "evil.txt").write_text("\x1b[2J\x1b]0;pwned\x07Title\u202e\n\n" + ARTICLE_EN)
    db = tmp_path / "e.db"
    run("ingest", str(folder), db=db)
    out = run("docs", db=db).stdout + run("show", "evil.txt", db=db).stdout
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out


def test_env_var_selects_the_database(corpus, tmp_path, monkeypatch):
    db = tmp_path / "env.db"
    monkeypatch.setenv("NEWSTRAIL_DB", str(db))
    result = runner.invoke(app, ["ingest", str(corpus / "a.txt")])
    assert result.exit_code == 0 and db.exists()
