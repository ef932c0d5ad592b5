"""The thirteenth round on issue 15: English dates in the forms wire reports, live blogs and
fact-checks write them without a full date (a dateline naming two cities, ranges, a day of
the month alone, a month by where it falls, "overnight", a start "from Wednesday"), then
English places. Every sentence here is written for the test, with other places and people
than the splits name."""

from __future__ import annotations

from datetime import date

import pytest

from tests.claim_facts import facts_of

PUBLISHED = date(2023, 6, 7)  # a Wednesday


def dates(text: str, published: date | None = PUBLISHED) -> list[tuple[object, str]]:
    return [(f.value, f.text) for f in facts_of(text, ("date",), published)]


def test_a_dateline_naming_two_cities_dates_the_text() -> None:
    """ "KYIV/LONDON, June 9, 2023 -": the cities joined by a slash are a dateline too, so its
    date resolves the weekdays after it."""
    text = "KYIV/LONDON, June 9, 2023 - Officials said on Friday that a depot burned."
    assert dates(text, None) == [("2023-06-09", "June 9, 2023"), ("2023-06-09", "on Friday")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Drones struck Klintsy on the night of June 2-3.", [
            ("2023-06-02", "June 2"), ("2023-06-03", "3")]),
        ("Shelling went on June 4 and 5 near the border.", [
            ("2023-06-04", "June 4"), ("2023-06-05", "5")]),
        ("Fires burned from 3 to 5 June, the ministry said.", [
            ("2023-06-03", "3"), ("2023-06-05", "5 June")]),
        ("Raids on 1\u20132 June left the school empty.", [
            ("2023-06-01", "1"), ("2023-06-02", "2 June")]),
        ("Both strikes, on May 30-31, 2022, were filmed.", [
            ("2022-05-30", "May 30"), ("2022-05-31", "31")]),
    ],
)  # fmt: skip
def test_the_second_day_of_a_range(text: str, expected: list) -> None:
    assert dates(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "On June 4 and 5 soldiers were seen.",  # a count after "and"
        "The post of June 4 - 10:30 local time.",  # a time of day after the dash
        "It was June 4-5 km from the road.",  # a distance
    ],
)
def test_a_number_after_a_date_that_is_no_day(text: str) -> None:
    assert dates(text) == [("2023-06-04", "June 4")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The clip was first posted on the 3rd, the channel says.", [("2023-06-03", "on the 3rd")]),
        # still to come this month: the month before
        ("The clip was first posted on the 28th, the channel says.", [
            ("2023-05-28", "on the 28th")]),
        # the month of the date named before it
        ("Troops crossed on May 12; by the 14th they had left.", [
            ("2023-05-12", "May 12"), ("2023-05-14", "by the 14th")]),
    ],
)  # fmt: skip
def test_a_day_of_the_month_alone(text: str, expected: list) -> None:
    assert dates(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The shell hit on the 4th floor of the block.",
        "Soldiers of the 92nd brigade said so.",
        "On the 4th anniversary, nothing was said.",
    ],
)
def test_an_ordinal_that_is_no_day(text: str) -> None:
    assert dates(text) == []


def test_a_day_alone_needs_a_date_to_take_its_month_from() -> None:
    assert dates("The clip was first posted on the 3rd.", None) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The militia crossed earlier this month.", [("2023-06", "earlier this month")]),
        ("A similar clip circulated last month.", [("2023-05", "last month")]),
        ("The column was filmed late May, the caption says.", [("2023-05", "late May")]),
        ("By the end of April the village was empty.", [("2023-04", "the end of April")]),
        ("The bridge has been closed since March.", [("2023-03", "since March")]),
        ("In mid-May the shelling grew.", [("2023-05", "In mid-May")]),
    ],
)  # fmt: skip
def test_a_month_named_by_where_it_falls(text: str, expected: list) -> None:
    assert dates(text) == expected


def test_a_month_relative_to_the_text_needs_its_date() -> None:
    assert dates("The militia crossed earlier this month.", None) == []


def test_a_month_relative_to_january_is_last_years_december() -> None:
    assert dates("It was filmed last month.", date(2024, 1, 10)) == [("2023-12", "last month")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the text's date, the night into it
        ("Drones hit Valuyki overnight, the governor said.", [("2023-06-07", "overnight")]),
        ("Overnight, two shells landed in Sumy region.", [("2023-06-07", "Overnight")]),
        # the date its sentence names
        ("Drones hit Valuyki overnight, officials said on Monday.", [
            ("2023-06-05", "overnight"), ("2023-06-05", "on Monday")]),
    ],
)  # fmt: skip
def test_overnight(text: str, expected: list) -> None:
    assert dates(text) == expected


def test_overnight_after_another_day_is_left_out() -> None:
    """The night after May 30, or into the text's date: nothing says which."""
    text = "The unit crossed on May 30. Overnight, shells hit the village."
    assert dates(text) == [("2023-05-30", "May 30")]
    assert dates("Shells hit the village overnight.", None) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # leave to start on a day: still to come
        ("Pupils of Graivoron can return to school from Friday.", [("2023-06-09", "from Friday")]),
        ("Residents are allowed to go back from Thursday.", [("2023-06-08", "from Thursday")]),
        # a start that was: back from the text's date
        ("Satellite images from Sunday show the crater.", [("2023-06-04", "from Sunday")]),
        ("Residents could go back from Monday, he said.", [("2023-06-05", "from Monday")]),
    ],
)  # fmt: skip
def test_from_a_weekday_after_a_word_of_leave_looks_ahead(text: str, expected: list) -> None:
    assert dates(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("May 30: drones over Valuyki\nThe governor reported damage.", [("2023-05-30", "May 30")]),
        ("Timeline. June 2: the column crosses the border.", [("2023-06-02", "June 2")]),
        ("The clip was posted at 22:30 on June 2 local time.", [("2023-06-02", "June 2")]),
        ("The clip was posted on May 22:30 local time.", []),  # a broken time, no day
    ],
)  # fmt: skip
def test_a_date_heading_an_entry_before_a_colon(text: str, expected: list) -> None:
    assert dates(text) == expected


def places(text: str) -> list[tuple[object, str]]:
    return [(f.value, f.text) for f in facts_of(text, ("place",), PUBLISHED)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name with a word for what it is set beside it
        ("A drone struck a barn in Murom, a village in Belgorod region.", [
            ("Murom", "Murom"), ("Belgorod Oblast", "Belgorod region")]),
        ("A drone struck a barn in Sushany, a small village near the border.", [
            ("Sushany", "Sushany")]),
        ("Bezymeno, Belgorod region, was shelled again.", [
            ("Bezymeno", "Bezymeno"), ("Belgorod Oblast", "Belgorod region")]),
        ("A shell fell on Solokhi, in the Belgorod region, at dawn.", [
            ("Solokhi", "Solokhi"), ("Belgorod Oblast", "Belgorod region")]),
        # villages listed after a word for several
        ("Mortars hit villages in Sumy region, among them Yunakivka and Khotin.", [
            ("Sumy Oblast", "Sumy region"), ("Yunakivka", "Yunakivka"), ("Khotin", "Khotin")]),
        # after a verb of attack, a settlement's ending
        ("Drones attacked Yamnoye overnight.", [("Yamnoye", "Yamnoye")]),
        ("Shells hit Plekhovo and Glotovo.", [("Plekhovo", "Plekhovo"), ("Glotovo", "Glotovo")]),
    ],
)  # fmt: skip
def test_english_villages_named_by_what_is_set_beside_them(text: str, expected: list) -> None:
    assert places(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Olena Petrenko, Sumy region, sent us the photo.",  # a reader and where she lives
        "Mykola Ivanenko, a village elder, said so.",  # a person, his role
        "Ivanenko, a village resident, said so.",
        "Vyacheslav Gladkov, Belgorod region governor, spoke.",
    ],
)
def test_a_person_set_beside_a_region_or_a_village_is_no_place(text: str) -> None:
    assert [v for v, _ in places(text) if v not in ("Sumy Oblast", "Belgorod Oblast")] == []


def test_a_title_in_lower_case_before_another_officials_name_is_that_officials() -> None:
    """ "regional governor" is an alias of Belgorod's governor; right before Kursk's governor's
    name it is his title, not a second actor."""
    text = "Shells hit Tetkino, regional governor Roman Starovoit said."
    found = [(f.value, f.text) for f in facts_of(text, ("actor",), PUBLISHED)]
    assert found == [("Roman Starovoit", "regional governor Roman Starovoit")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # towns claims name in passing, now in the gazetteer
        ("In Chernihiv, the match was called off.", [("Chernihiv", "Chernihiv")]),
        ("Pupils were sent to camps in Gubkin and Stary Oskol.", [
            ("Gubkin", "Gubkin"), ("Staryy Oskol", "Stary Oskol")]),
        ("Обстрел в Валуйках, взрыв в Новом Осколе.", [
            ("Valuyki", "Валуйках"), ("Novyy Oskol", "Новом Осколе")]),
        # a town before "district" names the district, as the English context reads it
        ("Shells hit the Valuyki district overnight.", [("Valuyki District", "Valuyki district")]),
        # a regional newsroom named after its city is an outlet, no place
        ("За даними Суспільне Чернігів, вибухів було три.", []),
    ],
)  # fmt: skip
def test_towns_in_the_gazetteer_and_what_is_no_town(text: str, expected: list) -> None:
    assert places(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Снаряди впали в Ріпкинському р-ні.", [("Ripkynskyi District", "Ріпкинському р-ні")]),
        ("Обстрелу подверглись сёла Суджанского р-на.", [
            ("Sudzhanskiy District", "Суджанского р-на")]),
        ("В Валуйском г/о сбит беспилотник.", [("Valuyskiy District", "Валуйском г/о")]),
    ],
)  # fmt: skip
def test_a_district_named_by_its_adjective_and_a_shortened_noun(text: str, expected: list) -> None:
    assert places(text) == expected


def test_a_shortened_noun_needs_its_adjective() -> None:
    assert places("Обстрел р-на продолжается, сообщил г/о.") == []


def test_a_countrys_military_in_the_possessive_is_its_armed_forces() -> None:
    text = "Ukraine's military did not comment; Russia's forces said nothing."
    found = [(f.value, f.text) for f in facts_of(text, ("actor",), PUBLISHED)]
    assert found == [("Ukrainian armed forces", "Ukraine's military"),
                     ("Russian armed forces", "Russia's forces")]  # fmt: skip
