"""One continuous recording of a fixed camera over a road, as the tune car source is: cars
cross it every few seconds, and while a bright car is in view the camera's automatic exposure
darkens the whole picture. Cut at two moments, it gives two clips of one place that share no
footage; cut once and re-encoded, cropped or captioned, a repost that does."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from tests.media import frames_clip, run_ffmpeg, textured_frame

SIZE = (320, 240)
FPS = 10
CAR_EVERY_S = 5.0  # a car enters about this often (jittered) and takes 2-3 s to cross
DARKEST = 0.5  # the exposure's gain while a car fills its share of the view
SHADING = 0.2  # the road's faint shading, of a textured frame's contrast


def recording(seconds: float, seed: int = 5, grain: float = 11.0) -> list[np.ndarray]:
    """``seconds`` of the camera, RGB frames at ``FPS``. The road's fine ``grain`` (grey
    levels) holds the corners keypoints are found on; darkened by the exposure, it sinks
    below their contrast, so the background looks changed although nothing on it moved."""
    rng = np.random.default_rng(seed)
    width, height = SIZE
    fine = rng.normal(0, grain, (height, width)).astype(np.float32)
    road = textured_frame(seed, SIZE).astype(np.float32) * SHADING + 115 - 128 * SHADING
    road += cv2.GaussianBlur(fine, (0, 0), 0.8)[:, :, None]
    cars = []
    t = 0.5
    while t < seconds:
        w, h = int(rng.integers(50, 80)), int(rng.integers(30, 45))
        look = textured_frame(int(rng.integers(1, 10_000)), (w, h)).astype(np.float32) * 0.4 + 150
        lane = int(rng.integers(10, height - h - 10))
        speed = float(rng.uniform(130, 170)) * rng.choice((-1, 1))  # pixels a second
        cars.append((t, look, lane, speed))
        t += CAR_EVERY_S * float(rng.uniform(0.7, 1.3))
    frames = []
    for n in range(int(seconds * FPS)):
        now = n / FPS
        frame = road.copy()
        shown = 0.0
        for start, look, lane, speed in cars:
            h, w = look.shape[:2]
            travelled = (now - start) * abs(speed)
            x = int(travelled - w) if speed > 0 else int(width - travelled)
            left, right = max(0, x), min(width, x + w)
            if now >= start and left < right:
                frame[lane : lane + h, left:right] = look[:, left - x : right - x]
                shown += (right - left) * h / (width * height)
        gain = 1.0 - (1.0 - DARKEST) * min(1.0, shown / 0.04)  # automatic exposure
        frame = frame * gain + rng.normal(0, 2, frame.shape)
        frames.append(np.clip(frame, 0, 255).astype(np.uint8))
    return frames


def cut(path: Path, frames: list[np.ndarray], start_s: float, end_s: float) -> Path:
    """The recording from ``start_s`` to ``end_s`` as a clip."""
    return frames_clip(path, frames[round(start_s * FPS) : round(end_s * FPS)], fps=FPS)


def altered(path: Path, source: Path, vf: str) -> Path:
    """``source`` re-encoded through the filter ``vf`` (a repost)."""
    run_ffmpeg(["-i", str(source), "-vf", vf, "-c:v", "libx264", "-crf", "26",
                "-pix_fmt", "yuv420p", str(path)])  # fmt: skip
    return path


def still_room(seconds: float, seed: int = 7, mover_px: int = 48) -> list[np.ndarray]:
    """A fixed camera on a table full of sharp-edged things (the tune bottle scene) where
    the only thing that moves is one small, softly textured object (a hand) wandering
    through the view: the still edges hold every strong corner of the picture. RGB frames at
    ``FPS``."""
    rng = np.random.default_rng(seed)
    width, height = SIZE
    table = np.full((height, width), 120, np.float32)
    for _ in range(90):
        x, y = int(rng.integers(0, width - 20)), int(rng.integers(0, height - 20))
        table[y : y + int(rng.integers(6, 26)), x : x + int(rng.integers(6, 26))] = rng.choice(
            (20, 230)
        )
    soft = cv2.GaussianBlur(rng.normal(0, 1, (mover_px, mover_px)).astype(np.float32), (0, 0), 1.5)
    mover = 120 + 40 * soft / soft.std()
    frames, place, velocity = [], np.array([width / 2, height / 2]), np.zeros(2)
    highest = np.array([width - mover_px, height - mover_px])
    for step in rng.normal(0, 1.2, (int(seconds * FPS), 2)):
        velocity = 0.9 * velocity + step
        place = np.clip(place + velocity, 0, highest)
        frame = table.copy()
        x, y = int(place[0]), int(place[1])
        frame[y : y + mover_px, x : x + mover_px] = mover
        grey = np.clip(frame + rng.normal(0, 2, frame.shape), 0, 255).astype(np.uint8)
        frames.append(np.repeat(grey[:, :, None], 3, axis=2))
    return frames


def walks_away(seconds: float, leave_s: float, seed: int = 9) -> list[np.ndarray]:
    """A fixed camera on a textured room where someone (a large textured block, a third of
    the view) stands until ``leave_s``, then walks out to the right within a second: the
    room behind them is revealed only at the end, as on the retired-heldout indoor camera.
    RGB frames at ``FPS``."""
    rng = np.random.default_rng(seed)
    width, height = SIZE
    room = textured_frame(seed, SIZE).astype(np.float32)
    person = textured_frame(seed + 100, (width // 3, height * 3 // 4)).astype(np.float32)
    ph, pw = person.shape[:2]
    frames = []
    for n in range(int(seconds * FPS)):
        now = n / FPS
        frame = room.copy()
        x = width // 3 + int(max(0.0, now - leave_s) * 1.2 * width)  # walks right, then gone
        if x < width:
            frame[height - ph :, x : min(width, x + pw)] = person[:, : min(width, x + pw) - x]
        frames.append(np.clip(frame + rng.normal(0, 2, frame.shape), 0, 255).astype(np.uint8))
    return frames


def empty_room(seed: int = 9, noise_seed: int = 1) -> np.ndarray:
    """The room of :func:`walks_away` with no one in it (RGB), as a still of another moment."""
    rng = np.random.default_rng(noise_seed)
    room = textured_frame(seed, SIZE).astype(np.float32)
    return np.clip(room + rng.normal(0, 2, room.shape), 0, 255).astype(np.uint8)
