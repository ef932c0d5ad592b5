"""Russian and Ukrainian people, call signs, units and administrations outside the vocabulary,
and the statements they make."""

from datetime import date

from forensics.claims.facts import extract_facts

DAY = date(2023, 6, 3)


def facts(text: str, kind: str) -> list[tuple[object, str, dict]]:
    return [(f.value, f.text, f.detail or {}) for f in extract_facts(text, DAY) if f.kind == kind]


def test_a_first_name_and_surname_is_a_person_in_the_nominative() -> None:
    text = "За словами голови ОВА Володимира Артюха, поранено двох людей."
    [(value, said, detail)] = facts(text, "actor")
    assert (value, said) == ("Volodymyr Artiukh", "Володимира Артюха")
    assert detail["type"] == "official" and detail["role"] == "голова"
    [statement] = facts(text, "statement")
    assert statement[0] == "Volodymyr Artiukh"


def test_a_feminine_surname_keeps_its_gender_and_role_after_the_name() -> None:
    text = "Мария Захарова, представитель МИД, ничего не сказала. Марию Захарову не спрашивали."
    people = [(v, d["role"]) for v, _, d in facts(text, "actor") if d["type"] != "ministry"]
    assert ("Mariya Zakharova", "представитель") in people


def test_words_that_are_not_names_stay_out() -> None:
    text = "Надежда есть. Новая Таволжанка горит, Красная Яруга тоже; Роман и повесть."
    assert [v for v, _, d in facts(text, "actor") if d.get("type") == "person"] == []


def test_call_signs_units_and_oblast_administrations() -> None:
    text = ("Командир легиона с позывным «Цезарь» сообщает о бое. Бійці спецпідрозділу "
            "«Кракен» та Харківської ОВА.")  # fmt: skip
    got = {v: d for v, _, d in facts(text, "actor")}
    assert got["Tsezar"]["role"] == "командир"
    assert got["Kraken"]["type"] == "armed group"
    assert got["Kharkiv Oblast Military Administration"]["side"] == "ukraine-aligned"
    assert [v for v, _, _ in facts(text, "statement")] == ["Tsezar"]


def test_speech_verbs_in_every_form_and_pronouns_after_them() -> None:
    text = ("Гладков на зустріч не прийшов. У своєму телеграм-каналі він написав, що все "
            "спокійно. Андрій Демченко заявив про обстріли. «Так і є», — сказав він. "
            "Министерство обороны доложило губернатору, заявив Песков.")  # fmt: skip
    said = [(v, d["verb_text"]) for v, _, d in facts(text, "statement")]
    assert ("Vyacheslav Gladkov", "написав") in said
    assert ("Andrii Demchenko", "сказав") in said
    assert ("Russian Ministry of Defence", "доложило") in said


def test_an_infinitive_is_no_speech_verb() -> None:
    assert facts("Капустін готовий передати полонених і сказати правду.", "statement") == []
