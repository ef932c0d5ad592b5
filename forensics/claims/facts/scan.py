"""Every match of many per-entry regexes in a long text, tried only where one can start.

The clause layers have one regex per speech verb or hedge (a hundred or so, Latin and
Cyrillic). Running each over a two-megabyte claim took seconds, nearly all of it spent at
positions where no alias can start. Every alias regex starts at a word's first letter (its
look-behind forbids a letter before it) with the letters of the alias's first word, so the
text's words are found once and each is tried only with the regexes whose aliases begin with
that word ("so-called" also with "socalled", as its regex allows). The matches are
those ``finditer`` would give for each regex on its own: in text order, none overlapping an
earlier match of the same regex.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from forensics.claims.facts.text import _HYPHENS, _QUOTES, _Text
from forensics.claims.facts.vocabulary import Entry

Patterns = Sequence[tuple[re.Pattern[str], Entry]]


def _keys(entry: Entry) -> set[str] | None:
    """The lower-case letters each alias starts with, up to its first other character, and
    its first word without hyphens; None when an alias may start elsewhere than at a letter
    (a quote, a "*")."""
    keys = set()
    for alias in entry.names():
        if not alias[:1].isalnum() or alias[:1] in _QUOTES:
            return None
        word = alias.split()[0].lower()
        keys.add(re.match(r"\w+", word).group())  # type: ignore[union-attr]
        keys.add(re.sub(f"[{_HYPHENS}]", "", word))
    return keys


def matches(src: _Text, patterns: Patterns) -> Iterator[tuple[re.Match[str], Entry]]:
    """(match, entry) for every match of every pattern in the body, grouped by pattern. Each
    pattern is tried at the words its aliases start with, in text order; the text's words
    are found once (:attr:`_Text.word_runs`) and each distinct one looked up once."""
    index: dict[str, list[int]] = {}
    found: dict[int, list[re.Match[str]]] = {}
    for number, (pattern, entry) in enumerate(patterns):
        keys = _keys(entry)
        if keys is None:  # rare: scan the whole text with this one
            found[number] = list(pattern.finditer(src.text, src.lo))
            continue
        for key in keys:
            index.setdefault(key, []).append(number)
    numbers_of: dict[str, list[int]] = {}  # a run as written -> its patterns, once per run

    def known(run: str) -> bool:
        numbers_of[run] = index.get(run.lower(), [])
        return bool(numbers_of[run])

    for pos, run in src.runs_where(known):
        for number in numbers_of[run]:
            earlier = found.get(number)
            if earlier and pos < earlier[-1].end():
                continue
            m = patterns[number][0].match(src.text, pos)
            if m is not None and m.end() > pos:
                found.setdefault(number, []).append(m)
    for number in sorted(found):
        yield from ((m, patterns[number][1]) for m in found[number])
