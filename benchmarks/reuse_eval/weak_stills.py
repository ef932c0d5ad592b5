"""The kinds of still that most often got the place and no moment (``eval_stills.py --weak``):
a still under a caption bar, with text over its picture, or inside a screenshot, made from the
tune and retired-heldout files only (``eval_stills.SOURCES``; never the fresh split's files).

Each source's frames at 1/6, 1/2 and 5/6 of its clip get every treatment below; its "another
moment" frame (the same camera, outside the clip; the film has none) and the next source's
middle frame get each treatment too (negatives: a bar, a status bar or a screen's frame around
the picture must not make a moment). Decoded once, lossless, at the clip's scale and treated in
Python (Pillow), so the other sets' ffmpeg-made stills are untouched.

- ``bar_low``: a black bar at 70 % opacity over the bottom 12 % with a line of text;
- ``bar_top``: an opaque bar over the top 9 % (a channel's name);
- ``bar_big``: an opaque lower third, 22 % high, two lines of text;
- ``text_over``: white outlined text straight on the picture (a handle top left, a subtitle);
- ``phone``: a portrait (9:16) dark-theme screenshot, the picture the screen's width, with a
  status bar, a channel's header, the post's text above and reactions below (PNG);
- ``phone_light``: a light-theme portrait screenshot, the picture at 86 % of the screen's
  width, text above and below (JPEG);
- ``desktop``: a 16:9 desktop screenshot, the picture at half the screen's width beside text.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

SHARES = (1 / 6, 1 / 2, 5 / 6)
VARIANTS = ("bar_low", "bar_top", "bar_big", "text_over", "phone", "phone_light", "desktop")
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
LINES = (
    "Strike on the column near the bridge, footage from today",
    "Удар по колонне у моста, кадры сегодняшние",
    "Знищення техніки біля мосту, відео з місця подій",
)


@dataclass(frozen=True)
class WeakStill:
    name: str
    media: Path
    at: float  # seconds of the file
    variant: str
    kind: str
    truth: float | None  # seconds of the clip
    index: int  # picks the text line and the layout's small differences


def plan(source: Any, media: Path, following: Any, shares: tuple[float, ...] = SHARES,
         variants: tuple[str, ...] = VARIANTS, tag: str = "w") -> list[WeakStill]:  # fmt: skip
    """Every still of one source (an ``eval_stills.StillSource``): its frames at ``shares``
    of its clip, its other moment and the next source's middle frame, under each of
    ``variants`` (``tag`` marks the set in the file names)."""
    start, end = source.main
    out = []
    for k, share in enumerate(shares):
        at = round((end - start) * share, 2)
        for variant in variants:
            out.append(WeakStill(f"{source.name}-{tag}{at:g}-{variant}", media / source.file,
                                 start + at, variant, "positive", at, k))  # fmt: skip
    for variant in variants:
        if source.other > 0:
            out.append(WeakStill(f"{source.name}-{tag}other-{variant}", media / source.file,
                                 source.other, variant, "same-camera", None, 1))  # fmt: skip
        out.append(WeakStill(f"{source.name}-{tag}next-{variant}", media / following.file,
                             sum(following.main) / 2, variant, "unrelated", None, 2))  # fmt: skip
    return out


def treated(frame: Image.Image, variant: str, index: int) -> tuple[bytes, str]:
    """The still's bytes and file suffix."""
    line = LINES[index % len(LINES)]
    if variant.startswith("bar_") or variant == "text_over":
        return jpeg(_captioned(frame, variant, line)), ".jpg"
    if variant == "phone":
        return png(_phone(frame, line, dark=True, width_share=1.0)), ".png"
    if variant == "phone_light":
        return jpeg(_phone(frame, line, dark=False, width_share=0.86)), ".jpg"
    return jpeg(_desktop(frame, line)), ".jpg"


def _captioned(frame: Image.Image, variant: str, line: str) -> Image.Image:
    image = frame.copy()
    width, height = image.size
    draw = ImageDraw.Draw(image, "RGBA")
    size = max(10, height // 22)
    font = ImageFont.truetype(FONT, size)
    if variant == "bar_low":
        top = round(height * 0.84)
        draw.rectangle((0, top, width, top + round(height * 0.12)), fill=(0, 0, 0, 178))
        draw.text((width * 0.03, top + height * 0.03), line, font=font, fill="white")
    elif variant == "bar_top":
        draw.rectangle((0, 0, width, round(height * 0.09)), fill=(170, 10, 10, 255))
        draw.text((width * 0.03, height * 0.02), "BREAKING  •  FRONTLINE 24", font=font,
                  fill="white")  # fmt: skip
    elif variant == "bar_big":
        top = round(height * 0.78)
        draw.rectangle((0, top, width, height), fill=(12, 24, 60, 255))
        draw.text((width * 0.03, top + height * 0.03), line, font=font, fill="white")
        draw.text((width * 0.03, top + height * 0.11), "@frontline_news", font=font,
                  fill=(250, 200, 0))  # fmt: skip
    else:
        big = ImageFont.truetype(FONT, max(12, height // 14))
        outline = {"stroke_width": 2, "stroke_fill": "black", "fill": "white"}
        draw.text((width * 0.03, height * 0.03), "@frontline_news", font=font, **outline)
        draw.text((width * 0.05, height * 0.68), line[:28], font=big, **outline)
    return image


def _phone(frame: Image.Image, line: str, dark: bool, width_share: float) -> Image.Image:
    screen_w = 1080
    screen_h = screen_w * 16 // 9
    ground, ink = ((0, 0, 0), "white") if dark else ((255, 255, 255), "black")
    screen = Image.new("RGB", (screen_w, screen_h), ground)
    draw = ImageDraw.Draw(screen)
    small = ImageFont.truetype(FONT, 36)
    draw.rectangle((0, 0, screen_w, 70), fill=(30, 30, 30) if dark else (235, 235, 235))
    draw.text((40, 14), "12:41", font=small, fill=ink)
    draw.rectangle((screen_w - 110, 22, screen_w - 50, 48), outline=ink, width=3)
    draw.rectangle((0, 70, screen_w, 200), fill=(25, 35, 45) if dark else (80, 140, 200))
    draw.text((140, 110), "Frontline 24", font=ImageFont.truetype(FONT, 44), fill="white")
    draw.text((60, 260), line[:40], font=small, fill=ink)
    draw.text((60, 310), line[40:], font=small, fill=ink)
    picture_w = round(screen_w * width_share)
    picture_h = round(frame.height * picture_w / frame.width)
    top = 380
    screen.paste(frame.resize((picture_w, picture_h), Image.Resampling.LANCZOS),
                 ((screen_w - picture_w) // 2, top))  # fmt: skip
    below = top + picture_h + 30
    draw.text((60, below), "👍 1.2K   🔥 310   👁 48.5K   12:37", font=small, fill=ink)
    draw.text((60, below + 60), "Comments 214", font=small, fill=(90, 140, 220))
    return screen


def _desktop(frame: Image.Image, line: str) -> Image.Image:
    screen = Image.new("RGB", (1280, 720), (242, 242, 242))
    draw = ImageDraw.Draw(screen)
    draw.rectangle((0, 0, 1280, 60), fill=(222, 225, 230))
    draw.rectangle((160, 14, 1100, 46), fill="white")
    font = ImageFont.truetype(FONT, 20)
    draw.text((176, 18), "https://t.me/frontline_news/48213", font=font, fill=(60, 60, 60))
    picture_w = 640
    picture_h = round(frame.height * picture_w / frame.width)
    screen.paste(frame.resize((picture_w, picture_h), Image.Resampling.LANCZOS), (80, 110))
    for row, text in enumerate((line[:30], line[30:], "", "12:37  •  48.5K views")):
        draw.text((760, 130 + 34 * row), text, font=font, fill=(20, 20, 20))
    return screen


def jpeg(image: Image.Image, quality: int = 90) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return out.getvalue()


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
