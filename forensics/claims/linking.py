"""Claim texts: the words released with a clip, and the facts they assert.

A claim file is plain text or Markdown, optionally opened by YAML front matter (``outlet``,
``url``, ``published``, ``author``, ``actor``, ``platform``) or by a ``date YYYY-MM-DD`` line as
in wire copy. This module reads it strictly -- a claim that cannot be read is an error naming
the file and line, never a silently dropped claim -- and links it to a clip with every fact
:mod:`forensics.claims.facts` finds in it, offsets moved onto the text the record keeps.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from forensics.errors import BadInputError
from forensics.records.analysis import ClaimRef

if TYPE_CHECKING:
    from forensics.claims.facts import Fact

MAX_CLAIM_BYTES = 2_000_000
FRONT_KEYS = ("outlet", "url", "published", "author", "actor", "platform")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def read_text(path: Path) -> str:
    """A claim file's text, refusing empty, huge, binary and non-UTF-8 files with one line that
    names the file and the line where the problem is."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadInputError(f"{path}: cannot be read ({exc.strerror})") from None
    if not data.strip():
        raise BadInputError(f"{path}:1: claim file is empty")
    if len(data) > MAX_CLAIM_BYTES:
        line = data[:MAX_CLAIM_BYTES].count(b"\n") + 1
        raise BadInputError(
            f"{path}:{line}: {len(data):,} bytes is too large for a claim text (the limit of "
            f"{MAX_CLAIM_BYTES:,} bytes is passed in this line)"
        )
    if data.startswith(_UTF16_BOMS):
        raise BadInputError(f"{path}:1: UTF-16 text; save the claim as UTF-8")
    if b"\x00" in data:
        nul = data.index(b"\x00")
        line = data[:nul].count(b"\n") + 1
        raise BadInputError(f"{path}:{line}: binary data (a NUL byte), not a claim text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BadInputError(
            f"{path}:{line}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start}); save the claim as UTF-8"
        ) from None


def split_front_matter(path: Path, text: str) -> tuple[dict[str, str], str]:
    """Front matter fields and the body; a ``date YYYY-MM-DD`` first line counts as published."""
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end < 0:
            raise BadInputError(f"{path}:1: front matter opened with --- but never closed")
        try:
            fields = yaml.safe_load(text[3:end]) or {}
        except yaml.YAMLError as exc:
            raise BadInputError(f"{path}:{_yaml_line(exc)}: malformed front matter"
                                f"{_yaml_problem(exc)}") from None  # fmt: skip
        if not isinstance(fields, dict):
            raise BadInputError(f"{path}:2: front matter must be key: value lines")
        body = text[end + 4 :].lstrip("-").lstrip("\n")
        fields = {str(k): str(v) for k, v in fields.items() if v is not None}
        _check_published(path, text[:end], fields.get("published"))
        return fields, body
    dateline = re.match(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s*", text)
    if dateline:
        return {"published": dateline.group(1)}, text[dateline.end() :]
    return {}, text


def _check_published(path: Path, header: str, value: str | None) -> None:
    """A front matter publication date that is not a date is refused at its line."""
    if value is None:
        return
    key = re.search(r"^published\s*:", header, re.M)
    line = header[: key.start()].count("\n") + 1 if key else 2
    parse_date(value, f"{path}:{line}: published")


def _yaml_line(exc: yaml.YAMLError) -> int:
    """The file line of a YAML error: where the broken construct opened, else where it broke
    (the front matter's first YAML line is the rest of the file's line 1)."""
    mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
    return mark.line + 1 if mark is not None else 2


def _yaml_problem(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None)
    return f" ({problem})" if problem else ""


def parse_date(value: str | None, where: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise BadInputError(f"{where}: date {value!r} is not YYYY-MM-DD") from None


def load_claim(path: Path, linked_by: str) -> ClaimRef:
    """Read one claim file into a :class:`ClaimRef` carrying every fact the claim asserts.

    The record keeps the body (front matter and ``date`` line removed, outer whitespace
    stripped) as ``text``; each fact's ``start``/``end`` are moved to index that text, and
    ``text_start`` says where it begins in the file. Facts outside the body (the publication
    date written in the front matter) are kept as fields (``published``), not as facts.
    """
    from forensics.claims.facts import (
        extract_claim_text,  # facts reads files with this module: import late
    )

    text = read_text(path)
    fields, body = split_front_matter(path, text)
    extracted = extract_claim_text(text, path)
    kept = body.strip()
    offset = len(text) - len(body) + (len(body) - len(body.lstrip()))
    facts = tuple(
        replace(f, start=f.start - offset, end=f.end - offset)
        for f in extracted.facts
        if f.start >= offset and f.end <= offset + len(kept)
    )
    published = extracted.published
    return ClaimRef(
        path=str(path.resolve()),
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        outlet=fields.get("outlet"),
        url=fields.get("url"),
        published=published.isoformat() if published else None,
        author=fields.get("author"),
        actor=fields.get("actor"),
        platform=fields.get("platform"),
        text=kept,
        claimed_durations_s=claimed_durations(facts),
        event_dates=event_dates(facts),
        linked_by=linked_by,
        facts=facts,
        text_start=offset,
    )


def claimed_durations(facts: tuple[Fact, ...]) -> tuple[float, ...]:
    """Lengths of footage the claim states, in seconds, in text order."""
    return tuple(dict.fromkeys(float(str(f.value)) for f in facts if f.kind == "duration"))


def event_dates(facts: tuple[Fact, ...]) -> tuple[str, ...]:
    """Dates of events the claim names, in text order: every date it mentions, but not its
    publication date or dateline (when and where the text was written)."""
    dates = (str(f.value) for f in facts
             if f.kind == "date" and (f.detail or {}).get("role") == "mentioned")  # fmt: skip
    return tuple(dict.fromkeys(dates))


def relink(claim: ClaimRef, linked_by: str) -> ClaimRef:
    return replace(claim, linked_by=linked_by)
