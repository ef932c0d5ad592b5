#!/usr/bin/env python3
"""How long the claim-fact extractor takes on 2 MB of Cyrillic, and how long a process takes
to start (``import forensics``, ``forensics --help``).

Target (issue 15): a 2 MB Cyrillic claim in a few seconds, in time linear in its length. The
texts are the slow tests' (``tests/long_claims.py``): ``village posts`` (2,000,000 characters,
3.7 MB of UTF-8: three kinds of post with 300 villages no vocabulary has) and ``news report``
(one paragraph repeated to 2,000,000 bytes). For each, one extraction of half the text and one
of all of it, in a warm process (vocabulary and dictionaries loaded): CPU and wall seconds, and
the ratio of the whole to the half (2.0 is linear). These machines are shared and noisy, so
with ``--reference CHECKOUT`` (another worktree, e.g. main) the same is measured there in a
child process, rounds alternating, and the ratio this/reference is printed from the same run.
``--digest`` prints a SHA-256 of every fact (kind, value, text, span, detail) of each text, to
show that a faster version finds exactly the same facts.

    python benchmarks/bench_claims_speed.py                            # this checkout
    python benchmarks/bench_claims_speed.py --reference /work/main --rounds 2 --startup
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import runpy
import statistics
import subprocess
import sys
import time
from pathlib import Path

# No sys.path entry for this checkout: each measurement runs in a child whose PYTHONPATH
# names the checkout measured.
ROOT = Path(__file__).resolve().parent.parent

SIZE = 2_000_000
STARTUP = {"import forensics": ["-c", "import forensics"],
           "forensics --help": ["-m", "forensics", "analyze", "--help"]}  # fmt: skip


def _texts(size: int) -> dict[str, str]:
    made = runpy.run_path(str(ROOT / "tests" / "long_claims.py"))  # the reference may lack it
    return {"village posts": made["village_posts"](size), "news report": made["news_report"](size)}


def measure(size: int, digest: bool) -> dict[str, dict[str, float | str]]:
    """Seconds of CPU and wall for half and all of each text, in this process."""
    from datetime import date

    from forensics.claims.facts import extract_facts

    extract_facts("Вчера у села Козинка бойцы РДК подбили БМП-2, сообщил Гладков.", None)
    out: dict[str, dict[str, float | str]] = {}
    for name, text in _texts(size).items():
        published = date(2023, 5, 23) if name == "news report" else None
        row: dict[str, float | str] = {}
        for part, piece in (("half", text[: len(text) // 2]), ("all", text)):
            cpu, wall = time.process_time(), time.perf_counter()
            facts = extract_facts(piece, published)
            row[f"{part} cpu"] = time.process_time() - cpu
            row[f"{part} wall"] = time.perf_counter() - wall
        row["facts"] = len(facts)
        if digest:
            rows = [[f.kind, f.value, f.text, f.start, f.end, f.detail] for f in facts]
            dumped = json.dumps(rows, ensure_ascii=False, sort_keys=True, default=str)
            row["sha256"] = hashlib.sha256(dumped.encode()).hexdigest()[:16]
        out[name] = row
    return out


def startup(checkout: Path, rounds: int) -> dict[str, float]:
    """Median wall seconds of a fresh interpreter doing each of ``STARTUP``."""
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    times: dict[str, list[float]] = {name: [] for name in STARTUP}
    for _ in range(rounds):
        for name, args in STARTUP.items():
            started = time.perf_counter()
            subprocess.run([sys.executable, *args], env=env, check=True, capture_output=True)
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(t) for name, t in times.items()}


def in_child(checkout: Path, size: int, digest: bool) -> dict[str, dict[str, float | str]]:
    """:func:`measure` run with ``checkout``'s package (this script, that code)."""
    args = [sys.executable, __file__, "--child", "--size", str(size)] + ["--digest"] * digest
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    done = subprocess.run(args, env=env, check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def _print(label: str, runs: list[dict[str, dict[str, float | str]]]) -> None:
    for name in runs[0]:
        rows = [r[name] for r in runs]
        cpu = statistics.median(float(r["all cpu"]) for r in rows)
        wall = statistics.median(float(r["all wall"]) for r in rows)
        linear = statistics.median(float(r["all cpu"]) / float(r["half cpu"]) for r in rows)
        sha = f", facts sha256 {rows[0]['sha256']}" if "sha256" in rows[0] else ""
        print(f"{label:9} {name:13}: {cpu:5.2f} s CPU, {wall:5.2f} s wall, all/half CPU "
              f"{linear:4.2f}, {rows[0]['facts']} facts{sha}")  # fmt: skip


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--size", type=int, default=SIZE, help="characters (village posts) and "
                   "bytes (news report) of the whole text")  # fmt: skip
    p.add_argument("--rounds", type=int, default=1)
    p.add_argument("--reference", type=Path, help="another checkout to measure alternately")
    p.add_argument("--digest", action="store_true", help="print a SHA-256 of the facts")
    p.add_argument("--startup", action="store_true", help="time import and --help as well")
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child:
        print(json.dumps(measure(args.size, args.digest)))
        return 0
    ours: list[dict[str, dict[str, float | str]]] = []
    theirs: list[dict[str, dict[str, float | str]]] = []
    for _ in range(args.rounds):
        ours.append(in_child(ROOT, args.size, args.digest))
        if args.reference:
            theirs.append(in_child(args.reference, args.size, args.digest))
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (2 cores)")
    _print("this", ours)
    if theirs:
        _print("reference", theirs)
        for name in ours[0]:
            ratio = statistics.median(float(a[name]["all cpu"]) / float(b[name]["all cpu"])
                                      for a, b in zip(ours, theirs, strict=True))  # fmt: skip
            print(f"this/reference CPU, {name}: {ratio:.2f}")
    if args.startup:
        for label, checkout in (("this", ROOT), ("reference", args.reference)):
            if checkout is not None:
                wall = startup(checkout, max(3, args.rounds))
                print(f"{label:9} " + ", ".join(f"{k} {v:.2f} s" for k, v in wall.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
