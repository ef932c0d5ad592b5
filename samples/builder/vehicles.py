"""Vehicles seen from above: top-down outlines of a BMP-2, a KAMAZ truck and a car, placed on
a road at a given shot time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .roads import along

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
