"""Lengths of footage as Russian and Ukrainian claims write them, in seconds.

Two shapes: a compound adjective ("45-секундное видео", "двухминутный ролик", "полутораминутный",
"хвилинне відео") right before a word for footage, and a number with its unit ("1 минута 52
секунды", "дві хвилини") right after a word for length or footage ("длительностью",
"продолжительностью", "тривалістю", "видео на 40 секунд"). Either must stand beside that word,
not merely in its sentence: "около 14 часов" in a sentence about a video is a time of day.
A length or a clock may also be set off after the word for footage and a few words about it
("Видео штурма (2 мин 40 сек)", "(видео, 1:12)"), or follow a verb of lasting whose subject is
that word ("Відео з місця влучання, яке триває близько пів хвилини").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from forensics.claims.facts.durations import _CLOCK, alone_on_line
from forensics.claims.facts.durations_set_off import _apposition, _filmed_after, elided_footage
from forensics.claims.facts.durations_subject import length_subject
from forensics.claims.facts.fact import Fact
from forensics.claims.facts.length_words import (
    _ABBREVIATIONS,
    _C,
    _FOOTAGE_WORDS,
    _LENGTH_WORDS,
    _PREPOSITIONS,
    _UNIT,
    _W,
    _footage_lemmas,
    _lasting,
    _units,
    piece_forms,
)
from forensics.claims.facts.morphology import analyzer, word_language
from forensics.claims.facts.numbers_cyr import digits_value, number_forms, plain
from forensics.claims.facts.text import _HYPHENS, _Text, latin_matches
from forensics.claims.facts.word_scan import matches_at_words

_HALF = {"полтора": 1.5, "полторы": 1.5, "полутора": 1.5, "півтора": 1.5, "півтори": 1.5,
         "полу": 0.5, "пів": 0.5}  # fmt: skip
# A numeral's combining form, not itself a word: "двохвилинне" is "дво" + "хвилинне" (the
# genitive "двох" and the unit's "х" written once), "одноминутный", "однохвилинний".
_COMBINING = {"дво": 2.0, "одно": 1.0}
# Words that bound a length rather than give it ("тривалістю понад хвилину", "длиной чуть
# меньше двух минут"): the value is the length named, as "около" leaves it.
_BOUNDS = ("понад", "більше", "більш", "менше", "менш", "более", "больше", "меньше", "менее",
           "свыше")  # fmt: skip
# Before a bare unit ("продолжительностью около минуты"), words that leave the amount at one.
_ONE_OF = frozenset({"около", "почти", "примерно", "порядка", "всего", "лишь", "близько", "майже",
                     "приблизно", "лише", "всього", *_BOUNDS})  # fmt: skip
# Compound adjectives: a numeral's genitive (or digits and a hyphen) glued to the unit's stem.
_ADJECTIVE_STEMS = {"секундн": 1.0, "минутн": 60.0, "хвилинн": 60.0, "часов": 3600.0,
                    "годинн": 3600.0}  # fmt: skip
# Found by the unit's stem, then read back to the start of the word and any digits before it.
_ADJECTIVE_STEM = re.compile(rf"(?P<stem>секундн|минутн|хвилинн|часов|годинн){_C}+", re.I)
_WORD_START = re.compile(rf"(?:(?P<digits>\d+(?:[.,]\d+)?)\s?[{_HYPHENS}]\s?)?"
                         rf"(?P<prefix>{_C}*(?:['\u2019\u02bc]{_C}+)?)$")  # fmt: skip
_AMOUNT = rf"(?:\d+(?:[.,]\d+)?|{_W}(?:\s+{_W})?)"
_PARTS = re.compile(rf"(?<![\w.,])(?P<n>{_AMOUNT})\s+(?P<unit>{_UNIT})(?P<dot>\.)?", re.I)
# Where a unit stands: ``_PARTS`` is tried only from a little before each one.
_UNIT_WORD = re.compile(rf"(?<![\w-])(?=[сСмМхХчЧгГпП]){_UNIT}", re.I)
_NOT_LENGTH_BEFORE = re.compile(r"(?:через|спустя|течение|протяжении|протягом|після|после|"
                                r"каждые|кожні|первые|последние|перші|останні|около|близько|"
                                r"назад|тому)\s+$", re.I)  # fmt: skip
_NOT_LENGTH_AFTER = re.compile(r"\s+(?:назад|тому|спустя|позже|пізніше|later)\b", re.I)


def cyrillic_duration_facts(src: _Text) -> list[Fact]:
    """Lengths of footage in Russian or Ukrainian wording, each beside a word for footage."""
    return [*_adjectives(src), *_amounts(src), *_clocks(src), *_bare_seconds(src)]


# "тривалістю 45 с": the bare "с" is seconds right after a word for length ("с" alone is
# otherwise "with").
_BARE_SECONDS = re.compile(
    r"(?<!\w)(?:длительностью|продолжительностью|хронометражем|длиной|тривалістю|завдовжки)\s+"
    r"(?:(?:около|примерно|порядка|близько|приблизно)\s+)?(?P<n>\d{1,3})\s?с\.?(?![\w-])"
    # "5 с половиной минут", "5 с лишним минут": "с" is "and", the unit comes later
    r"(?!\s+(?:половин|четверт|лишн|небольш|гаком))",
    re.I,
)


def _bare_seconds(src: _Text) -> Iterator[Fact]:
    for m in matches_at_words(src, _BARE_SECONDS):
        detail: dict[str, object] = {"form": "words", "context": "тривалість"}
        end = m.end() - (1 if m.group().endswith(".") else 0)
        yield Fact(
            "duration", float(m["n"]), src.text[m.start("n") : end], m.start("n"), end, detail
        )


def _clocks(src: _Text) -> Iterator[Fact]:
    """ "видео длиной 1:45", "ролик (1:45)": a clock right after a word for footage or length.
    "видео в 14:20" is a time of day: nothing may stand between the word and the clock."""
    text = src.text
    for start, end, m in latin_matches(src, _CLOCK):  # a clock holds no Cyrillic letter
        if alone_on_line(text, start, end):
            continue
        before = re.search(rf"({_W})[\s(\[:\u2014\u2013-]*$", text[max(src.lo, start - 40) : start])
        footage = _footage_lemmas().get(plain(before[1])) if before else None
        if before and plain(before[1]) in _lasting() and before.group().endswith(before[1] + " "):
            lang = "uk" if src.lang == "uk" else "ru"  # "Ролик триває 1:07": its subject's
            footage = _footage_near(text, start, False, lang=lang)
        if footage is None and before:  # "Хронометраж составляет 2:15"
            words = re.findall(_W, text[max(src.lo, start - 80) : start - len(before.group())])
            footage = length_subject([before[1], *words[-3:][::-1]])
        if footage is None and not m[1] and (m[2] == "0" or m[2][0] != "0"):  # not "05:30"
            footage = _apposition(src, start, end)
        if footage is None:
            continue
        seconds = int(m[1] or 0) * 3600.0 + int(m[2]) * 60 + int(m[3])
        detail: dict[str, object] = {"form": "clock", "context": footage}
        yield Fact("duration", seconds, m.group(), start, end, detail)


def _adjectives(src: _Text) -> Iterator[Fact]:
    text = src.text
    for m in matches_at_words(src, _ADJECTIVE_STEM):  # only where a stem is, inside a word
        head = _WORD_START.search(text, max(src.lo, m.start() - 24), m.start())
        if head is None or (head.start() > 0 and text[head.start() - 1].isalnum()):
            continue
        amount = _prefix_amount(head["digits"], head["prefix"])
        footage = _footage_near(text, m.end(), after=True) or _piece_after(text, m.end())
        footage = footage or elided_footage(text, src.lo, head.start(), m.end())
        if amount is None or footage is None or (m["stem"].lower() == "часов" and amount == 1):
            continue
        seconds = amount * _ADJECTIVE_STEMS[m["stem"].lower()]
        detail: dict[str, object] = {"form": "words", "context": footage}
        start = head.start()
        yield Fact("duration", seconds, text[start : m.end()], start, m.end(), detail)


def _piece_after(text: str, pos: int) -> str | None:
    """ "фрагмент" right after a compound adjective of length: "40-секундном фрагменте"."""
    word = re.match(rf"\s+({_W})", text[pos : pos + 40])
    return "фрагмент" if word and plain(word[1]) in piece_forms() else None


def _prefix_amount(digits: str | None, prefix: str) -> float | None:
    """ "45-" -> 45, "двух" -> 2, "полутора" -> 1.5, "" -> 1 ("минутное видео")."""
    if digits:
        return digits_value(digits) if not prefix else None
    word, table = plain(prefix), number_forms()
    if not word:
        return 1.0
    if word in _HALF or word in _COMBINING or word in table:
        return _HALF.get(word) or _COMBINING.get(word) or float(table[word])
    for cut in range(2, len(word) - 1):  # "сорокапяти": "сорока" + "пяти"
        tens, ones = word[:cut], word[cut:]
        if table.get(tens, 0) >= 20 and 0 < table.get(ones, 0) < 10:
            return float(table[tens] + table[ones])
    return None


def _amounts(src: _Text) -> Iterator[Fact]:
    """ "1 минута 52 секунды", "дві хвилини" beside a word for length or footage."""
    text, units, lo = src.text, _units(), src.lo
    for m in _parts(src):
        if plain(m["unit"]) not in units or m.start() < lo or plain(m["unit"]) in _AT_MOMENT:
            continue
        start, end, seconds = m.start(), _part_end(m), _amount_seconds(m["n"], m["unit"])
        if seconds is None:
            continue
        if not m["n"][0].isdigit() and plain(m["n"].split()[0]) not in number_forms():
            start = m.start("n") + m["n"].rindex(m["n"].split()[-1])  # "тривалістю дві" -> "дві"
            last = plain(m["n"].split()[-1])
            joined = last in _footage_lemmas() or last in _lasting() or _joined(m["n"].split())
            start = m.start("unit") if joined else start
        lead = _leading_unit(m["n"], m["unit"])  # "минута сорок секунд"
        start, seconds = (m.start("n"), lead) if lead else (start, seconds)
        end, seconds = _next_part(text, end, seconds, units[plain(m["unit"])])
        before = text[max(lo, start - 30) : start]
        lang = "uk" if src.lang == "uk" else "ru"
        footage = _footage_near(text, start, False, lang=lang) or _footage_near(text, end, True, 1)
        about = _ABOUT.search(before)  # "триває близько пів хвилини": lasting, then "about"
        if footage is None and about is not None:
            footage = _lasting_before(text, start - len(about.group()), lang)
            before = before[: about.start()] if footage else before
        footage = footage or _apposition(src, start, end) or _filmed_after(text, end)
        if (
            footage is None
            or _NOT_LENGTH_BEFORE.search(before)
            or _NOT_LENGTH_AFTER.match(text, end)
        ):
            continue
        detail: dict[str, object] = {"form": "words", "context": footage}
        yield Fact("duration", seconds, text[start:end], start, end, detail)


def _leading_unit(amount: str, unit: str) -> float | None:
    """The seconds of "минута сорок [секунд]", "хвилина двадцять [секунд]": a bare larger unit
    (one of it) and then a number of the smaller one, as a length is said aloud."""
    words, units = amount.split(), _units()
    first, number = (plain(words[0]), plain(words[-1])) if len(words) == 2 else ("", "")
    if units.get(first, 0.0) <= units[plain(unit)] or number not in number_forms():
        return None
    return units[first] + number_forms()[number] * units[plain(unit)]


def _parts(src: _Text) -> Iterator[re.Match[str]]:
    """The matches ``_PARTS.finditer`` gives over the body, found from each unit word back:
    an amount is at most two words, so a match starts within 40 characters of its unit."""
    text, done = src.text, src.lo
    for unit in matches_at_words(src, _UNIT_WORD):  # as finditer, tried only at its words
        if unit.end() <= done:
            continue
        for m in _PARTS.finditer(text, max(done, unit.start() - 40)):
            if m.end("unit") >= unit.end():
                if m.end("unit") == unit.end():
                    done = m.end()
                    yield m
                break


# A unit in the prepositional case is a moment in the footage, not its length ("в ролике на
# 40 секунде", "на 2 хвилині відео").
_AT_MOMENT = frozenset({"секунде", "минуте", "секунді", "хвилині", "годині"})
_PART_GAP = re.compile(r"\s*(?:(?:и|і|й|та)\s+)?")  # "хвилину і 12 секунд"


def _next_part(text: str, end: int, seconds: float, unit: float) -> tuple[int, float]:
    """Where a length ends and its seconds when a smaller unit follows its first part: "1
    минута 52 секунды", "2 мин 40 сек", "хвилину і 12 секунд", "1 хв 5 с" (the bare "с" only
    after minutes)."""
    units = _units()
    gap = _PART_GAP.match(text, end)
    nxt = _PARTS.match(text, gap.end()) if gap else None
    smaller = nxt is not None and units.get(plain(nxt["unit"]), unit) < unit  # not "40 с и 2 мин"
    if nxt and smaller and _amount_seconds(nxt["n"], nxt["unit"]):  # "1 час 2 минуты 5 секунд"
        seconds += _amount_seconds(nxt["n"], nxt["unit"]) or 0.0
        return _next_part(text, _part_end(nxt), seconds, units[plain(nxt["unit"])])
    tail = _SECONDS_TAIL.match(text, end) if unit == 60.0 else None
    if tail is not None and int(tail["n"]) < 60:
        return tail.end(), seconds + int(tail["n"])
    said = _SAID_SECONDS.match(text, end) if unit == 60.0 else None
    value = number_forms().get(plain(said["n"])) if said and said["n"][0].isalpha() else None
    value = int(said["n"]) if said and said["n"].isdigit() else value
    if said is not None and value is not None and 0 < value < 60:  # "минуту сорок"
        return said.end("n"), seconds + value
    return end, seconds


def _part_end(m: re.Match[str]) -> int:
    """After the unit, and after its dot only when it is an abbreviation ("40 сек.")."""
    return m.end() if m["dot"] and plain(m["unit"]) in _ABBREVIATIONS else m.end("unit")


def _amount_seconds(amount: str, unit: str) -> float | None:
    """ "1" -> 1 unit, "двадцать пять" 25, "полторы" 1.5; a bare unit after a word for length
    or "около" is one ("длительностью минуту", "около минуты")."""
    words = amount.split()
    last = plain(words[-1])
    if amount[0].isdigit():
        value: float | None = digits_value(amount)
    elif len(words) == 2 and plain(words[0]) in number_forms():
        value = _word_value(words)
    elif last in _ONE_OF or _length_word(last) or last in _lasting() or _joined(words, unit):
        value = 1.0  # "длительностью минуту", "около минуты", "триває хвилину"
    else:  # "видео две минуты": the first word is no numeral; the last is read alone
        value = _HALF.get(last) or _word_value(words[-1:])
    return value * _units()[plain(unit)] if value else None


def _length_word(word: str) -> bool:
    """ "длительностью", "длиной": a bare unit after one is one of it. A bare word for footage
    is not enough: in "На видео часы на здании" the "часы" are a clock."""
    return _footage_lemmas().get(plain(word)) in _LENGTH_WORDS


def _joined(words: list[str], unit: str = "") -> bool:
    """ "длительностью в минуту", "довжиною у хвилину", "ролик на минуту": a word for length
    and "в" (Ukrainian "у"), or a word for footage or length and "на", before a bare unit ("30
    кадров в секунду" is a rate); a half unit is no rate, so "ролик в полминуты" is one too."""
    if len(words) != 2 or plain(words[1]) not in ("в", "у", "на"):
        return False
    lemma = _footage_lemmas().get(plain(words[0]))
    half = _units().get(plain(unit)) in (30.0, 1800.0)
    return lemma in _LENGTH_WORDS or ((plain(words[1]) == "на" or half) and lemma is not None)


def _word_value(words: list[str]) -> float | None:
    table = number_forms()
    values = [table.get(plain(w)) for w in words]
    if any(v is None for v in values):
        return None
    return float(sum(v for v in values if v is not None))


def _footage_near(text: str, pos: int, after: bool, reach: int = 3, lang: str = "ru") -> str | None:
    """A word for footage or length among the three words after ``pos``; or right before it
    (after "на", "в" or "длиной"), or a verb of lasting whose subject is such a word
    ("Відео, яке триває 57 секунд"; "обстрел длился два часа" is none)."""
    lemmas = _footage_lemmas()
    if after:  # in the same phrase: "два часа, видео сняли потом" is no length of the video
        words = re.findall(_W, re.split(r"[,.;:!?()\u2014\u2013\"«»]", text[pos : pos + 60])[0])
        words = words[:reach]
    else:
        words = re.findall(_W, text[max(0, pos - 100) : pos])[-9:][::-1]
    lasting = not after and bool(words) and plain(words[0]) in _lasting()
    if lasting:
        clause = _RELATIVE_CLAUSE.search(text, max(0, pos - 200), pos)
        if clause is not None:  # "Ролик, который расходится по каналам, длится 18 секунд"
            words = [words[0], *re.findall(_W, text[max(0, clause.start() - 80) : clause.start()])
                     [-6:][::-1]]  # fmt: skip
        return _lasting_subject(words[1:8], lang)
    for index, word in enumerate(words[:3]):
        found = lemmas.get(plain(word))
        if found:
            return found
        if not after and index == 0 and plain(word) not in _FILLERS:
            return length_subject(words)  # "Продолжительность видео составляет"
    return None


def _lasting_subject(words: list[str], lang: str) -> str | None:
    """The word for footage a verb of lasting is said of, reading back from the verb: "Ролик
    длится", "Видео обстрела длится", "Відео з місця влучання, яке триває"; past a relative
    pronoun, prepositions and words in the genitive only. "обстрел длился два часа" and
    "Видео показывает, что обстрел длился" are none: another noun is the subject."""
    for index, word in enumerate(words):
        found = _footage_lemmas().get(plain(word))
        if found in _FOOTAGE_WORDS:
            return found
        governed = plain(word) in _GOVERNING or (
            index + 1 < len(words) and plain(words[index + 1]) in _GOVERNING
        )
        if not (index == 0 and plain(word) in _RELATIVE) and not governed and not _attribute(
                word, lang):  # fmt: skip
            return None
    return None


# Prepositions whose object, in whatever case, belongs to the phrase about the footage
# ("Відео з наслідками удару по Свесі триває").
_GOVERNING = frozenset({"по", "под", "під", "над", "біля", "возле", "около", "у", "в",
                        "на", "из", "із", "з", "від", "от", "для"})  # fmt: skip


@functools.lru_cache(maxsize=4096)
def _attribute(word: str, lang: str) -> bool:
    """A preposition, or a word one of whose likeliest readings (in the text's language, or
    Ukrainian when its letters say so) is in the genitive ("обстрела", "місця влучання"), a
    participle or a noun in the instrumental ("снятое очевидцами"): it describes the noun
    before it."""
    if plain(word) in _PREPOSITIONS:
        return True
    parses = analyzer("uk" if word_language(word) == "uk" else lang).parse(word)  # type: ignore[arg-type]
    likeliest = [p for p in parses if p.score >= parses[0].score]
    # a participle and its agent set off after the noun: "Видео, снятое очевидцами, длится"
    return any(p.tag.case == "gent" or p.tag.POS == "PRTF" or (p.tag.POS == "NOUN" and
               p.tag.case == "ablt") for p in likeliest)  # fmt: skip


_FILLERS = frozenset({"на", "в", "у", "длиной", "всего"})
# A relative clause set off between the word for footage and its verb of lasting.
_RELATIVE_CLAUSE = re.compile(r",\s*(?:(?:на|в|во|у|з|із)\s+)?(?:который|которое|которая|котором|"
                              r"которой|яке|який|яка|якому|якій)\s[^,.;!?\n]*,"
                              rf"\s*{_W}\s+(?:(?:около|примерно|близько|приблизно)\s+)?$",
                              re.I)  # fmt: skip
_RELATIVE = frozenset({"которое", "который", "которая", "яке", "який", "яка", "що"})
# "около", "приблизно" between a verb of lasting or a word for length and the amount.
_ABOUT = re.compile(r"(?<!\w)(?:(?:чуть|трохи|трішки|немного|ледь|не)\s+)?"
                    r"(?:около|примерно|приблизительно|порядка|почти|близько|приблизно|майже|понад|"
                    r"більше|більш|менше|менш|более|больше|меньше|менее|свыше|"
                    r"чуть|трохи|трішки|немного|ледь|не)\s+$", re.I)  # fmt: skip
# The seconds after minutes as said aloud, their unit left out, the phrase ending there:
# "Ролик длится минуту сорок.", "длительностью 1 минута 40,".
_SAID_SECONDS = re.compile(rf"\s+(?P<n>{_W}|\d{{1,2}})(?=\s*(?:[.,;!?)\n]|$))")
# The seconds after minutes in the shortest form: "1 хв 5 с", "2 мин 3 с"; "с" alone is "with".
_SECONDS_TAIL = re.compile(r"\s+(?P<n>\d{1,2})\s?с\.?(?![\w-])")


def _lasting_before(text: str, pos: int, lang: str) -> str | None:
    """The word for length or the footage's verb of lasting right before ``pos``: "триває
    [близько пів хвилини]", "длительностью [около минуты]"; a bare word for footage is not
    enough ("видео около 14 часов" may be when it was posted)."""
    words = re.findall(_W, text[max(0, pos - 60) : pos])[-5:][::-1]
    if not words or text[pos - 1 : pos] != " ":
        return None
    first = plain(words[0])
    if _footage_lemmas().get(first) in _LENGTH_WORDS:
        return _footage_lemmas()[first]
    if first in _lasting():
        return _footage_near(text, pos, False, lang=lang)
    return length_subject(words)  # "Длина видео [около 30 секунд]"
