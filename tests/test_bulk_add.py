"""CaseIndex.add_many: clips added in one transaction leave the index exactly as adding them
one after the other does (the rows, and the shortlist segments and which holds each clip),
though merges among the new clips are done in memory."""

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from forensics.case import shortlist
from forensics.case.index import INDEX_FILE, CaseIndex
from forensics.errors import CaseIndexError
from forensics.reuse.features import ClipFeatures, FrameFeatures
from tests.test_caseindex import fake_record

RNG = np.random.default_rng(11)
TABLES = ("clips", "hashes", "features", "pending")


def clip(number: int, frames: int, described: int):
    """A record of ``frames`` random pHashes and features of ``described`` frames."""
    hashes = [f"{int(c):016x}" for c in RNG.integers(0, 2**63, frames, dtype=np.int64)]
    sides = [(RNG.integers(0, 256, (40, 32), dtype=np.uint8),
              (RNG.random((40, 2)) * [320, 180]).astype(np.float32)) for _ in range(described)]
    features = ClipFeatures(0.5 * frames, (320, 180), tuple(
        FrameFeatures(0.5 * i, (320, 180), (p, p[:0]), (d, d[:0]))
        for i, (d, p) in enumerate(sides)))  # fmt: skip
    return fake_record(f"{number:064x}", hashes, name=f"clip{number}.mp4"), features, None


def contents(folder: Path) -> tuple[dict[str, list[tuple]], list[tuple[int, ...]], list]:
    """Every row but the time each clip was added; the segments in their order (their arrays)
    and, for each clip, the place of its segment in that order."""
    with sqlite3.connect(folder / INDEX_FILE) as db:
        rows = {t: db.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in TABLES}
        segments = db.execute("SELECT id, size, data FROM shortlist_segments ORDER BY id"
                              ).fetchall()  # fmt: skip
        members = db.execute("SELECT clip_id, segment FROM shortlist_members ORDER BY 1").fetchall()
    rows["clips"] = [r[:-1] for r in rows["clips"]]  # added_at: the second it was written
    place = {segment_id: n for n, (segment_id, _, _) in enumerate(segments)}
    arrays = []
    for _, size, data in segments:
        segment = shortlist.Segment.from_bytes(data)
        arrays.append((size, *(a.tobytes() for a in vars(segment.rows).values()),
                       *(o.tobytes() for o in segment.hashes.orders), segment.keys.tobytes(),
                       segment.key_desc.tobytes()))  # fmt: skip
    return rows, [(c, place[s]) for c, s in members], arrays


@pytest.mark.parametrize("before", [0, 5])
def test_clips_added_at_once_leave_the_index_as_added_one_by_one(tmp_path, before):
    """Clips of uneven sizes (so the merges are uneven too), some before the batch (merges of
    stored segments with new ones), one of them analysed again within the batch (its old rows
    left stale in a stored segment)."""
    made = [clip(n, int(RNG.integers(1, 60)), int(RNG.integers(0, 4))) for n in range(23)]
    again = clip(1, 7, 2) if before else clip(30, 7, 2)
    one, many = CaseIndex(tmp_path / "one"), CaseIndex(tmp_path / "many")
    for record, features, report in made[:before]:
        one.add(record, features, report)
        many.add(record, features, report)
    batch = [*made[before:], again]
    added = [one.add(record, features, report).id for record, features, report in batch]
    assert many.add_many(batch) == added
    assert 2 <= len({s for _, s in contents(tmp_path / "one")[1]}) < 10  # merged, unevenly
    assert contents(tmp_path / "one") == contents(tmp_path / "many")
    assert shortlist.stored_frames(one.shortlist_tables()) == shortlist.stored_frames(
        many.shortlist_tables())


def test_a_batch_holding_one_file_twice_is_refused(tmp_path):
    index = CaseIndex(tmp_path)
    record = clip(1, 4, 1)
    with pytest.raises(CaseIndexError, match="one file twice"):
        index.add_many([record, record])
    assert index.clips() == []
