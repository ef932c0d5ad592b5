"""The batch benchmark's textured clips (``benchmarks/bench_batch.py --source textured``):
of the length asked, at the size asked, and distinct: no two clips, and no two shots of one
clip, show the same picture (the benchmark's case must share no footage)."""

import subprocess
import sys
from pathlib import Path

import imagehash
import numpy as np
from PIL import Image

from forensics.media.toolchain import find_toolchain

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from bench_batch import SHOT_S, build_clips, seconds_of, tenths


def _frame(clip: Path, t: float) -> Image.Image:
    raw = subprocess.run([find_toolchain().ffmpeg, "-v", "error", "-ss", str(t), "-i", str(clip),
                          "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
                         capture_output=True, check=True).stdout  # fmt: skip
    return Image.fromarray(np.frombuffer(raw, np.uint8).reshape(90, 160, 3))


def test_textured_clips_are_distinct_and_of_their_length(tmp_path: Path) -> None:
    clips = build_clips(tmp_path, 3, "textured", (160, 90))
    assert [c.name for c in clips] == ["clip0000.mp4", "clip0001.mp4", "clip0002.mp4"]
    for i, clip in enumerate(clips):
        probe = subprocess.run([find_toolchain().ffprobe, "-v", "error", "-show_entries",
                                "format=duration", "-of", "csv=p=0", str(clip)],
                               capture_output=True, text=True, check=True)  # fmt: skip
        assert abs(float(probe.stdout) - seconds_of(i)) < 0.1
    shots = [imagehash.phash(_frame(c, t)) for c in clips for t in (1.0, SHOT_S + 1.0)]
    nearest = min(a - b for k, a in enumerate(shots) for b in shots[k + 1 :])
    assert nearest > 16  # unrelated pictures: about 32 bits of 64 apart
    assert build_clips(tmp_path, 3, "textured", (160, 90)) == clips  # made once


def test_tenths_split_the_finishing_times() -> None:
    finished = [float(k) for k in range(1, 21)]  # a clip a second
    assert tenths(finished) == [2.0] * 10
    assert sum(tenths([1.0, 5.0, 6.0])) == 6.0
