"""``analyze``: the steps in order, from an evidence path to a written report folder.

identify -> probe -> interpret metadata -> link claims -> extract frames -> hash -> frame
thumbnails -> keyframes -> flag -> check the case -> check claims -> write report. Each step is
a function of the records before it.
"""

from __future__ import annotations

import importlib.metadata
import logging
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from forensics import __version__
from forensics.case.casefile import CaseEntry, claims_for, entry_for, find_case_file, load_case
from forensics.case.index import CaseIndex, IndexedClip
from forensics.case.search import CaseMatch, find_in_case, release_facts
from forensics.case.update import add_missed_reuse, match_to_dict, update_earlier_reports
from forensics.claims.checks import apply_checks
from forensics.claims.linking import load_claim
from forensics.errors import BadInputError, ForensicsError
from forensics.media.flags import FlagInputs, evaluate
from forensics.media.frames import (
    SAMPLE_INTERVAL_S,
    THUMB_LONG_SIDE,
    Extraction,
    SampledFrame,
    extract,
    fit_long_side,
)
from forensics.media.hashing import apply_crop, detect_borders, hash_frames, hash_image, scale_crop
from forensics.media.identity import identify
from forensics.media.mediainfo import is_still, media_info
from forensics.media.metadata import interpret, scoped_tags
from forensics.media.probe import probe
from forensics.media.stills import (
    exif_gps,
    exif_strings,
    open_image,
    read_exif,
    sniff_still,
    still_media,
)
from forensics.media.thumbnails import write_frame_images
from forensics.media.toolchain import Toolchain, find_toolchain
from forensics.records.analysis import (
    AnalysisRecord,
    ClaimRef,
    Crop,
    FileIdentity,
    Flag,
    FrameHash,
    FrameImage,
    Keyframe,
    MediaInfo,
    Metadata,
    Timestamp,
    ToolInfo,
)
from forensics.records.schema import SCHEMA_VERSION, record_to_dict
from forensics.report.clip import safe_name, staged_folder, write_report
from forensics.report.overview import write_overview
from forensics.reuse.features import ClipFeatures, describe_samples

log = logging.getLogger(__name__)
MAX_KEYFRAMES = 60
LIBRARIES = ("opencv-python-headless", "imagehash", "numpy", "pillow", "av", "exifread",
             "ffmpeg-python", "imageio-ffmpeg", "jinja2")  # fmt: skip
Progress = Callable[[str], None]


@dataclass(frozen=True)
class AnalysisResult:
    record: AnalysisRecord
    report_dir: Path
    data: dict[str, Any]

    @property
    def html(self) -> Path:
        return self.report_dir / "report.html"


def analyze(
    path: Path | str,
    out_dir: Path | str = "reports",
    case_file: Path | str | None = None,
    claim_files: Sequence[Path | str] = (),
    progress: Progress | None = None,
    index_dir: Path | str | None = None,
) -> AnalysisResult:
    """Analyse one clip or still and write its report folder under ``out_dir``.

    With ``index_dir``, the clip joins that folder's case index and is checked against every
    clip already in it. If anything fails after it joined, it leaves the index again, as its
    report was never written.
    """
    step = progress or (lambda _msg: None)
    path = Path(path)
    tools = find_toolchain()
    step("hashing file")
    identity = identify(path)
    entry, claims = link_claims(path, identity.sha256, case_file, claim_files)
    destination = Path(out_dir) / safe_name(identity.name, identity.sha256)
    joined: list[tuple[CaseIndex, IndexedClip, list[CaseMatch]]] = []
    try:
        result = _analyze_into(path, tools, identity, entry, claims, destination,
                               Path(index_dir) if index_dir is not None else None, joined,
                               step)  # fmt: skip
    except BaseException:
        for index, clip, _ in joined:
            index.remove(clip.id)
        raise
    for index, clip, matches in joined:  # now that this report exists, link back to it
        problems = update_earlier_reports(index, clip, matches)
        problems += add_missed_reuse(index, clip, result.report_dir)
        for problem in problems:
            log.warning("%s", problem)
        _refresh_overview(index, Path(out_dir))
    return result


def _refresh_overview(index: CaseIndex, out_dir: Path) -> None:
    """Rewrite the case overview with this clip in it; a failure leaves the clip's own report
    standing (``forensics report`` rebuilds the overview later)."""
    try:  # written atomically; of two runs finishing at once, the later one's page stands
        write_overview(index.folder, out_dir)
    except (OSError, ValueError, KeyError, ForensicsError) as exc:
        log.warning("%s: case overview not updated (%s)", out_dir, exc)


def _analyze_into(
    path: Path, tools: Toolchain, identity: FileIdentity, entry: CaseEntry | None,
    claims: list[ClaimRef], destination: Path, index_dir: Path | None,
    joined: list[tuple[CaseIndex, IndexedClip, list[CaseMatch]]], step: Progress,
) -> AnalysisResult:  # fmt: skip
    with staged_folder(destination) as stage:
        step("reading metadata")
        reading = read_evidence(path, tools, stage, step)
        step("flagging")
        flags = evaluate(FlagInputs(
            identity=identity, media=reading.media, metadata=reading.metadata,
            case=entry, crop=reading.crop, frames=reading.frames,
            decoded_until_s=reading.decoded_until_s, decode_errors=reading.decode_errors,
        ))  # fmt: skip
        record = AnalysisRecord(
            schema=SCHEMA_VERSION, tool=tool_info(tools, reading.commands), file=identity,
            media=reading.media, metadata=reading.metadata, flags=flags, crop=reading.crop,
            frames=reading.frames, keyframes=reading.keyframes, claims=tuple(claims),
            case=entry.to_dict() if entry else None, frame_images=reading.frame_images,
        )  # fmt: skip
        if index_dir is not None:  # opened only now: a refused clip writes nothing at all
            step("checking the case for shared footage")
            record = check_case(CaseIndex(index_dir), record, reading.features, destination,
                                joined)  # fmt: skip
        step("checking claims")
        record = check_claims(record)
        step("writing report")
        data = write_report(stage, record)
    return AnalysisResult(record=record, report_dir=destination, data=data)


def check_case(
    index: CaseIndex, record: AnalysisRecord, features: ClipFeatures | None, destination: Path,
    joined: list[tuple[CaseIndex, IndexedClip, list[CaseMatch]]],
) -> AnalysisRecord:  # fmt: skip
    """Join the case index, then compare with every other clip (in that order: see caseindex)."""
    data = record_to_dict(record)
    actor, released = release_facts(data["case"], data["claims"])
    features = features or ClipFeatures(record.media.duration_s or 0.0, (0, 0), ())
    clip = index.add(data, features, destination, actor, released)
    matches: list[CaseMatch] = []
    joined.append((index, clip, matches))
    found = find_in_case(index, clip, features, record.frames) if features.frames else None
    matches.extend(found.matches if found else [])
    reuse = tuple(match_to_dict(m, destination, data["frame_images"]) for m in matches)
    others = found.clips if found else len(index.clips()) - 1
    scope = found.scope() if found else "not checked: no frame of this clip has enough texture"
    # The shared-footage flags come with the claim checks (``check_claims``), made from these.
    return replace(record, reuse=reuse, reuse_checked=others, reuse_scope=scope)


def check_claims(record: AnalysisRecord) -> AnalysisRecord:
    """The claims checked against the record (as its JSON, the way a later clip rechecks
    them), and the flags that restate the checks."""
    data = apply_checks(record_to_dict(record))
    flags = tuple(Flag(f["code"], f["severity"], f["message"]) for f in data["flags"])
    return replace(record, flags=flags, checks=tuple(data["checks"]))


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


def read_evidence(path: Path, tools: Toolchain, stage: Path, step: Progress) -> Reading:
    """Everything the evidence says, its keyframes and frame thumbnails written into ``stage``
    (the report folder being built)."""
    key_dir = stage / "keyframes"
    key_dir.mkdir()
    still = sniff_still(path)
    if still:
        return read_still(path, still, key_dir)
    result = probe(path, tools)
    if is_still(result.raw):
        raise BadInputError(f"{path}: a single image in a format this tool does not read")
    media = media_info(path, result)
    metadata = interpret(scoped_tags(media))
    with tempfile.TemporaryDirectory(prefix="forensics-") as work:
        step("decoding frames")
        extraction = extract(path, media, tools, key_dir, Path(work))
        crop = detect_borders(s.gray for s in extraction.samples)
        step("hashing frames")
        frames = hash_frames(extraction.samples, crop)
        step("writing frame thumbnails")
        frame_images = write_frame_images(extraction.samples, stage)
        step("describing frames")
        described = describe_samples(extraction.samples)
    duration = media.duration_s or (extraction.decoded_until_s or 0) + SAMPLE_INTERVAL_S
    return Reading(
        media=media, metadata=metadata, crop=crop, frames=frames,
        keyframes=keyframes(extraction, crop, key_dir),
        decoded_until_s=extraction.decoded_until_s,
        decode_errors=extraction.errors,
        commands=(*result.commands, extraction.command),
        features=ClipFeatures(duration, extraction.sample_size, described),
        frame_images=frame_images,
    )  # fmt: skip


def keyframes(extraction: Extraction, crop: Crop | None, key_dir: Path) -> tuple[Keyframe, ...]:
    """Keep at most MAX_KEYFRAMES shots (the first, then the strongest cuts), in time order."""
    shots = list(extraction.shots)
    if len(shots) > MAX_KEYFRAMES:
        ranked = sorted(shots[1:], key=lambda s: -(s.scene_score or 0))[: MAX_KEYFRAMES - 1]
        shots = [shots[0], *sorted(ranked, key=lambda s: s.time.seconds)]
    kept = []
    for number, shot in enumerate(shots, start=1):
        target = key_dir / f"{number:04d}.jpg"
        shot.path.rename(target)
        gray = np.asarray(Image.open(target).convert("L"))
        thumb_crop = scale_crop(crop, extraction.sample_size, (gray.shape[1], gray.shape[0]))
        phash = hash_image(apply_crop(gray, thumb_crop))[0]
        kept.append(Keyframe(time=shot.time, image=f"keyframes/{target.name}", phash=phash,
                             scene_score=shot.scene_score))  # fmt: skip
    for leftover in key_dir.glob("shot_*.jpg"):
        leftover.unlink()
    return tuple(kept)


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


def tool_info(tools: Toolchain, commands: tuple[tuple[str, ...], ...]) -> ToolInfo:
    return ToolInfo(
        name="forensics", version=__version__, ffmpeg=tools.ffmpeg,
        ffmpeg_version=tools.ffmpeg_version, ffmpeg_source=tools.ffmpeg_source,
        probe_backend=tools.probe_backend, libraries=library_versions(), commands=commands,
    )  # fmt: skip


def library_versions() -> dict[str, str]:
    versions = {}
    for name in LIBRARIES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
    return versions
