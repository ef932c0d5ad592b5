#!/usr/bin/env python3
"""Decode one clip as analyze does and run the on-screen text step of one source tree on the
frames its decode wrote, in a process of its own, and print what it cost and found as JSON:
``bench_onscreen.py --baseline REV`` runs this with PYTHONPATH set to the tree of REV and to
this one, in turn, on the same clip, so each tree writes its text frames its own way.

Usage: ``PYTHONPATH=TREE python onscreen_step.py CLIP WORK_DIR``. Printed: the decode's CPU
(ffmpeg's, user + system) without and with the text branch, its wall time and this process's
own CPU during it (a tree that loads the engines while the clip decodes, as analyze does with
``forensics.onscreen.preload``, loads them then, in the thread that reads: its own CPU
during the decode with the branch, less that without, is what loading ahead cost), and the
step's wall and CPU time on its first clip in the process and again on a second (the same
frames: what a batch worker's next clip pays); the step's reads, tracks and HUD points.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from forensics.media.frames import extract
from forensics.media.mediainfo import read_media
from forensics.media.probe import probe
from forensics.media.toolchain import find_toolchain
from forensics.onscreen import read_onscreen

try:  # trees before the reader thread (engines loaded while the clip decodes) have none
    from forensics.onscreen import preload, read_later
except ImportError:
    preload = read_later = None  # type: ignore[assignment]


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    clip, work = Path(sys.argv[1]), Path(sys.argv[2])
    tools = find_toolchain()
    media, _ = read_media(clip, probe(clip, tools))
    picture = media.display_size or (media.width or 2, media.height or 2)
    out: dict[str, object] = {}
    for name, text in (("plain", False), ("branch", True)):
        folder = work / name
        (folder / "shots").mkdir(parents=True)
        if text and preload is not None:  # as analyze does: the engines load while it decodes
            preload()
        before, wall, cpu = child_cpu(), time.perf_counter(), time.process_time()
        extraction = extract(clip, media, tools, folder / "shots", folder, text=text)
        out[f"decode {name} cpu"] = child_cpu() - before
        out[f"decode {name} wall"] = time.perf_counter() - wall
        out[f"decode {name} own cpu"] = time.process_time() - cpu  # with any loading ahead
    frames = extraction.text_frames
    for run in ("first", "second"):
        (work / run).mkdir()
        wall, cpu = time.perf_counter(), time.process_time()
        if read_later is not None:  # in the reader thread, as analyze reads
            reading = read_later(frames, picture, work / run).result()
        else:
            reading = read_onscreen(frames, picture, work / run)
        out[f"{run} wall"] = time.perf_counter() - wall
        out[f"{run} cpu"] = time.process_time() - cpu
    out |= {
        "frames": [f.time.seconds for f in frames],
        "bytes": sum(f.path.stat().st_size for f in frames),
        "reads": reading.status.reads,
        "flags": [f.message for f in reading.flags],
        "texts": [[t.text, t.start.seconds, t.end.seconds, list(t.box), t.kind]
                  for t in reading.texts],
        "points": [[p.lat, p.lon] for p in reading.telemetry if p.lat is not None],
    }  # fmt: skip
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
