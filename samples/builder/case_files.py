"""The files beside the media: ``truth.json`` (the ground truth of the reuse, shots, fades,
explosions, durations, the still's EXIF) and ``case.toml`` (each piece pinned by SHA-256).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
from collections.abc import Sequence
from pathlib import Path

from .clips import REPOST_SECONDS, REPOST_Y
from .common import LEGION_CLIP, MOD_CLIP, REPOST_CLIP, SEED, STILL
from .releases import REUSE, REUSE_CROP
from .still import STILL_EXIF
from .timeline import ClipPlan

SAMPLES = Path(__file__).resolve().parent.parent  # samples/: claims, README, default output


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def shot_table(plan: ClipPlan, labels: Sequence[str]) -> list[dict[str, object]]:
    rows, start = [], 0
    for cut, label in zip(plan.cuts, labels, strict=True):
        count = round(cut.shot.duration * plan.fps)
        rows.append(
            {
                "label": label,
                "start": round(start / plan.fps, 3),
                "end": round((start + count) / plan.fps, 3),
            }
        )
        start += count
    return rows


LEGION_LABELS = (
    "a horizon 'Belgorod region'",
    "b inside a vehicle",
    "c1 drone: BMP-2 on a road",
    "c2 REUSED ministry strike 3",
    "d1 drone: village houses",
    "d2 street and fences",
    "e1 shelling, ground view",
    "e2 shelling, drone view",
    "f1 drone: wrecks",
    "f2 burnt BMP-2 in a street",
    "f3 burnt KAMAZ in a field",
)


def truth(mod: ClipPlan, legion: ClipPlan) -> dict[str, object]:
    """What a reuse detector and the rest of the workbench should find, second by second."""
    span = REUSE["mod_end"] - REUSE["mod_start"]
    l0 = REUSE["legion_start"]
    x, y, w, h = REUSE_CROP
    return {
        "note": "Ground truth of the fictional sample case, written by build_samples.py.",
        "seed": SEED,
        "reuse": [
            {
                "source": MOD_CLIP,
                "source_start": REUSE["mod_start"],
                "source_end": REUSE["mod_end"],
                "target": LEGION_CLIP,
                "target_start": l0,
                "target_end": l0 + span,
                "speed": 1.0,
                "frame_map": "source_frame = floor((t - 36.0 + 15.0) * 25) for target time t",
                "transforms": {
                    "crop": {"x": x, "y": y, "w": w, "h": h, "of": [640, 360]},
                    "hflip": True,
                    "scale_to": [480, 270],
                    "fps": [25, 30],
                    "overlays": ["caption 'enemy BMP-2'",
                                 "legion channel mark with the handle @legion_svoboda"],
                },
                "what": "ministry shot STRIKE 3 (a BMP-2 hit on a dirt road) reposted by the "
                "legion as its own drone footage of an 'enemy BMP-2'",
            },
            {
                "source": LEGION_CLIP,
                "source_start": 0.0,
                "source_end": REPOST_SECONDS,
                "target": REPOST_CLIP,
                "target_start": 0.0,
                "target_end": REPOST_SECONDS,
                "speed": 1.0,
                "frame_map": "same frame index (30 fps both)",
                "transforms": {
                    "pad": {
                        "w": 480,
                        "h": 480,
                        "x": 0,
                        "y": REPOST_Y,
                        "colour": "black",
                    },
                    "hflip": False,
                    "overlays": ["'FRONTLINE 24' mark, bottom right of the picture",
                                 "handle '@frontline24' in the bar under the picture"],
                },
                "what": "aggregator repost, all container metadata stripped",
            },
            {
                "source": MOD_CLIP,
                "source_start": REUSE["mod_start"],
                "source_end": 19.0,
                "target": REPOST_CLIP,
                "target_start": l0,
                "target_end": REPOST_SECONDS,
                "speed": 1.0,
                "transforms": {"via": LEGION_CLIP, "hflip": True},
                "what": "the repost carries the first 4 s of the reused strike at second-hand",
            },
        ],
        "shots": {
            MOD_CLIP: shot_table(mod, [f"STRIKE {i}" for i in range(1, 7)]),
            LEGION_CLIP: shot_table(legion, LEGION_LABELS),
        },
        "fades": {MOD_CLIP: mod.fades, LEGION_CLIP: legion.fades},
        "explosions": {
            MOD_CLIP: [round(t, 2) for t, _ in mod.booms],
            LEGION_CLIP: [round(t, 2) for t, _ in legion.booms],
        },
        "durations": {
            MOD_CLIP: mod.duration,
            LEGION_CLIP: legion.duration,
            REPOST_CLIP: REPOST_SECONDS,
        },
        "still": {"path": STILL, **dataclasses.asdict(STILL_EXIF)},
    }


CASE_DESCRIPTION = (
    "Fictional sample case. A cross-border raid into the Belgorod region on 22 May 2023 is "
    "claimed by a volunteer legion, while the defence ministry releases drone footage of "
    "strikes it says destroyed the raiders. One drone shot appears in both releases, mirrored; "
    "an aggregator later reposts part of the legion video with a new date and place."
)


CASE_ENTRIES = (
    (
        MOD_CLIP,
        "Russian Ministry of Defence",
        "2023-05-23",
        ["claims/mod_statement.md", "claims/mod_statement_ru.md", "claims/news_article.md"],
    ),
    (
        LEGION_CLIP,
        "Freedom of Russia Legion",
        "2023-05-27",
        ["claims/legion_telegram.md", "claims/legion_telegram_ru.md", "claims/news_article.md"],
    ),
    (REPOST_CLIP, "Frontline 24 (news aggregator, Twitter)", "2023-05-28",
     ["claims/aggregator_post.md"]),
    (STILL, "Freedom of Russia Legion", "2023-06-02", ["claims/legion_photo.md"]),
)


def case_toml(out: Path) -> str:
    """The case file, with each piece of evidence pinned by the SHA-256 just computed."""
    lines = [
        'title = "Belgorod incursion, May-June 2023 (fictional sample case)"',
        f"description = {json.dumps(CASE_DESCRIPTION)}",
        "",
    ]
    for path, actor, released, claims in CASE_ENTRIES:
        lines += [
            "[[clips]]",
            f'path = "{path}"',
            f'sha256 = "{sha256(out / path)}"',
            f'actor = "{actor}"',
            f'released = "{released}"',
            "claims = [" + ", ".join(f'"{c}"' for c in claims) + "]",
            "",
        ]
    return "\n".join(lines)


def copy_static(out: Path) -> None:
    """Claims and README are written by hand next to the build script; bring them along."""
    if out.resolve() == SAMPLES:
        return
    shutil.copytree(SAMPLES / "claims", out / "claims", dirs_exist_ok=True)
    shutil.copy2(SAMPLES / "README.md", out / "README.md")
