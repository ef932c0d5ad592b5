"""Count facts: a number with the countable thing it counts ("more than 70 fighters", "two
BTRs", "four of the six locations").

A number counts only with a countable noun from the vocabulary (or an equipment name) within a
few words after it, so years, scores and prices are no counts, and vague words ("dozens",
"several") give no number at all.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from forensics.claims.facts.fact import Fact
from forensics.claims.facts.numbers import _DIGITS, _NUMBER, _WORD_NUMBER, _number
from forensics.claims.facts.text import _QUOTES, _balanced, _InOrder, _Text, latin_matches
from forensics.claims.facts.vocabulary import Vocabulary

_QUALIFIER = (r"more than|over|at least|about|around|nearly|almost|up to|some|roughly|"
              r"approximately|fewer than|less than|as many as|at most|only")  # fmt: skip
_COUNT = re.compile(rf"(?<![\w.,:/$\u20ac\u00a3-])(?:(?P<q>{_QUALIFIER})\s+)?(?P<n>{_DIGITS}"
                    r"(?:\s+million)?|"
                    rf"{_WORD_NUMBER}(?:\s+(?:hundred|thousand|million))?|a\s+dozen)"
                    r"(?![\w:/%-]|[.,]\d)", re.I)  # fmt: skip
_OF_THE = re.compile(rf"\s+of\s+(?:the|its|their|our|his|her|these|those)(?:\s+(?P<n>{_NUMBER}))?"
                     r"(?=\s)", re.I)  # fmt: skip
_SUPERLATIVE = re.compile(r"\s+(?:most|least|best|worst|\w+est)\b", re.I)
# A number that names rather than counts: "Unit 3719", "No. 5", "page 4", "Route 7".
_DESIGNATION = re.compile(r"\b(?:unit|no\.?|number|page|route|highway|article|paragraph|section|"
                          r"part|chapter|item|flight|building|block|apartment|room|brigade)"
                          r"[ \u00a0]+$", re.I)  # fmt: skip
# A unit of measure after the number: "155 mm shells", "3 km from the border" measure.
_MEASURE = re.compile(r"[ \u00a0]?(?:mm|cm|km|m|kg|t|ft|lb|millimet(?:re|er)s?|kilomet(?:re|er)s?|"
                      r"met(?:re|er)s?|calib(?:re|er))(?![\w-])", re.I)  # fmt: skip
_LATIN = re.compile(r"[A-Za-z0-9]")
_PHRASE_WORD = re.compile(rf"\s+([\w{_QUOTES}-]+)")
_STOPWORDS = frozenset({
    "and", "or", "but", "nor", "of", "in", "on", "at", "to", "from", "for", "with", "by", "were",
    "was", "are", "is", "be", "been", "being", "had", "have", "has", "that", "which", "who",
    "whose", "the", "a", "an", "as", "than", "into", "near", "after", "before", "during", "said",
    "says", "per", "each", "while", "when", "where", "there", "it", "they", "he", "she", "we",
})  # fmt: skip


class _Noun(NamedTuple):
    start: int
    end: int
    name: str
    category: str


def _count_facts(src: _Text, vocab: Vocabulary, names: list[Fact]) -> list[Fact]:
    """ "more than 70 fighters", "two women", "four of the six locations": a number followed,
    within four words, by a countable noun or an equipment name. Vague words ("dozens",
    "several", "thousands of") give no number and are skipped, as is "not one"."""
    equipment = _InOrder(f for f in names if f.kind == "equipment")
    found = []
    for at, after, m in latin_matches(src, _COUNT):  # a number never holds a Cyrillic letter
        amount = _count_value(m["n"])
        negated = re.search(r"\b(?:not|no)\s+$", src.text[max(0, at - 4) : at], re.I)
        if amount is None or negated:
            continue
        of = _OF_THE.match(src.text, after)
        if of and not of["n"] and _SUPERLATIVE.match(src.text, of.end()):
            continue  # "one of the largest incursions" ranks the thing; it counts nothing
        if _MEASURE.match(src.text, after) or _DESIGNATION.search(src.text, max(0, at - 12), at):
            continue
        noun = _counted_noun(src, vocab, equipment, of.end() if of else after)
        noun = noun or _people_befallen(src.text, after, amount) or _times(src.text, at, after)
        if noun is None or (of and _picks_one(amount, m["q"], of["n"], noun)):
            continue
        start, end = _balanced(src.text, at, noun.end)
        detail: dict[str, object] = {
            "of": noun.name,
            "category": noun.category,
            "noun": src.text[noun.start : noun.end],
            "qualifier": m["q"].lower() if m["q"] else None,
            "out_of": int(_number(of["n"]) or 0) if of and of["n"] else None,
        }
        found.append(Fact("count", amount, src.text[start:end], start, end, detail))
    return found


# What befalls people, right after the number, counts them with no noun: "2 killed".
_BEFELL = re.compile(r"[ \u00a0]+(killed|injured|hurt|captured|detained|missing)\b", re.I)


def _people_befallen(text: str, after: int, amount: int) -> _Noun | None:
    m = _BEFELL.match(text, after) if amount < 1000 else None  # "2023 killed" is no count
    return _Noun(m.start(1), m.end(1), "casualty", "people") if m else None


# "shelled 14 times", "shared more than 9,000 times": a number of times after a verb of
# attacking counts attacks, after a verb of passing footage on or watching it views.
_TIMES = re.compile(r"[ \u00a0]+times\b", re.I)
_VERB_BEFORE = re.compile(r"\b(?:(?P<attack>shelled|fired|attacked|struck|hit|targeted|bombed)|"
                          r"viewed|watched|shared|reposted|forwarded|retweeted|played)"
                          r"(?:[ \u00a0]+at)?[ \u00a0]+$", re.I)  # fmt: skip


def _times(text: str, at: int, after: int) -> _Noun | None:
    times = _TIMES.match(text, after)
    verb = _VERB_BEFORE.search(text, max(0, at - 20), at) if times else None
    if times is None or verb is None:
        return None
    start, end = times.end() - 5, times.end()
    return _Noun(start, end, *(("attack", "object") if verb["attack"] else ("view", "footage")))


def _picks_one(amount: int, qualifier: str | None, out_of: str | None, noun: _Noun) -> bool:
    """ "in one of the villages" picks a thing out of several and counts nothing; "one of the
    fighters was captured" and "at least one of the strikes" still count."""
    if amount != 1 or out_of or noun.category == "people":
        return False
    return str(qualifier).lower() != "at least"


def _count_value(token: str) -> int | None:
    words = token.lower().split()
    if words[0] == "a":
        return 12  # "a dozen"
    scale = {"hundred": 100, "thousand": 1000, "million": 1_000_000}.get(words[-1], 1)
    value = _number(" ".join(words[:-1]) if scale > 1 else token)
    if value is None or round(value * scale, 6) != int(round(value * scale, 6)):
        return None  # "2.3 million" is a whole number, "2.5 fighters" none
    return round(value * scale)


def _counted_noun(src: _Text, vocab: Vocabulary, equipment: _InOrder, pos: int) -> _Noun | None:
    """The last countable word of the short phrase after the number: "six drone shots" counts
    shots, "four armoured combat vehicles" armoured vehicles."""
    end = pos
    for _ in range(4):
        word = _PHRASE_WORD.match(src.text, end)
        if word is None or word[1].lower().strip(_QUOTES) in _STOPWORDS:
            break
        end = word.end()
        if src.text[end : end + 1] in (",", ".", ";", ":", "!", "?", ")"):
            break
    if src.lang != "en" and not _LATIN.search(src.text, pos, end + 1):
        return None  # a Cyrillic text's English reading is kept only for a Latin noun
    options = [
        _Noun(f.start, f.end, str(f.value), str((f.detail or {})["category"]))
        for f in equipment.within(pos, end + 1)
    ]
    for pattern, entry in vocab.patterns["noun"]:
        for m in pattern.finditer(src.text, pos, end):
            options.append(_Noun(m.start(), m.end(), entry.name, str(entry.fields["category"])))
    return max(options, key=lambda o: (o.end, o.end - o.start), default=None)
