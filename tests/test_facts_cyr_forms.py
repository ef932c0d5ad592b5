"""Russian and Ukrainian forms the earlier rounds missed on the tune texts (issue 15): short
lengths set off beside a word for footage, "about" after a verb of lasting, counts of companies,
shells and times, hedges and statements, numbered units, weekdays in the genitive. Every
sentence here is written for the test."""

from __future__ import annotations

from datetime import date

import pytest

from forensics.claims.facts import extract_facts
from tests.claim_facts import facts_of

PUBLISHED = date(2023, 6, 6)  # a Tuesday


def facts(text: str, kind: str, published: date | None = PUBLISHED) -> list[tuple[object, str]]:
    return [(f.value, f.text) for f in facts_of(text, (kind,), published)]


@pytest.mark.parametrize(
    ("text", "seconds", "span"),
    [("Видео боя (3 мин 15 сек) ниже.", 195, "3 мин 15 сек"),
     ("Запись обстрела, 25 секунд, выложена в канале.", 25, "25 секунд"),
     ("Смотрите запись (видео, 2:05) в канале.", 125, "2:05"),
     ("Видеозапись, 10 минут.", 600, "10 минут"),
     ("Видео длится около полутора минут.", 90, "полутора минут"),
     ("Запис триває близько пів хвилини.", 30, "пів хвилини"),
     ("Відео з місця удару, яке триває близько пів хвилини, оприлюднили.", 30, "пів хвилини"),
     ("Кліп триває приблизно півтори хвилини.", 90, "півтори хвилини"),
     ("Этот ролик длится полторы минуты.", 90, "полторы минуты"),
     ("Видео обстрела длится 40 секунд.", 40, "40 секунд"),
     ("Запись с дрона, которая длится 40 секунд, опубликована.", 40, "40 секунд")],
)  # fmt: skip
def test_lengths_set_off_or_after_lasting(text, seconds, span):
    assert facts(text, "duration") == [(float(seconds), span)]


@pytest.mark.parametrize(
    "text",
    ["Видео сняли, 20 минут шел бой.", "Опубликовано видео около 14 часов.",
     "Видео, 05:30, опубликовано.", "Видео удара, 40 минут назад.",
     "Видео обстрела, 30 минут спустя.", "Видео показывает, что обстрел длился два часа.",
     "Відео, на якому бій триває дві години.", "Обстрел, который длился два часа, сняли на видео.",
     "Видео опубликовали (через 5 минут после удара)."],
)  # fmt: skip
def test_no_length_set_off_unless_it_measures_footage(text):
    assert facts(text, "duration") == []


def test_an_abbreviated_length_is_no_count_of_mines():
    assert facts("Ролик атаки (4 мин 5 сек) выложен.", "count") == []


@pytest.mark.parametrize(
    ("text", "value", "span", "of"),
    [("Противник силами до двух мотопехотных рот атаковал.", 2, "до двух мотопехотных рот",
      "company"),
     ("Выпущено около 40 снарядов.", 40, "около 40 снарядов", "shell"),
     ("Ворог 87 разів обстріляв громади.", 87, "87 разів", "attack"),
     ("Обстреляли 15 раз за ночь.", 15, "15 раз", "attack"),
     ("Вчера 5 раз атаковали позиции.", 5, "5 раз", "attack")],
)  # fmt: skip
def test_counts_of_companies_shells_and_attacks(text, value, span, of):
    found = [f for f in extract_facts(text, PUBLISHED) if f.kind == "count"]
    assert [(f.value, f.text, (f.detail or {})["of"]) for f in found] == [(value, span, of)]


@pytest.mark.parametrize(
    "text",
    ["Потерь в 2 раза больше.", "Він 3 рази дзвонив.", "Обстрел шёл 20 мин.", "Рот закрыт."],
)
def test_times_and_minutes_count_nothing(text):
    assert facts(text, "count") == []
    assert facts(text, "equipment") == []


@pytest.mark.parametrize(
    ("text", "label", "span"),
    [("Независимо проверить, сколько техники потеряно, редакции «Вёрстки» не удалось.",
      "unverified",
      "Независимо проверить, сколько техники потеряно, редакции «Вёрстки» не удалось"),
     ("Незалежно підтвердити, чи це правда, нам не вдалося.", "unverified",
      "Незалежно підтвердити, чи це правда, нам не вдалося"),
     ("Слухи о прорыве — фейк.", "disputed", "фейк"),
     ("Минобороны назвало ролик фейком.", "disputed", "фейком")],
)  # fmt: skip
def test_hedges_far_apart_and_fakes(text, label, span):
    assert facts(text, "hedge") == [(label, span)]


def test_a_long_gap_stays_in_its_sentence():
    text = "Нам удалось независимо подтвердить, что видео снято в Козинке. Не удалось найти автора."
    assert facts(text, "hedge") == []


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [("Бойцы 20-й гвардейской общевойсковой армии отступили.",
      "20th Guards Combined Arms Army", "20-й гвардейской общевойсковой армии"),
     ("Оборону тримає 24-та ОМБр.", "24th Mechanized Brigade", "24-та ОМБр"),
     ("Бійці 3-го армійського корпусу відійшли.", "3rd Corps", "3-го армійського корпусу"),
     ("В 11-м мотострелковом полку потери.", "11th Motor Rifle Regiment",
      "11-м мотострелковом полку")],
)  # fmt: skip
def test_numbered_units_are_actors(text, value, span):
    assert facts(text, "actor") == [(value, span)]


@pytest.mark.parametrize(
    "text",
    ["На 3-й день боёв всё стихло.", "На 2-м этаже бригада рабочих.", "Это 1-й Танковый проезд."],
)
def test_an_ordinal_without_a_unit_noun_is_no_unit(text):
    assert facts(text, "actor") == []


def test_a_unit_spokesman_speaks_for_the_unit():
    text = "За словами речника 47-ї окремої механізованої бригади, ворог відступив."
    [statement] = [f for f in extract_facts(text, PUBLISHED) if f.kind == "statement"]
    assert statement.value == "47th Mechanized Brigade"


def speakers(text: str) -> list[tuple[object, str]]:
    found = [f for f in extract_facts(text, PUBLISHED) if f.kind == "statement"]
    return [(f.value, str((f.detail or {})["resolved_by"])) for f in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Представитель Кремля Дмитрий Песков отказался комментировать видео.",
      [("Dmitry Peskov", "subject")]),
     ("Редакция связалась с Минобороны России, однако там отказались от комментариев.",
      [("Russian Ministry of Defence", "pronoun")]),
     ("Редакція надіслала запит до Міноборони Росії, але там відмовилися від коментарів.",
      [("Russian Ministry of Defence", "pronoun")]),
     ("The Kremlin declined to comment.", [("Kremlin", "subject")]),
     ("«Медуза» проверила ролик. По нашим данным, его сняли в Козинке.",
      [("Meduza", "author")]),
     ("Русский добровольческий корпус сообщает: бои идут. По нашим данным, враг отступил.",
      [("Russian Volunteer Corps", "subject"), ("Russian Volunteer Corps", "author")])],
)  # fmt: skip
def test_declining_to_comment_there_and_our_data(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize(
    "text",
    ["Минобороны России заявило о прорыве. По нашим данным, это не так.",
     "Сегодня «Медуза» проверила ролик. По нашим данным, его сняли в Козинке.",
     "Мы были там и видели всё. Там сказали, что нет."],
)  # fmt: skip
def test_we_and_there_need_someone_they_clearly_mean(text):
    assert [v for v, how in speakers(text) if how in ("author", "pronoun")] == []


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [("О ситуации в городе на утро пятницы.", "2023-06-02", "утро пятницы"),
     ("Обстріл тривав до вечора п'ятниці.", "2023-06-02", "вечора п'ятниці"),
     ("Вечер среды прошёл спокойно.", "2023-05-31", "Вечер среды")],
)  # fmt: skip
def test_a_weekday_in_the_genitive_after_a_time_of_day(text, value, span):
    assert facts(text, "date") == [(value, span)]


def test_a_time_of_day_alone_dates_nothing():
    assert facts("Утро среди развалин, вечер в подвале.", "date") == []


def places(text: str) -> list[tuple[object, str]]:
    return facts(text, "place", None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Под обстрел попали Гуево и Плехово, а также окраина Суджи.",
      [("Guyevo", "Гуево"), ("Plekhovo", "Плехово"), ("Sudzha", "Суджи")]),
     ("Окупанти обстріляли Куп'янськ, Дворічну та Слатине.",
      [("Kupiansk", "Куп'янськ"), ("Dvorichna", "Дворічну"), ("Slatyne", "Слатине")]),
     ("Атака в районе населённых пунктов Новая Таволжанка и Ржевка.",
      [("Novaya Tavolzhanka", "Новая Таволжанка"), ("Rzhevka", "Ржевка")]),
     ("Жители Шебекино и Ржевки эвакуированы.",
      [("Shebekino", "Шебекино"), ("Rzhevka", "Ржевки")])],
)  # fmt: skip
def test_places_listed_after_a_cue_or_a_known_place(text, expected):
    assert places(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Обстреляли Белгород, Гладков сообщил о раненых.", [("Belgorod", "Белгород")]),
     ("Шебекино, Минобороны и Гладков молчат.", [("Shebekino", "Шебекино")]),
     ("Жители Шебекино и Армия обороны.", [("Shebekino", "Шебекино")])],
)  # fmt: skip
def test_a_list_holds_only_what_may_be_places(text, expected):
    assert places(text) == expected
