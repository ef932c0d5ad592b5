"""Where the text is: a learned text detector (DB, "differentiable binarization", PaddleOCR's
PP-OCR detection model run by onnxruntime) over each sampled frame.

Tesseract finds text poorly in busy pictures (on generated footage it found no caption word
on whole frames: benchmarks/onscreen/README.md); the detector finds the lines, and Tesseract
reads only those. Its weights ship inside the ``rapidocr`` wheel (Apache-2.0); only the model
file is used, located without importing rapidocr, and run here with its published pre- and
post-processing: scale to a multiple of 32, normalise to [-1, 1], threshold the probability
map at 0.3, keep components scoring 0.5, grow each box by the DB unclip distance.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import cv2
import numpy as np

MODEL_NAME = "PP-OCRv6_det_small.onnx"
THRESH, BOX_THRESH, UNCLIP = 0.3, 0.5, 1.6
MIN_SIDE = 4  # pixels, at the detector's scale
DETECT_LONG_SIDE = 640  # the detector's view: finds a 12-pixel HUD line of a 720p picture


class DetectorMissing(Exception):
    """The detector's model or runtime is not installed."""


@dataclass(frozen=True)
class Region:
    box: tuple[int, int, int, int]  # x, y, w, h in the picture the detector was given
    score: float


def model_path() -> Path:
    """The detection model inside the installed ``rapidocr`` wheel."""
    spec = importlib.util.find_spec("rapidocr")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(folder) / "models" / MODEL_NAME
        if candidate.is_file():
            return candidate
    raise DetectorMissing(f"no text detection model ({MODEL_NAME}): pip install rapidocr")


@cache
def _session(path: Path) -> object:
    # onnxruntime's telemetry keeps a session file ($TMPDIR/.ses) for events it would send:
    # this tool sends nothing anywhere, and a run leaves nothing behind in the temporary folder.
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"
    try:
        import onnxruntime
    except ImportError:
        raise DetectorMissing("no onnxruntime: pip install onnxruntime") from None
    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3
    # One thread: the same boxes on every run (the golden reports pin them), and on two cores
    # shared with Tesseract and other work it is as fast as the default pool.
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


class TextDetector:
    """DB text detection over grey frames of any size."""

    def __init__(self, model: Path | None = None) -> None:
        self.model = model or model_path()
        self._session = _session(self.model)
        self._input = self._session.get_inputs()[0].name  # type: ignore[attr-defined]

    def find(self, gray: np.ndarray) -> list[Region]:
        """The text lines in ``gray``, as boxes in its own pixels."""
        height, width = gray.shape
        in_w, in_h = max(32, round(width / 32) * 32), max(32, round(height / 32) * 32)
        scaled = cv2.resize(gray, (in_w, in_h)).astype(np.float32) / 127.5 - 1.0
        batch = np.repeat(scaled[None, None], 3, axis=1)
        prob = self._session.run(None, {self._input: batch})[0][0, 0]  # type: ignore[attr-defined]
        return _regions(prob, (width / in_w, height / in_h), (width, height))


def _regions(prob: np.ndarray, scale: tuple[float, float], size: tuple[int, int]
             ) -> list[Region]:  # fmt: skip
    mask = cv2.dilate((prob > THRESH).astype(np.uint8), np.ones((2, 2), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    found = []
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        if min(w, h) < MIN_SIDE:
            continue
        inside = np.zeros((h, w), np.uint8)
        cv2.fillPoly(inside, [contour - (x, y)], 1)
        score = float(prob[y : y + h, x : x + w][inside > 0].mean())
        if score < BOX_THRESH:
            continue
        grow = w * h * UNCLIP / (2 * (w + h))  # DB's unclip distance for a rectangle
        x0, y0 = max(0.0, (x - grow) * scale[0]), max(0.0, (y - grow) * scale[1])
        x1 = min(float(size[0]), (x + w + grow) * scale[0])
        y1 = min(float(size[1]), (y + h + grow) * scale[1])
        found.append(Region((round(x0), round(y0), round(x1 - x0), round(y1 - y0)), score))
    return sorted(found, key=lambda r: (r.box[1], r.box[0]))


def view_scale(gray: np.ndarray) -> float:
    return min(1.0, DETECT_LONG_SIDE / max(gray.shape))


def detector_view(gray: np.ndarray) -> np.ndarray:
    """``gray`` scaled down to DETECT_LONG_SIDE: what the detector and the change map see."""
    height, width = gray.shape
    scale = view_scale(gray)
    if scale >= 1:
        return gray
    size = (round(width * scale), round(height * scale))
    return cv2.resize(gray, size, interpolation=cv2.INTER_AREA)


def detect_regions(find: Callable[[np.ndarray], list[Region]], gray: np.ndarray,
                   view: np.ndarray | None = None, band: tuple[int, int] | None = None
                   ) -> list[tuple[int, int, int, int]]:  # fmt: skip
    """The detector's lines in ``gray``'s own pixels, found on its ``view`` (by default
    :func:`detector_view`), or on the ``band`` of rows of the view only."""
    height, width = gray.shape
    view = detector_view(gray) if view is None else view
    scale = view.shape[1] / width
    top = band[0] if band else 0
    boxes = []
    for region in find(view[band[0] : band[1]] if band else view):
        x, y, w, h = region.box
        x, y, w, h = (round(v / scale) for v in (x, y + top, w, h))
        x, y = max(0, x), max(0, y)
        w, h = min(w, width - x), min(h, height - y)
        if w >= 8 and h >= 6:
            boxes.append((x, y, w, h))
    return boxes
