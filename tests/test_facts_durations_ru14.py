"""Russian lengths of footage the fourteenth work on issue 15 found missed or misread on its own
tune texts: a bare unit after "длительностью в" or "ролик на", half an hour in one word, a clock
in square brackets, and "часы" (a clock on a wall) read as hours after a word for footage.
Every sentence here is written for the test."""

from __future__ import annotations

from datetime import date

import pytest

from tests.claim_facts import facts_of

PUBLISHED = date(2024, 8, 20)


def lengths(text: str) -> list[tuple[object, str]]:
    return [(f.value, f.text) for f in facts_of(text, ("duration",), PUBLISHED)]


@pytest.mark.parametrize(
    ("text", "seconds", "span"),
    [("Запись длительностью в минуту снята с борта беспилотника.", 60, "минуту"),
     ("Опубликован ролик продолжительностью в час.", 3600, "час"),
     ("Канал выложил ролик на минуту с видом на мост.", 60, "минуту"),
     ("Запись длиной полчаса опубликовала пресс-служба.", 1800, "полчаса"),
     ("Стрим длительностью около получаса провёл канал.", 1800, "около получаса"),
     ("Ролик длиной в полминуты опубликовал канал.", 30, "полминуты"),
     ("Відео тривалістю півгодини оприлюднили вранці.", 1800, "півгодини"),
     ("Видео [0:52] опубликовал канал.", 52, "0:52")],
)  # fmt: skip
def test_bare_units_and_bracketed_clocks(text, seconds, span):
    assert lengths(text) == [(float(seconds), span)]


@pytest.mark.parametrize(
    "text",
    ["На видео часы на здании показывают 9:40.",
     "На видео часы показывают полдень.",
     "Камера снимает 30 кадров в секунду.",
     "Видео опубликовано в 0:52 по Москве.",
     "Видео было снято за 40 секунд до взрыва.",
     "Через полчаса после видео начался обстрел.",
     "Видео появилось полчаса назад.",
     "Видео, где часы показывают 14:20, снято днём.",
     "Автор видео, 45-летний житель, уехал за 20 минут до начала обстрела."],
)  # fmt: skip
def test_clocks_on_walls_rates_and_times_before_are_no_lengths(text):
    assert lengths(text) == []


@pytest.mark.parametrize(
    ("text", "seconds", "span"),
    [("Продолжительность видео составляет около двух минут.", 120, "двух минут"),
     ("Длина видео около 30 секунд.", 30, "30 секунд"),
     ("Хронометраж составляет 2:15.", 135, "2:15"),
     ("Продолжительность ролика составляет 47 секунд.", 47, "47 секунд"),
     ("Тривалість відео становить близько хвилини.", 60, "близько хвилини"),
     ("В опубликованном 40-секундном фрагменте видно колонну.", 40, "40-секундном"),
     ("Видеофрагмент длиной 12 секунд появился в сети.", 12, "12 секунд")],
)  # fmt: skip
def test_a_word_for_length_as_subject_and_pieces_of_footage(text, seconds, span):
    assert lengths(text) == [(float(seconds), span)]


@pytest.mark.parametrize(
    "text",
    ["Потери составили 40 минут.", "Видео составляет 14:20.",
     "Задержка составила 40 секунд, видео опубликовали позже.",
     "Продолжительность боя составила около двух часов, видео снято утром.",
     "Фрагмент ракеты, 1:20, упал во дворе.", "Фрагменты дрона собирали 2 часа."],
)  # fmt: skip
def test_other_subjects_and_missile_fragments_give_no_length(text):
    assert lengths(text) == []


@pytest.mark.parametrize(
    ("text", "seconds", "span"),
    [("Видео, длительность которого около минуты, опубликовали.", 60, "около минуты"),
     ("Видео, продолжительность которого составляет 47 секунд, вышло.", 47, "47 секунд"),
     ("Відео, тривалість якого становить 47 секунд, оприлюднили.", 47, "47 секунд"),
     ("Ролик длиной порядка минуты опубликовал канал.", 60, "порядка минуты"),
     ("Видео длиной 47 с.", 47, "47 с")],
)  # fmt: skip
def test_whose_length_about_and_bare_seconds_after_length(text, seconds, span):
    assert lengths(text) == [(float(seconds), span)]


@pytest.mark.parametrize(
    "text",
    ["Видео длительностью 5 с лишним минут опубликовали.",
     "Видео длительностью 10 с небольшим минут.",
     "Бой, продолжительность которого составила 2 часа, сняли на видео."],
)  # fmt: skip
def test_seconds_are_no_and_and_a_fight_is_no_footage(text):
    assert lengths(text) == []


@pytest.mark.parametrize(
    ("text", "seconds", "span"),
    [("Ролик длится минуту сорок.", 100, "минуту сорок"),
     ("Ролик длится две минуты пять.", 125, "две минуты пять"),
     ("Ролик длится минуту, сорок человек его посмотрели.", 60, "минуту")],
)  # fmt: skip
def test_seconds_said_without_their_unit(text, seconds, span):
    assert lengths(text) == [(float(seconds), span)]


@pytest.mark.parametrize(
    "text", ["В ролике на 40 секунде видно взрыв.", "На 2 хвилині відео видно вибух."]
)
def test_a_moment_in_the_footage_is_no_length(text):
    assert lengths(text) == []


@pytest.mark.parametrize(
    ("text", "seconds", "span"),
    [("Видео, на котором видно колонну, длится 40 секунд.", 40, "40 секунд"),
     ("Відео, на якому видно колону, триває 40 секунд.", 40, "40 секунд"),
     ("Видео продолжительностью 40 секунд и 2 минуты соответственно.", 40, "40 секунд"),
     ("Видео длительностью 1 час 2 минуты 5 секунд.", 3725, "1 час 2 минуты 5 секунд")],
)  # fmt: skip
def test_a_clause_on_what_it_shows_and_parts_in_falling_units(text, seconds, span):
    assert lengths(text) == [(float(seconds), span)]
