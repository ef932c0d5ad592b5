"""Records of footage two clips share: stretches aligned in time, their geometry, and what
that geometry means in words (mirrored, cropped, letterboxed, shown smaller, sped up).

Times are seconds on each clip's own timeline; B = b_start + rate * (A - a_start) along a
stretch. A comparison can be told from either side (:meth:`Comparison.swapped`); each side's
shared fraction is kept, as vPDQ reports match percentages in both directions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from forensics.records.stretch_text import StretchText, text_alterations

Side = Literal["a", "b"]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1, in shares of the frame
PAIR_POINTS = ("start", "middle", "end")
EDGE = 0.03  # a picture this near both edges of a dimension spans it


def other_side(side: Side) -> Side:
    return "b" if side == "a" else "a"


@dataclass(frozen=True)
class Segment:
    a_start: float
    a_end: float
    b_start: float
    b_end: float
    rate: float  # B seconds per A second: 2.0 means B plays the stretch at half speed; < 0
    # backwards
    similarity: float  # mean score of the matches that support it
    matches: int
    mirrored: bool

    def start(self, side: Side) -> float:
        return self.a_start if side == "a" else self.b_start

    def end(self, side: Side) -> float:
        return self.a_end if side == "a" else self.b_end

    @property
    def reversed(self) -> bool:
        """B plays the stretch backwards (its time runs down as A's runs up)."""
        return self.rate < 0

    @property
    def offset(self) -> float:
        """B's time on the stretch's line where A's is 0: B = rate * A + offset (backwards, A's
        start meets B's end)."""
        return (self.b_end if self.reversed else self.b_start) - self.rate * self.a_start

    def aligned_time(self, side: Side, t: float) -> float:
        """Where time ``t`` on ``side`` of the stretch falls on the other side."""
        if side == "a":
            return self.rate * t + self.offset
        return (t - self.offset) / self.rate

    def common_span(self, side: Side) -> tuple[float, float]:
        """The part of the stretch on ``side`` whose aligned times lie inside the stretch on
        the other side too: each side ends at its own last matched sample, so one end can map
        past the other's (into the next shot there)."""
        there = other_side(side)
        ends = sorted(self.aligned_time(there, t) for t in (self.start(there), self.end(there)))
        start = max(self.start(side), ends[0])
        end = min(self.end(side), ends[-1])
        return (start, end) if start <= end else (self.start(side), self.end(side))

    def points(self, side: Side) -> tuple[tuple[str, float], ...]:
        """The start, middle and end of the common span on ``side`` (one point for a stretch
        of one sample), where a page shows the two clips side by side."""
        start, end = self.common_span(side)
        found: dict[float, tuple[str, float]] = {}
        for name, t in zip(PAIR_POINTS, (start, (start + end) / 2, end), strict=True):
            found.setdefault(round(t, 3), (name, t))
        return tuple(found.values())

    def swapped(self) -> Segment:
        return Segment(a_start=self.b_start, a_end=self.b_end, b_start=self.a_start,
                       b_end=self.a_end, rate=1 / self.rate, similarity=self.similarity,
                       matches=self.matches, mirrored=self.mirrored)  # fmt: skip


def shared_fraction(segments: Sequence[Segment], duration: float, side: str) -> float:
    """The share of one clip's duration covered by segments (overlaps counted once)."""
    if duration <= 0:
        return 0.0
    spans = sorted((getattr(s, f"{side}_start"), getattr(s, f"{side}_end")) for s in segments)
    covered, end = 0.0, float("-inf")
    for start, stop in spans:
        if stop > end:
            covered += stop - max(start, end)
            end = stop
    return min(1.0, covered / duration)


@dataclass(frozen=True)
class Placement:
    """How A's picture sits in B's frame (one overlap region, seen from either side)."""

    covered: float  # share of B's frame that A's picture covers
    kept: float  # share of A's picture inside B's frame
    box_in_b: Box
    box_in_a: Box
    # Whether B's frame shows more picture around A's picture (not bands, not a still panel
    # around moving footage), and A's frame around the part B shows
    # (``reuse.geometry.picture_around``)
    around_in_b: bool = False
    around_in_a: bool = False
    # Whether B's frame around A's picture is a screen (a still's picture found inside a
    # screenshot: ``reuse.picture``), and A's frame around the part B shows
    screen_in_b: bool = False
    screen_in_a: bool = False

    def swapped(self) -> Placement:
        return Placement(self.kept, self.covered, self.box_in_a, self.box_in_b,
                         self.around_in_a, self.around_in_b, self.screen_in_a,
                         self.screen_in_b)  # fmt: skip


ROTATION_DEG = 2.5  # a smaller measured rotation is within the fit's noise (about 1 degree)
# ...of a stretch's pairs: a turn measured on fewer pairs (a still's moment: one pair and its
# neighbours) must be larger to be named. A phone screenshot's picture, pasted unturned, was
# said "rotated +3°" from 2 pairs' median of 2.7°; the trap stills turned 4° must stay named
ROTATION_PAIRS = 3  # a clip's stretch has 3 pairs at least (``align.MIN_MATCHES``)
ROTATION_FEW_DEG = 3.5
# A scale that changes this much from a stretch's start to its end is a zoom (the scale of one
# pair is measured within a few per cent)
ZOOM_RATIO = 1.15
INVERTED = "inverted (grey levels flipped, as a thermal camera's white-hot shown black-hot)"


@dataclass(frozen=True)
class MomentEvidence:
    """What tells one moment of a clip from its others, for a still against the clip
    (``reuse.stills``): ``unique`` of the still's keypoints are found in the clip at the moment
    and at no other sampled moment, of ``found`` found there; ``runner_up`` is as many at the
    best other moment (2 s or more away), at ``runner_up_at`` s of the clip (None: no other
    moment matched). Kept so an investigator can weigh the moment, not only read it."""

    moment_at: float  # seconds of the clip
    unique: int
    found: int
    runner_up: int
    runner_up_at: float | None


@dataclass(frozen=True)
class SharedStretch:
    segment: Segment
    scale: float  # B pixels per A pixel, at sample size
    rotation_deg: float
    a_area_in_b: float  # share of B's frame that A's picture covers (< 1: shown smaller)
    b_area_from_a: float  # share of A's picture that B shows (< 1: cropped)
    a_box_in_b: Box  # where A's picture lands in B's frame, in shares of B's width/height
    b_box_in_a: Box  # and where B's frame lies over A's picture
    alterations: tuple[str, ...]
    inverted: bool = False  # B shows A's picture with its grey levels inverted
    # B's scale at the stretch's end over its start, in A's time order: > 1 B zooms in on A's
    # picture as it plays (a Ken Burns move), < 1 out
    zoom: float = 1.0
    around_in_b: bool = False  # B's frame shows more picture around A's (``Placement``)
    around_in_a: bool = False  # A's frame around the part of it B shows
    screen_in_b: bool = False  # B's frame around A's picture is a screen (``Placement``)
    screen_in_a: bool = False  # A's frame around the part of it B shows
    # the on-screen text over the stretch, each with where each clip shows it; empty when
    # the text was not compared (``Comparison.onscreen_note`` says)
    onscreen: tuple[StretchText, ...] = ()
    # a still's moment: the keypoints that tell it from the clip's other moments (None for
    # footage two clips share, where a line in time is the evidence)
    moment: MomentEvidence | None = None

    @property
    def placement(self) -> Placement:
        return Placement(self.a_area_in_b, self.b_area_from_a, self.a_box_in_b, self.b_box_in_a,
                         self.around_in_b, self.around_in_a, self.screen_in_b,
                         self.screen_in_a)  # fmt: skip

    def swapped(self) -> SharedStretch:
        """Seen from B: the inverse transform, so scale inverts and the two areas trade places
        (the overlap is one region; each area is its share of the other frame)."""
        flipped = self.segment.swapped()
        texts = tuple(t.swapped() for t in self.onscreen)
        # In B's time order the other side's scale runs 1/scale: the ratio inverts, unless
        # B plays the stretch backwards, where B's start is A's end.
        zoom = self.zoom if self.segment.reversed else 1 / self.zoom
        placement = self.placement.swapped()
        return SharedStretch(
            segment=flipped, scale=1 / self.scale, rotation_deg=-self.rotation_deg,
            a_area_in_b=placement.covered, b_area_from_a=placement.kept,
            a_box_in_b=placement.box_in_b, b_box_in_a=placement.box_in_a,
            alterations=(*alterations(flipped, -self.rotation_deg, placement, self.inverted, zoom),
                         *text_alterations(texts, placement.box_in_a, 1 / self.scale,
                                           self.segment.mirrored, placement.screen_in_a)),
            inverted=self.inverted, zoom=zoom, around_in_b=placement.around_in_b,
            around_in_a=placement.around_in_a, screen_in_b=placement.screen_in_b,
            screen_in_a=placement.screen_in_a, onscreen=texts, moment=self.moment,
        )  # fmt: skip

    def with_text(self, texts: tuple[StretchText, ...]) -> SharedStretch:
        """The stretch with the on-screen text over it, and what that says B did: the
        geometry's alterations, then the text's."""
        geometry = alterations(self.segment, self.rotation_deg, self.placement, self.inverted,
                               self.zoom)  # fmt: skip
        return replace(
            self,
            onscreen=texts,
            alterations=(
                *geometry,
                *text_alterations(
                    texts, self.b_box_in_a, self.scale, self.segment.mirrored, self.screen_in_a
                ),
            ),
        )


def alterations(segment: Segment, rotation: float, placement: Placement,
                inverted: bool = False, zoom: float = 1.0) -> tuple[str, ...]:  # fmt: skip
    """What B did to A's picture, in words, from a stretch's geometry."""
    found = [INVERTED] if inverted else []
    if segment.mirrored:
        found.append("mirrored")
    if abs(rotation) > (ROTATION_DEG if segment.matches >= ROTATION_PAIRS else ROTATION_FEW_DEG):
        found.append(f"rotated {rotation:+.0f}°")
    if placement.kept < 0.9:
        found.append(_on_screen(placement) if placement.screen_in_a else _cropped(placement))
    if placement.covered < 0.85:
        found.append(_inset(placement, zoom))
    if zoom >= ZOOM_RATIO or zoom <= 1 / ZOOM_RATIO:
        found.append(_zoom(zoom))
    if segment.reversed:
        found.append("reversed (B plays it backwards)")
    if abs(abs(segment.rate) - 1.0) > 0.03:
        found.append(f"speed changed (B runs {1 / abs(segment.rate):.2f}x A's speed)")
    return tuple(found)


def _zoom(zoom: float) -> str:
    if zoom > 1:
        return f"zooming in (B enlarges A's picture {zoom:.2f}x as the stretch plays)"
    return f"zooming out (B shrinks A's picture to {zoom:.2f}x as the stretch plays)"


def _on_screen(placement: Placement) -> str:
    """A's frame is a screen around B's picture (a screenshot): nothing was cut from A."""
    return (f"A shows B's picture inside a wider screen (a screenshot or an app's page; the "
            f"picture covers {placement.kept:.0%} of it)")  # fmt: skip


def _cropped(placement: Placement) -> str:
    """B shows part of A's picture: filling B's frame, that part is a zoomed-in view."""
    if placement.covered >= 0.85:
        return f"cropped (B shows a zoomed-in part of A's picture, {placement.kept:.0%} of it)"
    return f"cropped (B shows {placement.kept:.0%} of A's picture)"


def _inset(placement: Placement, zoom: float = 1.0) -> str:
    """Letterbox, pillarbox or picture-in-picture, from the edges A's picture reaches; or,
    where B's frame shows more picture around it, a wider picture: a crop seen from the clip
    it was cut from has the geometry of a pillarbox, or of a centred inset (a zoom seen
    from the zoomed clip: as B's scale changes along the stretch, B's frame holds more of
    the picture than A's, where its margins are too thin to measure what lies there)."""
    x0, y0, x1, y1 = placement.box_in_b
    if placement.screen_in_b:
        return (f"shown inside a wider screen in B (a screenshot or an app's page; the "
                f"picture covers {placement.covered:.0%} of it)")  # fmt: skip
    wide = x0 <= EDGE and x1 >= 1 - EDGE
    tall = y0 <= EDGE and y1 >= 1 - EDGE
    share = f"{placement.covered:.0%} of B's frame"
    centred = (x0 <= EDGE) == (x1 >= 1 - EDGE) and (y0 <= EDGE) == (y1 >= 1 - EDGE)
    if placement.around_in_b and wide != tall and centred:
        return (
            "shown inside a wider picture in B (B's frame shows more picture around it, "
            f"not bands: A may be cut from a wider version; it covers {share})"
        )
    zooming = zoom >= ZOOM_RATIO or zoom <= 1 / ZOOM_RATIO
    if not (wide or tall) and _middle(placement.box_in_b) and (placement.around_in_b or zooming):
        return (
            "shown inside a wider picture in B (A is a zoomed-in part of B's picture: B's "
            f"frame shows more picture around it; A covers {share})"
        )
    if wide and not tall:
        return f"letterboxed in B (bands above and below; the picture covers {share})"
    if tall and not wide and (x0 <= EDGE) != (x1 >= 1 - EDGE):  # against one side only
        side = "left" if x0 <= EDGE else "right"
        return f"split screen in B (the picture fills its {side} part, {share})"
    if tall and not wide:
        return f"pillarboxed in B (bands at the sides; the picture covers {share})"
    half = _half(placement.box_in_b)
    if half:  # beside other footage, or over it: the geometry is the same
        return (
            f"shown smaller in B's {half} half, as a split screen or picture-in-picture "
            f"(covers {share})"
        )
    return f"shown smaller inside B, picture-in-picture (covers {share})"


def _middle(box: Box) -> bool:
    """A box with as much of the frame on either side of it, both ways (within 2 EDGE): a
    crop or zoom to the middle; an inset sits nearer one corner or one side."""
    x0, y0, x1, y1 = box
    return abs(x0 - (1 - x1)) <= 2 * EDGE and abs(y0 - (1 - y1)) <= 2 * EDGE


def _half(box: Box) -> str | None:
    """The half of B's frame a picture spans from its outer edge to the middle, if any."""
    x0, y0, x1, y1 = box
    mid_x0, mid_y0, mid_x1, mid_y1 = (abs(v - 0.5) <= EDGE for v in box)
    for name, starts, ends in (
        ("left", x0 <= EDGE, mid_x1),
        ("right", mid_x0, x1 >= 1 - EDGE),
        ("top", y0 <= EDGE, mid_y1),
        ("bottom", mid_y0, y1 >= 1 - EDGE),
    ):
        if starts and ends:
            return name
    return None


@dataclass(frozen=True)
class StillMatch:
    """Two clips that share no footage match on what stays still in both (``reuse.motion``).

    ``place``: the still layer is most of the picture, as a fixed camera's background: the
    same camera or place at another moment (which corroborates a location), or one static
    shot shown twice, which cannot be told apart where nothing moves. ``graphics``: a layer
    over a moving picture, as a channel's template, a HUD or a logo: the same graphics over
    different footage, evidence of nothing shared but the source of the overlay."""

    kind: str  # "place" or "graphics"
    frames: tuple[int, int]  # frames of A and of B that match the other clip on it
    still_share: float  # median share of those A frames' keypoints that stay still
    # a still against a clip: the moment that came nearest to being told, and why it was not
    moment: MomentEvidence | None = None

    @property
    def finding(self) -> str:
        if self.kind == "place":
            return (
                "only what stays still matches, most of the picture: possibly the same camera "
                "or place at another moment (or one static shot, or the same still graphics); "
                "what moves differs"
            )
        return (
            "only a still layer over the moving picture matches: the same graphics (a "
            "template, HUD or logo) over different footage"
        )

    def swapped(self) -> StillMatch:
        return StillMatch(self.kind, self.frames[::-1], self.still_share, self.moment)


@dataclass(frozen=True)
class Comparison:
    a: str
    b: str
    a_duration_s: float
    b_duration_s: float
    stretches: tuple[SharedStretch, ...]
    frames_described: tuple[int, int]
    still_match: StillMatch | None = None  # only when no footage is shared
    # Whether the clips' on-screen text was compared over the shared stretches, in one
    # sentence (how, or why not); None: not asked (``reuse.onscreen``)
    onscreen_note: str | None = None

    @property
    def shared(self) -> bool:
        return bool(self.stretches)

    def swapped(self) -> Comparison:
        """The same finding told the other way round: B's footage found in A."""
        stretches = sorted((s.swapped() for s in self.stretches), key=lambda s: s.segment.a_start)
        still = self.still_match.swapped() if self.still_match else None
        return Comparison(self.b, self.a, self.b_duration_s, self.a_duration_s,
                          tuple(stretches), self.frames_described[::-1], still,
                          self.onscreen_note)  # fmt: skip

    def fraction(self, side: str) -> float:
        duration = self.a_duration_s if side == "a" else self.b_duration_s
        return shared_fraction([s.segment for s in self.stretches], duration, side)
