"""A place the words around it named once is the same place where the text names it again
with no cue: "біля Рижівки ... Рижівку знову накрили", "the villages of Krupets and
Oleshnya ... The school in Krupets", "в Гоптівці ... знімками Гоптівки".

A Cyrillic name is found again in any case (the two words share a dictionary form under the
Russian or Ukrainian dictionary), a Latin one as written; a name of two or three capitalised
words only as written ("у Казачьей Лисицы ... жителей Казачьей Лисицы"). Only capitalised
words the dictionary does not know as a person's name are repeated; the repeat carries the
first fact's value and detail.
"""

from __future__ import annotations

import re

from forensics.claims.facts.cyrillic import CYRILLIC, forms
from forensics.claims.facts.fact import Fact
from forensics.claims.facts.morphology import word_language
from forensics.claims.facts.place_names import _personal
from forensics.claims.facts.text import _Text
from forensics.claims.facts.toponyms import _capitalised


def repeated_places(src: _Text, found: list[Fact], mask: bytearray) -> list[Fact]:
    """Further mentions of the one-word places in ``found``; ``mask`` marks the text other
    facts already cover, and is updated with each repeat."""
    cyrillic: dict[str, Fact] = {}
    latin: dict[str, Fact] = {}
    for fact in found:
        if fact.kind != "place" or not fact.detail or not re.fullmatch(r"[\w'\u2019-]+", fact.text):
            continue
        if not _capitalised(fact.text):
            continue
        (cyrillic if CYRILLIC.match(fact.text) else latin).setdefault(fact.text, fact)
    for fact in found:
        centre = _district_centre(fact)
        if centre is not None:
            latin.setdefault(centre.text, centre)
    repeats = [*_cyrillic_repeats(src, cyrillic), *_latin_repeats(src, latin)]
    repeats += _verbatim_repeats(src, found)
    out = []
    for start, end, first in sorted(repeats, key=lambda r: r[0]):
        if any(mask[start:end]) or src.in_url(start, end):
            continue
        mask[start:end] = b"\x01" * (end - start)
        out.append(
            Fact("place", first.value, src.text[start:end], start, end, dict(first.detail or {}))
        )
    return out


def _cyrillic_repeats(src: _Text, named: dict[str, Fact]) -> list[tuple[int, int, Fact]]:
    """Every capitalised Cyrillic word sharing a dictionary form with a named place; the
    words are looked up once each, and only those whose first three letters one of the
    names has."""
    if not named:
        return []
    by_form = {form: fact for name, fact in named.items() for form in forms(name)}
    firsts = {name[:3].lower() for name in named}
    ukrainian = src.lang == "uk"
    seen: dict[str, Fact | None] = {}

    def repeats(word: str) -> bool:
        if not word[:1].isupper() or word[:3].lower() not in firsts:
            return False
        seen[word] = _same_name(word, by_form, ukrainian)
        return seen[word] is not None

    words = src.cyrillic_words
    return [(words[i].start(), words[i].end(), seen[words[i].group()])  # type: ignore[misc]
            for i in src.cyrillic_where(repeats)]  # fmt: skip


def _latin_repeats(src: _Text, named: dict[str, Fact]) -> list[tuple[int, int, Fact]]:
    if not named:
        return []
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(named))) + r")(?![\w-])")
    return [(m.start(), m.end(), named[m.group()]) for m in pattern.finditer(src.text, src.lo)]


def _same_name(word: str, by_form: dict[str, Fact], ukrainian: bool) -> Fact | None:
    """The place ``word`` is a form of, if any."""
    if not _capitalised(word):
        return None
    if _personal(word, "uk" if ukrainian or word_language(word) == "uk" else "ru"):
        return None
    return next((by_form[form] for form in sorted(forms(word)) if form in by_form), None)


_WORDS = re.compile(r"[A-ZА-ЯЁІЇЄҐ][\w'\u2019-]+(?: [A-ZА-ЯЁІЇЄҐ][\w'\u2019-]+){1,2}")


def _verbatim_repeats(src: _Text, found: list[Fact]) -> list[tuple[int, int, Fact]]:
    """The same words again of a place named by two or three capitalised words."""
    named: dict[str, Fact] = {}
    for fact in found:
        if fact.kind == "place" and fact.detail and _WORDS.fullmatch(fact.text):
            named.setdefault(fact.text, fact)
    if not named:
        return []
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(named))) + r")(?![\w-])")
    return [(m.start(), m.end(), named[m.group()]) for m in pattern.finditer(src.text, src.lo)]


_LATIN_DISTRICT = re.compile(r"([A-Z][a-z]+) (?i:district)")


def _district_centre(fact: Fact) -> Fact | None:
    """The town an English "X district" is named after, as a place to find again ("shelling of
    Suzemka district ... the Suzemka road"): a Russian or Ukrainian district bears its centre's
    name."""
    said = _LATIN_DISTRICT.fullmatch(fact.text) if fact.kind == "place" else None
    if said is None or (fact.detail or {}).get("kind") != "district":
        return None
    detail: dict[str, object] = {
              "kind": "settlement", "region": None, "country": None, "lat": None, "lon": None,
              "radius_km": None, "located": False,
              "note": "not in the gazetteer: the centre a district is named after, "
                      "could not be located"}  # fmt: skip
    return Fact("place", said[1], said[1], fact.start, fact.start + len(said[1]), detail)
