"""Place names that the words around them make something else: part of a person's name or of
a slogan.

* A first name after a village's cue is a resident, not the village: "Житель села Иван Петров
  рассказал", "Мешканка села Ніна Коваль" (the dictionary tags the word a first name, and a
  surname follows it).
* A town's name made into a surname follows a first name: "военкор Андрей Грайворонский",
  "по словам Андрея Грайворонского", "Олег Сумський".
* A place inside a short exclamation in quotes is a slogan's word, not where anything
  happened: «Шебекино — это Россия!», "Belgorod is Russia!". A place after a preposition
  there stays one («Мы зашли в Новую Таволжанку!»), as does a place in a longer quotation.
"""

from __future__ import annotations

import functools
import re

from forensics.claims.facts.cyrillic import CYRILLIC
from forensics.claims.facts.fact import Fact
from forensics.claims.facts.morphology import Language, analyzer, word_language
from forensics.claims.facts.text import _Text

_MAX_SLOGAN_WORDS = 6
_NEXT_CAPITALISED = re.compile(r"[ \u00a0]+([\u0400-\u0429\u042c-\u042f\u0404\u0406\u0407\u0490]"
                               r"[\u0400-\u04ff\u2019'-]+)")  # fmt: skip
_PREVIOUS_CAPITALISED = re.compile(r"(?<![\w-])([\u0400-\u0429\u042c-\u042f\u0404\u0406\u0407"
                                   r"\u0490][\u0400-\u04ff\u2019']+)[ \u00a0]+$")  # fmt: skip
# Endings of East Slavic surnames, for a surname the dictionary does not tag as one.
_SURNAME_ENDING = re.compile(r"(?:ов|ев|ёв|ин|ын|ко|ук|юк|чук|ський|ский|цький|цкий|ська|ская|"
                             r"ова|ева|ина|ых|их)$", re.I)  # fmt: skip
_PREPOSITION_BEFORE = re.compile(r"(?<![\w-])(?:в|во|на|у|под|из|к|до|от|с|со|за|по|над|"
                                 r"около|возле|біля|під|із|з|зі|від|поблизу|in|into|near|at|"
                                 r"from|to|of|for)[ \u00a0]+$", re.I)  # fmt: skip


@functools.lru_cache(maxsize=1 << 14)
def _likeliest(word: str, lang: Language) -> frozenset[str]:
    """The grammemes of the likeliest reading of ``word`` in its own language (the text's
    when its letters do not say)."""
    own = word_language(word) if re.search("[ыэъёіїєґЫЭЪЁІЇЄҐ]", word) else lang
    parses = analyzer("uk" if own == "uk" else "ru").parse(word)
    return frozenset(str(parses[0].tag).replace(" ", ",").split(",")) if parses else frozenset()


def _first_name(word: str, lang: Language) -> bool:
    return "Name" in _likeliest(word, lang)


def _surname(word: str, lang: Language) -> bool:
    return "Surn" in _likeliest(word, lang) or _SURNAME_ENDING.search(word) is not None


def _resident_not_village(src: _Text, fact: Fact) -> bool:
    after = _NEXT_CAPITALISED.match(src.text, fact.end)
    if after is None or " " in fact.text or not _first_name(fact.text, src.lang):
        return False
    return _surname(after.group(1), src.lang)


def _surname_of_person(src: _Text, fact: Fact) -> bool:
    """A place read from one adjective ("Андрей Грайворонский", "по словам Андрея
    Грайворонского") right after a first name."""
    if " " in fact.text or "ADJF" not in _likeliest(fact.text, src.lang):
        return False
    before = _PREVIOUS_CAPITALISED.search(src.text, max(0, fact.start - 30), fact.start)
    return before is not None and _first_name(before.group(1), src.lang)


def _in_slogan(src: _Text, fact: Fact) -> bool:
    quote = src.quote_holding(fact.start, fact.end)
    if quote is None:
        return False
    start, end = quote
    inside = src.text[start + 1 : end - 1].rstrip()
    if not inside.endswith("!") or len(inside.split()) > _MAX_SLOGAN_WORDS:
        return False
    return not _PREPOSITION_BEFORE.search(src.text[start + 1 : fact.start])


def _misread(src: _Text, fact: Fact) -> bool:
    if fact.kind == "actor":  # only a state's name, in a slogan ("Belgorod is Russia!")
        return (fact.detail or {}).get("type") == "government" and _in_slogan(src, fact)
    if fact.kind != "place":
        return False
    if _in_slogan(src, fact):
        return True
    if not CYRILLIC.search(fact.text):
        return False
    return _resident_not_village(src, fact) or _surname_of_person(src, fact)


def without_misread_places(src: _Text, facts: list[Fact]) -> list[Fact]:
    """``facts`` without the places that name a person or belong to a slogan."""
    return [f for f in facts if not _misread(src, f)]
