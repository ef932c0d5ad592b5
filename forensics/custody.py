"""Custody events: one place that stamps each step with the time, the tool and the ffmpeg it
ran (see :mod:`forensics.records.custody` for what the log is). Stage-level code calls
:func:`event`; the pipeline decides which steps log what."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from forensics.media.identity import file_digests, utc_iso
from forensics.records import AnalysisRecord, CustodyEvent, Digest
from forensics.version import __version__

TOOL = f"forensics {__version__}"


def event(action: str, call: Sequence[str], read: Iterable[Digest] = (),
          wrote: Iterable[Digest] = (), ffmpeg: str | None = None,
          note: str | None = None) -> CustodyEvent:  # fmt: skip
    return CustodyEvent(at_utc=utc_iso(), action=action, tool=TOOL, ffmpeg=ffmpeg,
                        call=tuple(str(c) for c in call), read=tuple(read), wrote=tuple(wrote),
                        note=note)  # fmt: skip


def with_event(record: AnalysisRecord, new: CustodyEvent) -> AnalysisRecord:
    """The record with ``new`` appended to its custody log (history is never rewritten)."""
    return replace(record, custody=(*record.custody, new))


def digest(path: Path) -> Digest:
    """A file as it is now: its path and the SHA-256 of its bytes."""
    return Digest(str(path), file_digests(path)[0])
