"""Cyrillic aliases matched by dictionary form, so a name is found in every grammatical case:
"Белгородская область" finds "в Белгородской области", "Козинка" finds "у села Козинки",
"Конашенков" finds "Игоря Конашенкова".

A Cyrillic alias is split into words, and every word (of the alias and of the text) stands
for the set of its dictionary forms under both the Russian and the Ukrainian dictionaries,
with its own lower-case spelling: two words match when the sets meet. Both dictionaries,
because a Ukrainian text names Russian villages ("біля Глушкова") and the other way round,
and a word without the letters only one language has cannot say which it is in.

The scan is one pass over the text's Cyrillic words with an index from a first word's forms
to the aliases starting with it, so the time grows with the text, not with the vocabulary.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence

from forensics.claims.facts.morphology import Language, analyzer, lemmas, word_language
from forensics.claims.facts.text import _QUOTES, WORD, _balanced, _Text
from forensics.claims.facts.vocabulary import Entry, Vocabulary, _Hit

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_GAP = re.compile(rf"[ \t\u00a0{_QUOTES}]*\n?[ \t\u00a0{_QUOTES}]*")  # between two words of a name
_NAME_KINDS = ("actor", "place", "equipment", "platform")

# (forms of each word, the words that must keep two capitals, entry, whether a quote mark
# must open it: «Урал» the truck, not the Urals; «Акация» the howitzer, not the tree)
_Alias = tuple[tuple[frozenset[str], ...], tuple[bool, ...], Entry, bool]


@functools.lru_cache(maxsize=1 << 16)
def forms(word: str) -> frozenset[str]:
    """The word in lower case and every dictionary form it may be, in Russian or Ukrainian
    (in one of them only when its letters say which)."""
    low = word.lower().replace("ё", "е")
    own = word_language(word) if re.search("[ыэъёіїєґЫЭЪЁІЇЄҐ]", word) else None
    langs: tuple[Language, ...] = (own,) if own in ("ru", "uk") else ("ru", "uk")
    return frozenset({low, *(form for lang in langs for form in lemmas(word, lang))})


def _prefixes_of(word: str) -> tuple[str, str]:
    """Endings change with case and number, the first letters hardly ever: a word whose first
    three letters (two in a short word: Київ, Києва) begin no alias word needs no dictionary
    look-up."""
    low = word.lower().replace("ё", "е")
    return low[:3], low[:2]


def _may_match(word: str, prefixes: tuple[frozenset[str], frozenset[str]]) -> bool:
    three, two = _prefixes_of(word)
    return three in prefixes[0] or (len(word) <= 5 and two in prefixes[1])


def has_cyrillic(alias: str) -> bool:
    return CYRILLIC.search(alias) is not None


def _capitals(word: str) -> bool:
    """Two capitals in one word (РДК, ВСУ, КамАЗ): in lower case it would be another word."""
    if word[1:].islower():  # most words: one capital at most, told at C speed
        return False
    return sum(c.isupper() for c in word) >= 2


@functools.lru_cache(maxsize=4)
def _index(vocab: Vocabulary) -> dict[str, list[tuple[str, _Alias]]]:
    """First word's form -> the aliases starting with it; "" -> the prefixes of those forms."""
    index: dict[str, list[tuple[str, _Alias]]] = {}
    for kind in _NAME_KINDS:
        for entry in vocab.of_kind(kind):
            for alias in entry.names():
                words = WORD.findall(alias)
                if not has_cyrillic(alias) or not words:
                    continue
                quoted = alias[0] in _QUOTES
                item = (tuple(forms(w) for w in words), tuple(map(_capitals, words)), entry, quoted)
                for first in item[0][0]:
                    index.setdefault(first, []).append((kind, item))
    return index


@functools.lru_cache(maxsize=4)
def _prefixes(vocab: Vocabulary) -> tuple[frozenset[str], frozenset[str]]:
    pairs = [_prefixes_of(form) for form in _index(vocab)]
    return frozenset(p[0] for p in pairs), frozenset(p[1] for p in pairs)


def alias_hits(src: _Text, vocab: Vocabulary) -> Iterator[_Hit]:
    """Every match of a Cyrillic alias, in any case, outside URLs."""
    index, prefixes = _index(vocab), _prefixes(vocab)
    if not index:
        return
    words = src.cyrillic_words
    # a word -> the aliases it may start, each with whether the word alone is its match
    known: dict[str, list[tuple[str, _Alias, bool]]] = {}

    def starts_any(said: str) -> bool:
        known[said] = _alone(said, _starting(said, index, prefixes))
        return bool(known[said])

    for i in src.cyrillic_where(starts_any):
        word = words[i]
        for kind, alias, alone in known[word.group()]:
            end = word.end() if alone else _match(src.text, words, i, alias)
            if end is not None and not (src.urls and src.in_url(word.start(), end)):
                start, end = _balanced(src.text, word.start(), end)
                yield _Hit(start, end, kind, alias[2])


def _alone(said: str, aliases: list[tuple[str, _Alias]]) -> list[tuple[str, _Alias, bool]]:
    """The aliases a word may start, each marked when it is one word, needs no quote mark
    before it and the word as written has the capitals it needs: then it matches wherever
    the word is, as :func:`_match` would say, without asking it at every occurrence. Those
    whose capitals the word lacks never match and are left out."""
    marked = []
    for kind, alias in aliases:
        single = len(alias[0]) == 1 and not alias[3]
        if single and alias[1][0] and not _capitals(said):
            continue
        marked.append((kind, alias, single))
    return marked


def _starting(
    word: str,
    index: dict[str, list[tuple[str, _Alias]]],
    prefixes: tuple[frozenset[str], frozenset[str]],
) -> list[tuple[str, _Alias]]:
    """The aliases whose first word may be ``word``, each once."""
    if not _may_match(word, prefixes):
        return []
    found: dict[int, tuple[str, _Alias]] = {}
    for form in forms(word):
        for kind, alias in index.get(form, ()):
            found.setdefault(id(alias), (kind, alias))
    return list(found.values())


def _match(text: str, words: Sequence[re.Match[str]], i: int, alias: _Alias) -> int | None:
    """Where the alias ends if it starts at ``words[i]``, else None."""
    alias_forms, capitals, _, quoted = alias
    if i + len(alias_forms) > len(words):
        return None
    before = text[words[i].start() - 1 : words[i].start()]  # "" at the text's start
    if quoted and (not before or before not in _QUOTES):
        return None
    for n, wanted in enumerate(alias_forms):
        word = words[i + n]
        if n and not _GAP.fullmatch(text, words[i + n - 1].end(), word.start()):
            return None
        if capitals[n] and not _capitals(word.group()):
            return None
        if n and not wanted & forms(word.group()):
            return None
    return words[i + len(alias_forms) - 1].end()


@functools.lru_cache(maxsize=1 << 12)
def plural(said: str) -> bool:
    """Whether a Cyrillic name as written is plural ("пикапы", "БМП-2" is not)."""
    words = WORD.findall(said)
    lang = word_language(words[-1]) if words else "en"
    if lang == "en":
        return False
    return analyzer(lang).parse(words[-1])[0].tag.number == "plur"
