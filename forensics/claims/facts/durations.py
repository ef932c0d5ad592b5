"""Duration facts: the length of the footage, in seconds.

Written as words ("one minute and 52 seconds", "a 90-second clip"), compactly ("1m52s") or as
a clock ("1:52"). A length must sit near a word about footage ("video", "clip", "runs"), so
"shelling went on for two hours" is none, and a clock form must not read as a time of day
("at 4:30", "12:40 Kyiv time") or a stretch of the video ("0:03-0:09").
"""

from __future__ import annotations

import re

from forensics.claims.facts.fact import Fact
from forensics.claims.facts.numbers import _NUMBER, _number
from forensics.claims.facts.text import _APOSTROPHES, _QUOTES, _Text, latin_matches

_UNIT = r"(?:hours?|hrs?|minutes?|mins?|seconds?|secs?)"
_HALF = r"(?:[- ]and[- ]a[- ]half)"
# Words that bound a length rather than give it exactly ("just over a minute"); the value is the
# length named, as "under two minutes" is two minutes.
_BOUND_WORDS_EN = (
    r"(?:(?:just|a\s+little|slightly)\s+)?(?:over|under|about|around|nearly|almost|"
    r"roughly|barely|(?:less|more)\s+than)\s+"
)
_AFTER_LASTING = "|".join(
    rf"(?<=\b{verb} )" for verb in ("runs", "ran", "lasts", "lasted", "lasting", "running", "of")
)
# Hard-wrapped text breaks a line anywhere: "52\nseconds", "45-\nsecond" (one break at most).
_JOIN = r"(?:-\s?|\s)?"
_PART = rf"{_NUMBER}{_HALF}?{_JOIN}{_UNIT}(?!\w)"
# Parts joined by spaces, "and" or a hyphen: "1 minute 52 seconds", "a 1-minute-16-second video".
_DURATION = re.compile(rf"(?<![\w.:,-]){_PART}(?:(?:,?\s*(?:and\s+)?|-){_PART}){{0,2}}"
                       rf"(?:[- ]long\b)?", re.I)  # fmt: skip
_DURATION_PART = re.compile(rf"({_NUMBER})({_HALF}?){_JOIN}([hms])", re.I)
_UNIT_SECONDS = {"h": 3600.0, "m": 60.0, "s": 1.0, "hour": 3600.0, "minute": 60.0}
_DURATION_IDIOMS = (  # (pattern, how many of the unit it names)
    (re.compile(r"(?<![\w-])(?:an?|one)\s+(hour|minute)\s+and\s+a\s+half\b", re.I), 1.5),
    (re.compile(r"(?<![\w-])half(?:\s+an?\s+|[- ])(hour|minute)\b", re.I), 0.5),
    (re.compile(r"(?<![\w-])(?:an?[- ])?(hour|minute)[- ]long\b", re.I), 1.0),
    (re.compile(r"(?<![\w-])an?\s+(hour|minute)\s+of\s+(?:footage|video)\b", re.I), 1.0),
    # hyphenated as one adjective, with or without the article: "the ministry's
    # minute-and-a-half video"
    (re.compile(r"(?<![\w-])(hour|minute)-and-a-half\b", re.I), 1.5),
    # a bound before "a minute" after a verb of lasting or "of": "runs just over a minute",
    # "lasts about a minute", "a video of barely a minute"
    (
        re.compile(
            rf"(?:{_AFTER_LASTING})(?:for\s+)?{_BOUND_WORDS_EN}"
            r"(?:an?|one)\s+(hour|minute)\b(?![- ]and)",
            re.I,
        ),
        1.0,
    ),
)
_COMPACT = re.compile(r"(?<![\w:])(\d{1,3})m\s?(\d{1,2})s\b")
# A colon may close the clock before a space ("1:10: на ньому уламки"), not run on ("1:10:05").
_CLOCK = re.compile(r"(?<![\w:.,/-])(?:(\d{1,2}):)?(\d{1,2}):([0-5]\d)(?!\w|:\S|[.,]\d)")
_FOOTAGE = re.compile(r"\b(?:videos?|clips?|footage|recordings?|reels?|films?|montages?|versions?|"
                      r"compilations?|livestreams?|broadcasts?|runs|running|lasting|lasts|"
                      r"length|duration|runtime|long)\b", re.I)  # fmt: skip
_NOT_LENGTH_AFTER = re.compile(rf"\s*(?:later|earlier|ago|after|before|away|into|from|drive|"
                               rf"walk|ride|flight|[{_APOSTROPHES}]s\b)", re.I)  # fmt: skip
_NOT_LENGTH_BEFORE = re.compile(r"\b(?:within|every|after|at|until|till)\s+$", re.I)
# "the first 38 seconds", "the last two minutes": a part of the footage, not its length -- unless
# a word about footage follows at once ("the first 45-second clip").
_PART_BEFORE = re.compile(r"\b(?:first|last|final|opening|closing|initial|remaining|next)\s+"
                          r"(?:few\s+)?$", re.I)  # fmt: skip
_CLOCK_TIME_AFTER = re.compile(rf"\s*(?:[ap]\.?m\b|[ap]\.m\.|h\b|hrs?\b|hours\b|"
                               rf"o[{_APOSTROPHES}]clock|local|GMT|UTC|MSK|CET|EET|EEST|"
                               rf"Moscow time|Kyiv time)", re.I)  # fmt: skip
# A clock opening a line before a dash stamps a live-blog or ticker entry ("09:45 - A video
# ..."), maybe after a list marker or in bold: a time of day, whatever the entry goes on to say.
_LINE_START = re.compile(r"[ \t]*(?:[-*+>\u2022]+[ \t]+|#+[ \t]+)?[*_]*")
_ENTRY_DASH = re.compile(r"[*_]*[ \t]*[-|\u2012\u2013\u2014\u2015]")
_CLOCK_TIME_BEFORE = re.compile(r"\b(?:at|from|until|till|between|since|around|by|to|before|"
                                r"after|timestamp)\b", re.I)  # fmt: skip


def _duration_facts(src: _Text) -> list[Fact]:
    """Lengths of footage: in words, "1m52s", or "1:52" near a word about footage. Each must
    sit near such a word ("video", "clip", "runs"), so "shelling went on for two hours" is
    not one."""
    found = []  # none of these forms holds a Cyrillic letter: see latin_matches
    for start, end, m in latin_matches(src, _DURATION):
        seconds = sum(_part_seconds(part) for part in _DURATION_PART.finditer(m.group()))
        found.append(_duration(src, start, end, seconds, "words"))
    for pattern, multiple in _DURATION_IDIOMS:
        for start, end, m in latin_matches(src, pattern):
            seconds = multiple * _UNIT_SECONDS[m[1].lower()]
            found.append(_duration(src, start, end, seconds, "words"))
    for start, end, m in latin_matches(src, _COMPACT):
        found.append(_duration(src, start, end, int(m[1]) * 60.0 + int(m[2]), "compact"))
    for start, end, m in latin_matches(src, _CLOCK):
        if _clock_is_length(src, start, end):
            seconds = int(m[1] or 0) * 3600.0 + int(m[2]) * 60 + int(m[3])
            found.append(_duration(src, start, end, seconds, "clock"))
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
    """Not "two minutes later", "a 30-minute drive", "within a minute", nor a part of the
    footage ("the first 38 seconds")."""
    before = src.text[max(0, fact.start - 20) : fact.start]
    if _NOT_LENGTH_AFTER.match(src.text, fact.end) or _NOT_LENGTH_BEFORE.search(before):
        return False
    attributive = _FOOTAGE.match(src.text[fact.end : fact.end + 20].lstrip(" -"))
    return not (_PART_BEFORE.search(before) and not attributive)


# A clock alone on its line (maybe in bold or after a heading mark) heads a live-blog entry.
_OWN_LINE_BEFORE = re.compile(r"(?:^|\n)[ \t*_#>]*\Z")
_OWN_LINE_AFTER = re.compile(r"[ \t*_]*(?:\r?\n|\Z)")


def alone_on_line(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands alone on its line, as the time heading a live-blog
    entry does ("09:12" over the entry): a time of day, whatever the heading above names. Only
    a few characters either side are read, so a text of one long line stays linear."""
    return bool(_OWN_LINE_BEFORE.search(text, max(0, start - 12), start)
                and _OWN_LINE_AFTER.match(text, end))  # fmt: skip


def _clock_is_length(src: _Text, start: int, end: int) -> bool:
    """ "1:52" is a length near a word about footage; never a time of day ("at 4:30",
    "04:30 a.m.", "12:40 Kyiv time", "09:45 - " opening a live-blog entry) nor a stretch of the
    video ("0:03-0:09")."""
    text = src.text
    line = text.rfind("\n", 0, start) + 1
    if _LINE_START.fullmatch(text, line, start) and _ENTRY_DASH.match(text, end):
        return False
    if alone_on_line(text, start, end):
        return False
    if _CLOCK_TIME_AFTER.match(text, end) or re.match(r"\s*[-\u2013\u2014]\s*\d", text[end:]):
        return False
    if re.search(r"\d\s*[-\u2013\u2014]\s*$", text[max(0, start - 3) : start]):
        return False
    if _CLOCK_TIME_BEFORE.search(" ".join(text[max(0, start - 30) : start].split()[-3:])):
        return False
    ss, se = src.sentence(start)
    near = text[max(ss, start - 40) : start] + " " + text[end : min(se, end + 40)]
    return bool(_FOOTAGE.search(near) or re.search(r"\bmin(?:ute)?s?\b", near, re.I))


# A length bounded rather than given ("just over a minute", "тривалістю понад хвилину",
# "длиной чуть меньше двух минут", "under two minutes long"): the bound stands right before the
# amount or opens the fact's own text. Its value stays the length named; the detail says which
# way it leans, so the footage's measured length is checked against a bound, not a figure.
_SOFT = r"(?:(?:just|a\s+little|slightly|чуть|трохи|трішки|немного|ледь)\s+)?"
# One pattern, so the leftmost reading wins: "не более" is "less" though "более" is "more".
_BOUND = re.compile(rf"(?:^|\s){_SOFT}(?:(?P<less>under|less\s+than|almost|nearly|barely|"
                    rf"up\s+to|no\s+more\s+than|not\s+more\s+than|менше|менш\s+ніж|меньше|"
                    rf"менее|почти|майже|не\s+более|не\s+больше|не\s+більше)|(?P<more>over|"
                    rf"more\s+than|at\s+least|upwards\s+of|понад|більше|більш\s+ніж|более|"
                    rf"больше|свыше|не\s+менее|не\s+менше|щонайменше))\s+$", re.I)  # fmt: skip
_BOUND_WORDS = re.compile(r"\S+\s+")


def with_bound(text: str, fact: Fact) -> Fact:
    """The length fact with ``detail["bound"]`` "more" or "less" where a bound leads it."""
    lead = _BOUND_WORDS.match(fact.text)  # "понад хвилину": the bound is the first word
    lead2 = _BOUND_WORDS.match(fact.text, lead.end()) if lead else None
    heads = [text[max(0, fact.start - 30) : fact.start]]
    heads += [" " + fact.text[: m.end()] for m in (lead, lead2) if m]
    for head in heads:
        m = _BOUND.search(head)
        if m:
            bound = "less" if m["less"] else "more"
            return Fact(fact.kind, fact.value, fact.text, fact.start, fact.end,
                        {**(fact.detail or {}), "bound": bound})  # fmt: skip
    return fact
