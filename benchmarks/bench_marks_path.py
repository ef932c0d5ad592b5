#!/usr/bin/env python3
"""Tune bench for channels' marks on analyze's own path (issue 16): H.264 clips of real footage
with marks drawn over it, read as ``analyze`` reads them.

``bench_marks.py`` renders grey frames and calls ``track()`` directly; analyze reads H.264
footage through ``decode_clip``'s text frames and ``read_onscreen``. Here each condition is a
clip: real TUNE footage (``../shared/media``, never the held-out split's) under ``@handle``,
``t.me/`` addresses and channel names drawn by the held-out set's machinery
(``onscreen_heldout/draw.py``: ``Text``, ``write_clip``) in TUNE fonts only (Roboto, Open
Sans, PT Sans, DejaVu: the held-out sets use others), encoded H.264, read by
``eval_onscreen_heldout.read_clip`` (the container read, the one decode with its text branch,
``read_onscreen``) and scored by its scorer. Per condition: word recall and CER (per drawn
mark and read frame it is legible on), false tracks, the step's CPU seconds, and the funnel
(:mod:`onscreen_funnel`): for each mark the first stage it did not pass.

    python benchmarks/bench_marks_path.py [--work DIR] [--only NAME] [--marks]

``--marks`` prints each mark's stage and what was read at its place (tune data: safe).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.append(str(ROOT))

import onscreen_funnel as funnel  # noqa: E402
from eval_onscreen_heldout import read_clip  # noqa: E402
from marks_path_conditions import CONDITIONS, FONTS, MEDIA, PACKAGES, Condition  # noqa: E402
from onscreen_heldout import draw, score  # noqa: E402

from forensics.media.toolchain import find_toolchain  # noqa: E402


@dataclass(frozen=True)
class Mark:
    """A drawn mark at one read frame, in the text frames' pixels."""

    kind: str
    text: str
    box: tuple[int, int, int, int]


def footage(cond: Condition, work: Path) -> Path:
    """The condition's footage: a file of ../shared/media, or one made from it once (darkened,
    or brought down to 320x180 and up again as a low-quality repost is)."""
    source = MEDIA / cond.footage
    if not cond.prepare:
        return source
    out = work / f"footage-{cond.prepare}-{source.stem}.mp4"
    if not out.exists():
        graph = {"dark": "eq=brightness=-0.28:contrast=0.8:saturation=0.7",
                 "low": "scale=320:180,scale=1280:720:flags=bicubic"}[cond.prepare]  # fmt: skip
        args = [find_toolchain().ffmpeg, "-v", "error", "-y", "-i", str(source), "-an",
                "-vf", graph, "-c:v", "libx264", "-preset", "veryfast", "-crf", "30",
                str(out)]  # fmt: skip
        subprocess.run(args, check=True)
    return out


def build(cond: Condition, work: Path) -> Path:
    """The condition's clip, made once into ``work`` (named by its contents: a changed
    condition is made again). Drawn at the scene's size; an ``upscale`` one is then scaled up
    (the mark burned into small footage, the repost upscaled)."""
    clip = work / f"{cond.slug}-{cond.digest}.mp4"
    if clip.exists():
        return clip
    ffmpeg = find_toolchain().ffmpeg
    with mock.patch.object(draw, "FONTS", FONTS):  # tune fonts only: a held-out one fails
        if cond.upscale == 1:
            return draw.write_clip(ffmpeg, footage(cond, work), cond.scene, clip)
        small = draw.write_clip(ffmpeg, footage(cond, work), cond.scene, work / "small.mp4")
    w, h = (v * cond.upscale for v in cond.scene.size)
    args = [ffmpeg, "-v", "error", "-y", "-i", str(small), "-vf", f"scale={w}:{h}:flags=bicubic",
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", str(clip)]  # fmt: skip
    subprocess.run(args, check=True)
    return clip


def truths(cond: Condition, t: float) -> list[draw.Truth]:
    """The marks legible at ``t``, boxes in the clip's picture."""
    with mock.patch.object(draw, "FONTS", FONTS):
        found = draw.truths(cond.scene, t)
    k = cond.upscale
    return [replace(d, box=tuple(v * k for v in d.box)) for d in found]


def run(cond: Condition, work: Path) -> dict:
    """Read the condition's clip as analyze does; score it and place each mark in the funnel."""
    clip = build(cond, work)
    sizes: list = []
    start = time.process_time()
    with funnel.watching() as watch:
        tracks, _, times, read = read_clip(clip, work / f"stage-{cond.slug}", sizes)
    cpu = time.process_time() - start
    if not read:
        raise SystemExit(f"{cond.name}: the reader failed on the clip")
    seen = {t: truths(cond, t) for t in times}
    text = score.score_text(tracks, seen)
    (pw, ph), (fw, fh) = sizes

    def framed(box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
        return (round(box[0] * fw / pw), round(box[1] * fh / ph), max(1, round(box[2] * fw / pw)),
                max(1, round(box[3] * fh / ph)))  # fmt: skip

    drawn = {i: [funnel.Drawn(d.kind, d.text, framed(d.box)) for d in seen[t]]
             for i, t in enumerate(times)}  # fmt: skip
    index = {t: i for i, t in enumerate(times)}
    final = [(k.text, index.get(k.start, 0), index.get(k.end, len(times) - 1), framed(k.box))
             for k in tracks]  # fmt: skip
    per_mark = {}
    for i, marks in drawn.items():  # each mark alone: its own stage, keyed by its text
        for d in marks:
            per_mark.setdefault(d.text, {}).setdefault(i, []).append(d)
    stages = {text: next(s for c in funnel.stages(watch, only, final, score.words).values()
                         for s, n in c.items() if n)
              for text, only in per_mark.items()}  # fmt: skip
    reads = {text: sorted({k.text for k in tracks for t in times if score.shown_at(k, t)
                           and any(score.at_place(k, d) for d in seen[t] if d.text == text)})
             for text in per_mark}  # fmt: skip
    false = [
        k.text
        for k in tracks
        if not any(score.at_place(k, d) for t in times if score.shown_at(k, t) for d in seen[t])
    ]
    return {"text": text, "stages": stages, "reads": reads, "cpu": cpu, "false": false,
            "kinds": {d.text: d.kind for ds in seen.values() for d in ds},
            "height": {d.text: d.box[3] * fh / ph for ds in seen.values() for d in ds}}  # fmt: skip


def summary(out: dict) -> tuple[int, float, float, int]:
    """Samples, mean recall and CER over every mark of a condition, and its false tracks."""
    cells = [c for k, c in out["text"].items() if k != "false tracks"]
    n = sum(c["samples"] for c in cells)
    recall = sum(c["recall"] for c in cells) / max(1, n)
    return n, recall, sum(c["cer"] for c in cells) / max(1, n), out["text"]["false tracks"]["count"]


def report(rows: list[tuple[Condition, dict]], marks: bool) -> None:
    print("| condition | marks | samples | recall | CER | false | step CPU s | "
          + " | ".join(funnel.STAGES) + " |")  # fmt: skip
    print("| --- " * (7 + len(funnel.STAGES)) + "|")
    kinds: dict[str, dict] = {}
    stages_all: dict[str, int] = defaultdict(int)
    recalls, cers = [], []
    for cond, out in rows:
        n, recall, err, false = summary(out)
        if n:  # a textless clip has only false tracks
            recalls.append(recall)
            cers.append(err)
        count = defaultdict(int)
        for stage in out["stages"].values():
            count[stage] += 1
            stages_all[stage] += 1
        score.merge(kinds, {k: v for k, v in out["text"].items() if k != "false tracks"})
        cells = " | ".join(str(count[s]) for s in funnel.STAGES)
        rec, cer = (f"{recall:.2f}", f"{err:.2f}") if n else ("-", "-")
        print(f"| {cond.name} | {len(out['stages'])} | {n} | {rec} | {cer} | {false} "
              f"| {out['cpu']:.1f} | {cells} |", flush=True)  # fmt: skip
    false = sum(summary(out)[3] for _, out in rows)
    print(f"mean over conditions: recall {sum(recalls) / max(1, len(recalls)):.3f}, "
          f"CER {sum(cers) / max(1, len(cers)):.3f}; false tracks {false}; step CPU "
          f"{sum(out['cpu'] for _, out in rows):.1f} s; funnel over all marks: "
          + ", ".join(f"{s} {stages_all[s]}" for s in funnel.STAGES))  # fmt: skip
    print("\n".join(score.table(kinds)))
    if marks:
        for cond, out in rows:
            for text, stage in out["stages"].items():
                print(
                    f"  {cond.name} | {out['kinds'][text]} {text!r} "
                    f"({out['height'][text]:.0f} px): {stage}; read {out['reads'][text]}"
                )
            if out["false"]:
                print(f"  {cond.name} | false tracks: {out['false']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench_marks_path"))
    parser.add_argument("--only", default="", help="conditions whose name holds this")
    parser.add_argument("--marks", action="store_true", help="each mark's stage and reading")
    args = parser.parse_args()
    if not MEDIA.is_dir():
        print(f"no tune footage at {MEDIA}", file=sys.stderr)
        return 2
    if fonts := draw.missing_packages(FONTS, PACKAGES):  # a clip drawn without one is broken
        print(f"fonts missing: apt-get install {' '.join(fonts)}", file=sys.stderr)
        return 2
    args.work.mkdir(parents=True, exist_ok=True)
    rows = []
    for cond in CONDITIONS:
        if args.only in cond.name:
            rows.append((cond, run(cond, args.work)))
            print(f"[{cond.name}]", file=sys.stderr, flush=True)
    report(rows, args.marks)
    return 0


if __name__ == "__main__":
    sys.exit(main())
