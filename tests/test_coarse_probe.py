"""``benchmarks/coarse_probe.py``: the change between thumbnails finds the same changes at their
offset, and a background two clips share, with other changes over it, gives no line."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from coarse_probe import strong_on_best_line

PIXELS = 32 * 18


def _moving(seed: int, count: int, background: np.ndarray) -> np.ndarray:
    """``count`` thumbnails: ``background`` with a bright square that jumps about."""
    rng = np.random.default_rng(seed)
    frames = np.repeat(background[None, :], count, axis=0).reshape(count, 18, 32).copy()
    for frame in frames:
        y, x = rng.integers(0, 14), rng.integers(0, 28)
        frame[y : y + 4, x : x + 4] += 120.0
    return frames.reshape(count, PIXELS)


def test_the_same_changes_are_found_at_their_offset() -> None:
    background = np.random.default_rng(0).uniform(0, 100, PIXELS).astype(np.float32)
    a = _moving(1, 16, background)
    b = np.concatenate([_moving(2, 6, background), a + 5.0])  # A shown 3 s in, brighter
    strong, offset = strong_on_best_line(a, b)
    assert offset == 6
    assert strong >= 12


def test_one_background_with_other_changes_gives_no_line() -> None:
    background = np.random.default_rng(0).uniform(0, 100, PIXELS).astype(np.float32)
    strong, _ = strong_on_best_line(_moving(1, 16, background), _moving(3, 16, background))
    assert strong <= 2
