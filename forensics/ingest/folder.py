"""A plain folder of media files: each video or photo (by its first bytes, else by its
extension) is a clip with no claim, keyed by its SHA-256. Hidden files and folders are left
out, and so is a link leading outside the folder, and this tool's own output: a report or
comparison folder, a case folder (its keyframes, crops and thumbnails are not evidence)."""

from __future__ import annotations

from pathlib import Path

from forensics.case.index import INDEX_FILE
from forensics.ingest.posts import Collection, Media, Post
from forensics.ingest.safety import media_kind, sha256_of
from forensics.ingest.write import LEDGER

# A folder holding one of these was written by this tool
OWN_OUTPUT = ("report.json", "compare.json", INDEX_FILE, LEDGER)


def media_files(folder: Path, exclude: frozenset[Path] = frozenset()) -> tuple[list[Path], int]:
    """The media files under ``folder`` (name order) and how many other files were passed."""
    base = folder.resolve()
    found: list[Path] = []
    other = 0
    seen: dict[Path, bool] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        if _own_output(path.parent, folder, seen):
            continue
        if path in exclude:
            continue  # a sidecar's video, counted with its post
        if not path.resolve().is_relative_to(base) or _undecodable(path.name):
            other += 1  # a link out of the folder; a name no case file can hold
        elif media_kind(path):
            found.append(path)
        else:
            other += 1
    return found, other


def read_files(folder: Path, files: list[Path], ignored: int) -> Collection:
    """One clip per file, no claim text: who released it and when is not known."""
    posts = []
    for path in files:
        sha256 = sha256_of(path)
        key = f"file:{sha256}"
        written = path.relative_to(folder).as_posix() if path.is_relative_to(folder) else path.name
        media = Media(key, written, path, media_kind(path) or "video", sha256=sha256)
        posts.append(Post(key=key, source="folder", origin=path, media=(media,)))
    return Collection(folder, "folder", tuple(posts), ignored)


def _undecodable(name: str) -> bool:
    """A name that was not UTF-8 on disk (Python keeps its bytes as lone surrogates)."""
    return any(0xDC80 <= ord(c) <= 0xDCFF for c in name)


def _own_output(where: Path, top: Path, seen: dict[Path, bool]) -> bool:
    """Whether ``where`` or a folder above it (up to ``top``) was written by this tool
    (``seen``: the answer per folder, so each is looked at once)."""
    if where not in seen:
        here = any((where / name).exists() for name in OWN_OUTPUT)
        above = where != top and where.parent != where and _own_output(where.parent, top, seen)
        seen[where] = here or above
    return seen[where]
