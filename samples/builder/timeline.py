"""A clip as a cut list (shots plus the overlays drawn on them, fades, explosions for the
soundtrack) and rendering that plan into uint8 frames in order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from .effects import Sensor
from .shots_drone import DroneShot
from .shots_ground import GroundShot, PanShot, ReuseShot
from .terrain import Terrain

Overlay = Callable[[np.ndarray, float], None]


Shot = DroneShot | GroundShot | PanShot | ReuseShot


@dataclass
class Cut:
    """One shot on a clip's timeline and what the editor drew over it."""

    shot: Shot
    overlays: tuple[Overlay, ...] = ()


@dataclass(frozen=True)
class ClipPlan:
    name: str
    width: int
    height: int
    fps: int
    cuts: list[Cut]
    fades: tuple[tuple[float, float, bool], ...] = ()  # (start s, end s, fading in?)
    booms: tuple[tuple[float, float], ...] = ()  # (s, loudness) for the soundtrack
    engine: tuple[float, float] | None = None  # span with a diesel engine on the soundtrack

    @property
    def duration(self) -> float:
        return sum(c.shot.duration for c in self.cuts)


def blast_times(
    cuts: Sequence[Cut], fps: int, loudness: float = 1.0
) -> tuple[tuple[float, float], ...]:
    """(clip second, loudness) of every blast seen on screen, for the soundtrack."""
    out, start = [], 0
    for cut in cuts:
        blasts = getattr(cut.shot, "blasts", ())
        out += [(start / fps + b.t0, loudness * b.power) for b in blasts if b.t0 >= 0]
        start += round(cut.shot.duration * fps)
    return tuple(out)


def fade_gain(plan: ClipPlan, t: float) -> float:
    for start, end, fading_in in plan.fades:
        if start <= t < end:
            u = (t - start) / (end - start)
            return u if fading_in else 1 - u
    return 1.0


def render_frames(plan: ClipPlan, terrain: Terrain, seed: int) -> Iterator[np.ndarray]:
    """Every frame of the plan as uint8 BGR: scene, then sensor, then overlays, then fades."""
    w, h, fps = plan.width, plan.height, plan.fps
    sensor = Sensor(w, h, seed)
    start = 0
    for cut in plan.cuts:
        shot = cut.shot
        shot.prepare(terrain, w, h)
        count = round(shot.duration * fps)
        for i in range(count):
            t = i / fps
            frame = shot.render(terrain, t, w, h)
            img = frame if shot.finished else sensor.finish(frame, (start + i) / fps)
            img = np.ascontiguousarray(img)
            for overlay in cut.overlays:
                overlay(img, t)
            gain = fade_gain(plan, (start + i) / fps)
            yield img if gain >= 1 else (img * gain).astype(np.uint8)
        start += count
