"""Hostile, broken and oddly named inputs through ``forensics analyze`` (in-process).

A bad input must end with exit code 2 (3 when ffmpeg is missing), exactly one plain line on
stderr naming the file, no traceback, and nothing at all in the output folder: no report
folder and no hidden staging folder. Odd but valid file names must work, and their report
folder names must be sanitised and stay inside ``--out``.
"""

from __future__ import annotations

import errno
import json
import os
import pathlib
import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from forensics.cli import main
from forensics.media.toolchain import _find_toolchain
from tests.media import jpeg_with_exif, lavfi_clip, run_ffmpeg, textured_frame

# --------------------------------------------------------------------------- helpers


def run(capsys, *args: str | Path) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    code = exited.value.code
    return (0 if code is None else code), out, err


def assert_out_clean(out: Path) -> None:
    """No report folder and no leftover staging folder: the out dir is empty or absent."""
    if out.exists():
        assert sorted(p.name for p in out.iterdir()) == []


def assert_refused(capsys, path: Path, out: Path, *extra: str | Path, code: int = 2,
                   name: str | None = None) -> str:  # fmt: skip
    """Analyse ``path``; it must fail cleanly. Returns the one stderr line."""
    exit_code, stdout, stderr = run(capsys, "analyze", path, "--out", out, *extra)
    assert exit_code == code, stderr
    assert stdout == ""
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got:\n{stderr}"
    line = lines[0].strip()
    assert line, "empty error line"
    assert (name or path.name) in line, line
    assert line.startswith("error:"), line
    assert len(line) > len("error: ") + len(name or path.name) + 5, "no description"
    assert_out_clean(out)
    return line


def analyze_ok(capsys, path: Path | str, out: Path, *extra: str) -> dict:
    code, stdout, stderr = run(capsys, "analyze", path, "--json", "--out", out, *extra)
    assert code == 0, stderr
    assert "Traceback" not in stderr
    [line] = stdout.splitlines()
    return json.loads(line)


SAFE_FOLDER = re.compile(r"^(?P<stem>.+)-(?P<hash>[0-9a-f]{12})$")


def assert_safe_report_folder(out: Path, data: dict) -> Path:
    # the case index, its overview page, the index snapshot and the case manifest
    case_files = ("case.sqlite", "index.html", "case-index.json", "manifest.json")
    folders = [p for p in out.iterdir() if p.name not in case_files]
    assert len(folders) == 1, folders  # one report folder, no staging leftovers
    [folder] = folders
    assert folder.is_dir() and not folder.name.startswith(".")
    match = SAFE_FOLDER.match(folder.name)
    assert match, folder.name
    assert match["hash"] == data["file"]["sha256"][:12]
    assert all(c.isalnum() or c in "-_" for c in match["stem"]), folder.name
    assert folder.resolve().parent == out.resolve()
    assert (folder / "report.json").is_file() and (folder / "report.html").is_file()
    return folder


# --------------------------------------------------------------------------- media fixtures


@pytest.fixture(scope="module")
def media_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("bad-input-media")


@pytest.fixture(scope="module")
def clip_bytes(media_dir) -> bytes:
    """A 3 s 320x240 H.264+AAC clip (moov atom at the end, ffmpeg's default)."""
    return lavfi_clip(media_dir / "good.mp4", seconds=3).read_bytes()


@pytest.fixture(scope="module")
def faststart_bytes(media_dir) -> bytes:
    """The same kind of clip, 4 s, with the moov atom at the start (``+faststart``)."""
    path = lavfi_clip(media_dir / "faststart.mp4", seconds=4, extra=["-movflags", "+faststart"])
    data = path.read_bytes()
    assert data.find(b"moov") < data.find(b"mdat")
    return data


@pytest.fixture
def out(tmp_path) -> Path:
    return tmp_path / "out"


# --------------------------------------------------------------------------- not media at all


def test_empty_file(capsys, tmp_path, out):
    path = tmp_path / "empty.mp4"
    path.write_bytes(b"")
    line = assert_refused(capsys, path, out)
    assert "empty" in line


def test_truncated_mp4_moov_at_end_is_refused(capsys, tmp_path, out, clip_bytes):
    path = tmp_path / "truncated.mp4"
    path.write_bytes(clip_bytes[: int(len(clip_bytes) * 0.3)])
    assert b"moov" not in path.read_bytes()  # the index went with the cut-off tail
    line = assert_refused(capsys, path, out)
    assert "not a media file" in line or "truncat" in line or "moov" in line


def test_truncated_mp4_moov_at_start_succeeds_with_truncated_flag(
    capsys, tmp_path, out, faststart_bytes
):
    # With the index first, ffmpeg still reads the header (declared 4 s) and decodes what is
    # there, so this is evidence to report on, not an unreadable file.
    path = tmp_path / "truncated_faststart.mp4"
    path.write_bytes(faststart_bytes[: int(len(faststart_bytes) * 0.3)])
    data = analyze_ok(capsys, path, out)
    assert data["media"]["duration_s"] == pytest.approx(4.0, abs=0.1)
    assert data["frames_hashed"] >= 1
    assert data["frames"][-1]["t"] < 2.0
    codes = {f["code"]: f for f in data["flags"]}
    assert "truncated" in codes
    assert codes["truncated"]["severity"] == "high"
    assert_safe_report_folder(out, data)


def test_random_bytes(capsys, tmp_path, out):
    path = tmp_path / "random.mp4"
    # Seeded; the first bytes are not any still-image magic.
    data = np.random.default_rng(1234).integers(0, 256, 64_000, dtype=np.uint8).tobytes()
    path.write_bytes(b"\x00\x11" + data)
    assert_refused(capsys, path, out)


def test_text_file(capsys, tmp_path, out):
    path = tmp_path / "notes.mp4"
    path.write_text("Shelling near the bridge, filmed on Monday.\n" * 200, encoding="utf-8")
    assert_refused(capsys, path, out)


def test_audio_only(capsys, tmp_path, out):
    path = tmp_path / "sound.m4a"
    run_ffmpeg(["-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:a", "aac", str(path)])
    line = assert_refused(capsys, path, out)
    assert "audio only" in line


def test_directory(capsys, tmp_path, out):
    path = tmp_path / "folder.mp4"
    path.mkdir()
    line = assert_refused(capsys, path, out)
    assert "directory" in line


def test_missing_path(capsys, tmp_path, out):
    path = tmp_path / "not-there.mp4"
    line = assert_refused(capsys, path, out)
    assert "no such file" in line


# The tests run as root, and root reads any file whatever its mode bits, so chmod 000 cannot
# make a file unreadable here. Instead the two checks the code makes are simulated for this one
# path: os.access() saying no (what a non-root user sees for mode 000), and open() failing
# with EACCES even though access() said yes (ACLs, SELinux, a file locked by another program).
def test_unreadable_file_access_denied(capsys, tmp_path, out, clip_bytes, monkeypatch):
    path = tmp_path / "locked.mp4"
    path.write_bytes(clip_bytes)
    real_access = os.access

    def access(target, mode, *args, **kwargs):
        if Path(target) == path and mode & os.R_OK:
            return False
        return real_access(target, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    line = assert_refused(capsys, path, out)
    assert "permission denied" in line.lower()


def test_unreadable_file_open_fails(capsys, tmp_path, out, clip_bytes, monkeypatch):
    path = tmp_path / "locked.mp4"
    path.write_bytes(clip_bytes)
    real_open = pathlib.Path.open

    def deny(self, *args, **kwargs):
        if self == path:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", deny)
    line = assert_refused(capsys, path, out)
    assert "permission denied" in line.lower()


def test_absurd_dimensions_in_header(capsys, tmp_path, out):
    path = tmp_path / "huge.mp4"
    header = b"YUV4MPEG2 W100000 H100000 F25:1 Ip A1:1 C420jpeg\n"
    path.write_bytes(header + b"FRAME\n" + bytes(range(256)) * 8)
    assert_refused(capsys, path, out)


def test_absurd_dimensions_message_says_what_is_wrong(capsys, tmp_path, out):
    path = tmp_path / "huge.mp4"
    header = b"YUV4MPEG2 W100000 H100000 F25:1 Ip A1:1 C420jpeg\n"
    path.write_bytes(header + b"FRAME\n" + bytes(range(256)) * 8)
    line = assert_refused(capsys, path, out)
    assert "100000" in line or "size" in line.lower(), line


# --------------------------------------------------------------------------- odd but valid names


ODD_NAMES = [
    "clip with spaces.mp4",
    "it's a clip.mp4",
    'the "strike".mp4',
    "-x.mp4",
    "видео бой.mp4",
    "战斗.mp4",
    "semi;colon & $(echo hi) `x`.mp4",
    "..mp4",
]


@pytest.mark.parametrize("name", ODD_NAMES)
def test_odd_file_names_are_valid_clips(capsys, tmp_path, out, clip_bytes, name):
    path = tmp_path / name
    path.write_bytes(clip_bytes)
    data = analyze_ok(capsys, path, out)  # absolute path: the leading dash is not an option
    assert data["file"]["name"] == name
    assert data["file"]["path"] == str(path.resolve())
    assert (data["media"]["width"], data["media"]["height"]) == (320, 240)
    folder = assert_safe_report_folder(out, data)
    stem = SAFE_FOLDER.match(folder.name)["stem"]
    if name == "видео бой.mp4":
        assert stem == "видео_бой"
    if name == "战斗.mp4":
        assert stem == "战斗"
    if name == "-x.mp4":
        assert stem == "x"
    assert not (tmp_path / "hi").exists()


def test_leading_dash_relative_name_after_double_dash(capsys, tmp_path, out, clip_bytes,
                                                      monkeypatch):  # fmt: skip
    (tmp_path / "-x.mp4").write_bytes(clip_bytes)
    monkeypatch.chdir(tmp_path)
    code, stdout, stderr = run(capsys, "analyze", "--json", "--out", out, "--", "-x.mp4")
    assert code == 0, stderr
    data = json.loads(stdout)
    assert data["file"]["name"] == "-x.mp4"
    assert_safe_report_folder(out, data)


def test_leading_dash_relative_name_without_double_dash_is_a_usage_error(
    capsys, tmp_path, out, clip_bytes, monkeypatch
):
    # Without "--" the argument parser reads "-x.mp4" as an option: a usage error (exit 2)
    # and, above all, not an attempt to analyse something else.
    (tmp_path / "-x.mp4").write_bytes(clip_bytes)
    monkeypatch.chdir(tmp_path)
    code, stdout, stderr = run(capsys, "analyze", "--out", out, "-x.mp4")
    assert code == 2
    assert stdout == "" and "Traceback" not in stderr
    assert "-x" in stderr
    assert_out_clean(out)


def test_error_line_shows_the_file_name_verbatim(capsys, tmp_path, out):
    """Names are printed as they are: no console markup or emoji codes applied to them."""
    path = tmp_path / "v:fire:[bold]x.mp4"
    path.write_bytes(b"")
    assert_refused(capsys, path, out)


# --------------------------------------------------------------------------- stills


def test_jpeg_with_exif_ifd0_datetime(capsys, tmp_path, out):
    path = jpeg_with_exif(
        tmp_path / "photo.jpg",
        exif={0x0132: "2023:06:02 07:12:45", 0x010F: "Canon", 0x0110: "EOS 5D"},
        gps={1: "N", 2: (50.0, 28.0, 44.4), 3: "E", 4: (35.0, 37.0, 4.8)},
    )
    data = analyze_ok(capsys, path, out)
    assert data["media"]["kind"] == "image"
    assert (data["media"]["width"], data["media"]["height"]) == (400, 300)
    assert data["metadata"]["creation_time"] == "2023-06-02T07:12:45"
    assert (data["metadata"]["make"], data["metadata"]["model"]) == ("Canon", "EOS 5D")
    assert data["metadata"]["gps"]["lat"] == pytest.approx(50.479, abs=1e-3)
    assert data["metadata"]["gps"]["lon"] == pytest.approx(35.618, abs=1e-3)
    assert data["frames_hashed"] == 1 and len(data["keyframes"]) == 1
    folder = assert_safe_report_folder(out, data)
    assert (folder / data["keyframes"][0]["image"]).is_file()


def test_jpeg_with_exif_ifd_datetime_original(capsys, tmp_path, out):
    path = tmp_path / "original.jpg"
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9003] = "2022:02:24 05:01:02"  # DateTimeOriginal, in the Exif IFD
    Image.fromarray(textured_frame(11, (320, 240))).save(path, quality=90, exif=exif)
    data = analyze_ok(capsys, path, out)
    assert data["media"]["kind"] == "image"
    assert data["metadata"]["creation_time"] == "2022-02-24T05:01:02"
    assert "DateTimeOriginal" in data["metadata"]["creation_time_source"]


def _jpeg_bytes(tmp_path: Path) -> bytes:
    path = jpeg_with_exif(tmp_path / "source.jpg", exif={0x0132: "2023:06:02 07:12:45"})
    return path.read_bytes()


@pytest.mark.parametrize("damage", ["garbage_after_scan_header", "cut_in_scan", "header_only"])
def test_corrupted_jpeg(capsys, tmp_path, out, damage):
    data = _jpeg_bytes(tmp_path)
    sos = data.index(b"\xff\xda")
    noise = np.random.default_rng(5).integers(0, 256, 20_000, dtype=np.uint8).tobytes()
    broken = {
        "garbage_after_scan_header": data[: sos + 20] + noise,
        "cut_in_scan": data[: sos + (len(data) - sos) // 3],
        "header_only": data[: sos + 20],
    }[damage]
    path = tmp_path / "broken.jpg"
    path.write_bytes(broken)
    code, stdout, stderr = run(capsys, "analyze", path, "--json", "--out", out)
    assert "Traceback" not in stderr
    assert code in (0, 2), stderr
    if code == 2:
        [line] = stderr.splitlines()
        assert line.startswith("error:") and path.name in line and "decoded" in line
        assert_out_clean(out)
    else:  # accepted: the damage must then be a finding in the report
        record = json.loads(stdout)
        assert {f["code"] for f in record["flags"]} & {"decode_errors", "truncated"}


def test_unreadable_clip_in_a_batch_does_not_stop_the_others(
    capsys, tmp_path, out, clip_bytes, monkeypatch
):
    good = tmp_path / "good.mp4"
    good.write_bytes(clip_bytes)
    locked = tmp_path / "locked.mp4"
    locked.write_bytes(clip_bytes[:-1])  # different hash, so a different report folder
    real_access = os.access

    def access(target, mode, *args, **kwargs):  # see test_unreadable_file_access_denied
        if Path(target) == locked and mode & os.R_OK:
            return False
        return real_access(target, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    code, stdout, stderr = run(capsys, "analyze", locked, good, "--json", "--out", out)
    assert code == 2
    assert [json.loads(line)["file"]["name"] for line in stdout.splitlines()] == ["good.mp4"]
    [line] = stderr.splitlines()
    assert line.startswith("error:") and "locked.mp4" in line


# --------------------------------------------------------------------------- missing ffmpeg


def test_ffmpeg_missing(capsys, tmp_path, out, clip_bytes, monkeypatch):
    path = tmp_path / "clip.mp4"
    path.write_bytes(clip_bytes)
    ffmpeg = tmp_path / "no" / "ffmpeg"
    monkeypatch.setenv("FORENSICS_FFMPEG", str(ffmpeg))
    _find_toolchain.cache_clear()
    # The message is about the missing tool, so it names the ffmpeg path, not the clip.
    line = assert_refused(capsys, path, out, code=3, name=str(ffmpeg))
    assert "ffmpeg" in line


# --------------------------------------------------------------------------- broken claims


def test_claim_is_a_directory(capsys, tmp_path, out, clip_bytes):
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(clip_bytes)
    claim = tmp_path / "claims.md"
    claim.mkdir()
    assert_refused(capsys, clip, out, "--claim", claim, name=claim.name)


BROKEN_CLAIMS = [
    ("empty", b"", "empty"),
    ("blank", b"  \n\n\t\n", "empty"),
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    ("unclosed", b"---\npublished: 2023-05-27\noutlet: X\n\na 4-second clip\n", "never closed"),
    ("not-utf8", "---\noutlet: Заря\n---\nклип".encode("cp1251"), "UTF-8"),
    ("bad-yaml", b"---\noutlet: [unclosed\n---\nbody\n", "front matter"),
    ("bad-date", b"---\npublished: last Tuesday\n---\nbody\n", "published"),
]


@pytest.mark.parametrize(
    ("kind", "content", "words"), [pytest.param(*case, id=case[0]) for case in BROKEN_CLAIMS]
)
def test_broken_claim_file(capsys, tmp_path, out, clip_bytes, kind, content, words):
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(clip_bytes)
    claim = tmp_path / f"claim-{kind}.md"
    claim.write_bytes(content)
    line = assert_refused(capsys, clip, out, "--claim", claim, name=claim.name)
    assert words.lower() in line.lower(), line
