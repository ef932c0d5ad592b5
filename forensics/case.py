"""Case files: which clip is whose, released when, with which claims.

A case file (``case.toml``) lists clips by path relative to itself, optionally pinned by
SHA-256, with the releasing actor, the release date and the claim files about each. ``analyze``
finds it next to the clip (or one folder up) unless ``--case`` names one.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .claims import load_claim, parse_date
from .errors import BadInputError
from .models import ClaimRef

CASE_FILE = "case.toml"


@dataclass(frozen=True)
class CaseEntry:
    case_file: str
    title: str | None
    path: str
    sha256: str | None
    actor: str | None
    released: str | None
    claim_paths: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "case_file": self.case_file, "title": self.title, "path": self.path,
            "sha256": self.sha256, "actor": self.actor, "released": self.released,
            "claims": list(self.claim_paths),
        }  # fmt: skip


def find_case_file(clip: Path) -> Path | None:
    for folder in (clip.resolve().parent, clip.resolve().parent.parent):
        candidate = folder / CASE_FILE
        if candidate.is_file():
            return candidate
    return None


def load_case(case_file: Path) -> list[CaseEntry]:
    """Every clip entry of a case file; errors name the file and the entry."""
    try:
        data = tomllib.loads(case_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInputError(f"{case_file}: cannot be read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise BadInputError(f"{case_file}: not valid TOML ({exc})") from None
    clips = data.get("clips", [])
    if not isinstance(clips, list):
        raise BadInputError(f"{case_file}: 'clips' must be a list of [[clips]] tables")
    return [_entry(case_file, data.get("title"), i, c) for i, c in enumerate(clips, start=1)]


def _entry(case_file: Path, title: object, number: int, raw: object) -> CaseEntry:
    where = f"{case_file}: clip entry {number}"
    if not isinstance(raw, dict) or not isinstance(raw.get("path"), str):
        raise BadInputError(f"{where}: needs a 'path'")
    claims = raw.get("claims", [])
    if not isinstance(claims, list) or not all(isinstance(c, str) for c in claims):
        raise BadInputError(f"{where}: 'claims' must be a list of file paths")
    released = parse_date(raw.get("released"), f"{where}: released")
    base = case_file.resolve().parent
    return CaseEntry(
        case_file=str(case_file.resolve()),
        title=str(title) if title else None,
        path=str((base / raw["path"]).resolve()),
        sha256=str(raw["sha256"]).lower() if raw.get("sha256") else None,
        actor=str(raw["actor"]) if raw.get("actor") else None,
        released=released.isoformat() if released else None,
        claim_paths=tuple(str((base / c).resolve()) for c in claims),
    )


def entry_for(clip: Path, sha256: str, entries: list[CaseEntry]) -> CaseEntry | None:
    """The entry for this clip: by path, else by content hash (a renamed copy is the same clip)."""
    resolved = str(clip.resolve())
    by_path = next((e for e in entries if e.path == resolved), None)
    return by_path or next((e for e in entries if e.sha256 == sha256), None)


def claims_for(entry: CaseEntry) -> list[ClaimRef]:
    label = f"case file {entry.case_file}"
    for path in entry.claim_paths:
        if not Path(path).is_file():
            raise BadInputError(f"{entry.case_file}: claim file {path} does not exist")
    return [load_claim(Path(p), label) for p in entry.claim_paths]
