"""What a track of text is: a caption, a channel's mark (watermark or handle), a HUD's
telemetry, or other text; by its content first, then its place and how long it stays."""

from __future__ import annotations

import re

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


def kind_of(text: str, box: tuple[int, int, int, int], picture: tuple[int, int],
            persistence: float) -> OnscreenKind:  # fmt: skip
    """The kind of a track: ``persistence`` is the fraction of the clip's frames it is on."""
    if HANDLE.search(text):
        return "watermark"
    if is_telemetry(text):
        return "hud"
    width, height = picture
    x, y, w, h = box
    cx, cy = (x + w / 2) / width, (y + h / 2) / height
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
