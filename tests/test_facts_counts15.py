"""Counts the fifteenth work on issue 15 read: nouns added to the vocabulary (workers,
households, communities, attempts, fires, rifles, schools, militias), a Ukrainian adjective
between the number and its noun ("дев'ять житлових будинків": Russian morphology guessed the
adjective a noun), and a number before what befell people in English ("2 killed"). Every
sentence here is written for the test."""

from __future__ import annotations

from datetime import date

import pytest

from tests.claim_facts import facts_of


def counts(text: str) -> list[tuple[object, object]]:
    found = facts_of(text, ("count",), date(2024, 9, 14))
    return [(f.value, (f.detail or {}).get("of")) for f in found]


@pytest.mark.parametrize(
    ("text", "value", "of"),
    [("The blast injured two workers at the depot.", 2, "worker"),
     ("Shelling hit 12 communities in the region.", 12, "community"),
     ("Border guards stopped three attempts to cross.", 3, "attempt"),
     ("Drones caused at least four fires.", 4, "fire"),
     ("Police seized two Western-made rifles.", 2, "rifle"),
     ("Two schools were damaged.", 2, "building"),
     ("Two anti-Kremlin militias claimed the raid.", 2, "group"),
     ("Пошкоджено дев'ять житлових будинків.", 9, "building"),
     ("Пошкоджені дві приватні оселі.", 2, "building"),
     ("Пошкоджено три домогосподарства.", 3, "household"),
     ("Поранено двох працівників підприємства.", 2, "worker"),
     ("Ранены трое рабочих.", 3, "worker"),
     ("Обстріляли 12 громад області.", 12, "community"),
     ("Виникли дві пожежі.", 2, "fire")],
)  # fmt: skip
def test_counted_nouns(text, value, of):
    assert (value, of) in counts(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [("Shelling left 2 killed and 5 wounded in the town.", [2, 5]),
     ("Officials said three were injured.", [])],
)  # fmt: skip
def test_english_numbers_before_what_befell_people(text, value):
    assert [v for v, _ in counts(text)] == value


@pytest.mark.parametrize(
    ("text", "value", "of"),
    [("The town was shelled 14 times overnight.", 14, "attack"),
     ("Russian forces fired 37 times at the village.", 37, "attack"),
     ("The post was shared more than 9,000 times.", 9000, "view"),
     ("It has been viewed about 2.3 million times.", 2_300_000, "view"),
     ("The clip was watched 3 million times.", 3_000_000, "view")],
)  # fmt: skip
def test_english_numbers_of_times(text, value, of):
    assert counts(text) == [(value, of)]


@pytest.mark.parametrize(
    "text",
    ["He said it three times.",
     "Prices rose 3 times in a year.",
     "About 2.5 million people live there."],
)  # fmt: skip
def test_other_numbers_of_times_count_nothing(text):
    assert counts(text) in ([], [(2_500_000, "person")])


@pytest.mark.parametrize(
    ("text", "value"),
    [("Видео собрало более миллиона просмотров.", 1_000_000),
     ("Ролик набрал около полумиллиона просмотров.", 500_000),
     ("Відео зібрало понад два мільйони переглядів.", 2_000_000),
     ("Ролик набрал 2,3 млн просмотров.", 2_300_000),
     ("Ролик набрал 3 миллиона просмотров.", 3_000_000)],
)  # fmt: skip
def test_cyrillic_millions(text, value):
    assert counts(text) == [(value, "view")]


def test_cyrillic_millions_alone_in_the_plural_are_no_number():
    assert counts("Миллионы просмотров набрали эти ролики.") == []


@pytest.mark.parametrize(
    ("text", "value", "of"),
    [("Количество погибших выросло до пяти.", 5, "casualty"),
     ("Кількість загиблих зросла до п'яти.", 5, "casualty"),
     ("Число раненых составило 14.", 14, "casualty"),
     ("Погибли 3 человека, еще 7 получили ранения.", 7, "person"),
     ("Ще четверо отримали поранення.", 4, "person")],
)  # fmt: skip
def test_cyrillic_totals_named_before_and_wounds_received(text, value, of):
    assert (value, of) in counts(text)


def test_a_total_of_something_uncountable_counts_nothing():
    assert counts("Количество обращений выросло до пяти.") == []
