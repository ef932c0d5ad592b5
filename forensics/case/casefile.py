"""Case files: which clip is whose, released when, with which claims.

A case file (``case.toml``) lists clips by path relative to itself, optionally pinned by
SHA-256, with the releasing actor, the release date or exact UTC time and the claim files about
each. ``analyze`` finds it next to the clip (or one folder up) unless ``--case`` names one.
"""

from __future__ import annotations

import math
import re
import tomllib
from pathlib import Path

from forensics.claims.linking import load_claim
from forensics.dates import parse_release, release_iso
from forensics.errors import BadInputError
from forensics.records import CaseEntry, ClaimRef

CASE_FILE = "case.toml"


def find_case_file(clip: Path) -> Path | None:
    for folder in (clip.resolve().parent, clip.resolve().parent.parent):
        candidate = folder / CASE_FILE
        if candidate.is_file():
            return candidate
    return None


def load_case(case_file: Path) -> list[CaseEntry]:
    """Every clip entry of a case file. Errors name the file and the line: a broken entry, a
    misspelt key (``claim =`` would silently drop claims), and a clip or claim file that does
    not exist are refused, so no report is ever made without a claim the case links."""
    try:
        text = case_file.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInputError(f"{case_file}: cannot be read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        at = re.search(r"at line (\d+)", str(exc))
        line = at[1] if at else len(text.splitlines()) or 1  # "at end of document"
        raise BadInputError(f"{case_file}:{line}: not valid TOML ({exc})") from None
    clips = data.get("clips", [])
    if not isinstance(clips, list):
        raise BadInputError(f"{case_file}: 'clips' must be a list of [[clips]] tables")
    lines = _EntryLines(case_file, text)
    entries = [_entry(lines, data.get("title"), i, c) for i, c in enumerate(clips, start=1)]
    for number, entry in enumerate(entries, start=1):
        _check_files_exist(lines, number, entry)
    return entries


class _EntryLines:
    """Where each ``[[clips]]`` entry and its values are written, to name lines in errors
    (tomllib gives values, not positions). Falls back to the entry's header line, or line 1."""

    def __init__(self, case_file: Path, text: str) -> None:
        self.case_file = case_file
        self.lines = text.splitlines()
        self.starts = [n for n, line in enumerate(self.lines, 1) if _HEADER.match(line)]

    def where(self, number: int, needle: str | None = None) -> str:
        if number > len(self.starts):
            return f"{self.case_file}:1: clip entry {number}"
        first = self.starts[number - 1]
        last = self.starts[number] - 1 if number < len(self.starts) else len(self.lines)
        found = first
        for n in range(first, last + 1):
            line = self.lines[n - 1]
            if needle and _mentions(line, needle):
                found = n
                break
        return f"{self.case_file}:{found}: clip entry {number}"


_HEADER = re.compile(r"^\s*\[\[\s*clips\s*\]\]")
ENTRY_KEYS = ("path", "sha256", "actor", "released", "forwarded_from", "platform_duration",
              "claims", "title", "note", "description")  # fmt: skip


def _mentions(line: str, needle: str) -> bool:
    """Whether ``line`` sets the key ``needle`` or holds it as a quoted string."""
    key = re.match(rf"\s*{re.escape(needle)}\s*=", line)
    return bool(key) or f'"{needle}"' in line or f"'{needle}'" in line


def _entry(lines: _EntryLines, title: object, number: int, raw: object) -> CaseEntry:
    case_file = lines.case_file
    if not isinstance(raw, dict) or not isinstance(raw.get("path"), str):
        raise BadInputError(f"{lines.where(number)}: needs a 'path'")
    unknown = sorted(set(raw) - set(ENTRY_KEYS))
    if unknown:
        raise BadInputError(f"{lines.where(number, unknown[0])}: unknown key {unknown[0]!r} "
                            f"(a clip entry has {', '.join(ENTRY_KEYS)})")  # fmt: skip
    claims = raw.get("claims", [])
    if not isinstance(claims, list) or not all(isinstance(c, str) for c in claims):
        raise BadInputError(f"{lines.where(number, 'claims')}: 'claims' must be a list of "
                            "file paths")  # fmt: skip
    # A day, or the exact UTC time ingest writes: kept as given, so two releases of one day
    # with known times are ordered (forensics.dates.first_release).
    released = parse_release(raw.get("released"), f"{lines.where(number, 'released')}: released")
    base = case_file.resolve().parent
    return CaseEntry(
        case_file=str(case_file.resolve()),
        title=str(title) if title else None,
        path=str((base / raw["path"]).resolve()),
        sha256=str(raw["sha256"]).lower() if raw.get("sha256") else None,
        actor=str(raw["actor"]) if raw.get("actor") else None,
        released=release_iso(released) if released else None,
        claim_paths=tuple(str((base / c).resolve()) for c in claims),
        forwarded_from=str(raw["forwarded_from"]) if raw.get("forwarded_from") else None,
        platform_duration_s=_seconds(lines, number, raw.get("platform_duration")),
        raw_paths=(raw["path"], *claims),
    )


def _seconds(lines: _EntryLines, number: int, value: object) -> float | None:
    """``platform_duration``: a length in seconds, positive and finite, or absent."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < math.inf:
        raise BadInputError(f"{lines.where(number, 'platform_duration')}: platform_duration "
                            "must be a length in seconds, such as 112 or 52.5")  # fmt: skip
    return float(value)


def _check_files_exist(lines: _EntryLines, number: int, entry: CaseEntry) -> None:
    clip, *claims = entry.raw_paths
    if not Path(entry.path).is_file():
        raise BadInputError(f"{lines.where(number, clip)}: clip {clip} does not exist "
                            f"(looked for {entry.path})")  # fmt: skip
    for written, path in zip(claims, entry.claim_paths, strict=True):
        if not Path(path).is_file():
            raise BadInputError(f"{lines.where(number, written)}: claim file {written} does not "
                                f"exist (looked for {path})")  # fmt: skip


def entry_for(clip: Path, sha256: str, entries: list[CaseEntry]) -> CaseEntry | None:
    """The entry for this clip: by path, else by content hash (a renamed copy is the same clip)."""
    resolved = str(clip.resolve())
    by_path = next((e for e in entries if e.path == resolved), None)
    return by_path or next((e for e in entries if e.sha256 == sha256), None)


def claims_for(entry: CaseEntry) -> list[ClaimRef]:
    label = f"case file {entry.case_file}"
    for path in entry.claim_paths:  # checked by load_case; a file may vanish since
        if not Path(path).is_file():
            raise BadInputError(f"{entry.case_file}: claim file {path} does not exist")
    return [load_claim(Path(p), label) for p in entry.claim_paths]
