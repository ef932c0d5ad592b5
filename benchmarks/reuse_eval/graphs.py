"""Clips as ffmpeg recipes, and the drawing the alteration classes share (captions, a HUD,
a news frame).

A :class:`Clip` is inputs + a filter graph ending in ``[v]`` + encoder options. An input is
either ffmpeg input options or another ``Clip``, which the builder renders first: that is how
B is made from A, and how a treatment is applied on top of another (very low quality =
downscale and encode at CRF 42, then upscale the result).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
MONO = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf")

Options = tuple[str, ...]
Size = tuple[int, int]


def x264(crf: int = 20) -> Options:
    return (
        "-c:v",
        "libx264",
        "-preset",
        "veryfast",
        "-crf",
        f"{crf}",
        "-pix_fmt",
        "yuv420p",
        "-an",
    )


X264 = x264()
X264_SOURCE = x264(17)  # A stands for the original: as clean as a repost's source would be
# Keep every frame at its own time (a variable frame rate), to the millisecond: without these
# the encoder's time base is 1/frame rate and jittered times snap to a grid (or collide).
KEEP_TIMES = ("-fps_mode", "passthrough", "-enc_time_base", "1:1000")
MPEG4 = ("-c:v", "mpeg4", "-q:v", "24", "-pix_fmt", "yuv420p", "-an")


@dataclass(frozen=True)
class Clip:
    """How to make one clip: inputs (ffmpeg input options, or a clip built first and read
    whole), a filter graph ending in ``[v]``, and encoder options."""

    inputs: tuple[Options | Clip, ...]
    graph: str
    codec: Options = X264


def even(value: float) -> int:
    return max(2, round(value / 2) * 2)


def fit(size: Size, fps: Fraction | None) -> str:
    """Same size, rate and pixel shape, so streams can be concatenated or overlaid; with no
    ``fps`` the frames keep their own (irregular) times."""
    rate = f"fps={fps}," if fps is not None else ""
    return f"scale={size[0]}:{size[1]},{rate}setsar=1,format=yuv420p"


def boxed(size: Size, colour: str = "black") -> str:
    """Fit inside ``size`` keeping the aspect ratio, with bands where it does not fill."""
    w, h = size
    return (
        f"scale={w}:{h}:force_original_aspect_ratio=decrease:force_divisible_by=2,"
        f"pad={w}:{h}:(ow-iw)/2:(oh-ih)/2:{colour},setsar=1"
    )


def filtered(clip: Clip, vf: str, codec: Options = X264) -> Clip:
    """``clip`` through one more filter chain (B made from A, or a treatment on top)."""
    return Clip((clip,), f"[0:v]{vf},setsar=1,format=yuv420p[v]", codec)


def lavfi(spec: str, duration: float) -> Options:
    return ("-f", "lavfi", "-t", f"{duration}", "-i", spec)


def held(size: Size, fps: Fraction, duration: float) -> str:
    """Normalise a background and hold its last frame, so it lasts ``duration`` seconds."""
    return (
        f"{fit(size, fps)},tpad=stop_mode=clone:stop_duration={duration},trim=duration={duration}"
    )


# --------------------------------------------------------------------------- text


def text(words: str, x: str, y: str, size: int, box: str = "black@0.6", font: Path = FONT) -> str:
    """drawtext when the font exists; without it the banner boxes still stand in for text."""
    if not font.exists():
        return "null"
    return (
        f"drawtext=fontfile={font}:text='{words}':x={x}:y={y}:fontsize={size}:"
        f"fontcolor=white:box=1:boxcolor={box}:boxborderw=6"
    )


def caption(words: str) -> str:
    """A lower-third banner with a caption, and a channel logo in the top corner."""
    return (
        "drawbox=x=0:y=ih*0.78:w=iw:h=ih*0.16:color=black@0.65:t=fill,"
        f"{text(words, 'w*0.04', 'h*0.81', 22, 'black@0.0')},"
        "drawbox=x=iw*0.80:y=ih*0.04:w=iw*0.16:h=ih*0.12:color=white@0.85:t=fill,"
        f"{text('F24', 'w*0.83', 'h*0.06', 18, 'red@0.9')}"
    )


def big_captions(top: str, bottom: str, size: int) -> str:
    """Short-video captions: big white words in boxes over the top and bottom of the frame."""
    return (
        f"{text(top, '(w-text_w)/2', 'h*0.08', size, 'black@0.75')},"
        f"{text(bottom, '(w-text_w)/2', 'h*0.80', size, 'red@0.8')}"
    )


# --------------------------------------------------------------------------- HUD


def hud_graph(size: Size, fps: Fraction, label: str = "[0:v]") -> str:
    """A drone/gun-camera HUD over ``label``: crosshair, a tracking box that moves, telemetry
    numbers that change every frame, and a running timestamp. Ends in ``[v]``."""
    w, h = size
    bw, bh = even(w * 0.14), even(h * 0.16)
    gap, arm = even(w * 0.02), even(w * 0.06)
    cx, cy = w // 2, h // 2
    crosshair = ",".join(
        f"drawbox=x={x}:y={y}:w={bw_}:h={bh_}:color=white@0.9:t=fill"
        for x, y, bw_, bh_ in (
            (cx - gap - arm, cy - 1, arm, 2),
            (cx + gap, cy - 1, arm, 2),
            (cx - 1, cy - gap - arm, 2, arm),
            (cx - 1, cy + gap, 2, arm),
        )
    )
    size_px = max(12, round(h * 0.045))
    lines = (
        (f"ALT {eif('412+9*t')} M  SPD {eif('54+4*sin(t)')} KM/H", "w*0.03", "h*0.88"),
        (f"N 50.{eif('358612+37*t')} E 36.{eif('833104+21*t')}", "w*0.03", "h*0.04"),
        ("2023-05-23 %{pts\\:hms\\:30615}", "w*0.62", "h*0.04"),
    )
    telemetry = ",".join(text(words, x, y, size_px, "black@0.35", MONO) for words, x, y in lines)
    return (
        # a hollow box: lime, its inside painted black and keyed out
        f"color=c=lime:s={bw}x{bh}:r={fps},"
        f"drawbox=x=3:y=3:w={bw - 6}:h={bh - 6}:color=black:t=fill,"
        "format=rgba,colorkey=black:0.2[box];"
        f"{label}setsar=1,format=yuv420p,{crosshair},{telemetry}[hud];"
        f"[hud][box]overlay=x='W*0.3+W*0.2*sin(t*0.8)':y='H*0.35+H*0.12*cos(t*0.6)':shortest=1,"
        "setsar=1,format=yuv420p[v]"
    )


def eif(expression: str) -> str:
    """A number drawtext computes each frame (escaped for a filter graph)."""
    return "%{eif\\:" + expression + "\\:d}"


def with_hud(clip: Clip, size: Size, fps: Fraction) -> Clip:
    return Clip((clip,), hud_graph(size, fps))


# --------------------------------------------------------------------------- news frame

NEWS_SIZE: Size = (640, 360)
NEWS_FPS = Fraction(25)
NEWS_WINDOW: Size = (400, 226)  # where the footage goes, right of centre and up
NEWS_AT = (212, 40)
STUDIO = (
    "gradients=s=640x360:r=25:c0=0x0b2a5b:c1=0x3a0d1e:x0=0:y0=0:x1=640:y1=360:speed=0.01:seed=7"
)


TICKER = "MARKETS  |  WEATHER  |  FRONTLINE LIVE  |  MORE AT 9"
TICKER_X = "640-mod(t*60\\,1100)"  # scrolls right to left; the comma escaped for the graph


def news_graph(headline: str, inner: str, background: str) -> str:
    """A TV news frame: ``background`` full frame, the footage ``inner`` in a window with a
    white border, a lower third with ``headline`` and a ticker, a channel logo. Labels are
    filter-graph input labels; ends in ``[v]``."""
    w, h = NEWS_WINDOW
    x, y = NEWS_AT
    graphics = (
        f"drawbox=x={x - 3}:y={y - 3}:w={w + 6}:h={h + 6}:color=white@0.9:t=3,"
        "drawbox=x=0:y=282:w=640:h=52:color=0xb00020@0.92:t=fill,"
        "drawbox=x=0:y=334:w=640:h=26:color=black@0.85:t=fill,"
        f"{text(headline, '18', '292', 24, 'black@0.0')},"
        f"{text(TICKER, TICKER_X, '338', 14, 'black@0.0')},"
        "drawbox=x=18:y=18:w=118:h=40:color=white@0.9:t=fill,"
        f"{text('NEWS 24', '26', '26', 20, 'red@0.9')}"
    )
    return (
        f"{background}[bg];{inner}{boxed(NEWS_WINDOW)},fps={NEWS_FPS},format=yuv420p[in];"
        f"[bg][in]overlay={x}:{y}:shortest=1,{graphics},setsar=1,format=yuv420p[v]"
    )


def in_news_frame(clip: Clip, headline: str, duration: float, backdrop: Clip | None) -> Clip:
    """``clip`` shown in the news frame over ``backdrop`` footage, or over the channel's own
    studio graphic when there is none (the graphic is a template, not footage)."""
    if backdrop is None:
        inputs: tuple[Options | Clip, ...] = (clip, lavfi(STUDIO, duration))
    else:
        inputs = (clip, backdrop)
    background = f"[1:v]{held(NEWS_SIZE, NEWS_FPS, duration)}"
    return Clip(inputs, news_graph(headline, "[0:v]", background))
