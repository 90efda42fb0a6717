"""A user's alias file and gazetteer file (both invented for the test)."""

from typer.testing import CliRunner

from newstrail.cli import app
from newstrail.entities.resolve import update

from .helpers import add_doc


def test_user_alias_file_extends_the_shipped_table(tmp_path, settings, store):
    aliases = tmp_path / "mine.yaml"
    aliases.write_text("- {name: Eastern Defence Council, type: organisation, variants: [EDC, "
                       "Східна рада оборони]}\n- {name: Vladimir Putin, type: person, variants: "
                       "[VVP]}\n", encoding="utf-8")
    doc = add_doc(store, "EDC and VVP were named.")
    with store.atomic():
        store.conn.executemany(
            "INSERT INTO mentions (doc_id, start, end, text, label, origin) VALUES (?,?,?,?,?,?)",
            [(doc, 0, 3, "EDC", "ORG", "ner"), (doc, 8, 11, "VVP", "PERSON", "ner")])
        store.mark_processed(doc, "entities-foreign", "3", status="skipped")
    update(store, settings.replace(entity_aliases_file=aliases))
    names = dict(store.conn.execute(
        "SELECT m.text, e.name FROM mentions m JOIN entities e USING (entity_id)").fetchall())
    assert names == {"EDC": "Eastern Defence Council", "VVP": "Vladimir Putin"}


def test_gazetteer_add_places_a_village_the_bundled_data_lacks(tmp_path, settings, store):
    doc = add_doc(store, "Fighting continued near Testove Pole on Friday.")
    with store.atomic():
        store.conn.execute("INSERT INTO mentions (doc_id, start, end, text, label, origin)"
                           " VALUES (?,24,36,'Testove Pole','GPE','ner')", (doc,))
        store.mark_processed(doc, "entities-foreign", "3", status="skipped")
    update(store, settings)
    row = store.conn.execute("SELECT e.lat FROM mentions m JOIN entities e USING (entity_id)"
                             ).fetchone()
    assert row[0] is None  # not in the bundled gazetteer: a place without coordinates
    dump = tmp_path / "UA.txt"
    dump.write_text("\t".join(["9000003", "Testove Pole", "Testove Pole", "Тестове Поле", "47.6",
                               "36.1", "P", "PPL", "UA", "", "26", "", "", "", "150", "", "120",
                               "Europe/Kyiv", "2024-01-01"]) + "\n", encoding="utf-8")
    store.close()
    out = CliRunner().invoke(app, ["gazetteer", "add", str(dump), "--db", str(settings.db)])
    assert out.exit_code == 0, out.output
    from newstrail.store import Store

    s = Store(settings.db)
    try:
        update(s, settings)
        row = s.conn.execute("SELECT e.lat, e.geonames_id FROM mentions m JOIN entities e"
                             " USING (entity_id)").fetchone()
        assert tuple(row) == (47.6, 9000003)
    finally:
        s.close()
