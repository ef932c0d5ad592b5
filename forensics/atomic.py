"""Writing a file whole or not at all: a temporary beside it, then one rename. Every page,
manifest, snapshot and export the tool writes goes through here, so a reader never sees half a
file and a failed write leaves the previous one in place."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from forensics.errors import ReportWriteError


def write_atomic(target: Path, text: str, what: str = "cannot be written") -> Path:
    """Write ``text`` to ``target`` (readable by all, as reports are meant to be read);
    ReportWriteError "``target``: ``what`` (cause)" when it cannot be done."""
    try:
        handle, part = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part",
                                        dir=target.parent)  # fmt: skip
    except OSError as exc:
        raise ReportWriteError(f"{target}: {what} ({exc})") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.chmod(part, 0o644)  # mkstemp makes it private
        os.replace(part, target)
    except OSError as exc:
        Path(part).unlink(missing_ok=True)
        raise ReportWriteError(f"{target}: {what} ({exc})") from None
    return target
