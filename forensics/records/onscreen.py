"""Text burned into the picture: captions, channel marks, HUD telemetry, one record per track.

A track is one piece of text while it stays on screen unchanged: ``start`` and ``end`` are the
exact times of the first and last sampled frames it was seen on, ``box`` where it sat in the
clip's picture (display orientation, pixels). ``OnscreenStatus`` says whether the picture's text
was read at all, by which engine, or why not: an empty list means "no text" only when it says
it was read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from forensics.records.claims import Fact
from forensics.records.media import Timestamp

OnscreenKind = Literal["caption", "watermark", "hud", "other", "unreadable"]
# unreadable: mirrored text or garbage, no caption (forensics.onscreen.mirror); see its note
ONSCREEN_KINDS: tuple[str, ...] = ("caption", "watermark", "hud", "other", "unreadable")


@dataclass(frozen=True)
class OnscreenText:
    text: str  # as read: untrusted, like any text the evidence carries
    start: Timestamp  # first sampled frame showing it
    end: Timestamp  # last sampled frame showing it
    box: tuple[int, int, int, int]  # x, y, w, h in the clip's picture
    kind: OnscreenKind
    lang: str  # en (Latin script), ru, uk (Cyrillic: і ї є ґ make it Ukrainian), "" (no letters)
    confidence: float  # the engine's mean word confidence, 0-1, of the reading kept
    image: str | None  # the crop where it reads clearest, relative to the report folder
    note: str = ""  # why it is unreadable: mirrored (and what it reads flipped), or garbage

    def assert_valid(self) -> None:
        if self.kind not in ONSCREEN_KINDS:
            raise ValueError(f"on-screen text kind {self.kind!r}")
        if self.end.seconds < self.start.seconds or min(self.box[2:]) <= 0:
            raise ValueError(f"on-screen text from {self.start} to {self.end} in {self.box}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"on-screen text confidence {self.confidence}")


@dataclass(frozen=True)
class OnscreenStatus:
    """Whether on-screen text was read: the engine, its language data and what it cost, or the
    reason it was not and how to enable it."""

    read: bool
    engine: str | None  # "tesseract 5.3.0 (tesserocr 2.13.0), detector ..." when read
    languages: tuple[str, ...]  # the language data read with: eng, rus, ukr
    note: str  # one sentence: how much was read, or why nothing was
    frames: int = 0  # sampled frames looked at
    reads: int = 0  # regions the engine read (a region unchanged since is not read again)


NOTATIONS: tuple[str, ...] = ("decimal", "dms", "dm", "mgrs")


@dataclass(frozen=True)
class Telemetry:
    """What one HUD track shows, parsed (:mod:`forensics.onscreen.telemetry`): a position, an
    altitude, a date and a clock, each only where every digit of it was read. ``track`` indexes
    the record's ``onscreen_text``; ``start`` and ``end`` are that track's times. The point is
    as the digits shown give it: ``precision_m`` is half the last digit's step, in metres."""

    track: int
    start: Timestamp
    end: Timestamp
    lat: float | None = None
    lon: float | None = None
    position: str | None = None  # the coordinates as shown: "N 50.5932 E 36.5873"
    notation: str | None = None  # decimal, dms (degrees, minutes, seconds), dm, mgrs
    precision_m: float | None = None
    alt_m: float | None = None
    altitude: str | None = None  # as shown: "H 120m", "ALT 394ft"
    date: str | None = None  # YYYY-MM-DD
    clock: str | None = None  # HH:MM or HH:MM:SS, 24-hour
    zone: str | None = None  # "UTC", "UTC+03:00" when the HUD says; None: not shown

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None

    def assert_valid(self) -> None:
        if self.has_point and not (abs(self.lat or 0) <= 90 and abs(self.lon or 0) <= 180):
            raise ValueError(f"HUD position {self.lat}, {self.lon}")
        if (self.lat is None) != (self.lon is None) or (self.has_point and not self.notation):
            raise ValueError("a HUD position needs both coordinates and its notation")
        if self.notation is not None and self.notation not in NOTATIONS:
            raise ValueError(f"HUD notation {self.notation!r}")
        if self.end.seconds < self.start.seconds or self.track < 0:
            raise ValueError(f"HUD track {self.track} from {self.start} to {self.end}")


@dataclass(frozen=True)
class OnscreenClaim:
    """What a caption says, read as a claim (:mod:`forensics.claims.onscreen`): the text of one
    caption (its lines joined, top first), its times, the ``onscreen_text`` tracks it is made
    of, and the facts found in it, offsets into ``text`` as a claim's are into its body."""

    text: str
    start: Timestamp
    end: Timestamp
    tracks: tuple[int, ...]
    facts: tuple[Fact, ...]

    def assert_valid(self) -> None:
        if self.end.seconds < self.start.seconds or not self.tracks:
            raise ValueError(f"on-screen claim from {self.start} to {self.end}")
        for fact in self.facts:
            if self.text[fact.start : fact.end] != fact.text:
                raise ValueError(f"on-screen fact {fact.text!r} is not at {fact.start}")
