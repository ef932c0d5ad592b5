"""Actors a Cyrillic claim refers back to instead of naming again: a bare "ОВА" is the oblast
military administration the claim named before ("Сумська ОВА: ... оприлюднила ОВА"), and "глава
региона", "очільник ОВА", "губернатор области" with no name after them are the official it
named before ("Губернатор ... Александр Богомаз ... По данным главы региона"). A bare
"губернатор" is left to the statement layer, which reads such nouns as descriptions.

The referent is the last such actor before the words; with none before, nothing is read.
"""

from __future__ import annotations

import re

from forensics.claims.facts.fact import Fact
from forensics.claims.facts.text import _InOrder, _Text
from forensics.claims.facts.vocabulary import Vocabulary

_BARE_ADMINISTRATION = re.compile(r"(?<![\w-])(?:ОВА|ОДА)(?![\w-])")
_ROLE = re.compile(
    r"(?<![\w-])(?i:глав[аыеу]|губернатор(?:а|у|ом)?|очільни(?:к|ка|ку|ком|ця|ці|цею)|"
    r"голов(?:а|и|і|ою)|начальни(?:к|ка|ку|ком)|керівни(?:к|ка|ку|ком))"
    r"[ \u00a0]+(?:(?i:региона|регіону|области|області)|ОВА|ОДА|ОГА)(?![\w-])"
    r"(?![ \u00a0]*[,(]?[ \u00a0]*[А-ЯЁІЇЄҐ])"  # no name follows: "глава региона Гладков"
)
_ADMINISTRATION = " Military Administration"


def references(src: _Text, vocab: Vocabulary, actors: list[Fact], mask: bytearray) -> list[Fact]:
    """Actor facts for the words that refer back to an administration or an official; ``mask``
    marks what other facts cover and is updated."""
    if not re.search(r"ОВА|ОДА|[Гг]лав|[Гг]убернатор|[Оо]чільни|[Гг]олов|[Нн]ачальни|[Кк]ерівни",
                     src.text[src.lo :]):  # fmt: skip
        return []
    named = _InOrder(a for a in actors if a.kind == "actor")
    people = vocab.person_types
    out = []
    for m in _ROLE.finditer(src.text, src.lo):
        if any(mask[m.start() : m.end()]):
            continue
        official = named.last_before(m.start(), lambda a: (a.detail or {}).get("type") in people)
        if official is not None:
            out.append(_copy(official, m.start(), m.end(), src.text))
            mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    for m in _BARE_ADMINISTRATION.finditer(src.text, src.lo):
        if any(mask[m.start() : m.end()]):
            continue
        body = named.last_before(m.start(), lambda a: str(a.value).endswith(_ADMINISTRATION))
        if body is not None:
            out.append(_copy(body, m.start(), m.end(), src.text))
            mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    return out


def _copy(referent: Fact, start: int, end: int, text: str) -> Fact:
    return Fact("actor", referent.value, text[start:end], start, end, dict(referent.detail or {}))
