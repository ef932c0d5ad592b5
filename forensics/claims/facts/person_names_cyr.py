"""People's names in Russian and Ukrainian text, read by the dictionary: a first name and a
surname in the same case put in the nominative ("Володимира Артюха" -> "Volodymyr Artiukh"),
romanised by the scheme of the letters they are written in.

Split from :mod:`actors_cyr`, which finds where names stand; this module only reads a pair
of words as a name or refuses it.
"""

from __future__ import annotations

import functools
import re

from forensics.claims.facts.morphology import Language, analyzer, word_language
from forensics.claims.facts.translit import romanise

_TELLING = re.compile("[ыэъёіїєґЫЭЪЁІЇЄҐ]")


def _title_cased(first: str, second: str) -> tuple[str, str]:
    """A name in capitals, as a transcript's speaker label writes it ("КОРЕСПОНДЕНТ ТАРАС
    ВОВК:"), is read as the name it spells ("Тарас Вовк"); other words as written."""
    if first.isupper() and second.isupper() and len(first) > 2 and len(second) > 2:
        return first.title(), second.title()
    return first, second


def _lang(word: str, text_language: Language) -> Language:
    own = word_language(word)
    return own if own == "uk" or text_language == "en" else text_language


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and word[1:].islower() and "-" not in word


@functools.lru_cache(maxsize=1 << 15)
def _person(first: str, second: str, text_language: Language, loose: bool = False) -> str | None:
    """ "Володимира Артюха" -> "Volodymyr Artiukh": a known first name and a surname in the
    same case, both put in the nominative; None when the pair is not such a name.

    ``loose`` (a role word stands before the pair): a first name the dictionary holds without
    its ``Name`` tag (the Ukrainian "Володимир", an animate noun) counts when the second word
    is a surname it knows."""
    if not (_capitalised(first) and _capitalised(second)):
        return None
    lang = _lang(first + second, text_language)
    other: tuple[Language, ...] = () if loose else ("uk" if lang == "ru" else "ru",)
    # the letters' language, when they tell it (і, ї, є, ґ; ы, э, ъ, ё), romanises the name
    script = word_language(first + second) if _TELLING.search(first + second) else None
    for each in (lang, *other):  # a short text may not tell which
        name = _person_in(first, second, each, loose, script=script)
        if name is not None:
            return name
    return None


def _person_in(
    first: str, second: str, lang: Language, loose: bool = False, script: Language | None = None
) -> str | None:
    """The name as ``lang``'s dictionary reads it, romanised by the scheme of ``script`` (the
    language of the name's letters: "Синєгубова" read by the Russian dictionary is still
    Ukrainian, Syniehubov, not "Sinєgubov")."""
    pair = _nominative(first, second, lang, loose)
    return romanise(" ".join(pair), script or lang) if pair else None


@functools.lru_cache(maxsize=1 << 12)
def _nominative(first: str, second: str, lang: Language, loose: bool = False
                ) -> tuple[str, str] | None:  # fmt: skip
    """The first name and surname in the nominative, title case, as ``lang``'s dictionary
    reads the pair; None when it is no such name."""
    morph = analyzer(lang)
    names = [p for p in morph.parse(first) if "Name" in p.tag]
    surnames = [p for p in morph.parse(second) if "Surn" in p.tag]
    second_names = any("Name" in p.tag for p in morph.parse(second))
    if not names and loose and lang == "uk" and surnames and not second_names:
        names = [p for p in morph.parse(first) if {"NOUN", "anim"} in p.tag
                 and "Surn" not in p.tag and p.tag.case != "voct"]  # fmt: skip
    if not names or names[0].score < 0.25:
        return None
    if not surnames and morph.word_is_known(second.lower()) and not (
            loose and _surname_like(morph, names, second)):
        return None
    # the likeliest reading first ("Виталия" is first Виталий's genitive, then the rare
    # Виталия), never a vocative ("Петро", not "Петра"'s vocative), a nominative on a tie
    names.sort(key=lambda p: (p.tag.case == "voct", -p.score, p.tag.case != "nomn"))
    if not surnames and not morph.word_is_known(second.lower()):
        # an unknown surname in an oblique case, by the guesser: "Сергея Трофимца" -> Трофимец
        surnames = [p for p in morph.parse(second) if {"NOUN", "anim"} in p.tag
                    and p.tag.case not in ("nomn", "voct")]  # fmt: skip
    for name in names:
        same = [s for s in surnames if s.tag.case == name.tag.case]
        agreeing = [s for s in same if s.tag.gender in (name.tag.gender, None)] or same
        if agreeing or (not surnames and name.tag.case == "nomn"):
            given = name.inflect({"nomn"})
            family = agreeing[0].inflect({"nomn"}) if agreeing else None
            first_name = given.word if given else name.normal_form
            last_name = family.word if family else second.lower()
            return first_name.title(), last_name.title()
    return None


def _nominative_title_cased(first: str, second: str, lang: Language) -> tuple[str, str] | None:
    return _nominative(*_title_cased(first, second), lang)


def _surname_like(morph, names: list, second: str) -> bool:
    """A word the dictionary knows as something else after a first name in the nominative,
    with a role before both ("Глава поселения Анатолий Мешков": мешков, bags): a surname,
    unless the word is a first name or a place itself."""
    nominative = any(p.tag.case == "nomn" for p in names)
    return nominative and not any(p.tag.grammemes & {"Name", "Geox"} for p in morph.parse(second))
