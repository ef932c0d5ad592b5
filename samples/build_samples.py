#!/usr/bin/env python3
"""Build the fictional sample case that ships in ``samples/``.

The case is modelled on the cross-border raids into Russia's Belgorod region in May and June
2023, when the Freedom of Russia Legion and the Russian Volunteer Corps published footage of
their incursion and the Russian defence ministry published drone footage of strikes it said hit
the raiders. Every picture, sound, tag and text here is invented; nothing is real footage.

Evidence this script renders (all procedurally, from fixed seeds, without network access):

``clips/mod_strikes_2023-05-23.mp4``
    The ministry's 45-second release: six drone strike shots with a ministry banner.
``clips/legion_raid_telegram.mp4``
    The legion's 1 min 52 s Telegram video. Its "enemy BMP-2" drone segment re-uses the
    ministry's strike 3, mirrored, cropped and rescaled: the reuse a detector should find.
``clips/aggregator_repost.mp4``
    A news aggregator's square repost of the legion video's first 40 s, metadata stripped.
``stills/legion_tank_flag_2023-06-02.jpg``
    The legion's photo of "their tank" with a flag, with camera EXIF and GPS.

Beside them it writes ``truth.json`` (the ground truth of the reuse, for tests) and
``case.toml`` (the case file, pinning each piece of evidence by SHA-256). The claim texts in
``claims/`` and ``README.md`` are hand-written and only copied when ``--out`` points elsewhere.

Rendering is numpy + OpenCV; raw frames are piped into ffmpeg (libx264, one thread) so that a
rebuild with the same ffmpeg gives byte-identical files. Run ``python samples/build_samples.py``.
The work is done by the modules of ``samples/builder/``; this script only runs them in order.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from builder.case_files import SAMPLES, case_toml, copy_static, truth
from builder.clips import build_legion, build_mod, build_repost, check_tags
from builder.common import LEGION_CLIP, MOD_CLIP, REPOST_CLIP, STILL
from builder.still import build_still
from builder.terrain import build_terrain

try:
    from forensics.media.toolchain import find_toolchain
except ImportError:  # run from a checkout without `pip install -e .`
    sys.path.insert(0, str(SAMPLES.parent))
    from forensics.media.toolchain import find_toolchain


def build(out: Path) -> list[Path]:
    """Every step in order: the legion clip decodes the ministry clip, the repost the legion
    clip, and the case file hashes all of them."""
    tools = find_toolchain()
    for sub in ("clips", "stills"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    step = time.monotonic()

    def done(what: str) -> None:
        nonlocal step
        print(f"  {what:<34} {time.monotonic() - step:5.1f} s", file=sys.stderr)
        step = time.monotonic()

    terrain = build_terrain()
    done("terrain map")
    mod = build_mod(tools.ffmpeg, terrain, out / MOD_CLIP)
    done("ministry clip")
    legion = build_legion(tools.ffmpeg, terrain, out / MOD_CLIP, out / LEGION_CLIP)
    done("legion clip")
    build_repost(tools.ffmpeg, out / LEGION_CLIP, out / REPOST_CLIP)
    done("aggregator repost")
    build_still(out / STILL)
    done("still photo")
    (out / "truth.json").write_text(json.dumps(truth(mod, legion), indent=2) + "\n")
    copy_static(out)
    (out / "case.toml").write_text(case_toml(out))
    check_tags(tools.ffprobe, out)
    return [out / p for p in (MOD_CLIP, LEGION_CLIP, REPOST_CLIP, STILL, "truth.json", "case.toml")]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SAMPLES, help="folder to write (default: here)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    written = build(args.out)
    for path in written:
        print(f"{path.stat().st_size / 1024:8.1f} KiB  {path.relative_to(args.out)}")
    total = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(f"{total / 1024:8.1f} KiB  in {args.out} ({time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
