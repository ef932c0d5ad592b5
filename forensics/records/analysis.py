"""The analysis record: everything ``analyze`` learnt about one clip, from decode to page.

It gathers the records of every stage (:mod:`.media`, :mod:`.claims`, :mod:`.reuse`,
:mod:`.checks`); stages return new records (``dataclasses.replace``) and never mutate one.
Its JSON shape is written and read in :mod:`forensics.records.schema`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

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

DepthLevel = Literal["full", "triage"]


@dataclass(frozen=True)
class Depth:
    """How deep the analysis went. ``full``: every frame decoded and sampled every half second
    (on-screen text read unless asked not to); ``triage``: key frames only (``analyze
    --triage``), with ``not_seen`` saying what a full analysis would add."""

    level: DepthLevel
    note: str  # one sentence: what was decoded
    not_seen: tuple[str, ...] = ()  # what this depth cannot see (triage only)
    # triage: "device:inode:size:mtime_ns" of the file it hashed, so a later full analysis can
    # tell the file is unchanged and take its hashes and probe instead of reading them again
    file_stat: str | None = None
    reused: str | None = None  # full: what it took from an earlier triage, and from when


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
    depth: Depth | None = None  # None: a record from before 1.5 (always a full analysis)

    @property
    def triaged(self) -> bool:
        """Whether only the clip's key frames were decoded (``analyze --triage``)."""
        return self.depth is not None and self.depth.level == "triage"

    @property
    def frames_hashed(self) -> int:
        return len(self.frames)

    @property
    def actor(self) -> str | None:
        return release_facts(self.case, self.claims)[0]

    @property
    def released(self) -> str | None:
        return release_facts(self.case, self.claims)[1]

    @property
    def forwarded_from(self) -> str | None:
        """Whose post this clip's was forwarded from (the case file's): an earlier release."""
        return self.case.forwarded_from if self.case else None


def release_facts(case: CaseEntry | None, claims: Sequence[ClaimRef]
                  ) -> tuple[str | None, str | None]:  # fmt: skip
    """Who released a clip and when: the case file's actor and date, else the first claim
    naming an actor and the earliest publication date of its claims. The one rule the case
    index, the checks and the overview all read."""
    actor = (case.actor if case else None) or next((c.actor for c in claims if c.actor), None)
    dates = [c.published for c in claims if c.published]
    released = (case.released if case else None) or (min(dates) if dates else None)
    return actor, released
