"""The tune conditions of ``bench_marks_path.py``: channels' marks (``@handle``, ``t.me/``
addresses, channel names) drawn over real tune footage (``../shared/media``) as reposts burn
them in. Tune data only: these texts, fonts (Roboto, Open Sans, PT Sans, DejaVu) and footage
are what on-screen work may be tuned on; the held-out sets use other fonts and footage.

Each condition is a clip of a few marks: 25-60 % opacity in corners and at edges; over busy
moving footage, over sky, over dark footage; burned into 320x180 footage then upscaled, or
drawn over footage upscaled from it; in 9:16 reposts; plain, shadow, outline, box; 2-5 % of
the picture's height; drifting slowly; shown for part of the clip. And four textless clips
of the same footage, where every track is false.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from onscreen_heldout.scenes import Scene, Text

ROOT = Path(__file__).resolve().parents[1]
MEDIA = ROOT.parent / "shared" / "media"
if not MEDIA.is_dir():  # a worktree beside the main tree: /work/wt-x/../shared/media
    MEDIA = Path("/work/shared/media")
SECONDS = 10.0
_FONT_DIR = Path("/usr/share/fonts/truetype")
FONTS = {
    "roboto-bold": _FONT_DIR / "roboto/unhinted/RobotoTTF/Roboto-Bold.ttf",
    "roboto-medium": _FONT_DIR / "roboto/unhinted/RobotoTTF/Roboto-Medium.ttf",
    "roboto-regular": _FONT_DIR / "roboto/unhinted/RobotoTTF/Roboto-Regular.ttf",
    "opensans-semibold": _FONT_DIR / "open-sans/OpenSans-Semibold.ttf",
    "opensans-bold": _FONT_DIR / "open-sans/OpenSans-Bold.ttf",
    "ptsans-bold": _FONT_DIR / "paratype/PTS75F.ttf",
    "ptsans-regular": _FONT_DIR / "paratype/PTS55F.ttf",
    "dejavu-sans-bold": _FONT_DIR / "dejavu/DejaVuSans-Bold.ttf",
    "dejavu-sans": _FONT_DIR / "dejavu/DejaVuSans.ttf",
    # italic and serif faces (issue 16, ocr13): the held-out marks hold italic and serif ones
    "roboto-bolditalic": _FONT_DIR / "roboto/unhinted/RobotoTTF/Roboto-BoldItalic.ttf",
    "opensans-semibolditalic": _FONT_DIR / "open-sans/OpenSans-SemiboldItalic.ttf",
    "ptsans-italic": _FONT_DIR / "paratype/PTS56F.ttf",
    "ptserif-bold": _FONT_DIR / "paratype/PTF75F.ttf",
    "dejavu-serif-bold": _FONT_DIR / "dejavu/DejaVuSerif-Bold.ttf",
    "dejavu-sans-oblique": _FONT_DIR / "dejavu/DejaVuSans-Oblique.ttf",
}
# The Debian package of each font, by a part of its name (``draw.missing_packages``)
PACKAGES = {"roboto": "fonts-roboto-unhinted", "opensans": "fonts-open-sans",
            "ptsans": "fonts-paratype", "ptserif": "fonts-paratype",
            "dejavu": "fonts-dejavu-core"}  # fmt: skip


@dataclass(frozen=True)
class Condition:
    name: str
    footage: str  # a file of MEDIA
    start: float  # seconds into it
    texts: tuple[Text, ...]
    size: tuple[int, int] = (1280, 720)
    vertical: bool = False  # the footage across the middle of a 9:16 frame over a blurred copy
    upscale: int = 1  # drawn at ``size``, then scaled up this many times
    prepare: str = ""  # the footage made first: "dark" (darkened), "low" (320x180 and back)

    @property
    def scene(self) -> Scene:
        return Scene(
            self.slug, self.footage, self.start, SECONDS, self.texts, self.size, self.vertical
        )

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")

    @property
    def digest(self) -> str:
        return hashlib.sha256(repr(self).encode()).hexdigest()[:10]


def mark(
    text: str,
    at: tuple[float, float],
    opacity: float,
    size: float = 0.035,
    font: str = "roboto-bold",
    style: str = "plain",
    anchor: str = "lt",
    **more: float,
) -> Text:
    """A mark: its kind from its text (a handle, a t.me/ address, or a channel's name)."""
    kind = "handle" if text.startswith("@") else "address" if "t.me/" in text else "channel-name"
    lang = "ru" if re.search("[а-яё]", text.lower()) else "en"
    return Text(kind, text, lang, font, size, at, anchor, style, opacity=opacity, **more)


# fmt: off
CONDITIONS = (
    Condition("busy handheld 35-45% plain", "imageio_cockatoo.mp4", 1.0, (
        mark("@okopnaya_pravda", (0.97, 0.04), 0.4, anchor="rt"),
        mark("t.me/frontovik_88", (0.03, 0.93), 0.45, font="opensans-semibold", anchor="lb"),
        mark("Сводка с передовой", (0.03, 0.04), 0.35, font="ptsans-bold"),
    )),
    Condition("busy crowd 25-30% plain", "motiondetector_vtest.avi", 1.0, (
        mark("@kotel_zapad", (0.97, 0.95), 0.3, anchor="rb"),
        mark("t.me/liniya_fronta", (0.03, 0.04), 0.28, font="ptsans-bold"),
        mark("ОПЕРАТИВНАЯ ЛЕНТА", (0.5, 0.04), 0.25, font="roboto-medium", anchor="mt"),
    )),
    Condition("moving dashcam 50-60% shadow/outline", "udacity_solidYellowLeft.mp4", 2.0, (
        mark("@boevoy_dnevnik", (0.97, 0.04), 0.55, style="shadow", anchor="rt"),
        mark("Военный обозреватель", (0.03, 0.95), 0.5, style="shadow", font="opensans-bold",
             anchor="lb"),
        mark("t.me/shtorm_info", (0.97, 0.95), 0.6, style="outline", font="ptsans-bold",
             anchor="rb"),
    )),
    Condition("sky 35-55% plain/shadow", "moviepy_failing_audio.mp4", 0.0, (
        mark("@nebo_nad_donbassom", (0.97, 0.05), 0.45, anchor="rt"),
        mark("t.me/aviaradar_ua", (0.03, 0.05), 0.55, style="shadow", font="opensans-semibold"),
        mark("Небесный фронт", (0.5, 0.3), 0.35, font="dejavu-sans-bold", anchor="mt"),
    )),
    Condition("dark footage 30-50%", "udacity_solidYellowLeft.mp4", 12.0, (
        mark("@nochnoy_dozor", (0.97, 0.05), 0.35, anchor="rt"),
        mark("t.me/temnaya_storona", (0.03, 0.94), 0.3, font="ptsans-bold", anchor="lb"),
        mark("НОЧНАЯ СВОДКА", (0.97, 0.94), 0.5, style="box", font="roboto-medium", anchor="rb"),
    ), prepare="dark"),
    Condition("upscaled 320x180, marked before", "intel_car-detection.mp4", 3.0, (
        mark("@mash_dozor", (0.96, 0.05), 0.5, size=0.06, anchor="rt"),
        mark("t.me/ukr_front_news", (0.04, 0.93), 0.55, size=0.055, font="ptsans-bold",
             anchor="lb"),
        mark("Свежие кадры", (0.04, 0.05), 0.45, size=0.06, font="opensans-semibold"),
    ), size=(320, 180), upscale=4),
    Condition("upscaled 320x180, marked after", "imageio_cockatoo.mp4", 4.0, (
        mark("@razvedka_24", (0.97, 0.05), 0.4, anchor="rt"),
        mark("t.me/pryamoy_efir", (0.03, 0.94), 0.45, font="opensans-semibold", anchor="lb"),
        mark("Прямой эфир", (0.97, 0.94), 0.4, style="shadow", anchor="rb"),
    ), prepare="low"),
    Condition("9:16 repost 2-3%", "udacity_solidYellowLeft.mp4", 5.0, (
        mark("@voenkor_vertikal", (0.5, 0.2), 0.45, size=0.022, anchor="mt"),
        mark("t.me/korotko_o_glavnom", (0.05, 0.6), 0.4, size=0.02, style="shadow",
             font="opensans-semibold"),
        mark("Фронтовые заметки", (0.5, 0.78), 0.5, size=0.025, font="ptsans-bold", anchor="mt"),
    ), size=(720, 1280), vertical=True),
    Condition("9:16 portrait footage", "te_chair-orig-22-sd-bar.mp4", 3.0, (
        mark("@tikhiy_dom", (0.95, 0.03), 0.4, size=0.025, anchor="rt"),
        mark("t.me/mirnyi_atom", (0.05, 0.96), 0.5, size=0.025, font="ptsans-bold",
             anchor="lb"),
        mark("Дом и быт", (0.05, 0.03), 0.35, size=0.03, font="roboto-medium"),
    ), size=(720, 1280)),
    Condition("box and outline 40-50%", "motiondetector_vtest.avi", 4.0, (
        mark("@zona_kontakta", (0.97, 0.04), 0.45, style="box", anchor="rt"),
        mark("t.me/peredovaya_77", (0.03, 0.95), 0.5, style="outline", font="opensans-bold",
             anchor="lb"),
        mark("Линия соприкосновения", (0.97, 0.95), 0.4, style="box", font="ptsans-regular",
             anchor="rb"),
    )),
    Condition("small 2% 45-60%", "udacity_solidYellowLeft.mp4", 8.0, (
        mark("@melkiy_shrift", (0.98, 0.03), 0.5, size=0.02, anchor="rt"),
        mark("t.me/tonkaya_liniya", (0.02, 0.96), 0.6, size=0.02, font="dejavu-sans",
             anchor="lb"),
        mark("Малый формат", (0.02, 0.03), 0.45, size=0.022, font="ptsans-regular"),
    )),
    Condition("large 5% 25-35%", "imageio_cockatoo.mp4", 2.0, (
        mark("@bolshoy_znak", (0.97, 0.04), 0.3, size=0.05, anchor="rt"),
        mark("t.me/krupno_info", (0.03, 0.95), 0.25, size=0.05, font="ptsans-bold",
             anchor="lb"),
        mark("КРУПНЫЙ ПЛАН", (0.5, 0.5), 0.35, size=0.05, font="opensans-bold", anchor="mm"),
    )),
    Condition("drifting slowly 40-50%", "motiondetector_vtest.avi", 2.0, (
        mark("@plavayushchiy", (0.74, 0.06), 0.45, scroll=0.008),
        mark("t.me/dreif_news", (0.45, 0.9), 0.5, font="opensans-semibold", scroll=0.01),
        mark("Медленный дрейф", (0.03, 0.2), 0.4, font="ptsans-bold", scroll=-0.006),
    )),
    Condition("part of the clip 40-55%", "udacity_solidYellowLeft.mp4", 15.0, (
        mark("@poyavlenie_4", (0.97, 0.04), 0.45, anchor="rt", start=4.0),
        mark("t.me/ukhod_news", (0.03, 0.95), 0.5, font="ptsans-bold", anchor="lb", end=5.0),
        mark("Кадры дня", (0.03, 0.04), 0.4, font="roboto-medium", start=2.0, end=7.0),
    )),
    # ocr13: handles in italic and serif faces, small and faint, dotted, and Latin written in
    # capitals that look Cyrillic, over busy footage (none of these was in the bench before)
    Condition("italic/serif handles busy 35-45%", "imageio_cockatoo.mp4", 5.0, (
        mark("@frontline_zapiski", (0.97, 0.04), 0.4, font="roboto-bolditalic", anchor="rt"),
        mark("t.me/vesti_okopov", (0.03, 0.95), 0.45, style="shadow", font="ptserif-bold",
             anchor="lb"),
        mark("@ural.svodki", (0.97, 0.95), 0.4, font="opensans-semibolditalic", anchor="rb"),
    )),
    Condition("small faint handles busy 25-35%", "intel_car-detection.mp4", 6.0, (
        mark("@tikhaya_voyna", (0.03, 0.04), 0.3, size=0.022, font="dejavu-sans-oblique"),
        mark("t.me/sever_dozor_21", (0.97, 0.95), 0.35, size=0.025, font="ptsans-italic",
             anchor="rb"),
        mark("@kanal.shtorm", (0.97, 0.04), 0.3, size=0.025, font="dejavu-serif-bold",
             anchor="rt"),
    )),
    Condition("Cyrillic-looking handles 40-55%", "imageio_cockatoo.mp4", 8.0, (
        mark("@BETEP_BOCTOKA", (0.97, 0.04), 0.5, style="outline", font="dejavu-sans-bold",
             anchor="rt"),
        mark("t.me/TEPEK_XPOHUKA", (0.03, 0.95), 0.45, font="ptsans-bold", anchor="lb"),
        mark("@MOPE_KPACOK", (0.97, 0.95), 0.55, style="box", font="roboto-medium",
             anchor="rb"),
    )),
    # textless: any track is false (the footage's own text: none in these stretches)
    Condition("textless handheld", "imageio_cockatoo.mp4", 3.0, ()),
    Condition("textless crowd", "motiondetector_vtest.avi", 3.0, ()),
    Condition("textless dashcam", "udacity_solidYellowLeft.mp4", 10.0, ()),
    Condition("textless sky", "moviepy_failing_audio.mp4", 0.5, ()),
)
# fmt: on
