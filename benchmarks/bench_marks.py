#!/usr/bin/env python3
"""Tune bench for channels' marks: semi-transparent handles, ``t.me/`` addresses and channel
names in corners over busy moving footage, upscaled 320x180 footage and 9:16 reposts
(tests/mark_media.py), read by the real detector, tracker and reader over text frames one
second apart, as analyze samples them.

Per condition: word recall (the mark's words found whole in the track read at its place, per
frame it is on), CER (edit distance over the truth's length; 1.0 where nothing is read there),
false tracks (tracks at no mark's place; on textless clips, any), reads, and the reader's CPU
seconds. Tune data only: never the held-out scenes (benchmarks/onscreen_heldout).

Run: ``python benchmarks/bench_marks.py [--frames N] [--only NAME]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from forensics.onscreen.detect import TextDetector  # noqa: E402
from forensics.onscreen.engine import LineReader, find_engine  # noqa: E402
from forensics.onscreen.merge import cer, overlap  # noqa: E402
from forensics.onscreen.track import track  # noqa: E402
from tests.mark_media import CONDITIONS, TEXTLESS, Condition, render_marks  # noqa: E402


def run(cond: Condition, frames: int, detector: TextDetector, reader: LineReader) -> dict:
    pictures, truths = [], []
    for k in range(frames):
        gray, boxes = render_marks(0.5 + k, cond)
        pictures.append(gray)
        truths.append(boxes)
    calls, cpu = reader.calls, 0.0

    def read(crop, like=None):
        nonlocal cpu
        start = time.process_time()
        try:
            return reader.read(crop, like)
        finally:
            cpu += time.process_time() - start

    start = time.process_time()
    tracks = track(pictures, detector.find, read)
    total = time.process_time() - start
    recall, errors, texts = [], [], set()
    for k, boxes in enumerate(truths):
        for text, box in boxes:
            here = [t for t in tracks if t.first <= k <= t.last and overlap(t.box, box) > 0.3]
            read_text = " ".join(t.text for t in here)
            texts.add(read_text)
            words = text.split()
            recall.append(sum(w in read_text.split() for w in words) / len(words))
            errors.append(cer(text, read_text) if read_text else 1.0)
    marks = [box for boxes in truths[:1] for _, box in boxes]
    false = [t.text for t in tracks if not any(overlap(t.box, b) > 0.3 for b in marks)]
    return {"recall": sum(recall) / max(1, len(recall)) if recall else None,
            "cer": sum(errors) / max(1, len(errors)) if errors else None,
            "false": false, "reads": reader.calls - calls, "read_cpu": cpu, "cpu": total,
            "texts": sorted(texts)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--frames", type=int, default=16)
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    detector, reader = TextDetector(), LineReader(find_engine())
    rows, recalls, cers = [], [], []
    for cond in CONDITIONS + TEXTLESS:
        if args.only and args.only not in cond.name:
            continue
        out = run(cond, args.frames, detector, reader)
        rows.append((cond.name, out))
        if out["recall"] is not None:
            recalls.append(out["recall"])
            cers.append(out["cer"])
        rec = "-" if out["recall"] is None else f"{out['recall']:.2f}"
        err = "-" if out["cer"] is None else f"{out['cer']:.2f}"
        print(f"| {cond.name} | {rec} | {err} | {len(out['false'])} | {out['reads']} | "
              f"{out['read_cpu']:.2f} | {out['cpu']:.2f} |", flush=True)  # fmt: skip
        print(f"    read: {out['texts']}  false: {out['false']}", flush=True)
    if recalls:
        print(f"mean recall {sum(recalls) / len(recalls):.3f}, "
              f"mean CER {sum(cers) / len(cers):.3f}")  # fmt: skip


if __name__ == "__main__":
    main()
