"""Forms of the sixth round on issue 15, written against the tune texts of that round: a place
named again without its cue, Ukrainian village names the dictionary holds as plain nouns, a
name beside "селі" that is also a surname, adjective villages in the Ukrainian locative, and
cues the rules lacked. Every sentence here is written for the test."""

from __future__ import annotations

from datetime import date

import pytest

from tests.claim_facts import facts_of

PUBLISHED = date(2023, 6, 7)  # a Wednesday


def facts(text: str, kind: str, published: date | None = PUBLISHED) -> list[tuple[object, str]]:
    return [(f.value, f.text) for f in facts_of(text, (kind,), published)]


def test_a_place_named_by_its_context_is_found_again_in_another_case():
    text = "Біля Рижівки знову стріляли. Рижівку накрили мінометами, у Рижівці немає світла."
    assert facts(text, "place") == [
        ("Ryzhivka", "Рижівки"),
        ("Ryzhivka", "Рижівку"),
        ("Ryzhivka", "Рижівці"),
    ]


def test_an_english_place_named_by_its_context_is_found_again():
    text = "Shells fell near Kozubivka overnight. The school in Kozubivka is closed."
    assert [v for v, _ in facts(text, "place")] == ["Kozubivka", "Kozubivka"]


def test_a_repeat_is_not_taken_where_the_word_is_a_persons_name():
    text = "Бой шёл у села Иваново. Иванов сообщил об этом."
    assert facts(text, "place") == [("Ivanovo", "Иваново")]


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [("Бої тривали в Гоптівці до ранку.", "Hoptivka", "Гоптівці"),
     ("По Костобоброву ворог бив із мінометів.", "Kostobobriv", "Костобоброву"),
     ("Група відійшла з району Гоптівки.", "Hoptivka", "Гоптівки"),
     ("Противник отошёл из района Маломихайловки.", "Malomikhaylovka", "Маломихайловки")],
)  # fmt: skip
def test_ukrainian_village_nouns_and_from_the_area_of(text, value, span):
    assert facts(text, "place") == [(value, span)]


@pytest.mark.parametrize(
    "text",
    ["У Держприкордонслужбі це підтвердили.", "У Легіоні відмовилися коментувати.",
     "Про це повідомили в Міноборони."],
)  # fmt: skip
def test_a_capitalised_body_after_u_is_no_place(text):
    assert facts(text, "place") == []


def test_a_surname_beside_the_word_for_village_is_the_village():
    assert facts("Його знято в селі Солохи Бєлгородського району.", "place")[0] == (
        "Solokhy",
        "Солохи",
    )
    assert facts("Бой шёл у села Глотова.", "place") == [("Glotovo", "Глотова")]


def test_a_surname_alone_after_u_is_still_a_person():
    assert facts("Документы были у Грабовского.", "place") == []
    assert facts("Він тоді мешкав у Грабовського й нікуди не виїжджав.", "place") == []


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [("Найбільше дісталося у Веселому.", "Vesele", "Веселому"),
     ("У Грабовському Краснопільської громади пошкоджено церкву.", "Hrabovske",
      "Грабовському")],
)  # fmt: skip
def test_an_adjective_village_in_the_ukrainian_locative(text, value, span):
    assert facts(text, "place")[0] == (value, span)
