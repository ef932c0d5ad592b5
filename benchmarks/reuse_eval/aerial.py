"""One rendered aerial scene per split, from ``samples/builder`` with seeds the samples do not
use: a 31 s drone flight over a freshly generated landscape (about 20 s to render each).

They are extra sources, never the only held-out ones. Rendered into the work folder, once.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from .sources import ROOT, Excerpt, Source

SIZE, FPS, SECONDS = (640, 360), 25, 31.0


@dataclass(frozen=True)
class Flight:
    seed: int  # the landscape and the airframe's jitter
    site: str  # which place of the generated map the drone flies over
    offset: tuple[tuple[float, float], tuple[float, float]]  # camera path around the site
    zoom: tuple[float, float]  # map px per frame px, start and end
    grey: bool


FLIGHTS = {
    "tune": Flight(5101, "village_b", ((-200, -80), (150, 60)), (0.8, 0.55), False),
    "heldout": Flight(5202, "checkpoint", ((-260, 40), (120, -60)), (0.7, 0.5), True),
}


def render(flight: Flight, out: Path, ffmpeg: str) -> None:
    """Render the flight with the samples' own terrain, drone camera and sensor model."""
    sys.path.insert(0, str(ROOT / "samples"))
    from builder.encode import encode
    from builder.releases import on_road
    from builder.shots_drone import DroneShot
    from builder.terrain import build_terrain
    from builder.timeline import ClipPlan, Cut, render_frames
    from builder.vehicles import Vehicle

    terrain = build_terrain(flight.seed)
    x, y = (float(v) for v in terrain.sites[flight.site])
    truck = Vehicle("kamaz", "highway", on_road(terrain, "highway", (x, y)), 11, 0)
    path = tuple((x + dx, y + dy) for dx, dy in flight.offset)
    shot = DroneShot(
        SECONDS,
        path,
        flight.zoom,
        (0, 6),
        (truck,),
        (),
        grey=flight.grey,  # type: ignore[arg-type]
        seed=flight.seed % 1000,
    )
    plan = ClipPlan("aerial", *SIZE, FPS, [Cut(shot, ())])
    partial = out.with_suffix(".part.mp4")
    codec = ["-c:v", "libx264", "-preset", "veryfast", "-crf", "17", "-pix_fmt", "yuv420p"]
    encode(ffmpeg, render_frames(plan, terrain, flight.seed), SIZE, FPS, [], codec, partial)
    partial.rename(out)


def aerial_sources(work: Path, ffmpeg: str, render_now: bool = True) -> dict[str, list[Source]]:
    """The rendered scene of each split as a source (rendered now unless already in ``work``
    or ``render_now`` is false, as when only listing the cases)."""
    out: dict[str, list[Source]] = {}
    for split, flight in FLIGHTS.items():
        path = work / f"aerial-{flight.seed}-{SECONDS:g}s.mp4"
        if render_now and not path.exists():
            render(flight, path, ffmpeg)
        note = f"rendered drone flight over a generated landscape (seed {flight.seed})"
        main, later = Excerpt(path, 1.0, 9.0), Excerpt(path, 21.0, 9.0)  # 11 s apart
        source = Source(f"aerial{flight.seed}", split, main, SIZE, Fraction(FPS), note, later)
        out[split] = [source]
    return out
