"""Numbers as Russian and Ukrainian claims write them -- "70", "2 500", "четыре", "двадцати
пяти", "п'ятеро" -- with their spans, shared by the Cyrillic date, duration and count layers.

A numeral changes its ending with its case ("четыре", "четырёх", "четырьмя"). Every form of
every numeral comes from pymorphy3's dictionaries once per process (:func:`morphology.forms`),
so a word is a number by a set lookup and a long text is read in one linear pass.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator
from typing import NamedTuple

from forensics.claims.facts.morphology import analyzer, forms
from forensics.claims.facts.text import _Text
from forensics.claims.facts.word_scan import matches_at_words

# Dictionary forms and values: cardinals, collectives ("трое", "п'ятеро") and "оба".
_RU = (
    "ноль один два три четыре пять шесть семь восемь девять десять одиннадцать двенадцать "
    "тринадцать четырнадцать пятнадцать шестнадцать семнадцать восемнадцать девятнадцать"
)
_RU_TENS = "двадцать тридцать сорок пятьдесят шестьдесят семьдесят восемьдесят девяносто"
_RU_HUNDREDS = "сто двести триста четыреста пятьсот шестьсот семьсот восемьсот девятьсот"
_RU_COLLECTIVE = "двое трое четверо пятеро шестеро семеро восьмеро девятеро десятеро"
_UK = (
    "нуль один два три чотири п'ять шість сім вісім дев'ять десять одинадцять дванадцять "
    "тринадцять чотирнадцять п'ятнадцять шістнадцять сімнадцять вісімнадцять дев'ятнадцять"
)
_UK_TENS = "двадцять тридцять сорок п'ятдесят шістдесят сімдесят вісімдесят дев'яносто"
_UK_HUNDREDS = "сто двісті триста чотириста п'ятсот шістсот сімсот вісімсот дев'ятсот"
_UK_COLLECTIVE = "двоє троє четверо п'ятеро шестеро семеро восьмеро дев'ятеро десятеро"
THOUSAND = 1000
_OTHERS = {("ru", "тысяча"): THOUSAND, ("uk", "тисяча"): THOUSAND, ("ru", "оба"): 2,
           ("ru", "обе"): 2, ("uk", "обидва"): 2, ("uk", "обидві"): 2}  # fmt: skip
# Plural forms of "один" mean "some" or "alone" ("одни боевики"), not a number.
_NOT_NUMBERS = frozenset({"одни", "одних", "одними", "одні"})
APOSTROPHES = "'\u2019\u02bc"
CYR_WORD = re.compile(r"[\u0400-\u04ff]+(?:['\u2019\u02bc][\u0400-\u04ff]+)*")
_CYR_WORD_KEPT = re.compile(f"({CYR_WORD.pattern})")  # kept by split
# "2 500" (a space or a no-break space between thousands), "1,5" and "1.5".
DIGITS = re.compile(r"(?<![\w.,])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+(?:[.,]\d+)?)"
                    r"(?![\w]|[.,]\d)")  # fmt: skip


_PLAIN = str.maketrans({"ё": "е", "\u2019": "'", "\u02bc": "'"})


class CyrNumber(NamedTuple):
    start: int
    end: int
    value: float
    form: str  # digits or words


def plain(word: str) -> str:
    """One spelling per word for lookups: lower case, ё as е, every apostrophe as '."""
    return word.lower().translate(_PLAIN)


@functools.cache
def number_forms() -> dict[str, int]:
    """Every inflected form of every Russian and Ukrainian numeral -> its value."""
    table: dict[tuple[str, str], int] = dict(_OTHERS)
    for lang, ones, tens, hundreds, collective in (
        ("ru", _RU, _RU_TENS, _RU_HUNDREDS, _RU_COLLECTIVE),
        ("uk", _UK, _UK_TENS, _UK_HUNDREDS, _UK_COLLECTIVE),
    ):
        table.update({(lang, w): n for n, w in enumerate(ones.split())})
        table.update({(lang, w): 20 + 10 * n for n, w in enumerate(tens.split())})
        table.update({(lang, w): 100 * (n + 1) for n, w in enumerate(hundreds.split())})
        table.update({(lang, w): n + 2 for n, w in enumerate(collective.split())})
    found: dict[str, int] = {}
    for (lang, word), value in table.items():
        for form in forms(word, lang):  # type: ignore[arg-type]
            found.setdefault(plain(form), value)
    return {form: value for form, value in found.items() if form not in _NOT_NUMBERS}


@functools.cache
def collective_forms() -> frozenset[str]:
    """Every form of the collective numerals ("трое", "пятерых", "п'ятеро"), which count
    people even with no noun after them ("пятеро получили ранения")."""
    words = [("ru", w) for w in _RU_COLLECTIVE.split()] + [
        ("uk", w) for w in _UK_COLLECTIVE.split()
    ]
    return frozenset(plain(f) for lang, w in words for f in forms(w, lang))  # type: ignore[arg-type]


# Nouns of a group: "десяток" 10 and "дюжина" 12 in both languages ("с десяток боевиков",
# "дюжину «шахедів»"), multiplied by a number before them ("двух десятков"); a million too
# ("более миллиона просмотров", "два миллиона"), and half of one in a word ("полумиллиона").
MILLION = 1_000_000
_GROUPS = {"десяток": 10, "дюжина": 12, "миллион": MILLION, "мільйон": MILLION}
_HALF_MILLION = {"полмиллиона": (MILLION // 2, True), "полумиллиона": (MILLION // 2, True),
                 "півмільйона": (MILLION // 2, True)}  # fmt: skip


@functools.cache
def group_forms() -> dict[str, tuple[int, bool]]:
    """Every form of a group noun -> (its value, whether the form is singular in some
    reading). A plural alone ("десятки боевиков") is "dozens": no number."""
    found: dict[str, tuple[int, bool]] = {}
    for lang in ("ru", "uk"):
        for word, value in _GROUPS.items():
            for parse in analyzer(lang).parse(word):
                if parse.normal_form != word:
                    continue
                for form in parse.lexeme:
                    key, single = plain(form.word), form.tag.number != "plur"
                    found[key] = (value, single or found.get(key, (0, False))[1])
    return {**found, **_HALF_MILLION}


def digits_value(token: str) -> float:
    """ "2 500" -> 2500, "1,5" -> 1.5."""
    return float(re.sub(r"[ \u00a0\u202f]", "", token).replace(",", "."))


def cyrillic_numbers(src: _Text) -> list[CyrNumber]:
    """Numbers in digits, and runs of numeral words ("двадцать пять", "двух тысяч"), in text
    order. A digit number followed by "тысяч"/"тис." is multiplied ("2 тысячи" = 2000)."""
    text, found = src.text, []
    run: list[tuple[int, int, int]] = []  # (start, end, value) of consecutive numeral words
    for start, end, value, joined in _numeral_words(text, src.lo):
        if run and joined:  # only spaces since the numeral before it
            run.append((start, end, value))
            continue
        found += _word_number(run)
        run = [(start, end, value)]
    found += _word_number(run)
    found = _grouped(src, [n for n in found if not _thousands_of(text, n)])
    for m in matches_at_words(src, DIGITS):  # as finditer, tried only at runs of digits
        found.append(_thousands(text, CyrNumber(m.start(), m.end(), digits_value(m[1]), "digits")))
    return sorted(found)


def _numeral_words(text: str, lo: int) -> Iterator[tuple[int, int, int, bool]]:
    """(start, end, value, joined) of each match of ``CYR_WORD.finditer(text, lo)`` that is a
    numeral, in order; ``joined``: only white space stands between it and the match before,
    which is a numeral too. The words come from a split (no match objects) and each distinct
    one is looked up once: a walk over every match of a 2 MB claim took a quarter second."""
    parts = _CYR_WORD_KEPT.split(text[lo:])  # words at odd indices, gaps at even ones
    words, table = parts[1::2], number_forms()
    values = {w: v for w in set(words) if (v := table.get(plain(w))) is not None}
    if not values:
        return
    at = list(itertools.accumulate(map(len, parts), initial=lo))  # at[i]: where parts[i] starts
    last = -2
    for i in (i for i, w in enumerate(words) if w in values):  # word i is parts[2i + 1]
        joined = last == i - 1 and parts[2 * i].isspace()  # parts[2i]: the gap before it
        yield at[2 * i + 1], at[2 * i + 2], values[words[i]], joined
        last = i


_GROUP_WORD = re.compile(r"(?<![\w-])(?:десят|дюжин|миллион|мільйон|полу?миллион|півмільйон)"
                         r"[\u0400-\u04ff]*", re.I)  # fmt: skip
_GAP = re.compile(r"[ \u00a0]+$")


def _grouped(src: _Text, numbers: list[CyrNumber]) -> list[CyrNumber]:
    """``numbers`` with the group nouns read in: "двух десятков" is 20, "с десяток" 10,
    "дюжина" 12; a plural group noun with no number before it gives none."""
    table, added, taken, text = group_forms(), [], set(), src.text
    ends = {n.end: n for n in numbers if n.form == "words" and n.value < 1000}
    covered = {n.end for n in numbers}  # "2 миллиона": the digits took their million
    for m in matches_at_words(src, _GROUP_WORD):  # as finditer, tried only at its words
        group = table.get(plain(m.group()))
        if group is None or m.end() in covered:
            continue
        gap = _GAP.search(text, max(0, m.start() - 3), m.start())
        before = ends.get(gap.start()) if gap else None
        if before is not None and before.value >= 10 and group[0] < MILLION:
            before = None  # "двадцать десятков" is no way to say 200
        if before is not None:  # "двух десятков": the number's span grows over the noun
            taken.add(before.start)
            added.append(CyrNumber(before.start, m.end(), before.value * group[0], "words"))
        elif group[1]:
            added.append(CyrNumber(m.start(), m.end(), float(group[0]), "words"))
    return [n for n in numbers if n.start not in taken] + added


def _word_number(run: list[tuple[int, int, int]]) -> list[CyrNumber]:
    """ "двадцать пять" is 25 and "две тысячи триста" 2300; "пять шесть" two numbers."""
    numbers: list[CyrNumber] = []
    total, group, last, start, end = 0, 0, 0, -1, -1
    for s, e, value in run:
        if start >= 0 and not _follows(last, value, total):
            numbers.append(CyrNumber(start, end, float(total + group), "words"))
            start = -1
        if start < 0:
            total, group, start = 0, 0, s
        if value == THOUSAND:
            total, group = max(group, 1) * THOUSAND, 0
        else:
            group += value
        last, end = value, e
    if start >= 0:
        numbers.append(CyrNumber(start, end, float(total + group), "words"))
    return numbers


# Alone, only these forms are "a thousand"; "тысячи жителей" is "thousands of residents".
_A_THOUSAND = frozenset({"тысяча", "тысячу", "тисяча", "тисячу"})


def _thousands_of(text: str, number: CyrNumber) -> bool:
    return number.value == THOUSAND and plain(text[number.start : number.end]) not in _A_THOUSAND


def _follows(last: int, value: int, total: int) -> bool:
    """Whether ``value`` continues a numeral that ended in ``last``: hundreds take tens or
    ones, round tens take ones, anything takes one "thousand"."""
    if value == THOUSAND:
        return total == 0 and last != THOUSAND
    if last == THOUSAND or last >= 100:
        return value < 100 if last != THOUSAND else value < THOUSAND
    return 20 <= last < 100 and last % 10 == 0 and 0 < value < 10


_THOUSAND_AFTER = re.compile(r"[ \u00a0]*(?:тыс\.|тис\.|тысяч\w*|тисяч\w*|(?P<m>млн\.?|"
                             r"миллион\w*|мільйон\w*))", re.I)  # fmt: skip


def _thousands(text: str, number: CyrNumber) -> CyrNumber:
    m = _THOUSAND_AFTER.match(text, number.end)
    if m is None:
        return number
    value = round(number.value * (MILLION if m["m"] else THOUSAND), 6)  # "2,3 млн": 2300000
    end = m.end() - (1 if m.group().endswith(".") else 0) if m["m"] else m.end()
    return CyrNumber(number.start, end, value, number.form)
