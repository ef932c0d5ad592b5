"""Stills against a clip on the ``fresh`` split (issue 14; ``eval_stills.py --split fresh``):
which stills are cut from which moment of the fresh sources, and how each is treated.

Written by the helper heldsets on 2026-12-07, before any detector ran on these stills; the
windows come from ``fresh.py`` (the excerpts chosen there by scene score, before any run) and
each file's duration as ffprobe gives it, never from a detector's output. They must not change
after a result is seen.

Each source's main excerpt is the clip. Its positives are its frames at a quarter, a half and
three quarters, each given every treatment of ``TREATMENTS``; the parameters of a treatment
(crop share, rotation angle, the status bar's clock, the handle) follow the source's place in
the split. Negatives: the same camera at another moment (the ``another`` excerpt and the
same-camera extra pairs, where the source has one), the next source's middle frame as a plain
JPEG (unrelated), and the source after it given every treatment but the plain one (another
clip after the same treatment: a caption bar or a status bar must not make a match).

The treatments work on a PIL picture (the frame as ffmpeg decodes and scales it, lossless), so
they are plain functions, tested on tiny generated pictures.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .fresh import fresh_sources
from .sources import Excerpt, Source

SHARES = (0.25, 0.5, 0.75)
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
HANDLES = ("@front_archive", "@okopnaya_pravda", "@shturm_daily", "@vidsi_z_peredovoi")
CLOCKS = ("09:41", "14:07", "22:58", "06:15")
CAPTIONS = ("Near the river, morning", "Утром у переправы", "Вечір, околиця села",
            "Footage from the east")  # fmt: skip


@dataclass(frozen=True)
class FreshStillSource:
    """One fresh source as the stills see it: its file, its main window (the clip), the same
    camera's other moments (file, second), and its place in the split."""

    name: str
    media: Path
    main: tuple[float, float]  # seconds of the file
    others: tuple[tuple[Path, float], ...]
    index: int


def still_sources(folder: Path, durations: dict[Path, float]) -> list[FreshStillSource]:
    """The fresh split's sources (``fresh.py``'s order), each window checked against its
    file's ``durations`` (ffprobe's, by path)."""
    out = []
    for index, source in enumerate(fresh_sources(folder)):
        main = window(source.main, durations[source.main.path])
        out.append(FreshStillSource(source.name, source.main.path, main,
                                    other_moments(source, main, durations), index))  # fmt: skip
    return out


def window(excerpt: Excerpt, duration: float) -> tuple[float, float]:
    """The excerpt's seconds, its end clipped to the file's last 0.2 s (a container's
    duration may run past its last frame)."""
    end = min(excerpt.start + excerpt.duration, duration - 0.2)
    if end - excerpt.start < 2.0:
        raise ValueError(f"{excerpt.path.name}: {excerpt.start}-{end} s is under 2 s")
    return excerpt.start, round(end, 3)


def other_moments(source: Source, main: tuple[float, float],
                  durations: dict[Path, float]) -> tuple[tuple[Path, float], ...]:  # fmt: skip
    """The middle of every excerpt of the same camera at another moment: ``another`` and the
    ``b`` side of same-camera extra pairs, when it lies outside the main window (by 2 s at
    least) or in another file."""
    candidates = [source.another] if source.another else []
    candidates += [p.b for p in source.extra if p.kind == "same-camera"]
    out = []
    for excerpt in candidates:
        lo, hi = window(excerpt, durations[excerpt.path])
        middle = round((lo + hi) / 2, 2)
        apart = middle < main[0] - 2.0 or middle > main[1] + 2.0
        if excerpt.path != source.main.path or apart:
            out.append((excerpt.path, middle))
    return tuple(out)


def moments(main: tuple[float, float]) -> list[float]:
    """The positives' times in the clip (seconds from its start)."""
    return [round((main[1] - main[0]) * share, 2) for share in SHARES]


# ------------------------------------------------------------------------------ treatments


def plain(picture: Image.Image, index: int) -> Image.Image:
    return picture


def crop(picture: Image.Image, index: int) -> Image.Image:
    """A centred crop to 80, 75 or 85 % of each side."""
    share = (0.8, 0.75, 0.85)[index % 3]
    w, h = picture.size
    cw, ch = round(w * share), round(h * share)
    left, top = (w - cw) // 2, (h - ch) // 2
    return picture.crop((left, top, left + cw, top + ch))


def caption(picture: Image.Image, index: int) -> Image.Image:
    """A dark bar (70 % opaque) over the lower fifth with a line of white text in it."""
    out = picture.convert("RGBA")
    w, h = out.size
    layer = Image.new("RGBA", out.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    top, height = round(h * 0.8), round(h * 0.14)
    draw.rectangle((0, top, w, top + height), fill=(0, 0, 0, 178))
    font = ImageFont.truetype(str(FONT), max(8, round(height * 0.55)))
    draw.text((round(w * 0.04), top + height // 2), CAPTIONS[index % len(CAPTIONS)],
              font=font, fill=(255, 255, 255, 255), anchor="lm")  # fmt: skip
    return Image.alpha_composite(out, layer).convert("RGB")


def half(picture: Image.Image, index: int) -> Image.Image:
    w, h = picture.size
    return picture.resize((max(2, w // 2), max(2, h // 2)), Image.Resampling.BICUBIC)


def rotation_degrees(index: int) -> float:
    """3, 4 or 5 degrees, counter-clockwise (PIL's positive) on odd places, clockwise on even."""
    return (3.0 + index % 3) * (1 if index % 2 else -1)


def rotate(picture: Image.Image, index: int) -> Image.Image:
    """A slight rotation about the centre, same size, black corners (a phone held askew)."""
    return picture.rotate(rotation_degrees(index), Image.Resampling.BICUBIC, fillcolor=(0, 0, 0))


def screenshot(picture: Image.Image, index: int) -> Image.Image:
    """A phone's portrait screenshot of the playing video: a 9:16 black screen, a status bar
    (clock, signal, battery) on top, the frame across the middle and a channel's handle at
    60 % opacity in the frame's lower right."""
    w, h = picture.size
    screen = Image.new("RGBA", (w, max(h + 2, round(w * 16 / 9))), (0, 0, 0, 255))
    bar = round(screen.height * 0.035)
    top = (screen.height - h) // 2
    screen.paste(picture.convert("RGBA"), (0, top))
    draw = ImageDraw.Draw(screen)
    font = ImageFont.truetype(str(FONT), max(8, round(bar * 0.6)))
    draw.text((round(w * 0.05), bar // 2), CLOCKS[index % len(CLOCKS)], font=font,
              fill=(255, 255, 255, 255), anchor="lm")  # fmt: skip
    draw.text((round(w * 0.95), bar // 2), f"LTE {87 - 9 * (index % 4)}%", font=font,
              fill=(255, 255, 255, 255), anchor="rm")  # fmt: skip
    layer = Image.new("RGBA", screen.size, (0, 0, 0, 0))
    small = ImageFont.truetype(str(FONT), max(8, round(h * 0.06)))
    ImageDraw.Draw(layer).text((round(w * 0.97), top + round(h * 0.95)),
                               HANDLES[index % len(HANDLES)], font=small,
                               fill=(255, 255, 255, 153), anchor="rb")  # fmt: skip
    return Image.alpha_composite(screen, layer).convert("RGB")


Treatment = Callable[[Image.Image, int], Image.Image]

# name -> (treatment, how it is saved: "jpeg" quality 90, "jpeg40" saved at 90 then again at
# 40, "png" as a screenshot is)
TREATMENTS: dict[str, tuple[Treatment, str]] = {
    "jpeg": (plain, "jpeg"),
    "crop": (crop, "jpeg"),
    "caption": (caption, "jpeg"),
    "resize": (half, "jpeg"),
    "screenshot": (screenshot, "png"),
    "rotate": (rotate, "jpeg"),
    "jpeg40": (plain, "jpeg40"),
}


def encoded(picture: Image.Image, how: str) -> tuple[bytes, str]:
    """The picture's file bytes and suffix."""
    out = io.BytesIO()
    if how == "png":
        picture.save(out, "PNG")
        return out.getvalue(), ".png"
    picture.convert("RGB").save(out, "JPEG", quality=90)
    if how == "jpeg40":
        again = io.BytesIO()
        Image.open(io.BytesIO(out.getvalue())).save(again, "JPEG", quality=40)
        out = again
    return out.getvalue(), ".jpg"


def treated(picture: Image.Image, variant: str, index: int) -> tuple[bytes, str]:
    """The still of ``variant`` made from ``picture`` with the parameters of place ``index``."""
    treatment, how = TREATMENTS[variant]
    return encoded(treatment(picture, index), how)


@dataclass(frozen=True)
class PlannedStill:
    """One still to make: the frame of ``media`` at ``at`` (seconds of the file), given
    ``variant`` with the parameters of place ``index``; ``truth`` its time in the clip."""

    name: str
    kind: str  # positive, same-camera, unrelated, treated-other
    variant: str
    media: Path
    at: float
    index: int
    truth: float | None


def plan(source: FreshStillSource, unrelated: FreshStillSource,
         treated_other: FreshStillSource) -> list[PlannedStill]:  # fmt: skip
    """Every still of ``source``: positives, then its negatives."""
    start = source.main[0]
    out = [PlannedStill(f"{source.name}-{at:g}-{variant}", "positive", variant, source.media,
                        start + at, source.index, at)
           for at in moments(source.main) for variant in TREATMENTS]  # fmt: skip
    for n, (media, at) in enumerate(source.others):
        out.append(PlannedStill(f"{source.name}-other{n}", "same-camera", "jpeg", media, at,
                                source.index, None))  # fmt: skip
    out.append(PlannedStill(f"{source.name}-unrelated", "unrelated", "jpeg", unrelated.media,
                            sum(unrelated.main) / 2, source.index, None))  # fmt: skip
    middle = sum(treated_other.main) / 2
    out += [PlannedStill(f"{source.name}-treated-{variant}", "treated-other", variant,
                         treated_other.media, middle, source.index, None)
            for variant in TREATMENTS if variant != "jpeg"]  # fmt: skip
    return out


def kind_counts(rows: list[dict]) -> dict[str, dict[str, int]]:
    """Counts per kind of still: positives per variant (found, located, the still layer's
    place or graphics without a moment), negatives per kind (false moments, still layer) -
    the held-out run's only detail."""
    out: dict[str, dict[str, int]] = {}
    for row in rows:
        positive = row["kind"] == "positive"
        key = f"positive {row['variant']}" if positive else row["kind"]
        first = {"found": 0, "located": 0} if positive else {"false_moments": 0}
        cell = out.setdefault(key, {"stills": 0, **first, "place_or_graphics": 0})
        cell["stills"] += 1
        cell["place_or_graphics"] += bool(not row["spans"] and row["still_match"])
        if positive:
            cell["found"] += bool(row["spans"])
            cell["located"] += bool(row["located"])
        else:
            cell["false_moments"] += bool(row["spans"])
    return out
