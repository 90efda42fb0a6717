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
