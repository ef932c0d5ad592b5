"""Forms of the sixth round on issue 15, written against the tune texts of that round: a place
named again without its cue, Ukrainian village names the dictionary holds as plain nouns, a
name beside "селі" that is also a surname, adjective villages in the Ukrainian locative, and
cues the rules lacked. Every sentence here is written for the test."""

from __future__ import annotations

from datetime import date

import pytest

from tests.claim_facts import facts_of

PUBLISHED = date(2023, 6, 7)  # a Wednesday


def facts(text: str, kind: str, published: date | None = PUBLISHED) -> list[tuple[object, str]]:
    return [(f.value, f.text) for f in facts_of(text, (kind,), published)]


def test_a_place_named_by_its_context_is_found_again_in_another_case():
    text = "Біля Рижівки знову стріляли. Рижівку накрили мінометами, у Рижівці немає світла."
    assert facts(text, "place") == [
        ("Ryzhivka", "Рижівки"),
        ("Ryzhivka", "Рижівку"),
        ("Ryzhivka", "Рижівці"),
    ]


def test_an_english_place_named_by_its_context_is_found_again():
    text = "Shells fell near Kozubivka overnight. The school in Kozubivka is closed."
    assert [v for v, _ in facts(text, "place")] == ["Kozubivka", "Kozubivka"]


def test_a_repeat_is_not_taken_where_the_word_is_a_persons_name():
    text = "Бой шёл у села Иваново. Иванов сообщил об этом."
    assert facts(text, "place") == [("Ivanovo", "Иваново")]


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [("Бої тривали в Гоптівці до ранку.", "Hoptivka", "Гоптівці"),
     ("По Костобоброву ворог бив із мінометів.", "Kostobobriv", "Костобоброву"),
     ("Група відійшла з району Гоптівки.", "Hoptivka", "Гоптівки"),
     ("Противник отошёл из района Маломихайловки.", "Malomikhaylovka", "Маломихайловки")],
)  # fmt: skip
def test_ukrainian_village_nouns_and_from_the_area_of(text, value, span):
    assert facts(text, "place") == [(value, span)]


@pytest.mark.parametrize(
    "text",
    ["У Держприкордонслужбі це підтвердили.", "У Легіоні відмовилися коментувати.",
     "Про це повідомили в Міноборони."],
)  # fmt: skip
def test_a_capitalised_body_after_u_is_no_place(text):
    assert facts(text, "place") == []


def test_a_surname_beside_the_word_for_village_is_the_village():
    assert facts("Його знято в селі Солохи Бєлгородського району.", "place")[0] == (
        "Solokhy",
        "Солохи",
    )
    assert facts("Бой шёл у села Глотова.", "place") == [("Glotovo", "Глотова")]


def test_a_surname_alone_after_u_is_still_a_person():
    assert facts("Документы были у Грабовского.", "place") == []
    assert facts("Він тоді мешкав у Грабовського й нікуди не виїжджав.", "place") == []


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [("Найбільше дісталося у Веселому.", "Vesele", "Веселому"),
     ("У Грабовському Краснопільської громади пошкоджено церкву.", "Hrabovske",
      "Грабовському")],
)  # fmt: skip
def test_an_adjective_village_in_the_ukrainian_locative(text, value, span):
    assert facts(text, "place")[0] == (value, span)


@pytest.mark.parametrize(
    "text",
    ["Об этом сообщили «Вести. Брянск» в вечернем выпуске.",
     "The video was first shared by Kursk Online on Telegram.",
     "Про це написало «Суспільне Суми»."],
)  # fmt: skip
def test_a_town_in_an_outlets_title_is_no_place(text):
    assert facts(text, "place") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [("Командир сказал: «Мы вошли в Шебекино».", "Shebekino"),
     ("Фейк: «штурм Нової Таволжанки» знято деінде.", "Novaya Tavolzhanka"),
     ("Shells hit Kursk on Tuesday.", "Kursk")],
)  # fmt: skip
def test_a_place_in_a_quotation_or_before_a_plain_word_stays_a_place(text, value):
    assert [v for v, _ in facts(text, "place")] == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [("Прикордонники відкрили вогонь.", "State Border Guard Service of Ukraine"),
     ("У Держприкордонслужбі це підтвердили.", "State Border Guard Service of Ukraine"),
     ("Пограничники задержали четверых.", "FSB Border Service"),
     ("Російські прикордонники відкрили вогонь.", "FSB Border Service"),
     ("Украинские пограничники отошли.", "State Border Guard Service of Ukraine"),
     ("Против нас бросили Росгвардию.", "Rosgvardia"),
     ("Національна гвардія тримає оборону.", "National Guard of Ukraine"),
     ("Russia's border service said two people were detained.", "FSB Border Service")],
)  # fmt: skip
def test_border_guards_and_national_guards_by_the_language_that_names_them(text, value):
    assert [v for v, _ in facts(text, "actor")] == [value]


def test_a_bare_ova_is_the_administration_named_before():
    text = "Сумська ОВА: обстріляно громаду. Відео оприлюднила ОВА. В ОВА повідомили про це."
    assert (
        facts(text, "actor")
        == [("Sumy Oblast Military Administration", "Сумська ОВА")]
        + [("Sumy Oblast Military Administration", "ОВА")] * 2
    )
    assert facts("В ОВА повідомили, що евакуація триває.", "actor") == []


def test_the_head_of_the_region_is_the_official_named_before():
    text = (
        "Губернатор Брянской области Александр Богомаз сообщил об обстреле. "
        "По данным главы региона, снаряды легли рядом."
    )
    said = [(v, t[:9]) for v, t in facts(text, "statement")]
    assert said == [("Alexander Bogomaz", "Губернато"), ("Alexander Bogomaz", "По данным")]
    assert facts("Глава региона Вячеслав Гладков сообщил об этом.", "actor") == [
        ("Vyacheslav Gladkov", "Вячеслав Гладков")
    ]


def test_a_first_name_without_its_tag_counts_after_a_role_word():
    text = "Очільник ОВА Володимир Артюх повідомив, що евакуація триває."
    assert facts(text, "statement")[0][0] == "Volodymyr Artiukh"
    assert facts("Володимир Артюх повідомив про обстріл.", "actor") == []
    assert facts("На зв'язку начальник ОВА. Пане Олеже, як минула доба?", "actor") == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [("Голова громади Петро Савчук просить мешканців не повертатися.", "Petro Savchuk"),
     ("Заступниця начальника ОВА Олена Ткачук закликала не поширювати відео.", "Olena Tkachuk"),
     ("Губернатор Вячеслав Гладков призвал жителей не публиковать видео.",
      "Vyacheslav Gladkov")],
)  # fmt: skip
def test_urging_and_asking_are_statements(text, speaker):
    assert [v for v, _ in facts(text, "statement")] == [speaker]


@pytest.mark.parametrize(
    ("text", "seconds", "span"),
    [("Ролик триває хвилину і 12 секунд.", 72.0, "хвилину і 12 секунд"),
     ("Видео, 2 минуты и 5 секунд, опубликовано.", 125.0, "2 минуты и 5 секунд"),
     ("Відео тривалістю 45 с показує склад.", 45.0, "45 с"),
     ("Жители показали видео, снятое на телефон: двадцать семь секунд, слышны разрывы.", 27.0,
      "двадцать семь секунд")],
)  # fmt: skip
def test_lengths_joined_by_and_bare_seconds_and_set_off_by_a_colon(text, seconds, span):
    assert facts(text, "duration") == [(seconds, span)]


@pytest.mark.parametrize(
    "text",
    ["Видео, снятое вчера, 20 минут шёл бой.", "Бой, начавшийся утром: двадцать минут стрельбы.",
     "Он приехал с 5 с половиной тысячами рублей."],
)  # fmt: skip
def test_no_length_without_footage_or_a_word_for_length(text):
    assert facts(text, "duration") == []


@pytest.mark.parametrize(
    ("text", "span"),
    [("Это ложь. Наш ролик ниже.", "Это ложь"), ("Висновок: маніпуляція.", "маніпуляція"),
     ("RATING: False\n\nThe clip shows a column.", "RATING: False")],
)  # fmt: skip
def test_a_lie_a_manipulation_and_a_rating_line_dispute_the_claim(text, span):
    assert facts(text, "hedge") == [("disputed", span)]


def test_cars_in_ukrainian_are_counted():
    assert facts("Пошкоджено адмінбудівлю й дві автівки.", "count") == [(2, "дві автівки")]


def test_five_and_a_half_minutes_is_no_bare_seconds():
    # read whole since the ninth work ("с половиной" adds half a unit), never as 5 seconds
    assert facts("Видео длительностью 5 с половиной минут.", "duration") == [
        (330.0, "5 с половиной минут")]


@pytest.mark.parametrize(
    ("text", "values"),
    [("Artillery struck the border villages of Krupets and Oleshnya.", ["Krupets", "Oleshnya"]),
     ("The villages of Kozinka, Glotovo and Gora-Podol were shelled.",
      ["Kozinka", "Glotovo", "Gora-Podol"]),
     ("A worker was wounded outside Loknya.", ["Loknya"]),
     ("He heads the administration of the Rylsk district.", ["Rylsk District"])],
)  # fmt: skip
def test_english_lists_of_villages_outside_and_districts(text, values):
    assert [v for v, _ in facts(text, "place")] == values


@pytest.mark.parametrize(
    "text",
    ["Outside Telegram, nothing was posted.", "A statement by the Western Military District.",
     "The village of The Hague is no village."],
)  # fmt: skip
def test_no_english_place_from_a_platform_or_a_body(text):
    assert [v for v, _ in facts(text, "place")] == []


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [("Ещё два снаряда разорвались в Зёрново, там нет света.", "Zernovo", "Зёрново"),
     ("Обстрілів зазнала Городнянська громада.", "Horodnia hromada", "Городнянська громада"),
     ("A column was seen driving through Streletskoye.", "Streletskoye", "Streletskoye")],
)  # fmt: skip
def test_undeclined_villages_hromada_centres_in_ya_and_through(text, value, span):
    assert facts(text, "place") == [(value, span)]


def test_an_unknown_word_in_o_after_v_is_a_village_only_when_it_ends_like_one():
    assert facts("Мы приехали в Кино и в Метро.", "place") == []


def test_an_english_place_inside_a_cyrillic_text_is_read_from_its_latin_run():
    text = "Агентство написало: shelling near Kozubivka was reported. Більше нічого."
    assert facts(text, "place") == [("Kozubivka", "Kozubivka")]


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [("Уничтожены три бронеавтомобиля «Казак» и две БМП.", "Kozak", "Казак"),
     ("Обстрел вёлся из РСЗО «Ураган».", "BM-27 Uragan", "РСЗО «Ураган»"),
     ("Рижівку знову накрили мінометним вогнем.", "mortar", "мінометним")],
)  # fmt: skip
def test_equipment_by_its_russian_name_its_launcher_and_its_adjective(text, value, span):
    assert (value, span) in facts(text, "equipment")


@pytest.mark.parametrize("text", ["Казак вышел из дома.", "Урал вышел из берегов весной."])
def test_a_name_that_needs_its_quotes_needs_them_at_the_texts_start_too(text):
    assert facts(text, "equipment") == []


def test_no_count_from_a_time_heading_across_a_line_break():
    text = "18:45\nРижівку знову накрили мінометним вогнем."
    assert facts(text, "count") == []


@pytest.mark.parametrize(
    ("text", "values"),
    [("Ещё 12 сдались в плен.", [12]), ("В бою 3 погибли и 5 ранены.", [3, 5]),
     ("В 2023 погибли многие.", []), ("В 5 утра погиб мужчина.", [])],
)  # fmt: skip
def test_a_number_before_what_befalls_people_counts_them(text, values):
    assert [v for v, _ in facts(text, "count")] == values


def test_an_english_person_who_heads_something_is_an_official_and_he_said_is_his():
    text = (
        "Andrei Lapin, who heads the administration of the Rylsk district, told residents "
        'that power was back. "The school will reopen on Monday," he said.'
    )
    assert [v for v, _ in facts(text, "statement")] == ["Andrei Lapin", "Andrei Lapin"]


def test_a_ukrainian_locative_village_before_a_word_it_does_not_qualify():
    assert facts("Ролик знято у Веселому одразу після вибуху.", "place") == [("Vesele", "Веселому")]
    assert facts("Він був у Веселому настрої.", "place") == []


def test_a_dictionary_town_in_a_region_the_claim_names_needs_no_cue():
    text = "В Брянской области ранен рабочий, его доставили в больницу Трубчевска."
    assert ("Trubchevsk", "Трубчевска") in facts(text, "place")
    assert ("Trubchevsk", "Трубчевска") not in facts(
        "Рабочего доставили в больницу Трубчевска.", "place"
    )


def test_geonames_regions_in_another_romanisation_match_the_oblast():
    from forensics.claims.facts.geonames import locate_in

    found = locate_in({"Trubchevsk"}, {"Bryansk Oblast"})
    assert found is not None and found.name == "Trubchevsk"
