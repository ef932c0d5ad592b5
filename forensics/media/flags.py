"""Findings about a file's history, each a code, a severity and one plain sentence.

Every rule is a small function over the records the earlier stages produced; ``RULES`` lists
them in the order a report shows them. Rules only read records -- they never touch the file.
What the linked claims say is checked in :mod:`forensics.claims.checks`, which also makes the flags
that restate those checks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from forensics.dates import day
from forensics.media.damage import structure_flags, tag_flags
from forensics.records import (
    CaseEntry,
    Crop,
    FileIdentity,
    Flag,
    FrameHash,
    MediaInfo,
    Metadata,
)

# Signatures of software that rewrites a file. Source: what these tools write in the
# "encoder" / "Software" / handler tags of files they produce.
ENCODER_SIGNATURES: tuple[tuple[str, str], ...] = (
    (r"^Lavf", "ffmpeg's libavformat (ffmpeg itself, or a platform or app built on it)"),
    (r"^Lavc", "ffmpeg's libavcodec (ffmpeg itself, or a platform or app built on it)"),
    (r"HandBrake", "the HandBrake transcoder"),
    (r"Adobe (Premiere|After Effects|Media Encoder)", "Adobe editing software"),
    (r"CapCut|InShot|KineMaster|VivaVideo|YouCut|Filmora|VN Video", "a phone video-editing app"),
    (r"iMovie|Final Cut|DaVinci|Resolve|Shotcut|OpenShot|Kdenlive", "desktop editing software"),
    (r"Photoshop|GIMP|Lightroom|Snapseed|PicsArt|Pixelmator", "image-editing software"),
    (r"Google", "Google's pipeline (a YouTube download)"),
    (r"TikTok|Telegram|WhatsApp|VK|Instagram", "a social platform's re-encoder"),
)
AV_TOLERANCE_S = 0.5


@dataclass(frozen=True)
class FlagInputs:
    identity: FileIdentity
    media: MediaInfo
    metadata: Metadata
    case: CaseEntry | None
    crop: Crop | None
    frames: tuple[FrameHash, ...]
    decoded_until_s: float | None
    decode_errors: tuple[str, ...]


def recognise_software(value: str) -> str | None:
    for pattern, who in ENCODER_SIGNATURES:
        if re.search(pattern, value, re.I):
            return who
    return None


def pinned_hash(x: FlagInputs) -> list[Flag]:
    if x.case and x.case.sha256 and x.case.sha256 != x.identity.sha256:
        return [
            Flag(
                "hash_mismatch",
                "high",
                f"The case file pins SHA-256 {x.case.sha256[:16]}…, "
                f"but this file hashes to {x.identity.sha256[:16]}…: it is not the same "
                "evidence the case recorded.",
            )
        ]
    return []


def creation_time(x: FlagInputs) -> list[Flag]:
    md = x.metadata
    if md.creation_time_raw and not md.creation_time:
        return [
            Flag(
                "creation_time_zeroed",
                "medium",
                f"The creation time tag holds "
                f"{md.creation_time_raw!r}: the clock was never set or the date was blanked, "
                "as re-encoders and metadata scrubbers do.",
            )
        ]
    if not md.creation_time:
        what = "EXIF capture date" if x.media.kind == "image" else "creation time"
        return [
            Flag(
                "creation_time_missing",
                "medium",
                f"No {what} in the metadata: it was "
                "stripped, as messengers and social platforms do on upload, or the file "
                "was re-encoded without it.",
            )
        ]
    created = day(md.creation_time)
    if md.creation_time.endswith("Z") and created and created > datetime.now(UTC).date():
        return [
            Flag(
                "creation_time_future",
                "medium",
                f"The creation time {md.creation_time} "
                "lies in the future: the recording device's clock was wrong or the tag "
                "was edited.",
            )
        ]
    return []


def encoder(x: FlagInputs) -> list[Flag]:
    flags = []
    seen = set()
    values = [("encoder", x.metadata.encoder), ("software", x.metadata.software)]
    values += [(f"stream {s.index} handler", s.tags.get("handler_name")) for s in x.media.streams]
    for label, value in values:
        who = recognise_software(value) if value else None
        if who and who not in seen:
            seen.add(who)
            flags.append(
                Flag(
                    "reencoded",
                    "medium",
                    f"The {label} tag {value!r} is written by "
                    f"{who}: this file was re-encoded or re-muxed after capture, so it "
                    "is not the camera original.",
                )
            )
    return flags


def device(x: FlagInputs) -> list[Flag]:
    md = x.metadata
    if not (md.make or md.model):
        return []
    name = " ".join(v for v in (md.make, md.model) if v)
    flags = [
        Flag(
            "device_tags",
            "info",
            f"Device tags name the camera as {name!r}"
            + (f" running {md.software!r}." if md.software else "."),
        )
    ]
    if md.encoder and recognise_software(md.encoder):
        flags.append(
            Flag(
                "device_tags_copied",
                "low",
                "Device tags survive beside an encoder "
                "tag from other software: they were copied across a re-encode and "
                "describe the original recording, not this file.",
            )
        )
    return flags


def location(x: FlagInputs) -> list[Flag]:
    gps = x.metadata.gps
    if gps is None:
        return []
    return [
        Flag(
            "gps_present",
            "info",
            f"The file carries a location: {gps.lat:.5f}, "
            f"{gps.lon:.5f} (from {gps.source}). Locations in tags can be edited; check "
            "them against the picture.",
        )
    ]


def frame_rate(x: FlagInputs) -> list[Flag]:
    t = x.media.timing
    if not x.media.variable_fps or not t or t.min_interval_s is None or t.max_interval_s is None:
        return []
    return [
        Flag(
            "variable_frame_rate",
            "low",
            f"Frame intervals vary from "
            f"{t.min_interval_s * 1000:.1f} to {t.max_interval_s * 1000:.1f} ms: a variable "
            "frame rate, typical of phone cameras and screen recordings.",
        )
    ]


def stream_durations(x: FlagInputs) -> list[Flag]:
    video, audio = x.media.video_duration_s, x.media.audio_duration_s
    if video is None or audio is None or abs(video - audio) <= AV_TOLERANCE_S:
        return []
    return [
        Flag(
            "av_duration_mismatch",
            "medium",
            f"Audio lasts {audio:.2f} s but video "
            f"{video:.2f} s: the sound track was replaced, cut separately or the file is "
            "damaged.",
        )
    ]


def layout(x: FlagInputs) -> list[Flag]:
    flags = []
    if x.media.rotation:
        flags.append(
            Flag(
                "rotation",
                "info",
                f"A display rotation of {x.media.rotation}° is "
                "set: players turn the picture; typical of a phone held upright.",
            )
        )
    if x.crop:
        flags.append(
            Flag(
                "black_borders",
                "low",
                "Black bars surround the picture "
                "(letterbox or pillarbox): it was placed on a larger canvas, as "
                "reposts and screen captures do. Hashes use the picture inside.",
            )
        )
    if x.media.kind == "video" and x.media.audio_codec is None:
        flags.append(
            Flag(
                "no_audio",
                "low",
                "No audio stream: camera and messenger files "
                "normally keep sound; it was removed or never recorded.",
            )
        )
    return flags


def decoding(x: FlagInputs) -> list[Flag]:
    flags = []
    # The video's own declared length when known: a clip's audio may run on after its picture
    # (av_duration_mismatch says so); only frames missing from the video are a cut.
    duration, decoded = x.media.video_duration_s or x.media.duration_s, x.decoded_until_s
    if duration and decoded is not None and decoded < duration - max(2.0, 0.05 * duration):
        flags.append(
            Flag(
                "truncated",
                "high",
                f"Frames decode only up to {decoded:.1f} s of the "
                f"{duration:.1f} s the container declares: the file is truncated or "
                "damaged.",
            )
        )
    if x.decode_errors:
        flags.append(
            Flag(
                "decode_errors",
                "medium",
                "The decoder reported errors (first: "
                f"{x.decode_errors[0][:160]!r}): parts of the file are damaged.",
            )
        )
    informative = sum(f.informative for f in x.frames)
    if x.frames and informative < len(x.frames) / 2:
        flags.append(
            Flag(
                "mostly_uninformative",
                "low",
                f"Only {informative} of "
                f"{len(x.frames)} sampled frames have enough picture to match reliably "
                "(the rest are black, flat or featureless).",
            )
        )
    return flags


def container(x: FlagInputs) -> list[Flag]:
    """What the container's own bytes say: box sizes the file does not bear out (a cut, or a
    size that cannot be), and whether the cut lost the tags."""
    return structure_flags(x.media.structure)


def tag_text(x: FlagInputs) -> list[Flag]:
    """Tags hidden after a NUL byte, and tags too long to keep whole."""
    return tag_flags(x.metadata.tag_notes)


RULES: tuple[Callable[[FlagInputs], list[Flag]], ...] = (
    pinned_hash,
    container,
    decoding,
    creation_time,
    encoder,
    tag_text,
    device,
    location,
    frame_rate,
    stream_durations,
    layout,
)


def evaluate(inputs: FlagInputs) -> tuple[Flag, ...]:
    return tuple(flag for rule in RULES for flag in rule(inputs))
