"""Masking and comparing golden reports: the one place that decides what a golden file pins.

A report is masked before it is written as a golden file and before it is compared with one:

- Volatile values become ``MASKED``: the analysis and file-system times
  (``file.analysed_at_utc``, ``file.modified_utc``) and the tool stamp that names this
  machine's build and folders (``tool.version``, ``ffmpeg``, ``ffmpeg_version``,
  ``ffmpeg_source``, ``probe_backend``, ``libraries``, ``commands``: the commands carry
  staging-folder names and binary paths), and the same in each custody event (its time,
  tool, ffmpeg, call, note and what it wrote: see ``CUSTODY_STAMP``).
- Absolute paths (``file.path``, the case file, claim and clip paths in ``case`` and
  ``claims[].path``, ``claims[].linked_by``) keep their relative part: the repository root
  becomes ``<repo>`` and the output folder ``<out>``, in every string of the report.
- What the probe backend says differently about the same file is normalised: ffprobe
  reports an audio stream's frame rate as ``0/0`` where PyAV gives null, and libavformat
  before 6.x exports a zero QuickTime ``vendor_id`` tag (``[0][0][0][0]``) that later
  versions (the bundled ffmpeg, PyAV) leave out; the zero tag is dropped.

Values measured on decoded pixels differ slightly between ffmpeg builds, because each build's
swscale scales the frames a little differently. Comparing the system ffmpeg 5.1 (Debian) with
the bundled ffmpeg 9.0 (imageio-ffmpeg, PyAV probing) on the sample case: frame hashes differ
in up to 2 bits of 64 (a keyframe's in 4), the reuse geometry (similarity, scale, areas,
boxes) by up to 0.007, the rotation by 0.02 degrees, and the frame intervals (ffprobe prints
microseconds) by under 1e-6 s. Everything else (times, counts, flags, checks, claims,
metadata) is identical. So these values stay in the golden files as measured, but are compared
within ``APPROX`` tolerances: a real change to hashing or matching moves them far beyond that.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

MASKED = "<masked>"
APPROX_TOKEN = "<approx>"
HINT = "run python tests/golden/regenerate.py if the change is intended"
DIFF_LINES = 40

TOOL_STAMP = ("version", "ffmpeg", "ffmpeg_version", "ffmpeg_source", "probe_backend",
              "libraries", "commands")  # fmt: skip
# A custody event's time, tool stamp, exact call (staging and temporary folders) and what it
# wrote (a temporary spool: its path, and its bytes, which each ffmpeg build scales a little
# differently) change from run to run; its note can carry the file-system time. The actions,
# their order and the SHA-256s of what each event read stay pinned.
CUSTODY_STAMP = ("at_utc", "tool", "ffmpeg", "call", "wrote", "note")
VOLATILE = (
    {("file", "analysed_at_utc"), ("file", "modified_utc")}
    | {("tool", key) for key in TOOL_STAMP}
    | {("custody", "*", key) for key in CUSTODY_STAMP}
)
ZERO_VENDOR_ID = "[0][0][0][0]"

HASH_BITS = 8  # of 64; measured at most 4 between ffmpeg builds
SEGMENT = ("reuse", "*", "comparison", "segments", "*")
APPROX: dict[tuple[str, ...], float] = {  # pattern (list indexes as "*"): tolerance
    ("frames", "*", "phash"): HASH_BITS,
    ("frames", "*", "phash_mirror"): HASH_BITS,
    ("frames", "*", "dhash"): HASH_BITS,
    ("frames", "*", "pdq"): 16,  # of 256; measured at most 2 between builds, quality equal
    ("frames", "*", "pdq_quality"): 5,
    ("keyframes", "*", "phash"): HASH_BITS,
    **{(*SEGMENT, key): 0.02 for key in ("similarity", "scale", "a_area_in_b", "b_area_from_a")},
    **{(*SEGMENT, key, "*"): 0.02 for key in ("a_box_in_b", "b_box_in_a")},
    (*SEGMENT, "rotation_deg"): 0.2,
    **{("media", "timing", f"{key}_interval_s"): 1e-5 for key in ("mean", "min", "max")},
}

KeyPath = tuple[str | int, ...]


def mask_report(report: Mapping[str, Any], roots: Mapping[str, Path]) -> dict[str, Any]:
    """A copy of ``report`` as a golden file holds it; ``roots`` maps a token to the folder it
    stands for, e.g. ``{"<repo>": repo, "<out>": out}``."""
    prefixes = [
        (str(p), token) for token, folder in roots.items() for p in {folder, folder.resolve()}
    ]
    prefixes.sort(key=lambda pair: -len(pair[0]))  # the longest first: a folder inside another

    def mask(path: KeyPath, node: Any) -> Any:
        if _pattern(path) in VOLATILE:
            return MASKED
        if isinstance(node, str):
            for prefix, token in prefixes:
                node = node.replace(prefix, token)
            return node
        if isinstance(node, dict):
            return _normalise_probe(path, node)
        return node

    return _rewrite(dict(report), mask)


def dumps(data: Mapping[str, Any]) -> str:
    """A golden file's text: indented, so a failing comparison shows a line-by-line diff."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def golden_mismatch(actual: Mapping[str, Any], golden: Mapping[str, Any], name: str) -> str | None:
    """Why the masked ``actual`` report differs from its golden file, or None when it agrees:
    a unified diff of everything but the ``APPROX`` values, then those out of tolerance."""
    before, after = (dumps(_blank_approx(r)).splitlines() for r in (golden, actual))
    diff = list(difflib.unified_diff(before, after, f"golden {name}.json", f"analysed {name}",
                                     lineterm=""))  # fmt: skip
    if diff:
        return "\n".join(
            [f"{name}: the report differs from its golden file ({HINT}):", *_first(diff)]
        )
    expected = dict(_approx_leaves(golden))
    off = []
    for path, value in _approx_leaves(actual):
        tolerance = APPROX[_pattern(path)]
        if not _close(expected[path], value, tolerance):
            off.append(
                f"{_dotted(path)}: golden {expected[path]!r}, analysed {value!r} "
                f"(tolerance {tolerance})"
            )
    if off:
        return "\n".join(
            [f"{name}: measured values moved beyond tolerance ({HINT}):", *_first(off)]
        )
    return None


ONSCREEN = ("onscreen_status", "onscreen_text")


def without_unread_onscreen(actual: Mapping[str, Any], golden: Mapping[str, Any]
                            ) -> tuple[dict[str, Any], dict[str, Any]]:  # fmt: skip
    """Both reports less their on-screen text when this machine did not read it (no Tesseract
    here: the golden files pin what the engine reads, and CI, which has it, compares them)."""
    status = actual.get("onscreen_status") or {}
    if status.get("read", True):
        return dict(actual), dict(golden)
    drop = lambda report: {k: v for k, v in report.items() if k not in ONSCREEN}  # noqa: E731
    return drop(actual), drop(golden)


def _first(lines: list[str]) -> list[str]:
    more = len(lines) - DIFF_LINES
    return lines[:DIFF_LINES] + ([f"... {more} more lines"] if more > 0 else [])


def _normalise_probe(path: KeyPath, node: dict[str, Any]) -> dict[str, Any]:
    """Say what ffprobe and PyAV, or old and new libavformat, say differently in one way."""
    if path[-1:] == ("tags",) or path[:2] == ("metadata", "tags"):
        return {k: v for k, v in node.items() if not (k == "vendor_id" and v == ZERO_VENDOR_ID)}
    if path[:2] == ("media", "streams") and node.get("r_frame_rate") == "0/0":
        return {**node, "r_frame_rate": None}
    return node


def _rewrite(node: Any, fn: Callable[[KeyPath, Any], Any], path: KeyPath = ()) -> Any:
    """Apply ``fn`` top-down: to a node first, then to the children of what it returned."""
    node = fn(path, node)
    if isinstance(node, dict):
        return {k: _rewrite(v, fn, (*path, k)) for k, v in node.items()}
    if isinstance(node, list):
        return [_rewrite(v, fn, (*path, i)) for i, v in enumerate(node)]
    return node


def _pattern(path: KeyPath) -> tuple[str, ...]:
    return tuple("*" if isinstance(p, int) else p for p in path)


def _dotted(path: KeyPath) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


def _approx_leaves(node: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, Any]]:
    if _pattern(path) in APPROX:
        yield path, node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from _approx_leaves(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _approx_leaves(v, (*path, i))


def _blank_approx(report: Mapping[str, Any]) -> Any:
    def blank(path: KeyPath, node: Any) -> Any:
        return APPROX_TOKEN if _pattern(path) in APPROX and node is not None else node

    return _rewrite(dict(report), blank)


def _close(expected: Any, actual: Any, tolerance: float) -> bool:
    if isinstance(expected, str) and isinstance(actual, str):  # 64-bit hashes in hex
        return (int(expected, 16) ^ int(actual, 16)).bit_count() <= tolerance
    if isinstance(expected, int | float) and isinstance(actual, int | float):
        return abs(expected - actual) <= tolerance
    return expected == actual
