"""Lists of other stories' headlines on a page (invented page text)."""

from __future__ import annotations

from newstrail.nlp import headlines
from newstrail.nlp.run import extract_claims

PAGE = (
    "Officials said on Monday that the bridge near Zatoka had been hit again.\n"
    "Most read\n"
    "UN agency warns winter will test Ukraine's power grid\n"
    "Kremlin says talks with Kyiv are not on the agenda\n"
    "Mayor vows to rebuild the market destroyed by a drone\n"
    "Tetiana KOVAL, IVAN PETRENKO\n"
)


def test_a_run_of_headlines_is_a_block():
    (start, end), = headlines.blocks(PAGE)
    assert PAGE[start:end].startswith("UN agency warns")
    assert PAGE[start:end].endswith("destroyed by a drone")


def test_the_article_headline_and_standfirst_are_not_a_block():
    text = ("Kremlin says talks with Kyiv are not on the agenda\n"
            "Moscow rejects a ceasefire proposal from the mediators\n\n"
            "The Kremlin said on Tuesday that it saw no basis for talks.")
    assert headlines.blocks(text) == []


def test_sentences_and_credits_break_a_run():
    text = ("UN agency warns winter will test Ukraine's power grid\n"
            "The agency said the grid had lost half its capacity.\n"
            "Kremlin says talks with Kyiv are not on the agenda\n"
            "Tetiana KOVAL, IVAN PETRENKO\n"
            "Mayor vows to rebuild the market destroyed by a drone\n")
    assert headlines.blocks(text) == []


def test_inline_read_more_link():
    text = ("The minister spoke in parliament. Minister mulls seizure of frozen assets Read more\n"
            "Later she said the plan was ready.")
    (start, end), = headlines.blocks(text)
    assert text[start:end].strip() == "Minister mulls seizure of frozen assets Read more"


def test_no_claims_from_a_headline_list(nlp):
    claims = extract_claims(nlp(PAGE), "d", "2024-03-05")
    assert [c.cue.text for c in claims] == ["said"]
