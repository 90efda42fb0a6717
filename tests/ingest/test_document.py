"""Plain-text copies: masthead, headline, byline and dateline at the top of the page."""

from __future__ import annotations

from newstrail.ingest.document import build_document
from newstrail.models import RawInput
from newstrail.settings import Settings

BODY = (
    "Russian artillery struck the centre of Kherson on Monday morning, killing seven people and "
    "injuring 19, the regional military administration said.\n\n"
    "Shells hit the area around the central market and a nearby residential street, damaging "
    "a pharmacy and at least four apartment buildings.\n"
)


def doc(text: str, **meta):
    raw = RawInput(source="/c/x.txt", record_key="", input_id="x.txt", kind="text",
                   data=text.encode(), meta=meta)
    return build_document(raw, settings=Settings())


def test_masthead_menu_headline_byline_dateline():
    text = (
        "EASTERN WIRE\nWorld | Ukraine war | Russia | Markets | Sign in\n\n"
        "Russian shelling kills seven in Kherson, regional governor says\n\n"
        "By Oksana Melnyk\nMarch 4, 2024 11:47 AM GMT · Updated an hour ago\n\n"
        + BODY + "\n© 2024 Eastern Wire Media. All rights reserved.\n"
    )
    d = doc(text)
    assert d.title == "Russian shelling kills seven in Kherson, regional governor says"
    assert d.outlet == "Eastern Wire Media"
    assert d.author == "Oksana Melnyk"
    assert d.published == "2024-03-04" and not d.published_inferred
    assert d.meta["published_source"] == "dateline"
    assert "EASTERN WIRE" not in d.text and d.title not in d.text
    assert "killing seven people" in d.text


def test_text_that_opens_with_a_sentence_has_no_title():
    d = doc(BODY)
    assert d.title is None
    assert d.text.startswith("Russian artillery struck")


def test_headline_naming_the_outlet_is_not_a_masthead():
    d = doc("Kyiv Ledger reporter wounded while covering shelling of Kherson market\n\n" + BODY,
            outlet="Kyiv Ledger")
    assert d.title.startswith("Kyiv Ledger reporter wounded")
