"""One clip as the case overview shows it, shared by the overview and its chronology."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ClipView:
    """One clip as the overview shows it."""

    number: int
    sha256: str
    name: str
    report: str | None  # link relative to index.html, or None when the report is gone
    thumbnail: str | None
    actor: str | None
    side: str | None
    released: str | None
    duration: str
    flag_counts: dict[str, int]
    worst: str | None
    verdicts: dict[str, int]
    created: str | None
    missing: str | None  # why the index record stands in for the report, or None
    onscreen: str | None = None  # what the picture names: captions' places, the HUD's days
    onscreen_verdicts: dict[str, int] = field(default_factory=dict)  # of its on-screen checks
    forwarded_from: str | None = None  # the channel its post was forwarded from (its side's)
