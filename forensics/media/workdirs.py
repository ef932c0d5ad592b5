"""Working folders a run makes, named after the process that made them, and removing the ones a
killed run left behind.

A run stages each report folder as a hidden folder beside its destination, spools decoded frames
in a folder of the system temp folder, and writes pages through hidden ``.part`` files. A normal
exit or an exception removes them; a SIGKILL, an out-of-memory kill or a power cut cannot, so
the next ``analyze`` or ``forensics report`` removes them (:func:`remove_leftovers`), and nothing
else: only names this tool makes (the exact patterns below), only plain files and folders (never
a symlink) owned by the current user, and only when no run can still be using them.

Whether a run is still using a folder is written in the folder's name (:func:`owner_tag`): the
process ID, the process's start time and a digest of the machine and its boot. A folder whose
process is gone (no such process, a zombie, a later process under the same ID, a boot since) is
removed at once; one whose process runs is kept however old (an analysis of a long clip runs
for a long time). The owner goes in the name rather than in a marker file inside, so a staged
report folder holds exactly what the report holds (its manifest covers every file). Anything
whose owner cannot be told (files written in one go, folders of an older version, a folder made
on another machine sharing the disk) is removed only when nothing in it has changed for an hour
(``STALE_AFTER_S``): a live run writes far more often than that.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import re
import shutil
import socket
import stat
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from forensics.atomic import JOURNAL

log = logging.getLogger(__name__)
STALE_AFTER_S = 3600.0
SPOOL_PREFIX = "forensics-"  # decode spools (analyze); compare and search add "cmp-"

_RANDOM = r"[a-z0-9_]{8}"  # what tempfile adds to a name
_OWNER = r"(?P<pid>\d+)-(?P<start>\d+)-(?P<host>[0-9a-f]{6})(?P<boot>[0-9a-f]{6})"
_REPORT = r"[\w-]+-[0-9a-f]{12}"  # report.clip.safe_name
STAGE = re.compile(rf"\.{_REPORT}\.(?:old\.)?(?:{_OWNER}\.)?{_RANDOM}")
# The overview, the case snapshot and a manifest, written atomically (report.manifest).
OVERVIEW_PART = re.compile(rf"\.(?:index\.html|case-index\.json|manifest\.json)\.{_RANDOM}\.part")
MANIFEST_PART = re.compile(rf"\.manifest\.json\.{_RANDOM}\.part")
REPORT_DIR = re.compile(_REPORT)
# report.clip.rewrite_report (forensics.atomic.replace_together): kept while the folder's
# journal says they are to be moved into place (the next run holding the case lock does it).
PAGE_PARTS = (".report.json.part", ".report.html.part", ".manifest.json.part", ".replacing.part")
SPOOL = re.compile(rf"forensics-(?:cmp-)?(?:{_OWNER}-)?{_RANDOM}")
_SPOOL_FILES = re.compile(r"samples\.gray|input[\w.]*")  # what a decode puts in its spool


@functools.cache
def _machine() -> tuple[str, str]:
    """Digests of this machine's name and of its current boot (empty where unknown)."""
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
    except OSError:
        boot = ""
    digest = [hashlib.sha256(s.encode()).hexdigest()[:6] for s in (socket.gethostname(), boot)]
    return digest[0], digest[1]


def _process_stat(pid: int) -> tuple[str, int] | None:
    """(state, start time in clock ticks since boot) of a process, from Linux's /proc."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
        fields = text[text.rindex(")") + 2 :].split()
        return fields[0], int(fields[19])
    except (OSError, ValueError, IndexError):
        return None


def owner_tag() -> str:
    """``pid-start-machine``: put in a working folder's name, it tells another run whether the
    process that made the folder is still running."""
    pid = os.getpid()
    found = _process_stat(pid)
    host, boot = _machine()
    return f"{pid}-{found[1] if found else 0}-{host}{boot}"


@contextmanager
def work_folder(prefix: str = SPOOL_PREFIX) -> Iterator[Path]:
    """A temporary folder in the system temp folder, named after this process, removed on exit
    (a killed run's is removed by a later one)."""
    with tempfile.TemporaryDirectory(prefix=f"{prefix}{owner_tag()}-") as work:
        yield Path(work)


def owner_gone(match: re.Match[str]) -> bool | None:
    """True when the process named in a working folder's name has ended, False when it runs,
    None when that cannot be told from here."""
    if match.group("pid") is None:
        return None  # an older version's name
    pid, start = int(match["pid"]), int(match["start"])
    host, boot = _machine()
    if match["host"] != host or pid <= 0:  # another machine's process cannot be seen from here
        return None
    if match["boot"] != boot:
        return True  # made before the machine last started
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return True
    except PermissionError:
        pass  # another user's process holds the ID now: its start time tells
    found = _process_stat(pid)
    if found is None or not start:
        return None
    return found[0] in ("Z", "X") or found[1] != start


def tag_gone(tag: str) -> bool | None:
    """:func:`owner_gone` for a tag on its own (as the case index keeps it for a pending clip)."""
    match = re.fullmatch(_OWNER, tag)
    return owner_gone(match) if match else None


def remove_leftovers(folders: Iterable[Path], temp: bool = True) -> list[Path]:
    """Remove what killed runs left in ``folders`` (output folders: staged report folders, the
    overview's ``.part`` file, and the report folders' own ``.part`` files) and, with ``temp``,
    their decode spools in the system temp folder. Returns what was removed. Never raises: a
    leftover that cannot be removed now is tried again next time."""
    if not hasattr(os, "geteuid"):  # no owner to check (Windows): remove nothing
        return []
    candidates = [c for folder in folders for c in _in_output(Path(folder))]
    if temp:
        candidates += _in_temp(Path(tempfile.gettempdir()))
    now = time.time()
    return [path for path, owner in candidates if _remove_if_abandoned(path, owner, now)]


_Candidate = tuple[Path, re.Match[str] | None]  # a path, and its name's match when a folder


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as found:
            return list(found)
    except OSError:
        return []


def _in_output(folder: Path) -> Iterator[_Candidate]:
    for entry in _entries(folder):
        path = Path(entry.path)
        if match := STAGE.fullmatch(entry.name):
            yield path, match
        elif OVERVIEW_PART.fullmatch(entry.name):
            yield path, None
        elif REPORT_DIR.fullmatch(entry.name) and entry.is_dir(follow_symlinks=False):
            if not (path / JOURNAL).exists():
                yield from ((path / part, None) for part in PAGE_PARTS)
            parts = (e for e in _entries(path) if MANIFEST_PART.fullmatch(e.name))
            yield from ((Path(e.path), None) for e in parts)


def _in_temp(folder: Path) -> Iterator[_Candidate]:
    for entry in _entries(folder):
        match = SPOOL.fullmatch(entry.name)
        # The temp folder is everyone's: a name without this tool's owner tag counts as a
        # spool only when it holds nothing but what a decode writes.
        if match and (match["pid"] is not None or _holds_only_spool_files(Path(entry.path))):
            yield Path(entry.path), match


def _holds_only_spool_files(folder: Path) -> bool:
    return all(_SPOOL_FILES.fullmatch(entry.name) for entry in _entries(folder))


def _remove_if_abandoned(path: Path, owner: re.Match[str] | None, now: float) -> bool:
    try:
        info = path.lstat()
    except OSError:
        return False
    is_dir = owner is not None
    kind = stat.S_ISDIR(info.st_mode) if is_dir else stat.S_ISREG(info.st_mode)
    if not kind or info.st_uid != os.geteuid():
        return False
    gone = owner_gone(owner) if owner else None
    if gone is False or (gone is None and now - _last_change(path, info) < STALE_AFTER_S):
        return False
    try:
        if is_dir:
            shutil.rmtree(path)
        else:
            path.unlink()
    except FileNotFoundError:
        return False  # another run removed it first
    except OSError as exc:
        log.warning("%s: left over from an interrupted run, cannot be removed (%s)", path, exc)
        return False
    log.info("%s: removed, left over from an interrupted run", path)
    return True


def _last_change(path: Path, info: os.stat_result) -> float:
    """The newest modification time of ``path`` and, for a folder, of everything in it."""
    newest = info.st_mtime
    if stat.S_ISDIR(info.st_mode):
        for root, dirs, files in os.walk(path):
            for name in (*dirs, *files):
                with suppress(OSError):  # removed meanwhile
                    newest = max(newest, os.lstat(os.path.join(root, name)).st_mtime)
    return newest
