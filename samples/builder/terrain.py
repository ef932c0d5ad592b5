"""The terrain map: one large top-down picture of fields, tree belts, roads, a river, two
villages, a checkpoint and trench positions, which every drone and ground shot films.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from .common import (
    MAP_H,
    MAP_W,
    SEED,
    SUN,
    Vec,
    blob,
    fixed,
    fractal_noise,
    rect,
    smoothstep,
    value_noise,
)
from .roads import STEP, along, nearest_index, normals, river_course, road_network
from .terrain_paint import (
    ROOFS,
    WALLS,
    House,
    paint_asphalt,
    paint_bridge,
    paint_checkpoint,
    paint_garden,
    paint_house,
    paint_positions,
    paint_river,
    paint_track,
)

# Field kinds of a May landscape on black soil: (BGR colour, row-stripe strength, weight).
FIELD_KINDS = (
    ((62, 128, 86), 0.05, 0.30),  # winter wheat
    ((52, 72, 86), 0.16, 0.18),  # sunflower / maize rows on chernozem
    ((40, 49, 60), 0.10, 0.14),  # freshly ploughed
    ((84, 126, 112), 0.00, 0.20),  # fallow meadow
    ((104, 140, 152), 0.04, 0.10),  # last year's stubble
    ((70, 160, 184), 0.03, 0.06),  # rapeseed in flower
)


@dataclass
class Terrain:
    image: np.ndarray  # uint8 BGR (MAP_H, MAP_W, 3)
    pyramid: list[np.ndarray]  # image halved again and again, for distant or wide views
    roads: dict[str, np.ndarray]
    houses: list[House]
    trees: np.ndarray  # (n, 5): x, y, height m, crown radius m, shade; for ground-level views
    poles: np.ndarray  # (n, 2) power-line poles along the main road
    sites: dict[str, Vec]


def field_layout(rng: np.random.Generator) -> np.ndarray:
    """Field parcels as Voronoi cells of random seeds (label per pixel, 1..n)."""
    seeds = np.ones((MAP_H, MAP_W), np.uint8)
    pts = rng.uniform((0, 0), (MAP_W, MAP_H), (46, 2)).astype(int)
    seeds[pts[:, 1], pts[:, 0]] = 0
    _, labels = cv2.distanceTransformWithLabels(
        seeds, cv2.DIST_L2, 5, labelType=cv2.DIST_LABEL_PIXEL
    )
    return labels


def field_colours(rng: np.random.Generator, labels: np.ndarray) -> np.ndarray:
    """Per-parcel crop colour with plough rows, tractor tram-lines and soil-moisture blotches."""
    n = int(labels.max()) + 1
    weights = np.array([k[2] for k in FIELD_KINDS])
    kind = rng.choice(len(FIELD_KINDS), n, p=weights / weights.sum())
    palette = np.array([k[0] for k in FIELD_KINDS], np.float32)[kind]
    palette *= rng.uniform(0.88, 1.1, (n, 1)).astype(np.float32)
    rows = np.array([k[1] for k in FIELD_KINDS], np.float32)[kind]
    angle = rng.uniform(0, math.pi, n).astype(np.float32)
    cos_l, sin_l = np.cos(angle)[labels], np.sin(angle)[labels]
    proj = np.arange(MAP_W, dtype=np.float32)[None] * cos_l
    proj += np.arange(MAP_H, dtype=np.float32)[:, None] * sin_l
    del cos_l, sin_l
    img = palette[labels]
    period = rng.uniform(4.5, 7.0, n).astype(np.float32)[labels]
    texture = 1 + 0.8 * rows[labels] * np.sin(proj * (2 * math.pi) / period)
    del period
    texture += 0.10 * (((proj / 38.0) % 1.0) < 0.05) * (rows[labels] > 0.02)  # tram-lines
    img *= texture[..., None]
    wear = fractal_noise(rng, MAP_H, MAP_W, cells=4, octaves=7)
    img *= (0.78 + 0.44 * wear)[..., None]
    bare = smoothstep(0.6, 0.85, fractal_noise(rng, MAP_H, MAP_W, cells=12, octaves=5))
    img += (np.array([50, 62, 74], np.float32) - img) * (0.3 * bare)[..., None]
    img *= (0.93 + 0.14 * value_noise(rng, MAP_H, MAP_W, 900))[..., None]  # grass clumps
    return img


def field_edges(labels: np.ndarray) -> np.ndarray:
    """Pixels on a boundary between two parcels."""
    edge = np.zeros(labels.shape, bool)
    edge[1:] |= labels[1:] != labels[:-1]
    edge[:, 1:] |= labels[:, 1:] != labels[:, :-1]
    return edge


def hillshade(rng: np.random.Generator, img: np.ndarray) -> None:
    """Gentle relief: light from the north-west on a low-frequency height field."""
    height = fractal_noise(rng, MAP_H // 4, MAP_W // 4, cells=2, octaves=4)
    gx = cv2.Sobel(height, cv2.CV_32F, 1, 0, ksize=5)
    gy = cv2.Sobel(height, cv2.CV_32F, 0, 1, ksize=5)
    shade = cv2.resize(1 - 6.0 * (gx + gy), (MAP_W, MAP_H), interpolation=cv2.INTER_LINEAR)
    img *= np.clip(shade, 0.85, 1.15)[..., None]


def tree_cover(rng: np.random.Generator, edges: np.ndarray, river: np.ndarray) -> np.ndarray:
    """0..1 canopy mask: wind-break belts on about half the field edges, a few woods, river
    banks. Belts of poplar and oak between fields are the signature of this landscape."""
    band = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (19, 19))
    belts = cv2.dilate(edges.astype(np.uint8), band).astype(np.float32)
    belts *= smoothstep(
        0.40,
        0.48,
        fractal_noise(rng, MAP_H // 4, MAP_W // 4, cells=4, octaves=3).repeat(4, 0).repeat(4, 1),
    )
    woods = smoothstep(
        0.70,
        0.74,
        fractal_noise(rng, MAP_H // 4, MAP_W // 4, cells=3, octaves=5).repeat(4, 0).repeat(4, 1),
    )
    cover = np.maximum(belts, woods)
    cv2.ellipse(cover, (2640, 2440), (320, 80), 0, 0, 360, 0.0, -1)  # open field: the trenches
    cv2.fillPoly(cover, [blob(rng, (2800, 2660), 150)], 1.0)  # and the wood behind them
    banks = np.zeros_like(cover)
    cv2.polylines(banks, [fixed(river)], False, 1.0, 64, cv2.LINE_AA, shift=4)
    gate = fractal_noise(rng, MAP_H // 8, MAP_W // 8, cells=8, octaves=3)
    gate = cv2.resize(gate, (MAP_W, MAP_H))
    cover = np.maximum(cover, banks * smoothstep(0.45, 0.55, gate))
    ragged = fractal_noise(rng, MAP_H, MAP_W, cells=200, octaves=2)
    return smoothstep(0.45, 0.6, cv2.GaussianBlur(cover, (0, 0), 3) * 0.75 + ragged * 0.3)


def clear_cover(cover: np.ndarray, roads: dict[str, np.ndarray], houses: list[House]) -> None:
    """No trees on roads or on top of houses."""
    keep = np.ones((MAP_H, MAP_W), np.uint8)
    for poly in roads.values():
        cv2.polylines(keep, [fixed(poly)], False, 0, 26, cv2.LINE_8, shift=4)
    for h in houses:
        cv2.fillPoly(
            keep, [fixed(rect((h.x, h.y), h.length + 8, h.width + 8, h.angle))], 0, shift=4
        )
    cover *= cv2.GaussianBlur(keep.astype(np.float32), (0, 0), 2)


def draw_trees(rng: np.random.Generator, img: np.ndarray, cover: np.ndarray) -> None:
    """Canopy seen from above: lumpy crowns lit from the north-west, shadows to the south-east."""
    seeds = (rng.random((MAP_H, MAP_W)) < 0.03).astype(np.float32)
    blurred = np.asarray(cv2.GaussianBlur(seeds, (0, 0), 2.3), np.float32)
    crowns = blurred / float(blurred.max())
    lit = crowns - np.roll(crowns, (2, 2), (0, 1))
    colour = np.array([40, 74, 48], np.float32) * (0.55 + 1.6 * crowns + 2.2 * lit)[..., None]
    colour += np.array([0, 10, 4], np.float32) * value_noise(rng, MAP_H, MAP_W, 60)[..., None]
    dx, dy = (int(v * 14) for v in SUN)
    shadow = np.zeros_like(cover)
    shadow[dy:, dx:] = cover[:-dy, :-dx]
    shadow *= 1 - cover
    img *= (1 - 0.5 * shadow)[..., None]
    img += (colour - img) * cover[..., None]


def place_village(rng: np.random.Generator, road: np.ndarray, i0: int, i1: int) -> list[House]:
    """Houses on both sides of a road stretch, one per ~23 m plot, a few plots empty."""
    nrm = normals(road)
    houses = []
    for i in range(i0, i1, 23):
        for side in (-1, 1):
            if rng.random() < 0.15:
                continue
            j = min(i + int(rng.integers(-3, 4)), len(road) - 1)
            length, width = rng.uniform(20, 28), rng.uniform(14, 19)
            centre = road[j] + nrm[j] * side * (22 + width / 2 + rng.uniform(0, 6))
            _, heading = along(road, j * STEP)
            houses.append(
                House(
                    float(centre[0]),
                    float(centre[1]),
                    heading + rng.normal(0, 0.04),
                    length,
                    width,
                    ROOFS[rng.integers(len(ROOFS))],
                    WALLS[rng.integers(len(WALLS))],
                )
            )
    return houses


def tree_billboards(rng: np.random.Generator, cover: np.ndarray) -> np.ndarray:
    """Tree positions for ground-level views: crowns at the edges of woods and along belts
    (a wood's interior is hidden behind its edge anyway)."""
    solid = (cover > 0.5).astype(np.uint8)
    inner = cv2.erode(solid, np.ones((25, 25), np.uint8))
    ys, xs = np.mgrid[4:MAP_H:11, 4:MAP_W:11]
    xs = np.clip(xs + rng.integers(-5, 6, xs.shape), 0, MAP_W - 1).ravel()
    ys = np.clip(ys + rng.integers(-5, 6, ys.shape), 0, MAP_H - 1).ravel()
    keep = (solid[ys, xs] > 0) & (inner[ys, xs] == 0)
    n = int(keep.sum())
    return np.column_stack(
        [
            xs[keep],
            ys[keep],
            rng.uniform(9, 20, n),
            rng.uniform(2.2, 4.2, n),
            rng.uniform(0.7, 1.25, n),
        ]
    ).astype(np.float32)


def road_trees(rng: np.random.Generator, road: np.ndarray, start: int, stop: int) -> np.ndarray:
    """Roadside trees (a planted belt with gaps) for the drive through the windscreen."""
    nrm = normals(road)
    rows = []
    for i in range(start, min(stop, len(road)), 6):
        for side in (-1, 1):
            if rng.random() < 0.3:
                continue
            x, y = road[i] + nrm[i] * side * rng.uniform(24, 34)
            rows.append((x, y, rng.uniform(8, 16), rng.uniform(2.0, 3.5), rng.uniform(0.7, 1.2)))
    return np.array(rows, np.float32)


def build_terrain(seed: int = SEED) -> Terrain:
    """Render the map once; every drone and ground shot of both clips films some part of it."""
    rng = np.random.default_rng(seed)
    labels = field_layout(rng)
    img = field_colours(rng, labels)
    edges = field_edges(labels)
    del labels
    img[cv2.dilate(edges.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0] *= 0.93
    hillshade(rng, img)
    river = river_course(rng)
    cover = tree_cover(rng, edges, river)
    del edges
    roads = road_network()
    paint_river(img, river)
    for name, poly in roads.items():
        if name == "highway":
            paint_asphalt(img, poly)
        else:
            paint_track(img, poly, 11 if name == "street" else 9)
    paint_bridge(img, roads["street"], river)
    hw, st = roads["highway"], roads["street"]
    houses = place_village(
        rng, hw, nearest_index(hw, (2950, 1740)), nearest_index(hw, (3560, 1650))
    )
    houses += place_village(
        rng, st, nearest_index(st, (1400, 1420)), nearest_index(st, (1580, 640))
    )
    for h in houses:
        road = hw if h.x > 2500 else st
        away = np.array([h.x, h.y]) - road[nearest_index(road, (h.x, h.y))]
        paint_garden(rng, img, cover, h, away / max(float(np.hypot(*away)), 1e-6))
    clear_cover(cover, roads, houses)
    trees = np.vstack([tree_billboards(rng, cover), road_trees(rng, hw, 0, 1400)])
    draw_trees(rng, img, cover)
    del cover
    for h in houses:
        paint_house(img, h)
    checkpoint = nearest_index(hw, (3800, 1600))
    paint_checkpoint(img, hw, checkpoint)
    paint_positions(rng, img, (2640, 2440))
    img += rng.normal(0, 2.5, img.shape).astype(np.float32)
    image = np.clip(cv2.GaussianBlur(img, (0, 0), 0.6), 0, 255).astype(np.uint8)
    pyramid: list[np.ndarray] = [image]
    for _ in range(5):
        pyramid.append(cv2.pyrDown(pyramid[-1]))
    poles = hw[::50] + normals(hw)[::50] * 24
    sites = {
        "checkpoint": tuple(hw[checkpoint]),
        "positions": (2640.0, 2440.0),
        "village_b": (1420.0, 1050.0),
    }
    return Terrain(image, pyramid, roads, houses, trees, poles, sites)
