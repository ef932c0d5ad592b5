"""Ukraine's cities after a preposition of place, in any oblast: "з Бахмута", "під Ізюмом",
"from Bakhmut", "near Avdiivka".

The gazetteer holds the border regions; a claim often says where else footage was really
filmed, and that is usually a city of the front. Ukraine's codifier (KATOTTG) has about 460
cities (category M), and a name only one of them bears is that city. Only after a preposition
of place, capitalised, and (in Cyrillic) not a person's name, so "Ізюм" the raisin and a
surname stay what they are; a Latin name of four letters or fewer (Bar, Chop, Mena) is too
often an English word to be read so.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from forensics.claims.facts.cyrillic import forms
from forensics.claims.facts.fact import Fact
from forensics.claims.facts.katottg import Settlement, unique_city
from forensics.claims.facts.morphology import Language
from forensics.claims.facts.place_fact import _place
from forensics.claims.facts.place_names import _personal
from forensics.claims.facts.text import _Text
from forensics.claims.facts.towns_cyr import _language
from forensics.claims.facts.translit import ukrainian_latin

# The prepositions of place before a city, looked up as the word before it: a set, not a regex
# searched back from every Cyrillic word of a long claim.
_CYRILLIC_BEFORE = frozenset({
    "в", "во", "у", "з", "із", "зі", "из", "под", "під", "біля", "возле", "около", "поблизу",
    "до", "від", "от", "через", "неподалік",
})  # fmt: skip
_LATIN = re.compile(r"\b(?:in|from|near|outside|around|to|towards|into|of)[ \u00a0]+"
                    r"([A-Z][a-z]{4,}(?:-[A-Z][a-z]+)?)\b(?![-'\u2019])")  # fmt: skip
_MIN_LATIN = 5


def ukrainian_cities(src: _Text, regions: frozenset[str]) -> Iterator[Fact]:
    if src.lang == "en":
        yield from _latin_cities(src, regions)
        return
    words = src.cyrillic_words
    for i in src.cyrillic_where(lambda said: said[:1].isupper() and not said[1:2].isupper()):
        m = words[i]
        word = m.group()
        if not _after_preposition(src.text, m.start()):
            continue
        city = _city_named(word, _language(word, src.lang))
        if city is None:
            continue
        value = ukrainian_latin(city.name)
        yield _place("city", value, word, m.start(), {city.name}, regions)


@functools.lru_cache(maxsize=1 << 14)
def _city_named(word: str, lang: Language) -> Settlement | None:
    """The one city ``word`` names in any of its forms, unless it is a person's name."""
    city = unique_city(forms(word))
    return None if city is None or _personal(word, lang) else city


def _after_preposition(text: str, start: int) -> bool:
    before = text[max(0, start - 12) : start]
    if not before.endswith((" ", "\u00a0")):
        return False
    words = before.split()
    return bool(words) and words[-1].lower() in _CYRILLIC_BEFORE


def _latin_cities(src: _Text, regions: frozenset[str]) -> Iterator[Fact]:
    for m in _LATIN.finditer(src.text, src.lo):
        name = m.group(1)
        city = unique_city([name]) if len(name) >= _MIN_LATIN else None
        if city is not None:
            yield _place("city", name, name, m.start(1), {city.name}, regions)
