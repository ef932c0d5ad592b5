"""Phone screenshots for the second held-out stills set (issue 14; ``eval_stills.py --split
moments``, ``moments_stills.py``): the picture inside an app's screen, drawn with Pillow.

Written by the helper heldstills on 2026-12-07, before any detector ran on these stills. Four
kinds of screen, none of them the first set's (a black 9:16 screen with the frame across the
middle): a messenger chat (the picture an image bubble with rounded corners, a time stamp and
text under it), a video player held landscape (progress bar, play button, title), a social
network's card (avatar, name and text above the picture) and an Android app with its status
and navigation bars; and a screenshot of one of them, smaller, in a gallery viewer. The place
``index`` picks the theme, the scale and the texts.
"""

from __future__ import annotations

from PIL import Image, ImageDraw

from .moments_looks import BOLD, REGULAR, SEMIBOLD, font

SYMBOLS = "dejavu/DejaVuSans.ttf"  # has the ticks and the arrow

PORTRAIT = 19.5 / 9  # a phone's screen, height over width
NAMES = ("Олег Романенко", "Dmitry K.", "Войсковой вестник", "Sasha Front")
LINES = ("смотри что выложили", "this is from today?", "це біля нас, впізнаєш?",
         "перешли Андрею")  # fmt: skip
CLOCKS = ("07:52", "13:26", "19:03", "23:41")
TITLES = ("Колонна под ударом | полное видео", "Drone footage, eastern front, part 3",
          "Нічна робота артилерії", "Raw combat footage (no music)")  # fmt: skip
LIGHT = {"screen": (255, 255, 255), "text": (15, 20, 25), "soft": (110, 118, 125),
         "line": (225, 228, 232), "bar": (245, 246, 248)}  # fmt: skip
DARK = {"screen": (21, 32, 43), "text": (235, 238, 240), "soft": (136, 153, 166),
        "line": (56, 68, 77), "bar": (16, 24, 32)}  # fmt: skip


def theme(index: int) -> dict[str, tuple[int, int, int]]:
    return DARK if index % 2 else LIGHT


def scaled(picture: Image.Image, width: int) -> Image.Image:
    """The picture at ``width`` pixels wide, its shape kept."""
    height = max(2, round(picture.height * width / picture.width))
    return picture.convert("RGB").resize((max(2, width), height), Image.Resampling.BICUBIC)


def rounded(picture: Image.Image, radius: int) -> Image.Image:
    """The picture's mask with rounded corners (``radius`` pixels)."""
    mask = Image.new("L", picture.size, 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, *picture.size), max(1, radius), fill=255)
    return mask


def status_bar(screen: Image.Image, height: int, index: int, colour, ink) -> None:
    """Android's status bar: the clock and two notification icons at the left; signal, wifi
    and the battery with its charge at the right."""
    draw = ImageDraw.Draw(screen)
    w = screen.width
    draw.rectangle((0, 0, w, height), fill=colour)
    face = font(SEMIBOLD, round(height * 0.5))
    mid = height / 2
    draw.text((round(w * 0.05), mid), CLOCKS[index % len(CLOCKS)], font=face, fill=ink,
              anchor="lm")  # fmt: skip
    x = round(w * 0.05 + draw.textlength("00:00", font=face) + height * 0.4)
    for n in range(2):  # notification icons
        left = x + n * round(height * 0.6)
        draw.rounded_rectangle((left, mid - height * 0.2, left + height * 0.4, mid + height * 0.2),
                               2, outline=ink)  # fmt: skip
    right = w - round(w * 0.04)
    body = (right - height * 0.9, mid - height * 0.22, right - height * 0.1, mid + height * 0.22)
    draw.rectangle(body, outline=ink)  # the battery
    charge = (0.9, 0.55, 0.3, 0.75)[index % 4]
    draw.rectangle((body[0], body[1], body[0] + (body[2] - body[0]) * charge, body[3]), fill=ink)
    wifi = right - height * 1.6
    draw.pieslice((wifi - height * 0.35, mid - height * 0.3, wifi + height * 0.35,
                   mid + height * 0.4), 225, 315, fill=ink)  # fmt: skip
    sig = right - height * 2.5
    low, high = mid + height * 0.25, mid - height * 0.3
    draw.polygon([(sig - height * 0.35, low), (sig + height * 0.3, low),
                  (sig + height * 0.3, high)], fill=ink)  # fmt: skip


def nav_bar(screen: Image.Image, height: int, colour, ink) -> None:
    """Android's three-button navigation bar at the bottom: back, home, recent apps."""
    draw = ImageDraw.Draw(screen)
    w, h = screen.size
    top = h - height
    draw.rectangle((0, top, w, h), fill=colour)
    mid, r = top + height / 2, height * 0.22
    back = w * 0.25
    draw.polygon([(back - r, mid), (back + r, mid - r), (back + r, mid + r)], outline=ink)
    draw.ellipse((w / 2 - r, mid - r, w / 2 + r, mid + r), outline=ink, width=2)
    recent = w * 0.75
    draw.rectangle((recent - r * 0.9, mid - r * 0.9, recent + r * 0.9, mid + r * 0.9),
                   outline=ink, width=2)  # fmt: skip


def text_lines(draw: ImageDraw.ImageDraw, x: float, y: float, texts, face, ink, step) -> float:
    """Texts one under another from ``(x, y)``; the y below the last."""
    for text in texts:
        draw.text((x, y), text, font=face, fill=ink, anchor="lt")
        y += step
    return y


def messenger(picture: Image.Image, index: int) -> Image.Image:
    """A chat: a header with the contact, two text bubbles, then the picture as an image
    bubble with rounded corners (incoming on the left or sent on the right) with a line of
    text and a time stamp under it, and the input bar. The bubble is 70 % of a screen 1.3-1.5
    times the picture's width."""
    w = round(picture.width * (1.3, 1.5, 1.4)[index % 3])
    h = round(w * PORTRAIT)
    look = theme(index)
    chat = (210, 226, 200) if index % 2 == 0 else (14, 22, 33)
    screen = Image.new("RGB", (w, h), chat)
    draw = ImageDraw.Draw(screen)
    unit = max(8, round(w * 0.045))
    status_bar(screen, unit * 2, index, look["bar"], look["text"])
    draw.rectangle((0, unit * 2, w, unit * 5), fill=look["bar"])
    draw.ellipse((unit * 2, unit * 2.6, unit * 4, unit * 4.4), fill=(90, 140, 210))
    draw.text((unit * 5, unit * 3.5), NAMES[index % len(NAMES)], font=font(SEMIBOLD, unit),
              fill=look["text"], anchor="lm")  # fmt: skip
    sent = index % 3 == 1
    bubble = (239, 255, 222) if index % 2 == 0 else (43, 82, 120)
    face = font(REGULAR, round(unit * 0.8))
    y = unit * 7
    for n in range(2):
        text = LINES[(index + n) % len(LINES)]
        width = draw.textlength(text, font=face) + unit
        x = unit if n % 2 == 0 else w - unit - width
        draw.rounded_rectangle((x, y, x + width, y + unit * 1.6), unit // 2, fill=bubble)
        draw.text((x + unit / 2, y + unit * 0.8), text, font=face, fill=look["text"], anchor="lm")
        y += unit * 2.2
    image = scaled(picture, round(w * 0.7))
    x, y = (w - unit - image.width if sent else unit), round(y)
    draw.rounded_rectangle((x - 4, y - 4, x + image.width + 4, y + image.height + unit * 2.2),
                           unit // 2, fill=bubble)  # fmt: skip
    screen.paste(image, (x, y), rounded(image, unit // 2))
    below = y + image.height + unit * 0.3
    draw.text((x + 4, below), LINES[(index + 2) % len(LINES)], font=face, fill=look["text"])
    draw.text((x + image.width, below + unit * 1.1), f"{CLOCKS[(index + 1) % 4]} ✓✓",
              font=font(SYMBOLS, round(unit * 0.6)), fill=look["soft"], anchor="rt")  # fmt: skip
    draw.rounded_rectangle((unit, h - unit * 3, w - unit, h - unit), unit, fill=look["bar"])
    draw.text((unit * 2, h - unit * 2), "Сообщение", font=face, fill=look["soft"], anchor="lm")
    return screen


def player(picture: Image.Image, index: int) -> Image.Image:
    """A video player's landscape screenshot: a 19.5:9 screen the picture fills in height
    (black at the sides; a wider picture fills its width), its controls shown: the title over
    a dark band at the top, a play button in the middle, the time and a red progress bar at
    the bottom, the picture dimmed by the controls' shade on some places. The screen is
    1.0-1.3 times the picture's height."""
    h = round(picture.height * (1.0, 1.15, 1.3)[index % 3])
    w = round(h * PORTRAIT)
    screen = Image.new("RGBA", (w, h), (0, 0, 0, 255))
    # fitted whole: black at the sides, or above and below a picture wider than the screen
    image = scaled(picture, min(w, round(picture.width * h / picture.height)))
    screen.paste(image, ((w - image.width) // 2, (h - image.height) // 2))
    shade = Image.new("RGBA", (w, h), (0, 0, 0, (0, 50, 80)[index % 3]))
    draw = ImageDraw.Draw(shade)
    unit = max(6, round(h * 0.05))
    for n in range(unit * 3):  # the band behind the title fades downwards
        draw.line((0, n, w, n), fill=(0, 0, 0, round(160 * (1 - n / (unit * 3)))))
    draw.text((unit * 2, unit * 1.2), TITLES[index % len(TITLES)], font=font(SEMIBOLD, unit),
              fill=(255, 255, 255, 255), anchor="lm")  # fmt: skip
    r = unit * 1.6
    draw.ellipse((w / 2 - r, h / 2 - r, w / 2 + r, h / 2 + r), fill=(0, 0, 0, 110))
    draw.polygon([(w / 2 - r * 0.35, h / 2 - r * 0.5), (w / 2 - r * 0.35, h / 2 + r * 0.5),
                  (w / 2 + r * 0.55, h / 2)], fill=(255, 255, 255, 235))  # fmt: skip
    played = (0.18, 0.42, 0.67, 0.85)[index % 4]
    y, left, right = h - unit * 1.6, unit * 2, w - unit * 2
    at = left + (right - left) * played
    draw.line((left, y, right, y), fill=(255, 255, 255, 90), width=max(2, unit // 4))
    draw.line((left, y, at, y), fill=(255, 0, 0, 255), width=max(2, unit // 4))
    draw.ellipse((at - unit / 3, y - unit / 3, at + unit / 3, y + unit / 3), fill=(255, 0, 0, 255))
    draw.text((left, y - unit * 0.5), f"{index + 1}:{17 * index % 60:02d} / 12:{40 + index}",
              font=font(REGULAR, round(unit * 0.8)), fill=(255, 255, 255, 255),
              anchor="lb")  # fmt: skip
    draw.rectangle((right - unit, y - unit * 1.5, right - unit * 0.2, y - unit * 0.7),
                   outline=(255, 255, 255, 255), width=2)  # fmt: skip
    return Image.alpha_composite(screen, shade).convert("RGB")


def social(picture: Image.Image, index: int) -> Image.Image:
    """A social network's post: a light or dark screen, the app's header, an avatar circle,
    the poster's name and handle and two lines of text above the picture (padded, rounded
    corners) and a row of counts under it. The picture is 88 % of a screen 0.9-1.1 times
    its own width (plus the padding)."""
    w = round(picture.width / 0.88 * (1.0, 0.9, 1.1, 1.05)[index % 4])
    h = round(w * PORTRAIT)
    look = theme(index + 1)
    screen = Image.new("RGB", (w, h), look["screen"])
    draw = ImageDraw.Draw(screen)
    unit = max(8, round(w * 0.04))
    status_bar(screen, unit * 2, index + 1, look["screen"], look["text"])
    draw.text((w / 2, unit * 3.3), "Home", font=font(BOLD, unit), fill=look["text"], anchor="mm")
    draw.line((0, unit * 4.8, w, unit * 4.8), fill=look["line"], width=1)
    pad = round(w * 0.06)
    top = unit * 6
    avatar = ((230, 120, 40), (60, 160, 90), (120, 80, 200), (200, 60, 90))[index % 4]
    draw.ellipse((pad, top, pad + unit * 2.4, top + unit * 2.4), fill=avatar)
    name = NAMES[(index + 1) % len(NAMES)]
    draw.text((pad + unit * 3, top + unit * 0.2), name, font=font(BOLD, round(unit * 0.9)),
              fill=look["text"])  # fmt: skip
    draw.text((pad + unit * 3, top + unit * 1.3), f"@user{4021 + 37 * index} · {index + 2}h",
              font=font(REGULAR, round(unit * 0.8)), fill=look["soft"])  # fmt: skip
    texts = (TITLES[(index + 2) % 4], LINES[(index + 3) % 4])
    y = text_lines(draw, pad, top + unit * 3.2, texts, font(REGULAR, round(unit * 0.85)),
                   look["text"], unit * 1.3)  # fmt: skip
    image = scaled(picture, w - 2 * pad)
    y = round(y + unit * 0.5)
    screen.paste(image, (pad, y), rounded(image, round(unit * 0.8)))
    counts = f"{12 + index}    {48 * (index + 1)}    {310 + 97 * index}"
    draw.text((pad + unit, y + image.height + unit), counts, font=font(REGULAR, unit),
              fill=look["soft"])  # fmt: skip
    draw.line((0, y + image.height + unit * 3, w, y + image.height + unit * 3), fill=look["line"])
    return screen


def android(picture: Image.Image, index: int) -> Image.Image:
    """A video app on Android held upright: the status bar, the picture across the top at
    the screen's width, the title, the channel's row with a subscribe pill and comment lines
    under it, the navigation bar at the bottom. The screen is 1.0-1.5 times the picture's
    width."""
    w = round(picture.width * (1.2, 1.0, 1.5, 1.35)[index % 4])
    h = round(w * PORTRAIT)
    look = theme(index)
    screen = Image.new("RGB", (w, h), look["screen"])
    draw = ImageDraw.Draw(screen)
    unit = max(8, round(w * 0.04))
    status_bar(screen, unit * 2, index, (0, 0, 0), (255, 255, 255))
    image = scaled(picture, w)
    screen.paste(image, (0, unit * 2))
    y = unit * 2.6 + image.height
    draw.text((unit, y), TITLES[(index + 1) % 4], font=font(SEMIBOLD, unit), fill=look["text"])
    y += unit * 2.2
    draw.ellipse((unit, y, unit * 3, y + unit * 2), fill=(200, 40, 40))
    draw.text((unit * 3.6, y + unit), NAMES[(index + 2) % 4], font=font(REGULAR, unit),
              fill=look["text"], anchor="lm")  # fmt: skip
    draw.rounded_rectangle((w - unit * 7, y + unit * 0.2, w - unit, y + unit * 1.8), unit,
                           fill=look["text"])  # fmt: skip
    draw.text((w - unit * 4, y + unit), "Subscribe", font=font(SEMIBOLD, round(unit * 0.7)),
              fill=look["screen"], anchor="mm")  # fmt: skip
    y += unit * 3.5
    while y < h - unit * 6:  # comments, as grey lines of text
        draw.ellipse((unit, y, unit * 2.4, y + unit * 1.4), fill=look["line"])
        draw.rectangle((unit * 3, y, w * (0.6 + 0.1 * (y % 3)), y + unit * 0.5), fill=look["line"])
        draw.rectangle((unit * 3, y + unit, w * 0.8, y + unit * 1.4), fill=look["line"])
        y += unit * 2.6
    nav_bar(screen, unit * 3, (0, 0, 0), (255, 255, 255))
    return screen


def gallery(picture: Image.Image, index: int) -> Image.Image:
    """A screenshot of a screenshot: the ``social`` or ``messenger`` screen of the picture
    shown in a gallery viewer at 70-85 % of its size, on black, under the viewer's own status
    bar and toolbar (the file's name) and over its bottom bar of actions."""
    inner = (social, messenger)[index % 2](picture, index + 1)
    w, h = inner.size
    shown = inner.resize((round(w * (0.7, 0.78, 0.85)[index % 3]),
                          round(h * (0.7, 0.78, 0.85)[index % 3])),
                         Image.Resampling.BILINEAR)  # fmt: skip
    screen = Image.new("RGB", (w, h), (0, 0, 0))
    screen.paste(shown, ((w - shown.width) // 2, (h - shown.height) // 2))
    draw = ImageDraw.Draw(screen)
    unit = max(8, round(w * 0.04))
    status_bar(screen, unit * 2, index + 2, (0, 0, 0), (255, 255, 255))
    draw.text((unit, unit * 3.2), f"←  Screenshot_2026120{index % 9 + 1}_{CLOCKS[index % 4]}.png",
              font=font(SYMBOLS, round(unit * 0.8)), fill=(255, 255, 255), anchor="lm")  # fmt: skip
    for n in range(4):  # share, edit, favourite, delete
        x = w * (0.15 + 0.233 * n)
        draw.rounded_rectangle((x - unit / 2, h - unit * 4, x + unit / 2, h - unit * 3),
                               3, outline=(255, 255, 255), width=2)  # fmt: skip
    nav_bar(screen, unit * 2, (0, 0, 0), (200, 200, 200))
    return screen
