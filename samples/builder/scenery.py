"""What a ground camera sees above the map: the sky panorama with its far skyline, and upright
things drawn as billboards (trees, house fronts, power poles), composed into a ground frame.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from .camera import HAZE, GroundCam, aerial_haze, ground_plane, hazed
from .common import MPP, SEED, Frame, Vec, fixed, periodic_noise, smoothstep
from .terrain import Terrain
from .terrain_paint import ROOFS, WALLS


class Sky:
    """A 360-degree sky panorama (10 px per degree) with cumulus and a far horizon of tree
    belts, an elevator and a water tower: what a camera sees above the terrain map."""

    PPD, ROWS, HORIZON = 10, 600, 520

    def __init__(self, seed: int, cloud: float = 0.5):
        rng = np.random.default_rng(seed)
        elev = (self.HORIZON - np.arange(self.ROWS, dtype=np.float32)) / self.PPD
        t = smoothstep(0, 35, elev)[:, None, None]
        grad = (
            np.array([214, 208, 200], np.float32) * (1 - t)
            + np.array([188, 136, 86], np.float32) * t
        )
        grad = np.repeat(grad, 360 * self.PPD, axis=1)
        noise = periodic_noise(rng, self.ROWS, 360 * self.PPD, 0.002, 0.03, 1.6)
        cover = smoothstep(1 - cloud, 1 - cloud + 0.3, noise) * smoothstep(0.5, 6, elev)[:, None]
        under = np.clip((noise - np.roll(noise, -8, 0)) * 3, -0.12, 0.12)
        cloud_c = np.array([236, 236, 234], np.float32) * (1 + under)[..., None]
        self.pano = grad + (cloud_c - grad) * cover[..., None]
        belts = periodic_noise(rng, 1, 360 * self.PPD, 0.004, 0.2, 0.8)[0]
        gaps = periodic_noise(rng, 1, 360 * self.PPD, 0.002, 0.02, 1.0)[0]
        self.profile = (0.12 + 0.75 * belts) * smoothstep(0.25, 0.4, gaps) + 0.05
        for col, width, height in ((1150, 6, 2.2), (1190, 5, 1.7), (2890, 4, 1.4)):
            self.profile[col : col + width] = height  # grain elevator, silo, water tower

    def view(self, cam: GroundCam, w: int, h: int) -> Frame:
        k = self.PPD * math.degrees(1 / cam.focal(w))
        m = np.array(
            [
                [k, 0, cam.yaw % 360 * self.PPD - k * w / 2],
                [0, k, self.HORIZON + cam.pitch * self.PPD - k * h / 2],
            ],
            np.float32,
        )
        return cv2.warpAffine(
            self.pano,
            m,
            (w, h),
            flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
            borderMode=cv2.BORDER_WRAP,
        )

    def skyline(self, cam: GroundCam, w: int, h: int, frame: Frame, haze: np.ndarray) -> None:
        """Far tree belts on the horizon, bluish with distance; hides where the map ends."""
        k = math.degrees(1 / cam.focal(w))
        cols = ((cam.yaw + (np.arange(w) - w / 2) * k) * self.PPD).astype(int) % self.profile.size
        top = cam.horizon(w, h) - self.profile[cols] / k
        rows = np.arange(h, dtype=np.float32)[:, None]
        mask = smoothstep(-0.8, 0.8, rows - top[None]) * (rows < cam.horizon(w, h) + 3)
        colour = haze * 0.62 + np.array([40, 44, 30], np.float32)
        frame += (colour - frame) * mask[..., None]


LEAVES = periodic_noise(
    np.random.default_rng(SEED + 4), 512, 1024, 0.05, 0.45, 0.5
)  # the pale horizon colour distance fades towards


def billboards(terrain: Terrain, extra: np.ndarray | None = None) -> np.ndarray:
    """Everything upright a ground camera sees, one row each: x, y, kind, a, b, shade.

    kind 0 = tree (a = height m, b = crown radius m), 1 = house (a = length px, b = roof index),
    2 = power-line pole.
    """
    t = terrain.trees
    rows = [np.column_stack([t[:, 0], t[:, 1], np.zeros(len(t)), t[:, 2], t[:, 3], t[:, 4]])]
    houses = np.array(
        [
            (hs.x, hs.y, 1, hs.length, ROOFS.index(hs.roof), WALLS.index(hs.wall))
            for hs in terrain.houses
        ],
        np.float32,
    )
    poles = terrain.poles
    rows += [houses, np.column_stack([poles, np.full((len(poles), 4), (2, 9, 0, 1))])]
    if extra is not None:
        rows.append(extra)
    return np.vstack(rows).astype(np.float32)


def draw_billboards(
    frame: Frame, cam: GroundCam, items: np.ndarray, max_m: float = 1400, budget: int = 450
) -> None:
    """Project upright objects and paint them far to near (a painter's algorithm), then lay a
    leafy texture over all tree crowns (it scrolls with the camera's heading). Only the
    ``budget`` nearest are drawn; beyond them the map's flat canopy and the skyline stand in."""
    h, w = frame.shape[:2]
    leaf = np.zeros((h, w), np.float32)
    uv, depth = cam.project(np.column_stack([items[:, :2], np.zeros(len(items))]), w, h)
    depth_m = depth * MPP
    ok = (depth_m > 3) & (depth_m < max_m) & (uv[:, 0] > -80) & (uv[:, 0] < w + 80)
    order = np.flatnonzero(ok)[np.argsort(depth_m[ok])][:budget][::-1]
    px_m = cam.focal(w) / depth_m[order]
    fog = (1 - np.exp(-depth_m[order] / 1800.0))[:, None].astype(np.float32)
    shade = items[order, 5:6]
    dark = (np.array(DARK_LEAF, np.float32) * shade * (1 - fog) + HAZE * fog).tolist()
    lit = (np.array(LIT_LEAF, np.float32) * shade * (1 - fog) + HAZE * fog).tolist()
    trunk = (np.array(TRUNK, np.float32) * (1 - fog) + HAZE * fog).tolist()
    for n, i in enumerate(order.tolist()):
        kind, a, b = int(items[i, 2]), float(items[i, 3]), float(items[i, 4])
        x, y = float(uv[i, 0]), float(uv[i, 1])
        if kind == 0:
            lobes = CROWNS[int(items[i, 5] * 1000) % len(CROWNS)]
            draw_tree(
                frame,
                leaf,
                x,
                y,
                float(px_m[n]) * a,
                float(px_m[n]) * b,
                lobes,
                (dark[n], lit[n], trunk[n]),
            )
        elif kind == 1:
            draw_house_front(
                frame, (x, y), float(px_m[n]), a * MPP, int(b), int(items[i, 5]), float(depth_m[i])
            )
        else:
            draw_pole(frame, (x, y), float(px_m[n]), a, float(depth_m[i]))
    shift = int(cam.yaw * cam.focal(w) / 57.3) % LEAVES.shape[1]
    texture = np.roll(LEAVES, -shift, axis=1)[:h, :w]
    frame *= (1 + 0.55 * (texture - 0.5) * leaf)[..., None]


# Crown shapes: four overlapping lobes (dx, dy, rx, ry in crown radii), a few variants.
CROWNS = (
    np.random.default_rng(SEED + 3)
    .uniform((-0.6, -0.5, 0.5, 0.4), (0.6, 0.35, 0.85, 0.65), (8, 4, 4))
    .tolist()
)


TRUNK, DARK_LEAF, LIT_LEAF = (34, 42, 48), (38, 70, 50), (54, 100, 70)


def draw_tree(
    frame: Frame,
    leaf: np.ndarray,
    x: float,
    y: float,
    hpx: float,
    rpx: float,
    lobes: list[list[float]],
    colours: tuple[list[float], ...],
) -> None:
    """A broadleaf tree ``hpx`` pixels tall: a short dark trunk and a lobed crown lit from the
    upper left, also marked in ``leaf`` so foliage texture can be laid over it afterwards.
    Far trees (a few pixels tall) get one lobe: they are many and detail is lost anyway."""
    if hpx < 1.5:
        return
    dark, lit, trunk = colours
    cy, ry = y - 0.6 * hpx, 0.42 * hpx
    if hpx < 7:
        cv2.ellipse(
            frame,
            (int(x * 16), int(cy * 16)),
            (int(rpx * 20), int(ry * 22)),
            0,
            0,
            360,
            dark,
            -1,
            cv2.LINE_AA,
            shift=4,
        )
        return
    cv2.line(
        frame,
        (int(x), int(y)),
        (int(x), int(y - 0.4 * hpx)),
        trunk,
        max(1, int(rpx * 0.16)),
        cv2.LINE_AA,
    )
    for k, (dx, dy, ax, ay) in enumerate(lobes):
        centre = (int((x + dx * rpx) * 16), int((cy + dy * ry) * 16))
        axes = (int(ax * rpx * 20.8), int(ay * ry * 25.6))
        colour = lit if (dx < 0.1 and dy < 0 and k % 2 == 0) else dark
        cv2.ellipse(frame, centre, axes, 0, 0, 360, colour, -1, cv2.LINE_AA, shift=4)
        cv2.ellipse(leaf, centre, axes, 0, 0, 360, 1.0, -1, cv2.LINE_AA, shift=4)


def draw_house_front(
    frame: Frame, base: Vec, px_m: float, length_m: float, roof: int, wall: int, dist: float
) -> None:
    """A village house as seen from the street: wall, windows, pitched roof."""
    x, y = float(base[0]), float(base[1])
    half, wall_h, roof_h = length_m * 0.5 * px_m, 3.0 * px_m, 2.6 * px_m
    if wall_h < 1:
        return
    body = np.array([(x - half, y), (x + half, y), (x + half, y - wall_h), (x - half, y - wall_h)])
    cv2.fillPoly(frame, [fixed(body)], hazed(WALLS[wall], dist), cv2.LINE_AA, shift=4)
    top = np.array(
        [
            (x - half * 1.08, y - wall_h),
            (x + half * 1.08, y - wall_h),
            (x + half * 0.5, y - wall_h - roof_h),
            (x - half * 0.5, y - wall_h - roof_h),
        ]
    )
    cv2.fillPoly(frame, [fixed(top)], hazed(ROOFS[roof], dist), cv2.LINE_AA, shift=4)
    if half > 6:
        for k in (-0.5, 0.0, 0.5):
            win = np.array(
                [
                    (x + k * half - 0.45 * px_m, y - 1.0 * px_m),
                    (x + k * half + 0.45 * px_m, y - 2.2 * px_m),
                ]
            )
            cv2.rectangle(
                frame,
                tuple(fixed(win[0])),
                tuple(fixed(win[1])),
                hazed((70, 62, 58), dist),
                -1,
                cv2.LINE_AA,
                shift=4,
            )


def draw_pole(frame: Frame, base: Vec, px_m: float, height: float, dist: float) -> None:
    x, y = float(base[0]), float(base[1])
    top = y - height * px_m
    colour = hazed((150, 152, 150), dist)
    cv2.line(
        frame, (int(x), int(y)), (int(x), int(top)), colour, max(1, int(0.25 * px_m)), cv2.LINE_AA
    )
    cv2.line(
        frame,
        (int(x - 0.8 * px_m), int(top + 0.4 * px_m)),
        (int(x + 0.8 * px_m), int(top + 0.4 * px_m)),
        colour,
        max(1, int(0.12 * px_m)),
    )


def ground_frame(
    terrain: Terrain, sky: Sky, cam: GroundCam, w: int, h: int, items: np.ndarray
) -> Frame:
    """Sky, far horizon, the map in perspective with haze, then upright things."""
    frame, dist = ground_plane(terrain, cam, w, h)
    aerial_haze(frame, dist)
    skyview = sky.view(cam, w, h)
    above = ~np.isfinite(dist)
    frame[above] = skyview[above]
    sky.skyline(cam, w, h, frame, HAZE)
    draw_billboards(frame, cam, items)
    return frame
