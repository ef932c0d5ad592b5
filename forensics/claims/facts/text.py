"""The claim text as the extractors read it, and the span helpers every layer shares.

:func:`_read` finds the text's URLs, double-quoted passages and sentences once, as sorted span
lists, and keeps a copy with the quotations blanked out; each layer then asks "is this inside
a quotation?" or "which sentence is this in?" with a bisection instead of a rescan.
:func:`_longest` resolves overlapping matches within a layer, :class:`_InOrder` finds facts by
position. The typographic variants claims use (hyphens, apostrophes, quote marks) are defined
here once, for the vocabulary's alias regexes as much as for the reader.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter
from typing import Protocol, TypeVar

from forensics.claims.facts.fact import Fact
from forensics.claims.facts.morphology import Language, language

# Typographic variants claims use, written as escapes to keep this file plain ASCII.
_HYPHENS = "-\u2010\u2011\u2013"  # hyphen-minus, hyphen, non-breaking hyphen, en dash
_APOSTROPHES = "'\u2019"
_OPENING = '"\u201c\u00ab'
_CLOSING = '"\u201d\u00bb'
_DOUBLE_QUOTES = '"\u201c\u201d\u00ab\u00bb'
_QUOTES = _DOUBLE_QUOTES + "'\u2018\u2019"
# A word of a name: letters and digits, inner hyphens and apostrophes (Гора-Подол, Куп'янськ).
WORD = re.compile(rf"\w+(?:[{_HYPHENS}'\u2019]\w+)*")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Where a match of WORD starts: not after a word character, nor after one and a hyphen or an
# apostrophe (the body's start follows the front matter's newline).
WORD_START = rf"(?<!\w)(?<!\w[{_HYPHENS}'\u2019])"
# The matches of WORD that start with a Cyrillic letter.
_CYRILLIC_WORD = re.compile(rf"{WORD_START}(?=[\u0400-\u04ff])\w+(?:[{_HYPHENS}'\u2019]\w+)*")
_RUN = re.compile(r"(\w+)")  # a maximal run of word characters, kept by split
_DIGITS = re.compile(r"\d+")
_ANY_QUOTE = re.compile(f"[{_QUOTES}]")
_FAR = 1 << 62  # past any offset, for bisecting (start, end) pairs


@dataclass(frozen=True)
class _Text:
    """The source and where its URLs, quotations and sentences are; ``lo`` is where the body
    starts. Span lists are sorted, so lookups bisect."""

    text: str
    lo: int
    urls: tuple[tuple[int, int], ...]
    quotes: tuple[tuple[int, int], ...]
    sentences: tuple[tuple[int, int], ...]
    masked: str  # the text with its quotations blanked out, offsets kept

    def in_url(self, start: int, end: int) -> bool:
        span = _span_at(self.urls, start)
        return span is not None and end <= span[1]

    def in_quote(self, pos: int) -> bool:
        span = _span_at(self.quotes, pos)
        return span is not None and span[0] < pos < span[1] - 1

    def quote_holding(self, start: int, end: int) -> tuple[int, int] | None:
        """The quotation (its marks included) whose words hold ``start:end``, if any."""
        index = bisect_right(self.quotes, (start, len(self.text) + 1)) - 1
        if index < 0:
            return None
        q_start, q_end = self.quotes[index]
        return (q_start, q_end) if q_start < start and end <= q_end - 1 else None

    def sentence(self, pos: int) -> tuple[int, int]:
        return _span_at(self.sentences, pos) or (pos, pos)

    def previous_sentence(self, pos: int) -> tuple[int, int] | None:
        index = bisect_right(self.sentences, (pos, _FAR)) - 2
        return self.sentences[index] if index >= 0 else None

    def unquoted(self, start: int, end: int) -> str:
        return self.masked[start:end]

    @cached_property
    def lang(self) -> Language:
        """The body's language ("ru", "uk" or "en"), worked out once for every layer."""
        return language(self.text[self.lo :])

    @cached_property
    def latin(self) -> LatinView:
        """The body's stretches with Latin letters or digits (:class:`LatinView`)."""
        return LatinView(self.text, self.lo)

    @cached_property
    def cyrillic_words(self) -> tuple[re.Match[str], ...]:
        """The body's words that start with a Cyrillic letter, in order: found once for the
        layers that read names word by word."""
        return tuple(_CYRILLIC_WORD.finditer(self.text, self.lo))

    @cached_property
    def cyrillic_said(self) -> tuple[str, ...]:
        """The words of :attr:`cyrillic_words` as written, in the same order."""
        return tuple(m.group() for m in self.cyrillic_words)

    @cached_property
    def word_runs(self) -> tuple[list[int], list[str]]:
        """Where each run of word characters in the body starts, and the run, in order: found
        once, at C speed (a split and a running sum, no match objects)."""
        parts = _RUN.split(self.text)  # runs at odd indices, from the text's start
        starts = list(itertools.islice(itertools.accumulate(map(len, parts)), 0, len(parts) - 1, 2))
        first = bisect_left(starts, self.lo)
        return starts[first:], parts[2 * first + 1 :: 2]

    @cached_property
    def digit_starts(self) -> list[int]:
        """Where each run of digits in the body starts (or the body, inside one), in order."""
        return [m.start() for m in _DIGITS.finditer(self.text, self.lo)]

    @cached_property
    def run_at(self) -> dict[str, list[int]]:
        """Each distinct run of :attr:`word_runs` -> where it starts, in order."""
        return _where_each(self.word_runs[1], self.word_runs[0])

    def runs_where(self, keep: Callable[[str], object]) -> list[tuple[int, str]]:
        """(start, run) of the :attr:`word_runs` ``keep`` accepts (asked once per distinct
        run, from :attr:`run_at`: it must depend on the run alone), in text order."""
        return sorted((pos, run) for run in self.run_at if keep(run) for pos in self.run_at[run])

    def starts_where(self, keep: Callable[[str], object]) -> list[int]:
        """The starts alone of :meth:`runs_where`: sorting plain offsets is faster."""
        return sorted(itertools.chain.from_iterable(v for r, v in self.run_at.items() if keep(r)))

    def cyrillic_before(
        self, keep: Callable[[str], object], keep_next: Callable[[str], object]
    ) -> list[int]:
        """:meth:`cyrillic_where` of ``keep``, only where the next Cyrillic word is one
        ``keep_next`` accepts (each asked once per distinct word)."""
        nexts = set(self.cyrillic_where(keep_next))
        return [i for i in self.cyrillic_where(keep) if i + 1 in nexts]

    @cached_property
    def cyrillic_at(self) -> dict[str, list[int]]:
        """Each distinct word of :attr:`cyrillic_said` -> its indices, in order."""
        return _where_each(self.cyrillic_said, range(len(self.cyrillic_said)))

    def cyrillic_where(self, keep: Callable[[str], object]) -> list[int]:
        """The indices into :attr:`cyrillic_words` of the words ``keep`` accepts, in order,
        asking it once per distinct word: a long claim repeats its words, and a layer that
        tested each occurrence in a Python loop took a large share of the time on two
        megabytes. The indices come from :attr:`cyrillic_at`, so no call walks every word
        again. ``keep`` must depend on the word alone."""
        at = self.cyrillic_at
        kept = [at[word] for word in at if keep(word)]
        return list(kept[0]) if len(kept) == 1 else sorted(itertools.chain.from_iterable(kept))


def _where_each(words: Iterable[str], places: Iterable[int]) -> dict[str, list[int]]:
    """Each distinct word -> the places it stands at (zipped with ``words``), in order."""
    at: dict[str, list[int]] = {}
    for word, place in zip(words, places, strict=True):
        at.setdefault(word, []).append(place)
    return at


_JOINER = "\u0436"  # a Cyrillic letter: a word character, as the letters it stands for
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9@]+")
_NOT_CYRILLIC = re.compile(r"[^\u0400-\u04ff]*")


class LatinView:
    """The stretches of a Cyrillic text that hold Latin letters or digits, joined by one
    Cyrillic letter each, with their offsets in the text.

    A Latin alias (Telegram, BMP-2, 2S4) never spans a Cyrillic letter, so scanning only these
    stretches finds every match the whole text has, in a small part of the time: each alias
    has its own regex, and two hundred of them over two megabytes of Cyrillic took seconds.
    The joining letter is a word character, as the Cyrillic letter it replaces was.
    """

    def __init__(self, text: str, lo: int) -> None:
        runs: list[tuple[int, int]] = []
        for m in _LATIN_OR_DIGIT.finditer(text, lo):
            if runs and m.start() < runs[-1][1]:
                continue
            start = m.start()
            floor = runs[-1][1] if runs else lo
            while start > floor and not _CYRILLIC.match(text, start - 1):
                start -= 1
            end = _NOT_CYRILLIC.match(text, m.end())
            runs.append((start, end.end() if end else m.end()))
        self.text = _JOINER.join(text[s:e] for s, e in runs)
        self.starts: list[int] = []  # where each run starts in the view
        self.origins = [s for s, _ in runs]
        at = 0
        for s, e in runs:
            self.starts.append(at)
            at += e - s + 1

    def original(self, pos: int) -> int:
        """The offset in the text of a position in the view."""
        run = bisect_right(self.starts, pos) - 1
        return self.origins[run] + pos - self.starts[run]


def latin_matches(src: _Text, pattern: re.Pattern[str]) -> Iterator[tuple[int, int, re.Match[str]]]:
    """(start, end, match) of every match of a pattern that never spans a Cyrillic letter
    (English dates, lengths), with offsets in the text: over the whole body of an English
    text, over its Latin view in a Russian or Ukrainian one, which holds every such match."""
    if src.lang == "en":
        yield from ((m.start(), m.end(), m) for m in pattern.finditer(src.text, src.lo))
        return
    view = src.latin
    for m in pattern.finditer(view.text):
        if m.end() > m.start() and _JOINER not in m.group():
            yield view.original(m.start()), view.original(m.end() - 1) + 1, m


def _span_at(spans: tuple[tuple[int, int], ...], pos: int) -> tuple[int, int] | None:
    index = bisect_right(spans, (pos, _FAR)) - 1
    return spans[index] if index >= 0 and spans[index][0] <= pos < spans[index][1] else None


# The lookbehind starts a bare domain only where a word starts: without it a long run of
# letters and hyphens is rescanned from every inner word boundary (quadratic).
MAX_SENTENCE = 2_000  # characters
_URL = re.compile(
    r"(?:https?://|www\.)\S+|(?<![\w-])(?:[\w-]+\.)+(?:com|org|net|ru|ua|me|be|io|tv)/\S*"
)
# A sentence ends before a capital of either script or a digit (Russian and Ukrainian claims
# are read with the same sentences as English ones).
_SENTENCE_END = re.compile(r"[.!?\u2026]+[\"\u201d\u2019\u00bb)]*"
                           r"(?=\s+[\"\u201c\u00ab(]?[A-Z0-9\u0410-\u042f\u0401\u0404\u0406\u0407\u0490]"
                           r"|\s*$)|\n[ \t]*\n")  # fmt: skip
_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "st", "lt", "gen", "col", "maj", "capt",
                            "sgt", "no", "vs", "jr", "sr", "gov", "sen", "rep", "a.m", "p.m",
                            "u.s", "e.g", "i.e", "jan", "feb", "aug", "sept", "sep", "oct", "nov",
                            "dec",
                            # Russian and Ukrainian: village, settlement, year, street, region,
                            # named after, general, "that is", "and so on", thousand, million
                            "\u0441", "\u043f", "\u0433", "\u0433\u0433", "\u0443\u043b",
                            "\u043e\u0431\u043b", "\u0438\u043c",
                            "\u0433\u0435\u043d", "\u0442.\u0435",
                            "\u0442.\u0434", "\u0442.\u043a", "\u0442.\u043f", "\u0441\u043c\u0442",
                            "\u043f\u0433\u0442", "\u043c\u043b\u043d", "\u043c\u043b\u0440\u0434",
                            "\u0442\u044b\u0441", "\u0441\u0442"})  # fmt: skip


# What every URL holds: a scheme, "www." or a domain's ending before a slash. A URL never
# spans white space, so it is sought only in the runs of other characters that hold one.
_URL_ANCHOR = re.compile(r"://|www\.|\.(?:com|org|net|ru|ua|me|be|io|tv)/")
_SPACE = re.compile(r"\s")


def _url_matches(text: str, lo: int) -> Iterator[re.Match[str]]:
    """The matches of ``_URL.finditer(text, lo)``, found by running it only over the runs of
    non-space characters that hold an anchor (a claim of two megabytes may have none: it
    was tried at every word start, a seventh of a second)."""
    done = lo
    for anchor in _URL_ANCHOR.finditer(text, lo):
        if anchor.start() < done:
            continue  # in the run just read
        start = anchor.start()
        while start > done and not text[start - 1].isspace():  # back to the run's start
            start -= 1
        space = _SPACE.search(text, anchor.end())
        done = space.start() if space else len(text)
        yield from _URL.finditer(text, start, done)


def _read(text: str, lo: int) -> _Text:
    urls = tuple(
        (m.start(), m.start() + len(m.group().rstrip(".,;:)" + _CLOSING)))
        for m in _url_matches(text, lo)
    )
    quotes = _quotations(text, lo)
    parts, done = [], 0  # the text with its quotations blanked, joined from slices
    for s, e in quotes:
        parts += [text[done:s], " " * (e - s)]
        done = e
    masked = "".join([*parts, text[done:]])
    return _Text(text, lo, urls, quotes, _sentences(text, lo, quotes), masked)


def _quotations(text: str, lo: int) -> tuple[tuple[int, int], ...]:
    """Double-quoted passages (straight, curly or guillemets). A blank line closes an
    unbalanced one, so a stray quote mark cannot swallow the rest of the claim."""
    spans, opened = [], None
    for m in re.finditer(rf"[{_DOUBLE_QUOTES}]|\n[ \t]*\n", text[lo:]):
        mark, pos = m.group(), lo + m.start()
        if mark.startswith("\n"):
            opened = None
        elif opened is None and mark in _OPENING:
            opened = pos
        elif opened is not None and mark in _CLOSING:
            spans.append((opened, pos + 1))
            opened = None
    return tuple(spans)


def _sentences(
    text: str, lo: int, quotes: tuple[tuple[int, int], ...]
) -> tuple[tuple[int, int], ...]:
    """Sentence spans. A quotation of several sentences stays in the sentence that attributes
    it ('"... We will return," it said.'); "Lt." and "U.S." end nothing; blank lines always do."""
    ends = []
    for m in _SENTENCE_END.finditer(text, lo):
        if m.group().startswith("\n"):
            ends.append(m.start())
            continue
        inside = _span_at(quotes, m.end()) is not None
        if not (inside or _abbreviation_before(text, lo, m.start())):
            ends.append(m.end())
    spans, start = [], lo
    for end in [*ends, len(text)]:
        chunk = text[start:end]
        s = start + len(chunk) - len(chunk.lstrip())
        e = s + len(text[s:end].rstrip())
        # No real sentence runs this long; text without stops must not make every clause
        # search look back over the whole text (quadratic on hostile input).
        for cut in range(s, e, MAX_SENTENCE):
            spans.append((cut, min(e, cut + MAX_SENTENCE)))
        start = end
    return tuple(spans)


def _abbreviation_before(text: str, lo: int, period: int) -> bool:
    """ "Lt." or an initial as in "Vladimir V. Putin", not "posted on X." ending a sentence."""
    word = re.search(r"(\S*?)(?:^|\s)([\w.]+)\.$", text[max(lo, period - 20) : period + 1])
    if word is None:
        return False
    initial = len(word[2]) == 1 and word[2].isupper() and word[1][:1].isupper()
    return word[2].lower() in _ABBREVIATIONS or initial


def _is_quote_mark(text: str, i: int) -> bool:
    inside_word = 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()
    return text[i] in _QUOTES and not inside_word


def _balanced(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span by one quote mark when it holds an odd number: `"Liberty of Russia" Legion`,
    `2S4 'Tyulpan'`. An apostrophe inside a word is no quote mark."""
    if _ANY_QUOTE.search(text, start, end) is None:  # most names: nothing to count
        return start, end
    if sum(1 for i in range(start, end) if _is_quote_mark(text, i)) % 2:
        if start > 0 and _is_quote_mark(text, start - 1):
            return start - 1, end
        if end < len(text) and _is_quote_mark(text, end):
            return start, end + 1
    return start, end


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


_T = TypeVar("_T", bound=_Spanned)


def _longest(items: Iterable[_T], size: int) -> list[_T]:
    """Of overlapping spans keep the longest, in text order; between spans of equal length the
    one listed first wins. A mask of taken characters keeps this linear."""
    listed = list(items)
    lengths = [it.start - it.end for it in listed]
    taken = bytearray(size)
    kept = []
    for i in sorted(range(len(listed)), key=lengths.__getitem__):  # stable: ties keep order
        item = listed[i]
        if taken.find(1, item.start, item.end) < 0:  # no character of it taken (at C speed)
            taken[item.start : item.end] = b"\x01" * (item.end - item.start)
            kept.append(item)
    return sorted(kept, key=attrgetter("start"))


class _InOrder:
    """Facts in text order, looked up by position with a bisection rather than a scan."""

    def __init__(self, facts: Iterable[Fact]) -> None:
        self.facts = sorted(facts, key=lambda f: f.start)
        self.starts = [f.start for f in self.facts]

    def within(self, lo: int, hi: int) -> list[Fact]:
        """The facts that start at or after lo and end by hi."""
        first, last = bisect_left(self.starts, lo), bisect_left(self.starts, hi)
        return [f for f in self.facts[first:last] if f.end <= hi]

    def last_before(self, pos: int, wanted: Callable[[Fact], bool]) -> Fact | None:
        for index in range(bisect_left(self.starts, pos) - 1, -1, -1):
            if self.facts[index].end <= pos and wanted(self.facts[index]):
                return self.facts[index]
        return None


def _spans_within(spans: tuple[tuple[int, int], ...], lo: int, hi: int) -> list[tuple[int, int]]:
    first, last = bisect_left(spans, (lo, 0)), bisect_left(spans, (hi, 0))
    return [span for span in spans[first:last] if span[1] <= hi]
