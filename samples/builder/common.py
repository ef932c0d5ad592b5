"""Shared types, constants and small numeric helpers: smooth masks, easing, value and
Fourier noise, fixed-point points for OpenCV, rotated rectangles and blobs, and the paths of
the four pieces of evidence inside the case folder.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import cv2
import numpy as np

Frame = np.ndarray  # float32 BGR, 0..255, shape (h, w, 3)


Vec = tuple[float, float]


Colour = Sequence[float] | np.ndarray  # BGR


SEED = 20230522  # the day of the raid; every generator below derives from it


MPP = 0.5  # metres per terrain-map pixel


MAP_W, MAP_H = 4000, 3000  # 2 km x 1.5 km of fictional border country


SUN = np.array([0.55, 0.42])  # where shadows fall, in map pixels per metre of height


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


def fixed(pts: np.ndarray, origin: Vec = (0.0, 0.0)) -> np.ndarray:
    """Points as the 4-bit fixed-point int32 array cv2's drawing functions take with shift=4."""
    return np.round((np.asarray(pts) - np.asarray(origin)) * 16).astype(np.int32)


def rect(
    centre: Sequence[float] | np.ndarray, length: float, width: float, angle: float
) -> np.ndarray:
    """Corners of a rotated rectangle (long side along ``angle``)."""
    c, s = math.cos(angle), math.sin(angle)
    local = np.array([[1, 1], [1, -1], [-1, -1], [-1, 1]], np.float32) * (length / 2, width / 2)
    return local @ np.array([[c, s], [-s, c]], np.float32) + np.asarray(centre, np.float32)


def blob(rng: np.random.Generator, centre: Vec, radius: float) -> np.ndarray:
    """An irregular round outline (int32 points): a wood, a scorch mark, a puddle."""
    k = np.arange(1, 6)
    amps, phases = rng.uniform(0.04, 0.16, 5) / k, rng.uniform(0, 2 * math.pi, 5)
    ang = np.linspace(0, 2 * math.pi, 72, endpoint=False)
    r = radius * (1 + (amps[:, None] * np.sin(k[:, None] * ang + phases[:, None])).sum(0))
    return np.column_stack([centre[0] + r * np.cos(ang), centre[1] + r * 0.7 * np.sin(ang)]).astype(
        np.int32
    )


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


MOD_CLIP = "clips/mod_strikes_2023-05-23.mp4"


LEGION_CLIP = "clips/legion_raid_telegram.mp4"


REPOST_CLIP = "clips/aggregator_repost.mp4"


STILL = "stills/legion_tank_flag_2023-06-02.jpg"
