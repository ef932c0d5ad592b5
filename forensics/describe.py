"""Steps 1-4 of one clip's analysis (see :mod:`forensics.pipeline`): what the evidence says
on its own, before the case is looked at. They need no case state, so a batch
(:mod:`forensics.batch`) runs them in other processes or on other machines and hands the
result, a :class:`Described`, to the one writer that joins it to the case.

1. identify      the evidence's hashes and size; it is only ever opened read-only
2. link claims   the case file's entry and every claim linked to the clip (fails fast)
3. read          probe, metadata, one decode: frames, hashes, thumbnails, keyframes, features,
                 and the on-screen text of its frames (captions, channels' marks, HUD)
4. flag          what the metadata and the decode say about the file's history
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path

import numpy as np

from forensics.case.casefile import CaseEntry, claims_for, entry_for, find_case_file, load_case
from forensics.claims.linking import load_claim
from forensics.custody import event
from forensics.errors import BadInputError
from forensics.media.flags import FlagInputs, evaluate
from forensics.media.frames import (
    SAMPLE_INTERVAL_S,
    THUMB_LONG_SIDE,
    SampledFrame,
    fit_long_side,
)
from forensics.media.hashing import hash_frames
from forensics.media.identity import check_readable, identify, utc_iso
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
from forensics.media.workdirs import work_folder
from forensics.onscreen import OnscreenReading, not_read, reading_beside
from forensics.provenance import tool_info
from forensics.records import (
    SCHEMA_VERSION,
    AnalysisRecord,
    ClaimRef,
    Crop,
    CustodyEvent,
    Depth,
    Digest,
    FileIdentity,
    FrameHash,
    FrameImage,
    Keyframe,
    MediaInfo,
    Metadata,
    Timestamp,
)
from forensics.reuse.decoding import decode_clip, picture_features
from forensics.reuse.features import ClipFeatures

Progress = Callable[[str], None]
FULL_STILL = "the picture read whole"
STILL_TEXT = not_read("on-screen text was not read: it is read in moving pictures only, so far")
TEXT_NOT_ASKED = not_read("on-screen text was not read: analyze ran with --no-onscreen-text")


@dataclass(frozen=True)
class Described:
    """One clip after steps 1-4: the record so far (identity, claims, media, frames, on-screen
    text, flags, custody) and its local features, kept in the case index. ``files`` holds the
    pictures the decode wrote for the report folder (keyframes, thumbnails, crops) as
    (relative path, bytes) when the clip was described in another process: a worker needs
    no access to the reports folder."""

    record: AnalysisRecord
    features: ClipFeatures | None  # a still's: its one picture as a one-frame clip
    files: tuple[tuple[str, bytes], ...] = ()


# describe's signature without its options: what a batch's worker can run instead (triage)
Describer = Callable[
    [Path, Toolchain, FileIdentity, CaseEntry | None, Sequence[ClaimRef], Path, Progress],
    Described,
]


def describe(path: Path, tools: Toolchain, identity: FileIdentity, entry: CaseEntry | None,
             claims: Sequence[ClaimRef], stage: Path, step: Progress, read_text: bool = True,
             earlier: AnalysisRecord | None = None) -> Described:  # fmt: skip
    """Steps 3-4 of an identified clip, its pictures written into ``stage``. ``earlier`` is a
    triage of this very file (unchanged since: :func:`forensics.triage.earlier_triage`), whose
    probe is taken instead of probing again; ``identity`` then comes from it too."""
    step("reading metadata")
    probed = (earlier.media, earlier.metadata, probe_commands(earlier)) if earlier else None
    reading = read_evidence(path, tools, stage, step, read_text, probed)
    evidence = Digest(identity.path, identity.sha256)
    if earlier is None:
        custody = first_events(identity, claims) + reading_events(reading, evidence, tools)
    else:  # the triage's own events say when the file was hashed and probed, and how
        kept = tuple(e for e in earlier.custody if e.action in ("collected", "hashed", "probed"))
        custody = kept + first_events(identity, claims)[2:] + reading_events(
            reading, evidence, tools)[-1:]  # fmt: skip
    step("flagging")
    record = replace(flag(reading, identity, entry, claims, tools), custody=custody,
                     depth=full_depth(reading, earlier))  # fmt: skip
    return Described(record, reading.features)


def probe_commands(record: AnalysisRecord) -> tuple[tuple[str, ...], ...]:
    """The commands a record's probe ran (every command before its decode)."""
    return tuple(e.call for e in record.custody if e.action == "probed")


def full_depth(reading: Reading, earlier: AnalysisRecord | None) -> Depth:
    """A full analysis's depth: what it decoded, and what it took from an earlier triage."""
    note = (
        FULL_STILL
        if reading.still
        else f"every frame decoded; a frame sampled every {SAMPLE_INTERVAL_S:g} s"
    )
    reused = None
    if earlier is not None:
        reused = (f"the file's SHA-256 and MD5 and its probe (streams, tags, packet times) "
                  f"from its triage of {earlier.file.analysed_at_utc}: the file is unchanged "
                  "since (same device, inode, size, modification and change times)")  # fmt: skip
    return Depth("full", note, reused=reused)


def describe_apart(path: Path, case_file: Path | None, claim_files: Sequence[Path],
                   read_text: bool = True, describer: Describer | None = None,
                   earlier: AnalysisRecord | None = None) -> Described:  # fmt: skip
    """Steps 1-4 of one clip in a process of its own (a batch's worker): the pictures are
    written into a temporary folder and returned as bytes, with the record. ``describer``
    replaces :func:`describe` (triage); ``earlier`` is a triage of the file whose hashes and
    probe a full analysis takes, when the file here is still the one it read."""
    tools = find_toolchain()
    reused = earlier_identity(path, earlier) if earlier else None
    identity = reused or identify(path)
    earlier = earlier if reused else None
    entry, claims = link_claims(path, identity.sha256, case_file, claim_files)
    with work_folder() as work:
        stage = work / "report"
        stage.mkdir()
        if describer is not None:
            described = describer(path, tools, identity, entry, claims, stage, lambda _m: None)
        else:
            described = describe(path, tools, identity, entry, claims, stage, lambda _m: None,
                                 read_text, earlier)  # fmt: skip
        return replace(described, files=pack(stage))


def earlier_identity(path: Path, earlier: AnalysisRecord) -> FileIdentity | None:
    """The identity a triage of ``path`` recorded, when the file is unchanged since (same
    device, inode, size, modification and change times: any write changes the last); None
    when it changed or is another file."""
    check_readable(path)
    if earlier.depth is None or earlier.depth.file_stat != stat_key(path):
        return None
    return replace(earlier.file, analysed_at_utc=utc_iso())


def stat_key(path: Path) -> str:
    """What tells this file from any other, or from itself after a write, without reading
    it: "device:inode:size:mtime_ns:ctime_ns" (ctime cannot be set back by a user)."""
    info = path.stat()
    return (f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:"
            f"{info.st_ctime_ns}")  # fmt: skip


def pack(stage: Path) -> tuple[tuple[str, bytes], ...]:
    """Every file under ``stage`` as (path relative to it, bytes), in a fixed order; a folder
    as its path and a final ``/`` (an empty one is part of the report folder too)."""
    found = sorted(p for p in stage.rglob("*") if not p.is_symlink())
    return tuple((f"{p.relative_to(stage).as_posix()}/", b"") if p.is_dir()
                 else (p.relative_to(stage).as_posix(), p.read_bytes())
                 for p in found if p.is_dir() or p.is_file())  # fmt: skip


def unpack(described: Described, stage: Path) -> None:
    """Write the pictures of a clip described elsewhere into ``stage``. The names came from
    another process: one that would leave ``stage`` is refused."""
    for name, data in described.files:
        parts = Path(name).parts
        if not parts or Path(name).is_absolute() or ".." in parts:
            raise BadInputError(f"{name!r}: not a path inside a report folder")
        target = stage.joinpath(*parts)
        if name.endswith("/"):
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


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
    if reading.still:  # Pillow and exifread read it
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
    features: ClipFeatures | None  # a still's one picture described as a one-frame clip
    frame_images: tuple[FrameImage, ...] = ()  # none for stills: the keyframe is the picture
    working: tuple[Digest, ...] = ()  # working copies the decode made (temporary, hashed)
    onscreen: OnscreenReading = STILL_TEXT  # a still's text is not read yet
    still: bool = False  # one picture, read by library calls (no decode)


def read_evidence(path: Path, tools: Toolchain, stage: Path, step: Progress,
                  read_text: bool = True, probed: Probed | None = None) -> Reading:  # fmt: skip
    """Everything the evidence says, its keyframes and frame thumbnails written into ``stage``
    (the report folder being built); its on-screen text unless not ``read_text``. With
    ``probed`` (what an earlier triage of the same file read) the file is not probed again."""
    key_dir = stage / "keyframes"
    key_dir.mkdir()
    still = sniff_still(path)
    if still:
        return read_still(path, still, key_dir)
    media, metadata, probes = probed or read_container(path, tools)
    picture = media.display_size or (media.width or 2, media.height or 2)
    # the text is read beside the hashing, in a thread of its own (forensics.onscreen.loading)
    with work_folder() as work, reading_beside(picture, stage, read_text) as text:
        decoded = decode_clip(path, media, tools, key_dir, Path(work), step=step, text=read_text,
                              written=text.start)  # fmt: skip
        step("writing frame thumbnails")
        frame_images = write_frame_images(decoded.extraction.samples, stage)
        if read_text:
            step("reading on-screen text")
        onscreen = text.result() or TEXT_NOT_ASKED
    extraction = decoded.extraction
    return Reading(
        media=media, metadata=metadata, crop=decoded.crop, frames=decoded.hashes,
        keyframes=keyframes(extraction, decoded.crop, key_dir),
        decoded_until_s=extraction.decoded_until_s, decode_errors=extraction.errors,
        commands=(*probes, extraction.command), features=decoded.features,
        frame_images=frame_images, working=extraction.working, onscreen=onscreen,
    )  # fmt: skip


Probed = tuple[MediaInfo, Metadata, tuple[tuple[str, ...], ...]]


def read_container(path: Path, tools: Toolchain) -> Probed:
    """The probe: the streams, the tags and the container's structure read from its bytes,
    with the commands that read them."""
    result = probe(path, tools)
    if is_still(result.raw):
        raise BadInputError(f"{path}: a single image in a format this tool does not read")
    media, metadata = read_media(path, result)
    return media, metadata, tuple(result.commands)


def read_still(path: Path, kind: str, key_dir: Path) -> Reading:
    """A still is one frame: EXIF for metadata, the picture itself as frame and keyframe, and
    its local features as a one-frame clip's (``picture_features``: the case search finds the
    clips it shows, and they find it)."""
    image = open_image(path)
    raw_exif = read_exif(path, image)
    metadata = interpret({"exif": exif_strings(raw_exif)} if raw_exif else {}, exif_gps(raw_exif))
    time = Timestamp(0, Fraction(1))
    gray = np.asarray(image.convert("L"))
    frames = hash_frames([SampledFrame(time=time, gray=gray)], None)
    thumb = image.convert("RGB")
    thumb.thumbnail(fit_long_side((image.width, image.height), THUMB_LONG_SIDE))
    thumb.save(key_dir / "0001.jpg", quality=85)
    key = Keyframe(time=time, image="keyframes/0001.jpg", phash=frames[0].phash, scene_score=None)
    return Reading(
        media=still_media(path, image, kind), metadata=metadata, crop=None, frames=frames,
        keyframes=(key,), decoded_until_s=None, decode_errors=(),
        commands=(("pillow", "open", str(path)), ("exifread", "process_file", str(path))),
        features=picture_features(gray), still=True,
    )  # fmt: skip
