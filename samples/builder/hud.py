"""Text drawn over finished frames: outlined text, shaded boxes, the legion's captions and channel
mark, the ministry's banner and the two kinds of drone telemetry.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import cv2
import numpy as np

from .common import fixed


def text(
    img: np.ndarray,
    msg: str,
    org: tuple[int, int],
    scale: float,
    colour: Sequence[int] = (238, 238, 238),
    thick: int = 1,
    font: int = cv2.FONT_HERSHEY_SIMPLEX,
    outline: bool = True,
) -> None:
    """ASCII text (Hershey fonts) with a thin dark outline, legible on any background."""
    if outline:
        cv2.putText(img, msg, org, font, scale, (16, 16, 16), thick + 2, cv2.LINE_AA)
    cv2.putText(img, msg, org, font, scale, tuple(colour), thick, cv2.LINE_AA)


def shade_box(
    img: np.ndarray,
    x: int,
    y: int,
    w: int,
    h: int,
    alpha: float = 0.55,
    colour: Sequence[int] = (12, 12, 12),
) -> None:
    """A semi-transparent banner behind a caption."""
    region = img[y : y + h, x : x + w].astype(np.float32)
    img[y : y + h, x : x + w] = (
        region * (1 - alpha) + np.array(colour, np.float32) * alpha
    ).astype(np.uint8)


def caption(img: np.ndarray, msg: str, scale: float = 0.62, bottom: int = 26) -> None:
    """The legion's caption style: white duplex text on a dark band, lower left; ``bottom``
    is the baseline's distance from the frame's lower edge."""
    font = cv2.FONT_HERSHEY_DUPLEX
    (tw, th), base = cv2.getTextSize(msg, font, scale, 1)
    y = img.shape[0] - bottom
    shade_box(img, 12, y - th - 8, tw + 20, th + base + 14, alpha=0.6)
    text(img, msg, (22, y), scale, font=font, outline=False)


LEGION_HANDLE = "@legion_svoboda"  # the channel the sample case's legion posts on


def legion_bug(img: np.ndarray) -> None:
    """The legion's channel mark, top right: a small tricolour, the name, and the channel's
    handle under them (a repost that keeps the mark names the channel it took the footage
    from)."""
    w = img.shape[1]
    for i, c in enumerate(((235, 235, 235), (170, 110, 40), (235, 235, 235))):
        img[10 + 4 * i : 14 + 4 * i, w - 98 : w - 80] = c
    text(img, "LEGION", (w - 74, 21), 0.4, thick=1, font=cv2.FONT_HERSHEY_DUPLEX)
    text(img, LEGION_HANDLE, (w - 124, 38), 0.38, thick=1)


def mod_banner(img: np.ndarray, label: str) -> None:
    """The ministry's banner, top left: a red star, the ministry's name and the shot label.
    It stays inside the top 15% of the frame, which is exactly what the legion crops away."""
    shade_box(img, 8, 8, 214, 38, alpha=0.62, colour=(20, 16, 14))
    ang = np.deg2rad(np.arange(10) * 36 - 90)
    rad = np.where(np.arange(10) % 2 == 0, 12.0, 5.0)
    star = np.column_stack([26 + rad * np.cos(ang), 27 + rad * np.sin(ang)])
    cv2.fillPoly(img, [fixed(star)], (40, 40, 200), cv2.LINE_AA, shift=4)
    text(img, "MINISTRY OF DEFENCE", (44, 24), 0.42, outline=False)
    text(img, label, (44, 40), 0.4, colour=(120, 200, 235), outline=False)


def mod_hud(img: np.ndarray, t: float, clock: int, alt: int, zoom: float) -> None:
    """Ministry drone telemetry: open crosshair, date and clock, altitude, range, zoom."""
    h, w = img.shape[:2]
    cx, cy, c = w // 2, h // 2, (230, 230, 230)
    for a, b in (
        ((cx - 44, cy), (cx - 10, cy)),
        ((cx + 10, cy), (cx + 44, cy)),
        ((cx, cy - 30), (cx, cy - 8)),
        ((cx, cy + 8), (cx, cy + 30)),
    ):
        cv2.line(img, a, b, c, 1, cv2.LINE_AA)
    for sx, sy in ((-1, -1), (1, -1), (-1, 1), (1, 1)):
        x, y = cx + sx * 110, cy + sy * 70
        cv2.line(img, (x, y), (x - sx * 14, y), c, 1, cv2.LINE_AA)
        cv2.line(img, (x, y), (x, y - sy * 14), c, 1, cv2.LINE_AA)
    s = clock + int(t)
    text(img, f"22.05.2023  {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}", (w - 200, 22), 0.42)
    text(img, f"ALT {alt + int(3 * math.sin(t)):4d}M", (14, h - 30), 0.42)
    text(img, f"D {alt * 3.1 + 40 * math.sin(t / 3):6.0f}M", (14, h - 12), 0.42)
    text(img, f"ZOOM {zoom:4.1f}X", (w - 118, h - 30), 0.42)
    text(img, f"AZ {(212.4 + 2.5 * math.sin(t / 2)) % 360:05.1f}", (w - 118, h - 12), 0.42)


def legion_hud(img: np.ndarray, t: float, height: float, dist: float) -> None:
    """A consumer quadcopter's screen: recording dot, battery, satellites, height, distance."""
    h, w = img.shape[:2]
    if int(t * 2) % 2 == 0:
        cv2.circle(img, (w // 2 - 44, 15), 4, (40, 40, 220), -1, cv2.LINE_AA)
    s = int(t) + 83
    text(img, f"REC {s // 60:02d}:{s % 60:02d}", (w // 2 - 36, 20), 0.38)
    text(img, f"GPS 17   BAT {61 - int(t / 20)}%", (10, 20), 0.36)
    text(
        img,
        f"H {height + 0.4 * math.sin(t):5.1f}M  D {dist + 3 * t:4.0f}M  HS 4.2M/S",
        (10, h - 10),
        0.36,
    )
    cv2.line(img, (w // 2 - 8, h // 2), (w // 2 + 8, h // 2), (220, 220, 220), 1, cv2.LINE_AA)
    cv2.line(img, (w // 2, h // 2 - 8), (w // 2, h // 2 + 8), (220, 220, 220), 1, cv2.LINE_AA)
