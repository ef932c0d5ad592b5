"""A camera driving forward down a road, as a dash-cam sees it: a flat grey road with a solid
edge line and dashed lane marks, grass either side, a band of far hills at the horizon that
grows slowly as the car nears it, and a plain sky. Near the vanishing point hardly anything
moves in the picture for seconds (the far hills, the road ahead, the edge line), while the
road and the grass beside the car stream past."""

from __future__ import annotations

import cv2
import numpy as np

from tests.media import textured_frame

SIZE = (480, 270)
FPS = 10
SPEED = 25.0  # metres a second
TEXEL_M = 0.1  # metres per texel of the road's and the grass's textures
HORIZON = 0.45  # of the height
FOCAL_PX, CAMERA_M = 320.0, 1.4
HILLS_GROWTH = 0.03  # a second: the far hills' scale, as the car nears them


def drive(seconds: float, seed: int = 3) -> list[np.ndarray]:
    """``seconds`` of the drive, RGB frames at ``FPS``."""
    rng = np.random.default_rng(seed)
    width, height = SIZE
    length = int((400 + SPEED * seconds) / TEXEL_M)  # no texture repeats along the drive
    fine = rng.normal(0, 9, (length, 160)).astype(np.float32)
    road = 105 + cv2.GaussianBlur(fine, (0, 0), 1.0)
    grass = cv2.resize(textured_frame(seed, (64, length // 8)), (160, length)).astype(np.float32)
    grass *= np.array([0.42, 0.7, 0.35], np.float32)
    hills = textured_frame(seed + 7, (1200, 60)).astype(np.float32) * 0.5 + 40
    horizon = height * HORIZON
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    ground = ys > horizon + 0.5
    depth = np.where(ground, FOCAL_PX * CAMERA_M / np.maximum(ys - horizon, 0.5), 1e4)
    across = (xs - width / 2 + 30) * depth / FOCAL_PX  # metres right of the car's lane centre
    on_road = ground & (np.abs(across) < 3.6)
    column = (across % 16.0 / 16.0 * 159).astype(np.float32)
    sky = np.array([200, 205, 215], np.float32) - (1 - ys[..., None] / horizon) * 40
    frames = []
    for n in range(int(seconds * FPS)):
        along = depth + SPEED * n / FPS
        row = np.clip(along / TEXEL_M, 0, length - 1).astype(np.float32)
        picture = sky.copy()
        grassy = ground & ~on_road
        picture[grassy] = cv2.remap(grass, column, row, cv2.INTER_LINEAR)[grassy]
        picture[on_road] = cv2.remap(road, column, row, cv2.INTER_LINEAR)[on_road][:, None]
        dashes = on_road & (np.abs(across - 1.8) < 0.08) & (along % 12.0 < 3.0)
        edges = on_road & (np.abs(np.abs(across) - 3.45) < 0.08)
        picture[dashes | edges] = 235
        _far_hills(picture, hills, int(horizon), 1.0 + HILLS_GROWTH * n / FPS)
        noise = rng.normal(0, 1.5, picture.shape)
        frames.append(np.clip(picture + noise, 0, 255).astype(np.uint8))
    return frames


def _far_hills(picture: np.ndarray, hills: np.ndarray, horizon: int, scale: float) -> None:
    """The hills' band drawn standing on the horizon, enlarged ``scale`` times about the
    middle (only its brighter parts: the rest is sky between the hills)."""
    width = picture.shape[1]
    shown = int(hills.shape[1] / scale / 1.5)
    left = (hills.shape[1] - shown) // 2
    band = cv2.resize(hills[:, left : left + shown], (width, hills.shape[0]))
    under = picture[horizon - hills.shape[0] + 1 : horizon + 1]
    solid = band.mean(axis=2) > 70
    under[solid] = band[solid]


def vertical(frames: list[np.ndarray], across: float) -> list[np.ndarray]:
    """A 9:16 crop of the full height, ``across`` of the way from left to right, enlarged
    to 180x320, with a caption bar of big dark letters at the top and at the bottom."""
    out = []
    for frame in frames:
        height, width = frame.shape[:2]
        strip = int(height * 9 / 16) // 2 * 2
        x = int((width - strip) * across)
        crop = cv2.resize(frame[:, x : x + strip], (180, 320), interpolation=cv2.INTER_AREA)
        for top in (18, 262):
            crop[top : top + 40, 10:170] = 250
            for k in range(6):
                crop[top + 10 : top + 30, 18 + 25 * k : 36 + 25 * k] = 20
        out.append(crop)
    return out
