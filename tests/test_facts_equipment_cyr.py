"""Russian and Ukrainian equipment at the precision the text gives."""

from forensics.claims.facts import extract_facts


def equipment(text: str) -> list[tuple[object, str]]:
    return [(f.value, f.text) for f in extract_facts(text, None) if f.kind == "equipment"]


def test_cyrillic_model_designations_stay_models() -> None:
    got = equipment("Танк Т-90, гелікоптер Ка-52, БТР-82А и Т-72 подбиты; трасса М-2 закрыта.")
    assert ("T-90", "Т-90") in got and ("Ka-52", "Ка-52") in got
    assert ("BTR-82A", "БТР-82А") in got and ("T-72", "Т-72") in got
    assert not any(said == "М-2" for _, said in got)


def test_a_word_for_equipment_inside_a_compound() -> None:
    got = equipment("Удар FPV-дрона и дрони-камікадзе над селом.")
    assert ("drone", "FPV-дрона") in got and ("drone", "дрони-камікадзе") in got


def test_a_quoted_alias_needs_its_quotes() -> None:
    assert ("Ural truck", "Урал") in equipment("Сгорел «Урал» с боекомплектом.")
    assert equipment("За Уралом и под акацией тихо.") == []
    assert ("2S3 Akatsiya", "Акація") in equipment("Знищено гаубицю «Акація».")
