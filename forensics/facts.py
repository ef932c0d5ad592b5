"""The facts a claim asserts, each tied to the exact span of text it came from.

A claim about a combat video names dates, the footage's length, places, actors, equipment, the
platform it was posted on, counts of people and things, who said what, and hedges such as
"has not been independently verified". The report checks these against the evidence, so each
fact carries a normalised ``value`` (an ISO date, seconds, a canonical name, an integer) and
``text == source[start:end]``, so the claim can be highlighted exactly as it was published.

Design:

* Vocabulary is data. Places with coordinates, actors with their side and type, equipment,
  platforms, countable nouns, speech verbs and hedge phrases live in TOML files in
  ``forensics/vocab/`` (format in its README). Folders named by ``FORENSICS_VOCAB`` extend or
  override entries by canonical name. The code knows only English grammar: numbers, months,
  weekdays, relative-day words, sentence and clause boundaries.
* Three layers, each resolved on its own. Names (place, actor, equipment, platform): every
  alias of every entry is matched and the longest match wins, so "Novaya Tavolzhanka" is one
  place and "Russian Volunteer Corps" one actor. Numbers (date, duration, count): dates and
  durations win over counts. Clauses (statement, hedge) span a sentence or a phrase and hold
  facts of the other layers. Facts of one layer never overlap; facts of two layers may.
* Nothing is guessed. A weekday or "the next day" is resolved only against a date the caller
  or the text gives (publication date, dateline, the previous date mentioned), else dropped; a
  number becomes a count only with a countable noun after it; "dozens" is never a number; a
  statement needs a speaker the text names or clearly refers back to.

Kinds, their value and their detail:

  date       "YYYY-MM-DD"; rule (how it was read), role (published, dateline, mentioned),
             anchor and anchor_is for relative dates, weekday and weekday_matches
  duration   seconds (float); form (words, compact, clock), context (the word about footage)
  place      canonical name, or "lat, lon" for written coordinates; kind, region, country,
             lat, lon, radius_km
  actor      canonical name; side, type, role
  equipment  canonical designation; category, plural
  platform   canonical name; no detail
  count      int; of (canonical noun), category, noun (as written), qualifier, out_of
  statement  the speaker's canonical name, the sentence as text; verb, verb_text,
             speaker_text, speaker_start, speaker_end, resolved_by, side, negated, quote
  hedge      label (unverified, alleged, disputed); scope (footage, claim)
"""

from __future__ import annotations

import os
import re
import tomllib
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple, Protocol, TypeVar

from .claims import parse_date, read_text, split_front_matter
from .errors import BadInputError

KINDS = ("date", "duration", "place", "actor", "equipment", "platform", "count", "statement",
         "hedge")  # fmt: skip
NAME_KINDS = ("actor", "place", "equipment", "platform")  # this order breaks ties of length
SIDES = ("ukraine-aligned", "russia", "media", "osint", "other")
VOCAB_DIR = Path(__file__).with_name("vocab")
VOCAB_ENV = "FORENSICS_VOCAB"

# Typographic variants claims use, written as escapes to keep this file plain ASCII.
_HYPHENS = "-\u2010\u2011\u2013"  # hyphen-minus, hyphen, non-breaking hyphen, en dash
_APOSTROPHES = "'\u2019"
_OPENING = '"\u201c\u00ab'
_CLOSING = '"\u201d\u00bb'
_DOUBLE_QUOTES = '"\u201c\u201d\u00ab\u00bb'
_QUOTES = _DOUBLE_QUOTES + "'\u2018\u2019"
_FAR = 1 << 62  # past any offset, for bisecting (start, end) pairs


@dataclass(frozen=True)
class Fact:
    """One thing a claim asserts. ``value`` is JSON-ready; ``detail`` says how it was read."""

    kind: str
    value: object
    text: str
    start: int
    end: int
    detail: dict[str, object] | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "value": self.value,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class ClaimFacts:
    """A claim file's facts and the publication date they were resolved against."""

    published: date | None
    facts: tuple[Fact, ...]

    def to_dict(self) -> dict[str, object]:
        published = self.published.isoformat() if self.published else None
        return {"facts": [fact.to_dict() for fact in self.facts], "published": published}


# ================================================================================ vocabulary

_NUMERIC = (int, float)
# Per table: field -> (accepted types, required). name, aliases and note belong to every table.
_FIELDS: dict[str, dict[str, tuple[tuple[type, ...], bool]]] = {
    "place": {"kind": ((str,), True), "country": ((str,), True), "region": ((str,), False),
              "lat": (_NUMERIC, False), "lon": (_NUMERIC, False), "radius_km": (_NUMERIC, False)},
    "actor": {"side": ((str,), True), "type": ((str,), True), "role": ((str,), False)},
    "actor_type": {"person": ((bool,), False)},
    "equipment": {"category": ((str,), True)},
    "platform": {},
    "noun": {"category": ((str,), True)},
    "speech": {"publishes": ((bool,), False), "speaker_after": ((bool,), False)},
    "hedge": {},
}  # fmt: skip


@dataclass(frozen=True)
class Entry:
    """A vocabulary entry: a canonical name, the names it also goes by, its own fields."""

    kind: str
    name: str
    aliases: tuple[str, ...]
    fields: dict[str, object] = field(hash=False)
    origin: str = ""  # "file:line" of the table that first defined it

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Vocabulary:
    """Every entry of the loaded TOML files, and the matchers compiled from them."""

    entries: tuple[Entry, ...]
    files: tuple[str, ...] = ()

    def of_kind(self, kind: str) -> tuple[Entry, ...]:
        return tuple(entry for entry in self.entries if entry.kind == kind)

    def get(self, kind: str, name: str) -> Entry | None:
        return next((e for e in self.entries if e.kind == kind and e.name == name), None)

    @cached_property
    def patterns(self) -> dict[str, tuple[tuple[re.Pattern[str], Entry], ...]]:
        return {kind: tuple((_entry_pattern(e), e) for e in self.of_kind(kind)) for kind in _FIELDS}

    @cached_property
    def type_nouns(self) -> dict[str, tuple[str, ...]]:
        """Noun -> the actor types it can refer back to ("the group" -> armed group, ...)."""
        nouns: dict[str, list[str]] = {}
        for entry in self.of_kind("actor_type"):
            for noun in entry.names():
                nouns.setdefault(noun.lower(), []).append(entry.name)
        return {noun: tuple(types) for noun, types in nouns.items()}

    @cached_property
    def person_types(self) -> frozenset[str]:
        return frozenset(e.name for e in self.of_kind("actor_type") if e.fields.get("person"))


def load_vocabulary(extra: Path | None = None) -> Vocabulary:
    """The shipped vocabulary extended by the ``$FORENSICS_VOCAB`` folders, then ``extra``.

    A later entry with a known canonical name replaces the fields it gives and adds its
    aliases; an alias that a later file gives to another entry moves to that entry.
    """
    return _build(_vocabulary_files(extra))


def default_vocabulary() -> Vocabulary:
    """:func:`load_vocabulary`, cached until a file or ``$FORENSICS_VOCAB`` changes."""
    stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in _vocabulary_files())
    return _cached_vocabulary(stamp)


@lru_cache(maxsize=4)
def _cached_vocabulary(stamp: tuple[tuple[str, int, int], ...]) -> Vocabulary:
    return _build([Path(path) for path, _, _ in stamp])


def _vocabulary_files(extra: Path | None = None) -> list[Path]:
    folders = [Path(p) for p in os.environ.get(VOCAB_ENV, "").split(os.pathsep) if p.strip()]
    folders += [Path(extra)] if extra is not None else []
    files = sorted(VOCAB_DIR.glob("*.toml"))
    for folder in folders:
        if not folder.exists():
            raise BadInputError(f"{folder}: vocabulary folder not found (from {VOCAB_ENV})")
        files += [folder] if folder.is_file() else sorted(folder.glob("*.toml"))
    return files


def _build(files: list[Path]) -> Vocabulary:
    merged: dict[tuple[str, str], Entry] = {}
    owners: dict[tuple[str, str], tuple[str, Path]] = {}  # (kind, alias key) -> (name, file)
    for path in files:
        for entry in _read_entries(path):
            _merge(merged, owners, entry, path)
    vocab = Vocabulary(tuple(merged.values()), tuple(str(p) for p in files))
    for entry in vocab.entries:
        _check_complete(entry, vocab)
    return vocab


def _read_entries(path: Path) -> Iterator[Entry]:
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except OSError as exc:
        raise BadInputError(f"{path}: vocabulary file cannot be read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise BadInputError(f"{path}: vocabulary file is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        where = f"{path}:{line.group(1)}" if line else str(path)
        raise BadInputError(f"{where}: malformed vocabulary file ({exc})") from None
    lines = text.splitlines()
    for kind, items in data.items():
        if kind not in _FIELDS or not isinstance(items, list):
            tables = ", ".join(f"[[{k}]]" for k in _FIELDS)
            raise BadInputError(
                f"{path}:{_line_of(lines, kind)}: unknown table {kind!r}; "
                f"a vocabulary file holds {tables}"
            )
        headers = [
            n for n, line in enumerate(lines, 1) if re.match(rf"\s*\[\[\s*{kind}\s*\]\]", line)
        ]
        for index, item in enumerate(items):
            number = headers[index] if index < len(headers) else _line_of(lines, kind)
            yield _entry(f"{path}:{number}", kind, item)


def _line_of(lines: list[str], key: str) -> int:
    return next((n for n, line in enumerate(lines, 1) if key in line), 1)


def _entry(where: str, kind: str, item: object) -> Entry:
    if not isinstance(item, dict):
        raise BadInputError(f"{where}: each [[{kind}]] must be a table of fields")
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise BadInputError(f"{where}: [[{kind}]] needs a name (a non-empty string)")
    aliases = item.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise BadInputError(f"{where}: aliases of {name!r} must be a list of non-empty strings")
    schema = {**_FIELDS[kind], "note": ((str,), False)}
    fields = {key: value for key, value in item.items() if key not in ("name", "aliases")}
    for key, value in fields.items():
        if key not in schema:
            known = ", ".join(["name", "aliases", *schema])
            raise BadInputError(
                f"{where}: unknown field {key!r} in {name!r} ({kind} takes {known})"
            )
        types = schema[key][0]
        if isinstance(value, bool) is not (bool in types) or not isinstance(value, types):
            wanted = " or ".join(t.__name__ for t in types)
            raise BadInputError(f"{where}: {key} of {name!r} must be {wanted}, not {value!r}")
    return Entry(kind, name.strip(), tuple(a.strip() for a in aliases), fields, where)


def _merge(
    merged: dict[tuple[str, str], Entry],
    owners: dict[tuple[str, str], tuple[str, Path]],
    entry: Entry,
    path: Path,
) -> None:
    old = merged.get((entry.kind, entry.name))
    if old is not None:  # the same canonical name: fields replaced, aliases added
        entry = replace(
            old, aliases=old.aliases + entry.aliases, fields={**old.fields, **entry.fields}
        )
    for alias in entry.names() if entry.kind != "actor_type" else ():  # types share nouns
        key = (entry.kind, _alias_key(alias))
        owner = owners.get(key)
        if owner is not None and owner[0] != entry.name:
            other = merged[(entry.kind, owner[0])]
            if owner[1] == path or _alias_key(other.name) == key[1]:
                raise BadInputError(
                    f"{entry.origin}: {alias!r} of {entry.name!r} is already a "
                    f"name of {owner[0]!r} ({other.origin})"
                )
            kept = tuple(a for a in other.aliases if _alias_key(a) != key[1])
            merged[(entry.kind, owner[0])] = replace(other, aliases=kept)
        owners[key] = (entry.name, path)
    unique = tuple(dict.fromkeys(a for a in entry.aliases if a != entry.name))
    merged[(entry.kind, entry.name)] = replace(entry, aliases=unique)


def _check_complete(entry: Entry, vocab: Vocabulary) -> None:
    """Required fields, which a user file overriding an entry need not repeat, checked once
    every file is merged."""
    where, f = f"{entry.origin}: {entry.kind} {entry.name!r}", entry.fields
    for key, (_, required) in _FIELDS[entry.kind].items():
        if required and key not in f:
            raise BadInputError(f"{where} needs {key}")
    if entry.kind == "place" and ("lat" in f) != ("lon" in f):
        raise BadInputError(f"{where} needs both lat and lon")
    lat, lon = f.get("lat", 0), f.get("lon", 0)
    if (
        isinstance(lat, _NUMERIC)
        and isinstance(lon, _NUMERIC)
        and not (-90 <= lat <= 90 and -180 <= lon <= 180)
    ):
        raise BadInputError(f"{where} has lat/lon out of range")
    if entry.kind == "actor" and f["side"] not in SIDES:
        raise BadInputError(
            f"{entry.origin}: side of {entry.name!r} must be one of "
            f"{', '.join(SIDES)}, not {f['side']!r}"
        )
    if entry.kind == "actor" and f["type"] not in {e.name for e in vocab.of_kind("actor_type")}:
        raise BadInputError(f"{where}: type {f['type']!r} is not an [[actor_type]]")


def _alias_key(alias: str) -> str:
    """What makes two aliases the same name: case, quotes, hyphens and spacing ignored."""
    plain = re.sub(f"[{_QUOTES}]", "", alias.casefold())
    return " ".join(re.sub(f"[{_HYPHENS}]", " ", plain).split())


def _entry_pattern(entry: Entry) -> re.Pattern[str]:
    plural = entry.kind in ("equipment", "noun")
    aliases = sorted(set(entry.names()), key=len, reverse=True)  # the longest first at a start
    # Looking ahead for a possible first character lets the scan skip most positions at once
    # (six times faster than trying every alias everywhere).
    firsts = "".join(re.escape(c) for c in sorted(set().union(*map(_first_chars, aliases))))
    body = "|".join(_alias_regex(a, plural) for a in aliases)
    return re.compile(f"(?=[{firsts}])(?:{body})", re.IGNORECASE)


def _first_chars(alias: str) -> set[str]:
    first = alias[0]
    if first in _QUOTES:  # an opening quote is optional
        return set(_QUOTES) | _first_chars(alias[1:])
    return {first} if _exact(alias) else {first.lower(), first.upper()}


def _exact(alias: str) -> bool:
    """Two capitals in one word (MoD, RDK) or one character (X): in lower case another word."""
    return len(alias) == 1 or any(sum(c.isupper() for c in w) >= 2 for w in alias.split())


def _alias_regex(alias: str, plural: bool) -> str:
    """An alias as a regex: spacing, quotes and hyphens loose; "*" is up to three words.

    Aliases with two capitals in one word (MoD, RDK) or of one character (X) match exactly as
    written, since in lower case they are other words; a one-letter alias must also stand
    apart from hyphens ("X-ray" is not the platform)."""
    words = alias.split()
    body = ""
    for i, word in enumerate(words):
        body += r"(?:[\w'\u2019-]+\s+){0,3}" if word == "*" else _word_regex(word)
        if i + 1 < len(words) and word != "*":
            body += r"\s+" if words[i + 1] == "*" else rf"(?:\s*[{_QUOTES}]\s*|\s+)"
    body += r"(?:e?s)?" if plural else ""
    if _exact(alias):
        body = f"(?-i:{body})"
    edge = r"[\w-]" if len(alias) == 1 else r"\w"
    return rf"(?<!{edge}){body}(?!{edge})"


def _word_regex(word: str) -> str:
    out = []
    for i, ch in enumerate(word):
        if ch in _HYPHENS:
            out.append(rf"[{_HYPHENS}\s]?")  # Gora-Podol, Gora Podol; BMP-2, BMP2
        elif ch in _APOSTROPHES and 0 < i < len(word) - 1:
            out.append(f"[{_APOSTROPHES}]")
        elif ch in _QUOTES:
            out.append(f"[{_QUOTES}]?")
        else:
            out.append(re.escape(ch))
    return "".join(out)


# ================================================================================ the text


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

    def sentence(self, pos: int) -> tuple[int, int]:
        return _span_at(self.sentences, pos) or (pos, pos)

    def previous_sentence(self, pos: int) -> tuple[int, int] | None:
        index = bisect_right(self.sentences, (pos, _FAR)) - 2
        return self.sentences[index] if index >= 0 else None

    def unquoted(self, start: int, end: int) -> str:
        return self.masked[start:end]


def _span_at(spans: tuple[tuple[int, int], ...], pos: int) -> tuple[int, int] | None:
    index = bisect_right(spans, (pos, _FAR)) - 1
    return spans[index] if index >= 0 and spans[index][0] <= pos < spans[index][1] else None


_URL = re.compile(r"(?:https?://|www\.)\S+|\b(?:[\w-]+\.)+(?:com|org|net|ru|ua|me|be|io|tv)/\S*")
_SENTENCE_END = re.compile(r"[.!?\u2026]+[\"\u201d\u2019\u00bb)]*"
                           r"(?=\s+[\"\u201c\u00ab(]?[A-Z0-9]|\s*$)|\n[ \t]*\n")  # fmt: skip
_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "st", "lt", "gen", "col", "maj", "capt",
                            "sgt", "no", "vs", "jr", "sr", "gov", "sen", "rep", "a.m", "p.m",
                            "u.s", "e.g", "i.e", "jan", "feb", "aug", "sept", "sep", "oct", "nov",
                            "dec"})  # fmt: skip


def _read(text: str, lo: int) -> _Text:
    urls = tuple(
        (m.start(), m.start() + len(m.group().rstrip(".,;:)" + _CLOSING)))
        for m in _URL.finditer(text, lo)
    )
    quotes = _quotations(text, lo)
    masked = list(text)
    for s, e in quotes:
        masked[s:e] = " " * (e - s)
    return _Text(text, lo, urls, quotes, _sentences(text, lo, quotes), "".join(masked))


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
        if e > s:
            spans.append((s, e))
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
    taken = bytearray(size)
    kept = []
    for item in sorted(items, key=lambda it: it.start - it.end):  # stable: ties keep order
        if not any(taken[item.start : item.end]):
            taken[item.start : item.end] = b"\x01" * (item.end - item.start)
            kept.append(item)
    return sorted(kept, key=lambda it: it.start)


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


# ================================================================================ names


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    kind: str
    entry: Entry


_NEGATED = re.compile(rf"\b(?:anti|pro|non)[{_HYPHENS}]$", re.I)
_LOCATIVE = re.compile(r"\b(?:in|into|to|from|near|across|inside|outside|at|towards?|through|"
                       r"within|around|bordering|of|over|along|entered|crossed|reached)\s+"
                       r"(?:the\s+)?(?:(?:north|south|east|west)(?:-?(?:east|west))?ern\s+|"
                       r"central\s+|occupied\s+|neighbou?ring\s+)?$", re.I)  # fmt: skip
_COORDINATES = re.compile(r"(?<![\w.,])(-?\d{1,2}\.\d{3,7})\u00b0?\s*([NS])?,\s*"
                          r"(-?\d{1,3}\.\d{3,7})\u00b0?\s*([EW])?(?!\w|[.,]\d)")  # fmt: skip


def _name_facts(src: _Text, vocab: Vocabulary) -> list[Fact]:
    hits = [hit for kind in NAME_KINDS for hit in _hits(src, vocab, kind)]
    chosen = _longest(_place_or_actor(src.text, hits), len(src.text))
    facts = _merge_adjacent(src.text, [_name_fact(src.text, hit) for hit in chosen])
    return sorted(facts + _coordinate_facts(src), key=lambda f: f.start)


def _hits(src: _Text, vocab: Vocabulary, kind: str) -> Iterator[_Hit]:
    for pattern, entry in vocab.patterns[kind]:
        for m in pattern.finditer(src.text, src.lo):
            start, end = _balanced(src.text, m.start(), m.end())
            if _NEGATED.search(src.text[max(0, start - 5) : start]):
                continue  # an "anti-Kremlin militia" is someone else
            if kind in ("actor", "place") and re.match(r"\s+time\b", src.text[end : end + 6]):
                continue  # "12:40 Kyiv time" is a clock
            if kind == "platform" or not src.in_url(start, end):
                yield _Hit(start, end, kind, entry)


def _place_or_actor(text: str, hits: list[_Hit]) -> list[_Hit]:
    """ "Moscow said" is an actor; "in Moscow", a dateline's "MOSCOW," and the Moscow of
    "Bryansk, Kursk, Moscow" are places."""
    places = {(h.start, h.end) for h in hits if h.kind == "place"}
    actors = {(h.start, h.end) for h in hits if h.kind == "actor"}
    starts = {s for s, _ in places - actors}
    ends = {e for _, e in places - actors}

    def is_place(hit: _Hit) -> bool:
        listed = any(hit.start - d in ends or hit.end + d in starts for d in range(4))
        locative = _LOCATIVE.search(text[max(0, hit.start - 30) : hit.start])
        return bool(locative) or listed or text[hit.start : hit.end].isupper()

    def keep(hit: _Hit) -> bool:
        span = (hit.start, hit.end)
        if span not in places or span not in actors:
            return True
        return (hit.kind == "place") == is_place(hit)

    return [hit for hit in hits if keep(hit)]


def _name_fact(text: str, hit: _Hit) -> Fact:
    f, said = hit.entry.fields, text[hit.start : hit.end]
    detail: dict[str, object] | None = None
    if hit.kind == "place":
        detail = {k: f.get(k) for k in ("kind", "region", "country", "lat", "lon", "radius_km")}
    elif hit.kind == "actor":
        detail = {"side": f["side"], "type": f["type"], "role": f.get("role")}
    elif hit.kind == "equipment":
        exact = {_alias_key(name) for name in hit.entry.names()}
        plural = _alias_key(said) not in exact and said.lower().endswith("s")
        detail = {"category": f["category"], "plural": plural}
    return Fact(hit.kind, hit.entry.name, said, hit.start, hit.end, detail)


def _merge_adjacent(text: str, facts: list[Fact]) -> list[Fact]:
    """A title and a name of one actor side by side are one mention: "Belgorod Governor
    Vyacheslav Gladkov", "Russian Volunteer Corps (RVC)"."""
    out: list[Fact] = []
    for fact in facts:
        prev = out[-1] if out else None
        gap = text[prev.end : fact.start] if prev else ""
        if (
            prev
            and prev.kind == fact.kind == "actor"
            and prev.value == fact.value
            and re.fullmatch(r"[\s,]*\(?\s*", gap)
        ):
            end = fact.end + (gap.strip().endswith("(") and text[fact.end : fact.end + 1] == ")")
            out[-1] = replace(prev, text=text[prev.start : end], end=end)
        else:
            out.append(fact)
    return out


def _coordinate_facts(src: _Text) -> list[Fact]:
    """ "50.455, 35.588" in a geolocation claim is a place, given as a point."""
    facts = []
    for m in _COORDINATES.finditer(src.text, src.lo):
        lat = float(m[1]) * (-1 if m[2] == "S" else 1)
        lon = float(m[3]) * (-1 if m[4] == "W" else 1)
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            detail: dict[str, object] = {
                "kind": "coordinates",
                "region": None,
                "country": None,
                "lat": lat,
                "lon": lon,
                "radius_km": None,
            }
            facts.append(Fact("place", f"{lat}, {lon}", m.group(), m.start(), m.end(), detail))
    return facts


# ================================================================================ numbers

_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen")  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip
_WORD_NUMBER = (rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_ONES[1:10])}))?"
                rf"|{'|'.join(sorted(_ONES, key=len, reverse=True))})")  # fmt: skip
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_NUMBER = rf"(?:{_DIGITS}|{_WORD_NUMBER})"


def _number(token: str) -> float | None:
    """ "52" -> 52, "fifty-two" -> 52, "2,500" -> 2500; None for anything else."""
    words = re.split(r"[- ]+", token.strip().lower().replace(",", ""))
    if len(words) == 1 and re.fullmatch(r"\d+(?:\.\d+)?", words[0]):
        return float(words[0])
    if words[0] in _TENS:
        ones = _ONES.index(words[1]) if len(words) > 1 and words[1] in _ONES else 0
        return float(_TENS[words[0]] + ones)
    return float(_ONES.index(words[0])) if len(words) == 1 and words[0] in _ONES else None


def _number_facts(
    src: _Text, vocab: Vocabulary, published: date | None, names: list[Fact]
) -> list[Fact]:
    """Dates first; then durations outside dates; then counts outside both."""
    dates = _date_facts(src, published)
    durations = _outside(_longest(_duration_facts(src), len(src.text)), dates)
    counts = _outside(_longest(_count_facts(src, vocab, names), len(src.text)), dates + durations)
    return dates + durations + counts


def _outside(facts: list[Fact], taken: list[Fact]) -> list[Fact]:
    return [f for f in facts if all(f.end <= t.start or t.end <= f.start for t in taken)]


# --------------------------------------------------------------------------- durations

_UNIT = r"(?:hours?|hrs?|minutes?|mins?|seconds?|secs?)"
_HALF = r"(?:[- ]and[- ]a[- ]half)"
_PART = rf"{_NUMBER}{_HALF}?[- ]?{_UNIT}(?!\w)"
_DURATION = re.compile(rf"(?<![\w.:,-]){_PART}(?:,?\s*(?:and\s+)?{_PART}){{0,2}}(?:[- ]long\b)?",
                       re.I)  # fmt: skip
_DURATION_PART = re.compile(rf"({_NUMBER})({_HALF}?)[- ]?([hms])", re.I)
_UNIT_SECONDS = {"h": 3600.0, "m": 60.0, "s": 1.0, "hour": 3600.0, "minute": 60.0}
_DURATION_IDIOMS = (  # (pattern, how many of the unit it names)
    (re.compile(r"(?<![\w-])(?:an?|one)\s+(hour|minute)\s+and\s+a\s+half\b", re.I), 1.5),
    (re.compile(r"(?<![\w-])half(?:\s+an?\s+|[- ])(hour|minute)\b", re.I), 0.5),
    (re.compile(r"(?<![\w-])(?:an?[- ])?(hour|minute)[- ]long\b", re.I), 1.0),
    (re.compile(r"(?<![\w-])an?\s+(hour|minute)\s+of\s+(?:footage|video)\b", re.I), 1.0),
)
_COMPACT = re.compile(r"(?<![\w:])(\d{1,3})m\s?(\d{1,2})s\b")
_CLOCK = re.compile(r"(?<![\w:.,/-])(?:(\d{1,2}):)?(\d{1,2}):([0-5]\d)(?![\w:]|[.,]\d)")
_FOOTAGE = re.compile(r"\b(?:videos?|clips?|footage|recordings?|reels?|films?|montages?|"
                      r"compilations?|livestreams?|broadcasts?|runs|running|lasting|lasts|"
                      r"length|duration|runtime|long)\b", re.I)  # fmt: skip
_NOT_LENGTH_AFTER = re.compile(rf"\s*(?:later|earlier|ago|after|before|away|into|from|drive|"
                               rf"walk|ride|flight|[{_APOSTROPHES}]s\b)", re.I)  # fmt: skip
_NOT_LENGTH_BEFORE = re.compile(r"\b(?:within|every|after|at|until|till)\s+$", re.I)
_CLOCK_TIME_AFTER = re.compile(rf"\s*(?:[ap]\.?m\b|[ap]\.m\.|h\b|hrs?\b|hours\b|"
                               rf"o[{_APOSTROPHES}]clock|local|GMT|UTC|MSK|CET|EET|EEST|"
                               rf"Moscow time|Kyiv time)", re.I)  # fmt: skip
_CLOCK_TIME_BEFORE = re.compile(r"\b(?:at|from|until|till|between|since|around|by|to|before|"
                                r"after|timestamp)\b", re.I)  # fmt: skip


def _duration_facts(src: _Text) -> list[Fact]:
    """Lengths of footage: in words, "1m52s", or "1:52" near a word about footage. Each must
    sit near such a word ("video", "clip", "runs"), so "shelling went on for two hours" is
    not one."""
    text, found = src.text, []
    for m in _DURATION.finditer(text, src.lo):
        seconds = sum(_part_seconds(part) for part in _DURATION_PART.finditer(m.group()))
        found.append(_duration(src, m.start(), m.end(), seconds, "words"))
    for pattern, multiple in _DURATION_IDIOMS:
        for m in pattern.finditer(text, src.lo):
            seconds = multiple * _UNIT_SECONDS[m[1].lower()]
            found.append(_duration(src, m.start(), m.end(), seconds, "words"))
    for m in _COMPACT.finditer(text, src.lo):
        found.append(_duration(src, m.start(), m.end(), int(m[1]) * 60.0 + int(m[2]), "compact"))
    for m in _CLOCK.finditer(text, src.lo):
        if _clock_is_length(src, m.start(), m.end()):
            seconds = int(m[1] or 0) * 3600.0 + int(m[2]) * 60 + int(m[3])
            found.append(_duration(src, m.start(), m.end(), seconds, "clock"))
    return [f for f in found if f.detail and f.detail["context"] and _is_length(src, f)]


def _part_seconds(part: re.Match[str]) -> float:
    amount = (_number(part[1]) or 0.0) + (0.5 if part[2] else 0.0)
    return amount * _UNIT_SECONDS[part[3].lower()]


def _duration(src: _Text, start: int, end: int, seconds: float, form: str) -> Fact:
    detail: dict[str, object] = {"form": form, "context": _footage_word(src, start, end)}
    return Fact("duration", float(seconds), src.text[start:end], start, end, detail)


def _footage_word(src: _Text, start: int, end: int) -> str | None:
    """The word that makes this a length of footage: in its sentence, or -- when the duration
    opens its sentence ("One minute and 52 seconds of ...") -- in the sentence before."""
    ss, se = src.sentence(start)
    m = _FOOTAGE.search(src.text[ss:start]) or _FOOTAGE.search(src.text[end:se])
    previous = src.previous_sentence(start)
    if m is None and previous and not src.text[ss:start].strip(_QUOTES + " "):
        m = _FOOTAGE.search(src.text[previous[0] : previous[1]])
    return m.group().lower() if m else None


def _is_length(src: _Text, fact: Fact) -> bool:
    """Not "two minutes later", "a 30-minute drive", "within a minute"."""
    before = src.text[max(0, fact.start - 20) : fact.start]
    return not (_NOT_LENGTH_AFTER.match(src.text, fact.end) or _NOT_LENGTH_BEFORE.search(before))


def _clock_is_length(src: _Text, start: int, end: int) -> bool:
    """ "1:52" is a length near a word about footage; never a time of day ("at 4:30",
    "04:30 a.m.", "12:40 Kyiv time") nor a stretch of the video ("0:03-0:09")."""
    text = src.text
    if _CLOCK_TIME_AFTER.match(text, end) or re.match(r"\s*[-\u2013\u2014]\s*\d", text[end:]):
        return False
    if re.search(r"\d\s*[-\u2013\u2014]\s*$", text[max(0, start - 3) : start]):
        return False
    if _CLOCK_TIME_BEFORE.search(" ".join(text[max(0, start - 30) : start].split()[-3:])):
        return False
    ss, se = src.sentence(start)
    near = text[max(ss, start - 40) : start] + " " + text[end : min(se, end + 40)]
    return bool(_FOOTAGE.search(near) or re.search(r"\bmin(?:ute)?s?\b", near, re.I))


# --------------------------------------------------------------------------- dates

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")  # fmt: skip
_MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                        "sept": 9, "sep": 9, "oct": 10, "nov": 11, "dec": 12}  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _capitalised(words: Iterable[str]) -> str:
    """Month and weekday names count only capitalised: "may" is a verb, "May 22" a date."""
    return "|".join(f"{w.capitalize()}|{w.upper()}" for w in words)


_MONTH = (rf"(?P<month>{_capitalised(_MONTHS)}|(?:{_capitalised(_MONTH_ABBREVIATIONS)})\.?)"
          r"(?![A-Za-z])")  # fmt: skip
_WEEKDAY = rf"(?P<wd>{_capitalised(_WEEKDAYS)})(?![A-Za-z])"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?![\d:])"
_YEAR = r"(?P<year>\d{4})(?!\d)"
_DATE_FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"(?<![\w-])(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH}"
                rf"(?:,?\s+{_YEAR})?"), "named"),
    (re.compile(rf"(?<![\w-])(?:{_WEEKDAY},?\s+)?{_MONTH}\s+(?:the\s+)?{_DAY}(?:,?\s+{_YEAR})?"),
     "named"),
    (re.compile(r"(?<![\d-])(?P<year>\d{4})-(?P<a>\d{2})-(?P<b>\d{2})(?![\d-])"), "iso"),
    (re.compile(r"(?<![\d.])(?P<b>\d{1,2})\.(?P<a>\d{1,2})\.(?P<year>\d{4})(?![\d.])"), "dots"),
    (re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})(?![\d/])"), "slash"),
    (re.compile(rf"(?<![\w-])(?:(?P<mod>(?i:last|next|this|on|by|since|until|from|early|late))"
                rf"\s+)?{_WEEKDAY}(?:\s+(?i:morning|afternoon|evening|night))?"), "weekday"),
    (re.compile(rf"(?<![\w-])(?i:the day before yesterday|yesterday|today|tonight|this "
                rf"(?:morning|afternoon|evening)|last night|(?:a|one) week ago|"
                rf"(?P<n>{_NUMBER}) days? ago)(?![\w-])"), "publication"),
    (re.compile(rf"(?<![\w-])(?i:the (?:day|morning|evening|night) (?:after|before)|the "
                rf"(?:following|next|previous|preceding) (?:day|morning|evening|night)|"
                rf"(?P<n>a|{_NUMBER}) days? (?:later|earlier|after|before)|later that day|"
                rf"earlier that day|that same day|the same day|earlier in the day|"
                rf"later in the day)(?![\w-])"), "previous"),
)  # fmt: skip
_EXPLICIT = ("named", "iso", "dots", "slash")
_DAYS_BEFORE_PUBLICATION = {"the day before yesterday": 2, "yesterday": 1, "last night": 1,
                            "a week ago": 7, "one week ago": 7}  # fmt: skip
_PAST_SPEECH = re.compile(r"\b(?:said|says|told|posted|published|announced|reported|added|"
                          r"wrote|claimed|tweeted|released|stated)\s+(?:on\s+)?$",
                          re.I)  # fmt: skip
_FUTURE = re.compile(rf"\b(?:will|shall|going to|is to|are to|plans? to|planned|scheduled|"
                     rf"expected to|due to)\b|[{_APOSTROPHES}]ll\b", re.I)  # fmt: skip
_DATELINE = re.compile(r"[ \t]*[A-Z][A-Z'.-]{2,}(?:[ -][A-Z][A-Z'.-]{2,})*"
                       r"(?:,[ \t]*[A-Z][A-Za-z.]+(?:[ \t][A-Z][A-Za-z.]+)*)?,[ \t]*")  # fmt: skip


@dataclass(frozen=True)
class _DateHit:
    start: int
    end: int
    form: str  # named, iso, dots, slash, weekday, publication, previous
    match: re.Match[str]


@dataclass
class _DateState:
    """What relative dates resolve against, updated while the text is read in order."""

    reference: date | None  # the publication date, or a dateline's
    reference_is: str
    last: date | None = None  # the previous date mentioned
    last_year: int | None = None  # the previous year written out


def _date_facts(src: _Text, published: date | None) -> list[Fact]:
    hits = _longest(
        (
            _DateHit(m.start(), m.end(), form, m)
            for pattern, form in _DATE_FORMS
            for m in pattern.finditer(src.text, src.lo)
        ),
        len(src.text),
    )
    state = _DateState(published, "publication")
    dateline = _dateline_start(src)
    facts: list[Fact] = []
    index = 0
    while index < len(hits):
        hit, nxt = hits[index], hits[index + 1] if index + 1 < len(hits) else None
        if hit.form == "previous" and nxt and nxt.form == "named" and 0 <= nxt.start - hit.end <= 2:
            anchor = _explicit_date(nxt, state)  # "the day after May 22"
            fact = _anchored(src, hit, nxt.end, anchor[0] if anchor else None)
            index += 1
        elif hit.form == "previous":
            fact = _anchored(src, hit, hit.end, state.last)
        else:
            fact = _date_fact(src, hit, state, dateline == hit.start)
        if fact is not None:
            facts.append(fact)
            state.last = date.fromisoformat(str(fact.value))
        index += 1
    return facts


def _dateline_start(src: _Text) -> int | None:
    """Where the date of a wire dateline ("MOSCOW, 23 May -") would start, if the body opens
    with one (a headline may come first)."""
    pos = src.lo
    for _ in range(3):
        pos += len(src.text[pos:]) - len(src.text[pos:].lstrip())
        m = _DATELINE.match(src.text, pos)
        if m:
            return m.end()
        pos = src.text.find("\n", pos) + 1
        if pos == 0:
            return None
    return None


def _date_fact(src: _Text, hit: _DateHit, state: _DateState, dateline: bool) -> Fact | None:
    if hit.form in _EXPLICIT:
        resolved = _explicit_date(hit, state)
    elif state.reference is not None:
        resolved = _relative_date(src, hit, state.reference)
        resolved[1].update(anchor=state.reference.isoformat(), anchor_is=state.reference_is)
    else:
        resolved = None  # relative to a publication date nobody gave
    if resolved is None:
        return None
    value, detail = resolved
    detail["role"] = "dateline" if dateline else "mentioned"
    if dateline and state.reference is None and hit.match.groupdict().get("year"):
        state.reference, state.reference_is = value, "dateline"
        detail["published"] = True
    return Fact(
        "date", value.isoformat(), src.text[hit.start : hit.end], hit.start, hit.end, detail
    )


def _explicit_date(hit: _DateHit, state: _DateState) -> tuple[date, dict[str, object]] | None:
    g = hit.match.groupdict()
    month_day = _month_day(hit.form, g)
    if month_day is None:
        return None
    year, rule = _year(g.get("year"), month_day, state)
    value = _safe_date(year, *month_day) if year else None
    if value is None:
        return None
    detail: dict[str, object] = {"rule": rule}
    if g.get("wd"):
        detail["weekday"] = str(g["wd"]).capitalize()
        detail["weekday_matches"] = _WEEKDAYS[value.weekday()] == str(g["wd"]).lower()
    return value, detail


def _year(
    written: str | None, month_day: tuple[int, int], state: _DateState
) -> tuple[int | None, str]:
    """The year written out; else the publication's ("December 30" in a claim of 3 January is
    the year before); else the last year written earlier in the text."""
    if written:
        state.last_year = int(written)
        return int(written), "explicit"
    if state.reference is None:
        return state.last_year, "explicit, year from an earlier date"
    year = state.reference.year
    value = _safe_date(year, *month_day)
    if value and value > state.reference + timedelta(days=60):
        year -= 1
    return year, f"explicit, year from {state.reference_is}"


def _month_day(form: str, g: dict[str, str | None]) -> tuple[int, int] | None:
    if form == "named":
        name = str(g["month"]).lower().rstrip(".")
        month = _MONTHS.index(name) + 1 if name in _MONTHS else _MONTH_ABBREVIATIONS[name]
        return month, int(g["day"] or 0)
    a, b = int(g["a"] or 0), int(g["b"] or 0)  # a is the month unless the form says otherwise
    if form == "slash" and a != b and a <= 12 and b <= 12:
        return None  # 05/06/2023: May or June, and nothing says which
    return (b, a) if form == "slash" and a > 12 else (a, b)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _relative_date(src: _Text, hit: _DateHit, reference: date) -> tuple[date, dict[str, object]]:
    if hit.form == "weekday":
        value, rule = _weekday_date(src, hit, reference)
        return value, {"rule": rule}
    phrase = " ".join(hit.match.group().lower().split())
    days = (
        int(_number(hit.match["n"]) or 0)
        if hit.match["n"]
        else _DAYS_BEFORE_PUBLICATION.get(phrase, 0)
    )
    return reference - timedelta(days=days), {"rule": "relative to publication"}


def _weekday_date(src: _Text, hit: _DateHit, reference: date) -> tuple[date, str]:
    """The named weekday nearest the publication date, on the side the wording points to."""
    wanted = _WEEKDAYS.index(hit.match["wd"].lower())
    modifier = (hit.match["mod"] or "").lower()
    back = (reference.weekday() - wanted) % 7
    ahead = (wanted - reference.weekday()) % 7
    if modifier == "last":
        return reference - timedelta(days=back or 7), "last such weekday before publication"
    if modifier == "next":
        return reference + timedelta(days=ahead or 7), "next such weekday after publication"
    if _future_tense(src, hit.start):
        return reference + timedelta(days=ahead), "weekday on or after publication (future tense)"
    return reference - timedelta(days=back), "weekday on or before publication"


def _future_tense(src: _Text, pos: int) -> bool:
    """ "will meet on Friday" looks ahead; "said on Friday" back, even after a quoted "will"."""
    ss, _ = src.sentence(pos)
    before = src.unquoted(max(ss, pos - 80), pos)
    return not _PAST_SPEECH.search(before) and bool(_FUTURE.search(before))


def _anchored(src: _Text, hit: _DateHit, end: int, anchor: date | None) -> Fact | None:
    """ "the next day", "two days later": days from the previous date mentioned. "Monday, a day
    after the governor spoke" dates the speaking, not a new event, so "a day after" without a
    date right behind it is left out."""
    phrase = src.text[hit.start : hit.end].lower()
    conjunction = hit.match["n"] and re.search(r"(?:after|before)$", phrase)
    if anchor is None or (conjunction and end == hit.end):
        return None
    days = int(_number(hit.match["n"]) or 1) if hit.match["n"] and hit.match["n"] != "a" else 1
    if re.search(r"\b(?:same|that day|in the day)\b", phrase):
        days = 0
    elif re.search(r"\b(?:before|previous|preceding|earlier)\b", phrase):
        days = -days
    value = anchor + timedelta(days=days)
    detail: dict[str, object] = {
        "rule": "relative to the previous date",
        "anchor": anchor.isoformat(),
        "role": "mentioned",
    }
    return Fact("date", value.isoformat(), src.text[hit.start : end], hit.start, end, detail)


# --------------------------------------------------------------------------- counts

_QUALIFIER = (r"more than|over|at least|about|around|nearly|almost|up to|some|roughly|"
              r"approximately|fewer than|less than|as many as|at most|only")  # fmt: skip
_COUNT = re.compile(rf"(?<![\w.,:/$\u20ac\u00a3-])(?:(?P<q>{_QUALIFIER})\s+)?(?P<n>{_DIGITS}|"
                    rf"{_WORD_NUMBER}(?:\s+(?:hundred|thousand))?|a\s+dozen)"
                    r"(?![\w:/%-]|[.,]\d)", re.I)  # fmt: skip
_OF_THE = re.compile(rf"\s+of\s+(?:the|its|their|our|his|her|these|those)(?:\s+(?P<n>{_NUMBER}))?"
                     r"(?=\s)", re.I)  # fmt: skip
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
    for m in _COUNT.finditer(src.text, src.lo):
        amount = _count_value(m["n"])
        negated = re.search(r"\b(?:not|no)\s+$", src.text[max(0, m.start() - 4) : m.start()], re.I)
        if amount is None or negated:
            continue
        of = _OF_THE.match(src.text, m.end())
        noun = _counted_noun(src, vocab, equipment, of.end() if of else m.end())
        if noun is None:
            continue
        start, end = _balanced(src.text, m.start(), noun.end)
        detail: dict[str, object] = {
            "of": noun.name,
            "category": noun.category,
            "noun": src.text[noun.start : noun.end],
            "qualifier": m["q"].lower() if m["q"] else None,
            "out_of": int(_number(of["n"]) or 0) if of and of["n"] else None,
        }
        found.append(Fact("count", amount, src.text[start:end], start, end, detail))
    return found


def _count_value(token: str) -> int | None:
    words = token.lower().split()
    if words[0] == "a":
        return 12  # "a dozen"
    scale = {"hundred": 100, "thousand": 1000}.get(words[-1], 1)
    value = _number(" ".join(words[:-1]) if scale > 1 else token)
    return int(value * scale) if value is not None and value == int(value) else None


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
    options = [
        _Noun(f.start, f.end, str(f.value), str((f.detail or {})["category"]))
        for f in equipment.within(pos, end + 1)
    ]
    for pattern, entry in vocab.patterns["noun"]:
        for m in pattern.finditer(src.text, pos, end):
            options.append(_Noun(m.start(), m.end(), entry.name, str(entry.fields["category"])))
    return max(options, key=lambda o: (o.end, o.end - o.start), default=None)


# ================================================================================ clauses

# What "the clip said" / "the post said" refers back to: whoever published last.
_ARTEFACTS = frozenset({"clip", "video", "footage", "post", "caption", "statement", "tweet",
                        "message", "update", "photo", "image", "release", "channel",
                        "thread"})  # fmt: skip
_AUXILIARIES = r"(?:has|have|had|also|later|then|previously|again|once|first|further|would|earlier)"
_PRONOUN = re.compile(rf"\b(it|he|she|they|who|which|that)\s+(?:{_AUXILIARIES}\s+)*$", re.I)
_OPENING_PRONOUN = re.compile(r"(it|he|she|they)\b", re.I)
_DESCRIPTION = re.compile(rf"(?:the|this|that|its|their|his|her)(?:\s+[\w{_APOSTROPHES}-]+){{1,4}}",
                          re.I)  # fmt: skip
_DESCRIPTION_BEFORE_VERB = re.compile(rf"\b(?:the|this|its|their)(?:\s+[\w{_APOSTROPHES}-]+){{1,3}}"
                                      rf"(?=[\s,]*(?:{_AUXILIARIES}\s+)*$)", re.I)  # fmt: skip
_LEAD = re.compile(r"[\s,;]*(?:(?:but|and|while|meanwhile|however|as|although|though|whereas|"
                   r"yet|because|when|then|also)\b,?[\s,]*)*", re.I)  # fmt: skip
_PREPOSITION = re.compile(r"\b(?:in|into|on|at|to|from|for|with|against|by|of|about|near|over|"
                          r"across|towards?|under|within|without|through|during|inside|outside|"
                          r"via|per|among|like|behind|between|amid|than)\s+(?:the\s+|an?\s+)?$",
                          re.I)  # fmt: skip
_CONJUNCTION_OR_PREPOSITION = re.compile(r"\b(?:after|before|since|until|till|as|once)\s+"
                                         r"(?:the\s+|an?\s+)?$", re.I)  # fmt: skip
_BETWEEN_SUBJECT_AND_VERB = re.compile(rf"[\s,]*(?:(?:{_AUXILIARIES}|now|just|not|did|does|"
                                       rf"(?:on\s+)?[A-Z][a-z]+day)[\s,]+)*")  # fmt: skip
_NOT_A_VERB = re.compile(r"(?:^|\W)(?:the|an?|either|neither|this|that|these|those|its|their|his|"
                         r"her|our|my|any|each|every|both|such|no|new|latest|earlier|previous|"
                         r"first|to|so)[\s-]+$", re.I)  # fmt: skip
_CLAUSE_BREAK = re.compile(r";|\s[-\u2013\u2014]+\s|,\s+(?=(?:while|but|although|though|whereas|"
                           r"as(?! well)|because|when|yet)\b)|(?<![\w-])(?:while|although|"
                           r"whereas)\s", re.I)  # fmt: skip
_AFFILIATION = re.compile(rf"(?:[\w{_APOSTROPHES}-]+\s+){{1,4}}(?:at|for|from|of|with)\s+"
                          r"(?:the\s+)?", re.I)  # fmt: skip
_NEGATION = re.compile(rf"\b(?:not|never|no longer|refused to|declined to)\b|n[{_APOSTROPHES}]t\b",
                       re.I)  # fmt: skip


class _Speaker(NamedTuple):
    actor: Fact
    how: str  # subject, pronoun, description, passive, after the verb
    ref: tuple[int, int]  # the words that name or refer to the speaker


@dataclass
class _Speakers:
    """Who spoke and who published last, for "it said" and "the clip shows" further on."""

    last: Fact | None = None
    publisher: Fact | None = None


def _statement_facts(src: _Text, vocab: Vocabulary, names: list[Fact]) -> list[Fact]:
    """One statement per speaker and sentence: the sentence, attributed to its speaker."""
    actors = _InOrder(f for f in names if f.kind == "actor")
    state, facts, seen = _Speakers(), [], set()
    for start, end, verb in _speech_verbs(src, vocab):
        speaker = _speaker(src, vocab, actors, start, end, verb, state)
        if speaker is None:
            continue
        state.last = speaker.actor
        state.publisher = speaker.actor if verb.fields.get("publishes") else state.publisher
        sentence = src.sentence(start)
        if (sentence, speaker.actor.value) not in seen:
            seen.add((sentence, speaker.actor.value))
            facts.append(_statement(src, sentence, speaker, verb, (start, end)))
    return facts


def _speech_verbs(src: _Text, vocab: Vocabulary) -> list[tuple[int, int, Entry]]:
    """Speech verbs outside quotations that are verbs here: not "either claim", "so-called"
    or the "States" of "United States"."""
    hits = []
    for pattern, entry in vocab.patterns["speech"]:
        for m in pattern.finditer(src.text, src.lo):
            ss, _ = src.sentence(m.start())
            before = src.text[max(ss, m.start() - 12) : m.start()]
            proper = m.group()[0].isupper() and src.text[ss : m.start()].strip() != ""
            if src.in_quote(m.start()) or src.in_url(m.start(), m.end()) or proper:
                continue
            if not _NOT_A_VERB.search(before):
                hits.append((m.start(), m.end(), entry))
    return sorted(hits, key=lambda h: h[0])


def _speaker(
    src: _Text,
    vocab: Vocabulary,
    actors: _InOrder,
    start: int,
    end: int,
    verb: Entry,
    state: _Speakers,
) -> _Speaker | None:
    """Who says it: "released by X"; else the subject before the verb; else what a pronoun or
    "the ministry" refers back to; else, when nothing precedes the verb in its clause, the
    speaker after it ('"...," said Gladkov')."""
    ss, se = src.sentence(start)
    if verb.fields.get("speaker_after"):
        return _speaker_after(src, vocab, actors, end, se, state)
    passive = re.match(r"\s+by\s+(?:the\s+)?", src.text[end:se])
    by_at = end + passive.end() if passive else -1
    by = next((a for a in actors.within(by_at, se) if a.start == by_at), None)
    if by is not None:
        return _Speaker(by, "passive", (by.start, by.end))
    clause = _clause_start(src, ss, start)
    subjects = [a for a in actors.within(clause, start) if _is_subject(src, a, start)]
    if subjects:
        return _Speaker(subjects[-1], "subject", (subjects[-1].start, subjects[-1].end))
    referred = _referent(src, vocab, actors, clause, start, state)
    if referred or src.unquoted(clause, start).strip(" ,;:" + _QUOTES):
        return referred or _affiliation(src, actors, clause, start)
    return _speaker_after(src, vocab, actors, end, se, state)


def _affiliation(src: _Text, actors: _InOrder, clause: int, verb: int) -> _Speaker | None:
    """ "Analysts at the ISW said", "a spokesman for Ukrainian military intelligence told":
    with no named subject, the body the unnamed speaker belongs to -- if the clause opens
    with those few words."""
    lead = _lead_end(src.text, clause, verb)
    first = next(iter(actors.within(lead, verb)), None)
    if first is not None and _AFFILIATION.fullmatch(src.text, lead, first.start):
        return _Speaker(first, "affiliation", (first.start, first.end))
    return None


def _clause_start(src: _Text, sentence_start: int, pos: int) -> int:
    starts = [sentence_start] + [e for _, e in _spans_within(src.quotes, sentence_start, pos)]
    window = src.unquoted(sentence_start, pos)
    return max(starts + [sentence_start + m.start() for m in _CLAUSE_BREAK.finditer(window)])


def _is_subject(src: _Text, actor: Fact, verb: int) -> bool:
    """Not quoted, not possessive ("Putin's critics say"), not the object of a preposition
    ("for the Legion told") -- though "after the governor said" is a subject: after, since or
    as may open a clause when the verb follows the name."""
    if src.in_quote(actor.start) or re.match(
        rf"[{_APOSTROPHES}]s\s", src.text[actor.end : actor.end + 3]
    ):
        return False
    before = src.text[max(0, actor.start - 20) : actor.start]
    if _PREPOSITION.search(before):
        return False
    adjacent = _BETWEEN_SUBJECT_AND_VERB.fullmatch(src.text[actor.end : verb]) is not None
    return adjacent or not _CONJUNCTION_OR_PREPOSITION.search(before)


def _referent(
    src: _Text, vocab: Vocabulary, actors: _InOrder, clause: int, pos: int, state: _Speakers
) -> _Speaker | None:
    window = src.unquoted(clause, pos)
    lead = _lead_end(window, 0, len(window)) + clause
    pronoun = _PRONOUN.search(window)
    ref = (clause + pronoun.start(1), clause + pronoun.end(1)) if pronoun else None
    opening = _OPENING_PRONOUN.match(src.text, lead, pos)
    ref = ref or ((opening.start(1), opening.end(1)) if opening else None)
    if ref is not None:
        word = src.text[ref[0] : ref[1]].lower()
        actor = _pronoun_referent(src, vocab, actors, word, ref[0], state)
        return _Speaker(actor, "pronoun", ref) if actor else None
    before_verb = _DESCRIPTION_BEFORE_VERB.search(window)
    if before_verb:
        found = _described(vocab, actors, before_verb.group(), clause + before_verb.start(), state)
        if found:
            return found
    opening_description = _DESCRIPTION.match(src.text, lead, pos)
    if opening_description:
        return _described(vocab, actors, opening_description.group(), lead, state)
    return None


def _lead_end(text: str, start: int, end: int) -> int:
    """Where a clause's subject can start: after spaces, commas, "but", "meanwhile"."""
    m = _LEAD.match(text, start, end)
    return m.end() if m else start


def _pronoun_referent(
    src: _Text, vocab: Vocabulary, actors: _InOrder, pronoun: str, pos: int, state: _Speakers
) -> Fact | None:
    """ "who" is the name just before; "it"/"they" the sentence's first non-person actor and
    "he"/"she" its first person; failing that, whoever spoke last, if of the right kind."""
    ss, _ = src.sentence(pos)
    before = [a for a in actors.within(ss, pos) if not src.in_quote(a.start)]
    if pronoun in ("who", "which", "that"):
        return before[-1] if before else None
    person = pronoun in ("he", "she")
    same_sentence = [a for a in before if _is_person(vocab, a) == person]
    if same_sentence:
        return same_sentence[0]
    if state.last is not None and _is_person(vocab, state.last) == person:
        return state.last
    return None


def _is_person(vocab: Vocabulary, actor: Fact) -> bool:
    return (actor.detail or {}).get("type") in vocab.person_types


def _described(
    vocab: Vocabulary, actors: _InOrder, phrase: str, at: int, state: _Speakers
) -> _Speaker | None:
    """ "the group" -> the last armed group named; "the clip" -> whoever published last."""
    for word in list(re.finditer(rf"[\w{_APOSTROPHES}-]+", phrase))[1:]:  # after the determiner
        noun = word.group().lower().strip(_APOSTROPHES)
        singular = noun[:-1] if noun.endswith("s") else noun
        types = vocab.type_nouns.get(noun) or vocab.type_nouns.get(singular) or ()
        if noun in _ARTEFACTS or singular in _ARTEFACTS or types:
            break
    else:
        return None
    if not types:
        actor = state.publisher or state.last
    else:
        actor = actors.last_before(at, lambda a: (a.detail or {}).get("type") in types)
    return _Speaker(actor, "description", (at, at + word.end())) if actor else None


def _speaker_after(
    src: _Text, vocab: Vocabulary, actors: _InOrder, end: int, limit: int, state: _Speakers
) -> _Speaker | None:
    after = next((a for a in actors.within(end, limit) if not src.in_quote(a.start)), None)
    if after and len(src.text[end : after.start].split()) <= 2:
        return _Speaker(after, "after the verb", (after.start, after.end))
    lead = _lead_end(src.text, end, limit)
    described = _DESCRIPTION.match(src.text, lead, limit)
    return _described(vocab, actors, described.group(), lead, state) if described else None


def _statement(
    src: _Text,
    sentence: tuple[int, int],
    speaker: _Speaker,
    verb: Entry,
    verb_span: tuple[int, int],
) -> Fact:
    start, end = sentence
    quote = next((src.text[s + 1 : e - 1] for s, e in _spans_within(src.quotes, start, end)), None)
    negated = _NEGATION.search(src.unquoted(max(start, verb_span[0] - 25), verb_span[0]))
    detail: dict[str, object] = {
        "verb": verb.name,
        "verb_text": src.text[verb_span[0] : verb_span[1]],
        "speaker_text": src.text[speaker.ref[0] : speaker.ref[1]],
        "speaker_start": speaker.ref[0],
        "speaker_end": speaker.ref[1],
        "resolved_by": speaker.how,
        "side": (speaker.actor.detail or {}).get("side"),
        "negated": bool(negated),
        "quote": quote,
    }
    return Fact("statement", speaker.actor.value, src.text[start:end], start, end, detail)


def _hedge_facts(src: _Text, vocab: Vocabulary) -> list[Fact]:
    """ "has not been independently verified" and kin. ``scope`` says whether the sentence is
    about the footage or about the claim in general."""
    hits = [
        _Hit(m.start(), m.end(), "hedge", entry)
        for pattern, entry in vocab.patterns["hedge"]
        for m in pattern.finditer(src.text, src.lo)
        if not src.in_url(m.start(), m.end())
    ]
    facts = []
    for hit in _longest(hits, len(src.text)):
        ss, se = src.sentence(hit.start)
        scope = "footage" if _FOOTAGE.search(src.text[ss:se]) else "claim"
        text = src.text[hit.start : hit.end]
        facts.append(Fact("hedge", hit.entry.name, text, hit.start, hit.end, {"scope": scope}))
    return facts


# ================================================================================ entry points


def extract_facts(
    text: str, published: date | None, start: int = 0, vocab: Vocabulary | None = None
) -> list[Fact]:
    """Every fact in ``text[start:]`` (the body after any front matter), sorted by start.

    Offsets are into ``text``. ``published`` resolves weekdays and "yesterday"; without it a
    wire dateline with a year stands in; without either they are left out."""
    if not 0 <= start <= len(text):
        raise ValueError(f"start {start} is outside the text (length {len(text)})")
    vocab = vocab or default_vocabulary()
    src = _read(text, start)
    names = _name_facts(src, vocab)
    facts = names + _number_facts(src, vocab, published, names)
    facts += _statement_facts(src, vocab, names) + _hedge_facts(src, vocab)
    return sorted(facts, key=lambda f: (f.start, -f.end, KINDS.index(f.kind)))


def extract_claim(path: Path, vocab: Vocabulary | None = None) -> ClaimFacts:
    """The facts of a claim file, with its publication date from the front matter, a
    ``date YYYY-MM-DD`` line or a wire dateline, in that order."""
    return extract_claim_text(read_text(path), path, vocab)


def extract_claim_text(
    text: str, path: Path = Path("<claim>"), vocab: Vocabulary | None = None
) -> ClaimFacts:
    """As :func:`extract_claim` for a text already read; ``path`` names it in errors."""
    fields, body = split_front_matter(path, text)
    start = len(text) - len(body)  # the body is always the end of the file
    published = parse_date(fields.get("published"), f"{path}: published")
    facts = extract_facts(text, published, start, vocab)
    header = _published_fact(text, start, published)
    if header is not None:
        facts.insert(0, header)
    if published is None:
        dateline = next((f for f in facts if f.detail and f.detail.get("published")), None)
        published = date.fromisoformat(str(dateline.value)) if dateline else None
    return ClaimFacts(published, tuple(facts))


def _published_fact(text: str, body_start: int, published: date | None) -> Fact | None:
    """The publication date where the header states it: ``published:`` or ``date`` line."""
    if published is None:
        return None
    pattern = r"^(?:published:[ \t]*[\"']?|[ \t]*date[ \t]+)(\d{4}-\d{2}-\d{2})"
    m = re.search(pattern, text[:body_start], re.M)
    if m is None or m[1] != published.isoformat():
        return None
    rule = "front matter" if m.group().startswith("published") else "date line"
    return Fact("date", m[1], m[1], m.start(1), m.end(1), {"rule": rule, "role": "published"})
