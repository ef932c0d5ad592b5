"""False facts the fifteenth work on issue 15 found on the tuning splits, by their form: a
selection ("one of the villages") counts nothing, a number beside a unit of measure or a slash
is no count ("снаряды калибра 155 мм", "6/6"), and a city's name before a word for a ship names
the ship, not the place. Every sentence here is written for the test."""

from __future__ import annotations

from datetime import date

import pytest

from tests.claim_facts import facts_of

DAY = date(2024, 8, 20)


def values(text: str, kind: str) -> list[object]:
    return [f.value for f in facts_of(text, (kind,), DAY)]


@pytest.mark.parametrize(
    "text",
    ["A drone hit a barn in one of the villages.",
     "Smoke rose over one of their positions near the road.",
     "Shells of 155 mm calibre hit the school.",
     "The 155 mm shells damaged two houses."],
)  # fmt: skip
def test_english_selections_and_measures_count_nothing(text):
    assert 155 not in values(text, "count") and 1 not in values(text, "count")


def test_english_counts_beside_them_are_kept():
    assert values("Four of the six villages lost power.", "count") == [4]
    assert values("Two of the soldiers were wounded.", "count") == [2]


@pytest.mark.parametrize(
    "text",
    ["Снаряды калибра 155 мм повредили здание школы.",
     "Мины 120 мм упали у домов.",
     "Снаряд 152 мм попал в дом.",
     "Воронка глубиной 3 м у здания школы.",
     "6/6 Дякуємо підписникам із Сум за допомогу.",
     "2/5 Бойцы вошли в село."],
)  # fmt: skip
def test_cyrillic_measures_and_thread_numbers_count_nothing(text):
    assert values(text, "count") == []


def test_cyrillic_counts_beside_them_are_kept():
    assert values("Снаряды повредили 3 здания.", "count") == [3]
    assert values("Обстріл пошкодив 6 будинків.", "count") == [6]


@pytest.mark.parametrize(
    ("text", "ship"),
    [('He called it "the worst loss since the Kursk submarine".', "Kursk"),
     ("The crew of the cruiser Moskva was never named.", "Moskva"),
     ("The Moskva cruiser sank in April.", "Moskva")],
)  # fmt: skip
def test_a_city_named_ship_is_no_place(text, ship):
    assert ship not in values(text, "place")


def test_the_city_itself_is_still_a_place():
    assert "Kursk" in values("A drone hit a submarine repair yard in Kursk.", "place")


@pytest.mark.parametrize(
    ("text", "value"),
    [("Около двух десятков украинских военных прячутся в лесополосе.", 20),
     ("С десяток боевиков взяли в плен.", 10),
     ("Ещё дюжина погибли.", 12),
     ("ЗСУ збили дюжину «шахедів».", 12),
     ("Понад три десятки будинків пошкоджено.", 30),
     ("Около десятка беспилотников сбиты над областью.", 10)],
)  # fmt: skip
def test_group_nouns_count(text, value):
    assert values(text, "count") == [value]


@pytest.mark.parametrize(
    "text",
    ["Десятки боевиков отступили.", "Десятки дронів атакували область."],
)  # fmt: skip
def test_a_plural_group_noun_alone_is_no_number(text):
    assert values(text, "count") == []


@pytest.mark.parametrize(
    "text",
    ["Unit 3719 of the border guard reported the attack.",
     "Building 4 of the hospital lost two windows.",
     "See page 12 for the soldiers named."],
)  # fmt: skip
def test_english_numbers_that_name_count_nothing(text):
    assert [v for v in values(text, "count") if v in (3719, 4, 12)] == []
