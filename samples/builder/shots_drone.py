"""The drone shot: a camera moving over the terrain map while vehicles drive, strikes land,
smoke rises and the exposure jumps with each blast.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import cv2
import numpy as np

from .camera import apply, sample_map, view_matrix
from .common import SUN, Frame, Vec, blob, ease, fixed, lerp
from .effects import desaturate, shake
from .strikes import (
    Blast,
    Particles,
    SmokeTexture,
    blast_particles,
    dust_trail,
    join_particles,
    render_particles,
)
from .terrain import Terrain
from .vehicles import Vehicle, vehicle_polys


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
        self.particles = join_particles(parts)
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
