"""Scoring what the on-screen text step read against what was drawn (pure: records in, counts
out; tested on hand-made tracks).

At each time the step read a frame, each text legible then (``draw.truths``) is matched with
the tracks shown at that time at its place (a track's centre inside the text's box, or the
text's centre inside the track's, 10 px of slack): word recall (the text's words found among
the tracks' words) and CER (edit distance of the tracks' text, top to bottom, over the truth's
length, at most 1). A track at no text's place at any time it shows is false text. A HUD
point is exact when its latitude and longitude are those a HUD line showed while its track
was on screen (to 1e-7 degree).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import mgrs

from .draw import Truth

PAD = 10
SLACK_S = 0.01
_CONVERTER = mgrs.MGRS()


@dataclass(frozen=True)
class Track:
    """A track as the step gives it (an ``OnscreenText``): what matters for scoring."""

    text: str
    start: float
    end: float
    box: tuple[int, int, int, int]


@dataclass(frozen=True)
class Point:
    """A HUD track's parsed telemetry (a ``Telemetry``): what matters for scoring."""

    start: float
    end: float
    lat: float | None
    lon: float | None


def words(text: str) -> list[str]:
    return [w for w in re.findall(r"[\w@.:%/-]+", text.casefold()) if any(c.isalnum() for c in w)]


def _centre(box: tuple[int, int, int, int]) -> tuple[float, float]:
    return box[0] + box[2] / 2, box[1] + box[3] / 2


def _contains(box: tuple[int, int, int, int], point: tuple[float, float]) -> bool:
    x, y, w, h = box
    return x - PAD <= point[0] <= x + w + PAD and y - PAD <= point[1] <= y + h + PAD


def at_place(track: Track, truth: Truth) -> bool:
    return _contains(truth.box, _centre(track.box)) or _contains(track.box, _centre(truth.box))


def shown_at(track: Track, t: float) -> bool:
    return track.start - SLACK_S <= t <= track.end + SLACK_S


def cer(truth: str, read: str) -> float:
    """Levenshtein distance over the truth's length, at most 1."""
    previous = list(range(len(read) + 1))
    for i, a in enumerate(truth, 1):
        current = [i]
        for j, b in enumerate(read, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return min(1.0, previous[-1] / max(1, len(truth)))


def recall(truth: str, read: str) -> float:
    expected, got = words(truth), set(words(read))
    return sum(w in got for w in expected) / max(1, len(expected))


def score_text(tracks: list[Track], seen: dict[float, list[Truth]]) -> dict[str, dict]:
    """Per kind of text: samples (a text legible on a read frame), the sums of recall and CER
    over them; and ``false tracks`` (readings of 3+ letters or digits at no text's place)."""
    out: dict[str, dict] = defaultdict(lambda: {"samples": 0, "recall": 0.0, "cer": 0.0})
    for t, legible in sorted(seen.items()):
        for truth in legible:
            mine = [k for k in tracks if shown_at(k, t) and at_place(k, truth)]
            read = " ".join(k.text for k in sorted(mine, key=lambda k: (k.box[1], k.box[0])))
            cell = out[truth.kind]
            cell["samples"] += 1
            cell["recall"] += recall(truth.text, read)
            cell["cer"] += cer(truth.text, read)
    false = [k for k in tracks if sum(c.isalnum() for c in k.text) >= 3 and not any(
        at_place(k, truth) for t, legible in seen.items() if shown_at(k, t) for truth in legible
    )]  # fmt: skip
    return {**out, "false tracks": {"count": len(false)}}


def truth_position(line: str) -> tuple[float, float] | None:
    """The position a HUD line of the scenes shows: ``LAT a LON b``, an MGRS reference, or
    (the smoke run's tune HUD) ``aN bE``."""
    if m := re.search(r"LAT (\d+\.\d+) LON (\d+\.\d+)|(\d+\.\d+)N (\d+\.\d+)E", line):
        return (float(m[1]), float(m[2])) if m[1] else (float(m[3]), float(m[4]))
    if m := re.fullmatch(r"(\d\d)([C-X]) ([A-Z]{2}) (\d{5}) (\d{5})", line.strip()):
        return _CONVERTER.toLatLon("".join(m.groups()))
    return None


def score_points(points: list[Point], seen: dict[float, list[Truth]]) -> dict[str, int]:
    """HUD points: exact, wrong (a position no HUD line showed while the track was on screen),
    the positions shown on read frames and how many of them some exact point gave."""
    shown: dict[tuple[float, float], list[float]] = defaultdict(list)
    lines: dict[float, list[str]] = defaultdict(list)
    for t, legible in seen.items():
        for truth in legible:
            if (position := truth_position(truth.text)) is not None:
                shown[position].append(t)
                lines[t].append(truth.text)
    out = {"points": 0, "exact": 0, "wrong": 0, "shown": len(shown), "recovered": 0}
    recovered = set()
    for p in points:
        if p.lat is None or p.lon is None:
            continue
        out["points"] += 1
        during = [pos for pos, times in shown.items() if any(_during(p, t) for t in times)]
        hit = [pos for pos in during if _same(pos, (p.lat, p.lon))]
        out["exact" if hit else "wrong"] += 1
        recovered.update(hit)
    out["recovered"] = len(recovered)
    return out


def _during(p: Point, t: float) -> bool:
    return p.start - SLACK_S <= t <= p.end + SLACK_S


def _same(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return abs(a[0] - b[0]) <= 1e-7 and abs(a[1] - b[1]) <= 1e-7


def merge(into: dict[str, dict], more: dict[str, dict]) -> dict[str, dict]:
    """Sums per kind, added up over clips."""
    for kind, cell in more.items():
        mine = into.setdefault(kind, dict.fromkeys(cell, 0))
        for key, value in cell.items():
            mine[key] = mine.get(key, 0) + value
    return into


def table(totals: dict[str, dict]) -> list[str]:
    """One line per kind: samples, mean word recall and CER; then the counts."""
    lines = []
    for kind in sorted(totals):
        cell = totals[kind]
        if "samples" in cell:
            n = cell["samples"]
            lines.append(f"{kind:18} samples {n:4}  recall {cell['recall'] / max(1, n):.3f}  "
                         f"CER {cell['cer'] / max(1, n):.3f}")  # fmt: skip
        else:
            lines.append(f"{kind:18} " + "  ".join(f"{k} {v}" for k, v in cell.items()))
    return lines
