"""People and their statements (issue 15, helper claimsact): a Ukrainian named in Russian
has the value of the Ukrainian name, a surname alone after the full name is the same person
(whose words it credits), the side of an official comes from the body named in the role words
before the name. Every sentence here is written for the test."""

from __future__ import annotations

from datetime import date

import pytest

from tests.claim_facts import facts_of

DAY = date(2023, 6, 14)


def actors(text: str) -> list[tuple[object, str]]:
    return [(f.value, f.text) for f in facts_of(text, ("actor",), DAY)]


def speakers(text: str) -> list[object]:
    return [f.value for f in facts_of(text, ("statement",), DAY)]


@pytest.mark.parametrize(
    ("text", "value"),
    [("Глава Сумской областной военной администрации Владимир Артюх заявил об обстреле.",
      "Volodymyr Artiukh"),
     ("Представитель Государственной пограничной службы Украины Андрей Демченко сообщил о "
      "колонне.", "Andrii Demchenko"),
     ("Голова Сумської ОВА Володимир Артюх повідомив про обстріл.", "Volodymyr Artiukh")],
)  # fmt: skip
def test_a_ukrainian_named_in_russian_has_the_ukrainian_name(text, value):
    assert value in [v for v, _ in actors(text)]


def test_a_russian_official_keeps_the_russian_name():
    text = "Глава Грайворонского округа Геннадий Бондарев сообщил об обстреле."
    assert "Gennadiy Bondarev" in [v for v, _ in actors(text)]


def test_the_side_comes_from_the_administration_before_the_name():
    text = "Голова Сумської ОВА Володимир Артюх повідомив про обстріл."
    found = facts_of(text, ("actor",), DAY)
    person = next(f for f in found if f.value == "Volodymyr Artiukh")
    assert (person.detail or {})["side"] == "ukraine-aligned"


def test_no_side_from_a_body_in_the_sentence_before():
    text = "Про це написало видання «Новини Прикордоння». Мешканець села Олег Сумський розповів про вибухи."
    person = next(f for f in facts_of(text, ("actor",), DAY) if f.text == "Олег Сумський")
    assert (person.detail or {})["side"] is None


@pytest.mark.parametrize(
    ("text", "surname", "value"),
    [("Андрей Демченко сообщил о колонне. «Противник активен», — сказал Демченко.",
      "Демченко", "Andrey Demchenko"),
     ("Глава округа Анатолий Мешков сообщил об обстреле. По словам Мешкова, жители уехали.",
      "Мешкова", "Anatoliy Meshkov"),
     ("Начальник ОВА В'ячеслав Чаус повідомив про обстріл. Чаус також оприлюднив відео.",
      "Чаус", "Viacheslav Chaus"),
     ("Serhiy Naiev, the commander of the forces, said it was calm. Naiev later said it held.",
      "Naiev", "Serhiy Naiev")],
)  # fmt: skip
def test_a_surname_alone_is_the_person_named_before(text, surname, value):
    assert (value, surname) in actors(text)
    assert speakers(text).count(value) == 2


def test_a_surname_is_not_read_before_the_full_name():
    text = "Мешков уехал. Глава округа Анатолий Мешков выступил."
    assert [t for _, t in actors(text)].count("Мешков") == 0


def test_a_capitalised_word_that_is_no_such_surname_is_left():
    text = "Serhiy Naiev, the commander of the forces, spoke. Nairobi said nothing."
    assert ("Serhiy Naiev", "Nairobi") not in actors(text)


def test_his_statement_is_the_last_speakers_not_the_publishers():
    text = ("Dmytro Zhyvytskyi, the head of the administration, said villages were hit. "
            "Zhyvytskyi posted a video on Telegram. Kursk governor Roman Starovoit said a "
            "drone had hit Tyotkino. His statement could not be independently confirmed.")
    found = facts_of(text, ("statement",), DAY)
    last = max(found, key=lambda f: f.start)
    assert last.text.startswith("His statement") and last.value == "Roman Starovoit"


@pytest.mark.parametrize(
    "text",
    ["A spokesman for the Legion, who gave his call sign as Caesar, told Reuters it was calm.",
     'Its spokesman, who goes by the call sign "Caesar", was not reached.',
     "Our spokesman Caesar recorded a video address.",
     'Our spokesman "Caesar" recorded a video address.'],
)  # fmt: skip
def test_a_call_sign_in_english_is_a_person(text):
    assert ("Caesar", "Caesar") in actors(text)


def test_a_call_sign_is_the_speaker_and_is_found_again_alone():
    text = ("A spokesman for the Legion, who gave his call sign as Caesar, told Reuters it was "
            "calm. Later Caesar told journalists that the unit had left.")
    assert [t for v, t in actors(text) if v == "Caesar"] == ["Caesar", "Caesar"]
    assert speakers(text) == ["Caesar", "Caesar"]


def test_a_weekday_after_a_title_is_no_call_sign():
    assert actors("Our commander Monday said nothing.") == []


def test_an_unknown_surname_in_an_oblique_case_is_put_in_the_nominative():
    text = "По информации командира батальона майора Сергея Трофимца, дома повреждены."
    assert ("Sergey Trofimets", "Сергея Трофимца") in actors(text)
    assert speakers(text) == ["Sergey Trofimets"]


@pytest.mark.parametrize(
    ("text", "value"),
    [("«Стреляют из леса», — рассказала нашему корреспонденту глава поселковой администрации "
      "Наталья Кривошеева.", "Natalya Krivosheyeva"),
     ("«Стріляють із лісу», — розповів заступник голови районної військової адміністрації "
      "Олег Бондар.", "Oleh Bondar")],
)  # fmt: skip
def test_an_official_after_the_verb_with_a_long_role_is_the_speaker(text, value):
    assert speakers(text) == [value]


def test_ukraines_joint_forces_are_an_actor_not_the_place_ukraine():
    text = "Serhiy Naiev, the commander of Ukraine's Joint Forces, said the border was calm."
    assert ("Joint Forces of Ukraine", "Ukraine's Joint Forces") in actors(text)
    assert facts_of(text, ("place",), DAY) == []


def test_a_unit_named_with_its_agency_is_the_subject_and_its_post_speaks():
    text = ("Спецпідрозділ «Кракен» ГУР оприлюднив відео бою. «Ми працюємо разом з "
            "легіонерами», — йдеться у дописі підрозділу в Telegram.")
    assert speakers(text) == ["Kraken", "Kraken"]


def test_a_person_closing_a_chain_of_names_still_speaks():
    text = "Представитель Минобороны России Игорь Конашенков заявил об ударе."
    assert speakers(text) == ["Igor Konashenkov"]


@pytest.mark.parametrize(
    ("text", "value", "words"),
    [("The FSB said border guards had stopped a group near Klimovo.", "FSB Border Service",
      "border guards"),
     ("Представитель Государственной пограничной службы Украины Андрей Демченко сообщил, что "
      "пограничники заметили колонну.", "State Border Guard Service of Ukraine", "пограничники"),
     ("Губернатор сообщил, что пограничники ФСБ отразили атаку.", "FSB Border Service",
      "пограничники ФСБ")],
)  # fmt: skip
def test_border_guards_are_the_service_their_sentence_names(text, value, words):
    assert (value, words) in actors(text)


def test_border_guards_with_no_service_named_are_no_actor_in_english():
    assert actors("Border guards on both sides were on alert.") == []
