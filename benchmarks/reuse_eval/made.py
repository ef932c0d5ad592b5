"""What a recipe returns, and the helpers most recipes share.

A recipe is a function ``Source -> Made``: clip B (built from clip A) with the truth of what
it shares with A, as pieces (a span on A, the span on B it became) and B's declared length.
Most classes share A whole; a splice shares one piece, a compilation several.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from .graphs import X264, Clip, Options, filtered
from .sources import Source, a_clip

Span = tuple[float, float]
Piece = tuple[Span, Span]  # (on A, on B)
T = TypeVar("T")


@dataclass(frozen=True)
class Made:
    b: Clip
    pieces: tuple[Piece, ...]  # empty: nothing shared (a negative)
    b_length: float  # seconds B lasts, as the recipe means it (checked by the tests)
    params: str


def pick(src: Source, options: Sequence[T]) -> T:
    """One of a class's parameter sets, by the source's place in its split, so a class is
    measured over several settings across the sources."""
    return options[src.variant % len(options)]


def whole(src: Source, vf: str, params: str, codec: Options = X264, speed: float = 1.0) -> Made:
    """B is all of A through ``vf``; ``speed`` > 1 plays it faster (B is shorter)."""
    d = src.duration
    return Made(
        filtered(a_clip(src), vf, codec), (((0.0, d), (0.0, d / speed)),), d / speed, params
    )


def then(made: Made, vf: str, params: str, codec: Options = X264) -> Made:
    """One more frame-by-frame alteration on top of B (timing unchanged)."""
    return replace(made, b=filtered(made.b, vf, codec), params=f"{made.params}; {params}")


def reversed_pieces(made: Made) -> Made:
    """The truth of a B that is played backwards: the same spans, mirrored in time on B."""
    pieces = tuple((a, (made.b_length - b[1], made.b_length - b[0])) for a, b in made.pieces)
    return replace(made, pieces=pieces)


@dataclass(frozen=True)
class Case:
    """One labelled pair of a split: clip A, clip B and what they share (nothing for a
    negative)."""

    name: str
    split: str
    group: str  # table row: a class, a combination ("a+b"), or "neg:<kind>"
    kind: str  # "alone", "combo" or "negative"
    classes: tuple[str, ...]
    params: str
    a: Clip
    b: Clip
    pieces: tuple[Piece, ...]
    a_length: float
    b_length: float
    quick: bool = False

    @property
    def negative(self) -> bool:
        return self.kind == "negative"
