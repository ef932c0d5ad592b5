"""Side views drawn once in metres and pasted into frames: a BMP-2, a KAMAZ truck, the legion's
tank with its flag, and the inside of a truck cab.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from .common import Colour, Frame, Vec, fixed, fractal_noise, smoothstep


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
    return c.weather(seed, False)


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
