"""Generated footage with text burned in, as combat clips carry it, for the on-screen text tests
and ``benchmarks/bench_onscreen.py``.

The picture is a panning, noisy terrain (greens and browns with bright patches, so white text
sometimes sits on light ground); over it, drawn with Pillow and DejaVu (Latin and Cyrillic):
captions in white with a dark shadow or on a dark box, a semi-transparent corner logo with a
``@handle``, a drone HUD in a monospaced font whose numbers change every second, and captions
that fade in and out. Every overlay knows its text and box, so each frame has its ground truth.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from forensics.media.toolchain import find_toolchain
from forensics.onscreen.detect import Region
from forensics.onscreen.engine import LineReading

FONTS = Path("/usr/share/fonts/truetype/dejavu")
SANS = FONTS / "DejaVuSans-Bold.ttf"
MONO = FONTS / "DejaVuSansMono-Bold.ttf"

Text = str | Callable[[float], str]


@dataclass(frozen=True)
class Overlay:
    """Text over the footage from ``start`` to ``end`` seconds.

    ``style``: shadow (white, dark shadow), box (white on a dark box), logo (semi-transparent
    white with a ring, for a channel's mark), hud (monospaced, the drone's telemetry).
    ``where``: (x, y) as fractions of the picture for the text's centre (captions) or its
    top-left corner (logo, hud). ``fade``: seconds to fade in and out."""

    kind: str  # caption, watermark, hud: the ground truth's kind
    text: Text
    start: float
    end: float
    style: str = "shadow"
    where: tuple[float, float] = (0.5, 0.86)
    size: float = 0.05  # font height as a fraction of the picture's height
    fade: float = 0.0
    lang: str = "en"

    def text_at(self, t: float) -> str:
        return self.text(t) if callable(self.text) else self.text

    def alpha_at(self, t: float) -> float:
        if not self.start <= t < self.end:
            return 0.0
        if self.fade <= 0:
            return 1.0
        return min(1.0, (t - self.start) / self.fade, (self.end - t) / self.fade)


@dataclass(frozen=True)
class Truth:
    kind: str
    text: str
    box: tuple[int, int, int, int]  # x, y, w, h
    lang: str


def hud_text(t: float) -> str:
    """A drone's telemetry line: position, altitude and clock change every second."""
    k = int(t)
    minute, second = divmod(11 + k, 60)
    return (f"{50.5123 + 0.0004 * k:.4f}N {36.6012 + 0.0003 * k:.4f}E ALT {120 + 3 * k}m "
            f"2023-05-22 14:{3 + minute:02d}:{second:02d}")  # fmt: skip


def sumy_hud_text(t: float) -> str:
    """A HUD whose position is in Sumy oblast (~180 km from its centre), labels first."""
    k = int(t)
    return (f"N {50.9077 + 0.0002 * k:.4f} E {34.7981 + 0.0003 * k:.4f} H {120 + 2 * k}m "
            f"2023-05-22 06:41:{12 + k:02d}")  # fmt: skip


@cache
def _terrain(size: tuple[int, int], seed: int) -> np.ndarray:
    """A field twice the picture's size to pan over: low-frequency colour, fine grain and a few
    bright patches (dust, sky, snow), as aerial footage has."""
    width, height = size
    rng = np.random.default_rng(seed)
    big = (width * 2, height * 2)
    low = cv2.resize(rng.random((9, 16, 3)).astype(np.float32), big, interpolation=cv2.INTER_CUBIC)
    mid = cv2.resize(rng.random((90, 160)).astype(np.float32), big, interpolation=cv2.INTER_CUBIC)
    grain = rng.random(big[::-1]).astype(np.float32)
    base = np.array([70, 95, 60], np.float32) + low * np.array([90, 80, 50], np.float32)
    field = base + ((mid - 0.5) * 60 + (grain - 0.5) * 40)[..., None]
    for _ in range(12):  # tracks, tree lines, trenches: the straight edges footage has
        a, b = rng.integers(0, big[0], 2), rng.integers(0, big[1], 2)
        cv2.line(
            field,
            (int(a[0]), int(b[0])),
            (int(a[1]), int(b[1])),
            (40, 45, 35),
            int(rng.integers(2, 9)),
        )
    bright = cv2.resize(rng.random((6, 10)).astype(np.float32), big) > 0.8
    field[bright] = field[bright] * 0.4 + 150
    return np.clip(field, 0, 255).astype(np.uint8)


def footage(t: float, size: tuple[int, int], seed: int = 3) -> np.ndarray:
    """The moving picture at time ``t``: the terrain panned and lightly noisy (RGB)."""
    width, height = size
    field = _terrain(size, seed)
    x = int(width * 0.5 + width * 0.45 * np.sin(t / 7.0))
    y = int(height * 0.5 + height * 0.4 * np.cos(t / 9.0))
    frame = field[y : y + height, x : x + width].astype(np.int16)
    noise = np.random.default_rng(int(t * 1000)).integers(-6, 7, frame.shape, dtype=np.int16)
    return np.clip(frame + noise, 0, 255).astype(np.uint8)


def _draw(layer: Image.Image, overlay: Overlay, text: str, alpha: float) -> Truth:
    width, height = layer.size
    font = ImageFont.truetype(str(MONO if overlay.style == "hud" else SANS),
                              max(10, round(height * overlay.size)))  # fmt: skip
    draw = ImageDraw.Draw(layer)
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    w, h = right - left, bottom - top
    fx, fy = overlay.where
    if overlay.style in ("shadow", "box"):
        x, y = round(width * fx - w / 2), round(height * fy - h / 2)
    else:
        x, y = round(width * fx), round(height * fy)
    a = round(255 * alpha)
    if overlay.style == "box":
        pad = h // 3
        draw.rectangle((x - pad, y - pad, x + w + pad, y + h + pad), fill=(10, 10, 10, a * 3 // 4))
    if overlay.style == "shadow":
        draw.text((x - left + 2, y - top + 2), text, font=font, fill=(0, 0, 0, a))
    if overlay.style == "logo":
        r = h
        draw.ellipse((x - 2 * r - 6, y - r // 2, x - 6, y + h + r // 2), outline=(255, 255, 255, a),
                     width=3)  # fmt: skip
        a = a * 3 // 5  # a channel's mark is semi-transparent
    fill = (120, 255, 120, a) if overlay.style == "hud" else (255, 255, 255, a)
    draw.text((x - left, y - top), text, font=font, fill=fill)
    return Truth(overlay.kind, text, (x, y, w, h), overlay.lang)


def render(
    t: float, overlays: Sequence[Overlay], size: tuple[int, int], seed: int = 3
) -> tuple[np.ndarray, list[Truth]]:
    """The RGB frame at ``t`` and the text legible on it (an overlay at least half opaque)."""
    frame = Image.fromarray(footage(t, size, seed)).convert("RGBA")
    truths = []
    for overlay in overlays:
        alpha = overlay.alpha_at(t)
        if alpha <= 0:
            continue
        layer = Image.new("RGBA", frame.size, (0, 0, 0, 0))
        truth = _draw(layer, overlay, overlay.text_at(t), alpha)
        frame = Image.alpha_composite(frame, layer)
        if alpha >= 0.5:
            truths.append(truth)
    return np.asarray(frame.convert("RGB")), truths


def write_clip(
    path: Path, overlays: Sequence[Overlay], seconds: float, size: tuple[int, int] = (1280, 720),
    fps: int = 25, seed: int = 3, crf: int = 23,
) -> Path:  # fmt: skip
    """Encode the footage with its overlays as H.264 (libx264 veryfast), as a phone's or a
    channel's re-encode would leave it."""
    width, height = size
    args = [find_toolchain().ffmpeg, "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24",
            "-s", f"{width}x{height}", "-r", str(fps), "-i", "pipe:0", "-c:v", "libx264",
            "-preset", "veryfast", "-crf", str(crf), "-pix_fmt", "yuv420p", str(path)]  # fmt: skip
    proc = subprocess.Popen(args, stdin=subprocess.PIPE)
    assert proc.stdin is not None
    for index in range(round(seconds * fps)):
        frame, _ = render(index / fps, overlays, size, seed)
        proc.stdin.write(frame.tobytes())
    proc.stdin.close()
    if proc.wait() != 0:
        raise RuntimeError(f"ffmpeg failed writing {path}")
    return path


# The scenes both the tests and the benchmark use: each kind of text the issue names.
CAPTION_EN = Overlay("caption", "Belgorod region", 0.0, 4.0, "shadow")
CAPTION_EN_2 = Overlay("caption", "enemy BMP-2 destroyed", 4.0, 8.0, "box")
CAPTION_RU = Overlay("caption", "Уничтожение вражеской техники", 0.0, 4.0, "box", lang="ru")
CAPTION_UK = Overlay("caption", "Українські захисники знищили танк", 4.0, 8.0, "shadow",
                     lang="uk")  # fmt: skip
HANDLE = Overlay("watermark", "@legion_free", 0.0, 1e9, "logo", (0.80, 0.05), 0.04)
HUD = Overlay("hud", hud_text, 0.0, 1e9, "hud", (0.03, 0.04), 0.032)
FADING = Overlay("caption", "Glory to the heroes", 1.0, 7.0, "shadow", (0.5, 0.5), fade=2.0)
SUMY_HUD = Overlay("hud", sumy_hud_text, 0.0, 1e9, "hud", (0.03, 0.04), 0.04)


def regions_in(small: np.ndarray, boxes: Sequence[tuple[int, int, int, int]], width: int,
               score: float = 0.9) -> list:  # fmt: skip
    """What a fake detector finds in ``small``: the ``boxes`` (x, y, w, h in a picture
    ``width`` pixels wide) that lie in it, in its pixels. ``small`` is the tracker's view of the
    picture or, when it looks only where text appeared, a band of the view's rows: a slice of
    the view, whose first row is read from where the slice starts in it."""
    from forensics.onscreen.detect import Region

    base = small.base
    top = 0
    if isinstance(base, np.ndarray) and base.ndim == 2 and base.shape[1] == small.shape[1]:
        start = small.__array_interface__["data"][0] - base.__array_interface__["data"][0]
        top = start // base.strides[0]
    scale = small.shape[1] / width
    found = []
    for box in boxes:
        x, y, w, h = (round(v * scale) for v in box)
        if top <= y + h // 2 < top + small.shape[0]:
            found.append(Region((x, max(0, y - top), w, h), score))
    return found


# Frames and an engine for the tracker's tests (what is looked at and read, counted).
def synthetic(index: int, caption: range) -> np.ndarray:
    """A 1280x720 frame: a dark square moving 40 px a frame across and down over flat grey, a
    white mark at the top left on every frame, a white line of 'text' on the frames in
    ``caption``."""
    frame = np.full((720, 1280), 100, np.uint8)
    x, y = 100 + 40 * index, 100 + 30 * index
    frame[y : y + 200, x : x + 200] = 30
    for x in range(40, 200, 12):
        frame[30:50, x : x + 4] = 250  # the mark's strokes
    if index in caption:
        for x in range(400, 880, 16):
            frame[600:630, x : x + 4] = 250
    return frame


class PixelEngine:
    """A detector that finds white strokes in whatever part of the view it is given, and a
    reader that counts its reads and says what it was asked to read like."""

    def __init__(self):
        self.looked_px, self.reads, self.likes = 0, 0, []

    def find(self, image):
        self.looked_px += image.size
        mask = cv2.dilate((image > 200).astype(np.uint8), np.ones((3, 15), np.uint8))
        count, _, stats, _ = cv2.connectedComponentsWithStats(mask)
        return [Region((int(x), int(y), int(w), int(h)), 0.9)
                for x, y, w, h, _ in stats[1:count]]  # fmt: skip

    def read(self, crop, like=None):
        self.reads += 1
        self.likes.append(like)
        return LineReading("some text" if (crop > 200).any() else "", 0.95 if crop.any() else 0)
