#!/usr/bin/env python3
"""What on-screen text adds to the time an analyst waits for ``analyze``'s reading of a clip:
``forensics.describe.read_evidence`` (probe, the one decode, hashing and describing the frames,
thumbnails, and the on-screen text) with and without the text, in fresh processes, each tree's
code in turn (``--baseline-tree DIR``), alternating; wall and CPU (this process, all its
threads, and its ffmpeg children) as multiples of the plain decode's (``ffmpeg -i clip -f null
-``), medians over ``--rounds``. A tree that reads the text beside the hashing
(``forensics.onscreen.loading``) shows it in the wall time, not in the CPU time.

Run: ``python benchmarks/onscreen_evidence.py CLIP [--rounds N] [--baseline-tree DIR]``; one
round of the child: ``PYTHONPATH=TREE python onscreen_evidence.py CLIP --child text|plain``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def child(clip: Path, text: bool) -> None:
    from forensics.describe import read_evidence
    from forensics.media.toolchain import find_toolchain

    tools = find_toolchain()
    with tempfile.TemporaryDirectory() as tmp:
        stage = Path(tmp) / "stage"
        stage.mkdir()
        wall, cpu = time.perf_counter(), time.process_time()
        reading = read_evidence(clip, tools, stage, lambda _msg: None, text)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    texts = [[t.text, t.start.seconds, t.end.seconds, list(t.box)] for t in reading.onscreen.texts]
    print(json.dumps({"wall": wall, "cpu": cpu, "children": kids.ru_utime + kids.ru_stime,
                      "texts": texts}, ensure_ascii=False))  # fmt: skip


def run(tree: Path, clip: Path, text: bool) -> dict:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    args = [sys.executable, __file__, str(clip), "--child", "text" if text else "plain"]
    return json.loads(subprocess.run(args, env=env, capture_output=True, text=True,
                                     check=True).stdout)  # fmt: skip


def floor(clip: Path) -> tuple[float, float]:
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run(["ffmpeg", "-v", "error", "-i", str(clip), "-f", "null", "-"], check=True,
                   stdin=subprocess.DEVNULL)  # fmt: skip
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return time.perf_counter() - start, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("clip", type=Path)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--baseline-tree", type=Path)
    parser.add_argument("--child", choices=("text", "plain"))
    args = parser.parse_args()
    if args.child:
        child(args.clip, args.child == "text")
        return
    trees = {"now": ROOT}
    if args.baseline_tree:
        trees = {f"baseline {args.baseline_tree.name}": args.baseline_tree, **trees}
    got: dict[str, list[float]] = defaultdict(list)
    texts: dict[str, list] = {}
    for round_ in range(args.rounds):
        wall0, cpu0 = floor(args.clip)
        got["floor wall s"].append(wall0)
        got["floor CPU s"].append(cpu0)
        order = list(trees.items()) if round_ % 2 == 0 else list(trees.items())[::-1]
        for name, tree in order:
            plain, text = run(tree, args.clip, False), run(tree, args.clip, True)
            texts[name] = text["texts"]
            for label, r in (("without text", plain), ("with text", text)):
                got[f"{name}: {label}: wall / floor"].append(r["wall"] / wall0)
                got[f"{name}: {label}: CPU (own + ffmpeg) / floor CPU"].append(
                    (r["cpu"] + r["children"]) / cpu0)  # fmt: skip
            got[f"{name}: text adds wall / floor wall"].append((text["wall"] - plain["wall"])
                                                               / wall0)  # fmt: skip
            added = text["cpu"] + text["children"] - plain["cpu"] - plain["children"]
            got[f"{name}: text adds CPU / floor CPU"].append(added / cpu0)
    for key, values in got.items():
        each = ", ".join(f"{v:.2f}" for v in values)
        print(f"  {key}: {statistics.median(values):.2f}  ({each})")
    names = list(texts)
    print(f"  same tracks in every tree: {all(texts[n] == texts[names[0]] for n in names)}")


if __name__ == "__main__":
    main()
