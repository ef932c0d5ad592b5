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
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from forensics.batch import Batch, ClipOutcome, analyze_batch
from forensics.media.toolchain import find_toolchain

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "media"
VIDEO = (".mp4", ".mov", ".mkv", ".avi", ".webm")


def seconds_of(i: int) -> int:
    """10-30 s, spread over the clips."""
    return 10 + (i * 7) % 21


def build_clips(folder: Path, count: int, source: str) -> list[Path]:
    """``shared``: each clip another stretch of another ``../shared/media`` source, looped where
    the source is short (ten sources of 10-140 s: past about 20 clips, clips of one source share
    footage). ``distinct``: the sources' stretches that do not overlap (each source cut into
    consecutive windows, never looped), then ffmpeg generators with another seed or place per
    clip, so no two clips share footage. ``lavfi``: generators only."""
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
              ) -> dict[str, float]:  # fmt: skip
    """One batch into a fresh case; the time each clip finished, from the start."""
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
            "shared": summary.shared_pairs}  # fmt: skip


def report(name: str, run: dict[str, float], count: int) -> None:
    tail = int(run["tail"])
    print(f"{name:<10} {run['total']:8.1f} s  {count / run['total'] * 60:6.1f} clips/min  "
          f"last {tail} / first {tail}: {run['last']:.1f} s / {run['first']:.1f} s = "
          f"{run['last'] / run['first']:.2f} ({run['per_second']:.2f} a second of footage)  "
          f"failed {int(run['failed'])}, pairs sharing footage {int(run['shared'])}")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clips", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument(
        "--source",
        choices=("auto", "distinct", "shared", "lavfi"),
        default="auto",
        help="auto: distinct when ../shared/media exists",
    )
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
            clips = build_clips(made, args.clips, source)
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
