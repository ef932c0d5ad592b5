"""The shortlist tables in the case index (``shortlist_segments``, ``shortlist_members``):
written as clips join, merged as they grow, read once per process. What the segments hold and
how they are searched is :mod:`forensics.case.shortlist`."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence

import numpy as np

from forensics.case.shortlist import Segment, Tables, clip_segment, merged
from forensics.reuse.features import ClipFeatures

SCHEMA = """
CREATE TABLE IF NOT EXISTS shortlist_segments (
    id INTEGER PRIMARY KEY AUTOINCREMENT, size INTEGER NOT NULL, data BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS shortlist_members (
    clip_id INTEGER PRIMARY KEY REFERENCES clips(id) ON DELETE CASCADE,
    segment INTEGER NOT NULL
)
"""


def store_clip(db: sqlite3.Connection, clip_id: int, segment: Segment) -> None:
    """Within the caller's write transaction: the clip's segment, then merges while the newest
    segment is at least half the one before it."""
    segment_id = _insert(db, segment)
    db.execute("INSERT OR REPLACE INTO shortlist_members VALUES (?, ?)", (clip_id, segment_id))
    while True:
        last = db.execute("SELECT id, size FROM shortlist_segments ORDER BY id DESC LIMIT 2"
                          ).fetchall()  # fmt: skip
        if len(last) < 2 or 2 * last[0][1] < last[1][1]:
            return
        merge(db, [int(row[0]) for row in last])


def merge(db: sqlite3.Connection, ids: Sequence[int]) -> int:
    """Replace segments by one holding their current members' rows; its id."""
    members = _members(db)
    parts = [_read(db, i).only({c for c, s in members.items() if s == i}) for i in ids]
    new_id = _insert(db, merged(parts))
    marks = ",".join("?" * len(ids))
    db.execute(f"UPDATE shortlist_members SET segment = ? WHERE segment IN ({marks})",
               (new_id, *ids))  # fmt: skip
    db.execute(f"DELETE FROM shortlist_segments WHERE id IN ({marks})", tuple(ids))
    return new_id


def complete(db: sqlite3.Connection, rebuild: bool = False) -> None:
    """Within the caller's write transaction: one segment for the clips not yet in the
    tables, from their stored hashes and features; with ``rebuild``, of every clip."""
    if rebuild:
        db.execute("DELETE FROM shortlist_members")
        db.execute("DELETE FROM shortlist_segments")
    todo = unlisted(db)
    if todo:
        segment_id = _insert(db, merged([_stored_clip(db, clip_id) for clip_id in todo]))
        db.executemany("INSERT INTO shortlist_members VALUES (?, ?)",
                       [(clip_id, segment_id) for clip_id in todo])  # fmt: skip


def _stored_clip(db: sqlite3.Connection, clip_id: int) -> Segment:
    row = db.execute("SELECT h.t, h.phash, h.informative, f.data FROM hashes h JOIN features f "
                     "ON f.clip_id = h.clip_id WHERE h.clip_id = ?", (clip_id,)
                     ).fetchone()  # fmt: skip
    if row is None:  # a clip without hashes or features has nothing to look up
        nothing = ClipFeatures(0, (0, 0), ())
        return clip_segment(clip_id, np.zeros(0), np.zeros(0, np.uint64), nothing)
    keep = np.frombuffer(row[2], np.uint8).astype(bool)
    codes = np.frombuffer(row[1], ">u8").astype(np.uint64)[keep]
    return clip_segment(clip_id, np.frombuffer(row[0], "<f8")[keep], codes,
                        ClipFeatures.from_bytes(row[3]))  # fmt: skip


def unlisted(db: sqlite3.Connection) -> list[int]:
    """Clips not in the tables (indexed by a version without them)."""
    rows = db.execute("SELECT id FROM clips WHERE id NOT IN "
                      "(SELECT clip_id FROM shortlist_members) ORDER BY id").fetchall()  # fmt: skip
    return [int(r[0]) for r in rows]


def _insert(db: sqlite3.Connection, segment: Segment) -> int:
    cursor = db.execute("INSERT INTO shortlist_segments (size, data) VALUES (?, ?)",
                        (segment.size, segment.to_bytes()))  # fmt: skip
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _members(db: sqlite3.Connection) -> dict[int, int]:
    return {int(c): int(s) for c, s in db.execute("SELECT * FROM shortlist_members")}


_CACHE: dict[tuple[str, int], Segment] = {}  # segments never change: one read per process
_CACHE_LOCK = threading.Lock()


def _read(db: sqlite3.Connection, segment_id: int) -> Segment:
    (blob,) = db.execute("SELECT data FROM shortlist_segments WHERE id = ?",
                         (segment_id,)).fetchone()  # fmt: skip
    return Segment.from_bytes(blob)


def load(db: sqlite3.Connection, path: str) -> Tables:
    """The stored segments, each read from the index once per process (ids never repeat)."""
    members = _members(db)
    ids = [int(r[0]) for r in db.execute("SELECT id FROM shortlist_segments ORDER BY id")]
    loaded = []
    for segment_id in ids:
        with _CACHE_LOCK:
            segment = _CACHE.get((path, segment_id))
        if segment is None:
            segment = _read(db, segment_id)
            with _CACHE_LOCK:
                _CACHE[(path, segment_id)] = segment
        clips = frozenset(c for c, s in members.items() if s == segment_id)
        loaded.append((segment, clips))
    with _CACHE_LOCK:  # merged-away segments are never asked for again
        for key in [k for k in _CACHE if k[0] == path and k[1] not in ids]:
            del _CACHE[key]
    return Tables(tuple(loaded))
