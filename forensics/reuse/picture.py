"""The picture inside a still: what of a screenshot, a captioned frame or a post is footage.

A still posted as evidence is often not the frame itself: a phone's screenshot shows the
picture at the screen's width between a status bar, a channel's header and the post's text,
on a black or white screen; a desktop's shows it at half the screen beside a page; a frame is
posted under an opaque caption bar or a channel's band. Described whole, such a still gives
its keypoints to the text's sharp corners and shrinks the picture to a fraction of the
samples' 320 pixels: on the tune sources' stills (``benchmarks/eval_stills.py --weak``) most
screenshots and captioned frames were matched to no moment at all, or only by chance at a
scale of 0.24-0.37. So a still is described by its picture: the rectangle inside a flat
screen or border, without flat bars along its top and bottom, its lines of drawn text
painted over, brought to the samples' long side from the still's own pixels. Only flat areas
are cut: a still whose edges are footage and which shows no text is its own picture, and is
described exactly as before. A picture found on a screen is looked into again: a screenshot
shown in a gallery and captured again, a picture in a chat's bubble.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from forensics.media.frames import SAMPLE_LONG_SIDE, fit_long_side

WORK_SIDE = 640  # the still is looked at this large (long side) to find its picture
# ...and its picture kept at most this large until it is described (text is found on it)
STILL_LOOK_SIDE = 1280
FLAT = 4  # grey levels: a screen or a bar is drawn flat (asphalt's grain is not)
OFF_SCREEN = 16  # a pixel this far from the screen's level is something on it
TEXT_SIDE = 60  # of the long side: things thinner than this on a screen (text, icons) go
MIN_PICTURE = 0.08  # of the still's area: a smaller thing on a screen is not the picture
FILLED = 0.7  # of its rectangle, the picture's pixels off the screen's level at least
GROW_FLAT = 0.5  # of a line beside the picture, this share flat: the screen, not the picture
SCREEN_AROUND = 0.8  # of the rest of the still (what is not a solid thing on it), flat
MAX_NESTED = 2  # screens looked for inside a screen's picture (a screenshot of a screenshot)
MIN_NESTED = 64  # px: a found part smaller than this is not looked into
NESTED_INSET = 0.01  # of a found part's size, left out along each side when looking into it
# A screen's flat areas need not be at its edges' level (a light app's grey status bar
# and app bar on a white page: 0.77-0.79 of the rest at the level), but they are drawn: no
# step at all between neighbours (after the 3x3 median). On the phone stills
# (``eval_stills.py --phones``) a screenshot shown in a gallery and a chat's bubble had 0.83-0.95
# of the rest drawn so; smooth footage (an indoor table, asphalt, a road) 0.38-0.68, where
# steps of up to ``FLAT`` took 0.82-0.98 and cut parts of plain tune stills as "pictures"
DRAWN = 0
BAR_ROW = 0.35  # of a bar's rows' pixels at its level (text on the bar, and its blur, the rest)
BAR_STEP = 20  # grey levels between a bar and the picture's first row beyond it
MIN_BAR, MAX_BAR = 0.02, 0.35  # of the picture's height: a band thinner or thicker is not one
# Burned-in text: a line of letters is a band of sharp edges (a 3x3 step this large: drawn
# glyphs, not a camera's blur), this tall, at least 3 times as wide, this dense in edges.
# On the tune stills it found the captions, handles and subtitles drawn over the picture and
# nothing in the plain frames (at 0.12 and lower heights it took bits of the film's set)
TEXT_EDGE = 110
TEXT_HEIGHT = (0.03, 0.15)  # of the picture's height
TEXT_DENSITY = 0.3


@dataclass(frozen=True)
class StillPicture:
    """A still's picture (grey, text painted over) and where it lies in the still: ``box``
    in shares of the still's width and height; ``on_screen`` when it was found on a screen
    or a border (a screenshot), not only under bars or text."""

    gray: np.ndarray
    box: tuple[float, float, float, float]
    on_screen: bool


def picture_box(gray: np.ndarray) -> tuple[int, int, int, int]:
    """The picture's rectangle ``(x0, y0, x1, y1)`` in ``gray``'s pixels (all of it when no
    screen, border or bar is found): ``found_box``'s rectangle."""
    return found_box(gray)[0]


def found_box(gray: np.ndarray) -> tuple[tuple[int, int, int, int], bool]:
    """The picture's rectangle in ``gray``'s pixels, and whether it lies on a screen or a
    border; looked for again inside what is found while that shows a screen too (a
    screenshot opened in a gallery and captured again, a picture in a chat's bubble), each
    time at the found part's own resolution."""
    box, on_screen = _picture_in(gray)
    for _ in range(MAX_NESTED if on_screen else 0):
        x0, y0, x1, y1 = _inset(box)
        crop = gray[y0:y1, x0:x1]
        if min(crop.shape[:2]) < MIN_NESTED or _on_screen(_work_size(crop)[0]) is None:
            break
        inner, _ = _picture_in(crop)
        box = (x0 + inner[0], y0 + inner[1], x0 + inner[2], y0 + inner[3])
    return box, on_screen


def _inset(box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """``box`` without ``NESTED_INSET`` of its size along each side: the lines of the outer
    screen a found part keeps at its edges would be taken for the inner screen's level."""
    x0, y0, x1, y1 = box
    dx, dy = round((x1 - x0) * NESTED_INSET), round((y1 - y0) * NESTED_INSET)
    return x0 + dx, y0 + dy, x1 - dx, y1 - dy


def _picture_in(gray: np.ndarray) -> tuple[tuple[int, int, int, int], bool]:
    """The picture on ``gray``'s screen or border, without its bars (``found_box``'s one
    step), and whether a screen or border was found."""
    height, width = gray.shape[:2]
    small, factor = _work_size(gray)
    screen = _on_screen(small)
    x0, y0, x1, y1 = screen or (0, 0, small.shape[1], small.shape[0])
    top, bottom = _bars(small[y0:y1, x0:x1])
    y0, y1 = y0 + top, y1 - bottom
    return (round(x0 / factor), round(y0 / factor), min(width, round(x1 / factor)),
            min(height, round(y1 / factor))), screen is not None  # fmt: skip


def _work_size(gray: np.ndarray) -> tuple[np.ndarray, float]:
    """``gray`` at most ``WORK_SIDE`` large, and the factor it was shrunk by."""
    height, width = gray.shape[:2]
    factor = min(1.0, WORK_SIDE / max(width, height))
    small = gray if factor == 1.0 else cv2.resize(
        gray, (max(1, round(width * factor)), max(1, round(height * factor))),
        interpolation=cv2.INTER_AREA)  # fmt: skip
    return small, factor


def still_picture(gray: np.ndarray) -> np.ndarray:
    """A still's picture (``picture_of``; the still itself when it is its own picture) at
    the samples' long side, area-resized as a still always was."""
    picture = picture_of(gray)
    return at_sample_size(gray if picture is None else picture.gray)


def picture_of(gray: np.ndarray) -> StillPicture | None:
    """The still's picture: inside its screen or border, without its bars (``found_box``),
    at most ``STILL_LOOK_SIDE`` large, its lines of text painted over (``text_lines``).
    None when none of those is found: the still is its own picture, described as before."""
    height, width = gray.shape[:2]
    box, on_screen = found_box(gray)
    x0, y0, x1, y1 = box
    crop = np.ascontiguousarray(gray[y0:y1, x0:x1], np.uint8)
    if max(crop.shape) > STILL_LOOK_SIDE:
        size = fit_long_side((crop.shape[1], crop.shape[0]), STILL_LOOK_SIDE)
        crop = np.asarray(cv2.resize(crop, size, interpolation=cv2.INTER_AREA), np.uint8)
    cleaned = _without_text(crop)
    if box == (0, 0, width, height) and cleaned is crop:
        return None
    shares = (round(x0 / width, 4), round(y0 / height, 4), round(x1 / width, 4),
              round(y1 / height, 4))  # fmt: skip
    return StillPicture(cleaned, shares, on_screen)


def at_sample_size(gray: np.ndarray) -> np.ndarray:
    """``gray`` area-resized to the samples' long side, as the decode shrinks a frame."""
    size = fit_long_side((gray.shape[1], gray.shape[0]), SAMPLE_LONG_SIDE)
    return cv2.resize(np.ascontiguousarray(gray, np.uint8), size, interpolation=cv2.INTER_AREA)


def _on_screen(gray: np.ndarray) -> tuple[int, int, int, int] | None:
    """The largest solid thing on a flat screen or border (the level of the still's edges),
    once text and icons (thinner than ``TEXT_SIDE``) are taken off it: a rectangle it fills,
    the rest of the still flat but for other solid things (bars) and text."""
    blurred = cv2.medianBlur(gray, 3).astype(np.int16)
    edges = np.concatenate([blurred[0], blurred[-1], blurred[:, 0], blurred[:, -1]])
    level = int(np.median(edges))
    off = np.abs(blurred - level) > OFF_SCREEN
    side = max(3, round(max(gray.shape) / TEXT_SIDE)) | 1
    solid = cv2.morphologyEx(off.astype(np.uint8), cv2.MORPH_OPEN, np.ones((side, side), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(solid)
    if count < 2:
        return None
    x, y, w, h, area = (int(v) for v in stats[1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))])
    if not MIN_PICTURE * gray.size <= w * h <= 0.98 * gray.size or area < FILLED * w * h:
        return None
    rest = np.ones(gray.shape, bool)
    rest[y : y + h, x : x + w] = False
    rest &= solid == 0
    if not rest.any() or _flat_share(blurred, rest, level) < SCREEN_AROUND:
        return None
    return _grown(np.abs(blurred - level) <= FLAT, (x, y, x + w, y + h))


def _flat_share(blurred: np.ndarray, rest: np.ndarray, level: int) -> float:
    """The share of ``rest`` that is screen: at the screen's level, or drawn flat where it
    lies (steps of ``DRAWN`` between neighbours: a light app's grey bars on its white page;
    text is the rest)."""
    at_level = float(np.mean(np.abs(blurred[rest] - level) <= FLAT))
    kernel = np.ones((3, 3), np.uint8)
    steps = cv2.morphologyEx(blurred.astype(np.uint8), cv2.MORPH_GRADIENT, kernel)
    return max(at_level, float(np.mean(steps[rest] <= DRAWN)))


def _grown(flat: np.ndarray, box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """``box`` grown over the lines beside it that are mostly not flat screen: the picture's
    dark parts on a black screen (or light on a white one) fall off the solid thing."""
    x0, y0, x1, y1 = box
    columns = flat[y0:y1].mean(axis=0) >= GROW_FLAT
    rows = flat[:, x0:x1].mean(axis=1) >= GROW_FLAT
    left, right = _run(columns[:x0][::-1]), _run(columns[x1:])
    up, down = _run(rows[:y0][::-1]), _run(rows[y1:])
    return x0 - left, y0 - up, x1 + right, y1 + down


def _run(flat: np.ndarray) -> int:
    """How many lines from the first are not flat."""
    stops = np.nonzero(flat)[0]
    return int(stops[0]) if len(stops) else len(flat)


def _bars(picture: np.ndarray) -> tuple[int, int]:
    """How many rows a uniform bar (a caption band, text on it allowed) takes along the
    picture's top and along its bottom."""
    height = picture.shape[0]
    top = _band(picture)
    bottom = _band(picture[::-1])
    found = [n if MIN_BAR * height <= n <= MAX_BAR * height else 0 for n in (top, bottom)]
    return found[0], found[1]


def _band(rows: np.ndarray) -> int:
    """The rows from the first on that are mostly one flat grey level, the first row's (a
    bar's colour; the text written on it is the rest), when the picture beyond steps away
    from that level."""
    if not len(rows):
        return 0
    level = int(np.median(rows[0]))
    share = (np.abs(rows.astype(np.int16) - level) <= FLAT).mean(axis=1)
    below = np.nonzero(share < BAR_ROW)[0]
    if not len(below):
        return 0
    beyond = rows[below[0] : below[0] + 3]
    return int(below[0]) if abs(int(np.median(beyond)) - level) >= BAR_STEP else 0


def _without_text(picture: np.ndarray) -> np.ndarray:
    """``picture`` with its lines of burned-in text painted over from around them: a
    keypoint on a letter is in no clip (no moment can rest on it), and letters' sharp
    corners would take the budget from the footage under and around them."""
    mask = np.zeros(picture.shape, np.uint8)
    for x, y, w, h in text_lines(picture):
        mask[y : y + h, x : x + w] = 255
    if not mask.any():
        return picture
    mask = np.asarray(cv2.dilate(mask, np.ones((5, 5), np.uint8)), np.uint8)
    return cv2.inpaint(picture, mask, 3, cv2.INPAINT_TELEA)


def text_lines(picture: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Rectangles ``(x, y, w, h)`` of what looks like lines of drawn text (``TEXT_EDGE``)."""
    height = picture.shape[0]
    sharp = cv2.morphologyEx(picture, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8))
    sharp = (sharp >= TEXT_EDGE).astype(np.uint8)
    reach = max(3, round(height / 20))
    joined = cv2.morphologyEx(
        sharp, cv2.MORPH_CLOSE, np.ones((max(3, reach // 2), reach), np.uint8)
    )
    _, _, stats, _ = cv2.connectedComponentsWithStats(joined)
    low, high = (share * height for share in TEXT_HEIGHT)
    return [(int(x), int(y), int(w), int(h)) for x, y, w, h, _ in stats[1:]
            if low <= h <= high and w >= 2 * h
            and sharp[y : y + h, x : x + w].mean() >= TEXT_DENSITY]  # fmt: skip
