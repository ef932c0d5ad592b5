import builtins
import shutil

import pytest

from forensics.errors import ToolMissingError
from forensics.media.toolchain import find_toolchain


def test_path_ffmpeg_preferred_with_its_ffprobe(monkeypatch):
    if not shutil.which("ffmpeg"):
        pytest.skip("no ffmpeg on PATH")
    monkeypatch.delenv("FORENSICS_FFMPEG", raising=False)
    tools = find_toolchain()
    assert tools.ffmpeg_source == "PATH" and tools.ffmpeg == shutil.which("ffmpeg")
    assert tools.probe_backend == ("ffprobe" if shutil.which("ffprobe") else "pyav")
    assert tools.ffmpeg_version[0].isdigit() or tools.ffmpeg_version.startswith("n")


def test_bundled_ffmpeg_probes_in_process(monkeypatch):
    monkeypatch.setenv("FORENSICS_FFMPEG", "bundled")
    tools = find_toolchain()
    assert tools.ffmpeg_source == "imageio-ffmpeg" and tools.probe_backend == "pyav"
    assert tools.to_dict()["ffmpeg_version"] == tools.ffmpeg_version != "unknown"


def test_explicit_binary_is_used(monkeypatch):
    import imageio_ffmpeg

    monkeypatch.setenv("FORENSICS_FFMPEG", imageio_ffmpeg.get_ffmpeg_exe())
    tools = find_toolchain()
    assert tools.ffmpeg_source == "env" and tools.ffprobe is None


def test_bad_explicit_binary(monkeypatch, tmp_path):
    monkeypatch.setenv("FORENSICS_FFMPEG", str(tmp_path / "nope"))
    with pytest.raises(ToolMissingError, match="not an executable ffmpeg"):
        find_toolchain()


def test_no_ffmpeg_anywhere(monkeypatch):
    monkeypatch.delenv("FORENSICS_FFMPEG", raising=False)
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    real_import = builtins.__import__

    def no_imageio(name, *args, **kwargs):
        if name == "imageio_ffmpeg":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_imageio)
    with pytest.raises(ToolMissingError, match="ffmpeg not found"):
        find_toolchain()
