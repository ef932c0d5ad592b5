"""Forms of the seventh round on issue 15, written against the tune texts of that round:
Russian and Ukrainian village names the dictionaries hold as plain nouns or adjectives,
two-word names after a bare preposition, villages in -ово declined and undeclined, and the
noun reading that agrees with its adjective. Every sentence here is written for the test, with
other villages than the tune texts name."""

from __future__ import annotations

from datetime import date

import pytest

from tests.claim_facts import facts_of

PUBLISHED = date(2023, 6, 7)  # a Wednesday


def facts(text: str, kind: str, published: date | None = PUBLISHED) -> list[tuple[object, str]]:
    return [(f.value, f.text) for f in facts_of(text, (kind,), published)]


def test_the_noun_reading_that_agrees_with_its_adjective_is_the_name():
    # "Лисицы" is first a plural nominative (foxes); after "Казачьей" it is a genitive
    assert facts("Бой шёл у Казачьей Лисицы до утра.", "place") == [
        ("Kazachya Lisitsa", "Казачьей Лисицы")]  # fmt: skip
    # "Козачка" is first a feminine noun; after "Малого" it is the genitive of козачок
    assert facts("Ворог обстріляв околиці Малого Козачка вночі.", "place") == [
        ("Malyi Kozachok", "Малого Козачка")]  # fmt: skip


def test_a_russian_village_the_dictionary_holds_as_a_noun_in_ovka():
    assert facts("Группа закрепилась под Антоновкой и ждала.", "place") == [
        ("Antonovka", "Антоновкой")]  # fmt: skip
    # not every noun after "под": a thing that is not a village's kind of word stays a thing
    assert facts("Он спрятался под Лестницей и молчал.", "place") == []


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [("Удар пришёлся по Осиповке ночью.", "Osipovka", "Осиповке"),
     ("Обстріл по Добрянці тривав годину.", "Dobrianka", "Добрянці"),
     ("Вибухи лунали у Ріпках до ранку.", "Ripky", "Ріпках"),
     ("Авіабомби впали по Дергачах уночі.", "Derhachi", "Дергачах"),
     ("Рух техніки помітили навпроти Тимоновичів.", "Tymonovychi", "Тимоновичів")],
)  # fmt: skip
def test_village_nouns_in_yanka_plural_only_names_and_opposite(text, value, span):
    assert facts(text, "place") == [(value, span)]


def test_an_adjective_alone_after_v_is_a_village_in_the_locative():
    assert facts("В Покровском повреждены две крыши.", "place") == [("Pokrovskoye", "Покровском")]
    assert facts("Обстрел у Никольского — данные уточняются.", "place") == [
        ("Nikolskoye", "Никольского")]  # fmt: skip
    # an adjective before the noun it qualifies is no village
    assert facts("Он живёт в Белгородском районе.", "place") == [
        ("Belgorodskiy District", "Белгородском районе")]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [("В Верхнем Поречном загорелся склад.", "Verkhneye Porechnoye", "Верхнем Поречном"),
     ("Ворог намагався увійти до Малого Козачка і відступив.", "Malyi Kozachok",
      "Малого Козачка"),
     ("Колонна вышла из Таврово утром.", "Tavrovo", "Таврово"),
     ("В Ломове выбиты окна школы.", "Lomovo", "Ломове")],
)  # fmt: skip
def test_names_after_a_bare_preposition_that_geonames_lacks(text, value, span):
    assert facts(text, "place") == [(value, span)]


@pytest.mark.parametrize(
    "text",
    ["Заседание прошло в Государственной Думе.", "Он выступил в Верховной Раде.",
     "Я верю в Петрова и его силы."],
)  # fmt: skip
def test_institutions_and_people_after_v_are_no_unlocated_towns(text):
    assert [v for v, _ in facts(text, "place")] == []


def test_an_adjective_and_a_noun_that_is_also_a_surname_are_a_village():
    # "Бобрика" is a surname and a noun; after an agreeing adjective it names the village
    assert facts("Бої тривали в районі Малого Бобрика.", "place") == [
        ("Malyi Bobryk", "Малого Бобрика")]  # fmt: skip


def test_a_bare_governor_is_the_governor_named_before_not_the_last_official():
    text = ("Вячеслав Гладков рассказал о ночи. Глава района Пётр Сидоренко сообщил о ремонте. "
            "Губернатор также напомнил, что снимать места попаданий нельзя.")  # fmt: skip
    actors = facts(text, "actor")
    assert ("Vyacheslav Gladkov", "Губернатор") in actors
    said = [(v, t) for v, t in facts(text, "statement") if t.startswith("Губернатор")]
    assert said == [("Vyacheslav Gladkov", "Губернатор также напомнил, что снимать места "
                     "попаданий нельзя.")]  # fmt: skip


def test_a_governor_of_the_oblast_named_right_after_or_before():
    assert ("Vyacheslav Gladkov", "губернатор Бєлгородщини") in facts(
        "Тим часом губернатор Бєлгородщини заявив про евакуацію.", "actor")  # fmt: skip
    text = "Курская область снова под огнём. По данным главы региона, сгорел склад."
    assert ("Roman Starovoit", "главы региона") in facts(text, "actor")
    text = "В Курской области неспокойно, губернатор просит не выезжать на трассу."
    assert ("Roman Starovoit", "губернатор") in facts(text, "actor")


def test_a_governor_followed_by_a_name_is_left_to_the_name():
    text = "Губернатор Брянской области Александр Богомаз сообщил о пожаре."
    assert [v for v, _ in facts(text, "actor")] == ["Alexander Bogomaz"]
    # with no governor in the vocabulary for the region, and none named, nothing is read
    assert facts("Губернатор уехал в отпуск.", "actor") == []


def test_according_to_after_a_speaker_label_is_a_statement():
    text = "Курская область. КОРРЕСПОНДЕНТ: По данным главы региона, сгорел склад."
    assert [v for v, _ in facts(text, "statement")] == ["Roman Starovoit"]


def test_a_two_word_place_named_again_without_its_cue():
    text = "Бой шёл у Верхней Лисицы. Жители Верхней Лисицы ушли в подвалы."
    assert facts(text, "place") == [("Verkhnyaya Lisitsa", "Верхней Лисицы")] * 2


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [("Residents of Pokrovskoye say the shelling went on.", "Pokrovskoye", "Pokrovskoye"),
     ("A drone was shot down over Kamenevo at night.", "Kamenevo", "Kamenevo"),
     ("A power line was cut in Lukashevka, officials said.", "Lukashevka", "Lukashevka"),
     ("Fighting near the hamlet of Verkhnyaya Lisitsa went on.", "Verkhnyaya Lisitsa",
      "Verkhnyaya Lisitsa")],
)  # fmt: skip
def test_english_places_by_their_ending_or_residents_of(text, value, span):
    assert facts(text, "place") == [(value, span)]


@pytest.mark.parametrize(
    "text",
    ["Talks went on over Easter in Geneva.", "The clip was posted at Midnight Studio.",
     "Fighters moved to Avalon, a farm."],
)  # fmt: skip
def test_english_names_without_a_settlements_ending_after_a_bare_preposition(text):
    assert [v for v, _ in facts(text, "place") if v not in ("Geneva",)] == []


@pytest.mark.parametrize(
    ("text", "value"),
    [("Найбільше дісталося Семенівській громаді.", "Semenivka hromada"),
     ("Обстріляли Глухівську громаду вночі.", "Hlukhiv hromada"),
     ("Обстріляли Вільхівську громаду вночі.", "Vilkhivka hromada"),
     ("Найбільше дісталося Краснопільській громаді.", "Krasnopillia hromada")],
)  # fmt: skip
def test_a_hromada_is_named_after_its_town_in_iv_or_ka(text, value):
    assert [v for v, _ in facts(text, "place")] == [value]


def test_fighters_from_a_unit_in_quotes_name_the_unit():
    # "кадыровцы" is Akhmat by the vocabulary since the fifteenth work: two mentions
    assert facts("Обещанные кадыровцы из «Ахмата» так и не пришли.", "actor") == [
        ("Akhmat", "кадыровцы"), ("Akhmat", "«Ахмата»")]  # fmt: skip
    assert facts("Бійці з «Кракена» зайшли в село.", "actor") == [("Kraken", "«Кракена»")]
    # people "from" a shop are no unit
    assert facts("Покупатели из «Пятёрочки» вышли на улицу.", "actor") == []


def test_vedomstvo_is_the_ministry_named_before():
    text = "Минобороны России сообщило об ударе. Ведомство выложило видео в канале ведомства."
    assert facts(text, "actor") == [
        ("Russian Ministry of Defence", "Минобороны России"),
        ("Russian Ministry of Defence", "Ведомство"),
        ("Russian Ministry of Defence", "ведомства"),
    ]
    assert facts("Ведомство пока молчит.", "actor") == []  # no ministry named before


def test_the_head_of_the_region_is_no_journalist_named_before():
    text = ("ВЕДУЩИЙ: Курская область снова под огнём. Подробности у корреспондента Анны "
            "Мельниковой. КОРРЕСПОНДЕНТ: По данным главы региона, сгорел склад.")  # fmt: skip
    assert ("Roman Starovoit", "главы региона") in facts(text, "actor")
    said = facts(text, "statement")
    assert [v for v, t in said if "главы региона" in t] == ["Roman Starovoit"]


@pytest.mark.parametrize(
    ("text", "span"),
    [("Видео, снятое очевидцами, длится около полуминуты.", "около полуминуты"),
     ("Ролик длится полминуты.", "полминуты"),
     ("Відео з місця удару триває півхвилини.", "півхвилини")],
)  # fmt: skip
def test_half_a_minute_in_one_word_and_a_participle_after_the_footage(text, span):
    assert facts(text, "duration") == [(30.0, span)]


@pytest.mark.parametrize(
    "text",
    ["Бой, начатый утром, длился около полуминуты.", "Через полминуты видео оборвалось.",
     "Обстрел длился полминуты, потом стихло."],
)  # fmt: skip
def test_half_a_minute_that_is_not_the_footage(text):
    assert facts(text, "duration") == []


def test_an_english_role_set_off_before_a_name_makes_an_official_who_speaks():
    text = "In Grayvoron, the district head, Gennady Bondarev, said gas had been restored."
    assert facts(text, "actor") == [("Gennady Bondarev", "Gennady Bondarev")]
    assert [v for v, _ in facts(text, "statement")] == ["Gennady Bondarev"]
    # no role word before the comma: a place and a person are no apposition (a name set off
    # before a verb of saying is a speaker since the claimsactors work: speakers_en.py)
    assert facts("In the town, Gennady Bondarev, a man of 50, lives alone.", "actor") == []
