"""The day of the month written alone in Russian and Ukrainian: "снят 22-го на въезде",
"утром 23-го", "22-го числа", "ще 21-го". The month is the previous date's or the text's
(:func:`dates_en.day_alone`, as "on the 22nd").

"22-го" is also the genitive of an ordinal before its noun ("22-го полка", "1-го
отдельного батальона", "1-го, 2-го и 3-го батальонов"), so the day is taken only where no
noun or adjective the ordinal could qualify follows it, and no other ordinal is listed with it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from forensics.claims.facts.morphology import analyzer
from forensics.claims.facts.text import _Text
from forensics.claims.facts.word_scan import matches_at_words

Hit = tuple[int, int, str, dict[str, str | None]]

_DAY = re.compile(r"(?<![\w.,:/-])(?P<day>[1-9]|[12]\d|3[01])-?го(?P<chislo>\s+числа)?(?![\w-])")
_NEXT_WORD = re.compile(r"[ \u00a0]+([а-яёіїєґ'’]+)(?![\w-])")
# Another ordinal listed with it: "1-го, 2-го и 3-го батальонов", "5-го и 6-го полков".
_LISTED = re.compile(r"[ \u00a0]*(?:,|и|і|та|й|или|або)[ \u00a0]*\d{1,3}-?(?:го|й|я|е|м)(?!\w)")
_LISTED_BEFORE = re.compile(r"\d{1,3}-?(?:го|й|я|е|м)[ \u00a0]*(?:,|и|і|та|й|или|або)[ \u00a0]*$")
_QUALIFIED = frozenset({"NOUN", "ADJF", "PRTF", "NUMR"})


def day_alone_hits(src: _Text) -> Iterator[Hit]:
    """ "22-го" as a day of the month: its hits, in the form :mod:`dates` reads "on the 22nd"."""
    text = src.text
    for m in matches_at_words(src, _DAY):  # tried only at runs that start with a digit
        if m["chislo"] is None and not _stands_alone(text, m.start(), m.end()):
            continue
        yield m.start(), m.end(), "day", {"day": m["day"]}


def _stands_alone(text: str, start: int, end: int) -> bool:
    if _LISTED.match(text, end) or _LISTED_BEFORE.search(text, max(0, start - 12), start):
        return False
    after = _NEXT_WORD.match(text, end)
    return after is None or not _qualifiable(after[1].lower())


@functools.lru_cache(maxsize=1 << 12)
def _qualifiable(word: str) -> bool:
    """A noun, adjective or participle "-го" could agree with, in either language: singular,
    masculine or neuter, in the genitive or the animate accusative ("полка", "отдельного",
    "бійця"); not "по", "бои", "на". A month is read by the named-date form, the longer."""
    for lang in ("ru", "uk"):
        for parse in analyzer(lang).parse(word):  # type: ignore[arg-type]
            tag = parse.tag
            if tag.POS not in _QUALIFIED or "Fixd" in tag or "Abbr" in tag:
                continue
            genitive = tag.case == "gent" or (tag.case == "accs" and tag.animacy == "anim")
            if genitive and tag.number == "sing" and tag.gender in ("masc", "neut", None):
                return True
    return False
