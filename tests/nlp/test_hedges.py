"""Hedges and ICD 203 bands, on sentences written for these tests."""

from __future__ import annotations

import pytest

from newstrail.nlp.hedges import BANDS, find_in_text


@pytest.mark.parametrize(("text", "band"), [
    ("the offensive will likely stall before the spring thaw", "likely"),
    ("Russian forces will very likely continue to commit armor", "very likely"),
    ("the figure is almost certainly overstated", "almost certain"),
    ("the MoD may be preparing a new offensive", "roughly even chance"),
    ("Russian forces might attempt a crossing", "roughly even chance"),
    ("it is possible that the strike hit the radar", "roughly even chance"),
    ("we cannot rule out a renewed push on Kharkiv", "roughly even chance"),
    ("a breakthrough is unlikely in the coming weeks", "unlikely"),
    ("a breakthrough is highly unlikely", "very unlikely"),
    ("there is almost no chance of a ceasefire", "almost no chance"),
    ("the Kremlin probably intends to mobilise", "likely"),
    ("forces have advanced near Orlivka", None),
])
def test_band(text, band):
    assert find_in_text([text]).band == band


def test_evidential_hedges_are_cues_without_band():
    h = find_in_text(["the regiment reportedly lost 40 men and allegedly retreated"])
    assert h.cues == ("reportedly", "allegedly")
    assert h.band is None


def test_most_specific_phrase_wins():
    h = find_in_text(["the strike very likely hit the depot and may have destroyed it"])
    assert h.band == "very likely"
    assert "very likely" in h.cues and "may" in h.cues


def test_confidence_is_kept_apart_from_likelihood():
    h = find_in_text(["we assess with high confidence that Russia will likely attack"])
    assert h.confidence == "high"
    assert h.band == "likely"
    assert find_in_text(["we have low confidence in these reports"]).band is None
    assert find_in_text(["we have low confidence in these reports"]).confidence == "low"


def test_negated_modal_is_not_a_possibility():
    assert find_in_text(["ICA could not verify the claim"]).band is None


def test_seven_bands_in_order():
    assert len(BANDS) == 7 and BANDS[0] == "almost no chance" and BANDS[-1] == "almost certain"
