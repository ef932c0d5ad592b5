"""Tag text and names as a report and the terminal keep them (issue 13, the smaller defects).

A 5 MB title is stored capped with its full length and SHA-256; text after a NUL byte in an
MP4/MOV tag is read from the atom's bytes and flagged; a file name with a newline cannot forge
a line on stderr; a JPEG missing only its end marker is analysed and flagged as cut.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from PIL import ImageFile

from forensics import analyze
from forensics.cli import main
from forensics.errors import printable
from forensics.media.metadata import interpret
from forensics.media.tags import TAG_LIMIT, cap
from tests.media import jpeg_with_exif, lavfi_clip, run_ffmpeg

HIDDEN = "Missing soldiers XYZ: the rest nobody sees"


def run(capsys, *args: str | Path) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return exited.value.code or 0, out, err


def with_nul(source: Path, target: Path) -> Path:
    """``source`` with the X of HIDDEN in its title atom turned into a NUL byte."""
    data = bytearray(source.read_bytes())
    data[data.index(b"XYZ")] = 0
    target.write_bytes(bytes(data))
    return target


# --------------------------------------------------------------------------- capped tags


def test_cap_keeps_short_values_and_is_idempotent():
    assert cap("short") == "short"
    long = "é" * (TAG_LIMIT + 5)
    assert len(cap(long)) == TAG_LIMIT and cap(long).endswith("…") and cap(cap(long)) == cap(long)


def test_exif_tags_are_capped_with_a_note():
    value = "c" * 60_000
    metadata = interpret({"exif": {"UserComment": value, "Make": "Canon"}})
    assert metadata.tags["exif"]["UserComment"] == cap(value)
    [note] = metadata.tag_notes
    assert (note.scope, note.name, note.length, note.shortened) == ("exif", "UserComment",
                                                                    60_000, True)  # fmt: skip
    assert note.sha256 == hashlib.sha256(value.encode()).hexdigest() and note.nul_at is None


def test_a_5_mb_title_is_stored_capped_with_its_length_and_hash(tmp_path):
    title = ("forged headline " * 400_000)[:5_000_000]
    meta = tmp_path / "meta.txt"
    meta.write_text(f";FFMETADATA1\ntitle={title}\n", encoding="utf-8")
    plain = lavfi_clip(tmp_path / "plain.mp4", seconds=1.0)
    clip = tmp_path / "long.mp4"
    run_ffmpeg(["-i", str(plain), "-i", str(meta), "-map", "0", "-map_metadata", "1",
                "-c", "copy", str(clip)])  # fmt: skip
    result = analyze(clip, tmp_path / "out", index_dir=None)
    report = result.report_dir / "report.json"
    assert report.stat().st_size < 200_000
    assert (result.report_dir / "report.html").stat().st_size < 200_000
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["media"]["format_tags"]["title"] == cap(title)
    assert data["metadata"]["tags"]["format"]["title"] == cap(title)
    [note] = data["metadata"]["tag_notes"]
    assert (note["scope"], note["name"], note["length"]) == ("format", "title", 5_000_000)
    assert note["sha256"] == hashlib.sha256(title.encode()).hexdigest() and note["shortened"]
    [flag] = [f for f in result.record.flags if f.code == "tag_shortened"]
    assert flag.severity == "info" and "5,000,000 characters" in flag.message


# --------------------------------------------------------------------------- NUL in a tag


@pytest.mark.parametrize("suffix", [".mp4", ".mov"])
def test_text_after_a_nul_byte_is_read_from_the_atom(tmp_path, suffix):
    source = lavfi_clip(tmp_path / f"source{suffix}", seconds=1.0, metadata={"title": HIDDEN})
    clip = with_nul(source, tmp_path / f"nul{suffix}")
    record = analyze(clip, tmp_path / "out", index_dir=None).record
    before = HIDDEN.split("XYZ")[0]
    assert record.metadata.tags["format"]["title"] == before  # all ffprobe reads
    [note] = record.metadata.tag_notes
    full = HIDDEN.replace("X", "\x00")
    assert (note.scope, note.name, note.nul_at, note.length) == ("format", "title", len(before),
                                                                 len(full))  # fmt: skip
    assert note.sha256 == hashlib.sha256(full.encode()).hexdigest()
    assert note.text == full.replace("\x00", "␀") and note.atom is not None
    assert note.atom.startswith("moov/udta/")
    [flag] = [f for f in record.flags if f.code == "tag_hidden_text"]
    assert "the rest nobody sees" in flag.message and flag.severity == "medium"


def test_a_tag_without_nul_has_no_note(tmp_path):
    clip = lavfi_clip(tmp_path / "clip.mp4", seconds=1.0, metadata={"title": HIDDEN})
    record = analyze(clip, tmp_path / "out", index_dir=None).record
    assert record.metadata.tag_notes == ()
    assert not {"tag_hidden_text", "tag_shortened"} & {f.code for f in record.flags}


# --------------------------------------------------------------------------- names on stderr


def test_printable_escapes_what_moves_the_terminal():
    assert printable("a\nerror: forged.mp4") == "a\\nerror: forged.mp4"
    assert printable("\x1b[2J\r\t\x00\x9b") == "\\x1b[2J\\r\\t\\x00\\x9b"
    assert printable("clip\u202egpj.mp4\u2028") == "clip\\u202egpj.mp4\\u2028"
    assert printable("видео бой 战斗 — ok") == "видео бой 战斗 — ok"


def test_a_newline_in_a_file_name_forges_no_error_line(capsys, tmp_path):
    name = "a\nerror: forged.mp4"
    bad = tmp_path / name
    bad.write_bytes(b"not a video at all" * 100)
    code, _, stderr = run(capsys, "analyze", bad, "--out", tmp_path / "out", "--no-index")
    assert code == 2
    [line] = stderr.splitlines()
    assert line.startswith("error: ") and "a\\nerror: forged.mp4" in line


def test_a_newline_in_a_clip_name_stays_on_its_summary_line(capsys, tmp_path):
    clip = lavfi_clip(tmp_path / "clip.mp4", seconds=1.0)
    named = tmp_path / "a\nerror: forged.mp4"
    clip.rename(named)
    code, stdout, stderr = run(capsys, "analyze", named, "--out", tmp_path / "out", "--no-index")
    assert code == 0, stderr
    lines = stderr.splitlines()
    assert not any(line.startswith("error") for line in lines), stderr
    assert any(line.startswith("a\\nerror: forged.mp4: ") for line in lines), stderr
    assert len(stdout.splitlines()) == 1


# --------------------------------------------------------------------------- a cut JPEG


def test_jpeg_missing_only_its_end_marker_is_analysed_and_flagged(tmp_path):
    whole = jpeg_with_exif(tmp_path / "whole.jpg", exif={0x010F: "Canon"})
    data = whole.read_bytes()
    assert data.endswith(b"\xff\xd9")
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(data[:-2])
    record = analyze(cut, tmp_path / "out", index_dir=None).record
    assert record.media.kind == "image" and record.frames_hashed == 1
    assert record.metadata.make == "Canon"
    assert record.media.structure is not None
    [problem] = record.media.structure.problems
    assert (problem.kind, problem.box) == ("truncated", "SOS")
    [flag] = [f for f in record.flags if f.code == "truncated"]
    assert flag.severity == "high" and "end-of-image marker" in flag.message
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False  # switched on for that one load only
    intact = analyze(whole, tmp_path / "out", index_dir=None).record
    assert intact.media.structure is not None and intact.media.structure.problems == ()
    assert "truncated" not in {f.code for f in intact.flags}
