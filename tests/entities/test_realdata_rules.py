"""Rules against the wrong merges found on the real news stream (texts invented for the tests)."""

import json

from newstrail.entities.foreign import common_words, foreign_mentions
from newstrail.entities.mentions import write_mentions
from newstrail.entities.resolve import update
from newstrail.eval.entities import evaluate_pairs
from newstrail.models import Mention

from .helpers import add_doc


def _names(text, common=frozenset()):
    return [(m.text, m.norm or m.text) for m in foreign_mentions("d", text, common)]


def test_a_russian_word_matches_a_name_only_in_that_names_declension():
    got = _names("Герман сказал, что в Германии холодно. Кита видели у Китая, Александр ехал в "
                 "Александрию.")
    assert ("Германии", "Германия") in got and ("Китая", "Китай") in got
    assert not any(t in ("Герман", "Кита", "Александр") for t, _ in got)
    # Ukrainian adjective forms still reach their region
    assert ("Запорізькій області", "Запорізька область") in _names(
        "Бої в Запорізькій області тривають.")


def test_a_form_the_corpus_writes_in_lower_case_is_a_word():
    common = common_words(["Бои у южное окраины, южное крыло.", "Южное направление."])
    assert "южное" in common
    assert not _names("Южное направление под огнём.", common)
    assert _names("Южное направление под огнём.")  # without the corpus, the name is taken


def test_a_place_name_next_to_another_name_is_a_given_name():
    assert not any(n == "Владимир" for _, n in _names("Об этом заявил Владимир Сальдо вчера."))
    assert ("Киев", "Киев") in _names("Сегодня Киев атакован.")  # a sentence's first word


def _hand(store, text, spans):
    doc = add_doc(store, text, name=text[:8])
    mentions = []
    for surface, label in spans:
        i = text.index(surface)
        mentions.append(Mention(doc, i, i + len(surface), surface, label, "ner", None))
    with store.atomic():
        write_mentions(store, doc, mentions)
        store.mark_processed(doc, "entities-foreign", "1", status="skipped", reason="english")
    return doc


def _rows(store, text):
    return [tuple(r) for r in store.conn.execute(
        "SELECT e.name, e.type, m.rule FROM mentions m LEFT JOIN entities e USING (entity_id)"
        " WHERE m.text=?", (text,)).fetchall()]


def test_a_person_span_with_a_nationality_or_an_ordinary_word_is_no_person(store, settings):
    _hand(store, "Officials said Russian Starlink terminals were seized.",
          [("Russian Starlink", "PERSON")])
    _hand(store, "Photo: Getty Images. The west bank, the west of the city, west winds.",
          [("Getty Images", "PERSON")])
    _hand(store, "Images of the images show images and more images; Starlink said so.",
          [("Starlink", "ORG")])
    _hand(store, "Cristian Vlas Eastern Europe wrote; in eastern towns, eastern roads.",
          [("Cristian Vlas Eastern Europe", "PERSON")])
    _hand(store, "Analyst Viktor Bout said the front held.", [("Viktor Bout", "PERSON")])
    update(store, settings)
    assert _rows(store, "Russian Starlink") == [(None, None, "not-a-person")]
    assert _rows(store, "Getty Images") == [(None, None, "not-a-person")]
    assert _rows(store, "Cristian Vlas Eastern Europe") == [(None, None, "not-a-person")]
    assert all(t != "person" for _, t, _ in _rows(store, "Starlink"))
    assert _rows(store, "Viktor Bout")[0][:2] == ("Viktor Bout", "person")


def test_spelling_keys_do_not_link_codes_or_lower_case_words(store, settings):
    _hand(store, "NASA launched a probe.", [("NASA", "ORG")])
    _hand(store, "The NSA listened.", [("NSA", "ORG")])
    _hand(store, "Unit xli moved.", [("xli", "ORG")])
    _hand(store, "Unit xlii moved.", [("xlii", "ORG")])
    update(store, settings)
    assert _rows(store, "NSA")[0][0] != "NASA"
    assert _rows(store, "xlii")[0][0] != "xli"


def test_real_data_pairs_eval(store, settings, tmp_path):
    _hand(store, "NASA launched a probe.", [("NASA", "ORG")])
    _hand(store, "The NSA listened.", [("NSA", "ORG")])
    update(store, settings)
    gold = tmp_path / "pairs.jsonl"
    gold.write_text("\n".join(json.dumps(x) for x in [
        {"variant": "NASA", "entity": "NASA", "same": True},
        {"variant": "NSA", "entity": "NASA", "same": False, "kind": "spelling-key"},
        {"variant": "NSA", "not_type": "person"}]), encoding="utf-8")
    r = evaluate_pairs(store, gold)
    assert (r["precision"], r["recall"], r["wrong_merges"], r["types_right"]) == (1.0, 1.0, 0, 1)
    store.conn.execute("UPDATE mentions SET entity_id=(SELECT entity_id FROM mentions WHERE"
                       " text='NASA') WHERE text='NSA'")
    r = evaluate_pairs(store, gold)
    assert (r["precision"], r["wrong_merges"]) == (0.5, 1)


def test_a_place_named_like_a_given_name_needs_a_place_word():
    assert not _names("Следуя указаниям, Владимир снял деньги.")
    assert [t for t, _ in _names("Во Владимире холодно.")] == ["Владимире"]


def test_truncated_names_first_names_and_cross_document_surnames(store, settings):
    _hand(store, "Fighting near Orikhovo-Vasylivka and Orikhiv.",
          [("Orikhovo-", "GPE"), ("Orikhiv", "GPE")])
    _hand(store, "Palace statement on Andrew. Biographer Andrew Morton said it was late.",
          [("Andrew", "PERSON"), ("Andrew Morton", "PERSON")])
    _hand(store, "Roscosmos Telegram reported a launch.", [("Roscosmos Telegram", "PERSON")])
    _hand(store, "Telegram blocked the channel.", [("Telegram", "ORG")])
    update(store, settings)
    assert _rows(store, "Orikhovo-") == [(None, None, "not-a-name")]
    assert _rows(store, "Andrew")[0][0] != "Andrew Morton"
    assert _rows(store, "Telegram")[0][0] != "Roscosmos Telegram"
