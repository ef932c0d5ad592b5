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
     wheel (what analyze uses);
   * ``db-v6@320+tesseract``: the detector on the 320-px frame analyze already samples, lines
     read at full size (does the existing sample suffice to find text?).

   Per kind of text (caption, watermark, hud): word recall (the truth's words found in what
   was read inside its box) and character error rate (edit distance of the line read in its
   box over the truth's length); false text (readings of 3+ characters outside every truth);
   milliseconds per frame.
2. **What analyze pays**, on a 2-minute 1280x720 25 fps H.264 clip with captions changing
   every 6 s and a corner handle (cached in benchmarks/out/): the decode floor (``ffmpeg -i
   clip -f null -``), analyze's decode without and with the extra branch that writes the
   frames text is read on, and the on-screen text step itself (detection, tracking, reading)
   on those frames; each as a multiple of the decode floor. Also the same step on a 30-second
   clip with a HUD, whose numbers are read every second.

Run: ``python benchmarks/bench_onscreen.py [--rounds N]``.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from forensics.media.frames import build_command, extract  # noqa: E402
from forensics.media.mediainfo import read_media  # noqa: E402
from forensics.media.probe import probe  # noqa: E402
from forensics.media.toolchain import find_toolchain  # noqa: E402
from forensics.onscreen import read_onscreen  # noqa: E402
from forensics.onscreen.detect import TextDetector  # noqa: E402
from forensics.onscreen.engine import LineReader, find_engine  # noqa: E402
from forensics.onscreen.track import cer, detect_regions  # noqa: E402
from tests.onscreen_media import (  # noqa: E402
    CAPTION_EN,
    CAPTION_EN_2,
    CAPTION_RU,
    CAPTION_UK,
    FADING,
    HANDLE,
    HUD,
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


def db_engine(model: Path | None, detect_on: int | None = None
              ) -> Callable[[np.ndarray], list[Item]]:  # fmt: skip
    detector, reader = TextDetector(model), LineReader(find_engine())

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


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def pipeline_cost(path: Path, rounds: int) -> dict[str, float]:
    """Medians over ``rounds`` of: plain decode, analyze's decode without and with the text
    branch, and the on-screen text step; the last three as multiples of the first."""
    tools = find_toolchain()
    media, _ = read_media(path, probe(path, tools))
    picture = media.display_size or (media.width or 2, media.height or 2)
    quiet = {"stdin": subprocess.DEVNULL, "stdout": subprocess.DEVNULL,
             "stderr": subprocess.DEVNULL, "check": True}  # fmt: skip
    got: dict[str, list[float]] = defaultdict(list)
    for _ in range(rounds):
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            for sub in ("shots", "plain", "text", "work", "out"):
                (work / sub).mkdir()
            floor = timed(lambda: subprocess.run([tools.ffmpeg, "-v", "error", "-i", str(path),
                                                  "-f", "null", "-"], **quiet))  # fmt: skip
            plain, _ = build_command(path, media, tools, work / "plain")
            branch, _ = build_command(path, media, tools, work / "shots", text_dir=work / "text")
            got["decode floor s"].append(floor)
            for key, args in (
                ("analyze decode / floor", plain),
                ("with text branch / floor", branch),
            ):
                got[key].append(timed(lambda a=args: subprocess.run(a, **quiet)) / floor)
            (work / "shots2").mkdir()
            extraction = extract(path, media, tools, work / "shots2", work / "work")
            start = time.perf_counter()
            reading = read_onscreen(extraction.text_frames, picture, work / "out")
            got["text step / floor"].append((time.perf_counter() - start) / floor)
            got["regions read"].append(reading.status.reads)
            got["tracks"].append(len(reading.texts))
            got["frames"].append(len(extraction.text_frames))
    return {k: statistics.median(v) for k, v in got.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--skip-engines", action="store_true")
    args = parser.parse_args()
    if not args.skip_engines:
        compare_engines()
    captions = [Overlay("caption", CAPTIONS[i % len(CAPTIONS)], i * 6.0, i * 6.0 + 4.0,
                        "shadow" if i % 2 else "box") for i in range(20)]  # fmt: skip
    runs = {
        "2 min 720p, captions + handle": clip("onscreen_2min_720p.mp4", [*captions, HANDLE], 120),
        "30 s 720p, HUD + captions + handle": clip("onscreen_30s_hud_720p.mp4",
                                                   [*captions[:5], HANDLE, HUD], 30),
    }  # fmt: skip
    for name, path in runs.items():
        cost = pipeline_cost(path, args.rounds)
        print(f"\n{name} ({args.rounds} rounds, medians):")
        for key, value in cost.items():
            print(f"  {key}: {value:.2f}" if isinstance(value, float) else f"  {key}: {value}")
        added = (cost["text step / floor"] + cost["with text branch / floor"]
                 - cost["analyze decode / floor"])  # fmt: skip
        verdict = "PASS" if added <= 0.3 else "FAIL"
        print(
            f"  added by on-screen text (branch + step) / floor: {added:.2f} (target <= 0.3: "
            f"{verdict})"
        )


if __name__ == "__main__":
    main()
