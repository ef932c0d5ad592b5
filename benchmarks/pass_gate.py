"""Where the extra ORB pass in a fixed camera's changed part (``motion.with_moving_keypoints``)
matters, on tune footage only: pairs built from tune sources seen through treatments that
change what the pass finds (dark, flat, a close-up, a dark close-up), run with the pass as
it is and with a gate that skips it, in one process, pair by pair.

Reuse6's gate (77a2e76: no pass where a side's own keypoints inside the changed part number
``features.EXTRA_FEATURES``) changed no verdict on 249 tune and retired pairs and lost 5
positives of the fresh set (held out); this is the bench to find, on tune material, the
footage a gate loses, before any rule is chosen. ``--stats`` says per A clip how many sides
the pass runs on, how many the gate would skip, and what the pass adds there.

    python benchmarks/pass_gate.py [--stats] [--work DIR] [--classes C,C] [--sources S,S]
                                   [--kinds none,dark,flat,close,closedark]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import numpy as np  # noqa: E402
from reuse_eval.build import Builder  # noqa: E402
from reuse_eval.cases import _case  # noqa: E402
from reuse_eval.recipes import CLASSES  # noqa: E402
from reuse_eval.score import ours, score  # noqa: E402
from reuse_eval.sources import Source, a_clip, tune_sources, with_fillers  # noqa: E402

from forensics.media.frames import extract  # noqa: E402
from forensics.media.toolchain import find_toolchain  # noqa: E402
from forensics.reuse import motion  # noqa: E402
from forensics.reuse.decoding import comparison_media, describe_decoded  # noqa: E402
from forensics.reuse.features import EXTRA_FEATURES, FrameFeatures  # noqa: E402

DARK = "curves=all='0/0 0.5/0.12 1/0.35'"  # night: mid grey to 12 %, white to 35 %
CLOSE = "crop=iw/2:ih/2:iw/4:ih/4"  # the middle quarter, brought back to the source's size
KINDS = {"none": "", "dark": DARK, "flat": "eq=contrast=0.35", "close": CLOSE,
         "closedark": f"{CLOSE},{DARK}"}  # fmt: skip
PASS = motion.with_moving_keypoints


def own_inside(frame: FrameFeatures, side: int, moving: np.ndarray) -> int:
    """How many of the side's own keypoints lie in the changed part (mirrored for side 1)."""
    mask = moving if side == 0 else moving[:, ::-1]
    points = frame.points[side]
    x = np.clip(points[:, 0].astype(int), 0, mask.shape[1] - 1)
    y = np.clip(points[:, 1].astype(int), 0, mask.shape[0] - 1)
    return int(mask[y, x].sum())


def gated(frame: FrameFeatures, picture: Any, stable: Any, sides: tuple[int, ...] = (0, 1)
          ) -> FrameFeatures:  # fmt: skip
    """77a2e76's rule: the pass only on sides holding fewer than EXTRA_FEATURES inside."""
    moving = None if frame.region is not None else motion._moving_region(stable)
    if moving is None or picture is None:
        return frame
    starved = tuple(s for s in sides if len(frame.points[s])
                    and own_inside(frame, s, moving) < EXTRA_FEATURES)  # fmt: skip
    return PASS(frame, picture, stable, starved) if starved else frame


RULES: dict[str, Callable[..., FrameFeatures]] = {"pass": PASS, "gate": gated}


def treated(kind: str) -> list[Source]:
    """The tune sources seen through ``kind`` (named source-kind), fillers attached."""
    vf = KINDS[kind]
    return with_fillers([replace(s, name=f"{s.name}-{kind}",
                                 main=replace(s.main, vf=vf) if vf else s.main)
                         for s in tune_sources()])  # fmt: skip


def cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def pairs(builder: Builder, kinds: list[str], names: list[str], classes: list[str]) -> None:
    for kind in kinds:
        sources = {s.name.rsplit("-", 1)[0]: s for s in treated(kind)}
        for group in classes:
            for name in names:
                case = _case("tune", sources[name], group, "alone", (group,),
                             CLASSES[group](sources[name]))  # fmt: skip
                a, b = builder.clip(case.a), builder.clip(case.b)
                row: dict[str, Any] = {"case": case.name}
                for rule, run in RULES.items():
                    motion.with_moving_keypoints = run
                    start = cpu()
                    found = score(ours(a, b), case)
                    verdict = "Y" if found["located"] else ("y" if found["matched"] else ".")
                    row[rule] = [verdict, found["detail"], round(cpu() - start, 2)]
                motion.with_moving_keypoints = PASS
                print(json.dumps(row), flush=True)


def stats(builder: Builder, kinds: list[str], names: list[str]) -> None:
    rows: list[tuple[int, int]] = []

    def spy(frame: FrameFeatures, picture: Any, stable: Any, sides: tuple[int, ...] = (0, 1)
            ) -> FrameFeatures:  # fmt: skip
        more = PASS(frame, picture, stable, sides)
        moving = None if frame.region is not None else motion._moving_region(stable)
        if moving is not None and picture is not None:
            rows.extend((own_inside(frame, s, moving), len(more.points[s]) - len(frame.points[s]))
                        for s in sides if len(frame.points[s]))  # fmt: skip
        return more

    motion.with_moving_keypoints = spy
    tools = find_toolchain()
    for kind in kinds:
        for source in (s for s in treated(kind) if s.name.rsplit("-", 1)[0] in names):
            path, rows[:] = builder.clip(a_clip(source)), []
            with tempfile.TemporaryDirectory() as work:
                media = comparison_media(path, tools)
                ex = extract(path, media, tools, None, Path(work), text=False)
                describe_decoded(ex.samples, ex.sample_size, source.duration, inverted=False)
            table = np.array(rows, int).reshape(-1, 2)
            skipped = table[table[:, 0] >= EXTRA_FEATURES]
            print(f"{source.name:18} sides passed {len(table):3}, gate skips {len(skipped):3} "
                  f"(own inside {_spread(skipped[:, 0])}), adding {int(skipped[:, 1].sum())} "
                  f"there; {int(table[:, 1].sum() - skipped[:, 1].sum())} elsewhere")  # fmt: skip
    motion.with_moving_keypoints = PASS


def _spread(values: np.ndarray) -> str:
    if not len(values):
        return "-"
    return f"{values.min()}/{int(np.median(values))}/{values.max()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stats", action="store_true", help="per A clip: where the pass runs")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "pass-gate")
    parser.add_argument("--kinds", default="none,dark,flat,close,closedark")
    parser.add_argument("--sources", default="car,bottle,chaplin,ministry")
    parser.add_argument("--classes", default="reencode-low,crop,downscale,blur-noise,"
                        "overlays,very-low-quality")  # fmt: skip
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    tools = find_toolchain()
    builder = Builder(args.work, tools.ffmpeg, tools.ffprobe)
    kinds, names = args.kinds.split(","), args.sources.split(",")
    if args.stats:
        stats(builder, kinds, names)
    else:
        pairs(builder, kinds, names, args.classes.split(","))
    return 0


if __name__ == "__main__":
    sys.exit(main())
