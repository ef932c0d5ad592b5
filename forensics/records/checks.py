"""Records of claims checked against the evidence: the verdicts, a check, and the flag that
restates a check with a given verdict."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from forensics.records.media import Severity
from forensics.records.reuse import OrientedStretch

Verdict = Literal["consistent", "contradicted", "cannot be tested"]
VERDICTS: tuple[Verdict, ...] = ("contradicted", "consistent", "cannot be tested")
UNTESTED: Verdict = "cannot be tested"
LABELS = {
    "duration": "Length of the footage",
    "platform_duration": "Length stated by the platform",
    "published_vs_creation": "Publication date vs creation time",
    "events_vs_creation": "Event dates vs creation time",
    "events_vs_earliest_release": "Event dates vs earliest release of the footage",
    "place_vs_gps": "Places vs GPS location",
    "hedge": "The claim's own caveats",
    "opposing_actors": "Same footage released by opposing sides",
    "caption_place_vs_gps": "On-screen places vs GPS location",
    "caption_place_vs_hud": "On-screen places vs the HUD's position",
    "caption_place_vs_claim": "On-screen places vs the claim's places",
    "hud_date_vs_creation": "HUD date vs creation time",
    "hud_date_vs_claim": "HUD date vs the claim's dates",
    "onscreen_channel": "Channel marks on screen vs the releaser",
}
# The flag that restates a check with this verdict, and its severity.
CHECK_FLAGS: dict[tuple[str, Verdict], tuple[str, Severity]] = {
    ("duration", "consistent"): ("duration_matches_claim", "info"),
    ("duration", "contradicted"): ("duration_differs_from_claim", "medium"),
    # The platform measured the file it served: a file of another length is not that file
    # (forensics.claims.checks.length says why this is high where a text's length is medium).
    ("platform_duration", "consistent"): ("duration_matches_platform", "info"),
    ("platform_duration", "contradicted"): ("duration_differs_from_platform", "high"),
    ("published_vs_creation", "contradicted"): ("created_after_claim", "high"),
    ("events_vs_creation", "contradicted"): ("created_before_event", "high"),
    ("events_vs_earliest_release", "contradicted"): ("released_before_event", "high"),
    ("place_vs_gps", "contradicted"): ("place_differs_from_claim", "medium"),
    ("opposing_actors", "contradicted"): ("opposing_actors_share_footage", "high"),
    # The picture's own label against the camera's own position (forensics.claims.checks.
    # onscreen_places): the strongest of the place findings.
    ("caption_place_vs_gps", "contradicted"): ("caption_place_differs_from_gps", "medium"),
    ("caption_place_vs_hud", "contradicted"): ("caption_place_differs_from_hud", "high"),
    ("caption_place_vs_claim", "contradicted"): ("caption_place_differs_from_claim", "medium"),
    ("hud_date_vs_creation", "contradicted"): ("hud_date_after_creation", "medium"),
    ("hud_date_vs_claim", "contradicted"): ("hud_date_differs_from_claim", "high"),
    ("onscreen_channel", "contradicted"): ("footage_passed_through_channel", "medium"),
}
CHECK_FLAG_CODES = tuple(code for code, _ in CHECK_FLAGS.values())


@dataclass(frozen=True)
class Check:
    """One check: ``claim`` indexes the record's ``claims`` (None: about the clip itself);
    ``facts`` index that claim's ``facts``; ``segments`` are the shared stretches it rests
    on; ``other`` is the SHA-256 of the clip an opposing-actors finding is about."""

    check: str
    claim: int | None
    verdict: Verdict
    evidence: str
    facts: tuple[int, ...] = ()
    segments: tuple[OrientedStretch, ...] = ()
    other: str | None = None

    @property
    def label(self) -> str:
        return LABELS[self.check]

    @property
    def flag(self) -> tuple[str, Severity] | None:
        return CHECK_FLAGS.get((self.check, self.verdict))
