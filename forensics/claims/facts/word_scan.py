"""A regex whose matches start at a word, tried only at the words of the text it may start
with, not at every character.

The cues of places by context ("в районе", "у села", "под") are one IGNORECASE alternation of
a hundred or so cues; ``finditer`` tries it at each of a two-megabyte claim's characters, a
few tenths of a second, though a match can only begin with one of a few dozen words. The
words a match may begin with are read from the pattern itself (its parse tree): a word the
pattern ends with a space or a look-ahead refusing a word character is exact ("в", "у
села"'s "у"), one it goes on with something else is a prefix ("позавчерашн" of
"позавчерашн[а-я]{1,3}"). So a cue added to a pattern is found without a list kept beside
it. The text's runs of word characters are found once (:attr:`_Text.word_runs`), each
distinct one tested once, and the pattern is matched at the runs kept, in text order, each
after the last match's end: the matches ``finditer`` gives, and nothing else, because the
pattern's look-behind refuses a word character before a match, so every match starts a run.

A way through the pattern that opens with a digit ("22 мая", "в ночь на 1 июня") keeps every
run that starts with one. A pattern whose look-behind refuses only digits and marks
(``(?<![\\d.,])\\d{4}``), every way opening with a digit, is tried at the starts of the text's
runs of digits instead (:attr:`_Text.digit_starts`): a match there can start nowhere else.
One with no such look-behind, every way opening with a word it writes ("дня назад", which
"полдня назад" holds), is tried where those words start inside each distinct run.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from re import _casefix, _parser  # type: ignore[attr-defined]
from typing import Any, NamedTuple

from forensics.claims.facts.text import _Text

_C = _parser  # the parse tree's opcodes
_SPACES = frozenset({(_C.CATEGORY, _C.CATEGORY_SPACE), (_C.LITERAL, 32), (_C.LITERAL, 0xA0)})
_RUN = re.compile(r"\w+")


class Unsupported(ValueError):
    """The pattern may start a match elsewhere than at a run of word characters it names."""


def matches_at_words(src: _Text, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(src.text, src.lo)``, tried only where one may begin.

    ``pattern`` must open with a look-behind that refuses a word character before it, and
    each way through it with a word character (see :func:`first_words`), or be one of the two
    kinds the module's docstring names last; any other pattern is matched by ``finditer``
    itself, so a pattern edited past what the parse tree proves costs time, never a fact."""
    if (may_start := _first_word_test(pattern)) is not None:
        starts = src.starts_where(may_start)
    elif _digit_led(pattern):
        starts = src.digit_starts
    elif (inner := _inner_words(pattern)) is not None:
        starts = _inner_starts(src, inner)
    else:
        yield from pattern.finditer(src.text, src.lo)
        return
    text, done = src.text, src.lo
    for pos in starts:
        if pos < done:
            continue
        m = pattern.match(text, pos)
        if m is not None:
            done = max(m.end(), pos + 1)
            yield m


@functools.cache
def _first_word_test(pattern: re.Pattern[str]) -> Callable[[str], object] | None:
    """A test that passes every run of word characters a match of ``pattern`` may begin; None
    when the pattern is not one :func:`first_words` can read."""
    try:
        exact, prefixes, digits = first_words(pattern)
    except Unsupported:
        return None
    alternatives = [f"(?:{'|'.join(map(re.escape, sorted(words)))}){end}"
                    for words, end in ((exact, r"\Z"), (prefixes, "")) if words]  # fmt: skip
    case = re.IGNORECASE if _ignores_case(pattern) else 0  # "[А-Я]" keeps capitals alone
    return re.compile("|".join(alternatives + [r"\d"] * digits), case).match


# An inline flag group that turns IGNORECASE on: "(?i)", "(?i:", "(?ai-s:" (read from the
# text, so an escaped "\(?i" only makes the test ignore case too, which keeps every run).
_INLINE_IGNORECASE = re.compile(r"\(\?[aiLmsux]*i[aiLmsux]*[-:)]")


def _ignores_case(pattern: re.Pattern[str]) -> bool:
    return bool(pattern.flags & re.IGNORECASE) or bool(_INLINE_IGNORECASE.search(pattern.pattern))


class Words(NamedTuple):
    """The words a match may begin with: exact, prefixes, and whether any run that starts
    with a digit may begin one."""

    exact: frozenset[str]
    prefixes: frozenset[str]
    digits: bool


def first_words(pattern: re.Pattern[str]) -> Words:
    """The words a match of ``pattern`` may begin with (exact: a space, or a look-ahead that
    refuses a word character, ends them) and the prefixes of the others, as the pattern
    writes their letters; a word is cut before any other character than a word's. A way
    that opens with a digit class (``\\d``, ``[0-9]``) sets ``digits``.

    Raises :class:`Unsupported` unless the pattern opens with a look-behind refusing a word
    character and every way through it starts with a word character that the engine, which
    may ignore case, matches only to word characters."""
    tree = _opening(pattern, _C.CATEGORY_WORD)
    exact: set[str] = set()
    prefixes: set[str] = set()
    ways = _walk(tree[1:], {("", _OPEN)})  # a word still open at the end: cut
    for word, end in ways - {(_DIGIT, _CUT)}:
        part = _letters(word)
        cut = not part or len(part) < len(word) or end != _EXACT
        (prefixes if cut else exact).add(part)
    if "" in prefixes or not all(_only_words(w[0]) for w in exact | prefixes):
        raise Unsupported("a match may start elsewhere than at a word character")
    return Words(frozenset(exact), frozenset(prefixes), (_DIGIT, _CUT) in ways)


@functools.cache
def _inner_words(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """For a pattern that may match inside a word ("дня назад" in "полдня назад"), every way
    opening with a word it writes: a regex that finds, in a run of word characters, each
    offset where one of those words (cut to its letters) starts. None for any other."""
    if pattern.flags & re.ASCII:
        return None
    words = set()
    for word, _ in _walk(list(_parser.parse(pattern.pattern, pattern.flags)), {("", _OPEN)}):
        part = _letters(word) if word != _DIGIT else ""
        if not part:
            return None
        words.add(part)
    case = re.IGNORECASE if _ignores_case(pattern) else 0
    return re.compile(f"(?=(?:{'|'.join(map(re.escape, sorted(words)))}))", case)


def _inner_starts(src: _Text, inner: re.Pattern[str]) -> list[int]:
    """Where a word of ``inner`` starts in the body: in each distinct run of word characters,
    looked for once, and in the part of a run the body starts inside."""
    starts, at = src.word_runs[0], src.run_at
    first = starts[0] if starts else len(src.text)  # before it: the rest of a run, or none
    head = [m.start() for m in inner.finditer(src.text, src.lo, first)]
    offsets = {run: [m.start() for m in inner.finditer(run)] for run in at}
    kept = [(at[run], ks) for run, ks in offsets.items() if ks]
    return head + sorted(pos + k for positions, ks in kept for pos in positions for k in ks)


@functools.cache
def _digit_led(pattern: re.Pattern[str]) -> bool:
    """Whether ``pattern`` opens with a look-behind refusing every digit and every way through
    it with a decimal digit: then a match starts only where a run of digits does."""
    try:
        tree = _opening(pattern, _C.CATEGORY_DIGIT)
    except Unsupported:
        return False
    ways = _walk(tree[1:], {("", _OPEN)})
    return all(word == _DIGIT or word[:1].isdecimal() for word, _ in ways)


def _opening(pattern: re.Pattern[str], category: Any) -> list[Any]:
    """The pattern's parse tree, once it is known to open with a look-behind refusing every
    character of ``category`` (a word's, or a digit's, which a word's holds)."""
    if pattern.flags & re.ASCII:  # "\w" and "\d" of the look-behind would not be the runs'
        raise Unsupported("an ASCII pattern")
    tree = list(_parser.parse(pattern.pattern, pattern.flags))
    behind = tree[0][1] if tree and tree[0][0] is _C.ASSERT_NOT else None
    if behind is None or not (_refuses(behind, -1) or _refuses(behind, -1, category)):
        raise Unsupported("no look-behind refusing a word character opens the pattern")
    return tree


def _taken_for(char: str) -> set[str]:
    """The characters the engine, ignoring case, may match to ``char`` (and ``char``)."""
    same = {char, char.lower(), char.upper()}
    extra = _casefix._EXTRA_CASES
    return same | {chr(x) for c in same if len(c) == 1 for x in extra.get(ord(c), ())}


def _may_be_word(code: int) -> bool:
    """Whether the engine may match a word character to the character ``code``."""
    return any(_RUN.fullmatch(c) for c in _taken_for(chr(code)))


@functools.lru_cache(maxsize=1 << 12)
def _only_words(first: str) -> bool:
    """Whether every character the engine may take for ``first`` is a word character."""
    return all(_RUN.fullmatch(c) for c in _taken_for(first))


def _letters(word: str) -> str:
    """The start of ``word`` up to its first character that the engine may take for one that
    is no word character (a mark, a space; iota, which ignoring case matches U+0345): a
    match's word in the text may end there, so the rest tells nothing."""
    for i, char in enumerate(word):
        if not _only_words(char):
            return word[:i]
    return word


def _refuses(av: Any, direction: int, category: Any = _C.CATEGORY_WORD) -> bool:
    way, sub = av
    return way == direction and len(sub) == 1 and sub[0][0] is _C.IN and (
        (_C.CATEGORY, category) in sub[0][1])  # fmt: skip


def _digit_class(op: Any, av: Any) -> bool:
    """Whether the item matches only decimal digits, one or more (``\\d``, ``[0-9]``,
    ``\\d{4}``)."""
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
        return av[0] >= 1 and bool(av[2]) and _digit_class(*av[2][0])
    return op is _C.IN and all(
        (kind, c) == (_C.CATEGORY, _C.CATEGORY_DIGIT)
        or (kind is _C.RANGE and 48 <= c[0] <= c[1] <= 57)
        or (kind is _C.LITERAL and 48 <= c <= 57)
        for kind, c in av)  # fmt: skip


_OPEN, _EXACT, _CUT = 0, 1, 2  # a word still read; ended by a space; cut by something else
_DIGIT = "\\d"  # a way that opens with any decimal digit (no word: a backslash is none)
State = set[tuple[str, int]]
Items = Any  # a parse tree's list of (opcode, argument)


def _walk(items: Items, states: State) -> State:
    for op, av in items:
        open_ = {word for word, end in states if end == _OPEN}
        if not open_:
            break
        states = {s for s in states if s[1] != _OPEN} | _step(op, av, open_)
    return states


def _step(op: Any, av: Any, open_: set[str]) -> State:
    if "" in open_ and _digit_class(op, av):  # nothing read yet, and a digit comes
        return {(_DIGIT, _CUT)} | (_step(op, av, open_ - {""}) if len(open_) > 1 else set())
    literals = _literals(op, av)
    if (op is _C.IN and set(av) <= _SPACES) or (literals and not any(map(_may_be_word, literals))):
        return {(w, _EXACT) for w in open_}  # a space or a mark: the run of letters ends
    if literals and len(open_) * len(literals) <= _MAX_WORDS:
        return {(w + chr(c), _OPEN) for w in open_ for c in literals}
    if op is _C.BRANCH:
        return {s for alt in av[1] for s in _walk(list(alt), _opened(open_))}
    if op is _C.SUBPATTERN:
        return _walk(list(av[3]), _opened(open_))
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT) and (av[0] >= 1 or av[1] == 1):
        low, high, sub = av
        if len(sub) == 1 and sub[0][0] is _C.IN and set(sub[0][1]) <= _SPACES:
            return {(w, _EXACT) for w in open_}  # "\s+": the word ends
        if high == 1:  # optional: with it or without it
            return _walk(list(sub), _opened(open_)) | (_opened(open_) if low == 0 else set())
    if op is _C.ASSERT_NOT and _refuses(av, 1):
        return {(w, _EXACT) for w in open_}  # "(?![\w-])": the word ends
    if op in (_C.ASSERT, _C.ASSERT_NOT):
        return _opened(open_)  # consumes nothing
    return {(w, _CUT) for w in open_}  # anything else: what is read so far is a prefix


_MAX_CLASS = 64  # characters of a class read letter by letter ("[А-ЯЁІЇЄҐ]": 37)
_MAX_WORDS = 4096  # words read at once; past it, what is read so far is a prefix


def _literals(op: Any, av: Any) -> list[int] | None:
    """The characters a literal or a small class of literals and ranges matches, as the
    pattern writes them; None for anything else."""
    if op is _C.LITERAL:
        return [av]
    if op is not _C.IN or not all(kind in (_C.LITERAL, _C.RANGE) for kind, _ in av):
        return None
    chars = [c for kind, c in av if kind is _C.LITERAL]
    chars += [c for kind, r in av if kind is _C.RANGE for c in range(r[0], r[1] + 1)]
    return chars if len(chars) <= _MAX_CLASS else None


def _opened(words: set[str]) -> State:
    return {(w, _OPEN) for w in words}
