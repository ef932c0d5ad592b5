"""Export a case's hashes for sharing: vPDQ files, python-threatexchange signal lines and pHash
tables (formats in :mod:`forensics.case.hashformats`), so others can check or match the footage
without the files.

Everything comes from the records in the case index: nothing is decoded again. Files are named
only by the evidence's SHA-256 (never by its file name), each is written under a temporary name
in the target folder and renamed into place, and the target may not be a folder that holds
evidence. ``index.json`` is written last and lists what the export holds; the files a previous
export listed there and this one did not write (a clip that left the case) are removed. The same
case exports to the same bytes: the clips go in SHA-256 order and nothing records the time.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from forensics.atomic import write_atomic
from forensics.case.hashformats import (
    EXPORT_INDEX,
    EXPORT_SCHEMA,
    FORMATS,
    PHASH_SUFFIX,
    SIGNALS_FILE,
    VPDQ_SUFFIX,
    has_pdq,
    phash_text,
    signal_lines,
    signals_text,
    vpdq_text,
)
from forensics.case.index import INDEX_FILE, CaseIndex, IndexedClip
from forensics.errors import BadInputError, RecordError, ReportWriteError
from forensics.records import AnalysisRecord
from forensics.version import __version__

DEFAULT_FOLDER = "hashes"  # inside the case folder
SHA256 = re.compile(r"[0-9a-f]{64}")
MD5 = re.compile(r"[0-9a-f]{32}")
OWN_FILE = re.compile(r"[0-9a-f]{64}(?:\.vpdq|\.phash\.csv)|" + re.escape(SIGNALS_FILE))


@dataclass(frozen=True)
class HashExport:
    """What an export wrote: ``out`` is the folder (or, for ``te`` alone written to a file
    name, that file), ``clips`` the SHA-256 of every clip exported, ``problems`` one line per
    clip left out of some or all formats, naming the clip and why."""

    out: Path
    written: tuple[Path, ...]
    clips: tuple[str, ...]
    problems: tuple[str, ...]


def export_case_hashes(case: Path, out: Path | None = None, formats: str = "all") -> HashExport:
    """Write the hashes of every clip of the case in folder ``case`` in ``formats`` (``vpdq``,
    ``te``, ``phash`` or ``all``) into ``out`` (default: ``hashes/`` in the case folder)."""
    chosen = FORMATS if formats == "all" else (formats,)
    if not set(chosen) <= set(FORMATS):
        raise BadInputError(f"unknown hash format {formats!r} (one of {', '.join(FORMATS)}, all)")
    if not (case / INDEX_FILE).is_file():
        raise BadInputError(f"{case}: no case index here (run forensics analyze first)")
    records, problems = read_records(CaseIndex(case, create=False))
    target = out if out is not None else case / DEFAULT_FOLDER
    as_file = chosen == ("te",) and bool(target.suffix) and not target.is_dir()
    folder = target.parent if as_file else target
    refuse_evidence_folder(folder, records)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportWriteError(f"{folder}: cannot create the export folder ({exc})") from None
    for record in records:
        if not has_pdq(record) and {"vpdq", "te"} & set(chosen):
            problems.append(f"{shown(record.file.name)} ({record.file.sha256[:12]}): analysed "
                            "before PDQ was computed, so it has no vPDQ or pdq lines; run "
                            "forensics analyze on it again")  # fmt: skip
    if as_file:
        write_atomic(target, signals_text(signal_lines(r) for r in records))
        return HashExport(target, (target,), tuple(r.file.sha256 for r in records), tuple(problems))
    written = write_folder(folder, records, chosen)
    return HashExport(folder, written, tuple(r.file.sha256 for r in records), tuple(problems))


def read_records(index: CaseIndex) -> tuple[list[AnalysisRecord], list[str]]:
    """Every readable record of the case, in SHA-256 order, and one line per clip whose record
    cannot be read or names no proper digest (its SHA-256 would become a file name). A clip
    still pending (its analysis running, or killed before its report was written) is not yet
    part of the case."""
    records, problems = [], []
    for clip in index.clips(pending=False):
        try:
            record = index.record(clip.id)
            if not (SHA256.fullmatch(record.file.sha256) and MD5.fullmatch(record.file.md5)):
                raise RecordError("its file digests are not SHA-256 and MD5 hex strings")
        except (RecordError, ValueError) as exc:
            problems.append(f"{describe(clip)}: stored record unreadable, left out ({exc})")
            continue
        records.append(record)
    return sorted(records, key=lambda r: r.file.sha256), [shown(p) for p in problems]


def refuse_evidence_folder(folder: Path, records: Sequence[AnalysisRecord]) -> None:
    """An export never lands beside the evidence: not in a folder holding a clip of the case."""
    where = folder.resolve()
    for record in records:
        if Path(record.file.path).resolve().parent == where:
            raise BadInputError(f"{folder}: holds evidence of the case ({shown(record.file.name)})"
                                "; export the hashes into another folder")  # fmt: skip


def write_folder(folder: Path, records: Sequence[AnalysisRecord], chosen: Sequence[str]
                 ) -> tuple[Path, ...]:  # fmt: skip
    """One file per clip and format, the signal file, then ``index.json``; files a previous
    export listed and this one no longer writes are removed last."""
    written: list[Path] = []
    entries = []
    for record in records:
        files = clip_files(record, chosen)
        for name, text in files.items():
            written.append(write_atomic(folder / name, text))
        entries.append(index_entry(record, files))
    if "te" in chosen:
        text = signals_text(signal_lines(r) for r in records)
        written.append(write_atomic(folder / SIGNALS_FILE, text))
    previous = listed_files(folder / EXPORT_INDEX)
    index = {"schema": EXPORT_SCHEMA, "tool": {"name": "forensics", "version": __version__},
             "formats": list(chosen), "signals": SIGNALS_FILE if "te" in chosen else None,
             "clips": entries}  # fmt: skip
    written.append(write_atomic(folder / EXPORT_INDEX, json.dumps(index, indent=2) + "\n"))
    for stale in previous - {p.name for p in written}:
        (folder / stale).unlink(missing_ok=True)
    return tuple(written)


def clip_files(record: AnalysisRecord, chosen: Sequence[str]) -> dict[str, str]:
    """File name (from the SHA-256) -> text, for each chosen per-clip format that applies."""
    files = {}
    if "vpdq" in chosen and record.frames and has_pdq(record):
        files[record.file.sha256 + VPDQ_SUFFIX] = vpdq_text(record)
    if "phash" in chosen and record.frames:
        files[record.file.sha256 + PHASH_SUFFIX] = phash_text(record)
    return files


def index_entry(record: AnalysisRecord, files: dict[str, str]) -> dict[str, Any]:
    """A clip in ``index.json``: its digests and what was exported of it, without its file name
    (a name can say more about a source than the hashes do)."""
    qualities = [f.pdq_quality for f in record.frames if f.pdq_quality is not None]
    return {
        "sha256": record.file.sha256, "md5": record.file.md5, "kind": record.media.kind,
        "duration_s": record.media.duration_s, "frames": len(record.frames),
        "frames_with_pdq": len(qualities),
        "vpdq": next((n for n in files if n.endswith(VPDQ_SUFFIX)), None),
        "phash": next((n for n in files if n.endswith(PHASH_SUFFIX)), None),
        "analysed_with": {"forensics": record.tool.version,
                          "ffmpeg": record.tool.ffmpeg_version},
    }  # fmt: skip


def listed_files(index: Path) -> set[str]:
    """The files an earlier export's ``index.json`` lists (only names this export writes)."""
    try:
        data = json.loads(index.read_text(encoding="utf-8"))
        names = [data["signals"]] + [c[k] for c in data["clips"] for k in ("vpdq", "phash")]
    except (OSError, ValueError, KeyError, TypeError):
        return set()
    return {n for n in names if isinstance(n, str) and OWN_FILE.fullmatch(n)}


def describe(clip: IndexedClip) -> str:
    return f"{clip.name} ({clip.sha256[:12]})"


def shown(text: str) -> str:
    """``text`` on one line: control characters (a newline in a file name) escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
