"""Find the ffmpeg and ffprobe this run will use, and say which.

Order: an explicit ``FORENSICS_FFMPEG`` (a path, or ``bundled``), then ``ffmpeg``/``ffprobe`` on
PATH, then the static ffmpeg that the ``imageio-ffmpeg`` wheel ships. That wheel has no
ffprobe, so without one on PATH probing runs in-process through PyAV. Either way a plain
``pip install`` gives a working tool, and every report names the binaries and versions used.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from forensics.errors import ToolMissingError

ENV_VAR = "FORENSICS_FFMPEG"


@dataclass(frozen=True)
class Toolchain:
    ffmpeg: str
    ffmpeg_version: str
    ffmpeg_source: str  # "env", "PATH" or "imageio-ffmpeg"
    ffprobe: str | None  # None: probe in-process with PyAV
    pyav_version: str | None

    @property
    def probe_backend(self) -> str:
        return "ffprobe" if self.ffprobe else "pyav"

    def to_dict(self) -> dict[str, str | None]:
        return {
            "ffmpeg": self.ffmpeg,
            "ffmpeg_version": self.ffmpeg_version,
            "ffmpeg_source": self.ffmpeg_source,
            "ffprobe": self.ffprobe,
            "probe_backend": self.probe_backend,
            "pyav_version": self.pyav_version,
        }


def find_toolchain() -> Toolchain:
    """The toolchain for the current environment (cached per value of FORENSICS_FFMPEG)."""
    return _find_toolchain(os.environ.get(ENV_VAR, "").strip())


@functools.lru_cache(maxsize=8)
def _find_toolchain(override: str) -> Toolchain:
    ffmpeg, source = _locate_ffmpeg(override)
    ffprobe = None if override == "bundled" else _ffprobe_beside(ffmpeg, source)
    return Toolchain(
        ffmpeg=ffmpeg,
        ffmpeg_version=ffmpeg_version(ffmpeg),
        ffmpeg_source=source,
        ffprobe=ffprobe,
        pyav_version=_pyav_version(),
    )


def _locate_ffmpeg(override: str) -> tuple[str, str]:
    if override and override != "bundled":
        if not Path(override).is_file() or not os.access(override, os.X_OK):
            raise ToolMissingError(f"{ENV_VAR}={override!r} is not an executable ffmpeg")
        return str(Path(override).resolve()), "env"
    if not override:
        on_path = shutil.which("ffmpeg")
        if on_path:
            return on_path, "PATH"
    try:
        import imageio_ffmpeg

        return imageio_ffmpeg.get_ffmpeg_exe(), "imageio-ffmpeg"
    except (ImportError, RuntimeError) as exc:
        raise ToolMissingError(
            "ffmpeg not found: install it (apt-get install ffmpeg) or `pip install imageio-ffmpeg`"
        ) from exc


def _ffprobe_beside(ffmpeg: str, source: str) -> str | None:
    if source == "imageio-ffmpeg":
        return None
    sibling = Path(ffmpeg).with_name("ffprobe")
    if sibling.is_file() and os.access(sibling, os.X_OK):
        return str(sibling)
    return shutil.which("ffprobe") if source == "PATH" else None


@functools.lru_cache(maxsize=8)
def ffmpeg_version(ffmpeg: str) -> str:
    """The version string ffmpeg prints (``5.1.9-0+deb12u1``); raises if it will not run."""
    try:
        out = subprocess.run(
            [ffmpeg, "-hide_banner", "-version"],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        raise ToolMissingError(f"ffmpeg at {ffmpeg} does not run: {exc}") from exc
    match = re.search(r"ffmpeg version (\S+)", out)
    return match.group(1) if match else "unknown"


def _pyav_version() -> str | None:
    try:
        import av

        return str(av.__version__)
    except ImportError:
        return None
