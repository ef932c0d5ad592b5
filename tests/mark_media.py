"""Channels' marks as reposts burn them in, for tuning and testing how they are read: a
semi-transparent (30-60 %) ``@handle``, ``t.me/name`` or channel name in a corner over busy,
moving footage (tests/onscreen_media.py's panning terrain), plain, with a shadow or on a box;
on footage upscaled from 320x180; in a 9:16 repost (the footage in a vertical frame over a
blurred copy of itself). Fonts: those of Debian's fonts-roboto-unhinted, fonts-open-sans and
fonts-paratype where installed, DejaVu otherwise (the tuned bench's DejaVu Sans Bold is one
of them).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from tests.onscreen_media import footage

FONT_FILES = (
    "/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF/Roboto-Bold.ttf",
    "/usr/share/fonts/truetype/open-sans/OpenSans-Semibold.ttf",
    "/usr/share/fonts/truetype/paratype/PTS75F.ttf",  # PT Sans Bold
    "/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF/Roboto-Medium.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
)


def font_file(index: int) -> str:
    """The ``index``-th font of FONT_FILES that is installed (DejaVu Sans Bold at least)."""
    present = [f for f in FONT_FILES if Path(f).is_file()]
    return present[index % len(present)]


@dataclass(frozen=True)
class Mark:
    text: str
    where: tuple[float, float]  # the text's top-left corner, fractions of the footage
    opacity: float = 0.4
    style: str = "plain"  # plain, shadow, box
    size: float = 0.04  # font height, fraction of the footage's height
    font: int = 0  # index into FONT_FILES present


@dataclass(frozen=True)
class Condition:
    name: str
    marks: tuple[Mark, ...]
    layout: str = "landscape"  # landscape 1280x720, upscaled (from 320x180), portrait (9:16)
    seed: int = 11
    quality: int = 85  # JPEG quality of the decoded frame
    mirrored: bool = False  # the whole picture flipped left to right (after the marks)


def _draw(picture: np.ndarray, mark: Mark) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """``picture`` (RGB) with ``mark`` drawn over it, and the text's box."""
    height, width = picture.shape[:2]
    frame = Image.fromarray(picture).convert("RGBA")
    layer = Image.new("RGBA", frame.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    font = ImageFont.truetype(font_file(mark.font), max(9, round(height * mark.size)))
    left, top, right, bottom = draw.textbbox((0, 0), mark.text, font=font)
    w, h = right - left, bottom - top
    x, y = round(width * mark.where[0]), round(height * mark.where[1])
    x, y = min(x, width - w - 4), min(y, height - h - 4)
    a = round(255 * mark.opacity)
    if mark.style == "box":
        pad = max(2, h // 4)
        draw.rectangle((x - pad, y - pad, x + w + pad, y + h + pad), fill=(0, 0, 0, a))
    if mark.style == "shadow":
        off = max(1, h // 12)
        draw.text((x - left + off, y - top + off), mark.text, font=font, fill=(0, 0, 0, a))
    draw.text((x - left, y - top), mark.text, font=font, fill=(255, 255, 255, a))
    out = Image.alpha_composite(frame, layer).convert("RGB")
    return np.asarray(out), (x, y, w, h)


def render_marks(t: float, cond: Condition) -> tuple[np.ndarray, list[tuple[str, tuple]]]:
    """The grey frame at ``t`` as a decode of the repost gives it (through JPEG), and each
    mark's text and box on it."""
    if cond.layout == "upscaled":  # the mark burned into low-quality footage, then upscaled
        small, boxes = _with_marks(footage(t, (320, 180), cond.seed), cond.marks)
        _, jpeg = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, 45])
        small = cv2.imdecode(jpeg, cv2.IMREAD_UNCHANGED)
        rgb = cv2.resize(small, (1280, 720), interpolation=cv2.INTER_CUBIC)
        boxes = [(text, tuple(v * 4 for v in box)) for text, box in boxes]
    elif cond.layout == "portrait":  # 9:16: footage in the middle over a blurred copy
        clip = footage(t, (720, 405), cond.seed)
        back = cv2.GaussianBlur(cv2.resize(clip, (720, 1280)), (0, 0), 25)
        back[437 : 437 + 405] = clip
        rgb, boxes = _with_marks(back, cond.marks)
    else:
        rgb, boxes = _with_marks(footage(t, (1280, 720), cond.seed), cond.marks)
    gray = cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2GRAY)
    if cond.mirrored:
        gray = np.ascontiguousarray(gray[:, ::-1])
        boxes = [(text, (gray.shape[1] - x - w, y, w, h)) for text, (x, y, w, h) in boxes]
    _, jpeg = cv2.imencode(".jpg", gray, [cv2.IMWRITE_JPEG_QUALITY, cond.quality])
    return cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE), boxes


def _with_marks(rgb: np.ndarray, marks: tuple[Mark, ...]) -> tuple[np.ndarray, list]:
    boxes = []
    for mark in marks:
        rgb, box = _draw(rgb, mark)
        boxes.append((mark.text, box))
    return rgb, boxes


# The tune conditions (benchmarks/bench_marks.py); none is a held-out scene or font.
CONDITIONS = (
    Condition(
        "corner 40% plain",
        (Mark("@volna_news24", (0.78, 0.05)), Mark("t.me/grey_zone", (0.03, 0.90), 0.45, font=1)),
    ),
    Condition(
        "corner 30% plain",
        (
            Mark("@rybar_mirror", (0.76, 0.90), 0.3, font=2),
            Mark("Сводки фронта", (0.03, 0.05), 0.35, font=0),
        ),
    ),
    Condition(
        "corner 50% shadow",
        (
            Mark("@dva_majors", (0.78, 0.06), 0.5, "shadow", font=3),
            Mark("t.me/south_front.ru", (0.03, 0.90), 0.5, "shadow", font=2),
        ),
    ),
    Condition(
        "corner 45% box",
        (
            Mark("@frontline_ru 23.05", (0.70, 0.05), 0.45, "box"),
            Mark("ВОЕННЫЙ ОСВЕДОМИТЕЛЬ", (0.03, 0.90), 0.5, "box", font=1),
        ),
    ),
    Condition(
        "upscaled 320x180",
        (
            Mark("@mash_batash", (0.62, 0.05), 0.5, size=0.07),
            Mark("t.me/operline_ua", (0.03, 0.86), 0.55, size=0.07, font=2),
        ),
        layout="upscaled",
    ),
    Condition(
        "9:16 repost",
        (
            Mark("@zvezdanews_42", (0.05, 0.36), 0.45, size=0.022),
            Mark("t.me/bbbreaking", (0.55, 0.62), 0.4, "shadow", size=0.022, font=1),
        ),
        layout="portrait",
    ),
)
TEXTLESS = (
    Condition("textless busy", (), seed=17),
    Condition("textless upscaled", (), layout="upscaled", seed=19),
    Condition("textless 9:16", (), layout="portrait", seed=23),
)
