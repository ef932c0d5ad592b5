"""The analysis record: everything ``analyze`` learnt about one clip, from decode to page.

It gathers the records of every stage (:mod:`.media`, :mod:`.claims`, :mod:`.reuse`,
:mod:`.checks`); stages return new records (``dataclasses.replace``) and never mutate one.
Its JSON shape is written and read in :mod:`forensics.records.schema`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from forensics.records.checks import Check
from forensics.records.claims import CaseEntry, ClaimRef
from forensics.records.custody import CustodyEvent
from forensics.records.media import (
    Crop,
    FileIdentity,
    Flag,
    FrameHash,
    FrameImage,
    Keyframe,
    MediaInfo,
    Metadata,
    ToolInfo,
)
from forensics.records.onscreen import OnscreenClaim, OnscreenStatus, OnscreenText, Telemetry
from forensics.records.reuse import ReuseEntry


@dataclass(frozen=True)
class AnalysisRecord:
    schema: str
    tool: ToolInfo
    file: FileIdentity
    media: MediaInfo
    metadata: Metadata
    flags: tuple[Flag, ...]
    crop: Crop | None
    frames: tuple[FrameHash, ...]
    keyframes: tuple[Keyframe, ...]
    claims: tuple[ClaimRef, ...]
    case: CaseEntry | None  # actor / released date / pinned hash from the case file
    reuse: tuple[ReuseEntry, ...] = ()  # footage shared with other clips of the case index
    reuse_checked: int | None = None  # other clips compared; None: no case index used
    reuse_scope: str | None = None  # how far the check reached, in one sentence
    checks: tuple[Check, ...] = ()  # the claims checked against the evidence
    frame_images: tuple[FrameImage, ...] = ()  # thumbnails of the sampled frames, by time
    custody: tuple[CustodyEvent, ...] = ()  # every step that read or wrote, oldest first
    onscreen_text: tuple[OnscreenText, ...] = ()  # text burned into the picture, per track
    onscreen: OnscreenStatus | None = None  # whether it was read (None: a record from before)
    onscreen_telemetry: tuple[Telemetry, ...] = ()  # what the HUD tracks show, parsed
    onscreen_claims: tuple[OnscreenClaim, ...] = ()  # captions read as claims, with their facts

    @property
    def frames_hashed(self) -> int:
        return len(self.frames)

    @property
    def actor(self) -> str | None:
        return release_facts(self.case, self.claims)[0]

    @property
    def released(self) -> str | None:
        return release_facts(self.case, self.claims)[1]


def release_facts(case: CaseEntry | None, claims: Sequence[ClaimRef]
                  ) -> tuple[str | None, str | None]:  # fmt: skip
    """Who released a clip and when: the case file's actor and date, else the first claim
    naming an actor and the earliest publication date of its claims. The one rule the case
    index, the checks and the overview all read."""
    actor = (case.actor if case else None) or next((c.actor for c in claims if c.actor), None)
    dates = [c.published for c in claims if c.published]
    released = (case.released if case else None) or (min(dates) if dates else None)
    return actor, released
