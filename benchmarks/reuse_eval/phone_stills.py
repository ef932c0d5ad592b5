"""Phone screenshots of a frame, and screenshots of those (``eval_stills.py --phones``): the two
kinds of still the held-out moments set located none of (issue 14), drawn here from the tune
and retired-heldout files only (``eval_stills.SOURCES``; never a held-out file or recipe).

Each source's frames at 1/3 and 2/3 of its clip get every treatment below; its "another
moment" frame (the same camera outside the clip; the film has none) and the next source's
middle frame get each treatment too (negatives: a phone's UI around a picture must not make a
moment). The picture covers 10-40 % of the screen (``AREAS``, by the still's index).

- ``android_dark`` / ``android_light``: an Android app's post, portrait 1080 x 2400: a status
  bar (clock, signal, wifi, battery), an app bar (back arrow, avatar, channel, subscribers),
  the post's text above the picture, views and time under it, reaction chips and buttons, a
  navigation bar (back, home, recents) at the bottom (PNG);
- ``messenger``: a chat on a patterned wallpaper, the picture in a bubble with its caption and
  time, an input bar over the navigation bar (JPEG 90);
- ``player``: a video player's page, dark, 1080 x 1920: the picture under the status bar with
  a progress bar and controls over its bottom, the title, channel and buttons, and two
  recommended videos' flat thumbnails below (JPEG 90);
- ``rescreen``: an ``android_light`` screenshot saved as a JPEG (85), shown in a gallery app
  (black, a toolbar above and below) at 60 %, and that screen captured again (JPEG 75);
- ``rescreen_small``: an ``android_dark`` screenshot downscaled to 45 % and saved as a JPEG
  twice (80, then 70), as a forwarded screenshot is.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from reuse_eval import weak_stills

SHARES = (1 / 3, 2 / 3)
VARIANTS = ("android_dark", "android_light", "messenger", "player", "rescreen", "rescreen_small")
AREAS = (0.12, 0.22, 0.35)  # the picture's share of the screen's area, by the still's index
BOLD = weak_stills.FONT
REGULAR = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DARK = {"ground": (18, 18, 18), "bar": (18, 18, 18), "ink": (235, 235, 235),
        "faint": (150, 150, 150), "chip": (48, 48, 52), "accent": (110, 170, 255)}  # fmt: skip
LIGHT = {"ground": (255, 255, 255), "bar": (246, 246, 246), "ink": (20, 20, 20),
         "faint": (110, 110, 110), "chip": (236, 238, 242), "accent": (30, 110, 220)}  # fmt: skip


def plan(source: Any, media: Path, following: Any) -> list[weak_stills.WeakStill]:
    """Every still of one source (an ``eval_stills.StillSource``)."""
    return weak_stills.plan(source, media, following, SHARES, VARIANTS, tag="p")


def treated(frame: Image.Image, variant: str, index: int) -> tuple[bytes, str]:
    """The still's bytes and file suffix."""
    line = weak_stills.LINES[index % len(weak_stills.LINES)]
    area = AREAS[index % len(AREAS)]
    if variant in ("android_dark", "android_light"):
        theme = DARK if variant == "android_dark" else LIGHT
        return weak_stills.png(android(frame, line, area, theme)), ".png"
    if variant == "messenger":
        return weak_stills.jpeg(_messenger(frame, line, area), 90), ".jpg"
    if variant == "player":
        return weak_stills.jpeg(_player(frame, line, area), 90), ".jpg"
    if variant == "rescreen":
        first = Image.open(io.BytesIO(weak_stills.jpeg(android(frame, line, area, LIGHT), 85)))
        return weak_stills.jpeg(_gallery(first.convert("RGB")), 75), ".jpg"
    small = android(frame, line, area, DARK)
    small = small.resize((round(small.width * 0.45), round(small.height * 0.45)),
                         Image.Resampling.BILINEAR)  # fmt: skip
    once = Image.open(io.BytesIO(weak_stills.jpeg(small, 80))).convert("RGB")
    return weak_stills.jpeg(once, 70), ".jpg"


def android(frame: Image.Image, line: str, area: float, theme: dict,
            size: tuple[int, int] = (1080, 2400)) -> Image.Image:  # fmt: skip
    """An Android app's post with ``frame`` covering ``area`` of the screen."""
    width = size[0]
    screen = Image.new("RGB", size, theme["ground"])
    draw = ImageDraw.Draw(screen)
    _status_bar(draw, width, theme)
    _app_bar(draw, width, theme, "Frontline 24", "148K subscribers")
    text = ImageFont.truetype(REGULAR, 38)
    draw.text((48, 300), line[:42], font=text, fill=theme["ink"])
    draw.text((48, 352), line[42:] + " #frontline", font=text, fill=theme["ink"])
    picture = _fitted(frame, area, size)
    left, top = (width - picture.width) // 2, 440
    screen.paste(picture, (left, top))
    below = top + picture.height + 24
    small = ImageFont.truetype(REGULAR, 32)
    draw.text((48, below), "48.5K views  •  12:37", font=small, fill=theme["faint"])
    for k, label in enumerate(("♥ 1.2K", "▲ 310", "✓ 96")):
        x = 48 + k * 220
        draw.rounded_rectangle((x, below + 70, x + 190, below + 140), 34, fill=theme["chip"])
        draw.text((x + 34, below + 86), label, font=small, fill=theme["ink"])
    _buttons(draw, below + 190, width, theme, ("Comment", "Share", "Save"))
    _nav_bar(draw, size, theme)
    return screen


def _fitted(frame: Image.Image, area: float, screen: tuple[int, int]) -> Image.Image:
    """``frame`` resized to cover ``area`` of ``screen``, at most the screen's width."""
    width, height = screen
    target = (area * width * height * frame.width / frame.height) ** 0.5
    picture_w = min(width, round(target))
    picture_h = round(frame.height * picture_w / frame.width)
    return frame.resize((picture_w, picture_h), Image.Resampling.LANCZOS)


def _status_bar(draw: ImageDraw.ImageDraw, width: int, theme: dict) -> None:
    ink = theme["ink"]
    draw.rectangle((0, 0, width, 90), fill=theme["bar"])
    draw.text((48, 22), "12:41", font=ImageFont.truetype(BOLD, 38), fill=ink)
    for k in range(4):  # signal bars
        x = width - 300 + k * 16
        draw.rectangle((x, 62 - 10 * k, x + 10, 66), fill=ink)
    draw.pieslice((width - 220, 26, width - 170, 76), 225, 315, fill=ink)  # wifi
    draw.rounded_rectangle((width - 140, 32, width - 60, 66), 6, outline=ink, width=4)
    draw.rectangle((width - 134, 38, width - 84, 60), fill=ink)  # battery


def _app_bar(draw: ImageDraw.ImageDraw, width: int, theme: dict, name: str, sub: str) -> None:
    ink = theme["ink"]
    draw.rectangle((0, 90, width, 250), fill=theme["bar"])
    draw.line((48, 170, 96, 170), fill=ink, width=6)  # back arrow
    draw.line((48, 170, 72, 146), fill=ink, width=6)
    draw.line((48, 170, 72, 194), fill=ink, width=6)
    draw.ellipse((130, 120, 230, 220), fill=(200, 60, 40))
    draw.text((158, 142), "F", font=ImageFont.truetype(BOLD, 52), fill="white")
    draw.text((260, 122), name, font=ImageFont.truetype(BOLD, 42), fill=ink)
    draw.text((260, 176), sub, font=ImageFont.truetype(REGULAR, 30), fill=theme["faint"])
    for k in range(3):  # the menu's dots
        draw.ellipse((width - 70, 140 + 22 * k, width - 58, 152 + 22 * k), fill=ink)


def _buttons(draw: ImageDraw.ImageDraw, top: int, width: int, theme: dict,
             labels: tuple[str, ...]) -> None:  # fmt: skip
    font = ImageFont.truetype(BOLD, 34)
    step = (width - 96) // len(labels)
    for k, label in enumerate(labels):
        x = 48 + k * step
        draw.rounded_rectangle((x, top, x + step - 30, top + 90), 20, outline=theme["accent"],
                               width=4)  # fmt: skip
        draw.text((x + 40, top + 24), label, font=font, fill=theme["accent"])


def _nav_bar(draw: ImageDraw.ImageDraw, size: tuple[int, int], theme: dict) -> None:
    width, height = size
    ink = theme["ink"]
    draw.rectangle((0, height - 130, width, height), fill=theme["bar"])
    middle = height - 65
    draw.polygon([(220, middle), (260, middle - 26), (260, middle + 26)], outline=ink, width=5)
    draw.ellipse((width // 2 - 28, middle - 28, width // 2 + 28, middle + 28), outline=ink,
                 width=5)  # fmt: skip
    draw.rectangle((width - 270, middle - 24, width - 222, middle + 24), outline=ink, width=5)


def _messenger(frame: Image.Image, line: str, area: float) -> Image.Image:
    """A chat: a patterned wallpaper, the picture in a bubble with a caption and the time."""
    size = width, height = 1080, 2340
    screen = Image.new("RGB", size, (196, 214, 178))
    draw = ImageDraw.Draw(screen)
    for y in range(0, height, 90):  # the wallpaper's faint doodles
        for x in range((y // 90) % 2 * 45, width, 90):
            draw.ellipse((x, y, x + 22, y + 22), outline=(180, 200, 164), width=3)
    theme = dict(LIGHT, bar=(84, 130, 180), ink=(255, 255, 255), faint=(225, 235, 245))
    _status_bar(draw, width, theme)
    _app_bar(draw, width, theme, "Frontline chat", "last seen recently")
    draw.rounded_rectangle((48, 300, 760, 400), 28, fill="white")
    draw.text((76, 330), "look what they posted", font=ImageFont.truetype(REGULAR, 34),
              fill="black")  # fmt: skip
    picture = _fitted(frame, area, (width - 200, height))
    left, top = width - 60 - picture.width - 20, 460
    bubble = (left - 20, top - 20, width - 60, top + picture.height + 150)
    draw.rounded_rectangle(bubble, 36, fill=(225, 250, 200))
    screen.paste(picture, (left, top))
    draw.text((left, top + picture.height + 20), line[:34], font=ImageFont.truetype(REGULAR, 34),
              fill="black")  # fmt: skip
    draw.text((width - 230, top + picture.height + 90), "12:38 ✓✓",
              font=ImageFont.truetype(REGULAR, 28), fill=(80, 150, 80))  # fmt: skip
    draw.rectangle((0, height - 260, width, height - 130), fill="white")
    draw.text((120, height - 220), "Message", font=ImageFont.truetype(REGULAR, 40),
              fill=(150, 150, 150))  # fmt: skip
    _nav_bar(draw, size, dict(LIGHT, bar=(246, 246, 246), ink=(60, 60, 60)))
    return screen


def _player(frame: Image.Image, line: str, area: float) -> Image.Image:
    """A video player's page: the picture with its controls, the title, the recommendations."""
    size = width, _ = 1080, 1920
    screen = Image.new("RGB", size, DARK["ground"])
    draw = ImageDraw.Draw(screen)
    _status_bar(draw, width, DARK)
    picture = _fitted(frame, area, size)
    left, top = (width - picture.width) // 2, 110
    screen.paste(picture, (left, top))
    bottom = top + picture.height
    over = ImageDraw.Draw(screen, "RGBA")
    over.rectangle((left, bottom - 70, left + picture.width, bottom), fill=(0, 0, 0, 110))
    over.line((left + 30, bottom - 24, left + picture.width - 30, bottom - 24),
              fill=(200, 200, 200, 255), width=6)  # fmt: skip
    played = left + 30 + round((picture.width - 60) * 0.4)
    over.line((left + 30, bottom - 24, played, bottom - 24), fill=(230, 30, 30, 255), width=6)
    over.ellipse((played - 14, bottom - 38, played + 14, bottom - 10), fill=(230, 30, 30, 255))
    over.text((left + 30, bottom - 66), "0:41 / 1:52", font=ImageFont.truetype(REGULAR, 28),
              fill=(255, 255, 255, 255))  # fmt: skip
    draw.text((48, bottom + 40), line[:40], font=ImageFont.truetype(BOLD, 40), fill=DARK["ink"])
    draw.text((48, bottom + 100), "Frontline 24  •  48K views  •  2 h ago",
              font=ImageFont.truetype(REGULAR, 32), fill=DARK["faint"])  # fmt: skip
    _buttons(draw, bottom + 170, width, DARK, ("Like", "Share", "Download"))
    for k in range(2):  # recommended videos: flat thumbnails and their titles
        y = bottom + 320 + k * 260
        draw.rectangle((48, y, 448, y + 225), fill=((70, 90, 60), (90, 70, 60))[k])
        draw.text((480, y + 20), ("Column destroyed", "Night strike, drone")[k],
                  font=ImageFont.truetype(BOLD, 34), fill=DARK["ink"])  # fmt: skip
    _nav_bar(draw, size, DARK)
    return screen


def _gallery(shot: Image.Image) -> Image.Image:
    """A screenshot opened in a gallery app (black, toolbars above and below) at 60 %."""
    size = width, height = 1080, 2400
    screen = Image.new("RGB", size, (0, 0, 0))
    draw = ImageDraw.Draw(screen)
    _status_bar(draw, width, dict(DARK, bar=(0, 0, 0)))
    draw.text((48, 130), "Screenshot_20261207-124133.png", font=ImageFont.truetype(REGULAR, 34),
              fill=(230, 230, 230))  # fmt: skip
    shown = shot.resize((round(shot.width * 0.6), round(shot.height * 0.6)),
                        Image.Resampling.BILINEAR)  # fmt: skip
    screen.paste(shown, ((width - shown.width) // 2, (height - shown.height) // 2))
    for k, label in enumerate(("Share", "Edit", "Delete")):
        draw.text((120 + k * 330, height - 230), label, font=ImageFont.truetype(REGULAR, 34),
                  fill=(230, 230, 230))  # fmt: skip
    _nav_bar(draw, size, dict(DARK, bar=(0, 0, 0)))
    return screen
