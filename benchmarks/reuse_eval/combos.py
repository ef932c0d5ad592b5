"""Combinations of two or three alteration classes: the old benchmark's eleven, the four the
held-out evaluation of issue 14 found hard, and four with the new classes. Each runs on one
source of a split, the sources taken in turn."""

from __future__ import annotations

from collections.abc import Callable

from .framing import pip, screen_recording
from .graphs import Clip, boxed, caption, even, filtered, hud_graph, x264
from .made import Made, reversed_pieces, then, whole
from .sources import Source, a_clip
from .timeline import spliced

Combo = tuple[tuple[str, ...], Callable[[Source], Made]]


def _scaled(src: Source, share: float) -> str:
    return f"scale={even(src.size[0] * share)}:{even(src.size[1] * share)}"


def _four_three(src: Source) -> str:
    """Letterbox (or pillarbox a portrait picture) into a 4:3 frame."""
    w, h = src.size
    return boxed((max(w, even(h * 4 / 3)), max(h, even(w * 3 / 4))))


def _other_rate(src: Source, rate: int) -> int:
    return rate if rate != src.fps else rate - 5


def _thermal_hud(src: Source) -> Made:
    d = src.duration
    b = Clip((filtered(a_clip(src), "hue=s=0,negate"),), hud_graph(src.size, src.fps))
    return Made(b, (((0.0, d), (0.0, d)),), d, "grey inverted, then a HUD burnt in")


def _small_rotation_reencode(src: Source) -> Made:
    w, h = src.size
    vf = f"scale={even(w * 1.2)}:{even(h * 1.2)},rotate=0.10472:ow={w}:oh={h}"
    return whole(src, vf, "rotated +6 deg, zoom 1.2, crf 38", x264(38))


def _splice_crop_caption(src: Source) -> Made:
    w, h = src.size
    d = src.duration
    made = spliced(src, round(0.3 * d, 1), round(0.4 * d, 1), f"crop=iw*0.8:ih*0.8,scale={w}:{h}")
    return then(made, caption("the moment of the strike"), "20% crop of A, caption over all")


def _downscale_box_caption(src: Source) -> Made:
    side = even(max(src.size) * 0.5)
    vf = f"{_scaled(src, 0.5)},{boxed((side, side))},{caption('video from the scene')}"
    return whole(src, vf, f"0.5x, boxed into {side}x{side}, caption")


def _mirror_crop_caption(s: Source) -> Made:
    w, h = s.size
    vf = f"hflip,crop=iw*0.85:ih*0.85:iw*0.08:ih*0.1,scale={w}:{h},{caption('enemy BMP-2')}"
    return whole(s, vf, "hflip, 15% crop, caption (as the samples' own reuse)")


def _downscale_reencode(s: Source) -> Made:
    return whole(s, _scaled(s, 0.5), "0.5x, crf 40", x264(40))


def _box_caption_reencode(s: Source) -> Made:
    vf = f"{_four_three(s)},{caption('exclusive')}"
    return whole(s, vf, "boxed into 4:3, caption, crf 36", x264(36))


def _speed_mirror(s: Source) -> Made:
    return whole(s, f"hflip,setpts=PTS/1.25,fps={s.fps}", "1.25x, hflip", speed=1.25)


def _grey_blur_noise(s: Source) -> Made:
    vf = "hue=s=0,gblur=sigma=1.5,noise=alls=15:allf=t"
    return whole(s, vf, "grayscale, gblur 1.5, noise 15")


def _crop_rate_caption(s: Source) -> Made:
    w, h = s.size
    rate = _other_rate(s, 25)
    vf = f"crop=iw*0.8:ih*0.8,scale={w}:{h},fps={rate},{caption('our drone')}"
    return whole(s, vf, f"20% crop, {float(s.fps):g} -> {rate} fps, caption")


def _rotate_downscale(s: Source) -> Made:
    vf = f"transpose=1,scale={even(s.size[1] / 2)}:{even(s.size[0] / 2)}"
    return whole(s, vf, "clockwise, 0.5x")


def _splice_mirror(s: Source) -> Made:
    return spliced(s, round(0.4 * s.duration, 1), round(0.4 * s.duration, 1), "hflip")


def _speed_rate(s: Source) -> Made:
    return whole(s, "setpts=PTS/0.8,fps=15", "0.8x, 15 fps", speed=0.8)


def _bars_colour(s: Source) -> Made:
    vf = f"eq=saturation=1.8:contrast=1.2,{boxed((even(s.size[0] * 4 / 3), s.size[1]))}"
    return whole(s, vf, "pillarboxed 4:3 wider, saturation 1.8")


def _speed_colour_reencode(s: Source) -> Made:
    vf = f"setpts=PTS/1.25,fps={s.fps},eq=saturation=1.5:contrast=1.25:brightness=0.05"
    return whole(s, vf, "1.25x, saturation 1.5, contrast 1.25, crf 32", x264(32), speed=1.25)


def _reversed_mirror(s: Source) -> Made:
    return reversed_pieces(whole(s, "reverse,hflip", "backwards, hflip"))


def _screen_caption(s: Source) -> Made:
    return then(screen_recording(s), caption("filmed off a screen"), "caption")


COMBOS: list[Combo] = [
    (("mirror", "crop", "overlays"), _mirror_crop_caption),
    (("downscale", "reencode-low"), _downscale_reencode),
    (("bars", "overlays", "reencode-low"), _box_caption_reencode),
    (("speed", "mirror"), _speed_mirror),
    (("colour", "blur-noise"), _grey_blur_noise),
    (("pip", "reencode-low"), lambda s: pip(s, crf=38)),
    (("crop", "frame-rate", "overlays"), _crop_rate_caption),
    (("rotate90", "downscale"), _rotate_downscale),
    (("splice", "mirror"), _splice_mirror),
    (("speed", "frame-rate"), _speed_rate),
    (("bars", "colour"), _bars_colour),
    (("pip", "mirror"), lambda s: pip(s, pre="hflip")),
    (("splice", "crop", "overlays"), _splice_crop_caption),
    (("downscale", "bars", "overlays"), _downscale_box_caption),
    (("speed", "colour", "reencode-low"), _speed_colour_reencode),
    (("thermal-invert", "hud"), _thermal_hud),
    (("reversed", "mirror"), _reversed_mirror),
    (("small-rotation", "reencode-low"), _small_rotation_reencode),
    (("screen-recording", "overlays"), _screen_caption),
]
