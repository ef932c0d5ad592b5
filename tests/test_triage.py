"""Triage (``analyze --triage``): key frames only, hashed and looked up in the case; plain and
mirrored reposts found as leads; the record says its depth and what it cannot see; a later
full analysis takes the triage's hashes and probe and replaces its entry."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from forensics import triage
from forensics.api import verify
from forensics.batch import analyze_batch
from forensics.case import tables
from forensics.case.index import CaseIndex
from forensics.cli import main
from forensics.pipeline import analyze
from forensics.records import read_record, record_from_dict, record_to_dict
from forensics.triage import NOT_SEEN, earlier_triage
from tests.media import lavfi_clip, run_ffmpeg, shots_clip
from tests.test_batch import cli, reports
from tests.test_caseindex import EMPTY, fake_record
from tests.test_shortlist import random_hashes


def _keyed(source: Path, target: Path, vf: str = "null", gop: int = 25) -> Path:
    """A re-encode of ``source`` with a key frame every ``gop`` frames and none at cuts."""
    run_ffmpeg(["-i", str(source), "-vf", vf, "-c:v", "libx264", "-preset", "ultrafast",
                "-g", str(gop), "-sc_threshold", "0", "-an", str(target)])  # fmt: skip
    return target


@pytest.fixture(scope="module")
def footage(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("triage")
    shots_clip(root / "source.mp4", seeds=[81, 82, 83], seconds_each=3.0)
    _keyed(root / "source.mp4", root / "plain.mp4", "scale=240:180", gop=20)
    _keyed(root / "source.mp4", root / "mirrored.mp4", "hflip", gop=30)
    shots_clip(root / "other.mp4", seeds=[91, 92, 93], seconds_each=3.0)
    return root


@pytest.fixture(scope="module")
def case(footage: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The source fully analysed, then the three others triaged, into one case."""
    out = tmp_path_factory.mktemp("triage-case")
    analyze(footage / "source.mp4", out, index_dir=out, read_text=False)
    for name in ("plain", "mirrored", "other"):
        analyze(footage / f"{name}.mp4", out, index_dir=out, triage=True)
    return out


def _report(out: Path, name: str) -> dict:
    (folder,) = [p for p in out.iterdir() if p.name.startswith(name)]
    return json.loads((folder / "report.json").read_text(encoding="utf-8"))


def test_triage_decodes_key_frames_only(tmp_path: Path) -> None:
    clip = _keyed(lavfi_clip(tmp_path / "src.mp4", seconds=5, audio=False), tmp_path / "k.mp4")
    result = analyze(clip, tmp_path / "out", triage=True)
    record = result.record
    assert [f.time.seconds for f in record.frames] == [0.0, 1.0, 2.0, 3.0, 4.0]
    assert record.triaged and record.depth is not None
    assert record.depth.not_seen == NOT_SEEN
    decode = [e for e in record.custody if e.action == "decoded"]
    assert len(decode) == 1 and "-skip_frame" in decode[0].call
    assert decode[0].note is not None and decode[0].note.startswith("key frames only")
    assert record.onscreen is not None and not record.onscreen.read
    (note,) = [f for f in record.flags if f.code == "triage_only"]
    assert "cropped" in note.message and "on-screen text" in note.message
    assert not any(f.code == "truncated" for f in record.flags)  # key frames end early
    data = result.data
    assert data["schema"] == "forensics.analysis/1.7"
    assert data["depth"]["level"] == "triage" and data["depth"]["not_seen"] == list(NOT_SEEN)
    assert (result.report_dir / "report.html").is_file()
    assert len(data["keyframes"]) >= 1 and len(data["frame_images"]) == 5


def test_full_analysis_says_its_depth(tmp_path: Path) -> None:
    clip = lavfi_clip(tmp_path / "a.mp4", seconds=2, audio=False)
    record = analyze(clip, tmp_path / "out", read_text=False).record
    assert record.depth is not None and record.depth.level == "full"
    assert record.depth.reused is None and not record.depth.not_seen
    assert not any(f.code == "triage_only" for f in record.flags)


def test_triage_finds_plain_and_mirrored_reposts(case: Path) -> None:
    plain = [f["message"] for f in _report(case, "plain")["flags"]
             if f["code"] == "possible_repost"]  # fmt: skip
    assert len(plain) == 1 and "frames of source.mp4 as they are" in plain[0]
    # the mirrored one is a mirrored repost of both (plain is the source re-encoded)
    mirrored = [f["message"] for f in _report(case, "mirrored")["flags"]
                if f["code"] == "possible_repost"]  # fmt: skip
    assert len(mirrored) == 2
    assert {m.split(" of this clip's")[1].split(" (pHash")[0] for m in mirrored} == {
        " 8 key frames match frames of source.mp4 mirrored",
        " 8 key frames match frames of plain.mp4 mirrored",
    }
    other = _report(case, "other")
    assert not [f for f in other["flags"] if f["code"] == "possible_repost"]
    assert other["reuse_checked"] == 3 and other["reuse_scope"].startswith("triage:")


def test_triaged_clips_join_the_case(case: Path) -> None:
    clips = CaseIndex(case).clips(pending=False)
    assert sorted(c.name for c in clips) == ["mirrored.mp4", "other.mp4", "plain.mp4",
                                             "source.mp4"]  # fmt: skip
    depths = {c.name: CaseIndex(case).record(c.id).triaged for c in clips}
    assert depths == {"source.mp4": False, "plain.mp4": True, "mirrored.mp4": True,
                      "other.mp4": True}  # fmt: skip


def test_full_analysis_reuses_the_triage_and_replaces_it(footage: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    clip = footage / "plain.mp4"
    triaged = analyze(clip, out, index_dir=out, triage=True).record
    stored = earlier_triage(out, clip)
    assert stored is not None and (stored.file, stored.depth) == (triaged.file, triaged.depth)
    full = analyze(clip, out, index_dir=out, read_text=False).record
    assert full.depth is not None and full.depth.level == "full"
    assert full.depth.reused is not None and "triage" in full.depth.reused
    assert full.file.sha256 == triaged.file.sha256
    hashed = [e for e in full.custody if e.action in ("hashed", "probed")]
    assert hashed == [e for e in triaged.custody if e.action in ("hashed", "probed")]
    assert full.media == triaged.media and full.frames_hashed > triaged.frames_hashed
    (entry,) = CaseIndex(out).clips()
    assert not CaseIndex(out).record(entry.id).triaged
    assert not read_record(Path(entry.report_dir or "") / "report.json").triaged
    assert earlier_triage(out, clip) is None  # replaced: nothing left to take
    (checked,) = verify([Path(entry.report_dir or "")])
    assert checked.ok, checked.differences  # the triage's custody events are in order


def test_a_triage_s_custody_is_in_time_order_however_slow_its_steps(
    footage: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every event stamped a second after the one before (a loaded machine, where a second
    ticks over between steps): the triage's events are still logged in the order they were
    stamped (its "collected" and "hashed" were once stamped after its probe and decode, and
    the full analysis that kept them failed verify)."""
    import forensics.custody as custody

    ticks = iter(range(10_000))
    monkeypatch.setattr(custody, "utc_iso", lambda: f"2026-01-01T00:{next(ticks):05d}Z")
    out = tmp_path / "out"
    triaged = analyze(footage / "plain.mp4", out, index_dir=out, triage=True).record
    times = [e.at_utc for e in triaged.custody]
    assert times == sorted(times), [(e.action, e.at_utc) for e in triaged.custody]


def test_a_changed_file_is_read_again(footage: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    clip = tmp_path / "clip.mp4"
    clip.write_bytes((footage / "other.mp4").read_bytes())
    triaged = analyze(clip, out, index_dir=out, triage=True).record
    with clip.open("r+b") as handle:  # the same size, another byte near the end
        handle.seek(-10, os.SEEK_END)
        last = handle.read(1)
        handle.seek(-10, os.SEEK_END)
        handle.write(bytes([last[0] ^ 0xFF]))
    assert earlier_triage(out, clip) is None
    full = analyze(clip, out, index_dir=out, read_text=False).record
    assert full.depth is not None and full.depth.reused is None
    assert full.file.sha256 != triaged.file.sha256


def test_depth_round_trips_and_older_records_read(tmp_path: Path) -> None:
    clip = _keyed(lavfi_clip(tmp_path / "src.mp4", seconds=2, audio=False), tmp_path / "k.mp4")
    record = analyze(clip, tmp_path / "out", triage=True).record
    data = record_to_dict(record)
    assert record_from_dict(data) == record
    older = {**data, "schema": "forensics.analysis/1.4"}
    del older["depth"]
    assert record_from_dict(older).depth is None and not record_from_dict(older).triaged


def test_cli_triage(footage: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["analyze", "--triage", "--json", "--out", str(tmp_path),
              str(footage / "mirrored.mp4")])  # fmt: skip
    assert done.value.code == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert json.loads(line)["depth"]["level"] == "triage"


def test_two_processes_triage_as_one_does(footage: Path, tmp_path: Path) -> None:
    """Triage in a batch's workers: the same reports and leads as one clip after another."""
    clips = [footage / f"{n}.mp4" for n in ("source", "mirrored", "other")]
    one = analyze_batch(clips, tmp_path / "one", index_dir=tmp_path / "one", triage=True)
    two = analyze_batch(clips, tmp_path / "two", index_dir=tmp_path / "two", triage=True, jobs=2)
    assert not one.failures and not two.failures
    assert reports(tmp_path / "two") == reports(tmp_path / "one")
    assert all(r["depth"]["level"] == "triage" for r in reports(tmp_path / "one").values())
    (lead,) = [f for f in _report(tmp_path / "two", "mirrored")["flags"]
               if f["code"] == "possible_repost"]  # fmt: skip
    assert "source.mp4 mirrored" in lead["message"]


def test_a_full_batch_redoes_triaged_clips(footage: Path, tmp_path: Path) -> None:
    """A resumed triage skips the clips in the case; a resumed full batch redoes the triaged
    ones, taking their hashes and probe (in its workers too)."""
    clips = [footage / "source.mp4", footage / "other.mp4"]
    analyze_batch(clips, tmp_path, index_dir=tmp_path, triage=True)
    again = analyze_batch(clips, tmp_path, index_dir=tmp_path, triage=True, resume=True)
    assert all(o.skipped for o in again.outcomes)
    full = analyze_batch(clips, tmp_path, index_dir=tmp_path, read_text=False, resume=True,
                         jobs=2)  # fmt: skip
    assert not any(o.skipped for o in full.outcomes) and not full.failures
    for outcome in full.outcomes:
        assert outcome.result is not None
        depth = outcome.result.record.depth
        assert depth is not None and depth.level == "full" and depth.reused  # in a worker too
    assert not any(CaseIndex(tmp_path).record(c.id).triaged for c in CaseIndex(tmp_path).clips())


def test_ingest_triages_a_large_collection_unless_told_full(
    footage: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    folder = tmp_path / "collection"
    folder.mkdir()
    for name in ("source", "other"):
        (folder / f"{name}.mp4").write_bytes((footage / f"{name}.mp4").read_bytes())
    monkeypatch.setattr(triage, "TRIAGE_ABOVE", 1)
    case, out = tmp_path / "case", tmp_path / "out"
    assert cli(["ingest", str(folder), "--case", str(case), "--analyze", "--out", str(out)]) == 0
    assert "2 clips to analyse, more than 1: triaging them" in capsys.readouterr().err
    assert {r["depth"]["level"] for r in reports(out).values()} == {"triage"}
    assert cli(["ingest", str(folder), "--case", str(case), "--analyze", "--full", "--out",
                str(out)]) == 0  # fmt: skip
    assert {r["depth"]["level"] for r in reports(out).values()} == {"full"}
    monkeypatch.setattr(triage, "TRIAGE_ABOVE", 50)
    small = tmp_path / "small"
    assert cli(["ingest", str(folder), "--case", str(small), "--analyze", "--triage", "--out",
                str(small / "out")]) == 0  # fmt: skip
    assert {r["depth"]["level"] for r in reports(small / "out").values()} == {"triage"}


def test_verify_redoes_a_triage_as_a_triage(footage: Path, tmp_path: Path) -> None:
    report = analyze(footage / "mirrored.mp4", tmp_path, triage=True).report_dir
    (checked,) = verify([report])
    assert checked.ok, checked.differences


def test_triage_looks_key_frames_up_in_the_stored_tables_only(
    footage: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # fmt: skip
    """A triaged mirrored repost is found through the case's shortlist tables, the ones the
    full search reads: no clip's hashes or features are read, and each stored segment at most
    once (a scan of every clip would read the hashes table, and grow with the case)."""
    analyze(footage / "source.mp4", tmp_path, index_dir=tmp_path, read_text=False)
    index = CaseIndex(tmp_path)
    for k in range(40):  # unrelated clips: the scan this replaces read every one of them
        index.add(fake_record(f"{k:02x}" * 32, random_hashes(12), f"filler{k}.mp4"), EMPTY, None)
    repost = analyze(footage / "mirrored.mp4", tmp_path / "apart", triage=True).record
    statements: list[str] = []
    connect = CaseIndex._connect

    @contextmanager
    def traced(self: CaseIndex) -> Iterator[sqlite3.Connection]:
        with connect(self) as db:
            db.set_trace_callback(statements.append)
            yield db

    monkeypatch.setattr(CaseIndex, "_connect", traced)
    read_segments: list[int] = []  # read through the blob API, which issues no SQL
    reader = tables._read
    monkeypatch.setattr(tables, "_read", lambda db, i: read_segments.append(i) or reader(db, i))
    tables._CACHE.clear()  # read the segments from the file, as a new process would
    others = {c.id: c for c in index.clips()}
    leads, frames = triage.find_leads(index, -1, repost.frames, others)
    assert [(lead.other.name, lead.mirrored) for lead in leads] == [("source.mp4", True)]
    assert frames == sum(f.informative for f in index.record(min(others)).frames) + 40 * 6
    read = " ".join(statements).lower()
    assert "from hashes" not in read and "from features" not in read and "frame_rows" not in read
    assert 0 < len(read_segments) <= len(index.shortlist_tables().segments) <= 6
    statements.clear()
    again, _ = triage.find_leads(index, -1, repost.frames, others)
    assert again == leads and not [s for s in statements if "shortlist_segments WHERE" in s]
