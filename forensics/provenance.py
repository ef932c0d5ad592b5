"""Provenance: which tool, ffmpeg and libraries made an output, and the exact commands run.

One home for it, so every output says the same thing the same way: a clip's report.json and
page (``tool``), ``compare.json``, the answer of ``search --json`` and the case overview.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Sequence

from forensics.media.toolchain import Toolchain, find_toolchain
from forensics.records import ToolInfo, to_dict
from forensics.version import __version__

# The libraries whose versions can change a finding (decoding, hashing, matching, rendering).
LIBRARIES = ("opencv-python-headless", "imagehash", "numpy", "pillow", "av", "exifread",
             "ffmpeg-python", "imageio-ffmpeg", "jinja2", "pdqhash")  # fmt: skip


def tool_info(tools: Toolchain | None = None, commands: Sequence[Sequence[str]] = ()) -> ToolInfo:
    """The tool, the ffmpeg it used (``tools``, else the one it would use now) and the exact
    commands it ran."""
    tools = tools or find_toolchain()
    return ToolInfo(
        name="forensics", version=__version__, ffmpeg=tools.ffmpeg,
        ffmpeg_version=tools.ffmpeg_version, ffmpeg_source=tools.ffmpeg_source,
        probe_backend=tools.probe_backend, libraries=library_versions(),
        commands=tuple(tuple(c) for c in commands),
    )  # fmt: skip


def tool_dict(tools: Toolchain | None = None, commands: Sequence[Sequence[str]] = ()
              ) -> dict[str, object]:  # fmt: skip
    """:func:`tool_info` in its JSON shape (the ``tool`` key of every JSON output)."""
    return dict(to_dict(tool_info(tools, commands)))


def library_versions() -> dict[str, str]:
    versions = {}
    for name in LIBRARIES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
    return versions
