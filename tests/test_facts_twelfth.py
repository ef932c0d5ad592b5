"""The twelfth round on issue 15: forms found by grouping the misses of the retired splits
(heldout .. heldout7) and tune by their cause -- lengths of footage in more shapes, and a
day.month date without a year where nothing makes it a time of day. Every sentence here is
written for the test, with other places and people than the splits name."""

from __future__ import annotations

from datetime import date

import pytest

from tests.claim_facts import facts_of

PUBLISHED = date(2023, 6, 7)


def lengths(text: str) -> list[tuple[object, str]]:
    return [(f.value, f.text) for f in facts_of(text, ("duration",), PUBLISHED)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an English compound adjective of two units, and the half spelt with hyphens
        ("A 2-minute-5-second video of the crossing appeared.", [(125.0, "2-minute-5-second")]),
        ("Their three-minute-twenty-second clip shows smoke.", [
            (200.0, "three-minute-twenty-second")]),
        ("The regiment's minute-and-a-half video shows a column.", [
            (90.0, "minute-and-a-half")]),
        ("An hour-and-a-half livestream followed.", [(5400.0, "hour-and-a-half")]),
        # a bound set before "a minute" after a verb of lasting, or "long" after it
        ("The clip runs just over a minute.", [(60.0, "just over a minute")]),
        ("The footage, which lasts about a minute, shows a convoy.", [
            (60.0, "about a minute")]),
        ("A video of barely a minute shows the bridge.", [(60.0, "barely a minute")]),
    ],
)  # fmt: skip
def test_english_lengths_in_more_shapes(text: str, expected: list) -> None:
    assert lengths(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "About a minute later the video cut to black.",  # later: a moment, not a length
        "Within about a minute the drone was down, the video shows.",
        "The video shows smoke rising a minute-and-a-half after the strike.",
        "The match ended 2-1-0 in the video.",
    ],
)
def test_english_shapes_that_are_no_length(text: str) -> None:
    assert lengths(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # a clock standing alone on its line heads a live-blog entry: a time of day, even
        # under a heading that names a broadcast
        "Онлайн-трансляція\n\n14:35\nУ Вовчанську чути вибухи.",
        "Прямая трансляция\n\n**16:20**\nВ Судже снова сирены.",
        "Live broadcast\n\n07:45\nThe governor said the video was fake.",
    ],
)
def test_a_clock_alone_on_its_line_is_no_length(text: str) -> None:
    assert lengths(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a clock after the footage's verb of lasting
        ("Відео з Вовчанська триває 2:14, на ньому видно дим.", [(134.0, "2:14")]),
        ("Ролик длится 0:58 и заканчивается взрывом.", [(58.0, "0:58")]),
        # a length set off after the footage and closed by a colon
        ("Читатель прислал ролик из Суджи, 23 секунды: видно вспышку.", [
            (23.0, "23 секунды")]),
        # ... or after a relative clause about the footage
        ("Третє відео, яке поширюють пабліки, — 2 хв 3 с, «бій біля Волчанська».", [
            (123.0, "2 хв 3 с")]),
        ("Нам показали видео, которое снял водитель из Глушково: минута сорок секунд, "
         "потом связь обрывается.", [(100.0, "минута сорок секунд")]),
        # a bound before the amount after a word for length
        ("Відео тривалістю понад хвилину поширюють пабліки.", [(60.0, "понад хвилину")]),
        ("Відео тривалістю понад три хвилини поширюють пабліки.", [(180.0, "три хвилини")]),
        ("Ролик длительностью более минуты выложили ночью.", [(60.0, "более минуты")]),
        ("Ролик длиной чуть меньше двух минут выложили ночью.", [(120.0, "двух минут")]),
        ("Запись продолжительностью не более 40 секунд выложили ночью.", [(40.0, "40 секунд")]),
    ],
)  # fmt: skip
def test_cyrillic_lengths_in_more_shapes(text: str, expected: list) -> None:
    assert lengths(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Видео опубликовано в 22:05, обстрел длился 1:07.",  # the shelling lasts, not the video
        "Відео, яке зняв сусід, показує бій, що тривав понад годину.",
        "Прислали видео из Суджи, 23 человека: все живы.",  # no unit
        "Видео, которое сняли в 14:20: видно дым.",  # a time of day in the clause
        "Обстрел длился чуть больше минуты, видео сняли позже.",
    ],
)
def test_cyrillic_shapes_that_are_no_length(text: str) -> None:
    assert lengths(text) == []
