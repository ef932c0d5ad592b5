"""Records of footage a clip shares with other clips of its case, as its report lists them.

A :class:`ReuseEntry` names the other clip, holds the comparison told from the earlier release
(A) to the later one (B), says which side this clip is, and carries frame pairs from both
clips' report folders for each shared stretch. :meth:`ReuseEntry.stretches` is the one place
a comparison is re-told from this clip's side ("this_*") to the other's.
"""

from __future__ import annotations

from dataclasses import dataclass

from forensics.records.comparison import Comparison, Side, other_side


@dataclass(frozen=True)
class OtherClip:
    """The other clip of a reuse entry; ``report`` links to its report from this one's."""

    name: str
    sha256: str
    actor: str | None
    released: str | None
    report: str | None
    forwarded_from: str | None = None  # its case entry's: the post it was forwarded from


@dataclass(frozen=True)
class FramePair:
    """This clip's stored frame at one point of a shared stretch beside the other clip's frame
    at the aligned time (images relative to this report folder; None when none is near)."""

    at: str  # start, middle or end
    this_t: float
    other_t: float
    this_image: str | None
    this_image_t: float | None
    other_image: str | None
    other_image_t: float | None


@dataclass(frozen=True)
class OrientedStretch:
    """A shared stretch told from this clip: where it lies here and in the other clip."""

    other: str  # the other clip's name
    this_start: float
    this_end: float
    other_start: float
    other_end: float
    alterations: tuple[str, ...]


@dataclass(frozen=True)
class ReuseEntry:
    other: OtherClip
    this_side: Side
    order: str  # one sentence: which release came first, and how we know
    order_known: bool  # both release dates known and different
    comparison: Comparison  # A = the earlier release (or the clip indexed first)
    frame_pairs: tuple[tuple[FramePair, ...], ...] = ()  # one tuple per stretch

    @property
    def there(self) -> Side:
        return other_side(self.this_side)

    def stretches(self) -> tuple[OrientedStretch, ...]:
        here, there = self.this_side, self.there
        return tuple(
            OrientedStretch(
                self.other.name,
                s.segment.start(here),
                s.segment.end(here),
                s.segment.start(there),
                s.segment.end(there),
                s.alterations,
            )
            for s in self.comparison.stretches
        )

    def seconds_here(self) -> float:
        """Shared seconds on this clip's timeline (stretches summed as listed)."""
        return sum(s.this_end - s.this_start for s in self.stretches())
