"""HUD tracks into telemetry records (:class:`Telemetry`), each value checked against the
readings of the same HUD line just before and after it.

A HUD line is read afresh each time its numbers change, so one line gives a track a second,
and the engine sometimes drops a decimal point or misreads a digit (``H 964M`` between
``H 96.3M`` and ``H 96.1M``). Telemetry changes smoothly: a value is kept when it belongs to
a run of at least three readings of its line that agree with each other (each with one of the
three readings before it), else left out, never corrected.
Agreement: an altitude within 5 m + 15 m/s of the time between the readings, a position
within 50 m + 60 m/s (plus both readings' precision), a date and clock that moved as the
footage did (within 2 s, a minute for clocks without seconds). A value read once or twice on
its line is kept when those readings agree.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from forensics.onscreen.telemetry import HudReading, distance_m, parse_hud
from forensics.records.onscreen import OnscreenText, Telemetry

ALT_SLACK_M, ALT_RATE = 5.0, 15.0  # m, m/s: a drone climbs at most this fast
POS_SLACK_M, POS_RATE = 50.0, 60.0  # m, m/s: and flies at most this fast
CLOCK_SLACK_S = 2.0
RUN, NEAR = 3, 3  # readings: a run that vouches for itself; how far back a reading looks


@dataclass(frozen=True)
class _Read:
    track: int
    text: OnscreenText
    reading: HudReading

    @property
    def t(self) -> float:
        return self.text.start.seconds


def telemetry_of(texts: Sequence[OnscreenText]) -> tuple[Telemetry, ...]:
    """One record per HUD track showing a value its line corroborates, in track order."""
    lines: list[list[_Read]] = []
    for number, text in enumerate(texts):
        if text.kind != "hud" or not (reading := parse_hud(text.text)):
            continue
        read = _Read(number, text, reading)
        line = next((line for line in lines if _same_line(line[-1].text, text)), None)
        if line is None:
            lines.append([read])
        else:
            line.append(read)
    found = [t for line in lines for t in _corroborated(line)]
    return tuple(sorted(found, key=lambda t: t.track))


def _same_line(a: OnscreenText, b: OnscreenText) -> bool:
    """Two tracks at the same place: vertically overlapping by half, horizontally at all."""
    ax, ay, aw, ah = a.box
    bx, by, bw, bh = b.box
    vertical = min(ay + ah, by + bh) - max(ay, by)
    return vertical >= 0.5 * min(ah, bh) and min(ax + aw, bx + bw) > max(ax, bx)


def _corroborated(line: list[_Read]) -> list[Telemetry]:
    keep_pos = _agreeing(line, lambda r: r.reading.position is not None, _positions_agree)
    keep_alt = _agreeing(line, lambda r: r.reading.alt_m is not None, _altitudes_agree)
    keep_time = _agreeing(line, lambda r: r.reading.date is not None or r.reading.clock is not None,
                          _times_agree)  # fmt: skip
    out = []
    for r in line:
        p = r.reading.position if r.track in keep_pos else None
        alt = r.track in keep_alt
        when = r.track in keep_time
        if p is None and not alt and not when:
            continue
        out.append(Telemetry(
            r.track, r.text.start, r.text.end, p.lat if p else None, p.lon if p else None,
            p.shown if p else None, p.notation if p else None, p.precision_m if p else None,
            r.reading.alt_m if alt else None, r.reading.altitude if alt else None,
            r.reading.date if when else None, r.reading.clock if when else None,
            r.reading.zone if when else None,
        ))  # fmt: skip
    return out


def _agreeing(line: list[_Read], has: Callable[[_Read], bool],
              agree: Callable[[_Read, _Read], bool]) -> set[int]:  # fmt: skip
    """The tracks whose value belongs to a run of at least RUN readings that agree, each with
    one of the NEAR readings before it; on a line read fewer times, all of them if they
    agree. Two misreadings that happen to agree stay a run of two, and are left out."""
    reads = [r for r in line if has(r)]
    if len(reads) < RUN:
        agreed = all(agree(a, b) for a, b in itertools.combinations(reads, 2))
        return {r.track for r in reads} if agreed else set()
    group = list(range(len(reads)))

    def root(i: int) -> int:
        while group[i] != i:
            group[i] = group[group[i]]
            i = group[i]
        return i

    for i, r in enumerate(reads):
        for j in range(max(0, i - NEAR), i):
            if agree(reads[j], r):
                group[root(i)] = root(j)
    sizes = Counter(root(i) for i in range(len(reads)))
    return {r.track for i, r in enumerate(reads) if sizes[root(i)] >= RUN}


def _altitudes_agree(a: _Read, b: _Read) -> bool:
    assert a.reading.alt_m is not None and b.reading.alt_m is not None
    return abs(a.reading.alt_m - b.reading.alt_m) <= ALT_SLACK_M + ALT_RATE * abs(a.t - b.t)


def _positions_agree(a: _Read, b: _Read) -> bool:
    p, q = a.reading.position, b.reading.position
    assert p is not None and q is not None
    allowed = POS_SLACK_M + p.precision_m + q.precision_m + POS_RATE * abs(a.t - b.t)
    return distance_m(p.lat, p.lon, q.lat, q.lon) <= allowed


def _times_agree(a: _Read, b: _Read) -> bool:
    """Same date (when both show one) and clocks as far apart as the readings."""
    x, y = a.reading, b.reading
    if x.date and y.date and x.date != y.date and not (x.clock and y.clock):
        return False
    if not (x.clock and y.clock):
        return x.date == y.date
    slack = CLOCK_SLACK_S + (60 if len(x.clock) == 5 or len(y.clock) == 5 else 0)
    gap = (_moment(x) - _moment(y)).total_seconds()
    if not (x.date and y.date):
        gap = (gap + 43200) % 86400 - 43200  # clocks alone: across midnight
    return abs(gap - (a.t - b.t)) <= slack


def _moment(r: HudReading) -> datetime:
    clock = r.clock or "00:00"
    return datetime.fromisoformat(f"{r.date or '2000-01-01'}T{clock}")
