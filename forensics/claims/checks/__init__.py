"""Claims checked against the evidence, as a pure function of the analysis record.

For each claim linked to a clip, each check compares one thing the claim asserts with what the
file and the case show, and gives a verdict -- ``consistent``, ``contradicted`` or ``cannot be
tested`` -- with the evidence in one plain sentence: the footage length the text states and the
one the platform's metadata states (:mod:`.length`), the
publication and event dates against the file's creation time and against the first release of
the same footage in the case, the places named against the file's GPS location
(:mod:`.places`), the places the picture's captions name and the day its HUD shows against the
claim's (:mod:`.onscreen_places`, :mod:`.hud_time`), and the claim's own hedges. Some checks
belong to the clip itself: whether actors on opposing sides released the same footage
(:mod:`.opposing`), the strongest finding a case can hold; the captions' places against the
file's GPS and the HUD's position, the HUD's day against the creation time, and channels' marks
in the picture against the releaser (:mod:`.channels`).

Checks read only the record, so they are recomputed whenever it changes:
:func:`apply_checks` runs when a report is written and again when a later clip adds shared
footage to it. The flags that restate a check (``duration_matches_claim``,
``created_after_claim``, ...) are made here from the check, so the findings and the checks table
never say one thing two ways.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from forensics.claims.checks.base import CHECK_FLAGS, LABELS, VERDICTS, Check, ClaimView, Verdict
from forensics.claims.checks.channels import onscreen_channel
from forensics.claims.checks.claim import (
    DATE_SLACK_DAYS,
    events_vs_creation,
    events_vs_earliest_release,
    hedge,
    published_vs_creation,
)
from forensics.claims.checks.hud_time import hud_date_vs_claim, hud_date_vs_creation
from forensics.claims.checks.length import DURATION_TOLERANCE, duration, platform_duration
from forensics.claims.checks.onscreen_places import (
    caption_place_vs_claim,
    caption_place_vs_gps,
    caption_place_vs_hud,
)
from forensics.claims.checks.opposing import (
    OPPOSING_SIDES,
    footage_releaser,
    opposing_actors,
    side_of,
)
from forensics.claims.checks.places import PLACE_MARGIN_KM, place_vs_gps
from forensics.claims.checks.shared import REUSE_FLAG_CODES, shared_footage
from forensics.claims.facts import Vocabulary, default_vocabulary
from forensics.records import CHECK_FLAG_CODES, SEVERITY_ORDER, AnalysisRecord, Flag

__all__ = [
    "CHECK_FLAGS",
    "CHECK_FLAG_CODES",
    "CLAIM_CHECKS",
    "CLIP_CHECKS",
    "DATE_SLACK_DAYS",
    "DURATION_TOLERANCE",
    "LABELS",
    "OPPOSING_SIDES",
    "PLACE_MARGIN_KM",
    "REUSE_FLAG_CODES",
    "VERDICTS",
    "Check",
    "Verdict",
    "apply_checks",
    "claim_checks",
    "footage_releaser",
    "side_of",
]

CLAIM_CHECKS: tuple[Callable[[AnalysisRecord, ClaimView], Check | None], ...] = (
    duration,
    platform_duration,
    published_vs_creation,
    events_vs_creation,
    events_vs_earliest_release,
    place_vs_gps,
    hedge,
    caption_place_vs_claim,
    hud_date_vs_claim,
)
# The clip's own checks of what its picture shows (on-screen captions, HUD, channels' marks).
CLIP_CHECKS: tuple[Callable[[AnalysisRecord], Check | None], ...] = (
    caption_place_vs_gps,
    caption_place_vs_hud,
    hud_date_vs_creation,
)


def claim_checks(record: AnalysisRecord, vocab: Vocabulary | None = None) -> list[Check]:
    """Every check of every linked claim, in claim order, then the clip's own."""
    found: list[Check] = []
    for number, claim in enumerate(record.claims):
        view = ClaimView(number, claim)
        found.extend(c for check in CLAIM_CHECKS if (c := check(record, view)) is not None)
    vocab = vocab or default_vocabulary()
    found.extend(opposing_actors(record, vocab))
    found.extend(c for check in CLIP_CHECKS if (c := check(record)) is not None)
    found.extend(onscreen_channel(record, vocab))
    return found


def apply_checks(record: AnalysisRecord, vocab: Vocabulary | None = None) -> AnalysisRecord:
    """The record with ``checks`` recomputed and its flags brought in line: the flags
    restating checks, and the shared-footage flags, are made again -- an opposing-actors
    finding replaces the plain shared-footage flag for that other clip."""
    checks = claim_checks(record, vocab)
    superseded = {c.other for c in checks if c.flag and c.other}
    reuse = [e for e in record.reuse if e.other.sha256 not in superseded]
    owned = (*REUSE_FLAG_CODES, *CHECK_FLAG_CODES)
    flags = [f for f in record.flags if f.code not in owned]
    flags += shared_footage(reuse, record, vocab or default_vocabulary())
    flags += [Flag(c.flag[0], c.flag[1], c.evidence) for c in checks if c.flag]
    flags.sort(key=lambda f: -SEVERITY_ORDER[f.severity])
    return replace(record, flags=tuple(flags), checks=tuple(checks))
