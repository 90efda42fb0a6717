"""The evaluations on the shipped gold sets, with the issue's floors."""

from newstrail.eval.entities import default_gold
from newstrail.eval.entities import evaluate as eval_entities
from newstrail.eval.geocoding import evaluate as eval_geocoding


def test_entity_resolution_floor(settings):
    r = eval_entities(None, settings)
    assert r["groups"] >= 40
    assert r["precision"] >= 0.97 and r["recall"] >= 0.9, (r["wrong"], r["missed"][:20])
    held = eval_entities(default_gold("entities-heldout.jsonl"), settings)
    assert held["precision"] >= 0.97 and held["recall"] >= 0.85


def test_geocoding_floor(settings):
    r = eval_geocoding(None, settings)
    assert r["places"] >= 50
    assert r["wrong"] <= 0.02, r["wrong_places"]
    assert r["within_10km"] >= 0.9
    held = eval_geocoding(default_gold("geocoding-heldout.jsonl"), settings)
    assert held["wrong"] <= 0.02 and held["within_10km"] >= 0.9
