"""Reference methods that ``eval_reuse.py`` runs beside ``forensics.compare`` on the same
pairs.

* **vPDQ** (Meta's video PDQ, PyPI ``vpdq``): a PDQ hash of one frame per second; two videos
  match when enough of one video's frames lie within a Hamming distance of some frame of the
  other. Frames are a bag: vPDQ itself gives no time ranges, so the ranges here span the
  timestamps of the frames that found a partner.
* **ffmpeg's ``signature`` filter** (MPEG-7 video signature) with ``detectmode=full``: it logs
  the best matching sequence as a frame pair inside it and a length in frames.

Both use the thresholds their authors document as defaults (see ``benchmarks/README.md``).
vPDQ is optional: it builds from source against Debian's libav* headers (``VPDQ_INSTALL``).
"""

from __future__ import annotations

import importlib.metadata
import re
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

VPDQ_INSTALL = (
    "apt-get install -y pkg-config cmake libavcodec-dev libavformat-dev libavdevice-dev "
    "libavfilter-dev libavutil-dev libswresample-dev libswscale-dev && pip install vpdq"
)

# vPDQ defaults, as in its README and in ThreatExchange's VideoVPDQSignal: frames below
# quality 50 are not compared, frames match at a PDQ distance of at most 31 bits of 256, and
# two videos match when the larger of the two match percentages reaches 80.
VPDQ_SECONDS_PER_HASH = 1.0
VPDQ_QUALITY = 50
VPDQ_DISTANCE = 31
VPDQ_MATCH_PERCENT = 80.0

# signature's own defaults (th_d=9000, th_dc=60000, th_xh=116, th_di=0, th_it=0.5) are kept.
SIGNATURE_FILTER = "[0:v][1:v]signature=nb_inputs=2:detectmode=full"
SIGNATURE_MATCH = re.compile(
    r"matching of video 0 at (?P<a>[\d.]+) and 1 at (?P<b>[\d.]+), (?P<n>\d+) frames matching"
)
THRESHOLDS = (
    f"vPDQ {VPDQ_SECONDS_PER_HASH:g} hash/s, quality >= {VPDQ_QUALITY}, distance <= "
    f"{VPDQ_DISTANCE}, match when max(A%, B%) >= {VPDQ_MATCH_PERCENT:g}; signature "
    "detectmode=full with ffmpeg's defaults th_d=9000 th_dc=60000 th_xh=116 th_di=0 th_it=0.5"
)
INPUT_HEADER = re.compile(r"^Input #(\d+),")
DURATION = re.compile(r"Duration: (\d+):(\d+):([\d.]+)")
VIDEO_FPS = re.compile(r"Video: .*?, ([\d.]+) fps")


@dataclass(frozen=True)
class BaselineResult:
    matched: bool
    a_range: tuple[float, float] | None  # seconds on A's timeline, None when not located
    b_range: tuple[float, float] | None
    seconds: float  # wall time, decoding both clips included
    detail: str  # the method's own figures, for the report
    error: str | None = None  # the tool failed on this pair (counted as no match)


def vpdq_version() -> str | None:
    """The installed vpdq's version, or None when it cannot be imported."""
    try:
        import vpdq  # noqa: F401
    except ImportError:
        return None
    return importlib.metadata.version("vpdq")


# --------------------------------------------------------------------------- vPDQ


def vpdq_compare(a: Path | str, b: Path | str) -> BaselineResult:
    """Hash both clips with vPDQ and match them as its documentation describes."""
    import vpdq

    start = time.perf_counter()
    features_a = _usable_features(vpdq.computeHash(str(a), seconds_per_hash=VPDQ_SECONDS_PER_HASH))
    features_b = _usable_features(vpdq.computeHash(str(b), seconds_per_hash=VPDQ_SECONDS_PER_HASH))
    if not features_a or not features_b:
        elapsed = time.perf_counter() - start
        return BaselineResult(False, None, None, elapsed, f"no frame of quality >= {VPDQ_QUALITY}")
    near = _hash_distances(features_a, features_b) <= VPDQ_DISTANCE
    a_hits, b_hits = np.asarray(near.any(axis=1)), np.asarray(near.any(axis=0))
    percent_a = _unique_match_percent(features_a, a_hits)
    percent_b = _unique_match_percent(features_b, b_hits)
    matched = max(percent_a, percent_b) >= VPDQ_MATCH_PERCENT
    elapsed = time.perf_counter() - start
    a_range = _matched_span(features_a, a_hits) if matched else None
    b_range = _matched_span(features_b, b_hits) if matched else None
    detail = f"A {percent_a:.0f}% / B {percent_b:.0f}% of frames matched"
    return BaselineResult(matched, a_range, b_range, elapsed, detail)


def _usable_features(features: list[Any]) -> list[Any]:
    """Only frames with enough detail count: flat and black frames hash to noise."""
    return [f for f in features if f.quality >= VPDQ_QUALITY]


def _hash_distances(features_a: list[Any], features_b: list[Any]) -> np.ndarray:
    """Hamming distance between every frame hash of A and every frame hash of B."""
    bits_a = np.array([np.frombuffer(bytes.fromhex(f.hex), np.uint8) for f in features_a])
    bits_b = np.array([np.frombuffer(bytes.fromhex(f.hex), np.uint8) for f in features_b])
    differing = np.bitwise_xor(bits_a[:, None, :], bits_b[None, :, :])
    return np.unpackbits(differing, axis=2).sum(axis=2)


def _unique_match_percent(features: list[Any], matched: np.ndarray) -> float:
    """Share of distinct hashes with a partner: vPDQ counts a repeated picture once."""
    seen: dict[str, bool] = {}
    for feature, ok in zip(features, matched, strict=True):
        seen[feature.hex] = seen.get(feature.hex, False) or bool(ok)
    return 100.0 * sum(seen.values()) / len(seen)


def _matched_span(features: list[Any], matched: np.ndarray) -> tuple[float, float] | None:
    """From the first to the end of the last matched frame (each hash stands for a second)."""
    times = [f.timestamp for f, ok in zip(features, matched, strict=True) if ok]
    if not times:
        return None
    return min(times), max(times) + VPDQ_SECONDS_PER_HASH


# --------------------------------------------------------------------------- signature


def signature_compare(a: Path | str, b: Path | str, ffmpeg: str = "ffmpeg") -> BaselineResult:
    """Run ffmpeg's MPEG-7 signature filter on both clips and read its verdict from the log."""
    command = [
        ffmpeg, "-nostdin", "-hide_banner", "-nostats", "-loglevel", "info",
        "-i", str(a), "-i", str(b), "-filter_complex", SIGNATURE_FILTER, "-f", "null", "-",
    ]  # fmt: skip
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        # ffmpeg 5.1's signature lookup can crash (SIGSEGV) on clips that open in black.
        error = _exit_reason(done.returncode)
        return BaselineResult(False, None, None, elapsed, f"ffmpeg {error}", error)
    found = SIGNATURE_MATCH.search(done.stderr)
    if found is None:
        return BaselineResult(False, None, None, elapsed, "no matching")
    inputs = _input_facts(done.stderr)
    frames = int(found["n"])
    a_range, b_range = _signature_ranges(
        float(found["a"]), float(found["b"]), frames, inputs.get(0), inputs.get(1)
    )
    whole = " (whole video)" if "whole video matching" in done.stderr else ""
    return BaselineResult(True, a_range, b_range, elapsed, f"{frames} frames{whole}")


def _exit_reason(returncode: int) -> str:
    if returncode < 0:
        return f"killed by {signal.Signals(-returncode).name}"
    return f"exited with status {returncode}"


def _input_facts(log: str) -> dict[int, tuple[float, float]]:
    """(duration s, frame rate) of each input, from the header ffmpeg prints for it."""
    facts: dict[int, tuple[float, float]] = {}
    current: int | None = None
    duration = 0.0
    for line in log.splitlines():
        if header := INPUT_HEADER.match(line):
            current = int(header[1])
        elif current is not None and (d := DURATION.search(line)):
            duration = int(d[1]) * 3600 + int(d[2]) * 60 + float(d[3])
        elif current is not None and (v := VIDEO_FPS.search(line)):
            facts.setdefault(current, (duration, float(v[1])))
    return facts


def _signature_ranges(
    a_seed: float,
    b_seed: float,
    frames: int,
    a_facts: tuple[float, float] | None,
    b_facts: tuple[float, float] | None,
) -> tuple[tuple[float, float] | None, tuple[float, float] | None]:
    """Approximate ranges: the filter logs one frame pair inside the match and the number of
    B frames it spans, searching forward from the pair first and then backward, without
    saying how far it went each way. The span is placed from the pair onwards and shifted
    back only where it would run past the clip's end (same speed on both sides assumed)."""
    if b_facts is None:
        return None, None
    length = frames / b_facts[1]

    def place(seed: float, facts: tuple[float, float] | None) -> tuple[float, float] | None:
        if facts is None:
            return None
        begin = max(0.0, min(seed, facts[0] - length))
        return begin, min(facts[0], begin + length)

    return place(a_seed, a_facts), place(b_seed, b_facts)
