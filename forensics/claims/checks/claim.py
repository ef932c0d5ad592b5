"""Checks of one claim against one clip: the publication and event dates against the file's
creation time and against the first release of the same footage in the case, and the claim's
own caveats (the length of the footage is :mod:`.length`). Each returns one :class:`Check`, or
None when there is nothing to say."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from forensics.claims.checks.base import (
    UNTESTED,
    Check,
    ClaimView,
    by,
    created,
    days,
    detail,
    here,
    relation,
)
from forensics.dates import day
from forensics.records import AnalysisRecord, ReuseEntry

DATE_SLACK_DAYS = 1  # time zones, and clocks a day out: closer than this is not a finding


def published_vs_creation(data: AnalysisRecord, c: ClaimView) -> Check | None:
    """A file created (by its own tags) days after the claim appeared is not what it showed."""
    made, published = created(data), day(c.claim.published)
    name = "published_vs_creation"
    if published is None:
        return c.check(name, UNTESTED, f"{c.source} gives no publication date.")
    if made is None:
        return c.check(name, UNTESTED, "The file carries no creation time to compare with the "
                       f"publication date of {c.source} ({published}).")  # fmt: skip
    if (made - published).days > DATE_SLACK_DAYS:
        return c.check(name, "contradicted", f"Created {made}, {days(made - published)} after "
                       f"{c.source} published the claim on {published}: the claim cannot be "
                       "about this file as it is.")  # fmt: skip
    return c.check(name, "consistent", f"Created {made}, {relation(made, published)} "
                   f"{c.source} published the claim on {published}.")  # fmt: skip


def earliest_event(c: ClaimView) -> tuple[date | None, list[int], str]:
    """The earliest event date the claim names, the facts naming it, and how it is written
    (`` ("Monday, 22 May")``). Publication dates and datelines are not events."""
    dated = [
        (date.fromisoformat(str(f.value)), i, f.text)
        for i, f in c.of_kind("date")
        if detail(f).get("role") == "mentioned"
    ]
    if not c.facts:  # a record written before claims carried facts
        dated = [(d, -1, "") for d in map(day, c.claim.event_dates) if d]
    if not dated:
        return None, [], ""
    first = min(d for d, _, _ in dated)
    texts = [t for d, _, t in dated if d == first and t]
    written = f' ("{texts[0]}")' if texts else ""
    return first, [i for d, i, _ in dated if d == first and i >= 0], written


def events_vs_creation(data: AnalysisRecord, c: ClaimView) -> Check | None:
    """A file created days before the earliest event it is said to show is older footage."""
    made = created(data)
    first, facts, written = earliest_event(c)
    name = "events_vs_creation"
    if first is None:
        return c.check(name, UNTESTED, f"{c.source} names no date of events.", facts)
    if made is None:
        return c.check(name, UNTESTED, "The file carries no creation time to compare with the "
                       f"events {c.source} dates to {first}{written}.", facts)  # fmt: skip
    if (first - made).days > DATE_SLACK_DAYS:
        return c.check(name, "contradicted", f"Created {made}, {days(first - made)} before the "
                       f"earliest event {c.source} claims it shows ({first}{written}): the "
                       "footage may be older material presented as new.", facts)  # fmt: skip
    return c.check(name, "consistent", f"Created {made}, {relation(made, first)} the earliest "
                   f"event {c.source} names ({first}{written}).", facts)  # fmt: skip


def events_vs_earliest_release(data: AnalysisRecord, c: ClaimView) -> Check | None:
    """The first release of this footage in the case (this clip's or another's) must not come
    before the events the claim says it shows."""
    first, facts, written = earliest_event(c)
    reuse = data.reuse
    releases = [(d, e) for e in reuse if (d := day(e.other.released))]
    if data.reuse_checked is None:
        verdict, evidence = (
            UNTESTED,
            (
                "The clip was analysed without a case index, so no other release of its footage "
                "is known."
            ),
        )
    elif not reuse:
        verdict, evidence = (
            UNTESTED,
            (
                "No other clip of the case shares this footage, so there is no other release to "
                "date it by."
            ),
        )
    elif first is None:
        verdict, evidence = (
            UNTESTED,
            (f"{c.source} names no date of events to compare with the releases of this footage."),
        )
    elif not releases:
        verdict, evidence = (
            UNTESTED,
            ("The release dates of the other clips sharing this footage are not known."),
        )
    else:
        released, where = _first_release(data, releases)
        event = f"the earliest event {c.source} names ({first}{written})"
        if released < first:
            verdict, evidence = (
                "contradicted",
                (f"{where}, {days(first - released)} before {event}: it cannot show that event."),
            )
        else:
            verdict, evidence = "consistent", f"{where}, {relation(released, first)} {event}."
    return c.check("events_vs_earliest_release", verdict, evidence, facts)


def _first_release(
    data: AnalysisRecord, releases: Sequence[tuple[date, ReuseEntry]]
) -> tuple[date, str]:
    """The earliest release of the footage this clip shares, and a clause saying where."""
    first, entry = min(releases, key=lambda item: item[0])
    other = entry.other
    own = day(data.released)
    if own is not None and own <= first:
        return own, (
            f"This clip, released on {own}, is the first release of its footage in the case "
            f"(it is also in {other.name}, released on {first})"
        )
    return first, (
        f"The footage at {here(entry)} of this clip was released first, in "
        f"{other.name}{by(other.actor)} on {first}"
    )


def hedge(data: AnalysisRecord, c: ClaimView) -> Check | None:
    """The claim's own caveats: nothing to test, but the reader must see them beside it."""
    hedges = c.of_kind("hedge")
    if not hedges:
        return None
    said = "; ".join(f'"{f.text}" ({f.value})' for _, f in hedges)
    evidence = f"The claim itself says its account is not established: {said}."
    return c.check("hedge", UNTESTED, evidence, [i for i, _ in hedges])
