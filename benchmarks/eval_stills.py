"""A still against a clip (issue 14): precision, recall and moment accuracy of
``forensics compare still.jpg clip.mp4`` on stills cut from the tune and retired-heldout
sources of ``reuse_eval/sources.py`` (never the fresh set).

Each source's main excerpt (its window in ``benchmarks/README.md``'s table) is the clip. Its
positives are a frame at a quarter, a half and three quarters of the clip, each as a JPEG, cropped
to 80 % (centred), under a caption bar and shrunk to half; the truth is the frame's time in the
clip. Its negatives are a frame of the same camera at another moment (the "another moment"
window; the film has none), and a frame of the next source (unrelated). A stretch on
a negative is a false moment; a positive is found when a stretch is reported, located when it
contains the truth within half a second (one sample). The clip is described once per source and
each still compared with it as ``compare`` does (``compare_query``: the still is A).

``--split fresh`` runs the held-out stills instead (``reuse_eval/fresh_stills.py``, written
before any run): the fresh split's sources, with the treatments above plus a phone's
screenshot (status bar, handle), a slight rotation and a JPEG saved again at quality 40, and
a third kind of negative (another clip after the same treatment). Held out: it prints totals
and counts per kind of still only, never a still's verdict, and refuses ``--only``; ``--out``
gets the same totals.

``--split moments`` runs the second held-out stills set (``reuse_eval/moments_stills.py``,
written before any run, after the first was spent): the same clips at other moments, under
treatments new to the project (other caption bars, meme text, a watermark, a photo of a
screen, a filter, four kinds of phone screenshot and a screenshot of one), printed as
``--split fresh`` prints.

``--weak`` runs the tune sources' captioned, text-covered and screenshot stills instead
(``reuse_eval/weak_stills.py``), ``--phones`` their Android, messenger and player screenshots
and screenshots of screenshots (``reuse_eval/phone_stills.py``), ``--traps`` the trap stills;
``--gates`` says, for each still given no moment, which gate of ``reuse.stills`` stopped it
(``reuse_eval/still_gates.py``).

    .venv/bin/python benchmarks/eval_stills.py --work /tmp/stills-eval [--out result.json]
    .venv/bin/python benchmarks/eval_stills.py --split fresh --work /tmp/stills-fresh
    .venv/bin/python benchmarks/eval_stills.py --split moments --work /tmp/stills-moments
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT))  # after PYTHONPATH: another tree can be measured

from forensics.media.toolchain import find_toolchain  # noqa: E402
from forensics.media.workdirs import work_folder  # noqa: E402
from forensics.reuse.compare import clip_features, compare_query  # noqa: E402
from forensics.reuse.query import decode_query  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from reuse_eval import (  # noqa: E402
    aerial,
    fresh_stills,
    moments_stills,
    phone_stills,
    still_gates,
    still_traps,
    weak_stills,
)
from reuse_eval.fresh import FILES, footage_refusal, media_extra  # noqa: E402

MEDIA = ROOT.parent / "shared" / "media"
MOMENT_TOLERANCE_S = 0.5
SCALE = "scale='min(854,iw)':-2"


@dataclass(frozen=True)
class StillSource:
    name: str
    file: str
    main: tuple[float, float]  # seconds of the file: the clip
    other: float  # a second of the file at another moment of the same camera (or scene)


# The tune split and the retired held-out split of reuse_eval/sources.py (their main windows
# and "another moment" windows; the film has none)
SOURCES = (
    StillSource("car", "intel_car-detection.mp4", (3.0, 12.0), 24.0),
    StillSource("bottle", "intel_bottle-detection.mp4", (2.0, 11.0), 26.0),
    StillSource("cockatoo", "imageio_cockatoo.mp4", (0.0, 8.5), 11.5),
    StillSource("chaplin", "moviepy_chaplin.mp4", (0.0, 9.5), 0.0),
    StillSource("dashcam", "udacity_solidYellowLeft.mp4", (1.0, 10.0), 19.5),
    StillSource("person", "intel_one-by-one-person-detection.mp4", (5.0, 14.0), 52.5),
    StillSource("crowd", "motiondetector_vtest.avi", (0.0, 8.5), 11.0),
)
VARIANTS = {
    "jpeg": "null",
    "crop": "crop=iw*0.8:ih*0.8",
    "caption": "drawbox=y=ih*0.8:w=iw:h=ih*0.14:color=black@0.7:t=fill",
    "resize": "scale=iw/2:-2",
}


def ffmpeg(*args: str) -> None:
    subprocess.run([find_toolchain().ffmpeg, "-v", "error", "-y", *args], check=True)


def build(source: StillSource, work: Path, following: StillSource) -> tuple[Path, list[dict]]:
    """The clip and the stills of one source, with their truth."""
    media = str(MEDIA / source.file)
    start, end = source.main
    clip = work / f"{source.name}.mp4"
    scale = SCALE
    if not clip.exists():
        ffmpeg("-i", media, "-ss", f"{start}", "-t", f"{end - start}", "-an", "-vf", scale,
               "-c:v", "libx264", "-crf", "17", "-pix_fmt", "yuv420p", str(clip))  # fmt: skip
    stills: list[dict] = []
    for share in (0.25, 0.5, 0.75):
        at = round((end - start) * share, 2)
        for variant, vf in VARIANTS.items():
            path = work / f"{source.name}-{at:g}-{variant}.jpg"
            stills.append({"still": path, "kind": "positive", "variant": variant, "truth": at})
            _frame(media, start + at, f"{scale},{vf}", path)
    if source.other > 0:
        path = work / f"{source.name}-other.jpg"
        _frame(media, source.other, scale, path)
        stills.append({"still": path, "kind": "same-camera", "variant": "jpeg", "truth": None})
    path = work / f"{source.name}-unrelated.jpg"
    _frame(str(MEDIA / following.file), sum(following.main) / 2, scale, path)
    stills.append({"still": path, "kind": "unrelated", "variant": "jpeg", "truth": None})
    return clip, stills


def _frame(media: str, at: float, vf: str, path: Path, quality: int = 3) -> None:
    if not path.exists():
        # decoded from the start and cut in the graph (two files cannot be seeked reliably)
        ffmpeg("-i", media, "-vf", f"select='gte(t,{at})',{vf}", "-frames:v", "1", "-q:v",
               f"{quality}", str(path))  # fmt: skip


def build_weak(source: StillSource, work: Path, following: StillSource, kind=weak_stills
               ) -> tuple[Path, list[dict]]:  # fmt: skip
    """The clip of a source (as ``build`` cuts it) and its weak stills (``weak_stills``, or
    ``kind``'s: ``phone_stills``), made as a held-out set's are (:func:`build_fresh`: each
    frame decoded once, treated in Python)."""
    cut = SimpleNamespace(name=source.name, main=source.main, media=MEDIA / source.file)
    planned = kind.plan(source, MEDIA, following)
    return build_fresh(cut, work, planned, treated=kind.treated)


def build_traps(source: StillSource, work: Path, media: Path) -> tuple[Path, list[dict]]:
    """The clip of a source (as ``build`` cuts it) and its extra stills (``still_traps``)."""
    start, end = source.main
    clip = work / f"{source.name}.mp4"
    if not clip.exists():
        ffmpeg("-i", str(media), "-ss", f"{start}", "-t", f"{end - start}", "-an", "-vf",
               SCALE, "-c:v", "libx264", "-crf", "17", "-pix_fmt", "yuv420p",
               str(clip))  # fmt: skip
    stills = []
    for trap in still_traps.traps(source.name, source.main):
        path = work / f"{trap.name}.jpg"
        _frame(str(media), trap.at, f"{SCALE},{trap.vf}", path, trap.quality)
        stills.append({"still": path, "kind": trap.kind, "variant": trap.variant,
                       "truth": trap.truth})  # fmt: skip
    return clip, stills


def trap_sources(work: Path) -> list[tuple[StillSource, Path]]:
    """The tune and retired sources and the tune rendered flight (rendered into ``work``)."""
    flight = aerial.FLIGHTS["tune"]
    rendered = work / f"aerial-{flight.seed}.mp4"
    if not rendered.exists():
        aerial.render(flight, rendered, find_toolchain().ffmpeg)
    flown = StillSource("aerial", rendered.name, (1.0, 10.0), 21.0)
    return [(s, MEDIA / s.file) for s in SOURCES] + [(flown, rendered)]


def judge(stills: list[dict], clip: Path, gates: list[dict] | None = None) -> list[dict]:
    """Each still compared with the clip; with ``gates`` (``still_gates.recording``), what
    stopped each still's moment too."""
    tools = find_toolchain()
    clip_feats = clip_features(clip, tools, False)
    rows = []
    for case in stills:
        with work_folder("stills-eval-") as folder:
            query = decode_query(case["still"], tools, Path(folder))
            result = compare_query(str(case["still"]), query, str(clip), clip_feats)
        spans = [(s.segment.b_start, s.segment.b_end) for s in result.stretches]
        moments = [s.moment for s in result.stretches if s.moment is not None]
        truth = case["truth"]
        located = truth is not None and any(
            lo - MOMENT_TOLERANCE_S <= truth <= hi + MOMENT_TOLERANCE_S for lo, hi in spans
        )
        place = result.still_match.kind if result.still_match else None
        rows.append({"still": case["still"].name, "kind": case["kind"],
                     "variant": case["variant"], "truth": truth, "spans": spans,
                     "located": located, "still_match": place,
                     "evidence": [vars(m) for m in moments],
                     "alterations": [list(s.alterations) for s in result.stretches],
                     "rotation": [round(s.rotation_deg, 2) for s in result.stretches]})  # fmt: skip
        if gates is not None:
            rows[-1]["gates"] = gates.pop() if gates else {"gate": "not a still"}
            gates.clear()
    return rows


def summary(rows: list[dict]) -> dict:
    positives = [r for r in rows if r["kind"] == "positive"]
    negatives = [r for r in rows if r["kind"] != "positive"]
    found = sum(1 for r in positives if r["spans"])
    located = sum(1 for r in positives if r["located"])
    false = sum(1 for r in negatives if r["spans"]) + sum(
        1 for r in positives if r["spans"] and not r["located"]
    )
    called = found + sum(1 for r in negatives if r["spans"])
    return {
        "positives": len(positives), "negatives": len(negatives), "found": found,
        "located": located, "false_moments": false,
        "precision": round(located / called, 3) if called else None,
        "recall": round(located / len(positives), 3) if positives else None,
        "place_on_positives": sum(1 for r in positives if not r["spans"] and r["still_match"]),
        "place_on_negatives": sum(1 for r in negatives if r["still_match"] == "place"),
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, required=True, help="where clips and stills go")
    parser.add_argument("--out", type=Path,
                        help="write every row and the summary as JSON (fresh: totals)")  # fmt: skip
    parser.add_argument("--only", nargs="*", help="source names")
    parser.add_argument("--split", choices=("tune", "fresh", "moments"), default="tune",
                        help="tune: the tune and retired sources; fresh, moments: held out "
                        "(the first and the second set), totals only")  # fmt: skip
    parser.add_argument("--media-extra", type=Path,
                        help="the fresh split's files (default $FORENSICS_MEDIA_EXTRA, else "
                        "../media-extra)")  # fmt: skip
    parser.add_argument("--build-only", action="store_true",
                        help="held out: make the clips and stills, judge nothing")  # fmt: skip
    parser.add_argument(
        "--traps",
        action="store_true",
        help="tune: the extra stills of reuse_eval/still_traps.py instead "
        "(more moments, other moments, rotation, low quality, screenshot)",
    )
    parser.add_argument(
        "--details",
        action="store_true",
        help="tune: each moment's evidence, and the counts per kind of still",
    )
    parser.add_argument("--weak", action="store_true",
                        help="tune: the stills of reuse_eval/weak_stills.py instead (caption "
                        "bars, text over the picture, phone and desktop screenshots)")  # fmt: skip
    parser.add_argument("--phones", action="store_true",
                        help="tune: the stills of reuse_eval/phone_stills.py instead (Android, "
                        "chat and player screenshots, screenshots of them)")  # fmt: skip
    parser.add_argument("--gates", action="store_true",
                        help="tune: which gate stopped each still's moment, and its numbers "
                        "(reuse_eval/still_gates.py)")  # fmt: skip
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.split in HELD_OUT:
        sys.exit(run_fresh(args))
    gates = still_gates.recording()[0] if args.gates else None
    rows: list[dict] = []
    for name, clip, stills in _tune_sets(args):
        rows += _judged(name, stills, clip, args.details, gates)
    result = summary(rows)
    print(json.dumps(result, indent=1))
    if args.details or args.gates:
        print(json.dumps(by_variant(rows), indent=1))
    if args.out:
        args.out.write_text(json.dumps({"summary": result, "rows": rows}, indent=1, default=str))


def _tune_sets(args: argparse.Namespace) -> Iterator[tuple[str, Path, list[dict]]]:
    """Each tune source's clip and stills: the plain set, the traps or the weak kinds."""
    if args.traps:
        built = ((s, lambda s=s, m=m: build_traps(s, args.work, m))
                 for s, m in trap_sources(args.work))  # fmt: skip
    elif args.weak or args.phones:
        kind = phone_stills if args.phones else weak_stills
        built = ((s, lambda i=i, s=s: build_weak(s, args.work, SOURCES[(i + 1) % len(SOURCES)],
                                                 kind))
                 for i, s in enumerate(SOURCES))  # fmt: skip
    else:
        built = ((s, lambda i=i, s=s: build(s, args.work, SOURCES[(i + 1) % len(SOURCES)]))
                 for i, s in enumerate(SOURCES))  # fmt: skip
    for source, make in built:
        if not args.only or source.name in args.only:
            yield (source.name, *make())


def _judged(name: str, stills: list[dict], clip: Path, details: bool,
            gates: list[dict] | None = None) -> list[dict]:  # fmt: skip
    rows = []
    for row in judge(stills, clip, gates):
        rows.append({"source": name, **row})
        said = f" evidence={row['evidence']}" if details and row["evidence"] else ""
        said += f" gates={row['gates']}" if "gates" in row else ""
        print(f"{name:9} {row['kind']:12} {row['variant']:8} truth={row['truth']} "
              f"spans={row['spans']} place={row['still_match']}{said}", flush=True)  # fmt: skip
    return rows


def by_variant(rows: list[dict]) -> dict[str, dict[str, int]]:
    """Per kind of still (a positive's treatment, a negative's kind and treatment): how many,
    located, false moments, place or graphics without a moment; with ``--gates``, the
    positives without a moment by the gate that stopped them."""
    out: dict[str, dict[str, int]] = {}
    for row in rows:
        key = row["variant"] if row["kind"] == "positive" else row["kind"]
        if row["kind"] != "positive" and row["variant"] != "jpeg":
            key += f" {row['variant']}"
        counts = out.setdefault(key, {"stills": 0, "located": 0, "false": 0, "place": 0})
        counts["stills"] += 1
        counts["located"] += int(row["located"])
        counts["false"] += int(bool(row["spans"]) and not row["located"])
        counts["place"] += int(not row["spans"] and row["still_match"] is not None)
        if "gates" in row and row["kind"] == "positive" and not row["spans"]:
            gate = f"stopped: {row['gates']['gate']}"
            counts[gate] = counts.get(gate, 0) + 1
    return out


def run_fresh(args: argparse.Namespace) -> int:
    """The held-out stills: totals and counts per kind of still, nothing per still."""
    if args.only:
        print(f"--only is refused on the {args.split} split: a source's figures are per-item "
              "output on a held-out set", file=sys.stderr)  # fmt: skip
        return 2
    folder = media_extra(args.media_extra)
    if refusal := footage_refusal(folder):
        print(refusal, file=sys.stderr)
        return 2
    held = HELD_OUT[args.split]
    sources = held.still_sources(folder, durations(folder))
    rows: list[dict] = []
    for i, source in enumerate(sources):
        clip, stills = build_fresh(source, args.work, held_out_plan(args.split, sources, i),
                                   held.treated)  # fmt: skip
        if args.build_only:
            print(f"{clip.name}: {len(stills)} stills made", file=sys.stderr)
            continue
        rows += judge(stills, clip)
        print(f"[{args.split} {i + 1}/{len(sources)}] {len(rows)} stills judged",
              file=sys.stderr, flush=True)  # fmt: skip
    if args.build_only:
        return 0
    result = {"summary": summary(rows), "per_kind": held.kind_counts(rows)}
    print(json.dumps(result, indent=1))
    if args.out:
        args.out.write_text(json.dumps(result, indent=1))
    return 0


# the held-out stills sets by split: each module gives still_sources, treated and kind_counts
HELD_OUT = {"fresh": fresh_stills, "moments": moments_stills}


def held_out_plan(split: str, sources: list, place: int) -> list[fresh_stills.PlannedStill]:
    """The stills of the source at ``place``: the first set's negatives are the next two
    sources (unrelated, treated), the second set picks its own (``moments_stills.plan``)."""
    if split == "moments":
        return moments_stills.plan(sources, place)
    unrelated, other = (sources[(place + k) % len(sources)] for k in (1, 2))
    return fresh_stills.plan(sources[place], unrelated, other)


def durations(folder: Path) -> dict[Path, float]:
    """Each fresh file's container duration, as ffprobe reports it."""
    out = {}
    for path in (folder / f.name for f in FILES):
        done = subprocess.run([find_toolchain().ffprobe, "-v", "error", "-show_entries",
                               "format=duration", "-of", "csv=p=0", str(path)],
                              capture_output=True, text=True, check=True)  # fmt: skip
        out[path] = float(done.stdout.strip())
    return out


def build_fresh(source: fresh_stills.FreshStillSource, work: Path,
                planned: list[fresh_stills.PlannedStill],
                treated=fresh_stills.treated) -> tuple[Path, list[dict]]:  # fmt: skip
    """The clip of a fresh source (as ``build`` cuts one) and its planned stills: each frame
    decoded once, lossless, and treated in Python."""
    from PIL import Image

    start, end = source.main
    clip = work / f"{source.name}.mp4"
    if not clip.exists():
        ffmpeg("-i", str(source.media), "-ss", f"{start}", "-t", f"{end - start}", "-an",
               "-vf", SCALE, "-c:v", "libx264", "-crf", "17", "-pix_fmt", "yuv420p",
               str(clip))  # fmt: skip
    stills = []
    for still in planned:
        frame = work / f"frame-{still.media.stem}-{still.at:.3f}.png"
        _frame(str(still.media), still.at, SCALE, frame)
        data, suffix = treated(Image.open(frame).convert("RGB"), still.variant, still.index)
        path = work / f"{still.name}{suffix}"
        path.write_bytes(data)
        stills.append({"still": path, "kind": still.kind, "variant": still.variant,
                       "truth": still.truth})  # fmt: skip
    return clip, stills


if __name__ == "__main__":
    main()
