"""A place fact for a name outside the gazetteer, located when GeoNames has it."""

from __future__ import annotations

from collections.abc import Iterable

from forensics.claims.facts.fact import Fact
from forensics.claims.facts.geonames import SOURCE, locate, locate_in
from forensics.claims.facts.katottg import SOURCE as KATOTTG
from forensics.claims.facts.katottg import latin_settlement_in, settlement_in
from forensics.claims.facts.translit import romanise

_TOWN_RADIUS_KM = 3  # a GPS point this close to a GeoNames centre is "in" the town


def _place(
    kind: str, value: str, said: str, start: int, names: set[str], regions: frozenset[str],
    anywhere: bool = True,
) -> Fact:
    """A place fact for a name outside the gazetteer: located when GeoNames has it (only in a
    region the claim names when not ``anywhere``: a name guessed from its form)."""
    detail: dict[str, object] = {
        "kind": kind or "settlement", "region": None, "country": None, "lat": None,
        "lon": None, "radius_km": None, "located": False,
        "note": "not in the gazetteer: named as a place by its context, could not be located",
    }  # fmt: skip
    found = (locate if anywhere else locate_in)(names | {value}, regions)
    codified = None if found is not None else (
        settlement_in(names | {said}, regions) or latin_settlement_in(value, regions))
    if codified is not None:  # a Ukrainian settlement the codifier has, in an oblast named
        detail.update(region=f"{romanise(codified.oblast, 'uk')} Oblast", country="Ukraine",
                      district=f"{romanise(codified.district, 'uk')} District",
                      note=f"not in the gazetteer; in {KATOTTG}, which has no coordinates: "
                      "could not be located")  # fmt: skip
    if found is not None:
        value = found.name
        detail.update(region=f"{found.region} Oblast", country=found.country, lat=found.lat,
                      lon=found.lon, radius_km=_TOWN_RADIUS_KM, located=True,
                      note=f"not in the gazetteer; coordinates from {SOURCE}")  # fmt: skip
    return Fact("place", value, said, start, start + len(said), detail)


def regions_named(facts: Iterable[Fact]) -> frozenset[str]:
    """The oblasts and regions a text's place facts name: an oblast's own value, and the
    region in each place's detail."""
    return frozenset(
        str(region)
        for f in facts
        if f.kind == "place" and f.detail
        for region in (
            f.value if f.detail.get("kind") == "oblast" else None,
            f.detail.get("region"),
        )
        if region
    )
