"""The Russian and Ukrainian words lengths of footage are read by: units of time, words for
footage and for length, verbs of lasting, and the small words that join the nouns about a
piece of footage. Shared by :mod:`durations_cyr`, :mod:`durations_half` and
:mod:`durations_set_off`; every form of a listed word comes from morphology, so each is
written once."""

from __future__ import annotations

import functools
import re

from forensics.claims.facts.morphology import forms
from forensics.claims.facts.numbers_cyr import plain

_UNITS = {("ru", "секунда"): 1.0, ("ru", "минута"): 60.0, ("ru", "час"): 3600.0,
          ("uk", "секунда"): 1.0, ("uk", "хвилина"): 60.0, ("uk", "година"): 3600.0}  # fmt: skip
_ABBREVIATIONS = {"сек": 1.0, "мин": 60.0, "хв": 60.0}
# Half a minute in one word ("около полуминуты", "триває півхвилини"), in its few forms.
_HALF_MINUTE = {w: 30.0 for w in ("полминуты", "полминуту", "полуминута", "полуминуты",
                                  "полуминуте", "полуминуту", "півхвилини", "півхвилину",
                                  "півхвилина")}  # fmt: skip
# Half an hour in one word ("длиной полчаса", "около получаса", "тривалістю півгодини").
_HALF_HOUR = {w: 1800.0 for w in ("полчаса", "получаса", "півгодини", "півгодину")}

_C = r"[\u0400-\u04ff]"
_W = rf"{_C}+(?:['\u2019\u02bc]{_C}+)*"
_UNIT = (rf"(?:(?:секунд|минут|хвилин|час|годин|полу?минут|півхвилин|полу?час|півгодин){_C}*"
         r"|сек|мин|хв)(?!\w)")  # fmt: skip

# Words that make an amount a length of footage when they stand right before it.
_LENGTH_WORDS = ("длительность", "продолжительность", "хронометраж", "длина", "тривалість",
                 "довжина", "завдовжки")  # fmt: skip
_FOOTAGE_WORDS = ("видео", "ролик", "видеоролик", "видеозапись", "запись", "съемка", "кадр",
                  "клип", "фильм", "трансляция", "стрим", "відео", "відеоролик", "відеозапис",
                  "запис", "зйомка", "кліп", "фільм", "трансляція",
                  # a piece of footage or a broadcast report ("видеофрагмент длиной")
                  "видеофрагмент", "сюжет", "видеосюжет", "відеофрагмент",
                  # a video address ("их обращение (4 минуты 05 секунд)")
                  "обращение", "видеообращение", "звернення", "відеозвернення")  # fmt: skip
_PREPOSITIONS = frozenset({"з", "із", "зі", "с", "со", "от", "від", "на", "в", "у", "во"})
# Words that may join the nouns about a piece of footage ("Відео прильоту по X та Y — 43 с").
_LINKS = _PREPOSITIONS | {"и", "і", "й", "та", "по", "до"}


@functools.cache
def _units() -> dict[str, float]:
    found = {plain(form): seconds for (lang, word), seconds in _UNITS.items()
             for form in forms(word, lang)}  # type: ignore[arg-type]  # fmt: skip
    return {**found, **_ABBREVIATIONS, **_HALF_MINUTE, **_HALF_HOUR}


@functools.cache
def _footage_lemmas() -> dict[str, str]:
    """Every form of a footage or length word -> the word as listed."""
    found: dict[str, str] = {}
    for word in (*_FOOTAGE_WORDS, *_LENGTH_WORDS):
        for lang in ("ru", "uk"):
            found.update((plain(f), word) for f in forms(word, lang))  # type: ignore[arg-type]
    return found


@functools.cache
def _lasting() -> frozenset[str]:
    """Forms of the verbs of lasting: "длится", "длилось", "триває", "тривало"."""
    # "Ролик идёт 52 секунды": footage "goes on" for its length, as it lasts
    verbs = [("ru", "длиться"), ("ru", "продолжаться"), ("uk", "тривати"), ("ru", "идти")]
    return frozenset(plain(f) for lang, v in verbs for f in forms(v, lang))  # type: ignore[arg-type]


def mentions_footage(text: str) -> bool:
    """Whether a Russian or Ukrainian passage has a word for footage ("видео", "ролика")."""
    lemmas = _footage_lemmas()
    return any(lemmas.get(plain(w)) in _FOOTAGE_WORDS for w in re.findall(_W, text))


@functools.cache
def piece_forms() -> frozenset[str]:
    """Forms of "фрагмент": a piece of footage only after a compound adjective of length
    ("в 40-секундном фрагменте"); alone it is as often a piece of a missile."""
    return frozenset(plain(f) for lang in ("ru", "uk") for f in forms("фрагмент", lang))  # type: ignore[arg-type]
