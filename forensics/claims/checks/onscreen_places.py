"""The places the picture's captions name (:mod:`forensics.claims.onscreen`) against where the
footage was: the file's GPS location, the HUD's position (:mod:`forensics.onscreen.hud`), and
the places the linked claims name.

A caption names a place as the footage's own label ("Belgorod region"); a HUD shows where the
camera was when it was filmed. A HUD position far outside the captioned place is the strongest
place finding a clip can hold. The HUD's many readings (one a second) are reduced to their
median point, so one misread digit cannot move it; its spread and the digits' precision widen
the allowance. Checks are made only where both sides exist: a caption without a located place,
or a clip without GPS or HUD position, has nothing to test and no row.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median

from forensics.claims.checks.base import Check, ClaimView
from forensics.claims.checks.places import Place, distance_km, judge_point, places_in
from forensics.records import AnalysisRecord, OnscreenClaim, Telemetry


def caption_places(data: AnalysisRecord) -> tuple[list[Place], str]:
    """The located places the captions name (fact indices are not kept: several captions),
    and how to name the captions in evidence: 'the caption "Belgorod region" (1.0-4.0 s)'."""
    places: dict[str, Place] = {}
    shown: list[OnscreenClaim] = []
    for claim in data.onscreen_claims:
        found = places_in(claim.facts)
        if found:
            shown.append(claim)
        for p in found:
            places.setdefault(p.name, Place(p.name, p.kind, p.lat, p.lon, p.radius_km, []))
    return list(places.values()), _captions(shown)


def _captions(claims: Sequence[OnscreenClaim]) -> str:
    parts = [f'"{" ".join(c.text.split())}" ({c.start.seconds:.1f}-{c.end.seconds:.1f} s)'
             for c in claims[:3]]  # fmt: skip
    more = f" and {len(claims) - 3} more" if len(claims) > 3 else ""
    return f"the caption{'s' if len(claims) > 1 else ''} {', '.join(parts)}{more}"


def caption_place_vs_gps(data: AnalysisRecord) -> Check | None:
    """The captions' places against the GPS location in the file's metadata."""
    places, captions = caption_places(data)
    gps = data.metadata.gps
    if not places or gps is None:
        return None
    point = f"The GPS location ({gps.lat:.4f}, {gps.lon:.4f})"
    verdict, evidence, _ = judge_point(point, gps.lat, gps.lon, places, captions)
    return Check("caption_place_vs_gps", None, verdict, evidence)


def caption_place_vs_hud(data: AnalysisRecord) -> Check | None:
    """The captions' places against the median of the HUD's positions."""
    places, captions = caption_places(data)
    points = [t for t in data.onscreen_telemetry if t.has_point]
    if not places or not points:
        return None
    lat, lon, spread_km = hud_point(points)
    shown = points[0].position
    span = f"{points[0].start.seconds:.1f}-{points[-1].end.seconds:.1f} s"
    if len(points) == 1:
        point = f'The HUD\'s position ({lat:.4f}, {lon:.4f}, shown as "{shown}" at {span})'
    else:
        point = (f"The HUD's position ({lat:.4f}, {lon:.4f}: the median of {len(points)} "
                 f"readings at {span}, spread over {spread_km:.1f} km; first shown as "
                 f'"{shown}")')  # fmt: skip
    slack = spread_km + max(t.precision_m or 0.0 for t in points) / 1000
    verdict, evidence, _ = judge_point(point, lat, lon, places, captions, slack)
    return Check("caption_place_vs_hud", None, verdict, evidence)


def hud_point(points: Sequence[Telemetry]) -> tuple[float, float, float]:
    """The median HUD point, and how far the readings lie from it at most (km)."""
    lat = median(t.lat for t in points if t.lat is not None)
    lon = median(t.lon for t in points if t.lon is not None)
    spread = max(distance_km(lat, lon, t.lat or 0.0, t.lon or 0.0) for t in points)
    return lat, lon, spread


def caption_place_vs_claim(data: AnalysisRecord, c: ClaimView) -> Check | None:
    """The captions' places against the claim's: consistent when one place of each could be
    the same ground (their circles in the gazetteer overlap), contradicted when none could."""
    captioned, captions = caption_places(data)
    claimed = places_in(c.facts)
    if not captioned or not claimed:
        return None
    pairs = [(a, b, distance_km(a.lat, a.lon, b.lat, b.lon)) for a in captioned for b in claimed]
    meeting = [(a, b, d) for a, b, d in pairs if d <= a.allowed_km + b.radius_km]
    if meeting:
        a, b, d = min(meeting, key=lambda m: m[2])
        evidence = (f"{upper(captions)} names {a.name}; {c.source} names {b.name}, "
                    f"{d:.0f} km away: the same ground (within {a.radius_km:g} + "
                    f"{b.radius_km:g} km, their radii in the gazetteer, plus 1 km).")  # fmt: skip
        return c.check("caption_place_vs_claim", "consistent", evidence, b.facts)
    a, b, d = min(pairs, key=lambda m: m[2] - m[0].allowed_km - m[1].radius_km)
    evidence = (f"{upper(captions)} names {a.name}; the nearest place {c.source} names is "
                f"{b.name}, {d:.0f} km away, beyond the {a.allowed_km + b.radius_km:g} km "
                "their radii in the gazetteer allow: the picture and the claim place the "
                "footage in different places.")  # fmt: skip
    return c.check("caption_place_vs_claim", "contradicted", evidence, b.facts)


def upper(text: str) -> str:
    return text[:1].upper() + text[1:]
