"""``verify``: does a report still stand? Its files, its evidence and its findings, checked again.

For a report folder (or its ``report.json``):

1. every file against the folder's ``manifest.json`` (same size and SHA-256; none missing, none
   added);
2. the evidence at its recorded path (or the one given) against the record's SHA-256, and the
   custody log against itself (in time order; every event that read the evidence read those
   same bytes);
3. the deterministic part of the analysis done again, the way ``analyze`` does it (probe,
   metadata, one decode, frame hashes), and compared with the record. With the ffmpeg the
   record names, frame hashes must be equal; with another build they may differ in a few bits
   of 64 (swscale scales a little differently), so up to ``HASH_BITS`` is allowed then and the
   answer says so.

For a case folder, its own manifest (overview, case snapshot, each report's manifest), then
every report folder the case snapshot lists. Each difference is one sentence naming the file
and what changed; none means the outputs are as they were written.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from forensics.atomic import JOURNAL
from forensics.describe import read_evidence
from forensics.errors import BadInputError, ForensicsError
from forensics.media.identity import file_digests
from forensics.media.toolchain import find_toolchain
from forensics.records import AnalysisRecord, read_record, to_dict
from forensics.report.manifest import MANIFEST, SNAPSHOT, file_entry, report_files
from forensics.triage import read_key_frames

HASH_BITS = 8  # of 64: measured at most 4 between ffmpeg builds on the sample case
PDQ_BITS = 16  # of 256: measured at most 2 between ffmpeg builds on the sample case


@dataclass(frozen=True)
class Verified:
    """What checking one folder found: ``differences`` empty means it stands as written."""

    folder: Path
    checked: tuple[str, ...]  # what was checked, in words
    differences: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.differences


def verify(paths: Sequence[Path | str], evidence: Path | str | None = None,
           redo: bool = True) -> list[Verified]:  # fmt: skip
    """Check each report folder, ``report.json`` or case folder in ``paths``."""
    found: list[Verified] = []
    for path in map(Path, paths):
        folder = path.parent if path.name == "report.json" else path
        if not folder.is_dir():
            raise BadInputError(f"{path}: no such report or case folder")
        if (folder / SNAPSHOT).is_file():
            found.extend(verify_case(folder, redo))
        elif (folder / "report.json").is_file() or (folder / MANIFEST).is_file():
            found.append(verify_report(folder, Path(evidence) if evidence else None, redo))
        else:
            raise BadInputError(f"{folder}: neither a report folder nor a case folder")
    return found


def verify_case(folder: Path, redo: bool) -> Iterator[Verified]:
    """The case's own manifest, then every report folder its snapshot lists."""
    yield Verified(folder, ("case manifest",), tuple(check_manifest(folder, case=True)))
    try:
        snapshot = json.loads((folder / SNAPSHOT).read_text(encoding="utf-8"))
        reports = [c["report"] for c in snapshot["clips"] if c.get("report")]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        yield Verified(folder, ("case snapshot",), (f"{SNAPSHOT}: cannot be read ({exc})",))
        return
    for report in reports:
        target = (folder / report).resolve()
        if not target.is_dir():
            yield Verified(target, (), (f"{target}: the report folder is gone",))
        else:
            yield verify_report(target, None, redo)


def verify_report(folder: Path, evidence: Path | None, redo: bool) -> Verified:
    checked = ["manifest"]
    differences = check_manifest(folder)
    try:
        record = read_record(folder / "report.json")
    except ForensicsError as exc:
        return Verified(folder, tuple(checked), (*differences, str(exc)))
    source = evidence or Path(record.file.path)
    checked += ["evidence", "custody log"]
    problems = check_evidence(record, source) + check_custody(record)
    differences += problems
    if redo and not problems:
        checked.append("analysis done again")
        differences += check_analysis(record, source)
    return Verified(folder, tuple(checked), tuple(differences))


def check_manifest(folder: Path, case: bool = False) -> list[str]:
    """Every file the manifest lists, as it lists it; for a report folder, no file it omits."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        listed = {f["path"]: f for f in manifest["files"]}
    except FileNotFoundError:
        return [f"{folder / MANIFEST}: no manifest, so nothing in the folder can be checked"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return [f"{folder / MANIFEST}: cannot be read ({exc})"]
    out = []
    if (folder / JOURNAL).is_file():
        out.append(f"{folder}: an update of this report was stopped halfway; the next forensics "
                   "analyze or forensics report on the case finishes it")  # fmt: skip
    for relative, expected in sorted(listed.items()):
        path = folder / relative
        if not path.is_file():
            out.append(f"{path}: listed in the manifest but missing")
            continue
        actual = file_entry(path, folder)
        if actual["sha256"] != expected.get("sha256"):
            out.append(f"{path}: SHA-256 {actual['sha256']} on disk, {expected.get('sha256')} "
                       f"in the manifest ({actual['size']} bytes now, {expected.get('size')} "
                       "then): the file changed")  # fmt: skip
    if not case:
        for path in report_files(folder):
            if Path(path.relative_to(folder)).as_posix() not in listed:
                out.append(f"{path}: not in the manifest (added after the report was written)")
    return out


def check_evidence(record: AnalysisRecord, source: Path) -> list[str]:
    if not source.is_file():
        return [f"{source}: the evidence is not at this path (recorded SHA-256 "
                f"{record.file.sha256}); give its copy with --evidence"]  # fmt: skip
    try:
        sha256 = file_digests(source)[0]
    except BadInputError as exc:
        return [str(exc)]
    if sha256 != record.file.sha256:
        return [f"{source}: SHA-256 {sha256}, but the report is of {record.file.sha256}: this "
                "is not the evidence that was analysed, or it changed"]  # fmt: skip
    return []


def check_custody(record: AnalysisRecord) -> list[str]:
    """The log in time order, and every read of the evidence a read of the same bytes."""
    out = []
    times = [e.at_utc for e in record.custody]
    if times != sorted(times):
        out.append("report.json: the custody log is not in time order")
    for number, event in enumerate(record.custody, 1):
        for read in event.read:
            if read.path == record.file.path and read.sha256 not in (None, record.file.sha256):
                out.append(f"report.json: custody event {number} ({event.action}) read "
                           f"{read.sha256}, not the evidence {record.file.sha256}")  # fmt: skip
    if record.custody and record.custody[0].action != "collected":
        out.append("report.json: the custody log does not start where the evidence was collected")
    return out


def check_analysis(record: AnalysisRecord, source: Path) -> list[str]:
    """Probe, metadata and frame hashes again, compared with the record."""
    tools = find_toolchain()
    same_ffmpeg = tools.ffmpeg_version == record.tool.ffmpeg_version
    read = read_key_frames if record.triaged else read_evidence  # as deep as the report
    with tempfile.TemporaryDirectory(prefix="forensics-verify-") as stage:
        reading = read(source, tools, Path(stage), lambda _msg: None)
    out = _differ("media", to_dict(record.media), to_dict(reading.media))
    out += _differ("metadata", to_dict(record.metadata), to_dict(reading.metadata))
    out += _compare_frames(record, reading.frames, same_ffmpeg)
    if out and not same_ffmpeg:
        out.append(
            f"(the report was made with ffmpeg {record.tool.ffmpeg_version}, this check "
            f"ran {tools.ffmpeg_version}: frame hashes were allowed {HASH_BITS} bits)"
        )
    return out


def _compare_frames(record: AnalysisRecord, frames: Sequence[Any], same: bool) -> list[str]:
    if len(frames) != len(record.frames):
        return [f"frames: {len(frames)} sampled now, {len(record.frames)} in the report"]
    allowed = 0 if same else HASH_BITS
    for old, new in zip(record.frames, frames, strict=True):
        if old.time != new.time:
            return [f"frames: a frame at {new.time.seconds:.3f} s now, "
                    f"{old.time.seconds:.3f} s in the report"]  # fmt: skip
        bits = bin(int(old.phash, 16) ^ int(new.phash, 16)).count("1")
        if bits > allowed:
            return [f"frames: the pHash at {old.time.seconds:.3f} s is {new.phash} now, "
                    f"{old.phash} in the report ({bits} bits apart)"]  # fmt: skip
        pdq_bits = _bits(old.pdq, new.pdq)
        if pdq_bits > (0 if same else PDQ_BITS):
            return [f"frames: the PDQ at {old.time.seconds:.3f} s is {pdq_bits} bits of 256 "
                    "from the report's"]  # fmt: skip
    return []


def _bits(a: str | None, b: str | None) -> int:
    """Bits apart of two hex hashes; 0 when either is absent (a record made before PDQ)."""
    return bin(int(a, 16) ^ int(b, 16)).count("1") if a and b else 0


def _differ(name: str, recorded: Any, now: Any, path: str = "") -> list[str]:
    """Each leaf where the two JSON shapes disagree, as ``name.key: now X, recorded Y``."""
    if isinstance(recorded, dict) and isinstance(now, dict):
        keys = sorted(set(recorded) | set(now))
        return [d for k in keys for d in _differ(name, recorded.get(k), now.get(k), f"{path}.{k}")]
    if isinstance(recorded, list) and isinstance(now, list) and len(recorded) == len(now):
        return [d for i, (a, b) in enumerate(zip(recorded, now, strict=True))
                for d in _differ(name, a, b, f"{path}[{i}]")]  # fmt: skip
    if recorded != now:
        return [f"{name}{path}: {now!r} now, {recorded!r} in the report"]
    return []
