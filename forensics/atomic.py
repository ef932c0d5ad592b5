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


# Several files of one folder replaced together (a report's JSON, page and manifest): each new
# file is written whole beside its target first, then a journal naming them is written (the
# commit point), then each is moved into place. A run stopped before the journal exists leaves
# the old files untouched (its parts are leftovers, see media.workdirs); one stopped after it is
# finished by the next run that takes the folder's lock (:func:`finish_replacing`), so the
# folder never stays half old, half new.
JOURNAL = ".replacing"


def part_of(folder: Path, name: str) -> Path:
    """Where the new ``name`` is written before it is moved into place."""
    return folder / f".{name.lstrip('.')}.part"


def replace_together(folder: Path, files: dict[str, str], what: str = "cannot be rewritten"
                     ) -> None:  # fmt: skip
    """Replace ``folder/NAME`` with ``TEXT`` for every NAME of ``files``: all of them, or (when
    this fails or is stopped before the journal is written) none."""
    if any(not _plain_name(name) for name in files):
        raise ValueError(f"not plain file names: {sorted(files)}")
    try:
        for name, text in files.items():
            _write_part(part_of(folder, name), text)
        _write_part(part_of(folder, JOURNAL), "".join(f"{name}\n" for name in files))
        os.replace(part_of(folder, JOURNAL), folder / JOURNAL)  # committed
    except OSError as exc:
        for name in (*files, JOURNAL):
            part_of(folder, name).unlink(missing_ok=True)
        raise ReportWriteError(f"{folder}: {what} ({exc})") from None
    finish_replacing(folder)


def finish_replacing(folder: Path) -> list[str]:
    """Move into place what an interrupted :func:`replace_together` had committed; the names
    moved (none when nothing was pending). Call it holding the lock the writers hold."""
    journal = folder / JOURNAL
    try:
        names = [n for n in journal.read_text(encoding="utf-8").splitlines() if _plain_name(n)]
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportWriteError(f"{journal}: cannot read the replacement journal ({exc})") from None
    try:
        for name in names:
            _move_part(part_of(folder, name), folder / name)
        journal.unlink(missing_ok=True)
    except OSError as exc:
        raise ReportWriteError(f"{folder}: cannot finish replacing {names} ({exc})") from None
    return names


def _move_part(part: Path, target: Path) -> None:
    try:
        os.replace(part, target)
    except FileNotFoundError:
        if not target.exists():  # moved already (a run stopped after this one), else lost
            raise


def _write_part(part: Path, text: str) -> None:
    with part.open("w", encoding="utf-8", newline="\n") as stream:
        stream.write(text)
        stream.flush()
        os.fsync(stream.fileno())  # on disk before the journal says it is there
    os.chmod(part, 0o644)


def _plain_name(name: str) -> bool:
    """A file name of the folder itself (the journal is read back from disk: never a path)."""
    return bool(name) and not name.startswith(".") and not set(name) & {"/", "\\", "\0"}
