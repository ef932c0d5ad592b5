"""The HUD's date and clock (:mod:`forensics.onscreen.hud`) against the file's creation time and
against the dates a claim gives.

A HUD's clock is the camera's or the drone's own, usually in local time, and it is burned into
the picture, so an edit or re-encode keeps it: a HUD date days before the file was created is
footage edited or exported later, which is normal; a HUD date days *after* the file was created
is not possible unless one of the clocks is wrong or was set. Against a claim: footage whose
HUD shows a day before the earliest event the claim says it shows, or a day after the claim
was published, is not what the claim says. A HUD day after the claim's earliest event is not a
finding: a claim may date several events, and the earliest is the one it is tested by. Days
closer than DATE_SLACK_DAYS are not findings (time zones, a HUD in local time against a
creation time in UTC).
"""

from __future__ import annotations

from datetime import date

from forensics.claims.checks.base import UNTESTED, Check, ClaimView, created, days, relation
from forensics.claims.checks.claim import DATE_SLACK_DAYS, earliest_event
from forensics.dates import day
from forensics.records import AnalysisRecord, Telemetry


def hud_days(data: AnalysisRecord) -> dict[date, list[Telemetry]]:
    """The days the HUD shows, each with its readings, earliest first."""
    found: dict[date, list[Telemetry]] = {}
    for t in data.onscreen_telemetry:
        if (when := day(t.date)) is not None:
            found.setdefault(when, []).append(t)
    return dict(sorted(found.items()))


def shown(days_shown: dict[date, list[Telemetry]]) -> str:
    """ "2023-05-22 (14:10:04-16:43:26, 25 readings from 0.0 to 44.0 s)" for each day."""
    parts = []
    for when, readings in days_shown.items():
        clocks = sorted(t.clock for t in readings if t.clock)
        span = f"{clocks[0]}-{clocks[-1]}, " if len(clocks) > 1 else (
            f"{clocks[0]}, " if clocks else "")  # fmt: skip
        zone = next((t.zone for t in readings if t.zone), None)
        count = f"{len(readings)} reading{'s' if len(readings) > 1 else ''}"
        times = f"{readings[0].start.seconds:.1f}-{readings[-1].end.seconds:.1f} s"
        parts.append(f"{when} ({span}{zone + ', ' if zone else ''}{count} at {times})")
    return "; ".join(parts)


def hud_date_vs_creation(data: AnalysisRecord) -> Check | None:
    """A HUD date after the file's creation time (beyond the slack) is a clock set wrong or a
    creation time altered."""
    days_shown = hud_days(data)
    if not days_shown:
        return None
    made = created(data)
    name, hud = "hud_date_vs_creation", f"The HUD shows {shown(days_shown)}"
    if made is None:
        return Check(name, None, UNTESTED, f"{hud}; the file carries no creation time to "
                     "compare it with.")  # fmt: skip
    late = [d for d in days_shown if (d - made).days > DATE_SLACK_DAYS]
    if late:
        return Check(name, None, "contradicted", f"{hud}: {days(late[-1] - made)} after the file "
                     f"was created ({made}, by its own tags). Footage cannot be filmed after "
                     "its file was made: the HUD's clock or the creation time is wrong, or "
                     "was set.")  # fmt: skip
    first = min(days_shown)
    note = ""
    if (made - first).days > DATE_SLACK_DAYS:
        note = " (filmed earlier, then edited or exported into this file)"
    return Check(name, None, "consistent", f"{hud}: {relation(first, made)} the file was created "
                 f"({made}){note}.")  # fmt: skip


def hud_date_vs_claim(data: AnalysisRecord, c: ClaimView) -> Check | None:
    """The HUD's days against the earliest event the claim dates and its publication date."""
    days_shown = hud_days(data)
    published, event = day(c.claim.published), earliest_event(c)
    if not days_shown or (published is None and event is None):
        return None
    hud = f"The HUD shows {shown(days_shown)}"
    facts = event.facts if event else []
    if published is not None:
        late = [d for d in days_shown if (d - published).days > DATE_SLACK_DAYS]
        if late:
            gap = days(late[-1] - published)
            return c.check("hud_date_vs_claim", "contradicted", f"{hud}: {gap} after "
                           f"{c.source} published the claim on {published}: the footage cannot "
                           "be what the claim showed.", facts)  # fmt: skip
    if event is None:
        return c.check("hud_date_vs_claim", "consistent", f"{hud}: before {c.source} published the "
                       f"claim on {published}; the claim dates no event.")  # fmt: skip
    off = [d for d in days_shown if (event.first - d).days > DATE_SLACK_DAYS]
    if off:
        return c.check("hud_date_vs_claim", "contradicted", f"{hud}. {c.source} says it shows "
                       f"{event.shown}: the HUD's {', '.join(map(str, off))} "
                       f"{'is' if len(off) == 1 else 'are'} {event.relation(off[0])} that: not "
                       "the footage of those events (older footage presented as new), or its "
                       "clock was wrong.", facts)  # fmt: skip
    return c.check("hud_date_vs_claim", "consistent", f"{hud}: {event.relation(min(days_shown))} "
                   f"the events {c.source} dates ({event.shown}).", facts)  # fmt: skip
