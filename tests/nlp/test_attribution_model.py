"""The learned verb/noun cue classifier (nlp/cue_model.py) and how the rules use it, on
sentences written for these tests (invented)."""

from __future__ import annotations

import json
from importlib import resources

import numpy as np
import pytest

from newstrail.nlp import attribution, cue_model
from newstrail.nlp.run import extract_claims


@pytest.fixture
def rules_only():
    cue_model.use(None)
    yield
    cue_model.reset()


@pytest.fixture
def refuse_all():
    """A model that refuses every candidate: only what the rules protect stays."""
    cue_model.use(cue_model.CueModel(weights={}, bias=-50.0, threshold=0.5))
    yield
    cue_model.reset()


def cues(nlp, text):
    return [(c.source.text if c.source else None, c.cue.text, c.content.text)
            for c in extract_claims(nlp(text), "d1", "2024-03-05")]


def test_shipped_model_is_small_json_with_a_dev_threshold():
    raw = resources.files("newstrail").joinpath(cue_model.PATH).read_bytes()
    assert len(raw) < 2_000_000
    data = json.loads(raw)
    assert data["meta"]["trained_on"] == "polnear_train.jsonl.gz"
    assert data["meta"]["threshold_on"] == "polnear_dev.jsonl.gz"
    m = cue_model.model()
    assert m is not None and 0.0 < m.threshold < 1.0
    assert m.dense is not None and m.dense.shape == (600,)
    assert m.weights["rule"] > m.weights["norule"]


def test_probability_is_a_logistic_of_the_summed_weights():
    m = cue_model.CueModel(weights={"a": 1.0, "b": -3.0}, bias=0.5, threshold=0.6,
                           dense=np.array([2.0, 0.0], dtype=np.float32))
    cand = cue_model.Candidate(["a", "unknown"], np.array([0.5, 1.0], dtype=np.float32))
    assert m.probability(cand) == pytest.approx(1 / (1 + np.exp(-(0.5 + 1.0 + 1.0))))
    assert m.accepts(cand)
    assert not m.accepts(cue_model.Candidate(["b"], np.zeros(2, dtype=np.float32)))
    # a vector of another length (no vectors in the pipeline) is ignored, not an error
    assert m.probability(cue_model.Candidate([], np.zeros(3, dtype=np.float32))) == \
        pytest.approx(1 / (1 + np.exp(-0.5)))


def test_model_takes_attitudes_the_rules_do_not(nlp):
    text = "The mayor sided with the striking miners."
    got = cues(nlp, text)
    assert ("The mayor", "sided", "the striking miners") in got
    cue_model.use(None)
    try:
        assert cues(nlp, text) == []
    finally:
        cue_model.reset()


def test_model_takes_a_possessive_reporting_noun(nlp):
    got = cues(nlp, "Her decision to meet the rebel commanders drew criticism.")
    assert ("Her", "decision", "to meet the rebel commanders") in got


def test_model_drops_a_rule_cue_with_a_content_in_time_only(nlp, rules_only):
    text = "The proposal was rejected by the council on Tuesday."
    assert [c for c in cues(nlp, text) if c[1] == "was rejected"]
    cue_model.reset()
    assert not [c for c in cues(nlp, text) if c[1] == "was rejected"]


def test_think_tank_cues_are_kept_whatever_the_model_says(nlp, refuse_all):
    got = cues(nlp, "The institute assesses that Russian forces will likely resume attacks. "
                    "The ministry claimed that its forces seized the village. "
                    "The governor denied that the dam was damaged. "
                    "Officials think that the offensive has stalled.")
    kept = {(s, c) for s, c, _ in got}
    assert ("The institute", "assesses") in kept
    assert ("The ministry", "claimed") in kept
    assert ("The governor", "denied") in kept
    assert ("Officials", "think") not in kept  # not protected: the model decides


def test_no_evidence_is_not_a_report(nlp):
    got = cues(nlp, "The Institute has not observed confirmation of the Russian claims.")
    assert not [c for c in got if "observed" in c[1]]


def test_every_candidate_has_features_only_when_asked(nlp):
    doc = nlp("The spokesman said the convoy turned back, and analysts sided with him.")
    lex = attribution.lexicon()
    quotes = attribution.quote_spans(doc.text)
    sent = next(iter(doc.sents))
    with_model = list(attribution._verb_candidates(sent, lex, quotes, True))
    rules = list(attribution._verb_candidates(sent, lex, quotes, False))
    assert all(isinstance(c, cue_model.Candidate) for _, _, c in with_model)
    assert all(c is None for _, _, c in rules)
    assert {f.lemma for f, _, _ in with_model} > {f.lemma for f, _, _ in rules}
    said = next(c for f, _, c in with_model if f.lemma == "say")
    assert {"l=say", "h=ccomp", "rule", "rcv"} <= set(said.words)


def test_military_actions_are_not_added_by_the_model(nlp):
    got = cues(nlp, "Russian forces attacked Orikhiv near Mahdalynivka on February 25. "
                    "Ukrainian forces continued their campaign against Russian air defense "
                    "assets in occupied Crimea.")
    assert not [c for c in got if c[1].startswith(("attacked", "campaign", "continued"))]


def test_a_reporting_noun_object_keeps_a_rule_cue(nlp, refuse_all):
    got = cues(nlp, "The Chinese embassy issued a warning to Chinese citizens about the new "
                    "conscription law.")
    assert [c for c in got if c[0] == "The Chinese embassy" and c[1].startswith("issued")]


def test_model_takes_a_copular_stance(nlp):
    got = cues(nlp, "Senator Graham has been critical of the ceasefire talks since March.")
    assert [c for c in got if c[0] == "Senator Graham" and c[1].endswith("critical of")]
    cue_model.use(None)
    try:
        assert not [c for c in cues(nlp, "Senator Graham has been critical of the ceasefire "
                                         "talks since March.") if "critical" in c[1]]
    finally:
        cue_model.reset()


def test_page_furniture_and_nationalities_are_not_speakers(nlp):
    got = cues(nlp, "READ MORE about the Russian offensive campaign. Russian violations of "
                    "the laws of armed conflict continued.")
    assert not [c for c in got if c[1] in {"READ", "violations of"}]


def test_trainer_learns_from_a_train_slice(shared_data):
    pytest.importorskip("sklearn")  # the optional `train` extra
    from newstrail.nlp import train_detector

    X, y = train_detector.candidates(shared_data / "polnear" / "polnear_train.jsonl.gz",
                                     None, limit=6)
    assert len(X) > 50 and 0 < sum(y) < len(y)
    data = train_detector.fit(X, y)
    assert len(data["dense"]) == 600 and data["weights"]
    m = cue_model.from_dict({**data, "threshold": 0.5})
    right = sum(m.accepts(c) == bool(label) for c, label in zip(X, y, strict=True))
    assert right / len(X) > 0.8  # it fits its own training slice
