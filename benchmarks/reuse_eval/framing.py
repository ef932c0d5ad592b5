"""Alteration classes that reframe A or put it inside something else: picture-in-picture,
split screen, a TV news frame, a HUD, a vertical re-crop, a screen re-recorded by a phone,
and very low quality."""

from __future__ import annotations

from .graphs import (
    X264_SOURCE,
    Clip,
    big_captions,
    boxed,
    even,
    filtered,
    fit,
    held,
    hud_graph,
    in_news_frame,
    x264,
)
from .made import Made, pick
from .sources import Source, a_clip

HEADLINES = (
    "STRIKE FOOTAGE - WHAT WE KNOW",
    "BORDER RAID - NEW VIDEO",
    "CLAIMS AND COUNTERCLAIMS",
    "VIDEO SHOWS ATTACK, SAY OFFICIALS",
)


def _all_of_a(src: Source, b: Clip, params: str) -> Made:
    d = src.duration
    return Made(b, (((0.0, d), (0.0, d)),), d, params)


def _a(src: Source, pre: str) -> Clip:
    """Clip A, through ``pre`` first when a combination alters it before framing it."""
    return a_clip(src) if pre == "null" else filtered(a_clip(src), pre)


def pip(src: Source, pre: str = "null", crf: int = 20) -> Made:
    """A shrunk to a share of the frame width over unrelated footage, as a news inset."""
    w, h = src.size
    share, where = pick(src, ((0.4, "top right"), (0.5, "left"), (0.33, "bottom left")))
    iw, ih = even(w * share), even(h * share)
    x, y = {
        "top right": (w - iw - even(w * 0.04), even(h * 0.06)),
        "left": (even(w * 0.04), even((h - ih) / 2)),
        "bottom left": (even(w * 0.04), h - ih - even(h * 0.06)),
    }[where]
    graph = (
        f"[0:v]{src.fillers[0].cut()},{held(src.size, src.fps, src.duration)}[bg];"
        f"[1:v]{fit((iw, ih), src.fps)}[in];"
        f"[bg][in]overlay={x}:{y}:shortest=1,format=yuv420p[v]"
    )
    b = Clip((src.fillers[0].options(), _a(src, pre)), graph, x264(crf))
    return _all_of_a(src, b, f"{share:.0%} of the width, {where}, over other footage, crf {crf}")


def split_screen(src: Source) -> Made:
    """A beside another source of the split, each in one half of the frame."""
    w, h = src.size
    half = even(w / 2)
    side, how = pick(src, (("left", "fit"), ("right", "crop"), ("right", "fit"), ("left", "crop")))
    shape = boxed((half, h)) if how == "fit" else f"crop=iw/2:ih:iw/4:0,scale={half}:{h},setsar=1"
    d = src.duration
    hold = f"fps={src.fps},tpad=stop_mode=clone:stop_duration={d},trim=duration={d}"
    pair = "[a][f]" if side == "left" else "[f][a]"
    graph = (
        f"[0:v]{shape},fps={src.fps}[a];[1:v]{src.fillers[0].cut()},{shape},{hold}[f];"
        f"{pair}hstack=inputs=2:shortest=1,drawbox=x={half - 1}:y=0:w=2:h={h}:color=white:t=fill,"
        "setsar=1,format=yuv420p[v]"
    )
    b = Clip((a_clip(src), src.fillers[0].options()), graph)
    label = "fitted into" if how == "fit" else "centre cropped to"
    return _all_of_a(src, b, f"A {label} the {side} half, other footage beside it")


# x264 needs even sides; a filler at its own size may have an odd one (a no-op otherwise)
EVEN = "scale=trunc(iw/2)*2:trunc(ih/2)*2"


def news_frame(src: Source, pre: str = "null") -> Made:
    """A in a TV news frame: scaled into a window right of centre, lower third, ticker,
    logo; behind it other footage of the split, or the channel's studio graphic."""
    headline = pick(src, HEADLINES)
    filler = src.fillers[0]
    footage = Clip(
        (filler.options(),), f"[0:v]{filler.cut()},{EVEN},setsar=1,format=yuv420p[v]", X264_SOURCE
    )
    backdrop = pick(src, (footage, None))
    b = in_news_frame(_a(src, pre), headline, src.duration, backdrop)
    behind = "studio graphic" if backdrop is None else "other footage"
    return _all_of_a(src, b, f"news frame 640x360, window 400x226, over {behind}")


def hud(src: Source) -> Made:
    """A HUD burnt in: crosshair, a moving tracking box, telemetry numbers, a timestamp."""
    b = Clip((a_clip(src),), hud_graph(src.size, src.fps))
    return _all_of_a(src, b, "crosshair, moving box, changing telemetry, timestamp")


def vertical(src: Source, pre: str = "null") -> Made:
    """A 9:16 centre crop for short-video apps, big captions over the top and bottom."""
    fx = pick(src, (0.5, 0.35, 0.6))
    top, bottom = pick(
        src, (("WATCH THIS", "no way"), ("THEY LIED", "share it now"), ("FRONTLINE", "the truth"))
    )
    vf = (
        f"{'' if pre == 'null' else pre + ','}"
        "crop='trunc(min(iw,ih*9/16)/2)*2':'trunc(min(ih,iw*16/9)/2)*2':"
        f"'(iw-ow)*{fx}':'(ih-oh)/2',scale=360:640,setsar=1,{big_captions(top, bottom, 30)}"
    )
    b = filtered(a_clip(src), vf)
    return _all_of_a(src, b, f"9:16 crop at {fx:.0%} across, 360x640, captions top and bottom")


def screen_recording(src: Source) -> Made:
    """A phone filming a screen that plays A: perspective, the screen's pixel grid (moire
    after the warp), a dark bezel, blur, sensor noise and a little hand shake."""
    w, h = src.size
    corners = pick(
        src,
        (
            "x0=W*0.06:y0=H*0.08:x1=W*0.95:y1=H*0.03:x2=W*0.03:y2=H*0.97:x3=W*0.92:y3=H*0.9",
            "x0=W*0.02:y0=H*0.02:x1=W*0.9:y1=H*0.1:x2=W*0.08:y2=H*0.92:x3=W*0.97:y3=H*0.97",
        ),
    )
    vf = (
        f"scale={even(w * 0.84)}:{even(h * 0.84)},drawgrid=w=3:h=3:t=1:color=black@0.25,"
        f"pad={w}:{h}:(ow-iw)/2:(oh-ih)/2:color=0x121212,perspective={corners}:sense=destination,"
        f"crop=iw-12:ih-12:'6+4*sin(t*5)':'6+4*cos(t*4)',scale={w}:{h},"
        "gblur=sigma=1.1,eq=contrast=0.85:brightness=0.03:saturation=0.8,noise=alls=12:allf=t"
    )
    b = filtered(a_clip(src), vf)
    return _all_of_a(src, b, "perspective warp, pixel grid, dark bezel, blur, noise, shake")


def very_low_quality(src: Source) -> Made:
    """Downscaled to 320x180 or less, encoded at CRF 40+, then scaled back up."""
    box, crf = pick(src, (((320, 180), 42), ((256, 144), 44), ((320, 180), 40)))
    small = f"scale={box[0]}:{box[1]}:force_original_aspect_ratio=decrease:force_divisible_by=2"
    stage = filtered(a_clip(src), small, x264(crf))
    b = filtered(stage, f"scale={src.size[0]}:{src.size[1]}")
    return _all_of_a(src, b, f"within {box[0]}x{box[1]} at crf {crf}, upscaled back")
