"""A capitalised adjective that qualifies the lower-case noun after it names a thing with that
noun, not the place the adjective alone would name: "в Белом доме" is the White House, not the
town of Belyy (Tver oblast), in both the gazetteer's and GeoNames' layers; the nouns of places
themselves (район, область, громада, ...) keep their readings."""

from __future__ import annotations

import pytest

from forensics.claims.facts import extract_claim_text


def places(text: str) -> list[tuple[str, str]]:
    return [(f.value, f.text) for f in extract_claim_text(text).facts if f.kind == "place"]


@pytest.mark.parametrize("text", [
    "В Белом доме заявили, что видео подлинное.",
    "У Білому домі промовчали про відео.",
    "Представитель заявил в Белом доме в понедельник.",
])  # fmt: skip
def test_an_adjective_of_a_thing_is_no_place(text):
    assert places(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("В Белгородском районе ночью стреляли.", ("Belgorodskiy District", "Белгородском районе")),
    ("В Никольском повреждены дома.", ("Nikolskoye", "Никольском")),
    ("Обстрел в Белгородской области продолжается.", ("Belgorod Oblast", "Белгородской области")),
    ("Снаряд упал в Красной Яруге утром.", ("Krasnaya Yaruga", "Красной Яруге")),
])  # fmt: skip
def test_places_named_by_adjectives_still_read(text, expected):
    assert expected in places(text)
