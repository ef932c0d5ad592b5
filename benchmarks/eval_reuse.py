"""Evaluate ``forensics.reuse.compare`` on labelled reuse pairs, beside vPDQ and ffmpeg's signature.

Pairs are derived from the bundled sample clips: two source excerpts (A) of different footage,
each altered in known ways to make B (every transformation class alone, and combinations of
two or three), plus negatives of each kind (another moment of the same camera or scene,
unrelated footage, dark/night against dark/night, sky/flat against sky/flat, fades). Every
pair runs through ours, vPDQ and the signature filter in the same run, and both clips are
decoded with ``ffmpeg -i CLIP -f null -`` so times are compared with a decode on the same
machine at the same moment.

    python benchmarks/eval_reuse.py [--quick] [--only PATTERN ...] [--json-out FILE] [--work DIR]

vPDQ is optional (not a project dependency); without it that column is skipped. To install:
    apt-get install -y pkg-config cmake libavcodec-dev libavformat-dev libavdevice-dev \
        libavfilter-dev libavutil-dev libswresample-dev libswscale-dev && pip install vpdq
"""

from __future__ import annotations

import argparse
import fnmatch
import hashlib
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from baselines import (  # noqa: E402
    THRESHOLDS,
    VPDQ_INSTALL,
    BaselineResult,
    signature_compare,
    vpdq_compare,
    vpdq_version,
)

from forensics.media.frames import SAMPLE_INTERVAL_S  # noqa: E402
from forensics.media.toolchain import find_toolchain  # noqa: E402
from forensics.reuse.compare import Comparison, compare  # noqa: E402

MINISTRY = ROOT / "samples" / "clips" / "mod_strikes_2023-05-23.mp4"
LEGION = ROOT / "samples" / "clips" / "legion_raid_telegram.mp4"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def x264(crf: int = 20) -> tuple[str, ...]:
    return ("-c:v", "libx264", "-preset", "veryfast", "-crf", f"{crf}",
            "-pix_fmt", "yuv420p", "-an")  # fmt: skip


X264 = x264()
X264_SOURCE = x264(17)  # A stands for the original: as clean as a repost's source would be
OUTPUT_LIMIT_S = "60"  # a graph with mismatched frame rates can otherwise run forever
A_INPUT = ("-i", "{A}")  # stands for the case's clip A when B is built from it

TARGET_RECALL = 0.95
TARGET_IOU = 0.85
TARGET_RATIO = 3.0
# A word compare's alteration list should contain for each class it can measure.
EXPECTED_ALTERATION = {
    "mirror": "mirrored", "speed": "speed changed", "rotate90": "rotated", "crop": "cropped",
    "bars": "boxed", "pip": "smaller",
}  # fmt: skip
METHODS = ("ours", "vpdq", "signature")

Span = tuple[float, float]
Stretch = tuple[Path, float, float]  # clip, start, duration


# --------------------------------------------------------------------------- recipes


@dataclass(frozen=True)
class Clip:
    """How to make one clip: ffmpeg input options (``A_INPUT`` refers to clip A), a filter
    graph ending in ``[v]``, and encoder options."""

    inputs: tuple[tuple[str, ...], ...]
    graph: str
    codec: tuple[str, ...] = X264


@dataclass(frozen=True)
class Source:
    stretch: Stretch
    size: tuple[int, int]
    fps: int
    fillers: tuple[Stretch, Stretch]  # unrelated footage to splice into or lay under


@dataclass(frozen=True)
class Case:
    name: str
    group: str  # table row: a transformation class, a combination, or "neg:<kind>"
    kind: str  # "alone", "combo" or "negative"
    params: str
    a: Clip
    b: Clip
    truth_a: Span | None = None  # None: a negative, nothing is shared
    truth_b: Span | None = None
    quick: bool = False  # part of --quick
    classes: tuple[str, ...] = field(default=())


# Two source excerpts of different footage: the ministry's colour drone strikes (640x360,
# 25 fps, HUD and banner) and the legion's low-bitrate drone pass over a village into a street
# shot (480x270, 30 fps). Fillers never contain either source (the legion reused ministry
# 15-22 s at legion 36-43 s, so that stretch is avoided).
S1 = Source((MINISTRY, 8.0, 12.0), (640, 360), 25, ((LEGION, 0.0, 10.0), (LEGION, 63.0, 8.0)))
S2 = Source((LEGION, 43.0, 12.0), (480, 270), 30, ((MINISTRY, 30.0, 8.0), (MINISTRY, 0.5, 6.0)))


def excerpt(stretch: Stretch) -> tuple[str, ...]:
    path, start, duration = stretch
    return ("-ss", f"{start}", "-t", f"{duration}", "-i", str(path))


def lavfi(spec: str, duration: float) -> tuple[str, ...]:
    return ("-f", "lavfi", "-t", f"{duration}", "-i", spec)


def fit(size: tuple[int, int], fps: int) -> str:
    """Same size, rate and pixel shape, so streams can be concatenated or overlaid."""
    return f"scale={size[0]}:{size[1]},fps={fps},setsar=1,format=yuv420p"


def source_clip(src: Source) -> Clip:
    return Clip((excerpt(src.stretch),), "[0:v]setsar=1,format=yuv420p[v]", X264_SOURCE)


def footage(stretch: Stretch, vf: str = "null") -> Clip:
    """A stretch of a sample clip, optionally filtered (negatives)."""
    return Clip((excerpt(stretch),), f"[0:v]{vf},setsar=1,format=yuv420p[v]")


def altered(vf: str, codec: tuple[str, ...] = X264) -> Clip:
    """B made from A by one filter chain."""
    return Clip((A_INPUT,), f"[0:v]{vf},setsar=1,format=yuv420p[v]", codec)


def spliced(src: Source, start: float, duration: float, vf: str = "null") -> Clip:
    """A's ``start``..``start + duration`` between two stretches of unrelated footage."""
    norm = fit(src.size, src.fps)
    inputs = (excerpt(src.fillers[0]), ("-ss", f"{start}", "-t", f"{duration}", *A_INPUT))
    graph = f"[0:v]{norm}[x];[1:v]{vf},{norm}[y];[2:v]{norm}[z];[x][y][z]concat=n=3:v=1:a=0[v]"
    return Clip((*inputs, excerpt(src.fillers[1])), graph)


def picture_in_picture(src: Source, share: float, corner: tuple[int, int], crf: int) -> Clip:
    """A shrunk to ``share`` of the frame width over unrelated footage, as a news inset."""
    w, h = (round(src.size[0] * share / 2) * 2, round(src.size[1] * share / 2) * 2)
    path, start, _ = src.fillers[0]
    background = excerpt((path, start, src.stretch[2]))
    graph = (
        f"[0:v]{fit(src.size, src.fps)}[bg];[1:v]{fit((w, h), src.fps)}[in];"
        f"[bg][in]overlay={corner[0]}:{corner[1]}:shortest=1[v]"
    )
    return Clip((background, A_INPUT), graph, x264(crf))


def text(words: str, x: str, y: str, size: int, box: str = "black@0.6") -> str:
    """drawtext when the font exists; without it the banner boxes still stand in for text."""
    if not FONT.exists():
        return "null"
    return (
        f"drawtext=fontfile={FONT}:text='{words}':x={x}:y={y}:fontsize={size}:"
        f"fontcolor=white:box=1:boxcolor={box}:boxborderw=6"
    )


def caption(words: str) -> str:
    """A lower-third banner with a caption, and a channel logo in the top corner."""
    return (
        "drawbox=x=0:y=ih*0.78:w=iw:h=ih*0.16:color=black@0.65:t=fill,"
        f"{text(words, 'w*0.04', 'h*0.81', 22, 'black@0.0')},"
        "drawbox=x=iw*0.80:y=ih*0.04:w=iw*0.16:h=ih*0.12:color=white@0.85:t=fill,"
        f"{text('F24', 'w*0.83', 'h*0.06', 18, 'red@0.9')}"
    )


# --------------------------------------------------------------------------- cases


def alone_cases() -> list[Case]:
    """Every transformation class alone, on both sources (three pairs for the broad ones)."""
    s1, s2 = source_clip(S1), source_clip(S2)
    d = S1.stretch[2]
    whole: tuple[Span, Span] = ((0.0, d), (0.0, d))

    def case(
        name: str, group: str, params: str, a: Clip, b: Clip,
        truth: tuple[Span, Span] = whole, quick: bool = False,
    ) -> Case:  # fmt: skip
        return Case(name, group, "alone", params, a, b, truth[0], truth[1], quick, (group,))

    mpeg4 = ("-c:v", "mpeg4", "-q:v", "24", "-pix_fmt", "yuv420p", "-an")
    return [
        case("s1-reencode", "reencode-low", "x264 crf 42", s1, altered("null", x264(42)),
             quick=True),
        case("s2-reencode", "reencode-low", "mpeg4 q 24", s2, altered("null", mpeg4)),
        case("s1-downscale", "downscale", "to 256x144 (0.4x)", s1, altered("scale=256:144"),
             quick=True),
        case("s2-downscale", "downscale", "to 240x136 (0.5x)", s2, altered("scale=240:136")),
        case("s1-mirror", "mirror", "hflip", s1, altered("hflip"), quick=True),
        case("s2-mirror", "mirror", "hflip", s2, altered("hflip")),
        case("s1-crop10", "crop", "10% off, centred, rescaled", s1,
             altered("crop=iw*0.9:ih*0.9,scale=640:360"), quick=True),
        case("s2-crop25", "crop", "25% off, top-left kept, rescaled", s2,
             altered("crop=iw*0.75:ih*0.75:0:0,scale=480:270")),
        case("s1-letterbox", "bars", "letterboxed into 9:16 360x640", s1,
             altered("scale=360:202,pad=360:640:0:219:black"), quick=True),
        case("s2-pillarbox", "bars", "pillarboxed into 640x270", s2,
             altered("pad=640:270:80:0:black")),
        case("s1-caption", "overlays", "banner, caption, logo", s1,
             altered(caption("enemy column destroyed")), quick=True),
        case("s2-caption", "overlays", "banner, caption, logo", s2,
             altered(caption("they hide in houses"))),
        case("s1-colour", "colour", "brightness +0.15, contrast 1.4, saturation 1.8", s1,
             altered("eq=brightness=0.15:contrast=1.4:saturation=1.8"), quick=True),
        case("s2-gray", "colour", "grayscale, contrast 0.8", s2,
             altered("hue=s=0,eq=contrast=0.8")),
        case("s1-gray-dark", "colour", "grayscale, brightness -0.15", s1,
             altered("hue=s=0,eq=brightness=-0.15")),
        case("s1-speed0.75", "speed", "0.75x", s1, altered("setpts=PTS/0.75,fps=25"),
             ((0.0, d), (0.0, d / 0.75)), quick=True),
        case("s2-speed1.33", "speed", "1.33x", s2, altered("setpts=PTS/1.33,fps=30"),
             ((0.0, d), (0.0, d / 1.33))),
        case("s2-speed0.8", "speed", "0.8x", s2, altered("setpts=PTS/0.8,fps=30"),
             ((0.0, d), (0.0, d / 0.8))),
        case("s1-fps12", "frame-rate", "25 -> 12 fps", s1, altered("fps=12"), quick=True),
        case("s2-fps60", "frame-rate", "30 -> 60 fps", s2, altered("fps=60")),
        case("s1-fps30", "frame-rate", "25 -> 30 fps", s1, altered("fps=30")),
        case("s1-splice3", "splice", "A 4-7 s between 10 s and 8 s of other footage", s1,
             spliced(S1, 4.0, 3.0), ((4.0, 7.0), (10.0, 13.0)), quick=True),
        case("s2-splice5", "splice", "A 2-7 s between 8 s and 6 s of other footage", s2,
             spliced(S2, 2.0, 5.0), ((2.0, 7.0), (8.0, 13.0))),
        case("s1-pip40", "pip", "40% of the width, top right", s1,
             picture_in_picture(S1, 0.4, (368, 24), 20), quick=True),
        case("s2-pip50", "pip", "50% of the width, left", s2,
             picture_in_picture(S2, 0.5, (24, 110), 20)),
        case("s1-rotate90", "rotate90", "clockwise", s1, altered("transpose=1"), quick=True),
        case("s2-rotate90", "rotate90", "counter-clockwise", s2, altered("transpose=2")),
        case("s1-blur-noise", "blur-noise", "gblur 2 + noise 20", s1,
             altered("gblur=sigma=2,noise=alls=20:allf=t"), quick=True),
        case("s2-blur", "blur-noise", "boxblur 2", s2, altered("boxblur=2:1")),
        case("s1-noise", "blur-noise", "noise 30", s1, altered("noise=alls=30:allf=t")),
    ]  # fmt: skip


def combo_cases() -> list[Case]:
    """Combinations of two or three transformations, alternating the sources."""
    s1, s2 = source_clip(S1), source_clip(S2)
    d = S1.stretch[2]
    whole: tuple[Span, Span] = ((0.0, d), (0.0, d))

    def case(
        name: str, classes: tuple[str, ...], params: str, a: Clip, b: Clip,
        truth: tuple[Span, Span] = whole, quick: bool = False,
    ) -> Case:  # fmt: skip
        group = "+".join(classes)
        return Case(name, group, "combo", params, a, b, truth[0], truth[1], quick, classes)

    return [
        case("s1-mirror-crop-caption", ("mirror", "crop", "overlays"),
             "hflip, 15% crop, caption (as the samples' own reuse)", s1,
             altered(f"hflip,crop=iw*0.85:ih*0.85:iw*0.08:ih*0.1,scale=640:360,"
                     f"{caption('enemy BMP-2')}"), quick=True),
        case("s2-downscale-reencode", ("downscale", "reencode-low"), "240x136, crf 40", s2,
             altered("scale=240:136", x264(40))),
        case("s1-letterbox-logo-reencode", ("bars", "overlays", "reencode-low"),
             "letterbox 640x480, logo, crf 36", s1,
             altered(f"pad=640:480:0:60:black,{caption('exclusive')}", x264(36))),
        case("s2-speed-mirror", ("speed", "mirror"), "1.25x, hflip", s2,
             altered("hflip,setpts=PTS/1.25,fps=30"), ((0.0, d), (0.0, d / 1.25))),
        case("s1-gray-blur-noise", ("colour", "blur-noise"), "grayscale, gblur 1.5, noise 15",
             s1, altered("hue=s=0,gblur=sigma=1.5,noise=alls=15:allf=t"), quick=True),
        case("s2-pip-reencode", ("pip", "reencode-low"), "50% inset, crf 38", s2,
             picture_in_picture(S2, 0.5, (216, 24), 38)),
        case("s2-crop-fps-caption", ("crop", "frame-rate", "overlays"),
             "20% crop, 30 -> 25 fps, caption", s2,
             altered(f"crop=iw*0.8:ih*0.8,scale=480:270,fps=25,{caption('our drone')}")),
        case("s1-rotate-downscale", ("rotate90", "downscale"), "clockwise, to 180x320", s1,
             altered("transpose=1,scale=180:320")),
        case("s1-splice-mirror", ("splice", "mirror"), "A 4-8 s mirrored into other footage",
             s1, spliced(S1, 4.0, 4.0, "hflip"), ((4.0, 8.0), (10.0, 14.0)), quick=True),
        case("s1-speed-fps", ("speed", "frame-rate"), "0.8x, 15 fps", s1,
             altered("setpts=PTS/0.8,fps=15"), ((0.0, d), (0.0, d / 0.8))),
        case("s2-pillarbox-colour", ("bars", "colour"), "pillarbox 640x270, saturation 1.8",
             s2, altered("eq=saturation=1.8:contrast=1.2,pad=640:270:80:0:black")),
    ]  # fmt: skip


def negative_cases() -> list[Case]:
    """Pairs that share no footage and must not match."""
    night = "eq=brightness=-0.35:contrast=0.35:saturation=0.3,noise=alls=8:allf=t"
    green_night = (
        "hue=s=0,eq=brightness=-0.3:contrast=0.5,"
        "colorchannelmixer=rr=0.2:gg=0.9:bb=0.2,noise=alls=12:allf=t"
    )
    fades = "fade=in:st=0:d=3,fade=out:st=5:d=3,tpad=start_duration=2:stop_duration=3"
    black = "color=c=0x060606:s=640x360:r=25"

    def timecode(offset_s: int) -> str:
        """A recorder's clock burnt in: same place and style, another time of day."""
        return text(f"REC %{{pts\\:hms\\:{offset_s}}}", "w*0.05", "h*0.05", 20, "black@0.0")

    def sky(c0: str, c1: str, seed: int) -> Clip:
        spec = f"gradients=s=640x360:r=25:c0={c0}:c1={c1}:speed=0.002:seed={seed}"
        return Clip((lavfi(spec, 10.0),), "[0:v]noise=alls=6:allf=t,format=yuv420p[v]")

    def case(name: str, kind: str, params: str, a: Clip, b: Clip, quick: bool = False) -> Case:
        return Case(name, f"neg:{kind}", "negative", params, a, b, quick=quick)

    return [
        case("neg-ministry-strikes", "same-camera", "ministry 8-20 s vs 30-42 s (same HUD)",
             source_clip(S1), footage((MINISTRY, 30.0, 12.0)), quick=True),
        case("neg-ministry-grey-roads", "same-camera", "strike 1 vs strike 4 (grey roads)",
             footage((MINISTRY, 0.5, 6.5)), footage((MINISTRY, 22.5, 7.5))),
        case("neg-legion-village", "same-camera", "same village from the drone, 30 s later",
             footage((LEGION, 43.0, 9.0)), footage((LEGION, 75.0, 8.0))),
        case("neg-legion-vehicle", "same-camera", "fixed camera inside a vehicle, 10 s apart",
             footage((LEGION, 8.0, 8.0)), footage((LEGION, 18.0, 8.0)), quick=True),
        case("neg-unrelated-1", "unrelated", "ministry strikes vs legion horizon+vehicle",
             source_clip(S1), footage((LEGION, 0.0, 12.0)), quick=True),
        case("neg-unrelated-2", "unrelated", "legion village vs ministry strikes 4-5",
             source_clip(S2), footage((MINISTRY, 22.0, 12.0))),
        case("neg-unrelated-3", "unrelated", "legion burnt vehicles vs ministry strike 1",
             footage((LEGION, 95.0, 12.0)), footage((MINISTRY, 0.0, 12.0))),
        case("neg-night", "dark", "darkened ministry 0-12 s vs darkened legion 63-75 s",
             footage((MINISTRY, 0.0, 12.0), night), footage((LEGION, 63.0, 12.0), night),
             quick=True),
        case("neg-night-vision", "dark", "green night look, ministry 30-42 vs legion 83-95",
             footage((MINISTRY, 30.0, 12.0), green_night),
             footage((LEGION, 83.5, 11.5), green_night)),
        case("neg-black-timecode", "dark", "near-black noise, same REC clock style, other times",
             Clip((lavfi(black, 10.0),), f"[0:v]noise=alls=5:allf=t,{timecode(754)}[v]"),
             Clip((lavfi(black, 10.0),), f"[0:v]noise=alls=9:allf=t+u,{timecode(6431)}[v]")),
        case("neg-sky-crop", "sky-flat", "legion sky strip vs generated sky",
             footage((LEGION, 0.5, 7.0), "crop=iw:ih*0.35:0:0,scale=640:360"),
             sky("0x3d6fb0", "0xb8d4f0", 3), quick=True),
        case("neg-sky-generated", "sky-flat", "two generated skies",
             sky("0x4a7ab8", "0xa8c8e8", 1), sky("0x8090a0", "0xd0d8e0", 2)),
        case("neg-fades", "fades", "fade in/out with black, ministry 30-38 vs legion 95-103",
             footage((MINISTRY, 30.0, 8.0), fades), footage((LEGION, 95.0, 8.0), fades),
             quick=True),
        case("neg-fade-out-in", "fades", "ministry fading out vs legion fading in",
             footage((MINISTRY, 0.5, 8.0), "fade=out:st=1:d=6"),
             footage((LEGION, 83.5, 8.0), "fade=in:st=0:d=6")),
    ]  # fmt: skip


def all_cases() -> list[Case]:
    return alone_cases() + combo_cases() + negative_cases()


# --------------------------------------------------------------------------- building


class Builder:
    """Builds clips once each (A clips are shared by many cases) into ``work``."""

    def __init__(self, work: Path, ffmpeg: str) -> None:
        self.work = work
        self.ffmpeg = ffmpeg

    def clip(self, clip: Clip, a_path: Path | None = None) -> Path:
        inputs = [
            [str(a_path) if part == "{A}" else part for part in options] for options in clip.inputs
        ]
        key = hashlib.sha1(repr((inputs, clip.graph, clip.codec)).encode()).hexdigest()[:16]
        out = self.work / f"{key}.mp4"
        if not out.exists():
            partial = out.with_suffix(".part.mp4")
            command = [self.ffmpeg, "-nostdin", "-v", "error", "-y"]
            command += [part for options in inputs for part in options]
            command += ["-filter_complex", clip.graph, "-map", "[v]", *clip.codec]
            command += ["-t", OUTPUT_LIMIT_S, str(partial)]
            subprocess.run(command, check=True, timeout=600)
            partial.rename(out)
        return out

    def pair(self, case: Case) -> tuple[Path, Path]:
        a = self.clip(case.a)
        return a, self.clip(case.b, a)


def decode_seconds(ffmpeg: str, *clips: Path) -> float:
    """Wall time of a plain ``ffmpeg -i CLIP -f null -`` of each clip, summed."""
    start = time.perf_counter()
    for clip in clips:
        command = [ffmpeg, "-nostdin", "-v", "error", "-i", str(clip), "-f", "null", "-"]
        subprocess.run(command, check=True)
    return time.perf_counter() - start


# --------------------------------------------------------------------------- scoring


def iou(found: Span | None, truth: Span | None) -> float:
    if found is None or truth is None:
        return 0.0
    inter = max(0.0, min(found[1], truth[1]) - max(found[0], truth[0]))
    union = max(found[1], truth[1]) - min(found[0], truth[0])
    return inter / union if union > 0 else 0.0


def ours(a: Path, b: Path) -> dict[str, Any]:
    start = time.perf_counter()
    result = compare(a, b)
    elapsed = time.perf_counter() - start
    best = best_stretch(result)
    # Each sample stands for the sampling interval that follows it.
    pad = SAMPLE_INTERVAL_S
    return {
        "matched": result.shared,
        "a_range": None if best is None else (best.segment.a_start, best.segment.a_end + pad),
        "b_range": None if best is None else (best.segment.b_start, best.segment.b_end + pad),
        "seconds": elapsed,
        "detail": describe_segments(result),
        "alterations": [] if best is None else list(best.alterations),
        "error": None,
    }


def best_stretch(result: Comparison) -> Any:
    """The stretch compare is most sure of: the one with the most matched frame pairs."""
    if not result.stretches:
        return None
    return max(result.stretches, key=lambda s: (s.segment.matches, s.segment.a_end))


def describe_segments(result: Comparison) -> str:
    parts = []
    for s in result.stretches:
        seg = s.segment
        altered = ", ".join(s.alterations) or "no alteration"
        parts.append(
            f"A {seg.a_start:.1f}-{seg.a_end:.1f} B {seg.b_start:.1f}-{seg.b_end:.1f} "
            f"rate {seg.rate:.2f} sim {seg.similarity:.2f} n={seg.matches} [{altered}]"
        )
    return "; ".join(parts) or "no shared stretch"


def baseline(method: Callable[[], BaselineResult]) -> dict[str, Any]:
    result = method()
    return {
        "matched": result.matched,
        "a_range": result.a_range,
        "b_range": result.b_range,
        "seconds": result.seconds,
        "detail": result.detail,
        "error": result.error,
    }


def guarded(runner: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """One method failing on one pair is a result (no match, with the error), not the end of
    the run."""
    start = time.perf_counter()
    try:
        return runner()
    except Exception as error:
        elapsed = time.perf_counter() - start
        return {"matched": False, "a_range": None, "b_range": None, "seconds": elapsed,
                "detail": "", "error": repr(error)}  # fmt: skip


def score(outcome: dict[str, Any], case: Case) -> dict[str, Any]:
    """Located: matched, with the reported range overlapping the truth on both clips."""
    iou_a = iou(outcome["a_range"], case.truth_a)
    iou_b = iou(outcome["b_range"], case.truth_b)
    located = case.truth_a is not None and outcome["matched"] and min(iou_a, iou_b) > 0
    return {**outcome, "iou_a": iou_a, "iou_b": iou_b, "iou": min(iou_a, iou_b),
            "located": located}  # fmt: skip


def run_case(case: Case, builder: Builder, methods: Sequence[str]) -> dict[str, Any]:
    a, b = builder.pair(case)
    decode = decode_seconds(builder.ffmpeg, a, b)  # also leaves both in the page cache
    runners: dict[str, Callable[[], dict[str, Any]]] = {
        "ours": lambda: ours(a, b),
        "vpdq": lambda: baseline(lambda: vpdq_compare(a, b)),
        "signature": lambda: baseline(lambda: signature_compare(a, b, builder.ffmpeg)),
    }
    results = {m: score(guarded(runners[m]), case) for m in methods}
    return {
        "case": case.name, "group": case.group, "kind": case.kind, "params": case.params,
        "classes": list(case.classes), "truth_a": case.truth_a, "truth_b": case.truth_b,
        "decode_s": decode, "methods": results,
    }  # fmt: skip


# --------------------------------------------------------------------------- summary


def summarise(rows: list[dict[str, Any]], method: str) -> dict[str, Any]:
    """Recall per group and per class, precision, false positives, IoU and time."""
    mine = [(r, r["methods"][method]) for r in rows if method in r["methods"]]
    positives = [(r, m) for r, m in mine if r["kind"] != "negative"]
    negatives = [(r, m) for r, m in mine if r["kind"] == "negative"]
    located = [m for _, m in positives if m["located"]]
    wrong = sum(1 for _, m in positives if m["matched"] and not m["located"])
    false_pos = sum(1 for _, m in negatives if m["matched"])
    claimed = len(located) + wrong + false_pos
    time_sum = sum(m["seconds"] for _, m in mine)
    decode_sum = sum(r["decode_s"] for r, _ in mine)
    return {
        "recall_by_group": recall_by(positives, lambda r: [r["group"]]),
        "recall_by_class": recall_by(positives, lambda r: r["classes"]),
        "fp_by_group": {g: [sum(m["matched"] for m in ms), len(ms)]
                        for g, ms in grouped(negatives, lambda r: [r["group"]]).items()},
        "recall": len(located) / len(positives) if positives else None,
        "precision": len(located) / claimed if claimed else None,
        "false_positives": false_pos, "negatives": len(negatives), "mislocated": wrong,
        "errors": sum(1 for _, m in mine if m["error"]),
        "mean_iou": statistics.fmean(m["iou"] for m in located) if located else None,
        "iou_by_group": {g: statistics.fmean(m["iou"] for m in ms if m["located"])
                         for g, ms in grouped(positives, lambda r: [r["group"]]).items()
                         if any(m["located"] for m in ms)},
        "mean_seconds": time_sum / len(mine) if mine else None,
        "ratio_to_decode": time_sum / decode_sum if decode_sum else None,
        "max_ratio": max((m["seconds"] / r["decode_s"] for r, m in mine), default=None),
    }  # fmt: skip


def grouped(
    pairs: list[tuple[dict[str, Any], dict[str, Any]]],
    keys: Callable[[dict[str, Any]], list[str]],
) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for row, outcome in pairs:
        for key in keys(row):
            out.setdefault(key, []).append(outcome)
    return out


def recall_by(
    pairs: list[tuple[dict[str, Any], dict[str, Any]]],
    keys: Callable[[dict[str, Any]], list[str]],
) -> dict[str, list[int]]:
    return {k: [sum(m["located"] for m in ms), len(ms)] for k, ms in grouped(pairs, keys).items()}


# --------------------------------------------------------------------------- printing


def fmt(value: float | None, spec: str = ".2f") -> str:
    return "-" if value is None else format(value, spec)


def verdict(outcome: dict[str, Any], negative: bool) -> str:
    if outcome["error"]:
        return "ERR"
    if negative:
        return "FP" if outcome["matched"] else "ok"
    return "Y" if outcome["located"] else ("y" if outcome["matched"] else ".")


def print_pairs(rows: list[dict[str, Any]], methods: Sequence[str]) -> None:
    print("\nPer pair: Y located, y matched elsewhere, . no match, ERR tool failed; IoU is the")
    print("worse of A and B; seconds per method; decode = plain decode of both clips, seconds.")
    print(f"{'case':28} {'group':30} " + " ".join(f"{m:>16}" for m in methods) + "  decode")
    for r in rows:
        negative = r["kind"] == "negative"
        cells = []
        for m in methods:
            o = r["methods"][m]
            overlap = " " * 4 if negative else f"{o['iou']:4.2f}"
            cells.append(f"{verdict(o, negative):>5} {overlap} {o['seconds']:5.1f}")
        print(f"{r['case']:28} {r['group'][:30]:30} " + " ".join(cells) + f"  {r['decode_s']:5.1f}")


COLUMN = 20  # per method: recall (or false positives) and IoU


def print_table(rows: list[dict[str, Any]], summaries: dict[str, dict[str, Any]]) -> None:
    methods = list(summaries)
    print("\nPer group (recall = located/pairs and mean IoU; negatives: false positives/pairs):")
    head = f"{'group':32}" + "".join(f"{m + ' rec':>14}{'IoU':>6}" for m in methods)
    print(head)
    print("-" * len(head))
    for group in dict.fromkeys(r["group"] for r in rows):
        line = f"{group[:32]:32}"
        for m in methods:
            s = summaries[m]
            if group.startswith("neg:"):
                fp, n = s["fp_by_group"][group]
                line += f"{f'FP {fp}/{n}':>14}{'':6}"
            else:
                hit, n = s["recall_by_group"][group]
                line += f"{f'{hit}/{n}':>14}{fmt(s['iou_by_group'].get(group)):>6}"
        print(line)
    print("-" * len(head))
    for label, key, spec in (
        ("recall (all positives)", "recall", ".3f"),
        ("precision (all pairs)", "precision", ".3f"),
        ("mean IoU of located pairs", "mean_iou", ".3f"),
        ("time per pair, s", "mean_seconds", ".2f"),
        ("time / decode of both clips", "ratio_to_decode", ".2f"),
        ("worst pair time / decode", "max_ratio", ".2f"),
    ):
        print(f"{label:32}" + "".join(f"{fmt(summaries[m][key], spec):>{COLUMN}}" for m in methods))
    for label, cell in (
        ("false positives on negatives", lambda s: f"{s['false_positives']}/{s['negatives']}"),
        ("matched at the wrong place", lambda s: f"{s['mislocated']}"),
        ("tool failed (counted no match)", lambda s: f"{s['errors']}"),
    ):
        print(f"{label:32}" + "".join(f"{cell(summaries[m]):>{COLUMN}}" for m in methods))


def print_targets(summary: dict[str, Any]) -> None:
    by_class = summary["recall_by_class"]
    worst = min((hit / n, c) for c, (hit, n) in by_class.items()) if by_class else (None, "")
    checks = [
        (f"recall >= {TARGET_RECALL} on every class (incl. combinations; worst: {worst[1]} "
         f"{fmt(worst[0])})", worst[0] is not None and worst[0] >= TARGET_RECALL),
        (f"no false positive on any negative ({summary['false_positives']})",
         summary["false_positives"] == 0),
        (f"mean segment IoU >= {TARGET_IOU} ({fmt(summary['mean_iou'], '.3f')})",
         (summary["mean_iou"] or 0) >= TARGET_IOU),
        (f"time per pair <= {TARGET_RATIO}x decode of both ({fmt(summary['ratio_to_decode'])}x)",
         (summary["ratio_to_decode"] or 99) <= TARGET_RATIO),
    ]  # fmt: skip
    print("\nTargets (ours):")
    for label, ok in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {label}")
    print("  recall per class incl. combinations: " + ", ".join(
        f"{c} {hit}/{n}" for c, (hit, n) in sorted(by_class.items())))  # fmt: skip


def unnamed_alterations(row: dict[str, Any]) -> list[str]:
    """Classes of a located pair whose alteration compare did not name."""
    outcome = row["methods"]["ours"]
    named = " ".join(outcome.get("alterations", [])).lower()
    expected = [c for c in row["classes"] if c in EXPECTED_ALTERATION]
    return [c for c in expected if EXPECTED_ALTERATION[c] not in named]


def shortfalls(row: dict[str, Any]) -> list[str]:
    o = row["methods"]["ours"]
    if row["kind"] == "negative":
        return ["FALSE POSITIVE"] if o["matched"] else []
    if not o["located"]:
        return ["MISSED" if not o["matched"] else "WRONG PLACE"]
    found = []
    if o["iou"] < TARGET_IOU:
        found.append(f"IoU {o['iou']:.2f} (A {o['iou_a']:.2f}, B {o['iou_b']:.2f})")
    found += [f"{c} not named" for c in unnamed_alterations(row)]
    return found


def print_failures(rows: list[dict[str, Any]]) -> None:
    """Every pair ours got wrong, located poorly or described wrongly, with what compare
    returned."""
    print("\nWhere ours falls short (misses, false positives, IoU < target, alteration not named):")
    located = [r for r in rows if "ours" in r["methods"] and r["methods"]["ours"]["located"]]
    expected = sum(1 for r in located for c in r["classes"] if c in EXPECTED_ALTERATION)
    unnamed = sum(len(unnamed_alterations(r)) for r in located)
    count = 0
    for r in rows:
        if "ours" not in r["methods"] or not (why := shortfalls(r)):
            continue
        count += 1
        truth = "" if r["kind"] == "negative" else f" truth A {r['truth_a']} B {r['truth_b']};"
        print(f"  {r['case']} ({r['params']}): {'; '.join(why)};{truth} "
              f"compare: {r['methods']['ours']['detail']}")  # fmt: skip
    if not count:
        print("  none")
    print(f"  alterations named on located pairs: {expected - unnamed}/{expected} "
          f"(expected words: {EXPECTED_ALTERATION})")  # fmt: skip


# --------------------------------------------------------------------------- main


def select(cases: list[Case], only: Sequence[str] | None, quick: bool) -> list[Case]:
    chosen = [c for c in cases if c.quick] if quick else cases
    if only:
        chosen = [
            c for c in chosen
            if any(fnmatch.fnmatch(c.name, p) or fnmatch.fnmatch(c.group, p) for p in only)
        ]  # fmt: skip
    return chosen


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="PATTERN",
        help="case names or groups to run (shell patterns: 's1-*', 'neg:*')",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="one source per class, three combinations, one negative per kind",
    )
    parser.add_argument("--json-out", type=Path, help="write every pair's results here")
    parser.add_argument(
        "--work", type=Path, help="keep built clips here and reuse them (default: a temp folder)"
    )
    parser.add_argument("--no-baselines", action="store_true", help="run ours only")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    return parser.parse_args()  # fmt: skip


def chosen_methods(no_baselines: bool) -> list[str]:
    if no_baselines:
        return ["ours"]
    if vpdq_version() is None:
        print(f"NOTICE: vpdq is not importable, its column is skipped. Install: {VPDQ_INSTALL}")
        return ["ours", "signature"]
    return list(METHODS)


def evaluate(cases: list[Case], work: Path, methods: Sequence[str]) -> list[dict[str, Any]]:
    builder = Builder(work, find_toolchain().ffmpeg)
    rows = []
    for number, case in enumerate(cases, 1):
        row = run_case(case, builder, methods)
        negative = case.kind == "negative"
        verdicts = " ".join(f"{m}={verdict(row['methods'][m], negative)}" for m in methods)
        print(f"[{number}/{len(cases)}] {case.name}: {verdicts}", file=sys.stderr, flush=True)
        rows.append(row)
    return rows


def main() -> None:
    args = parse_args()
    cases = select(all_cases(), args.only, args.quick)
    if args.list:
        for c in cases:
            print(f"{c.name:28} {c.group:32} {c.params}")
        return
    methods = chosen_methods(args.no_baselines)
    started = time.perf_counter()
    if args.work:
        args.work.mkdir(parents=True, exist_ok=True)
        rows = evaluate(cases, args.work, methods)
    else:
        with tempfile.TemporaryDirectory(prefix="eval-reuse-") as tmp:
            rows = evaluate(cases, Path(tmp), methods)
    summaries = {m: summarise(rows, m) for m in methods}
    print_pairs(rows, methods)
    print_table(rows, summaries)
    print_targets(summaries["ours"])
    print_failures(rows)
    versions = f"ffmpeg {find_toolchain().ffmpeg_version}, vpdq {vpdq_version() or 'absent'}"
    print(f"\nThresholds: {THRESHOLDS}.")
    print(f"{len(rows)} pairs in {time.perf_counter() - started:.0f} s; {versions}; "
          "times are wall times on this machine, decode measured in the same run.")  # fmt: skip
    if args.json_out:
        payload = {"methods": methods, "thresholds": THRESHOLDS, "versions": versions,
                   "summary": summaries, "pairs": rows}  # fmt: skip
        args.json_out.write_text(json.dumps(payload, indent=2))


if __name__ == "__main__":
    main()
