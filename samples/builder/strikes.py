"""Smoke, fire and dust as particles: flash, fireball, blast smoke, thrown earth, burning wrecks,
dust trails, and compositing them into a frame with a drifting noise texture.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from .common import Frame, Vec, fixed, fractal_noise, smoothstep
from .vehicles import Vehicle


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


def join_particles(parts: Sequence[Particles]) -> Particles | None:
    """All ``parts`` as one set, or None when there are none (a shot without smoke)."""
    return Particles.join(parts) if parts else None


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
