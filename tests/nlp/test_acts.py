"""Acts (nlp/acts.py): a claim whose cue is a deed done to an object is kept but marked
``kind = "act"``; reports with an object stay reports. Sentences invented for these tests."""

from __future__ import annotations

import pytest

from newstrail.nlp import acts
from newstrail.nlp.run import extract_claims


def kinds(nlp, text):
    return {c.cue.text: c.extra.get("kind", "report")
            for c in extract_claims(nlp(text), "d1", "2024-03-05") if c.parent is None}


@pytest.mark.parametrize(("lemma", "how", "obj", "act"), [
    ("sign", "dobj", "law", True),                # "Putin signed a law"
    ("offer", "dobj", "class", True),             # "CARE offered language classes"
    ("offer", "dobj", "condolence", False),       # "offered condolences": said
    ("issue", "dobj", "warning", False),          # "issued a warning": a report
    ("condemn", "dobj", "strike", False),         # a stance
    ("call", "dobj", "drone", False),             # "called the drone homemade"
    ("sign", "ccomp", None, False),               # a clause is always said
    ("appoint", "prep2", None, True),
])
def test_is_act(lemma, how, obj, act):
    assert acts.is_act(lemma, how, obj) is act


def test_a_deed_is_an_act_and_speech_beside_it_a_report(nlp):
    got = kinds(nlp, "The ministry said on Tuesday that the convoy had reached Kherson. "
                     "The governor condemned the strikes on the city.")
    assert got.get("said") == "report"
    assert got.get("condemned") == "report"


def test_object_reports_stay_reports(nlp):
    got = kinds(nlp, "The embassy issued a warning to citizens about travel to the border.")
    assert "act" not in got.values()


@pytest.mark.parametrize(("text", "cue"), [
    ("Putin signed a law on Tuesday raising the draft age to 30.", "signed"),
    ("The charity offered language classes and legal advice to displaced families.", "offered"),
    ("The regional governor ordered the evacuation of three villages.", "ordered"),
    ("The senator voted against the aid package.", "voted against"),
])
def test_deeds_are_kept_as_acts(nlp, text, cue):
    claims = [c for c in extract_claims(nlp(text), "d1", "2024-03-05") if c.cue.text == cue]
    assert [c.extra.get("kind") for c in claims] == ["act"]
    assert text[claims[0].cue.start:claims[0].cue.end] == cue


def test_speech_with_an_object_is_a_report(nlp):
    got = kinds(nlp, "The minister released a statement on the talks. "
                     "The mayor thanked the volunteers for their help.")
    assert got == {"released": "report", "thanked": "report"}


def test_armed_forces_with_an_object_act(nlp):
    text = ("Russian milbloggers claimed that the ministry transferred 412 conscripts to units "
            "defending the international border in Kursk Oblast.")
    claims = extract_claims(nlp(text), "d1", "2024-03-05")
    defending = [c for c in claims if c.cue.text == "defending"]
    assert all(c.extra.get("kind") == "act" for c in defending)
    assert [c.extra.get("kind", "report") for c in claims if c.cue.text == "claimed"] == ["report"]
