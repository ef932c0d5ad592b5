"""Why very low quality reposts are missed: sharpness of each clip, and what matches.

For tune pairs (``eval_reuse`` case names or patterns), prints

* per clip, two sharpness measures on its sampled frames (median over frames): ``band``, the
  energy of what a 2x down-and-up scale removes over what a 4x one removes (about 0.5 for a
  sharp picture's 1/f spectrum, less when the finest octave is gone), and ``edge``, the 99th
  percentile of the gradient at the sample size over the same at half size (about 1 for
  sharp edges, toward 0.5 for edges spread over several pixels);
* per pair, the verified frame pairs on the true line (A time = B time: every very low
  quality pair is the whole of A) with their inliers and moving inliers (``evidence``: a
  stretch needs 3 moments with ``MOVING_INLIERS``), A described as is, and as is plus at
  half size (``--half``: the previous helper's idea, and the adaptive form's).

    python benchmarks/lowq_probe.py 'very-low-quality' [--half] [--work DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from reuse_eval.aerial import aerial_sources  # noqa: E402
from reuse_eval.build import Builder, build_pair  # noqa: E402
from reuse_eval.cases import select, split_cases  # noqa: E402
from reuse_eval.sources import split_sources  # noqa: E402

from forensics.media.frames import SampledFrame, extract  # noqa: E402
from forensics.media.toolchain import find_toolchain  # noqa: E402
from forensics.reuse.compare import pairs_found  # noqa: E402
from forensics.reuse.decoding import comparison_media, describe_decoded  # noqa: E402
from forensics.reuse.features import ClipFeatures, Region, describe  # noqa: E402
from forensics.reuse.matching import FeatureIndex  # noqa: E402
from forensics.reuse.motion import mark_still_layers  # noqa: E402


def samples_of(path: Path) -> tuple[list[SampledFrame], tuple[int, int], float]:
    tools = find_toolchain()
    media = comparison_media(path, tools)
    with tempfile.TemporaryDirectory() as work:
        found = extract(path, media, tools, None, Path(work), text=False)
        frames = [SampledFrame(s.time, np.array(s.gray)) for s in found.samples]
    return frames, found.sample_size, media.duration_s or 0.0


def _shrunk(gray: np.ndarray, factor: float) -> np.ndarray:
    height, width = gray.shape
    size = (max(1, round(width / factor)), max(1, round(height / factor)))
    return cv2.resize(gray, size, interpolation=cv2.INTER_AREA)


def _removed(gray: np.ndarray, factor: float) -> float:
    """Mean squared grey of what a down-and-up scale by ``factor`` takes away."""
    back = cv2.resize(_shrunk(gray, factor), gray.shape[::-1], interpolation=cv2.INTER_LINEAR)
    return float(((gray - back) ** 2).mean())


def _edge(gray: np.ndarray) -> float:
    gx, gy = cv2.Sobel(gray, cv2.CV_32F, 1, 0), cv2.Sobel(gray, cv2.CV_32F, 0, 1)
    return float(np.percentile(np.hypot(gx, gy), 99))


def sharpness(frames: list[SampledFrame]) -> tuple[float, float]:
    """(band, edge) medians over the frames with texture (see the module's docstring)."""
    band, edge = [], []
    for frame in frames:
        gray = frame.gray.astype(np.float32)
        coarse, half_edge = _removed(gray, 4), _edge(_shrunk(gray, 2))
        if coarse >= 4 and half_edge >= 20:  # a flat frame tells nothing
            band.append(_removed(gray, 2) / coarse)
            edge.append(_edge(gray) / half_edge)
    return (float(np.median(band)), float(np.median(edge))) if band else (0.0, 0.0)


def features(frames: list[SampledFrame], size: tuple[int, int], duration: float,
             half: bool) -> ClipFeatures:  # fmt: skip
    """The clip as compare describes it, with (``half``) each frame also at half size."""
    clip = describe_decoded(frames, size, duration, inverted=False)
    if not half:
        return clip
    width, height = size
    halved = []
    for frame in frames:
        small = _shrunk(frame.gray, 2)
        found = describe(frame.time.seconds, small)
        if found is not None:
            region = Region(0.0, 0.0, float(width), float(height), width / small.shape[1])
            halved.append(replace(found, size=size, region=region))
    marked = mark_still_layers([halved], frames)[0]
    every = sorted([*clip.frames, *marked], key=lambda f: (f.t, f.region is not None))
    return replace(clip, frames=tuple(every))


def on_line(a: ClipFeatures, b: ClipFeatures) -> list[str]:
    """A's verified pairs with B at A's own time: 'time:inliers/moving'."""
    verified = pairs_found(FeatureIndex([b.frames]), a.frames)
    return [f"{ta:g}:{v.inliers}/{v.moving}" for (ta, tb), v in sorted(verified.items())
            if abs(ta - tb) <= 0.26]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("only", nargs="+", help="tune case names or patterns")
    parser.add_argument("--half", action="store_true", help="also describe A at half size")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "lowq-probe")
    args = parser.parse_args()
    tools = find_toolchain()
    args.work.mkdir(exist_ok=True)
    sources = split_sources(aerial_sources(args.work, tools.ffmpeg, render_now=True))
    builder = Builder(args.work, tools.ffmpeg, tools.ffprobe)
    for case in select(split_cases("tune", sources["tune"]), args.only, False):
        built = build_pair(case, builder)
        a, b = samples_of(built.a), samples_of(built.b)
        (a_band, a_edge), (b_band, b_edge) = sharpness(a[0]), sharpness(b[0])
        print(f"{case.name} ({case.params}): A band {a_band:.3f} edge {a_edge:.3f}; "
              f"B band {b_band:.3f} edge {b_edge:.3f}")  # fmt: skip
        b_clip = features(*b, half=False)
        for half in (False, True) if args.half else (False,):
            pairs = on_line(features(*a, half=half), b_clip)
            print(
                f"  A {'+ half' if half else 'as is '}: {len(pairs)} on the line: "
                + " ".join(pairs)
            )


if __name__ == "__main__":
    main()
