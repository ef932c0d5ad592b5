"""Virtual cameras on the terrain map: the top-down drone view (affine, with a pyramid level and
fine ground detail) and the ground-level pinhole camera (perspective ground plane, aerial haze).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from .common import MPP, SEED, Colour, Frame
from .terrain import Terrain


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
    out = cv2.warpAffine(
        terrain.pyramid[level], mk, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT101
    ).astype(np.float32)
    if scale < 1.2:
        md = m.copy()
        md[:, :2] *= 0.5
        detail = cv2.warpAffine(
            DETAIL, md, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_WRAP
        )
        out *= (1 + 0.35 * (1.2 - scale) * detail)[..., None]
    return out


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


HAZE = np.array([206, 200, 192], np.float32)


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
