"""Dates and people that are part of a name: a street, a square, a settlement or a school
named after a day or a person ("на улице 8 Марта", "посёлок имени 1 Мая", "вулиця 23
Серпня", "8 March Street", "на вулиці Тараса Шевченка", "школа імені Лесі Українки",
"пам'ятник Богдану Хмельницькому"), and a version number ("версия 1.06").

Such a date dates nothing, and read as a date it would also anchor "the next day" to a wrong
day, so it is dropped before any date is resolved; such a person is no actor of the events.
"""

from __future__ import annotations

import re

from forensics.claims.facts.fact import Fact

# Words a name follows when something is named after it (cases of the street words included).
_NAMED = (
    r"улиц[аеуы]|ул\.|вулиц[яіею]|вул\.|проспект[аеу]?|просп\.|пр-т|площад[ьи]|площ[аіу]|"
    r"пл\.|переул(?:ок|ка|ке)|пер\.|провул(?:ок|ка|ку)|бульвар[аеу]?|б-р|"
    r"набережн(?:ая|ой|ую|а|ій)|шоссе|шосе|имени|імені|им\.|ім\.|сквер[аеу]?"
)
_NAMED_BEFORE = re.compile(rf"(?<![\w-])(?:{_NAMED}|верси[яиюей]|версі[яїю]|version|v\.)"
                           r"[ \u00a0]*$", re.IGNORECASE)  # fmt: skip
_NAMESAKE_BEFORE = re.compile(rf"(?<![\w-])(?:{_NAMED}|памятник[аеу]?|пам['\u2019]ятник[аіу]?|"
                              r"монумент[аеу]?|бюст[аеу]?)[ \u00a0]*$", re.IGNORECASE)  # fmt: skip
_NAMED_AFTER = re.compile(r"[ \u00a0]+(?:Street|St\.|Avenue|Ave\.|Square|Boulevard|Blvd\.|"
                          r"Lane|Road|Prospekt|Avenue)\b")  # fmt: skip


def without_namesakes(text: str, facts: list[Fact]) -> list[Fact]:
    """``facts`` without the people a street, a school or a monument is named after."""
    return [
        f
        for f in facts
        if f.kind != "actor"
        or (f.detail or {}).get("type") not in ("person", "official", None)
        or not _NAMESAKE_BEFORE.search(text, max(0, f.start - 20), f.start)
    ]


def named_after_date(text: str, start: int, end: int) -> bool:
    """Whether the date written at ``start:end`` is part of a name or a version number."""
    if _NAMED_BEFORE.search(text, max(0, start - 20), start):
        return True
    return _NAMED_AFTER.match(text, end) is not None
