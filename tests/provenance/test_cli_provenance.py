"""``newstrail stories`` / ``story`` / ``eval provenance`` through the command line."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newstrail.cli import app

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "provenance"
runner = CliRunner()


def test_stories_json_contract_and_story(tmp_path):
    db = str(tmp_path / "s.db")
    assert runner.invoke(app, ["ingest", str(FIX / "invented.jsonl"), "--db", db]).exit_code == 0
    assert runner.invoke(app, ["process", "--stage", "provenance", "--db", db]).exit_code == 0
    out = runner.invoke(app, ["stories", "--json", "--db", db])
    assert out.exit_code == 0
    stories = [json.loads(line) for line in out.stdout.splitlines()]
    assert stories and all(set(s) == {"story_id", "origin", "members"} for s in stories)
    for s in stories:
        assert set(s["origin"]) == {"doc_id", "input_id", "cited_as"}
        for m in s["members"]:
            assert set(m) == {"doc_id", "input_id", "relation", "parent_doc_id"}
            assert m["relation"] in {"origin", "verbatim-copy", "summary", "translation", "citation"}
        if s["origin"]["doc_id"]:
            assert any(m["relation"] == "origin" and m["doc_id"] == s["origin"]["doc_id"]
                       for m in s["members"])
    virtual = [s for s in stories if s["origin"]["doc_id"] is None]
    assert virtual and "Kyiv Defence Review" in virtual[0]["origin"]["cited_as"]
    shown = runner.invoke(app, ["story", "efo-2024-03-12-repost", "--db", db])
    assert shown.exit_code == 0 and "verbatim-copy" in shown.stdout and "from \"" in shown.stdout
    missing = runner.invoke(app, ["story", "nope", "--db", db])
    assert missing.exit_code != 0


def test_eval_command_prints_scores():
    out = runner.invoke(app, ["eval", "provenance", str(FIX / "examples.gold.json"), "--json"])
    assert out.exit_code == 0
    r = json.loads(out.stdout)
    assert {"precision", "recall", "f1", "origin_accuracy", "relation_accuracy"} <= set(r)
