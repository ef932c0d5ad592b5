"""The case's chronology: creation times, releases, claim publications and what the pictures
themselves date and place (captions naming a day or a place, the HUD's date and clock) on one
time axis, as a list (oldest first) and as the lanes of a drawing, one lane per clip."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from forensics.dates import moment as read_moment
from forensics.records import AnalysisRecord, ClaimRef
from forensics.records.stretch_text import shown as quoted
from forensics.report.clipview import ClipView

ONSCREEN = "onscreen"  # the kind of a moment the picture shows


@dataclass(frozen=True)
class Moment:
    """A dated event of the chronology."""

    when: datetime | None
    shown: str
    kind: str  # created, released, published, named, onscreen
    clips: tuple[ClipView, ...]
    detail: str


def _when(text: Any) -> datetime | None:
    """A point on the time axis; None for what cannot be read or plausibly plotted."""
    moment = read_moment(text)
    if moment is None or not 1900 <= moment.year < 2200:  # a forged year would flatten the axis
        return None
    if len(str(text).strip()) == 10:  # a day without a time: its middle, after a morning's events
        moment += timedelta(hours=12)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # zone unknown: as if UTC


def chronology(views: list[ClipView], records: dict[str, AnalysisRecord | None]) -> list[Moment]:
    """Creation times, releases and claim publications, oldest first (undated last)."""
    moments: list[Moment] = []
    claims: dict[tuple[str, str], tuple[ClaimRef, list[ClipView]]] = {}
    for view in views:
        if view.created:
            parsed = read_moment(view.created)
            shown = str(view.created)
            if parsed and parsed.tzinfo:
                shown = f"{parsed.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
            elif parsed:
                shown = f"{parsed:%Y-%m-%d %H:%M} (zone unknown)"
            moments.append(Moment(_when(view.created), shown, "created", (view,),
                                  "creation time in the file's metadata"))  # fmt: skip
        if view.released:
            moments.append(Moment(_when(view.released), view.released, "released", (view,),
                                  f"released by {view.actor or 'an actor not named'}"))  # fmt: skip
        record = records[view.sha256]
        moments.extend(onscreen_moments(view, record) if record else ())
        for claim in record.claims if record else ():
            who = str(claim.sha256 or claim.path or claim.outlet)
            claims.setdefault((who, claim.published or ""), (claim, []))[1].append(view)
    for (_, published), (claim, clips) in claims.items():
        outlet = claim.outlet or claim.actor or "an unnamed outlet"
        if published:
            moments.append(Moment(_when(published), published, "published", tuple(clips),
                                  f"claim published by {outlet}"))  # fmt: skip
        moments.extend(named_days(claim, outlet, tuple(clips)))
    far = datetime.max.replace(tzinfo=UTC)
    return sorted(moments, key=lambda m: (m.when or far, m.kind != "created", m.shown))


def named_days(claim: ClaimRef, outlet: str, clips: tuple[ClipView, ...]) -> list[Moment]:
    """The days a claim says its events happened (the dates it mentions, as the date checks
    read them; not its publication date or dateline), each once, with the words naming it."""
    words: dict[str, list[str]] = {}
    for fact in claim.facts:
        if fact.kind == "date" and (fact.detail or {}).get("role") == "mentioned":
            words.setdefault(str(fact.value), []).append(fact.text)
    if not claim.facts:  # a record written before claims carried facts
        words = {str(d): [] for d in claim.event_dates}
    said = f"a day of the events, as the claim by {outlet} names it"
    return [
        Moment(_when(day), day, "named", clips, said + (f' ("{quoted(t[0])}")' if t else ""))
        for day, t in sorted(words.items())
    ]


def onscreen_moments(view: ClipView, record: AnalysisRecord) -> list[Moment]:
    """What the clip's picture dates and places: each caption naming a place or a day (at
    each day it names; one naming only places is listed undated), and the first and last day
    its HUD shows, with the clock (a HUD's clock is local time unless it names its zone)."""
    moments = []
    for claim in record.onscreen_claims:
        places = list(dict.fromkeys(str(f.value) for f in claim.facts if f.kind == "place"))
        days = sorted({str(f.value) for f in claim.facts if f.kind == "date"})
        if not places and not days:
            continue
        said = f'on screen at {claim.start.seconds:.0f} s, the caption "{quoted(claim.text)}"'
        said += f" names {', '.join(places)}" if places else ""
        for day in days or [""]:
            moments.append(Moment(_when(day) if day else None, day or "no day on screen",
                                  ONSCREEN, (view,), said))  # fmt: skip
    dated = sorted((t for t in record.onscreen_telemetry if t.date), key=lambda t: t.start.seconds)
    for t in dict.fromkeys(dated[:1] + dated[-1:]):  # the first and last, once each
        shown = f"{t.date} {t.clock}" if t.clock else str(t.date)
        zone = t.zone or "zone not shown"
        what = f"on screen at {t.start.seconds:.0f} s, the HUD's date" + (
            " and clock" if t.clock else "")  # fmt: skip
        moments.append(Moment(_when(shown), f"{shown} ({zone})", ONSCREEN, (view,), what))
    return moments


def timeline(views: list[ClipView], moments: list[Moment]) -> dict[str, Any] | None:
    """One lane per clip on a shared time axis, each kind of event on its own track. A date
    without a time is drawn at noon, in the middle of its day."""
    dated = [m for m in moments if m.when]
    if not dated:
        return None
    points = [m.when for m in dated if m.when]
    first, last = min(points), max(points)
    pad = max(timedelta(hours=18), (last - first) * 0.04)
    lo, hi = first - pad, last + pad
    left, right, lane, top = 8, 632, 60, 8

    def x(moment: datetime) -> float:
        return left + (right - left) * ((moment - lo) / (hi - lo))

    lanes = {v.sha256: top + lane * i for i, v in enumerate(views)}
    # what the picture says is a claim of its own: on the claims' track
    track = {"created": 27, "released": 39, "published": 51, "named": 51, ONSCREEN: 51}
    marks = [{"m": m, "x": x(p), "y": lanes[v.sha256] + track[m.kind], "clip": v}
             for m, p in zip(dated, points, strict=True) for v in m.clips]  # fmt: skip
    axis_y = top + lane * len(views) + 4
    ticks: list[dict[str, Any]] = [{"x": x(t), "lx": x(t + shift), "label": label, "year": year}
             for t, shift, label, year in _ticks(lo, hi)]  # fmt: skip
    for tick in ticks:  # a label must not run off either end
        near = "start" if tick["lx"] < 30 else "end" if tick["lx"] > right - 30 else None
        tick["anchor"] = near or "middle"
        tick["lx"] = min(max(tick["lx"], left), right)  # a mid-day label past the axis's end
    return {"width": 640, "height": axis_y + 40, "axis_y": axis_y, "left": left, "right": right,
            "lanes": [{"clip": v, "y": y} for v, y in zip(views, lanes.values(), strict=True)],
            "marks": marks, "ticks": ticks}  # fmt: skip


def _ticks(lo: datetime, hi: datetime) -> list[tuple[datetime, timedelta, str, str]]:
    """Day, week, month or year boundaries between ``lo`` and ``hi`` (at most about 8), each
    with where its label goes: mid-day for days, at the boundary otherwise."""
    span = (hi - lo).days or 1
    for step in (1, 2, 7, 14):
        if span / step <= 9:
            day = lo.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
            days = [day + timedelta(days=step * i) for i in range(span // step + 2)]
            days = [d for d in days if d < hi]
            return [(d, timedelta(hours=12) if step == 1 else timedelta(), f"{d.day} {d:%b}",
                     f"{d:%Y}" if i == 0 or d.year != days[i - 1].year else "")
                    for i, d in enumerate(days)]  # fmt: skip
    months = span / 30.44
    step = next((s for s in (1, 3, 6) if months / s <= 8), 12 * math.ceil(months / 12 / 8))
    out: list[tuple[datetime, timedelta, str, str]] = []
    year, month = lo.year, lo.month + 1
    while True:
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
        tick = datetime(year, month, 1, tzinfo=UTC)
        if tick > hi:
            return out
        if (year * 12 + month - 1) % step == 0:
            out.append((tick, timedelta(), f"{tick:%Y}" if step >= 12 else f"{tick:%b %Y}", ""))
        month += 1
