"""Dates that are part of a name: a street, a square or a settlement named after a day ("на
улице 8 Марта", "посёлок имени 1 Мая", "вулиця 23 Серпня", "8 March Street"), and a version
number ("версия 1.06"). They date nothing, and read as dates they would also anchor "the next
day" to a wrong day, so they are dropped before any date is resolved.
"""

from __future__ import annotations

import re

_NAMED_BEFORE = re.compile(
    r"(?<![\w-])(?:улиц[аеуы]|ул\.|вулиц[яіею]|вул\.|проспект[аеу]?|просп\.|пр-т|"
    r"площад[ьи]|площ[аіу]|пл\.|переул(?:ок|ка|ке)|пер\.|провул(?:ок|ка|ку)|бульвар[аеу]?|"
    r"б-р|набережн(?:ая|ой|ую|а|ій)|шоссе|шосе|имени|імені|им\.|ім\.|сквер[аеу]?|"
    r"верси[яиюей]|версі[яїю]|version|v\.)[ \u00a0]*$",
    re.IGNORECASE,
)  # fmt: skip
_NAMED_AFTER = re.compile(r"[ \u00a0]+(?:Street|St\.|Avenue|Ave\.|Square|Boulevard|Blvd\.|"
                          r"Lane|Road|Prospekt|Avenue)\b")  # fmt: skip


def named_after_date(text: str, start: int, end: int) -> bool:
    """Whether the date written at ``start:end`` is part of a name or a version number."""
    if _NAMED_BEFORE.search(text, max(0, start - 20), start):
        return True
    return _NAMED_AFTER.match(text, end) is not None
