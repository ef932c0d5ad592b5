"""Russian and Ukrainian words in their dictionary form, and which of the two a text is in.

Claims released with combat footage are mostly Russian or Ukrainian, where a place, a person
or a month changes its ending with its grammatical case ("в Белгородской области", "у села
Козинка", "22 мая"). Suffix rules written by hand miss forms and invent others; pymorphy3 with
its OpenCorpora (Russian) and LanguageTool (Ukrainian) dictionaries knows them, and guesses
unknown words (a village not in its dictionary) by analogy with known ones.

The analysers load in about 0.1 s together and are made once per process, on first use.
"""

from __future__ import annotations

import functools
import re
from typing import Literal

import pymorphy3

Language = Literal["en", "ru", "uk"]

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_UKRAINIAN_ONLY = re.compile(r"[іїєґІЇЄҐ]")


# A letter U+0400-U+04FF is two bytes in UTF-8, the first 0xD0-0xD3 (a byte that only ever
# leads a character); an ASCII letter is its own byte. So the letters of each script are
# counted by deleting every other byte, at C speed (no match per run of letters).
_NOT_CYRILLIC_LEAD = bytes(b for b in range(256) if not 0xD0 <= b <= 0xD3)
_NOT_LATIN = bytes(b for b in range(256) if not chr(b).isascii() or not chr(b).isalpha())


def language(text: str) -> Language:
    """ "ru" or "uk" when most letters are Cyrillic (told apart by the letters only one of
    them has), else "en"."""
    data = text.encode("utf-8", "surrogatepass")
    cyrillic = len(data.translate(None, _NOT_CYRILLIC_LEAD))
    if cyrillic <= len(data.translate(None, _NOT_LATIN)):
        return "en"
    ukrainian = sum(map(text.count, "іїєґІЇЄҐ"))
    return "uk" if ukrainian > sum(map(text.count, "ыэъёЫЭЪЁ")) else "ru"


def word_language(word: str) -> Language:
    """The language of one word: "uk" only when it has a letter Russian lacks."""
    if not _CYRILLIC.search(word):
        return "en"
    return "uk" if _UKRAINIAN_ONLY.search(word) else "ru"


@functools.cache
def analyzer(lang: Language) -> pymorphy3.MorphAnalyzer:
    """The language's analyser, whose ``parse`` is remembered word by word (as a tuple, so
    no caller can change what another gets): a dozen layers ask about the same words, and
    their own caches (lemmas, parses, speech verbs, likeliest readings) each read a word from
    the dictionary again, up to four times in all."""
    if lang == "en":
        raise ValueError("no morphology for English: its words are matched as written")
    morph = pymorphy3.MorphAnalyzer(lang=lang)
    read = morph.parse
    morph.parse = functools.lru_cache(maxsize=1 << 16)(lambda word: tuple(read(word)))
    return morph


@functools.lru_cache(maxsize=65536)
def lemmas(word: str, lang: Language) -> tuple[str, ...]:
    """Every dictionary form the word may be (lower case, most likely first): "Козинки" ->
    ("козинка",); an ambiguous form keeps each reading, so a match never depends on a guess."""
    if lang == "en":
        return (word.lower(),)
    seen: dict[str, None] = {}
    for parse in analyzer(lang).parse(word):
        seen.setdefault(parse.normal_form.replace("ё", "е"))
    return tuple(seen) or (word.lower(),)


def lemma(word: str, lang: Language) -> str:
    """The most likely dictionary form of ``word``."""
    return lemmas(word, lang)[0]


@functools.lru_cache(maxsize=4096)
def forms(word: str, lang: Language) -> frozenset[str]:
    """Every inflected form (lower case, ё read as е) of the dictionary word ``word``: "май"
    -> {"май", "мая", "мае", ...}. Closed word classes (numerals, months, units) are matched
    through these, a set lookup per word, instead of parsing every word of a long text."""
    found = {word.lower().replace("ё", "е")}
    for parse in analyzer(lang).parse(word):
        if parse.normal_form.replace("ё", "е") == word.lower().replace("ё", "е"):
            found.update(f.word.replace("ё", "е") for f in parse.lexeme)
    return frozenset(found)


@functools.lru_cache(maxsize=65536)
def is_noun(word: str, lang: Language) -> bool:
    """Whether the likeliest reading of ``word`` is a noun ("часов" in "около 14 часов"):
    a count's adjectives may stand between the number and what it counts, another noun not."""
    if lang == "en":
        return False
    parses = analyzer(lang).parse(word)
    return bool(parses) and parses[0].tag.POS == "NOUN"


@functools.lru_cache(maxsize=65536)
def lemma_set(word: str) -> frozenset[str]:
    """The word in lower case and every dictionary form it may be in Russian or Ukrainian
    (ё as е), for matching a word of either language against a list in dictionary form."""
    low = word.lower().replace("ё", "е")
    if not _CYRILLIC.search(word):
        return frozenset({low})
    return frozenset({low, *(w for lang in ("ru", "uk") for w in lemmas(word, lang))})  # type: ignore[misc]
