"""Collections in as a case: Telegram Desktop exports, yt-dlp downloads and plain folders of
media become ``case.toml`` entries with one claim file per post (issue 17, part 1).

Steps, in order: find what each PATH is (:func:`read_path`), read it into posts
(:mod:`~forensics.ingest.telegram`, :mod:`~forensics.ingest.ytdlp`,
:mod:`~forensics.ingest.folder`), then write what is new into the case
(:mod:`~forensics.ingest.write`). Everything is read, and every bad input refused, before
anything is written. Formats and what is trusted: docs/ingest.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from forensics.errors import BadInputError
from forensics.ingest.folder import media_files, read_files
from forensics.ingest.posts import Collection, Entity, Media, Post
from forensics.ingest.safety import media_kind
from forensics.ingest.telegram import RESULT, is_export, read_export
from forensics.ingest.write import AddedClip, Ingested, MissingMedia, write_case
from forensics.ingest.ytdlp import SIDECAR, is_sidecar, read_sidecar, sidecars_in

__all__ = [
    "AddedClip",
    "Collection",
    "Entity",
    "Ingested",
    "Media",
    "MissingMedia",
    "Post",
    "ingest",
    "read_path",
]


def ingest(paths: Sequence[Path | str], case_dir: Path | str) -> Ingested:
    """Read every collection in ``paths`` and add its new clips to the case in ``case_dir``.

    BadInputError (nothing written) when a path does not exist, a collection is malformed or
    names a file outside itself, or there is nothing to ingest at all."""
    if not paths:
        raise BadInputError("nothing to ingest: give a Telegram export, yt-dlp downloads or a "
                            "folder of media")  # fmt: skip
    collections = [c for path in paths for c in read_path(Path(path))]
    if not any(c.posts for c in collections):
        names = ", ".join(str(p) for p in paths)
        raise BadInputError(f"{names}: nothing to ingest (no video or photo post, no "
                            f"{SIDECAR} sidecar, no media file)")  # fmt: skip
    return write_case(collections, Path(case_dir))


def read_path(path: Path) -> list[Collection]:
    """What ``path`` holds: a Telegram export (its folder or ``result.json``), a sidecar, a
    media file, or a folder of sidecars and media files (each media file that has no sidecar
    is a plain clip; a file sharing a sidecar's stem, such as its thumbnail, is not)."""
    if not path.exists():
        raise BadInputError(f"{path}: does not exist")
    if is_export(path):
        return [read_export(path)]
    if path.is_file():
        return _one_file(path)
    if not path.is_dir():
        raise BadInputError(f"{path}: neither a file nor a folder")
    sidecars = sidecars_in(path)
    posts = [p for p in (read_sidecar(s) for s in sidecars) if p is not None]
    stems = {s.parent / s.name[: -len(SIDECAR)] for s in sidecars}
    taken = frozenset(m.path for p in posts for m in p.media if m.path is not None)
    files, other = media_files(path, taken)
    loose = [f for f in files if not _shares_stem(f, stems)]
    found = [Collection(path, "yt-dlp", tuple(posts), len(sidecars) - len(posts))] if sidecars \
        else []  # fmt: skip
    # the sidecars themselves are no "other files"; a thumbnail beside one is ignored
    ignored = other - len(sidecars) + len(files) - len(loose)
    return [*found, read_files(path, loose, ignored)]


def _one_file(path: Path) -> list[Collection]:
    if is_sidecar(path):
        post = read_sidecar(path)
        return [Collection(path.parent, "yt-dlp", (post,) if post else (), 0 if post else 1)]
    if path.name == RESULT:
        return [read_export(path)]
    if media_kind(path) is None:
        raise BadInputError(f"{path}: not a media file, a {RESULT} or a {SIDECAR} sidecar")
    return [read_files(path.parent, [path], 0)]


def _shares_stem(file: Path, stems: set[Path]) -> bool:
    """Whether ``file`` is NAME.EXT (or NAME.LANG.EXT) beside the sidecar NAME.info.json."""
    return any(file.parent == s.parent and file.name.startswith(s.name + ".") for s in stems)
