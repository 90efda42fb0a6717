"""Quantities: value, unit, what is counted, ranges and qualifiers (sentences written here)."""

from __future__ import annotations

import pytest

from newstrail.nlp.quantities import find, number_value


def one(nlp, text, needle):
    doc = nlp(text)
    qs = [q for q in find(doc) if needle in q.text]
    assert qs, [q.text for q in find(doc)]
    q = qs[0]
    assert doc.text[q.start:q.end] == q.text
    return q


def test_counted_with_adjective(nlp):
    q = one(nlp, "The monitors confirmed 9,212 confirmed deaths of civilians in the region.", "9,212")
    assert q.value == 9212 and q.counts.startswith("confirmed deaths")


def test_plain_count(nlp):
    q = one(nlp, "The ministry transferred 412 conscripts to the border.", "412")
    assert (q.value, q.counts, q.text) == (412, "conscripts", "412 conscripts")


def test_fraction(nlp):
    q = one(nlp, "Most were conscripts, and a third of them had no training.", "third")
    assert q.unit == "fraction" and round(q.value, 3) == 0.333 and q.counts == "them"


def test_up_to_with_conjoined_nouns(nlp):
    q = one(nlp, "Russian forces committed up to 60 tanks and armored vehicles to the assault.", "60")
    assert q.qualifier == "<=" and q.value == 60
    assert q.counts == "tanks and armored vehicles"


@pytest.mark.parametrize(("text", "needle", "qual", "value"), [
    ("Approximately 2,000 troops took part.", "2,000", "~", 2000),
    ("At least 12 civilians were killed in Pokrovsk.", "12", ">=", 12),
    ("More than 400 conscripts were moved.", "400", ">", 400),
])
def test_qualifiers(nlp, text, needle, qual, value):
    q = one(nlp, text, needle)
    assert q.qualifier == qual and q.value == value


def test_currency_pair(nlp):
    q = one(nlp, "Recruiters offer 150,000 roubles ($2,000) to each volunteer.", "150,000")
    assert (q.value, q.unit) == (150000, "RUB")
    assert q.extra["equivalent"] == {"value": 2000, "unit": "USD"}
    assert q.text == "150,000 roubles ($2,000)"


def test_member_states(nlp):
    q = one(nlp, "Ministers of 31 member states met in Brussels.", "31")
    assert q.counts == "member states"


def test_range_and_area(nlp):
    q = one(nlp, "Between 10 and 15 drones were shot down.", "10")
    assert (q.value, q.high, q.counts) == (10, 15, "drones")
    q = one(nlp, "Shoigu claimed 327 square kilometers of territory.", "327")
    assert q.unit == "km2"


def test_years_and_dates_are_not_quantities(nlp):
    doc = nlp("In 2024 the talks resumed on March 3.")
    assert find(doc) == []


def test_number_value():
    assert number_value("2.5 million") == 2.5e6
    assert number_value("9,212") == 9212
    assert number_value("a dozen") == 12


def test_compound_adjectives_are_not_counts(nlp):
    doc = nlp("A one-time payment was offered and a 12-year-old boy was wounded.")
    assert [q.text for q in find(doc)] == []
