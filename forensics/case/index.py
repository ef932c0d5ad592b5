"""The case index: every analysed clip of a case, kept so new footage can be checked against it.

One SQLite file (``case.sqlite``) per case folder holds each clip's identity, release facts
(actor, release date), the JSON record of its analysis, its frame hashes, its local features
(so a clip is decoded once, not once per comparison) and the reuse found between clips.
A clip's frame hashes are stored as one array per column (big-endian 64-bit codes), not a row
per frame: a million hashes then load in a fraction of a second.

Concurrent ``analyze`` runs on one case are safe: SQLite in WAL mode lets readers go on while
one writer commits, every write is one ``BEGIN IMMEDIATE`` transaction, and a clip is
registered *before* it is compared with the others. Of two clips analysed at once, the one
registered second therefore always sees the first, so no pair goes unchecked.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import numpy as np

from forensics.case import shortlist, tables
from forensics.case.paths import report_path, stored_folder
from forensics.errors import CaseIndexError
from forensics.records import (
    AnalysisRecord,
    Comparison,
    comparison_from_dict,
    comparison_to_dict,
    record_from_dict,
    record_to_dict,
)
from forensics.reuse.features import ClipFeatures
from forensics.reuse.hashindex import codes_from_hex

INDEX_FILE = "case.sqlite"
SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 120_000  # a writer holds the lock for one short transaction at a time

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS clips (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    path TEXT NOT NULL,
    report_dir TEXT,
    duration_s REAL,
    actor TEXT,
    released TEXT,
    record TEXT NOT NULL,
    added_at TEXT NOT NULL
);
-- Listing the clips reads this, not the rows: a row's record runs to many pages, and the
-- column after it (added_at) would make SQLite read them all (4,000 clips: 12 ms, not 180).
CREATE INDEX IF NOT EXISTS clips_listing
    ON clips (id, sha256, name, path, report_dir, duration_s, actor, released, added_at);
CREATE TABLE IF NOT EXISTS hashes (
    clip_id INTEGER PRIMARY KEY REFERENCES clips(id) ON DELETE CASCADE,
    t BLOB NOT NULL,
    phash BLOB NOT NULL,
    phash_mirror BLOB NOT NULL,
    informative BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS features (
    clip_id INTEGER PRIMARY KEY REFERENCES clips(id) ON DELETE CASCADE,
    data BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS reuse (
    a_id INTEGER NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
    b_id INTEGER NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
    result TEXT NOT NULL,
    found_at TEXT NOT NULL,
    PRIMARY KEY (a_id, b_id),
    CHECK (a_id < b_id)
);
-- A clip joins before it is compared (so two runs at once see each other) but is part of the
-- case only once its report is in place: until then it is pending, with the run that added it
-- (media.workdirs.owner_tag), so a run killed in between is rolled back by a later one.
CREATE TABLE IF NOT EXISTS pending (
    clip_id INTEGER PRIMARY KEY REFERENCES clips(id) ON DELETE CASCADE,
    owner TEXT NOT NULL,
    since TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class IndexedClip:
    id: int
    sha256: str
    name: str
    path: str
    report_dir: str | None
    duration_s: float | None
    actor: str | None
    released: str | None  # a day or UTC time, as written (forensics.dates.release reads it)
    added_at: str


@dataclass(frozen=True)
class StoredComparison:
    """What comparing two clips of the case found; A is clip ``a_id``."""

    a_id: int
    b_id: int
    comparison: Comparison


def now_utc() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class CaseIndex:
    """The index file of one case folder; created on first use. With ``create=False`` an
    existing index is opened for reading only: opening one to create it writes its schema
    under the write lock, and a reader (the overview) must not wait for that lock while an
    analysis holds it (WAL mode lets it read meanwhile)."""

    def __init__(self, folder: Path | str, create: bool = True) -> None:
        self.folder = Path(folder)
        self.path = self.folder / INDEX_FILE
        if not create:
            if not self.path.is_file():
                raise CaseIndexError(f"{self.path}: no case index here")
            self._check_schema()
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with self._connect() as db, self._transaction(db):
                for statement in filter(str.strip, (_SCHEMA + tables.SCHEMA).split(";")):
                    db.execute(statement)
                db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)",
                           (str(SCHEMA_VERSION),))  # fmt: skip
        except (OSError, sqlite3.Error) as exc:
            raise CaseIndexError(f"{self.path}: cannot open the case index ({exc})") from None
        self._check_schema()

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            try:
                db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                db.execute("PRAGMA journal_mode = WAL")  # a full disk: no room for its -shm
                db.execute("PRAGMA foreign_keys = ON")
            except sqlite3.Error as exc:
                raise CaseIndexError(f"{self.path}: cannot open the case index ({exc})") from None
            yield db
        finally:
            db.close()

    @staticmethod
    @contextmanager
    def _transaction(db: sqlite3.Connection) -> Iterator[None]:
        db.execute("BEGIN IMMEDIATE")  # take the write lock now, not halfway through
        try:
            yield
        except BaseException:
            with suppress(sqlite3.Error):  # SQLite may have rolled back already (disk I/O)
                db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def _check_schema(self) -> None:
        with self._connect() as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if row is None or int(row[0]) != SCHEMA_VERSION:
            raise CaseIndexError(f"{self.path}: case index of schema {row and row[0]}; this "
                              f"version of forensics reads schema {SCHEMA_VERSION}")  # fmt: skip

    def add(
        self, record: AnalysisRecord, features: ClipFeatures, report_dir: Path | None,
        pending_owner: str | None = None,
    ) -> IndexedClip:  # fmt: skip
        """Register a clip (replacing an earlier analysis of the same file) and return it,
        with who released it and when (``AnalysisRecord.actor`` and ``.released``); with
        ``pending_owner``, pending until :meth:`finish`."""
        self.add_many([(record, features, report_dir)], pending_owner)
        clip = self.clip(record.file.sha256)
        assert clip is not None
        return clip

    def add_many(self, items: Sequence[tuple[AnalysisRecord, ClipFeatures, Path | None]],
                 pending_owner: str | None = None) -> list[int]:  # fmt: skip
        """Register clips of distinct files in one transaction, as :meth:`add` one after the
        other would (the same rows and shortlist segments; merges among the new clips are
        done in memory, so each segment is sorted and written once); their ids."""
        if len({record.file.sha256 for record, _, _ in items}) < len(items):
            raise CaseIndexError(f"{self.path}: one file twice in a batch of clips to add")
        prepared = [self._rows(*item) for item in items]
        ids: list[int] = []

        def inserted(db: sqlite3.Connection) -> Iterator[tuple[int, shortlist.Rows]]:
            for values, hashes, blob, rows in prepared:  # each before the segments it joins
                db.execute("DELETE FROM clips WHERE sha256 = ?", (values[0],))
                clip_id = db.execute(
                    "INSERT INTO clips (sha256, name, path, report_dir, duration_s, actor, "
                    "released, record, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", values,
                ).lastrowid  # fmt: skip
                assert clip_id is not None
                db.execute("INSERT INTO hashes VALUES (?, ?, ?, ?, ?)", (clip_id, *hashes))
                db.execute("INSERT INTO features VALUES (?, ?)", (clip_id, blob))
                if pending_owner is not None:
                    db.execute("INSERT INTO pending VALUES (?, ?, ?)",
                               (clip_id, pending_owner, now_utc()))  # fmt: skip
                ids.append(clip_id)
                yield clip_id, rows.of_clip(clip_id)

        try:
            with self._connect() as db, self._transaction(db):
                tables.store_clips(db, inserted(db))
        except sqlite3.Error as exc:
            names = ", ".join(record.file.name for record, _, _ in items[:3])
            raise CaseIndexError(f"{self.path}: cannot add {names} ({exc})") from None
        return ids

    def _rows(self, record: AnalysisRecord, features: ClipFeatures, report_dir: Path | None,
              ) -> tuple[tuple[Any, ...], tuple[bytes, ...], bytes, shortlist.Rows]:  # fmt: skip
        """A clip's row, its hashes' row, its features and its shortlist rows."""
        file, frames = record.file, record.frames
        hashes = (
            np.array([round(f.time.seconds, 6) for f in frames], "<f8").tobytes(),
            codes_from_hex(f.phash for f in frames).astype(">u8").tobytes(),
            codes_from_hex(f.phash_mirror for f in frames).astype(">u8").tobytes(),
            np.array([f.informative for f in frames], np.uint8).tobytes(),
        )
        informative = [f for f in frames if f.informative]
        rows = tables.clip_rows(-1, np.array([f.time.seconds for f in informative]),
                                codes_from_hex(f.phash for f in informative), features)  # fmt: skip
        data = json.dumps(record_to_dict(record), ensure_ascii=False)
        values = (file.sha256, file.name, file.path, stored_folder(self.folder, report_dir),
                  record.media.duration_s, record.actor, record.released, data,
                  now_utc())  # fmt: skip
        return values, hashes, features.to_bytes(), rows

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the index's write lock: other runs on this case wait (read-modify-write of
        files that several runs may update, such as an earlier clip's report)."""
        with self._connect() as db, self._transaction(db):
            yield

    def checked_with(self, clip_id: int) -> int:
        """How many other clips this clip has been checked against: all of the case's, as
        every pair is checked once, when its later clip joins, through the shortlist tables
        (only the clips they propose are compared, and stored, frame by frame)."""
        with self._connect() as db:
            (count,) = db.execute("SELECT COUNT(*) FROM clips WHERE id != ?",
                                  (clip_id,)).fetchone()  # fmt: skip
        return int(count)

    def remove(self, clip_id: int) -> None:
        try:
            with self._connect() as db, self._transaction(db):
                db.execute("DELETE FROM clips WHERE id = ?", (clip_id,))
        except sqlite3.Error as exc:
            raise CaseIndexError(f"{self.path}: cannot remove clip {clip_id} ({exc})") from None

    def clips(self, pending: bool = True) -> list[IndexedClip]:
        """Every clip, in the order they joined; without those still pending (their report
        not yet in place) when ``pending`` is False."""
        if pending or not self._has_table("pending"):
            return self._select_clips("ORDER BY id", ())
        return self._select_clips("WHERE id NOT IN (SELECT clip_id FROM pending) ORDER BY id", ())

    def clips_among(self, ids: Sequence[int], most: int) -> list[IndexedClip]:
        """The first ``most`` clips of ``ids`` (in that order) still in the index: reads
        those rows only, not the whole case's."""
        found: list[IndexedClip] = []
        for start in range(0, len(ids), most):
            chunk = list(ids[start : start + most])
            marks = ", ".join("?" * len(chunk))
            by_id = {c.id: c for c in self._select_clips(f"WHERE id IN ({marks})", tuple(chunk))}
            found += [by_id[i] for i in chunk if i in by_id]
            if len(found) >= most:
                break
        return found[:most]

    def finish(self, clip_id: int) -> None:
        """The clip's report is in place: it is part of the case now."""
        try:
            with self._connect() as db, self._transaction(db):
                db.execute("DELETE FROM pending WHERE clip_id = ?", (clip_id,))
        except sqlite3.Error as exc:
            raise CaseIndexError(f"{self.path}: cannot finish clip {clip_id} ({exc})") from None

    def pending(self) -> list[tuple[int, str, str]]:
        """(clip id, owner, since) of every clip whose report is not yet in place."""
        if not self._has_table("pending"):
            return []
        with self._connect() as db:
            rows = db.execute("SELECT clip_id, owner, since FROM pending").fetchall()
        return [(int(clip_id), str(owner), str(since)) for clip_id, owner, since in rows]

    def _has_table(self, name: str) -> bool:
        """Whether the index has a table (one made by an older version may lack a newer one)."""
        with self._connect() as db:
            found = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                               (name,)).fetchone()  # fmt: skip
        return found is not None

    def clip(self, sha256: str) -> IndexedClip | None:
        found = self._select_clips("WHERE sha256 = ?", (sha256,))
        return found[0] if found else None

    def _select_clips(self, where: str, args: tuple[Any, ...]) -> list[IndexedClip]:
        query = (
            "SELECT id, sha256, name, path, report_dir, duration_s, actor, released, added_at "
            f"FROM clips {where}"
        )
        base = str(self.folder.resolve())  # stored report folders are relative to it
        with self._connect() as db:
            rows = db.execute(query, args).fetchall()
        clips = [IndexedClip(*row) for row in rows]
        return [replace(c, report_dir=report_path(base, c.report_dir)) for c in clips]

    def record(self, clip_id: int) -> AnalysisRecord:
        """The record the clip was indexed with (RecordError when it cannot be read)."""
        with self._connect() as db:
            (text,) = db.execute("SELECT record FROM clips WHERE id = ?", (clip_id,)).fetchone()
        return record_from_dict(json.loads(text))

    def features_if_present(self, clip_id: int) -> ClipFeatures | None:
        """A clip's features, or None when the clip left the index meanwhile (another run
        re-analysed or removed it)."""
        try:
            return self.features(clip_id)
        except CaseIndexError:
            return None

    def features(self, clip_id: int) -> ClipFeatures:
        with self._connect() as db:
            row = db.execute("SELECT data FROM features WHERE clip_id = ?", (clip_id,)).fetchone()
        if row is None:
            raise CaseIndexError(f"{self.path}: clip {clip_id} has no stored features")
        return ClipFeatures.from_bytes(row[0])

    def frame_count(self) -> int:
        """Frames hashed across the case (eight bytes of time per frame)."""
        with self._connect() as db:
            (total,) = db.execute("SELECT COALESCE(SUM(length(t)), 0) FROM hashes").fetchone()
        return int(total) // 8

    def shortlist_tables(self, rebuild: bool = False) -> shortlist.Tables:
        """The stored shortlist tables (:mod:`forensics.case.shortlist`); clips indexed
        without them are added first; with ``rebuild``, every segment is made again."""
        try:
            with self._connect() as db:
                if rebuild or tables.unlisted(db):
                    with self._transaction(db):
                        tables.complete(db, rebuild)
                tables.digest_old_segments(db, str(self.path.resolve()))
                return tables.load(db, str(self.path.resolve()))
        except sqlite3.Error as exc:
            raise CaseIndexError(f"{self.path}: cannot read the shortlist tables ({exc})") from None

    def save_reuse(self, a_id: int, b_id: int, result: Comparison) -> None:
        """Store what comparing two clips found (an empty result is stored too: checked)."""
        low, high = sorted((a_id, b_id))
        stored = {**comparison_to_dict(result), "a_id": a_id, "b_id": b_id}
        payload = json.dumps(stored, ensure_ascii=False)
        try:
            with self._connect() as db, self._transaction(db):
                # Only while both clips are still there: another run may have re-analysed one.
                db.execute(
                    "INSERT OR REPLACE INTO reuse SELECT ?, ?, ?, ? WHERE "
                    "(SELECT COUNT(*) FROM clips WHERE id IN (?, ?)) = 2",
                    (low, high, payload, now_utc(), low, high),
                )
        except sqlite3.Error as exc:
            raise CaseIndexError(f"{self.path}: cannot store reuse ({exc})") from None

    def reuse(self, involving: int | None = None) -> list[StoredComparison]:
        """Every stored comparison (or those ``involving`` one clip), oriented as it was
        computed: A is clip ``a_id``. One this version cannot read is left out."""
        query, args = "SELECT result FROM reuse", cast(tuple[int, ...], ())
        if involving is not None:
            query, args = f"{query} WHERE a_id = ? OR b_id = ?", (involving, involving)
        with self._connect() as db:
            rows = [json.loads(text) for (text,) in db.execute(query, args)]
        return [stored for row in rows if (stored := _stored(row)) is not None]


def _stored(row: dict[str, Any]) -> StoredComparison | None:
    try:
        return StoredComparison(int(row["a_id"]), int(row["b_id"]), comparison_from_dict(row))
    except (KeyError, TypeError, ValueError):
        return None
