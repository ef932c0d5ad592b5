"""The same fixed camera at another moment, many times over: tune split only (issue 14).

A fixed camera's background matches at every moment, so two moments of one camera must be
the weaker finding ("same camera or place, different moment"), never shared footage. The
``neg:same-camera`` kind has one such pair a source (the main excerpt against another
moment, 8-10 s each); a held-out run still called a fixed camera at another moment shared,
so this group asks the question more ways, on the tune sources that are fixed cameras (the
road, the table of bottles, the film shot): SHORT excerpts of 2-4 s (too short for the still
layer's probes 2 s away on every moment), many of them where nothing moves (chosen from a
probe of the change per half-second), a short excerpt against a long one either way round,
moments 0.5-34 s apart, and the other moment reposted (halved and re-encoded at CRF 30, or
captioned). Never the held-out or fetched sources.
"""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

from .graphs import caption, filtered, x264
from .made import Case
from .negatives import negative
from .sources import Excerpt, Source, footage

KIND = "same-camera-moment"
HALVED = "scale=trunc(iw/4)*2:trunc(ih/4)*2"


class Moments(NamedTuple):
    """Two excerpts of one source (start, seconds each) and what was done to the second."""

    source: str
    a: tuple[float, float]
    b: tuple[float, float]
    repost: str = ""  # "", "halved" or "captioned"


MOMENTS = (
    Moments("car", (3.0, 9.0), (14.0, 3.0)),
    Moments("car", (0.0, 2.0), (10.0, 2.0)),
    Moments("car", (1.0, 2.0), (21.0, 2.0)),
    Moments("car", (6.0, 2.0), (25.0, 2.0)),
    Moments("car", (9.5, 2.5), (21.0, 2.5)),
    Moments("car", (12.0, 4.0), (24.0, 4.0)),
    Moments("car", (16.0, 2.5), (19.5, 9.0)),
    Moments("car", (22.0, 2.0), (3.0, 9.0)),
    Moments("car", (2.0, 3.0), (20.0, 3.0), "halved"),
    Moments("car", (14.0, 4.0), (26.0, 4.0), "captioned"),
    Moments("bottle", (2.0, 9.0), (12.0, 3.0)),
    Moments("bottle", (0.0, 2.0), (8.0, 2.0)),
    Moments("bottle", (18.5, 2.0), (37.5, 2.0)),
    Moments("bottle", (12.0, 2.0), (33.0, 2.0)),
    Moments("bottle", (25.0, 2.5), (2.0, 2.5)),
    Moments("bottle", (14.0, 4.0), (30.0, 4.0)),
    Moments("bottle", (32.0, 3.0), (22.0, 9.0)),
    Moments("bottle", (36.0, 2.0), (2.0, 9.0)),
    Moments("bottle", (8.0, 3.0), (32.5, 3.0), "halved"),
    Moments("bottle", (26.0, 4.0), (35.5, 4.0), "captioned"),
    Moments("chaplin", (0.0, 3.0), (5.0, 3.0)),
    Moments("chaplin", (0.0, 4.0), (5.5, 4.0)),
    Moments("chaplin", (1.0, 2.0), (6.0, 2.0)),
    Moments("chaplin", (0.0, 2.5), (3.0, 2.5)),
    Moments("chaplin", (3.0, 2.0), (7.0, 2.5), "halved"),
)


def samecam_cases(split: str, sources: list[Source]) -> list[Case]:
    """Every pair of ``MOMENTS`` whose source is in ``sources``: none but on the tune split."""
    if split != "tune":
        return []
    by_name = {s.name: s for s in sources}
    return [_case(split, by_name[m.source], m) for m in MOMENTS if m.source in by_name]


def _case(split: str, src: Source, moments: Moments) -> Case:
    a, b = (_excerpt(src, *span) for span in (moments.a, moments.b))
    clip_b = footage(src, b)
    if moments.repost == "halved":
        clip_b = filtered(clip_b, HALVED, x264(30))
    elif moments.repost == "captioned":
        clip_b = filtered(clip_b, caption("ANOTHER VIDEO FROM THE SAME CAMERA"))
    label = f", the second {moments.repost}" if moments.repost else ""
    params = f"{src.name} {_span(a)} vs {_span(b)}{label}"
    name = f"{src.name}-{a.start:g}~{b.start:g}"
    return negative(split, name, KIND, params, (footage(src, a), a.duration),
                    (clip_b, b.duration))  # fmt: skip


def _excerpt(src: Source, start: float, seconds: float) -> Excerpt:
    return replace(src.main, start=start, duration=seconds, vf="")


def _span(excerpt: Excerpt) -> str:
    return f"{excerpt.start:g}-{excerpt.start + excerpt.duration:g} s"
