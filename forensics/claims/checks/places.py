"""The places a claim names against the GPS location in the file's metadata.

Distances are from the gazetteer's point for each place (``forensics/claims/vocab/places.toml``),
and a place counts as containing the GPS point within its ``radius_km`` plus PLACE_MARGIN_KM.
A place named with its region but without a point of its own (a village the gazetteer knows
by name only, or one recognised from its context) is compared as its region: a point outside
the oblast is outside every village in it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from forensics.claims.checks.base import UNTESTED, Check, ClaimView, Verdict, detail
from forensics.claims.facts import default_vocabulary
from forensics.errors import BadInputError
from forensics.records import AnalysisRecord, Fact

# Gazetteer points are rounded to about 100 m and a GPS fix can be off by some hundreds of
# metres, so a point this far beyond a place's radius still counts as in it.
PLACE_MARGIN_KM = 1.0
EARTH_RADIUS_KM = 6371.0
REGION_KINDS = frozenset({"country", "oblast", "district"})


@dataclass
class Place:
    name: str
    kind: str
    lat: float
    lon: float
    radius_km: float
    facts: list[int]
    distance_km: float = 0.0

    @property
    def allowed_km(self) -> float:
        return self.radius_km + PLACE_MARGIN_KM

    @property
    def allowance(self) -> str:
        return (
            f"{self.allowed_km:g} km (its radius of {self.radius_km:g} km in the gazetteer plus "
            f"{PLACE_MARGIN_KM:g} km)"
        )


def place_vs_gps(data: AnalysisRecord, c: ClaimView) -> Check | None:
    """The file's GPS point against the places the claim names.

    Towns, villages and checkpoints decide when the claim names any: a point inside the oblast
    but far from the village the claim names contradicts it."""
    places = claimed_places(c)
    gps = data.metadata.gps
    facts = [i for p in places for i in p.facts]
    if not places:
        return c.check("place_vs_gps", UNTESTED,
                       f"{c.source} names no place with coordinates.{_unlocated(c)}")  # fmt: skip
    if gps is None:
        named = ", ".join(p.name for p in places[:4])
        evidence = f"The file carries no GPS location to compare with {named}, named by {c.source}."
        return c.check("place_vs_gps", UNTESTED, evidence + _unlocated(c), facts)
    point = f"The GPS location ({gps.lat:.4f}, {gps.lon:.4f})"
    verdict, evidence, best = judge_point(point, gps.lat, gps.lon, places, c.source)
    return c.check("place_vs_gps", verdict, evidence + _unlocated(c), best)


def judge_point(point: str, lat: float, lon: float, places: list[Place], source: str,
                slack_km: float = 0.0) -> tuple[Verdict, str, list[int]]:  # fmt: skip
    """Whether a point lies in the places ``source`` names: the verdict, the sentence saying
    why (``point`` is its subject) and the facts it rests on. ``slack_km`` widens every
    allowance (a point known only to so many metres)."""
    for p in places:
        p.distance_km = distance_km(lat, lon, p.lat, p.lon)
    local = [p for p in places if p.kind not in REGION_KINDS]
    inside = [p for p in local or places if p.distance_km <= p.allowed_km + slack_km]
    if inside:
        best = min(inside, key=lambda p: (p.allowed_km, p.distance_km))
        return (
            "consistent",
            (
                f"{point} is {best.distance_km:.1f} km from {best.name}, named by {source}: "
                f"within the {best.allowance} allowed."
            ),
            best.facts,
        )
    nearest = min(local or places, key=lambda p: p.distance_km - p.allowed_km)
    regions = [p.name for p in places
               if p.kind in REGION_KINDS and p.distance_km <= p.allowed_km + slack_km]  # fmt: skip
    also = f"; it does lie in {', '.join(regions)}, also named" if local and regions else ""
    return (
        "contradicted",
        (
            f"{point} is {nearest.distance_km:.0f} km from {nearest.name}, the nearest place "
            f"{source} names, beyond the {nearest.allowance} allowed{also}."
        ),
        nearest.facts,
    )


def _unlocated(c: ClaimView) -> str:
    """The places the claim names that could not be located (named as places by their context
    but in neither the gazetteer nor GeoNames, in no known region), so nothing was compared
    with them."""
    names = list(dict.fromkeys(str(f.value) for _, f in c.of_kind("place")
                               if detail(f).get("located") is False
                               and _region(detail(f).get("region")) is None))  # fmt: skip
    if not names:
        return ""
    shown = ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
    return f" Not located, so not compared: {shown} (not in the gazetteer)."


def claimed_places(c: ClaimView) -> list[Place]:
    """Places with coordinates the claim names, once each, leaving out a dateline's place."""
    return places_in(c.facts)


def places_in(facts: Sequence[Fact]) -> list[Place]:
    """Places with coordinates among ``facts``, once each (with the indices of the facts naming
    them), leaving out a dateline's place (it says where the text was written, not where the
    footage was filmed). A place without a point stands as its region when that has one."""
    datelines = [f.start for f in facts
                 if f.kind == "date" and detail(f).get("role") == "dateline"]  # fmt: skip
    places: dict[str, Place] = {}
    for i, f in enumerate(facts):
        if f.kind != "place" or any(0 <= start - f.end <= 3 for start in datelines):
            continue
        d = detail(f)
        lat, lon = d.get("lat"), d.get("lon")
        if isinstance(lat, int | float) and isinstance(lon, int | float):
            name = str(f.value)
            if name not in places:
                radius = float(str(d.get("radius_km") or 0.0))
                places[name] = Place(name, str(d.get("kind")), lat, lon, radius, [])
            places[name].facts.append(i)
            places[name].name = name  # named itself, after a village of it stood for it
        elif (region := _region(d.get("region"))) is not None:
            shown = f"{region.name} (where {f.value} lies; it has no point of its own)"
            places.setdefault(region.name, replace(region, name=shown)).facts.append(i)
    return list(places.values())


def _region(name: object) -> Place | None:
    """The gazetteer's region of that name, with its point and radius; None when unknown."""
    if not isinstance(name, str):
        return None
    try:
        entry = default_vocabulary().get("place", name)
    except BadInputError:  # a broken extra vocabulary: no region rather than no check
        return None
    fields = entry.fields if entry else {}
    lat, lon, radius = fields.get("lat"), fields.get("lon"), fields.get("radius_km")
    if not all(isinstance(v, int | float) for v in (lat, lon, radius)):
        return None
    return Place(name, str(fields.get("kind") or "oblast"), float(str(lat)), float(str(lon)),
                 float(str(radius)), [])  # fmt: skip


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))
