"""The case update: after a clip's report is in place, keep the other reports of the case in
step with it. A named step of ``analyze`` (see :mod:`forensics.pipeline`).

A report is written once, when its clip is analysed; a clip analysed later that shares its
footage adds itself to that report (under the case index's write lock), and a clip that
finished while this report was being written is added to this one once it is in place. Both
rewrite a stored record, so this stage reads records back (``report.json``) and hands the new
record to a writer the caller gives: the report stage, which this stage must not import.

This module also makes the reuse entry a report lists for another clip, with frame pairs from
both report folders.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from forensics.case.index import CaseIndex, IndexedClip
from forensics.case.search import CaseMatch, orient
from forensics.claims.checks import apply_checks
from forensics.custody import event, with_event
from forensics.errors import ForensicsError
from forensics.media.thumbnails import nearest
from forensics.records import (
    AnalysisRecord,
    Digest,
    FrameImage,
    FramePair,
    OtherClip,
    ReuseEntry,
    Segment,
    Side,
    other_side,
    read_record,
)
from forensics.reuse.compare import compare_features
from forensics.reuse.onscreen import ClipText, clip_text, with_onscreen

Writer = Callable[[Path, AnalysisRecord], None]  # rewrites the report in a folder


@dataclass(frozen=True)
class CaseUpdate:
    """What the case update changed, and what it could not do (one sentence each)."""

    changed: tuple[Path, ...] = ()  # report folders rewritten, other clips' and this one's
    problems: tuple[str, ...] = ()
    record: AnalysisRecord | None = None  # this clip's record, if clips were added to it


def reuse_entry(match: CaseMatch, report_dir: Path | None,
                frame_images: Sequence[FrameImage] = (), text: ClipText | None = None,
                ) -> ReuseEntry:  # fmt: skip
    """The reuse entry of a clip's report; ``report`` links to the other clip's report.

    With ``report_dir`` and this clip's ``frame_images``, each shared stretch gets frame
    pairs: this clip's stored frames at its start, middle and end beside the other clip's at
    the aligned times, linked into the other clip's report folder. With this clip's on-screen
    ``text``, the text each clip shows over the stretches is compared with the other's, as
    its report holds it (:mod:`forensics.reuse.onscreen`)."""
    other = match.other
    link = folder = None
    if report_dir and other.report_dir:
        folder = Path(os.path.relpath(other.report_dir, report_dir.resolve())).as_posix()
        link = f"{folder}/report.html"
    here: Side = "a" if match.this_is_a else "b"
    record = stored_record(Path(other.report_dir)) if folder and other.report_dir else None
    theirs = record.frame_images if record else ()
    pairs = tuple(frame_pairs(s.segment, here, frame_images, theirs, folder)
                  for s in match.comparison.stretches)  # fmt: skip
    comparison = match.comparison
    if text is not None and report_dir:
        other_text = clip_text(record) if record else None
        comparison = with_onscreen(comparison, *((text, other_text) if here == "a"
                                                 else (other_text, text)))  # fmt: skip
    forwarded = record.case.forwarded_from if record and record.case else None
    return ReuseEntry(
        other=OtherClip(other.name, other.sha256, other.actor, other.released, link, forwarded),
        this_side=here, order=match.order, order_known=match.order_known,
        comparison=comparison, frame_pairs=pairs if report_dir else (),
    )  # fmt: skip


def stored_record(folder: Path) -> AnalysisRecord | None:
    """The record a report folder holds; None when it is unreadable (its frame pairs then
    show a placeholder, not a broken image, and its text is not compared)."""
    try:
        return read_record(folder / "report.json")
    except ForensicsError:
        return None


def frame_pairs(
    segment: Segment, here: Side, mine: Sequence[FrameImage], theirs: Sequence[FrameImage],
    their_folder: str | None,
) -> tuple[FramePair, ...]:  # fmt: skip
    """At the start, middle and end of a shared stretch on this clip (side ``here``), this
    clip's stored frame nearest each, the time the alignment puts that frame at on the other
    clip, and the other clip's stored frame nearest that time (each within 0.5 s; None when
    there is none)."""
    there = other_side(here)
    pairs = []
    for point, t in segment.points(here):
        this_frame = nearest(mine, t)
        # aligned from the frame shown, so the pair is as close as the samples allow
        shown = _t(this_frame) if this_frame else t
        # never past the other side's stretch: the next shot there is no part of the match
        other_t = min(max(segment.aligned_time(here, shown), segment.start(there)),
                      segment.end(there))  # fmt: skip
        other_frame = nearest(theirs, other_t)
        pairs.append(FramePair(
            at=point, this_t=round(t, 3), other_t=round(other_t, 3),
            this_image=this_frame.image if this_frame else None,
            this_image_t=_t(this_frame) if this_frame else None,
            other_image=f"{their_folder}/{other_frame.image}" if other_frame else None,
            other_image_t=_t(other_frame) if other_frame else None,
        ))  # fmt: skip
    return tuple(pairs)


def _t(frame: FrameImage) -> float:
    return round(frame.time.seconds, 6)  # as report.json holds it


def update_case(index: CaseIndex, clip: IndexedClip, matches: Sequence[CaseMatch],
                folder: Path, write: Writer) -> CaseUpdate:  # fmt: skip
    """Add ``clip`` to the reports of the clips it shares footage with, then add to its own
    report (in ``folder``) the clips that found footage with it while it was being written.
    Whatever is wrong with another clip's report, this clip's analysis stands: each failure
    is one sentence in ``problems``."""
    changed, problems = _update_earlier_reports(index, clip, matches, write)
    try:
        record, missed, more = _add_missed_reuse(index, clip, folder, write)
    except (ForensicsError, OSError) as exc:
        record, missed, more = None, False, (f"{folder}: clips found meanwhile not added ({exc})",)
    return CaseUpdate(changed + ((folder,) if missed else ()), problems + more,
                      record if missed else None)  # fmt: skip


def _update_earlier_reports(index: CaseIndex, clip: IndexedClip, matches: Sequence[CaseMatch],
                            write: Writer) -> tuple[tuple[Path, ...], tuple[str, ...]]:  # fmt: skip
    changed: list[Path] = []
    problems: list[str] = []
    pending = {clip_id for clip_id, _, _ in index.pending()}
    for match in matches:
        # A clip still pending has no report yet: its own run adds this clip once it is
        # written (_add_missed_reuse there), so there is nothing to update, and no failure.
        if not match.other.report_dir or match.other.id in pending:
            continue
        folder = Path(match.other.report_dir)
        seen_from_other = CaseMatch(clip, match.comparison, not match.this_is_a, match.order,
                                    match.order_known)  # fmt: skip
        try:
            with index.exclusive():  # two runs may update the same report at once
                record = read_record(folder / "report.json")
                checked = index.checked_with(match.other.id)
                write(folder, with_entry(record, seen_from_other, folder, checked))
            changed.append(folder)
        except (ForensicsError, OSError) as exc:
            problems.append(f"{folder}: report not updated with {clip.name} ({exc})")
    return tuple(changed), tuple(problems)


def _add_missed_reuse(index: CaseIndex, clip: IndexedClip, folder: Path, write: Writer
                      ) -> tuple[AnalysisRecord | None, bool, tuple[str, ...]]:  # fmt: skip
    """This clip's report with the clips that compared with it while it was being written
    (their run could not update a report not yet in place). Under the index's write lock, so
    no third run changes the report meanwhile."""
    problems: list[str] = []
    added = False
    with index.exclusive():
        record = read_record(folder / "report.json")
        listed = {e.other.sha256 for e in record.reuse}
        ids = {c.id: c for c in index.clips()}
        for stored in index.reuse(involving=clip.id):
            other = ids.get(stored.b_id if stored.a_id == clip.id else stored.a_id)
            if not stored.comparison.shared or other is None or other.sha256 in listed:
                continue
            try:
                comparison = compare_features(clip.name, index.features(clip.id),
                                              other.name, index.features(other.id))  # fmt: skip
                if comparison.shared:
                    match = orient(comparison, clip, other)
                    record = with_entry(record, match, folder, index.checked_with(clip.id))
                    added = True
            except ForensicsError as exc:
                problems.append(f"{folder}: {other.name} not added to the report ({exc})")
        if added:
            write(folder, record)
    return record, added, tuple(problems)


def with_entry(record: AnalysisRecord, match: CaseMatch, folder: Path, checked: int
               ) -> AnalysisRecord:  # fmt: skip
    """The record with ``match`` listed (replacing an earlier entry for the same clip), and
    what follows from it: the shared-footage flags, and the claims' checks (earliest release,
    opposing sides). ``reuse_scope`` keeps saying how the analysis itself searched."""
    entry = reuse_entry(match, folder, record.frame_images, clip_text(record))
    kept = tuple(e for e in record.reuse if e.other.sha256 != entry.other.sha256)
    added = event(
        "updated",
        ("forensics.case.update.update_case", str(folder)),
        read=[Digest(match.other.path, match.other.sha256)],
        note=f"{match.other.name} shares footage with this clip: listed, checks recomputed",
    )
    record = replace(record, reuse=(*kept, entry), reuse_checked=checked)
    return with_event(apply_checks(record), added)
