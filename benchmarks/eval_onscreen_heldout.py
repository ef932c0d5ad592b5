#!/usr/bin/env python3
"""A held-out evaluation of on-screen text (issue 16): word recall and CER per kind of text, HUD
coordinates exact, false text, on clips nobody tuned the OCR on.

Written by the helper heldsets on 2026-12-07 before any run of the reader on these clips
(``benchmarks/onscreen_heldout/``: texts, fonts, layouts and footage new to the OCR work; see
its docstring and benchmarks/README.md). Each clip is generated (real footage of the fresh
split under text drawn with Pillow, H.264), then read as ``analyze`` reads it: the container
read, the one decode with its text branch (``decode_clip``), ``read_onscreen`` on the frames
that wrote. Held out: it prints totals per kind of text only, never a clip's tracks.

    python benchmarks/eval_onscreen_heldout.py --work DIR [--out totals.json]
    python benchmarks/eval_onscreen_heldout.py --work DIR --frames PNG_DIR   # draw, read nothing
    python benchmarks/eval_onscreen_heldout.py --work DIR --smoke   # the same path, tune text
    python benchmarks/eval_onscreen_heldout.py --work DIR --funnel  # where each text is lost
    python benchmarks/eval_onscreen_heldout.py --set marks --work DIR  # channels' marks

``--set marks`` is a second held-out set, of channels' marks only (``onscreen_heldout/marks.py``,
the helper heldmarks, 2026-12-07): 41 handles and channel names over 14 clips, read and scored
the same way (plain or ``--funnel``); its fonts add ``fonts-lato`` and ``fonts-cantarell``.

Needs the fresh split's files (``benchmarks/fetch_media.py``; ``--media-extra`` or
``$FORENSICS_MEDIA_EXTRA``) and the fonts of ``fonts-liberation``, ``fonts-noto-core`` and
``fonts-freefont-ttf`` (``apt-get install`` them). ``--smoke`` runs one clip of tuning
material (``tests/onscreen_media.py``'s texts, DejaVu, over its generated terrain) through the
same path and prints what was read, to check the script works.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import cv2

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.append(str(ROOT))  # after PYTHONPATH: another tree can be measured

import onscreen_funnel as funnel  # noqa: E402
from onscreen_heldout import draw, marks, score  # noqa: E402
from onscreen_heldout.scenes import FONTS, PACKAGES, SCENES, Scene  # noqa: E402
from reuse_eval.fresh import footage_refusal, media_extra  # noqa: E402

from forensics.describe import read_container  # noqa: E402
from forensics.media.toolchain import find_toolchain  # noqa: E402
from forensics.media.workdirs import work_folder  # noqa: E402
from forensics.onscreen import read_onscreen  # noqa: E402
from forensics.reuse.decoding import decode_clip  # noqa: E402


def missing_fonts() -> list[str]:
    """The Debian packages of the fonts that are not installed."""
    return draw.missing_packages(FONTS, PACKAGES)


SETS = ("text", "marks")


def scene_set(name: str) -> tuple[tuple[Scene, ...], Callable[[], list[str]]]:
    """The held-out set's scenes and its missing-font check: ``text`` (the first set, every
    kind of text) or ``marks`` (channels' marks)."""
    if name == "marks":
        return marks.MARKS, missing_mark_fonts
    return SCENES, missing_fonts


def missing_mark_fonts() -> list[str]:
    """The Debian packages of the marks' fonts that are not installed."""
    return draw.missing_packages(marks.mark_fonts(), marks.MARK_PACKAGES)


def build(scene: Scene, footage: Path, work: Path, frames: Path | None = None) -> Path:
    """The scene's clip, made once into ``work``; with ``frames``, three of its frames as PNG."""
    clip = work / f"{scene.name}.mp4"
    stills = {}
    if frames is not None:
        frames.mkdir(parents=True, exist_ok=True)
        stills = {t: frames / f"{scene.name}-{t:.1f}.png" for t in (0.5, 2.0, scene.seconds - 1)}
    if not clip.exists() or stills:
        draw.write_clip(find_toolchain().ffmpeg, footage, scene, clip, stills)
    return clip


def read_clip(clip: Path, stage: Path, sizes: list | None = None
              ) -> tuple[list, list, list[float], bool]:  # fmt: skip
    """The clip read as ``analyze`` reads it (``describe.read_evidence``'s calls): tracks,
    HUD points, the times of the frames read, and whether it was read (False: the engine
    failed on it, the report's ``onscreen_text_failed``). ``sizes`` gets the picture's and
    the text frames' sizes."""
    tools = find_toolchain()
    media, _, _ = read_container(clip, tools)
    (stage / "keyframes").mkdir(parents=True, exist_ok=True)
    with work_folder() as folder:
        decoded = decode_clip(clip, media, tools, stage / "keyframes", Path(folder), text=True)
        frames = decoded.extraction.text_frames
        picture = media.display_size or (media.width or 2, media.height or 2)
        reading = read_onscreen(frames, picture, stage)
        if sizes is not None and frames:
            sizes += [picture, cv2.imread(str(frames[0].path), cv2.IMREAD_GRAYSCALE).shape[::-1]]
    if reading.flags:  # the engine failed on this clip: a finding, as in a report
        return [], [], [], False
    if not reading.status.read:
        raise SystemExit(f"on-screen text was not read: {reading.status.reason}")
    tracks = [score.Track(t.text, t.start.seconds, t.end.seconds, t.box) for t in reading.texts]
    points = [score.Point(p.start.seconds, p.end.seconds, p.lat, p.lon)
              for p in reading.telemetry]  # fmt: skip
    return tracks, points, [f.time.seconds for f in frames], True


def evaluate(scene: Scene, clip: Path, stage: Path) -> tuple[dict, dict, list[score.Track]]:
    tracks, points, times, read = read_clip(clip, stage)
    if not read:
        return {"clips the reader failed on": {"count": 1}}, score.score_points([], {}), []
    seen = {t: draw.truths(scene, t) for t in times}
    text = score.score_text(tracks, seen)
    if not scene.texts:
        false = text["false tracks"]["count"]
        text = {"textless: false tracks": {"count": false, "clips": 1,
                                           "clips with text": int(false > 0)}}  # fmt: skip
    return text, score.score_points(points, seen), tracks


def funnel_of(scene: Scene, clip: Path, stage: Path) -> tuple[dict, dict]:
    """Where each drawn text of ``scene`` was lost (:mod:`onscreen_funnel`): counts per kind
    and stage, and the drawn lines' heights in the frames read."""
    sizes: list = []
    with funnel.watching() as watch:
        tracks, _, times, read = read_clip(clip, stage, sizes)
    if not read or not sizes:
        return {}, {}
    (pw, ph), (fw, fh) = sizes

    def framed(box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
        return (round(box[0] * fw / pw), round(box[1] * fh / ph), max(1, round(box[2] * fw / pw)),
                max(1, round(box[3] * fh / ph)))  # fmt: skip

    seen = {i: [funnel.Drawn(d.kind, d.text, framed(d.box)) for d in draw.truths(scene, t)]
            for i, t in enumerate(times)}  # fmt: skip
    index = {t: i for i, t in enumerate(times)}
    final = [(k.text, index.get(k.start, 0), index.get(k.end, len(times) - 1), framed(k.box))
             for k in tracks]  # fmt: skip
    return funnel.stages(watch, seen, final, score.words), funnel.heights(seen)


def run_funnel(scenes: tuple[Scene, ...], folder: Path, work: Path) -> dict:
    counts: dict[str, dict[str, int]] = {}
    tall: dict[str, list[int]] = defaultdict(list)
    for number, scene in enumerate(scenes, 1):
        clip = build(scene, folder / scene.footage, work)
        stages, heights = funnel_of(scene, clip, work / f"stage-{scene.name}")
        score.merge(counts, stages)
        for kind, h in heights.items():
            tall[kind] += h
        print(f"[onscreen funnel {number}/{len(scenes)}]", file=sys.stderr, flush=True)
    return {"stages": counts, "heights": dict(tall)}


def run(scenes: tuple[Scene, ...], folder: Path, work: Path, per_item: bool) -> dict:
    totals: dict[str, dict] = {}
    hud = {"points": 0, "exact": 0, "wrong": 0, "shown": 0, "recovered": 0}
    for number, scene in enumerate(scenes, 1):
        clip = build(scene, folder / scene.footage, work)
        text, points, tracks = evaluate(scene, clip, work / f"stage-{scene.name}")
        score.merge(totals, text)
        hud = {k: hud[k] + points[k] for k in hud}
        if per_item:
            print(scene.name, json.dumps([[k.text, k.start, k.end, k.box] for k in tracks],
                                         ensure_ascii=False), points)  # fmt: skip
        print(f"[onscreen held-out {number}/{len(scenes)}]", file=sys.stderr, flush=True)
    return {**totals, "hud positions": hud}


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=SETS, default="text", dest="set_name",
                        help="the held-out set: all kinds of text, or channels' marks")  # fmt: skip
    parser.add_argument("--work", type=Path, required=True, help="where clips are made")
    parser.add_argument("--media-extra", type=Path, help="the fresh split's files")
    parser.add_argument("--out", type=Path, help="write the totals as JSON")
    parser.add_argument("--frames", type=Path, help="draw the clips, write PNGs, read nothing")
    parser.add_argument("--smoke", action="store_true", help="one clip of tuning material")
    parser.add_argument("--funnel", action="store_true",
                        help="per kind, the stage where each drawn text was lost")  # fmt: skip
    return parser.parse_args(argv)


def main() -> int:
    args = arguments()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.smoke:
        from onscreen_heldout.smoke import smoke_scene

        scene, footage = smoke_scene(args.work)
        if args.funnel:
            out = run_funnel((scene,), footage.parent, args.work)
            print("\n".join(funnel.table(out["stages"], out["heights"])))
            return 0
        result = run((scene,), footage.parent, args.work, per_item=True)
        print("\n".join(score.table(result)))
        return 0
    scenes, missing = scene_set(args.set_name)
    if fonts := missing():
        print(f"fonts missing: apt-get install {' '.join(fonts)}", file=sys.stderr)
        return 2
    folder = media_extra(args.media_extra)
    if refusal := footage_refusal(folder):
        print(refusal, file=sys.stderr)
        return 2
    if args.frames:
        for scene in scenes:
            build(scene, folder / scene.footage, args.work, args.frames)
        return 0
    if args.funnel:
        out = run_funnel(scenes, folder, args.work)
        print("\n".join(funnel.table(out["stages"], out["heights"])))
        if args.out:
            args.out.write_text(json.dumps(out, indent=1))
        return 0
    result = run(scenes, folder, args.work, per_item=False)
    print("\n".join(score.table(result)))
    if args.out:
        args.out.write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
