"""Actors a Cyrillic claim refers back to instead of naming again: a bare "ОВА" is the oblast
military administration the claim named before ("Сумська ОВА: ... оприлюднила ОВА"), and "глава
региона", "очільник ОВА", "губернатор области" with no name after them are the official it
named before ("Губернатор ... Александр Богомаз ... По данным главы региона"), else the
governor of the oblast it named before. A bare "губернатор" is the governor of the oblast
named right after it ("губернатор Бєлгородщини"), else the governor named before, else the
governor of the oblast named before.

The referent is the last such actor before the words; with none before, nothing is read.
"""

from __future__ import annotations

import re

from forensics.claims.facts.fact import Fact
from forensics.claims.facts.text import _InOrder, _Text
from forensics.claims.facts.vocabulary import Vocabulary
from forensics.claims.facts.word_scan import matches_at_words

_BARE_ADMINISTRATION = re.compile(r"(?<![\w-])(?:ОВА|ОДА)(?![\w-])")
_ROLE = re.compile(
    r"(?<![\w-])(?i:глав[аыеу]|губернатор(?:а|у|ом)?|очільни(?:к|ка|ку|ком|ця|ці|цею)|"
    r"голов(?:а|и|і|ою)|начальни(?:к|ка|ку|ком)|керівни(?:к|ка|ку|ком))"
    r"[ \u00a0]+(?:(?i:региона|регіону|области|області)|ОВА|ОДА|ОГА)(?![\w-])"
    r"(?![ \u00a0]*[,(]?[ \u00a0]*[А-ЯЁІЇЄҐ])"  # no name follows: "глава региона Гладков"
)
_ADMINISTRATION = " Military Administration"
# "губернатор" with no name after it: the governor named before, or of the region named
# right after it ("губернатор Бєлгородщини") or before it ("Курская область ... главы региона")
_GOVERNOR = re.compile(r"(?<![\w-])(?i:губернатор(?:а|у|ом|е)?)(?![\w-])")
_NAME_NEXT = re.compile(r"[ \u00a0]*[,(]?[ \u00a0]*[А-ЯЁІЇЄҐ]")
_GOVERNOR_OF = "Governor of "
# "Ведомство опубликовало", "канал відомства": the ministry named before
_MINISTRY = re.compile(r"(?<![\w-])(?i:ведомств|відомств)(?:о|а|у|ом|е|і)(?![\w-])")


def references(src: _Text, vocab: Vocabulary, actors: list[Fact], mask: bytearray) -> list[Fact]:
    """Actor facts for the words that refer back to an administration or an official; ``mask``
    marks what other facts cover and is updated."""
    if not re.search(r"ОВА|ОДА|[Гг]лав|[Гг]убернатор|[Оо]чільни|[Гг]олов|[Нн]ачальни|[Кк]ерівни|"
                     r"[Вв]едомств|[Вв]ідомств",
                     src.text[src.lo :]):  # fmt: skip
        return []
    named = _InOrder(a for a in actors if a.kind == "actor")
    out = []
    for m in matches_at_words(src, _ROLE):
        if any(mask[m.start() : m.end()]):
            continue
        # a head of the region is an official named before (not a journalist who is only
        # a person), else the governor of the region named before
        official = named.last_before(m.start(), _is_official) or _regional_governor(
            vocab, actors, m.start())  # fmt: skip
        if official is not None:
            out.append(_copy(official, m.start(), m.end(), src.text))
            mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    out += _governors(src, vocab, actors, named, mask)
    for m in matches_at_words(src, _MINISTRY):
        ministry = named.last_before(m.start(), _is_ministry)
        if ministry is not None and not any(mask[m.start() : m.end()]):
            out.append(_copy(ministry, m.start(), m.end(), src.text))
            mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    for m in matches_at_words(src, _BARE_ADMINISTRATION):
        if any(mask[m.start() : m.end()]):
            continue
        body = named.last_before(m.start(), lambda a: str(a.value).endswith(_ADMINISTRATION))
        if body is not None:
            out.append(_copy(body, m.start(), m.end(), src.text))
            mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    return out


def _copy(referent: Fact, start: int, end: int, text: str) -> Fact:
    return Fact("actor", referent.value, text[start:end], start, end, dict(referent.detail or {}))


def _governors(
    src: _Text, vocab: Vocabulary, facts: list[Fact], named: _InOrder, mask: bytearray
) -> list[Fact]:
    """A bare "губернатор": of the oblast that follows it ("губернатор Бєлгородщини"), else
    the governor the claim named before, else the governor of the oblast it named before."""
    out = []
    oblasts = {f.start: f for f in facts if f.kind == "place" and _oblast(f)}
    for m in matches_at_words(src, _GOVERNOR):
        if any(mask[m.start() : m.end()]):
            continue
        space = re.compile(r"[ \u00a0]+").match(src.text, m.end())
        region = oblasts.get(space.end()) if space else None
        if region is not None:
            if _NAME_NEXT.match(src.text, region.end):
                continue  # "губернатор Брянской области Александр Богомаз": the name is
            found = _governor_of(vocab, str(region.value), region.start)
            end = region.end
        elif _NAME_NEXT.match(src.text, m.end()):
            continue  # "Губернатор Роман Старовойт": the name is the actor
        else:
            found = named.last_before(m.start(), _is_governor) or _regional_governor(
                vocab, facts, m.start())  # fmt: skip
            end = m.end()
        if found is not None:
            out.append(_copy(found, m.start(), end, src.text))
            mask[m.start() : end] = b"\x01" * (end - m.start())
    return out


def _oblast(fact: Fact) -> bool:
    return (fact.detail or {}).get("kind") == "oblast"


def _is_governor(actor: Fact) -> bool:
    return str((actor.detail or {}).get("role") or "").startswith(_GOVERNOR_OF)


def _regional_governor(vocab: Vocabulary, facts: list[Fact], before: int) -> Fact | None:
    """The vocabulary's governor of the last oblast the claim names before ``before``."""
    regions = [f for f in facts if f.kind == "place" and _oblast(f) and f.end <= before]
    if not regions:
        return None
    last = max(regions, key=lambda f: f.start)
    return _governor_of(vocab, str(last.value), last.start)


def _governor_of(vocab: Vocabulary, oblast: str, at: int) -> Fact | None:
    role = _GOVERNOR_OF + oblast
    entry = next((e for e in vocab.of_kind("actor") if e.fields.get("role") == role), None)
    if entry is None:
        return None
    detail = {"side": entry.fields["side"], "type": entry.fields["type"], "role": role}
    return Fact("actor", entry.name, entry.name, at, at, detail)


def _is_ministry(actor: Fact) -> bool:
    return (actor.detail or {}).get("type") == "ministry"


def _is_official(actor: Fact) -> bool:
    return (actor.detail or {}).get("type") == "official"
