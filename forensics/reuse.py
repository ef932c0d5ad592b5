"""Reuse across a case: check one clip's footage against every other clip in the case index.

The other clips' stored features go into one feature index (in batches, to bound memory), so
each frame of the clip is matched once against all of them; the verified pairs are grouped by
clip and aligned into shared stretches exactly as ``compare`` does for two clips.

Every finding is told from the earlier release to the later one: A is the clip released first
(by the case file's release dates, else the earliest linked claim), so "mirrored, cropped"
describes what the later release did to the earlier footage. When release dates are unknown,
A is the clip that was in the case first, and the report says the order is unknown.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .caseindex import CaseIndex, IndexedClip
from .compare import Comparison, clip_features, comparison_to_dict, from_verified_pairs
from .errors import ForensicsError
from .features import ClipFeatures, FeatureIndex, Verification
from .flags import REUSE_FLAG_CODES, shared_footage
from .identity import identify
from .models import SEVERITY_ORDER, to_dict
from .report import rewrite_report

BATCH_FRAMES = 4_000  # indexed frames per batch: about 150 MB of descriptors


@dataclass(frozen=True)
class CaseMatch:
    """Shared footage between this clip and another clip of the case."""

    other: IndexedClip
    comparison: Comparison  # A = the earlier release (or the clip indexed first)
    this_is_a: bool
    order: str  # one sentence: which release came first, and how we know
    order_known: bool  # both release dates known and different


def release_facts(case: dict[str, Any] | None, claims: Sequence[dict[str, Any]]
                  ) -> tuple[str | None, str | None]:  # fmt: skip
    """(actor, release date) from the case entry, else from the linked claims (earliest)."""
    actor = (case or {}).get("actor") or next((c["actor"] for c in claims if c.get("actor")), None)
    dates = [c["published"] for c in claims if c.get("published")]
    released = (case or {}).get("released") or (min(dates) if dates else None)
    return actor, released


def find_in_case(
    index: CaseIndex, clip: IndexedClip, features: ClipFeatures, save: bool = True
) -> list[CaseMatch]:
    """Every other clip of the case that shares footage with ``clip``, and how; with ``save``
    every comparison (found or not) is stored in the index as checked."""
    others = [c for c in index.clips() if c.id != clip.id]
    found: list[CaseMatch] = []
    for batch in _batches(index, others):
        verified = _verified_by_clip(features, [f for _, f in batch])
        for slot, (other, other_features) in enumerate(batch):
            comparison = from_verified_pairs(clip.name, features, other.name, other_features,
                                             verified.get(slot, {}))  # fmt: skip
            if save:
                index.save_reuse(clip.id, other.id, comparison_to_dict(comparison))
            if comparison.shared:
                found.append(orient(comparison, clip, other))
    return sorted(found, key=lambda m: -m.comparison.fraction("a" if m.this_is_a else "b"))


def _batches(
    index: CaseIndex, clips: Sequence[IndexedClip]
) -> list[list[tuple[IndexedClip, ClipFeatures]]]:
    batches: list[list[tuple[IndexedClip, ClipFeatures]]] = [[]]
    frames = 0
    for other in clips:
        stored = index.features(other.id)
        if batches[-1] and frames + len(stored.frames) > BATCH_FRAMES:
            batches.append([])
            frames = 0
        batches[-1].append((other, stored))
        frames += len(stored.frames)
    return [b for b in batches if b]


def _verified_by_clip(
    query: ClipFeatures, clips: Sequence[ClipFeatures]
) -> dict[int, dict[tuple[float, float], Verification]]:
    by_clip: dict[int, dict[tuple[float, float], Verification]] = defaultdict(dict)
    for pair in FeatureIndex([c.frames for c in clips]).match_all(query.frames):
        by_clip[pair.clip][(pair.query.t, pair.frame.t)] = pair.verification
    return by_clip


def orient(comparison: Comparison, this: IndexedClip, other: IndexedClip) -> CaseMatch:
    """Tell the finding from the earlier release: swap when this clip came out first."""
    order = release_order(this, other)
    known = bool(this.released and other.released and this.released != other.released)
    if _released_first(this, other):
        return CaseMatch(other, comparison, this_is_a=True, order=order, order_known=known)
    return CaseMatch(other, comparison.swapped(), this_is_a=False, order=order, order_known=known)


def _released_first(this: IndexedClip, other: IndexedClip) -> bool:
    if this.released and other.released and this.released != other.released:
        return this.released < other.released
    return False  # unknown or same day: the clip already in the case is told first


def release_order(this: IndexedClip, other: IndexedClip) -> str:
    if this.released and other.released:
        if this.released == other.released:
            return f"both were released on {this.released}; which came first is not known"
        first, second = sorted((this, other), key=lambda c: str(c.released))
        return (f"{first.name} was released first ({first.released}); "
                f"{second.name} on {second.released}")  # fmt: skip
    known = this if this.released else other if other.released else None
    if known:
        return f"only {known.name}'s release date is known ({known.released}); order unknown"
    return "no release date is known for either clip; which came first is unknown"


def match_to_dict(match: CaseMatch, report_dir: Path | None) -> dict[str, Any]:
    """The reuse entry of a clip's report; ``report`` links to the other clip's report."""
    other = match.other
    link = None
    if report_dir and other.report_dir:
        target = Path(other.report_dir) / "report.html"
        link = Path(os.path.relpath(target, report_dir.resolve())).as_posix()
    return {
        "other": {
            "name": other.name, "sha256": other.sha256, "actor": other.actor,
            "released": other.released, "report": link,
        },
        "this_side": "a" if match.this_is_a else "b",
        "order": match.order,
        "order_known": match.order_known,
        "comparison": comparison_to_dict(match.comparison),
    }  # fmt: skip


def search(index: CaseIndex, path: Path) -> tuple[IndexedClip, bool, list[CaseMatch]]:
    """Where else in the case does the footage of ``path`` appear?

    A clip already in the index is searched with its stored features; any other file is
    decoded for the search and left out of the index. Returns the clip, whether it was
    indexed, and the matches.
    """
    identity = identify(path)
    clip = index.clip(identity.sha256)
    if clip is not None:
        return clip, True, find_in_case(index, clip, index.features(clip.id), save=False)
    features = clip_features(path)
    visitor = IndexedClip(id=-1, sha256=identity.sha256, name=identity.name, path=identity.path,
                          report_dir=None, duration_s=features.duration_s, actor=None,
                          released=None, added_at=identity.analysed_at_utc)  # fmt: skip
    return visitor, False, find_in_case(index, visitor, features, save=False)


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
                _add_reuse_entry(folder, match_to_dict(seen_from_other, folder),
                                 index.checked_with(match.other.id))  # fmt: skip
        except (OSError, ValueError, KeyError, ForensicsError) as exc:
            problems.append(f"{folder}: report not updated with {clip.name} ({exc})")
    return problems


def _add_reuse_entry(folder: Path, entry: dict[str, Any], checked: int) -> None:
    data = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    reuse = [e for e in data.get("reuse", []) if e["other"]["sha256"] != entry["other"]["sha256"]]
    reuse.append(entry)
    data["reuse"] = reuse
    data["reuse_checked"] = checked
    kept = [f for f in data["flags"] if f["code"] not in REUSE_FLAG_CODES]
    data["flags"] = sorted([*kept, *(to_dict(f) for f in shared_footage(reuse))],
                           key=lambda f: -SEVERITY_ORDER[f["severity"]])  # fmt: skip
    rewrite_report(folder, data)
