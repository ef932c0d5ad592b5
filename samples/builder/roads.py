"""Polylines for roads, rivers and routes: Catmull-Rom splines resampled every metre, normals,
points along a line, and the hand-placed road network and river of the terrain map.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from .common import MAP_W, Vec

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
