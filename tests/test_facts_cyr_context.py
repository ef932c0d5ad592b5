"""Forms of the fifth round on issue 15, written against the tune texts: the nominative of a
village read after a preposition that never takes the nominative, a village named by two
adjectives, places after "над", "по" and "под удар попали", urban okrugs, oblasts beyond the
border ones, "вчерашний", "в ночь на воскресенье", lengths between dashes and in "1 хв 5 с",
hedges in other forms, and names the vocabulary lacked. Every sentence here is written for
the test."""

from __future__ import annotations

from datetime import date

import pytest

from tests.claim_facts import facts_of, fresh_python

PUBLISHED = date(2023, 6, 4)  # a Sunday


def facts(text: str, kind: str, published: date | None = PUBLISHED) -> list[tuple[object, str]]:
    return [(f.value, f.text) for f in facts_of(text, (kind,), published)]


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [("Бой шёл в районе Подлипки до утра.", "Podlipka", "Подлипки"),
     ("Колонна двигалась в направлении Шопина.", "Shopino", "Шопина"),
     ("Обстрел велся в направлении Безсонова.", "Bezsonovo", "Безсонова"),
     ("Группа отошла в районе Огибнева.", "Ogibnevo", "Огибнева"),
     ("Бой шёл у Верхнего Березового до полудня.", "Verkhneye Berezovoye",
      "Верхнего Березового")],
)  # fmt: skip
def test_village_nominative_after_a_preposition_that_governs_another_case(text, value, span):
    assert facts(text, "place") == [(value, span)]


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [("Беспилотник сбит над Сосновкой.", "Sosnovka", "Сосновкой"),
     ("Удар с дрона пришёлся по Калиновке.", "Kalinovka", "Калиновке"),
     ("Під удар потрапили Кам'янка і Підліски.", "Kamianka", "Кам'янка"),
     ("В Уразове повреждены дома.", "Urazovo", "Уразове")],
)  # fmt: skip
def test_places_after_over_along_and_under_fire(text, value, span):
    assert facts(text, "place")[0] == (value, span)


def test_a_neuter_adjective_name_in_the_nominative_stays_as_written():
    assert facts("Дрон кружляв над селом Нове-Полтавське, повідомили в ОВА.", "place") == [
        ("Nove-Poltavske", "Нове-Полтавське")
    ]


def test_the_whole_list_after_under_fire_is_places():
    values = [v for v, _ in facts("Під удар потрапили Кам'янка, Вільшана і Підліски.", "place")]
    assert values == ["Kamianka", "Vilshana", "Pidlisky"]


@pytest.mark.parametrize(
    "text",
    ["Сведения по Гладкову уточняются.", "Данные по ВСУ не раскрываются.",
     "Работа над Конституцией продолжается.", "Доклад по Минобороны готов."],
)  # fmt: skip
def test_no_place_after_over_or_along_when_a_person_or_body_follows(text):
    assert facts(text, "place") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [("Ночь в Ракитянском городском округе прошла спокойно.", "Rakityanskiy District"),
     ("В Корочанском муниципальном округе обстрелов не было.", "Korochanskiy District")],
)  # fmt: skip
def test_an_urban_okrug_is_a_district(text, value):
    assert [v for v, _ in facts(text, "place")] == [value]


def test_a_military_district_is_no_place():
    assert facts("Части Южного военного округа вели огонь.", "place") == []
    actors = facts("Подразделения Западного военного округа отразили атаку.", "actor")
    assert actors == [("Western Military District", "Западного военного округа")]


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [("Бой шёл в Донецкой области.", "Donetsk Oblast", "Донецкой области"),
     ("Кадри зняли на Донеччині.", "Donetsk Oblast", "Донеччині"),
     ("Обстріл на Херсонщині тривав.", "Kherson Oblast", "Херсонщині"),
     ("Удари по Запорізькій області.", "Zaporizhzhia Oblast", "Запорізькій області"),
     ("Відео зняте на Шебекинщині.", "Shebekinsky District", "Шебекинщині")],
)  # fmt: skip
def test_oblasts_and_regions_by_their_names(text, value, span):
    assert (value, span) in facts(text, "place")


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [("После вчерашнего обстрела разбирают завалы.", "2023-06-03", "вчерашнего"),
     ("Сьогоднішній удар пошкодив школу.", "2023-06-04", "Сьогоднішній"),
     ("Позавчерашняя атака отражена.", "2023-06-02", "Позавчерашняя"),
     ("В ночь на субботу ВСУ обстреляли село.", "2023-06-03", "В ночь на субботу"),
     ("У ніч проти суботи був обстріл.", "2023-06-03", "У ніч проти суботи")],
)  # fmt: skip
def test_relative_adjectives_and_the_night_before_a_weekday(text, value, span):
    assert facts(text, "date") == [(value, span)]


@pytest.mark.parametrize(
    ("text", "seconds", "span"),
    [("Видео с места удара — 35 секунд — выложено.", 35, "35 секунд"),
     ("Відео тривалістю 2 хв 15 с опублікували.", 135, "2 хв 15 с"),
     ("Ролик длительностью 1 мин 5 с выложен.", 65, "1 мин 5 с")],
)  # fmt: skip
def test_lengths_between_dashes_and_with_bare_seconds(text, seconds, span):
    assert facts(text, "duration") == [(float(seconds), span)]


@pytest.mark.parametrize(
    "text",
    ["Обстрел — 20 минут — продолжался у границы.", "Видео сняли — 20 минут шёл бой.",
     "Видео длительностью 5 с половиной минут.", "Прошло 2 мин с момента удара."],
)  # fmt: skip
def test_no_length_from_dashes_or_a_bare_s_elsewhere(text):
    assert all(seconds != 5 and seconds != 1200 for seconds, _ in facts(text, "duration"))


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [("Эти сообщения не подтверждаются.", "unverified", "не подтверждаются"),
     ("Видання не змогло незалежно перевірити ці дані.", "unverified",
      "не змогло незалежно перевірити"),
     ("Це твердження неправдиве.", "disputed", "неправдиве"),
     ("Эти данные не соответствуют действительности.", "disputed",
      "не соответствуют действительности")],
)  # fmt: skip
def test_hedges_in_more_forms(text, value, span):
    assert facts(text, "hedge") == [(value, span)]


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [("Российский добровольческий корпус сообщил о бое.", "actor", "Russian Volunteer Corps"),
     ("Пограничники ФСБ задержали группу.", "actor", "FSB Border Service"),
     ("Уничтожены 2 бронированных автомобиля.", "equipment", "armoured vehicle")],
)  # fmt: skip
def test_names_the_vocabulary_lacked(text, kind, value):
    assert value in [v for v, _ in facts(text, kind)]


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [("ВОРОНЕЖ, 5 июня. Губернатор сообщил об атаке.", "Voronezh", "ВОРОНЕЖ"),
     ("Заголовок\nСТАРЫЙ ОСКОЛ, 2 июня 2023 года. Сбит дрон.", "Staryy Oskol", "СТАРЫЙ ОСКОЛ"),
     ("ХАРКІВ, 3 червня. Обстріл тривав.", "Kharkiv", "ХАРКІВ")],
)  # fmt: skip
def test_a_cyrillic_dateline_names_a_place(text, value, span):
    assert (value, span) in facts(text, "place")


@pytest.mark.parametrize(
    "text",
    ["ВАЖНО: губернатор сообщил об атаке.", "Текст.\nТекст.\nТекст.\nКУРСК, 4 июня. Удар.",
     "Сводка. МОСКВА, 4 июня. Удар."],
)  # fmt: skip
def test_no_dateline_place_without_a_date_or_after_the_opening_lines(text):
    assert [v for v, _ in facts(text, "place") if v in ("Vazhno", "Kursk", "Moskva")] == []


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [("Бой шёл у села Кривоносове до утра.", "Krivonosove", "Кривоносове"),
     ("Бой шёл у села Дунайки до утра.", "Dunayka", "Дунайки"),
     ("Бой шёл на окраине села Светлые Ключи.", "Svetlyye Klyuchi", "Светлые Ключи")],
)  # fmt: skip
def test_a_name_beside_a_word_for_village_agrees_or_stays_nominative(text, value, span):
    assert facts(text, "place") == [(value, span)]


def test_a_person_before_a_colon_and_a_quote_says_it():
    text = "Командир батальона Иван Петров: «Мы удержали позиции». Позже бой стих."
    said = facts_of(text, ("statement",), PUBLISHED)
    assert [(f.value, f.detail["resolved_by"]) for f in said] == [("Ivan Petrov", "colon")]
    assert text[said[0].start : said[0].end].startswith("Командир батальона Иван Петров:")


def test_a_person_addressed_before_a_colon_says_nothing():
    text = "Командир Иван Петров обратился к губернатору Вячеславу Гладкову: «Отпустите их»."
    assert "Vyacheslav Gladkov" not in [v for v, _ in facts(text, "statement")]


def test_an_impersonal_reflexive_verb_is_said_by_the_body_named_with_u():
    text = "У Легіоні «Свобода Росії» відмовилися коментувати відео."
    assert [v for v, _ in facts(text, "statement")] == ["Freedom of Russia Legion"]


def test_our_data_is_the_body_whose_name_heads_the_post():
    text = "Российский добровольческий корпус. Сводка.\n\nПо нашим данным, взяты 5 пленных."
    assert [v for v, _ in facts(text, "statement")] == ["Russian Volunteer Corps"]
    headed = "Российский добровольческий корпус вошёл в село.\n\nПо нашим данным, взяты 5 пленных."
    assert facts(headed, "statement") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [("В бою участвовали бойцы «Кракена».", "Kraken"),
     ("Бійці «Айдару» відбили атаку.", "Aidar")],
)  # fmt: skip
def test_a_unit_named_in_quotes_after_its_fighters(text, value):
    assert value in [v for v, _ in facts(text, "actor")]


def test_an_english_person_with_an_apposed_role_speaks():
    text = (
        "Serhiy Bratchuk, a spokesman for the southern command, told reporters the road was "
        "cut. Oleksiy Danilov, the head of the council, said nothing."
    )
    actors = facts_of(text, ("actor",), PUBLISHED)
    assert [(f.value, f.detail["role"]) for f in actors] == [
        ("Serhiy Bratchuk", "spokesman"),
        ("Oleksiy Danilov", "head"),
    ]
    assert [v for v, _ in facts(text, "statement")] == ["Serhiy Bratchuk", "Oleksiy Danilov"]


def test_an_english_adviser_to_a_known_person_speaks_not_the_person():
    text = "Mykola Ivanenko, an adviser to President Volodymyr Zelensky, wrote on Twitter."
    assert [v for v, _ in facts(text, "statement")] == ["Mykola Ivanenko"]


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [("Колонна остановилась у Лесного.", "Lesnoye", "Лесного"),
     ("Бої тривають біля Кленового, повідомили в ОВА.", "Klenove", "Кленового"),
     ("Обстрел был возле Разумного и Дубового.", "Razumnoye", "Разумного")],
)  # fmt: skip
def test_an_adjective_alone_after_a_preposition_names_a_village(text, value, span):
    assert facts(text, "place")[0] == (value, span)


@pytest.mark.parametrize(
    "text",
    ["Встреча прошла у Белого дома.", "Жалоба поступила у Ольшанского.",
     "Работа идёт у Российского посольства."],
)  # fmt: skip
def test_no_village_from_an_adjective_with_its_noun_or_a_surname(text):
    assert facts(text, "place") == []


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [("ВСУ трижды обстреляли село.", 3, "трижды"),
     ("Ворог двічі атакував громаду.", 2, "двічі")],
)  # fmt: skip
def test_a_number_of_times_in_one_word_beside_shelling_counts_attacks(text, value, span):
    assert facts(text, "count") == [(value, span)]


def test_a_number_of_times_with_another_verb_counts_nothing():
    assert facts("Он дважды повторил вопрос.", "count") == []


def test_adjective_villages_in_a_list():
    text = "Обстрел был возле Разумного и Дубового."
    assert [v for v, _ in facts(text, "place")] == ["Razumnoye", "Dubovoye"]


def test_speech_verbs_read_whichever_analyser_was_made_first():
    """pymorphy3's tag classes share their grammemes: with the Ukrainian analyser made
    before the Russian one, asking a Russian tag for the Ukrainian "infn" raised."""
    code = (
        "from forensics.claims.facts.morphology import analyzer\n"
        "analyzer('uk'); analyzer('ru')\n"
        "from forensics.claims.facts import extract_facts\n"
        "facts = extract_facts('Бої тривають, повідомив Гладков.', None)\n"
        "print(sorted({f.kind for f in facts}))\n"
    )
    assert "statement" in fresh_python(code)
