"""``forensics export-hashes``: a case's hashes as vPDQ files, python-threatexchange signal lines
and pHash tables, from the stored records, named by SHA-256 and the same bytes every time."""

import csv
import json
import re
import shutil
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import forensics
from forensics.case.hashformats import PDQ_MIN_QUALITY, SIGNALS_FILE
from forensics.case.index import INDEX_FILE, CaseIndex
from forensics.cli import main
from forensics.errors import BadInputError, RecordError
from forensics.media.hashing import pdq_hash
from forensics.records import record_from_dict, record_to_dict
from tests.media import lavfi_clip, shots_clip, textured_frame

HEX64 = re.compile(r"[0-9a-f]{64}")
PDQ_MATCH_BITS = 31  # vPDQ's and python-threatexchange's distance for a frame match
KNOWN_TYPES = {"video_md5", "video_sha256", "vpdq", "pdq"}


def run(capsys, *args):
    with pytest.raises(SystemExit) as exited:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return exited.value.code or 0, out, err


def bits(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    """Two short clips analysed into one case folder: (case folder, {sha256: record})."""
    evidence = tmp_path_factory.mktemp("evidence")
    folder = tmp_path_factory.mktemp("case")
    clips = [lavfi_clip(evidence / "first.mp4", seconds=3),
             shots_clip(evidence / "second.mp4", [7, 8], seconds_each=1.5)]  # fmt: skip
    records = {}
    for clip in clips:
        record = forensics.analyze(clip, folder, index_dir=folder).record
        records[record.file.sha256] = record
    return folder, records


@pytest.fixture(scope="module")
def exported(case, tmp_path_factory):
    folder, records = case
    done = forensics.export_hashes(folder, tmp_path_factory.mktemp("export") / "hashes")
    assert done.problems == ()
    return done, records


def test_one_vpdq_file_per_clip_with_a_line_per_sampled_frame(exported):
    done, records = exported
    assert sorted(done.clips) == sorted(records)
    for sha256, record in records.items():
        lines = (done.out / f"{sha256}.vpdq").read_text(encoding="utf-8").splitlines()
        assert len(lines) == len(record.frames) > 0
        for number, (line, frame) in enumerate(zip(lines, record.frames, strict=True)):
            frame_number, quality, pdq, timestamp = line.split(",")
            assert int(frame_number) == number
            assert 0 <= int(quality) <= 100 and int(quality) == frame.pdq_quality
            assert HEX64.fullmatch(pdq) and pdq == frame.pdq
            assert re.fullmatch(r"\d+\.\d{3}", timestamp)  # as the vPDQ tools write it
            assert abs(float(timestamp) - frame.time.seconds) <= 0.0005


def test_index_lists_each_clip_by_digest_and_no_evidence_name(exported):
    done, records = exported
    index = json.loads((done.out / "index.json").read_text(encoding="utf-8"))
    assert index["schema"] == "forensics.hash-export/1"
    assert [c["sha256"] for c in index["clips"]] == sorted(records)  # SHA-256 order
    for entry in index["clips"]:
        record = records[entry["sha256"]]
        assert entry["md5"] == record.file.md5
        assert entry["vpdq"] == f"{record.file.sha256}.vpdq"
        assert entry["frames"] == entry["frames_with_pdq"] == len(record.frames)
    assert "first" not in json.dumps(index) and "second" not in json.dumps(index)
    names = {p.name for p in done.out.iterdir()}
    assert all(HEX64.match(n) or n in ("index.json", SIGNALS_FILE) for n in names), names


def test_signal_lines_are_threatexchange_signal_types(exported):
    """Every line is ``signal_type signal`` with a type python-threatexchange defines, each
    signal valid as that type's ``validate_signal_str`` and vPDQ's ``from_str`` check it."""
    done, records = exported
    lines = (done.out / SIGNALS_FILE).read_text(encoding="utf-8").splitlines()
    seen: dict[str, list[str]] = {t: [] for t in KNOWN_TYPES}
    for line in lines:
        kind, _, signal = line.partition(" ")
        assert kind in KNOWN_TYPES and signal and " " not in signal, line
        seen[kind].append(signal)
    assert sorted(seen["video_md5"]) == sorted(r.file.md5 for r in records.values())
    assert sorted(seen["video_sha256"]) == sorted(records)
    assert len(seen["vpdq"]) == len(records)
    for signal, record in zip(seen["vpdq"], sorted(records.values(), key=lambda r: r.file.sha256),
                              strict=True):  # fmt: skip
        features = [s.split(",") for s in json.loads(signal)]
        assert [f[0] for f in features] == [f.pdq for f in record.frames]
        assert all(0 <= int(q) <= 100 and float(t) >= 0 for _, q, t in features)
    good = {f.pdq for r in records.values() for f in r.frames
            if (f.pdq_quality or 0) >= PDQ_MIN_QUALITY}  # fmt: skip
    assert sorted(seen["pdq"]) == sorted(good) and len(good) > 0  # each once


def test_threatexchange_reads_the_signal_file(exported):
    """python-threatexchange's own local-file exchange reads the file into its signal types."""
    pytest.importorskip("threatexchange")
    from threatexchange.exchanges.impl.file_api import (
        FileCollaborationConfig,
        LocalFileSignalExchangeAPI,
    )
    from threatexchange.signal_type.md5 import VideoMD5Signal
    from threatexchange.signal_type.pdq.signal import PdqSignal
    from threatexchange.signal_type.sha256 import VideoSHA256Signal

    done, records = exported
    collab = FileCollaborationConfig(name="case", filename=str(done.out / SIGNALS_FILE))
    (delta,) = LocalFileSignalExchangeAPI.for_collab(collab).fetch_iter([], None)
    types = [PdqSignal, VideoMD5Signal, VideoSHA256Signal]
    read = LocalFileSignalExchangeAPI.naive_convert_to_signal_type(types, collab, delta.updates)
    assert sorted(read[VideoMD5Signal]) == sorted(r.file.md5 for r in records.values())
    assert sorted(read[VideoSHA256Signal]) == sorted(records)
    assert set(read[PdqSignal]) == {f.pdq for r in records.values() for f in r.frames
                                    if (f.pdq_quality or 0) >= PDQ_MIN_QUALITY}  # fmt: skip


def test_phash_rows_match_the_record(exported):
    done, records = exported
    for sha256, record in records.items():
        with (done.out / f"{sha256}.phash.csv").open(encoding="utf-8", newline="") as stream:
            rows = list(csv.DictReader(stream))
        assert len(rows) == len(record.frames)
        for number, (row, frame) in enumerate(zip(rows, record.frames, strict=True)):
            assert int(row["frame_number"]) == number
            assert (row["phash"], row["phash_mirror"], row["dhash"]) == (
                frame.phash, frame.phash_mirror, frame.dhash)  # fmt: skip
            assert int(row["pts"]) == frame.time.pts and row["time_base"] == str(
                frame.time.time_base)  # fmt: skip
            assert row["informative"] == str(frame.informative).lower()


def test_a_second_export_is_byte_identical(case, exported, tmp_path):
    done, _ = exported
    before = {p.name: p.read_bytes() for p in done.out.iterdir()}
    again = forensics.export_hashes(case[0], done.out)
    elsewhere = forensics.export_hashes(case[0], tmp_path / "other")
    assert {p.name: p.read_bytes() for p in again.out.iterdir()} == before
    assert {p.name: p.read_bytes() for p in elsewhere.out.iterdir()} == before


def test_pdq_of_a_mirrored_frame_differs_and_of_a_blurred_one_matches():
    gray = np.asarray(Image.fromarray(textured_frame(3)).convert("L"))
    pdq, quality = pdq_hash(gray)
    assert HEX64.fullmatch(pdq) and 0 <= quality <= 100
    assert pdq_hash(gray) == (pdq, quality)
    assert bits(pdq, pdq_hash(np.ascontiguousarray(gray[:, ::-1]))[0]) > PDQ_MATCH_BITS
    blurred = np.asarray(Image.fromarray(gray).resize((160, 120)).resize((320, 240)))
    assert bits(pdq, pdq_hash(blurred)[0]) <= PDQ_MATCH_BITS


def test_pdq_is_the_hash_threatexchange_computes(tmp_path):
    """The same picture gives python-threatexchange's PDQ string, bit for bit."""
    pytest.importorskip("threatexchange")
    from threatexchange.signal_type.pdq.pdq_hasher import pdq_from_file

    gray = np.asarray(Image.fromarray(textured_frame(5, (400, 300))).convert("L"))
    Image.fromarray(gray).save(tmp_path / "frame.png")
    assert pdq_hash(gray) == pdq_from_file(tmp_path / "frame.png")


def test_record_round_trip_keeps_pdq_and_refuses_a_malformed_one(case):
    record = next(iter(case[1].values()))
    data = record_to_dict(record)
    assert record_from_dict(data) == record
    data["frames"][0]["pdq"] = "xyz"
    with pytest.raises(RecordError):
        record_from_dict(data)
    del data["frames"][0]["pdq"], data["frames"][0]["pdq_quality"]  # an older record
    assert record_from_dict(data).frames[0].pdq is None


@pytest.fixture
def case_copy(case, tmp_path):
    folder = tmp_path / "case"
    shutil.copytree(case[0], folder)
    return folder


def stored(folder, clip_id, change):
    """Rewrite clip ``clip_id``'s stored record in the case index with ``change(record_dict)``."""
    with sqlite3.connect(folder / INDEX_FILE) as db:
        (text,) = db.execute("SELECT record FROM clips WHERE id = ?", (clip_id,)).fetchone()
        db.execute("UPDATE clips SET record = ? WHERE id = ?", (change(json.loads(text)), clip_id))
    db.close()


def test_cli_names_an_unreadable_record_and_exports_the_rest(capsys, case_copy, tmp_path):
    first, second = CaseIndex(case_copy).clips()
    stored(case_copy, first.id, lambda data: "{not json")
    code, out, err = run(capsys, "export-hashes", case_copy, "--out", tmp_path / "out")
    assert code == BadInputError.exit_code
    assert err.count("\n") == 1 and err.startswith("error: first.mp4 (") and "unreadable" in err
    assert out.strip() == f"1 clip(s) exported: {tmp_path / 'out'}"
    assert (tmp_path / "out" / f"{second.sha256}.vpdq").is_file()
    assert not (tmp_path / "out" / f"{first.sha256}.vpdq").exists()


def test_a_record_without_pdq_keeps_its_digests_and_phash(capsys, case_copy, tmp_path):
    first, _ = CaseIndex(case_copy).clips()

    def older(data):
        for frame in data["frames"]:
            del frame["pdq"], frame["pdq_quality"]
        return json.dumps(data)

    stored(case_copy, first.id, older)
    code, _, err = run(capsys, "export-hashes", case_copy, "--out", tmp_path / "out")
    assert code == BadInputError.exit_code and "analyse" in err and "first.mp4" in err
    assert not (tmp_path / "out" / f"{first.sha256}.vpdq").exists()
    assert (tmp_path / "out" / f"{first.sha256}.phash.csv").is_file()
    assert f"video_sha256 {first.sha256}" in (tmp_path / "out" / SIGNALS_FILE).read_text()


def test_te_alone_writes_the_named_file(case, tmp_path):
    target = tmp_path / "shared" / "case-signals.txt"
    done = forensics.export_hashes(case[0], target, "te")
    assert done.out == target and done.written == (target,)
    assert sorted(p.name for p in target.parent.iterdir()) == ["case-signals.txt"]


def test_a_narrower_export_removes_what_the_last_one_listed(case, tmp_path):
    forensics.export_hashes(case[0], tmp_path, "all")
    (tmp_path / "notes.txt").write_text("mine")
    forensics.export_hashes(case[0], tmp_path, "vpdq")
    names = sorted(p.name for p in tmp_path.iterdir())
    assert all(n.endswith(".vpdq") for n in names if HEX64.match(n)), names
    assert "notes.txt" in names and SIGNALS_FILE not in names


def test_never_beside_the_evidence(capsys, case, tmp_path):
    folder, records = case
    evidence = next(iter(records.values())).file.path
    before = sorted(Path(evidence).parent.iterdir())
    code, _, err = run(capsys, "export-hashes", folder, "--out", Path(evidence).parent)
    assert code == BadInputError.exit_code and "holds evidence" in err
    assert sorted(Path(evidence).parent.iterdir()) == before


def test_a_folder_without_a_case_is_bad_input(capsys, tmp_path):
    code, _, err = run(capsys, "export-hashes", tmp_path)
    assert code == BadInputError.exit_code and "no case index" in err


def test_a_clip_still_pending_is_not_exported(case_copy, tmp_path):
    first, second = CaseIndex(case_copy).clips()
    with sqlite3.connect(case_copy / INDEX_FILE) as db:
        db.execute(
            "INSERT INTO pending VALUES (?, ?, ?)", (first.id, "run", "2024-01-01T00:00:00Z")
        )
    db.close()
    done = forensics.export_hashes(case_copy, tmp_path / "out")
    assert done.clips == (second.sha256,) and done.problems == ()
