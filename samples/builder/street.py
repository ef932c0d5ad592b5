"""The village street seen from across the road: houses, fences, lilac, poles and wires, plus
the small figures (crouching soldiers, passengers) that appear in the legion's footage.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from .common import Frame, blob, fixed, fractal_noise
from .sprites import bmp2_side
from .terrain_paint import ROOFS, WALLS

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
