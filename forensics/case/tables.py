"""The shortlist tables in the case index (``shortlist_segments``, ``shortlist_members``):
written as clips join, merged as they grow, read once per process. What the segments hold and
how they are searched is :mod:`forensics.case.shortlist`."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from forensics.case import tablefile
from forensics.case.shortlist import (
    FRAME_DTYPE,
    SKETCH_DESCRIPTORS,
    Rows,
    Segment,
    Tables,
    build_segment,
)
from forensics.reuse.features import ClipFeatures

SCHEMA = """
CREATE TABLE IF NOT EXISTS shortlist_segments (
    id INTEGER PRIMARY KEY AUTOINCREMENT, size INTEGER NOT NULL, data BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS shortlist_members (
    clip_id INTEGER PRIMARY KEY REFERENCES clips(id) ON DELETE CASCADE,
    segment INTEGER NOT NULL
);
-- The digest of each segment's blob, stored with it: what its table file must match
-- (forensics.case.tablefile). A segment stored before has none, and no table file.
CREATE TABLE IF NOT EXISTS shortlist_digests (
    segment INTEGER PRIMARY KEY REFERENCES shortlist_segments(id) ON DELETE CASCADE,
    digest TEXT NOT NULL
)
"""


def clip_rows(clip_id: int, times: np.ndarray, codes: np.ndarray,
              features: ClipFeatures) -> Rows:  # fmt: skip
    """A clip's own rows: its informative frames' pHashes (``times``, ``codes``) and the
    sketch of its described frames."""
    hash_frames = np.zeros(len(codes), FRAME_DTYPE)
    hash_frames["clip"], hash_frames["t"] = clip_id, times
    sketched = [f for f in features.frames if len(f.descriptors[0])]
    sketch_frames = np.zeros(len(sketched), FRAME_DTYPE)
    sketch_frames["clip"], sketch_frames["t"] = clip_id, [f.t for f in sketched]
    parts = [_spread(f.still_at(0)) for f in sketched]
    desc_frame = np.repeat(np.arange(len(parts)), [len(p) for p in parts])
    descriptors = np.concatenate([f.descriptors[0][p] for f, p in zip(sketched, parts, strict=True)]
                                 or [np.zeros((0, 32), np.uint8)])  # fmt: skip
    points = np.concatenate([f.points[0][p] for f, p in zip(sketched, parts, strict=True)]
                            or [np.zeros((0, 2), np.float32)])  # fmt: skip
    return Rows(np.asarray(codes, np.uint64), hash_frames, descriptors,
                points.astype(np.float32), desc_frame, sketch_frames)  # fmt: skip


def _spread(still: np.ndarray) -> np.ndarray:
    """Which SKETCH_DESCRIPTORS of a frame's descriptors (``still`` marks each) to store:
    those taken across the list (ORB lists them by pyramid level, so this spans the scales),
    from the keypoints that move first. A caption, logo or HUD that a repost burns in stays
    still and gives the strongest corners of its frames: spread over every keypoint, a
    captioned repost's sketch was mostly its caption, which its original never shows."""
    moving, still_ones = np.flatnonzero(~still), np.flatnonzero(still)
    taken = moving[_evenly(len(moving), SKETCH_DESCRIPTORS)]
    rest = SKETCH_DESCRIPTORS - len(taken)
    return np.sort(np.concatenate([taken, still_ones[_evenly(len(still_ones), rest)]]))


def _evenly(count: int, most: int) -> np.ndarray:
    """Up to ``most`` positions of ``count``, evenly across them."""
    if most <= 0:
        return np.zeros(0, np.intp)
    return np.arange(0, count, max(1, count // most))[:most]


def concatenated(parts: Sequence[Rows]) -> Rows:
    """Every row of ``parts``, in their order. A segment of them equals the segments of them
    merged in any grouping (each is sorted stably from its rows alone)."""
    offsets = np.cumsum([0, *(len(p.sketch_frames) for p in parts)])[:-1]
    return Rows(
        np.concatenate([p.codes for p in parts]),
        np.concatenate([p.hash_frames for p in parts]),
        np.concatenate([p.descriptors for p in parts]),
        np.concatenate([p.points for p in parts]),
        np.concatenate([p.desc_frame + o for p, o in zip(parts, offsets, strict=True)]),
        np.concatenate([p.sketch_frames for p in parts]),
    )


def merged(segments: Sequence[Segment]) -> Segment:
    """One segment holding every row of ``segments`` (sorted once)."""
    return build_segment(concatenated([s.rows for s in segments]))


def current(segment: Segment, clips: set[int]) -> Segment:
    """The segment without the rows of clips not in ``clips``."""
    keep_hash = np.isin(segment.hash_frames["clip"], list(clips))
    keep_frame = np.isin(segment.sketch_frames["clip"], list(clips))
    keep_desc = keep_frame[segment.desc_frame]
    renumber = np.cumsum(keep_frame) - 1
    return build_segment(Rows(segment.hashes.codes[keep_hash], segment.hash_frames[keep_hash],
                              segment.descriptors[keep_desc], segment.points[keep_desc],
                              renumber[segment.desc_frame[keep_desc]],
                              segment.sketch_frames[keep_frame]))  # fmt: skip


@dataclass
class _Entry:
    """A segment of the stack store_clips keeps: stored (``stored`` its id), or new clips'
    rows not written yet (newest clip first, as a merge orders them)."""

    size: int
    stored: int | None = None
    clips: list[tuple[int, Rows]] | None = None


def store_clips(db: sqlite3.Connection, clips: Iterable[tuple[int, Rows]]) -> None:
    """Within the caller's write transaction: each clip's rows, as if each had joined alone in
    turn (its own segment, then merges while the newest segment is at least half the one
    before it), but merges of new clips with each other are done in memory, so each segment
    is sorted and written once (a merge with a stored segment is done as it comes)."""
    stack = [_Entry(int(size), stored=int(i)) for i, size in
             db.execute("SELECT id, size FROM shortlist_segments ORDER BY id")]  # fmt: skip
    for clip_id, rows in clips:
        stack.append(_Entry(rows.size, clips=[(clip_id, rows)]))
        while len(stack) >= 2 and 2 * stack[-1].size >= stack[-2].size:
            newer, older = stack.pop(), stack.pop()
            if newer.clips is not None and older.clips is not None:
                stack.append(_Entry(newer.size + older.size, clips=newer.clips + older.clips))
            else:
                ids = [_written(db, newer), _written(db, older)]
                stack.append(_Entry(*merge(db, ids)))
    for entry in stack:
        _written(db, entry)


def _written(db: sqlite3.Connection, entry: _Entry) -> int:
    """The entry's segment id, writing its segment and members first if it is new."""
    if entry.stored is None:
        assert entry.clips is not None
        entry.stored = _insert(db, build_segment(concatenated([r for _, r in entry.clips])))
        db.executemany("INSERT OR REPLACE INTO shortlist_members VALUES (?, ?)",
                       [(clip_id, entry.stored) for clip_id, _ in entry.clips])  # fmt: skip
        entry.clips = None
    return entry.stored


def merge(db: sqlite3.Connection, ids: Sequence[int]) -> tuple[int, int]:
    """Replace segments by one holding their current members' rows; its size and id."""
    members = _members(db)
    parts = [current(_read(db, i), {c for c, s in members.items() if s == i}) for i in ids]
    segment = merged(parts)
    new_id = _insert(db, segment)
    marks = ",".join("?" * len(ids))
    db.execute(f"UPDATE shortlist_members SET segment = ? WHERE segment IN ({marks})",
               (new_id, *ids))  # fmt: skip
    db.execute(f"DELETE FROM shortlist_segments WHERE id IN ({marks})", tuple(ids))
    return segment.size, new_id


def complete(db: sqlite3.Connection, rebuild: bool = False) -> None:
    """Within the caller's write transaction: one segment for the clips not yet in the
    tables, from their stored hashes and features; with ``rebuild``, of every clip."""
    if rebuild:
        db.execute("DELETE FROM shortlist_members")
        db.execute("DELETE FROM shortlist_segments")
    todo = unlisted(db)
    if todo:
        rows = concatenated([_stored_clip(db, clip_id) for clip_id in todo])
        segment_id = _insert(db, build_segment(rows))
        db.executemany("INSERT INTO shortlist_members VALUES (?, ?)",
                       [(clip_id, segment_id) for clip_id in todo])  # fmt: skip


def _stored_clip(db: sqlite3.Connection, clip_id: int) -> Rows:
    row = db.execute("SELECT h.t, h.phash, h.informative, f.data FROM hashes h JOIN features f "
                     "ON f.clip_id = h.clip_id WHERE h.clip_id = ?", (clip_id,)
                     ).fetchone()  # fmt: skip
    if row is None:  # a clip without hashes or features has nothing to look up
        nothing = ClipFeatures(0, (0, 0), ())
        return clip_rows(clip_id, np.zeros(0), np.zeros(0, np.uint64), nothing)
    keep = np.frombuffer(row[2], np.uint8).astype(bool)
    codes = np.frombuffer(row[1], ">u8").astype(np.uint64)[keep]
    return clip_rows(clip_id, np.frombuffer(row[0], "<f8")[keep], codes,
                     ClipFeatures.from_bytes(row[3]))  # fmt: skip


def unlisted(db: sqlite3.Connection) -> list[int]:
    """Clips not in the tables (indexed by a version without them)."""
    rows = db.execute("SELECT id FROM clips WHERE id NOT IN "
                      "(SELECT clip_id FROM shortlist_members) ORDER BY id").fetchall()  # fmt: skip
    return [int(r[0]) for r in rows]


def _insert(db: sqlite3.Connection, segment: Segment) -> int:
    blob = segment.to_bytes()
    cursor = db.execute("INSERT INTO shortlist_segments (size, data) VALUES (?, ?)",
                        (segment.size, blob))  # fmt: skip
    assert cursor.lastrowid is not None
    db.execute("INSERT INTO shortlist_digests VALUES (?, ?)",
               (cursor.lastrowid, tablefile.digest([blob])))  # fmt: skip
    return cursor.lastrowid


def digest_old_segments(db: sqlite3.Connection, path: str) -> None:
    """Store the digest of each big segment stored without one (by a version before table
    files), so it gets a table file too: once per case, in a write transaction of its own,
    best effort (a full disk, a read-only index: they stay without, as before). Looked for
    once per process (every segment stored since has its digest)."""
    query = ("SELECT id FROM shortlist_segments WHERE size >= ? AND id NOT IN "
             "(SELECT segment FROM shortlist_digests)")  # fmt: skip
    if path in _DIGESTED or db.execute(query, (TABLE_FILE_FROM,)).fetchone() is None:
        _DIGESTED.add(path)
        return
    try:
        db.execute("BEGIN IMMEDIATE")
        for (segment_id,) in db.execute(query, (TABLE_FILE_FROM,)).fetchall():
            with db.blobopen("shortlist_segments", "data", segment_id, readonly=True) as blob:
                found = tablefile.digest(iter(lambda: blob.read(1 << 24), b""))
            db.execute("INSERT INTO shortlist_digests VALUES (?, ?)", (segment_id, found))
        db.execute("COMMIT")
        _DIGESTED.add(path)
    except sqlite3.Error:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")


_DIGESTED: set[str] = set()  # the indexes whose segments all have their digest


def _members(db: sqlite3.Connection) -> dict[int, int]:
    return {int(c): int(s) for c, s in db.execute("SELECT * FROM shortlist_members")}


# Segments of this size (frame hashes and sketch keys) or more are kept in table files: at
# 10**5 making a segment's tables from its sort orders costs about 10-30 ms.
TABLE_FILE_FROM = 100_000
_CACHE: dict[tuple[str, int], Segment] = {}  # segments never change: one read per process
_CACHE_LOCK = threading.Lock()


def _read(db: sqlite3.Connection, segment_id: int) -> Segment:
    """A stored segment, read array by array from its blob (never the whole blob at once: at
    10**7 frame hashes it is 360 MB)."""
    with db.blobopen("shortlist_segments", "data", segment_id, readonly=True) as blob:
        return Segment.from_file(_SeekableBlob(blob))


class _SeekableBlob:
    """An SQLite blob as the seekable file ``np.load`` reads a zip from."""

    def __init__(self, blob: sqlite3.Blob) -> None:
        self.blob = blob

    def read(self, size: int = -1) -> bytes:
        return self.blob.read(size)

    def seek(self, offset: int, whence: int = 0) -> int:
        self.blob.seek(offset, whence)
        return self.blob.tell()

    def tell(self) -> int:
        return self.blob.tell()

    def seekable(self) -> bool:
        return True


def load(db: sqlite3.Connection, path: str) -> Tables:
    """The stored segments, each read once per process (ids never repeat): a big one from
    its table file when that is intact and this segment's, else from the index."""
    members = _members(db)
    stored = [(int(i), int(size), digest) for i, size, digest in db.execute(
        "SELECT s.id, s.size, d.digest FROM shortlist_segments s "
        "LEFT JOIN shortlist_digests d ON d.segment = s.id ORDER BY s.id")]  # fmt: skip
    folder = tablefile.folder_of(Path(path))
    loaded = []
    for segment_id, size, digest in stored:
        with _CACHE_LOCK:
            segment = _CACHE.get((path, segment_id))
        if segment is None:
            segment = _segment(db, folder, segment_id, size, digest)
            with _CACHE_LOCK:
                _CACHE[(path, segment_id)] = segment
        clips = frozenset(c for c, s in members.items() if s == segment_id)
        loaded.append((segment, clips))
    ids = {i for i, _, _ in stored}
    with _CACHE_LOCK:  # merged-away segments are never asked for again
        for key in [k for k in _CACHE if k[0] == path and k[1] not in ids]:
            del _CACHE[key]
    tablefile.tidy(folder, ids)
    return Tables(tuple(loaded))


def _segment(db: sqlite3.Connection, folder: Path, segment_id: int, size: int,
             digest: str | None) -> Segment:  # fmt: skip
    """A stored segment: a big one from its table file when that is intact and this
    segment's, else read from the index with its tables made, and its file written for the
    next process (a small one's tables cost less to make than a file to read)."""
    if size < TABLE_FILE_FROM or digest is None:
        return _read(db, segment_id)
    identity = tablefile.Identity(segment_id, size, digest)
    arrays = tablefile.read(folder, identity)
    if arrays is not None:
        try:
            return Segment.from_arrays(arrays)
        except (KeyError, ValueError):  # a file of this version cannot be: never trusted
            tablefile.discard(folder, segment_id)
    segment = _read(db, segment_id)
    tablefile.write(folder, identity, segment.arrays)
    return segment
