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

Each step is a function of the records before it. A failure in steps 1-7 leaves nothing
behind (the report folder is staged, the index join rolled back); a failure of step 8 is a
finding in this clip's report, since its own analysis stands.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from forensics.case.casefile import CaseEntry, claims_for, entry_for, find_case_file, load_case
from forensics.case.index import CaseIndex, IndexedClip
from forensics.case.join import CaseJoin, joining
from forensics.case.search import CaseMatch, find_in_case, lead_flag
from forensics.case.update import CaseUpdate, reuse_entry, update_case
from forensics.claims.checks import apply_checks
from forensics.claims.linking import load_claim
from forensics.claims.onscreen import with_onscreen_claims
from forensics.custody import event, with_event
from forensics.errors import BadInputError, ForensicsError, ReportWriteError
from forensics.media.flags import FlagInputs, evaluate
from forensics.media.frames import THUMB_LONG_SIDE, SampledFrame, fit_long_side
from forensics.media.hashing import hash_frames
from forensics.media.identity import identify
from forensics.media.mediainfo import is_still, read_media
from forensics.media.metadata import interpret
from forensics.media.probe import probe
from forensics.media.stills import (
    exif_gps,
    exif_strings,
    open_image,
    read_exif,
    sniff_still,
    still_media,
)
from forensics.media.thumbnails import keyframes, write_frame_images
from forensics.media.toolchain import Toolchain, find_toolchain
from forensics.media.workdirs import remove_leftovers, work_folder
from forensics.onscreen import OnscreenReading, not_read, read_onscreen
from forensics.provenance import tool_info
from forensics.records import (
    SCHEMA_VERSION,
    AnalysisRecord,
    ClaimRef,
    Crop,
    CustodyEvent,
    Digest,
    FileIdentity,
    Flag,
    FrameHash,
    FrameImage,
    Keyframe,
    MediaInfo,
    Metadata,
    Timestamp,
    read_record,
    record_to_dict,
)
from forensics.report.clip import rewrite_report, safe_name, staged_folder, write_report
from forensics.report.manifest import write_case_manifest
from forensics.report.overview import write_overview
from forensics.reuse.decoding import decode_clip
from forensics.reuse.features import ClipFeatures

log = logging.getLogger(__name__)
Progress = Callable[[str], None]
STILL_TEXT = not_read("on-screen text was not read: it is read in moving pictures only, so far")
TEXT_NOT_ASKED = not_read("on-screen text was not read: analyze ran with --no-onscreen-text")


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
) -> AnalysisResult:
    """Analyse one clip or still and write its report folder under ``out_dir``.

    With ``index_dir``, the clip joins that folder's case index and is checked against every
    clip already in it. If anything fails before its report is in place, it leaves the index
    again, as its report was never written. Without ``read_text`` the on-screen text is not
    read (it costs more than the decode itself), and the report says so.
    """
    step = progress or (lambda _msg: None)
    path = Path(path)
    remove_leftovers([Path(out_dir)])  # what runs killed earlier left behind (media.workdirs)
    tools = find_toolchain()
    step("hashing file")
    identity = identify(path)
    entry, claims = link_claims(path, identity.sha256, case_file, claim_files)
    custody = first_events(identity, claims)
    destination = Path(out_dir) / safe_name(identity.name, identity.sha256)
    rollback = joining(Path(index_dir)) if index_dir is not None else nullcontext(None)
    with rollback as case:
        record, joined = _analyze_into(path, tools, identity, entry, claims, destination, case,
                                       step, custody, read_text)  # fmt: skip
        if case is not None:
            case.finish()  # the report is in place: the clip is part of the case now
    if joined is not None:
        step("updating the case")
        _update_case(joined, destination)
        _refresh_overview(joined.index, Path(out_dir))
    # As this analysis wrote it: later clips (step 8 included) may add to the report on disk.
    return AnalysisResult(record=record, report_dir=destination, data=record_to_dict(record))


def _analyze_into(
    path: Path, tools: Toolchain, identity: FileIdentity, entry: CaseEntry | None,
    claims: list[ClaimRef], destination: Path, case: CaseJoin | None, step: Progress,
    custody: tuple[CustodyEvent, ...], read_text: bool = True,
) -> tuple[AnalysisRecord, Joined | None]:  # fmt: skip
    """Steps 3-7, into a staged report folder that takes its place only when complete."""
    joined = None
    with staged_folder(destination) as stage:
        step("reading metadata")
        reading = read_evidence(path, tools, stage, step, read_text)
        custody += reading_events(reading, Digest(identity.path, identity.sha256), tools)
        step("flagging")
        record = replace(flag(reading, identity, entry, claims, tools), custody=custody)
        if case is not None:  # joined only now: a refused clip writes nothing at all
            step("checking the case for shared footage")
            record, joined = check_case(case, record, reading.features, destination)
        step("reading on-screen claims")
        record = with_onscreen_claims(record)  # captions' facts: the picture's own claims
        step("checking claims")
        record = apply_checks(record)
        step("writing report")
        record = with_event(record, event("report written", ("forensics.report.clip.write_report",
                                          str(destination)), note=WRITTEN))  # fmt: skip
        write_report(stage, record)
    return record, joined


def flag(reading: Reading, identity: FileIdentity, entry: CaseEntry | None,
         claims: Sequence[ClaimRef], tools: Toolchain) -> AnalysisRecord:  # fmt: skip
    """The record of what the evidence says, with the flags about its history."""
    flags = evaluate(FlagInputs(
        identity=identity, media=reading.media, metadata=reading.metadata, case=entry,
        crop=reading.crop, frames=reading.frames, decoded_until_s=reading.decoded_until_s,
        decode_errors=reading.decode_errors,
    ))  # fmt: skip
    tool = tool_info(tools, reading.commands)
    onscreen = reading.onscreen
    return AnalysisRecord(
        schema=SCHEMA_VERSION, tool=replace(tool, libraries={**tool.libraries,
                                                             **onscreen.versions}),
        file=identity, media=reading.media, metadata=reading.metadata,
        flags=(*flags, *onscreen.flags), crop=reading.crop, frames=reading.frames,
        keyframes=reading.keyframes, claims=tuple(claims), case=entry,
        frame_images=reading.frame_images, onscreen_text=onscreen.texts, onscreen=onscreen.status,
        onscreen_telemetry=onscreen.telemetry,
    )  # fmt: skip


def check_case(case: CaseJoin, record: AnalysisRecord, features: ClipFeatures | None,
               destination: Path) -> tuple[AnalysisRecord, Joined]:  # fmt: skip
    """Join the case index, then compare with every other clip (in that order: see
    case.index). The shared-footage flags come with the claim checks, made from these."""
    features = features or ClipFeatures(record.media.duration_s or 0.0, (0, 0), ())
    index, clip = case.join(record, features, destination)
    found = find_in_case(index, clip, features, record.frames) if features.frames else None
    matches = tuple(found.matches) if found else ()
    reuse = tuple(reuse_entry(m, destination, record.frame_images) for m in matches)
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


def first_events(identity: FileIdentity, claims: Sequence[ClaimRef]) -> tuple[CustodyEvent, ...]:
    """Where the evidence was found and its hashes (it is opened read-only, never written),
    and the claim files read."""
    evidence = Digest(identity.path, identity.sha256)
    found = (f"{identity.size_bytes:,} bytes, modified {identity.modified_utc} by the file "
             "system; opened read-only, never written")  # fmt: skip
    events = [
        event("collected", ("os.stat", identity.path), read=[evidence], note=found),
        event("hashed", ("hashlib.sha256+md5", identity.path), read=[evidence],
              note=f"SHA-256 {identity.sha256}, MD5 {identity.md5}"),
    ]  # fmt: skip
    if claims:
        events.append(event("claims read", ("forensics.claims.linking.load_claim",),
                            read=[Digest(c.path, c.sha256) for c in claims]))  # fmt: skip
    return tuple(events)


def reading_events(reading: Reading, evidence: Digest, tools: Toolchain
                   ) -> tuple[CustodyEvent, ...]:  # fmt: skip
    """One event per command that read the evidence: the probes, then the decode (which names
    its working copies); a still is read by library calls."""
    if reading.features is None:  # a still: Pillow and exifread read it
        return tuple(event("read", c, read=[evidence]) for c in reading.commands)
    *probes, decode = reading.commands
    events = [event("probed", c, read=[evidence], ffmpeg=tools.ffmpeg_version) for c in probes]
    events.append(
        event(
            "decoded",
            decode,
            read=[evidence],
            wrote=reading.working,
            ffmpeg=tools.ffmpeg_version,
            note="working copies in a temporary folder, deleted after use",
        )
    )
    return tuple(events)


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


def link_claims(
    path: Path, sha256: str, case_file: Path | str | None, claim_files: Sequence[Path | str]
) -> tuple[CaseEntry | None, list[ClaimRef]]:
    """The case entry for this clip (explicit case file, else one found beside it) and every
    claim linked to it. Read before analysis so a broken claim fails fast, writing nothing."""
    found = Path(case_file) if case_file else find_case_file(path)
    if case_file and not Path(case_file).is_file():
        raise BadInputError(f"{case_file}: case file does not exist or is not a file")
    entry = entry_for(path, sha256, load_case(found)) if found else None
    claims = claims_for(entry) if entry else []
    for claim_path in map(Path, claim_files):
        if claim_path.is_dir():
            raise BadInputError(f"{claim_path}: is a directory, not a claim file")
        if not claim_path.is_file():
            raise BadInputError(f"{claim_path}: claim file does not exist")
        claims.append(load_claim(claim_path, "--claim"))
    return entry, claims


@dataclass(frozen=True)
class Reading:
    media: MediaInfo
    metadata: Metadata
    crop: Crop | None
    frames: tuple[FrameHash, ...]
    keyframes: tuple[Keyframe, ...]
    decoded_until_s: float | None
    decode_errors: tuple[str, ...]
    commands: tuple[tuple[str, ...], ...]
    features: ClipFeatures | None  # None for stills: one picture has no stretch to share
    frame_images: tuple[FrameImage, ...] = ()  # none for stills: the keyframe is the picture
    working: tuple[Digest, ...] = ()  # working copies the decode made (temporary, hashed)
    onscreen: OnscreenReading = STILL_TEXT  # a still's text is not read yet


def read_evidence(path: Path, tools: Toolchain, stage: Path, step: Progress,
                  read_text: bool = True) -> Reading:  # fmt: skip
    """Everything the evidence says, its keyframes and frame thumbnails written into ``stage``
    (the report folder being built); its on-screen text unless not ``read_text``."""
    key_dir = stage / "keyframes"
    key_dir.mkdir()
    still = sniff_still(path)
    if still:
        return read_still(path, still, key_dir)
    result = probe(path, tools)
    if is_still(result.raw):
        raise BadInputError(f"{path}: a single image in a format this tool does not read")
    media, metadata = read_media(path, result)  # the container's structure from its bytes too
    with work_folder() as work:
        decoded = decode_clip(path, media, tools, key_dir, Path(work), step=step, text=read_text)
        step("writing frame thumbnails")
        frame_images = write_frame_images(decoded.extraction.samples, stage)
        onscreen = TEXT_NOT_ASKED
        if read_text:
            step("reading on-screen text")
            onscreen = read_onscreen(decoded.extraction.text_frames, media.display_size
                                     or (media.width or 2, media.height or 2), stage)  # fmt: skip
    extraction = decoded.extraction
    return Reading(
        media=media, metadata=metadata, crop=decoded.crop, frames=decoded.hashes,
        keyframes=keyframes(extraction, decoded.crop, key_dir),
        decoded_until_s=extraction.decoded_until_s, decode_errors=extraction.errors,
        commands=(*result.commands, extraction.command), features=decoded.features,
        frame_images=frame_images, working=extraction.working, onscreen=onscreen,
    )  # fmt: skip


def read_still(path: Path, kind: str, key_dir: Path) -> Reading:
    """A still is one frame: EXIF for metadata, the picture itself as frame and keyframe."""
    image = open_image(path)
    raw_exif = read_exif(path, image)
    metadata = interpret({"exif": exif_strings(raw_exif)} if raw_exif else {}, exif_gps(raw_exif))
    time = Timestamp(0, Fraction(1))
    frames = hash_frames([SampledFrame(time=time, gray=np.asarray(image.convert("L")))], None)
    thumb = image.convert("RGB")
    thumb.thumbnail(fit_long_side((image.width, image.height), THUMB_LONG_SIDE))
    thumb.save(key_dir / "0001.jpg", quality=85)
    key = Keyframe(time=time, image="keyframes/0001.jpg", phash=frames[0].phash, scene_score=None)
    return Reading(
        media=still_media(path, image, kind), metadata=metadata, crop=None, frames=frames,
        keyframes=(key,), decoded_until_s=None, decode_errors=(),
        commands=(("pillow", "open", str(path)), ("exifread", "process_file", str(path))),
        features=None,
    )  # fmt: skip
