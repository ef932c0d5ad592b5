"""Check that two runs of ``eval_reuse.py --json-out`` gave ours the same answer on every pair.

A change meant only to make ``compare`` cheaper must change no finding. This reads the JSON of
a run before the change and one after it (the same cases, clips built once in a shared
``--work``), and compares pair by pair what ours returned: shared or not, every stretch's
spans on A and B, the best stretch's alteration names, and the one-line description of every
stretch (times, rate, similarity, matched frames, alterations). It prints each pair that
differs, and the time over the decode floor of each run (summed over the pairs both ran):

    python benchmarks/same_reuse_results.py BEFORE.json AFTER.json [--method ours]

Exit 0 when every pair both runs hold is the same, 1 when one differs, 2 on unusable input.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

COMPARED = ("matched", "spans", "alterations", "detail", "error")


def load(path: Path, method: str) -> dict[str, dict[str, Any]]:
    """case name -> the row, for rows the method ran on."""
    data = json.loads(path.read_text())
    rows = [row for split in data["pairs"].values() for row in split]
    return {row["case"]: row for row in rows if method in row["methods"]}


def differences(before: dict[str, Any], after: dict[str, Any], method: str) -> list[str]:
    """What differs in the method's outcome on one pair (empty when nothing does)."""
    old, new = before["methods"][method], after["methods"][method]
    return [f"{key}: {old.get(key)!r} -> {new.get(key)!r}" for key in COMPARED
            if old.get(key) != new.get(key)]  # fmt: skip


def time_over_floor(rows: list[dict[str, Any]], method: str) -> float:
    decode = sum(row["decode_s"] for row in rows)
    return sum(row["methods"][method]["seconds"] for row in rows) / decode if decode else 0.0


def main() -> int:
    return main_with(sys.argv[1:])


def main_with(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--method", default="ours")
    args = parser.parse_args(argv)
    try:
        before, after = load(args.before, args.method), load(args.after, args.method)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        print(f"same_reuse_results: cannot read the runs: {exc}")
        return 2
    common = [name for name in before if name in after]
    if not common:
        print("same_reuse_results: the two runs share no pair")
        return 2
    changed = 0
    for name in common:
        found = differences(before[name], after[name], args.method)
        if found:
            changed += 1
            print(f"{name}:\n  " + "\n  ".join(found))
    only = sorted(set(before) ^ set(after))
    print(f"{len(common)} pairs in both runs, {changed} changed; {len(only)} in one run only")
    for label, rows in (("before", before), ("after", after)):
        ratio = time_over_floor([rows[name] for name in common], args.method)
        print(f"{label}: time / decode floor {ratio:.2f}x over those pairs")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
