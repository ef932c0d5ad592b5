#!/usr/bin/env python3
"""Build the fictional sample case that ships in ``samples/``.

The case is modelled on the cross-border raids into Russia's Belgorod region in May and June
2023, when the Freedom of Russia Legion and the Russian Volunteer Corps published footage of
their incursion and the Russian defence ministry published drone footage of strikes it said hit
the raiders. Every picture, sound, tag and text here is invented; nothing is real footage.

Evidence this script renders (all procedurally, from fixed seeds, without network access):

``clips/mod_strikes_2023-05-23.mp4``
    The ministry's 45-second release: six drone strike shots with a ministry banner.
``clips/legion_raid_telegram.mp4``
    The legion's 1 min 52 s Telegram video. Its "enemy BMP-2" drone segment re-uses the
    ministry's strike 3, mirrored, cropped and rescaled: the reuse a detector should find.
``clips/aggregator_repost.mp4``
    A news aggregator's square repost of the legion video's first 40 s, metadata stripped.
``stills/legion_tank_flag_2023-06-02.jpg``
    The legion's photo of "their tank" with a flag, with camera EXIF and GPS.

Beside them it writes ``truth.json`` (the ground truth of the reuse, for tests) and
``case.toml`` (the case file, pinning each piece of evidence by SHA-256). The claim texts in
``claims/`` and ``README.md`` are hand-written and only copied when ``--out`` points elsewhere.

Rendering is numpy + OpenCV; raw frames are piped into ffmpeg (libx264, one thread) so that a
rebuild with the same ffmpeg gives byte-identical files. Run ``python samples/build_samples.py``.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import math
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import wave
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

HERE = Path(__file__).resolve().parent
try:
    from forensics.toolchain import find_toolchain
except ImportError:  # run from a checkout without `pip install -e .`
    sys.path.insert(0, str(HERE.parent))
    from forensics.toolchain import find_toolchain

Frame = np.ndarray  # float32 BGR, 0..255, shape (h, w, 3)
Vec = tuple[float, float]
Colour = Sequence[float] | np.ndarray  # BGR

SEED = 20230522  # the day of the raid; every generator below derives from it
MPP = 0.5  # metres per terrain-map pixel
MAP_W, MAP_H = 4000, 3000  # 2 km x 1.5 km of fictional border country
SUN = np.array([0.55, 0.42])  # where shadows fall, in map pixels per metre of height

MOD_TAGS = {
    "title": "Strikes on sabotage group, Belgorod region",
    "creation_time": "2023-05-23T08:40:12.000000Z",
}
MOD_ENCODER = ("Lavf58.76.100", "Lavc58.134.100 libx264")  # claims an FFmpeg 4.4 re-encode
LEGION_TAGS = {
    "com.apple.quicktime.make": "Apple",
    "com.apple.quicktime.model": "iPhone 11",
    "com.apple.quicktime.software": "16.4.1",
    "com.apple.quicktime.creationdate": "2023-05-22T14:31:07+0300",
    "com.apple.quicktime.location.ISO6709": "+50.4790+035.6180+180.000/",
    "creation_time": "2023-05-22T11:31:07.000000Z",
}
LEGION_ENCODER = ("Lavf60.3.100", "Lavc60.3.100 libx264")  # an FFmpeg 6.0 re-encode


# --------------------------------------------------------------------------------------------
# Small numeric helpers
# --------------------------------------------------------------------------------------------


def smoothstep(a: float, b: float, x: np.ndarray | float) -> np.ndarray:
    """0 below ``a``, 1 above ``b``, a smooth S between: soft masks without hard edges."""
    u = np.clip((np.asarray(x, np.float32) - a) / (b - a), 0.0, 1.0)
    return u * u * (3 - 2 * u)


def ease(u: float) -> float:
    """Ease-in-out on 0..1, so camera moves start and stop like a pilot's hand."""
    u = min(max(u, 0.0), 1.0)
    return u * u * (3 - 2 * u)


def lerp(a: float, b: float, u: float) -> float:
    return a + (b - a) * u


def value_noise(rng: np.random.Generator, h: int, w: int, cells: int) -> np.ndarray:
    """One octave of value noise: a coarse random grid upsampled bicubically to (h, w)."""
    cy = max(2, round(cells * h / w))
    grid = rng.random((cy + 1, cells + 1), dtype=np.float32)
    return cv2.resize(grid, (w, h), interpolation=cv2.INTER_CUBIC)


def fractal_noise(
    rng: np.random.Generator, h: int, w: int, cells: int = 3, octaves: int = 6, gain: float = 0.5
) -> np.ndarray:
    """Sum of value-noise octaves, each twice as fine and ``gain`` as strong; scaled to 0..1.

    This is the texture of almost everything natural here: field wear, clouds, smoke, rust.
    """
    total = np.zeros((h, w), np.float32)
    amp = 1.0
    for k in range(octaves):
        total += amp * value_noise(rng, h, w, cells * 2**k)
        amp *= gain
    total -= total.min()
    return total / max(float(total.max()), 1e-6)


def shake(t: float, seed: int, amp: float, freqs: Sequence[float] = (0.35, 0.9, 2.3, 5.1)) -> Vec:
    """A hand-held wobble: a few incommensurate sines with seeded phases, pixels in x and y."""
    phases = np.random.default_rng(seed).random((len(freqs), 2)) * 2 * math.pi
    dx = sum(
        math.sin(2 * math.pi * f * t + p[0]) / (1 + i)
        for i, (f, p) in enumerate(zip(freqs, phases, strict=True))
    )
    dy = sum(
        math.cos(2 * math.pi * f * 1.13 * t + p[1]) / (1 + i)
        for i, (f, p) in enumerate(zip(freqs, phases, strict=True))
    )
    return amp * dx, amp * dy


# --------------------------------------------------------------------------------------------
# Polylines: roads, rivers, routes
# --------------------------------------------------------------------------------------------

STEP = 2.0  # roads are resampled every 2 map pixels (1 m) so distance <-> index is trivial


def resample(poly: np.ndarray, step: float = STEP) -> np.ndarray:
    """The polyline resampled at equal arc-length steps."""
    seg = np.hypot(*np.diff(poly, axis=0).T)
    s = np.concatenate([[0.0], np.cumsum(seg)])
    at = np.arange(0.0, s[-1], step)
    return np.stack([np.interp(at, s, poly[:, 0]), np.interp(at, s, poly[:, 1])], 1).astype(
        np.float32
    )


def spline(points: Sequence[Vec], step: float = STEP) -> np.ndarray:
    """A Catmull-Rom curve through ``points``: roads and rivers bend smoothly, never kink."""
    p = np.asarray(points, np.float64)
    p = np.vstack([2 * p[0] - p[1], p, 2 * p[-1] - p[-2]])
    u = np.linspace(0, 1, 64, endpoint=False)[:, None]
    parts = []
    for i in range(1, len(p) - 2):
        p0, p1, p2, p3 = p[i - 1 : i + 3]
        parts.append(
            0.5
            * (
                2 * p1
                + (p2 - p0) * u
                + (2 * p0 - 5 * p1 + 4 * p2 - p3) * u**2
                + (3 * p1 - p0 - 3 * p2 + p3) * u**3
            )
        )
    parts.append(p[-2][None])
    return resample(np.vstack(parts), step)


def normals(poly: np.ndarray) -> np.ndarray:
    """Unit normals (to the right of travel, in map coordinates where y points south)."""
    d = np.gradient(poly, axis=0)
    d /= np.maximum(np.hypot(d[:, 0], d[:, 1]), 1e-6)[:, None]
    return np.stack([-d[:, 1], d[:, 0]], 1)


def along(poly: np.ndarray, dist: float, lookahead: float = 6.0) -> tuple[np.ndarray, float]:
    """Point at ``dist`` map pixels along ``poly`` and the heading there (radians)."""
    i = float(np.clip(dist / STEP, 0, len(poly) - 1))
    j = int(i)
    k = min(j + 1, len(poly) - 1)
    point = poly[j] + (poly[k] - poly[j]) * (i - j)
    ahead = poly[min(j + int(lookahead), len(poly) - 1)] - poly[max(j - int(lookahead), 0)]
    return point, math.atan2(float(ahead[1]), float(ahead[0]))


def nearest_index(poly: np.ndarray, point: Vec) -> int:
    return int(np.argmin(np.hypot(poly[:, 0] - point[0], poly[:, 1] - point[1])))


# --------------------------------------------------------------------------------------------
# Terrain: one large top-down map of fields, tree belts, roads, a river and two villages
# --------------------------------------------------------------------------------------------

# Field kinds of a May landscape on black soil: (BGR colour, row-stripe strength, weight).
FIELD_KINDS = (
    ((62, 128, 86), 0.05, 0.30),  # winter wheat
    ((52, 72, 86), 0.16, 0.18),  # sunflower / maize rows on chernozem
    ((40, 49, 60), 0.10, 0.14),  # freshly ploughed
    ((84, 126, 112), 0.00, 0.20),  # fallow meadow
    ((104, 140, 152), 0.04, 0.10),  # last year's stubble
    ((70, 160, 184), 0.03, 0.06),  # rapeseed in flower
)
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


@dataclass
class Terrain:
    image: np.ndarray  # uint8 BGR (MAP_H, MAP_W, 3)
    pyramid: list[np.ndarray]  # image halved again and again, for distant or wide views
    roads: dict[str, np.ndarray]
    houses: list[House]
    trees: np.ndarray  # (n, 5): x, y, height m, crown radius m, shade; for ground-level views
    poles: np.ndarray  # (n, 2) power-line poles along the main road
    sites: dict[str, Vec]


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


def fixed(pts: np.ndarray, origin: Vec = (0.0, 0.0)) -> np.ndarray:
    """Points as the 4-bit fixed-point int32 array cv2's drawing functions take with shift=4."""
    return np.round((np.asarray(pts) - np.asarray(origin)) * 16).astype(np.int32)


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


def rect(
    centre: Sequence[float] | np.ndarray, length: float, width: float, angle: float
) -> np.ndarray:
    """Corners of a rotated rectangle (long side along ``angle``)."""
    c, s = math.cos(angle), math.sin(angle)
    local = np.array([[1, 1], [1, -1], [-1, -1], [-1, 1]], np.float32) * (length / 2, width / 2)
    return local @ np.array([[c, s], [-s, c]], np.float32) + np.asarray(centre, np.float32)


def field_layout(rng: np.random.Generator) -> np.ndarray:
    """Field parcels as Voronoi cells of random seeds (label per pixel, 1..n)."""
    seeds = np.ones((MAP_H, MAP_W), np.uint8)
    pts = rng.uniform((0, 0), (MAP_W, MAP_H), (46, 2)).astype(int)
    seeds[pts[:, 1], pts[:, 0]] = 0
    _, labels = cv2.distanceTransformWithLabels(
        seeds, cv2.DIST_L2, 5, labelType=cv2.DIST_LABEL_PIXEL
    )
    return labels


def field_colours(rng: np.random.Generator, labels: np.ndarray) -> np.ndarray:
    """Per-parcel crop colour with plough rows, tractor tram-lines and soil-moisture blotches."""
    n = int(labels.max()) + 1
    weights = np.array([k[2] for k in FIELD_KINDS])
    kind = rng.choice(len(FIELD_KINDS), n, p=weights / weights.sum())
    palette = np.array([k[0] for k in FIELD_KINDS], np.float32)[kind]
    palette *= rng.uniform(0.88, 1.1, (n, 1)).astype(np.float32)
    rows = np.array([k[1] for k in FIELD_KINDS], np.float32)[kind]
    angle = rng.uniform(0, math.pi, n).astype(np.float32)
    cos_l, sin_l = np.cos(angle)[labels], np.sin(angle)[labels]
    proj = np.arange(MAP_W, dtype=np.float32)[None] * cos_l
    proj += np.arange(MAP_H, dtype=np.float32)[:, None] * sin_l
    del cos_l, sin_l
    img = palette[labels]
    period = rng.uniform(4.5, 7.0, n).astype(np.float32)[labels]
    texture = 1 + 0.8 * rows[labels] * np.sin(proj * (2 * math.pi) / period)
    del period
    texture += 0.10 * (((proj / 38.0) % 1.0) < 0.05) * (rows[labels] > 0.02)  # tram-lines
    img *= texture[..., None]
    wear = fractal_noise(rng, MAP_H, MAP_W, cells=4, octaves=7)
    img *= (0.78 + 0.44 * wear)[..., None]
    bare = smoothstep(0.6, 0.85, fractal_noise(rng, MAP_H, MAP_W, cells=12, octaves=5))
    img += (np.array([50, 62, 74], np.float32) - img) * (0.3 * bare)[..., None]
    img *= (0.93 + 0.14 * value_noise(rng, MAP_H, MAP_W, 900))[..., None]  # grass clumps
    return img


def field_edges(labels: np.ndarray) -> np.ndarray:
    """Pixels on a boundary between two parcels."""
    edge = np.zeros(labels.shape, bool)
    edge[1:] |= labels[1:] != labels[:-1]
    edge[:, 1:] |= labels[:, 1:] != labels[:, :-1]
    return edge


def hillshade(rng: np.random.Generator, img: np.ndarray) -> None:
    """Gentle relief: light from the north-west on a low-frequency height field."""
    height = fractal_noise(rng, MAP_H // 4, MAP_W // 4, cells=2, octaves=4)
    gx = cv2.Sobel(height, cv2.CV_32F, 1, 0, ksize=5)
    gy = cv2.Sobel(height, cv2.CV_32F, 0, 1, ksize=5)
    shade = cv2.resize(1 - 6.0 * (gx + gy), (MAP_W, MAP_H), interpolation=cv2.INTER_LINEAR)
    img *= np.clip(shade, 0.85, 1.15)[..., None]


def road_network() -> dict[str, np.ndarray]:
    """Hand-placed roads so shots can be aimed at them: a highway to the border checkpoint,
    a village street crossing the river, and dirt tracks between fields."""
    return {
        "highway": spline(
            [
                (-60, 2260),
                (700, 2060),
                (1500, 2120),
                (2300, 1860),
                (3100, 1700),
                (3650, 1640),
                (4060, 1560),
            ]
        ),
        "street": spline(
            [
                (1500, 2120),
                (1420, 1700),
                (1350, 1300),
                (1470, 900),
                (1600, 600),
                (1560, 300),
                (1500, -60),
            ]
        ),
        "track_east": spline([(2300, 1860), (2450, 1300), (2900, 900), (3400, 620), (4060, 540)]),
        "track_south": spline([(700, 2060), (520, 2500), (820, 3060)]),
        "track_west": spline([(1400, 1050), (900, 920), (420, 760), (-60, 700)]),
        "track_forest": spline([(2300, 1860), (2520, 2250), (2700, 2560), (3000, 3060)]),
        "lane_a": spline([(3150, 1700), (3180, 1980), (3260, 2300)]),
    }


def river_course(rng: np.random.Generator) -> np.ndarray:
    """A meandering river across the north of the map."""
    xs = np.linspace(-80, MAP_W + 80, 12)
    ys = 360 + 110 * np.sin(xs / 430.0) + rng.uniform(-60, 60, xs.size)
    return spline(list(zip(xs, ys, strict=True)))


def blob(rng: np.random.Generator, centre: Vec, radius: float) -> np.ndarray:
    """An irregular round outline (int32 points): a wood, a scorch mark, a puddle."""
    k = np.arange(1, 6)
    amps, phases = rng.uniform(0.04, 0.16, 5) / k, rng.uniform(0, 2 * math.pi, 5)
    ang = np.linspace(0, 2 * math.pi, 72, endpoint=False)
    r = radius * (1 + (amps[:, None] * np.sin(k[:, None] * ang + phases[:, None])).sum(0))
    return np.column_stack([centre[0] + r * np.cos(ang), centre[1] + r * 0.7 * np.sin(ang)]).astype(
        np.int32
    )


def tree_cover(rng: np.random.Generator, edges: np.ndarray, river: np.ndarray) -> np.ndarray:
    """0..1 canopy mask: wind-break belts on about half the field edges, a few woods, river
    banks. Belts of poplar and oak between fields are the signature of this landscape."""
    band = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (19, 19))
    belts = cv2.dilate(edges.astype(np.uint8), band).astype(np.float32)
    belts *= smoothstep(
        0.40,
        0.48,
        fractal_noise(rng, MAP_H // 4, MAP_W // 4, cells=4, octaves=3).repeat(4, 0).repeat(4, 1),
    )
    woods = smoothstep(
        0.70,
        0.74,
        fractal_noise(rng, MAP_H // 4, MAP_W // 4, cells=3, octaves=5).repeat(4, 0).repeat(4, 1),
    )
    cover = np.maximum(belts, woods)
    cv2.ellipse(cover, (2640, 2440), (320, 80), 0, 0, 360, 0.0, -1)  # open field: the trenches
    cv2.fillPoly(cover, [blob(rng, (2800, 2660), 150)], 1.0)  # and the wood behind them
    banks = np.zeros_like(cover)
    cv2.polylines(banks, [fixed(river)], False, 1.0, 64, cv2.LINE_AA, shift=4)
    gate = fractal_noise(rng, MAP_H // 8, MAP_W // 8, cells=8, octaves=3)
    gate = cv2.resize(gate, (MAP_W, MAP_H))
    cover = np.maximum(cover, banks * smoothstep(0.45, 0.55, gate))
    ragged = fractal_noise(rng, MAP_H, MAP_W, cells=200, octaves=2)
    return smoothstep(0.45, 0.6, cv2.GaussianBlur(cover, (0, 0), 3) * 0.75 + ragged * 0.3)


def clear_cover(cover: np.ndarray, roads: dict[str, np.ndarray], houses: list[House]) -> None:
    """No trees on roads or on top of houses."""
    keep = np.ones((MAP_H, MAP_W), np.uint8)
    for poly in roads.values():
        cv2.polylines(keep, [fixed(poly)], False, 0, 26, cv2.LINE_8, shift=4)
    for h in houses:
        cv2.fillPoly(
            keep, [fixed(rect((h.x, h.y), h.length + 8, h.width + 8, h.angle))], 0, shift=4
        )
    cover *= cv2.GaussianBlur(keep.astype(np.float32), (0, 0), 2)


def draw_trees(rng: np.random.Generator, img: np.ndarray, cover: np.ndarray) -> None:
    """Canopy seen from above: lumpy crowns lit from the north-west, shadows to the south-east."""
    seeds = (rng.random((MAP_H, MAP_W)) < 0.03).astype(np.float32)
    blurred = np.asarray(cv2.GaussianBlur(seeds, (0, 0), 2.3), np.float32)
    crowns = blurred / float(blurred.max())
    lit = crowns - np.roll(crowns, (2, 2), (0, 1))
    colour = np.array([40, 74, 48], np.float32) * (0.55 + 1.6 * crowns + 2.2 * lit)[..., None]
    colour += np.array([0, 10, 4], np.float32) * value_noise(rng, MAP_H, MAP_W, 60)[..., None]
    dx, dy = (int(v * 14) for v in SUN)
    shadow = np.zeros_like(cover)
    shadow[dy:, dx:] = cover[:-dy, :-dx]
    shadow *= 1 - cover
    img *= (1 - 0.5 * shadow)[..., None]
    img += (colour - img) * cover[..., None]


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


def place_village(rng: np.random.Generator, road: np.ndarray, i0: int, i1: int) -> list[House]:
    """Houses on both sides of a road stretch, one per ~23 m plot, a few plots empty."""
    nrm = normals(road)
    houses = []
    for i in range(i0, i1, 23):
        for side in (-1, 1):
            if rng.random() < 0.15:
                continue
            j = min(i + int(rng.integers(-3, 4)), len(road) - 1)
            length, width = rng.uniform(20, 28), rng.uniform(14, 19)
            centre = road[j] + nrm[j] * side * (22 + width / 2 + rng.uniform(0, 6))
            _, heading = along(road, j * STEP)
            houses.append(
                House(
                    float(centre[0]),
                    float(centre[1]),
                    heading + rng.normal(0, 0.04),
                    length,
                    width,
                    ROOFS[rng.integers(len(ROOFS))],
                    WALLS[rng.integers(len(WALLS))],
                )
            )
    return houses


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


def paint_crater(img: np.ndarray, x: float, y: float, r: float) -> None:
    """A shell crater: pale thrown-out soil around a dark pit."""

    def ring(mask: np.ndarray, o: Vec) -> None:
        cv2.circle(
            mask,
            (int((x - o[0]) * 16), int((y - o[1]) * 16)),
            int(r * 16 * 1.8),
            1.0,
            -1,
            cv2.LINE_AA,
            shift=4,
        )

    def pit(mask: np.ndarray, o: Vec) -> None:
        cv2.circle(
            mask,
            (int((x - o[0]) * 16), int((y - o[1]) * 16)),
            int(r * 16),
            1.0,
            -1,
            cv2.LINE_AA,
            shift=4,
        )

    box = (int(x - 3 * r), int(y - 3 * r), int(x + 3 * r), int(y + 3 * r))
    paint(img, ring, box, (104, 122, 134), blur=r * 0.5, alpha=0.7)
    paint(img, pit, box, (34, 38, 42), blur=r * 0.3, alpha=0.85)


def tree_billboards(rng: np.random.Generator, cover: np.ndarray) -> np.ndarray:
    """Tree positions for ground-level views: crowns at the edges of woods and along belts
    (a wood's interior is hidden behind its edge anyway)."""
    solid = (cover > 0.5).astype(np.uint8)
    inner = cv2.erode(solid, np.ones((25, 25), np.uint8))
    ys, xs = np.mgrid[4:MAP_H:11, 4:MAP_W:11]
    xs = np.clip(xs + rng.integers(-5, 6, xs.shape), 0, MAP_W - 1).ravel()
    ys = np.clip(ys + rng.integers(-5, 6, ys.shape), 0, MAP_H - 1).ravel()
    keep = (solid[ys, xs] > 0) & (inner[ys, xs] == 0)
    n = int(keep.sum())
    return np.column_stack(
        [
            xs[keep],
            ys[keep],
            rng.uniform(9, 20, n),
            rng.uniform(2.2, 4.2, n),
            rng.uniform(0.7, 1.25, n),
        ]
    ).astype(np.float32)


def road_trees(rng: np.random.Generator, road: np.ndarray, start: int, stop: int) -> np.ndarray:
    """Roadside trees (a planted belt with gaps) for the drive through the windscreen."""
    nrm = normals(road)
    rows = []
    for i in range(start, min(stop, len(road)), 6):
        for side in (-1, 1):
            if rng.random() < 0.3:
                continue
            x, y = road[i] + nrm[i] * side * rng.uniform(24, 34)
            rows.append((x, y, rng.uniform(8, 16), rng.uniform(2.0, 3.5), rng.uniform(0.7, 1.2)))
    return np.array(rows, np.float32)


def build_terrain(seed: int = SEED) -> Terrain:
    """Render the map once; every drone and ground shot of both clips films some part of it."""
    rng = np.random.default_rng(seed)
    labels = field_layout(rng)
    img = field_colours(rng, labels)
    edges = field_edges(labels)
    del labels
    img[cv2.dilate(edges.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0] *= 0.93
    hillshade(rng, img)
    river = river_course(rng)
    cover = tree_cover(rng, edges, river)
    del edges
    roads = road_network()
    paint_river(img, river)
    for name, poly in roads.items():
        if name == "highway":
            paint_asphalt(img, poly)
        else:
            paint_track(img, poly, 11 if name == "street" else 9)
    paint_bridge(img, roads["street"], river)
    hw, st = roads["highway"], roads["street"]
    houses = place_village(
        rng, hw, nearest_index(hw, (2950, 1740)), nearest_index(hw, (3560, 1650))
    )
    houses += place_village(
        rng, st, nearest_index(st, (1400, 1420)), nearest_index(st, (1580, 640))
    )
    for h in houses:
        road = hw if h.x > 2500 else st
        away = np.array([h.x, h.y]) - road[nearest_index(road, (h.x, h.y))]
        paint_garden(rng, img, cover, h, away / max(float(np.hypot(*away)), 1e-6))
    clear_cover(cover, roads, houses)
    trees = np.vstack([tree_billboards(rng, cover), road_trees(rng, hw, 0, 1400)])
    draw_trees(rng, img, cover)
    del cover
    for h in houses:
        paint_house(img, h)
    checkpoint = nearest_index(hw, (3800, 1600))
    paint_checkpoint(img, hw, checkpoint)
    paint_positions(rng, img, (2640, 2440))
    img += rng.normal(0, 2.5, img.shape).astype(np.float32)
    image = np.clip(cv2.GaussianBlur(img, (0, 0), 0.6), 0, 255).astype(np.uint8)
    pyramid: list[np.ndarray] = [image]
    for _ in range(5):
        pyramid.append(cv2.pyrDown(pyramid[-1]))
    poles = hw[::50] + normals(hw)[::50] * 24
    sites = {
        "checkpoint": tuple(hw[checkpoint]),
        "positions": (2640.0, 2440.0),
        "village_a": (3250.0, 1700.0),
        "village_b": (1420.0, 1050.0),
    }
    return Terrain(image, pyramid, roads, houses, trees, poles, sites)


# --------------------------------------------------------------------------------------------
# The camera: what every sensor adds, and text drawn on top afterwards
# --------------------------------------------------------------------------------------------


class Sensor:
    """Vignette, slow exposure drift and fresh per-frame noise, as a small sensor produces.

    Noise comes from a small bank of pre-drawn fields cropped at random offsets: every frame
    gets different grain at a fraction of the cost of drawing 400k normals per frame.
    """

    PAD = 24

    def __init__(self, w: int, h: int, seed: int, noise: float = 3.2, vignette: float = 0.38):
        self.w, self.h, self.noise = w, h, noise
        self.rng = np.random.default_rng(seed)
        shape = (8, h + self.PAD, w + self.PAD)
        luma = self.rng.standard_normal((*shape, 1), dtype=np.float32)
        chroma = self.rng.standard_normal((*shape, 3), dtype=np.float32)
        self.grain = noise * (luma + 0.35 * chroma)  # mostly luminance, a little colour
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        r2 = ((xx - w / 2) / (w / 2)) ** 2 + ((yy - h / 2) / (w / 2)) ** 2
        self.vignette = (1 - vignette * r2**1.2)[..., None].astype(np.float32)

    def finish(self, frame: Frame, t: float) -> np.ndarray:
        """Expose, vignette and add grain; returns the uint8 frame an encoder would see."""
        gain = 1 + 0.035 * math.sin(2 * math.pi * t / 6.1) + 0.02 * math.sin(t * 2.7 + 1.3)
        k = int(self.rng.integers(len(self.grain)))
        oy, ox = (int(v) for v in self.rng.integers(0, self.PAD, 2))
        out = frame * (gain * self.vignette)
        out += self.grain[k, oy : oy + self.h, ox : ox + self.w]
        return np.clip(out, 0, 255, out=out).astype(np.uint8)


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


def legion_bug(img: np.ndarray) -> None:
    """The legion's channel mark, top right: a small tricolour and the name."""
    w = img.shape[1]
    for i, c in enumerate(((235, 235, 235), (170, 110, 40), (235, 235, 235))):
        img[10 + 4 * i : 14 + 4 * i, w - 98 : w - 80] = c
    text(img, "LEGION", (w - 74, 21), 0.4, thick=1, font=cv2.FONT_HERSHEY_DUPLEX)


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


# --------------------------------------------------------------------------------------------
# Vehicles seen from above, and smoke, fire and dust as particles
# --------------------------------------------------------------------------------------------

OLIVE, DARK, BURNT, RUST = (58, 86, 78), (38, 46, 44), (27, 29, 32), (34, 56, 88)


def box_pts(f0: float, f1: float, r0: float, r1: float) -> np.ndarray:
    """A rectangle in vehicle coordinates: forward f0..f1, right r0..r1 (map px)."""
    return np.array([(f1, r0), (f1, r1), (f0, r1), (f0, r0)], np.float32)


def disc_pts(f: float, r: float, radius: float, n: int = 14) -> np.ndarray:
    a = np.linspace(0, 2 * math.pi, n, endpoint=False)
    return np.column_stack([f + radius * np.cos(a), r + radius * np.sin(a)]).astype(np.float32)


def vehicle_parts(kind: str, burnt: bool) -> list[tuple[np.ndarray, tuple[int, int, int]]]:
    """Top-down outline of a vehicle as coloured polygons, front along +forward.
    Sizes are map pixels (0.5 m): a BMP-2 is 6.7 x 3.1 m, a KAMAZ-4310 about 8 x 2.5 m."""
    if kind == "bmp2":
        hull = np.array([(6.7, 0), (5.0, -3.1), (-6.7, -3.1), (-6.7, 3.1), (5.0, 3.1)], np.float32)
        turret = disc_pts(-0.6, 0.9, 2.0) if burnt else disc_pts(-0.3, 0, 2.0)
        parts = [
            (hull, BURNT if burnt else OLIVE),
            (box_pts(-6.7, 5.0, 2.3, 3.1), DARK),
            (box_pts(-6.7, 5.0, -3.1, -2.3), DARK),
            (box_pts(3.4, 5.2, 0.4, 2.0), RUST if burnt else (48, 70, 64)),
            (box_pts(-6.0, -3.2, -1.8, 1.8), RUST if burnt else (70, 98, 90)),
            (turret, (40, 44, 46) if burnt else (66, 96, 86)),
        ]
        if not burnt:
            parts.append((box_pts(1.6, 7.6, -0.2, 0.2), (40, 50, 48)))
        return parts
    if kind == "kamaz":
        cargo = RUST if burnt else (80, 108, 104)
        parts = [
            (box_pts(-8.0, 4.6, -2.5, 2.5), cargo),
            (box_pts(5.0, 8.0, -2.4, 2.4), BURNT if burnt else (62, 98, 82)),
            (box_pts(7.4, 8.0, -2.1, 2.1), (30, 32, 36) if burnt else (60, 64, 70)),
        ]
        rib = BURNT if burnt else (66, 92, 90)
        parts += [(box_pts(x, x + 0.5, -2.5, 2.5), rib) for x in np.arange(-7.0, 4.0, 2.2)]
        return parts
    body = BURNT if burnt else (178, 180, 176)  # a civilian car or pickup
    return [
        (box_pts(-4.5, 4.5, -1.9, 1.9), body),
        (box_pts(0.2, 2.4, -1.6, 1.6), (40, 42, 46) if not burnt else RUST),
    ]


@dataclass(frozen=True)
class Vehicle:
    """A vehicle driving along a named road; it stops (and burns) when a strike hits it."""

    kind: str
    road: str
    start: float  # map px along the road at shot time 0
    speed: float = 0.0  # map px per second (10 px/s = 18 km/h)
    lane: float = 3.0  # map px right of the centre line
    stop: float = 1e9  # shot time at which it stops
    burnt: float = 1e9  # shot time from which it is a burnt-out wreck
    skew: float = 0.0  # radians off the road direction (a wreck slewed into the verge)

    def place(self, roads: dict[str, np.ndarray], t: float) -> tuple[np.ndarray, float]:
        poly = roads[self.road]
        p, heading = along(poly, self.start + self.speed * min(t, self.stop))
        side = np.array([-math.sin(heading), math.cos(heading)])
        return p + side * self.lane, heading + self.skew


def vehicle_polys(
    v: Vehicle, roads: dict[str, np.ndarray], t: float
) -> list[tuple[np.ndarray, tuple[int, int, int]]]:
    """The vehicle's polygons in map coordinates at shot time ``t``."""
    p, heading = v.place(roads, t)
    fwd = np.array([math.cos(heading), math.sin(heading)], np.float32)
    right = np.array([-fwd[1], fwd[0]], np.float32)
    return [
        (p + pts[:, :1] * fwd + pts[:, 1:] * right, colour)
        for pts, colour in vehicle_parts(v.kind, t >= v.burnt)
    ]


@dataclass
class Particles:
    """Puffs of smoke, dust or fire with a birth time and simple ballistics (map px units)."""

    birth: np.ndarray
    pos: np.ndarray  # (n, 3): x, y on the map, z height
    vel: np.ndarray  # (n, 3) px/s, slowed by drag with time constant ``tau``
    tau: np.ndarray
    gravity: np.ndarray  # 1 for thrown earth, 0 for buoyant smoke
    r0: np.ndarray
    grow: np.ndarray
    life: np.ndarray
    alpha: np.ndarray
    colour: np.ndarray  # (n, 3) BGR
    fire: np.ndarray  # bool: additive glow instead of occluding smoke

    @staticmethod
    def join(parts: Sequence[Particles]) -> Particles:
        return Particles(
            *(
                np.concatenate([getattr(p, f) for p in parts])
                for f in Particles.__dataclass_fields__
            )
        )

    def at(self, t: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Indices alive at ``t`` and their positions, radii and opacities."""
        age = t - self.birth
        idx = np.flatnonzero((age >= 0) & (age < self.life))
        a = age[idx]
        drift = self.tau[idx] * (1 - np.exp(-a / self.tau[idx]))
        pos = self.pos[idx] + self.vel[idx] * drift[:, None]
        pos[:, 2] = np.maximum(pos[:, 2] - 0.5 * 19.6 * self.gravity[idx] * a**2, 0)
        u = a / self.life[idx]
        alpha = self.alpha[idx] * (1 - u) ** 0.9 * smoothstep(0, 0.06, a)
        return idx, pos, self.r0[idx] + self.grow[idx] * a, alpha


def puffs(
    rng: np.random.Generator,
    n: int,
    t0: float,
    spread: float,
    centre: Sequence[float],
    *,
    vel: Sequence[float] = (0, 0, 0),
    jitter: Sequence[float] = (0, 0, 0),
    tau: float = 1e3,
    gravity: float = 0.0,
    r0: Vec = (3, 3),
    grow: Vec = (4, 4),
    life: Vec = (3, 5),
    alpha: Vec = (0.5, 0.7),
    colour: Sequence[float] = (120, 120, 120),
    fire: bool = False,
) -> Particles:
    """``n`` particles born over ``spread`` seconds from ``t0`` around ``centre``."""
    pos = np.asarray(centre, np.float32) + rng.normal(0, 1.5, (n, 3)).astype(np.float32) * (1, 1, 0)
    v = np.asarray(vel, np.float32) + rng.normal(0, 1, (n, 3)).astype(np.float32) * jitter
    shade = rng.uniform(0.85, 1.15, (n, 1)).astype(np.float32)
    return Particles(
        birth=np.sort(t0 + rng.uniform(0, spread, n)).astype(np.float32),
        pos=pos,
        vel=v,
        tau=np.full(n, tau, np.float32),
        gravity=np.full(n, gravity, np.float32),
        r0=rng.uniform(*r0, n).astype(np.float32),
        grow=rng.uniform(*grow, n).astype(np.float32),
        life=rng.uniform(*life, n).astype(np.float32),
        alpha=rng.uniform(*alpha, n).astype(np.float32),
        colour=np.clip(np.asarray(colour, np.float32) * shade, 0, 255),
        fire=np.full(n, fire),
    )


@dataclass(frozen=True)
class Blast:
    """A strike or shell impact at shot time ``t0`` on map point (x, y)."""

    t0: float
    x: float
    y: float
    power: float = 1.0
    burn: float = 0.0  # seconds of black smoke and flames afterwards (a hit vehicle)
    earth: bool = False  # a shell in soft ground: a column of thrown earth


def blast_particles(rng: np.random.Generator, b: Blast, wind: Vec) -> Particles:
    """Flash, fireball, the dust and smoke of the blast and, for a hit vehicle, a fire."""
    c, p = (b.x, b.y, 2.0), b.power
    parts = [
        puffs(
            rng,
            1,
            b.t0,
            0,
            c,
            r0=(8 * p, 8 * p),
            grow=(60 * p, 60 * p),
            life=(0.1, 0.1),
            alpha=(1, 1),
            colour=(225, 245, 255),
            fire=True,
        ),
        puffs(
            rng,
            16,
            b.t0,
            0.15,
            c,
            jitter=(30 * p, 30 * p, 8),
            tau=0.25,
            r0=(1.5 * p, 3 * p),
            grow=(8 * p, 16 * p),
            life=(0.15, 0.35) if b.earth else (0.3, 0.75),  # a shell flashes, fuel burns
            alpha=(0.7, 1),
            colour=(70, 160, 250),
            fire=True,
        ),
        puffs(
            rng,
            18,
            b.t0,
            0.3,
            c,
            vel=(wind[0], wind[1], 10),
            jitter=(3 * p, 3 * p, 6),
            tau=1.0,
            r0=(6 * p, 9 * p),
            grow=(7 * p, 11 * p),
            life=(3, 5.5),
            alpha=(0.6, 0.85),
            colour=(98, 108, 116),
        ),
        puffs(
            rng,
            44,
            b.t0,
            0.35,
            c,
            vel=(wind[0], wind[1], 26),
            jitter=(11 * p, 11 * p, 14),
            tau=0.7,
            r0=(5 * p, 8 * p),
            grow=(8 * p, 14 * p),
            life=(3, 6),
            alpha=(0.65, 0.95),
            colour=(104, 116, 126),
        ),
    ]
    if b.earth:
        parts.append(
            puffs(
                rng,
                26,
                b.t0,
                0.1,
                c,
                vel=(0, 0, 70),
                jitter=(10, 10, 22),
                gravity=1.0,
                r0=(2, 4),
                grow=(3, 6),
                life=(1.3, 2.2),
                alpha=(0.6, 0.9),
                colour=(62, 76, 90),
            )
        )
    if b.burn > 0:
        n = int(b.burn / 0.07)
        dark = min(p, 1.0)  # a fresh fire smokes black, an old one smoulders grey and thin
        grey = tuple(38 * dark + 118 * (1 - dark) for _ in range(3))
        parts.append(
            puffs(
                rng,
                n,
                b.t0 + 0.3,
                b.burn,
                c,
                vel=(wind[0], wind[1], 18),
                jitter=(2, 2, 4),
                r0=(4, 6),
                grow=(6, 10),
                life=(4, 6.5),
                alpha=(0.35 + 0.4 * dark, 0.45 + 0.5 * dark),
                colour=grey,
            )
        )
        parts.append(
            puffs(
                rng,
                int(b.burn * 6),
                b.t0 + 0.3,
                b.burn,
                c,
                vel=(0, 0, 8),
                jitter=(3, 3, 3),
                r0=(1, 2.2),
                grow=(1, 3),
                life=(0.15, 0.4),
                alpha=(0.6, 0.9),
                colour=(60, 150, 255),
                fire=True,
            )
        )
    return Particles.join(parts)


def dust_trail(
    rng: np.random.Generator, v: Vehicle, roads: dict[str, np.ndarray], duration: float, wind: Vec
) -> Particles | None:
    """Dust kicked up behind a vehicle moving on a dirt track."""
    if v.speed <= 0 or v.road == "highway":
        return None
    parts = []
    for t in np.arange(0, min(duration, v.stop), 0.08):
        p, heading = v.place(roads, float(t))
        rear = p - 7 * np.array([math.cos(heading), math.sin(heading)])
        parts.append(
            puffs(
                rng,
                1,
                float(t),
                0.0,
                (rear[0], rear[1], 1),
                vel=(*wind, 2),
                jitter=(3, 3, 1),
                r0=(2, 3),
                grow=(2.5, 4),
                life=(2, 3),
                alpha=(0.25, 0.4),
                colour=(140, 165, 182),
            )
        )
    return Particles.join(parts)


def render_particles(
    frame: Frame,
    ps: Particles,
    t: float,
    project: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]],
    texture: np.ndarray,
) -> None:
    """Composite the particles alive at ``t`` into ``frame`` in place.

    ``project`` maps (n, 3) positions to (n, 2) frame pixels and a pixels-per-map-pixel scale.
    Smoke is painted front-to-back into an opacity layer and a premultiplied colour layer,
    blurred so puffs merge into one plume, and broken up by a drifting noise ``texture``.
    Fire is added on top as glow. Both layers are made at half size: they are soft anyway.
    """
    idx, pos, radius, alpha = ps.at(t)
    if idx.size == 0:
        return
    xy, scale = project(pos)
    xy, rad = xy * 0.5, np.maximum(radius * scale * 0.5, 0.5)
    h, w = frame.shape[:2]
    size = ((w + 1) // 2, (h + 1) // 2)
    smoke, glow = ~ps.fire[idx], ps.fire[idx]
    if smoke.any():
        opacity = np.zeros(size[::-1], np.float32)
        paintc = np.zeros((*size[::-1], 3), np.float32)
        for i in np.flatnonzero(smoke).tolist():
            centre, r = tuple(fixed(xy[i]).tolist()), int(rad[i] * 16)
            cv2.circle(opacity, centre, r, float(alpha[i]), -1, cv2.LINE_AA, shift=4)
            cv2.circle(
                paintc, centre, r, (ps.colour[idx[i]] * alpha[i]).tolist(), -1, cv2.LINE_AA, shift=4
            )
        sigma = max(0.7, 0.18 * float(np.median(rad[smoke])))
        opacity = cv2.resize(cv2.GaussianBlur(opacity, (0, 0), sigma), (w, h))
        paintc = cv2.resize(cv2.GaussianBlur(paintc, (0, 0), sigma), (w, h))
        thin = np.clip(opacity * texture, 0, 1) / np.maximum(opacity, 1e-3)
        frame *= 1 - (opacity * thin)[..., None]
        frame += paintc * thin[..., None]
    if glow.any():
        light = np.zeros((*size[::-1], 3), np.float32)
        for i in np.flatnonzero(glow).tolist():
            cv2.circle(
                light,
                tuple(fixed(xy[i]).tolist()),
                int(rad[i] * 16),
                (ps.colour[idx[i]] * alpha[i]).tolist(),
                -1,
                cv2.LINE_AA,
                shift=4,
            )
        sigma = max(0.7, 0.3 * float(np.median(rad[glow])))
        frame += cv2.resize(cv2.GaussianBlur(light, (0, 0), sigma), (w, h))


class SmokeTexture:
    """A large noise field cropped at a drifting offset: smoke looks billowy, not like discs."""

    def __init__(self, w: int, h: int, seed: int):
        noise = fractal_noise(np.random.default_rng(seed), h * 2, w * 2, cells=10, octaves=4)
        self.field = (0.55 + 0.9 * noise).astype(np.float32)
        self.w, self.h = w, h

    def at(self, t: float) -> np.ndarray:
        ox, oy = int(t * 9) % self.w, int(t * 14) % self.h
        return self.field[oy : oy + self.h, ox : ox + self.w]


# --------------------------------------------------------------------------------------------
# Drone shots: a virtual camera looking straight down on the terrain map
# --------------------------------------------------------------------------------------------


def view_matrix(x: float, y: float, scale: float, roll: float, w: int, h: int) -> np.ndarray:
    """Affine map -> frame for a camera centred on (x, y), ``scale`` map px per frame px."""
    a = math.radians(roll)
    c, s = math.cos(a) / scale, math.sin(a) / scale
    return np.array([[c, s, w / 2 - c * x - s * y], [-s, c, h / 2 + s * x - c * y]], np.float32)


def apply(m: np.ndarray, pts: np.ndarray) -> np.ndarray:
    return np.asarray(pts, np.float32) @ m[:, :2].T + m[:, 2]


def detail_tile(seed: int = SEED + 7) -> np.ndarray:
    """Fine ground texture (tufts, clods) finer than the map's 0.5 m pixels, for close views."""
    spectrum = np.fft.rfft2(np.random.default_rng(seed).standard_normal((1024, 1024)))
    fy, fx = np.fft.fftfreq(1024)[:, None], np.fft.rfftfreq(1024)[None]
    radius = np.hypot(fx, fy)
    band = (radius > 0.004) & (radius < 0.25)
    spectrum *= np.where(band, np.maximum(radius, 0.004) ** -0.9, 0)  # periodic: no seams
    noise = np.fft.irfft2(spectrum, (1024, 1024))
    return (0.25 * noise / noise.std()).astype(np.float32)


DETAIL = detail_tile()


def sample_map(terrain: Terrain, m: np.ndarray, scale: float, w: int, h: int) -> Frame:
    """The map under the camera; wide views read a smaller pyramid level to avoid aliasing,
    close views get a tiled detail texture at 2x the map's resolution (the map alone is soft)."""
    level = min(int(math.log2(scale)) if scale >= 1.4 else 0, len(terrain.pyramid) - 1)
    mk = m.copy()
    mk[:, :2] *= 2**level
    interp = cv2.INTER_LINEAR
    out = cv2.warpAffine(
        terrain.pyramid[level], mk, (w, h), flags=interp, borderMode=cv2.BORDER_REFLECT101
    ).astype(np.float32)
    if scale < 1.2:
        md = m.copy()
        md[:, :2] *= 0.5
        detail = cv2.warpAffine(
            DETAIL, md, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_WRAP
        )
        out *= (1 + 0.35 * (1.2 - scale) * detail)[..., None]
    return out


def desaturate(frame: Frame, keep: float = 0.12, contrast: float = 1.12) -> Frame:
    """The washed-out grey of a cheap or thermal-ish drone camera."""
    lum = frame @ np.array([0.11, 0.59, 0.30], np.float32)
    grey = lum[..., None] * (1 - keep) + frame * keep
    return (grey - 110) * contrast + 118


@dataclass
class DroneShot:
    """A drone camera moving over the map while vehicles drive and strikes land."""

    duration: float
    centre: tuple[Vec, Vec]  # camera centre at start and end (map px)
    zoom: Vec  # map px per frame px, start and end (smaller = closer)
    roll: Vec = (0.0, 0.0)  # degrees
    vehicles: tuple[Vehicle, ...] = ()
    blasts: tuple[Blast, ...] = ()
    follow: int | None = None  # keep this vehicle near the centre, with ``centre`` as offset
    grey: bool = False
    wind: Vec = (5.0, -3.0)  # smoke drift, map px per second
    wobble: float = 1.2  # frame px of airframe jitter
    seed: int = 0
    finished: bool = False  # a rendered scene still goes through the sensor
    particles: Particles | None = field(default=None, init=False)
    scorches: list[np.ndarray] = field(default_factory=list, init=False)

    def prepare(self, terrain: Terrain, w: int, h: int) -> None:
        rng = np.random.default_rng(self.seed)
        parts = [blast_particles(rng, b, self.wind) for b in self.blasts]
        parts += [
            p
            for v in self.vehicles
            if (p := dust_trail(rng, v, terrain.roads, self.duration, self.wind))
        ]
        self.particles = Particles.join(parts) if parts else None
        self.scorches = [blob(rng, (b.x, b.y), 9 * b.power).astype(np.float32) for b in self.blasts]
        self.texture = SmokeTexture(w, h, self.seed + 1)

    def pose(self, roads: dict[str, np.ndarray], t: float) -> tuple[float, float, float, float]:
        u = ease(t / self.duration)
        x, y = (lerp(a, b, u) for a, b in zip(*self.centre, strict=True))
        if self.follow is not None:  # the operator tracks the target with a little lag
            v = self.vehicles[self.follow]
            lag = np.mean([v.place(roads, max(t - k * 0.15, 0))[0] for k in range(5)], axis=0)
            x, y = x + float(lag[0]), y + float(lag[1])
        scale = lerp(*self.zoom, u)
        jx, jy = shake(t, self.seed, self.wobble * scale)
        return x + jx, y + jy, scale, lerp(*self.roll, u)

    def render(self, terrain: Terrain, t: float, w: int, h: int) -> Frame:
        x, y, scale, roll = self.pose(terrain.roads, t)
        m = view_matrix(x, y, scale, roll, w, h)
        frame = sample_map(terrain, m, scale, w, h)
        self.draw_ground_marks(frame, m, t, terrain.roads)
        for v in self.vehicles:
            for pts, colour in vehicle_polys(v, terrain.roads, t):
                cv2.fillPoly(frame, [fixed(apply(m, pts))], colour, cv2.LINE_AA, shift=4)
        if self.particles is not None:

            def project(pos: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
                xy = apply(m, pos[:, :2])
                xy[:, 1] -= pos[:, 2] * 0.5 / scale  # rising smoke leans towards the horizon
                return xy, np.full(len(pos), 1 / scale, np.float32)

            render_particles(frame, self.particles, t, project, self.texture.at(t))
        frame *= self.flash(t)
        if self.grey:
            frame = desaturate(frame)
        return cv2.GaussianBlur(frame, (0, 0), 0.55)

    def draw_ground_marks(
        self, frame: Frame, m: np.ndarray, t: float, roads: dict[str, np.ndarray]
    ) -> None:
        """Scorch marks of past strikes and the shadows vehicles cast."""
        shade = np.zeros(frame.shape[:2], np.float32)
        for b, mark in zip(self.blasts, self.scorches, strict=True):
            if t >= b.t0 + 0.1:
                cv2.fillPoly(shade, [fixed(apply(m, mark))], 0.75, cv2.LINE_AA, shift=4)
        for v in self.vehicles:
            for pts, _ in vehicle_polys(v, roads, t)[:2]:
                cv2.fillPoly(shade, [fixed(apply(m, pts + SUN * 2.5))], 0.5, cv2.LINE_AA, shift=4)
        frame *= 1 - cv2.GaussianBlur(shade, (0, 0), 1.2)[..., None]

    def flash(self, t: float) -> float:
        """Exposure jump when a blast goes off, then a dip as auto-exposure over-corrects."""
        gain = 1.0
        for b in self.blasts:
            age = t - b.t0
            if 0 <= age < 0.6:
                gain += 0.6 * b.power * math.exp(-age / 0.05) - 0.12 * math.sin(math.pi * age / 0.6)
        return gain


# --------------------------------------------------------------------------------------------
# Ground-level shots: a pinhole camera standing on the same map, with sky and billboards
# --------------------------------------------------------------------------------------------


def periodic_noise(
    rng: np.random.Generator, h: int, w: int, lo: float, hi: float, slope: float = 1.0
) -> np.ndarray:
    """Band-limited noise that tiles seamlessly (made in the Fourier domain), scaled to 0..1."""
    spectrum = np.fft.rfft2(rng.standard_normal((h, w)))
    r = np.hypot(np.fft.fftfreq(h)[:, None], np.fft.rfftfreq(w)[None])
    spectrum *= np.where((r > lo) & (r < hi), np.maximum(r, lo) ** -slope, 0)
    noise = np.fft.irfft2(spectrum, (h, w))
    noise -= noise.min()
    return (noise / noise.max()).astype(np.float32)


@dataclass(frozen=True)
class GroundCam:
    """A camera standing on the map: position (map px), height (m), heading, tilt, lens."""

    x: float
    y: float
    height: float
    yaw: float  # degrees; 0 looks east, 90 south (map rows grow southwards)
    pitch: float = 2.0  # degrees below the horizon
    fov: float = 60.0  # horizontal field of view, degrees

    def focal(self, w: int) -> float:
        return (w / 2) / math.tan(math.radians(self.fov) / 2)

    def basis(self) -> tuple[np.ndarray, np.ndarray]:
        """Rows right, down, forward of the camera in map coordinates (z up), and its centre."""
        th, p = math.radians(self.yaw), math.radians(self.pitch)
        d = np.array([math.cos(th), math.sin(th), 0.0])
        right = np.array([-math.sin(th), math.cos(th), 0.0])
        fwd = math.cos(p) * d + np.array([0, 0, -math.sin(p)])
        down = -(math.sin(p) * d + np.array([0, 0, math.cos(p)]))
        return np.stack([right, down, fwd]), np.array([self.x, self.y, self.height / MPP])

    def project(self, pts: np.ndarray, w: int, h: int) -> tuple[np.ndarray, np.ndarray]:
        """Frame pixels and depth (map px) of (n, 3) map points."""
        rot, centre = self.basis()
        cam = (np.asarray(pts, np.float64) - centre) @ rot.T
        depth = np.maximum(cam[:, 2], 1e-3)
        f = self.focal(w)
        uv = np.column_stack([f * cam[:, 0] / depth + w / 2, f * cam[:, 1] / depth + h / 2])
        return uv.astype(np.float32), depth.astype(np.float32)

    def homography(self, w: int, h: int) -> np.ndarray:
        """Map plane (x, y, 1) -> frame pixels, for cv2.warpPerspective."""
        rot, centre = self.basis()
        f = self.focal(w)
        k = np.array([[f, 0, w / 2], [0, f, h / 2], [0, 0, 1]])
        return k @ np.column_stack([rot[:, 0], rot[:, 1], -rot @ centre])

    def horizon(self, w: int, h: int) -> float:
        return h / 2 - self.focal(w) * math.tan(math.radians(self.pitch))


class Sky:
    """A 360-degree sky panorama (10 px per degree) with cumulus and a far horizon of tree
    belts, an elevator and a water tower: what a camera sees above the terrain map."""

    PPD, ROWS, HORIZON = 10, 600, 520

    def __init__(self, seed: int, cloud: float = 0.5):
        rng = np.random.default_rng(seed)
        elev = (self.HORIZON - np.arange(self.ROWS, dtype=np.float32)) / self.PPD
        t = smoothstep(0, 35, elev)[:, None, None]
        grad = (
            np.array([214, 208, 200], np.float32) * (1 - t)
            + np.array([188, 136, 86], np.float32) * t
        )
        grad = np.repeat(grad, 360 * self.PPD, axis=1)
        noise = periodic_noise(rng, self.ROWS, 360 * self.PPD, 0.002, 0.03, 1.6)
        cover = smoothstep(1 - cloud, 1 - cloud + 0.3, noise) * smoothstep(0.5, 6, elev)[:, None]
        under = np.clip((noise - np.roll(noise, -8, 0)) * 3, -0.12, 0.12)
        cloud_c = np.array([236, 236, 234], np.float32) * (1 + under)[..., None]
        self.pano = grad + (cloud_c - grad) * cover[..., None]
        belts = periodic_noise(rng, 1, 360 * self.PPD, 0.004, 0.2, 0.8)[0]
        gaps = periodic_noise(rng, 1, 360 * self.PPD, 0.002, 0.02, 1.0)[0]
        self.profile = (0.12 + 0.75 * belts) * smoothstep(0.25, 0.4, gaps) + 0.05
        for col, width, height in ((1150, 6, 2.2), (1190, 5, 1.7), (2890, 4, 1.4)):
            self.profile[col : col + width] = height  # grain elevator, silo, water tower

    def view(self, cam: GroundCam, w: int, h: int) -> Frame:
        k = self.PPD * math.degrees(1 / cam.focal(w))
        m = np.array(
            [
                [k, 0, cam.yaw % 360 * self.PPD - k * w / 2],
                [0, k, self.HORIZON + cam.pitch * self.PPD - k * h / 2],
            ],
            np.float32,
        )
        return cv2.warpAffine(
            self.pano,
            m,
            (w, h),
            flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
            borderMode=cv2.BORDER_WRAP,
        )

    def skyline(self, cam: GroundCam, w: int, h: int, frame: Frame, haze: np.ndarray) -> None:
        """Far tree belts on the horizon, bluish with distance; hides where the map ends."""
        k = math.degrees(1 / cam.focal(w))
        cols = ((cam.yaw + (np.arange(w) - w / 2) * k) * self.PPD).astype(int) % self.profile.size
        top = cam.horizon(w, h) - self.profile[cols] / k
        rows = np.arange(h, dtype=np.float32)[:, None]
        mask = smoothstep(-0.8, 0.8, rows - top[None]) * (rows < cam.horizon(w, h) + 3)
        colour = haze * 0.62 + np.array([40, 44, 30], np.float32)
        frame += (colour - frame) * mask[..., None]


HAZE = np.array([206, 200, 192], np.float32)
LEAVES = periodic_noise(
    np.random.default_rng(SEED + 4), 512, 1024, 0.05, 0.45, 0.5
)  # the pale horizon colour distance fades towards


def ground_distance(cam: GroundCam, w: int, h: int) -> np.ndarray:
    """Ground distance (map px) under each pixel; inf above the horizon. The field is smooth,
    so it is computed on a 1/4-size grid and interpolated."""
    hom = cam.homography(w, h)
    gw, gh = w // 4 + 1, h // 4 + 1
    v, u = np.mgrid[0:gh, 0:gw].astype(np.float64) * 4
    q = np.tensordot(np.linalg.inv(hom), np.stack([u, v, np.ones_like(u)]), 1)
    ahead = q[2] > 0
    dist = np.where(ahead, np.hypot(q[0] / q[2] - cam.x, q[1] / q[2] - cam.y), 1e7)
    dist = cv2.resize(
        np.minimum(dist, 1e7).astype(np.float32), (gw * 4, gh * 4), interpolation=cv2.INTER_LINEAR
    )[:h, :w]
    sky = np.arange(h) <= cam.horizon(w, h) + 0.5
    dist[sky] = np.inf
    return dist


def ground_plane(terrain: Terrain, cam: GroundCam, w: int, h: int) -> tuple[Frame, np.ndarray]:
    """The map seen in perspective, and each pixel's ground distance in metres (inf = sky).

    Each pixel's footprint grows with the square of its distance, so far ground is read from
    smaller pyramid levels (a hand-made mip-map); otherwise distant fields would shimmer. Each
    level is only warped for the band of rows that uses it.
    """
    hom = cam.homography(w, h)
    dist_px = ground_distance(cam, w, h)
    ground = np.isfinite(dist_px)
    footprint = dist_px / cam.focal(w) * np.sqrt(np.maximum(dist_px * MPP / cam.height, 1))
    top = len(terrain.pyramid) - 1
    lod = np.where(ground, np.clip(np.log2(np.maximum(footprint, 1e-3)), 0, top), -9)
    out = np.zeros((h, w, 3), np.float32)
    for level in range(int(lod.max()) + 1):
        weight = np.clip(1 - np.abs(lod - level), 0, 1)
        if level == int(lod.max()):
            weight = np.maximum(weight, (lod >= level).astype(np.float32))
        rows = np.flatnonzero(weight.any(axis=1))
        if rows.size == 0:
            continue
        r0, r1 = int(rows[0]), int(rows[-1]) + 1
        band = np.array([[1, 0, 0], [0, 1, -r0], [0, 0, 1]]) @ hom
        img = cv2.warpPerspective(
            terrain.pyramid[level],
            band @ np.diag([2.0**level] * 2 + [1.0]),
            (w, r1 - r0),
            flags=cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_REFLECT101,
        )
        out[r0:r1] += img.astype(np.float32) * weight[r0:r1, :, None].astype(np.float32)
    near = np.exp(-dist_px * MPP / 25.0).astype(np.float32)
    detail = cv2.warpPerspective(
        DETAIL,
        hom @ np.diag([0.25, 0.25, 1.0]),
        (w, h),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_WRAP,
    )
    out *= (1 + 0.8 * near * detail)[..., None]
    return out, (dist_px * MPP).astype(np.float32)


def aerial_haze(frame: Frame, dist_m: np.ndarray, visibility: float = 1800.0) -> None:
    """Fade distant ground towards the horizon colour (sky pixels are left alone)."""
    t = np.where(np.isfinite(dist_m), 1 - np.exp(-dist_m / visibility), 0).astype(np.float32)
    frame += (HAZE - frame) * t[..., None]


def hazed(colour: Colour, dist_m: float, visibility: float = 1800.0) -> list[float]:
    t = 1 - math.exp(-dist_m / visibility)
    return [c + (hz - c) * t for c, hz in zip(colour, HAZE.tolist(), strict=True)]


def billboards(terrain: Terrain, extra: np.ndarray | None = None) -> np.ndarray:
    """Everything upright a ground camera sees, one row each: x, y, kind, a, b, shade.

    kind 0 = tree (a = height m, b = crown radius m), 1 = house (a = length px, b = roof index),
    2 = power-line pole.
    """
    t = terrain.trees
    rows = [np.column_stack([t[:, 0], t[:, 1], np.zeros(len(t)), t[:, 2], t[:, 3], t[:, 4]])]
    houses = np.array(
        [
            (hs.x, hs.y, 1, hs.length, ROOFS.index(hs.roof), WALLS.index(hs.wall))
            for hs in terrain.houses
        ],
        np.float32,
    )
    poles = terrain.poles
    rows += [houses, np.column_stack([poles, np.full((len(poles), 4), (2, 9, 0, 1))])]
    if extra is not None:
        rows.append(extra)
    return np.vstack(rows).astype(np.float32)


def draw_billboards(
    frame: Frame, cam: GroundCam, items: np.ndarray, max_m: float = 1400, budget: int = 450
) -> None:
    """Project upright objects and paint them far to near (a painter's algorithm), then lay a
    leafy texture over all tree crowns (it scrolls with the camera's heading). Only the
    ``budget`` nearest are drawn; beyond them the map's flat canopy and the skyline stand in."""
    h, w = frame.shape[:2]
    leaf = np.zeros((h, w), np.float32)
    uv, depth = cam.project(np.column_stack([items[:, :2], np.zeros(len(items))]), w, h)
    depth_m = depth * MPP
    ok = (depth_m > 3) & (depth_m < max_m) & (uv[:, 0] > -80) & (uv[:, 0] < w + 80)
    order = np.flatnonzero(ok)[np.argsort(depth_m[ok])][:budget][::-1]
    px_m = cam.focal(w) / depth_m[order]
    fog = (1 - np.exp(-depth_m[order] / 1800.0))[:, None].astype(np.float32)
    shade = items[order, 5:6]
    dark = (np.array(DARK_LEAF, np.float32) * shade * (1 - fog) + HAZE * fog).tolist()
    lit = (np.array(LIT_LEAF, np.float32) * shade * (1 - fog) + HAZE * fog).tolist()
    trunk = (np.array(TRUNK, np.float32) * (1 - fog) + HAZE * fog).tolist()
    for n, i in enumerate(order.tolist()):
        kind, a, b = int(items[i, 2]), float(items[i, 3]), float(items[i, 4])
        x, y = float(uv[i, 0]), float(uv[i, 1])
        if kind == 0:
            lobes = CROWNS[int(items[i, 5] * 1000) % len(CROWNS)]
            draw_tree(
                frame,
                leaf,
                x,
                y,
                float(px_m[n]) * a,
                float(px_m[n]) * b,
                lobes,
                (dark[n], lit[n], trunk[n]),
            )
        elif kind == 1:
            draw_house_front(
                frame, (x, y), float(px_m[n]), a * MPP, int(b), int(items[i, 5]), float(depth_m[i])
            )
        else:
            draw_pole(frame, (x, y), float(px_m[n]), a, float(depth_m[i]))
    shift = int(cam.yaw * cam.focal(w) / 57.3) % LEAVES.shape[1]
    texture = np.roll(LEAVES, -shift, axis=1)[:h, :w]
    frame *= (1 + 0.55 * (texture - 0.5) * leaf)[..., None]


# Crown shapes: four overlapping lobes (dx, dy, rx, ry in crown radii), a few variants.
CROWNS = (
    np.random.default_rng(SEED + 3)
    .uniform((-0.6, -0.5, 0.5, 0.4), (0.6, 0.35, 0.85, 0.65), (8, 4, 4))
    .tolist()
)
TRUNK, DARK_LEAF, LIT_LEAF = (34, 42, 48), (38, 70, 50), (54, 100, 70)


def draw_tree(
    frame: Frame,
    leaf: np.ndarray,
    x: float,
    y: float,
    hpx: float,
    rpx: float,
    lobes: list[list[float]],
    colours: tuple[list[float], ...],
) -> None:
    """A broadleaf tree ``hpx`` pixels tall: a short dark trunk and a lobed crown lit from the
    upper left, also marked in ``leaf`` so foliage texture can be laid over it afterwards.
    Far trees (a few pixels tall) get one lobe: they are many and detail is lost anyway."""
    if hpx < 1.5:
        return
    dark, lit, trunk = colours
    cy, ry = y - 0.6 * hpx, 0.42 * hpx
    if hpx < 7:
        cv2.ellipse(
            frame,
            (int(x * 16), int(cy * 16)),
            (int(rpx * 20), int(ry * 22)),
            0,
            0,
            360,
            dark,
            -1,
            cv2.LINE_AA,
            shift=4,
        )
        return
    cv2.line(
        frame,
        (int(x), int(y)),
        (int(x), int(y - 0.4 * hpx)),
        trunk,
        max(1, int(rpx * 0.16)),
        cv2.LINE_AA,
    )
    for k, (dx, dy, ax, ay) in enumerate(lobes):
        centre = (int((x + dx * rpx) * 16), int((cy + dy * ry) * 16))
        axes = (int(ax * rpx * 20.8), int(ay * ry * 25.6))
        colour = lit if (dx < 0.1 and dy < 0 and k % 2 == 0) else dark
        cv2.ellipse(frame, centre, axes, 0, 0, 360, colour, -1, cv2.LINE_AA, shift=4)
        cv2.ellipse(leaf, centre, axes, 0, 0, 360, 1.0, -1, cv2.LINE_AA, shift=4)


def draw_house_front(
    frame: Frame, base: Vec, px_m: float, length_m: float, roof: int, wall: int, dist: float
) -> None:
    """A village house as seen from the street: wall, windows, pitched roof."""
    x, y = float(base[0]), float(base[1])
    half, wall_h, roof_h = length_m * 0.5 * px_m, 3.0 * px_m, 2.6 * px_m
    if wall_h < 1:
        return
    body = np.array([(x - half, y), (x + half, y), (x + half, y - wall_h), (x - half, y - wall_h)])
    cv2.fillPoly(frame, [fixed(body)], hazed(WALLS[wall], dist), cv2.LINE_AA, shift=4)
    top = np.array(
        [
            (x - half * 1.08, y - wall_h),
            (x + half * 1.08, y - wall_h),
            (x + half * 0.5, y - wall_h - roof_h),
            (x - half * 0.5, y - wall_h - roof_h),
        ]
    )
    cv2.fillPoly(frame, [fixed(top)], hazed(ROOFS[roof], dist), cv2.LINE_AA, shift=4)
    if half > 6:
        for k in (-0.5, 0.0, 0.5):
            win = np.array(
                [
                    (x + k * half - 0.45 * px_m, y - 1.0 * px_m),
                    (x + k * half + 0.45 * px_m, y - 2.2 * px_m),
                ]
            )
            cv2.rectangle(
                frame,
                tuple(fixed(win[0])),
                tuple(fixed(win[1])),
                hazed((70, 62, 58), dist),
                -1,
                cv2.LINE_AA,
                shift=4,
            )


def draw_pole(frame: Frame, base: Vec, px_m: float, height: float, dist: float) -> None:
    x, y = float(base[0]), float(base[1])
    top = y - height * px_m
    colour = hazed((150, 152, 150), dist)
    cv2.line(
        frame, (int(x), int(y)), (int(x), int(top)), colour, max(1, int(0.25 * px_m)), cv2.LINE_AA
    )
    cv2.line(
        frame,
        (int(x - 0.8 * px_m), int(top + 0.4 * px_m)),
        (int(x + 0.8 * px_m), int(top + 0.4 * px_m)),
        colour,
        max(1, int(0.12 * px_m)),
    )


def ground_frame(
    terrain: Terrain, sky: Sky, cam: GroundCam, w: int, h: int, items: np.ndarray
) -> Frame:
    """Sky, far horizon, the map in perspective with haze, then upright things."""
    frame, dist = ground_plane(terrain, cam, w, h)
    aerial_haze(frame, dist)
    skyview = sky.view(cam, w, h)
    above = ~np.isfinite(dist)
    frame[above] = skyview[above]
    sky.skyline(cam, w, h, frame, HAZE)
    draw_billboards(frame, cam, items)
    return frame


# --------------------------------------------------------------------------------------------
# Side views: a village street, wrecks, the legion's tank. Drawn once as sprites.
# --------------------------------------------------------------------------------------------


@dataclass
class Sprite:
    """A drawn object with its own opacity, pasted into frames (x, y = its bottom centre)."""

    image: np.ndarray  # float32 BGR
    alpha: np.ndarray  # float32 0..1

    def paste(self, frame: Frame, x: float, y: float) -> None:
        h, w = self.alpha.shape
        x0, y0 = round(x - w / 2), round(y - h)
        fx0, fy0 = max(x0, 0), max(y0, 0)
        fx1, fy1 = min(x0 + w, frame.shape[1]), min(y0 + h, frame.shape[0])
        if fx1 <= fx0 or fy1 <= fy0:
            return
        a = self.alpha[fy0 - y0 : fy1 - y0, fx0 - x0 : fx1 - x0, None]
        img = self.image[fy0 - y0 : fy1 - y0, fx0 - x0 : fx1 - x0]
        region = frame[fy0:fy1, fx0:fx1]
        region += (img - region) * a


class Canvas:
    """Drawing in metres: x to the right, y up from the ground line at the bottom centre."""

    def __init__(self, width_m: float, height_m: float, px_m: float):
        self.px_m, self.w, self.h = px_m, int(width_m * px_m), int(height_m * px_m)
        self.image = np.zeros((self.h, self.w, 3), np.float32)
        self.alpha = np.zeros((self.h, self.w), np.float32)

    def pts(self, metres: Sequence[Vec]) -> np.ndarray:
        m = np.asarray(metres, np.float32)
        return fixed(
            np.column_stack([self.w / 2 + m[:, 0] * self.px_m, self.h - m[:, 1] * self.px_m])
        )

    def poly(self, metres: Sequence[Vec], colour: Colour) -> None:
        p = self.pts(metres)
        cv2.fillPoly(self.image, [p], tuple(colour), cv2.LINE_AA, shift=4)
        cv2.fillPoly(self.alpha, [p], 1.0, cv2.LINE_AA, shift=4)

    def box(self, x0: float, y0: float, x1: float, y1: float, colour: Colour) -> None:
        self.poly([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], colour)

    def disc(self, x: float, y: float, r: float, colour: Colour) -> None:
        a = np.linspace(0, 2 * math.pi, 28, endpoint=False)
        self.poly(list(zip(x + r * np.cos(a), y + r * np.sin(a), strict=True)), colour)

    def weather(self, seed: int, burnt: bool) -> Sprite:
        """Dirt and wear over the paint; soot, rust and ash if the vehicle burnt out."""
        rng = np.random.default_rng(seed)
        n = fractal_noise(rng, self.h, self.w, cells=8, octaves=5)
        img = self.image * (0.8 + 0.4 * n)[..., None]
        if burnt:
            rust = smoothstep(0.55, 0.75, fractal_noise(rng, self.h, self.w, cells=6, octaves=5))
            img = img * 0.55 + np.array([22, 24, 27], np.float32) * 0.45
            img += (np.array([34, 62, 104], np.float32) - img) * (0.6 * rust)[..., None]
            ash = (rng.random((self.h, self.w)) < 0.01).astype(np.float32)
            img += 90 * cv2.GaussianBlur(ash, (0, 0), 1.0)[..., None]
        img += (np.array([60, 78, 92], np.float32) - img) * (0.35 * smoothstep(0.6, 0.95, 1 - n))[
            ..., None
        ]
        return Sprite(img.astype(np.float32), cv2.GaussianBlur(self.alpha, (0, 0), 0.6))


def bmp2_side(px_m: float, burnt: bool, seed: int) -> Sprite:
    """A BMP-2 from its left side: six road wheels, wedge bow, small turret, 30 mm gun."""
    c = Canvas(9.0, 3.2, px_m)
    olive = (40, 44, 46) if burnt else (62, 92, 80)
    c.box(-3.3, 0.08, 3.3, 0.85, (30, 33, 34))
    for i in range(6):
        if not (burnt and i in (1, 4)):
            c.disc(-2.55 + i * 1.0, 0.4, 0.36, (52, 58, 58))
            c.disc(-2.55 + i * 1.0, 0.4, 0.12, (34, 38, 38))
    c.poly([(-3.4, 0.8), (2.9, 0.8), (3.45, 1.25), (2.35, 1.85), (-3.35, 1.95), (-3.4, 1.2)], olive)
    c.box(-3.0, 1.3, 1.6, 1.36, (44, 60, 56))
    c.poly([(-0.9, 1.93), (-0.75, 2.4), (0.85, 2.45), (1.25, 1.93)], olive)
    if burnt:  # the gun barrel drooping after the fire, the launcher gone
        c.poly([(1.1, 2.18), (3.9, 1.75), (3.92, 1.85), (1.1, 2.28)], (40, 44, 46))
    else:
        c.box(1.1, 2.18, 4.2, 2.28, (44, 52, 50))
        c.box(-0.4, 2.45, 0.9, 2.62, (70, 96, 86))
    return c.weather(seed, burnt)


def kamaz_side(px_m: float, burnt: bool, seed: int) -> Sprite:
    """A KAMAZ-4310 army truck from the left: cab-over, three axles, canvas-covered bed."""
    c = Canvas(9.4, 3.4, px_m)
    olive = (42, 48, 52) if burnt else (60, 96, 80)
    for x in (3.0, -1.4, -2.8):
        c.disc(x, 0.55, 0.35 if burnt else 0.55, (34, 50, 70) if burnt else (30, 32, 34))
        c.disc(x, 0.55, 0.22, (60, 70, 72))
    c.box(-4.0, 0.75, 4.1, 1.05, (36, 40, 40))
    c.poly([(2.5, 1.0), (4.15, 1.0), (4.15, 2.2), (3.95, 2.95), (2.55, 3.0)], olive)
    c.poly(
        [(3.2, 2.15), (3.9, 2.15), (3.78, 2.78), (3.2, 2.8)],
        (22, 22, 24) if burnt else (92, 86, 80),
    )
    c.box(-4.0, 1.05, 2.35, 1.75, olive)
    if burnt:
        for x in np.linspace(-3.8, 2.1, 6):
            c.box(x, 1.75, x + 0.07, 3.0, (30, 32, 34))
        c.box(-3.9, 2.95, 2.2, 3.02, (30, 32, 34))
    else:
        c.poly(
            [(-4.0, 1.75), (2.35, 1.75), (2.35, 2.9), (2.1, 3.1), (-3.8, 3.1), (-4.0, 2.9)],
            (80, 108, 104),
        )
    return c.weather(seed, burnt)


def tank_side(px_m: float, seed: int) -> Sprite:
    """A T-72-type tank from the left, gun forward (right), with a white-blue-white flag."""
    c = Canvas(14.5, 5.6, px_m)
    olive = (60, 88, 76)
    c.box(-3.6, 0.06, 3.5, 0.9, (30, 32, 32))
    for i in range(6):
        c.disc(-2.7 + i * 1.0, 0.45, 0.4, (50, 58, 56))
        c.disc(-2.7 + i * 1.0, 0.45, 0.14, (34, 38, 38))
    c.box(-3.6, 0.62, 3.5, 1.0, (50, 72, 64))
    c.poly([(-3.6, 0.95), (3.2, 0.95), (3.6, 1.35), (3.0, 1.62), (-3.6, 1.66)], olive)
    a = np.linspace(0, math.pi, 24)
    c.poly(list(zip(-0.3 + 1.9 * np.cos(a), 1.62 + 0.72 * np.sin(a), strict=True)), (64, 94, 80))
    for k in range(4):
        c.box(0.9 + 0.22 * k, 1.75 + 0.1 * k, 1.1 + 0.22 * k, 1.95 + 0.1 * k, (56, 80, 70))
    c.box(1.5, 1.96, 7.6, 2.1, (50, 66, 60))
    c.box(3.6, 1.93, 4.3, 2.13, (46, 62, 56))
    c.box(-0.7, 2.3, 0.0, 2.52, (52, 74, 66))
    c.box(-1.25, 2.3, -1.19, 4.9, (120, 124, 126))
    wave = np.linspace(0, 1, 20)
    for k, colour in enumerate(((240, 240, 238), (178, 112, 34), (240, 240, 238))):
        top = [(-1.19 + 2.0 * u, 4.85 - 0.28 * k + 0.12 * math.sin(6 * u)) for u in wave]
        bot = [(x, y - 0.28) for x, y in top[::-1]]
        c.poly(top + bot, colour)
    sprite = c.weather(seed, False)
    return sprite


FENCES = ((70, 104, 62), (60, 72, 110), (122, 96, 58), (128, 130, 126), (54, 96, 140))


def street_panorama(seed: int, w: int, h: int, damage: float = 0.0) -> Frame:
    """A village street seen from across the road: houses with carved window frames behind
    metal and picket fences, fruit trees and lilac, power poles, a rutted dirt road."""
    rng = np.random.default_rng(seed)
    ground = int(h * 0.78)
    img = np.zeros((h, w, 3), np.float32)
    sky_t = np.linspace(0, 1, h, dtype=np.float32)[:, None, None]
    img[:] = (
        np.array([200, 170, 130], np.float32) * (1 - sky_t)
        + np.array([222, 214, 204], np.float32) * sky_t
    )
    canopy = ground - h * (0.28 + 0.18 * fractal_noise(rng, 1, w, cells=20, octaves=4)[0])
    rows = np.arange(h)[:, None]
    img[rows > canopy[None]] = (44, 78, 56)
    x = int(rng.integers(-40, 20))
    while x < w:
        width = int(rng.integers(int(h * 0.4), int(h * 0.62)))
        street_house(img, rng, x, ground - int(h * 0.08), width, h, damage)
        x += width + int(rng.integers(int(h * 0.08), int(h * 0.3)))
    for _ in range(w // 160):
        bush(img, rng, float(rng.uniform(0, w)), ground - h * 0.1, h * rng.uniform(0.12, 0.25))
    fence_row(img, rng, ground, h)
    verge = (
        np.array([64, 112, 96], np.float32)
        * (0.8 + 0.4 * fractal_noise(rng, h - ground, w, 40, 4))[..., None]
    )
    img[ground:] = verge
    road_top = int(h * 0.86)
    dirt = fractal_noise(rng, h - road_top, w, cells=60, octaves=5)
    img[road_top:] = np.array([100, 124, 138], np.float32) * (0.7 + 0.5 * dirt)[..., None]
    for x in range(int(rng.integers(40, 160)), w, 330):
        cv2.line(
            img, (x, ground), (x, int(h * 0.12)), (140, 142, 140), max(2, h // 110), cv2.LINE_AA
        )
    for k in range(3):
        ys = h * (0.15 + 0.02 * k) + 10 * np.cos(np.linspace(-1, 1, w // 40 + 1) * math.pi) ** 2
        pts = np.column_stack([np.linspace(0, w, len(ys)), ys])
        cv2.polylines(img, [fixed(pts)], False, (40, 40, 40), 1, cv2.LINE_AA, shift=4)
    return img


def street_house(
    img: Frame, rng: np.random.Generator, x: int, base: int, width: int, h: int, damage: float
) -> None:
    """One house front: plaster or boards, three windows with painted frames, a gable roof."""
    wall_h = int(h * rng.uniform(0.2, 0.26))
    wall = np.array(WALLS[rng.integers(len(WALLS))], np.float32)
    cv2.rectangle(img, (x, base - wall_h), (x + width, base), wall.tolist(), -1)
    for y in range(base - wall_h, base, max(4, h // 60)):  # weatherboards / plaster courses
        cv2.line(img, (x, y), (x + width, y), (wall * 0.9).tolist(), 1)
    roof = np.array(ROOFS[rng.integers(len(ROOFS))], np.float32)
    peak = base - wall_h - int(h * rng.uniform(0.14, 0.2))
    tri = np.array([(x - 8, base - wall_h), (x + width + 8, base - wall_h), (x + width // 2, peak)])
    cv2.fillPoly(img, [tri.astype(np.int32)], roof.tolist(), cv2.LINE_AA)
    cv2.line(img, (x - 8, base - wall_h), (x + width // 2, peak), (roof * 0.6).tolist(), 2)
    for k in range(3):
        wx = x + int(width * (0.18 + 0.3 * k))
        wy, ww, wh = base - int(wall_h * 0.78), max(6, width // 9), int(wall_h * 0.5)
        broken = rng.random() < damage
        cv2.rectangle(img, (wx - 3, wy - 3), (wx + ww + 3, wy + wh + 3), (190, 150, 90), -1)
        glass = (18, 18, 20) if broken else (120, 104, 92)
        cv2.rectangle(img, (wx, wy), (wx + ww, wy + wh), glass, -1)
        cv2.line(img, (wx + ww // 2, wy), (wx + ww // 2, wy + wh), (210, 210, 210), 1)
    if rng.random() < damage:
        cx = x + int(width * rng.uniform(0.3, 0.7))
        hole = blob(rng, (cx, base - wall_h - 10), width * 0.07)
        cv2.fillPoly(img, [hole], (34, 36, 40), cv2.LINE_AA)
        for k in (-1, 0, 1):  # rafters showing through
            cv2.line(
                img,
                (cx + k * 5, base - wall_h - 16),
                (cx + k * 5, base - wall_h - 4),
                (60, 80, 100),
                1,
            )


def bush(img: Frame, rng: np.random.Generator, x: float, y: float, size: float) -> None:
    """A fruit tree or lilac: clustered lobes, sometimes with pale purple flowers (May)."""
    lilac = rng.random() < 0.35
    for _ in range(9):
        cx, cy = x + rng.normal(0, size * 0.4), y - size * 0.6 + rng.normal(0, size * 0.3)
        colour = (54, 92, 60) if rng.random() < 0.6 else (46, 76, 52)
        if lilac and rng.random() < 0.4:
            colour = (176, 140, 170)
        r = int(size * rng.uniform(0.25, 0.45))
        cv2.circle(img, (int(cx), int(cy)), r, colour, -1, cv2.LINE_AA)


def fence_row(img: Frame, rng: np.random.Generator, ground: int, h: int) -> None:
    """Fences along the street: corrugated sheet sections and picket sections with gaps."""
    x, w = 0, img.shape[1]
    while x < w:
        seg = int(rng.integers(int(h * 0.5), int(h * 1.2)))
        top = ground - int(h * rng.uniform(0.12, 0.17))
        if rng.random() < 0.6:
            colour = np.array(FENCES[rng.integers(len(FENCES))], np.float32)
            xs = np.arange(x, min(x + seg, w))
            ridge = 0.82 + 0.18 * np.sin(xs * 2 * math.pi / 7.0)
            img[top:ground, x : x + len(xs)] = colour * ridge[None, :, None]
        else:
            for px in range(x, min(x + seg, w), 9):
                pts = np.array(
                    [
                        (px, ground),
                        (px + 6, ground),
                        (px + 6, top + 4),
                        (px + 3, top),
                        (px, top + 4),
                    ]
                )
                cv2.fillPoly(img, [pts.astype(np.int32)], (150, 160, 166), cv2.LINE_AA)
            cv2.line(img, (x, top + 10), (x + seg, top + 10), (120, 128, 132), 2)
        cv2.line(img, (x, top), (x, ground), (60, 62, 62), 2)
        x += seg


def soldier(img: Frame, x: float, y: float, size: float) -> None:
    """A crouching figure in a helmet, as small as such figures are in phone footage."""
    body = (54, 72, 70)
    cv2.ellipse(
        img,
        (int(x), int(y - size * 0.35)),
        (int(size * 0.22), int(size * 0.32)),
        10,
        0,
        360,
        body,
        -1,
        cv2.LINE_AA,
    )
    cv2.circle(
        img,
        (int(x + size * 0.05), int(y - size * 0.75)),
        max(2, int(size * 0.13)),
        (48, 64, 62),
        -1,
        cv2.LINE_AA,
    )


def passenger(img: Frame, x: float, y: float, size: float, turn: float = 0.0) -> None:
    """A fighter seen from behind against the windscreen: shoulders, neck, helmet with a cover.
    Back-lit, so almost black; ``turn`` shifts the helmet as the head turns."""
    dark = (22, 25, 25)
    shoulders = np.array(
        [(-0.75, 0.0), (-0.62, -0.42), (-0.25, -0.55), (0.25, -0.55), (0.62, -0.42), (0.75, 0.0)]
    ) * size + (x, y + size * 0.1)
    cv2.fillPoly(img, [fixed(shoulders)], dark, cv2.LINE_AA, shift=4)
    hx, hy = x + turn * size * 0.08, y - size * 0.62
    cv2.ellipse(
        img,
        (int(hx * 16), int(hy * 16)),
        (int(size * 0.2 * 16), int(size * 0.24 * 16)),
        0,
        0,
        360,
        dark,
        -1,
        cv2.LINE_AA,
        shift=4,
    )
    cv2.ellipse(
        img,
        (int(hx * 16), int((hy - size * 0.07) * 16)),
        (int(size * 0.27 * 16), int(size * 0.22 * 16)),
        0,
        180,
        360,
        (30, 36, 34),
        -1,
        cv2.LINE_AA,
        shift=4,
    )
    cv2.line(
        img,
        (int(hx - size * 0.28), int(hy - size * 0.05)),
        (int(hx + size * 0.28), int(hy - size * 0.05)),
        (30, 36, 34),
        max(1, int(size * 0.04)),
    )


# --------------------------------------------------------------------------------------------
# Shots: everything a clip cuts between
# --------------------------------------------------------------------------------------------


def handheld(
    frame: Frame,
    t: float,
    seed: int,
    amp: float,
    roll: float = 0.6,
    zoom: float = 1.06,
    offset: Vec = (0.0, 0.0),
) -> Frame:
    """Camera shake of a phone held by hand: drift, tremor and a little roll; the slight zoom
    keeps the frame edges from showing. ``offset`` adds a deliberate shift (a pan)."""
    h, w = frame.shape[:2]
    dx, dy = shake(t, seed, amp)
    angle = roll * shake(t, seed + 1, 1.0)[0] / 2
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, zoom)
    m[:, 2] += np.array([dx + offset[0], dy + offset[1]])
    return cv2.warpAffine(
        frame, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT101
    )


@dataclass
class GroundShot:
    """A hand-held camera on the ground: horizon, tree belts, impacts, a wreck in front."""

    duration: float
    cam: Callable[[float], GroundCam] | None = None  # None: the subclass places the camera
    blasts: tuple[Blast, ...] = ()
    wreck: tuple[Callable[[], Sprite], Vec] | None = None  # sprite maker, (x, y) frame fraction
    shake: float = 2.0
    wind: Vec = (4.0, -2.0)
    seed: int = 0
    key_every: float = 0.5  # seconds between full renders of a turning camera
    finished: bool = False

    def prepare(self, terrain: Terrain, w: int, h: int) -> None:
        rng = np.random.default_rng(self.seed)
        parts = [blast_particles(rng, b, self.wind) for b in self.blasts]
        self.particles = Particles.join(parts) if parts else None
        self.key, self.base = -1.0, np.zeros((h, w, 3), np.float32)
        self.sky = Sky(self.seed + 11)
        self.items = billboards(terrain)
        self.texture = SmokeTexture(w, h, self.seed + 1)
        self.sprite = self.wreck[0]() if self.wreck else None

    def view(self, terrain: Terrain, t: float, w: int, h: int) -> tuple[Frame, GroundCam, Vec]:
        """The scene at ``t``. The camera stands still and only turns, so the full render is
        done at key times only; in between, the nearest key view is to be shifted by the
        change of heading and tilt (for a pure rotation of a fraction of a degree that is
        exact to well under a pixel). Returns the key view, the camera and that shift."""
        assert self.cam is not None
        key = round(t / self.key_every) * self.key_every
        if key != self.key:
            self.key, key_cam = key, self.cam(key)
            self.base = ground_frame(terrain, self.sky, key_cam, w, h, self.items)
            if self.sprite is not None and self.wreck is not None:
                x, y = self.wreck[1][0] * w, self.wreck[1][1] * h
                shadow = np.zeros((h, w), np.float32)
                half = int(self.sprite.alpha.shape[1] * 0.48)
                cv2.ellipse(
                    shadow, (int(x), int(y)), (half, max(3, half // 12)), 0, 0, 360, 0.6, -1
                )
                self.base *= 1 - cv2.GaussianBlur(shadow, (0, 0), 4)[..., None]
                self.sprite.paste(self.base, x, y)
        cam, key_cam = self.cam(t), self.cam(self.key)
        f = cam.focal(w)
        dx = -f * math.tan(math.radians(cam.yaw - key_cam.yaw))
        dy = -f * math.tan(math.radians(cam.pitch - key_cam.pitch))
        return self.base, cam, (dx, dy)

    def render(self, terrain: Terrain, t: float, w: int, h: int) -> Frame:
        base, cam, (dx, dy) = self.view(terrain, t, w, h)
        frame = base.copy()
        if self.particles is not None:

            def project(pos: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
                uv, depth = cam.project(pos, w, h)  # drawn into the key view, shifted below
                return uv - np.array([dx, dy], np.float32), cam.focal(w) / depth

            render_particles(frame, self.particles, t, project, self.texture.at(t))
        jolt = sum(
            4.0 * math.exp(-(t - b.t0 - 0.25) * 6) for b in self.blasts if 0 < t - b.t0 - 0.25 < 1.0
        )  # the blast wave arrives a moment later
        frame = handheld(frame, t, self.seed, self.shake + jolt, offset=(dx, dy))
        return cv2.GaussianBlur(frame, (0, 0), 0.6)


@dataclass
class DriveShot(GroundShot):
    """Filmed from inside a vehicle: the road through a split windscreen, dark cab, helmets."""

    road: str = "highway"
    start: float = 0.0  # map px along the road
    speed: float = 30.0  # map px per second (15 m/s, 54 km/h)

    def prepare(self, terrain: Terrain, w: int, h: int) -> None:
        super().prepare(terrain, w, h)
        cab = cab_sprite(w, h, self.seed)
        self.cab4 = np.dstack([cab.image, cab.alpha])  # one warp moves picture and opacity
        poly = terrain.roads[self.road]
        self.cam = lambda t: self.road_cam(poly, t)

    def road_cam(self, poly: np.ndarray, t: float) -> GroundCam:
        p, heading = along(poly, self.start + self.speed * t, lookahead=25)
        right = np.array([-math.sin(heading), math.cos(heading)])
        x, y = p + right * 4.0
        bump = 0.15 * math.sin(t * 9.1) + 0.1 * math.sin(t * 13.7)
        return GroundCam(
            float(x),
            float(y),
            2.4,
            math.degrees(heading) + 1.5 * math.sin(t * 0.7),
            pitch=3.0 + bump,
            fov=72,
        )

    def render(self, terrain: Terrain, t: float, w: int, h: int) -> Frame:
        assert self.cam is not None
        # The camera moves, so every frame is a full render: done at 2/3 size to save time
        # (through a dirty windscreen, exposed for the cab, the outside is soft anyway).
        small = ground_frame(terrain, self.sky, self.cam(t), w * 2 // 3, h * 2 // 3, self.items)
        view = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
        view = (view - 128) * 0.8 + 150  # the bright outside, exposed for the dark cab
        dx, dy = shake(t, self.seed, 2.5, (1.1, 3.3, 7.9, 11.3))
        m = np.array([[1, 0, dx], [0, 1, dy]], np.float32)
        cab = cv2.warpAffine(self.cab4, m, (w, h), borderMode=cv2.BORDER_REPLICATE)
        frame = view + (cab[..., :3] - view) * cab[..., 3:]
        bob = 3 * math.sin(t * 2.1)
        passenger(frame, w * 0.24 + dx, h * 0.86 + dy + bob, h * 0.42, math.sin(t * 0.4))
        passenger(frame, w * 0.8 + dx, h * 0.9 + dy - bob, h * 0.36, -0.5)
        return cv2.GaussianBlur(frame, (0, 0), 0.7)


def cab_sprite(w: int, h: int, seed: int) -> Sprite:
    """The inside of a truck cab: dashboard, pillars, a centre bar between two windscreens,
    dirt on the glass. Opaque everywhere except the glass."""
    rng = np.random.default_rng(seed)
    tex = fractal_noise(rng, h, w, cells=12, octaves=5)
    image = (np.array([30, 33, 34], np.float32) * (0.7 + 0.6 * tex)[..., None]).astype(np.float32)
    alpha = np.ones((h, w), np.float32)
    for glass in (
        [(0.1, 0.1), (0.48, 0.08), (0.48, 0.62), (0.06, 0.66)],
        [(0.52, 0.08), (0.9, 0.1), (0.94, 0.66), (0.52, 0.62)],
    ):
        pts = np.array(glass) * (w, h)
        cv2.fillPoly(alpha, [fixed(pts)], 0.0, cv2.LINE_AA, shift=4)
    dirt = cv2.GaussianBlur((rng.random((h, w)) < 0.0012).astype(np.float32), (0, 0), 1.0) * 4
    alpha = np.maximum(alpha, np.clip(dirt, 0, 0.3) * (alpha < 0.5))
    image[: int(h * 0.2)] *= 0.8
    cv2.rectangle(
        image, (int(w * 0.42), int(h * 0.7)), (int(w * 0.58), int(h * 0.8)), (18, 18, 20), -1
    )
    return Sprite(image, cv2.GaussianBlur(alpha, (0, 0), 1.0))


@dataclass
class PanShot:
    """A hand-held pan across a side-view scene (street, wreck), with optional smoke wisps."""

    duration: float
    scene: Callable[[], Frame]  # draws the wide picture once
    start: tuple[float, float, float]  # left x, top y, width of the view at t=0 (scene px)
    end: tuple[float, float, float]
    smoke: tuple[Vec, ...] = ()  # sources of thin smoke, scene px
    shake: float = 3.0
    walk: bool = False  # a walking cameraman bobs
    seed: int = 0
    finished: bool = False

    def prepare(self, terrain: Terrain, w: int, h: int) -> None:
        self.picture = self.scene()
        rng = np.random.default_rng(self.seed)
        parts = [
            puffs(
                rng,
                int(self.duration * 14),
                -4.0,
                self.duration + 4,
                (x, y, 0),
                vel=(6, 0, 22),
                jitter=(3, 0, 5),
                r0=(6, 10),
                grow=(6, 12),
                life=(3, 5),
                alpha=(0.35, 0.6),
                colour=(70, 72, 76),
            )
            for x, y in self.smoke
        ]
        self.particles = Particles.join(parts) if parts else None
        self.texture = SmokeTexture(w, h, self.seed + 1)

    def render(self, terrain: Terrain, t: float, w: int, h: int) -> Frame:
        u = ease(t / self.duration)
        x0, y0, width = (lerp(a, b, u) for a, b in zip(self.start, self.end, strict=True))
        k = width / w
        if self.walk:
            y0 += 0.012 * width * abs(math.sin(t * 5.4))
        y0 = min(max(y0, 0.0), self.picture.shape[0] - k * h)  # never look past the picture
        m = np.array([[1 / k, 0, -x0 / k], [0, 1 / k, -y0 / k]], np.float32)
        frame = cv2.warpAffine(
            self.picture,
            m,
            (w, h),
            flags=cv2.INTER_AREA if k > 1 else cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_REFLECT101,
        )
        if self.particles is not None:

            def project(pos: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
                xy = np.column_stack([pos[:, 0], pos[:, 1] - pos[:, 2]])
                return apply(m, xy), np.full(len(pos), 1 / k, np.float32)

            render_particles(frame, self.particles, t, project, self.texture.at(t))
        return cv2.GaussianBlur(handheld(frame, t, self.seed, self.shake), (0, 0), 0.7)


@dataclass
class ReuseShot:
    """Frames lifted from another, already encoded clip: mirrored, cropped, rescaled.
    This is the re-use the workbench is meant to find; the transform is recorded in truth.json."""

    duration: float
    frames: list[np.ndarray]  # decoded source frames at the source frame rate
    src_fps: float
    crop: tuple[int, int, int, int]  # x, y, w, h in source pixels
    mirror: bool = True
    finished: bool = True

    def prepare(self, terrain: Terrain, w: int, h: int) -> None:
        pass

    def render(self, terrain: Terrain, t: float, w: int, h: int) -> np.ndarray:
        src = self.frames[min(int(t * self.src_fps + 1e-6), len(self.frames) - 1)]
        x, y, cw, ch = self.crop
        out = src[y : y + ch, x : x + cw]
        if self.mirror:
            out = out[:, ::-1]
        return cv2.resize(out, (w, h), interpolation=cv2.INTER_AREA)


# --------------------------------------------------------------------------------------------
# The two releases as cut lists
# --------------------------------------------------------------------------------------------

Overlay = Callable[[np.ndarray, float], None]
Shot = DroneShot | GroundShot | PanShot | ReuseShot


@dataclass
class Cut:
    """One shot on a clip's timeline and what the editor drew over it."""

    shot: Shot
    overlays: tuple[Overlay, ...] = ()


@dataclass(frozen=True)
class ClipPlan:
    name: str
    width: int
    height: int
    fps: int
    cuts: list[Cut]
    fades: tuple[tuple[float, float, bool], ...] = ()  # (start s, end s, fading in?)
    booms: tuple[tuple[float, float], ...] = ()  # (s, loudness) for the soundtrack
    engine: tuple[float, float] | None = None  # span with a diesel engine on the soundtrack

    @property
    def duration(self) -> float:
        return sum(c.shot.duration for c in self.cuts)


def blast_times(
    cuts: Sequence[Cut], fps: int, loudness: float = 1.0
) -> tuple[tuple[float, float], ...]:
    """(clip second, loudness) of every blast seen on screen, for the soundtrack."""
    out, start = [], 0
    for cut in cuts:
        blasts = getattr(cut.shot, "blasts", ())
        out += [(start / fps + b.t0, loudness * b.power) for b in blasts if b.t0 >= 0]
        start += round(cut.shot.duration * fps)
    return tuple(out)


def on_road(terrain: Terrain, road: str, near: Vec) -> float:
    """Distance along ``road`` (map px) of its point nearest ``near``."""
    return nearest_index(terrain.roads[road], near) * STEP


def hit(terrain: Terrain, v: Vehicle, t: float, power: float = 1.0, burn: float = 9.0) -> Blast:
    """A strike landing on vehicle ``v`` at shot time ``t``."""
    p, _ = v.place(terrain.roads, t)
    return Blast(t, float(p[0]), float(p[1]), power, burn)


MOD_SHOT_FRAMES = (180, 190, 185, 195, 190, 185)  # at 25 fps: 7.2 7.6 7.4 7.8 7.6 7.4 s
REUSE = {"mod_start": 15.0, "mod_end": 22.0, "legion_start": 36.0}  # strike 3 -> legion
REUSE_CROP = (48, 54, 544, 306)  # x, y, w, h of the 640x360 ministry frame: 15% off each side
# (54 rows off the top remove the ministry banner, 48 columns off left and right)


def mod_hud_for(n: int, clock: int, alt: int, zoom: float) -> tuple[Overlay, ...]:
    return (
        lambda img, t: mod_hud(img, t, clock, alt, zoom),
        lambda img, t: mod_banner(img, f"STRIKE {n}"),
    )


def mod_plan(terrain: Terrain) -> ClipPlan:
    """The ministry's release: six drone strikes, 45 s, 640x360 at 25 fps."""
    d = [n / 25 for n in MOD_SHOT_FRAMES]
    pos = terrain.sites
    col_a = Vehicle(
        "kamaz", "highway", on_road(terrain, "highway", (2000, 1990)), 14, 3, stop=3.8, burnt=3.9
    )
    col_b = Vehicle("bmp2", "highway", col_a.start + 50, 14, 3)
    bmp = Vehicle("bmp2", "track_east", 600, 9, 0, stop=3.5, burnt=3.6)
    cp = on_road(terrain, "highway", pos["checkpoint"])
    parked = (
        Vehicle("bmp2", "highway", cp - 70, 0, 14, skew=0.3, stop=0, burnt=4.1),
        Vehicle("car", "highway", cp - 40, 0, 20, skew=-0.2),
    )
    trucks = (
        Vehicle("kamaz", "lane_a", 260, 0, 0, burnt=5.1),
        Vehicle("kamaz", "lane_a", 300, 0, 1),
    )
    w0 = on_road(terrain, "highway", (1000, 2080))
    wrecks = (
        Vehicle("kamaz", "highway", w0, 0, 8, skew=0.5, burnt=-1),
        Vehicle("car", "highway", w0 + 50, 0, -6, skew=-0.8, burnt=-1),
        Vehicle("bmp2", "highway", w0 + 120, 0, 4, stop=0, burnt=2.6),
    )
    wx, wy = (float(v) for v in wrecks[1].place(terrain.roads, 0)[0])
    sx, sy = (float(v) for v in wrecks[0].place(terrain.roads, 0)[0])
    px, py = pos["positions"]
    t5 = trucks[0].place(terrain.roads, 0)[0]
    shots = [
        DroneShot(
            d[0],
            ((20, 0), (0, 0)),
            (0.6, 0.5),
            (10, 12),
            (col_a, col_b),
            (hit(terrain, col_a, 3.8, 1.2, 6.0),),
            follow=0,
            grey=True,
            seed=101,
        ),
        DroneShot(
            d[1],
            ((px - 40, py - 30), (px, py + 5)),
            (0.9, 0.55),
            (0, 8),
            (),
            (
                Blast(2.6, px + 2, py + 10, 1.3, earth=True),
                Blast(5.2, px - 130, py + 15, 1.1, earth=True),
            ),
            seed=102,
        ),
        DroneShot(
            d[2],
            ((0, 0), (0, 0)),
            (0.36, 0.3),
            (0, 3),
            (bmp,),
            (hit(terrain, bmp, 3.5, 1.0, 8.0),),
            follow=0,
            seed=103,
        ),
        DroneShot(
            d[3],
            (
                (pos["checkpoint"][0] - 60, pos["checkpoint"][1] + 10),
                (pos["checkpoint"][0] - 40, pos["checkpoint"][1]),
            ),
            (0.5, 0.36),
            (-20, -14),
            parked,
            (hit(terrain, parked[0], 4.0, 1.2, 6.0),),
            grey=True,
            seed=104,
        ),
        DroneShot(
            d[4],
            ((t5[0] + 120, t5[1] - 90), (t5[0], t5[1] + 10)),
            (1.3, 0.42),
            (0, 0),
            trucks,
            (hit(terrain, trucks[0], 5.0, 1.3, 5.0),),
            seed=105,
        ),
        DroneShot(
            d[5],
            ((wx - 30, wy), (wx + 30, wy - 10)),
            (0.45, 0.4),
            (0, -12),
            wrecks,
            (
                Blast(-15, sx, sy, 0.6, burn=40),  # hit before the drone arrived
                hit(terrain, wrecks[2], 2.5, 1.2, 6.0),
            ),
            grey=True,
            seed=106,
        ),
    ]
    clocks = (51000, 52120, 53000, 55800, 57300, 60200)
    cuts = [
        Cut(s, mod_hud_for(i + 1, clocks[i], 380 + 40 * i, 8.0 + 2 * i))
        for i, s in enumerate(shots)
    ]
    return ClipPlan(
        "mod",
        640,
        360,
        25,
        cuts,
        fades=((0.0, 0.4, True), (44.4, 45.0, False)),
        booms=blast_times(cuts, 25),
    )


def legion_caption(msg: str, bottom: int = 26) -> Overlay:
    def draw(img: np.ndarray, t: float) -> None:
        caption(img, msg, bottom=bottom)
        legion_bug(img)

    return draw


def horizon_cam(t: float) -> GroundCam:
    """From a rise south of the highway, panning slowly across the fields to the border."""
    return GroundCam(1100, 2650, 20, -58 + 2.2 * t, pitch=2.5, fov=58)


SHELLING_POST = (1905.0, 1520.0)  # where the legion's cameraman stands (map px)


def shelling_cam(targets: Sequence[Vec]) -> Callable[[float], GroundCam]:
    """Zoomed in from the edge of a field on the village's southern gardens under fire."""
    x0, y0 = SHELLING_POST
    cx, cy = np.mean(np.asarray(targets), axis=0)
    yaw = math.degrees(math.atan2(cy - y0, cx - x0))
    return lambda t: GroundCam(x0, y0, 6, yaw + 0.4 * math.sin(t / 2), pitch=1.1, fov=26)


def wreck_cam(t: float) -> GroundCam:
    return GroundCam(1800, 2700, 1.7, -30 + 0.6 * t, pitch=2.5, fov=62)


def legion_plan(terrain: Terrain, mod_frames: list[np.ndarray]) -> ClipPlan:
    """The legion's Telegram video: 1 min 52 s, 480x270 at 30 fps (see the module docstring)."""
    enemy = Vehicle("bmp2", "street", 80, 8, 3)
    vb = terrain.sites["village_b"]
    hw0 = on_road(terrain, "highway", (1700, 2070))
    wrecks = (
        Vehicle("kamaz", "highway", hw0, 0, 10, skew=0.6, burnt=-1),
        Vehicle("bmp2", "highway", hw0 + 90, 0, -2, skew=-0.3, burnt=-1),
        Vehicle("car", "highway", hw0 + 170, 0, 16, skew=1.2, burnt=-1),
    )
    wk = wrecks[0].place(terrain.roads, 0)[0]
    garden = [
        (vb[0] + dx, vb[1] + dy)
        for dx, dy in ((-90, 160), (60, 220), (-40, 300), (110, 120), (-120, 60))
    ]
    reuse_frames = mod_frames
    cuts = [
        # (a) 0-8 s: the fields of the Belgorod region
        Cut(
            GroundShot(8.0, horizon_cam, shake=2.2, seed=201), (legion_caption("Belgorod region"),)
        ),
        # (b) 8-28 s: riding inside a vehicle along the highway
        Cut(
            DriveShot(
                20.0,
                road="highway",
                start=on_road(terrain, "highway", (150, 2180)),
                speed=30.0,
                seed=202,
            )
        ),
        # (c) 28-43 s: the "enemy BMP-2": 8 s of the legion's own drone, then the reuse
        Cut(
            DroneShot(
                8.0, ((0, -40), (0, -20)), (0.5, 0.42), (-95, -92), (enemy,), follow=0, seed=203
            ),
            (
                lambda img, t: legion_hud(img, t, 96.0, 640.0),
                legion_caption("enemy BMP-2", bottom=30),
            ),
        ),
        Cut(  # 36-43 s = ministry 15-22 s, mirrored, cropped, rescaled
            ReuseShot(REUSE["mod_end"] - REUSE["mod_start"], reuse_frames, 25.0, REUSE_CROP),
            (legion_caption("enemy BMP-2"),),
        ),
        # (d) 43-63 s: where the soldiers hid: the village from above, then its street
        Cut(
            DroneShot(
                9.0,
                ((vb[0] - 40, vb[1] + 60), (vb[0] + 20, vb[1] - 40)),
                (0.5, 0.4),
                (-80, -86),
                seed=204,
            ),
            (
                lambda img, t: legion_hud(img, t, 74.0, 410.0),
                legion_caption("they hide in empty houses", bottom=30),
            ),
        ),
        Cut(
            PanShot(11.0, lambda: village_scene(205), (0, 40, 760), (1500, 50, 740), seed=205),
            (legion_caption("...and under the fences"),),
        ),
        # (e) 63-83 s: shelling of the gardens, from the field and from the drone
        Cut(
            GroundShot(
                12.0,
                shelling_cam(garden),
                tuple(
                    Blast(t0, x, y, 1.6, burn=9.0 if i == 2 else 0.0, earth=True)
                    for i, (t0, (x, y)) in enumerate(
                        zip((1.2, 3.6, 5.1, 7.9, 10.0), garden, strict=True)
                    )
                ),
                shake=1.6,
                wind=(5.0, 1.0),
                seed=206,
            ),
            (legion_caption("our gunners play better"),),
        ),
        Cut(
            DroneShot(
                8.0,
                ((vb[0] - 60, vb[1] + 230), (vb[0] - 30, vb[1] + 200)),
                (0.6, 0.55),
                (-88, -88),
                (),
                tuple(
                    Blast(t0, vb[0] + dx, vb[1] + dy, 1.3, earth=True)
                    for t0, dx, dy in ((1.0, -70, 240), (3.4, 10, 190), (5.8, -120, 210))
                ),
                seed=207,
            ),
            (lambda img, t: legion_hud(img, t, 120.0, 820.0), lambda img, t: legion_bug(img)),
        ),
        # (f) 83-112 s: destroyed and damaged equipment
        Cut(
            DroneShot(
                12.0,
                ((wk[0] - 40, wk[1] + 10), (wk[0] + 120, wk[1] - 20)),
                (0.5, 0.45),
                (8, 14),
                wrecks,
                (Blast(-20, float(wk[0]), float(wk[1]), 0.6, burn=40),),
                grey=True,
                seed=208,
            ),
            (
                lambda img, t: legion_hud(img, t, 64.0, 300.0),
                legion_caption("destroyed enemy equipment", bottom=30),
            ),
        ),
        Cut(
            PanShot(
                9.0,
                lambda: wreck_street(209),
                (150, 22, 690),
                (330, 14, 700),
                smoke=((630.0, 290.0),),
                shake=3.5,
                walk=True,
                seed=209,
            ),
            (legion_caption("it will not drive on Russian roads again", bottom=234),),
        ),
        Cut(
            GroundShot(
                8.0,
                wreck_cam,
                wreck=(lambda: kamaz_side(34, True, 210), (0.45, 0.93)),
                shake=2.4,
                seed=210,
            )
        ),
    ]
    return ClipPlan(
        "legion",
        480,
        270,
        30,
        cuts,
        fades=((0.0, 0.5, True), (82.5, 83.0, False), (83.0, 83.5, True), (111.0, 112.0, False)),
        # The reused strike lands at ministry 18.3 s; the legion kept a quieter thump of it.
        booms=((REUSE["legion_start"] + 3.3, 0.5), *blast_times(cuts, 30, loudness=0.6)),
        engine=(8.0, 28.0),
    )


def village_scene(seed: int) -> Frame:
    """The street the legion filmed, with two soldiers crouching by the fences."""
    img = street_panorama(seed, 2400, 480, damage=0.25)
    soldier(img, 620, 376, 64)
    soldier(img, 1660, 378, 60)
    return img


def wreck_street(seed: int) -> Frame:
    """A burnt-out BMP-2 on a damaged village street."""
    img = street_panorama(seed, 1500, 420, damage=0.6)
    bmp2_side(50, True, seed).paste(img, 600, 396)
    return img


# --------------------------------------------------------------------------------------------
# Rendering a plan into frames
# --------------------------------------------------------------------------------------------


def fade_gain(plan: ClipPlan, t: float) -> float:
    for start, end, fading_in in plan.fades:
        if start <= t < end:
            u = (t - start) / (end - start)
            return u if fading_in else 1 - u
    return 1.0


def render_frames(plan: ClipPlan, terrain: Terrain, seed: int) -> Iterator[np.ndarray]:
    """Every frame of the plan as uint8 BGR: scene, then sensor, then overlays, then fades."""
    w, h, fps = plan.width, plan.height, plan.fps
    sensor = Sensor(w, h, seed)
    start = 0
    for cut in plan.cuts:
        shot = cut.shot
        shot.prepare(terrain, w, h)
        count = round(shot.duration * fps)
        for i in range(count):
            t = i / fps
            frame = shot.render(terrain, t, w, h)
            img = frame if shot.finished else sensor.finish(frame, (start + i) / fps)
            img = np.ascontiguousarray(img)
            for overlay in cut.overlays:
                overlay(img, t)
            gain = fade_gain(plan, (start + i) / fps)
            yield img if gain >= 1 else (img * gain).astype(np.uint8)
        start += count


# --------------------------------------------------------------------------------------------
# Sound: wind, a diesel engine, the thump of explosions
# --------------------------------------------------------------------------------------------

RATE = 48000


def shaped_noise(
    rng: np.random.Generator, n: int, lo: float, hi: float, slope: float
) -> np.ndarray:
    """Noise with a 1/f^slope spectrum between ``lo`` and ``hi`` Hz, unit RMS."""
    spec = np.fft.rfft(rng.standard_normal(n))
    f = np.fft.rfftfreq(n, 1 / RATE)
    spec *= np.where((f > lo) & (f < hi), np.maximum(f, lo) ** (-slope / 2), 0)
    out = np.fft.irfft(spec, n)
    return out / max(float(out.std()), 1e-9)


def thump(rng: np.random.Generator, loudness: float) -> np.ndarray:
    """A distant explosion: a sharp low boom and a rolling tail."""
    n = int(2.5 * RATE)
    t = np.arange(n) / RATE
    body = shaped_noise(rng, n, 20, 260, 1.0)
    env = (1 - np.exp(-t / 0.004)) * (np.exp(-t / 0.25) + 0.25 * np.exp(-t / 1.1))
    return 0.55 * loudness * body * env


def engine(rng: np.random.Generator, n: int) -> np.ndarray:
    """An idling-to-cruising diesel: firing harmonics plus rumble, seen from the cab."""
    t = np.arange(n) / RATE
    freq = 31 + 3 * np.sin(2 * math.pi * 0.13 * t)
    phase = 2 * math.pi * np.cumsum(freq) / RATE
    tone = sum(np.sin(k * phase + k) / k for k in range(1, 7))
    rumble = shaped_noise(rng, n, 30, 500, 1.2) * (0.7 + 0.3 * np.sin(phase * 2))
    return 0.5 * tone / 3 + 0.5 * rumble


def soundtrack(plan: ClipPlan, seed: int) -> np.ndarray:
    """Mono int16 at 48 kHz, exactly the plan's length: quiet gusting wind, plus the plan's
    engine and explosions. Peaks stay around -8 dBFS; most of it is far quieter."""
    rng = np.random.default_rng(seed)
    n = round(plan.duration * RATE)
    gusts = np.interp(np.arange(n), np.linspace(0, n, 40), rng.uniform(0.3, 1.0, 40))
    mix = 0.045 * shaped_noise(rng, n, 15, 2500, 1.6) * gusts
    if plan.engine:
        a, b = (round(x * RATE) for x in plan.engine)
        ramp = np.minimum(1, np.minimum(np.arange(b - a), np.arange(b - a)[::-1]) / (0.05 * RATE))
        mix[a:b] += 0.12 * engine(rng, b - a) * ramp
    for at, loud in plan.booms:
        boom = thump(rng, loud)
        i = round(at * RATE)
        j = min(n, i + boom.size)
        mix[i:j] += boom[: j - i]
    return (np.clip(mix, -1, 1) * 32767 * 0.4).astype(np.int16)


def write_wav(path: Path, samples: np.ndarray) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(samples.tobytes())


# --------------------------------------------------------------------------------------------
# ffmpeg: encoding, decoding, tags
# --------------------------------------------------------------------------------------------


def x264(kbps: int) -> list[str]:
    """Fixed encoder settings: one thread and one-pass ABR, so rebuilds are byte-identical."""
    return [
        "-c:v",
        "libx264",
        "-preset",
        "medium",
        "-threads",
        "1",
        "-pix_fmt",
        "yuv420p",
        "-b:v",
        f"{kbps}k",
        "-maxrate",
        f"{kbps * 2}k",
        "-bufsize",
        f"{kbps * 4}k",
    ]


def aac(kbps: int) -> list[str]:
    return ["-c:a", "aac", "-b:a", f"{kbps}k", "-ac", "1", "-ar", str(RATE)]


def encode(
    ffmpeg: str,
    frames: Iterator[np.ndarray],
    size: tuple[int, int],
    fps: int,
    audio: list[str],
    out_args: list[str],
    out: Path,
) -> None:
    """Pipe raw BGR frames into ffmpeg's stdin; the audio input(s) come from ``audio``."""
    w, h = size
    cmd = [
        ffmpeg,
        "-hide_banner",
        "-nostdin",
        "-loglevel",
        "error",
        "-y",
        "-f",
        "rawvideo",
        "-pix_fmt",
        "bgr24",
        "-s",
        f"{w}x{h}",
        "-framerate",
        str(fps),
        "-i",
        "-",
        *audio,
        *out_args,
        str(out),
    ]
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stderr=err)
        assert proc.stdin is not None
        try:
            for frame in frames:
                proc.stdin.write(frame.tobytes())
        except BrokenPipeError:
            pass
        proc.stdin.close()
        if proc.wait() != 0:
            err.seek(0)
            raise RuntimeError(
                f"ffmpeg failed on {out.name}: {err.read().decode(errors='replace')}"
            )


def decode(
    ffmpeg: str, path: Path, size: tuple[int, int], seconds: float | None = None
) -> Iterator[np.ndarray]:
    """Decoded BGR frames of ``path`` (optionally only the first ``seconds``)."""
    w, h = size
    limit = ["-t", f"{seconds}"] if seconds else []
    cmd = [
        ffmpeg,
        "-hide_banner",
        "-nostdin",
        "-loglevel",
        "error",
        "-i",
        str(path),
        *limit,
        "-f",
        "rawvideo",
        "-pix_fmt",
        "bgr24",
        "-",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    assert proc.stdout is not None
    while chunk := proc.stdout.read(w * h * 3):
        if len(chunk) < w * h * 3:
            break
        yield np.frombuffer(chunk, np.uint8).reshape(h, w, 3).copy()
    proc.stdout.close()
    if proc.wait() != 0:
        raise RuntimeError(f"ffmpeg could not decode {path}")


def boxes(data: bytes | bytearray, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    """(type, offset, size) of the MP4 boxes between ``start`` and ``end``."""
    pos = start
    while pos + 8 <= end:
        size, kind = struct.unpack(">I4s", data[pos : pos + 8])
        if size == 1:
            size = struct.unpack(">Q", data[pos + 8 : pos + 16])[0]
        elif size == 0:
            size = end - pos
        yield kind, pos, size
        pos += size


def find_box(
    data: bytearray, path: Sequence[bytes], start: int = 0, end: int | None = None
) -> list[tuple[int, int]]:
    """Offsets and sizes of the chain of boxes along ``path`` (meta is a full box)."""
    chain: list[tuple[int, int]] = []
    end = len(data) if end is None else end
    for kind in path:
        hit = next(((p, s) for k, p, s in boxes(data, start, end) if k == kind), None)
        if hit is None:
            raise ValueError(f"no {kind!r} box in the file")
        chain.append(hit)
        start, end = hit[0] + (12 if kind == b"meta" else 8), hit[0] + hit[1]
    return chain


def set_encoder_tags(path: Path, lavf: str | None, compressor: str) -> None:
    """Write the container's ``encoder`` tag and the video track's compressor name.

    libavformat replaces any ``-metadata encoder=...`` with its own version string when it
    writes the header (and deletes it in bitexact mode), so a chosen value can only be set
    after muxing. The moov box is last in the file (no faststart), so growing the tag only
    changes the sizes of its enclosing boxes; the compressor name is a fixed 32-byte field.
    """
    data = bytearray(path.read_bytes())
    moov = find_box(data, [b"moov"])[0]
    if moov[0] + moov[1] != len(data):
        raise ValueError("moov must be the last box")
    stsd = find_box(data, [b"moov", b"trak", b"mdia", b"minf", b"stbl", b"stsd"])[-1]
    if data[stsd[0] + 20 : stsd[0] + 24] != b"avc1":
        raise ValueError("the first track is not the H.264 video")
    name = compressor.encode()[:31]
    data[stsd[0] + 16 + 50 : stsd[0] + 16 + 82] = bytes([len(name)]) + name.ljust(31, b"\0")
    if lavf is not None:
        data = replace_encoder(data, lavf.encode())
    path.write_bytes(bytes(data))


def replace_encoder(data: bytearray, value: bytes) -> bytearray:
    """Replace the value of the ``encoder`` item in moov/udta/meta (iTunes or mdta style)."""
    chain = find_box(data, [b"moov", b"udta", b"meta"])
    meta = chain[-1]
    item_kind = b"\xa9too"
    kinds = {k: (p, s) for k, p, s in boxes(data, meta[0] + 12, meta[0] + meta[1])}
    if b"keys" in kinds:  # QuickTime mdta: items are numbered after the keys box
        kp, ks = kinds[b"keys"]
        names = [bytes(data[p + 8 : p + s]) for _, p, s in boxes(data, kp + 16, kp + ks)]
        item_kind = struct.pack(">I", names.index(b"encoder") + 1)
    ilst = kinds[b"ilst"]
    item = next((p, s) for k, p, s in boxes(data, ilst[0] + 8, ilst[0] + ilst[1]) if k == item_kind)
    payload = next(
        (p, s) for k, p, s in boxes(data, item[0] + 8, item[0] + item[1]) if k == b"data"
    )
    new = struct.pack(">I4sII", 16 + len(value), b"data", 1, 0) + value
    delta = len(new) - payload[1]
    data[payload[0] : payload[0] + payload[1]] = new
    for offset, size in [*chain, ilst, item]:
        data[offset : offset + 4] = struct.pack(">I", size + delta)
    return data


def probe_tags(ffprobe: str | None, path: Path) -> dict[str, dict[str, str]]:
    """Container and stream tags as ffprobe reports them, to check what was written."""
    if ffprobe is None:
        return {}
    out = subprocess.run(
        [ffprobe, "-v", "error", "-show_format", "-show_streams", "-of", "json", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    info = json.loads(out)
    tags = {"format": info["format"].get("tags", {})}
    for s in info["streams"]:
        tags[f"stream:{s['index']}"] = s.get("tags", {})
    return tags


# --------------------------------------------------------------------------------------------
# The four pieces of evidence
# --------------------------------------------------------------------------------------------

MOD_CLIP = "clips/mod_strikes_2023-05-23.mp4"
LEGION_CLIP = "clips/legion_raid_telegram.mp4"
REPOST_CLIP = "clips/aggregator_repost.mp4"
STILL = "stills/legion_tank_flag_2023-06-02.jpg"


def tag_args(tags: dict[str, str], video_handler: str, audio_handler: str) -> list[str]:
    args = [arg for key, value in tags.items() for arg in ("-metadata", f"{key}={value}")]
    return [
        *args,
        "-metadata:s:v:0",
        f"handler_name={video_handler}",
        "-metadata:s:a:0",
        f"handler_name={audio_handler}",
    ]


def build_release(
    ffmpeg: str,
    plan: ClipPlan,
    terrain: Terrain,
    out: Path,
    kbps: tuple[int, int],
    tags: list[str],
    seed: int,
) -> None:
    """Render, add the soundtrack, encode; used for both the ministry and the legion clip."""
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "sound.wav"
        write_wav(wav, soundtrack(plan, seed))
        encode(
            ffmpeg,
            render_frames(plan, terrain, seed),
            (plan.width, plan.height),
            plan.fps,
            ["-i", str(wav)],
            ["-map", "0:v:0", "-map", "1:a:0", *x264(kbps[0]), *aac(kbps[1]), *tags],
            out,
        )


def build_mod(ffmpeg: str, terrain: Terrain, out: Path) -> ClipPlan:
    plan = mod_plan(terrain)
    build_release(
        ffmpeg,
        plan,
        terrain,
        out,
        (170, 32),
        tag_args(MOD_TAGS, "VideoHandler", "SoundHandler"),
        SEED + 1,
    )
    set_encoder_tags(out, *MOD_ENCODER)
    return plan


def build_legion(ffmpeg: str, terrain: Terrain, mod_clip: Path, out: Path) -> ClipPlan:
    """The legion's cut; its strike-3 segment is decoded from the ministry's *encoded* clip,
    as a re-user would have it, generation loss included."""
    first = round(REUSE["mod_start"] * 25)
    last = round(REUSE["mod_end"] * 25)
    reused = [f for i, f in enumerate(decode(ffmpeg, mod_clip, (640, 360))) if first <= i < last]
    plan = legion_plan(terrain, reused)
    tags = [
        *tag_args(LEGION_TAGS, "Core Media Video", "Core Media Audio"),
        "-movflags",
        "use_metadata_tags",
    ]
    build_release(ffmpeg, plan, terrain, out, (72, 24), tags, SEED + 2)
    set_encoder_tags(out, *LEGION_ENCODER)
    return plan


REPOST_SECONDS, REPOST_SIZE, REPOST_Y = 40.0, (480, 480), 105  # the square and the picture in it


def aggregator_frames(frames: Iterator[np.ndarray]) -> Iterator[np.ndarray]:
    """The legion's frames letterboxed into a square with the aggregator's mark on them."""
    w, h = REPOST_SIZE
    y0 = REPOST_Y
    for frame in frames:
        canvas = np.zeros((h, w, 3), np.uint8)
        canvas[y0 : y0 + frame.shape[0]] = frame
        y1 = y0 + frame.shape[0]
        shade_box(canvas, w - 136, y1 - 30, 126, 22, alpha=0.45, colour=(30, 30, 200))
        text(
            canvas,
            "FRONTLINE 24",
            (w - 128, y1 - 14),
            0.45,
            font=cv2.FONT_HERSHEY_DUPLEX,
            outline=False,
        )
        yield canvas


def build_repost(ffmpeg: str, legion_clip: Path, out: Path) -> None:
    """Square re-encode of the legion video's first 40 s with every tag stripped."""
    seconds = REPOST_SECONDS
    frames = aggregator_frames(decode(ffmpeg, legion_clip, (480, 270), seconds))
    strip = [
        "-map_metadata",
        "-1",
        "-fflags",
        "+bitexact",
        "-flags:v",
        "+bitexact",
        "-flags:a",
        "+bitexact",
    ]
    encode(
        ffmpeg,
        frames,
        REPOST_SIZE,
        30,
        ["-t", str(seconds), "-i", str(legion_clip)],
        ["-map", "0:v:0", "-map", "1:a:0", *x264(80), *aac(24), *strip],
        out,
    )
    set_encoder_tags(out, None, "")  # no compressor name either: nothing left to say who made it


def dms(value: float) -> tuple[float, float, float]:
    """Decimal degrees as EXIF degrees, minutes, seconds."""
    deg = int(value)
    minutes = int((value - deg) * 60)
    return float(deg), float(minutes), round((value - deg - minutes / 60) * 3600, 2)


@dataclass(frozen=True)
class StillExif:
    make: str = "samsung"
    model: str = "SM-A525F"
    software: str = "A525FXXS6DWC1"
    taken: str = "2023:06:02 07:12:45"
    offset: str = "+03:00"
    lat: float = 50.3586  # Novaya Tavolzhanka, by Shebekino
    lon: float = 36.8331
    alt: float = 168.0


STILL_EXIF = StillExif()


def still_exif() -> Image.Exif:
    """Camera EXIF as a mid-range Android phone writes it, with the GPS IFD."""
    e = STILL_EXIF
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0131] = e.make, e.model, e.software
    exif[0x0132], exif[0x0112] = e.taken, 1
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = sub[0x9004] = e.taken
    sub[0x9011] = e.offset
    sub[0xA002], sub[0xA003] = 1024, 768
    gps = exif.get_ifd(0x8825)
    gps[0x00] = b"\x02\x02\x00\x00"
    gps[0x01], gps[0x02] = "N", dms(e.lat)
    gps[0x03], gps[0x04] = "E", dms(e.lon)
    gps[0x05], gps[0x06] = b"\x00", e.alt
    gps[0x07], gps[0x1D] = (4.0, 12.0, 45.0), "2023:06:02"  # UTC time of the fix
    return exif


def build_still(out: Path, seed: int = SEED + 3) -> None:
    """The legion's morning photo of 'their' tank with a flag in a village street."""
    rng = np.random.default_rng(seed)
    street = street_panorama(seed, 1300, 768, damage=0.1)[:, 140:1164]
    below_sky = smoothstep(0.3, 0.45, np.linspace(0, 1, 768))[:, None]
    wear = 1 + below_sky * (0.28 * fractal_noise(rng, 768, 1024, cells=24, octaves=5) - 0.14)
    soft = np.asarray(cv2.GaussianBlur(street * wear[..., None], (0, 0), 2.2), np.float32)
    light = np.linspace(1.12, 0.9, 1024, dtype=np.float32)[None, :, None]  # sun from the left
    img = soft * light * np.array([0.9, 1.0, 1.08], np.float32)  # warm, a quarter past seven
    shadow = np.zeros(img.shape[:2], np.float32)
    cv2.ellipse(shadow, (520, 744), (300, 16), 0, 0, 360, 0.6, -1, cv2.LINE_AA)
    img = img * (1 - cv2.GaussianBlur(shadow, (0, 0), 6)[..., None])
    tank = tank_side(66, seed)  # in focus, unlike the street behind it
    tank.image *= light[:, : tank.image.shape[1]]
    tank.paste(img, 500, 748)
    grain = rng.normal(0, 4.0, img.shape).astype(np.float32)
    img = np.asarray(cv2.GaussianBlur(img, (0, 0), 0.7), np.float32) + grain
    yy, xx = np.mgrid[0:768, 0:1024].astype(np.float32)
    img = img * (1 - 0.3 * (((xx - 512) / 512) ** 2 + ((yy - 384) / 512) ** 2))[..., None]
    rgb = cv2.cvtColor(np.clip(img, 0, 255).astype(np.uint8), cv2.COLOR_BGR2RGB)
    Image.fromarray(rgb).save(out, "JPEG", quality=80, exif=still_exif().tobytes())


# --------------------------------------------------------------------------------------------
# Ground truth and the case file
# --------------------------------------------------------------------------------------------


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def shot_table(plan: ClipPlan, labels: Sequence[str]) -> list[dict[str, object]]:
    rows, start = [], 0
    for cut, label in zip(plan.cuts, labels, strict=True):
        count = round(cut.shot.duration * plan.fps)
        rows.append(
            {
                "label": label,
                "start": round(start / plan.fps, 3),
                "end": round((start + count) / plan.fps, 3),
            }
        )
        start += count
    return rows


LEGION_LABELS = (
    "a horizon 'Belgorod region'",
    "b inside a vehicle",
    "c1 drone: BMP-2 on a road",
    "c2 REUSED ministry strike 3",
    "d1 drone: village houses",
    "d2 street and fences",
    "e1 shelling, ground view",
    "e2 shelling, drone view",
    "f1 drone: wrecks",
    "f2 burnt BMP-2 in a street",
    "f3 burnt KAMAZ in a field",
)


def truth(mod: ClipPlan, legion: ClipPlan) -> dict[str, object]:
    """What a reuse detector and the rest of the workbench should find, second by second."""
    span = REUSE["mod_end"] - REUSE["mod_start"]
    l0 = REUSE["legion_start"]
    x, y, w, h = REUSE_CROP
    return {
        "note": "Ground truth of the fictional sample case, written by build_samples.py.",
        "seed": SEED,
        "reuse": [
            {
                "source": MOD_CLIP,
                "source_start": REUSE["mod_start"],
                "source_end": REUSE["mod_end"],
                "target": LEGION_CLIP,
                "target_start": l0,
                "target_end": l0 + span,
                "speed": 1.0,
                "frame_map": "source_frame = floor((t - 36.0 + 15.0) * 25) for target time t",
                "transforms": {
                    "crop": {"x": x, "y": y, "w": w, "h": h, "of": [640, 360]},
                    "hflip": True,
                    "scale_to": [480, 270],
                    "fps": [25, 30],
                    "overlays": ["caption 'enemy BMP-2'", "legion channel mark"],
                },
                "what": "ministry shot STRIKE 3 (a BMP-2 hit on a dirt road) reposted by the "
                "legion as its own drone footage of an 'enemy BMP-2'",
            },
            {
                "source": LEGION_CLIP,
                "source_start": 0.0,
                "source_end": REPOST_SECONDS,
                "target": REPOST_CLIP,
                "target_start": 0.0,
                "target_end": REPOST_SECONDS,
                "speed": 1.0,
                "frame_map": "same frame index (30 fps both)",
                "transforms": {
                    "pad": {
                        "w": 480,
                        "h": 480,
                        "x": 0,
                        "y": REPOST_Y,
                        "colour": "black",
                    },
                    "hflip": False,
                    "overlays": ["'FRONTLINE 24' mark, bottom right of the picture"],
                },
                "what": "aggregator repost, all container metadata stripped",
            },
            {
                "source": MOD_CLIP,
                "source_start": REUSE["mod_start"],
                "source_end": 19.0,
                "target": REPOST_CLIP,
                "target_start": l0,
                "target_end": REPOST_SECONDS,
                "speed": 1.0,
                "transforms": {"via": LEGION_CLIP, "hflip": True},
                "what": "the repost carries the first 4 s of the reused strike at second-hand",
            },
        ],
        "shots": {
            MOD_CLIP: shot_table(mod, [f"STRIKE {i}" for i in range(1, 7)]),
            LEGION_CLIP: shot_table(legion, LEGION_LABELS),
        },
        "fades": {MOD_CLIP: mod.fades, LEGION_CLIP: legion.fades},
        "explosions": {
            MOD_CLIP: [round(t, 2) for t, _ in mod.booms],
            LEGION_CLIP: [round(t, 2) for t, _ in legion.booms],
        },
        "durations": {
            MOD_CLIP: mod.duration,
            LEGION_CLIP: legion.duration,
            REPOST_CLIP: REPOST_SECONDS,
        },
        "still": {"path": STILL, **dataclasses.asdict(STILL_EXIF)},
    }


CASE_DESCRIPTION = (
    "Fictional sample case. A cross-border raid into the Belgorod region on 22 May 2023 is "
    "claimed by a volunteer legion, while the defence ministry releases drone footage of "
    "strikes it says destroyed the raiders. One drone shot appears in both releases, mirrored; "
    "an aggregator later reposts part of the legion video with a new date and place."
)

CASE_ENTRIES = (
    (
        MOD_CLIP,
        "Russian Ministry of Defence",
        "2023-05-23",
        ["claims/mod_statement.md", "claims/news_article.md"],
    ),
    (
        LEGION_CLIP,
        "Freedom of Russia Legion",
        "2023-05-27",
        ["claims/legion_telegram.md", "claims/news_article.md"],
    ),
    (REPOST_CLIP, "News aggregator (Twitter)", "2023-05-28", ["claims/aggregator_post.md"]),
    (STILL, "Freedom of Russia Legion", "2023-06-02", ["claims/legion_photo.md"]),
)


def case_toml(out: Path) -> str:
    """The case file, with each piece of evidence pinned by the SHA-256 just computed."""
    lines = [
        'title = "Belgorod incursion, May-June 2023 (fictional sample case)"',
        f"description = {json.dumps(CASE_DESCRIPTION)}",
        "",
    ]
    for path, actor, released, claims in CASE_ENTRIES:
        lines += [
            "[[clips]]",
            f'path = "{path}"',
            f'sha256 = "{sha256(out / path)}"',
            f'actor = "{actor}"',
            f'released = "{released}"',
            "claims = [" + ", ".join(f'"{c}"' for c in claims) + "]",
            "",
        ]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def copy_static(out: Path) -> None:
    """Claims and README are written by hand next to this script; bring them along."""
    if out.resolve() == HERE:
        return
    shutil.copytree(HERE / "claims", out / "claims", dirs_exist_ok=True)
    shutil.copy2(HERE / "README.md", out / "README.md")


def build(out: Path) -> list[Path]:
    tools = find_toolchain()
    for sub in ("clips", "stills"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    step = time.monotonic()

    def done(what: str) -> None:
        nonlocal step
        print(f"  {what:<34} {time.monotonic() - step:5.1f} s", file=sys.stderr)
        step = time.monotonic()

    terrain = build_terrain()
    done("terrain map")
    mod = build_mod(tools.ffmpeg, terrain, out / MOD_CLIP)
    done("ministry clip")
    legion = build_legion(tools.ffmpeg, terrain, out / MOD_CLIP, out / LEGION_CLIP)
    done("legion clip")
    build_repost(tools.ffmpeg, out / LEGION_CLIP, out / REPOST_CLIP)
    done("aggregator repost")
    build_still(out / STILL)
    done("still photo")
    (out / "truth.json").write_text(json.dumps(truth(mod, legion), indent=2) + "\n")
    copy_static(out)
    (out / "case.toml").write_text(case_toml(out))
    check_tags(tools.ffprobe, out)
    return [out / p for p in (MOD_CLIP, LEGION_CLIP, REPOST_CLIP, STILL, "truth.json", "case.toml")]


def check_tags(ffprobe: str | None, out: Path) -> None:
    """Fail loudly if the tags that were meant to be written are not what ffprobe reads."""
    mod, legion = probe_tags(ffprobe, out / MOD_CLIP), probe_tags(ffprobe, out / LEGION_CLIP)
    if not mod:
        return
    want = [
        (mod["format"], {**MOD_TAGS, "encoder": MOD_ENCODER[0]}),
        (legion["format"], {**LEGION_TAGS, "encoder": LEGION_ENCODER[0]}),
        (mod["stream:0"], {"encoder": MOD_ENCODER[1]}),
        (legion["stream:0"], {"encoder": LEGION_ENCODER[1], "handler_name": "Core Media Video"}),
    ]
    repost = probe_tags(ffprobe, out / REPOST_CLIP)
    for tags, expected in want:
        for key, value in expected.items():
            if tags.get(key) != value:
                raise RuntimeError(f"tag {key}: wrote {value!r}, ffprobe reads {tags.get(key)!r}")
    leaked = [k for k in ("creation_time", "encoder") for t in repost.values() if k in t]
    if leaked:
        raise RuntimeError(f"repost still carries {leaked}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="folder to write (default: here)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    written = build(args.out)
    for path in written:
        print(f"{path.stat().st_size / 1024:8.1f} KiB  {path.relative_to(args.out)}")
    total = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(f"{total / 1024:8.1f} KiB  in {args.out} ({time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
