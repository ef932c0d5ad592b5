"""Shared footage in the clip reports: the reuse entry a report lists for another clip, with
frame pairs from both report folders, and keeping earlier reports in step as clips join.

A report is written once, when its clip is analysed; a clip analysed later that shares its
footage adds itself to it (under the case index's write lock), and a clip that finished while
this report was being written is added once the report is in place.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from forensics.case.index import CaseIndex, IndexedClip
from forensics.case.search import CaseMatch, orient
from forensics.claims.checks import apply_checks
from forensics.media.thumbnails import nearest
from forensics.report.clip import rewrite_report
from forensics.reuse.compare import compare_features, comparison_to_dict


def match_to_dict(
    match: CaseMatch, report_dir: Path | None, frame_images: Sequence[Mapping[str, Any]] = ()
) -> dict[str, Any]:
    """The reuse entry of a clip's report; ``report`` links to the other clip's report.

    With ``report_dir`` and this clip's ``frame_images`` (its report's list), each shared
    stretch gets frame pairs: this clip's stored frames at its start, middle and end beside
    the other clip's at the aligned times, linked into the other clip's report folder."""
    other = match.other
    link = folder = None
    if report_dir and other.report_dir:
        folder = Path(os.path.relpath(other.report_dir, report_dir.resolve())).as_posix()
        link = f"{folder}/report.html"
    comparison = comparison_to_dict(match.comparison)
    here = "a" if match.this_is_a else "b"
    theirs = stored_frame_images(Path(other.report_dir)) if folder and other.report_dir else []
    pairs = [frame_pairs(s, here, frame_images, theirs, folder) for s in comparison["segments"]]
    return {
        "other": {
            "name": other.name, "sha256": other.sha256, "actor": other.actor,
            "released": other.released, "report": link,
        },
        "this_side": "a" if match.this_is_a else "b",
        "order": match.order,
        "order_known": match.order_known,
        "comparison": comparison,
        "frame_pairs": pairs if report_dir else [],
    }  # fmt: skip


def stored_frame_images(folder: Path) -> list[dict[str, Any]]:
    """The frame thumbnails a report folder holds, by its report.json; none when the report
    is unreadable or predates them (its pairs then show a placeholder, not a broken image)."""
    try:
        data = json.loads((folder / "report.json").read_text(encoding="utf-8"))
        return list(data.get("frame_images") or [])
    except (OSError, ValueError, AttributeError):
        return []


PAIR_POINTS = ("start", "middle", "end")


def frame_pairs(
    segment: Mapping[str, Any], here: str, mine: Sequence[Mapping[str, Any]],
    theirs: Sequence[Mapping[str, Any]], their_folder: str | None,
) -> list[dict[str, Any]]:  # fmt: skip
    """The start, middle and end of a shared stretch on this clip (side ``here`` of the
    segment), this clip's stored frame nearest each, the time the alignment puts that frame at
    on the other clip, and the other clip's stored frame nearest that time (each within 0.5 s;
    None when there is none)."""
    there = "b" if here == "a" else "a"
    start, end = _common_span(segment, here)
    times = dict(zip(PAIR_POINTS, (start, (start + end) / 2, end), strict=True))
    pairs, seen = [], set()
    for point, t in times.items():
        if round(t, 3) in seen:  # a stretch of one sample has one pair
            continue
        seen.add(round(t, 3))
        this_frame = nearest(mine, t)
        # aligned from the frame shown, so the pair is as close as the samples allow
        shown = float(this_frame["t"]) if this_frame else t
        other_t = aligned_time(segment, here, shown)
        # never past the other side's stretch: the next shot there is no part of the match
        other_t = min(max(other_t, segment[f"{there}_start"]), segment[f"{there}_end"])
        other_frame = nearest(theirs, other_t)
        pairs.append({
            "at": point, "this_t": round(t, 3), "other_t": round(other_t, 3),
            "this_image": this_frame["image"] if this_frame else None,
            "this_image_t": this_frame["t"] if this_frame else None,
            "other_image": f"{their_folder}/{other_frame['image']}" if other_frame else None,
            "other_image_t": other_frame["t"] if other_frame else None,
        })  # fmt: skip
    return pairs


def _common_span(segment: Mapping[str, Any], here: str) -> tuple[float, float]:
    """The part of the stretch on side ``here`` whose aligned times lie inside the stretch on
    the other side too (each side ends at its own last matched sample, so the two ends can
    disagree by a sample or so)."""
    there = "b" if here == "a" else "a"
    ends = sorted(aligned_time(segment, there, segment[f"{there}_{e}"]) for e in ("start", "end"))
    start = max(segment[f"{here}_start"], ends[0])
    end = min(segment[f"{here}_end"], ends[1])
    return (start, end) if start <= end else (segment[f"{here}_start"], segment[f"{here}_end"])


def aligned_time(segment: Mapping[str, Any], here: str, t: float) -> float:
    """Where time ``t`` on side ``here`` of a segment falls on the other side
    (B = b_start + rate * (A - a_start))."""
    if here == "a":
        return segment["b_start"] + segment["rate"] * (t - segment["a_start"])
    return segment["a_start"] + (t - segment["b_start"]) / segment["rate"]


def update_earlier_reports(index: CaseIndex, clip: IndexedClip, matches: Sequence[CaseMatch]
                           ) -> list[str]:  # fmt: skip
    """Add ``clip`` to the reuse section (and findings) of each matched clip's report, so a
    report never misses footage found after it was written. Returns the problems met: a
    missing or unwritable earlier report does not undo this clip's analysis."""
    problems = []
    for match in matches:
        folder = Path(match.other.report_dir) if match.other.report_dir else None
        if folder is None:
            continue
        seen_from_other = CaseMatch(clip, match.comparison, not match.this_is_a, match.order,
                                    match.order_known)  # fmt: skip
        try:
            with index.exclusive():  # two runs may update the same report at once
                _add_reuse_entry(folder, seen_from_other, index.checked_with(match.other.id))
        except Exception as exc:
            # Whatever is wrong with another clip's report (missing, malformed, locked), this
            # clip's own analysis stands.
            problems.append(f"{folder}: report not updated with {clip.name} ({exc})")
    return problems


def add_missed_reuse(index: CaseIndex, clip: IndexedClip, folder: Path) -> list[str]:
    """Add to this clip's fresh report the clips that found shared footage with it while it
    was being written: their run compared with it, but could not update a report not yet in
    place. Under the index's write lock, so no third run changes the report meanwhile."""
    problems = []
    with index.exclusive():
        listed = _listed_sha256(folder)
        ids = {c.id: c for c in index.clips()}
        for row in index.reuse(involving=clip.id):
            if not row.get("shared"):
                continue
            other = ids.get(row["b_id"] if row["a_id"] == clip.id else row["a_id"])
            if other is None or other.sha256 in listed:
                continue
            try:
                comparison = compare_features(clip.name, index.features(clip.id),
                                              other.name, index.features(other.id))  # fmt: skip
                if comparison.shared:
                    match = orient(comparison, clip, other)
                    _add_reuse_entry(folder, match, index.checked_with(clip.id))
            except Exception as exc:  # the clip's own analysis stands whatever goes wrong here
                problems.append(f"{folder}: {other.name} not added to the report ({exc})")
    return problems


def _listed_sha256(folder: Path) -> set[str]:
    data = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    return {e["other"]["sha256"] for e in data.get("reuse", [])}


def _add_reuse_entry(folder: Path, match: CaseMatch, checked: int) -> None:
    data = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    entry = match_to_dict(match, folder, data.get("frame_images") or [])
    reuse = [e for e in data.get("reuse", []) if e["other"]["sha256"] != entry["other"]["sha256"]]
    reuse.append(entry)
    data["reuse"] = reuse
    data["reuse_checked"] = checked  # reuse_scope keeps saying how the analysis itself searched
    # The shared-footage flags, and what the claims' checks find (earliest release, opposing
    # sides), follow from the new entry.
    data = apply_checks(data)
    rewrite_report(folder, data)
