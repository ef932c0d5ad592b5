"""Batch throughput: N distinct short clips (10-30 s) analysed into one case, sequentially and
with ``--jobs 2``, measured in one run (issue 17).

Prints, for each run: total wall time, clips a minute, and the time of the last N clips over
the first N (``--tail``, default a tenth of the clips: does adding a clip cost more as the
case grows?); then the parallel/sequential ratio (target <= 0.6 on 2 cores) and a PASS/FAIL
line per target.

Clips are distinct (``--source distinct``, the default when ``../shared/media`` exists): the
stretches of those sources that do not overlap, then ffmpeg generators with another seed per
clip. ``--source shared`` cuts every clip from the ten shared sources, looped (clips of one
source then share footage: a case with many true reposts); ``--source lavfi``: generators
only. Clips and report folders are written to a temporary folder and removed afterwards
(``--keep`` keeps them).

    python benchmarks/bench_batch.py --clips 20
    python benchmarks/bench_batch.py --clips 100 --jobs 2 --no-onscreen-text
    python benchmarks/bench_batch.py --clips 200 --jobs 1 --no-onscreen-text   # growth only
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw

from forensics.batch import Batch, ClipOutcome, analyze_batch
from forensics.media.toolchain import find_toolchain

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "media"
VIDEO = (".mp4", ".mov", ".mkv", ".avi", ".webm")


def seconds_of(i: int) -> int:
    """10-30 s, spread over the clips."""
    return 10 + (i * 7) % 21


def build_clips(folder: Path, count: int, source: str, size: tuple[int, int] = (640, 360)
                ) -> list[Path]:  # fmt: skip
    """``shared``: each clip another stretch of another ``../shared/media`` source, looped where
    the source is short (ten sources of 10-140 s: past about 20 clips, clips of one source share
    footage). ``distinct``: the sources' stretches that do not overlap (each source cut into
    consecutive windows, never looped), then ffmpeg generators with another seed or place per
    clip, so no two clips share footage. ``lavfi``: generators only. ``textured``: every clip
    its own pictures (:func:`textured_clip`), ``size`` pixels; cheap to make by the thousand."""
    if source == "textured":
        return [textured_clip(folder / f"clip{i:04d}.mp4", i, seconds_of(i), size)
                for i in range(count)]  # fmt: skip
    sources = sorted(p for p in SHARED.glob("*") if p.suffix.lower() in VIDEO) \
        if source in ("shared", "distinct") else []  # fmt: skip
    if source == "distinct":
        return _distinct_clips(folder, count, sources)
    clips: list[Path] = []
    broken: set[Path] = set()
    for i in range(count):
        out = folder / f"clip{i:04d}.mp4"
        length = seconds_of(i)
        # another stretch of another source each time; a source ffmpeg cannot loop (a broken
        # file) is passed over for the next
        for k in range(len(sources)):
            src = sources[(i + k) % len(sources)]
            if src in broken:
                continue
            start = (i // len(sources)) * 11
            # a frame count, not -t: a looped input's timestamps need not grow
            args = ["-stream_loop", "-1", "-ss", str(start), "-i", str(src), "-r", "25",
                    "-frames:v", str(25 * length), "-vf", "scale=-2:360", "-an"]  # fmt: skip
            if encode(args, out):
                break
            broken.add(src)
        else:
            generated(i, length, out)
        clips.append(out)
    return clips


def _distinct_clips(folder: Path, count: int, sources: list[Path]) -> list[Path]:
    """Real footage while it lasts without repeating, then generated footage."""
    windows = [(src, start) for src in sources for start in _windows(src)]
    clips: list[Path] = []
    for i in range(count):
        out = folder / f"clip{i:04d}.mp4"
        length = seconds_of(i)
        made = False
        while windows and not made:
            src, start = windows.pop(0)
            args = ["-ss", str(start), "-i", str(src), "-r", "25", "-frames:v", str(25 * length),
                    "-vf", "scale=-2:360", "-an"]  # fmt: skip
            made = encode(args, out) and _seconds(out) >= length - 1
        if not made:
            generated(i, length, out)
        clips.append(out)
    return clips


def _windows(src: Path) -> list[float]:
    """Starts of consecutive 30 s windows (the longest clip) that fit in the source."""
    duration = _seconds(src)
    return [30.0 * k for k in range(int(duration // 30))]


def _seconds(path: Path) -> float:
    command = [find_toolchain().ffprobe, "-v", "error", "-show_entries", "format=duration",
               "-of", "csv=p=0", str(path)]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    try:
        return float(done.stdout.strip())
    except ValueError:
        return 0.0


def generated(i: int, length: int, out: Path) -> None:
    """Clip ``i`` from an ffmpeg generator: another seed, rule or place for every clip."""
    kind = ("carpet", "triangle")[i % 2]
    rule = (30, 90, 110, 150, 182)[i % 5]
    # (no mandelbrot: its zooms from nearby places show the same picture at other scales)
    specs = (
        f"life=s=640x360:r=25:seed={i}:ratio=0.{2 + i % 6}:mold={i % 20}",
        f"cellauto=s=640x360:r=25:seed={i}:rule={rule}:random_fill_ratio=0.{3 + i % 5}",
        f"sierpinski=s=640x360:r=25:seed={i}:jump={1 + i % 90}:type={kind}",
    )
    spec = specs[i % len(specs)]
    args = ["-f", "lavfi", "-i", spec, "-t", str(length), "-vf", f"hue=h={(i * 37) % 360}", "-an"]
    if not encode(args, out):
        raise SystemExit(f"cannot make {out} from {spec}")


SHOT_S = 5  # seconds a textured clip's shot lasts before a hard cut to the next


def textured_clip(out: Path, i: int, length: int, size: tuple[int, int]) -> Path:
    """Clip ``i``: hard cuts every SHOT_S seconds between pictures of its own (smoothed
    multi-scale colour noise with another seed per shot, so no two clips share a picture,
    and the shots of one clip do not either), each panned across at a fifth of the width a
    second; the frames are cut here and piped to ffmpeg raw."""
    if out.is_file():
        return out
    width, height = size
    pan = width // 5  # pixels a second
    command = [find_toolchain().ffmpeg, "-v", "fatal", "-y", "-f", "rawvideo", "-pix_fmt",
               "rgb24", "-s", f"{width}x{height}", "-r", "25", "-i", "pipe:0", "-c:v",
               "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", str(out)]  # fmt: skip
    encoder = subprocess.Popen(command, stdin=subprocess.PIPE)
    assert encoder.stdin is not None
    for k in range(-(-length // SHOT_S)):
        shot = _texture(1_000_003 * i + k, (width + pan * SHOT_S, height))
        for f in range(25 * min(SHOT_S, length - k * SHOT_S)):
            x = f * pan // 25
            encoder.stdin.write(np.ascontiguousarray(shot[:, x : x + width]).tobytes())
    encoder.stdin.close()
    if encoder.wait() != 0:
        raise SystemExit(f"cannot make {out}")
    return out


def _texture(seed: int, size: tuple[int, int]) -> np.ndarray:
    """A picture of its own: colour noise smoothed at two scales under a hundred shapes
    (boxes, discs, triangles, strokes) of random colours and sizes: edges and corners for
    ORB to describe that differ from seed to seed (pixel noise alone gives descriptors that
    all look alike)."""
    rng = np.random.default_rng(seed)
    width, height = size
    image = np.zeros((height, width, 3), np.float32)
    for scale in (12, 48):
        small = rng.random((max(2, height // scale), max(2, width // scale), 3))
        image += np.asarray(Image.fromarray((small * 255).astype(np.uint8)).resize(
            size, Image.Resampling.BICUBIC), np.float32) / 2  # fmt: skip
    picture = Image.fromarray(np.clip(image, 0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(picture)
    for _ in range(100):
        x, y = int(rng.integers(0, width)), int(rng.integers(0, height))
        r = int(rng.integers(3, max(4, height // 6)))
        colour = tuple(int(v) for v in rng.integers(0, 256, 3))
        kind = int(rng.integers(0, 4))
        if kind == 0:
            draw.rectangle((x - r, y - r // 2, x + r, y + r), fill=colour)
        elif kind == 1:
            draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
        elif kind == 2:
            draw.polygon([(x + int(dx), y + int(dy)) for dx, dy in rng.integers(-r, r, (3, 2))],
                         fill=colour)  # fmt: skip
        else:
            draw.line((x, y, x + int(rng.integers(-3 * r, 3 * r)), y + int(rng.integers(-r, r))),
                      fill=colour, width=int(rng.integers(1, 4)))  # fmt: skip
    return np.asarray(picture)


def encode(args: list[str], out: Path) -> bool:
    command = [find_toolchain().ffmpeg, "-v", "fatal", "-y", *args, "-c:v", "libx264",
               "-preset", "veryfast", "-pix_fmt", "yuv420p", str(out)]  # fmt: skip
    try:
        done = subprocess.run(command, stdin=subprocess.DEVNULL, timeout=60, check=False)
    except subprocess.TimeoutExpired:
        return False
    return done.returncode == 0


def finishing_times(clips: list[Path], out: Path, **options: Any) -> tuple[Batch, list[float]]:
    """``analyze_batch(clips, out, **options)`` and the time each clip finished, from the
    start; a failure is printed as it happens."""
    started = time.perf_counter()
    finished: list[float] = []

    def done(outcome: ClipOutcome) -> None:
        finished.append(time.perf_counter() - started)
        if outcome.error is not None:
            print(f"  failed: {outcome.path.name}: {outcome.error}", file=sys.stderr)

    return analyze_batch(clips, out, on_done=done, **options), finished


def timed_run(clips: list[Path], out: Path, jobs: int, read_text: bool, tail: int
              ) -> dict[str, Any]:  # fmt: skip
    """One batch into a fresh case; the time each clip finished, from the start, and the
    machine's load average (1 minute) as it started and ended."""
    load = os.getloadavg()[0]
    started = time.perf_counter()
    batch, finished = finishing_times(clips, out, index_dir=out, jobs=jobs,
                                      read_text=read_text)  # fmt: skip
    total = time.perf_counter() - started
    tail = min(tail, len(finished) // 2)
    first = finished[tail - 1]  # the first ``tail`` clips took this long
    last = finished[-1] - finished[-tail - 1]  # and the last ``tail`` this long
    footage = [seconds_of(i) for i in range(len(clips))]  # their lengths differ a little
    per_second = (last / sum(footage[-tail:])) / (first / sum(footage[:tail]))
    summary = batch.summary()
    return {"total": total, "first": first, "last": last, "tail": tail,
            "per_second": per_second, "failed": len(batch.failures),
            "shared": summary.shared_pairs, "finished": finished,
            "load": (load, os.getloadavg()[0])}  # fmt: skip


def tenths(finished: list[float]) -> list[float]:
    """Seconds each tenth of the clips took, in order (the growth, tenth by tenth)."""
    ends = [finished[max(0, round(len(finished) * k / 10) - 1)] for k in range(1, 11)]
    return [round(b - a, 1) for a, b in zip([0.0, *ends[:-1]], ends, strict=True)]


def report(name: str, run: dict[str, Any], count: int) -> None:
    tail = int(run["tail"])
    print(f"{name:<10} {run['total']:8.1f} s  {count / run['total'] * 60:6.1f} clips/min  "
          f"last {tail} / first {tail}: {run['last']:.1f} s / {run['first']:.1f} s = "
          f"{run['last'] / run['first']:.2f} ({run['per_second']:.2f} a second of footage)  "
          f"failed {int(run['failed'])}, pairs sharing footage {int(run['shared'])}")  # fmt: skip
    print(f"{'':<10} each tenth of the clips, s: {tenths(run['finished'])}; load average "
          f"{run['load'][0]:.1f} at the start, {run['load'][1]:.1f} at the end")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clips", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument(
        "--source",
        choices=("auto", "distinct", "shared", "lavfi", "textured"),
        default="auto",
        help="auto: distinct when ../shared/media exists; textured: every clip its own "
        "generated pictures, cheap to make by the thousand",
    )
    parser.add_argument("--size", default="640x360", help="textured clips' size, WxH")
    parser.add_argument("--times", type=Path, help="write each run's finishing times here (JSON)")
    parser.add_argument(
        "--tail",
        type=int,
        default=0,
        help="clips compared at each end (default: a tenth, at least 10)",
    )
    parser.add_argument("--no-onscreen-text", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the clips and reports")
    parser.add_argument(
        "--clips-dir",
        type=Path,
        help="make the clips here and keep them; "
        "clips already there are used again (runs compared on the same clips)",
    )
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    source = args.source if args.source != "auto" else ("distinct" if SHARED.is_dir() else "lavfi")
    tail = args.tail or max(10, args.clips // 10)
    work = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    try:
        built = time.perf_counter()
        made = args.clips_dir or work / "clips"
        made.mkdir(parents=True, exist_ok=True)
        clips = sorted(made.glob("clip*.mp4"))[: args.clips]
        if len(clips) < args.clips:
            size = tuple(int(v) for v in args.size.split("x"))
            clips = build_clips(made, args.clips, source, (size[0], size[1]))
        print(f"{len(clips)} clips of 10-30 s ({source}), built in "
              f"{time.perf_counter() - built:.0f} s; {os.cpu_count()} cores; "
              f"on-screen text {'not ' if args.no_onscreen_text else ''}read")  # fmt: skip
        read = not args.no_onscreen_text
        one = timed_run(clips, work / "jobs1", 1, read, tail)
        report("--jobs 1", one, len(clips))
        runs = [one]
        if args.jobs > 1:  # --jobs 1: the sequential run only
            many = timed_run(clips, work / f"jobs{args.jobs}", args.jobs, read, tail)
            report(f"--jobs {args.jobs}", many, len(clips))
            runs.append(many)
            ratio = many["total"] / one["total"]
            print(f"parallel / sequential: {ratio:.2f} (target <= 0.60 on 2 cores): "
                  f"{'PASS' if ratio <= 0.6 else 'FAIL'}")  # fmt: skip
        if args.times:
            named = zip((1, args.jobs), runs, strict=False)
            args.times.write_text(json.dumps({f"jobs{n}": r["finished"] for n, r in named}))
        growth = max(r["last"] / r["first"] for r in runs)
        print(f"last / first clips, worst run: {growth:.2f} (target <= 1.2): "
              f"{'PASS' if growth <= 1.2 else 'FAIL'}")  # fmt: skip
    finally:
        if args.keep:
            print(f"kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":  # spawned worker processes import this module too
    sys.exit(main())
