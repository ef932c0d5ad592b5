"""Claim texts: the words released with a clip, and the few facts the analysis checks.

A claim file is plain text or Markdown, optionally opened by YAML front matter (``outlet``,
``url``, ``published``, ``author``, ``actor``, ``platform``) or by a ``date YYYY-MM-DD`` line as
in wire copy. This module reads it strictly -- a claim that cannot be read is an error naming
the file, never a silently dropped claim -- and finds claimed durations and event dates.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import yaml

from .errors import BadInputError
from .models import ClaimRef

MAX_CLAIM_BYTES = 2_000_000
FRONT_KEYS = ("outlet", "url", "published", "author", "actor", "platform")
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "forty-five": 45, "fifty": 50, "ninety": 90,
}  # fmt: skip
MONTH_NAMES = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, start=1)}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_NUM = r"(\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
DURATION_PATTERNS = (
    re.compile(rf"\b{_NUM}[ -]minutes?,?(?: and)? {_NUM}[ -]seconds?\b", re.I),
    re.compile(rf"\b{_NUM}[ -](?:minute|min)s?\b(?![ -]*(?:and )?\d+[ -]sec)", re.I),
    re.compile(rf"\b{_NUM}[ -](?:second|sec)s?\b", re.I),
    re.compile(r"\b(\d{1,2}):([0-5]\d)\b(?! ?[ap]\.?m)", re.I),
)


def read_text(path: Path) -> str:
    """A claim or case file's text, refusing binary data and undecodable bytes by name."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadInputError(f"{path}: cannot be read ({exc.strerror})") from None
    if not data.strip():
        raise BadInputError(f"{path}: claim file is empty")
    if len(data) > MAX_CLAIM_BYTES:
        raise BadInputError(f"{path}: {len(data)} bytes is too large for a claim text")
    if b"\x00" in data:
        raise BadInputError(f"{path}: binary data, not a claim text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BadInputError(f"{path}:{line}: not UTF-8 text (byte {exc.start})") from None


def split_front_matter(path: Path, text: str) -> tuple[dict[str, str], str]:
    """Front matter fields and the body; a ``date YYYY-MM-DD`` first line counts as published."""
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end < 0:
            raise BadInputError(f"{path}:1: front matter opened with --- but never closed")
        try:
            fields = yaml.safe_load(text[3:end]) or {}
        except yaml.YAMLError as exc:
            line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 2
            raise BadInputError(f"{path}:{line}: malformed front matter") from None
        if not isinstance(fields, dict):
            raise BadInputError(f"{path}:2: front matter must be key: value lines")
        body = text[end + 4 :].lstrip("-").lstrip("\n")
        return {str(k): str(v) for k, v in fields.items() if v is not None}, body
    dateline = re.match(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s*", text)
    if dateline:
        return {"published": dateline.group(1)}, text[dateline.end() :]
    return {}, text


def _as_number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def claimed_durations(text: str) -> tuple[float, ...]:
    """Footage durations in seconds: "one minute and 52 seconds", "45-second clip", "1:52"."""
    found: list[tuple[int, float]] = []
    taken: list[range] = []
    for kind, pattern in enumerate(DURATION_PATTERNS):
        for match in pattern.finditer(text):
            if any(match.start() in span for span in taken):
                continue
            taken.append(range(match.start(), match.end()))
            a = match.group(1)
            if kind == 0:
                seconds = _as_number(a) * 60 + _as_number(match.group(2))
            elif kind == 3:
                seconds = int(a) * 60 + int(match.group(2))
            else:
                seconds = _as_number(a) * (60 if kind == 1 else 1)
            found.append((match.start(), float(seconds)))
    return tuple(dict.fromkeys(s for _, s in sorted(found)))


def event_dates(text: str, published: date | None) -> tuple[str, ...]:
    """Dates of events the text names: "May 22", "22 May 2023", "2023-05-22", and weekdays
    ("on Monday") resolved to the latest such day on or before publication."""
    found: list[tuple[int, date | None]] = []
    year = published.year if published else None
    for m in re.finditer(r"\b(\d{4})-(\d{2})-(\d{2})\b", text):
        found.append((m.start(), _safe_date(int(m[1]), int(m[2]), int(m[3]))))
    month = r"(" + "|".join(MONTHS) + r")"
    month_day = rf"\b{month}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?"
    for m in re.finditer(month_day, text, re.I):
        day = _safe_date(int(m[3] or year or 0), MONTHS[m[1].lower()], int(m[2]))
        found.append((m.start(), day))
    day_month = rf"\b(\d{{1,2}})\s+{month}(?:\s+(\d{{4}}))?"
    for m in re.finditer(day_month, text, re.I):
        day = _safe_date(int(m[3] or year or 0), MONTHS[m[2].lower()], int(m[1]))
        found.append((m.start(), day))
    if published:
        for m in re.finditer(r"\bon\s+(" + "|".join(WEEKDAYS) + r")\b", text, re.I):
            back = (published.weekday() - WEEKDAYS.index(m[1].lower())) % 7
            found.append((m.start(), published - timedelta(days=back)))
    dates = (d for _, d in sorted(found, key=lambda item: item[0]) if d is not None)
    return tuple(dict.fromkeys(d.isoformat() for d in dates))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day) if year > 0 else None
    except ValueError:
        return None


def parse_date(value: str | None, where: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise BadInputError(f"{where}: date {value!r} is not YYYY-MM-DD") from None


def load_claim(path: Path, linked_by: str) -> ClaimRef:
    """Read one claim file into a :class:`ClaimRef`."""
    text = read_text(path)
    fields, body = split_front_matter(path, text)
    published = parse_date(fields.get("published"), f"{path}: published")
    return ClaimRef(
        path=str(path.resolve()),
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        outlet=fields.get("outlet"),
        url=fields.get("url"),
        published=published.isoformat() if published else None,
        author=fields.get("author"),
        actor=fields.get("actor"),
        platform=fields.get("platform"),
        text=body.strip(),
        claimed_durations_s=claimed_durations(body),
        event_dates=tuple(d for d in event_dates(body, published) if d != fields.get("published")),
        linked_by=linked_by,
    )


def relink(claim: ClaimRef, linked_by: str) -> ClaimRef:
    return replace(claim, linked_by=linked_by)
