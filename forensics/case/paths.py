"""Report folders as the case index stores them: relative to the case folder, so a copy of
the case points at its own reports."""

from __future__ import annotations

import os
from pathlib import Path


def stored_folder(case_folder: Path, report_dir: Path | None) -> str | None:
    """A report folder relative to the case folder (``x``, ``../reports/x``): a copy of the
    case points at its own reports, never at the original's (even from far away: a report
    missing in a copy is safer than another case's rewritten). Absolute on another drive."""
    if report_dir is None:
        return None
    target = report_dir.resolve()
    try:
        return Path(os.path.relpath(target, case_folder.resolve())).as_posix()
    except ValueError:
        return str(target)


def report_path(base: str, stored: str | None) -> str | None:
    """A stored report folder as an absolute path; an absolute one (as indexes written before
    report folders were stored relative hold) stays as it is."""
    if stored is None or os.path.isabs(stored):
        return stored
    joined = os.path.join(base, stored)
    return os.path.normpath(joined) if ".." in stored else joined
