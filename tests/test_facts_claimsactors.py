"""Actors and statements by general mechanisms (the claimsactors work, issue 15): English
speakers told by their place in the sentence, persons in oblique cases and by the surname
alone, personal names spelled as English prints them, state bodies every report quotes.
Every sentence and name here is written for the test (none is from the evaluation texts)."""

from __future__ import annotations

from datetime import date

import pytest

from forensics.claims.facts.translit import romanise_person
from tests.claim_facts import facts_of

DAY = date(2023, 5, 24)


def named(text: str, kind: str) -> list[tuple[object, str]]:
    return [(f.value, f.text) for f in facts_of(text, (kind,), DAY)]


def spoken(text: str) -> list[object]:
    return [value for value, _ in named(text, "statement")]


# --------------------------------------------------------------- English speakers by place


@pytest.mark.parametrize(
    ("text", "name"),
    [("Halyna Moroz said the shelling started before dawn.", "Halyna Moroz"),
     ("The convoy was hit near the bridge, Taras Dzhus later told reporters.", "Taras Dzhus"),
     ('"We heard three blasts," said Orest Lyman, who lives by the road.', "Orest Lyman"),
     ("According to Yaryna Sokil, the clip is two years old.", "Yaryna Sokil"),
     ("Oksen Bilyk, a volunteer driver from the town, wrote that the bridge was gone.",
      "Oksen Bilyk"),
     ("Then Vasyl Horobets added that nobody was hurt.", "Vasyl Horobets")],
)  # fmt: skip
def test_an_english_speaker_the_vocabulary_lacks_is_found_by_his_place(text, name):
    assert named(text, "actor") == [(name, name)]
    assert spoken(text) == [name]


@pytest.mark.parametrize(
    ("text", "name"),
    [("Regional police chief Danylo Kruk said two people were hurt.", "Danylo Kruk"),
     ("Spokesman Ostap Rudyi told us the road was closed.", "Ostap Rudyi"),
     ("The film shows local resident Marta Ilkiv outside her house.", "Marta Ilkiv")],
)  # fmt: skip
def test_an_english_title_before_a_name_makes_a_person(text, name):
    assert named(text, "actor") == [(name, name)]


@pytest.mark.parametrize(
    "text",
    ["Russian Defence Ministry said the group was destroyed.",
     "Governor Says Drones Hit Two Villages",  # a headline in title case
     "On Monday Air Force said three drones were shot down.",
     "The Insider reported the claim.",
     "Human rights groups said nothing.",
     "In Sumy Oblast said residents, the sirens went on all night."],
)  # fmt: skip
def test_capitalised_words_that_name_no_person_are_no_speaker(text):
    assert [v for v, _ in named(text, "actor") if " " in str(v) and "Ministry" not in str(v)] == []


def test_an_english_surname_alone_after_the_full_name_is_the_same_speaker():
    text = ('Halyna Moroz said the shelling began at dawn. "It did not stop," Moroz added. '
            "Moroz later told us she had left.")  # fmt: skip
    assert named(text, "actor") == [("Halyna Moroz", "Halyna Moroz"), ("Halyna Moroz", "Moroz"),
                                    ("Halyna Moroz", "Moroz")]  # fmt: skip
    assert spoken(text) == ["Halyna Moroz"] * 3


def test_an_english_surname_before_the_full_name_is_not_yet_anyone():
    text = "Moroz said nothing at first. Later Halyna Moroz said the shelling began at dawn."
    assert named(text, "actor") == [("Halyna Moroz", "Halyna Moroz")]


# ------------------------------------------------------------- Russian and Ukrainian persons


def test_an_unknown_surname_in_an_oblique_case_is_put_in_the_nominative():
    text = "По словам подполковника Глеба Чупрынца, колонна отошла."
    assert named(text, "actor") == [("Gleb Chuprynets", "Глеба Чупрынца")]
    assert spoken(text) == ["Gleb Chuprynets"]


def test_a_rare_first_name_stands_when_a_surname_agrees_with_it():
    # "Виктории" is more often the noun (a victory) than the name; "Пшеничниковой" agrees
    text = "Со слов Виктории Пшеничниковой, взрывов было три."
    assert named(text, "actor") == [("Viktoriya Pshenichnikova", "Виктории Пшеничниковой")]


def test_a_cyrillic_surname_alone_after_the_full_name_is_the_same_speaker():
    text = ("Глава поселения Глеб Чупрынец сообщил о взрывах. Позже Чупрынец добавил, что "
            "жертв нет. По словам Чупрынца, света нет.")  # fmt: skip
    assert named(text, "actor") == [("Gleb Chuprynets", "Глеб Чупрынец"),
                                    ("Gleb Chuprynets", "Чупрынец"),
                                    ("Gleb Chuprynets", "Чупрынца")]  # fmt: skip
    assert spoken(text) == ["Gleb Chuprynets"] * 3


def test_a_surname_that_is_a_common_word_or_comes_first_is_left_alone():
    text = "Коваль сказал это раньше. Журналистка Ольга Коваль написала об этом."
    assert [t for _, t in named(text, "actor")] == ["Ольга Коваль"]
    text = "Голова громади Тарас Шпак повідомив про обстріл. Шпак наголосив, що жертв немає."
    assert [v for v, _ in named(text, "actor")] == ["Taras Shpak"]  # шпак: a starling


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [("Геннадий Осипов", "Gennady Osipov"), ("Нина Гринёва", "Nina Grinyova"),
     ("Пётр Кузовлев", "Pyotr Kuzovlev"), ("Наталья Кривошеева", "Natalya Krivosheyeva"),
     ("Александр Ходаковский", "Aleksandr Khodakovsky"), ("Олег Шпак", "Oleg Shpak")],
)  # fmt: skip
def test_a_russian_personal_name_is_spelled_as_english_texts_print_it(cyrillic, latin):
    assert romanise_person(cyrillic, "ru") == latin


def test_a_ukrainian_personal_name_keeps_the_national_system():
    assert romanise_person("Юрій Кравець", "uk") == "Yurii Kravets"


# ---------------------------------------------------------------- state bodies and verbs


@pytest.mark.parametrize(
    ("text", "body"),
    [("Як повідомили у ДСНС, пожежу ліквідовано.", "State Emergency Service of Ukraine"),
     ("В МЧС сообщили, что пожар потушен.", "Russian Emergencies Ministry"),
     ("Національна поліція повідомила про загиблого.", "National Police of Ukraine"),
     ("The State Emergency Service said two fires had been put out.",
      "State Emergency Service of Ukraine"),
     ("Офіс Генпрокурора повідомив про підозру.", "Office of the Prosecutor General of Ukraine"),
     ("У МЗС заявили, що відео — фейк.", "Ukrainian Ministry of Foreign Affairs")],
)  # fmt: skip
def test_a_state_body_every_report_quotes_speaks(text, body):
    assert spoken(text) == [body]


@pytest.mark.parametrize(
    "verb", ["noted", "explained", "stressed", "argued", "responded", "commented", "recalled",
             "replied", "vowed"]
)
def test_more_english_verbs_of_saying(verb):
    assert spoken(f"Halyna Moroz {verb} that the bridge was hit.") == ["Halyna Moroz"]


def test_a_silence_yields_to_another_verb_of_the_same_speaker():
    facts = facts_of("Kyiv did not comment and Ukraine has not denied it.", ("statement",), DAY)
    assert [(f.value, f.detail["verb"]) for f in facts] == [("Ukrainian government", "deny")]
    facts = facts_of("The ministry of defence of Ukraine has not commented.", ("statement",), DAY)
    assert [f.detail["verb"] for f in facts] == ["decline to comment"]
    # a noun, not a silence: "for comment", and a future "would respond"
    text = "Newsweek contacted the Russian defence ministry for comment. Moscow would respond."
    assert spoken(text) == []


def test_an_outlet_told_in_quotes_is_not_the_speaker_after_the_verb():
    # the quotation marks between the outlet and the role are no words of the role
    text = "Как рассказал «Коммерсанту» депутат облдумы Павел Гуськов, мост закрыт."
    assert spoken(text) == ["Pavel Guskov"]


def test_a_vocabulary_title_before_a_new_english_name_is_that_persons():
    # "regional governor" is one governor's alias; before another name it is that one's title
    text = "Sumy regional governor Marko Tsybulia confirmed the strike."
    assert named(text, "actor") == [("Marko Tsybulia", "regional governor Marko Tsybulia")]
    assert spoken(text) == ["Marko Tsybulia"]


@pytest.mark.parametrize(
    "text",
    ["Командир отряда Глеб Чупрынец предложил обменять пленных.",
     "Глава поселения Глеб Чупрынец объяснил, что мост закрыт.",
     "Голова громади Тарас Шпак запевнив, що евакуація триває.",
     "Глава поселения Глеб Чупрынец считает, что видео старое.",
     "Глава поселения Глеб Чупрынец пообещал восстановить свет."],
)  # fmt: skip
def test_more_cyrillic_verbs_of_saying(text):
    assert len(spoken(text)) == 1


def test_a_verb_after_let_is_no_statement():
    assert spoken("Так пусть Глеб Чупрынец объяснит, откуда взялся танк.") == []
    assert spoken("Нехай Тарас Шпак пояснить, звідки танк.") == []


@pytest.mark.parametrize(
    "text",
    ["TASS quoted Halyna Moroz as saying the raid was over.",
     "Interfax cited Halyna Moroz as telling reporters that the bridge was hit."],
)  # fmt: skip
def test_a_person_a_report_quotes_speaks(text):
    assert "Halyna Moroz" in spoken(text)
