"""Where ``forensics.reuse.compare`` spends its time, stage by stage, on given pairs of clips.

Each stage runs on the main thread, one after the other (``compare`` overlaps the two clips'
decodes and describes them in threads; here each is timed alone), and is charged the CPU
seconds of this process and of its children (ffmpeg) while it ran:

    python benchmarks/profile_compare.py A.mp4 B.mp4 [A2.mp4 B2.mp4 ...] [--top 25]

The stages: probe (the container, in-process), decode (ffmpeg's sampling run and reading its
frames), describe (looking for a picture-in-picture, then ORB as is and mirrored, portrait and
inset crops), inverted (the query's frames inverted), still (the still layer), and the
comparison itself (``compare_features``). With ``--top N`` cProfile (on CPU time) also lists
the N functions that cost most, cumulatively; it slows Python-heavy code several times over,
so take the stage totals from a run without it. The decode floor (``ffmpeg -i CLIP -f null
-``) of both clips is given in CPU seconds too.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from forensics.media.frames import extract  # noqa: E402
from forensics.media.mediainfo import media_info  # noqa: E402
from forensics.media.probe import probe  # noqa: E402
from forensics.media.toolchain import Toolchain, find_toolchain  # noqa: E402
from forensics.reuse import features as feats  # noqa: E402
from forensics.reuse.compare import compare_features  # noqa: E402
from forensics.reuse.motion import mark_still_layers  # noqa: E402


def cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def timed(totals: dict[str, float], stage: str, job: Callable[[], Any]) -> Any:
    start = cpu()
    result = job()
    totals[stage] += cpu() - start
    return result


def clip(path: Path, tools: Toolchain, query: bool, totals: dict[str, float]) -> Any:
    media = timed(
        totals,
        "probe",
        lambda: media_info(path, probe(path, tools, packet_times=False, in_process=True)),
    )
    with tempfile.TemporaryDirectory(prefix="profile-compare-") as work:
        extraction = timed(totals, "decode", lambda: extract(path, media, tools, None, Path(work)))
        samples = timed(totals, "decode", lambda: list(extraction.samples))
    described = timed(totals, "describe", lambda: feats.describe_samples(samples))
    layers = [described]
    if query:
        layers.append(timed(totals, "inverted", lambda: feats.describe_inverted(samples)))
    marked, *flipped = timed(totals, "still", lambda: mark_still_layers(layers, samples))
    duration = media.duration_s or 0.0
    return feats.ClipFeatures(
        duration, extraction.sample_size, marked, flipped[0] if flipped else ()
    )


def floor(path: Path, tools: Toolchain) -> float:
    start = cpu()
    subprocess.run(
        [tools.ffmpeg, "-nostdin", "-v", "error", "-i", str(path), "-f", "null", "-"], check=True
    )
    return cpu() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("clips", nargs="+", type=Path, help="A B [A B ...]")
    parser.add_argument("--top", type=int, default=0, help="profile, list this many functions")
    args = parser.parse_args()
    if len(args.clips) % 2:
        parser.error("clips come in pairs")
    tools = find_toolchain()
    totals: dict[str, float] = defaultdict(float)
    profile = cProfile.Profile(time.process_time)  # CPU: the machine may be shared
    started = time.perf_counter()
    for a, b in zip(args.clips[::2], args.clips[1::2], strict=True):
        totals["floor"] += floor(a, tools) + floor(b, tools)
        if args.top:
            profile.enable()
        first, second = clip(a, tools, True, totals), clip(b, tools, False, totals)
        timed(totals, "compare", partial(compare_features, str(a), first, str(b), second))
        profile.disable()
    print(f"{len(args.clips) // 2} pairs, {time.perf_counter() - started:.1f} s wall")
    work = sum(v for k, v in totals.items() if k != "floor")
    for stage, seconds in totals.items():
        print(f"{stage:10} {seconds:7.2f} s CPU  {seconds / totals['floor']:5.2f}x floor")
    print(f"{'all':10} {work:7.2f} s CPU  {work / totals['floor']:5.2f}x floor")
    if args.top:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
