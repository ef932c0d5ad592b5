"""Numbered military units named in Russian or Ukrainian: "92-ї окремої механізованої
бригади" -> 92nd Mechanized Brigade, "1-й гвардейской танковой армии" -> 1st Guards Tank Army,
"92-ї ОМБр" -> 92nd Mechanized Brigade.

An ordinal in digits with its case ending, then the words that say what kind of unit it is,
then the unit's noun, in any case (compared by dictionary form). The words are a closed set of
military terms, like numerals and months, so they are listed here with their usual English;
"окремий"/"отдельный" (separate) is left out of the name, as English usage does; an adjective
not listed is dropped from the name ("92nd Brigade") rather than guessed. Nothing else is a
unit: "на 3-й день" has no unit noun, "1-й танковой" alone is no actor.
"""

from __future__ import annotations

import re

from forensics.claims.facts.morphology import analyzer, lemma_set, word_language
from forensics.claims.facts.text import _Text
from forensics.claims.facts.word_scan import matches_at_words

_NOUNS = {"бригада": "Brigade", "полк": "Regiment", "дивизия": "Division", "дивізія": "Division",
          "армия": "Army", "армія": "Army", "корпус": "Corps", "батальон": "Battalion",
          "батальйон": "Battalion"}  # fmt: skip
_ADJECTIVES = {
    "механизированный": "Mechanized", "механізований": "Mechanized", "танковый": "Tank",
    "танковий": "Tank", "мотострелковый": "Motor Rifle", "мотострілецький": "Motor Rifle",
    "гвардейский": "Guards", "гвардійський": "Guards", "штурмовой": "Assault",
    "штурмовий": "Assault", "десантно-штурмовой": "Air Assault",
    "десантно-штурмовий": "Air Assault", "артиллерийский": "Artillery",
    "артилерійський": "Artillery", "общевойсковой": "Combined Arms",
    "загальновійськовий": "Combined Arms", "воздушно-десантный": "Airborne",
    "десантний": "Airborne", "десантный": "Airborne", "горно-штурмовой": "Mountain Assault",
    "гірсько-штурмовий": "Mountain Assault", "отдельный": "", "окремий": "",
}  # fmt: skip
# Ukrainian abbreviations of a brigade's kind: "92-га ОМБр", "47-ї ОМБр".
_ABBREVIATIONS = {"омбр": "Mechanized Brigade", "ошбр": "Assault Brigade",
                  "одшбр": "Air Assault Brigade", "дшбр": "Air Assault Brigade",
                  "отбр": "Tank Brigade", "оабр": "Artillery Brigade",
                  "огшбр": "Mountain Assault Brigade"}  # fmt: skip
_ORDINAL = re.compile(
    r"(?<![\w.,\u2010\u2011-])(?P<n>\d{1,3})[\u2010\u2011-](?:[а-яёіїєґ]{1,3})(?!\w)", re.I
)
_NEXT_WORD = re.compile(r"\s+([\u0400-\u04ff]+(?:-[\u0400-\u04ff]+)?)(?![\w-])")


def _adjective(word: str) -> bool:
    """An adjective in the likeliest reading ("армійського", "армейского")."""
    lang = "uk" if word_language(word) == "uk" else "ru"
    return analyzer(lang).parse(word)[0].tag.POS == "ADJF"  # type: ignore[arg-type]


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def numbered_units(src: _Text) -> list[tuple[int, int, str, str]]:
    """(start, end, English name, "unit") of each numbered unit in the text."""
    found = []
    for m in matches_at_words(src, _ORDINAL):  # as finditer, tried only at runs of digits
        named = _unit_after(src.text, m.end())
        if named is not None:
            end, kind = named
            found.append((m.start(), end, f"{_ordinal(int(m['n']))} {kind}", "unit"))
    return found


def _unit_after(text: str, pos: int) -> tuple[int, str] | None:
    """The end of the unit's noun and the English of its kind, reading at most four words."""
    words: list[str] = []
    for _ in range(4):
        m = _NEXT_WORD.match(text, pos)
        if m is None:
            return None
        pos, word = m.end(), m[1]
        abbreviation = _ABBREVIATIONS.get(word.lower())
        if abbreviation and not words and word[:1].isupper():
            return pos, abbreviation
        lemmas = lemma_set(word)
        noun = next((_NOUNS[w] for w in lemmas if w in _NOUNS), None)
        if noun is not None and word.islower():
            return pos, " ".join([*filter(None, words), noun])
        adjective = next((_ADJECTIVES[w] for w in lemmas if w in _ADJECTIVES), None)
        if not word.islower() or (adjective is None and not _adjective(word)):
            return None
        words.append(adjective or "")
    return None
