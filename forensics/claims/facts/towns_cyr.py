"""Towns named with no cue before them: a word the Russian dictionary reads first as a place
that GeoNames has in a region the claim names ("в больницу Трубчевска"), the town of a
Cyrillic wire dateline ("БРЯНСК, 18 июля"), and a village listed after a place ("Козинки и
Мокрой Орловки"). Split from :mod:`context_places`, which reads
the names that follow a cue."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from forensics.claims.facts.cyrillic import forms
from forensics.claims.facts.fact import Fact
from forensics.claims.facts.geonames import locate_in
from forensics.claims.facts.morphology import Language, word_language
from forensics.claims.facts.place_fact import _place
from forensics.claims.facts.place_names import (
    _adjective_and_noun,
    _nominative,
    _only_personal,
    _parses,
    _personal,
    russian_toponym,
    ukrainian_toponym,
)
from forensics.claims.facts.text import _Text
from forensics.claims.facts.translit import romanise


def dictionary_towns(src: _Text, regions: frozenset[str]) -> Iterator[Fact]:
    """A word the Russian dictionary reads first as a place (Geox) and GeoNames has in a
    region the claim names is that town with no cue before it ("в больницу Трубчевска")."""
    if not regions or src.lang == "en":
        return
    words = src.cyrillic_words
    for i in src.cyrillic_where(lambda said: said[:1].isupper() and not said[1:2].isupper()
                                and _dictionary_town(said, regions) is not None):  # fmt: skip
        m = words[i]
        fact = _dictionary_town(m.group(), regions)
        assert fact is not None  # the word was kept for this very answer
        yield Fact("place", fact.value, m.group(), m.start(), m.end(), dict(fact.detail or {}))


@functools.lru_cache(maxsize=1 << 12)
def _dictionary_town(word: str, regions: frozenset[str]) -> Fact | None:
    parses = _parses(word, "ru")
    if not parses or "Geox" not in str(parses[0].tag) or _personal(word, "ru"):
        return None
    found = locate_in(forms(word), regions)
    if found is None:
        return None
    return _place("settlement", found.name, word, 0, {found.name}, regions)


def _language(word: str, text_language: Language) -> Language:
    """A word's own language when its letters tell, else the text's."""
    own = word_language(word)
    return own if own == "uk" or text_language == "en" else text_language


# A Russian or Ukrainian wire dateline: the town in capitals, then the day and month
# ("БРЯНСК, 18 июля 2023 года.", "ХАРКІВ, 2 червня -").
_CYRILLIC_DATELINE = re.compile(
    r"[ \t]*(?P<name>[А-ЯЁІЇЄҐ]{3,}(?:[ -][А-ЯЁІЇЄҐ]{2,})*),[ \t]*\d{1,2}[ \t]+[а-яёіїєґ]{3,}"
)


def dateline_places(src: _Text, regions: frozenset[str]) -> Iterator[Fact]:
    """The town of a Cyrillic dateline on one of the body's first three lines, in the
    nominative as datelines are."""
    pos = src.lo
    for _ in range(3):
        m = _CYRILLIC_DATELINE.match(src.text, pos)
        if m is not None:
            name = m["name"]
            value = romanise(name.lower(), _language(name, src.lang))
            yield _place("city", value, name, m.start("name"), {value}, regions)
            return
        pos = src.text.find("\n", pos) + 1
        if pos == 0:
            return


def listed_name(
    word: str, pair: str | None, lang: Language, regions: frozenset[str]
) -> Fact | None:
    """A name listed after a place with no cue of its own ("Козинки и Мокрой Орловки", "из
    Шебекино и Щетиновки"): a word the dictionary tags as a place, or a feminine noun with a
    village's ending (-овка, -івка), alone or after an adjective that agrees with it."""
    toponym = ukrainian_toponym if lang == "uk" else russian_toponym
    if pair is not None and not _only_personal(word, lang) and (
            _geographic(pair, lang) or toponym(pair)):  # fmt: skip
        name = _adjective_and_noun(word, pair, lang)
        if name is not None:
            return _place("settlement", romanise(name, lang), f"{word} {pair}", 0, {name}, regions)
    if _personal(word, lang):
        return None
    if _geographic(word, lang):
        value = romanise(_nominative(word, lang), lang)
        return _place("settlement", value, word, 0, set(forms(word)), regions)
    village = toponym(word)
    if village is None:
        return None
    return _place("settlement", romanise(village, lang), word, 0, {village}, regions)


def _geographic(word: str, lang: Language) -> bool:
    return any("Geox" in str(p.tag) for p in _parses(word, lang))
