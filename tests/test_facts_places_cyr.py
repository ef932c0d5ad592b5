"""Places outside the gazetteer in Russian and Ukrainian: two-word names after a cue,
directions, Ukrainian village names the dictionary knows untagged, districts and hromadas
named by their adjective (issue 15, third round)."""

from __future__ import annotations

import pytest

from tests.claim_facts import facts_of


def places(text: str) -> list[tuple[object, str]]:
    return [(f.value, f.text) for f in facts_of(text, ("place",))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an adjective and a noun after a bare preposition name one place
        ("Бои идут у Белого Колодезя.", [("Belyy Kolodez", "Белого Колодезя")]),
        ("Техника уничтожена в районе Мокрой Орловки.", [("Mokraya Orlovka", "Мокрой Орловки")]),
        ("Удар поблизу Вовчанських Хуторів.", [("Vovchanski Khutory", "Вовчанських Хуторів")]),
        # a direction is a place
        ("Противник отступил в направлении Сеньковки.", [("Senkovka", "Сеньковки")]),
        ("ДРГ рухалася у напрямку Середини-Буди.", [("Seredyna-Buda", "Середини-Буди")]),
        # Ukrainian village names are in the dictionary without a place tag
        ("Танк підірвався на міні біля Гатища.", [("Hatyshche", "Гатища")]),
    ],
)  # fmt: skip
def test_places_named_by_their_context(text: str, expected: list[tuple[str, str]]) -> None:
    assert places(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Встреча у Путина под Новый год.",
        "Заява у Зеленського біля Telegram.",
        "Розмова біля Петра Порошенка.",
        "Вопрос задали в сторону Шойгу.",
    ],
)
def test_people_after_a_cue_stay_people(text: str) -> None:
    assert places(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Группа в лесу Климовского района.", [("Klimovskiy District", "Климовского района")]),
        ("Беспилотник сбит над Кореневским районом.",
         [("Korenevskiy District", "Кореневским районом")]),
        ("Обстріл у Богодухівському районі.",
         [("Bohodukhivskyi District", "Богодухівському районі")]),
        # a hromada is named after its centre, as the dictionary knows the town
        ("Вибухи у Білопільській, Краснопільській та Хотінській громадах.",
         [("Bilopillia hromada", "Білопільській"), ("Krasnopillia hromada", "Краснопільській"),
          ("Khotin hromada", "Хотінській громадах")]),
        ("Обстріл Великописарівської територіальної громади.",
         [("Velykopysarivska hromada", "Великописарівської територіальної громади")]),
        # the gazetteer's districts stay the gazetteer's
        ("Бои в Шебекинском районе.", [("Shebekinsky District", "Шебекинском районе")]),
    ],
)  # fmt: skip
def test_districts_and_hromadas_by_their_adjective(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert places(text) == expected
