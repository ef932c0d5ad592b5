"""Untrusted names and strings made safe to write: paths a collection names are resolved only
inside the collection, file names the case writes are built from keys by a whitelist, and
strings are quoted for TOML and YAML by one escaper that leaves no control character raw."""

from __future__ import annotations

import hashlib
import math
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from forensics.errors import BadInputError
from forensics.media.stills import sniff_still

# fmt: off
# a Telegram "animation" is an MP4; a GIF is footage too
VIDEO_EXTENSIONS = frozenset(("mp4", "m4v", "mov", "mkv", "webm", "avi", "flv", "ts", "mts",
                              "m2ts", "3gp", "3g2", "mpg", "mpeg", "ogv", "wmv", "gif"))
PHOTO_EXTENSIONS = frozenset(("jpg", "jpeg", "png", "webp", "heic", "heif", "tif", "tiff", "bmp"))
# fmt: on
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:")
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def clean(text: str) -> str:
    """``text`` with lone surrogates (a JSON ``"\\ud800"``) as U+FFFD: they cannot be written."""
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace") if _has_lone(text) \
        else text  # fmt: skip


def _has_lone(text: str) -> bool:
    return any(0xD800 <= ord(c) <= 0xDFFF for c in text)


def quoted(text: str) -> str:
    """``text`` as a double-quoted string both TOML and YAML read back exactly: quote,
    backslash and every control, line-separator and non-character code point escaped."""
    out = ['"']
    for char in clean(text):
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif char in _NAMED:
            out.append(_NAMED[char])
        elif code < 0x20 or 0x7F <= code < 0xA0 or code in (0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF):
            out.append(f"\\u{code:04X}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def inside(root: Path, written: object, where: str) -> Path:
    """The file a collection names as ``written``, relative to ``root``: refused (one line
    naming ``where``) when it is not a plain relative path inside ``root`` -- absolute, with
    ``..``, with control characters, or leading outside through a link."""
    if not isinstance(written, str) or not written.strip():
        raise BadInputError(f"{where}: a file path must be a non-empty string")
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in written) or _has_lone(written):
        raise BadInputError(f"{where}: file path {written!a} holds control characters; refused")
    parts = re.split(r"[/\\]", written)
    if written.startswith(("/", "\\")) or _WINDOWS_DRIVE.match(written) or ".." in parts:
        raise BadInputError(f"{where}: file path {written!a} leads outside the collection; "
                            "refused")  # fmt: skip
    base = root.resolve()
    target = base.joinpath(*(p for p in parts if p not in ("", ".")))
    if not target.resolve().is_relative_to(base):
        raise BadInputError(f"{where}: file path {written!a} is a link leading outside the "
                            "collection; refused")  # fmt: skip
    return target


def safe_stem(*parts: str) -> str:
    """A file name stem from parts of a key: letters, digits, ``-`` and ``_`` only, at most
    80 characters; when anything had to be changed, a digest of the parts keeps it unique."""
    plain = "-".join(_UNSAFE.sub("_", p).strip("_") or "x" for p in parts)
    exact = "-".join(parts)
    if plain == exact and len(plain) <= 80:
        return plain
    digest = hashlib.sha256(exact.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{plain[:68]}-{digest}"


def media_kind(path: Path) -> str | None:
    """``video`` or ``photo`` by the file's first bytes, else by its extension; None when it is
    neither (a text, a sidecar, a subtitle)."""
    try:
        if sniff_still(path):
            return "photo"
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        return None
    if _video_magic(head):
        return "video"
    suffix = path.suffix.lower().lstrip(".")
    if suffix in VIDEO_EXTENSIONS:
        return "video"
    return "photo" if suffix in PHOTO_EXTENSIONS else None


def _video_magic(head: bytes) -> bool:
    return (
        head[4:8] in (b"ftyp", b"moov", b"mdat", b"free", b"wide")  # MP4, MOV, 3GP
        or head.startswith(
            (
                b"\x1a\x45\xdf\xa3",
                b"FLV",
                b"OggS",
                b"\x00\x00\x01\xba",
                b"GIF8",
                b"\x30\x26\xb2\x75",
            )
        )  # Matroska/WebM, FLV, Ogg, MPEG-PS, GIF, ASF
        or (head[:4] == b"RIFF" and head[8:12] == b"AVI ")
    )  # fmt: skip (MPEG-TS has no magic worth the name: its extension says it)


def utc_from_epoch(stamp: Any) -> str | None:
    """Seconds since 1970 (a number, or a string of digits as Telegram writes them) as UTC
    ISO 8601 ending in Z; None when absent or not a time."""
    if isinstance(stamp, str) and stamp.isascii() and stamp.isdigit():
        stamp = int(stamp)
    if isinstance(stamp, bool) or not isinstance(stamp, int | float):
        return None
    try:
        moment = datetime.fromtimestamp(stamp, UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def sha256_of(path: Path) -> str:
    """The SHA-256 of the file's bytes (the pin a case file keeps for each clip)."""
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError as exc:
        raise BadInputError(f"{path}: cannot be read ({exc.strerror})") from None


def seconds(value: Any) -> float | None:
    """A stated length: a positive, finite number of seconds, else None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if 0 < value < math.inf else None
