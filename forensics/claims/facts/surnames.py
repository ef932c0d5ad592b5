"""A person named in full once and by the surname alone afterwards: "Андрей Демченко
сообщил ... — сказал Демченко", "По словам Артюха", "Serhiy Naiev, the commander ... Naiev
added". The surname is the same actor as the full name before it, so that what the person
says later is credited to them.

Only people this claim named in full (first name and surname) before the surname are looked
for, and only capitalised words: a Cyrillic surname in any case ("Артюха", "Трофимца") is
matched by its dictionary forms (pymorphy3, :func:`lemma_set`), an English one as written
(with or without "'s"). A word another fact covers is left to it. A person known by one name (a call sign, "Our
spokesman Caesar") is looked for by that name.
"""

from __future__ import annotations

import bisect
import re

from forensics.claims.facts.fact import Fact
from forensics.claims.facts.morphology import lemma_set
from forensics.claims.facts.text import _Text

_PERSON_TYPES = frozenset({"official", "person", "politician"})
_FULL_NAME = re.compile(r"[A-ZА-ЯЁІЇЄҐ][\w'’-]+[ \u00a0][A-ZА-ЯЁІЇЄҐ][\w'’-]+")
_LATIN = re.compile(r"[A-Za-z]")
_POSSESSIVE = re.compile(r"['’]s$")


def surname_mentions(src: _Text, facts: list[Fact]) -> list[Fact]:
    """Actor facts for surnames standing alone after the person's full name."""
    people = sorted((f for f in facts if _named_in_full(f)), key=lambda f: f.end)
    if not people:
        return []
    by_stem: dict[str, dict[str, list[Fact]]] = {}  # stem -> surname -> people, by end
    for person in people:
        surname = person.text.strip("«»\"“”").split()[-1]
        by_stem.setdefault(_stem(surname), {}).setdefault(surname, []).append(person)
    ends = {s: [p.end for p in ps] for group in by_stem.values() for s, ps in group.items()}
    mask = bytearray(len(src.text))
    for f in facts:
        mask[f.start : f.end] = b"\x01" * (f.end - f.start)
    stems = sorted((re.escape(s) for s in by_stem), key=len, reverse=True)
    lengths = sorted({len(s) for s in by_stem}, reverse=True)
    words = re.compile(rf"(?<![\w'’-])(?:{'|'.join(stems)})[\w'’-]*(?![\w'’-])")
    out = []
    for m in words.finditer(src.text, max(people[0].end, src.lo)):
        if any(mask[m.start() : m.end()]):
            continue
        named = [by_stem[m.group()[:n]] for n in lengths if m.group()[:n] in by_stem]
        person = _person_named(m, named[0], ends) if named else None
        if person is not None:
            detail = dict(person.detail or {})
            out.append(Fact("actor", person.value, m.group(), m.start(), m.end(), detail))
    return out


def _stem(surname: str) -> str:
    """What every form of the surname begins with: a Cyrillic one's case endings (and a
    fleeting vowel, "Трофимец", "Трофимца") are left off."""
    return surname if _LATIN.match(surname) else surname[: max(3, len(surname) - 2)]


def _named_in_full(fact: Fact) -> bool:
    detail = fact.detail or {}
    return (fact.kind == "actor" and detail.get("type") in _PERSON_TYPES
            and (_FULL_NAME.fullmatch(fact.text) is not None or bool(detail.get("call_sign"))))


def _person_named(word: re.Match[str], by_surname: dict[str, list[Fact]],
                  ends: dict[str, list[int]]) -> Fact | None:  # fmt: skip
    """The person named in full last before ``word`` whose surname it is, or None."""
    said = _POSSESSIVE.sub("", word.group())
    best = None
    for surname, people in by_surname.items():
        if _LATIN.match(surname):
            same = said == surname
        else:
            same = (said[:1].isupper() and said[1:].islower()
                    and bool(lemma_set(said) & lemma_set(surname)))  # fmt: skip
        at = bisect.bisect_right(ends[surname], word.start()) if same else 0
        if at and (best is None or people[at - 1].end > best.end):
            best = people[at - 1]
    return best
