"""Table files (forensics.case.tablefile): a big shortlist segment's hash tables kept beside
the case index, so a process's first search reads them instead of making them. They are a
checked copy: written whole or not at all (a full disk, a crash mid-write leave no file and
the index untouched), stale or damaged ones detected and made again, never trusted."""

import errno
import os
import sqlite3
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from forensics.case import shortlist, tablefile, tables
from forensics.case.index import INDEX_FILE, CaseIndex
from forensics.case.widehash import WideHashIndex
from forensics.reuse.features import ClipFeatures, FrameFeatures
from forensics.reuse.hashindex import FrameHashIndex
from tests.adversary import crash
from tests.test_caseindex import fake_record
from tests.test_shortlist import random_hashes

RNG = np.random.default_rng(11)


@pytest.fixture
def files_for_all(monkeypatch):
    """Every segment gets a table file, whatever its size and the disk's free space."""
    monkeypatch.setattr(tables, "TABLE_FILE_FROM", 0)
    monkeypatch.setattr(tablefile, "RESERVE_BYTES", 0)
    tables._CACHE.clear()
    yield
    tables._CACHE.clear()


def features(frames: int) -> ClipFeatures:
    """Frames with ORB-like descriptors, so segments hold a sketch too."""
    made = []
    for k in range(frames):
        descriptors = RNG.integers(0, 256, (40, 32), dtype=np.uint8)
        points = (RNG.random((40, 2)) * [640, 360]).astype(np.float32)
        none = (np.zeros((0, 2), np.float32), np.zeros((0, 32), np.uint8))
        made.append(FrameFeatures(0.5 * k, (640, 360), (points, none[0]), (descriptors, none[1])))
    return ClipFeatures(0.5 * frames, (640, 360), tuple(made))


def add_clips(index: CaseIndex, count: int, start: int = 0) -> dict[int, list[str]]:
    added = {}
    for k in range(start, start + count):
        hashes = random_hashes(8)
        clip = index.add(fake_record(f"{k:02d}" * 32, hashes), features(3), None)
        added[clip.id] = hashes
    return added


def loaded(index: CaseIndex) -> shortlist.Tables:
    tables._CACHE.clear()  # as a new process: nothing kept in memory
    return index.shortlist_tables()


def contents(found: shortlist.Tables) -> list[tuple[frozenset[int], dict[str, np.ndarray]]]:
    return [(clips, segment.arrays) for segment, clips in found.segments]


def assert_same(a: shortlist.Tables, b: shortlist.Tables) -> None:
    assert len(a.segments) == len(b.segments)
    for (clips_a, arrays_a), (clips_b, arrays_b) in zip(contents(a), contents(b), strict=True):
        assert clips_a == clips_b and arrays_a.keys() == arrays_b.keys()
        for name, array in arrays_a.items():
            assert array.dtype == arrays_b[name].dtype and np.array_equal(array, arrays_b[name])


def reference(index: CaseIndex, monkeypatch) -> shortlist.Tables:
    """The tables made from the index alone (no table file read or written)."""
    with monkeypatch.context() as patched:
        patched.setattr(tables, "TABLE_FILE_FROM", 1 << 62)
        return loaded(index)


def table_files(folder) -> list[str]:
    found = tablefile.folder_of(folder / INDEX_FILE)
    return sorted(p.name for p in found.iterdir()) if found.is_dir() else []


def blob_reads(monkeypatch) -> list[int]:
    """The segments read from the index's blobs from now on."""
    read, original = [], tables._read
    monkeypatch.setattr(tables, "_read", lambda db, i: read.append(i) or original(db, i))
    return read


def test_a_second_process_reads_the_tables_it_would_make(tmp_path, files_for_all, monkeypatch):
    index = CaseIndex(tmp_path)
    clips = add_clips(index, 5)
    first = loaded(index)  # reads the blobs, writes the files
    ids = [i for i, _ in tables_ids(tmp_path)]
    assert table_files(tmp_path) == sorted(f"segment-{i}.tables" for i in ids)
    read = blob_reads(monkeypatch)
    second = loaded(index)
    assert read == []  # every segment from its file
    assert_same(second, first)
    assert_same(second, reference(index, monkeypatch))
    for clip_id, hashes in clips.items():
        frames = fake_record("f" * 64, hashes[::2]).frames
        assert set(shortlist.hash_pairs(second, -1, frames, 10, 1)) == {clip_id}


def tables_ids(folder) -> list[tuple[int, int]]:
    with sqlite3.connect(folder / INDEX_FILE) as db:
        return db.execute("SELECT id, size FROM shortlist_segments ORDER BY id").fetchall()


def test_both_kinds_of_hash_tables_are_made_again_from_what_they_store():
    codes = RNG.integers(0, 2**63, 5000, dtype=np.int64).astype(np.uint64)
    queries = codes[:50] ^ np.uint64(0b1011)
    for made in (FrameHashIndex(codes), WideHashIndex(codes)):
        again = type(made).from_tables(codes, made.tables)
        for radius in (0, 4, 10):
            a, b = made.search(queries, radius), again.search(queries, radius)
            for field in ("query", "row", "distance"):
                assert np.array_equal(getattr(a, field), getattr(b, field))
        with pytest.raises(ValueError):  # tables of other codes are refused, not searched
            type(made).from_tables(codes[:-1], made.tables)


def test_a_full_disk_mid_write_leaves_no_file_and_the_index_untouched(
    tmp_path, files_for_all, monkeypatch
):
    index = CaseIndex(tmp_path)
    add_clips(index, 4)
    expected = reference(index, monkeypatch)
    written = []

    def full(stream, header, layout):  # half the file, then the disk is full
        stream.write(b"x" * 4096)
        written.append(stream.name)
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(tablefile, "_write_all", full)
        assert_same(loaded(index), expected)  # the search goes on with the tables it made
    assert written and table_files(tmp_path) == []  # each temporary deleted
    with sqlite3.connect(tmp_path / INDEX_FILE) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    loaded(index)  # room again: written now
    assert len(table_files(tmp_path)) == len(tables_ids(tmp_path))


def test_no_file_where_it_would_take_the_disks_last_room(tmp_path, files_for_all, monkeypatch):
    index = CaseIndex(tmp_path)
    add_clips(index, 2)
    monkeypatch.setattr(tablefile, "RESERVE_BYTES", 1 << 60)
    loaded(index)
    assert table_files(tmp_path) == []


def test_a_writer_killed_mid_write_leaves_a_temporary_the_next_search_deletes(
    tmp_path, files_for_all
):
    index = CaseIndex(tmp_path)
    add_clips(index, 3)
    loaded(index)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    folder = tablefile.folder_of(tmp_path / INDEX_FILE)
    part = folder / f".segment-1.{int(dead.stdout)}.abc123.part"
    part.write_bytes(b"half a table file")
    mine = folder / f".segment-2.{os.getpid()}.def456.part"  # a live writer's: kept
    mine.write_bytes(b"being written")
    loaded(index)
    assert not part.exists() and mine.exists()


def test_tables_stale_after_another_process_adds_clips_are_not_used(
    tmp_path, files_for_all, monkeypatch
):
    index = CaseIndex(tmp_path)
    add_clips(index, 6)
    before = loaded(index)  # this process keeps its segments and their files are written
    script = textwrap.dedent(f"""
        from forensics.case.index import CaseIndex
        from tests.test_tablefile import add_clips
        add_clips(CaseIndex({str(tmp_path)!r}), 5, start=50)
    """)  # another process: its clips merge segments into new ones
    subprocess.run([sys.executable, "-c", script], check=True, env={**os.environ})
    after = index.shortlist_tables()  # this process, its cache of the old segments in hand
    assert_same(after, reference(index, monkeypatch))
    assert sum(len(c) for _, c in after.segments) == 11 > sum(len(c) for _, c in before.segments)
    ids = [i for i, _ in tables_ids(tmp_path)]
    # the merged-away segments' files deleted, the new ones' written
    assert table_files(tmp_path) == sorted(f"segment-{i}.tables" for i in ids)


def test_a_table_file_of_another_index_generation_is_not_trusted(
    tmp_path, files_for_all, monkeypatch
):
    """Same segment id, other contents (an index restored from a backup, or another case's
    file): the digest differs, so the file is made again from the index."""
    one, two = CaseIndex(tmp_path / "one"), CaseIndex(tmp_path / "two")
    add_clips(one, 3)
    add_clips(two, 3, start=20)
    loaded(one), loaded(two)
    folder_one = tablefile.folder_of(tmp_path / "one" / INDEX_FILE)
    folder_two = tablefile.folder_of(tmp_path / "two" / INDEX_FILE)
    for path in folder_two.iterdir():
        (folder_one / path.name).write_bytes(path.read_bytes())
    expected = reference(one, monkeypatch)
    read = blob_reads(monkeypatch)
    assert_same(loaded(one), expected)
    assert sorted(read) == [i for i, _ in tables_ids(tmp_path / "one")]


@pytest.mark.parametrize("damage", ["flip", "cut", "grow", "header", "garbage", "empty"])
def test_a_damaged_table_file_is_made_again(tmp_path, files_for_all, monkeypatch, damage):
    index = CaseIndex(tmp_path)
    add_clips(index, 3)
    loaded(index)
    folder = tablefile.folder_of(tmp_path / INDEX_FILE)
    path = max(folder.iterdir(), key=lambda p: p.stat().st_size)
    data = bytearray(path.read_bytes())
    if damage == "flip":  # one bit of the last array
        data[-200] ^= 0x10
    elif damage == "header":
        data[40] ^= 0x01
    changed = {"flip": data, "header": data, "cut": data[:-100], "grow": data + b"\0" * 64,
               "garbage": RNG.bytes(len(data)), "empty": b""}[damage]  # fmt: skip
    path.write_bytes(bytes(changed))
    expected = reference(index, monkeypatch)
    read = blob_reads(monkeypatch)
    assert_same(loaded(index), expected)
    segment_id = int(path.name.split("-")[1].split(".")[0])
    assert read == [segment_id]  # that one read from the index, the others from their files
    assert tablefile.read(folder, identity(tmp_path, segment_id)) is not None  # written again


def identity(folder, segment_id: int) -> tablefile.Identity:
    with sqlite3.connect(folder / INDEX_FILE) as db:
        size, digest = db.execute("SELECT s.size, d.digest FROM shortlist_segments s JOIN "
                                  "shortlist_digests d ON d.segment = s.id WHERE s.id = ?",
                                  (segment_id,)).fetchone()  # fmt: skip
    return tablefile.Identity(segment_id, size, digest)


def test_segments_stored_before_table_files_get_a_digest_and_a_file(
    tmp_path, files_for_all, monkeypatch
):
    index = CaseIndex(tmp_path)
    add_clips(index, 3)
    with sqlite3.connect(tmp_path / INDEX_FILE) as db:  # as a version before them left it
        db.execute("DELETE FROM shortlist_digests")
    tables._DIGESTED.clear()  # as a new process
    loaded(index)
    ids = [i for i, _ in tables_ids(tmp_path)]
    assert table_files(tmp_path) == sorted(f"segment-{i}.tables" for i in ids)
    with sqlite3.connect(tmp_path / INDEX_FILE) as db:
        for segment_id, (blob,) in zip(ids, db.execute(
                "SELECT data FROM shortlist_segments ORDER BY id"), strict=True):  # fmt: skip
            assert identity(tmp_path, segment_id).digest == tablefile.digest([blob])
    expected = reference(index, monkeypatch)
    read = blob_reads(monkeypatch)
    assert_same(loaded(index), expected)
    assert read == []


@pytest.fixture
def small_disk(tmp_path):
    """A 4 MB tmpfs (skipped where mounting is not permitted)."""
    with crash.small_tmpfs(tmp_path / "disk", "4m") as mount:
        yield mount


def test_a_really_full_disk_while_writing_leaves_no_file_and_the_index_whole(
    small_disk, files_for_all, monkeypatch
):
    """The disk fills between the free-space check and the write (another writer): the
    write fails with ENOSPC, its temporary is deleted with no space to spare, the search
    answers as without files, and the index passes its integrity check."""
    index = CaseIndex(small_disk / "case")
    add_clips(index, 4)
    expected = reference(index, monkeypatch)
    folder = tablefile.folder_of(small_disk / "case" / INDEX_FILE)
    folder.mkdir()
    held = sqlite3.connect(small_disk / "case" / INDEX_FILE)  # keeps the WAL's -shm there
    held.execute("SELECT COUNT(*) FROM clips").fetchone()
    stat = os.statvfs(small_disk)
    filler = small_disk / "filler"
    filler.write_bytes(bytes(max(0, stat.f_bavail * stat.f_frsize - 65536)))
    room = type("Usage", (), {"free": 1 << 40})
    with monkeypatch.context() as patched:
        patched.setattr(tablefile.shutil, "disk_usage", lambda path: room)
        assert_same(loaded(index), expected)
    assert table_files(small_disk / "case") == []
    assert held.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    held.close()
    filler.unlink()
    loaded(index)  # room again (for one file of 2 MB: most is a 16-bit table's offsets)
    assert table_files(small_disk / "case") != []


def test_a_search_killed_while_writing_a_table_file_leaves_only_a_temporary(
    tmp_path, files_for_all, monkeypatch
):
    """SIGKILL halfway through the write: no table file under its name (the index and the
    next search never see half of one), and the next search deletes the temporary."""
    index = CaseIndex(tmp_path)
    add_clips(index, 4)
    script = textwrap.dedent(f"""
        import os, signal
        from forensics.case import tablefile, tables
        from forensics.case.index import CaseIndex
        tables.TABLE_FILE_FROM, tablefile.RESERVE_BYTES = 0, 0
        def killed(stream, header, layout):
            stream.write(b"x" * 65536)
            stream.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        tablefile._write_all = killed
        CaseIndex({str(tmp_path)!r}).shortlist_tables()
    """)
    done = subprocess.run([sys.executable, "-c", script], check=False, env={**os.environ})
    assert done.returncode == -9
    folder = tablefile.folder_of(tmp_path / INDEX_FILE)
    [part] = [p.name for p in folder.iterdir()]
    assert part.startswith(".segment-") and part.endswith(".part")
    expected = reference(index, monkeypatch)
    assert_same(loaded(index), expected)
    assert table_files(tmp_path) == sorted(f"segment-{i}.tables" for i, _ in tables_ids(tmp_path))
    with sqlite3.connect(tmp_path / INDEX_FILE) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
