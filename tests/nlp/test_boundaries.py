"""Edges of source and content spans (nlp/boundaries.py) on sentences written for these
tests (invented, ISW-like)."""

from __future__ import annotations

from newstrail.nlp.run import extract_claims


def claims(nlp, text, published="2024-03-05"):
    out = extract_claims(nlp(text), "d1", published)
    for c in out:
        if c.source:
            assert text[c.source.start:c.source.end] == c.source.text
        assert text[c.content.start:c.content.end] == c.content.text
    return out


def by_cue(cs, cue):
    found = [c for c in cs if c.cue.text == cue or c.cue.text.endswith(" " + cue)]
    assert found, [(c.cue.text, c.content.text) for c in cs]
    return found[0]


def test_relative_pronoun_is_the_source_and_the_name_is_resolved(nlp):
    text = ("The drones were launched from Kursk Oblast, according to Andriy Kovalenko, "
            "a Ukrainian military spokesperson, who said that air defenses shot down 31 of them.")
    c = by_cue(claims(nlp, text), "said")
    assert c.source.text == "who"
    res = c.extra["source_resolved"]
    assert res["text"] == text[res["start"]:res["end"]]
    assert res["text"].startswith("Andriy Kovalenko")
    assert c.content.text == "that air defenses shot down 31 of them"


def test_relative_which_of_an_organisation(nlp):
    text = ("The strike hit a substation near Kharkiv, the regional utility reported. "
            "The claim was repeated by the Ministry of Energy, which stated that repairs "
            "would take a week.")
    c = by_cue(claims(nlp, text), "stated")
    assert c.source.text == "which"
    assert c.extra["source_resolved"]["text"] == "the Ministry of Energy"


def test_plain_subject_has_no_resolved_source(nlp):
    c = by_cue(claims(nlp, "The General Staff reported that Russian forces attacked near "
                           "Avdiivka."), "reported")
    assert c.source.text == "The General Staff"
    assert "source_resolved" not in c.extra
