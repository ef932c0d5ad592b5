"""Treatments over the picture itself for the second held-out stills set (issue 14;
``eval_stills.py --split moments``, ``moments_stills.py``): caption bars of other styles, meme
text, a watermark, a photo of a screen (keystone) and a colour filter.

Written by the helper heldstills on 2026-12-07, before any detector ran on these stills. Each
treatment is a plain function of a PIL picture and the source's place ``index`` in the split,
which picks its parameters (bar height, colours, angle, text), so no two sources' stills are
alike. Every treatment returns an RGB picture; the caption bars keep the picture's size.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageFont

FONTS = Path("/usr/share/fonts/truetype")
BOLD = "liberation/LiberationSans-Bold.ttf"
NARROW = "liberation/LiberationSansNarrow-Bold.ttf"  # close to Impact, with Cyrillic
REGULAR = "open-sans/OpenSans-Regular.ttf"
SEMIBOLD = "open-sans/OpenSans-Semibold.ttf"

HEADLINES = (
    ("BREAKING: convoy hit near the bridge", "Our sources confirm, 06:40 local time"),
    ("Удар по колонне у моста", "Кадры очевидцев, 3 декабря"),
    ("Знищення техніки біля переправи", "Відео з позицій бригади"),
    ("Exclusive footage from the front", "Shared by a soldier, unverified"),
)
MEMES = (("WHEN THE DRONE", "FINDS YOU FIRST"), ("ОНИ НЕ ЗНАЛИ", "ЧТО ИХ СНИМАЮТ"),
         ("НАШІ ПРАЦЮЮТЬ", "ВНОЧІ ТЕЖ"), ("DAY 600", "STILL HERE"))  # fmt: skip
CHANNELS = (("RT", "Rybar Today"), ("ZN", "Zvezda News 24"), ("УП", "Українська Правда"),
            ("DF", "Defence Feed"))  # fmt: skip
MARKS = ("@frontline_clips", "@war_monitor_ua", "@z_archive_tv", "CONFLICT.WATCH")
BARS = ((0, 0, 0), (130, 12, 16), (12, 38, 112), (36, 36, 40))


def font(name: str, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A font of the system's set at ``size`` pixels, Pillow's own where it is missing (the
    stills then differ in letter shape only)."""
    path = FONTS / name
    size = max(6, size)
    return ImageFont.truetype(str(path), size) if path.exists() else ImageFont.load_default(size)


def _layer(picture: Image.Image) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    layer = Image.new("RGBA", picture.size, (0, 0, 0, 0))
    return layer, ImageDraw.Draw(layer)


def _over(picture: Image.Image, layer: Image.Image) -> Image.Image:
    return Image.alpha_composite(picture.convert("RGBA"), layer).convert("RGB")


def plain(picture: Image.Image, index: int) -> Image.Image:
    return picture.convert("RGB")


def caption_top2(picture: Image.Image, index: int) -> Image.Image:
    """A two-line bar across the top (20-24 % of the height, 78-100 % opaque, black, red or
    blue): a headline, and under it a smaller line in pale yellow."""
    w, h = picture.size
    layer, draw = _layer(picture)
    height = round(h * (0.20, 0.22, 0.24)[index % 3])
    alpha = (255, 200, 230, 215)[index % 4]
    draw.rectangle((0, 0, w, height), fill=(*BARS[index % len(BARS)], alpha))
    first, second = HEADLINES[index % len(HEADLINES)]
    x = round(w * 0.03)
    draw.text((x, round(height * 0.30)), first, font=font(BOLD, round(height * 0.34)),
              fill=(255, 255, 255, 255), anchor="lm")  # fmt: skip
    draw.text((x, round(height * 0.74)), second, font=font(REGULAR, round(height * 0.26)),
              fill=(255, 236, 150, 255), anchor="lm")  # fmt: skip
    return _over(picture, layer)


def _fitting(draw: ImageDraw.ImageDraw, text: str, name: str, size: int, width: float):
    """The font of ``name`` at ``size`` or smaller, so that ``text`` fits in ``width``."""
    while size > 6:
        face = font(name, size)
        if draw.textlength(text, font=face) <= width:
            return face
        size = round(size * 0.9)
    return font(name, 6)


def meme(picture: Image.Image, index: int) -> Image.Image:
    """Meme text over the picture, no bar: a line at the top and one at the bottom, white with
    a black outline, narrow bold capitals 9-13 % of the height (smaller where a line is wide)."""
    out = picture.convert("RGB")
    draw = ImageDraw.Draw(out)
    w, h = out.size
    size = round(h * (0.11, 0.13, 0.09)[index % 3])
    for text, y, anchor in zip(MEMES[index % len(MEMES)], (0.04, 0.96), ("mt", "mb"), strict=True):
        face = _fitting(draw, text, NARROW, size, w * 0.94)
        stroke = max(1, round(face.size / 12)) if hasattr(face, "size") else 1
        draw.text((w / 2, round(h * y)), text, font=face, fill=(255, 255, 255), anchor=anchor,
                  stroke_width=stroke, stroke_fill=(0, 0, 0))  # fmt: skip
    return out


def caption_logo(picture: Image.Image, index: int) -> Image.Image:
    """A lower bar (15-19 % of the height, 0-6 % above the bottom) with the channel's logo box
    at its left, a square of a bright colour with two letters, and the channel's name beside."""
    w, h = picture.size
    layer, draw = _layer(picture)
    height = round(h * (0.15, 0.17, 0.19)[index % 3])
    bottom = h - round(h * (0.0, 0.03, 0.06, 0.02)[index % 4])
    top = bottom - height
    draw.rectangle((0, top, w, bottom), fill=(20, 20, 24, (235, 190, 255)[index % 3]))
    logo = (230, 30, 40) if index % 2 else (250, 200, 0)
    pad = max(1, round(height * 0.1))
    draw.rectangle((pad, top + pad, pad + height - 2 * pad, bottom - pad), fill=(*logo, 255))
    letters, name = CHANNELS[index % len(CHANNELS)]
    draw.text((pad + (height - 2 * pad) / 2, top + height / 2), letters,
              font=font(BOLD, round(height * 0.42)), fill=(255, 255, 255, 255),
              anchor="mm")  # fmt: skip
    draw.text((height + pad * 2, top + height / 2), name, font=font(SEMIBOLD, round(height * 0.4)),
              fill=(255, 255, 255, 255), anchor="lm")  # fmt: skip
    return _over(picture, layer)


def tall_share(index: int) -> float:
    """The tall bar's share of the height: 25, 30 or 35 %."""
    return (0.25, 0.30, 0.35)[index % 3]


def caption_tall(picture: Image.Image, index: int) -> Image.Image:
    """A nearly opaque bar over 25-35 % of the height (at the bottom on even places, the top on
    odd) holding three lines of text: a post's caption burned in."""
    w, h = picture.size
    layer, draw = _layer(picture)
    height = round(h * tall_share(index))
    top = h - height if index % 2 == 0 else 0
    draw.rectangle((0, top, w, top + height), fill=(*BARS[(index + 1) % len(BARS)], 240))
    first, second = HEADLINES[(index + 2) % len(HEADLINES)]
    lines = (first, second, MARKS[index % len(MARKS)])
    face = font(SEMIBOLD, round(height * 0.2))
    for n, text in enumerate(lines):
        draw.text((w / 2, top + height * (0.22 + 0.28 * n)), text, font=face,
                  fill=(255, 255, 255, 255), anchor="mm")  # fmt: skip
    return _over(picture, layer)


def crop_box(size: tuple[int, int], index: int) -> tuple[int, int, int, int]:
    """An off-centre crop to 72, 80 or 88 % of each side, towards a corner the place picks."""
    w, h = size
    share = (0.72, 0.8, 0.88)[index % 3]
    cw, ch = round(w * share), round(h * share)
    fx, fy = ((0.0, 0.0), (1.0, 1.0), (1.0, 0.0), (0.0, 1.0))[index % 4]
    left, top = round((w - cw) * fx), round((h - ch) * fy)
    return left, top, left + cw, top + ch


def crop_caption(picture: Image.Image, index: int) -> Image.Image:
    """An off-centre crop, then a news ticker: a white band (12 % of the height, at 82 %) with
    dark text."""
    out = picture.crop(crop_box(picture.size, index))
    w, h = out.size
    layer, draw = _layer(out)
    top, height = round(h * 0.82), max(2, round(h * 0.12))
    draw.rectangle((0, top, w, top + height), fill=(245, 245, 245, 235))
    draw.text((round(w * 0.03), top + height / 2), HEADLINES[(index + 1) % 4][0],
              font=font(BOLD, round(height * 0.5)), fill=(20, 20, 20, 255),
              anchor="lm")  # fmt: skip
    return _over(out, layer)


def watermark_degrees(index: int) -> float:
    """The watermark's slant: 18-33 degrees, rising on even places, falling on odd."""
    return (18.0 + 5 * (index % 4)) * (1 if index % 2 == 0 else -1)


def watermark(picture: Image.Image, index: int) -> Image.Image:
    """A channel's name across the middle, slanted, white at 30-45 % opacity with a faint
    dark edge, as big as 80 % of the width."""
    w, h = picture.size
    text = MARKS[(index + 1) % len(MARKS)]
    probe = ImageDraw.Draw(Image.new("L", (1, 1)))
    face = _fitting(probe, text, BOLD, round(h * 0.25), w * 0.8)
    box = probe.textbbox((0, 0), text, font=face)
    stamp = Image.new("RGBA", (box[2] + 4, box[3] + 4), (0, 0, 0, 0))
    alpha = (77, 100, 115, 90)[index % 4]
    ImageDraw.Draw(stamp).text((2, 2), text, font=face, fill=(255, 255, 255, alpha),
                               stroke_width=1, stroke_fill=(0, 0, 0, alpha // 3))  # fmt: skip
    stamp = stamp.rotate(watermark_degrees(index), Image.Resampling.BICUBIC, expand=True)
    layer = Image.new("RGBA", picture.size, (0, 0, 0, 0))
    layer.alpha_composite(stamp, (max(0, (w - stamp.width) // 2), max(0, (h - stamp.height) // 2)))
    return _over(picture, layer)


def keystone_degrees(index: int) -> float:
    """How far the screen is turned from the camera: 3 to 6 degrees, one way or the other."""
    return (3.0, 4.5, 6.0, 3.5, 5.0)[index % 5] * (1 if index % 2 else -1)


def screen_corners(size: tuple[int, int], degrees: float) -> list[tuple[float, float]]:
    """Where a screen of ``size`` turned ``degrees`` about its upright axis (and tilted a
    third of that forward) lands in a photo of the same size taken from its front at a focal
    length of its width, shrunk to fill 92 % of the photo: top left, top right, bottom right,
    bottom left."""
    w, h = size
    yaw, pitch = np.radians(degrees), np.radians(degrees / 3)
    points = []
    for x, y in ((-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)):
        depth = w + x * np.sin(yaw) + y * np.sin(pitch)
        points.append((w * x * np.cos(yaw) / depth, w * y * np.cos(pitch) / depth))
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    scale = 0.92 * min(w / (max(xs) - min(xs)), h / (max(ys) - min(ys)))
    return [(w / 2 + px * scale, h / 2 + py * scale) for px, py in points]


def perspective_coefficients(src, dst) -> tuple[float, ...]:
    """PIL's eight coefficients that map each point of ``dst`` (the output) to ``src``."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    return tuple(float(c) for c in np.linalg.solve(np.array(rows), np.array(rhs)))


def keystone(picture: Image.Image, index: int) -> Image.Image:
    """A photo of a screen showing the picture: turned 3-6 degrees (keystone), a dark room
    around it, softened by a blur of 0.6-1.2 pixels instead of moire."""
    w, h = picture.size
    src = [(0, 0), (w, 0), (w, h), (0, h)]
    dst = screen_corners(picture.size, keystone_degrees(index))
    room = (18 + 6 * (index % 3), 18, 22)
    out = picture.convert("RGB").transform(
        picture.size, Image.Transform.PERSPECTIVE, perspective_coefficients(src, dst),
        Image.Resampling.BICUBIC, fillcolor=room)  # fmt: skip
    return out.filter(ImageFilter.GaussianBlur((0.6, 0.9, 1.2)[index % 3]))


FILTERS = ((1.2, 1.3, 1.4, (1.06, 1.0, 0.9)), (0.8, 0.75, 0.6, (0.95, 1.0, 1.08)),
           (1.1, 1.15, 1.0, (1.0, 1.0, 1.0)), (0.9, 1.35, 1.25, (1.08, 0.98, 0.92)))  # fmt: skip


def colour_filter(picture: Image.Image, index: int) -> Image.Image:
    """A phone's photo filter: brightness, contrast and saturation changed (0.6-1.4 x) and the
    colour warmed or cooled, as ``FILTERS`` gives for the place."""
    bright, contrast, saturation, tint = FILTERS[index % len(FILTERS)]
    out = ImageEnhance.Brightness(picture.convert("RGB")).enhance(bright)
    out = ImageEnhance.Contrast(out).enhance(contrast)
    out = ImageEnhance.Color(out).enhance(saturation)
    warmed = np.asarray(out, dtype=np.float32) * np.array(tint, dtype=np.float32)
    return Image.fromarray(np.clip(warmed, 0, 255).astype(np.uint8), "RGB")
