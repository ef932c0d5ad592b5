"""Reuse across a case: check one clip's footage against the other clips in the case index.

The case's stored shortlist tables propose the clips that may share footage; each is compared
with this clip alone, exactly as ``compare`` compares two clips, reading one clip's stored
features at a time. In a large case only the frame pairs the hashes propose are verified
first, and a clip they (or the sketch) show sharing footage is compared over the frames
around the proposed stretches (:mod:`forensics.case.confirm`), so its cost follows the
stretches, not the clips' lengths. How the findings enter the clips' reports is
:mod:`forensics.case.update`.

Every finding is told from the earlier release to the later one: A is the clip released first
(by the case file's release dates, else the earliest linked claim), so "mirrored, cropped"
describes what the later release did to the earlier footage. When release dates are unknown,
A is the clip that was in the case first, and the report says the order is unknown.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from forensics.case import shortlist
from forensics.case.confirm import Proposal, confirm, proposals
from forensics.case.index import CaseIndex, IndexedClip
from forensics.case.shortlist import Hit
from forensics.dates import Release, first_release, release, release_words
from forensics.media.identity import identify
from forensics.records import Comparison, Flag, FrameHash
from forensics.reuse.compare import (
    compare_features,
    decode_for_matching,
    from_verified_pairs,
)
from forensics.reuse.features import ClipFeatures, FrameFeatures, Verification
from forensics.reuse.matching import verify_pair

# Up to this many frames in the case (about 250 two-minute clips) each shortlisted clip is
# compared in full with local features (about 0.4 s per 1,000 of its frames); beyond it, only
# the frame pairs the hashes propose are verified.
FULL_CHECK_FRAMES = 100_000
HASH_RADIUS = 10  # bits of 64: re-encodes, rescales and captions stay within it (see eval)
MIN_HASH_HITS = 2  # frames of this clip near one clip's frames: one is a coincidence
MIN_SKETCH_FRAMES = 3  # sample times of this clip placed alike with a clip's (unrelated: 0-2)
MAX_SHORTLIST = 50  # clips compared, most hash hits and sketch votes first
MAX_PAIRS_PER_CLIP = 400  # proposed frame pairs verified per clip (a 2-minute clip has 240)
HITS_PER_FRAME = 2  # of a frame's proposed pairs, the nearest verified (0.8 ms each)


@dataclass(frozen=True)
class CaseMatch:
    """Shared footage between this clip and another clip of the case."""

    other: IndexedClip
    comparison: Comparison  # A = the earlier release (or the clip indexed first)
    this_is_a: bool
    order: str  # one sentence: which release came first, and how we know
    order_known: bool  # both releases known and ordered (other days, or both times known)


@dataclass(frozen=True)
class CaseSearch:
    """What checking one clip against the case found, and how far the check reached."""

    matches: list[CaseMatch]
    clips: int  # other clips in the case
    verified: int  # of them, compared frame by frame with local features
    hash_hits: int  # clips with frames within HASH_RADIUS bits (counted only when shortlisting)
    shortlisted: bool  # True: the clips compared were proposed by the shortlist tables
    # Clips sharing no footage with this one, only a still layer (``Comparison.still_match``)
    leads: list[CaseMatch] = field(default_factory=list)
    sketch_hits: int = 0  # clips whose local-feature sketch matched this clip's frames
    # the frame hashes were looked up in a first pass (shortlist.FIRST_PASS: a large case)
    first_pass: bool = False

    def scope(self) -> str:
        """One sentence saying what was checked, so a "nothing found" can be weighed."""
        if not self.shortlisted:
            return (f"checked against all {self.clips} other clip(s) of the case "
                    "with local features")  # fmt: skip
        return (
            f"{self.verified} of {self.clips} other clip(s) compared with local features: "
            f"those the case's tables proposed ({self.hash_hits} sharing near-identical frames "
            f"by pHash, {self._variants()}, within {HASH_RADIUS} bits; "
            f"{self.sketch_hits} sharing local features of frames, which see crops, insets "
            f"and rotations; the {MAX_SHORTLIST} most alike at most); a clip sharing footage "
            "that neither key reached can be missed"
        )

    def _variants(self) -> str:
        if self.first_pass:
            return ("as is or mirrored (inverted or turned for the frames that found "
                    "nothing so)")  # fmt: skip
        return "as is, mirrored, inverted or turned"

    def to_dict(self) -> dict[str, Any]:
        return {"clips": self.clips, "verified": self.verified, "hash_hits": self.hash_hits,
                "sketch_hits": self.sketch_hits, "shortlisted": self.shortlisted,
                "scope": self.scope()}  # fmt: skip


def find_in_case(
    index: CaseIndex,
    clip: IndexedClip,
    features: ClipFeatures,
    hashes: Sequence[FrameHash] = (),
    save: bool = True,
    full: bool = False,
) -> CaseSearch:
    """Every other clip of the case that shares footage with ``clip``, and how; with ``save``
    every comparison made is stored in the index as checked.

    The case's stored shortlist tables (:mod:`forensics.case.shortlist`: frame hashes as is,
    mirrored, inverted and turned, and a sketch of local features that sees crops, insets
    and rotations) propose the clips to compare, at most MAX_SHORTLIST, so the cost does not
    grow with the case; only their features and rows are read. Up to FULL_CHECK_FRAMES
    indexed frames each proposed clip is compared in full with local features, as ``compare``
    does; beyond, the hashes are looked up in a first pass (``shortlist.FIRST_PASS``: the
    inverted and turned variants only for frames found nothing as is or mirrored), only the
    frame pairs they propose are verified, and the two clips are then compared as
    ``compare`` does around the stretches found (``confirm``). ``full``
    compares every clip of the case instead (the check the shortlist is measured against)."""
    if full:
        others = [c for c in index.clips() if c.id != clip.id]
        return _full_check(index, clip, features, others, save, len(others))
    tables = index.shortlist_tables()
    if not hashes and clip.id >= 0:  # a clip already in the index: its own stored hashes
        hashes = index.record(clip.id).frames
    times = max(1, len({f.t for f in features.frames}))  # a still has one
    large = index.frame_count() > FULL_CHECK_FRAMES
    first, unmatched = shortlist.FIRST_PASS if large else (shortlist.VARIANTS, ())
    hits = shortlist.hash_pairs(tables, clip.id, hashes, HASH_RADIUS, 1, first, unmatched)
    sketched = shortlist.sketch_pairs(tables, [*features.frames, *features.inverted],
                                      exclude=clip.id)  # fmt: skip
    hits, votes = _enough(index, clip.id, times, hits, sketched)
    ranked = sorted(set(hits) | set(votes),
                    key=lambda c: (-len({h[0] for h in hits.get(c, ())}) - votes.get(c, 0), c))
    chosen = index.clips_among([c for c in ranked if c != clip.id], MAX_SHORTLIST)
    reach = Reach(index.checked_with(clip.id), len(hits), len(votes), large)
    if not large:
        return _full_check(index, clip, features, chosen, save, reach)
    return _find_by_hashes(index, clip, features, Proposed(hits, sketched), chosen, save, reach)


def _enough(index: CaseIndex, clip_id: int, times: int, hits: dict[int, list[Hit]],
            sketched: dict[int, list[tuple[float, float]]]
            ) -> tuple[dict[int, list[Hit]], dict[int, int]]:  # fmt: skip
    """The clips proposed by enough of this clip's frames: ``MIN_HASH_HITS`` by hashes,
    ``MIN_SKETCH_FRAMES`` by the sketch, or all of them when this clip, or the other, has
    fewer frames (a still: one picture is matched by one or two of a moving clip's samples,
    so a clip analysed after a still of it never proposed it); with their sketch votes. A
    clip with no length is taken for a still: the shortlist only proposes, the comparison
    decides."""
    short = {c for c in {*hits, *sketched} if c != clip_id
             and len({p[0] for p in [*hits.get(c, ()), *sketched.get(c, ())]}) < MIN_SKETCH_FRAMES}
    stills = {c.id for c in index.clips_among(sorted(short), MAX_SHORTLIST)
              if c.duration_s is None}  # fmt: skip

    def needed(most: int, other: int) -> int:
        return min(most, times, 1 if other in stills else most)

    kept = {c: pairs for c, pairs in hits.items()
            if len({h[0] for h in pairs}) >= needed(MIN_HASH_HITS, c)}  # fmt: skip
    votes = {c: n for c, pairs in sketched.items()
             if (n := len({t for t, _ in pairs})) >= needed(MIN_SKETCH_FRAMES, c)
             and c != clip_id}  # fmt: skip
    return kept, votes


@dataclass(frozen=True)
class Proposed:
    """What the tables proposed per clip: frame pairs by hashes, and by the sketch."""

    hits: dict[int, list[Hit]]
    sketched: dict[int, list[tuple[float, float]]]


@dataclass(frozen=True)
class Reach:
    """How many clips the case holds besides this one, and how many each key proposed."""

    clips: int
    hash_hits: int = 0
    sketch_hits: int = 0
    first_pass: bool = False  # the hashes were looked up in shortlist.FIRST_PASS


def _full_check(
    index: CaseIndex, clip: IndexedClip, features: ClipFeatures, chosen: list[IndexedClip],
    save: bool, reach: Reach | int,
) -> CaseSearch:  # fmt: skip
    """Compare each chosen clip with this one alone, exactly as ``forensics compare`` does,
    reading one clip's stored features at a time.

    Alone, not in a batch: matching a clip against many at once makes which frame pairs are
    proposed for one pair depend on the others beside it (they take nearest neighbours; past
    EXACT_ROWS the index is approximate and trained on them). On a Telegram channel's clips a
    batch proposed a fixed camera's two moments as one stretch played backwards where the two
    clips alone show only the same place. Compared alone, the case and ``compare`` never
    disagree on a pair; the shortlist keeps the number of clips compared bounded."""
    found: list[CaseMatch] = []
    for other in chosen:
        other_features = index.features_if_present(other.id)
        if other_features is None:  # re-analysed by another run meanwhile: it checks us
            continue
        comparison = compare_features(clip.name, features, other.name, other_features)
        found.extend(_kept(index, clip, other, comparison, save))
    if isinstance(reach, int):
        return _searched(found, CaseSearch(found, reach, len(chosen), 0, False))
    return _searched(found, CaseSearch(found, reach.clips, len(chosen), reach.hash_hits, True,
                                       sketch_hits=reach.sketch_hits,
                                       first_pass=reach.first_pass))  # fmt: skip


def _kept(
    index: CaseIndex, clip: IndexedClip, other: IndexedClip, comparison: Comparison, save: bool
) -> list[CaseMatch]:
    """Store the comparison as checked (with ``save``); keep it when it found shared footage
    or a still layer in common."""
    if save:
        index.save_reuse(clip.id, other.id, comparison)
    if comparison.shared or comparison.still_match:
        return [orient(comparison, clip, other)]
    return []


def _from_hash_pairs(
    index: CaseIndex, clip: IndexedClip, features: ClipFeatures, other: IndexedClip,
    other_features: ClipFeatures, hits: Sequence[Hit], save: bool,
) -> list[CaseMatch]:  # fmt: skip
    """The large-case check of one clip: only the frame pairs the hashes propose are verified
    (each way round); when they show anything, the two clips are compared alone, as
    ``compare`` compares them, over the frames around the stretches those pairs propose
    (:mod:`forensics.case.confirm`: widened while the footage runs on; in full when the
    windows find nothing shared)."""
    verified = _verify_hits(features, other_features, hits)
    flipped = [(tb, ta, mirrored, d) for ta, tb, mirrored, d in hits]
    reverse = functools.partial(_verify_hits, other_features, features, flipped)
    comparison = from_verified_pairs(clip.name, features, other.name, other_features, verified,
                                     reverse=reverse)  # fmt: skip
    if comparison.shared or comparison.still_match:
        comparison = confirm(clip.name, features, other.name, other_features,
                             proposals(comparison))  # fmt: skip
    return _kept(index, clip, other, comparison, save)


def lead_flag(lead: CaseMatch) -> Flag:
    """The low-severity finding a lead makes in this clip's report: no footage shared, but a
    still layer (a place, or graphics) in common with another clip of the case."""
    still = lead.comparison.still_match
    assert still is not None
    frames = still.frames if lead.this_is_a else still.frames[::-1]  # (this clip, the other)
    code = "same_place_other_moment" if still.kind == "place" else "same_graphics"
    message = (f"No footage shared with {lead.other.name}, but {still.finding}: {frames[0]} "
               f"frames of this clip and {frames[1]} of {lead.other.name} match on what stays "
               "still in both. A lead to check, not shared footage.")  # fmt: skip
    return Flag(code, "low", message)


def _searched(found: list[CaseMatch], search: CaseSearch) -> CaseSearch:
    """Shared footage first, by the share of this clip it covers; then the leads."""
    shared = [m for m in found if m.comparison.shared]
    shared.sort(key=lambda m: -m.comparison.fraction("a" if m.this_is_a else "b"))
    leads = [m for m in found if not m.comparison.shared]
    return replace(search, matches=shared, leads=leads)


def _find_by_hashes(
    index: CaseIndex, clip: IndexedClip, features: ClipFeatures, proposed: Proposed,
    chosen: list[IndexedClip], save: bool, reach: Reach,
) -> CaseSearch:  # fmt: skip
    """The large-case search: of the chosen clips, those the hashes reached have only the
    frame pairs they propose verified; those only the sketch reached are compared around the
    frames it paired (:mod:`forensics.case.confirm`)."""
    found: list[CaseMatch] = []
    for other in chosen:
        other_features = index.features_if_present(other.id)
        if other_features is None:  # re-analysed by another run meanwhile: it checks us
            continue
        if other.id in proposed.hits:
            found.extend(_from_hash_pairs(index, clip, features, other, other_features,
                                          proposed.hits[other.id], save))  # fmt: skip
            continue
        pairs = [Proposal((ta, ta), (tb, tb)) for ta, tb in proposed.sketched.get(other.id, ())]
        comparison = confirm(clip.name, features, other.name, other_features, pairs)
        found.extend(_kept(index, clip, other, comparison, save))
    return _searched(found, CaseSearch(found, reach.clips, len(chosen), reach.hash_hits, True,
                                       sketch_hits=reach.sketch_hits,
                                       first_pass=reach.first_pass))  # fmt: skip


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


def orient(comparison: Comparison, this: IndexedClip, other: IndexedClip) -> CaseMatch:
    """Tell the finding from the earlier release: swap when this clip came out first."""
    order = release_order(this, other)
    first = first_release(*_releases(this, other)) if _both_known(this, other) else None
    known = first is not None
    if first == -1 or (first is None and 0 <= this.id < other.id):
        return CaseMatch(other, comparison, this_is_a=True, order=order, order_known=known)
    return CaseMatch(other, comparison.swapped(), this_is_a=False, order=order, order_known=known)


def _releases(*clips: IndexedClip) -> list[Release]:
    """The clips' releases as typed values: a day, or an exact time in UTC. The index keeps
    them as written (``2023-05-27`` or ``2023-05-27T12:15:00Z``); they are ordered only as
    days and times, never as strings, since the two shapes would sort lexically wrong."""
    return [found for c in clips if (found := release(c.released)) is not None]


def _both_known(this: IndexedClip, other: IndexedClip) -> bool:
    return len(_releases(this, other)) == 2


def release_order(this: IndexedClip, other: IndexedClip) -> str:
    """One sentence: which release came first, and how that is known. Unknown or same day
    (without both times), the clip that joined the case first is told first (a file searched
    without being indexed, id -1, never did)."""
    if _both_known(this, other):
        ours, theirs = _releases(this, other)
        first = first_release(ours, theirs)
        if first is None:
            return _order_unknown(ours, theirs)
        pairs = [(this, ours), (other, theirs)]
        (a, when_a), (b, when_b) = pairs if first == -1 else pairs[::-1]
        return (f"{a.name} was released first ({release_words(when_a)}); "
                f"{b.name} on {release_words(when_b)}")  # fmt: skip
    known = this if _releases(this) else other if _releases(other) else None
    if known:
        when = release_words(_releases(known)[0])
        return f"only {known.name}'s release date is known ({when}); order unknown"
    return "no release date is known for either clip; which came first is unknown"


def _order_unknown(ours: Release, theirs: Release) -> str:
    if isinstance(ours, datetime) and isinstance(theirs, datetime):
        return f"both were released at {release_words(ours)}; which came first is not known"
    if release_words(ours) == release_words(theirs):
        return f"both were released on {release_words(ours)}; which came first is not known"
    return (f"both were released on the same day ({release_words(ours)} and "
            f"{release_words(theirs)}); which came first is not known")  # fmt: skip


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
