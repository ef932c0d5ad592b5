"""A drone's or camera's HUD telemetry, parsed from the text read on screen: coordinates
(decimal degrees, degrees-minutes-seconds, degrees and decimal minutes, MGRS), altitude, date
and clock.

Precision first: a value is taken only where every digit of it was read. A latitude without
its longitude, a coordinate whose degree sign was read as a digit, a minute of 61 or an MGRS
reference with uneven halves is no point. The only repair is a letter O between digits, which
can only be a zero (and l or I between digits, a one); nothing else is guessed. Hemispheres are
N S E W, their Cyrillic look-alike Е, and the Russian and Ukrainian letters and abbreviations
(С Ю В З, с.ш. в.д., пн.ш. сх.д.). A date written d/m/y or m/y/d that could be either is no date;
a clock alone (no date, zone or label beside it) must show seconds, and a recording timer
(``REC 00:01:23``) is not a clock.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass
from datetime import date

import mgrs

from forensics.dates import calendar_day

MAX_TEXT = 400  # characters of one HUD line parsed: the engine reads lines, not pages
FEET = 0.3048
METRES_PER_DEGREE = 111_320.0
METRES_PER_SECOND = METRES_PER_DEGREE / 3600

_MARKS = str.maketrans({"º": "°", "˚": "°", "∘": "°", "′": "'", "’": "'", "‘": "'", "´": "'",
                        "ʹ": "'", "`": "'", "″": '"', "”": '"', "“": '"', "ʺ": '"'})  # fmt: skip
_ZERO = re.compile(r"(?<=\d)[OoОо]+(?=\d)|(?<=\d)[OoОо]+(?=[.,]\d)|(?<=\d[.,])[OoОо]+(?=\d)")
_ONE = re.compile(r"(?<=\d)[lI]+(?=\d)")
# A lone hemisphere letter, a stray mark and its number ("E.34.79", "N° 50.9"); a number's
# stray mark before a lone hemisphere letter ("50.9079. E 34").
_STRAY_BEFORE = re.compile(r"(?<![^\W\d_])([NSEWЕ])[.,°'](?=\s?\d)")
_STRAY_AFTER = re.compile(r"(?<=\d)[.,](?=\s[NSEWЕ](?![^\W\d_]))")
# Hemisphere words: Latin letters, the Cyrillic Е that looks like E, Russian С(евер) Ю(г)
# В(осток) З(апад) with or without "ш."/"д.", Ukrainian пн. пд. сх. зх.
_HEMI = r"(?<![^\W\d_])(?:пн|пд|сх|зх|[сюзв])\.?\s?[шд]\.?(?![^\W\d_])|[NSEWЕСЮВЗ](?![^\W\d_])"
_SIGN = {"N": 1, "S": -1, "E": 1, "W": -1}
_AXIS = {"N": "lat", "S": "lat", "E": "lon", "W": "lon"}


def hemisphere(word: str) -> str | None:
    """N, S, E or W for a hemisphere as written."""
    w = word.replace(".", "").replace(" ", "").casefold()
    latin = {"n": "N", "s": "S", "e": "E", "w": "W", "е": "E", "с": "N", "ю": "S", "в": "E",
             "з": "W", "сш": "N", "юш": "S", "вд": "E", "зд": "W", "пнш": "N", "пдш": "S",
             "схд": "E", "зхд": "W"}  # fmt: skip
    return latin.get(w)


# One coordinate: degrees with decimals, degrees and decimal minutes, or degrees, minutes and
# seconds, with their marks (or, for seconds, spaces), never starting or ending inside a number;
# its hemisphere before it or, when not, after it.
_COORD = (
    r"(?<![\d.,])(?P<d1>\d{1,3})\s?°\s?(?P<m1>\d{1,2})\s?'\s?(?P<s1>\d{1,2}(?:[.,]\d+)?)\s?(?:\"|'')"
    r"|(?<![\d.,])(?P<d2>\d{1,3}) (?P<m2>\d{1,2}) (?P<s2>\d{1,2}(?:[.,]\d+)?)"
    rf"(?=\s?(?:{_HEMI}))"
    r"|(?<![\d.,])(?P<d3>\d{1,3})\s?°\s?(?P<dm>\d{1,2}[.,]\d+)\s?'?"
    r"|(?<![\d.,])(?P<dd>\d{1,3}[.,]\d{2,})\s?°?"
)
_ONE_COORD = re.compile(
    rf"(?:(?P<pre>{_HEMI})\s?:?\s?)?(?:{_COORD})(?![\d.,]?\d)"
    rf"(?(pre)(?![^\W\d_NSEW])|\s?(?P<post>{_HEMI}))"
)
_LABELLED = re.compile(
    r"(?<![^\W\d_])(?P<label>LAT|LON|LNG|LONG|ШИР|ДОЛ|ДОВ)\w*\.?\s?[:=]?\s?"
    r"(?P<num>[-+]?\d{1,3}[.,]\d{2,})(?![\d.,]?\d)\s?°?",
    re.I,
)
_PAIR = re.compile(r"(?<![\d.,\w-])(?P<a>-?\d{1,2}[.,]\d{4,})(?:\s?[,;/]\s?|\s+)"
                   r"(?P<b>-?\d{1,3}[.,]\d{4,})(?![\d.,]?\d)")  # fmt: skip
_MGRS = re.compile(r"(?<![\w])(?P<zone>\d{1,2})\s?(?P<band>[C-HJ-NP-X])\s?"
                   r"(?P<sq>[A-HJ-NP-Z][A-HJ-NP-V])\s?(?P<e>\d{1,10})(?:\s(?P<n>\d{1,5}))?"
                   r"(?![\w.,]|\s?\d)")  # fmt: skip
_ALT = re.compile(
    r"(?<![^\W\d_])(?P<label>ALTITUDE|ALT|HGT|AGL|ASL|MSL|ВЫСОТА|ВИСОТА|ВЫС|ВИС|[HН])\.?"
    r"\s?[:=]?\s?(?P<num>-?\d{1,5}(?:[.,]\d+)?)\s?(?P<unit>ft|m|м)(?![^\W\d_]|/)",
    re.I,
)
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_YMD = re.compile(r"(?<![\d.,])(?P<y>(?:19|20)\d\d)(?P<sep>[-./])(?P<m>\d{1,2})(?P=sep)"
                  r"(?P<d>\d{1,2})(?![\d.,]?\d)")  # fmt: skip
_DMY = re.compile(r"(?<![\d.,])(?P<a>\d{1,2})(?P<sep>[-./])(?P<b>\d{1,2})(?P=sep)"
                  r"(?P<y>(?:19|20)\d\d)(?![\d.,]?\d)")  # fmt: skip
_NAMED = re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})[- ]?(?P<mon>{'|'.join(_MONTHS)})[A-Z]*[- ,]?"
                    r"(?P<y>(?:19|20)\d\d)(?!\d)", re.I)  # fmt: skip
_CLOCK = re.compile(
    r"(?<![\d:.,])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d)(?:[.,]\d+)?)?"
    r"(?![\d:]|[.,]\d)(?:\s?(?P<ampm>[AP]\.?M\.?)(?![^\W\d_]))?"
    r"(?:\s?(?P<zone>UTC|GMT|Z|MSK|МСК)(?:\s?(?P<off>[+-]\d{1,2})(?::?00)?)?(?![^\W\d_]))?",
    re.I,
)
_TIMER = re.compile(r"(?:REC|TIMER|FLIGHT|DUR|FT|T|●|ЗАП)\s?[:=]?\s?$", re.I)
_CLOCK_LABEL = re.compile(r"(?:TIME|CLOCK|ВРЕМЯ|ЧАС)\s?[:=]?\s?$", re.I)


@dataclass(frozen=True)
class Position:
    lat: float
    lon: float
    shown: str  # as written, with the O repaired
    notation: str
    precision_m: float


@dataclass(frozen=True)
class HudReading:
    position: Position | None = None
    alt_m: float | None = None
    altitude: str | None = None
    date: str | None = None
    clock: str | None = None
    zone: str | None = None

    def __bool__(self) -> bool:
        return any(v is not None for v in (self.position, self.alt_m, self.date, self.clock))


def clean(text: str) -> str:
    """The line with its marks made one kind each, an O between digits made a zero, and a
    stray mark read between a hemisphere letter and its number ("N° 50.9", "N 50.9079. E.34")
    made a space: a mark, never a digit, so every digit is still the engine's."""
    text = text[:MAX_TEXT].translate(_MARKS)
    text = _ONE.sub(lambda m: "1" * len(m[0]), _ZERO.sub(lambda m: "0" * len(m[0]), text))
    return _STRAY_AFTER.sub(" ", _STRAY_BEFORE.sub(r"\1 ", text))


def parse_hud(text: str) -> HudReading:
    """Everything ``text`` (one HUD line as read) shows that can be taken digit for digit."""
    line = clean(text)
    position = coordinates(line) or mgrs_point(line)
    alt = altitude(line)
    day = hud_date(line)
    clock, zone = hud_clock(line, day is not None)
    return HudReading(position, alt[0] if alt else None, alt[1] if alt else None, day, clock,
                      zone)  # fmt: skip


# ---------------------------------------------------------------------------- coordinates


@dataclass(frozen=True)
class _Part:
    axis: str  # lat or lon
    value: float
    start: int
    end: int
    notation: str
    precision_m: float


def coordinates(line: str) -> Position | None:
    """A latitude and the longitude right after it (or before it), by hemisphere letters or
    labels; else a bare pair of signed decimals with four or more decimals each."""
    parts = [p for m in _ONE_COORD.finditer(line) if (p := _lettered(m))]
    parts += [p for m in _LABELLED.finditer(line) if (p := _labelled(m))]
    parts.sort(key=lambda p: p.start)
    for a, b in itertools.pairwise(parts):
        gap = line[a.end : b.start]
        if {a.axis, b.axis} == {"lat", "lon"} and len(gap) <= 6 and not re.search(r"\w", gap):
            north, east = (a, b) if a.axis == "lat" else (b, a)
            if a.notation != b.notation:
                continue
            return _position(north.value, east.value, line[a.start : b.end], a.notation,
                             max(a.precision_m, b.precision_m))  # fmt: skip
    if parts:  # lettered or labelled parts that do not pair: a partly read position
        return None
    m = _PAIR.search(line)
    if m is None:
        return None
    lat, lon = _number(m["a"]), _number(m["b"])
    if abs(lat) > 90 or abs(lon) > 180:
        return None
    return _position(lat, lon, m[0], "decimal", _decimal_precision(m["a"], m["b"]))


def _position(lat: float, lon: float, shown: str, notation: str, precision: float
              ) -> Position | None:  # fmt: skip
    if lat == 0 and lon == 0:  # a HUD without a fix shows zeros: no point
        return None
    return Position(round(lat, 7), round(lon, 7), shown.strip(), notation, round(precision, 1))


def _lettered(m: re.Match[str]) -> _Part | None:
    letter = hemisphere(m["pre"] or m["post"])
    if letter is None or (m["post"] in ("З", "В") and line_char(m, m.start("post") - 1).isdigit()):
        return None  # З and В glued to a number look like 3 and 8: no hemisphere to trust
    degrees = _degrees(m)
    if degrees is None:
        return None
    value, notation, precision = degrees
    limit = 90 if _AXIS[letter] == "lat" else 180
    if value > limit:
        return None
    return _Part(_AXIS[letter], _SIGN[letter] * value, m.start(), m.end(), notation, precision)


def line_char(m: re.Match[str], at: int) -> str:
    return m.string[at] if 0 <= at < len(m.string) else ""


def _degrees(m: re.Match[str]) -> tuple[float, str, float] | None:
    """Degrees, the notation and half the last digit's step in metres."""
    if m["dd"]:
        return _number(m["dd"]), "decimal", _decimal_precision(m["dd"])
    whole = int(m["d1"] or m["d2"] or m["d3"])
    if m["dm"]:
        minutes = _number(m["dm"])
        step = 10.0 ** -_decimals(m["dm"])
        return (whole + minutes / 60, "dm", step / 2 * 60 * METRES_PER_SECOND) if minutes < 60 \
            else None  # fmt: skip
    minutes, seconds_text = int(m["m1"] or m["m2"]), m["s1"] or m["s2"]
    seconds = _number(seconds_text)
    if minutes >= 60 or seconds >= 60:
        return None
    step = 10.0 ** -_decimals(seconds_text)
    return whole + minutes / 60 + seconds / 3600, "dms", step / 2 * METRES_PER_SECOND


def _labelled(m: re.Match[str]) -> _Part | None:
    axis = "lat" if m["label"].upper() in ("LAT", "ШИР") else "lon"
    value = _number(m["num"])
    if abs(value) > (90 if axis == "lat" else 180):
        return None
    return _Part(axis, value, m.start(), m.end(), "decimal", _decimal_precision(m["num"]))


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _decimals(text: str) -> int:
    return len(re.split(r"[.,]", text)[1]) if re.search(r"[.,]", text) else 0


def _decimal_precision(*numbers: str) -> float:
    return 10.0 ** -min(_decimals(n) for n in numbers) / 2 * METRES_PER_DEGREE


_CONVERTER = mgrs.MGRS()


def mgrs_point(line: str) -> Position | None:
    """An MGRS reference (``37U DQ 12345 67890``, ``37UDQ1234567890``) with 2 to 5 digits each
    way, both halves as long, converted by the mgrs library (the square's south-west corner)."""
    for m in _MGRS.finditer(line):
        east, north = m["e"], m["n"]
        if north is None:  # written together: split in half
            if len(east) % 2:
                continue
            east, north = east[: len(east) // 2], east[len(east) // 2 :]
        if len(east) != len(north) or not 2 <= len(east) <= 5 or not 1 <= int(m["zone"]) <= 60:
            continue
        reference = f"{int(m['zone']):02d}{m['band']}{m['sq']}{east}{north}"
        try:
            lat, lon = _CONVERTER.toLatLon(reference)
        except Exception:  # the library's MGRSError: not a reference
            continue
        precision = 10.0 ** (5 - len(east)) / 2
        return _position(lat, lon, m[0], "mgrs", precision)
    return None


# ---------------------------------------------------------------------------- altitude, time


def altitude(line: str) -> tuple[float, str] | None:
    """Metres, and the altitude as shown, from a labelled height with its unit."""
    m = _ALT.search(line)
    if m is None:
        return None
    value = _number(m["num"])
    metres = value * FEET if m["unit"].lower() == "ft" else value
    return round(metres, 2), m[0].strip()


def hud_date(line: str) -> str | None:
    """A date written year first, day first with dots, or with the month's name; d/m/y with
    slashes or dashes only where the day is over 12 (else it could be m/d/y)."""
    found: date | None = None
    if m := _YMD.search(line):
        found = calendar_day(int(m["y"]), int(m["m"]), int(m["d"]))
    elif m := _DMY.search(line):
        a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
        if m["sep"] == "." or a > 12:
            found = calendar_day(year, b, a)
        elif b > 12:
            found = calendar_day(year, a, b)
    elif m := _NAMED.search(line):
        found = calendar_day(int(m["y"]), _MONTHS.index(m["mon"].upper()) + 1, int(m["d"]))
    return found.isoformat() if found else None


def hud_clock(line: str, dated: bool) -> tuple[str | None, str | None]:
    """The clock (24-hour) and its zone where the HUD names one."""
    for m in _CLOCK.finditer(line):
        before = line[: m.start()]
        if _TIMER.search(before):
            continue
        labelled = bool(_CLOCK_LABEL.search(before) or m["zone"])
        if not (dated or labelled or m["s"]):
            continue
        hour = int(m["h"])
        if m["ampm"]:
            if not 1 <= hour <= 12:
                continue
            hour = hour % 12 + (12 if m["ampm"].upper().startswith("P") else 0)
        clock = f"{hour:02d}:{m['mi']}" + (f":{m['s']}" if m["s"] else "")
        return clock, _zone(m["zone"], m["off"])
    return None, None


def _zone(name: str | None, offset: str | None) -> str | None:
    if name is None:
        return None
    if name.upper() in ("MSK", "МСК"):
        return "UTC+03:00"
    hours = int(offset) if offset else 0
    return "UTC" if hours == 0 else f"UTC{hours:+03d}:00"


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine), for comparing HUD readings."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6_371_000.0 * math.asin(math.sqrt(a))
