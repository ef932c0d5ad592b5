"""Building the three clips: the ministry release, the legion release (decoding the ministry's
encoded strike 3), and the aggregator's letterboxed, stripped repost; then checking their tags.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np

from .common import LEGION_CLIP, MOD_CLIP, REPOST_CLIP, SEED
from .encode import aac, decode, encode, probe_tags, x264
from .hud import shade_box, text
from .mp4tags import set_encoder_tags
from .releases import REUSE, legion_plan, mod_plan
from .sound import soundtrack, write_wav
from .terrain import Terrain
from .timeline import ClipPlan, render_frames

MOD_TAGS = {
    "title": "Strikes on sabotage group, Belgorod region",
    "creation_time": "2023-05-23T08:40:12.000000Z",
}


MOD_ENCODER = ("Lavf58.76.100", "Lavc58.134.100 libx264")  # claims an FFmpeg 4.4 re-encode


LEGION_TAGS = {
    "com.apple.quicktime.make": "Apple",
    "com.apple.quicktime.model": "iPhone 11",
    "com.apple.quicktime.software": "16.4.1",
    "com.apple.quicktime.creationdate": "2023-05-22T14:31:07+0300",
    "com.apple.quicktime.location.ISO6709": "+50.4790+035.6180+180.000/",
    "creation_time": "2023-05-22T11:31:07.000000Z",
}


LEGION_ENCODER = ("Lavf60.3.100", "Lavc60.3.100 libx264")  # an FFmpeg 6.0 re-encode


def tag_args(tags: dict[str, str], video_handler: str, audio_handler: str) -> list[str]:
    args = [arg for key, value in tags.items() for arg in ("-metadata", f"{key}={value}")]
    return [
        *args,
        "-metadata:s:v:0",
        f"handler_name={video_handler}",
        "-metadata:s:a:0",
        f"handler_name={audio_handler}",
    ]


def build_release(
    ffmpeg: str,
    plan: ClipPlan,
    terrain: Terrain,
    out: Path,
    kbps: tuple[int, int],
    tags: list[str],
    seed: int,
) -> None:
    """Render, add the soundtrack, encode; used for both the ministry and the legion clip."""
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "sound.wav"
        write_wav(wav, soundtrack(plan, seed))
        encode(
            ffmpeg,
            render_frames(plan, terrain, seed),
            (plan.width, plan.height),
            plan.fps,
            ["-i", str(wav)],
            ["-map", "0:v:0", "-map", "1:a:0", *x264(kbps[0]), *aac(kbps[1]), *tags],
            out,
        )


def build_mod(ffmpeg: str, terrain: Terrain, out: Path) -> ClipPlan:
    plan = mod_plan(terrain)
    build_release(
        ffmpeg,
        plan,
        terrain,
        out,
        (170, 32),
        tag_args(MOD_TAGS, "VideoHandler", "SoundHandler"),
        SEED + 1,
    )
    set_encoder_tags(out, *MOD_ENCODER)
    return plan


def build_legion(ffmpeg: str, terrain: Terrain, mod_clip: Path, out: Path) -> ClipPlan:
    """The legion's cut; its strike-3 segment is decoded from the ministry's *encoded* clip,
    as a re-user would have it, generation loss included."""
    first = round(REUSE["mod_start"] * 25)
    last = round(REUSE["mod_end"] * 25)
    reused = [f for i, f in enumerate(decode(ffmpeg, mod_clip, (640, 360))) if first <= i < last]
    plan = legion_plan(terrain, reused)
    tags = [
        *tag_args(LEGION_TAGS, "Core Media Video", "Core Media Audio"),
        "-movflags",
        "use_metadata_tags",
    ]
    build_release(ffmpeg, plan, terrain, out, (72, 24), tags, SEED + 2)
    set_encoder_tags(out, *LEGION_ENCODER)
    return plan


REPOST_SECONDS, REPOST_SIZE, REPOST_Y = 40.0, (480, 480), 105  # the square and the picture in it
AGGREGATOR_HANDLE = "@frontline24"


def aggregator_frames(frames: Iterator[np.ndarray]) -> Iterator[np.ndarray]:
    """The legion's frames letterboxed into a square with the aggregator's mark on them."""
    w, h = REPOST_SIZE
    y0 = REPOST_Y
    for frame in frames:
        canvas = np.zeros((h, w, 3), np.uint8)
        canvas[y0 : y0 + frame.shape[0]] = frame
        y1 = y0 + frame.shape[0]
        shade_box(canvas, w - 136, y1 - 30, 126, 22, alpha=0.45, colour=(30, 30, 200))
        text(
            canvas,
            "FRONTLINE 24",
            (w - 128, y1 - 14),
            0.45,
            font=cv2.FONT_HERSHEY_DUPLEX,
            outline=False,
        )
        # the aggregator's own handle in the bar under the picture, as reposts write it
        text(canvas, AGGREGATOR_HANDLE, (w - 128, y1 + 24), 0.45, outline=False)
        yield canvas


def build_repost(ffmpeg: str, legion_clip: Path, out: Path) -> None:
    """Square re-encode of the legion video's first 40 s with every tag stripped."""
    seconds = REPOST_SECONDS
    frames = aggregator_frames(decode(ffmpeg, legion_clip, (480, 270), seconds))
    strip = [
        "-map_metadata",
        "-1",
        "-fflags",
        "+bitexact",
        "-flags:v",
        "+bitexact",
        "-flags:a",
        "+bitexact",
    ]
    encode(
        ffmpeg,
        frames,
        REPOST_SIZE,
        30,
        ["-t", str(seconds), "-i", str(legion_clip)],
        ["-map", "0:v:0", "-map", "1:a:0", *x264(80), *aac(24), *strip],
        out,
    )
    set_encoder_tags(out, None, "")  # no compressor name either: nothing left to say who made it


def check_tags(ffprobe: str | None, out: Path) -> None:
    """Fail loudly if the tags that were meant to be written are not what ffprobe reads."""
    mod, legion = probe_tags(ffprobe, out / MOD_CLIP), probe_tags(ffprobe, out / LEGION_CLIP)
    if not mod:
        return
    want = [
        (mod["format"], {**MOD_TAGS, "encoder": MOD_ENCODER[0]}),
        (legion["format"], {**LEGION_TAGS, "encoder": LEGION_ENCODER[0]}),
        (mod["stream:0"], {"encoder": MOD_ENCODER[1]}),
        (legion["stream:0"], {"encoder": LEGION_ENCODER[1], "handler_name": "Core Media Video"}),
    ]
    repost = probe_tags(ffprobe, out / REPOST_CLIP)
    for tags, expected in want:
        for key, value in expected.items():
            if tags.get(key) != value:
                raise RuntimeError(f"tag {key}: wrote {value!r}, ffprobe reads {tags.get(key)!r}")
    leaked = [k for k in ("creation_time", "encoder") for t in repost.values() if k in t]
    if leaked:
        raise RuntimeError(f"repost still carries {leaked}")
