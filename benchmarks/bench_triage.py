#!/usr/bin/env python3
"""Benchmark ``analyze --triage`` and the full ``analyze`` after it against a plain decode.

Targets (issue 17): triage of a 2-minute 720p clip <= 0.2x its full decode floor; the full
analysis of the same clip after its triage (which takes the triage's hashes and probe)
<= 1.2x. Both ratios are measured in one run, against the same decodes.

What it does:

1. Builds or reuses ``bench_analyze.py``'s clip (1280x720, 30 fps, H.264 + AAC, a scene cut
   every 10 s; cached in ``benchmarks/out/``).
2. Warms this process up: one triage and one full analysis of a 3-second clip, so the
   one-time costs of a process (the claim vocabulary's patterns, the report templates,
   OpenCV's and SciPy's first calls: about 1.5 s) are not booked to the clip, as they are
   not in a batch, which is what triage is for.
3. ``--rounds`` times, alternating: a plain decode ``ffmpeg -i CLIP -f null -`` (audio and
   video, the floor), ``forensics.analyze(CLIP, triage=True)`` into a fresh case, then
   ``forensics.analyze(CLIP)`` into the same case, without on-screen text (reading it costs
   more than the decode: benchmarks/onscreen/README.md).
4. Prints medians of wall time, their ratios to the decode, and the CPU time of each
   (this process and its children), which is less sensitive to other load.
5. With ``--cli``, one cold ``forensics analyze --triage`` through the console script too
   (interpreter start-up, imports and first calls counted), for reference: not a target.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_analyze  # noqa: E402  (the clip recipe and the console script's path)

TRIAGE_TARGET = 0.2
FULL_TARGET = 1.2


def cpu_now() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(action: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds (this process and the children it waited for) of ``action``."""
    cpu, wall = cpu_now(), time.perf_counter()
    action()
    return time.perf_counter() - wall, cpu_now() - cpu


def warm_up(ffmpeg: str, work: Path) -> None:
    from forensics import analyze

    clip = work / "warm.mp4"
    subprocess.run([ffmpeg, "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=s=640x360:r=30:d=3",
                    "-c:v", "libx264", "-preset", "ultrafast", str(clip)], check=True)  # fmt: skip
    analyze(clip, work / "warm", index_dir=work / "warm", triage=True)
    analyze(clip, work / "warm", index_dir=work / "warm", read_text=False)


def one_round(clip: Path, decode_cmd: list[str], work: Path) -> dict[str, tuple[float, float]]:
    from forensics import analyze

    out = Path(tempfile.mkdtemp(prefix="round-", dir=work))
    decode = timed(lambda: subprocess.run(decode_cmd, check=True, stdin=subprocess.DEVNULL))
    triage = timed(lambda: analyze(clip, out, index_dir=out, triage=True))
    full_result: list[object] = []
    full = timed(lambda: full_result.append(analyze(clip, out, index_dir=out, read_text=False)))
    record = full_result[0].record  # type: ignore[attr-defined]
    if record.depth is None or not record.depth.reused:
        sys.exit("the full analysis did not take the triage's hashes and probe")
    return {"decode": decode, "triage": triage, "full": full}


def cold_cli(clip: Path, work: Path) -> float:
    out = work / "cli"
    started = time.perf_counter()
    subprocess.run([*bench_analyze.forensics_cli(), "analyze", "--triage", str(clip), "--out",
                    str(out), "--no-index"], check=True, capture_output=True)  # fmt: skip
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="decode/triage/full rounds (3)")
    parser.add_argument("--duration", type=float, default=120.0, help="clip seconds (120)")
    parser.add_argument("--cli", action="store_true", help="also time one cold CLI triage")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a target fails")
    args = parser.parse_args(argv)
    tools = bench_analyze.toolchain(dict(os.environ))
    ffmpeg = str(tools["ffmpeg"])
    clip = bench_analyze.ensure_clip(ffmpeg, args.duration)
    print(bench_analyze.describe_clip(clip, args.duration))
    print(f"ffmpeg {tools['ffmpeg_version']} at {ffmpeg}; {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.2f} at start")  # fmt: skip
    decode_cmd = [ffmpeg, "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error",
                  "-i", str(clip), "-f", "null", "-"]  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="bench-triage-") as temp:
        work = Path(temp)
        warm_up(ffmpeg, work)
        rounds = []
        for number in range(1, args.rounds + 1):
            measured = one_round(clip, decode_cmd, work)
            rounds.append(measured)
            print(f"round {number}: " + " | ".join(
                f"{k} {w:6.2f} s (cpu {c:6.2f} s)" for k, (w, c) in measured.items()),
                flush=True)  # fmt: skip
        cli_s = cold_cli(clip, work) if args.cli else None
    wall = {k: statistics.median(r[k][0] for r in rounds) for k in ("decode", "triage", "full")}
    cpu = {k: statistics.median(r[k][1] for r in rounds) for k in ("decode", "triage", "full")}
    triage_ratio, full_ratio = wall["triage"] / wall["decode"], wall["full"] / wall["decode"]
    ok = triage_ratio <= TRIAGE_TARGET and full_ratio <= FULL_TARGET
    print(f"\n{'measure':<34} {'value':>10} {'target':>8}")
    for label, value, target, good in (
        ("median plain decode (floor)", f"{wall['decode']:.2f} s", "", None),
        ("median triage", f"{wall['triage']:.2f} s", "", None),
        ("median full analyze after it", f"{wall['full']:.2f} s", "", None),
        ("ratio triage/decode", f"{triage_ratio:.3f}x", f"<= {TRIAGE_TARGET}",
         triage_ratio <= TRIAGE_TARGET),
        ("ratio full/decode", f"{full_ratio:.3f}x", f"<= {FULL_TARGET}", full_ratio <= FULL_TARGET),
        ("cpu ratio triage/decode", f"{cpu['triage'] / cpu['decode']:.3f}x", "", None),
        ("cpu ratio full/decode", f"{cpu['full'] / cpu['decode']:.3f}x", "", None),
    ):  # fmt: skip
        mark = "" if good is None else ("PASS" if good else "FAIL")
        print(f"{label:<34} {value:>10} {target:>8} {mark}")
    if cli_s is not None:
        print(
            f"{'cold CLI triage (reference)':<34} {cli_s:>8.2f} s "
            f"({cli_s / wall['decode']:.2f}x the decode: start-up and first calls included)"
        )
    print(f"\noverall: {'PASS' if ok else 'FAIL'}")
    return 1 if args.strict and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
