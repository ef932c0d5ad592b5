"""The command line, tested in-process through ``forensics.cli.main`` (which always exits with
SystemExit), plus one run each through the installed ``forensics`` script and ``python -m``.

All media is made in temporary folders with :mod:`tests.media`; every run passes ``--out`` so
nothing is written into the repository.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from forensics import __version__
from forensics.cli import cli, main
from forensics.media.toolchain import _find_toolchain
from tests.media import lavfi_clip

TAGS = {
    "creation_time": "2023-05-23T08:40:12Z",
    "encoder": "Lavf58.76.100",
    "location": "+50.4790+035.6180/",
}


# --------------------------------------------------------------------------- helpers


def run(capsys, *args: str | Path) -> tuple[int, str, str]:
    """``forensics ARGS`` in-process: (exit code, stdout, stderr)."""
    with pytest.raises(SystemExit) as exited:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    code = exited.value.code
    return (0 if code is None else code), out, err


def analyze_json(capsys, clip: Path, out: Path, *extra: str | Path) -> dict:
    code, stdout, stderr = run(capsys, "analyze", clip, "--json", "--out", out, *extra)
    assert code == 0, stderr
    lines = stdout.splitlines()
    assert len(lines) == 1, stdout
    return json.loads(lines[0])


def report_dirs(out: Path) -> list[Path]:
    return sorted(p for p in out.iterdir() if p.is_dir() and not p.name.startswith("."))


def hidden_entries(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith("."))


def dig(data: dict, dotted: str):
    for key in dotted.split("."):
        assert isinstance(data, dict) and key in data, f"missing key {dotted!r} (at {key!r})"
        data = data[key]
    return data


def write_claim(path: Path, body: str, front: str = "published: 2023-05-27\noutlet: X\n") -> Path:
    path.write_text(f"---\n{front}---\n\n{body}\n", encoding="utf-8")
    return path


# --------------------------------------------------------------------------- media fixtures


@pytest.fixture(scope="module")
def media_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cli-media")


@pytest.fixture(scope="module")
def clip(media_dir) -> Path:
    """4 s, 320x240, 25 fps H.264 + AAC, no tags beyond what ffmpeg writes."""
    return lavfi_clip(media_dir / "clip.mp4")


@pytest.fixture(scope="module")
def clip2(media_dir) -> Path:
    return lavfi_clip(media_dir / "second.mp4", source="testsrc", seconds=2)


@pytest.fixture(scope="module")
def tagged_clip(media_dir) -> Path:
    return lavfi_clip(media_dir / "tagged.mp4", metadata=TAGS)


# --------------------------------------------------------------------------- help / version


def test_top_level_help(capsys):
    code, out, err = run(capsys, "--help")
    assert code == 0
    assert "Media-forensics workbench" in out
    assert "analyze" in out
    assert err == ""


def test_short_help_option(capsys):
    code, out, _ = run(capsys, "-h")
    assert code == 0 and "Media-forensics workbench" in out


def test_analyze_help(capsys):
    code, out, err = run(capsys, "analyze", "--help")
    assert code == 0
    assert "Fingerprint, probe, hash and flag each CLIP" in out
    for option in ("--out", "--case", "--claim", "--json"):
        assert option in out
    assert err == ""


def test_version(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert "forensics" in out and __version__ in out


def test_every_command_has_help_text(capsys):
    assert cli.commands, "the CLI defines no commands"
    for name, command in cli.commands.items():
        assert (command.help or "").strip(), f"command {name!r} has no help text"
        assert (command.get_short_help_str() or "").strip()
        for param in command.params:
            if param.param_type_name == "option":
                assert (param.help or "").strip(), f"{name} {param.opts} has no help text"
        code, out, _ = run(capsys, name, "--help")
        assert code == 0 and out.strip(), name
    code, out, _ = run(capsys, "--help")
    for name in cli.commands:
        assert name in out


def test_unknown_command_is_a_usage_error(capsys):
    code, _, err = run(capsys, "no-such-command")
    assert code == 2
    assert "Traceback" not in err


# --------------------------------------------------------------------------- --json


DOCUMENTED_KEYS = (
    "file.sha256", "file.md5", "file.size_bytes",
    "media.duration_s", "media.width", "media.height", "media.fps", "media.video_codec",
    "metadata.creation_time", "metadata.encoder", "metadata.make", "metadata.model",
    "metadata.gps", "metadata.tags",
    "flags", "keyframes", "frames_hashed", "tool.version", "tool.ffmpeg_version",
)  # fmt: skip


def test_json_is_one_line_with_documented_keys(capsys, clip, tmp_path):
    out = tmp_path / "out"
    code, stdout, stderr = run(capsys, "analyze", clip, "--json", "--out", out)
    assert code == 0, stderr
    assert stdout.endswith("\n") and stdout.count("\n") == 1, repr(stdout[:500])
    data = json.loads(stdout)
    assert stderr == ""  # --json: nothing but the record, and no chatter elsewhere either
    for key in DOCUMENTED_KEYS:
        dig(data, key)
    assert isinstance(data["flags"], list)
    for flag in data["flags"]:
        assert set(flag) >= {"code", "severity", "message"}
        assert flag["severity"] in ("info", "low", "medium", "high")
        assert flag["message"].strip()
    assert isinstance(data["keyframes"], list) and data["keyframes"]
    for key in data["keyframes"]:
        assert set(key) >= {"t", "phash", "image"}
        assert re.fullmatch(r"[0-9a-f]{16}", key["phash"])
    assert isinstance(data["metadata"]["tags"], dict)
    assert data["tool"]["version"] == __version__
    assert data["tool"]["ffmpeg_version"]


def test_json_values_for_known_clip(capsys, clip, tmp_path):
    out = tmp_path / "out"
    data = analyze_json(capsys, clip, out)
    raw = clip.read_bytes()
    assert data["file"]["sha256"] == hashlib.sha256(raw).hexdigest()
    assert data["file"]["md5"] == hashlib.md5(raw).hexdigest()
    assert data["file"]["size_bytes"] == len(raw) == clip.stat().st_size
    assert data["file"]["name"] == clip.name
    media = data["media"]
    assert media["kind"] == "video"
    assert (media["width"], media["height"]) == (320, 240)
    assert media["fps"] == pytest.approx(25.0)
    assert media["duration_s"] == pytest.approx(4.0, abs=0.1)
    assert media["video_codec"] == "h264"
    assert media["audio_codec"] == "aac"
    # one sample every 0.5 s of a 4 s clip
    assert 7 <= data["frames_hashed"] <= 9
    assert data["frames_hashed"] == len(data["frames"])
    # the untagged clip has no capture date, no device, no location
    assert data["metadata"]["creation_time"] is None
    assert data["metadata"]["gps"] is None
    assert data["metadata"]["make"] is None and data["metadata"]["model"] is None
    codes = {f["code"] for f in data["flags"]}
    assert "creation_time_missing" in codes


def test_json_keyframe_images_exist_inside_report_folder(capsys, clip, tmp_path):
    out = tmp_path / "out"
    data = analyze_json(capsys, clip, out)
    [folder] = report_dirs(out)
    assert folder.name.endswith("-" + data["file"]["sha256"][:12])
    for key in data["keyframes"]:
        image = (folder / key["image"]).resolve()
        assert image.is_file(), key["image"]
        assert image.is_relative_to(folder.resolve())
        assert image.stat().st_size > 0
    # a thumbnail of every sampled frame, named by its time
    assert [f["t"] for f in data["frame_images"]] == [f["t"] for f in data["frames"]]
    for frame in data["frame_images"]:
        assert frame["image"] == f"frames/{round(frame['t'] * 1000)}.jpg"
        assert (folder / frame["image"]).stat().st_size > 0
    # report.json on disk is the same record
    on_disk = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    assert on_disk == data


# --------------------------------------------------------------------------- plain output


def test_plain_output_prints_report_html_path(capsys, clip, tmp_path):
    out = tmp_path / "out"
    code, stdout, stderr = run(capsys, "analyze", clip, "--out", out)
    assert code == 0, stderr
    lines = stdout.splitlines()
    assert len(lines) == 1
    html = Path(lines[0])
    assert html.name == "report.html" and html.is_file()
    assert html.parent.parent.resolve() == out.resolve()
    assert "<html" in html.read_text(encoding="utf-8").lower()
    data = json.loads((html.parent / "report.json").read_text(encoding="utf-8"))
    assert data["file"]["sha256"] == hashlib.sha256(clip.read_bytes()).hexdigest()
    # the human summary goes to stderr, not stdout
    assert clip.name in stderr and "findings" in stderr


def test_plain_output_one_line_per_clip(capsys, clip, clip2, tmp_path):
    out = tmp_path / "out"
    code, stdout, stderr = run(capsys, "analyze", clip, clip2, "--out", out)
    assert code == 0, stderr
    lines = stdout.splitlines()
    assert len(lines) == 2
    assert all(Path(line).is_file() and line.endswith("report.html") for line in lines)
    assert len({Path(line).parent for line in lines}) == 2
    assert len(report_dirs(out)) == 2


# --------------------------------------------------------------------------- batches


@pytest.mark.parametrize("as_json", [True, False], ids=["json", "plain"])
def test_batch_with_one_bad_clip(capsys, clip, clip2, tmp_path, as_json):
    bad = tmp_path / "broken clip.mp4"
    bad.write_bytes(b"")
    out = tmp_path / "out"
    args = ["analyze", clip, bad, clip2, "--out", out] + (["--json"] if as_json else [])
    code, stdout, stderr = run(capsys, *args)
    assert code == 2
    lines = stdout.splitlines()
    assert len(lines) == 2  # the two good clips, in order
    if as_json:
        names = [json.loads(line)["file"]["name"] for line in lines]
        assert names == [clip.name, clip2.name]
    else:
        assert all(Path(line).is_file() for line in lines)
    assert len(report_dirs(out)) == 2
    assert hidden_entries(out) == []
    bad_lines = [line for line in stderr.splitlines() if bad.name in line]
    assert len(bad_lines) == 1, stderr
    assert bad_lines[0].startswith("error:") and "empty" in bad_lines[0]
    if as_json:
        assert stderr.splitlines() == bad_lines
    assert "Traceback" not in stderr


# --------------------------------------------------------------------------- metadata


def test_tagged_clip_metadata(capsys, tagged_clip, tmp_path):
    data = analyze_json(capsys, tagged_clip, tmp_path / "out")
    md = data["metadata"]
    assert md["creation_time"] == "2023-05-23T08:40:12Z"
    assert md["gps"]["lat"] == pytest.approx(50.479, abs=1e-4)
    assert md["gps"]["lon"] == pytest.approx(35.618, abs=1e-4)
    assert md["encoder"].startswith("Lavf")
    codes = {f["code"] for f in data["flags"]}
    assert "reencoded" in codes
    assert "gps_present" in codes
    assert "creation_time_missing" not in codes


# --------------------------------------------------------------------------- claims


def test_claim_with_matching_duration(capsys, clip, tmp_path):
    claim = write_claim(tmp_path / "claim.md", "The army released a 4-second clip of the strike.")
    data = analyze_json(capsys, clip, tmp_path / "out", "--claim", claim)
    [linked] = data["claims"]
    assert linked["path"] == str(claim.resolve())
    assert linked["outlet"] == "X"
    assert linked["published"] == "2023-05-27"
    assert linked["claimed_durations_s"] == [4.0]
    assert linked["linked_by"] == "--claim"
    assert linked["sha256"] == hashlib.sha256(claim.read_bytes()).hexdigest()
    codes = [f["code"] for f in data["flags"]]
    assert "duration_matches_claim" in codes
    assert "duration_differs_from_claim" not in codes


def test_claim_with_different_duration(capsys, clip, tmp_path):
    claim = write_claim(tmp_path / "claim.md", "Two minutes of footage show the strike.")
    data = analyze_json(capsys, clip, tmp_path / "out", "--claim", claim)
    assert data["claims"][0]["claimed_durations_s"] == [120.0]
    codes = [f["code"] for f in data["flags"]]
    assert "duration_differs_from_claim" in codes
    assert "duration_matches_claim" not in codes


def test_two_claims_both_linked(capsys, clip, tmp_path):
    a = write_claim(tmp_path / "a.md", "a 4-second clip")
    b = write_claim(tmp_path / "b.md", "two minutes of footage", front="outlet: Y\n")
    data = analyze_json(capsys, clip, tmp_path / "out", "--claim", a, "--claim", b)
    assert [c["outlet"] for c in data["claims"]] == ["X", "Y"]
    codes = [f["code"] for f in data["flags"]]
    assert "duration_matches_claim" in codes and "duration_differs_from_claim" in codes


def test_missing_claim_file(capsys, clip, tmp_path):
    out = tmp_path / "out"
    code, stdout, stderr = run(capsys, "analyze", clip, "--out", out, "--claim",
                               tmp_path / "nope.md")  # fmt: skip
    assert code == 2 and stdout == ""
    assert len(stderr.splitlines()) == 1 and "nope.md" in stderr
    assert not out.exists() or not any(out.iterdir())


# --------------------------------------------------------------------------- claims extract

CLAIM = """---
outlet: Legion channel
published: 2023-05-27
---
Our drone hit an enemy BMP-2 near Gora Podol on Monday.
The video of one minute and 52 seconds was posted to Telegram.
It has not been independently verified.
"""


def test_claims_extract_json(capsys, tmp_path):
    path = tmp_path / "claim.md"
    path.write_text(CLAIM, encoding="utf-8")
    code, out, err = run(capsys, "claims", "extract", path, "--json")
    assert code == 0 and err == ""
    [line] = out.splitlines()
    data = json.loads(line)
    assert set(data) == {"facts", "published"} and data["published"] == "2023-05-27"
    for fact in data["facts"]:
        assert {"kind", "value", "text", "start", "end"} <= set(fact)
        assert CLAIM[fact["start"] : fact["end"]] == fact["text"]  # offsets into the whole file
    found = {(f["kind"], f["value"]) for f in data["facts"]}
    assert {("equipment", "BMP-2"), ("place", "Gora-Podol"), ("date", "2023-05-22"),
            ("duration", 112.0), ("platform", "Telegram")} <= found  # fmt: skip
    assert "hedge" in {f["kind"] for f in data["facts"]}


def test_claims_extract_table(capsys, tmp_path):
    path = tmp_path / "claim.md"
    path.write_text(CLAIM, encoding="utf-8")
    code, out, _ = run(capsys, "claims", "extract", path)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].endswith("published 2023-05-27") and lines[1].split() == [
        "kind", "value", "chars", "text",
    ]  # fmt: skip
    assert any(line.split()[:2] == ["equipment", "BMP-2"] for line in lines)
    # the front matter's date is the text's publication, not a date it asserts
    assert any(line.split()[:2] == ["published", "2023-05-27"] for line in lines)
    assert any(line.split()[:2] == ["date", "2023-05-22"] for line in lines)  # "on Monday"


@pytest.mark.parametrize(
    ("content", "where"),
    [(b"", ":1:"), (b"\x7fELF\x02\x01\x00\x00", ":1:"), (b"ten megabytes " * 750_000, ":1:"),
     ("\ufeffclaim".encode("utf-16"), ":1:"), (b"line\ncaf\xe9", ":2:"),
     (b"---\noutlet: x\nurl: [oops\n---\nbody\n", ":3:"), (b"---\noutlet: x\nbody\n", ":1:")],
    ids=["empty", "binary", "10MB", "utf-16", "latin-1", "bad-front-matter", "unclosed"],
)  # fmt: skip
def test_claims_extract_bad_input(capsys, tmp_path, content, where):
    path = tmp_path / "bad claim.md"
    path.write_bytes(content)
    code, out, err = run(capsys, "claims", "extract", path, "--json")
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert err.startswith(f"error: {path}{where} ")


def test_claims_extract_missing_file(capsys, tmp_path):
    code, _, err = run(capsys, "claims", "extract", tmp_path / "nope.md")
    assert code == 2 and "nope.md" in err and len(err.splitlines()) == 1


# --------------------------------------------------------------------------- toolchains


def test_bundled_ffmpeg_agrees_with_ffprobe_path(capsys, clip, tmp_path, monkeypatch):
    monkeypatch.delenv("FORENSICS_FFMPEG", raising=False)
    _find_toolchain.cache_clear()
    system = analyze_json(capsys, clip, tmp_path / "system")

    monkeypatch.setenv("FORENSICS_FFMPEG", "bundled")
    _find_toolchain.cache_clear()
    bundled = analyze_json(capsys, clip, tmp_path / "bundled")

    assert bundled["tool"]["ffmpeg_source"] == "imageio-ffmpeg"
    assert bundled["tool"]["probe_backend"] == "pyav"
    assert system["tool"]["probe_backend"] == "ffprobe"
    assert bundled["media"]["duration_s"] == pytest.approx(system["media"]["duration_s"], abs=0.05)
    for key in ("width", "height", "video_codec", "frame_count"):
        assert bundled["media"][key] == system["media"][key], key
    assert bundled["media"]["fps"] == pytest.approx(system["media"]["fps"])
    assert bundled["file"]["size_bytes"] == system["file"]["size_bytes"]
    assert bundled["file"]["sha256"] == system["file"]["sha256"]
    assert bundled["frames_hashed"] == system["frames_hashed"]
    assert bundled["frames"][0]["phash"] == system["frames"][0]["phash"]
    assert bundled["frames"][0]["t"] == system["frames"][0]["t"]


def test_ffmpeg_missing_exits_3(capsys, clip, tmp_path, monkeypatch):
    monkeypatch.setenv("FORENSICS_FFMPEG", str(tmp_path / "no-such-ffmpeg"))
    _find_toolchain.cache_clear()
    out = tmp_path / "out"
    code, stdout, stderr = run(capsys, "analyze", clip, "--out", out)
    assert code == 3
    assert stdout == ""
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("error:")
    assert "ffmpeg" in lines[0]
    assert "Traceback" not in stderr
    assert not out.exists() or not any(out.iterdir())


# --------------------------------------------------------------------------- debug traces


def test_debug_env_shows_traceback(capsys, tmp_path, monkeypatch):
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(b"not a video at all" * 100)
    monkeypatch.setenv("FORENSICS_DEBUG", "1")
    code, _, stderr = run(capsys, "analyze", bad, "--out", tmp_path / "out")
    assert code == 2
    assert "Traceback" in stderr
    assert "BadInputError" in stderr
    assert stderr.rstrip().splitlines()[-1].startswith("error:")


def test_no_traceback_without_debug(capsys, tmp_path, monkeypatch):
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(b"not a video at all" * 100)
    monkeypatch.delenv("FORENSICS_DEBUG", raising=False)
    code, _, stderr = run(capsys, "analyze", bad, "--out", tmp_path / "out")
    assert code == 2
    assert "Traceback" not in stderr
    assert len(stderr.splitlines()) == 1 and bad.name in stderr


# --------------------------------------------------------------------------- re-analysis


def test_reanalysis_replaces_report_folder(capsys, clip, tmp_path):
    out = tmp_path / "out"
    first = analyze_json(capsys, clip, out)
    [folder] = report_dirs(out)
    marker = folder / "left-from-first-run.txt"
    marker.write_text("old")
    (folder / "report.json").write_text("{}")

    claim = write_claim(tmp_path / "claim.md", "a 4-second clip")
    second = analyze_json(capsys, clip, out, "--claim", claim)

    assert report_dirs(out) == [folder]  # same name, still one folder
    assert hidden_entries(out) == []  # no staging or backup folders left
    assert not marker.exists()  # replaced, not merged
    on_disk = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    assert on_disk == second and on_disk["claims"] and not first["claims"]
    for key in second["keyframes"]:
        assert (folder / key["image"]).is_file()


# --------------------------------------------------------------------------- end to end


def test_end_to_end_installed_script(clip, tmp_path):
    # The script installed beside this interpreter (a venv need not be activated, e.g. in CI
    # `.venv/bin/python -m pytest`), else whichever one PATH finds.
    beside = Path(sys.executable).with_name("forensics")
    exe = str(beside) if beside.is_file() else shutil.which("forensics")
    assert exe, "the forensics console script is not installed"
    out = tmp_path / "out"
    done = subprocess.run([exe, "analyze", str(clip), "--json", "--out", str(out)],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "FORENSICS_DEBUG": ""})  # fmt: skip
    assert done.returncode == 0, done.stderr
    [line] = done.stdout.splitlines()
    data = json.loads(line)
    assert data["file"]["sha256"] == hashlib.sha256(clip.read_bytes()).hexdigest()
    assert (data["media"]["width"], data["media"]["height"]) == (320, 240)
    assert done.stderr == ""
    [folder] = report_dirs(out)
    assert (folder / "report.html").is_file()

    bad = subprocess.run([exe, "analyze", str(tmp_path / "missing.mp4"), "--out", str(out)],
                         capture_output=True, text=True, timeout=60)  # fmt: skip
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1 and "missing.mp4" in bad.stderr


def test_end_to_end_python_m(clip, tmp_path):
    out = tmp_path / "out"
    version = subprocess.run([sys.executable, "-m", "forensics", "--version"],
                             capture_output=True, text=True, timeout=60)  # fmt: skip
    assert version.returncode == 0 and __version__ in version.stdout
    done = subprocess.run([sys.executable, "-m", "forensics", "analyze", str(clip),
                           "--out", str(out)],
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    [line] = done.stdout.splitlines()
    html = Path(line)
    assert html.name == "report.html" and html.is_file()
    assert (
        json.loads((html.parent / "report.json").read_text(encoding="utf-8"))["media"][
            "video_codec"
        ]
        == "h264"
    )


def test_what_else_failed_goes_on_the_one_error_line(capsys):
    """A failure whose undo failed too (a full disk fails both) says both, on one line."""
    from forensics.cli import report_error
    from forensics.errors import CaseIndexError

    exc = CaseIndexError("case.sqlite: cannot add a.mp4 (disk I/O error)")
    exc.add_note("a.mp4 could not leave the case index (disk I/O error)")
    assert report_error(exc) == 4
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines == ["error: case.sqlite: cannot add a.mp4 (disk I/O error); a.mp4 could not "
                     "leave the case index (disk I/O error)"]  # fmt: skip


def test_analyze_into_a_case_folder_not_made_yet(capsys, clip, tmp_path):
    """``--case DIR`` as the README gives it, for a case that does not exist yet: the folder is
    made with the index in it (it was taken for a missing case file); a missing ``*.toml``
    stays an error."""
    case, out = tmp_path / "new case", tmp_path / "reports"
    code, _, err = run(capsys, "analyze", clip, "--case", case, "--out", out)
    assert code == 0, err
    assert (case / "case.sqlite").is_file()
    code, _, err = run(capsys, "analyze", clip, "--case", tmp_path / "missing.toml", "--out", out)
    assert code != 0 and "missing.toml: case file does not exist" in err
