"""Triage: a first look at a clip for a fraction of a full decode (``analyze --triage``).

Only the key frames are decoded (ffmpeg ``-skip_frame nokey``: on a 2-minute 720p H.264 clip
about a twentieth of a full decode), hashed and described; the file is hashed and probed as
in a full analysis. The clip joins the case index with them, and its key frames' pHashes, as
they are and mirrored, are looked up among every frame hash of the case: plain and mirrored
reposts of footage already in the case come out as leads to verify. The look-up reads the
case's stored shortlist tables, as a full analysis's search does
(:mod:`forensics.case.shortlist`), so its cost does not grow with the case.

What triage cannot see is said in the record (``Depth.not_seen``) and in the report (the
``triage_only`` finding). A later full analysis of the same, unchanged file takes the
triage's hashes and probe (:func:`earlier_triage`) and replaces its entry in the case.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from forensics.case import shortlist
from forensics.case.index import INDEX_FILE, CaseIndex, IndexedClip
from forensics.case.join import CaseJoin
from forensics.case.shortlist import Hit
from forensics.custody import event
from forensics.describe import (
    Described,
    Progress,
    Reading,
    describe,
    first_events,
    flag,
    read_container,
    reading_events,
    stat_key,
)
from forensics.errors import ForensicsError
from forensics.media.frames import extract
from forensics.media.hashing import detect_borders, hash_frames
from forensics.media.stills import sniff_still
from forensics.media.thumbnails import keyframes, write_frame_images
from forensics.media.toolchain import Toolchain
from forensics.media.workdirs import work_folder
from forensics.onscreen import not_read
from forensics.records import (
    AnalysisRecord,
    CaseEntry,
    ClaimRef,
    Depth,
    Digest,
    FileIdentity,
    Flag,
    FrameHash,
)
from forensics.reuse.features import ClipFeatures, describe_samples
from forensics.triage_limit import TRIAGE_ABOVE

HASH_RADIUS = 10  # bits of 64, as the case search's shortlist: re-encodes stay within it
MIN_KEY_HITS = 2  # key frames of this clip near one clip's frames (fewer if it has fewer)
EXAMPLES = 3  # frame pairs named in a lead
NOT_SEEN = (
    "frames between key frames: only key frames were decoded, so a shared stretch is placed "
    "to within the key-frame interval, not measured",
    "reuse that was altered: cropped, inset, rotated, sped up or slowed down, reversed or "
    "with inverted grey levels (key frames are matched by whole-frame pHash, as they are "
    "and mirrored, never verified with local features)",
    "reposts whose key frames fall at other moments than the frames stored in the case (two "
    "triaged clips are compared key frame to key frame)",
    "on-screen text: captions, channels' marks and HUD telemetry were not read",
    "decode damage and truncation between key frames",
    "what stays still in the picture (a HUD, a template, a fixed camera's background), which "
    "a full analysis tells from shared footage",
)
TEXT_NOT_READ = not_read("on-screen text was not read: triage decodes key frames only; a full "
                         "analysis reads it")  # fmt: skip


def triage_by_default(clips: int) -> bool:
    """Whether ``ingest --analyze`` triages a collection of ``clips`` unless told otherwise."""
    return clips > TRIAGE_ABOVE


def triage_notice(clips: int) -> str:
    """The line that says a collection is being triaged, and how to go further."""
    return (f"{clips} clips to analyse, more than {TRIAGE_ABOVE}: triaging them (key frames "
            "only; each report says what that does not see); ingest --analyze --full, or "
            "forensics analyze --case DIR CLIP..., analyses them fully")  # fmt: skip


def describe_triage(path: Path, tools: Toolchain, identity: FileIdentity,
                    entry: CaseEntry | None, claims: Sequence[ClaimRef], stage: Path,
                    step: Progress) -> Described:  # fmt: skip
    """Steps 3-4 of a triage: the probe, the key frames' hashes, thumbnails and features, and
    the flags they allow. A still is one picture: it is read whole, as a full analysis does."""
    if sniff_still(path):
        return describe(path, tools, identity, entry, claims, stage, step, read_text=False)
    step("reading metadata")
    reading = read_key_frames(path, tools, stage, step)
    evidence = Digest(identity.path, identity.sha256)
    first = first_events(identity, claims)  # stamped before the reads that follow them
    *probes, decode = reading_events(reading, evidence, tools)
    decode = replace(decode, note=f"key frames only (-skip_frame nokey); {decode.note}")
    step("flagging")
    record = flag(reading, identity, entry, claims, tools)
    depth = Depth("triage", f"key frames only: {len(reading.frames)} decoded and hashed",
                  NOT_SEEN, file_stat=stat_key(path))  # fmt: skip
    record = replace(record, custody=(*first, *probes, decode),
                     depth=depth, flags=(*record.flags, triage_flag(depth)))  # fmt: skip
    return Described(record, reading.features)


def read_key_frames(path: Path, tools: Toolchain, stage: Path, step: Progress) -> Reading:
    """The probe, then one decode of the key frames: their thumbnails into ``stage``, their
    hashes (inside any black bars) and local features (stored in the case index, so a later
    full analysis of another clip can verify footage it shares with these key frames)."""
    key_dir = stage / "keyframes"
    key_dir.mkdir()
    media, metadata, probes = read_container(path, tools)
    with work_folder() as work:
        step("decoding key frames")
        extraction = extract(path, media, tools, key_dir, Path(work), text=False,
                             keys_only=True)  # fmt: skip
        samples = extraction.samples
        crop = detect_borders(s.gray for s in samples)
        step("hashing key frames")
        hashes = hash_frames(samples, crop)
        features = ClipFeatures(media.duration_s or (extraction.decoded_until_s or 0.0),
                                extraction.sample_size, describe_samples(samples))  # fmt: skip
        frame_images = write_frame_images(samples, stage)
    return Reading(
        media=media, metadata=metadata, crop=crop, frames=hashes,
        keyframes=keyframes(extraction, crop, key_dir),
        decoded_until_s=None,  # key frames end before the clip does: no truncation check
        decode_errors=extraction.errors, commands=(*probes, extraction.command),
        features=features, frame_images=frame_images, working=extraction.working,
        onscreen=TEXT_NOT_READ,
    )  # fmt: skip


def triage_flag(depth: Depth) -> Flag:
    """The finding that says, in the report itself, what this analysis did not look at."""
    return Flag("triage_only", "info",
                f"Triage: {depth.note}. Not seen, which a full analysis (forensics analyze "
                f"without --triage) adds: {'; '.join(depth.not_seen)}.")  # fmt: skip


@dataclass(frozen=True)
class Lead:
    """Another clip of the case whose stored frames are near this clip's key frames."""

    other: IndexedClip
    pairs: tuple[Hit, ...]  # this key frame's t, the other's t,
    # mirrored, distance: the nearest frame of the other clip to each matching key frame
    key_frames: int  # of this clip's informative key frames

    @property
    def mirrored(self) -> bool:
        return sum(p[2] for p in self.pairs) * 2 > len(self.pairs)

    def flag(self) -> Flag:
        how = "mirrored" if self.mirrored else "as they are"
        pairs = ", ".join(f"{a:.2f} s ~ {b:.2f} s ({d} bits)" for a, b, _, d in
                          sorted(self.pairs)[:EXAMPLES])  # fmt: skip
        return Flag("possible_repost", "medium",
                    f"{len(self.pairs)} of this clip's {self.key_frames} key frames match "
                    f"frames of {self.other.name} {how} (pHash within {HASH_RADIUS} bits; "
                    f"this clip ~ the other: {pairs}): likely shared footage. Triage did not "
                    "verify it or measure the stretch: a full analysis of this clip "
                    "does.")  # fmt: skip


def check_triage(case: CaseJoin, record: AnalysisRecord, features: ClipFeatures | None,
                 destination: Path) -> tuple[AnalysisRecord, CaseIndex, IndexedClip]:  # fmt: skip
    """Step 5 of a triage: join the case index, then look this clip's key frames up among
    every frame hash of the case; each clip found is a ``possible_repost`` lead."""
    features = features or ClipFeatures(record.media.duration_s or 0.0, (0, 0), ())
    index, clip = case.join(record, features, destination)
    others = {c.id: c for c in index.clips() if c.id != clip.id}
    leads, frames = find_leads(index, clip.id, record.frames, others)
    keys = sum(f.informative for f in record.frames)
    scope = (f"triage: this clip's {keys} informative key frames were looked up (pHash as is "
             f"and mirrored, within {HASH_RADIUS} bits) among {frames:,} frames of the "
             f"{len(others)} other clip(s); altered reuse (cropped, inset, rotated, re-timed) "
             "is not found this way")  # fmt: skip
    looked = event("compared", ("forensics.triage.find_leads", str(index.path)),
                   note=f"{scope}; {len(leads)} lead(s)")  # fmt: skip
    record = replace(record, reuse_checked=len(others), reuse_scope=scope,
                     custody=(*record.custody, looked),
                     flags=(*record.flags, *(lead.flag() for lead in leads)))  # fmt: skip
    return record, index, clip


def find_leads(index: CaseIndex, clip_id: int, hashes: Sequence[FrameHash],
               others: dict[int, IndexedClip]) -> tuple[list[Lead], int]:  # fmt: skip
    """The clips with frames within HASH_RADIUS of at least MIN_KEY_HITS of these key frames
    (fewer when this clip, or the other, has fewer frames to match: a triaged clip may have a
    single key frame), most key frames first; and the frames searched. The key frames are
    looked up, as they are and mirrored, in the case's stored shortlist tables, the ones a
    full analysis's search reads (:mod:`forensics.case.shortlist`): no clip's hashes are read
    one by one, so a triage costs about the same in a case of ten clips or of a thousand."""
    tables = index.shortlist_tables()
    stored = {c: n for c, n in shortlist.stored_frames(tables).items() if c in others}
    informative = [h for h in hashes if h.informative]
    frames = sum(stored.values())
    if not informative or not frames:
        return [], frames
    found = shortlist.hash_pairs(tables, clip_id, informative, HASH_RADIUS, 1,
                                 shortlist.PLAIN_AND_MIRRORED)  # fmt: skip
    leads = []
    for other, hits in found.items():
        if other not in others:
            continue
        nearest: dict[float, Hit] = {}  # per key frame, its nearest frame of the other clip
        for hit in hits:
            if hit[0] not in nearest or hit[3] < nearest[hit[0]][3]:
                nearest[hit[0]] = hit
        if len(nearest) >= min(MIN_KEY_HITS, len(informative), stored.get(other, 0)):
            leads.append(Lead(others[other], tuple(nearest.values()), len(informative)))
    return sorted(leads, key=lambda lead: (-len(lead.pairs), lead.other.id)), frames


def earlier_triage(index_dir: Path | None, path: Path) -> AnalysisRecord | None:
    """The triage of this very file stored in the case index, if its report is in place and
    the file has not changed since (:func:`forensics.describe.stat_key`); else None."""
    if index_dir is None or not (index_dir / INDEX_FILE).is_file():
        return None
    try:
        key, where = stat_key(path), str(path.resolve())
        index = CaseIndex(index_dir, create=False)
        for clip in index.clips(pending=False):
            if clip.path != where:
                continue
            record = index.record(clip.id)
            if record.triaged and record.depth is not None and record.depth.file_stat == key:
                return record
    except (OSError, ForensicsError):
        return None  # the analysis then reads everything itself, and says why if it cannot
    return None
