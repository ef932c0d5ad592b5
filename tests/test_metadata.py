import pytest

from forensics.media.metadata import interpret, normalise_time, parse_iso6709


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+50.4790+035.6180+180.000/", (50.479, 35.618, 180.0)),
        ("+50.4253+036.8911/", (50.4253, 36.8911, None)),
        ("-33.8688+151.2093/", (-33.8688, 151.2093, None)),
        ("+5030+03630/", (50.5, 36.5, None)),  # DDMM / DDDMM
        ("+503000+0363000/", (50.5, 36.5, None)),  # DDMMSS / DDDMMSS
        ("+50.4790+035.6180+180.000CRSWGS_84/", (50.479, 35.618, 180.0)),
    ],
)
def test_iso6709_forms(text, expected):
    lat, lon, alt = parse_iso6709(text)
    assert lat == pytest.approx(expected[0]) and lon == pytest.approx(expected[1])
    assert alt == expected[2]


@pytest.mark.parametrize("text", ["", "junk", "+95.0+010.0/", "+50.0+190.0/", "+5+3/"])
def test_iso6709_rejects_nonsense(text):
    assert parse_iso6709(text) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2023-05-23T08:40:12.000000Z", "2023-05-23T08:40:12Z"),
        ("2023-05-22T14:31:07+0300", "2023-05-22T11:31:07Z"),
        ("2023:06:02 07:12:45", "2023-06-02T07:12:45"),  # EXIF: local time, zone unknown
        ("1970-01-01T00:00:00.000000Z", None),
        ("1904-01-01T00:00:00Z", None),
        ("2000-01-01T00:00:00Z", None),  # where many cameras' clocks start until set
        ("0000:00:00 00:00:00", None),
        ("not a date", None),
    ],
)
def test_creation_time_normalised_or_rejected(raw, expected):
    assert normalise_time(raw) == expected


def test_interpret_prefers_device_creation_date_and_reads_apple_keys():
    tags = {
        "format": {
            "creation_time": "2023-05-22T11:31:07.000000Z",
            "com.apple.quicktime.creationdate": "2023-05-22T14:31:07+0300",
            "com.apple.quicktime.make": "Apple",
            "com.apple.quicktime.model": "iPhone 11",
            "com.apple.quicktime.location.ISO6709": "+50.4790+035.6180+180.000/",
            "encoder": "Lavf60.3.100",
        },
        "stream:0": {"handler_name": "Core Media Video"},
    }
    md = interpret(tags)
    assert md.creation_time == "2023-05-22T11:31:07Z"
    assert md.creation_time_source == "format:com.apple.quicktime.creationdate"
    assert md.creation_time_zone == "UTC+03:00"  # the phone's local offset, shown in UTC
    assert (md.make, md.model, md.encoder) == ("Apple", "iPhone 11", "Lavf60.3.100")
    assert md.gps.lat == pytest.approx(50.479) and md.gps.source.endswith("ISO6709")
    assert md.tags is tags


def test_interpret_reads_android_keys_and_zeroed_time():
    md = interpret(
        {
            "format": {
                "creation_time": "1970-01-01T00:00:00.000000Z",
                "com.android.manufacturer": "samsung",
                "com.android.model": "SM-G991B",
                "location": "+50.3700+036.8300/",
            }
        }
    )
    assert md.creation_time is None and md.creation_time_raw.startswith("1970")
    assert md.creation_time_zone is None  # a zeroed time has no zone to tell
    assert (md.make, md.model) == ("samsung", "SM-G991B")
    assert md.gps.lon == pytest.approx(36.83)


def test_interpret_with_no_tags():
    md = interpret({})
    assert md.creation_time is None and md.gps is None and md.encoder is None


@pytest.mark.parametrize(
    ("raw", "zone"),
    [("2023-05-23T08:40:12.000000Z", "UTC"), ("2023-05-22T14:31:07+0300", "UTC+03:00"),
     ("2023-05-22T14:31:07-04:30", "UTC-04:30"), ("2023:06:02 07:12:45", "zone unknown"),
     ("2023-06-02 07:12:45", "zone unknown")],
)  # fmt: skip
def test_every_creation_time_says_its_zone(raw, zone):
    md = interpret({"format": {"creation_time": raw}})
    assert md.creation_time_zone == zone and md.creation_time_source == "format:creation_time"
