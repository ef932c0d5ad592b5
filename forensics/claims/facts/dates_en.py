"""English month and weekday names, and the English date forms that name no full date: a day
of the month alone ("on the 22nd"), a month by where it falls ("earlier this month", "last
month", "late May", "by the end of June") and "overnight".

Each is a hit ``(start, end, form, groups)`` for :mod:`dates`, which resolves it by the rules
every date follows: a day alone takes the month of the date last named, else of the text's
own date (the one before when the day is still to come); a month named relative to "this
month" counts from the text's date; "overnight" is the night into the date its sentence
names, else into the text's date, and is left out when another day was named just before it
(the night after that day, or into the text's date: nothing says which).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Protocol

from forensics.claims.facts.fact import Fact
from forensics.claims.facts.text import _HYPHENS
from forensics.dates import calendar_day

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")  # fmt: skip
MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                       "sept": 9, "sep": 9, "oct": 10, "nov": 11, "dec": 12}  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH_NUMBERS = {**MONTH_ABBREVIATIONS, **{name: n for n, name in enumerate(MONTHS, 1)}}


def capitalised(words: Iterable[str]) -> str:
    """Month and weekday names count only capitalised: "may" is a verb, "May 22" a date."""
    return "|".join(f"{w.capitalize()}|{w.upper()}" for w in words)


MONTH = (rf"(?P<month>{capitalised(MONTHS)}|(?:{capitalised(MONTH_ABBREVIATIONS)})\.?)"
         r"(?![A-Za-z])")  # fmt: skip
WEEKDAY = rf"(?P<wd>{capitalised(WEEKDAYS)})(?![A-Za-z])"

# What may follow a day written alone or a range's second day: a stop, the line's end, or a
# word that starts a phrase, never a noun ("May 22 and 23 people", "the 3rd floor").
CLOSED = (r"(?=[,.;:)]|[ \t]*(?:\r?\n|$)|\s+(?:and|or|when|at|in|on|near|as|after|before|"
           r"but|while|to|into|from|with|along|across|around|respectively|the|a|they|he|she|we|"
           r"there)\b)")  # fmt: skip
# "on the 22nd": the day alone, after a preposition of time, with its ordinal ending.
_DAY_ALONE = re.compile(rf"(?<![\w-])(?i:on|by|since|until|till|from|before|after)\s+the\s+"
                        rf"(?P<day>[1-9]|[12]\d|3[01])(?i:st|nd|rd|th){CLOSED}")  # fmt: skip
_MONTH_NAME = rf"(?P<month>{capitalised(MONTHS)})(?![\w-])(?!,?\s*\d)"
# "late May", "mid-June", "the end of May", "since May": a month of the text's year.
_MONTH_PART = re.compile(
    rf"(?<![\w-])(?:(?i:early|mid|late)[\s-]+|(?i:(?:the\s+)?(?:end|beginning|start|middle)\s+"
    rf"of)\s+|(?i:since|by|until|till|through|throughout|during)\s+){_MONTH_NAME}"
)
# "earlier this month", "last month": counted from the text's date, in months.
_RELATIVE_MONTH = re.compile(r"(?<![\w-])(?i:(?:earlier|later|early|late)\s+)?"
                             r"(?P<rel>(?i:this|last|next))\s+(?i:month)(?![\w-])")  # fmt: skip
_SHIFT = {"this": 0, "last": -1, "next": 1}
_OVERNIGHT = re.compile(r"(?<![\w-])(?i:overnight)(?![\w-])")


Hit = tuple[int, int, str, dict[str, str | None]]
Matches = Callable[[re.Pattern[str]], Iterator[tuple[int, int, re.Match[str]]]]


def english_date_hits(find: Matches) -> Iterator[Hit]:
    """The hits of this module's forms; ``find(pattern)`` yields ``(start, end, match)``
    over the text's Latin parts (:func:`text.latin_matches`)."""
    for start, end, m in find(_DAY_ALONE):
        yield start, end, "day", {"day": m["day"]}
    for start, end, m in find(_MONTH_PART):
        yield start, end, "month", {"month": m["month"], "year": None}
    for start, end, m in find(_RELATIVE_MONTH):
        yield start, end, "relmonth", {"shift": str(_SHIFT[m["rel"].lower()])}
    for start, end, _m in find(_OVERNIGHT):
        yield start, end, "overnight", {}


def relative_month(reference: date, shift: int) -> dict[str, str | None]:
    """The groups of the month ``shift`` months from the reference's, as a month hit names it."""
    index = reference.year * 12 + reference.month - 1 + shift
    return {"month": MONTHS[index % 12], "year": str(index // 12)}


def day_alone(day: int, last: date | None, reference: date | None) -> date | None:
    """ "on the 22nd": of the month of the date last named, else of the text's date, or of
    the month before it when the 22nd is still to come."""
    base = last or reference
    if base is None:
        return None
    year, month = base.year, base.month
    if last is None and reference is not None and day > reference.day:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return calendar_day(year, month, day)


def overnight_facts(
    text: str, hits: list[tuple[int, int]], facts: list[Fact], reference: date | None,
    sentence: Callable[[int], tuple[int, int]],
) -> list[Fact]:  # fmt: skip
    """ "overnight": the date its sentence names ("overnight, officials said on Wednesday"),
    else the text's date when no other day was named since the paragraph began. Facts are
    found by bisection, so a long text with many nights stays linear."""
    days = sorted((f for f in facts if (f.detail or {}).get("role") != "month"),
                  key=lambda f: f.start)  # fmt: skip
    starts = [f.start for f in days]
    mentioned = [f for f in days if (f.detail or {}).get("role") == "mentioned"]
    ends = [f.end for f in mentioned]
    found = []
    for start, end in hits:
        lo, hi = sentence(start)
        near = days[bisect_left(starts, lo) : bisect_left(starts, hi)]
        before = bisect_right(ends, start)
        if near:
            value, how = min(near, key=lambda f: abs(f.start - start)).value, "its sentence's date"
        elif reference is not None and not (
            before and "\n\n" not in text[ends[before - 1] : start].replace(" ", "")
        ):
            value, how = reference.isoformat(), "the text's date"
        else:
            continue
        detail: dict[str, object] = {"rule": f"overnight: {how}", "role": "mentioned",
                  "night": "the night before, into this date"}  # fmt: skip
        found.append(Fact("date", str(value), text[start:end], start, end, detail))
    return found


# The other of two days named with one month: "June 4 and 5," "4 and 5 June", a range "May
# 22-23" or "22 to 24 May". The second day must close a phrase (CLOSED), so "May 22 and 23
# people" is no day; a year after it is the range's ("May 30-31, 2022").
_JOIN = rf"(?:\s+(?:and|&|to|through|or)\s+|\s*[{_HYPHENS}]\s*)"
_SECOND_DAY = re.compile(rf"{_JOIN}(\d{{1,2}})(?:st|nd|rd|th)?(?![\d:]|\.\d)"
                         rf"(?:,?\s+(?P<year>\d{{4}})(?!\d))?{CLOSED}")  # fmt: skip
_FIRST_DAY = re.compile(rf"(?<![\w.,{_HYPHENS}])(\d{{1,2}})(?:st|nd|rd|th)?{_JOIN}\Z")


class _Named(Protocol):  # read only: a frozen hit is one
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def form(self) -> str: ...
    @property
    def groups(self) -> dict[str, str | None]: ...


def paired_days(text: str, lo: int, hits: Iterable[_Named]) -> Iterator[Hit]:
    """The other day of each named date that has one; when a range's year follows its second
    day, the first day again with that year (listed first, it wins the tie of equal spans)."""
    for hit in hits:
        if hit.form != "named" or hit.groups.get("wd") or not hit.groups.get("month"):
            continue
        if text[hit.start].isdigit():  # "4 and 5 June": the first, read back
            m = _FIRST_DAY.search(text, max(lo, hit.start - 12), hit.start)
        else:  # "June 4 and 5," closed at once, so "May 22 and 23 people" is no day
            m = _SECOND_DAY.match(text, hit.end)
        if m is None or not 1 <= int(m[1]) <= 31:
            continue
        groups = {**hit.groups, "year": m.groupdict().get("year") or hit.groups["year"]}
        yield m.start(1), m.end(1), "named", {**groups, "day": m[1]}
        if groups["year"] != hit.groups["year"]:
            yield hit.start, hit.end, hit.form, groups


# "Kharkiv Today", "Sumy Tonight": a capitalised "Today" after a capitalised word, mid-sentence,
# is the second name of an outlet or a programme, not the date.
_NAME_BEFORE = re.compile(r"(?<![\w'-])[A-Z][\w'-]*[ \u00a0]$")


def outlet_today(text: str, start: int) -> bool:
    """Whether the "today" or "tonight" at ``start`` is part of an outlet's name."""
    if text[start : start + 2] not in ("To", "TO"):
        return False
    name = _NAME_BEFORE.search(text, max(0, start - 30), start)
    if name is None:
        return False
    opener = text[max(0, name.start() - 2) : name.start()].strip()  # a sentence's first word
    return name.start() > 0 and opener not in ("", ".", "!", "?", ":") and "\n" not in opener
