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


def only_block(text):
    """The text of the one block ``headlines.blocks`` finds in ``text``."""
    (start, end), = headlines.blocks(text)
    return text[start:end]


def test_a_list_at_the_end_of_the_text_is_a_block():
    text = ("Officials said the bridge had been hit again.\n\n"
            "UN agency warns winter will test Ukraine's power grid\n"
            "Kremlin says talks with Kyiv are not on the agenda\n"
            "Mayor vows to rebuild the market destroyed by a drone")
    (start, end), = headlines.blocks(text)
    assert text[start:end].startswith("UN agency") and end == len(text)


def test_time_stamps_and_bylines_between_headlines_keep_the_list():
    text = ("Russia and Ukraine agree to a pause around the nuclear plant\n"
            "Mihaela Tobultoc\n"
            "27/02/2026 13:14\n"
            "Government denies a ban on wine imports from the region\n"
            "Ion Rusu\n"
            "27/02/2026 12:50\n"
            "Minister says drug trafficking measures will be presented\n"
            "SERGEY BOBOK\n\n"
            "The talks resumed on Friday, officials said.")
    block = only_block(text)
    assert block.startswith("Russia and Ukraine") and block.endswith("will be presented")


def test_a_run_of_cut_teasers_is_a_block(nlp):
    text = ("The institute said the offensive had stalled.\n"
            "Severe winter conditions have slowed down Russia’s advances and Ukraine’s pushback. "
            "The author is a research manager...\n"
            "The cluster was activated on 3 March to provide shared communications for the "
            "humanitarian response, following the escalation of conflict between…\n"
            "In December, attacks continued to target homes, energy infrastructure, and "
            "essential services. Attacks intensified during the month and...\n")
    assert only_block(text).startswith("Severe winter")
    claims = extract_claims(nlp(text), "d", None)
    assert [c.cue.text for c in claims if c.parent is None] == ["said"]
