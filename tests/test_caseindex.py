"""The case index: storage, reuse across the case through ``analyze``, ``search``, and
concurrent runs on one case."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from forensics import pipeline
from forensics.case import search as search_module
from forensics.case.index import INDEX_FILE, CaseIndex, IndexedClip
from forensics.case.search import orient
from forensics.cli import main
from forensics.errors import CaseIndexError, ReportWriteError
from forensics.pipeline import analyze
from forensics.records import (
    comparison_from_dict,
    comparison_to_dict,
    read_record,
    record_from_dict,
)
from forensics.report.rebuild import rebuild_case
from forensics.reuse import compare as compare_module
from forensics.reuse.features import ClipFeatures
from tests import factories
from tests.media import run_ffmpeg, shots_clip

ROOT = Path(__file__).resolve().parent.parent


def fake_record(sha: str, hashes: list[str], name: str = "clip.mp4", actor=None, released=None):
    data = factories.record_dict(
        frames=[factories.frame(0.5 * i, h, h[::-1], i % 2 == 0) for i, h in enumerate(hashes)],
        media=factories.media(duration=0.5 * len(hashes)),
        case=factories.case_entry(actor, released) if actor or released else None,
    )
    data["file"] = {**data["file"], "sha256": sha, "name": name, "path": f"/evidence/{name}"}
    return record_from_dict(data)


EMPTY = ClipFeatures(1.0, (320, 180), ())


def stored_hashes(folder: Path, clip_id: int) -> tuple[list[int], list[int], list[int]]:
    """A clip's stored pHashes, mirrored pHashes and informative flags, as written."""
    with sqlite3.connect(folder / INDEX_FILE) as db:
        row = db.execute("SELECT phash, phash_mirror, informative FROM hashes WHERE clip_id = ?",
                         (clip_id,)).fetchone()  # fmt: skip
    if row is None:
        return [], [], []
    return (np.frombuffer(row[0], ">u8").tolist(), np.frombuffer(row[1], ">u8").tolist(),
            list(row[2]))  # fmt: skip
NOTHING_SHARED = comparison_from_dict(factories.comparison([]))


def test_add_and_read_back(tmp_path):
    index = CaseIndex(tmp_path)
    record = fake_record("ab" * 32, ["8000000000000001", "00000000000000ff"], actor="Some unit",
                         released="2023-05-23")  # fmt: skip
    clip = index.add(record, EMPTY, tmp_path / "report")
    assert (tmp_path / INDEX_FILE).is_file()
    assert index.clips() == [clip] and index.clip("ab" * 32) == clip
    assert clip.actor == "Some unit" and clip.released == "2023-05-23"
    assert clip.report_dir == str((tmp_path / "report").resolve())
    assert index.features(clip.id) == EMPTY
    phash, mirror, informative = stored_hashes(tmp_path, clip.id)
    assert phash == [0x8000000000000001, 0xFF] and mirror[0] == 0x1000000000000008
    assert informative == [1, 0]  # fake_record: every other frame informative


def test_reanalysis_replaces_the_clip_and_its_checks(tmp_path):
    index = CaseIndex(tmp_path)
    first = index.add(fake_record("aa" * 32, ["0" * 16]), EMPTY, None)
    other = index.add(fake_record("bb" * 32, ["f" * 16]), EMPTY, None)
    index.save_reuse(other.id, first.id, NOTHING_SHARED)
    again = index.add(fake_record("aa" * 32, ["1" * 16, "2" * 16]), EMPTY, None)
    assert [c.sha256 for c in index.clips()] == ["bb" * 32, "aa" * 32]
    assert len(stored_hashes(tmp_path, again.id)[0]) == 2
    assert stored_hashes(tmp_path, first.id) == ([], [], [])  # gone with the old analysis
    assert index.reuse() == []  # the old comparison went with the old analysis
    index.remove(again.id)
    assert [c.sha256 for c in index.clips()] == ["bb" * 32]


def test_index_of_another_schema_is_refused(tmp_path):
    CaseIndex(tmp_path)
    with sqlite3.connect(tmp_path / INDEX_FILE) as db:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    with pytest.raises(CaseIndexError, match="schema 99"):
        CaseIndex(tmp_path)


def test_unusable_index_folder_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(CaseIndexError, match="cannot open the case index"):
        CaseIndex(blocker / "case")


@pytest.fixture(scope="module")
def footage(tmp_path_factory):
    """A source clip, a mirrored and cropped excerpt of it (3-7 s) after 9 s of filler, and
    an unrelated clip; claims give release dates."""
    root = tmp_path_factory.mktemp("case")
    source = shots_clip(root / "source.mp4", seeds=[51, 52, 53], seconds_each=3.0)
    shots_clip(root / "other.mp4", seeds=[61, 62, 63], seconds_each=3.0)
    filler = shots_clip(root / "filler.mp4", seeds=[71, 72, 73], seconds_each=3.0)
    excerpt = root / "excerpt.mp4"
    run_ffmpeg(["-ss", "3", "-t", "4", "-i", str(source), "-vf",
                "hflip,crop=iw*0.85:ih*0.85,scale=320:240", "-c:v", "libx264",
                "-preset", "ultrafast", str(excerpt)])  # fmt: skip
    reuse = root / "reuse.mp4"
    run_ffmpeg(["-i", str(filler), "-i", str(excerpt), "-filter_complex",
                "[0:v][1:v]concat=n=2:v=1:a=0", "-c:v", "libx264", "-preset", "ultrafast",
                str(reuse)])  # fmt: skip
    for name, day in (("source", "2023-05-23"), ("reuse", "2023-05-27")):
        (root / f"{name}.md").write_text(f"---\npublished: {day}\n---\nA claim.\n")
    return root


def test_analyze_finds_reuse_in_the_case_and_links_the_earlier_release(footage, tmp_path):
    out = tmp_path / "reports"
    # The reuse is analysed first: the later-analysed source is still told as the original.
    reuse = analyze(footage / "reuse.mp4", out, claim_files=[footage / "reuse.md"],
                    index_dir=out)  # fmt: skip
    assert reuse.record.reuse == () and reuse.record.reuse_checked == 0
    assert not any("footage" in f.code for f in reuse.record.flags)
    unrelated = analyze(footage / "other.mp4", out, index_dir=out)
    source = analyze(footage / "source.mp4", out, claim_files=[footage / "source.md"],
                     index_dir=out)  # fmt: skip
    assert source.record.reuse_checked == 2
    assert "of 2 other clip(s) compared with local features" in source.data["reuse_scope"]
    [match] = source.data["reuse"]
    assert match["other"]["name"] == "reuse.mp4" and match["this_side"] == "a"
    assert (source.report_dir / match["other"]["report"]).resolve() == reuse.html.resolve()
    assert "source.mp4 was released first (2023-05-23)" in match["order"]
    [segment] = match["comparison"]["segments"]
    assert match["comparison"]["a"] == "source.mp4"  # A is the earlier release
    assert segment["a_start"] == pytest.approx(3.0, abs=0.6)
    # The excerpt ends 1 s into a slowly panning shot: its later frames look alike.
    assert 6.0 <= segment["a_end"] <= 7.6
    assert segment["b_start"] == pytest.approx(9.0, abs=0.6)
    assert "mirrored" in segment["alterations"]
    assert any(a.startswith("cropped") for a in segment["alterations"])
    codes = {f.code: f for f in source.record.flags}
    assert codes["footage_reused_later"].severity == "info"
    html = source.html.read_text(encoding="utf-8")
    assert 'href="../reuse-' in html and "Footage shared with other clips" in html
    # Frames of both clips at the start, middle and end of the stretch, side by side.
    [pairs] = match["frame_pairs"]
    assert [p["at"] for p in pairs] == ["start", "middle", "end"]
    for pair in pairs:
        assert pair["other_image_t"] == pytest.approx(pair["other_t"], abs=0.26)
        assert abs(pair["other_image_t"] - segment["b_start"] - pair["this_image_t"]
                   + segment["a_start"]) < 0.6  # fmt: skip
        for image in (pair["this_image"], pair["other_image"]):
            assert (source.report_dir / image).resolve().is_file(), image
            assert f'src="{image}"' in html
    assert pairs[0]["other_image"].startswith(f"../{reuse.report_dir.name}/frames/")
    assert html.count("Mirrored: flipped left to right.") == 3
    # The earlier-written report of the reuse now names the source too, and links back.
    updated = json.loads((reuse.report_dir / "report.json").read_text(encoding="utf-8"))
    [back] = updated["reuse"]
    assert back["other"]["name"] == "source.mp4" and back["this_side"] == "b"
    assert (reuse.report_dir / back["other"]["report"]).resolve() == source.html.resolve()
    assert updated["flags"][0]["code"] == "reuses_earlier_footage"
    assert updated["reuse_checked"] == 2
    assert updated["reuse_scope"] == reuse.data["reuse_scope"]  # how the analysis searched
    assert "source.mp4" in (reuse.report_dir / "report.html").read_text(encoding="utf-8")
    [back_pairs] = back["frame_pairs"]  # seen from the reuse, linking into the source's folder
    assert [p["this_image"] for p in back_pairs] == [p["other_image"].split("/", 2)[2]
                                                     for p in pairs]  # fmt: skip
    for pair in back_pairs:
        assert (reuse.report_dir / pair["other_image"]).resolve().is_file()
    # The unrelated clip was checked against the reuse and shares nothing with it: the
    # shortlist tables proposed neither it nor the others to compare, so only the pair sharing
    # footage was compared (and stored).
    checked = CaseIndex(out).reuse()
    assert len(checked) == 1 and checked[0].comparison.shared
    assert unrelated.record.reuse == () and unrelated.record.reuse_checked == 1
    # The reuse's report folder is lost: the rebuilt source page says so in words.
    shutil.rmtree(reuse.report_dir)
    rebuild_case(out, out)
    html = source.html.read_text(encoding="utf-8")
    assert f"../{reuse.report_dir.name}/frames/" not in html
    assert html.count("the report folder of reuse.mp4 was moved or deleted") == 3
    assert html.count('<img src="frames/') == 3  # this clip's own frames still show
    assert 'href="../reuse-' not in html and "(its report folder is missing)" in html


def test_a_later_release_of_earlier_footage_is_a_high_finding(footage, tmp_path):
    out = tmp_path / "reports"
    analyze(footage / "source.mp4", out, claim_files=[footage / "source.md"], index_dir=out)
    reuse = analyze(footage / "reuse.mp4", out, claim_files=[footage / "reuse.md"],
                    index_dir=out)  # fmt: skip
    [flag] = [f for f in reuse.record.flags if f.code == "reuses_earlier_footage"]
    assert flag.severity == "high" and reuse.record.flags[0] == flag  # most severe first
    assert "source.mp4" in flag.message and "2023-05-23" in flag.message
    [match] = reuse.data["reuse"]
    assert match["this_side"] == "b" and match["order_known"]


def test_a_missing_earlier_report_does_not_undo_the_analysis(footage, tmp_path, caplog):
    out = tmp_path / "reports"
    earlier = analyze(footage / "reuse.mp4", out, index_dir=out)
    shutil.rmtree(earlier.report_dir)
    later = analyze(footage / "source.mp4", out, index_dir=out)
    assert [m["other"]["name"] for m in later.data["reuse"]] == ["reuse.mp4"]
    assert "report not updated with source.mp4" in caplog.text
    on_disk = json.loads((later.report_dir / "report.json").read_text(encoding="utf-8"))
    [flag] = [f for f in on_disk["flags"] if f["code"] == "case_update_incomplete"]
    assert "report not updated with source.mp4" in flag["message"]  # a finding, not only a log


def test_a_clip_whose_report_fails_leaves_the_index(footage, tmp_path, monkeypatch):
    out = tmp_path / "reports"
    analyze(footage / "other.mp4", out, index_dir=out)

    def refuse(*_args):
        raise ReportWriteError("disk full")

    monkeypatch.setattr(pipeline, "write_report", refuse)
    with pytest.raises(ReportWriteError):
        analyze(footage / "source.mp4", out, index_dir=out)
    assert [c.name for c in CaseIndex(out).clips()] == ["other.mp4"]
    assert not any(p.name.startswith("source") for p in out.iterdir())


def run_cli(capsys, *args):
    with pytest.raises(SystemExit) as exited:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return exited.value.code or 0, out, err


@pytest.mark.slow
def test_search_an_indexed_clip_and_a_new_file(footage, tmp_path, capsys):
    out = tmp_path / "reports"
    code, _, err = run_cli(capsys, "analyze", footage / "source.mp4", footage / "other.mp4",
                           "--out", out)  # fmt: skip
    assert code == 0, err
    code, stdout, _ = run_cli(capsys, "search", footage / "source.mp4", "--out", out, "--json")
    found = json.loads(stdout)
    assert code == 0 and found["indexed"] and found["matches"] == []
    code, stdout, _ = run_cli(capsys, "search", footage / "reuse.mp4", "--out", out, "--json")
    found = json.loads(stdout)
    assert code == 0 and not found["indexed"]
    assert [m["other"]["name"] for m in found["matches"]] == ["source.mp4"]
    assert len(CaseIndex(out).clips()) == 2  # searching does not add the file
    code, stdout, _ = run_cli(capsys, "search", footage / "reuse.mp4", "--out", out)
    assert code == 0 and "source.mp4" in stdout and "mirrored" in stdout


@pytest.mark.slow
def test_a_large_case_verifies_only_the_clips_the_frame_hashes_shortlist(
    footage, tmp_path, capsys, monkeypatch
):
    out = tmp_path / "reports"
    code, _, err = run_cli(capsys, "analyze", footage / "source.mp4", footage / "other.mp4",
                           "--out", out)  # fmt: skip
    assert code == 0, err
    code, stdout, _ = run_cli(capsys, "search", footage / "source.mp4", "--out", out, "--json")
    searched = json.loads(stdout)["searched"]
    assert searched["clips"] == 1 and searched["shortlisted"]  # the tables propose, always
    assert "as is, mirrored, inverted or turned" in searched["scope"]  # every variant
    lowres = tmp_path / "lowres.mp4"  # a plain low-quality re-encode: near-identical pHashes
    run_ffmpeg(["-i", str(footage / "source.mp4"), "-vf", "scale=240:-2", "-c:v", "libx264",
                "-crf", "35", "-preset", "ultrafast", str(lowres)])  # fmt: skip
    monkeypatch.setattr("forensics.case.search.FULL_CHECK_FRAMES", 0)  # as if the case were huge
    code, stdout, _ = run_cli(capsys, "search", lowres, "--out", out, "--json")
    found = json.loads(stdout)
    assert code == 0
    assert found["searched"]["shortlisted"] and found["searched"]["clips"] == 2
    assert found["searched"]["verified"] == found["searched"]["hash_hits"] == 1
    assert "can be missed" in found["searched"]["scope"]
    # a first pass (shortlist.FIRST_PASS): the scope says so
    assert "(inverted or turned for the frames that found nothing so)" in found["searched"]["scope"]
    [match] = found["matches"]
    assert match["other"]["name"] == "source.mp4"
    assert match["comparison"]["a_shared_fraction"] > 0.9
    code, stdout, _ = run_cli(capsys, "search", lowres, "--out", out)
    assert code == 0 and "can be missed" in stdout
    flipped = tmp_path / "flipped.mp4"  # mirrored: found through the mirrored pHash
    run_ffmpeg(["-i", str(footage / "source.mp4"), "-vf", "hflip,scale=240:-2", "-c:v",
                "libx264", "-crf", "30", "-preset", "ultrafast", str(flipped)])  # fmt: skip
    code, stdout, _ = run_cli(capsys, "search", flipped, "--out", out, "--json")
    [match] = json.loads(stdout)["matches"]
    assert match["other"]["name"] == "source.mp4"
    assert all(s["mirrored"] for s in match["comparison"]["segments"])
    assert match["comparison"]["a_shared_fraction"] > 0.9


def test_search_without_an_index_is_one_line(tmp_path, capsys, footage):
    code, stdout, err = run_cli(capsys, "search", footage / "source.mp4", "--out", tmp_path)
    assert code == 2 and stdout == "" and len(err.strip().splitlines()) == 1
    assert "no case index" in err


def test_case_folder_holds_the_index(footage, tmp_path, capsys):
    case = tmp_path / "case"
    case.mkdir()
    code, _, err = run_cli(capsys, "analyze", footage / "other.mp4", "--out", tmp_path / "r",
                           "--case", case)  # fmt: skip
    assert code == 0, err
    assert (case / INDEX_FILE).is_file() and not (tmp_path / "r" / INDEX_FILE).exists()
    code, _, err = run_cli(capsys, "analyze", footage / "other.mp4", "--out", tmp_path / "n",
                           "--no-index")  # fmt: skip
    assert code == 0 and not (tmp_path / "n" / INDEX_FILE).exists()


@pytest.mark.slow
def test_concurrent_runs_lose_no_clip_and_check_every_pair(footage, tmp_path):
    """Three processes add three clips to one case at once."""
    out = tmp_path / "reports"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "forensics", "analyze", "--out", str(out), "--json"]
    runs = [
        subprocess.Popen(
            [*command, str(footage / name)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
        )
        for name in ("source.mp4", "reuse.mp4", "other.mp4")
    ]
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err.decode()
    index = CaseIndex(out)
    assert sorted(c.name for c in index.clips()) == ["other.mp4", "reuse.mp4", "source.mp4"]
    # every pair was checked by the run of its later clip: the last to join saw both others
    last = max(index.clips(), key=lambda c: c.id)
    assert read_record(Path(last.report_dir) / "report.json").reuse_checked == 2
    assert sum(r.comparison.shared for r in index.reuse()) == 1
    with sqlite3.connect(out / INDEX_FILE) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert np.all([len(index.features(c.id).frames) > 0 for c in index.clips()])


def test_report_rebuilds_every_page_and_open_prints_the_overview_link(footage, tmp_path, capsys):
    out = tmp_path / "reports"
    code, _, err = run_cli(capsys, "analyze", footage / "source.mp4", footage / "other.mp4",
                           "--out", out)  # fmt: skip
    assert code == 0, err
    assert (out / "index.html").is_file()  # the overview follows every analysis
    [other, source] = sorted(p for p in out.iterdir() if p.is_dir())  # other-..., source-...
    (source / "report.html").write_text("stale", encoding="utf-8")
    (out / "index.html").unlink()
    code, stdout, err = run_cli(capsys, "report", "--out", out)
    assert code == 0, err
    assert "2 clip report(s) rebuilt" in stdout and (out / "index.html").is_file()
    assert "source.mp4" in (source / "report.html").read_text(encoding="utf-8")
    shutil.rmtree(other)  # a lost report folder is named, the rest still rebuilt
    code, stdout, err = run_cli(capsys, "report", "--out", out)
    assert code == 4 and "1 clip report(s) rebuilt" in stdout
    assert "other.mp4" in err and "analyse the clip again" in err
    code, stdout, _ = run_cli(capsys, "open", "--out", out, "--print")
    assert code == 0 and stdout.strip() == (out / "index.html").resolve().as_uri()
    code, stdout, err = run_cli(capsys, "open", "--out", tmp_path / "empty", "--print")
    assert code == 2 and stdout == "" and "no case overview" in err
    code, _, err = run_cli(capsys, "report", "--out", tmp_path / "empty")
    assert code == 2 and "no case index" in err


def test_report_names_a_damaged_record_and_rebuilds_the_rest(footage, tmp_path, capsys):
    out = tmp_path / "reports"
    code, _, err = run_cli(capsys, "analyze", footage / "source.mp4", footage / "other.mp4",
                           "--out", out)  # fmt: skip
    assert code == 0, err
    other = next(p for p in out.iterdir() if p.name.startswith("other-"))
    (other / "report.json").write_text("[]", encoding="utf-8")
    code, stdout, err = run_cli(capsys, "report", "--out", out)
    assert code == 4 and "1 clip report(s) rebuilt" in stdout
    assert "not a forensics report record" in err and "Traceback" not in err
    assert (out / "index.html").is_file()


def test_a_search_tells_the_earlier_indexed_clip_first(footage, tmp_path, capsys):
    # No release dates: the clip that joined the case first is A, whichever is searched.
    out = tmp_path / "reports"
    for clip in ("source.mp4", "reuse.mp4"):
        code, _, err = run_cli(capsys, "analyze", footage / clip, "--out", out)
        assert code == 0, err
    for searched in ("source.mp4", "reuse.mp4"):
        code, stdout, _ = run_cli(capsys, "search", footage / searched, "--out", out, "--json")
        [match] = json.loads(stdout)["matches"]
        assert match["comparison"]["a"] == "source.mp4", searched


def test_a_clip_gone_meanwhile_is_skipped_not_an_error(tmp_path):
    # Another run re-analysed (removed and re-added) a clip this run had listed.
    index = CaseIndex(tmp_path)
    here = index.add(fake_record("aa" * 32, ["0" * 16]), EMPTY, None)
    gone = index.add(fake_record("bb" * 32, ["f" * 16]), EMPTY, None)
    index.remove(gone.id)
    assert index.features_if_present(gone.id) is None
    assert index.features_if_present(here.id) == EMPTY
    index.save_reuse(here.id, gone.id, NOTHING_SHARED)  # no foreign-key error
    assert index.reuse() == []


def test_a_clip_finished_while_this_report_was_written_is_added_to_it(
    footage, tmp_path, monkeypatch
):
    # The race: the reuse joins the case after the source compared itself with the case but
    # before the source's report exists, so it cannot update that report. The source's run
    # adds it once its own report is in place.
    out = tmp_path / "reports"
    write_report = pipeline.write_report

    def meanwhile(stage, record):
        if record.file.name == "source.mp4":
            analyze(footage / "reuse.mp4", out, index_dir=out)
        return write_report(stage, record)

    monkeypatch.setattr(pipeline, "write_report", meanwhile)
    source = analyze(footage / "source.mp4", out, index_dir=out)
    assert source.data["reuse"] == []  # as it was written
    data = json.loads((source.report_dir / "report.json").read_text(encoding="utf-8"))
    [entry] = data["reuse"]
    assert entry["other"]["name"] == "reuse.mp4" and entry["this_side"] == "a"
    assert "reuse.mp4" in (source.report_dir / "report.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("huge", [False, True], ids=["every clip", "hash shortlist"])
def test_a_search_looks_the_other_way_where_one_way_finds_nothing(
    footage, tmp_path, capsys, monkeypatch, huge
):
    """As ``compare`` does: with this clip's pairs against the other taken away, the other's
    frames matched against this clip's still find the footage, told from the earlier release."""
    out = tmp_path / "reports"
    code, _, err = run_cli(capsys, "analyze", footage / "source.mp4", "--out", out)
    assert code == 0, err
    real = compare_module.from_verified_pairs

    def one_way_blind(a_name, a, b_name, b, verified, inverted=None, reverse=None, later=None):
        return real(a_name, a, b_name, b, {}, None, reverse, later)

    searched = footage / "reuse.mp4"
    if huge:  # only frames near in pHash are verified there: a plain mirrored re-encode
        searched = tmp_path / "flipped.mp4"
        run_ffmpeg(["-i", str(footage / "source.mp4"), "-vf", "hflip,scale=240:-2", "-c:v",
                    "libx264", "-crf", "30", "-preset", "ultrafast", str(searched)])  # fmt: skip
        monkeypatch.setattr(search_module, "FULL_CHECK_FRAMES", 0)
    monkeypatch.setattr(search_module, "from_verified_pairs", one_way_blind)  # the hash path
    monkeypatch.setattr(compare_module, "from_verified_pairs", one_way_blind)  # comparing alone
    code, stdout, _ = run_cli(capsys, "search", searched, "--out", out, "--json")
    [match] = json.loads(stdout)["matches"]
    assert code == 0 and match["other"]["name"] == "source.mp4"
    assert all(s["mirrored"] for s in match["comparison"]["segments"])


def indexed(clip_id: int, name: str, released: str | None) -> IndexedClip:
    return IndexedClip(id=clip_id, sha256=name * 8, name=name, path=f"/{name}", report_dir=None,
                       duration_s=2.0, actor=None, released=released, added_at="")  # fmt: skip


@pytest.mark.parametrize(
    ("ours", "theirs", "this_is_a", "known", "order"),
    [  # this clip joined the case after the other (id 2 > 1): only a known order puts it first
        ("2023-05-27T10:15:00Z", "2023-05-27T12:15:04Z", True, True,
         "ours.mp4 was released first (2023-05-27 10:15:00 UTC); theirs.mp4 on 2023-05-27 "
         "12:15:04 UTC"),
        ("2023-05-27T12:15:04Z", "2023-05-27T10:15:00Z", False, True,
         "theirs.mp4 was released first (2023-05-27 10:15:00 UTC); ours.mp4 on 2023-05-27 "
         "12:15:04 UTC"),
        # lexically "2023-05-27" < "2023-05-27T..."; as a day and a time it is the same day
        ("2023-05-27", "2023-05-27T10:15:00Z", False, False,
         "both were released on the same day (2023-05-27 and 2023-05-27 10:15:00 UTC); which "
         "came first is not known"),
        ("2023-05-26", "2023-05-27T00:00:01Z", True, True,
         "ours.mp4 was released first (2023-05-26); theirs.mp4 on 2023-05-27 00:00:01 UTC"),
        ("2023-05-27", "2023-05-27", False, False,
         "both were released on 2023-05-27; which came first is not known"),
        ("2023-05-27T10:15:00Z", "2023-05-27T10:15:00Z", False, False,
         "both were released at 2023-05-27 10:15:00 UTC; which came first is not known"),
        ("2023-05-27T10:15:00Z", None, False, False,
         "only ours.mp4's release date is known (2023-05-27 10:15:00 UTC); order unknown"),
    ],
)  # fmt: skip
def test_releases_are_ordered_by_day_and_by_time_where_both_times_are_known(
    ours, theirs, this_is_a, known, order
):
    match = orient(NOTHING_SHARED, indexed(2, "ours.mp4", ours), indexed(1, "theirs.mp4", theirs))
    assert (match.this_is_a, match.order_known, match.order) == (this_is_a, known, order)


def test_the_index_keeps_the_exact_release_time(tmp_path):
    index = CaseIndex(tmp_path)
    record = fake_record("cd" * 32, ["8000000000000001"], released="2023-05-27T12:15:00Z")
    assert index.add(record, EMPTY, None).released == "2023-05-27T12:15:00Z"


@pytest.mark.parametrize("full", [True, False], ids=["every clip", "shortlist"])
def test_a_search_compares_each_clip_alone_as_compare_does(footage, tmp_path, monkeypatch, full):
    """Each clip the search reaches is compared with this one alone: what the case stores for
    a pair is what ``compare`` finds for the two clips, never a verdict that depends on the
    other clips beside them in one batch (which once proposed a fixed camera's two moments as
    one stretch played backwards)."""
    out = tmp_path / "reports"
    for name in ("source.mp4", "other.mp4", "reuse.mp4"):
        analyze(footage / name, out, index_dir=out, read_text=False)
    index = CaseIndex(out)
    calls: list[tuple[str, str]] = []
    real = search_module.compare_features

    def spy(a_name, a, b_name, b):
        calls.append((a_name, b_name))
        return real(a_name, a, b_name, b)

    monkeypatch.setattr(search_module, "compare_features", spy)
    names = {c.id: c.name for c in index.clips()}
    features = {c.name: index.features(c.id) for c in index.clips()}
    reuse = next(c for c in index.clips() if c.name == "reuse.mp4")
    found = search_module.find_in_case(index, reuse, features["reuse.mp4"], full=full)
    assert len(calls) == found.verified and ("reuse.mp4", "source.mp4") in calls
    for stored in index.reuse():
        a, b = names[stored.a_id], names[stored.b_id]
        alone = real(a, features[a], b, features[b])
        assert comparison_to_dict(stored.comparison) == comparison_to_dict(alone)
    [match] = found.matches
    assert match.other.name == "source.mp4" and match.comparison.shared


def test_a_pair_the_hashes_propose_is_told_as_comparing_the_two_alone(
    footage, tmp_path, monkeypatch
):
    """In a large case only the frame pairs the hashes propose are verified first; whatever
    they show (here a made-up stretch played backwards), the pair is then compared alone and
    stored as ``compare`` tells it."""
    out = tmp_path / "reports"
    copy = tmp_path / "copy.mp4"
    run_ffmpeg(["-i", str(footage / "source.mp4"), "-vf", "scale=240:-2", "-c:v", "libx264",
                "-crf", "30", "-preset", "ultrafast", str(copy)])  # fmt: skip
    for path in (footage / "source.mp4", copy):
        analyze(path, out, index_dir=out, read_text=False)

    def crowded(a_name, a, b_name, b, verified, inverted=None, reverse=None):
        made_up = factories.comparison([{"a_start": 0.0, "a_end": 4.0, "b_start": 0.0,
                                         "b_end": 4.0, "rate": -1.0}], a_name, b_name)  # fmt: skip
        return comparison_from_dict(made_up)

    monkeypatch.setattr(search_module, "FULL_CHECK_FRAMES", 0)
    monkeypatch.setattr(search_module, "from_verified_pairs", crowded)
    index = CaseIndex(out)
    clip = next(c for c in index.clips() if c.name == "copy.mp4")
    found = search_module.find_in_case(index, clip, index.features(clip.id))
    assert found.hash_hits == 1
    [match] = found.matches
    assert match.comparison.shared
    assert all(not s.segment.reversed for s in match.comparison.stretches)
