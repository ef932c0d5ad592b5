"""Where each text lands at a time (its truth: text and box), the frame drawn over the footage,
and the clip encoded as a channel's re-encode would leave it (H.264, libx264 veryfast)."""

from __future__ import annotations

import io
import subprocess
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from .scenes import FONTS, Scene, Text

FPS = 25
FIT = 0.94  # a line wider than this share of the picture is set smaller
BAND_ALPHA = 0.7
LOW_QUALITY = 50  # the JPEG quality a small original's frame is kept at before its upscale


@dataclass(frozen=True)
class Truth:
    kind: str
    text: str
    box: tuple[int, int, int, int]  # x, y, w, h in the picture
    lang: str


def missing_packages(fonts: Mapping[str, Path], packages: Mapping[str, str]) -> list[str]:
    """The Debian packages (``packages``: a part of a font's name -> its package) of the
    ``fonts`` (name -> file) that are not installed."""
    gone = {package for name, path in fonts.items() if not path.is_file()
            for key, package in packages.items() if key in name}  # fmt: skip
    return sorted(gone)


@cache
def font(name: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS[name]), px)


_MEASURE = ImageDraw.Draw(Image.new("RGB", (1, 1)))


def fitted(text: Text, line: str, size: tuple[int, int]) -> ImageFont.FreeTypeFont:
    """The text's font at its size, or smaller until the line fits the picture's width (a
    ticker's line is as long as it is)."""
    px = max(8, round(size[1] * text.size))
    while (
        text.scroll == 0
        and px > 8
        and _MEASURE.textlength(line, font(text.font, px)) > (FIT * size[0])
    ):
        px -= 1
    return font(text.font, px)


def stroke(text: Text, px: int) -> int:
    return max(2, px // 14) if text.style == "outline" else 1 if text.style == "hud" else 0


def origin(text: Text, size: tuple[int, int], t: float) -> tuple[float, float]:
    """The anchor point: a ticker's starts at the right edge and moves left; a drifting
    mark's moves at its ``drift``."""
    x, y = text.at[0] * size[0], text.at[1] * size[1]
    if text.drift != (0.0, 0.0):
        x, y = x + text.drift[0] * size[0] * t, y + text.drift[1] * size[1] * t
    return x - text.scroll * size[0] * t, y


def layout(text: Text, t: float, size: tuple[int, int]) -> Truth | None:
    """The text's truth at ``t``: the line and its box (a ticker: the words wholly in view,
    right of its clear edge), or None when it is not shown."""
    if not text.shown(t):
        return None
    line = text.text_at(t)
    face = fitted(text, line, size)
    x, y = origin(text, size, t)
    if text.scroll:
        return ticker_truth(text, line, face, (x, y), size)
    box = _MEASURE.textbbox((x, y), line, face, anchor=text.anchor,
                            stroke_width=stroke(text, face.size))  # fmt: skip
    return Truth(text.kind, line, _xywh(box), text.lang)


def ticker_truth(text: Text, line: str, face: ImageFont.FreeTypeFont, at: tuple[float, float],
                 size: tuple[int, int]) -> Truth | None:  # fmt: skip
    """The ticker's words wholly between its clear edge and the picture's right edge."""
    words, boxes, offset = [], [], 0
    for word in line.split(" "):
        left = at[0] + _MEASURE.textlength(line[:offset], face)
        offset += len(word) + 1
        if not any(c.isalnum() for c in word):
            continue
        box = _MEASURE.textbbox((left, at[1]), word, face, anchor=text.anchor)
        if box[0] >= text.clear_from * size[0] and box[2] <= size[0]:
            words.append(word)
            boxes.append(box)
    if not words:
        return None
    whole = (boxes[0][0], min(b[1] for b in boxes), boxes[-1][2], max(b[3] for b in boxes))
    return Truth(text.kind, " ".join(words), _xywh(whole), text.lang)


def _xywh(box: tuple[float, float, float, float]) -> tuple[int, int, int, int]:
    x0, y0, x1, y1 = (round(v) for v in box)
    return x0, y0, max(1, x1 - x0), max(1, y1 - y0)


def truths(scene: Scene, t: float) -> list[Truth]:
    """Every text legible at ``t`` in ``scene`` (a ticker's words in view)."""
    out = (placed(scene, text, t) for text in scene.texts)
    return [truth for truth in out if truth is not None]


def placed(scene: Scene, text: Text, t: float) -> Truth | None:
    """The text's truth in the scene's picture: one burned into the small original is laid
    out there and its box scaled with the upscale."""
    if not (text.low and scene.low):
        return layout(text, t, scene.size)
    truth = layout(text, t, scene.low)
    if truth is None:
        return None
    fx, fy = scene.size[0] / scene.low[0], scene.size[1] / scene.low[1]
    x, y, w, h = truth.box
    box = (round(x * fx), round(y * fy), max(1, round(w * fx)), max(1, round(h * fy)))
    return replace(truth, box=box)


# ---------------------------------------------------------------------------------- drawing


def draw_text(frame: Image.Image, text: Text, t: float) -> Image.Image:
    """``frame`` (RGBA) with ``text`` drawn as it is at ``t``."""
    if not text.shown(t):
        return frame
    line = text.text_at(t)
    face = fitted(text, line, frame.size)
    x, y = origin(text, frame.size, t)
    layer = Image.new("RGBA", frame.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    alpha = round(255 * text.opacity)
    width = stroke(text, face.size)
    band = (12, 12, 12, round(255 * BAND_ALPHA))
    if text.style == "band":
        draw.rectangle((0, y - face.size * 0.75, frame.size[0], y + face.size * 0.75), band)
    if text.style == "box":
        x0, y0, x1, y1 = draw.textbbox((x, y), line, face, anchor=text.anchor)
        pad = face.size * 0.3
        draw.rectangle((x0 - pad, y0 - pad, x1 + pad, y1 + pad),
                       fill=(12, 12, 12, round(alpha * text.box_alpha)))  # fmt: skip
    if text.style == "logo":
        logo(draw, text, line, face, (x, y), alpha)
    if text.style == "shadow":
        step = max(2, face.size // 18)
        draw.text((x + step, y + step), line, font=face, fill=(0, 0, 0, alpha), anchor=text.anchor)
    draw.text((x, y), line, font=face, fill=(*text.colour, alpha), anchor=text.anchor,
              stroke_width=width, stroke_fill=(0, 0, 0, alpha))  # fmt: skip
    if text.style == "band":  # a ticker runs out of sight at its clear edge (under its label)
        clear = text.clear_from * frame.size[0]
        draw.rectangle((0, y - face.size * 0.75, clear, y + face.size * 0.75), band)
    return Image.alpha_composite(frame, layer)


def logo(draw: ImageDraw.ImageDraw, text: Text, line: str, face: ImageFont.FreeTypeFont,
         at: tuple[float, float], alpha: int) -> None:  # fmt: skip
    """A logo's rounded box of ``text.fill`` around the line, with a diamond emblem (no
    letter's shape) on its left, in the text's colour."""
    x0, y0, x1, y1 = draw.textbbox(at, line, face, anchor=text.anchor)
    pad, side = face.size * 0.35, y1 - y0
    draw.rounded_rectangle((x0 - 2 * pad - side, y0 - pad, x1 + pad, y1 + pad), radius=pad,
                           fill=(*text.fill, round(alpha * text.box_alpha)))  # fmt: skip
    cx, cy, r = x0 - pad - side / 2, (y0 + y1) / 2, side / 2
    draw.polygon([(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)],
                 fill=(*text.colour, alpha))  # fmt: skip


def draw_frame(scene: Scene, rgb: np.ndarray, t: float) -> np.ndarray:
    """The footage's frame ``rgb`` with the scene's texts as they are at ``t`` (for a scene
    with a small original, ``rgb`` is that small: its texts are burned in, then it is
    upscaled and the others drawn over)."""
    frame = Image.fromarray(rgb).convert("RGBA")
    if scene.low:
        frame = burned(scene, frame, t)
    for text in scene.texts:
        if not (text.low and scene.low):
            frame = draw_text(frame, text, t)
    return np.asarray(frame.convert("RGB"))


def burned(scene: Scene, small: Image.Image, t: float) -> Image.Image:
    """The small original with its own marks, kept as a JPEG, upscaled to the picture (as a
    repost of a 320x180 clip leaves the first channel's mark: soft and blocky)."""
    for text in scene.texts:
        if text.low:
            small = draw_text(small, text, t)
    kept = io.BytesIO()
    small.convert("RGB").save(kept, "JPEG", quality=LOW_QUALITY)
    upscaled = Image.open(kept).resize(scene.size, Image.Resampling.BICUBIC)
    return upscaled.convert("RGBA")


def footage_filter(scene: Scene) -> str:
    """The filter graph that makes the footage the scene's picture: cropped to fill it, or
    for a vertical repost across its middle over a blurred copy of itself; a scene with a
    small original is made that small."""
    w, h = scene.low or scene.size
    if scene.vertical:
        return (f"fps={FPS},split[a][b];[a]scale={w}:{h}:force_original_aspect_ratio=increase,"
                f"crop={w}:{h},boxblur=20:2[bg];[b]scale={w}:-2[fg];"
                f"[bg][fg]overlay=(W-w)/2:(H-h)/2,setsar=1,format=rgb24")  # fmt: skip
    return (f"fps={FPS},scale={w}:{h}:force_original_aspect_ratio=increase,crop={w}:{h},"
            f"setsar=1,format=rgb24")  # fmt: skip


def footage_frames(ffmpeg: str, media: Path, scene: Scene) -> Iterator[np.ndarray]:
    """The scene's frames of footage (RGB), as many as its seconds hold at ``FPS`` (the last
    repeated if the file ends first)."""
    w, h = scene.low or scene.size
    args = [ffmpeg, "-v", "error", "-ss", f"{scene.start}", "-t", f"{scene.seconds + 1}",
            "-i", str(media), "-an", "-filter_complex", footage_filter(scene), "-f", "rawvideo",
            "-pix_fmt", "rgb24", "pipe:1"]  # fmt: skip
    raw = subprocess.run(args, capture_output=True, check=True).stdout
    frames = np.frombuffer(raw, np.uint8).reshape(-1, h, w, 3)
    if not len(frames):
        raise RuntimeError(f"no footage from {media.name} at {scene.start} s")
    for index in range(round(scene.seconds * FPS)):
        yield frames[min(index, len(frames) - 1)]


def write_clip(ffmpeg: str, media: Path, scene: Scene, path: Path,
               stills: dict[float, Path] | None = None) -> Path:  # fmt: skip
    """Encode the scene (H.264, libx264 veryfast, CRF 23, 25 fps) to ``path``; the frames at
    the times in ``stills`` also written as PNG (to look at)."""
    w, h = scene.size
    args = [ffmpeg, "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s",
            f"{w}x{h}", "-r", str(FPS), "-i", "pipe:0", "-c:v", "libx264", "-preset",
            "veryfast", "-crf", "23", "-pix_fmt", "yuv420p", str(path)]  # fmt: skip
    proc = subprocess.Popen(args, stdin=subprocess.PIPE)
    assert proc.stdin is not None
    wanted = {round(t * FPS): out for t, out in (stills or {}).items()}
    for index, rgb in enumerate(footage_frames(ffmpeg, media, scene)):
        frame = draw_frame(scene, rgb, index / FPS)
        if index in wanted:
            Image.fromarray(frame).save(wanted[index])
        proc.stdin.write(frame.tobytes())
    proc.stdin.close()
    if proc.wait() != 0:
        raise RuntimeError(f"ffmpeg failed writing {path}")
    return path
