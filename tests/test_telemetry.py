"""HUD telemetry parsed from on-screen text as real drone and camera HUDs show it: every value
exact to the digits shown, and nothing from partial, garbled or hostile text."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from forensics.onscreen.classify import kind_of
from forensics.onscreen.hud import telemetry_of
from forensics.onscreen.telemetry import parse_hud
from forensics.records import record_from_dict, record_to_dict
from forensics.records.media import Timestamp
from forensics.records.onscreen import OnscreenText
from tests import factories


@pytest.mark.parametrize(("text", "lat", "lon", "notation", "precision"), [
    ("N 50.5932 E 36.5873 H 120m", 50.5932, 36.5873, "decimal", 5.6),  # DJI
    ("N50.593211 E36.587301", 50.593211, 36.587301, "decimal", 0.1),
    ("50.5123N 36.6012E ALT 120m 2023-05-22 14:03:11", 50.5123, 36.6012, "decimal", 5.6),
    ("50.5932° N, 36.5873° E", 50.5932, 36.5873, "decimal", 5.6),
    ("S 33.8688 W 70.6693", -33.8688, -70.6693, "decimal", 5.6),
    ("LAT: 50,5932 LON: 36,5873", 50.5932, 36.5873, "decimal", 5.6),  # comma decimals
    ("LAT -33.8688 LNG 151.2093", -33.8688, 151.2093, "decimal", 5.6),
    ("50.593211, 36.587301", 50.593211, 36.587301, "decimal", 0.1),  # signed pair
    ("50,5932 36,5873", 50.5932, 36.5873, "decimal", 5.6),
    ("50°35'35.5\"N 36°35'14.3\"E", 50.5931944, 36.5873056, "dms", 1.5),
    ("N 50°35′35″ E 36°35′14″", 50.5930556, 36.5872222, "dms", 15.5),
    ("50º35'35.5''N 36º35'14.3''E", 50.5931944, 36.5873056, "dms", 1.5),
    ("50 35 35.5 N 36 35 14.3 E", 50.5931944, 36.5873056, "dms", 1.5),
    ("N 50°35.592' E 36°35.238'", 50.5932, 36.5873, "dm", 0.9),
    ("50.5932° с.ш. 36.5873° в.д.", 50.5932, 36.5873, "decimal", 5.6),  # Russian
    ("С 50.5932 В 36.5873", 50.5932, 36.5873, "decimal", 5.6),
    ("N 5O.5932 E 36.587З", None, None, None, None),  # З is no digit: nothing guessed
    ("N 5O.5932 E 36.5873", 50.5932, 36.5873, "decimal", 5.6),  # O between digits: a zero
    ("N 50.5932 Е 36.5873", 50.5932, 36.5873, "decimal", 5.6),  # Cyrillic Е read for E
])  # fmt: skip
def test_coordinates_as_huds_show_them(text, lat, lon, notation, precision):
    position = parse_hud(text).position
    if lat is None:
        assert position is None
        return
    assert position is not None
    assert (position.lat, position.lon) == pytest.approx((lat, lon), abs=1e-7)
    assert position.notation == notation and position.precision_m == pytest.approx(precision)


@pytest.mark.parametrize("text", ["37U DQ 12345 67890", "37UDQ1234567890", "37U DQ 1234 6789"])
def test_mgrs_through_the_library(text):
    position = parse_hud(text).position
    assert position is not None and position.notation == "mgrs"
    # 37U DQ 12345 67890 is about 49.357 N 37.793 E (its south-west corner)
    assert position.lat == pytest.approx(49.357, abs=0.002)
    assert position.lon == pytest.approx(37.793, abs=0.002)
    assert position.precision_m == (0.5 if "12345" in text else 5.0)


@pytest.mark.parametrize(("text", "metres", "shown"), [
    ("N 50.5932 E 36.5873 H 120m", 120.0, "H 120m"),
    ("ALT 394ft", 120.09, "ALT 394ft"),
    ("ALT: 120.5 M", 120.5, "ALT: 120.5 M"),
    ("ВЫС 350м", 350.0, "ВЫС 350м"),
])  # fmt: skip
def test_altitude(text, metres, shown):
    reading = parse_hud(text)
    assert reading.alt_m == pytest.approx(metres) and reading.altitude == shown


@pytest.mark.parametrize(("text", "day", "clock", "zone"), [
    ("2023-05-22 06:41:12", "2023-05-22", "06:41:12", None),
    ("2023/05/22 06:41", "2023-05-22", "06:41", None),  # a date beside it: a clock
    ("22.05.2023 06:41:12", "2023-05-22", "06:41:12", None),
    ("22/05/2023", "2023-05-22", None, None),  # day over 12: d/m/y
    ("05/22/2023 6:41:12 PM", "2023-05-22", "18:41:12", None),  # month first
    ("22-MAY-2023 06:41:12Z", "2023-05-22", "06:41:12", "UTC"),
    ("TIME 06:41", None, "06:41", None),
    ("06:41:12 UTC+3", None, "06:41:12", "UTC+03:00"),
    ("09:41:12 MSK", None, "09:41:12", "UTC+03:00"),
])  # fmt: skip
def test_date_and_clock(text, day, clock, zone):
    reading = parse_hud(text)
    assert (reading.date, reading.clock, reading.zone) == (day, clock, zone)


@pytest.mark.parametrize("text", [
    "",
    "N 50.5932",  # a latitude alone is no point
    "N 50.5932 E",
    "50.5932N 36.58",  # the longitude without its hemisphere: partly read
    "N 91.5932 E 36.5873",  # out of range
    "N 50°61'35.5\" E 36°35'14.3\"",  # minute 61
    "50035'35.5\"N 36°35'14.3\"E",  # the degree sign read as a zero: never a guess
    "N 0.000000 E 0.000000",  # no fix yet
    "37U DQ 1234 567890",  # uneven MGRS halves
    "37UDQ123456789",
    "37U DQ",
    "ALT 120",  # no unit
    "H.S 5.3m/s D 350m",  # speed and distance, not altitude
    "05/06/2023 10:00",  # 5 June or 6 May: no date; an undated clock without seconds
    "REC 00:01:23",  # a recording timer
    "2023-13-45 25:61:99",
    "Belgorod region",
    "@legion_free",
    "12.5 km/h 45%",
    "14¢03:11 ALT’ 150п",  # misreads the engine makes
    "N" * 5000 + " 50.5932 E 36.5873",  # long garbage: cut, not parsed for ever
    "\x00\u202e50.5932N\u202c 36.5873",
])  # fmt: skip
def test_garbage_and_partial_readings_give_nothing(text):
    assert not parse_hud(text)


def _text(text: str, kind: str, t: float = 1.0) -> OnscreenText:
    time = Timestamp(round(t * 1000), Fraction(1, 1000))
    end = Timestamp(round((t + 1) * 1000), Fraction(1, 1000))
    return OnscreenText(text, time, end, (10, 10, 300, 20), kind, "en", 0.9, None)


def test_only_hud_tracks_become_telemetry_with_their_times():
    texts = [_text("Belgorod region 22.05.2023", "caption"),
             _text("N 50.5932 E 36.5873 H 120m", "hud", 2.0),
             _text("ALT", "hud"), _text("2023-05-22 06:41:12", "hud", 3.0)]  # fmt: skip
    found = telemetry_of(texts)
    assert [t.track for t in found] == [1, 3]
    assert found[0].start.seconds == 2.0 and found[0].end.seconds == 3.0
    assert (found[0].lat, found[0].lon, found[0].alt_m) == (50.5932, 36.5873, 120.0)
    assert (found[1].date, found[1].clock, found[1].has_point) == ("2023-05-22", "06:41:12", False)


def test_dms_and_mgrs_lines_are_hud_tracks():
    picture = (1280, 720)
    for text in ("50°35'35.5\"N 36°35'14.3\"E", "37U DQ 12345 67890"):
        assert kind_of(text, (20, 20, 400, 20), picture, 0.1) == "hud"


def test_telemetry_round_trips_through_report_json():
    texts = [_text("N 50.5932 E 36.5873 H 120m", "hud")]
    data = factories.record_dict(
        onscreen_text=[{"text": t.text, "start": t.start.to_dict(), "end": t.end.to_dict(),
                        "box": list(t.box), "kind": t.kind, "lang": t.lang,
                        "confidence": t.confidence, "image": None} for t in texts],
    )  # fmt: skip
    record = record_from_dict(data)
    from dataclasses import replace

    record = replace(record, onscreen_telemetry=telemetry_of(record.onscreen_text))
    again = record_from_dict(json.loads(json.dumps(record_to_dict(record))))
    assert again.onscreen_telemetry == record.onscreen_telemetry
    assert record_to_dict(again)["onscreen_telemetry"][0]["position"] == "N 50.5932 E 36.5873"
    bad = record_to_dict(record)
    bad["onscreen_telemetry"][0]["lat"] = 95.0
    with pytest.raises(Exception, match="HUD position"):
        record_from_dict(bad)


def test_a_value_its_line_does_not_corroborate_is_left_out():
    """The engine drops a decimal point now and then (as on the sample case's Legion HUD:
    960M, 96.3M, 964M, 96.1M): a value is kept only in a run of readings that agree."""
    line = [
        _text(f"H {alt} D 640M HS4.2M/S", "hud", t)
        for t, alt in enumerate(["960M", "96.3M", "964M", "96.1M", "95.7M", "95.6M"])
    ]
    clock = [_text(f"22.05.2023 14:10:0{s}", "hud", s) for s in (4, 5, 9)]
    clock = [OnscreenText(c.text, c.start, c.end, (400, 600, 200, 20), "hud", "", 0.9, None)
             for c in clock]  # fmt: skip
    found = telemetry_of(line + clock)
    assert [t.alt_m for t in found if t.alt_m] == [96.3, 96.1, 95.7, 95.6]
    # 14:10:09 is 4 s after 14:10:05 on a reading 4 s later: kept, like the others
    assert [t.clock for t in found if t.clock] == ["14:10:04", "14:10:05", "14:10:09"]
    path = [
        _text(f"N {lat} E 36.5873", "hud", t)
        for t, lat in enumerate(["50.5932", "50.5922", "50.9932", "50.5912"], start=1)
    ]
    assert [t.lat for t in telemetry_of(path)] == [50.5932, 50.5922, 50.5912]  # 44 km off: out
    assert [t.lat for t in telemetry_of(path[2:3])] == [50.9932]  # alone: nothing to doubt
    assert telemetry_of(path[1:3]) == ()  # two that disagree: neither is trusted


@pytest.mark.parametrize(("text", "lat", "lon"), [
    ("N 50.9079. E.34.7984 H 122m", 50.9079, 34.7984),  # read off a generated Sumy HUD
    ("N° 50,9083 E 34.7990 H 126m", 50.9083, 34.7990),
    ("50.5183N.36.6057E ALT 165m", 50.5183, 36.6057),
])  # fmt: skip
def test_a_stray_mark_beside_a_hemisphere_letter_is_not_part_of_the_number(text, lat, lon):
    position = parse_hud(text).position
    assert position is not None and (position.lat, position.lon) == (lat, lon)


def test_a_dash_beside_a_hemisphere_letter_is_no_position():
    """E-34.7999 could be a minus sign: the longitude is not taken."""
    assert parse_hud("N 50.9089 E-34.7999 H 132m").position is None
