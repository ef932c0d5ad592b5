"""Numbers as claims write them -- "52", "2,500", "fifty-two" -- as regex fragments and as
values, shared by the three number layers (dates, durations, counts).
"""

from __future__ import annotations

import re

_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen")  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip
_WORD_NUMBER = (rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_ONES[1:10])}))?"
                rf"|{'|'.join(sorted(_ONES, key=len, reverse=True))})")  # fmt: skip
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_NUMBER = rf"(?:{_DIGITS}|{_WORD_NUMBER})"


def _number(token: str) -> float | None:
    """ "52" -> 52, "fifty-two" -> 52, "2,500" -> 2500; None for anything else."""
    words = re.split(r"[- ]+", token.strip().lower().replace(",", ""))
    if len(words) == 1 and re.fullmatch(r"\d+(?:\.\d+)?", words[0]):
        return float(words[0])
    if words[0] in _TENS:
        ones = _ONES.index(words[1]) if len(words) > 1 and words[1] in _ONES else 0
        return float(_TENS[words[0]] + ones)
    return float(_ONES.index(words[0])) if len(words) == 1 and words[0] in _ONES else None
