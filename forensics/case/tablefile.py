"""Table files: a big shortlist segment's arrays with its hash tables built, kept in a file
beside the case index (``case.sqlite-tables/segment-<id>.tables``), so that a process's first
search reads its tables instead of making them again from the stored sort orders (at 10**7
frame hashes: the permuted codes, each table's offsets and sorted codes, about 1 s CPU, plus
reading the segments' blobs from SQLite).

The case index stays the truth and a table file is a copy of what it says, never needed and
never trusted unchecked:

* **Written whole or not at all**: a temporary in the same folder, flushed and fsynced, then
  renamed over the name (and the folder fsynced). Any error, a full disk first, deletes the
  temporary, which needs no space, and the search goes on with the tables it made; the case
  index is not touched, so nothing of it is lost or half-written.
* **Only where there is room**: a file is written only while the disk keeps ``RESERVE_BYTES``
  free beyond it, so a cache never takes the room the index and the reports need.
* **Checked when read**: its magic and ``VERSION``; the segment's id, size and digest as the
  index stores them (the digest of the segment's blob, written in the transaction that stores
  the segment, so a file of an index restored from a backup, or of another case, does not
  match); the file's length; the CRC-32 of its header and of every array. Anything else is
  a stale or damaged file: it is deleted and the segment read from the index (and its file
  written again).
* **Segments never change** once stored: a merge writes a new one under a new id. Clips added
  by another process therefore make new segments, whose files the next search writes, and
  leave the files of the segments merged away, which the next search deletes (:func:`tidy`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import mmap
import os
import re
import shutil
import struct
import tempfile
import time
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

VERSION = 1
MAGIC = b"forensics tables\n"
_PREFIX = struct.Struct("<17sQI")  # magic, the header's length and its CRC-32
_MAX_HEADER = 1 << 20
ALIGN = 64  # each array starts at a multiple: read straight into aligned memory
RESERVE_BYTES = 256 << 20  # left free by a table file: the index and reports come first
STALE_PART_S = 3600  # a temporary this old is a killed writer's, whoever made it
_FILE = re.compile(r"segment-(\d+)\.tables")
_PART = re.compile(r"\.segment-\d+\.(\d+)\..*\.part")


@dataclass(frozen=True)
class Identity:
    """Which stored segment a table file must be: its id, size and blob digest."""

    segment: int
    size: int
    digest: str


def folder_of(index_path: Path) -> Path:
    """The folder of an index's table files (``case.sqlite-tables``)."""
    return index_path.with_name(index_path.name + "-tables")


def path_of(folder: Path, segment: int) -> Path:
    return folder / f"segment-{segment}.tables"


def digest(chunks: Iterable[bytes]) -> str:
    """A segment's digest, of its blob as the index stores it (given in pieces)."""
    hashed = hashlib.blake2b(digest_size=16)
    for chunk in chunks:
        hashed.update(chunk)
    return hashed.hexdigest()


def read(folder: Path, identity: Identity) -> dict[str, np.ndarray] | None:
    """The arrays of the segment's table file (read-only, mapped from the file: its pages are
    the page cache's, shared by every process, not copied); None when there is none, or when
    it is not this segment's, whole and intact (it is then deleted: the caller makes the
    tables)."""
    path = path_of(folder, identity.segment)
    try:
        with path.open("rb") as stream:
            mapped = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
        return _checked(memoryview(mapped), identity)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError, KeyError, struct.error):
        discard(folder, identity.segment)
        return None


def _checked(data: memoryview, identity: Identity) -> dict[str, np.ndarray]:
    magic, length, crc = _PREFIX.unpack_from(data)
    if magic != MAGIC or length > _MAX_HEADER:
        raise ValueError("not a table file")
    text = bytes(data[_PREFIX.size : _PREFIX.size + length])
    if len(text) != length or zlib.crc32(text) != crc:
        raise ValueError("a damaged header")
    header = json.loads(text)
    expected = {"version": VERSION, "segment": identity.segment, "size": identity.size,
                "digest": identity.digest}  # fmt: skip
    if {key: header.get(key) for key in expected} != expected:
        raise ValueError("the table file of another segment, index or version")
    base = _aligned(_PREFIX.size + length)
    if len(data) != base + header["end"]:
        raise ValueError("a table file cut short or grown")
    return {entry[0]: _array(data, base, *entry) for entry in header["arrays"]}


def _array(data: memoryview, base: int, name: str, descr: Any, shape: list[int], offset: int,
           crc: int) -> np.ndarray:  # fmt: skip
    dtype = np.lib.format.descr_to_dtype(
        [tuple(field) for field in descr] if isinstance(descr, list) else descr
    )
    count = int(np.prod(shape, dtype=np.int64))
    if dtype.hasobject or min(shape, default=0) < 0 or offset < 0:
        raise ValueError(f"{name}: objects or a negative size")
    raw = data[base + offset : base + offset + count * dtype.itemsize]
    if len(raw) != count * dtype.itemsize or zlib.crc32(raw) != crc:
        raise ValueError(f"{name}: damaged")
    return np.frombuffer(raw, dtype, count).reshape(shape)


def write(folder: Path, identity: Identity, arrays: dict[str, np.ndarray]) -> bool:
    """Write the segment's table file whole, or nothing (False) when the disk lacks room
    for it or any step fails; the temporary is deleted then (no new space needed)."""
    header, layout = _header(identity, arrays)
    try:
        folder.mkdir(exist_ok=True)
        if shutil.disk_usage(folder).free < header["end"] + _MAX_HEADER + RESERVE_BYTES:
            return False
        handle, part = tempfile.mkstemp(prefix=f".segment-{identity.segment}.{os.getpid()}.",
                                        suffix=".part", dir=folder)  # fmt: skip
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as stream:
            _write_all(stream, header, layout)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(part, 0o644)  # mkstemp makes it private; the index beside it is not
        os.replace(part, path_of(folder, identity.segment))
        _sync_folder(folder)
    except OSError:
        Path(part).unlink(missing_ok=True)
        return False
    return True


def _header(identity: Identity, arrays: dict[str, np.ndarray]
            ) -> tuple[dict[str, Any], list[tuple[int, np.ndarray]]]:  # fmt: skip
    """The header and each array (contiguous) at its offset, from the first aligned byte
    after the header."""
    offset, entries, layout = 0, [], []
    for name, array in arrays.items():
        array = np.ascontiguousarray(array)
        raw = array.reshape(-1).view(np.uint8)
        descr = np.lib.format.dtype_to_descr(array.dtype)
        entries.append([name, descr, list(array.shape), offset, zlib.crc32(raw.data)])
        layout.append((offset, raw))
        offset = _aligned(offset + array.nbytes)
    header = {"version": VERSION, "segment": identity.segment, "size": identity.size,
              "digest": identity.digest, "arrays": entries, "end": offset}  # fmt: skip
    return header, layout


def _write_all(stream: BinaryIO, header: dict[str, Any], layout: list[tuple[int, Any]]) -> None:
    text = json.dumps(header).encode()
    if len(text) > _MAX_HEADER:
        raise OSError("a table file header too long")
    stream.write(_PREFIX.pack(MAGIC, len(text), zlib.crc32(text)) + text)
    base = _aligned(_PREFIX.size + len(text))
    for offset, raw in layout:
        stream.seek(base + offset)
        stream.write(raw.data)
    stream.truncate(base + header["end"])  # the padding after the last array


def _aligned(offset: int) -> int:
    return -(-offset // ALIGN) * ALIGN


def _sync_folder(folder: Path) -> None:
    """The rename made durable (a crash after it keeps the new name); best effort."""
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def discard(folder: Path, segment: int) -> None:
    with contextlib.suppress(OSError):
        path_of(folder, segment).unlink(missing_ok=True)


def tidy(folder: Path, current: set[int]) -> None:
    """Delete the files of segments no longer stored (merged away, removed) and the
    temporaries of killed writers. Segment ids only grow, so a file of an id above every
    current one belongs to a segment stored since these were listed: it is kept."""
    if not current or not folder.is_dir():
        return
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            stored = _FILE.fullmatch(entry.name)
            if stored and int(stored[1]) not in current and int(stored[1]) < max(current):
                Path(entry.path).unlink(missing_ok=True)
            part = _PART.fullmatch(entry.name)
            if part and _abandoned(entry, int(part[1])):
                Path(entry.path).unlink(missing_ok=True)


def _abandoned(entry: os.DirEntry[str], pid: int) -> bool:
    """A temporary whose writer is gone (this machine) or that has not grown for an hour."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        pass  # alive, another user's
    return time.time() - entry.stat().st_mtime > STALE_PART_S
