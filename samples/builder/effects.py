"""What a camera adds to a rendered scene: sensor grain, vignette and exposure drift, hand-held
shake, and the washed-out grey of a cheap drone camera.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import cv2
import numpy as np

from .common import Frame, Vec


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


class Sensor:
    """Vignette, slow exposure drift and fresh per-frame noise, as a small sensor produces.

    Noise comes from a small bank of pre-drawn fields cropped at random offsets: every frame
    gets different grain at a fraction of the cost of drawing 400k normals per frame.
    """

    PAD = 24

    def __init__(self, w: int, h: int, seed: int, noise: float = 3.2, vignette: float = 0.38):
        self.w, self.h = w, h
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


def desaturate(frame: Frame, keep: float = 0.12, contrast: float = 1.12) -> Frame:
    """The washed-out grey of a cheap or thermal-ish drone camera."""
    lum = frame @ np.array([0.11, 0.59, 0.30], np.float32)
    grey = lum[..., None] * (1 - keep) + frame * keep
    return (grey - 110) * contrast + 118


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
