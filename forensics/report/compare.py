"""The HTML page for ``forensics compare``: both timelines with the shared stretches drawn
between them, and frame pairs from A and B side by side at aligned times.

Written like a clip report: into a staging folder renamed into place when complete, every
untrusted string (file names) escaped by Jinja2, no request to any other host.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from forensics.media.grab import grab_frame
from forensics.media.identity import file_digests
from forensics.provenance import tool_dict
from forensics.records import Comparison, Segment, comparison_to_dict
from forensics.report.clip import environment, safe_name, staged_folder
from forensics.reuse.stills import DISTINCT_RATIO, MOMENT_EVIDENCE

FRAME_WIDTH = 320


@dataclass(frozen=True)
class FramePair:
    a_t: float
    b_t: float
    a_image: str
    b_image: str


def aligned_times(segment: Segment) -> list[tuple[float, float]]:
    """Start, middle and end of a stretch in A (:meth:`Segment.points`: the part both sides
    share), with the B times the alignment puts them at."""
    return [(t, segment.aligned_time("a", t)) for _, t in segment.points("a")]


def write_comparison(result: Comparison, out_dir: Path | str = "reports") -> Path:
    """Write ``compare.html``, ``compare.json`` and frame pairs; returns the HTML path."""
    a, b = Path(result.a), Path(result.b)
    a_sha, b_sha = file_digests(a)[0], file_digests(b)[0]
    name = f"compare-{safe_name(a.name, a_sha)}--{safe_name(b.name, b_sha)}"
    destination = Path(out_dir) / name
    data = comparison_to_dict(result) | {
        "a_name": a.name, "b_name": b.name, "a_sha256": a_sha, "b_sha256": b_sha,
    }  # fmt: skip
    with staged_folder(destination) as stage:
        (stage / "frames").mkdir()
        pairs, commands = _frame_pairs(result, a, b, stage)
        data["commands"] = commands
        data["tool"] = tool_dict(commands=commands)  # which tool, ffmpeg and libraries
        (stage / "compare.json").write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n",
                                            encoding="utf-8")  # fmt: skip
        html = (
            environment()
            .get_template("compare.html")
            .render(d=data, pairs=pairs, moment_needs=MOMENT_EVIDENCE, moment_ratio=DISTINCT_RATIO)
        )
        (stage / "compare.html").write_text(html, encoding="utf-8")
    return destination / "compare.html"


def _frame_pairs(
    result: Comparison, a: Path, b: Path, stage: Path
) -> tuple[list[list[FramePair]], list[list[str]]]:
    pairs: list[list[FramePair]] = []
    commands: list[list[str]] = []
    for number, stretch in enumerate(result.stretches, start=1):
        seg = stretch.segment
        row = []
        for k, (ta, tb) in enumerate(aligned_times(seg)):
            a_img, b_img = f"frames/s{number}_{k}_a.jpg", f"frames/s{number}_{k}_b.jpg"
            commands.append(list(grab_frame(a, ta, stage / a_img, FRAME_WIDTH)))
            commands.append(list(grab_frame(b, tb, stage / b_img, FRAME_WIDTH)))
            row.append(FramePair(ta, tb, a_img, b_img))
        pairs.append(row)
    return pairs, commands
