"""Checks of one claim against one clip: the publication and event dates against the file's
creation time and against the first release of the same footage in the case, and the claim's
own caveats (the length of the footage is :mod:`.length`). Each returns one :class:`Check`, or
None when there is nothing to say."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Event:
    """The earliest event a claim dates: a day, or a month when the claim gives only a month
    (``first`` and ``last`` its first and last days), the facts naming it, and how it is shown
    in evidence: ``2023-05-22 ("Monday, 22 May")``."""

    first: date
    last: date
    facts: list[int]
    shown: str

    def relation(self, when: date) -> str:
        """How ``when`` stands to the event: "3 days before", "within the month of"..."""
        if self.first == self.last or when < self.first:
            return relation(when, self.first)
        if when <= self.last:
            return "within the month of"
        return f"{days(when - self.last)} after the end of the month of"


def earliest_event(c: ClaimView) -> Event | None:
    """The earliest event the claim dates. Publication dates and datelines are not events. A
    month ("May 2023") is used where a day would be, from its first day, unless the claim also
    names a day in it, which says more."""
    dated = [(date.fromisoformat(str(f.value)), i, f.text) for i, f in c.of_kind("date")
             if detail(f).get("role") == "mentioned"]  # fmt: skip
    if not c.facts:  # a record written before claims carried facts
        dated = [(d, -1, "") for d in map(day, c.claim.event_dates) if d]
    named = {(d.year, d.month) for d, _, _ in dated}
    months = [(date.fromisoformat(str(detail(f)["first_day"])), i, f) for i, f in c.of_kind("date")
              if detail(f).get("role") == "month" and detail(f).get("first_day")]  # fmt: skip
    months = [m for m in months if (m[0].year, m[0].month) not in named]
    if not dated and not months:
        return None
    first = min([d for d, _, _ in dated] + [d for d, _, _ in months])
    if any(d == first for d, _, _ in dated):
        texts = [t for d, _, t in dated if d == first and t]
        written = f' ("{texts[0]}")' if texts else ""
        return Event(first, first, [i for d, i, _ in dated if d == first and i >= 0],
                     f"{first}{written}")  # fmt: skip
    *_, fact = next(m for m in months if m[0] == first)
    last = date.fromisoformat(str(detail(fact).get("last_day") or first))
    shown = f'{fact.value} ("{fact.text}"; the claim gives only a month)'
    return Event(first, last, [i for d, i, _ in months if d == first], shown)


def events_vs_creation(data: AnalysisRecord, c: ClaimView) -> Check | None:
    """A file created days before the earliest event it is said to show is older footage."""
    made = created(data)
    event = earliest_event(c)
    name = "events_vs_creation"
    if event is None:
        return c.check(name, UNTESTED, f"{c.source} names no date of events.")
    first, facts, shown = event.first, event.facts, event.shown
    if made is None:
        return c.check(name, UNTESTED, "The file carries no creation time to compare with the "
                       f"events {c.source} dates to {shown}.", facts)  # fmt: skip
    if (first - made).days > DATE_SLACK_DAYS:
        return c.check(name, "contradicted", f"Created {made}, {days(first - made)} before the "
                       f"earliest event {c.source} claims it shows ({shown}): the "
                       "footage may be older material presented as new.", facts)  # fmt: skip
    return c.check(name, "consistent", f"Created {made}, {event.relation(made)} the earliest "
                   f"event {c.source} names ({shown}).", facts)  # fmt: skip


def events_vs_earliest_release(data: AnalysisRecord, c: ClaimView) -> Check | None:
    """The first release of this footage in the case (this clip's or another's) must not come
    before the events the claim says it shows."""
    event = earliest_event(c)
    facts = event.facts if event else []
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
    elif event is None:
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
        named = f"the earliest event {c.source} names ({event.shown})"
        if released < event.first:
            gap = days(event.first - released)
            verdict, evidence = (
                "contradicted",
                (f"{where}, {gap} before {named}: it cannot show that event."),
            )
        else:
            verdict, evidence = "consistent", f"{where}, {event.relation(released)} {named}."
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
