"""Lengths of footage with a half in Russian and Ukrainian ("ролик длиной в две с половиной
минуты", "відео тривалістю дві з половиною хвилини"): a number, "с половиной" / "з
половиною", and the unit, beside a word for length or footage as :mod:`durations_cyr` reads
one; and lengths given roughly by putting the unit first ("ролик минуты на три", "відео
секунд на двадцять": about three minutes, about twenty seconds). Split from it, whose other
forms are at most two words before the unit."""

from __future__ import annotations

import re
from collections.abc import Iterator

from forensics.claims.facts.durations_cyr import _NOT_LENGTH_BEFORE, _footage_near
from forensics.claims.facts.fact import Fact
from forensics.claims.facts.length_words import _UNIT, _W, _units
from forensics.claims.facts.numbers_cyr import digits_value, number_forms, plain
from forensics.claims.facts.text import _Text
from forensics.claims.facts.word_scan import matches_at_words

_AND_A_HALF = re.compile(rf"(?<![\w.,])(?P<n>\d+|{_W})\s+(?:с|з|із)\s+половин(?:ой|ою)\s+"
                         rf"(?P<unit>{_UNIT})", re.I)  # fmt: skip
# Where to look for one: "половиной" is rare, so the pattern is tried only before each.
_HALF_WORD = re.compile(r"половин(?:ой|ою)", re.I)


def half_lengths(src: _Text) -> Iterator[Fact]:
    """Each length with a half beside a word for length or footage."""
    units, text, lang = _units(), src.text, "uk" if src.lang == "uk" else "ru"
    for half in matches_at_words(src, _HALF_WORD):  # only where the word is, inside a word
        m = _AND_A_HALF.search(text, max(src.lo, half.start() - 40), half.end() + 30)
        if m is None:
            continue
        unit = units.get(plain(m["unit"]))
        amount = digits_value(m["n"]) if m["n"][0].isdigit() else number_forms().get(plain(m["n"]))
        if unit is None or not amount or unit == 3600.0:
            continue
        footage = _footage_near(text, m.start(), False, lang=lang) or _footage_near(
            text, m.end(), True, 1)  # fmt: skip
        if footage is None or _NOT_LENGTH_BEFORE.search(text[max(0, m.start() - 30) : m.start()]):
            continue
        detail: dict[str, object] = {"form": "words", "context": footage}
        yield Fact("duration", (amount + 0.5) * unit, m.group(), m.start(), m.end(), detail)


# "минуты на три", "секунд на двадцать", "хвилини на дві": the unit before "на" and the
# number makes the number approximate; only minutes and seconds (footage is not hours long).
_ROUGHLY = re.compile(rf"(?<![\w-])(?P<unit>(?:минут|секунд|хвилин)\w*)\s+на\s+"
                      rf"(?P<n>\d{{1,3}}|{_W})(?![\w-])", re.I)  # fmt: skip


def rough_lengths(src: _Text) -> Iterator[Fact]:
    """Each length with its unit put first, right after a word for footage."""
    units, text, lang = _units(), src.text, "uk" if src.lang == "uk" else "ru"
    for m in matches_at_words(src, _ROUGHLY):
        unit = units.get(plain(m["unit"]))
        amount = digits_value(m["n"]) if m["n"][0].isdigit() else number_forms().get(plain(m["n"]))
        if unit is None or unit == 3600.0 or not amount:
            continue
        footage = _footage_near(text, m.start(), False, lang=lang)
        if footage is None:
            continue
        detail: dict[str, object] = {"form": "words", "context": footage}
        yield Fact("duration", amount * unit, m.group(), m.start(), m.end(), detail)
