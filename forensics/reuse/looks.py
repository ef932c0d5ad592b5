"""Two looks at a pair of clips: A's frames matched against B's, and B's against A's.

A clip's frames hold its own picture at its own scale, so the two looks see different
keypoints: a vertical crop of a landscape clip holds a third of the landscape frame's
keypoints at 1.8 times their size, and what the crop keeps (the middle of a road ahead) can
be what stays nearly still. One look can lack the moving keypoints a stretch needs where
the other has them; one look can also line up a coincidence the other does not see (a
handheld close-up of a bird 9 s later, three pairs at similarity 0.37).

So a stretch counts when one look finds it strongly (``STRONG_MATCHES`` matched frames or
more), or when both looks find it. The rule is the same whichever clip is named first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from forensics.media.frames import SAMPLE_INTERVAL_S
from forensics.records import SharedStretch, Side
from forensics.reuse.align import MIN_MATCHES

# A stretch one look finds on this many matched frames stands on its own; fewer (a 1-2 s
# excerpt of a compilation, a coincidence) needs the other look to find it too
STRONG_MATCHES = 2 * MIN_MATCHES
T = TypeVar("T")


class Once(Generic[T]):
    """A look taken on first use and kept: ``both_looks`` and the short cuts may both ask
    for the second look, which matches every frame of B again."""

    def __init__(self, make: Callable[[], T]) -> None:
        self._make = make
        self._made: list[T] = []

    @property
    def done(self) -> bool:
        return bool(self._made)

    def __call__(self) -> T:
        if not self._made:
            self._made.append(self._make())
        return self._made[0]


def strong(stretch: SharedStretch) -> bool:
    return stretch.segment.matches >= STRONG_MATCHES


def both_looks(
    first: Sequence[SharedStretch], second: Callable[[], Sequence[SharedStretch]]
) -> list[SharedStretch]:
    """The stretches of the first look that are strong or that the second look finds too,
    and the second look's strong stretches the first missed (all told from A to B). The
    second look (``second``: B's frames against A's, swapped) is taken only when needed."""
    if first and all(strong(s) for s in first):
        return list(first)
    other = second()
    kept = [s for s in first if strong(s) or any(same_footage(s, o) for o in other)]
    kept += [o for o in other if strong(o) and not any(same_footage(o, s) for s in kept)]
    return sorted(kept, key=lambda s: (s.segment.a_start, s.segment.b_start))


def same_footage(one: SharedStretch, other: SharedStretch) -> bool:
    """Whether two stretches overlap on both clips (within one sampling interval)."""
    a, b = one.segment, other.segment
    sides: tuple[Side, ...] = ("a", "b")
    return all(
        min(a.end(side), b.end(side)) >= max(a.start(side), b.start(side)) - SAMPLE_INTERVAL_S
        for side in sides
    )
