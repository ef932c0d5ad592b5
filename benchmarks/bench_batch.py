"""Batch throughput: N distinct short clips (10-30 s) analysed into one case, sequentially and
with ``--jobs 2``, measured in one run (issue 17).

Prints, for each run: total wall time, clips a minute, and the time of the last 10 clips over
the first 10 (does adding a clip cost more as the case grows?); then the parallel/sequential
ratio (target <= 0.6 on 2 cores) and a PASS/FAIL line per target.

Clips are cut from ``../shared/media`` when it exists (each clip a different stretch of a
different source, looped when the source is short, so neighbours share no footage unless the
sources do), else made from ffmpeg test sources (``--source lavfi``). They are written to a
temporary folder, with the two runs' report folders, and removed afterwards (``--keep`` keeps
them).

    python benchmarks/bench_batch.py --clips 20
    python benchmarks/bench_batch.py --clips 100 --jobs 2 --no-onscreen-text
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

from forensics.batch import ClipOutcome, analyze_batch
from forensics.media.toolchain import find_toolchain

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "media"
VIDEO = (".mp4", ".mov", ".mkv", ".avi", ".webm")
LAVFI = ("testsrc2", "life", "cellauto", "mandelbrot", "rgbtestsrc", "smptehdbars")


def seconds_of(i: int) -> int:
    """10-30 s, spread over the clips."""
    return 10 + (i * 7) % 21


def build_clips(folder: Path, count: int, source: str) -> list[Path]:
    sources = sorted(p for p in SHARED.glob("*") if p.suffix.lower() in VIDEO) \
        if source == "shared" else []  # fmt: skip
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
            name = LAVFI[i % len(LAVFI)]
            spec = f"{name}=s=640x360:r=25" + (f":seed={i}" if name in ("life", "cellauto") else "")
            args = ["-f", "lavfi", "-i", spec, "-t", str(length),
                    "-vf", f"hue=h={(i * 37) % 360}", "-an"]  # fmt: skip
            if not encode(args, out):
                raise SystemExit(f"cannot make {out} from {spec}")
        clips.append(out)
    return clips


def encode(args: list[str], out: Path) -> bool:
    command = [find_toolchain().ffmpeg, "-v", "fatal", "-y", *args, "-c:v", "libx264",
               "-preset", "veryfast", "-pix_fmt", "yuv420p", str(out)]  # fmt: skip
    try:
        done = subprocess.run(command, stdin=subprocess.DEVNULL, timeout=60, check=False)
    except subprocess.TimeoutExpired:
        return False
    return done.returncode == 0


def timed_run(clips: list[Path], out: Path, jobs: int, read_text: bool) -> dict[str, float]:
    """One batch into a fresh case; the time each clip finished, from the start."""
    started = time.perf_counter()
    finished: list[float] = []

    def done(outcome: ClipOutcome) -> None:
        finished.append(time.perf_counter() - started)
        if outcome.error is not None:
            print(f"  failed: {outcome.path.name}: {outcome.error}", file=sys.stderr)

    batch = analyze_batch(clips, out, index_dir=out, jobs=jobs, read_text=read_text,
                          on_done=done)  # fmt: skip
    total = time.perf_counter() - started
    tail = min(10, len(finished) // 2)
    first = finished[tail - 1]  # the first ``tail`` clips took this long
    last = finished[-1] - finished[-tail - 1]  # and the last ``tail`` this long
    footage = [seconds_of(i) for i in range(len(clips))]  # their lengths differ a little
    per_second = (last / sum(footage[-tail:])) / (first / sum(footage[:tail]))
    return {"total": total, "first": first, "last": last, "tail": tail,
            "per_second": per_second, "failed": len(batch.failures)}  # fmt: skip


def report(name: str, run: dict[str, float], count: int) -> None:
    tail = int(run["tail"])
    print(f"{name:<10} {run['total']:8.1f} s  {count / run['total'] * 60:6.1f} clips/min  "
          f"last {tail} / first {tail}: {run['last']:.1f} s / {run['first']:.1f} s = "
          f"{run['last'] / run['first']:.2f} ({run['per_second']:.2f} a second of footage)  "
          f"failed {int(run['failed'])}")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clips", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--source", choices=("auto", "shared", "lavfi"), default="auto")
    parser.add_argument("--no-onscreen-text", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the clips and reports")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    source = args.source if args.source != "auto" else ("shared" if SHARED.is_dir() else "lavfi")
    work = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    try:
        built = time.perf_counter()
        (work / "clips").mkdir()
        clips = build_clips(work / "clips", args.clips, source)
        print(f"{len(clips)} clips of 10-30 s ({source}), built in "
              f"{time.perf_counter() - built:.0f} s; {os.cpu_count()} cores; "
              f"on-screen text {'not ' if args.no_onscreen_text else ''}read")  # fmt: skip
        read = not args.no_onscreen_text
        one = timed_run(clips, work / "jobs1", 1, read)
        report("--jobs 1", one, len(clips))
        many = timed_run(clips, work / f"jobs{args.jobs}", args.jobs, read)
        report(f"--jobs {args.jobs}", many, len(clips))
        ratio = many["total"] / one["total"]
        growth = max(r["last"] / r["first"] for r in (one, many))
        print(f"parallel / sequential: {ratio:.2f} (target <= 0.60 on 2 cores): "
              f"{'PASS' if ratio <= 0.6 else 'FAIL'}")  # fmt: skip
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
