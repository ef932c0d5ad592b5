"""The second held-out stills set (issue 14; ``eval_stills.py --split moments``): which stills
are cut from which moment of the fresh sources, and how each is treated.

Written by the helper heldstills on 2026-12-07, before any detector ran on these stills and
after the first held-out stills set (``fresh_stills.py``) had been run twice and was spent for
tuning decisions. The clips are that set's (the fresh split's main excerpts, ``fresh.py``,
each end checked against the file's duration as ffprobe gives it); the moments are others,
chosen from those windows only, never from a detector's output. They must not change after a
result is seen.

Positives: each clip's frames at 1/8, 3/8, 5/8 and 7/8 of it (the first set took 1/4, 1/2 and
3/4), each given every treatment of ``TREATMENTS`` with the parameters of the source's place
in the split (``moments_looks.py``, ``moments_phones.py``). Negatives: the same camera at
another moment (a fifth and four fifths into each excerpt of it the first set took the middle
of, where such a point lies 2 s or more outside the clip or in another file), the source four
places on at 5/8 of its clip as a plain JPEG (unrelated), and the next source at 3/8 of its
clip given every treatment but the plain one (another clip after the same treatment: the
same chrome, bar or watermark must never make a match).
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from . import moments_looks as looks
from . import moments_phones as phones
from .fresh import fresh_sources
from .fresh_stills import FreshStillSource, PlannedStill, Treatment, kind_counts, window
from .sources import Source

SHARES = (0.125, 0.375, 0.625, 0.875)
OTHER_SHARES = (0.2, 0.8)
UNRELATED = (4, 2)  # (places on in the split, the clip's moment): 5/8 of the source 4 on
TREATED_OTHER = (1, 1)  # the next source at 3/8 of its clip
APART_S = 2.0

# name -> (treatment, how it is saved: "jpeg" quality 90, "jpeg85", "jpeg60", "png" as a
# phone saves a screenshot)
TREATMENTS: dict[str, tuple[Treatment, str]] = {
    "jpeg": (looks.plain, "jpeg"),
    "caption-top2": (looks.caption_top2, "jpeg"),
    "meme": (looks.meme, "jpeg"),
    "caption-logo": (looks.caption_logo, "jpeg"),
    "caption-tall": (looks.caption_tall, "jpeg"),
    "crop-caption": (looks.crop_caption, "jpeg"),
    "watermark": (looks.watermark, "jpeg"),
    "keystone": (looks.keystone, "jpeg85"),
    "filter": (looks.colour_filter, "jpeg"),
    "messenger": (phones.messenger, "png"),
    "player": (phones.player, "png"),
    "social": (phones.social, "png"),
    "android": (phones.android, "png"),
    "screenshot2": (phones.gallery, "jpeg60"),
}
QUALITY = {"jpeg": 90, "jpeg85": 85, "jpeg60": 60}

__all__ = ["kind_counts", "plan", "still_sources", "treated"]


def still_sources(folder: Path, durations: dict[Path, float]) -> list[FreshStillSource]:
    """The fresh split's sources (``fresh.py``'s order, the first set's clips), with this
    set's other moments of the same camera."""
    out = []
    for index, source in enumerate(fresh_sources(folder)):
        main = window(source.main, durations[source.main.path])
        out.append(FreshStillSource(source.name, source.main.path, main,
                                    other_moments(source, main, durations), index))  # fmt: skip
    return out


def other_moments(source: Source, main: tuple[float, float],
                  durations: dict[Path, float]) -> tuple[tuple[Path, float], ...]:  # fmt: skip
    """A fifth and four fifths into every excerpt of the same camera at another moment
    (``another`` and the ``b`` side of same-camera extra pairs), each point kept when it lies
    in another file or ``APART_S`` outside the clip."""
    candidates = [source.another] if source.another else []
    candidates += [p.b for p in source.extra if p.kind == "same-camera"]
    out = []
    for excerpt in candidates:
        lo, hi = window(excerpt, durations[excerpt.path])
        for share in OTHER_SHARES:
            at = round(lo + (hi - lo) * share, 2)
            apart = at < main[0] - APART_S or at > main[1] + APART_S
            if excerpt.path != source.main.path or apart:
                out.append((excerpt.path, at))
    return tuple(out)


def moments(main: tuple[float, float]) -> list[float]:
    """The positives' times in the clip (seconds from its start)."""
    return [round((main[1] - main[0]) * share, 2) for share in SHARES]


def plan(sources: list[FreshStillSource], place: int) -> list[PlannedStill]:
    """Every still of the source at ``place``: positives, then its negatives (``UNRELATED``
    and ``TREATED_OTHER`` name which sources and moments)."""
    source = sources[place]
    start = source.main[0]
    out = [PlannedStill(f"{source.name}-f2-{at:g}-{variant}", "positive", variant,
                        source.media, start + at, source.index, at)
           for at in moments(source.main) for variant in TREATMENTS]  # fmt: skip
    for n, (media, at) in enumerate(source.others):
        out.append(PlannedStill(f"{source.name}-f2-other{n}", "same-camera", "jpeg", media, at,
                                source.index, None))  # fmt: skip
    unrelated, at = _neighbour(sources, place, UNRELATED)
    out.append(PlannedStill(f"{source.name}-f2-unrelated", "unrelated", "jpeg", unrelated.media,
                            at, source.index, None))  # fmt: skip
    other, at = _neighbour(sources, place, TREATED_OTHER)
    out += [PlannedStill(f"{source.name}-f2-treated-{variant}", "treated-other", variant,
                         other.media, at, source.index, None)
            for variant in TREATMENTS if variant != "jpeg"]  # fmt: skip
    return out


def _neighbour(sources: list[FreshStillSource], place: int,
               which: tuple[int, int]) -> tuple[FreshStillSource, float]:  # fmt: skip
    """The source ``which[0]`` places on and the second of its file at its moment
    ``which[1]``; refused when it is the same camera as the source at ``place``."""
    source = sources[place]
    other = sources[(place + which[0]) % len(sources)]
    own = {source.media, *(media for media, _ in source.others)}
    if other.media in own or source.media in {m for m, _ in other.others}:
        raise ValueError(f"{source.name}: {other.name} is the same camera, not a negative")
    return other, round(other.main[0] + moments(other.main)[which[1]], 3)


def encoded(picture: Image.Image, how: str) -> tuple[bytes, str]:
    """The picture's file bytes and suffix: PNG, or JPEG at ``QUALITY[how]``."""
    out = io.BytesIO()
    if how == "png":
        picture.save(out, "PNG")
        return out.getvalue(), ".png"
    picture.convert("RGB").save(out, "JPEG", quality=QUALITY[how])
    return out.getvalue(), ".jpg"


def treated(picture: Image.Image, variant: str, index: int) -> tuple[bytes, str]:
    """The still of ``variant`` made from ``picture`` with the parameters of place ``index``."""
    treatment, how = TREATMENTS[variant]
    return encoded(treatment(picture, index), how)
