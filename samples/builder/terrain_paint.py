"""Soft-edged painting onto the terrain map: lines and polygons blended through small masks,
and the roads, river, bridge, houses, gardens, checkpoint, trenches and craters drawn with them.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np

from .common import SUN, Colour, Vec, fixed, rect
from .roads import STEP, along, normals

ROOFS = (
    (60, 76, 140),
    (118, 118, 112),
    (78, 118, 72),
    (140, 104, 62),
    (52, 72, 104),
    (160, 160, 158),
)


WALLS = ((210, 214, 216), (150, 196, 214), (170, 150, 120), (90, 110, 150), (200, 200, 190))


@dataclass(frozen=True)
class House:
    x: float
    y: float
    angle: float  # radians, long axis
    length: float  # map px
    width: float
    roof: tuple[int, int, int]
    wall: tuple[int, int, int]


def paint(
    img: np.ndarray,
    draw: Callable[[np.ndarray, Vec], None],
    box: tuple[int, int, int, int],
    colour: Colour,
    blur: float = 1.0,
    alpha: float = 1.0,
) -> None:
    """Alpha-blend ``colour`` through a mask that ``draw`` fills, touching only ``box``.

    ``draw(mask, origin)`` paints 1.0 into a float mask covering box = (x0, y0, x1, y1). Working
    on the bounding box keeps hundreds of small soft-edged strokes cheap on the 12 Mpx map.
    """
    pad = int(3 * blur) + 2
    x0, y0 = max(box[0] - pad, 0), max(box[1] - pad, 0)
    x1, y1 = min(box[2] + pad, img.shape[1]), min(box[3] + pad, img.shape[0])
    if x1 <= x0 or y1 <= y0:
        return
    mask = np.zeros((y1 - y0, x1 - x0), np.float32)
    draw(mask, (x0, y0))
    if blur > 0:
        mask = cv2.GaussianBlur(mask, (0, 0), blur)
    region = img[y0:y1, x0:x1]
    region += (np.asarray(colour, np.float32) - region) * (alpha * mask)[..., None]


def poly_box(pts: np.ndarray, margin: float) -> tuple[int, int, int, int]:
    lo, hi = pts.min(0) - margin, pts.max(0) + margin
    return int(lo[0]), int(lo[1]), int(hi[0]) + 1, int(hi[1]) + 1


def paint_line(
    img: np.ndarray,
    poly: np.ndarray,
    colour: Colour,
    width: int,
    blur: float = 1.0,
    alpha: float = 1.0,
) -> None:
    def draw(mask: np.ndarray, o: Vec) -> None:
        cv2.polylines(mask, [fixed(poly, o)], False, 1.0, width, cv2.LINE_AA, shift=4)

    paint(img, draw, poly_box(poly, width), colour, blur, alpha)


def paint_poly(
    img: np.ndarray, pts: np.ndarray, colour: Colour, blur: float = 0.7, alpha: float = 1.0
) -> None:
    def draw(mask: np.ndarray, o: Vec) -> None:
        cv2.fillPoly(mask, [fixed(pts, o)], 1.0, cv2.LINE_AA, shift=4)

    paint(img, draw, poly_box(pts, 2), colour, blur, alpha)


def paint_asphalt(img: np.ndarray, road: np.ndarray) -> None:
    """Two-lane asphalt with grassy verges, worn edge lines and a dashed centre line."""
    paint_line(img, road, (86, 116, 118), 28, blur=2.5, alpha=0.8)
    paint_line(img, road, (96, 100, 103), 14, blur=0.8)
    nrm = normals(road)
    for side in (-1, 1):
        paint_line(img, road + nrm * side * 5.8, (170, 172, 170), 1, blur=0.4, alpha=0.5)
    for i in range(0, len(road) - 6, 12):  # 3 m dashes, 9 m gaps
        paint_line(img, road[i : i + 4], (190, 192, 190), 1, blur=0.3, alpha=0.7)


def paint_track(img: np.ndarray, road: np.ndarray, width: int = 9) -> None:
    """A dirt track: pale compacted soil, two darker wheel ruts, a grassy crown."""
    paint_line(img, road, (112, 140, 156), width, blur=1.2, alpha=0.85)
    nrm = normals(road)
    for side in (-1, 1):
        paint_line(img, road + nrm * side * width * 0.28, (78, 98, 110), 2, blur=0.6, alpha=0.5)
    paint_line(img, road, (70, 110, 98), 1, blur=0.5, alpha=0.35)


def paint_river(img: np.ndarray, river: np.ndarray) -> None:
    paint_line(img, river, (58, 78, 70), 46, blur=3.0, alpha=0.9)
    paint_line(img, river, (82, 86, 58), 34, blur=1.5)
    paint_line(img, river + normals(river) * 6, (118, 116, 92), 2, blur=1.0, alpha=0.3)


def paint_bridge(img: np.ndarray, road: np.ndarray, river: np.ndarray) -> None:
    """Concrete deck and railings where the village street crosses the river."""
    i = int(np.argmin([np.min(np.hypot(*(river - p).T)) for p in road[::4]])) * 4
    deck = road[max(i - 30, 0) : i + 30]
    paint_line(img, deck, (150, 152, 150), 16, blur=0.6)
    for side in (-1, 1):
        paint_line(img, deck + normals(deck) * side * 8, (205, 205, 200), 1, blur=0.3)


def paint_garden(
    rng: np.random.Generator, img: np.ndarray, cover: np.ndarray, h: House, away: np.ndarray
) -> None:
    """The kitchen garden behind a house: beds, a fence, a couple of fruit trees."""
    centre = np.array([h.x, h.y]) + away * (h.width / 2 + 40)
    plot = rect(centre, 70, 42, h.angle + math.pi / 2)
    beds = ((58, 76, 92), (66, 118, 84), (74, 112, 96))
    paint_poly(img, plot, beds[rng.integers(3)], blur=0.8, alpha=0.85)
    paint_line(img, np.vstack([plot, plot[:1]]), (150, 160, 165), 1, blur=0.3, alpha=0.6)
    for _ in range(int(rng.integers(1, 4))):
        tx, ty = centre + rng.uniform(-18, 18, 2)
        cv2.circle(cover, (int(tx), int(ty)), int(rng.integers(4, 7)), 1.0, -1, cv2.LINE_AA)


def paint_house(img: np.ndarray, h: House) -> None:
    """A gabled roof: two halves lit differently, a dark ridge, a cast shadow."""
    shadow = rect((h.x, h.y), h.length, h.width, h.angle) + SUN * 7
    paint_poly(img, shadow, (30, 36, 34), blur=1.5, alpha=0.55)
    c = rect((h.x, h.y), h.length, h.width, h.angle)
    mid_a, mid_b = (c[0] + c[1]) / 2, (c[3] + c[2]) / 2
    roof = np.array(h.roof, np.float32)
    paint_poly(img, np.array([c[0], mid_a, mid_b, c[3]]), roof * 1.12, blur=0.5)
    paint_poly(img, np.array([mid_a, c[1], c[2], mid_b]), roof * 0.78, blur=0.5)
    paint_line(img, np.array([mid_a, mid_b]), roof * 0.55, 1, blur=0.3)


def paint_checkpoint(img: np.ndarray, road: np.ndarray, i: int) -> None:
    """Border checkpoint: a canopy over the road, booths, a parking apron, concrete blocks."""
    p, heading = along(road, i * STEP)
    nrm = normals(road)[i]
    apron = rect(p + nrm * 40, 120, 50, heading)
    paint_poly(img, apron, (132, 134, 134), blur=0.8)
    paint_poly(img, rect(p + SUN * 9, 34, 56, heading), (30, 36, 34), blur=2, alpha=0.5)
    paint_poly(img, rect(p, 34, 56, heading), (168, 170, 168), blur=0.5)
    for k in (-1, 1):
        booth = p + nrm * 44 + k * np.array([math.cos(heading), math.sin(heading)]) * 40
        paint_poly(img, rect(booth + SUN * 5, 16, 12, heading), (30, 36, 34), blur=1.2, alpha=0.5)
        paint_poly(img, rect(booth, 16, 12, heading), (184, 186, 190), blur=0.5)
    for k in range(-5, 6):
        block = p - nrm * 20 + np.array([math.cos(heading), math.sin(heading)]) * (k * 8 - 60)
        paint_poly(img, rect(block, 4, 3, heading), (176, 180, 182), blur=0.4)


def paint_positions(rng: np.random.Generator, img: np.ndarray, site: Vec) -> None:
    """A zig-zag trench at a wood's edge with spoil banks and log-covered dugouts."""
    x0, y0 = site
    zig = np.array(
        [(x0 + 22 * k, y0 + (8 if k % 2 else -8) - 1.2 * k) for k in range(-9, 10)], np.float32
    )
    paint_line(img, zig, (108, 132, 148), 8, blur=1.2, alpha=0.9)
    paint_line(img, zig, (34, 40, 44), 3, blur=0.5)
    for k in (-6, 0, 5):
        dx, dy = zig[k + 9] + (0, 16)
        paint_poly(img, rect((dx, dy), 11, 9, 0.1), (96, 112, 118), blur=0.6)
        paint_poly(img, rect((dx, dy), 6, 5, 0.1), (30, 34, 36), blur=0.4)
    for _ in range(40):
        cx, cy = np.asarray(site) + rng.normal(0, 90, 2)
        paint_crater(img, float(cx), float(cy), float(rng.uniform(2.5, 5)))


def disc_mask(x: float, y: float, radius16: int) -> Callable[[np.ndarray, Vec], None]:
    """A ``paint`` mask drawer for a filled disc at map point (x, y), radius in 1/16 px."""

    def draw(mask: np.ndarray, o: Vec) -> None:
        centre = (int((x - o[0]) * 16), int((y - o[1]) * 16))
        cv2.circle(mask, centre, radius16, 1.0, -1, cv2.LINE_AA, shift=4)

    return draw


def paint_crater(img: np.ndarray, x: float, y: float, r: float) -> None:
    """A shell crater: pale thrown-out soil around a dark pit."""
    box = (int(x - 3 * r), int(y - 3 * r), int(x + 3 * r), int(y + 3 * r))
    paint(img, disc_mask(x, y, int(r * 16 * 1.8)), box, (104, 122, 134), blur=r * 0.5, alpha=0.7)
    paint(img, disc_mask(x, y, int(r * 16)), box, (34, 38, 42), blur=r * 0.3, alpha=0.85)
