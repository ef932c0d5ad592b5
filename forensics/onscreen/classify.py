"""What a track of text is: a caption, a channel's mark (watermark or handle), a HUD's
telemetry, or other text; by its content first, then its place in the active picture (inside
any black bars: a repost letterboxes the footage it carries) and how long it stays."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from forensics.onscreen.telemetry import parse_hud
from forensics.records.onscreen import OnscreenKind

HANDLE = re.compile(r"@[\w.]{3,}|t\.me/|https?://|www\.|\.(?:com|ru|ua|org|net)\b", re.I)
TELEMETRY = re.compile(
    r"\d{1,3}[.,]\d{3,}\s*°?\s*[NSEWСЮВЗ]\b"  # a coordinate
    r"|\b(?:ALT|HDG|SPD|DIST|REC|BAT|GPS|ZOOM|Z00M|AZ|EL|HS|VS|ISO|ВЫС|СКОР|ВИС|ШВИД)\b"
    r"|\d{4}-\d{2}-\d{2}|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{1,2}:\d{2}(?::\d{2})?\b"
    r"|\d+(?:[.,]\d+)?\s*(?:m|km|km/h|m/s|%|x|м|км)(?![^\W\d_])",
    re.I,
)
CORNER = 0.22  # fraction of the picture from an edge
WATERMARK_PERSISTS = 0.5  # of the clip's sampled frames
BAR_GREY = 24  # a bar's pixels stay this dark on every frame looked at
LIT = 0.5  # share of a row's (column's) pixels brighter somewhen: a row of the picture
MIN_ACTIVE = 0.3  # of the frame: a smaller lit part is a dark clip, not bars
Box = tuple[int, int, int, int]


def kind_of(text: str, box: Box, picture: tuple[int, int], persistence: float,
            active: Box | None = None) -> OnscreenKind:  # fmt: skip
    """The kind of a track: ``persistence`` is the fraction of the clip's frames it is on;
    ``active``: the part of the ``picture`` the footage fills (x, y, w, h; the whole picture
    when None), where its corners and bottom are."""
    if HANDLE.search(text):
        return "watermark"
    if is_telemetry(text):
        return "hud"
    left, top, width, height = active or (0, 0, *picture)
    x, y, w, h = box
    cx, cy = (x + w / 2 - left) / width, (y + h / 2 - top) / height
    in_corner = min(cx, 1 - cx) < CORNER and min(cy, 1 - cy) < CORNER
    if in_corner and persistence >= WATERMARK_PERSISTS:
        return "watermark"
    words = [t for t in text.split() if sum(c.isalpha() for c in t) >= 2]
    if words and not in_corner and (cy > 0.55 or abs(cx - 0.5) < 0.2):
        return "caption"
    return "other"


def is_telemetry(text: str) -> bool:
    """Whether ``text`` reads as a HUD's: a reading with its unit, a clock, a position (in any
    notation: DMS, MGRS), a labelled altitude."""
    if TELEMETRY.search(text) and sum(c.isdigit() for c in text) >= 2:
        return True
    reading = parse_hud(text)
    return reading.position is not None or reading.alt_m is not None


def active_area(frames: Sequence[np.ndarray]) -> Box:
    """The part of the frames (grey, one size) the footage fills: the rows and columns where
    at least half the pixels are brighter than a black bar on some frame; the whole frame when
    that part is under a third of it (a dark clip, not bars). Text in a bar (a handle under a
    letterboxed picture) lights too few of its rows to count as picture."""
    peak = np.maximum.reduce([np.asarray(f) for f in frames])
    lit = peak > BAR_GREY
    rows = np.flatnonzero(lit.mean(axis=1) >= LIT)
    cols = np.flatnonzero(lit.mean(axis=0) >= LIT)
    height, width = peak.shape
    whole = (0, 0, width, height)
    if not len(rows) or not len(cols):
        return whole
    y0, y1, x0, x1 = int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1
    if (y1 - y0) < MIN_ACTIVE * height or (x1 - x0) < MIN_ACTIVE * width:
        return whole
    return (x0, y0, x1 - x0, y1 - y0)
