"""One clip of tuning material for ``eval_onscreen_heldout.py --smoke``: the texts of
``tests/onscreen_media.py`` (tuned on), in DejaVu, over its generated terrain, so the script's
path (draw, read as analyze does, score) can be checked without touching the held-out set."""

from __future__ import annotations

from pathlib import Path

from tests.onscreen_media import hud_text
from tests.onscreen_media import write_clip as write_terrain

from .scenes import Scene, Text


def smoke_scene(work: Path) -> tuple[Scene, Path]:
    """The scene and its footage (the terrain, no text, made once into ``work``)."""
    footage = work / "smoke-terrain.mp4"
    if not footage.exists():
        write_terrain(footage, [], 9.0, (1280, 720), 25, crf=18)
    scene = Scene("smoke-tune", footage.name, 0.0, 8.0, (
        Text("caption", "Belgorod region", "en", "dejavu-sans-bold", 0.05, (0.5, 0.86), "mm",
             "shadow", end=4.0),
        Text("caption", "enemy BMP-2 destroyed", "en", "dejavu-sans-bold", 0.05, (0.5, 0.86),
             "mm", "box", start=4.0),
        Text("watermark", "@legion_free", "en", "dejavu-sans-bold", 0.04, (0.8, 0.05), "lt",
             "plain", opacity=0.6),
        Text("hud", hud_text, "en", "dejavu-mono-bold", 0.032, (0.03, 0.04), "lt", "hud"),
    ))  # fmt: skip
    return scene, footage
