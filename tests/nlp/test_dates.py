"""Dates resolved against the publication date (2024-03-05 unless said otherwise)."""

from __future__ import annotations

from datetime import date

import pytest

from newstrail.nlp.dates import find, resolve

PUB = "2024-03-05"


@pytest.mark.parametrize(("text", "value"), [
    ("on March 3", "2024-03-03"),
    ("March 3, 2023", "2023-03-03"),
    ("3 March 2024", "2024-03-03"),
    ("in early November", "2023-11-01/2023-11-10"),
    ("mid-February", "2024-02-11/2024-02-20"),
    ("late January", "2024-01-21/2024-01-31"),
    ("the end of February", "2024-02-21/2024-02-29"),
    ("since the beginning of 2024", "2024-01-01/2024-03-05"),
    ("since the beginning of 2024 year", "2024-01-01/2024-03-05"),
    ("early 2024", "2024-01-01/2024-04-30"),
    ("mid-2023", "2023-05-01/2023-08-31"),
    ("November 2023", "2023-11-01/2023-11-30"),
    ("last week", "2024-02-26/2024-03-03"),
    ("this week", "2024-03-04/2024-03-05"),
    ("last month", "2024-02-01/2024-02-29"),
    ("yesterday", "2024-03-04"),
    ("two days ago", "2024-03-03"),
    ("on Monday", "2024-03-04"),
    ("1.03.2024", "2024-03-01"),
])
def test_resolve(text, value):
    assert resolve(text, PUB) == value


def test_relative_to_the_event_told_before():
    assert resolve("the next day", PUB, previous=date(2024, 3, 3)) == "2024-03-04"
    assert resolve("two days later", PUB, previous=date(2024, 3, 1)) == "2024-03-03"
    assert resolve("the day before", PUB, previous=date(2024, 3, 3)) == "2024-03-02"
    # without an event to count from it stays text
    assert resolve("the next day", PUB) is None


def test_unresolvable_stays_text():
    assert resolve("the coming weeks", PUB) is None
    assert resolve("March 3", None) is None


def test_find_in_a_document(nlp):
    doc = nlp("The ministry claimed on March 3 that its forces had seized the village, "
              "and the governor denied the report the next day. Since the beginning of 2024 "
              "and last week the front barely moved.")
    got = {d.text: d.value for d in find(doc, PUB)}
    assert got["March 3"] == "2024-03-03"
    assert got["the next day"] == "2024-03-04"
    assert got["Since the beginning of 2024"] == "2024-01-01/2024-03-05"
    assert got["last week"] == "2024-02-26/2024-03-03"
    for d in find(doc, PUB):
        assert doc.text[d.start:d.end] == d.text
