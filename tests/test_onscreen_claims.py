"""Captions read as claims: the facts the picture states, with the times it states them."""

from __future__ import annotations

import json
from datetime import date

import pytest

from forensics.claims import onscreen
from forensics.claims.onscreen import onscreen_claims, with_onscreen_claims
from forensics.errors import RecordError
from forensics.records import record_from_dict, record_to_dict
from tests import factories


def _record(*texts, **fields):
    return factories.record(onscreen_text=list(texts), **fields)


def test_a_caption_gives_places_and_equipment_with_its_times():
    record = _record(
        factories.onscreen("Belgorod region", start=2.0, end=6.0),
        factories.onscreen("enemy BMP-2", start=8.0, end=11.0),
        factories.onscreen("N 50.9077 E 34.7981", "hud", box=(10, 10, 300, 20)),
        factories.onscreen("@legion_free", "watermark", box=(1000, 10, 200, 30)),
    )
    first, second = onscreen_claims(record)
    assert (first.start.seconds, first.end.seconds, first.tracks) == (2.0, 6.0, (0,))
    [place] = first.facts
    assert (place.kind, place.value, place.text) == ("place", "Belgorod Oblast", "Belgorod region")
    assert first.text[place.start : place.end] == place.text
    assert [(f.kind, f.value) for f in second.facts] == [("equipment", "BMP-2")]
    assert second.tracks == (1,)


def test_the_lines_of_one_caption_are_read_together_top_first():
    record = _record(
        factories.onscreen("область", start=1.0, end=5.0, box=(300, 650, 200, 40), lang="ru"),
        factories.onscreen("Белгородская", start=1.0, end=5.0, box=(280, 600, 260, 40),
                           lang="ru"),
        factories.onscreen("Belgorod region", start=20.0, end=24.0, box=(280, 600, 260, 40)),
    )  # fmt: skip
    first, second = onscreen_claims(record)
    assert first.text == "Белгородская\nобласть" and first.tracks == (1, 0)
    assert [f.value for f in first.facts] == ["Belgorod Oblast"]
    assert second.tracks == (2,)  # the same place later: another caption


def test_a_relative_date_is_read_against_the_release_and_hud_and_unsure_text_is_not():
    record = _record(
        factories.onscreen("Козинка, 22 мая", lang="ru"),
        factories.onscreen("Grayvoron", confidence=0.3, start=6.0, end=9.0),  # unsure: not read
        factories.onscreen("ALT 120m 2023-05-22", "hud", start=6.0, end=9.0),
        factories.onscreen("they hide in empty houses", start=10.0, end=12.0),  # no fact
        case=factories.case_entry(actor="Freedom of Russia Legion", released="2023-05-23"),
    )
    [claim] = onscreen_claims(record)
    assert {(f.kind, f.value) for f in claim.facts} >= {("place", "Kozinka"),
                                                       ("date", "2023-05-22")}  # fmt: skip


def test_without_a_release_a_day_on_screen_takes_its_year_from_the_files_creation():
    """A clip analysed alone (no case, no claim): "22 May" over it names 2023-05-22 when the
    file's tags say it was created on 2023-05-23, and says where the year came from; a date
    written out in full needs no reference."""
    record = _record(
        factories.onscreen("Kozinka, 22 May"),
        factories.onscreen("BELGOROD 22.05.2023", start=6.0, end=9.0),
        metadata=factories.metadata("2023-05-23T10:00:00Z"),
    )
    first, second = onscreen_claims(record)
    [named] = [f for f in first.facts if f.kind == "date"]
    assert named.value == "2023-05-22" and "creation day" in str((named.detail or {})["rule"])
    assert [(f.kind, f.value) for f in second.facts] == [("place", "Belgorod"),
                                                         ("date", "2023-05-22")]  # fmt: skip


def test_the_release_date_comes_before_the_files_creation():
    record = _record(
        factories.onscreen("Kozinka, 22 May"),
        metadata=factories.metadata("2024-01-02T10:00:00Z"),  # a later re-encode's tag
        case=factories.case_entry(actor="Freedom of Russia Legion", released="2023-05-23"),
    )
    [claim] = onscreen_claims(record)
    [named] = [f for f in claim.facts if f.kind == "date"]
    assert named.value == "2023-05-22" and "publication" in str((named.detail or {})["rule"])


def test_a_caption_with_a_day_and_month_alone_is_read_with_the_files_creation_day(monkeypatch):
    """``BELGOROD 22.05``: what the extractor makes of a day and a month written so is its
    own matter; the caption reaches it with the day the year can come from."""
    seen = []

    def extract(text, published, **_kwargs):
        seen.append((text, published))
        return []

    monkeypatch.setattr(onscreen, "extract_facts", extract)
    onscreen_claims(_record(factories.onscreen("BELGOROD 22.05"),
                            metadata=factories.metadata("2023-05-23T10:00:00Z")))  # fmt: skip
    assert seen == [("BELGOROD 22.05", date(2023, 5, 23))]


def test_on_screen_claims_round_trip_through_report_json():
    record = with_onscreen_claims(_record(factories.onscreen("Belgorod region")))
    data = json.loads(json.dumps(record_to_dict(record)))
    assert data["onscreen_claims"][0]["facts"][0]["value"] == "Belgorod Oblast"
    assert record_from_dict(data).onscreen_claims == record.onscreen_claims
    data["onscreen_claims"][0]["facts"][0]["start"] = 3  # no longer the text's span
    with pytest.raises(RecordError, match="not at 3"):
        record_from_dict(data)


def test_a_captions_day_and_month_is_a_date_of_the_release_year():
    """OCR reads "BELGOROD 22.05" burned into the picture; the caption is passed to the claim
    extractor, whose day.month rule makes it 22 May of the clip's release year. A clock in a
    caption ("at 21.05") stays no date."""
    record = _record(
        factories.onscreen("BELGOROD 22.05", start=1.0, end=4.0),
        factories.onscreen("shelling at 21.05", start=9.0, end=12.0),
        case=factories.case_entry(actor="Freedom of Russia Legion", released="2023-05-23"),
    )
    [claim] = onscreen_claims(record)
    assert claim.tracks == (0,)
    assert [(f.kind, f.value, f.text) for f in claim.facts if f.kind == "date"] == [
        ("date", "2023-05-22", "22.05")
    ]
