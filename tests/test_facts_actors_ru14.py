"""Russian actors the fourteenth work on issue 15 found missed: a unit in quotes after
"спецназ", and the Russian army with the country after it. Every sentence here is written for
the test."""

from __future__ import annotations

from datetime import date

import pytest

from tests.claim_facts import facts_of


def actors(text: str) -> list[tuple[object, str]]:
    return [(f.value, f.text) for f in facts_of(text, ("actor",), date(2024, 8, 20))]


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [("Бойцы спецназа «Ахмат» отразили атаку.", "Akhmat", "«Ахмат»"),
     ("Армия РФ обстреляла село.", "Russian armed forces", "Армия РФ"),
     ("Подразделения армии России отступили.", "Russian armed forces", "армии России"),
     ("Армія РФ обстріляла село.", "Russian armed forces", "Армія РФ")],
)  # fmt: skip
def test_special_forces_units_and_the_army_of_the_country(text, value, span):
    assert actors(text) == [(value, span)]


def test_the_artillery_of_the_country_keeps_its_equipment_fact():
    found = facts_of("По селу работала артиллерия РФ.", ("equipment",), date(2024, 8, 20))
    assert [(f.value, f.text) for f in found] == [("artillery", "артиллерия")]
