"""A stress split (issue 14): the six classes the fourth held-out set finds weak, at wider and
more realistic settings than the tune split's recipes, built from the TUNE sources only.

The tune split's Ken Burns is one slow zoom to 1.35-1.8x, its screen recording one style, its
very low quality 320x180 / 256x144 at CRF 40-44: narrow, so they flatter the detector. Here
(written down in benchmarks/README.md before any detector ran on them): Ken Burns to 2-3x,
zoom-out, pans, off-centre targets, short stretches; screens filmed with strong perspective,
moire, glare, another frame rate, not filling the picture; 192x108 and CRF 46-50, double
re-encodes; 9:16 off-centre and moving crops with big captions; short splices; compilations
of 1 s cuts. Negatives: the same treatments on two different clips, and low-quality (or
zoomed) copies of the same camera at another moment. ``eval_reuse.py --split stress``.
"""

from __future__ import annotations

from dataclasses import replace

from .graphs import Clip, big_captions, even, filtered, x264
from .made import Case, Made, pick, then, whole
from .negatives import negative
from .samecam import MOMENTS, _excerpt
from .sources import Source, a_clip, footage
from .timeline import compiled, spliced

SPLIT = "stress"


def _zoompan(src: Source, z: str, fx: str, fy: str) -> str:
    """``z`` the zoom, ``fx``/``fy`` where the window sits (0 left/top .. 1 right/bottom), as
    expressions of ``p``, the share of the clip played (0..1)."""
    w, h = src.size
    p = f"(it/{src.duration})"
    sub = {"p": p}
    z, fx, fy = (e.format(**sub) for e in (z, fx, fy))
    return (f"zoompan=z='{z}':x='(iw-iw/zoom)*({fx})':y='(ih-ih/zoom)*({fy})'"
            f":d=1:s={w}x{h}:fps={src.fps}")  # fmt: skip


def ken_burns(src: Source) -> Made:
    """Stronger, varied moves: zoom to 2-3x, zoom out, a pan, off-centre targets, a short
    stretch of A zoomed alone."""
    z, fx, fy, label, stretch = pick(
        src,
        (
            ("1+1.5*{p}", "0.5", "0.5", "zoom 1 -> 2.5 towards the centre", None),
            ("2.2-1.2*{p}", "0.25", "0.3", "zoom out 2.2 -> 1 from the upper left", None),
            ("1.7", "{p}", "0.5", "pan left to right at 1.7x", None),
            ("1+2*{p}", "0.85", "0.2", "zoom 1 -> 3 towards the upper right", None),
            ("1+1.2*{p}", "0.15", "0.8", "zoom 1 -> 2.2 towards the lower left, 4 s of A",
             (0.25, 4.0)),
            ("1.3+0.9*{p}", "0.2+0.6*{p}", "0.7-0.4*{p}", "zoom 1.3 -> 2.2 while panning", None),
            ("1+1.6*{p}*{p}", "0.65", "0.35", "zoom 1 -> 2.6, accelerating, off centre", None),
        ),
    )  # fmt: skip
    if stretch is None:
        return whole(src, _zoompan(src, z, fx, fy), label)
    start, length = round(stretch[0] * src.duration, 1), stretch[1]
    short = replace(src, main=replace(src.main, duration=length))
    vf = f"trim=start={start}:duration={length},setpts=PTS-STARTPTS,{_zoompan(short, z, fx, fy)}"
    b = filtered(a_clip(src), vf)
    return Made(b, (((start, start + length), (0.0, length)),), length, label)


ROOM = "0x2a241e"  # a dim room around the screen


def _screen(src: Source, share: float, corners: str, extra: str, fps: int) -> str:
    """A shrunk to ``share`` of the frame with a pixel grid, padded by a dark bezel and the
    room, warped by ``corners``, shaken, ``extra`` (glare, blur, noise), at ``fps``."""
    w, h = src.size
    return (
        f"scale={even(w * share)}:{even(h * share)},drawgrid=w=2:h=2:t=1:color=black@0.3,"
        f"pad={even(w * share) + 16}:{even(h * share) + 16}:8:8:color=0x080808,"
        f"pad={w}:{h}:(ow-iw)/2:(oh-ih)/2:color={ROOM},"
        f"perspective={corners}:sense=destination,"
        f"crop=iw-20:ih-20:'10+8*sin(t*3)':'10+7*cos(t*2.3)',scale={w}:{h},{extra},fps={fps}"
    )


GLARE = ("geq=lum='clip(lum(X,Y)+70*exp(-((X-W*0.68)^2+(Y-H*0.3)^2)/(2*(W*0.14)^2)),0,255)'"
         ":cb='cb(X,Y)':cr='cr(X,Y)'")  # fmt: skip
SOFT = "gblur=sigma=1.4,eq=contrast=0.8:brightness=0.04:saturation=0.75,noise=alls=16:allf=t"


def screen_recording(src: Source) -> Made:
    """A phone filming a screen: stronger keystone, moire, glare, another frame rate, the
    screen not filling the picture."""
    share, corners, extra, fps, label = pick(
        src,
        (
            (0.6, "x0=W*0.12:y0=H*0.2:x1=W*0.85:y1=H*0.1:x2=W*0.1:y2=H*0.85:x3=W*0.88:y3=H*0.92",
             SOFT, 30, "screen 60% of the picture, keystone, 30 fps"),
            (0.9, "x0=W*0.0:y0=H*0.0:x1=W*0.8:y1=H*0.18:x2=W*0.02:y2=H*1.0:x3=W*0.82:y3=H*0.8",
             f"{GLARE},{SOFT}", 24, "strong keystone 20%, glare, 24 fps"),
            (0.85, "x0=W*0.05:y0=H*0.05:x1=W*0.95:y1=H*0.08:x2=W*0.04:y2=H*0.95:x3=W*0.96:y3=H*0.9",
             "scale=iw*0.55:ih*0.55,scale={w}:{h}," + SOFT, 30, "moire (grid resampled)"),
            (0.7, "x0=W*0.2:y0=H*0.05:x1=W*0.95:y1=H*0.15:x2=W*0.15:y2=H*0.95:x3=W*0.9:y3=H*0.85",
             f"rotate=0.09:c={ROOM},{GLARE},{SOFT}", 30, "70%, turned 5 deg, glare"),
            (0.8, "x0=W*0.1:y0=H*0.0:x1=W*0.9:y1=H*0.0:x2=W*0.0:y2=H*1.0:x3=W*1.0:y3=H*1.0",
             "gblur=sigma=2.2,eq=contrast=0.7:brightness=0.06,noise=alls=22:allf=t", 24,
             "seen from below (trapezoid), soft, noisy, 24 fps"),
            (0.55, "x0=W*0.15:y0=H*0.1:x1=W*0.9:y1=H*0.2:x2=W*0.1:y2=H*0.9:x3=W*0.85:y3=H*0.8",
             f"{GLARE},{SOFT}", 30, "screen 55%, keystone, glare, 30 fps"),
            (0.75, "x0=W*0.0:y0=H*0.1:x1=W*0.9:y1=H*0.0:x2=W*0.1:y2=H*0.9:x3=W*1.0:y3=H*1.0",
             "scale=iw*0.6:ih*0.6,scale={w}:{h}," + SOFT, 24, "75%, moire, 24 fps"),
        ),
    )  # fmt: skip
    extra = extra.replace("{w}", str(src.size[0])).replace("{h}", str(src.size[1]))
    return whole(src, _screen(src, share, corners, extra, fps), label)


def _lowq(clip: Clip, box: tuple[int, int], crf: int, size: tuple[int, int], fps: str = "") -> Clip:
    small = f"scale={box[0]}:{box[1]}:force_original_aspect_ratio=decrease:force_divisible_by=2"
    stage = filtered(clip, f"{small}{fps}", x264(crf))
    return filtered(stage, f"scale={size[0]}:{size[1]}")


def very_low_quality(src: Source) -> Made:
    """Down to 192x108, CRF 46-50, and reposts of reposts."""
    steps, label = pick(
        src,
        (
            ((((192, 108), 46, ""),), "192x108 crf 46"),
            ((((256, 144), 48, ""),), "256x144 crf 48"),
            ((((320, 180), 44, ""), ((320, 180), 44, "")), "320x180 crf 44, twice"),
            ((((192, 108), 50, ""),), "192x108 crf 50"),
            ((((240, 136), 46, ",fps=15"),), "240x136 crf 46 at 15 fps"),
            ((((320, 180), 40, ""), ((256, 144), 46, "")), "320x180 crf 40, then 256x144 crf 46"),
            ((((224, 126), 48, ""),), "224x126 crf 48"),
        ),
    )  # fmt: skip
    b = a_clip(src)
    for box, crf, fps in steps:
        b = _lowq(b, box, crf, src.size, fps)
    d = src.duration
    return Made(b, (((0.0, d), (0.0, d)),), d, f"{label}, upscaled back")


def _vertical_vf(src: Source, fx: str, zoom: float, lines: int, size: int) -> str:
    """A 9:16 window at ``fx`` across (an expression of t allowed), ``zoom`` tighter, with
    ``lines`` caption lines over the top and bottom in letters of ``size`` pixels."""
    cw = f"trunc(min(iw,ih*9/16)/{zoom}/2)*2"
    ch = f"trunc(min(ih,iw*16/9)/{zoom}/2)*2"
    vf = f"crop='{cw}':'{ch}':'(iw-ow)*({fx})':'(ih-oh)/2',scale=360:640,setsar=1"
    words = (("THEY HIDE THIS", "want you to see"), ("WATCH", "till the end"), ("NEW", "share now"))
    for n, (top, bottom) in enumerate(words[:lines]):
        drawn = big_captions(top, bottom, size).replace("h*0.08", f"h*{0.04 + 0.07 * n:.2f}")
        vf += "," + drawn.replace("h*0.80", f"h*{0.86 - 0.07 * n:.2f}")
    return vf


def vertical(src: Source) -> Made:
    """9:16 off-centre or moving crops with big captions (one to three lines)."""
    d = src.duration
    fx, zoom, lines, size, label = pick(
        src,
        (
            ("0.1", 1.0, 2, 38, "at 10% across, two caption lines"),
            ("0.9", 1.0, 2, 38, "at 90% across, two caption lines"),
            ("0.0", 1.0, 3, 34, "at the left edge, three caption lines"),
            ("1.0", 1.2, 2, 38, "at the right edge, 1.2x tighter"),
            (f"t/{d}", 1.0, 2, 38, "panning left to right"),
            ("0.25", 1.15, 3, 36, "at 25% across, 1.15x tighter, three lines"),
            (f"1-t/{d}", 1.1, 2, 40, "panning right to left, 1.1x tighter"),
        ),
    )  # fmt: skip
    return whole(src, _vertical_vf(src, fx, zoom, lines, size), f"9:16 {label}, 360x640")


def splice(src: Source) -> Made:
    """1.5-3 s of A between other footage (about 9 s before, 6 s after)."""
    start, length, crf = pick(
        src, ((0.2, 2.0, 0), (0.6, 1.5, 0), (0.1, 3.0, 32), (0.45, 2.0, 0),
              (0.7, 2.5, 32), (0.3, 1.5, 0), (0.0, 2.0, 0))
    )  # fmt: skip
    made = spliced(src, round(start * src.duration, 1), length)
    return then(made, "null", f"crf {crf}", x264(crf)) if crf else made


def compilation(src: Source) -> Made:
    """Two to four 1 s cuts of A among six cuts of other sources, some re-encoded smaller."""
    layout, lengths, order, post = pick(
        src,
        (
            ("FFAFFAFF", (1.0, 1.0), (1, 0), ""),
            ("FAFFAFAFF", (1.0, 1.0, 1.0), (2, 1, 0), "scale=iw/2:ih/2"),
            ("AFAFFAFFA", (1.0,) * 4, (3, 0, 2, 1), ""),
            ("FFFAFFAF", (1.0, 1.0), (0, 1), "scale=iw/2:ih/2"),
        ),
    )  # fmt: skip
    made = compiled(src, lengths, layout, order)
    return then(made, post, "halved, crf 30", x264(30)) if post else made


CLASSES = {
    "ken-burns": ken_burns,
    "screen-recording": screen_recording,
    "very-low-quality": very_low_quality,
    "vertical-9:16": vertical,
    "splice": splice,
    "compilation": compilation,
}
# The treatment each same-treatment negative gives both clips: the class's variant number
SAME_TREATMENT = {"ken-burns": 0, "screen-recording": 0, "very-low-quality": 0,
                  "vertical-9:16": 0}  # fmt: skip


def stress_cases(sources: list[Source]) -> list[Case]:
    """Every pair of the stress split: each class on each tune source, then the negatives."""
    out = []
    for group, recipe in CLASSES.items():
        for s in sources:
            made = recipe(s)
            out.append(Case(f"{s.name}:{group}", SPLIT, group, "alone", (group,), made.params,
                            a_clip(s), made.b, made.pieces, s.duration, made.b_length))  # fmt: skip
    return out + same_treatment(sources) + lowq_same_camera(sources) + lowq_moments(sources)


def same_treatment(sources: list[Source]) -> list[Case]:
    """Two different clips (each source and the next) after the same stress treatment."""
    out = []
    for group, variant in SAME_TREATMENT.items():
        for i, s in enumerate(sources):
            t = sources[(i + 1) % len(sources)]
            a, b = (CLASSES[group](replace(x, variant=variant)) for x in (s, t))
            out.append(
                negative(
                    SPLIT,
                    f"{s.name}~{t.name}",
                    f"stress-same-{group}",
                    f"both {a.params}",
                    (a.b, a.b_length),
                    (b.b, b.b_length),
                )
            )
    return out


def lowq_same_camera(sources: list[Source]) -> list[Case]:
    """The same camera at another moment: both at 320x180 crf 40; only the other moment at
    192x108 crf 46; the other moment zoomed 1 -> 2.5 (a Ken Burns of another moment)."""
    out = []
    for s in (s for s in sources if s.another):
        a, b = a_clip(s), footage(s, s.another)
        la, lb = s.duration, s.another.duration
        kb = filtered(b, _zoompan(replace(s, main=s.another), "1+1.5*{p}", "0.5", "0.5"))
        for kind, pair in (
            ("both-lowq", (_lowq(a, (320, 180), 40, s.size), _lowq(b, (320, 180), 40, s.size))),
            ("one-vlq", (a, _lowq(b, (192, 108), 46, s.size))),
            ("ken-burns", (a, kb)),
        ):
            out.append(negative(SPLIT, s.name, f"stress-same-camera-{kind}",
                                f"{s.name} main vs another moment, {kind}",
                                (pair[0], la), (pair[1], lb)))  # fmt: skip
    return out


def lowq_moments(sources: list[Source]) -> list[Case]:
    """Short moments of a fixed camera (``samecam``), the second at 256x144 crf 46."""
    by_name = {s.name: s for s in sources}
    out = []
    for m in MOMENTS[::2]:
        if m.repost or m.source not in by_name:
            continue
        src = by_name[m.source]
        a, b = (_excerpt(src, *span) for span in (m.a, m.b))
        clip_b = _lowq(footage(src, b), (256, 144), 46, src.size)
        out.append(negative(SPLIT, f"{src.name}-{a.start:g}~{b.start:g}", "stress-moment-vlq",
                            f"{src.name} {a.start:g}+{a.duration:g} vs {b.start:g}+"
                            f"{b.duration:g} s, the second 256x144 crf 46",
                            (footage(src, a), a.duration), (clip_b, b.duration)))  # fmt: skip
    return out
