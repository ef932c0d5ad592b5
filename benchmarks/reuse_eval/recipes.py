"""Alteration classes that change each frame's picture, and the registry of every class.

Each class is a function ``Source -> Made``; parameters rotate over the sources of a split
(``pick``), so a class is measured at several settings. ``CLASSES`` lists every class in
table order; ``EXPECTED_ALTERATION`` the word compare's result should contain for a class it
can measure (reported, not scored); ``NAME_CAUSES`` the classes that can explain each name
compare gives (a name none of a pair's classes explains is a false statement about the
footage: counted and listed).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from . import framing, timeline
from .graphs import MPEG4, caption, even, x264
from .made import Made, pick, whole
from .sources import Source

CAPTIONS = (
    "enemy column destroyed",
    "they hide in houses",
    "exclusive footage",
    "our drone at work",
    "frontline today",
    "watch until the end",
    "breaking",
)


def reencode_low(src: Source) -> Made:
    label, codec = pick(
        src, (("x264 crf 42", x264(42)), ("mpeg4 q 24", MPEG4), ("x264 crf 40", x264(40)))
    )
    return whole(src, "null", label, codec)


def downscale(src: Source) -> Made:
    share = pick(src, (0.4, 0.5, 0.33))
    w, h = even(src.size[0] * share), even(src.size[1] * share)
    return whole(src, f"scale={w}:{h}", f"to {w}x{h} ({share}x)")


def mirror(src: Source) -> Made:
    return whole(src, "hflip", "hflip")


def crop(src: Source) -> Made:
    keep, x, y, where = pick(
        src,
        (
            (0.9, "(iw-ow)/2", "(ih-oh)/2", "centred"),
            (0.75, "0", "0", "top-left kept"),
            (0.8, "iw-ow", "ih-oh", "bottom-right kept"),
        ),
    )
    w, h = src.size
    vf = f"crop=iw*{keep}:ih*{keep}:{x}:{y},scale={w}:{h}"
    return whole(src, vf, f"{1 - keep:.0%} off, {where}, rescaled")


def bars(src: Source) -> Made:
    w, h = src.size
    side = max(w, h)
    frame, label = pick(
        src,
        (
            ((360, 640), "letterboxed into 9:16 360x640"),
            ((even(w * 4 / 3), h), "pillarboxed into 4:3 wider"),
            ((side, side), f"boxed into a {side}x{side} square"),
        ),
    )
    fw, fh = frame
    vf = (
        f"scale={fw}:{fh}:force_original_aspect_ratio=decrease:force_divisible_by=2,"
        f"pad={fw}:{fh}:(ow-iw)/2:(oh-ih)/2:black"
    )
    return whole(src, vf, label)


def overlays(src: Source) -> Made:
    words = pick(src, CAPTIONS)
    return whole(src, caption(words), f"banner '{words}', logo")


def colour(src: Source) -> Made:
    vf, label = pick(
        src,
        (
            (
                "eq=brightness=0.15:contrast=1.4:saturation=1.8",
                "brightness +0.15, contrast 1.4, saturation 1.8",
            ),
            ("hue=s=0,eq=contrast=0.8", "grayscale, contrast 0.8"),
            ("hue=s=0,eq=brightness=-0.15", "grayscale, brightness -0.15"),
            ("hue=h=40:s=1.3,eq=gamma=1.3", "hue +40, saturation 1.3, gamma 1.3"),
        ),
    )
    return whole(src, vf, label)


def rotate90(src: Source) -> Made:
    turn, label = pick(src, ((1, "clockwise"), (2, "counter-clockwise")))
    return whole(src, f"transpose={turn}", label)


def blur_noise(src: Source) -> Made:
    vf, label = pick(
        src,
        (
            ("gblur=sigma=2,noise=alls=20:allf=t", "gblur 2 + noise 20"),
            ("boxblur=2:1", "boxblur 2"),
            ("noise=alls=30:allf=t", "noise 30"),
        ),
    )
    return whole(src, vf, label)


def thermal_invert(src: Source) -> Made:
    """White-hot <-> black-hot: a thermal camera's palette flipped is inverted luma."""
    vf, label = pick(
        src,
        (
            ("hue=s=0,negate", "grey, inverted"),
            ("hue=s=0,negate,eq=contrast=1.3", "grey, inverted, contrast 1.3"),
            (
                "hue=s=0,eq=contrast=1.2,negate,gblur=sigma=0.8",
                "grey, contrast 1.2, inverted, soft",
            ),
        ),
    )
    return whole(src, vf, label)


def false_colour(src: Source) -> Made:
    """A grey picture through a colour map, as thermal and night cameras show it."""
    preset = pick(src, ("inferno", "turbo", "magma", "viridis", "plasma"))
    return whole(src, f"hue=s=0,pseudocolor=p={preset}", f"grey through the {preset} palette")


def small_rotation(src: Source) -> Made:
    """Turned by a few degrees and zoomed just enough that no corner shows."""
    degrees = pick(src, (4.0, -6.0, 8.0, -3.0, 10.0, -5.0))
    w, h = src.size
    rad = math.radians(abs(degrees))
    zoom = math.cos(rad) + max(w, h) / min(w, h) * math.sin(rad)
    vf = f"scale={even(w * zoom)}:{even(h * zoom)},rotate={math.radians(degrees):.5f}:ow={w}:oh={h}"
    return whole(src, vf, f"rotated {degrees:+.0f} deg, zoom {zoom:.2f} to fill")


def ken_burns(src: Source) -> Made:
    """A slow zoom in towards a point of the picture over the whole clip."""
    end, fx, fy, where = pick(
        src,
        (
            (1.5, 0.5, 0.5, "centre"),
            (1.35, 0.3, 0.3, "upper left"),
            (1.8, 0.7, 0.6, "right of centre"),
        ),
    )
    w, h = src.size
    d = src.duration
    vf = (
        f"zoompan=z='1+{end - 1}*it/{d}':x='(iw-iw/zoom)*{fx}':y='(ih-ih/zoom)*{fy}'"
        f":d=1:s={w}x{h}:fps={src.fps}"
    )
    return whole(src, vf, f"zoom 1 -> {end} towards the {where}")


Recipe = Callable[[Source], Made]

# Table order: the old classes, then the ones war-footage reuse shows that the old lacked.
CLASSES: dict[str, Recipe] = {
    "reencode-low": reencode_low,
    "downscale": downscale,
    "mirror": mirror,
    "crop": crop,
    "bars": bars,
    "overlays": overlays,
    "colour": colour,
    "speed": timeline.speed,
    "frame-rate": timeline.frame_rate,
    "splice": timeline.splice,
    "pip": framing.pip,
    "rotate90": rotate90,
    "blur-noise": blur_noise,
    "thermal-invert": thermal_invert,
    "false-colour": false_colour,
    "small-rotation": small_rotation,
    "ken-burns": ken_burns,
    "screen-recording": framing.screen_recording,
    "speed-2x": timeline.speed_2x,
    "slow-0.5x": timeline.slow_half,
    "reversed": timeline.reversed_playback,
    "very-low-quality": framing.very_low_quality,
    "vertical-9:16": framing.vertical,
    "compilation": timeline.compilation,
    "hud": framing.hud,
    "split-screen": framing.split_screen,
    "news-frame": framing.news_frame,
}

# Classes of the tune split alone: added while tuning, so the held-out sets (their pairs and
# figures) stay as they were measured.
TUNE_CLASSES: dict[str, Recipe] = {"short-cuts": timeline.short_cuts}

EXPECTED_ALTERATION = {
    "mirror": "mirrored",
    "speed": "speed changed",
    "speed-2x": "speed changed",
    "slow-0.5x": "speed changed",
    "rotate90": "rotated",
    "small-rotation": "rotated",
    "crop": "cropped",
    "vertical-9:16": "cropped",
    "bars": "boxed",
    "pip": "smaller",
    "news-frame": "smaller",
    "reversed": "reversed",
    "thermal-invert": "inverted",
    "ken-burns": "zoom",
    "screen-recording": "perspective",
    "split-screen": "split screen",
}


# The first words of each alteration compare can name, and the classes that make it so. A crop
# is named wherever B keeps only part of A's picture: a zoom to fill a turn or a Ken Burns
# move, a 9:16 cut, a screen filmed, a window or half of a frame. A picture smaller than B's
# frame: inside a box, a window, a half, bands. What B shows around A's picture is more of it
# only when A was cut from B (no recipe here does that: B is always the altered clip).
NAME_CAUSES: dict[str, frozenset[str]] = {
    "mirrored": frozenset({"mirror"}),
    "rotated": frozenset({"rotate90", "small-rotation", "screen-recording"}),
    "cropped": frozenset(
        {
            "crop",
            "vertical-9:16",
            "ken-burns",
            "small-rotation",
            "screen-recording",
            "news-frame",
            "split-screen",
        }
    ),
    "reversed": frozenset({"reversed"}),
    "speed changed": frozenset({"speed", "speed-2x", "slow-0.5x"}),
    "zooming": frozenset({"ken-burns"}),
    "inverted": frozenset({"thermal-invert"}),
    "shown inside a wider picture": frozenset(),
    "letterboxed": frozenset({"bars", "vertical-9:16", "news-frame"}),
    "pillarboxed": frozenset({"bars", "vertical-9:16", "news-frame"}),
    "split screen": frozenset({"split-screen", "pip", "news-frame"}),
    "shown smaller": frozenset({"pip", "news-frame", "split-screen", "screen-recording", "bars"}),
}
