from datetime import date

from newstrail.ingest.dating import infer_published, mentioned_dates, normalize_date

REF = date(2024, 3, 5)


def test_latest_explicit_date_with_year_from_context():
    text = ("KHERSON, March 4 (Eastern Wire) – Russian forces shelled the city on March 3.\n"
            "The offensive began on 12 February 2024.")
    assert infer_published(text, reference=REF) == "2024-03-04"


def test_year_comes_from_the_reference_when_the_text_has_none():
    # published early January, mentioning late December: the previous year
    assert infer_published("Strikes on December 30 and on January 2.",
                           reference=date(2024, 1, 3)) == "2024-01-02"
    assert infer_published("Strikes on December 30.", reference=date(2024, 1, 3)) == "2023-12-30"


def test_copyright_year_and_future_dates_are_not_publication_dates():
    text = "The vote is scheduled for March 31, 2024.\nOn March 2 the army withdrew.\n© 2021 Outlet"
    assert infer_published(text, reference=REF) == "2024-03-02"
    assert infer_published("Copyright © 2021 Eastern Wire. All rights reserved.", reference=REF) is None


def test_ukrainian_russian_and_numeric_dates():
    found = [d.isoformat() for d, _ in mentioned_dates(
        "3 березня 2024 року; 2 марта; 01.03.2024; 2024-02-28", reference=REF)]
    assert found == ["2024-03-03", "2024-03-02", "2024-03-01", "2024-02-28"]


def test_words_that_are_not_dates():
    assert mentioned_dates("Russia may attack. The March began. 2024 troops.", reference=REF) == []


def test_normalize_metadata_dates():
    assert normalize_date("2024-03-03T21:00:00Z") == "2024-03-03T21:00:00Z"
    assert normalize_date("Sun, 03 Mar 2024 21:00:00 +0000") == "2024-03-03T21:00:00Z"
    assert normalize_date("2024-03-03") == "2024-03-03"
    assert normalize_date("2021") is None
    assert normalize_date("") is None


def test_weekday_on_the_same_line_picks_the_year():
    from datetime import date

    from newstrail.ingest.dating import infer_published

    ref = date(2026, 11, 22)
    text = "KHERSON, March 4 (Bulletin) - Artillery struck the market on Monday, officials said."
    assert infer_published(text, reference=ref) == "2024-03-04"
    assert infer_published("В понедельник, 4 марта, обстрел продолжился.", reference=ref) == "2024-03-04"
    # no weekday: the reference year (the latest March 4 not after it)
    assert infer_published("On March 4 the strike hit the market.", reference=ref) == "2026-03-04"
    # two different weekdays on the line: no anchor
    assert infer_published("Between Monday and Friday, March 4, ...", reference=ref) == "2026-03-04"
