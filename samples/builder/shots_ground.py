"""Ground-level and other non-drone shots: a hand-held camera on a field, the drive seen through
a cab's windscreen, a pan across a side-view scene, and frames lifted from another clip.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np

from .camera import GroundCam, apply
from .common import Frame, Vec, ease, lerp
from .effects import handheld, shake
from .roads import along
from .scenery import Sky, billboards, ground_frame
from .sprites import Sprite, cab_sprite
from .street import passenger
from .strikes import (
    Blast,
    SmokeTexture,
    blast_particles,
    join_particles,
    puffs,
    render_particles,
)
from .terrain import Terrain


@dataclass
class GroundShot:
    """A hand-held camera on the ground: horizon, tree belts, impacts, a wreck in front."""

    duration: float
    cam: Callable[[float], GroundCam] | None = None  # None: the subclass places the camera
    blasts: tuple[Blast, ...] = ()
    wreck: tuple[Callable[[], Sprite], Vec] | None = None  # sprite maker, (x, y) frame fraction
    shake: float = 2.0
    wind: Vec = (4.0, -2.0)
    seed: int = 0
    key_every: float = 0.5  # seconds between full renders of a turning camera
    finished: bool = False

    def prepare(self, terrain: Terrain, w: int, h: int) -> None:
        rng = np.random.default_rng(self.seed)
        parts = [blast_particles(rng, b, self.wind) for b in self.blasts]
        self.particles = join_particles(parts)
        self.key, self.base = -1.0, np.zeros((h, w, 3), np.float32)
        self.sky = Sky(self.seed + 11)
        self.items = billboards(terrain)
        self.texture = SmokeTexture(w, h, self.seed + 1)
        self.sprite = self.wreck[0]() if self.wreck else None

    def view(self, terrain: Terrain, t: float, w: int, h: int) -> tuple[Frame, GroundCam, Vec]:
        """The scene at ``t``. The camera stands still and only turns, so the full render is
        done at key times only; in between, the nearest key view is to be shifted by the
        change of heading and tilt (for a pure rotation of a fraction of a degree that is
        exact to well under a pixel). Returns the key view, the camera and that shift."""
        assert self.cam is not None
        key = round(t / self.key_every) * self.key_every
        if key != self.key:
            self.key, key_cam = key, self.cam(key)
            self.base = ground_frame(terrain, self.sky, key_cam, w, h, self.items)
            if self.sprite is not None and self.wreck is not None:
                x, y = self.wreck[1][0] * w, self.wreck[1][1] * h
                shadow = np.zeros((h, w), np.float32)
                half = int(self.sprite.alpha.shape[1] * 0.48)
                cv2.ellipse(
                    shadow, (int(x), int(y)), (half, max(3, half // 12)), 0, 0, 360, 0.6, -1
                )
                self.base *= 1 - cv2.GaussianBlur(shadow, (0, 0), 4)[..., None]
                self.sprite.paste(self.base, x, y)
        cam, key_cam = self.cam(t), self.cam(self.key)
        f = cam.focal(w)
        dx = -f * math.tan(math.radians(cam.yaw - key_cam.yaw))
        dy = -f * math.tan(math.radians(cam.pitch - key_cam.pitch))
        return self.base, cam, (dx, dy)

    def render(self, terrain: Terrain, t: float, w: int, h: int) -> Frame:
        base, cam, (dx, dy) = self.view(terrain, t, w, h)
        frame = base.copy()
        if self.particles is not None:

            def project(pos: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
                uv, depth = cam.project(pos, w, h)  # drawn into the key view, shifted below
                return uv - np.array([dx, dy], np.float32), cam.focal(w) / depth

            render_particles(frame, self.particles, t, project, self.texture.at(t))
        jolt = sum(
            4.0 * math.exp(-(t - b.t0 - 0.25) * 6) for b in self.blasts if 0 < t - b.t0 - 0.25 < 1.0
        )  # the blast wave arrives a moment later
        frame = handheld(frame, t, self.seed, self.shake + jolt, offset=(dx, dy))
        return cv2.GaussianBlur(frame, (0, 0), 0.6)


@dataclass
class DriveShot(GroundShot):
    """Filmed from inside a vehicle: the road through a split windscreen, dark cab, helmets."""

    road: str = "highway"
    start: float = 0.0  # map px along the road
    speed: float = 30.0  # map px per second (15 m/s, 54 km/h)

    def prepare(self, terrain: Terrain, w: int, h: int) -> None:
        super().prepare(terrain, w, h)
        cab = cab_sprite(w, h, self.seed)
        self.cab4 = np.dstack([cab.image, cab.alpha])  # one warp moves picture and opacity
        poly = terrain.roads[self.road]
        self.cam = lambda t: self.road_cam(poly, t)

    def road_cam(self, poly: np.ndarray, t: float) -> GroundCam:
        p, heading = along(poly, self.start + self.speed * t, lookahead=25)
        right = np.array([-math.sin(heading), math.cos(heading)])
        x, y = p + right * 4.0
        bump = 0.15 * math.sin(t * 9.1) + 0.1 * math.sin(t * 13.7)
        return GroundCam(
            float(x),
            float(y),
            2.4,
            math.degrees(heading) + 1.5 * math.sin(t * 0.7),
            pitch=3.0 + bump,
            fov=72,
        )

    def render(self, terrain: Terrain, t: float, w: int, h: int) -> Frame:
        assert self.cam is not None
        # The camera moves, so every frame is a full render: done at 2/3 size to save time
        # (through a dirty windscreen, exposed for the cab, the outside is soft anyway).
        small = ground_frame(terrain, self.sky, self.cam(t), w * 2 // 3, h * 2 // 3, self.items)
        view = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
        view = (view - 128) * 0.8 + 150  # the bright outside, exposed for the dark cab
        dx, dy = shake(t, self.seed, 2.5, (1.1, 3.3, 7.9, 11.3))
        m = np.array([[1, 0, dx], [0, 1, dy]], np.float32)
        cab = cv2.warpAffine(self.cab4, m, (w, h), borderMode=cv2.BORDER_REPLICATE)
        frame = view + (cab[..., :3] - view) * cab[..., 3:]
        bob = 3 * math.sin(t * 2.1)
        passenger(frame, w * 0.24 + dx, h * 0.86 + dy + bob, h * 0.42, math.sin(t * 0.4))
        passenger(frame, w * 0.8 + dx, h * 0.9 + dy - bob, h * 0.36, -0.5)
        return cv2.GaussianBlur(frame, (0, 0), 0.7)


@dataclass
class PanShot:
    """A hand-held pan across a side-view scene (street, wreck), with optional smoke wisps."""

    duration: float
    scene: Callable[[], Frame]  # draws the wide picture once
    start: tuple[float, float, float]  # left x, top y, width of the view at t=0 (scene px)
    end: tuple[float, float, float]
    smoke: tuple[Vec, ...] = ()  # sources of thin smoke, scene px
    shake: float = 3.0
    walk: bool = False  # a walking cameraman bobs
    seed: int = 0
    finished: bool = False

    def prepare(self, terrain: Terrain, w: int, h: int) -> None:
        self.picture = self.scene()
        rng = np.random.default_rng(self.seed)
        parts = [
            puffs(
                rng,
                int(self.duration * 14),
                -4.0,
                self.duration + 4,
                (x, y, 0),
                vel=(6, 0, 22),
                jitter=(3, 0, 5),
                r0=(6, 10),
                grow=(6, 12),
                life=(3, 5),
                alpha=(0.35, 0.6),
                colour=(70, 72, 76),
            )
            for x, y in self.smoke
        ]
        self.particles = join_particles(parts)
        self.texture = SmokeTexture(w, h, self.seed + 1)

    def render(self, terrain: Terrain, t: float, w: int, h: int) -> Frame:
        u = ease(t / self.duration)
        x0, y0, width = (lerp(a, b, u) for a, b in zip(self.start, self.end, strict=True))
        k = width / w
        if self.walk:
            y0 += 0.012 * width * abs(math.sin(t * 5.4))
        y0 = min(max(y0, 0.0), self.picture.shape[0] - k * h)  # never look past the picture
        m = np.array([[1 / k, 0, -x0 / k], [0, 1 / k, -y0 / k]], np.float32)
        frame = cv2.warpAffine(
            self.picture,
            m,
            (w, h),
            flags=cv2.INTER_AREA if k > 1 else cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_REFLECT101,
        )
        if self.particles is not None:

            def project(pos: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
                xy = np.column_stack([pos[:, 0], pos[:, 1] - pos[:, 2]])
                return apply(m, xy), np.full(len(pos), 1 / k, np.float32)

            render_particles(frame, self.particles, t, project, self.texture.at(t))
        return cv2.GaussianBlur(handheld(frame, t, self.seed, self.shake), (0, 0), 0.7)


@dataclass
class ReuseShot:
    """Frames lifted from another, already encoded clip: mirrored, cropped, rescaled.
    This is the re-use the workbench is meant to find; the transform is recorded in truth.json."""

    duration: float
    frames: list[np.ndarray]  # decoded source frames at the source frame rate
    src_fps: float
    crop: tuple[int, int, int, int]  # x, y, w, h in source pixels
    mirror: bool = True
    finished: bool = True

    def prepare(self, terrain: Terrain, w: int, h: int) -> None:
        pass

    def render(self, terrain: Terrain, t: float, w: int, h: int) -> np.ndarray:
        src = self.frames[min(int(t * self.src_fps + 1e-6), len(self.frames) - 1)]
        x, y, cw, ch = self.crop
        out = src[y : y + ch, x : x + cw]
        if self.mirror:
            out = out[:, ::-1]
        return cv2.resize(out, (w, h), interpolation=cv2.INTER_AREA)
