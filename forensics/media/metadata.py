"""What the tags say: creation time, encoder, device, location.

Input is every raw tag grouped by scope (``format``, ``stream:0``, ``exif``); output is a
:class:`Metadata` record that keeps those raw tags beside the few fields an examiner reads first.
Tag names differ by who wrote the file (QuickTime keys from iPhones, ``com.android.*`` from
Android, EXIF in stills, ffmpeg's own ``encoder``), so each field tries them in a fixed order.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from forensics.media.tags import cap_tags, long_tags
from forensics.records import GpsPoint, MediaInfo, Metadata
from forensics.records.media import TagNote

CREATION_KEYS = (
    "com.apple.quicktime.creationdate",
    "creation_time",
    "date",
    "DateTimeOriginal",
    "DateTimeDigitized",
    "DateTime",
)
MAKE_KEYS = ("com.apple.quicktime.make", "com.android.manufacturer", "make", "Make")
MODEL_KEYS = ("com.apple.quicktime.model", "com.android.model", "model", "Model")
SOFTWARE_KEYS = ("com.apple.quicktime.software", "com.android.version", "software", "Software")
LOCATION_KEYS = ("com.apple.quicktime.location.ISO6709", "location", "location-eng")

# Muxers write these when a clock was never set or the field was blanked on purpose.
# 2000-01-01 is where many cameras' clocks start until they are set.
ZERO_DATES = ("0000", "1904-01-01", "1970-01-01", "1980-01-01", "2000-01-01")

ISO6709 = re.compile(
    r"^\s*([+-]\d+(?:\.\d+)?)([+-]\d+(?:\.\d+)?)([+-]\d+(?:\.\d+)?)?\s*(?:CRS.*)?/?\s*$"
)


def scoped_tags(media: MediaInfo) -> dict[str, dict[str, str]]:
    """All container and stream tags of a clip, by scope."""
    tags = {"format": dict(media.format_tags)}
    for stream in media.streams:
        if stream.tags:
            tags[f"stream:{stream.index}"] = dict(stream.tags)
    return tags


def _find(tags: dict[str, dict[str, str]], keys: tuple[str, ...]) -> tuple[str, str] | None:
    """The first non-empty value for ``keys`` (in order), container scope before streams."""
    for key in keys:
        for scope, values in tags.items():
            for name, value in values.items():
                if name.lower() == key.lower() and str(value).strip():
                    return f"{scope}:{name}", str(value).strip()
    return None


def normalise_time(raw: str) -> str | None:
    """ISO 8601 for the date formats tags use; None when the value is zeroed or unreadable."""
    text = raw.strip().replace("\x00", "")
    if not text or text.startswith(ZERO_DATES) or set(text) <= set("0:- T"):
        return None
    exif = re.match(r"^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})", text)
    if exif:
        text = "{}-{}-{}T{}:{}:{}".format(*exif.groups())
    text = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", text.replace("Z", "+00:00"))
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
        return moment.isoformat(timespec="seconds").replace("+00:00", "Z")
    return moment.isoformat(timespec="seconds")  # local time of an unknown zone (EXIF)


def time_zone(raw: str) -> str:
    """The zone a time tag was written in: "UTC", "UTC+03:00", or "zone unknown" (EXIF and
    many muxers write local time with no zone: it cannot be placed on a clock of its own)."""
    text = raw.strip().replace("\x00", "")
    if re.search(r"(Z|[+-]00:?00)$", text):
        return "UTC"
    offset = re.search(r"([+-])(\d{2}):?(\d{2})$", text)
    if offset and re.search(r"\d{2}:\d{2}", text[: offset.start()]):
        return f"UTC{offset[1]}{offset[2]}:{offset[3]}"
    return "zone unknown"


def parse_iso6709(text: str) -> tuple[float, float, float | None] | None:
    """Latitude, longitude and altitude from an ISO 6709 string such as ``+50.47+035.61+180/``.

    Handles the decimal-degree form phones write and the compact DDMM(SS) forms of the standard.
    """
    match = ISO6709.match(text)
    if not match:
        return None
    lat = _iso6709_angle(match.group(1), 2)
    lon = _iso6709_angle(match.group(2), 3)
    alt = float(match.group(3)) if match.group(3) else None
    if lat is None or lon is None or abs(lat) > 90 or abs(lon) > 180:
        return None
    return lat, lon, alt


def _iso6709_angle(part: str, degree_digits: int) -> float | None:
    sign = -1.0 if part[0] == "-" else 1.0
    whole, _, frac = part[1:].partition(".")
    extra = len(whole) - degree_digits
    if extra not in (0, 2, 4):
        return None
    value = float(whole[:degree_digits])
    if extra >= 2:
        value += float(whole[degree_digits : degree_digits + 2]) / 60
    if extra == 4:
        value += float(whole[degree_digits + 2 :] + ("." + frac if frac else "")) / 3600
    elif frac:
        value += float("0." + frac) * (1 if extra == 0 else 1 / 60)
    return sign * value


def _gps(tags: dict[str, dict[str, str]], exif_gps: GpsPoint | None) -> GpsPoint | None:
    if exif_gps:
        return exif_gps
    found = _find(tags, LOCATION_KEYS)
    if not found:
        return None
    parsed = parse_iso6709(found[1])
    if parsed is None:
        return None
    return GpsPoint(lat=parsed[0], lon=parsed[1], alt_m=parsed[2], source=found[0])


def _encoder(tags: dict[str, dict[str, str]]) -> str | None:
    found = _find({"format": tags.get("format", {})}, ("encoder", "encoded_by", "Software"))
    if found:
        return found[1]
    found = _find(tags, ("encoder",))
    return found[1] if found else None


def interpret(tags: dict[str, dict[str, str]], exif_gps: GpsPoint | None = None,
              notes: tuple[TagNote, ...] = ()) -> Metadata:  # fmt: skip
    """The examiner's first fields, read from raw tags. The tags are kept capped
    (:func:`forensics.media.tags.cap`), each one capped noted beside ``notes``."""
    long = long_tags(tags)
    if long:
        tags = {scope: cap_tags(values) for scope, values in tags.items()}
    notes = (*long, *notes)
    created = _find(tags, CREATION_KEYS)
    when = normalise_time(created[1]) if created else None
    value = _find(tags, MAKE_KEYS), _find(tags, MODEL_KEYS), _find(tags, SOFTWARE_KEYS)
    make, model, software = (v[1] if v else None for v in value)
    return Metadata(
        creation_time=when,
        creation_time_source=created[0] if created else None,
        creation_time_raw=created[1] if created else None,
        creation_time_zone=time_zone(created[1]) if created and when else None,
        encoder=_encoder(tags),
        make=make,
        model=model,
        software=software,
        gps=_gps(tags, exif_gps),
        tags=tags,
        tag_notes=notes,
    )
