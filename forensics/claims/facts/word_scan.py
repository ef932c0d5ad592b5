"""A regex that starts with a word and a space, tried only at the Cyrillic words it may start
with, not at every character of the text.

The cues of places by context ("в районе", "у села", "под") are one IGNORECASE alternation of
a hundred or so cues; ``finditer`` tries it at each of a two-megabyte claim's characters, a
few tenths of a second, though a match can only begin with one of a few dozen words. The
words a match may begin with are read from the pattern itself (its parse tree, up to the
first space it requires), so a cue added to the pattern is found without a list kept beside
it. The text's distinct Cyrillic words are tested against them once each (:attr:`_Text.
cyrillic_at`), and the pattern is matched at the words kept, in text order, each after the
last match's end: the matches ``finditer`` gives, and nothing else.

A match may also begin where no Cyrillic word of the text starts: after an apostrophe or a
hyphen inside a word ("д'в"), or at a letter outside the Cyrillic block that the regex
engine takes for one in IGNORECASE (U+1C80, a rounded "в"). Such places are few and found by
a scan the regex engine runs at C speed; the pattern is tried at each of them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from re import _casefix, _parser  # type: ignore[attr-defined]
from typing import Any

from forensics.claims.facts.text import _HYPHENS, _Text

_C = _parser  # the parse tree's opcodes
_CYRILLIC = range(0x400, 0x500)
_SPACES = frozenset({(_C.CATEGORY, _C.CATEGORY_SPACE), (_C.LITERAL, 32), (_C.LITERAL, 0xA0)})
_RUN = re.compile(r"\w+")
# A letter inside a word after its apostrophe or hyphen: a Cyrillic word does not start there.
_INNER = re.compile(rf"[{_HYPHENS}'\u2019](?<=\w[{_HYPHENS}'\u2019])(?=[\u0400-\u04ff])")


class Unsupported(ValueError):
    """The pattern's first word is not a finite set of Cyrillic letters before a space."""


def matches_at_words(src: _Text, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(src.text, src.lo)``, tried only where one may begin.

    ``pattern`` must open with a look-behind that forbids a word character before it, and
    each of its alternatives with letters followed by a required space (see
    :func:`first_words`)."""
    may_start, odd = _first_word_test(pattern)
    words, text = src.cyrillic_words, src.text
    kept = src.cyrillic_where(lambda said: may_start(_RUN.match(said)[0]))  # type: ignore[index]
    positions = [words[i].start() for i in kept]
    positions += [m.end() for m in _INNER.finditer(text, src.lo)]
    if odd is not None:
        positions += [m.start() for m in odd.finditer(text, src.lo)]
    done = src.lo
    for pos in sorted({src.lo, *positions}):
        if pos < done:
            continue
        m = pattern.match(text, pos)
        if m is not None:
            done = max(m.end(), pos + 1)
            yield m


@functools.cache
def _first_word_test(
    pattern: re.Pattern[str],
) -> tuple[Callable[[str], object], re.Pattern[str] | None]:
    """A test of a word of the text (its first run of word characters) that passes every
    word a match may begin with, and a regex of the letters outside the Cyrillic block the
    engine may take for the first letter of one (None if there are none)."""
    firsts = first_words(pattern)
    test = re.compile("|".join(map(re.escape, sorted(firsts))), re.IGNORECASE).fullmatch
    letters = {ord(c) for word in firsts for c in (word[0].lower(), word[0].upper())}
    odd = {x for c in letters for x in _casefix._EXTRA_CASES.get(c, ())} - set(_CYRILLIC)
    return test, re.compile("[" + "".join(map(chr, sorted(odd))) + "]") if odd else None


def first_words(pattern: re.Pattern[str]) -> frozenset[str]:
    """Every word a match of ``pattern`` may begin with, as the pattern writes its letters:
    the letters from the match's start up to the first space the pattern requires there.

    Raises :class:`Unsupported` unless the pattern opens with a look-behind refusing a word
    character and each way through it reaches a space after a finite, non-empty run of
    Cyrillic letters (literals, sets of literals, optional parts and alternatives)."""
    tree = list(_parser.parse(pattern.pattern, pattern.flags))
    if not tree or tree[0][0] is not _C.ASSERT_NOT or not _refuses_word(tree[0][1]):
        raise Unsupported("no look-behind refusing a word character opens the pattern")
    states = _walk(tree[1:], {("", False)})
    words = {word for word, ended in states}
    if any(not ended for _, ended in states) or not all(
        word and all(ord(c) in _CYRILLIC for c in word) for word in words
    ):
        raise Unsupported("a way through the pattern has no Cyrillic word before a space")
    return frozenset(words)


def _refuses_word(av: Any) -> bool:
    direction, sub = av
    return direction == -1 and len(sub) == 1 and sub[0][0] is _C.IN and (
        (_C.CATEGORY, _C.CATEGORY_WORD) in sub[0][1])  # fmt: skip


State = set[tuple[str, bool]]  # (the letters so far, whether a space has ended the word)
Items = Any  # a parse tree's list of (opcode, argument)


def _walk(items: Items, states: State) -> State:
    for op, av in items:
        open_ = {word for word, ended in states if not ended}
        if not open_:
            break
        done = {s for s in states if s[1]}
        states = done | _step(op, av, open_)
    return states


def _step(op: Any, av: Any, open_: set[str]) -> State:
    if op is _C.LITERAL:
        return {(w + chr(av), False) for w in open_}
    if op is _C.IN:
        items = set(av)
        if items <= _SPACES:
            return {(w, True) for w in open_}
        if any(kind is not _C.LITERAL for kind, _ in items):
            raise Unsupported(f"a set other than of letters in a first word: {av}")
        return {(w + chr(c), False) for w in open_ for _, c in items}
    if op is _C.BRANCH:
        return {s for alt in av[1] for s in _walk(list(alt), {(w, False) for w in open_})}
    if op is _C.SUBPATTERN:
        return _walk(list(av[3]), {(w, False) for w in open_})
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
        low, high, sub = av
        space = len(sub) == 1 and sub[0][0] is _C.IN and set(sub[0][1]) <= _SPACES
        if space:
            return {(w, True) for w in open_} | ({(w, False) for w in open_} if low == 0 else set())
        if high == 1:
            after = _walk(list(sub), {(w, False) for w in open_})
            return after | ({(w, False) for w in open_} if low == 0 else set())
    if op in (_C.ASSERT, _C.ASSERT_NOT):
        return {(w, False) for w in open_}  # consumes nothing: the words stay as they are
    raise Unsupported(f"{op} in a first word")
