"""Render clips with ffmpeg, each once: a clip's file name is the hash of its recipe (inputs,
graph, codec; inner clips by their own recipe), so A and every intermediate step are shared
by all the pairs that use them, and a ``--work`` folder is reused between runs."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from .graphs import Clip
from .made import Case

OUTPUT_LIMIT_S = "60"  # a graph with mismatched frame rates can otherwise run forever
LENGTH_TOLERANCE_S = 0.25  # a built clip further than this from its declared length is a bug


class Builder:
    """Builds clips into ``work``; inner clips first."""

    def __init__(self, work: Path, ffmpeg: str, ffprobe: str | None = None) -> None:
        self.work = work
        self.ffmpeg = ffmpeg
        self.ffprobe = ffprobe or "ffprobe"

    def seconds(self, path: Path) -> float:
        """How long a built clip lasts (its container's duration)."""
        command = [self.ffprobe, "-v", "error", "-show_entries", "format=duration", "-of", "json"]
        done = subprocess.run([*command, str(path)], capture_output=True, text=True, check=True)
        return float(json.loads(done.stdout)["format"]["duration"])

    def clip(self, clip: Clip) -> Path:
        inputs = [
            ("-i", str(self.clip(part))) if isinstance(part, Clip) else part for part in clip.inputs
        ]
        key = hashlib.sha1(repr((inputs, clip.graph, clip.codec)).encode()).hexdigest()[:16]
        out = self.work / f"{key}.mp4"
        if not out.exists():
            # Two runs sharing a --work folder may build the same clip at once: each writes its
            # own file, and the first to finish names it (a link fails if the name exists);
            # the other uses that one, so both compare the same bytes.
            partial = out.with_suffix(f".{os.getpid()}.part.mp4")
            command = [self.ffmpeg, "-nostdin", "-v", "error", "-y"]
            command += [option for options in inputs for option in options]
            command += ["-filter_complex", clip.graph, "-map", "[v]", *clip.codec]
            command += ["-t", OUTPUT_LIMIT_S, str(partial)]
            subprocess.run(command, check=True, timeout=600)
            with contextlib.suppress(FileExistsError):
                os.link(partial, out)
            partial.unlink()
        return out


@dataclass(frozen=True)
class BuiltPair:
    """A pair's two clips as built, with their declared and measured lengths."""

    a: Path
    b: Path
    lengths: dict[str, list[float]]  # "a"/"b" -> [declared, built] seconds

    @property
    def length_ok(self) -> bool:
        return all(abs(d - m) <= LENGTH_TOLERANCE_S for d, m in self.lengths.values())


def build_pair(case: Case, builder: Builder) -> BuiltPair:
    """Build (or find) both clips of ``case`` and measure how long each lasts."""
    a, b = builder.clip(case.a), builder.clip(case.b)
    lengths = {"a": [case.a_length, builder.seconds(a)], "b": [case.b_length, builder.seconds(b)]}
    return BuiltPair(a, b, lengths)


def decode_seconds(ffmpeg: str, *clips: Path) -> float:
    """Wall time of a plain ``ffmpeg -i CLIP -f null -`` of each clip, summed: the floor any
    method that looks at every frame has to pay."""
    start = time.perf_counter()
    for clip in clips:
        command = [ffmpeg, "-nostdin", "-v", "error", "-i", str(clip), "-f", "null", "-"]
        subprocess.run(command, check=True)
    return time.perf_counter() - start
