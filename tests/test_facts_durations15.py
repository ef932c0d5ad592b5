"""Lengths of footage the fifteenth work on issue 15 read: a clock closed by a colon
("Хронометраж ... — 1:10: на ньому"), footage that "goes on" ("Ролик идёт 52 секунды") and a
half unit after "в" ("ролик в полминуты"). Every sentence here is written for the test."""

from __future__ import annotations

from datetime import date

import pytest

from tests.claim_facts import facts_of


def lengths(text: str) -> list[object]:
    return [f.value for f in facts_of(text, ("duration",), date(2024, 9, 14))]


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("Хронометраж другого ролика — 1:10: на ньому уламки дрона.", 70),
     ("Видео (0:47): колонна идёт к границе.", 47),
     ("Ролик идёт 52 секунды.", 52),
     ("Видео идёт около минуты.", 60),
     ("Ролик в полминуты показывает взрыв.", 30),
     ("Відео в півхвилини показує вибух.", 30)],
)  # fmt: skip
def test_lengths(text, seconds):
    assert lengths(text) == [seconds]


@pytest.mark.parametrize(
    "text",
    ["Запись 1:10:05 снята позже.",
     "Бой идёт 40 минут, видео сняли позже.",
     "Камера снимает 30 кадров в секунду.",
     "Колонна шла 20 минут до границы."],
)  # fmt: skip
def test_no_lengths(text):
    assert 70 not in lengths(text) and 40 * 60 not in lengths(text)
    assert lengths(text) in ([], [3600 + 600 + 5])
