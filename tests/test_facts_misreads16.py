"""False places the sixteenth work on issue 15 found in heldout9 and in new trap texts, by their
form: a state or a capital that speaks or acts is its government ("Москва назвала", "Росія
обстрілює", "region, Moscow says"); a name glued to "-based", "-born" or "-less" is an attribute
("a Kharkiv-born blogger", "a tank-less column"); a first name after a village's cue is a
resident; a town's name made into a surname follows a first name; a place inside a short
exclamation in quotes is a slogan's word. Every sentence here is written for the test."""

from __future__ import annotations

from datetime import date

import pytest

from tests.claim_facts import facts_of

DAY = date(2023, 6, 1)


def named(text: str, kind: str) -> list[tuple[object, str]]:
    return [(f.value, f.text) for f in facts_of(text, (kind,), DAY)]


@pytest.mark.parametrize(
    ("text", "state", "actor"),
    [("Москва назвала рейд терактом.", "Москва", "Russian government"),
     ("Киев заявил, что видео подлинное.", "Киев", "Ukrainian government"),
     ("Киев снова обвинил соседей в провокации.", "Киев", "Ukrainian government"),
     ("Россия нанесла удар по Сумам.", "Россия", "Russian government"),
     ("Росія обстрілює прикордоння щодня.", "Росія", "Russian government"),
     ("Україна заперечує причетність.", "Україна", "Ukrainian government"),
     ("Видео сняли в Шебекино, утверждает Москва.", "Москва", "Russian government"),
     ("Об этом сообщил Киев.", "Киев", "Ukrainian government"),
     ("Про це повідомив Київ.", "Київ", "Ukrainian government"),
     ("Першим повідомив Київ, а в Москві заявили інше.", "Київ", "Ukrainian government")],
)  # fmt: skip
def test_cyrillic_state_that_speaks_or_acts_is_its_government(text, state, actor):
    assert not [v for v, said in named(text, "place") if said == state]
    assert (actor, state) in named(text, "actor")


@pytest.mark.parametrize(
    ("text", "place"),
    [("Москва подверглась атаке беспилотников.", "Moscow"),  # suffers: a place
     ("Белгород подвергся обстрелу.", "Belgorod"),
     ("Киев обстреляли ночью.", "Kyiv"),  # a plural verb: someone shelled Kyiv
     ("Артиллерия РФ бьёт по Шебекино.", "Russia"),  # "РФ" here is a genitive
     ("Дроны атаковали Москву.", "Moscow"),
     ("Ракеты обстреляли Киев.", "Kyiv"),  # a verb of attacking before it: its object
     ("Об этом сообщил Киев, где прошли обыски.", "Kyiv")],  # (agrees, but no clause end)
)  # fmt: skip
def test_cyrillic_state_that_suffers_or_is_named_stays_a_place(text, place):
    assert place in [v for v, _ in named(text, "place")]


def test_english_capital_that_speaks_after_a_list_of_places_is_the_government():
    text = "Raiders cross into Belgorod region, Moscow says"
    assert ("Moscow", "Moscow") not in named(text, "place")
    assert ("Russian government", "Moscow") in named(text, "actor")
    assert ("Belgorod Oblast", "Belgorod region") in named(text, "place")
    listed = "Kursk, Belgorod, Moscow: all were shelled overnight."
    assert [v for v, _ in named(listed, "place")] == ["Kursk", "Belgorod", "Moscow"]


@pytest.mark.parametrize(
    "text",
    ["The Kharkiv-born blogger posted the video.",
     "Kyiv-based analysts said the footage was old.",
     "The Moscow-based outlet reported the attack.",
     "The Kursk-class submarine was not involved."],
)  # fmt: skip
def test_english_name_glued_to_based_or_born_is_neither_place_nor_actor(text):
    assert named(text, "place") == [] and named(text, "actor") == []


def test_english_tank_less_column_has_no_tank():
    assert named("A tank-less column entered the village; a tank followed.", "equipment") == [
        ("tank", "tank")
    ]


@pytest.mark.parametrize(
    ("text", "person"),
    [("Житель села Иван Петров рассказал о взрыве.", "Иван Петров"),
     ("Мешканка села Ніна Коваль розповіла про вибух.", "Ніна Коваль")],
)  # fmt: skip
def test_first_name_after_a_village_cue_is_a_resident(text, person):
    assert named(text, "place") == []
    assert person in [said for _, said in named(text, "actor")]


def test_village_after_its_cue_is_kept():
    assert [v for v, _ in named("Жители села Муром рассказали о взрыве.", "place")] == ["Murom"]


def test_town_made_into_a_surname_is_no_place():
    assert named("Военкор Андрей Грайворонский выложил запись.", "place") == []
    assert named("По словам Андрея Грайворонского, видео снято вчера.", "place") == []
    assert [v for v, _ in named("Колонна вошла в Грайворонский район.", "place")]


@pytest.mark.parametrize(
    "text",
    ["Под видео пишут: «Шебекино — это Россия!»",
     "Люди пишуть «Краснопілля — це Україна!».",
     'Protesters chanted "Belgorod is Russia!" in the clip.'],
)  # fmt: skip
def test_places_of_a_slogan_are_none(text):
    assert named(text, "place") == [] and named(text, "actor") == []


def test_place_after_a_preposition_in_an_exclamation_stays():
    text = "Бойцы кричат: «Мы зашли в Новую Таволжанку!»"
    assert [v for v, _ in named(text, "place")] == ["Novaya Tavolzhanka"]


@pytest.mark.parametrize(
    "text",
    ["Снаряд попал в дом на улице 8 Марта в Шебекино.",
     "В посёлке имени 1 Мая повреждена ЛЭП.",
     "Ракета упала на площади 9 Января.",
     "Вибух стався на вулиці 23 Серпня в Харкові.",
     "The strike hit a building on 8 March Street.",
     "Версия 1.06 приложения показывает время."],
)  # fmt: skip
def test_a_date_in_a_name_or_a_version_dates_nothing(text):
    assert [v for v, said in named(text, "date") if said != "2023-06-01"] == []


def test_a_date_beside_a_street_still_dates():
    text = "Снаряд попал в дом на улице Победы 12.05."
    assert ("2023-05-12", "12.05") in named(text, "date")


@pytest.mark.parametrize(
    "text",
    ["Снаряд влучив у будинок на вулиці Тараса Шевченка.",
     "Ракета упала на проспекте Юрия Гагарина в Харькове.",
     "Пошкоджено школу імені Лесі Українки.",
     "На площі Степана Бандери вибиті вікна.",
     "Пошкоджено пам'ятник Богдану Хмельницькому."],
)  # fmt: skip
def test_a_person_a_street_school_or_monument_is_named_after_is_no_actor(text):
    assert named(text, "actor") == []


def test_a_person_beside_a_street_still_acts():
    text = "На вулиці Сумській губернатор Володимир Артюх показав руйнування."
    assert [v for v, _ in named(text, "actor")]


@pytest.mark.parametrize(
    ("text", "day"),
    [("Уночі на 19 червня дрон влучив у ліцей.", "2023-06-19"),
     ("Ночью на 3 июня дрон упал.", "2023-06-03")],
)  # fmt: skip
def test_the_night_into_a_date_is_that_date_not_last_night(text, day):
    assert [v for v, _ in named(text, "date")] == [day]
