"""Findings come from what ffmpeg itself reports, never from text the evidence's author wrote.

A clip's tags, chapter titles, tag names and file name all reach ffmpeg's log (it prints a dump
of the input, and echoes the path). Words such as "error", "invalid" or "missing" there, or a
line break followed by a line that looks like one of ffmpeg's own, must not make a clean clip
look damaged, nor inject sample times; a really damaged clip must still be reported.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from forensics import analyze
from forensics.media.frames import ERROR_LINE, _errors, ffmpeg_lines
from tests.media import lavfi_clip, run_ffmpeg

WORDS = "Missing soldiers: error in the invalid corrupt report, truncated, non-existing"
FORGED = "[h264 @ 0x55d0c0ffee00] [error] Invalid NAL unit size (1234 > 56)."
LINES = f"{WORDS}\n{FORGED}\n[error] Error while decoding stream #0:0: Invalid data\nonerror="


def codes(result) -> set[str]:
    return {f.code for f in result.record.flags}


def chapters_file(path: Path, title: str) -> Path:
    path.write_text(
        ";FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=1000\n"
        f"title={title.replace(chr(10), ' ')}\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """Clean clips whose every printable text says "error" and holds forged log lines."""
    root = tmp_path_factory.mktemp("hostile") / "error invalid missing corrupt folder"
    root.mkdir()
    tags = {"title": LINES, "comment": LINES, "description": LINES, "artist": WORDS}
    mp4 = lavfi_clip(root / "error_missing_invalid.mp4", seconds=3.0, metadata=tags,
                     extra=["-metadata:s:v", f"handler_name={LINES}",
                            "-metadata:s:a", f"handler_name={WORDS}"])  # fmt: skip
    chapters = chapters_file(root / "chapters.txt", f"{WORDS} {FORGED}")
    mkv = root / "corrupt_report.mkv"
    run_ffmpeg(["-i", str(mp4), "-i", str(chapters), "-map", "0", "-map_metadata", "0",
                "-map_chapters", "1", "-c", "copy",
                "-metadata", f"evil key\n{FORGED}\nStream mapping:=1",  # a tag *name*
                str(mkv)])  # fmt: skip
    return root, {"mp4": mp4, "mkv": mkv}


@pytest.mark.parametrize("kind", ["mp4", "mkv"])
def test_hostile_text_forges_no_decode_error(hostile, kind, tmp_path):
    _, clips = hostile
    result = analyze(clips[kind], tmp_path / "reports")
    assert "decode_errors" not in codes(result), [f.message for f in result.record.flags]
    assert "truncated" not in codes(result)
    times = [f.time.seconds for f in result.record.frames]
    assert times == sorted(times) and len(times) == 6  # no sample time injected by a tag


def test_a_newline_in_the_file_name_forges_nothing(hostile, tmp_path):
    _, clips = hostile
    named = tmp_path / f"clip\n{FORGED}\n.mp4"
    named.write_bytes(clips["mp4"].read_bytes())
    result = analyze(named, tmp_path / "reports")
    assert "decode_errors" not in codes(result)
    assert result.record.file.name == named.name  # the evidence keeps its own name


def test_a_damaged_clip_still_reports_decode_errors(tmp_path):
    clean = lavfi_clip(tmp_path / "clean.mp4", seconds=4.0, audio=False,
                       extra=["-f", "mpegts"])  # fmt: skip
    data = bytearray(clean.read_bytes())
    for offset in range(len(data) // 3, 2 * len(data) // 3, 997):  # scattered damage
        data[offset : offset + 40] = bytes(40)
    damaged = tmp_path / "damaged.ts"
    damaged.write_bytes(bytes(data))
    result = analyze(damaged, tmp_path / "reports")
    assert "decode_errors" in codes(result)
    [flag] = [f for f in result.record.flags if f.code == "decode_errors"]
    assert "[error]" in flag.message


def test_only_lines_ffmpeg_marks_as_errors_count():
    log = [
        "[info] Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'file:/tmp/x.mp4':",
        "[info]     title           : an error, invalid and missing",
        FORGED,  # inside the dump: a tag's text
        "[info] Stream mapping:",
        "[info] Stream mapping:",  # forged above? only the last one ends the dump
        "[Parsed_showinfo_0 @ 0x5581] [info] n:   0 pts:      0 pts_time:0",
        "[h264 @ 0x5581c3a0] [warning] a warning is not an error",
        "[h264 @ 0x5581c3a0] [error] Invalid NAL unit size",
        "[error] Error while decoding stream #0:0: Invalid data found",
        "                    : continuation of a tag with [error] in it",
    ]
    kept = ffmpeg_lines(log)
    assert FORGED not in kept and kept[0].startswith("[Parsed_showinfo_0")
    assert _errors(kept) == [log[7], log[8]]
    assert not ERROR_LINE.match("[info] an error")
