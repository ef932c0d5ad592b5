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


def places(text: str) -> list[tuple[object, str]]:
    return named(text, "place")


@pytest.mark.parametrize(
    ("text", "value"),
    [("Fighting was reported on the outskirts of Bely Kolodez.", "Bely Kolodez"),
     ("Shelling hit the village of Krasny Khutor overnight.", "Krasny Khutor"),
     ("Near Nizhny Mordok, the group crossed the border.", "Nizhny Mordok"),
     ("Fighters were filmed in the village of Stary Saltiv.", "Stary Saltiv"),
     ("The attack on Staryi Saltiv killed two.", "Staryi Saltiv"),
     ("Two drones were shot down over Zolochiv.", "Zolochiv")],
)  # fmt: skip
def test_english_two_word_villages_with_an_adjective_in_y_and_towns_in_iv(text, value):
    assert value in [v for v, _ in places(text)]


@pytest.mark.parametrize(
    "text",
    ["The raid began near July Fourth Street.",
     "Fighting was reported on the outskirts of Early Street.",
     "The group crossed near Monday Market."],
)  # fmt: skip
def test_no_month_weekday_or_english_word_in_y_begins_a_village(text):
    assert not [v for v, _ in places(text) if str(v).split()[0] in ("July", "Early", "Monday")]


def test_an_english_district_after_a_preposition_is_the_district_and_its_centre_echoes():
    text = (
        "Posts say it was filmed on the Suzemka road. The governor reported shelling of "
        "Suzemka district on May 30."
    )
    found = places(text)
    assert ("Suzemka District", "Suzemka district") in found
    assert ("Suzemka", "Suzemka") in found
    assert ("Volokonovsky District", "Volokonovsky district") in places(
        "Drones struck a village in Volokonovsky district."
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [("Бой шёл у Яблоново.", "Yablonovo"),
     ("Бой шёл в районе Сухосолотино.", "Sukhosolotino"),
     ("Видео снято в посёлке Старый Салтов под Харьковом.", "Staryy Saltov")],
)  # fmt: skip
def test_russian_names_as_written_after_their_cue(text, value):
    """An undeclined village in -ово, -ино after a preposition is its own nominative (not the
    possessive adjective's яблонов); a noun after an adjective in the nominative stands as
    written when no reading of it agrees (not the plural салты)."""
    assert value in [v for v, _ in places(text)]


@pytest.mark.parametrize(
    ("text", "value", "said"),
    [("Уничтожены пять бронированных машин.", "armoured vehicle", "бронированных машин"),
     ("Уничтожены два «Тигра».", "GAZ Tigr", "Тигра"),
     ("Публикуем видео с «Мавика».", "DJI Mavic", "Мавика"),
     ("Відео з «Мавіка» показує бій.", "DJI Mavic", "Мавіка"),
     ("Удар нанесли из реактивной системы залпового огня.", "multiple rocket launcher",
      "реактивной системы залпового огня"),
     ("На видео видны М113 и М777.", "M113", "М113"),
     ("The claim that HIMARS struck the depot is false.", "M142 HIMARS", "HIMARS")],
)  # fmt: skip
def test_equipment_models_and_phrases(text, value, said):
    assert (value, said) in named(text, "equipment")


def test_a_tiger_is_no_armoured_car():
    assert named("В зоопарке живёт тигр.", "equipment") == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [("Политик Илья Пономарёв, представляющий легион, сообщил, что отряды отошли.",
      "Ilya Ponomarev"),
     ("Командир РДК Денис Капустин, известный как White Rex, заявил о рейде.",
      "Denis Kapustin"),
     ("Губернатор Гладков, который провёл ночь в Шебекино, сообщил об обстреле.",
      "Vyacheslav Gladkov"),
     ("Речник ГУР Андрій Юсов, який коментував рейд, заявив, що розвідка спостерігає.",
      "Andriy Yusov"),
     ("Представитель легиона Алексей Барановский заявил, что в плен взяты трое.",
      "Alexei Baranovsky")],
)  # fmt: skip
def test_the_speaker_before_an_aside_set_off_by_commas(text, speaker):
    assert spoken(text) == [speaker]


def test_an_aside_without_an_actor_before_it_leaves_the_speaker_after_the_verb():
    text = "По словам Гладкова, обстрел, начавшийся ночью, сообщил ТАСС, продолжается."
    assert "TASS" in spoken(text)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("Легион опубликовал два видео. На втором, 25-секундном, виден танк.", 25.0),
     ("Легион опубликовал два видео. Первое, 40-секундное, снято у Козинки.", 40.0),
     ("Легіон оприлюднив два відео. Друге, 30-секундне, зняте біля Козинки.", 30.0)],
)  # fmt: skip
def test_a_length_whose_footage_noun_is_left_out_after_an_ordinal(text, seconds):
    assert [v for v, _ in named(text, "duration")] == [seconds]


@pytest.mark.parametrize(
    "text",
    ["Видео показывает бой. Второй, трёхчасовой, бой начался ночью.",
     "На втором, 25-секундном, этапе учений все молчали.",
     "Бой длился долго. Второй, двухчасовой, был тише."],
)  # fmt: skip
def test_no_elided_footage_without_footage_or_with_its_own_noun(text):
    assert named(text, "duration") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [("У села Тишанка упал дрон.", "Tishanka"),  # the name beside село, in the nominative
     ("Бои шли за Новоборисовку.", "Novoborisovka"),
     ("Бой за Тишанку продолжается.", "Tishanka"),
     ("Бої точилися за Новоборисівку.", "Novoborysivka"),
     ("Беспилотник упал между Тишанкой и Ломово.", "Lomovo"),
     ("Дрон упав між Тишанкою та Яблоновим.", "Tyshanka"),
     ("В посёлке городского типа Ракитное объявили тревогу.", "Rakitnoye"),
     ("В райцентре Борисовка объявили тревогу.", "Borisovka")],
)  # fmt: skip
def test_more_cues_of_a_place(text, value):
    assert value in [v for v, _ in places(text)]


@pytest.mark.parametrize(
    ("text", "actor"),
    [("Бой шёл за Гладкова.", "Vyacheslav Gladkov"),
     ("Бои идут за Путина.", "Vladimir Putin")],
)  # fmt: skip
def test_fighting_for_a_person_names_no_place(text, actor):
    assert places(text) == []
    assert actor in [v for v, _ in named(text, "actor")]


def test_a_governors_title_set_off_by_a_comma_is_the_named_governors():
    text = "The regional governor, Roman Starovoit, wrote on Telegram that two people were hurt."
    actors = [v for v, _ in named(text, "actor")]
    assert "Roman Starovoit" in actors
    assert "Vyacheslav Gladkov" not in actors


@pytest.mark.parametrize(
    ("text", "value", "said"),
    [("В этот понедельник бойцы перешли границу.", "2023-05-22", "В этот понедельник"),
     ("Цього понеділка почався рейд.", "2023-05-22", "Цього понеділка"),
     ("На початку червня бої відновилися.", "2023-06", "На початку червня"),
     ("Наприкінці травня бої відновилися.", "2023-05", "Наприкінці травня"),
     ("Две недели назад начался рейд.", "2023-05-10", "Две недели назад"),
     ("Два тижні тому почався рейд.", "2023-05-10", "Два тижні тому")],
)  # fmt: skip
def test_more_cyrillic_date_forms(text, value, said):
    assert (value, said) in dates(text)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("Відео, що триває понад хвилину, показує бій.", 60.0),
     ("Ролик довжиною у хвилину показує бій.", 60.0)],
)  # fmt: skip
def test_more_ukrainian_length_forms(text, seconds):
    assert [v for v, _ in named(text, "duration")] == [seconds]


def test_a_relative_clause_about_something_else_is_no_length():
    text = "Гладков заявив, що триває обстріл, який почався 40 хвилин тому."
    assert named(text, "duration") == []


@pytest.mark.parametrize(
    "text",
    ["Росіяни скинули КАБи на Вовчанськ та Вовчанські Хутори.",
     "Росіяни скинули КАБи на Вовчанські Хутори та Вовчанськ."],
)  # fmt: skip
def test_a_place_adjective_before_another_places_noun_is_not_that_town(text):
    """ "Вовчанські Хутори" is a village; its adjective alone is no second Vovchansk."""
    found = places(text)
    assert [said for v, said in found if str(v).startswith("Vovchans")] == ["Вовчанськ"] or (
        ("Vovchanski Khutory", "Вовчанські Хутори") in found
    )
    assert not [said for _, said in found if said == "Вовчанські"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [("Как пишет «Коммерсантъ», колонна разбита.", "Kommersant"),
     ("Як пише «Українська правда», колону розбито.", "Ukrainska Pravda"),
     ("По данным «Медузы», три машины вернулись.", "Meduza"),
     ("По версии Минобороны, диверсанты уничтожены.", "Russian Ministry of Defence"),
     ("Согласно заявлению Минобороны, диверсанты уничтожены.", "Russian Ministry of Defence"),
     # the General Staff is an actor of its own since the claimsactors work
     ("За версією Генштабу ЗСУ, бої тривають.", "General Staff of the Armed Forces of Ukraine")],
)  # fmt: skip
def test_the_source_after_according_to_forms(text, speaker):
    assert spoken(text) == [speaker]


@pytest.mark.parametrize(
    ("text", "actor"),
    [("Бійці батальйону «Сибір» заявили про рейд.", "Sybir"),
     ("Росгвардейцы задержали диверсантов.", "Rosgvardia"),
     ("Росгвардійці затримали диверсантів.", "Rosgvardia"),
     ("Военные ЗВО отбили атаку.", "Western Military District")],
)  # fmt: skip
def test_units_and_their_people(text, actor):
    assert actor in [v for v, _ in named(text, "actor")]
