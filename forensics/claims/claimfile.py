"""A claim file read strictly: its text and its front matter.

A claim file is plain text or Markdown, optionally opened by YAML front matter (``outlet``,
``url``, ``published``, ``author``, ``actor``, ``platform``) or by a ``date YYYY-MM-DD`` line as
in wire copy. ``released:`` or ``date:`` in the front matter is read as ``published:`` (the case
file calls a clip's day ``released``: a user writing that word in a claim lost the date). A
claim that cannot be read is an error naming the file and line, never a silently dropped claim.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from forensics.dates import parse_day
from forensics.errors import BadInputError

MAX_CLAIM_BYTES = 2_000_000
FRONT_KEYS = ("outlet", "url", "published", "author", "actor", "platform")
PUBLISHED_KEYS = ("published", "released", "date")  # the first is the name the fields keep
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
            raise BadInputError(f"{path}:{_yaml_line(exc, text[3:end])}: malformed front matter"
                                f"{_yaml_problem(exc)}") from None  # fmt: skip
        if not isinstance(fields, dict):
            raise BadInputError(f"{path}:2: front matter must be key: value lines")
        body = text[end + 4 :].lstrip("-").lstrip("\n")
        fields = {str(k): str(v) for k, v in fields.items() if v is not None}
        return _published_field(path, text[:end], fields), body
    dateline = re.match(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s*", text)
    if dateline:
        return {"published": dateline.group(1)}, text[dateline.end() :]
    return {}, text


def _published_field(path: Path, header: str, fields: dict[str, str]) -> dict[str, str]:
    """The fields with the publication date under ``published`` whichever of
    :data:`PUBLISHED_KEYS` gave it; a date that is not a date, or two keys giving two dates,
    is refused at its line."""
    given = {key: fields.pop(key) for key in PUBLISHED_KEYS if key in fields}
    for key, value in given.items():
        parse_day(value, f"{path}:{_key_line(header, key)}: {key}")
    if len(set(given.values())) > 1:
        first, second, *_ = given
        raise BadInputError(f"{path}:{_key_line(header, second)}: {second} gives another day "
                            f"than {first} ({', '.join(given.values())})")  # fmt: skip
    if given:
        fields["published"] = next(iter(given.values()))
    return fields


def _key_line(header: str, key: str) -> int:
    """The file line of a front matter key (the header starts at the file's first line)."""
    found = re.search(rf"^{key}\s*:", header, re.M)
    return header[: found.start()].count("\n") + 1 if found else 2


def _yaml_line(exc: yaml.YAMLError, source: str) -> int:
    """The file line of a YAML error: where the broken construct opened, else where it broke
    (the front matter's first YAML line is the rest of the file's line 1); a character YAML
    refuses outright (a ReaderError) has only its position in ``source``."""
    mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
    if mark is not None:
        return int(mark.line) + 1
    position = getattr(exc, "position", None)
    return source[:position].count("\n") + 1 if isinstance(position, int) else 2


def _yaml_problem(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None) or getattr(exc, "reason", None)
    character = getattr(exc, "character", None)
    if problem and isinstance(character, str):
        return f" ({problem}: {character!a})"
    return f" ({problem})" if problem else ""
