"""The two releases as cut lists: the ministry's six drone strikes and the legion's Telegram
video, whose 'enemy BMP-2' segment re-uses the ministry's strike 3 (``REUSE``, ``REUSE_CROP``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

from .camera import GroundCam
from .common import Vec
from .hud import caption, legion_bug, legion_hud, mod_banner, mod_hud
from .roads import STEP, nearest_index
from .shots_drone import DroneShot
from .shots_ground import DriveShot, GroundShot, PanShot, ReuseShot
from .sprites import kamaz_side
from .street import village_scene, wreck_street
from .strikes import Blast
from .terrain import Terrain
from .timeline import ClipPlan, Cut, Overlay, blast_times
from .vehicles import Vehicle


def on_road(terrain: Terrain, road: str, near: Vec) -> float:
    """Distance along ``road`` (map px) of its point nearest ``near``."""
    return nearest_index(terrain.roads[road], near) * STEP


def hit(terrain: Terrain, v: Vehicle, t: float, power: float = 1.0, burn: float = 9.0) -> Blast:
    """A strike landing on vehicle ``v`` at shot time ``t``."""
    p, _ = v.place(terrain.roads, t)
    return Blast(t, float(p[0]), float(p[1]), power, burn)


MOD_SHOT_FRAMES = (180, 190, 185, 195, 190, 185)  # at 25 fps: 7.2 7.6 7.4 7.8 7.6 7.4 s


REUSE = {"mod_start": 15.0, "mod_end": 22.0, "legion_start": 36.0}  # strike 3 -> legion


REUSE_CROP = (48, 54, 544, 306)  # x, y, w, h of the 640x360 ministry frame: 15% off each side
# (54 rows off the top remove the ministry banner, 48 columns off left and right)


def mod_hud_for(n: int, clock: int, alt: int, zoom: float) -> tuple[Overlay, ...]:
    return (
        lambda img, t: mod_hud(img, t, clock, alt, zoom),
        lambda img, t: mod_banner(img, f"STRIKE {n}"),
    )


def column_strike(terrain: Terrain, duration: float) -> DroneShot:
    """Strike 1: a truck and a BMP-2 driving east on the highway, the truck hit."""
    col_a = Vehicle(
        "kamaz", "highway", on_road(terrain, "highway", (2000, 1990)), 14, 3, stop=3.8, burnt=3.9
    )
    col_b = Vehicle("bmp2", "highway", col_a.start + 50, 14, 3)
    return DroneShot(
        duration,
        ((20, 0), (0, 0)),
        (0.6, 0.5),
        (10, 12),
        (col_a, col_b),
        (hit(terrain, col_a, 3.8, 1.2, 6.0),),
        follow=0,
        grey=True,
        seed=101,
    )


def positions_strike(terrain: Terrain, duration: float) -> DroneShot:
    """Strike 2: two shells on the trench positions at the wood's edge."""
    px, py = terrain.sites["positions"]
    return DroneShot(
        duration,
        ((px - 40, py - 30), (px, py + 5)),
        (0.9, 0.55),
        (0, 8),
        (),
        (
            Blast(2.6, px + 2, py + 10, 1.3, earth=True),
            Blast(5.2, px - 130, py + 15, 1.1, earth=True),
        ),
        seed=102,
    )


def track_strike(terrain: Terrain, duration: float) -> DroneShot:
    """Strike 3, the one the legion re-uses: a BMP-2 hit on a dirt track."""
    bmp = Vehicle("bmp2", "track_east", 600, 9, 0, stop=3.5, burnt=3.6)
    return DroneShot(
        duration,
        ((0, 0), (0, 0)),
        (0.36, 0.3),
        (0, 3),
        (bmp,),
        (hit(terrain, bmp, 3.5, 1.0, 8.0),),
        follow=0,
        seed=103,
    )


def checkpoint_strike(terrain: Terrain, duration: float) -> DroneShot:
    """Strike 4: a BMP-2 parked by the border checkpoint, next to a car."""
    cx, cy = terrain.sites["checkpoint"]
    cp = on_road(terrain, "highway", (cx, cy))
    parked = (
        Vehicle("bmp2", "highway", cp - 70, 0, 14, skew=0.3, stop=0, burnt=4.1),
        Vehicle("car", "highway", cp - 40, 0, 20, skew=-0.2),
    )
    return DroneShot(
        duration,
        ((cx - 60, cy + 10), (cx - 40, cy)),
        (0.5, 0.36),
        (-20, -14),
        parked,
        (hit(terrain, parked[0], 4.0, 1.2, 6.0),),
        grey=True,
        seed=104,
    )


def lane_strike(terrain: Terrain, duration: float) -> DroneShot:
    """Strike 5: two trucks on a village lane, zooming in from wide, the first one hit."""
    trucks = (
        Vehicle("kamaz", "lane_a", 260, 0, 0, burnt=5.1),
        Vehicle("kamaz", "lane_a", 300, 0, 1),
    )
    t5 = trucks[0].place(terrain.roads, 0)[0]
    return DroneShot(
        duration,
        ((t5[0] + 120, t5[1] - 90), (t5[0], t5[1] + 10)),
        (1.3, 0.42),
        (0, 0),
        trucks,
        (hit(terrain, trucks[0], 5.0, 1.3, 5.0),),
        seed=105,
    )


def wrecks_strike(terrain: Terrain, duration: float) -> DroneShot:
    """Strike 6: wrecks already burning on the highway, and a BMP-2 among them hit."""
    w0 = on_road(terrain, "highway", (1000, 2080))
    wrecks = (
        Vehicle("kamaz", "highway", w0, 0, 8, skew=0.5, burnt=-1),
        Vehicle("car", "highway", w0 + 50, 0, -6, skew=-0.8, burnt=-1),
        Vehicle("bmp2", "highway", w0 + 120, 0, 4, stop=0, burnt=2.6),
    )
    wx, wy = (float(v) for v in wrecks[1].place(terrain.roads, 0)[0])
    sx, sy = (float(v) for v in wrecks[0].place(terrain.roads, 0)[0])
    return DroneShot(
        duration,
        ((wx - 30, wy), (wx + 30, wy - 10)),
        (0.45, 0.4),
        (0, -12),
        wrecks,
        (
            Blast(-15, sx, sy, 0.6, burn=40),  # hit before the drone arrived
            hit(terrain, wrecks[2], 2.5, 1.2, 6.0),
        ),
        grey=True,
        seed=106,
    )


MOD_STRIKES = (
    column_strike,
    positions_strike,
    track_strike,
    checkpoint_strike,
    lane_strike,
    wrecks_strike,
)
MOD_CLOCKS = (51000, 52120, 53000, 55800, 57300, 60200)  # telemetry clock at each shot's start


def mod_plan(terrain: Terrain) -> ClipPlan:
    """The ministry's release: six drone strikes, 45 s, 640x360 at 25 fps."""
    shots = [
        strike(terrain, n / 25) for strike, n in zip(MOD_STRIKES, MOD_SHOT_FRAMES, strict=True)
    ]
    cuts = [
        Cut(s, mod_hud_for(i + 1, MOD_CLOCKS[i], 380 + 40 * i, 8.0 + 2 * i))
        for i, s in enumerate(shots)
    ]
    return ClipPlan(
        "mod",
        640,
        360,
        25,
        cuts,
        fades=((0.0, 0.4, True), (44.4, 45.0, False)),
        booms=blast_times(cuts, 25),
    )


def legion_caption(msg: str, bottom: int = 26) -> Overlay:
    def draw(img: np.ndarray, t: float) -> None:
        caption(img, msg, bottom=bottom)
        legion_bug(img)

    return draw


def horizon_cam(t: float) -> GroundCam:
    """From a rise south of the highway, panning slowly across the fields to the border."""
    return GroundCam(1100, 2650, 20, -58 + 2.2 * t, pitch=2.5, fov=58)


SHELLING_POST = (1905.0, 1520.0)  # where the legion's cameraman stands (map px)


def shelling_cam(targets: Sequence[Vec]) -> Callable[[float], GroundCam]:
    """Zoomed in from the edge of a field on the village's southern gardens under fire."""
    x0, y0 = SHELLING_POST
    cx, cy = np.mean(np.asarray(targets), axis=0)
    yaw = math.degrees(math.atan2(cy - y0, cx - x0))
    return lambda t: GroundCam(x0, y0, 6, yaw + 0.4 * math.sin(t / 2), pitch=1.1, fov=26)


def wreck_cam(t: float) -> GroundCam:
    return GroundCam(1800, 2700, 1.7, -30 + 0.6 * t, pitch=2.5, fov=62)


def legion_opening(terrain: Terrain) -> list[Cut]:
    """(a) 0-8 s: the fields of the Belgorod region; (b) 8-28 s: riding along the highway."""
    return [
        Cut(
            GroundShot(8.0, horizon_cam, shake=2.2, seed=201), (legion_caption("Belgorod region"),)
        ),
        Cut(
            DriveShot(
                20.0,
                road="highway",
                start=on_road(terrain, "highway", (150, 2180)),
                speed=30.0,
                seed=202,
            )
        ),
    ]


def legion_enemy_bmp(mod_frames: list[np.ndarray]) -> list[Cut]:
    """(c) 28-43 s: the "enemy BMP-2": 8 s of the legion's own drone, then the reuse
    (36-43 s = ministry 15-22 s, mirrored, cropped, rescaled)."""
    enemy = Vehicle("bmp2", "street", 80, 8, 3)
    return [
        Cut(
            DroneShot(
                8.0, ((0, -40), (0, -20)), (0.5, 0.42), (-95, -92), (enemy,), follow=0, seed=203
            ),
            (
                lambda img, t: legion_hud(img, t, 96.0, 640.0),
                legion_caption("enemy BMP-2", bottom=30),
            ),
        ),
        Cut(
            ReuseShot(REUSE["mod_end"] - REUSE["mod_start"], mod_frames, 25.0, REUSE_CROP),
            (legion_caption("enemy BMP-2"),),
        ),
    ]


def legion_village(vb: Vec) -> list[Cut]:
    """(d) 43-63 s: where the soldiers hid: the village from above, then its street."""
    return [
        Cut(
            DroneShot(
                9.0,
                ((vb[0] - 40, vb[1] + 60), (vb[0] + 20, vb[1] - 40)),
                (0.5, 0.4),
                (-80, -86),
                seed=204,
            ),
            (
                lambda img, t: legion_hud(img, t, 74.0, 410.0),
                legion_caption("they hide in empty houses", bottom=30),
            ),
        ),
        Cut(
            PanShot(11.0, lambda: village_scene(205), (0, 40, 760), (1500, 50, 740), seed=205),
            (legion_caption("...and under the fences"),),
        ),
    ]


def legion_shelling(vb: Vec) -> list[Cut]:
    """(e) 63-83 s: shelling of the gardens, from the field and from the drone."""
    garden = [
        (vb[0] + dx, vb[1] + dy)
        for dx, dy in ((-90, 160), (60, 220), (-40, 300), (110, 120), (-120, 60))
    ]
    shells = tuple(
        Blast(t0, x, y, 1.6, burn=9.0 if i == 2 else 0.0, earth=True)
        for i, (t0, (x, y)) in enumerate(zip((1.2, 3.6, 5.1, 7.9, 10.0), garden, strict=True))
    )
    drone_shells = tuple(
        Blast(t0, vb[0] + dx, vb[1] + dy, 1.3, earth=True)
        for t0, dx, dy in ((1.0, -70, 240), (3.4, 10, 190), (5.8, -120, 210))
    )
    return [
        Cut(
            GroundShot(12.0, shelling_cam(garden), shells, shake=1.6, wind=(5.0, 1.0), seed=206),
            (legion_caption("our gunners play better"),),
        ),
        Cut(
            DroneShot(
                8.0,
                ((vb[0] - 60, vb[1] + 230), (vb[0] - 30, vb[1] + 200)),
                (0.6, 0.55),
                (-88, -88),
                (),
                drone_shells,
                seed=207,
            ),
            (lambda img, t: legion_hud(img, t, 120.0, 820.0), lambda img, t: legion_bug(img)),
        ),
    ]


def legion_wreck_drone(terrain: Terrain) -> Cut:
    """(f1) 83-95 s: destroyed equipment on the highway, from the drone."""
    hw0 = on_road(terrain, "highway", (1700, 2070))
    wrecks = (
        Vehicle("kamaz", "highway", hw0, 0, 10, skew=0.6, burnt=-1),
        Vehicle("bmp2", "highway", hw0 + 90, 0, -2, skew=-0.3, burnt=-1),
        Vehicle("car", "highway", hw0 + 170, 0, 16, skew=1.2, burnt=-1),
    )
    wk = wrecks[0].place(terrain.roads, 0)[0]
    return Cut(
        DroneShot(
            12.0,
            ((wk[0] - 40, wk[1] + 10), (wk[0] + 120, wk[1] - 20)),
            (0.5, 0.45),
            (8, 14),
            wrecks,
            (Blast(-20, float(wk[0]), float(wk[1]), 0.6, burn=40),),
            grey=True,
            seed=208,
        ),
        (
            lambda img, t: legion_hud(img, t, 64.0, 300.0),
            legion_caption("destroyed enemy equipment", bottom=30),
        ),
    )


def legion_wrecks_ground() -> list[Cut]:
    """(f2, f3) 95-112 s: a burnt BMP-2 in a street, a burnt KAMAZ in a field."""
    return [
        Cut(
            PanShot(
                9.0,
                lambda: wreck_street(209),
                (150, 22, 690),
                (330, 14, 700),
                smoke=((630.0, 290.0),),
                shake=3.5,
                walk=True,
                seed=209,
            ),
            (legion_caption("it will not drive on Russian roads again", bottom=234),),
        ),
        Cut(
            GroundShot(
                8.0,
                wreck_cam,
                wreck=(lambda: kamaz_side(34, True, 210), (0.45, 0.93)),
                shake=2.4,
                seed=210,
            )
        ),
    ]


def legion_plan(terrain: Terrain, mod_frames: list[np.ndarray]) -> ClipPlan:
    """The legion's Telegram video: 1 min 52 s, 480x270 at 30 fps (see the module docstring)."""
    vb = terrain.sites["village_b"]
    cuts = [
        *legion_opening(terrain),
        *legion_enemy_bmp(mod_frames),
        *legion_village(vb),
        *legion_shelling(vb),
        legion_wreck_drone(terrain),
        *legion_wrecks_ground(),
    ]
    return ClipPlan(
        "legion",
        480,
        270,
        30,
        cuts,
        fades=((0.0, 0.5, True), (82.5, 83.0, False), (83.0, 83.5, True), (111.0, 112.0, False)),
        # The reused strike lands at ministry 18.3 s; the legion kept a quieter thump of it.
        booms=((REUSE["legion_start"] + 3.3, 0.5), *blast_times(cuts, 30, loudness=0.6)),
        engine=(8.0, 28.0),
    )
