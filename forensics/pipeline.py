"""``analyze``: the steps in order, from an evidence path to a written report folder.

1. identify      the evidence's hashes and size; it is only ever opened read-only
2. link claims   the case file's entry and every claim linked to the clip (fails fast)
3. read          probe, metadata, one decode: frames, hashes, thumbnails, keyframes, features,
                 and the on-screen text of its frames (captions, channels' marks, HUD)
4. flag          what the metadata and the decode say about the file's history
5. check case    join the case index and find the footage shared with every other clip
6. check claims  the captions read as claims (on-screen claims), then every claim against the
                 record, and the clip's own checks (opposing sides, on-screen text)
7. write report  report.json and report.html, swapped into place atomically
8. update case   the other reports sharing footage, and clips found while this one was written
9. overview      the case overview page, rewritten with this clip in it

Steps 1-4 need no case state (:mod:`forensics.describe`): a batch (:mod:`forensics.batch`)
runs them in other processes and hands each result to :func:`join`, steps 5-9, in this process.
Each step is a function of the records before it. A failure in steps 1-7 leaves nothing
behind (the report folder is staged, the index join rolled back); a failure of step 8 is a
finding in this clip's report, since its own analysis stands.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from forensics.case.index import CaseIndex, IndexedClip
from forensics.case.join import CaseJoin, joining
from forensics.case.search import CaseMatch, find_in_case, lead_flag
from forensics.case.update import CaseUpdate, reuse_entry, update_case
from forensics.claims.checks import apply_checks
from forensics.claims.onscreen import with_onscreen_claims
from forensics.custody import event, with_event
from forensics.describe import Described, describe, earlier_identity, link_claims, unpack
from forensics.errors import ForensicsError, ReportWriteError
from forensics.media.identity import identify
from forensics.media.toolchain import find_toolchain
from forensics.media.workdirs import remove_leftovers
from forensics.records import AnalysisRecord, Flag, read_record, record_to_dict
from forensics.report.clip import rewrite_report, safe_name, staged_folder, write_report
from forensics.report.manifest import write_case_manifest
from forensics.report.overview import write_overview
from forensics.reuse.features import ClipFeatures
from forensics.reuse.onscreen import clip_text
from forensics.triage import check_triage, describe_triage, earlier_triage

log = logging.getLogger(__name__)
Progress = Callable[[str], None]


@dataclass(frozen=True)
class AnalysisResult:
    record: AnalysisRecord
    report_dir: Path
    data: dict[str, Any]  # the record as report.json holds it

    @property
    def html(self) -> Path:
        return self.report_dir / "report.html"


@dataclass(frozen=True)
class Joined:
    """The clip as it joined the case in step 5, and what it found there."""

    index: CaseIndex
    clip: IndexedClip
    matches: tuple[CaseMatch, ...]


def analyze(
    path: Path | str,
    out_dir: Path | str = "reports",
    case_file: Path | str | None = None,
    claim_files: Sequence[Path | str] = (),
    progress: Progress | None = None,
    index_dir: Path | str | None = None,
    read_text: bool = True,
    triage: bool = False,
    pages: bool = True,
) -> AnalysisResult:
    """Analyse one clip or still and write its report folder under ``out_dir``.

    With ``index_dir``, the clip joins that folder's case index and is checked against every
    clip already in it. If anything fails before its report is in place, it leaves the index
    again, as its report was never written. Without ``read_text`` the on-screen text is not
    read (it costs more than the decode itself), and the report says so. With ``triage`` only
    its key frames are decoded (:mod:`forensics.triage`); a full analysis of a file the index
    holds a triage of takes the triage's hashes and probe, and replaces its entry. Without
    ``pages`` the case overview and manifest are left for the caller to refresh
    (:func:`refresh_case_pages`): a batch does it once, not after every clip.
    """
    step = progress or (lambda _msg: None)
    path = Path(path)
    remove_leftovers([Path(out_dir)])  # what runs killed earlier left behind (media.workdirs)
    tools = find_toolchain()
    step("hashing file")
    earlier = None if triage else earlier_triage(_folder(index_dir), path)
    reused = earlier_identity(path, earlier) if earlier else None
    identity = reused or identify(path)
    earlier = earlier if reused else None
    entry, claims = link_claims(path, identity.sha256, case_file, claim_files)
    destination = Path(out_dir) / safe_name(identity.name, identity.sha256)
    if triage:
        return _join(destination, out_dir, index_dir, step, lambda stage: describe_triage(
            path, tools, identity, entry, claims, stage, step), pages)  # fmt: skip
    return _join(destination, out_dir, index_dir, step, lambda stage: describe(
        path, tools, identity, entry, claims, stage, step, read_text, earlier), pages)  # fmt: skip


def _folder(index_dir: Path | str | None) -> Path | None:
    return Path(index_dir) if index_dir is not None else None


def join(described: Described, out_dir: Path | str = "reports",
         index_dir: Path | str | None = None, progress: Progress | None = None,
         pages: bool = True) -> AnalysisResult:  # fmt: skip
    """Steps 5-9 of a clip described in another process (:func:`forensics.describe.
    describe_apart`): its pictures go into a staged report folder under ``out_dir``, then it
    joins the case as :func:`analyze` would have joined it (``pages`` as there)."""
    file = described.record.file
    destination = Path(out_dir) / safe_name(file.name, file.sha256)
    return _join(destination, out_dir, index_dir, progress or (lambda _msg: None),
                 lambda stage: _unpacked(described, stage), pages)  # fmt: skip


def _unpacked(described: Described, stage: Path) -> Described:
    unpack(described, stage)
    return replace(described, files=())


def _join(destination: Path, out_dir: Path | str, index_dir: Path | str | None, step: Progress,
          describe_into: Callable[[Path], Described], pages: bool = True,
          ) -> AnalysisResult:  # fmt: skip
    """Steps 3-9 (or 5-9 of a clip described elsewhere): ``describe_into`` fills the staged
    report folder, and the clip joins the case (if ``index_dir``) only once it is described;
    step 9 (the case pages) only with ``pages``."""
    rollback = joining(Path(index_dir)) if index_dir is not None else nullcontext(None)
    with rollback as case:
        record, joined = _analyze_into(describe_into, destination, case, step)
        if case is not None:
            case.finish()  # the report is in place: the clip is part of the case now
    if joined is not None:
        step("updating the case")
        _update_case(joined, destination)
        if pages:
            _refresh_overview(joined.index, Path(out_dir))
    # As this analysis wrote it: later clips (step 8 included) may add to the report on disk.
    return AnalysisResult(record=record, report_dir=destination, data=record_to_dict(record))


def _analyze_into(
    describe_into: Callable[[Path], Described], destination: Path, case: CaseJoin | None,
    step: Progress,
) -> tuple[AnalysisRecord, Joined | None]:  # fmt: skip
    """Steps 3-7, into a staged report folder that takes its place only when complete."""
    joined = None
    with staged_folder(destination) as stage:
        described = describe_into(stage)
        record = described.record
        if case is not None and record.triaged:  # key frames looked up by hash only
            step("looking key frames up in the case")
            record, index, clip = check_triage(case, record, described.features, destination)
            joined = Joined(index, clip, ())
        elif case is not None:  # joined only now: a refused clip writes nothing at all
            step("checking the case for shared footage")
            record, joined = check_case(case, record, described.features, destination)
        step("reading on-screen claims")
        record = with_onscreen_claims(record)  # captions' facts: the picture's own claims
        step("checking claims")
        record = apply_checks(record)
        step("writing report")
        record = with_event(record, event("report written", ("forensics.report.clip.write_report",
                                          str(destination)), note=WRITTEN))  # fmt: skip
        write_report(stage, record)
    return record, joined


def check_case(case: CaseJoin, record: AnalysisRecord, features: ClipFeatures | None,
               destination: Path) -> tuple[AnalysisRecord, Joined]:  # fmt: skip
    """Join the case index, then compare with every other clip (in that order: see
    case.index). The shared-footage flags come with the claim checks, made from these."""
    features = features or ClipFeatures(record.media.duration_s or 0.0, (0, 0), ())
    index, clip = case.join(record, features, destination)
    found = find_in_case(index, clip, features, record.frames) if features.frames else None
    matches = tuple(found.matches) if found else ()
    text = clip_text(record)  # compared with each other clip's, as its report holds it
    reuse = tuple(reuse_entry(m, destination, record.frame_images, text) for m in matches)
    others = found.clips if found else len(index.clips()) - 1
    scope = found.scope() if found else "not checked: no frame of this clip has enough texture"
    compared = event("compared", ("forensics.case.search.find_in_case", str(index.path)),
                     note=f"{scope}; {len(matches)} share footage with this clip")  # fmt: skip
    leads = tuple(lead_flag(m) for m in found.leads) if found else ()  # a still layer only
    record = replace(record, reuse=reuse, reuse_checked=others, reuse_scope=scope,
                     custody=(*record.custody, compared),
                     flags=(*record.flags, *leads))  # fmt: skip
    return record, Joined(index, clip, matches)


def _update_case(joined: Joined, folder: Path) -> CaseUpdate:
    """Step 8; what it could not do becomes a finding in this clip's report."""
    update = update_case(joined.index, joined.clip, joined.matches, folder, rewrite_report)
    for problem in update.problems:  # said at the terminal too: the report is already written
        log.warning("%s", problem)
    if update.problems:
        _note_problems(joined.index, folder, update)
    return update


def _note_problems(index: CaseIndex, folder: Path, update: CaseUpdate) -> None:
    problems = "; ".join(update.problems)
    message = (f"The case could not be brought fully up to date with this clip: {problems}. "
               "Run forensics report to rebuild the pages.")  # fmt: skip
    try:
        with index.exclusive():  # another run may be adding itself to this report
            record = read_record(folder / "report.json")
            flags = (*record.flags, Flag("case_update_incomplete", "low", message))
            noted = event("updated", ("forensics.pipeline.analyze",), note=message)
            rewrite_report(folder, with_event(replace(record, flags=flags), noted))
    except ForensicsError as exc:
        log.error("%s: report not updated with the case update's problems (%s)", folder, exc)


WRITTEN = "every file of the report folder is listed with its SHA-256 in manifest.json"


def refresh_case_pages(index_dir: Path | str, out_dir: Path | str) -> None:
    """Step 9 on its own: the overview and the case manifest of the case at ``index_dir``,
    as they stand now. The overview reads every clip's report, so its cost grows with the
    case: a batch calls this once at its end (and now and then on a long one), not per clip."""
    _refresh_overview(CaseIndex(Path(index_dir)), Path(out_dir))


def _refresh_overview(index: CaseIndex, out_dir: Path) -> None:
    """Step 9, under the case lock: of two runs finishing at once, the later one renders what
    both added. The case manifest is written even when the overview cannot be (step 8 changed
    reports it covers); if either fails, the run fails with the cause, though the clip's own
    report stands and is in the case."""
    failed: list[str] = []
    with index.exclusive():
        for write in (lambda: write_overview(index.folder, out_dir),
                      lambda: write_case_manifest(index, out_dir)):  # fmt: skip
            try:
                write()
            except (OSError, ValueError, KeyError, ForensicsError) as exc:
                failed.append(str(exc))
    if failed:
        raise ReportWriteError(f"{out_dir}: the clip's report is written and in the case, but "
                               f"the case pages are not up to date ({'; '.join(failed)}); run "
                               "forensics report when this is fixed")  # fmt: skip
