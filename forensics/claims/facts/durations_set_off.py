"""Lengths of footage set off in Russian and Ukrainian: after a word for footage and a few
words about it, between commas, brackets, dashes or before a colon ("Видео штурма (2 мин 40
сек)", "Відео з камери, 25 секунд,"), also past a relative clause about the footage ("Друге
відео, яке поширюють пабліки, — 1 хв 26 с"); and a length a participle of filming follows
("девятнадцать секунд, снятые из окна"). Split from :mod:`durations_cyr`."""

from __future__ import annotations

import re

from forensics.claims.facts.length_words import (
    _FOOTAGE_WORDS,
    _LINKS,
    _W,
    _footage_lemmas,
    mentions_footage,
)
from forensics.claims.facts.morphology import analyzer
from forensics.claims.facts.numbers_cyr import plain
from forensics.claims.facts.text import _Text

_SET_OFF = re.compile(r"(?:[,(:]|\s[\u2014\u2013])\s*$")
# ... and closed: by a comma, bracket, dash or full stop, or by a colon before what it shows
# ("видео из Суджи, 23 секунды: видно вспышку").
_CLOSED = re.compile(r"\s*(?:[,;)]|[.:](?!\d)|[\u2014\u2013]\s|$)")
_PHRASE_BREAK = re.compile(r"[.,;:!?()\[\]\"«»\u2014\u2013]")
_RELATIVE = re.compile(r"\s*(?:который|которое|которая|которые|яке|який|яка|які)\s", re.I)
_NOMINAL = frozenset({"NOUN", "ADJF", "PREP"})

# A participle of filming set off right after an amount makes it footage: "зрители
# прислали кадры: девятнадцать секунд, снятые из окна", "45 секунд, знятих з дрона".
_FILMED = re.compile(r",\s+(?:снят|отснят|записан|знят|відзнят|записан)[а-яёіїє]*(?!\w)", re.I)


def _filmed_after(text: str, end: int) -> str | None:
    if not _FILMED.match(text, end):
        return None
    sentence = re.split(r"[.!?]\s", text[max(0, end - 160) : end])[-1]
    return "видео" if mentions_footage(sentence) else None


def _apposition(src: _Text, start: int, end: int) -> str | None:
    """A length set off (comma, bracket or dash) after a word for footage and at most six
    nouns, adjectives or prepositions about it, and closed at once: "Видео штурма (2 мин 40
    сек)", "Видео с последствиями — 40 секунд —", "Видео последствий, 38 секунд,
    опубликовано", "(видео, 1:12)", "Відео з камери на пункті пропуску, 25 секунд,". A
    verb between ("видео сняли, 20 минут ...") or more words after the amount ("видео, 20
    минут шёл бой") make it something else."""
    text = src.text
    head = text[max(src.lo, start - 80) : start]
    if not _SET_OFF.search(head) or not _CLOSED.match(text, end):
        return None
    phrases = _PHRASE_BREAK.split(head.rstrip(" (,:\n\u2014\u2013"))
    if len(phrases) > 1 and _RELATIVE.match(phrases[-1]):
        phrases.pop()  # "відео, яке поширюють пабліки, — 1 хв 26 с": the clause's noun before it
    words = re.findall(_W, phrases[-1])[-7:][::-1]
    lang = "uk" if src.lang == "uk" else "ru"
    for index, word in enumerate(words):
        found = _footage_lemmas().get(plain(word))
        if found in _FOOTAGE_WORDS:
            return found
        tag = analyzer(lang).parse(word)[0].tag
        if index == len(words) - 1 and tag.POS in ("PRTF", "ADJF") and len(phrases) > 1:
            # "видео, снятое на телефон: 27 секунд": the participle's noun ends the phrase before
            before = re.findall(_W, phrases[-2])
            found = _footage_lemmas().get(plain(before[-1])) if before else None
            return found if found in _FOOTAGE_WORDS else None
        if tag.POS not in _NOMINAL and plain(word) not in _LINKS:  # Ukrainian "на": PRCL
            return None
    return None


_ORDINAL_BEFORE = re.compile(rf"({_W})\s*,\s*$")
_WORD_AFTER = re.compile(rf"\s*,\s*({_W})")
_FOOTAGE_BEFORE = 200  # characters back to the footage an elided adjective stands for
_ORDINALS = frozenset({"первый", "второй", "третий", "четвёртый", "четвертый", "пятый",
                       "последний", "перший", "другий", "третій", "четвертий", "п'ятий",
                       "останній", "перше", "друге", "третє"})  # fmt: skip


def elided_footage(text: str, lo: int, start: int, end: int) -> str | None:
    """The footage a compound adjective of length whose noun is left out stands for: set off
    after an ordinal, with the footage named shortly before and no noun after it ("два видео
    ... На втором, 25-секундном, виден", "Друге, 30-секундне, зняте"). Not "Второй,
    трёхчасовой, бой": the noun is there, and it is no footage."""
    if not _CLOSED.match(text, end):
        return None
    ordinal = _ORDINAL_BEFORE.search(text, max(lo, start - 30), start)
    if ordinal is None or not _ordinal(ordinal[1].lower()):
        return None
    after = _WORD_AFTER.match(text, end)
    if after is not None and _noun(after[1].lower()):
        return None
    lemmas = _footage_lemmas()
    before = re.findall(_W, text[max(lo, start - _FOOTAGE_BEFORE) : start])
    return next((lemmas[plain(w)] for w in reversed(before) if plain(w) in lemmas), None)


def _ordinal(word: str) -> bool:
    return any(("Anum" in str(p.tag) and p.tag.POS == "ADJF") or p.normal_form in _ORDINALS
               for lang in ("ru", "uk") for p in analyzer(lang).parse(word))  # fmt: skip


def _noun(word: str) -> bool:
    """The likeliest reading, in a language whose dictionary knows the word, is a noun or a
    full adjective (a participle of filming or a short form is none)."""

    def nominal(tag: object) -> bool:  # Ukrainian tags a participle ADJF with a voice
        grammemes = set(str(tag).replace(" ", ",").split(","))
        return str(tag).split(",")[0] in ("NOUN", "ADJF") and not {"pssv", "actv"} & grammemes

    return any(analyzer(lang).word_is_known(word) and nominal(analyzer(lang).parse(word)[0].tag)
               for lang in ("ru", "uk"))  # fmt: skip
