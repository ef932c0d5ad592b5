"""Cameras with an odd cadence, made from tune sources: few real pictures a second stored at
a normal rate, and irregular frame timing. Tune split only.

* **repeats**: a camera that takes 1-4 pictures a second, stored at 25 or 30 fps, so each
  picture is shown 6-25 times in a row (a window or security camera).
* **jitter**: a webcam's timing: frames at jittered times, runs of frames dropped (a freeze of
  about a third of a second every two seconds, single frames now and then), the rest doubled
  from a slower sensor. Stored either at a fixed 25 fps (the gaps become repeated frames, as a
  re-encode makes them) or with each frame at its own time (a variable frame rate in the file).

Each treated source is the tune source with its excerpts (main, another moment, fillers) seen
through that camera, and runs the usual alterations (``CLASSES``: re-encode, crop, caption,
speed, ...) and a few combinations; its negatives are the same treated camera at another
moment and two different sources after the same treatment.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from . import combos, recipes
from .graphs import filtered, x264
from .made import Case, Made
from .negatives import negative
from .recipes import Recipe
from .sources import Excerpt, Source, a_clip, footage

F = Fraction

# (source, real pictures a second, stored rate)
REPEATS = (
    ("car", F(2), F(25)),
    ("bottle", F(5, 2), F(25)),
    ("dashcam", F(4), F(30)),
    ("cockatoo", F(1), F(25)),  # fewer pictures than samples: each picture sampled twice
    ("chaplin", F(3, 2), F(30)),
)
# (source, stored at a fixed rate, or with each frame's own time)
JITTER = (("bottle", F(25)), ("car", None))

# Drop frames 31-38 of every 50 (a 0.32 s freeze every 2 s) and every 13th, then move each
# frame by up to 18 ms (monotonic: frames are 40 ms apart). The source is first brought to
# 25 fps, so a slower sensor (the car's 12.5 fps) shows each picture twice.
JITTERED = (
    "fps=25,select='not(between(mod(n,50),31,38))*not(eq(mod(n,13),5))',"
    "settb=1/1000,setpts='PTS+0.018*sin(N*2.3)/TB'"
)

CLASSES: dict[str, Recipe] = {
    name: recipes.CLASSES[name]
    for name in (
        "reencode-low",
        "downscale",
        "mirror",
        "crop",
        "overlays",
        "colour",
        "speed",
        "frame-rate",
        "splice",
        "blur-noise",
        "very-low-quality",
    )
}
COMBOS: tuple[tuple[tuple[str, ...], Recipe], ...] = tuple(
    (classes, recipe)
    for classes, recipe in combos.COMBOS
    if classes
    in {
        ("mirror", "crop", "overlays"),
        ("downscale", "reencode-low"),
        ("crop", "frame-rate", "overlays"),
        ("speed", "colour", "reencode-low"),
        ("splice", "crop", "overlays"),
    }
)


def _treated(excerpt: Excerpt, vf: str) -> Excerpt:
    return replace(excerpt, vf=vf)


def _camera(src: Source, kind: str, vf: str, fps: Fraction | None, label: str) -> Source:
    """``src`` seen through a camera whose timing ``vf`` makes; ``fps`` None: the file keeps
    each frame's own time."""
    another = _treated(src.another, vf) if src.another else None
    return replace(
        src,
        name=f"{src.name}@{label}",
        main=_treated(src.main, vf),
        fps=fps if fps is not None else F(25),
        vfr=fps is None,
        note=f"{src.note}; {kind}: {label}",
        another=another,
        other_shot=None,
        extra=(),
        sky=None,
        fillers=tuple(_treated(f, vf) for f in src.fillers),
    )


def repeat_sources(sources: list[Source]) -> list[Source]:
    by_name = {s.name: s for s in sources}
    out = []
    for name, real, stored in REPEATS:
        if name in by_name:
            label = f"{float(real):g}fps-in-{stored}"
            out.append(_camera(by_name[name], "repeats", f"fps={real}", stored, label))
    return _numbered(out)


def jitter_sources(sources: list[Source]) -> list[Source]:
    by_name = {s.name: s for s in sources}
    out = []
    for name, stored in JITTER:
        if name in by_name:
            label = f"jitter-{stored}fps" if stored else "jitter-vfr"
            out.append(_camera(by_name[name], "jitter", JITTERED, stored, label))
    return _numbered(out)


def _numbered(sources: list[Source]) -> list[Source]:
    """Each treated source takes its place in the list as its parameter variant (the original
    sources' variants would give every treated one the same few settings)."""
    return [replace(s, variant=i) for i, s in enumerate(sources)]


def cadence_cases(split: str, sources: list[Source]) -> list[Case]:
    """The treated sources' pairs: every class of ``CLASSES`` on each, the combinations in
    turn, and the look-alike negatives. Only the tune split has them."""
    if split != "tune":
        return []
    out: list[Case] = []
    for kind, treated in (("repeats", repeat_sources(sources)),
                          ("jitter", jitter_sources(sources))):  # fmt: skip
        out += _positives(split, kind, treated) + _negatives(split, kind, treated)
    return out


def _positives(split: str, kind: str, treated: list[Source]) -> list[Case]:
    out = [_case(split, kind, s, name, (name,), recipe(s))
           for name, recipe in CLASSES.items() for s in treated]  # fmt: skip
    for n, (classes, recipe) in enumerate(COMBOS if treated else ()):
        s = treated[n % len(treated)]
        out.append(_case(split, kind, s, "+".join(classes), classes, recipe(s)))
    return out


def _case(split: str, kind: str, s: Source, group: str, classes: tuple[str, ...],
          made: Made) -> Case:  # fmt: skip
    return Case(f"{s.name}:{kind}:{group}", split, f"{kind}:{group}",
                "combo" if len(classes) > 1 else "alone", classes, made.params, a_clip(s),
                made.b, made.pieces, s.duration, made.b_length)  # fmt: skip


def _negatives(split: str, kind: str, treated: list[Source]) -> list[Case]:
    """The same treated camera at another moment; two treated sources against each other."""
    out = []
    for s in treated:
        if s.another:
            span = f"{s.another.start:g}-{s.another.start + s.another.duration:g} s"
            out.append(negative(split, s.name, f"{kind}-same-camera",
                                f"{s.name} main vs {span}", (a_clip(s), s.duration),
                                (footage(s, s.another), s.another.duration)))  # fmt: skip
    for i, s in enumerate(treated):
        t = treated[(i + 1) % len(treated)]
        if t is s:
            continue
        out.append(negative(split, f"{s.name}~{t.name}", f"{kind}-same-treatment",
                            f"{s.name} vs {t.name}, both {kind}", (a_clip(s), s.duration),
                            (a_clip(t), t.duration)))  # fmt: skip
        # and both after the same usual alteration (a re-encode at low quality)
        out.append(negative(split, f"{s.name}~{t.name}-crf", f"{kind}-same-treatment",
                            f"{s.name} vs {t.name}, both {kind}, both x264 crf 40",
                            (filtered(a_clip(s), "null", x264(40)), s.duration),
                            (filtered(a_clip(t), "null", x264(40)), t.duration)))  # fmt: skip
    return out
