#!/usr/bin/env python3
"""Run the on-screen text step of one source tree over frames a decode wrote, in a process of
its own, and print what it cost and found as JSON: ``bench_onscreen.py --baseline REV`` runs
this with PYTHONPATH set to the tree of REV and to this one, in turn, on the same frames.

Usage: ``PYTHONPATH=TREE python onscreen_step.py FRAMES.json OUT_DIR WIDTHxHEIGHT``, where
FRAMES.json lists ``[pts, time_base numerator, denominator, path]`` per frame.
"""

from __future__ import annotations

import json
import sys
import time
from fractions import Fraction
from pathlib import Path

from forensics.media.frames import TextFrame
from forensics.onscreen import read_onscreen
from forensics.records import Timestamp


def main() -> None:
    listing = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    frames = [TextFrame(Timestamp(pts, Fraction(n, d)), Path(p)) for pts, n, d, p in listing]
    width, height = (int(v) for v in sys.argv[3].split("x"))
    wall, cpu = time.perf_counter(), time.process_time()
    reading = read_onscreen(frames, (width, height), Path(sys.argv[2]))
    out = {
        "wall": time.perf_counter() - wall,
        "cpu": time.process_time() - cpu,
        "reads": reading.status.reads,
        "flags": [f.message for f in reading.flags],
        "texts": [[t.text, t.start.seconds, t.end.seconds, list(t.box), t.kind]
                  for t in reading.texts],
        "points": [[p.lat, p.lon] for p in reading.telemetry if p.lat is not None],
    }
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
