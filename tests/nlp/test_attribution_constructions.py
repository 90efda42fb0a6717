"""Constructions the rules mishandled on PolNeAR dev, each on sentences written for these
tests (invented): a closing quotation mark of the paragraph before, a cue with a colon
before a paragraph break, a quotation opened a sentence earlier, ..."""

from __future__ import annotations

from tests.nlp.test_attribution import by_cue, claims


def test_content_after_the_closing_mark_of_the_paragraph_before(nlp):
    # the sentence splitter hangs the '"' that closes the first paragraph on the second
    text = ('The mayor said the shelter was full and that "no one else can stay here."\n\n'
            'About 4,000 families left the district, according to regional officials.')
    c = by_cue(claims(nlp, text), "according to")
    assert c.source.text == "regional officials"
    assert c.content.text == "About 4,000 families left the district"


def test_colon_then_paragraph_break_reports_the_next_paragraph(nlp):
    text = ('The regional governor said:\n\n'
            '"We have moved the families out of the villages along the river."\n\n'
            'The district council added:\n\n'
            'The shelters in the town are full. More buses will come on Monday.\n\n'
            'Water supplies were cut.')
    cs = claims(nlp, text)
    said = by_cue(cs, "said")
    assert said.source.text == "The regional governor"
    assert said.content.text.strip('"') == ("We have moved the families out of the villages "
                                            "along the river.")
    added = by_cue(cs, "added")
    assert added.source.text == "The district council"
    assert added.content.text.startswith("The shelters in the town are full.")
    assert "Water" not in added.content.text


def test_quotation_opened_a_sentence_earlier_then_said_name(nlp):
    # the parser makes the quotation's last words ("Full crisis mode") a second subject
    text = ('The mayor spoke to reporters on Monday.\n\n'
            '“The city is in crisis mode. Full crisis mode,” said Anna Petrenko, a spokeswoman '
            'for the city council.')
    c = by_cue(claims(nlp, text), "said")
    assert c.source.text == "Anna Petrenko, a spokeswoman for the city council"
    assert c.content.text.strip("“”,") == "The city is in crisis mode. Full crisis mode"
