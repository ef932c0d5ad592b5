"""Joining the case: a clip is registered in the case index before it is compared (so two runs
at once always see each other), but it is part of the case only once its report is in place.

Until then it is pending, with the run that added it. If the analysis fails, the clip leaves
the index again (:func:`joining`); if the run is killed before that could happen, the next run
that opens the index finds the clip pending with its run gone and rolls it back
(:func:`roll_back_abandoned`), so the index never keeps a clip without its report.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from forensics.atomic import finish_replacing
from forensics.case.index import CaseIndex, IndexedClip
from forensics.errors import ForensicsError
from forensics.media.workdirs import owner_tag, tag_gone
from forensics.records import AnalysisRecord, read_record
from forensics.reuse.features import ClipFeatures

log = logging.getLogger(__name__)
# A pending clip whose run cannot be seen from here (another machine sharing the case folder)
# is rolled back only when it has been pending far longer than any analysis takes.
ABANDONED_AFTER = timedelta(hours=24)


def roll_back_abandoned(index: CaseIndex) -> list[str]:
    """Remove the pending clips whose run is gone; their names (each one logged)."""
    removed = []
    now = datetime.now(UTC)
    by_id = {c.id: c for c in index.clips()}
    for clip_id, owner, since in index.pending():
        gone = tag_gone(owner)
        started = datetime.fromisoformat(since.replace("Z", "+00:00"))
        if gone is False or (gone is None and now - started < ABANDONED_AFTER):
            continue
        clip = by_id.get(clip_id)
        name = clip.name if clip else f"clip {clip_id}"
        if clip is not None and _report_in_place(clip):
            index.finish(clip_id)  # killed after its report was in place: it is in the case
            log.warning("%s: its run stopped after its report was written; kept in the case "
                        "(the reports it shares footage with may not list it yet: run "
                        "forensics report)", name)  # fmt: skip
            continue
        try:
            index.remove(clip_id)
        except ForensicsError as exc:
            log.warning("%s: pending since %s, its run gone, not rolled back (%s)", name, since,
                        exc)  # fmt: skip
            continue
        log.warning("%s: rolled back from the case index: its analysis stopped before its "
                    "report was written (pending since %s)", name, since)  # fmt: skip
        removed.append(name)
    return removed


def finish_interrupted_updates(index: CaseIndex) -> None:
    """Finish the report rewrites a stopped run had committed but not moved into place
    (forensics.atomic.replace_together), under the lock every rewrite holds."""
    with index.exclusive():
        for clip in index.clips():
            if not clip.report_dir:
                continue
            try:
                if finish_replacing(Path(clip.report_dir)):
                    log.info("%s: finished the update of its report a stopped run began", clip.name)
            except ForensicsError as exc:
                log.warning("%s: %s", clip.name, exc)


def _report_in_place(clip: IndexedClip) -> bool:
    """Whether the clip's report folder holds a complete report of this very file."""
    if not clip.report_dir:
        return False
    try:
        return read_record(Path(clip.report_dir) / "report.json").file.sha256 == clip.sha256
    except ForensicsError:
        return False


class CaseJoin:
    """The case index a clip joins during one analysis, opened on first use (a clip refused
    before it joins writes nothing at all). See :func:`joining`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.index: CaseIndex | None = None
        self.joined: list[IndexedClip] = []

    def join(self, record: AnalysisRecord, features: ClipFeatures, report_dir: Path | None
             ) -> tuple[CaseIndex, IndexedClip]:  # fmt: skip
        if self.index is None:
            self.index = CaseIndex(self.folder)
            roll_back_abandoned(self.index)
            finish_interrupted_updates(self.index)
        clip = self.index.add(record, features, report_dir, pending_owner=owner_tag())
        self.joined.append(clip)
        return self.index, clip

    def finish(self) -> None:
        """The clips' reports are in place: they are part of the case now."""
        for clip in self.joined:
            if self.index is not None:
                self.index.finish(clip.id)


@contextmanager
def joining(folder: Path) -> Iterator[CaseJoin]:
    """Clips that join the case index in this block leave it again if the block fails: a
    clip whose report was never written is no part of the case. The block's failure is what
    propagates: if leaving fails too (a full disk fails both), that is logged and noted on it,
    never raised in its place, as it would hide why the clip had to leave."""
    case = CaseJoin(folder)
    try:
        yield case
    except BaseException as cause:
        for clip in case.joined:
            try:
                if case.index is not None:
                    case.index.remove(clip.id)
            except Exception as undo:
                note = (f"{clip.name} could not leave the case index after its analysis failed "
                        f"({undo}); analyse it again to replace its entry")  # fmt: skip
                log.debug("%s", note)  # the error line carries it (cli.report_error)
                cause.add_note(note)
        raise
