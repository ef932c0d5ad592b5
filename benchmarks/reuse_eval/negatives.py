"""Pairs that share no footage and must not match, per split.

Look-alikes first: the same fixed camera at another moment, other shots of the same video,
and two *different* clips after the same treatment (both greyscale-inverted, both 320x180 at
CRF 40, both inside the same news frame, both under the same HUD), where everything the two
have in common is the treatment; and different sources showing one kind of scene (two men
talking before bookshelves), as they are and after those treatments. Then the old kinds:
unrelated footage, dark/night, flat sky, fades. Two generated pairs (black with a burnt-in
clock, two generated skies) belong to no source and appear in both splits.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from .graphs import Clip, boxed, filtered, hud_graph, in_news_frame, lavfi, text, x264
from .made import Case
from .sources import Source, a_clip, footage

NIGHT = "eq=brightness=-0.35:contrast=0.35:saturation=0.3,noise=alls=8:allf=t"
GREEN_NIGHT = (
    "hue=s=0,eq=brightness=-0.3:contrast=0.5,"
    "colorchannelmixer=rr=0.2:gg=0.9:bb=0.2,noise=alls=12:allf=t"
)
INVERT = "hue=s=0,negate"
LOW = (
    "scale=320:180:force_original_aspect_ratio=decrease:force_divisible_by=2,"
    "pad=320:180:(ow-iw)/2:(oh-ih)/2"
)
HEADLINE = "LIVE - NEW VIDEO FROM THE FRONT"
SKY_STRIP = "crop=iw:ih*0.3:0:0,scale=640:360"


def negative(
    split: str, name: str, kind: str, params: str, a: tuple[Clip, float], b: tuple[Clip, float]
) -> Case:
    return Case(
        f"{name}:neg:{kind}",
        split,
        f"neg:{kind}",
        "negative",
        (),
        params,
        a[0],
        b[0],
        (),
        a[1],
        b[1],
    )


def same_video(sources: list[Source]) -> list[Case]:
    """Another moment of the same camera, another shot of the same video."""
    out = []
    for s in sources:
        a = (a_clip(s), s.duration)
        if s.another:
            params = (
                f"{s.name} main vs {s.another.start:g}-{s.another.start + s.another.duration:g} s"
            )
            out.append(
                negative(
                    s.split,
                    s.name,
                    "same-camera",
                    params,
                    a,
                    (footage(s, s.another), s.another.duration),
                )
            )
        if s.other_shot:
            o = s.other_shot
            params = f"{s.name} main vs another shot at {o.start:g}-{o.start + o.duration:g} s"
            out.append(
                negative(s.split, s.name, "other-shots", params, a, (footage(s, o), o.duration))
            )
        for n, pair in enumerate(s.extra, 1):
            out.append(
                negative(
                    s.split,
                    f"{s.name}-extra{n}",
                    pair.kind,
                    pair.note,
                    (footage(s, pair.a), pair.a.duration),
                    (footage(s, pair.b), pair.b.duration),
                )
            )
    return out


def _news(s: Source) -> tuple[Clip, float]:
    return in_news_frame(a_clip(s), HEADLINE, s.duration, None), s.duration


def _hud(s: Source) -> tuple[Clip, float]:
    """Normalised to 640x360 at 25 fps first, so both carry the very same HUD pixels."""
    framed = filtered(a_clip(s), f"{boxed((640, 360))},fps=25")
    return Clip((framed,), hud_graph((640, 360), Fraction(25))), s.duration


Treatment = Callable[[Source], tuple[Clip, float]]

# The treatments two different clips share in the look-alike negatives: kind -> (label, how).
TREATMENTS: dict[str, tuple[str, Treatment]] = {
    "same-invert": ("both grey and inverted", lambda s: (filtered(a_clip(s), INVERT), s.duration)),
    "same-lowq": (
        "both 320x180 at crf 40",
        lambda s: (filtered(a_clip(s), LOW, x264(40)), s.duration),
    ),
    "same-news-frame": ("both in one news frame (studio graphic, lower third, logo)", _news),
    "same-hud": ("both 640x360 under one HUD", _hud),
}


def same_treatment(sources: list[Source]) -> list[Case]:
    """Each source against the next of its split, both after one treatment."""
    out = []
    for kind, (label, treat) in TREATMENTS.items():
        for i, s in enumerate(sources):
            t = sources[(i + 1) % len(sources)]
            params = f"{s.name} vs {t.name}, {label}"
            out.append(negative(s.split, f"{s.name}~{t.name}", kind, params, treat(s), treat(t)))
    return out


def look_alike_scenes(sources: list[Source]) -> list[Case]:
    """Different sources showing one kind of scene (``Source.scene``: two men talking before
    bookshelves), each against the next of its kind: as they are, and after each treatment
    of ``TREATMENTS`` unless ``same_treatment`` already pairs the two (split neighbours)."""
    out = []
    for s, t in _rings(sources):
        name, pair = f"{s.name}~{t.name}", f"{s.name} vs {t.name}, two different {s.scene}s"
        clips = ((a_clip(s), s.duration), (a_clip(t), t.duration))
        out.append(negative(s.split, name, "look-alike", f"{pair}, as they are", *clips))
        if sources[(sources.index(s) + 1) % len(sources)] is t:
            continue
        for kind, (label, treat) in TREATMENTS.items():
            out.append(negative(s.split, f"{name}-{kind}", "look-alike", f"{pair}, {label}",
                                treat(s), treat(t)))  # fmt: skip
    return out


def _rings(sources: list[Source]) -> list[tuple[Source, Source]]:
    """Per kind of scene, each source against the next of its kind (two: one pair)."""
    out = []
    for scene in dict.fromkeys(s.scene for s in sources if s.scene):
        alike = [s for s in sources if s.scene == scene]
        n = len(alike)
        out += [(alike[i], alike[(i + 1) % n]) for i in range(n if n > 2 else n - 1)]
    return out


def unrelated(sources: list[Source]) -> list[Case]:
    out = []
    for i in range(0, len(sources), 2):
        s, t = sources[i], sources[(i + 3) % len(sources)]
        out.append(
            negative(
                s.split,
                f"{s.name}~{t.name}",
                "unrelated",
                f"{s.name} vs {t.name}",
                (a_clip(s), s.duration),
                (a_clip(t), t.duration),
            )
        )
    return out


def _looks(sources: list[Source], offset: int, vf: str) -> tuple[Source, Source, Clip, Clip]:
    s, t = sources[offset % len(sources)], sources[(offset + 1) % len(sources)]
    return s, t, filtered(a_clip(s), vf), filtered(a_clip(t), vf)


def dark_and_fades(sources: list[Source]) -> list[Case]:
    """Both darkened to night, both with a green night-vision look, both faded in and out,
    one fading out against one fading in."""
    out = []
    for offset, kind, look, vf in (
        (0, "dark", "night", NIGHT),
        (2, "dark", "green night vision", GREEN_NIGHT),
    ):
        s, t, a, b = _looks(sources, offset, vf)
        out.append(
            negative(
                s.split,
                f"{s.name}~{t.name}-{look.replace(' ', '-')}",
                kind,
                f"both {look}: {s.name} vs {t.name}",
                (a, s.duration),
                (b, t.duration),
            )
        )
    s, t = sources[1 % len(sources)], sources[3 % len(sources)]

    def faded(src: Source) -> tuple[Clip, float]:
        d = src.duration
        vf = f"fade=in:st=0:d=3,fade=out:st={d - 3}:d=3,tpad=start_duration=2:stop_duration=3"
        return filtered(a_clip(src), vf), d + 5

    out.append(
        negative(
            s.split,
            f"{s.name}~{t.name}",
            "fades",
            f"both faded with black lead-in and tail: {s.name} vs {t.name}",
            faded(s),
            faded(t),
        )
    )
    u, v = sources[4 % len(sources)], sources[5 % len(sources)]
    out.append(
        negative(
            s.split,
            f"{u.name}~{v.name}-out-in",
            "fades",
            f"{u.name} fading out vs {v.name} fading in",
            (filtered(a_clip(u), f"fade=out:st=1:d={u.duration - 2}"), u.duration),
            (filtered(a_clip(v), f"fade=in:st=0:d={v.duration - 2}"), v.duration),
        )
    )
    return out


def _sky(c0: str, c1: str, seed: int) -> tuple[Clip, float]:
    spec = f"gradients=s=640x360:r=25:c0={c0}:c1={c1}:speed=0.002:seed={seed}"
    return Clip((lavfi(spec, 10.0),), "[0:v]noise=alls=6:allf=t,format=yuv420p[v]"), 10.0


def generated(split: str, sources: list[Source]) -> list[Case]:
    """Flat sky against flat sky, black against black with the same recorder clock style."""
    out = []
    for s in sources:
        if s.sky:
            graph = f"[0:v]{s.sky.cut()},{SKY_STRIP},fps=25,setsar=1,format=yuv420p[v]"
            strip = Clip((s.sky.options(),), graph)
            out.append(
                negative(
                    split,
                    f"{s.name}-sky",
                    "sky-flat",
                    f"{s.name}'s sky strip vs a generated sky",
                    (strip, s.sky.duration),
                    _sky("0x3d6fb0", "0xb8d4f0", 3),
                )
            )
    out.append(
        negative(
            split,
            "generated-skies",
            "sky-flat",
            "two generated skies",
            _sky("0x4a7ab8", "0xa8c8e8", 1),
            _sky("0x8090a0", "0xd0d8e0", 2),
        )
    )
    black = "color=c=0x060606:s=640x360:r=25"

    def clock(noise: str, offset_s: int) -> tuple[Clip, float]:
        stamp = text(f"REC %{{pts\\:hms\\:{offset_s}}}", "w*0.05", "h*0.05", 20, "black@0.0")
        return Clip((lavfi(black, 10.0),), f"[0:v]noise={noise},{stamp},format=yuv420p[v]"), 10.0

    out.append(
        negative(
            split,
            "generated-black",
            "dark",
            "near-black noise, same REC clock style, other times",
            clock("alls=5:allf=t", 754),
            clock("alls=9:allf=t+u", 6431),
        )
    )
    return out


def negative_cases(split: str, sources: list[Source]) -> list[Case]:
    """Every negative of one split, look-alikes first."""
    return (
        same_video(sources)
        + same_treatment(sources)
        + look_alike_scenes(sources)
        + unrelated(sources)
        + dark_and_fades(sources)
        + generated(split, sources)
    )
