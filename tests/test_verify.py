"""``forensics verify``: a report that stands passes; any change to a file, to the evidence or to
a finding is named, one line each, with exit status 5. And the custody log only grows."""

from __future__ import annotations

import json
import shutil

import pytest

from forensics import atomic
from forensics.cli import main
from forensics.records import read_record
from forensics.report.clip import rewrite_report
from forensics.report.manifest import MANIFEST, write_report_manifest
from forensics.report.rebuild import rebuild_case
from forensics.verify import verify

pytestmark = pytest.mark.slow  # the analysed sample case (conftest)


def run(capsys, *args):
    with pytest.raises(SystemExit) as done:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return done.value.code, out, err


def report_of(case, name):
    return case[1][name].report_dir


def test_an_untouched_case_verifies(sample_case_copy, capsys):
    folder, _ = sample_case_copy
    code, out, err = run(capsys, "verify", folder, "--no-decode")
    assert code == 0, out + err
    assert out.count("ok: ") == 5 and "CHANGED" not in out  # the case and its four reports


def test_the_analysis_done_again_agrees_with_the_report(sample_case_copy):
    [result] = verify([report_of(sample_case_copy, "aggregator_repost.mp4")])
    assert result.ok, result.differences
    assert "analysis done again" in result.checked


def test_changed_and_added_files_are_named(sample_case_copy, capsys):
    report = report_of(sample_case_copy, "legion_raid_telegram.mp4")
    data = json.loads((report / "report.json").read_text(encoding="utf-8"))
    data["flags"] = [f for f in data["flags"] if f["severity"] != "high"]  # a finding hidden
    (report / "report.json").write_text(json.dumps(data), encoding="utf-8")
    (report / "planted.jpg").write_bytes(b"\xff\xd8")
    (report / "keyframes" / "0001.jpg").unlink()
    code, out, _ = run(capsys, "verify", report, "--no-decode")
    assert code == 5 and out.startswith("CHANGED: ")
    lines = out.splitlines()[1:]
    assert any("report.json: SHA-256" in line and "the file changed" in line for line in lines)
    assert any("planted.jpg: not in the manifest" in line for line in lines)
    assert any("0001.jpg: listed in the manifest but missing" in line for line in lines)


def test_a_forged_report_with_a_matching_manifest_is_caught_by_the_analysis(sample_case_copy):
    """Rewriting the manifest too hides nothing from the analysis done again (and the case
    manifest, which lists every report's manifest, still tells)."""
    folder, _ = sample_case_copy
    report = report_of(sample_case_copy, "mod_strikes_2023-05-23.mp4")
    data = json.loads((report / "report.json").read_text(encoding="utf-8"))
    first = data["frames"][3]
    first["phash"] = f"{int(first['phash'], 16) ^ 0xFFFF_FFFF:016x}"
    data["media"]["duration_s"] = 60.0
    (report / "report.json").write_text(json.dumps(data), encoding="utf-8")
    write_report_manifest(report)
    [result] = verify([report])
    assert not result.ok
    assert any(d.startswith("media.duration_s: 45.0 now, 60.0 in the report") for d in
               result.differences), result.differences  # fmt: skip
    assert any(d.startswith("frames: the pHash at") for d in result.differences)
    case_check = verify([folder], redo=False)[0]
    assert any(MANIFEST in d and "the file changed" in d for d in case_check.differences)


def test_the_evidence_is_checked_where_it_is_or_where_it_went(sample_case_copy, tmp_path):
    report = report_of(sample_case_copy, "aggregator_repost.mp4")
    record = read_record(report / "report.json")
    moved = tmp_path / "renamed copy.mp4"
    shutil.copyfile(record.file.path, moved)
    [same] = verify([report], evidence=moved, redo=False)
    assert same.ok, same.differences
    moved.write_bytes(moved.read_bytes() + b"\0")
    [changed] = verify([report], evidence=moved, redo=False)
    assert any("this is not the evidence that was analysed" in d for d in changed.differences)
    [missing] = verify([report], evidence=tmp_path / "gone.mp4", redo=False)
    assert any("give its copy with --evidence" in d for d in missing.differences)


def test_the_custody_log_only_grows(sample_case_copy):
    folder, _ = sample_case_copy
    report = report_of(sample_case_copy, "legion_raid_telegram.mp4")
    before = read_record(report / "report.json").custody
    actions = [e.action for e in before]
    assert actions[:2] == ["collected", "hashed"] and "decoded" in actions
    assert "report written" in actions and actions[-1] == "updated"  # the repost added itself
    decoded = next(e for e in before if e.action == "decoded")
    assert decoded.read[0].sha256 == read_record(report / "report.json").file.sha256
    assert decoded.wrote and all(w.sha256 for w in decoded.wrote if w.path.endswith(".gray"))
    rebuild_case(folder, folder)
    after = read_record(report / "report.json").custody
    assert after[: len(before)] == before and after[-1].action == "re-rendered"
    assert all(r.ok for r in verify([folder], redo=False))


def test_the_page_shows_the_custody_log(sample_case):
    report = report_of(sample_case, "legion_raid_telegram.mp4")
    html = (report / "report.html").read_text(encoding="utf-8")
    record = read_record(report / "report.json")
    assert f"Custody log ({len(record.custody)} events)" in html
    assert '<a href="manifest.json">manifest.json</a>' in html
    for event in record.custody:
        assert f"<strong>{event.action}</strong>" in html


def test_a_forged_pdq_is_caught_too(sample_case_copy):
    report = report_of(sample_case_copy, "aggregator_repost.mp4")
    data = json.loads((report / "report.json").read_text(encoding="utf-8"))
    frame = next(f for f in data["frames"] if f.get("pdq"))
    frame["pdq"] = f"{int(frame['pdq'], 16) ^ (2**64 - 1):064x}"  # 64 bits of 256 flipped
    (report / "report.json").write_text(json.dumps(data), encoding="utf-8")
    write_report_manifest(report)
    [result] = verify([report])
    assert any(d.startswith("frames: the PDQ at") for d in result.differences), result.differences


def test_an_update_stopped_halfway_is_named_and_the_next_rebuild_finishes_it(
    sample_case_copy, monkeypatch
):
    """A run stopped between moving a report's new JSON and its new page into place leaves a
    journal: verify names it (not a bare hash mismatch), and the next run under the case lock
    moves the rest into place, after which the report verifies again."""
    folder, _ = sample_case_copy
    report = report_of(sample_case_copy, "aggregator_repost.mp4")
    real_move = atomic._move_part

    def stopped_after_one(part, target):
        monkeypatch.setattr(atomic, "_move_part", interrupted)
        real_move(part, target)

    def interrupted(part, target):
        raise KeyboardInterrupt  # as a SIGKILL would

    monkeypatch.setattr(atomic, "_move_part", stopped_after_one)
    with pytest.raises(KeyboardInterrupt):
        rewrite_report(report, read_record(report / "report.json"))
    monkeypatch.setattr(atomic, "_move_part", real_move)
    [halfway] = verify([report], redo=False)
    assert any("stopped halfway" in d for d in halfway.differences), halfway.differences
    rebuild_case(folder, folder)
    [after] = verify([report], redo=False)
    assert after.ok, after.differences
