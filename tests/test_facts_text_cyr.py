"""The shared reader on Russian and Ukrainian text: one sentence splitter for every layer."""

from forensics.claims.facts.text import _read


def sentences(text: str) -> list[str]:
    src = _read(text, 0)
    return [text[s:e] for s, e in src.sentences]


def test_a_cyrillic_capital_starts_a_sentence() -> None:
    text = "Обстрел продолжался всю ночь. Губернатор заявил, что пострадавших нет."
    assert sentences(text) == [
        "Обстрел продолжался всю ночь.",
        "Губернатор заявил, что пострадавших нет.",
    ]


def test_cyrillic_abbreviations_and_quotations_end_nothing() -> None:
    text = "Бои идут у с. Графовка и в 2023 г. Вовчанск. «Мы здесь. Ждите», — пишет легион."
    assert sentences(text) == [
        "Бои идут у с. Графовка и в 2023 г. Вовчанск.",
        "«Мы здесь. Ждите», — пишет легион.",
    ]
