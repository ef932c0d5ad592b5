"""Russian and Ukrainian words in their dictionary form (pymorphy3), and telling the languages
apart: the ground the Russian and Ukrainian claim extraction stands on."""

import pytest

from forensics.claims.facts.morphology import language, lemma, lemmas, word_language


@pytest.mark.parametrize(("text", "lang"), [
    ("Минобороны России сообщило об уничтожении группы", "ru"),
    ("Міноборони повідомило про знищення групи", "uk"),
    ("The ministry said the group was destroyed", "en"),
    ("Видео из Белгородской области (Belgorod), 22 мая", "ru"),  # mostly Cyrillic
    ("", "en"),
])  # fmt: skip
def test_language_of_a_text(text, lang):
    assert language(text) == lang


@pytest.mark.parametrize(("word", "lang", "normal"), [
    ("Козинки", "ru", "козинка"),  # genitive: "у села Козинки"
    ("Белгородской", "ru", "белгородский"),
    ("мая", "ru", "май"),
    ("четырёх", "ru", "четыре"),  # ё read as е
    ("Бєлгородщині", "uk", "бєлгородщина"),
    ("травня", "uk", "травень"),
    ("Козинці", "uk", "козинка"),
])  # fmt: skip
def test_inflected_words_in_their_dictionary_form(word, lang, normal):
    assert lemma(word, lang) == normal
    assert normal in lemmas(word, lang)


def test_english_words_are_only_lower_cased():
    assert lemmas("Villages", "en") == ("villages",)
    assert word_language("Kozinka") == "en" and word_language("Харків") == "uk"
    assert word_language("Харьков") == "ru"
