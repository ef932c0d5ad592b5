"""Names in Russian and Ukrainian claims: vocabulary aliases found in every grammatical case,
one place whatever its script or transliteration, and places outside the gazetteer named by
their context. Sentences written for these tests."""

from __future__ import annotations

import pytest

from forensics.claims.facts import Fact, extract_facts


def names(text: str, kind: str | None = None) -> list[Fact]:
    facts = [f for f in extract_facts(text, None) if f.kind in ("place", "actor", "equipment",
                                                                  "platform")]  # fmt: skip
    for f in facts:
        assert text[f.start : f.end] == f.text
    return [f for f in facts if kind is None or f.kind == kind]


def values(text: str, kind: str) -> list[object]:
    return [f.value for f in names(text, kind)]


@pytest.mark.parametrize(
    ("text", "value", "said"),
    [
        ("Обстрел в Белгородской области.", "Belgorod Oblast", "Белгородской области"),
        ("Бої на Бєлгородщині тривають.", "Belgorod Oblast", "Бєлгородщині"),
        ("Колонна шла по Белгородчине.", "Belgorod Oblast", "Белгородчине"),
        ("Ракети над Харківщиною.", "Kharkiv Oblast", "Харківщиною"),
        ("Граница России и Украины.", "Ukraine", "Украины"),
    ],
)
def test_region_aliases_in_every_case(text: str, value: str, said: str) -> None:
    found = names(text, "place")
    assert (value, said) in [(f.value, f.text) for f in found]


@pytest.mark.parametrize(
    ("text", "value", "said"),
    [
        ("Сводка Министерства обороны России.", "Russian Ministry of Defence",
         "Министерства обороны России"),
        ("По словам Минобороны России, атака отбита.", "Russian Ministry of Defence",
         "Минобороны России"),
        ("Заявление Игоря Конашенкова.", "Igor Konashenkov", "Игоря Конашенкова"),
        ("Губернатор Гладков сообщил.", "Vyacheslav Gladkov", "Гладков"),
        ("Бойцы РДК вошли в село.", "Russian Volunteer Corps", "РДК"),
        ("Бойцы Легиона «Свобода России» вошли.", "Freedom of Russia Legion",
         "Легиона «Свобода России»"),
        ("Позиции ВСУ обстреляны.", "Ukrainian armed forces", "ВСУ"),
        ("Представники ЗСУ мовчать.", "Ukrainian armed forces", "ЗСУ"),
        ("Начальник Головного управління розвідки.", "Ukrainian military intelligence",
         "Головного управління розвідки"),
    ],
)  # fmt: skip
def test_actor_aliases_in_every_case(text: str, value: str, said: str) -> None:
    assert (value, said) in [(f.value, f.text) for f in names(text, "actor")]


def test_abbreviations_match_only_in_capitals() -> None:
    assert values("всу и рдк", "actor") == []


def test_equipment_and_platforms() -> None:
    text = ("Уничтожены две БМП-2, «Тюльпан», КамАЗ и три пикапа; видео в Телеграме и во "
            "ВКонтакте, а також у телеграм-каналах.")  # fmt: skip
    facts = names(text)
    got = {(f.kind, f.value) for f in facts}
    assert {("equipment", "BMP-2"), ("equipment", "2S4 Tyulpan"), ("equipment", "KAMAZ"),
            ("equipment", "pickup truck"), ("platform", "Telegram"),
            ("platform", "VK")} <= got  # fmt: skip
    assert [f.text for f in facts if f.value == "Telegram"] == ["Телеграме", "телеграм-каналах"]


def test_equipment_plural_from_morphology() -> None:
    plural = {f.text: (f.detail or {}).get("plural") for f in names("пикапы и БМП-2, один пикап")}
    assert plural == {"пикапы": True, "БМП-2": False, "пикап": False}


def test_english_aliases_unchanged_in_a_russian_text() -> None:
    assert values("Видео опубликовано в Telegram и на YouTube.", "platform") == [
        "Telegram", "YouTube"]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Обстрел Белгорода.", "Belgorod"),
        ("Обстріл Бєлгорода.", "Belgorod"),
        ("Shelling of Bilhorod.", "Belgorod"),
        ("Удар по Харкову.", "Kharkiv"),
        ("В Харькове тревога.", "Kharkiv"),
        ("Удар по Харкову та Харкові.", "Kharkiv"),
        ("Shelling of Kharkov.", "Kharkiv"),
        ("Бой в Новой Таволжанке.", "Novaya Tavolzhanka"),
        ("Бій у Новій Таволжанці.", "Novaya Tavolzhanka"),
        ("Fighting in Nova Tavolzhanka.", "Novaya Tavolzhanka"),
        ("Эвакуация из Шебекино.", "Shebekino"),
        ("Бой у села Козинка и в Козинке.", "Kozinka"),
    ],
)
def test_one_place_whatever_the_script(text: str, value: str) -> None:
    found = names(text, "place")
    assert found and {f.value for f in found} == {value}


def test_names_of_people_are_not_places() -> None:
    assert values("Иван Петров и Путин говорили с Москвой.", "place") == ["Moscow"]
