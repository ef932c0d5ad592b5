"""Actors the fifteenth work on issue 15 added to the vocabulary: Ukraine's Security Service,
Chechen fighters by the name texts give them, and the National Guard's members in the plural.
Every sentence here is written for the test."""

from __future__ import annotations

from datetime import date

import pytest

from tests.claim_facts import facts_of


def actors(text: str) -> list[object]:
    return [f.value for f in facts_of(text, ("actor",), date(2024, 8, 20))]


@pytest.mark.parametrize(
    ("text", "value"),
    [("СБУ затримала агента у Сумах.", "Security Service of Ukraine"),
     ("Служба безопасности Украины задержала агента.", "Security Service of Ukraine"),
     ("The SBU said it had detained an agent.", "Security Service of Ukraine"),
     ("Кадыровцы заявили о штурме села.", "Akhmat"),
     ("Кадирівці заявили про штурм села.", "Akhmat"),
     ("Нацгвардійці відбили атаку.", "National Guard of Ukraine")],
)  # fmt: skip
def test_actors(text, value):
    assert value in actors(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [("Збройні сили рф обстріляли село.", "Russian armed forces"),
     ("Міноборони рф оприлюднило відео.", "Russian Ministry of Defence"),
     ("Удар завдали ЗС рф.", "Russian armed forces")],
)  # fmt: skip
def test_the_russian_federation_in_lower_case(text, value):
    assert actors(text) == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [("On Monday the head of the regional military administration, Oleksandr Moroz, said "
      "two villages were shelled.", "Oleksandr Moroz"),
     ("A spokesman for the border service, Ivan Hrytsenko, said the raid failed.",
      "Ivan Hrytsenko")],
)  # fmt: skip
def test_english_role_of_a_body_then_the_name(text, value):
    assert value in actors(text)


def test_a_place_after_such_a_role_is_no_person():
    assert "Sumy Oblast" not in actors("The governor of the region, Sumy Oblast, said nothing.")
