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
