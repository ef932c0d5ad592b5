"""``compare``: does clip B reuse footage of clip A, where, and how was it altered?

sample both clips -> ORB features per frame -> match every A frame against an index of B's
frames -> RANSAC-verified pairs -> temporal alignment into segments -> alterations per segment
(mirror, scale/crop/picture-in-picture, rotation, speed). Where that look finds nothing, or
only weak stretches, B's frames are matched against A's as well (``looks``: one rule for
both orders). Times are seconds on each clip's own timeline; shared fractions are given in
both directions, as vPDQ reports them.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import numpy as np

from forensics.media.frames import SAMPLE_INTERVAL_S
from forensics.media.toolchain import Toolchain, find_toolchain
from forensics.media.workdirs import work_folder
from forensics.records import (
    INVERTED,
    Comparison,
    FrameHash,
    Segment,
    SharedStretch,
    StillMatch,
)
from forensics.reuse.align import TOLERANCE_S, FrameMatch, align
from forensics.reuse.cuts import MIN_CUTS, agreeing, seen_along, short_cuts
from forensics.reuse.decoding import comparison_media, decode_clip
from forensics.reuse.evidence import (
    MOVING_INLIERS,
    Verified,
    distinctive,
    line_pairs,
    moves_alike,
    nearly_best,
    steady,
    trend_pairs,
)
from forensics.reuse.features import ClipFeatures, FrameFeatures
from forensics.reuse.geometry import describe_stretch, inside_screen
from forensics.reuse.looks import Once, both_looks
from forensics.reuse.matching import FeatureIndex, FoundPair, guided_matches
from forensics.reuse.query import Later, QueryClip, decode_query
from forensics.reuse.stills import frames_at, still_against_clip, whole_frames

# Two clips share a still layer when this many of A's frames, and this share of them, match
# B only there; it is a place (a background) when most of those frames' keypoints are still.
STILL_MIN_FRAMES = 3
STILL_MIN_SHARE = 0.3
STILL_PLACE_SHARE = 0.5
# Growing a segment by guided matching: A frames showing the picture B shows at the predicted
# place match 30-170 keypoints (blurred insets 31-86); unrelated footage at a splice's edge
# 1-18 (benchmarks/eval_reuse.py pairs). A gap in A's described frames longer than this (a
# fade, black frames) ends the growth.
GUIDED_MIN_MATCHES = 25
GROW_GAP_S = 1.01


def clip_features(path: Path, tools: Toolchain | None = None, inverted: bool = True
                  ) -> ClipFeatures:  # fmt: skip
    """Decode ``path`` once and describe every sampled frame with enough texture (and, with
    ``inverted``, each frame inverted: only a query clip needs those)."""
    return decode_for_matching(path, tools, with_hashes=False, inverted=inverted)[0]


def decode_for_matching(
    path: Path, tools: Toolchain | None = None, with_hashes: bool = True, inverted: bool = True
) -> tuple[ClipFeatures, tuple[FrameHash, ...]]:
    """A clip's local features and (``with_hashes``) its frame hashes, from one decode
    (:func:`decode_clip`, as ``analyze`` decodes)."""
    tools = tools or find_toolchain()
    media = comparison_media(path, tools)
    with work_folder("forensics-cmp-") as work:
        decoded = decode_clip(path, media, tools, None, Path(work), with_hashes,
                              inverted=inverted)  # fmt: skip
    return decoded.features, decoded.hashes


def compare(a: Path | str, b: Path | str) -> Comparison:
    """Find footage of ``a`` reused in ``b``."""
    tools = find_toolchain()
    # Both at once: one clip's keypoints are described while ffmpeg decodes the other. A's
    # samples stay in the work folder until the comparison ends: its looks use them (``query``).
    with work_folder("forensics-cmp-") as work, ThreadPoolExecutor(max_workers=2) as pool:
        query = pool.submit(decode_query, Path(a), tools, Path(work))
        other = pool.submit(clip_features, Path(b), tools, False)
        a_query, b_features = query.result(), other.result()
        return compare_query(str(a), a_query, str(b), b_features)


def compare_features(a_name: str, a: ClipFeatures, b_name: str, b: ClipFeatures) -> Comparison:
    """Match every frame of A (and, when nothing is found, of A inverted, then B's frames
    against A's) against an index of B's frames, then align and describe."""
    return _compare(a_name, a, b_name, b, Later(lambda: a, lambda: a.inverted))


def compare_query(a_name: str, a: QueryClip, b_name: str, b: ClipFeatures) -> Comparison:
    """:func:`compare_features` of A's whole features, describing what only some looks need
    of A (its mirror images, its inverted frames) only when they are taken: the same answer.
    A still whose picture was found on a screen is placed in the whole still (``inside_screen``)."""
    found = _compare(a_name, a.first, b_name, b, Later(lambda: a.whole, lambda: a.inverted))
    if a.screen is None:
        return found
    return replace(found, stretches=tuple(inside_screen(s, a.screen) for s in found.stretches))


def _compare(a_name: str, a: ClipFeatures, b_name: str, b: ClipFeatures, later: Later
             ) -> Comparison:  # fmt: skip
    index = FeatureIndex([b.frames])
    verified = pairs_found(index, a.frames)
    return from_verified_pairs(
        a_name, a, b_name, b, verified, lambda frames: _by_times(index.match_screened(frames)),
        lambda: pairs_found(FeatureIndex([later.whole().frames]), b.frames), later,
    )  # fmt: skip


def pairs_found(index: FeatureIndex, frames: Sequence[FrameFeatures]) -> Verified:
    return _by_times(index.match_all(frames))


def _by_times(found: Sequence[FoundPair]) -> Verified:
    return {(p.query.t, p.frame.t): p.verification for p in found}


def from_verified_pairs(
    a_name: str, a: ClipFeatures, b_name: str, b: ClipFeatures, verified: Verified,
    inverted: Callable[[Sequence[FrameFeatures]], Verified] | None = None,
    reverse: Callable[[], Verified] | None = None, later: Later | None = None,
) -> Comparison:  # fmt: skip
    """Shared stretches from verified frame pairs (A time, B time) -> geometry. With
    ``reverse`` (B's frames matched against A's, pairs keyed (B time, A time)), a second look
    confirms the weak stretches and adds what only it finds strongly (``looks``). Where
    nothing is found, A's inverted frames may find the footage under a flipped palette
    (``inverted``: their pairs). Each is asked for only when needed, and so is what
    ``later`` makes of A (by default ``a`` itself and ``a.inverted``).
    """
    later = later or Later(lambda: a, lambda: a.inverted)
    if whole_frames(a) == 1 or whole_frames(b) == 1:  # a still: no time to align
        moment, place = still_against_clip(a, b, verified)
        return Comparison(a_name, b_name, a.duration_s, b.duration_s, tuple(moment),
                          (whole_frames(a), whole_frames(b)), place)  # fmt: skip
    stretches = _stretches(a, b, verified)
    second = None if reverse is None else Once(reverse)
    if second is not None:
        stretches = both_looks(
            stretches, lambda: [s.swapped() for s in _stretches(b, later.whole(), second())]
        )
    stretches = _with_cuts(a, b, verified, stretches, second, later)
    if not stretches and inverted is not None and (frames := later.inverted()):
        flipped = replace(a, frames=tuple(frames))
        stretches = [_as_inverted(s) for s in _stretches(flipped, b, inverted(frames))]
    still = None if stretches else still_match(a, verified)
    return Comparison(a_name, b_name, a.duration_s, b.duration_s, tuple(stretches),
                      (whole_frames(a), whole_frames(b)), still)  # fmt: skip


def _stretches(a: ClipFeatures, b: ClipFeatures, verified: Verified) -> list[SharedStretch]:
    best = nearly_best(verified)
    matches = [FrameMatch(ta, tb, v.score, v.mirrored) for (ta, tb), v in best.items()]
    times = ([f.t for f in a.frames], [f.t for f in b.frames])
    along = align(matches, accept=lambda seg: seen_along(seg, verified, *times))
    lines = [seg for seg in along if distinctive(seg, verified)]
    segments = [seg for seg in lines if moves_alike(seg, verified) and steady(seg, verified)]
    return [_described(seg, a, b, verified, [o for o in segments if o is not seg])
            for seg in segments]  # fmt: skip


def _with_cuts(a: ClipFeatures, b: ClipFeatures, verified: Verified,
               stretches: list[SharedStretch], second: Once[Verified] | None, later: Later
               ) -> list[SharedStretch]:  # fmt: skip
    """The stretches, and the short cuts of A in B they leave out when several agree
    (``cuts``: a compilation of 1-2 s excerpts), each a stretch of its own. The second look
    (B's frames against A's) is asked for cuts when it was taken already, or when the first
    found some but too few to agree."""
    found = [s.segment for s in stretches]
    cuts = short_cuts(verified, found)
    if second is not None and (second.done or 0 < len(cuts) < MIN_CUTS):
        cuts += short_cuts(second(), found, look=1)
    agreed = agreeing(cuts)
    added = []
    for cut in agreed:
        others = [*found, *(o.segment for o in agreed if o is not cut)]
        if cut.look == 0:
            added.append(_described(cut.segment, a, b, verified, others))
        else:
            assert second is not None  # a cut of the second look
            swapped = [o.swapped() for o in others]
            back = _described(cut.segment.swapped(), b, later.whole(), second(), swapped)
            added.append(back.swapped())
    if not added:
        return stretches
    return sorted([*stretches, *added], key=lambda s: (s.segment.a_start, s.segment.b_start))


def _described(seg: Segment, a: ClipFeatures, b: ClipFeatures, verified: Verified,
               others: Sequence[Segment]) -> SharedStretch:  # fmt: skip
    """A segment grown to where its footage ends, with its geometry and alterations."""
    on_line = line_pairs(seg, verified)
    transform = np.median(np.stack([v.transform for _, v in on_line]), axis=0)
    grown = grow(seg, transform, a, b, others)
    frames = frames_at(a, b, [key for key, _ in on_line])
    pairs = [(ta, v) for (ta, _), v in on_line]
    trend = trend_pairs(grown, verified)
    return describe_stretch(grown, pairs, transform, (a.size, b.size), frames, trend)


def _as_inverted(stretch: SharedStretch) -> SharedStretch:
    return replace(stretch, inverted=True, alterations=(INVERTED, *stretch.alterations))


def still_match(a: ClipFeatures, verified: Verified) -> StillMatch | None:
    """What two clips sharing no footage have in common on their still layer, when enough of
    A's frames match B only there (``StillMatch``)."""
    layer = [(ta, tb) for (ta, tb), v in verified.items() if v.moving < MOVING_INLIERS]
    a_times, b_times = {ta for ta, _ in layer}, {tb for _, tb in layer}
    described = whole_frames(a)
    if len(a_times) < STILL_MIN_FRAMES or len(a_times) < STILL_MIN_SHARE * described:
        return None
    shares = [float(f.still_at(0).mean()) for f in a.frames
              if f.region is None and f.t in a_times and len(f.points[0])]  # fmt: skip
    if not shares:
        return None
    share = round(statistics.median(shares), 4)  # as the JSON keeps it: the same record back
    kind = "place" if share >= STILL_PLACE_SHARE else "graphics"
    return StillMatch(kind, (len(a_times), len(b_times)), share)


def grow(
    segment: Segment, transform: np.ndarray, a: ClipFeatures, b: ClipFeatures,
    others: Sequence[Segment] = (),
) -> Segment:  # fmt: skip
    """Extend a segment frame by frame along its line while A's frames still match B's under
    the segment's geometry (guided matching), up to another segment or a second miss in a row.

    Frames too blurred or too small to be found by voting (a picture-in-picture inset of a
    soft shot) are confirmed this way once their neighbours have fixed where the picture is;
    it also puts a spliced excerpt's edges where the footage changes, not where votes thin.
    """
    b_times = np.array([f.t for f in b.frames])
    a_at: dict[float, list[FrameFeatures]] = defaultdict(list)  # a frame and its insets
    for frame in a.frames:
        a_at[frame.t].append(frame)
    a_start, a_end, b_start, b_end, added = (segment.a_start, segment.a_end, segment.b_start,
                                             segment.b_end, 0)  # fmt: skip
    for step in (-1, 1):
        edge = a_start if step < 0 else a_end
        ahead = sorted({f.t for f in a.frames if (f.t - edge) * step > 0
                        and not _taken(f.t, others)}, key=lambda t: t * step)  # fmt: skip
        misses, last = 0, edge
        for ta in ahead:
            if abs(ta - last) > GROW_GAP_S:
                break
            tb = segment.aligned_time("a", ta)
            near = np.nonzero(np.abs(b_times - tb) <= SAMPLE_INTERVAL_S / 2 + 0.01)[0]
            best = max(((guided_matches(frame, b.frames[i], transform, segment.mirrored),
                         b.frames[i].t) for frame in a_at[ta] for i in near),
                       default=(0, tb))  # fmt: skip
            last = ta
            if best[0] < GUIDED_MIN_MATCHES:
                misses += 1
                if misses > 1:
                    break
                continue
            misses, added = 0, added + 1
            a_start, a_end = min(a_start, ta), max(a_end, ta)
            b_start, b_end = min(b_start, best[1]), max(b_end, best[1])  # backwards too
    return replace(segment, a_start=a_start, a_end=a_end, b_start=b_start, b_end=b_end,
                   matches=segment.matches + added)  # fmt: skip


def _taken(t: float, segments: Sequence[Segment]) -> bool:
    return any(s.a_start - TOLERANCE_S <= t <= s.a_end + TOLERANCE_S for s in segments)
