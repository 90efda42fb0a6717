import json

from typer.testing import CliRunner

from newstrail.cli import app

from .helpers import parse_and_record


def test_entities_entity_mentions_json_shapes(settings, store, nlp):
    parse_and_record(store, nlp, "Russian forces shelled Kharkov, the Russian MoD said. The "
                     "Russian Defense Ministry later denied it.")
    from newstrail.entities.resolve import update

    update(store, settings)
    runner = CliRunner()
    db = str(settings.db)
    out = runner.invoke(app, ["entities", "--db", db, "--json"])
    assert out.exit_code == 0, out.output
    rows = [json.loads(line) for line in out.output.splitlines()]
    assert set(rows[0]) == {"entity_id", "name", "type", "variants", "mention_count", "geo"}
    kharkiv = next(r for r in rows if r["name"] == "Kharkiv")
    assert set(kharkiv["geo"]) == {"lat", "lon", "geonames_id", "country", "admin1", "precision"}
    mod = next(r for r in rows if r["name"] == "Russian Ministry of Defence")
    assert mod["mention_count"] == 2
    out = runner.invoke(app, ["mentions", "--db", db, "--json"])
    m = json.loads(out.output.splitlines()[0])
    assert set(m) == {"doc_id", "input_id", "start", "end", "text", "entity_id"}
    out = runner.invoke(app, ["entity", "Kharkov", "--db", db])
    assert out.exit_code == 0 and "Kharkiv" in out.output and "gazetteer" in out.output
    out = runner.invoke(app, ["entity", "merge", "Kharkiv", "--db", db])
    assert out.exit_code != 0
