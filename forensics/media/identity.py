"""Evidence identity: who is this file, byte for byte.

The evidence is opened read-only and read once in chunks, so a multi-gigabyte clip costs no
memory; nothing here (or anywhere in the pipeline) writes to it.
"""

from __future__ import annotations

import hashlib
import os
import stat
from datetime import UTC, datetime
from pathlib import Path

from forensics.errors import BadInputError
from forensics.records import FileIdentity

CHUNK = 1 << 20


def check_readable(path: Path) -> os.stat_result:
    """Fail with one clear sentence unless ``path`` is a non-empty, readable regular file."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise BadInputError(f"{path}: no such file") from None
    except OSError as exc:
        raise BadInputError(f"{path}: cannot be read ({exc.strerror})") from None
    if stat.S_ISDIR(info.st_mode):
        raise BadInputError(f"{path}: is a directory, not a media file")
    if not stat.S_ISREG(info.st_mode):
        raise BadInputError(f"{path}: is not a regular file")
    if info.st_size == 0:
        raise BadInputError(f"{path}: file is empty (0 bytes)")
    if not os.access(path, os.R_OK):
        raise BadInputError(f"{path}: permission denied")
    return info


def utc_iso(timestamp: float | None = None) -> str:
    moment = datetime.now(UTC) if timestamp is None else datetime.fromtimestamp(timestamp, UTC)
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def file_digests(path: Path) -> tuple[str, str]:
    """SHA-256 and MD5 of the file's bytes, read once."""
    sha, md5 = hashlib.sha256(), hashlib.md5(usedforsecurity=False)
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                sha.update(chunk)
                md5.update(chunk)
    except OSError as exc:
        raise BadInputError(f"{path}: cannot be read ({exc.strerror})") from None
    return sha.hexdigest(), md5.hexdigest()


def identify(path: Path) -> FileIdentity:
    """Fingerprint the evidence file."""
    info = check_readable(path)
    sha256, md5 = file_digests(path)
    return FileIdentity(
        path=str(path.resolve()),
        name=path.name,
        size_bytes=info.st_size,
        sha256=sha256,
        md5=md5,
        modified_utc=utc_iso(info.st_mtime),
        analysed_at_utc=utc_iso(),
    )
