"""A person named in full once and by the surname alone after ("Мэр Сергей Трофимец заявил
... Позже Трофимец добавил"; "За словами Тараса Кульчицького ... Кульчицький наголосив").

News and posts name a speaker in full at the first mention and by the surname after it; the
later mention is the same actor (his value, role and side), so that the statement it makes
is his. The surname is matched by its dictionary forms (pymorphy3), so any case finds it
("по словам Трофимца"), and only after the full name: a surname before it is not yet known
to the reader. A capitalised word that is also a common word in its likeliest reading
("Коваль", "Волк" at a sentence's start) is left alone.
"""

from __future__ import annotations

import functools

from forensics.claims.facts.fact import Fact
from forensics.claims.facts.morphology import analyzer, lemma_set, word_language
from forensics.claims.facts.text import _Text


def surnames_alone(src: _Text, people: list[Fact], mask: bytearray) -> list[Fact]:
    """Mentions by the surname alone of the persons in ``people`` (found in full by
    :mod:`actors_cyr`) that ``mask`` leaves free, each valued as its person."""
    first_by_lemma: dict[str, Fact] = {}
    for person in sorted(people, key=lambda f: f.start):
        words = person.text.split()
        if person.kind != "actor" or len(words) != 2 or (person.detail or {}).get("type") \
                not in ("person", "official"):  # fmt: skip
            continue
        for lemma in lemma_set(words[1]):
            first_by_lemma.setdefault(lemma, person)
    if not first_by_lemma:
        return []
    keys = frozenset(first_by_lemma)
    out = []
    for i in src.cyrillic_where(lambda w: _surname_like(w) and bool(lemma_set(w) & keys)):
        m = src.cyrillic_words[i]
        if any(mask[m.start() : m.end()]) or _after_a_capital(src, i):
            continue
        named = next((first_by_lemma[lemma] for lemma in sorted(lemma_set(m.group()) & keys)
                      if first_by_lemma[lemma].end <= m.start()), None)  # fmt: skip
        if named is None:
            continue
        mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
        out.append(Fact("actor", named.value, m.group(), m.start(), m.end(), named.detail))
    return out


def _after_a_capital(src: _Text, i: int) -> bool:
    """Whether the word before is a capitalised word right beside it, not one that opens
    the sentence ("Позже Трофимец"): a first name, so the two are a full name, read by
    :mod:`actors_cyr` (or another person)."""
    if i == 0:
        return False
    prev, word = src.cyrillic_words[i - 1], src.cyrillic_words[i]
    if not prev.group()[:1].isupper() or src.text[prev.end() : word.start()] != " ":
        return False
    return src.sentence(prev.start())[0] != prev.start()


@functools.lru_cache(maxsize=1 << 14)
def _surname_like(word: str) -> bool:
    """Capitalised, and not a common word in its likeliest reading."""
    if not (word[:1].isupper() and word[1:].islower()):
        return False
    lang = word_language(word)
    morph = analyzer("uk" if lang == "uk" else "ru")
    parses = morph.parse(word)
    if not parses or not morph.word_is_known(word.lower()):
        return True
    return bool({"Surn", "Name"} & set(str(parses[0].tag).replace(" ", ",").split(",")))
