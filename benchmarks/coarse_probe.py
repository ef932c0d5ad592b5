"""Probe (issue 14; helper kenburns): could a coarse, global signal find what the local features
miss on very low quality reposts, without finding a fixed camera at another moment?

Each clip is sampled twice a second as a 32x18 grey thumbnail (ffmpeg, area scaling); the
signal is the change between consecutive thumbnails (mean removed), so a background both clips
share cancels out and only what changes is compared. A pair of changes is "strong" when their
cosine is >= ``STRONG`` and it is the best the A change finds anywhere in B; a line (B = A +
k samples, unchanged speed) scores the number of strong pairs on it. Changes weaker than
``ENERGY`` (a still moment: its change is encoder noise) take no part. Nothing in
``forensics/`` uses this: it measures whether a fallback that says "possible" is worth building.

    python benchmarks/coarse_probe.py --split stress --only 'very-low-quality' 'neg:*'
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from reuse_eval.aerial import aerial_sources  # noqa: E402
from reuse_eval.build import Builder  # noqa: E402
from reuse_eval.cases import select, split_cases  # noqa: E402
from reuse_eval.sources import split_sources  # noqa: E402

from forensics.media.toolchain import find_toolchain  # noqa: E402

SIZE = (32, 18)
RATE = 2  # thumbnails a second, as compare samples
ENERGY = 40.0  # grey levels (L2 over the thumbnail): a smaller change is noise
STRONG = 0.6


def thumbnails(ffmpeg: str, path: Path) -> np.ndarray:
    vf = f"fps={RATE},scale={SIZE[0]}:{SIZE[1]}:flags=area,format=gray"
    done = subprocess.run([ffmpeg, "-v", "error", "-i", str(path), "-vf", vf, "-f", "rawvideo",
                           "-"], capture_output=True, check=True)  # fmt: skip
    return np.frombuffer(done.stdout, np.uint8).reshape(-1, SIZE[0] * SIZE[1]).astype(np.float32)


def changes(thumbs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unit vectors of the change between consecutive thumbnails, and which are energetic."""
    d = thumbs[1:] - thumbs[:-1]
    d -= d.mean(axis=1, keepdims=True)
    norm = np.linalg.norm(d, axis=1)
    return d / np.maximum(norm, 1e-6)[:, None], norm > ENERGY


def strong_on_best_line(a: np.ndarray, b: np.ndarray) -> tuple[int, int]:
    """(strong pairs, offset in samples) of the line at unchanged speed with the most."""
    (da, ea), (db, eb) = changes(a), changes(b)
    if not len(da) or not len(db):
        return 0, 0
    cos = da @ db.T
    cos[~ea, :] = 0.0
    cos[:, ~eb] = 0.0
    best_in_row = cos.max(axis=1)
    best = (0, 0)
    for k in range(-len(da) + 1, len(db)):
        rows = np.arange(max(0, -k), min(len(da), len(db) - k))
        on = cos[rows, rows + k]
        strong = int(np.count_nonzero((on >= STRONG) & (on >= best_in_row[rows])))
        best = max(best, (strong, k))
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="stress", choices=("tune", "stress"))
    parser.add_argument("--only", nargs="+", metavar="PATTERN")
    parser.add_argument("--work", type=Path, default=Path("/tmp/coarse-probe"))
    args = parser.parse_args()
    tools = find_toolchain()
    args.work.mkdir(parents=True, exist_ok=True)
    sources = split_sources(aerial_sources(args.work, tools.ffmpeg))["tune"]
    builder = Builder(args.work, tools.ffmpeg, tools.ffprobe)
    for case in select(split_cases(args.split, sources), args.only, quick=False):
        a, b = (thumbnails(tools.ffmpeg, builder.clip(c)) for c in (case.a, case.b))
        strong, offset = strong_on_best_line(a, b)
        print(f"{case.name:58} strong {strong:3d} offset {offset / RATE:+.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
