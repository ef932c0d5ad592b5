"""Places written in Cyrillic and found by romanising them, and places outside the gazetteer
recognised from their context ("у села Теребрено", "в районе Журавлёвки", "near Bezlyudovka").

A capitalised Cyrillic name (one word, or an adjective and a noun: "Новой Таволжанке") is put
in its dictionary form, romanised by every standard scheme (claims/facts/translit.py) and
looked up among the gazetteer's Latin names, so "Шебекино", "Харків" and "Харькове" are the
gazetteer's Shebekino, Kharkiv and Kharkiv with no Cyrillic alias written down.

A name the gazetteer lacks becomes a place only after a word that says it is one (a village,
"near", "под", "біля"), and never when the dictionary knows it as a person's name or an
organisation: precision first, since outlets, people and brands must never become places. Its
value is its dictionary form in BGN/PCGN Latin (the national system for Ukrainian, which
BGN/PCGN adopted in 2019), and its detail says it could not be located.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from forensics.claims.facts.cyrillic import CYRILLIC, forms
from forensics.claims.facts.morphology import Language, analyzer
from forensics.claims.facts.text import _Text
from forensics.claims.facts.translit import fold, spellings
from forensics.claims.facts.vocabulary import Entry, Vocabulary, _Hit

_PERSON_OR_BODY = frozenset({"Name", "Surn", "Patr", "Orgn", "Trad"})
_AGREEMENT = ({"nomn", "masc"}, {"nomn", "femn"}, {"nomn", "neut"}, {"nomn", "plur"})


@functools.lru_cache(maxsize=4)
def _gazetteer(vocab: Vocabulary) -> dict[str, Entry]:
    """Folded Latin name -> place; the first entry to claim a key keeps it."""
    index: dict[str, Entry] = {}
    for entry in vocab.of_kind("place"):
        for name in entry.names():
            if not CYRILLIC.search(name):
                index.setdefault(fold(name), entry)
    return index


@functools.lru_cache(maxsize=4)
def _key_prefixes(vocab: Vocabulary) -> frozenset[str]:
    return frozenset(key[:3] for key in _gazetteer(vocab))


@functools.lru_cache(maxsize=1 << 14)
def _starts(word: str) -> frozenset[str]:
    """The first three Latin letters the word may begin with, in any scheme: endings change
    with case, the first letters hardly ever, so a word none of whose starts begins a
    gazetteer name needs no dictionary look-up."""
    return frozenset(key[:3] for key in spellings(word[:4].lower()))


def _capitalised(word: str) -> bool:
    """A name's first letter is a capital and the rest is not an abbreviation (РДК, ВСУ)."""
    return word[:1].isupper() and not word[1:2].isupper()


def _adjacent(text: str, first: re.Match[str], second: re.Match[str]) -> bool:
    return text[first.end() : second.start()] == " "


@functools.lru_cache(maxsize=1 << 14)
def _agreeing(adjective: str) -> frozenset[str]:
    """An adjective's nominative in each gender and the plural ("Новой" -> новый, новая,
    новое, новые; "Нової" -> нова, ...), so it can meet the noun it goes with."""
    out: set[str] = set()
    for lang in ("ru", "uk"):
        for parse in analyzer(lang).parse(adjective):
            if "ADJF" not in parse.tag:
                continue
            for grammemes in _AGREEMENT:
                inflected = parse.inflect(grammemes)
                if inflected is not None:
                    out.add(inflected.word.replace("ё", "е"))
    return frozenset(out)


def _lookup(names: frozenset[str] | set[str], gazetteer: dict[str, Entry]) -> Entry | None:
    for name in sorted(names):
        for key in spellings(name):
            if key in gazetteer:
                return gazetteer[key]
    return None


def gazetteer_hits(src: _Text, vocab: Vocabulary) -> Iterator[_Hit]:
    """Capitalised Cyrillic names whose romanised dictionary form is a gazetteer place."""
    gazetteer, starts = _gazetteer(vocab), _key_prefixes(vocab)
    # A long claim names the same places again and again: each word or pair is looked up once
    # (here, not in an lru_cache, whose key would hash the whole vocabulary on every call).
    pairs: dict[tuple[str, str], Entry | None] = {}
    singles: dict[str, Entry | None] = {}
    words = src.cyrillic_words
    for i in src.cyrillic_where(lambda said: _capitalised(said) and _starts(said) & starts):
        word = words[i]
        if src.in_url(word.start(), word.end()):
            continue
        after = words[i + 1] if i + 1 < len(words) else None
        if after and _capitalised(after.group()) and _adjacent(src.text, word, after):
            key = (word.group(), after.group())
            if key not in pairs:
                pairs[key] = _pair_entry(*key, gazetteer)
            paired = pairs[key]
            if paired is not None:
                yield _Hit(word.start(), after.end(), "place", paired)
                continue
            if src.lang != "en" and _qualifies(word.group(), after.group().lower(), src.lang):
                continue  # "Вовчанські Хутори": the adjective of another place, not Vovchansk
        if word.group() not in singles:
            singles[word.group()] = _lookup(set(forms(word.group())), gazetteer)
        entry = singles[word.group()]
        # only for a place found: the check parses two words ("в Белом доме" is no Belyy)
        if entry is not None and not qualifies_next(word.group(), src.text, word.end(), src.lang):
            yield _Hit(word.start(), word.end(), "place", entry)


# Nouns an adjective of a place may qualify and still name the place ("в Белгородском районе",
# "Сумській громаді"): the layers of districts and regions
# read those, as before.
_PLACE_NOUNS = frozenset({
    "район", "округ", "область", "громада", "край", "регион", "регіон", "село", "посёлок",
    "поселок", "селище", "город", "місто", "деревня", "хутор", "станица", "слобода",
    "направление", "напрямок",
})  # fmt: skip


_NEXT_LOWER = re.compile(r"[ \u00a0]+([а-яёіїєґ'’]+)(?![\w-])")


def qualifies_next(word: str, text: str, end: int, lang: Language) -> bool:
    """Whether the capitalised adjective ``word`` (ending at ``end``) qualifies the lower-case
    noun right after it, agreeing in case, number and gender, so that the two name a thing
    ("в Белом доме", "у Білому домі": the White House), not the place the adjective alone
    would name (Belyy); the nouns of ``_PLACE_NOUNS`` excepted."""
    after = _NEXT_LOWER.match(text, end)
    if lang == "en" or after is None:
        return False
    return _qualifies(word, after[1], lang)


@functools.lru_cache(maxsize=1 << 14)
def _qualifies(word: str, noun: str, lang: Language) -> bool:
    """:func:`qualifies_next` for one pair of words: a long claim repeats its pairs, and each
    parse costs as much as the rest of a word's reading."""
    nouns = [p for p in analyzer(lang).parse(noun) if p.tag.POS == "NOUN"]
    if not nouns or any(n.normal_form in _PLACE_NOUNS for n in nouns):
        return False
    adjectives = [p for p in analyzer(lang).parse(word) if p.tag.POS == "ADJF"]
    return any(
        (a.tag.case, a.tag.number) == (n.tag.case, n.tag.number)
        and (n.tag.number == "plur" or a.tag.gender == n.tag.gender)
        for a in adjectives for n in nouns
    )  # fmt: skip


def _pair_entry(adjective: str, noun: str, gazetteer: dict[str, Entry]) -> Entry | None:
    """The gazetteer place an adjective and a noun name together ("Новой Таволжанке")."""
    adjectives = _agreeing(adjective)
    if not adjectives:
        return None
    return _lookup({f"{a} {n}" for a in adjectives for n in forms(noun)}, gazetteer)
