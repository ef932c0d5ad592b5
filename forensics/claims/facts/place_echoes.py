"""A place the words around it named once is the same place where the text names it again
with no cue: "біля Рижівки ... Рижівку знову накрили", "the villages of Krupets and
Oleshnya ... The school in Krupets", "в Гоптівці ... знімками Гоптівки".

A Cyrillic name is found again in any case (the two words share a dictionary form under the
Russian or Ukrainian dictionary), a Latin one as written. Only one-word names are repeated,
and only capitalised words the dictionary does not know as a person's name; the repeat
carries the first fact's value and detail.
"""

from __future__ import annotations

import re

from forensics.claims.facts.cyrillic import CYRILLIC, forms
from forensics.claims.facts.fact import Fact
from forensics.claims.facts.morphology import word_language
from forensics.claims.facts.place_names import _personal
from forensics.claims.facts.text import _Text
from forensics.claims.facts.toponyms import _capitalised

_WORD_TAIL = r"[\w'\u2019\u02bc]*"


def repeated_places(src: _Text, found: list[Fact], mask: bytearray) -> list[Fact]:
    """Further mentions of the one-word places in ``found``; ``mask`` marks the text other
    facts already cover, and is updated with each repeat."""
    cyrillic: dict[str, Fact] = {}
    latin: dict[str, Fact] = {}
    for fact in found:
        if fact.kind != "place" or not fact.detail or not re.fullmatch(r"[\w'\u2019-]+", fact.text):
            continue
        if not _capitalised(fact.text):
            continue
        (cyrillic if CYRILLIC.match(fact.text) else latin).setdefault(fact.text, fact)
    if not cyrillic and not latin:
        return []
    stems = sorted({name[: max(3, len(name) - 3)] for name in cyrillic})
    pattern = "|".join(
        [re.escape(stem) + _WORD_TAIL for stem in stems] + [re.escape(n) for n in sorted(latin)]
    )
    out = []
    for m in re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])").finditer(src.text, src.lo):
        if any(mask[m.start() : m.end()]) or src.in_url(m.start(), m.end()):
            continue
        first = latin.get(m.group()) or _same_name(m.group(), cyrillic, src.lang == "uk")
        if first is None:
            continue
        mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
        out.append(
            Fact("place", first.value, m.group(), m.start(), m.end(), dict(first.detail or {}))
        )
    return out


def _same_name(word: str, named: dict[str, Fact], ukrainian: bool) -> Fact | None:
    """The place ``word`` is a form of, if any."""
    if not _capitalised(word) or not CYRILLIC.match(word):
        return None
    if _personal(word, "uk" if ukrainian or word_language(word) == "uk" else "ru"):
        return None
    mine = forms(word)
    return next((fact for name, fact in named.items() if mine & forms(name)), None)
