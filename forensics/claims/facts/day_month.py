"""A day and month without a year, "22.05", as Russian and Ukrainian posts, captions and
headlines write them ("ИТОГИ 22.05", "станом на ранок 27.05", "BELGOROD 22.05" on screen).

The same four digits are a time of day ("в 22.05", "около 22.05", "22.05 по Москве", "09.12"
heading a live-blog entry) or a quantity ("12.05 кг", "$22.05"), so a hit is given only where
its context rules those out. A quantity is refused whatever the digits; a time only when the
digits can be one (a day up to 23: "31.05" is no time). A time of day is told by what
Russian, Ukrainian and English give it: a preposition of time before it, an hour word or a
time zone after it, a range, or a line of its own. In English, where "22.05" is as often a
decimal, a hit needs more: a caption's capitals before it ("BELGOROD 22.05") or "on"/"dated".
The year is the text's own, resolved by :mod:`dates` as for every date written without one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from forensics.claims.facts.text import _Text
from forensics.claims.facts.word_scan import matches_at_words

_SHORT_DOTS = re.compile(r"(?<![\d.,:/])(?P<b>\d{1,2})\.(?P<a>\d{2})(?![\d]|[.,:]\d)")
# Before a time of day: a preposition of time, or a word for one ("время", "о").
_TIME_BEFORE = re.compile(
    r"(?<![\w-])(?:в|во|у|о|об|около|примерно|приблизительно|приблизно|близько|к|ко|до|после|"
    r"після|по|с|со|з|із|зі|між|между|часов|годин|время|час|at|around|about|by|until|till|"
    r"from|since|after|before|between|of)\s+$",
    re.I,
)
# After a time of day: an hour word or a time zone ("22.05 по Москве", "10.05 утра").
_TIME_AFTER = re.compile(
    r"\s*(?:ч\b|час|годин|год\b|мск|msk|по москв|по москов|по киев|по київ|за київ|за киев|"
    r"за москов|по местн|за місцев|утра|вечера|ночи|дня|ранку|вечора|ночі|[ap]\.?m\b|local|"
    r"gmt|utc|eest|eet|moscow time|kyiv time|hrs?\b|h\b)",
    re.I,
)
# After a quantity: a unit, currency or share ("12.05 кг", "22.05 гривни", "22.05%").
_QUANTITY_AFTER = re.compile(
    r"\s*(?:%|\u00b0|[$\u20ac\u20b4\u20bd\u00a3]|процент|відсот|кг|км|см|мм|м\b|т\b|г\b|л\b|га\b|"
    r"руб|грн|гривн|доллар|долар|евро|євро|млн|млрд|трлн|тыс|тис|балл|бал\b|очк|метр|литр|"
    r"літр|тонн|градус|kg|km|cm|mm|m\b|percent|per cent|million|billion|points?|usd|eur|uah|"
    r"rub|dollars?)",
    re.I,
)
_RANGE_AFTER = re.compile(r"\s*(?:[-\u2013\u2014]|до|по|to|till|until)\s*\d")
_LINE_BEFORE = re.compile(r"(?:^|\n)[ \t*_#>]*\Z")
_ENTRY_AFTER = re.compile(r"[ \t*_]*(?:\r?\n|\Z|[-|\u2013\u2014])")
_ENTRY = re.compile(r"(?m)^[ \t*_#>]*\d{1,2}[.:]\d{2}(?![\d.:])")
# What makes four digits a date in English: a caption's capitals ("BELGOROD 22.05",
# "KHARKIV, 22.05"), or "on", "dated".
_ENGLISH_DATE_BEFORE = re.compile(r"(?:\b[A-Z]{3,}[ \t]*,?|\b(?:on|dated))[ \t]+\Z")


def day_month_hits(src: _Text, english: bool) -> Iterator[tuple[int, int, str, dict]]:
    """Each day.month in the body its context makes a date, as a hit for :mod:`dates`:
    ``(start, end, "dots", {"a": month, "b": day, "year": None})``."""
    text, lo = src.text, src.lo
    entries: bool | None = None  # whether lines open with times, as a live blog's entries do
    for m in matches_at_words(src, _SHORT_DOTS):  # tried only where a run of digits starts
        day, month = int(m["b"]), int(m["a"])
        if not (1 <= month <= 12 and 1 <= day <= 31) or not _is_date(text, m, english):
            continue
        if day <= 23 and _LINE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            entries = len(_ENTRY.findall(text, lo)) > 1 if entries is None else entries
            if entries:  # "09.12 Губернатор сообщил ..." among other entries: a time
                continue
        yield m.start(), m.end(), "dots", {"a": m["a"], "b": m["b"], "year": None}


def _is_date(text: str, m: re.Match[str], english: bool) -> bool:
    start, end = m.start(), m.end()
    before = text[max(0, start - 24) : start]
    if _QUANTITY_AFTER.match(text, end) or before.endswith(tuple("$\u20ac\u20b4\u20bd\u00a3")):
        return False
    if english and not _ENGLISH_DATE_BEFORE.search(before):
        return False
    if int(m["b"]) > 23:  # no hour: "31.05" is a date wherever it stands
        return True
    own_line = _LINE_BEFORE.search(text, max(0, start - 12), start) is not None
    return not (
        _TIME_BEFORE.search(before)
        or _TIME_AFTER.match(text, end)
        or _RANGE_AFTER.match(text, end)
        or (own_line and _ENTRY_AFTER.match(text, end))
    )
