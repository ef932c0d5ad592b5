"""Forms the claimsrec work (issue 15) found missed in its own new tune texts and in probe
sentences of the same kinds: a name in quotes as the subject of a speech verb ("Подразделения
«Свободы России» опубликовали"). Every sentence here is written for the test."""

from __future__ import annotations

from datetime import date

import pytest

from tests.claim_facts import facts_of

DAY = date(2023, 5, 24)  # a Wednesday


def named(text: str, kind: str) -> list[tuple[object, str]]:
    return [(f.value, f.text) for f in facts_of(text, (kind,), DAY)]


def spoken(text: str) -> list[object]:
    return [value for value, _ in named(text, "statement")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [("Подразделения «Свободы России» опубликовали в Telegram два видео.",
      "Freedom of Russia Legion"),
     ("Бойцы «Свободы России» заявили о новом рейде.", "Freedom of Russia Legion"),
     ("Підрозділи «Свободи Росії» оприлюднили відео.", "Freedom of Russia Legion"),
     ("«Коммерсантъ» со ссылкой на местных жителей пишет, что удар был ночью.", "Kommersant")],
)  # fmt: skip
def test_a_name_in_quotes_speaks(text, speaker):
    assert spoken(text) == [speaker]


def test_a_name_in_quotes_after_a_preposition_does_not_speak():
    text = "Командир корпуса Денис Капустин в разговоре с «Медузой» назвал ролик фейком."
    assert spoken(text) == ["Denis Kapustin"]


def test_words_quoted_from_someone_do_not_speak():
    text = "Он повторил: «Легион уже здесь», — и заявил о победе."
    assert "Freedom of Russia Legion" not in spoken(text)


def dates(text: str) -> list[tuple[object, str]]:
    return named(text, "date")


@pytest.mark.parametrize(
    ("text", "value", "said"),
    [("Первый ролик снят 22-го на въезде в село.", "2023-05-22", "22-го"),
     ("Рейд начался 22-го числа.", "2023-05-22", "22-го числа"),
     ("Утром 23-го бойцы вернулись.", "2023-05-23", "23-го"),
     ("Відео зняли 22-го, повідомляє РДК.", "2023-05-22", "22-го"),
     ("Это произошло 22-го, а 23-го бои утихли.", "2023-05-23", "23-го"),
     ("Видео сняли 2 мая, а выложили 5-го.", "2023-05-05", "5-го")],  # the month named before
)  # fmt: skip
def test_a_day_of_the_month_alone(text, value, said):
    assert (value, said) in dates(text)


@pytest.mark.parametrize(
    "text",
    ["Бойцы 22-го полка вернулись.",
     "Солдаты 22-го отдельного батальона вернулись.",
     "Бойцы 1-го, 2-го и 3-го батальонов вернулись.",
     "Бійці 3-го і 5-го вийшли з бою.",
     "Колонна 3-го армейского корпуса шла на север."],
)  # fmt: skip
def test_an_ordinal_before_its_noun_is_no_day(text):
    assert dates(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [("В ночь с воскресенья на понедельник начался обстрел.", "2023-05-22"),
     ("У ніч з неділі на понеділок почався обстріл.", "2023-05-22"),
     ("В ночь со среды на четверг начался обстрел.", "2023-05-18")],
)  # fmt: skip
def test_the_night_from_one_weekday_into_the_next_is_the_second(text, value):
    assert [v for v, _ in dates(text)] == [value]
