"""Ukraine's cities after a preposition of place, in any oblast (the sixteenth work on issue
15): "з Бахмута", "from Bakhmut"; and villages after "сёла" written with ё. Every sentence here
is written for the test."""

from __future__ import annotations

from datetime import date

import pytest

from tests.claim_facts import facts_of

DAY = date(2023, 6, 1)


def places(text: str) -> list[object]:
    return [f.value for f in facts_of(text, ("place",), DAY)]


@pytest.mark.parametrize(
    ("text", "city"),
    [("Це старі кадри з Бахмута.", "Bakhmut"),
     ("Бої тривають під Ізюмом.", "Izium"),
     ("The raid is meant to distract attention from Bakhmut.", "Bakhmut"),
     ("The clip was filmed near Avdiivka.", "Avdiivka")],
)  # fmt: skip
def test_a_city_of_ukraine_after_a_preposition_is_a_place(text, city):
    assert places(text) == [city]


@pytest.mark.parametrize(
    "text",
    ["Він купив ізюм.",  # a raisin
     "Відео прислав Олександр Ізюмов.",  # a surname
     "The convoy stopped in Chop."],  # too short a Latin name to tell from a word
)  # fmt: skip
def test_no_city_without_its_form(text):
    assert places(text) == []


def test_villages_after_the_plural_with_yo():
    text = "Удар пришёлся на сёла Любечане и Сушаны Климовского района."
    assert places(text)[:2] == ["Lyubechane", "Sushany"]
