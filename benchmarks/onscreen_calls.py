#!/usr/bin/env python3
"""Tesseract calls per clip on analyze's path (issue 16's cost on text-free footage): each clip
decoded as analyze decodes it (``eval_onscreen_heldout.read_clip``: the container read, the one
decode with its text branch, ``read_onscreen``), with every recognition counted, and the lines
read again lifted off their ground (:mod:`forensics.onscreen.lift`) listed.

A recognition is one ``GetUTF8Text`` of a loaded engine (a whitelisted pass and a mirrored
judge's dictionary read included): what a read costs. Run it with ``PYTHONPATH`` set to the
tree to measure (``sys.path`` takes it first), on each clip of a folder:

    PYTHONPATH=TREE python benchmarks/onscreen_calls.py [--media DIR] [--only NAME] [--lifts]

Prints one JSON line per clip: its name, frames, tracks, Tesseract calls and lines lifted;
with ``--lifts``, each lifted line's crop size (height, width) and first reading, and the
tracks' texts (tune clips only: a held-out clip's texts are not to be printed).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.append(str(ROOT))  # after PYTHONPATH: another tree can be measured

from eval_onscreen_heldout import read_clip  # noqa: E402

from forensics.onscreen import engine, engines  # noqa: E402

MEDIA = ROOT.parent / "shared" / "media"
SUFFIXES = {".mp4", ".mkv", ".avi", ".mov", ".webm"}


class Counted:
    """A loaded engine whose recognitions are counted."""

    def __init__(self, api: Any, tally: dict[str, int]) -> None:
        self.api, self.tally = api, tally

    def GetUTF8Text(self) -> str:
        self.tally["calls"] += 1
        return str(self.api.GetUTF8Text())

    def __getattr__(self, name: str) -> Any:
        return getattr(self.api, name)


def measure(clip: Path, show_lifts: bool) -> dict[str, Any]:
    """``clip`` read as analyze reads it, its recognitions and lifted lines counted."""
    tally = {"calls": 0}
    lifts: list[list[Any]] = []
    make_api = engines._api
    worth = getattr(engine, "worth_lifting", None)  # trees before the lift have none

    def counted_api(*args: Any) -> Counted:
        return Counted(make_api(*args), tally)

    def counted_worth(text: str, score: float, crop: Any) -> bool:
        lifting = worth is not None and worth(text, score, crop)
        if lifting:
            lifts.append([list(crop.shape), text, round(score, 2)])
        return lifting

    engines._loaded.__dict__.clear()  # engines loaded again, counted
    with (mock.patch.object(engines, "_api", counted_api),
          mock.patch.object(engine, "worth_lifting", counted_worth, create=True),
          tempfile.TemporaryDirectory() as stage):  # fmt: skip
        tracks, _, times, _ = read_clip(clip, Path(stage))
    engines._loaded.__dict__.clear()
    out: dict[str, Any] = {"clip": clip.name, "frames": len(times), "tracks": len(tracks),
                           "calls": tally["calls"], "lifted": len(lifts)}  # fmt: skip
    if show_lifts:
        out["lifts"] = lifts
        out["texts"] = [t.text for t in tracks]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--media", type=Path, default=MEDIA)
    parser.add_argument("--only", help="clips whose name holds this")
    parser.add_argument("--lifts", action="store_true", help="each lifted crop's size")
    args = parser.parse_args()
    clips = sorted(p for p in args.media.iterdir() if p.suffix in SUFFIXES
                   and (args.only is None or args.only in p.name))  # fmt: skip
    if not clips:
        raise SystemExit(f"{args.media}: no clip to read")
    total = {"calls": 0, "lifted": 0}
    for clip in clips:
        found = measure(clip, args.lifts)
        total = {k: total[k] + found[k] for k in total}
        print(json.dumps(found, ensure_ascii=False), flush=True)
    print(json.dumps({"clip": "all", **total}))


if __name__ == "__main__":
    main()
