#!/usr/bin/env python3
"""Benchmark on-screen text: which engine finds and reads it, and what it adds to analyze.

Everything is measured in one run, as ratios where the machine's load matters (these machines
are shared and noisy). Results and the choice they led to: benchmarks/onscreen/README.md.

1. **Engines, frame by frame**, on generated 1280x720 frames (tests/onscreen_media.py: white
   captions with a shadow or on a dark box over panning terrain, Latin, Russian and Ukrainian;
   a semi-transparent corner logo with a @handle; a drone HUD whose numbers change every
   second; a fading caption; frames without text), each through a JPEG round trip (quality
   85) as a decoded frame is:

   * ``tesseract-page-psmN``: Tesseract 5 alone (eng+rus+ukr) on the whole frame, page
     segmentation mode 3 (automatic) or 11 (sparse text), words with confidence >= 40;
   * ``db-v4+tesseract``: rapidocr-onnxruntime 1.4.4's PP-OCRv4 DB detector (when installed)
     finding lines on the frame scaled to 640 px, Tesseract reading each line;
   * ``db-v6+tesseract``: the same with the PP-OCRv6 small DB detector of the rapidocr 3.x
     wheel (what analyze uses), with and without reading HUD lines a second time;
   * ``db-v6@320+tesseract``: the detector on the 320-px frame analyze already samples, lines
     read at full size (does the existing sample suffice to find text?).

   Per kind of text (caption, watermark, hud): word recall (the truth's words found in what
   was read inside its box) and character error rate (edit distance of the line read in its
   box over the truth's length); false text (readings of 3+ characters outside every truth);
   milliseconds per frame.
1b. **HUD lines**: each HUD of tests/onscreen_media.py (HUD, SUMY_HUD) on 30 frames, read as
   any line, with the HUD pass, and as a HUD track re-reads it; positions parsed exact,
   wrong or none.
2. **What analyze pays**, on a 2-minute 1280x720 25 fps H.264 clip with captions changing
   every 6 s and a corner handle (cached in benchmarks/out/): the decode floor (``ffmpeg -i
   clip -f null -``), analyze's decode without and with the extra branch that writes the
   frames text is read on, and the on-screen text step itself (detection, tracking, reading)
   on those frames, on the first clip of a process and on the next (engines loaded); each as
   a multiple of the decode floor, in CPU time (the steadier on a shared machine; the step's
   wall time too). The step's CPU counts the engines a tree loads while the clip decodes
   (``forensics.onscreen.preload``: this process's own CPU during the decode with the text
   branch, less that without); "decode + step wall" is the decode with the branch and the
   step after it, what an analyst waits for. Also the same on a 30-second clip with a HUD,
   whose numbers are read every second. With ``--baseline REV`` git revision REV's decode
   and step run on the same clip too, each tree in a process of its own
   (benchmarks/onscreen_step.py), in alternating order; each tree's tracks are scored
   against the generated truth (word recall per kind, false tracks, HUD points).

Run: ``python benchmarks/bench_onscreen.py [--rounds N] [--skip-engines] [--baseline REV |
--baseline-tree DIR]`` (DIR: a checkout of the old revision, e.g. a detached worktree).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from forensics.media.toolchain import find_toolchain  # noqa: E402
from forensics.onscreen.detect import TextDetector, detect_regions  # noqa: E402
from forensics.onscreen.engine import LineReader, LineReading, find_engine  # noqa: E402
from forensics.onscreen.merge import cer  # noqa: E402
from forensics.onscreen.telemetry import parse_hud  # noqa: E402
from tests.onscreen_media import (  # noqa: E402
    CAPTION_EN,
    CAPTION_EN_2,
    CAPTION_RU,
    CAPTION_UK,
    FADING,
    HANDLE,
    HUD,
    SUMY_HUD,
    Overlay,
    Truth,
    render,
    write_clip,
)

OUT = ROOT / "benchmarks" / "out"
SIZE = (1280, 720)
Item = tuple[str, tuple[int, int, int, int]]  # text read, and its box
SCENES: list[tuple[list[Overlay], list[float]]] = [
    ([CAPTION_EN, HANDLE, HUD], [0.5, 1.5, 2.5, 3.5]),
    ([CAPTION_UK, HANDLE, HUD], [4.5, 5.5, 6.5, 7.5]),
    ([CAPTION_RU, HANDLE], [0.5, 1.5, 2.5, 3.5]),
    ([CAPTION_EN_2, FADING], [4.2, 5.2, 6.2, 7.2]),
    ([FADING, HUD], [1.5, 3.0, 4.5, 6.5]),
    ([], [0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5]),  # no text
]
CAPTIONS = [
    "Belgorod region", "Уничтожение вражеской техники", "enemy BMP-2 destroyed",
    "Українські захисники знищили танк", "Kozinka, 22 May", "Колонна противника",
]  # fmt: skip


def frames() -> list[tuple[np.ndarray, list[Truth]]]:
    out = []
    for overlays, times in SCENES:
        for t in times:
            rgb, truths = render(t, overlays, SIZE)
            gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
            _, jpeg = cv2.imencode(".jpg", gray, [cv2.IMWRITE_JPEG_QUALITY, 85])
            out.append((cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE), truths))
    return out


def page_engine(psm: int) -> Callable[[np.ndarray], list[Item]]:
    import tesserocr
    from PIL import Image

    info = find_engine()
    api = tesserocr.PyTessBaseAPI(path=str(info.tessdata) + "/", lang="eng+rus+ukr", psm=psm)

    def run(gray: np.ndarray) -> list[Item]:
        api.SetImage(Image.fromarray(gray))
        api.Recognize()
        items: list[Item] = []
        iterator = api.GetIterator()
        for word in tesserocr.iterate_level(iterator, tesserocr.RIL.WORD):
            try:
                text = word.GetUTF8Text(tesserocr.RIL.WORD)
            except RuntimeError:  # an empty page: no words at all
                break
            conf, box = word.Confidence(tesserocr.RIL.WORD), word.BoundingBox(tesserocr.RIL.WORD)
            if text and text.strip() and conf >= 40 and box:
                items.append((text.strip(), (box[0], box[1], box[2] - box[0], box[3] - box[1])))
        return items

    return run


def db_engine(model: Path | None, detect_on: int | None = None, hud_pass: bool = True
              ) -> Callable[[np.ndarray], list[Item]]:  # fmt: skip
    detector, reader = TextDetector(model), LineReader(find_engine(), hud_pass)

    def run(gray: np.ndarray) -> list[Item]:
        view = gray
        if detect_on:  # the small sample analyze already has, boxes scaled back
            scale = detect_on / max(gray.shape)
            view = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        boxes = detect_regions(detector.find, view)
        if detect_on:
            boxes = [tuple(round(v / scale) for v in b) for b in boxes]  # type: ignore[misc]
        items = []
        for x, y, w, h in boxes:
            text = reader.read(gray[y : y + h, x : x + w]).text
            if text:
                items.append((text, (x, y, w, h)))
        return items

    return run


def words(text: str) -> list[str]:
    return [w for w in re.findall(r"[\w@.:%-]+", text.casefold()) if any(c.isalnum() for c in w)]


def inside(item: Item, truth: Truth, pad: int = 10) -> bool:
    x, y, w, h = item[1]
    cx, cy = x + w / 2, y + h / 2
    tx, ty, tw, th = truth.box
    return tx - pad <= cx <= tx + tw + pad and ty - pad <= cy <= ty + th + pad


def score(engine: Callable[[np.ndarray], list[Item]], data: list) -> dict[str, float]:
    found: dict[str, list[float]] = defaultdict(list)  # kind -> recall, and cer per truth
    rates: dict[str, list[float]] = defaultdict(list)
    false_text, false_empty, times = 0, 0, []
    for gray, truths in data:
        start = time.perf_counter()
        items = engine(gray)
        times.append(time.perf_counter() - start)
        for truth in truths:
            mine = sorted((i for i in items if inside(i, truth)), key=lambda i: (i[1][1], i[1][0]))
            read = " ".join(i[0] for i in mine)
            got = set(words(read))
            expected = words(truth.text)
            found[truth.kind].append(sum(w in got for w in expected) / max(1, len(expected)))
            rates[truth.kind].append(min(1.0, cer(truth.text, read)))
        stray = [i for i in items if not any(inside(i, t) for t in truths)
                 and sum(c.isalnum() for c in i[0]) >= 3]  # fmt: skip
        false_text += len(stray)
        false_empty += len(stray) if not truths else 0
    out = {f"recall_{k}": statistics.mean(v) for k, v in found.items()}
    out |= {f"cer_{k}": statistics.mean(v) for k, v in rates.items()}
    empty = sum(1 for _, t in data if not t)
    return out | {"false_per_frame": false_text / len(data),
                  "false_per_textless_frame": false_empty / max(1, empty),
                  "ms_per_frame": 1000 * statistics.median(times)}  # fmt: skip


def compare_engines() -> None:
    data = frames()
    engines: dict[str, Callable[[np.ndarray], list[Item]]] = {
        "tesseract-page-psm3": page_engine(3),
        "tesseract-page-psm11": page_engine(11),
    }
    try:
        import rapidocr_onnxruntime

        v4 = Path(rapidocr_onnxruntime.__file__).parent / "models" / "ch_PP-OCRv4_det_infer.onnx"
        engines["db-v4+tesseract"] = db_engine(v4)
    except ImportError:
        print("(rapidocr-onnxruntime not installed: no PP-OCRv4 row)")
    engines["db-v6+tesseract, HUD lines not read again"] = db_engine(None, hud_pass=False)
    engines["db-v6+tesseract"] = db_engine(None)
    engines["db-v6@320+tesseract"] = db_engine(None, detect_on=320)
    kinds = ("caption", "watermark", "hud")
    header = ["engine", *(f"recall {k}" for k in kinds), *(f"CER {k}" for k in kinds),
              "false/frame", "false/textless", "ms/frame"]  # fmt: skip
    print(f"\n{len(data)} frames, 1280x720, JPEG q85\n" + " | ".join(header))
    for name, engine in engines.items():
        s = score(engine, data)
        cells = [f"{s.get(f'recall_{k}', 0):.2f}" for k in kinds]
        cells += [f"{s.get(f'cer_{k}', 0):.2f}" for k in kinds]
        cells += [f"{s['false_per_frame']:.2f}", f"{s['false_per_textless_frame']:.2f}",
                  f"{s['ms_per_frame']:.0f}"]  # fmt: skip
        print(" | ".join([name, *cells]))


def clip(name: str, overlays: list[Overlay], seconds: float) -> Path:
    OUT.mkdir(exist_ok=True)
    path = OUT / name
    if not path.is_file():
        print(f"writing {path} ...", flush=True)
        write_clip(path, overlays, seconds, SIZE, 25)
    return path


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """Wall seconds, and CPU seconds of the child processes it ran (all their threads)."""
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    run()
    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def source_tree(rev: str, folder: Path) -> Path:
    """The ``forensics`` package of git revision ``rev``, unpacked under ``folder``."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "forensics"],
                             capture_output=True, check=True).stdout  # fmt: skip
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def run_step(tree: Path, clip: Path, work: Path) -> dict:
    """Analyze's decode of ``clip`` (without and with the text branch) and the on-screen text
    step, by the code in ``tree``, in a process of its own (benchmarks/onscreen_step.py)."""
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(tree)}
    args = [sys.executable, str(ROOT / "benchmarks" / "onscreen_step.py"), str(clip), str(work)]
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def track_scores(texts: list, overlays: list[Overlay], times: list[float]) -> dict[str, float]:
    """Word recall per kind over the text frames (each truth legible on a frame, against the
    tracks on that frame at its place) and tracks at no truth's place (false text)."""
    recall: dict[str, list[float]] = defaultdict(list)
    truth_boxes = []
    for t in times:
        for truth in legible(t, overlays):
            mine = [x for x in texts if x[1] - 0.01 <= t <= x[2] + 0.01
                    and inside((x[0], tuple(x[3])), truth)]  # fmt: skip
            got = {w for x in mine for w in words(x[0])}
            expected = words(truth.text)
            recall[truth.kind].append(sum(w in got for w in expected) / max(1, len(expected)))
            truth_boxes.append(truth)
    false = [x for x in texts if not any(inside((x[0], tuple(x[3])), t) for t in truth_boxes)]
    return {**{f"recall {k}": statistics.mean(v) for k, v in recall.items()},
            "false tracks": float(len(false))}  # fmt: skip


def legible(t: float, overlays: list[Overlay]) -> list[Truth]:
    """The overlays legible at ``t`` (at least half opaque), with their boxes."""
    from PIL import Image

    from tests.onscreen_media import _draw

    out = []
    for overlay in overlays:
        if overlay.alpha_at(t) >= 0.5:
            layer = Image.new("RGBA", SIZE, (0, 0, 0, 0))
            out.append(_draw(layer, overlay, overlay.text_at(t), overlay.alpha_at(t)))
    return out


def pipeline_cost(path: Path, overlays: list[Overlay], rounds: int,
                  trees: dict[str, Path]) -> dict[str, float]:  # fmt: skip
    """Medians over ``rounds`` of: the plain decode (wall and CPU), and for each tree in
    ``trees`` (in alternating order) analyze's decode without and with its text branch and its
    on-screen text step on the frames that wrote, on the clip's first and on a second clip in
    the same process; CPU times as multiples of the plain decode's. With each tree's
    accuracy, and the disk its text frames took."""
    tools = find_toolchain()
    quiet = {"stdin": subprocess.DEVNULL, "stdout": subprocess.DEVNULL,
             "stderr": subprocess.DEVNULL, "check": True}  # fmt: skip
    got: dict[str, list[float]] = defaultdict(list)
    for round_ in range(rounds):
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            floor, floor_cpu = timed(lambda: subprocess.run(
                [tools.ffmpeg, "-v", "error", "-i", str(path), "-f", "null", "-"], **quiet))
            got["decode floor s"].append(floor)
            got["decode floor CPU s"].append(floor_cpu)
            order = list(trees.items())
            for name, tree in order if round_ % 2 == 0 else order[::-1]:
                step = run_step(tree, path, work / f"out-{name}")
                branch = step["decode branch cpu"] - step["decode plain cpu"]
                # the engines a tree loads while the clip decodes: the step's CPU all the same
                ahead = step.get("decode branch own cpu", 0.0) - step.get("decode plain own cpu",
                                                                          0.0)  # fmt: skip
                first = step["first cpu"] + ahead
                got[f"{name}: loading ahead CPU s"].append(ahead)
                got[f"{name}: text branch CPU / floor CPU"].append(branch / floor_cpu)
                got[f"{name}: step / floor"].append(step["first wall"] / floor)
                if "decode branch wall" in step:  # what the analyst waits for
                    got[f"{name}: decode + step wall / floor"].append(
                        (step["decode branch wall"] + step["first wall"]) / floor)  # fmt: skip
                got[f"{name}: step CPU / floor CPU"].append(first / floor_cpu)
                got[f"{name}: next clip's step CPU / floor CPU"].append(step["second cpu"]
                                                                        / floor_cpu)
                got[f"{name}: added CPU / floor CPU"].append((branch + first) / floor_cpu)
                got[f"{name}: text frames MB"].append(step["bytes"] / 1e6)
                got[f"{name}: regions read"].append(step["reads"])
                got[f"{name}: tracks"].append(len(step["texts"]))
                got[f"{name}: HUD points"].append(len(step["points"]))
                for key, value in track_scores(step["texts"], overlays, step["frames"]).items():
                    got[f"{name}: {key}"].append(value)
                got["frames"].append(len(step["frames"]))
    return {k: statistics.median(v) for k, v in got.items()}


HUDS = {"bench HUD (50.5123N 36.6012E ALT 120m ...)": HUD,
        "Sumy HUD (N 50.9077 E 34.7981 H 120m ...)": SUMY_HUD}  # fmt: skip


def hud_lines(seconds: int = 30) -> None:
    """Each HUD's line on one frame a second (JPEG q85), where the detector finds it, read as
    any line (before), with the HUD pass, and as a HUD track reads it again; the position the
    parser takes from each reading: exact, wrong, or none."""
    detector, info = TextDetector(), find_engine()
    readers = {"as any line (before)": (LineReader(info, hud_pass=False), None),
               "with the HUD pass": (LineReader(info), None),
               "again as a HUD line": (LineReader(info), LineReading("", 0.0, hud=True))}
    for name, overlay in HUDS.items():
        counts: dict[str, Counter[str]] = {r: Counter() for r in readers}
        for k in range(seconds):
            rgb, truths = render(k + 0.5, [overlay], SIZE)
            _, jpeg = cv2.imencode(".jpg", cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY),
                                   [cv2.IMWRITE_JPEG_QUALITY, 85])  # fmt: skip
            gray = cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE)
            assert gray is not None
            [truth] = truths
            want = parse_hud(truth.text).position
            assert want is not None
            boxes = [b for b in detect_regions(detector.find, gray) if inside(("", b), truth)]
            for reader_name, (reader, like) in readers.items():
                if not boxes:
                    counts[reader_name]["line not found"] += 1
                    continue
                x, y, w, h = boxes[0]
                text = reader.read(gray[y : y + h, x : x + w], like).text
                got = parse_hud(text).position
                exact = got is not None and (got.lat, got.lon) == (want.lat, want.lon)
                counts[reader_name]["position exact" if exact else
                                    "position wrong" if got else "no position"] += 1
                counts[reader_name]["line exact"] += text == truth.text
                counts[reader_name]["cer x100"] += round(100 * min(1.0, cer(truth.text, text)))
        print(f"\n{name}, {seconds} frames:")
        for reader_name, c in counts.items():
            cells = ", ".join(f"{key} {c[key]}" for key in ("position exact", "position wrong",
                                                           "no position", "line exact",
                                                           "line not found"))  # fmt: skip
            print(f"  {reader_name}: {cells}, CER {c['cer x100'] / 100 / seconds:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--skip-engines", action="store_true")
    parser.add_argument("--baseline", metavar="REV",
                        help="also run the on-screen text step of git revision REV")
    parser.add_argument("--baseline-tree", metavar="DIR", type=Path,
                        help="also run the step of the checkout in DIR (its forensics package)")
    args = parser.parse_args()
    if not args.skip_engines:
        compare_engines()
        hud_lines()
    captions = [Overlay("caption", CAPTIONS[i % len(CAPTIONS)], i * 6.0, i * 6.0 + 4.0,
                        "shadow" if i % 2 else "box") for i in range(20)]  # fmt: skip
    runs = {
        "2 min 720p, captions + handle": ("onscreen_2min_720p.mp4", [*captions, HANDLE], 120),
        "30 s 720p, HUD + captions + handle": ("onscreen_30s_hud_720p.mp4",
                                               [*captions[:5], HANDLE, HUD], 30),
    }  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        trees = {"now": ROOT}
        if args.baseline:
            trees = {args.baseline: source_tree(args.baseline, Path(tmp)), **trees}
        elif args.baseline_tree:
            trees = {f"baseline {args.baseline_tree.name}": args.baseline_tree, **trees}
        for name, (file, overlays, seconds) in runs.items():
            cost = pipeline_cost(clip(file, overlays, seconds), overlays, args.rounds, trees)
            print(f"\n{name} ({args.rounds} rounds, medians):")
            for key, value in cost.items():
                print(f"  {key}: {value:.2f}")
            for tree in trees:
                added = cost[f"{tree}: added CPU / floor CPU"]
                verdict = "PASS" if added <= 0.3 else "FAIL"
                print(f"  {tree}: added by on-screen text (branch + step) CPU / floor CPU: "
                      f"{added:.2f} (target <= 0.3: {verdict})")


if __name__ == "__main__":
    main()
