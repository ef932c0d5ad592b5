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
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .caseindex import CaseIndex, IndexedClip
from .checks import apply_checks
from .compare import (
    Comparison,
    compare_features,
    comparison_to_dict,
    decode_for_matching,
    from_verified_pairs,
)
from .features import (
    ClipFeatures,
    FeatureIndex,
    FrameFeatures,
    Verification,
    verify_pair,
)
from .hashindex import FrameHashIndex, codes_from_hex
from .identity import identify
from .models import FrameHash
from .report import rewrite_report
from .thumbnails import nearest

BATCH_FRAMES = 4_000  # indexed frames per batch: about 150 MB of descriptors
# Up to this many frames in the case (about 250 two-minute clips) every clip is verified with
# local features (about 0.4 s per 1,000 indexed frames); beyond it, a hash shortlist first.
FULL_CHECK_FRAMES = 100_000
HASH_RADIUS = 10  # bits of 64: re-encodes, rescales and captions stay within it (see eval)
MIN_HASH_HITS = 2  # frames of this clip near one clip's frames: one is a coincidence
MAX_SHORTLIST = 50  # clips verified in a large case, most hash hits first
MAX_PAIRS_PER_CLIP = 400  # proposed frame pairs verified per clip (a 2-minute clip has 240)
HITS_PER_FRAME = 2  # of a frame's proposed pairs, the nearest verified (0.8 ms each)


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


@dataclass(frozen=True)
class CaseSearch:
    """What checking one clip against the case found, and how far the check reached."""

    matches: list[CaseMatch]
    clips: int  # other clips in the case
    verified: int  # of them, compared frame by frame with local features
    hash_hits: int  # clips with frames within HASH_RADIUS bits (counted only when shortlisting)
    shortlisted: bool  # True: the case was too large to verify every clip

    def scope(self) -> str:
        """One sentence saying what was checked, so a "nothing found" can be weighed."""
        if not self.shortlisted:
            return (f"checked against all {self.clips} other clip(s) of the case "
                    "with local features")  # fmt: skip
        return (
            f"the case holds more than {FULL_CHECK_FRAMES:,} frames: {self.verified} of "
            f"{self.clips} other clips, those sharing near-identical frames (pHash, as is or "
            f"mirrored, within {HASH_RADIUS} bits; {self.hash_hits} such clips, the "
            f"{MAX_SHORTLIST} with most first), were checked with local features at those "
            "frames; reuse that is heavily cropped, inset or rotated in the others can be missed"
        )

    def to_dict(self) -> dict[str, Any]:
        return {"clips": self.clips, "verified": self.verified, "hash_hits": self.hash_hits,
                "shortlisted": self.shortlisted, "scope": self.scope()}  # fmt: skip


def find_in_case(
    index: CaseIndex,
    clip: IndexedClip,
    features: ClipFeatures,
    hashes: Sequence[FrameHash] = (),
    save: bool = True,
) -> CaseSearch:
    """Every other clip of the case that shares footage with ``clip``, and how; with ``save``
    every comparison (found or not) is stored in the index as checked.

    Up to FULL_CHECK_FRAMES indexed frames every clip is verified with local features, which
    see crops, insets and rotations that whole-frame hashes miss. Beyond that, verifying every
    clip would grow with the case: an exact Hamming search of ``hashes`` (pHash and mirrored
    pHash) over every frame hash of the case proposes frame pairs, and only those are verified
    (the found stretches then grow frame by frame as everywhere else)."""
    others = [c for c in index.clips() if c.id != clip.id]
    if index.frame_count() > FULL_CHECK_FRAMES:
        return _find_by_hashes(index, clip, features, hashes, others, save)
    found: list[CaseMatch] = []
    for batch in _batches(index, others):
        verified = _verified_by_clip(features, [f for _, f in batch])
        for slot, (other, other_features) in enumerate(batch):
            found.extend(_compared(index, clip, features, other, other_features,
                                   verified.get(slot, {}), save))  # fmt: skip
    return CaseSearch(_by_share(found), len(others), len(others), 0, False)


def _compared(
    index: CaseIndex, clip: IndexedClip, features: ClipFeatures, other: IndexedClip,
    other_features: ClipFeatures, verified: dict[tuple[float, float], Verification], save: bool,
) -> list[CaseMatch]:  # fmt: skip
    comparison = from_verified_pairs(clip.name, features, other.name, other_features, verified)
    if save:
        index.save_reuse(clip.id, other.id, comparison_to_dict(comparison))
    return [orient(comparison, clip, other)] if comparison.shared else []


def _by_share(found: list[CaseMatch]) -> list[CaseMatch]:
    return sorted(found, key=lambda m: -m.comparison.fraction("a" if m.this_is_a else "b"))


def _find_by_hashes(
    index: CaseIndex, clip: IndexedClip, features: ClipFeatures, hashes: Sequence[FrameHash],
    others: list[IndexedClip], save: bool,
) -> CaseSearch:  # fmt: skip
    """The large-case search: verify the frame pairs the hash search proposes, clip by clip,
    most-hit clips first, at most MAX_SHORTLIST clips."""
    hits = _hash_hits(index, clip.id, hashes)
    ranked = sorted(hits, key=lambda c: -len({h[0] for h in hits[c]}))
    by_id = {c.id: c for c in others}
    to_verify = [by_id[c] for c in ranked[:MAX_SHORTLIST] if c in by_id]
    found: list[CaseMatch] = []
    for other in to_verify:
        other_features = index.features_if_present(other.id)
        if other_features is None:  # re-analysed by another run meanwhile: it checks us
            continue
        verified = _verify_hits(features, other_features, hits[other.id])
        found.extend(_compared(index, clip, features, other, other_features, verified, save))
    return CaseSearch(_by_share(found), len(others), len(to_verify), len(hits), True)


Hit = tuple[float, float, bool, int]  # this clip's time, the other's, mirrored, distance


def _hash_hits(index: CaseIndex, clip_id: int, hashes: Sequence[FrameHash]) -> dict[int, list[Hit]]:
    """Clip -> every frame pair within HASH_RADIUS bits, as is or mirrored; only clips with
    MIN_HASH_HITS frames of this clip near theirs."""
    rows = index.frame_rows()
    if hashes:
        informative = [h for h in hashes if h.informative]
        phash = codes_from_hex(h.phash for h in informative)
        mirror = codes_from_hex(h.phash_mirror for h in informative)
        times = np.array([h.time.seconds for h in informative])
    else:  # a clip already in the index: its own stored hashes
        own = rows.clip_id == clip_id
        phash, mirror, times = rows.phash[own], rows.phash_mirror[own], rows.t[own]
    others = np.flatnonzero(rows.clip_id != clip_id)
    table = FrameHashIndex(rows.phash[others], others)
    found = table.search(np.concatenate([phash, mirror]), HASH_RADIUS)
    frame = found.query % max(1, len(phash))
    by_clip: dict[int, list[Hit]] = defaultdict(list)
    columns = (found.query.tolist(), frame.tolist(), found.row.tolist(), found.distance.tolist())
    for q, f, row, distance in zip(*columns, strict=True):
        by_clip[int(rows.clip_id[row])].append((float(times[f]), float(rows.t[row]),
                                                q >= len(phash), distance))  # fmt: skip
    return {c: pairs for c, pairs in by_clip.items()
            if len({h[0] for h in pairs}) >= MIN_HASH_HITS}  # fmt: skip


def _verify_hits(
    query: ClipFeatures, other: ClipFeatures, hits: Sequence[Hit]
) -> dict[tuple[float, float], Verification]:
    """Verify the proposed pairs with local features (a frame and its insets on each side):
    for each frame of this clip its HITS_PER_FRAME nearest (in a still shot every neighbour is
    near; verifying them all would make the shot look like a fixed camera to ``distinctive``),
    at most MAX_PAIRS_PER_CLIP in all, nearest first."""
    at_a, at_b = _frames_by_time(query), _frames_by_time(other)
    per_frame: dict[float, list[Hit]] = defaultdict(list)
    for hit in sorted(hits, key=lambda h: h[3]):
        if len(per_frame[hit[0]]) < HITS_PER_FRAME:
            per_frame[hit[0]].append(hit)
    chosen = sorted((h for group in per_frame.values() for h in group), key=lambda h: h[3])
    verified: dict[tuple[float, float], Verification] = {}
    for ta, tb, mirrored, _ in chosen[:MAX_PAIRS_PER_CLIP]:
        checks = (
            verify_pair(fa, fb, mirrored) for fa in at_a.get(ta, ()) for fb in at_b.get(tb, ())
        )
        best = max((v for v in checks if v is not None), key=lambda v: v.inliers, default=None)
        if best is not None:
            verified[(ta, tb)] = best
    return verified


def _frames_by_time(clip: ClipFeatures) -> dict[float, list[FrameFeatures]]:
    frames: dict[float, list[FrameFeatures]] = defaultdict(list)
    for frame in clip.frames:
        frames[frame.t].append(frame)
    return frames


def _batches(
    index: CaseIndex, clips: Sequence[IndexedClip]
) -> Iterator[list[tuple[IndexedClip, ClipFeatures]]]:
    """Clips with their stored features, about BATCH_FRAMES frames at a time: only one batch
    is held in memory."""
    batch: list[tuple[IndexedClip, ClipFeatures]] = []
    frames = 0
    for other in clips:
        stored = index.features_if_present(other.id)
        if stored is None:
            continue
        if batch and frames + len(stored.frames) > BATCH_FRAMES:
            yield batch
            batch, frames = [], 0
        batch.append((other, stored))
        frames += len(stored.frames)
    if batch:
        yield batch


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
    # Unknown or same day: the clip that joined the case first is told first (a file searched
    # without being indexed, id -1, never did).
    return 0 <= this.id < other.id


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


def search(index: CaseIndex, path: Path) -> tuple[IndexedClip, bool, CaseSearch]:
    """Where else in the case does the footage of ``path`` appear?

    A clip already in the index is searched with its stored features; any other file is
    decoded for the search and left out of the index. Returns the clip, whether it was
    indexed, and what the search found.
    """
    identity = identify(path)
    clip = index.clip(identity.sha256)
    if clip is not None:
        return clip, True, find_in_case(index, clip, index.features(clip.id), save=False)
    features, hashes = decode_for_matching(path)
    visitor = IndexedClip(id=-1, sha256=identity.sha256, name=identity.name, path=identity.path,
                          report_dir=None, duration_s=features.duration_s, actor=None,
                          released=None, added_at=identity.analysed_at_utc)  # fmt: skip
    return visitor, False, find_in_case(index, visitor, features, hashes, save=False)


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
