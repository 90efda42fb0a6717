"""Edges of source and content spans (nlp/boundaries.py) on sentences written for these
tests (invented, ISW-like)."""

from __future__ import annotations

from .test_attribution import by_cue, claims


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


def test_relative_clause_that_is_an_attribution_of_its_own_is_cut(nlp):
    # PolNeAR gives each token one role: "who claimed that ..." is its own attribution, so
    # the source of "said" is the name alone (the learned source_relcl chooser)
    cs = claims(nlp, "Serhiy Bratchuk, who claimed that the bridge was hit, said on Telegram "
                     "that repairs had begun.")
    assert by_cue(cs, "said").source.text == "Serhiy Bratchuk"
    inner = by_cue(cs, "claimed")
    assert inner.source.text == "who"
    assert inner.extra["source_resolved"]["text"].startswith("Serhiy Bratchuk")


def test_relative_clause_describing_the_source_stays(nlp):
    c = by_cue(claims(nlp, "The governor, who works for the regional administration, said the "
                           "evacuation would continue."), "said")
    assert c.source.text == "The governor, who works for the regional administration"


def test_content_runs_over_a_second_clause_with_its_own_subject(nlp):
    # the parser hangs "and the aid was unloaded" on "said"; the content chooser takes it
    c = by_cue(claims(nlp, "The spokesperson said the convoy had reached Kherson, and the aid "
                           "was unloaded overnight."), "said")
    assert c.content.text == "the convoy had reached Kherson, and the aid was unloaded overnight"


def test_content_leaves_out_the_sources_next_act(nlp):
    # a subjectless conjunct of the cue verb is what the source did next, not what it said
    c = by_cue(claims(nlp, "The General Staff reported that Russian forces attacked near "
                           "Avdiivka, but did not give details."), "reported")
    assert c.content.text == "that Russian forces attacked near Avdiivka"


def test_content_keeps_a_quotation_split_around_its_source(nlp):
    text = "\u201cWe will not give up,\u201d the commander said, \u201cand we will hold the town.\u201d"
    c = by_cue(claims(nlp, text), "said")
    assert c.content.text == text and c.stance == "quoted"


def test_candidate_ends_and_rules_mode(nlp, monkeypatch):
    from newstrail.nlp import boundaries

    text = "Officials said Russian forces shelled 12 settlements, including Kupyansk, overnight."
    doc = nlp(text)
    start = text.index("Russian")
    ends = [e for e, _ in boundaries.content_candidates(doc, start, len(text) - 1)]
    assert ends == [text.index(", including"), text.index(", overnight"), len(text) - 1]
    monkeypatch.setenv("NEWSTRAIL_BOUNDARIES", "rules")
    boundaries.models.cache_clear()
    try:
        assert boundaries.models() == {}
        assert boundaries.content(doc, "ccomp", [doc[1]], None, start, start + 10) == (
            start, start + 10)
    finally:
        monkeypatch.delenv("NEWSTRAIL_BOUNDARIES")
        boundaries.models.cache_clear()
    assert set(boundaries.models()) == {"content_start", "content_end", "source_relcl"}


def test_content_starts_after_the_cues_object_and_preposition(nlp):
    # PolNeAR: "expressed misgivings about X" has X as content (the learned start chooser)
    c = by_cue(claims(nlp, "Western officials have expressed misgivings about the new "
                           "mobilization law."), "expressed")
    assert c.content.text == "the new mobilization law"
    c = by_cue(claims(nlp, "Analysts raised questions about how the brigade was resupplied."),
               "raised")
    assert c.content.text == "how the brigade was resupplied"


def test_content_start_never_moves_past_a_reporting_verb(nlp):
    # "reports alleging that X": X is the reports' content, the outer content keeps the verb
    c = by_cue(claims(nlp, "The ministry published reports alleging that Ukrainian forces "
                           "shelled Donetsk."), "published")
    assert c.content.text.startswith("reports alleging")


def test_source_keeps_a_time_phrase_on_its_participle(nlp):
    c = by_cue(claims(nlp, "A poll of Kyiv residents released Wednesday found that most oppose "
                           "talks."), "found")
    assert c.source.text == "A poll of Kyiv residents released Wednesday"


def test_source_keeps_the_closing_dash_of_its_apposition(nlp):
    c = by_cue(claims(nlp, "Oleksandr Syrskyi — Ukraine's commander-in-chief — said the line "
                           "held."), "said")
    assert c.source.text == "Oleksandr Syrskyi — Ukraine's commander-in-chief —"


def test_source_time_phrase_after_the_head_still_goes(nlp):
    # "The Times on Saturday": a time phrase on the verb, not on a participle in the source
    c = by_cue(claims(nlp, "The General Staff on Saturday reported that Russian forces "
                           "attacked near Avdiivka."), "reported")
    assert c.source.text == "The General Staff"


def test_content_end_never_cuts_the_contents_own_verb(nlp):
    c = by_cue(claims(nlp, "Officials said that 47 people, among them 12 children, left the area "
                           "on Saturday alone."), "said")
    assert c.content.text.endswith("left the area on Saturday alone")


def test_candidate_ends_are_bounded_in_a_huge_sentence(nlp):
    from newstrail.nlp import boundaries

    text = "Officials said that " + ", ".join(f"village {i}" for i in range(1500)) + \
        " were shelled."
    doc = nlp(text)
    start = text.index("that")
    ends = boundaries.content_candidates(doc, start, len(text) - 1)
    assert 0 < len(ends) <= boundaries.MAX_EDGE_MOVE
    got = boundaries.content(doc, "ccomp", [doc[1]], None, start, len(text) - 1)
    assert got[0] >= start and got[1] <= len(text)


def test_content_after_the_cue_does_not_take_the_previous_paragraph(nlp):
    text = ("\u201cThe brigade held the line for a week.\u201d\n\n"
            "He says, \u201cNow we need shells more than anything else.\u201d")
    c = by_cue(claims(nlp, text), "says")
    assert c.content.text.strip("\u201c\u201d") == "Now we need shells more than anything else."
