"""Dates the fifteenth work on issue 15 stopped reading: "Today" as an outlet's second name
("Kharkiv Today"). Every sentence here is written for the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from forensics.claims.facts import extract_claim_text

FRONT = "---\npublished: 2024-05-23\n---\n"


def dates(text: str) -> list[str]:
    facts = extract_claim_text(FRONT + text, Path("claim.md")).facts
    return [str(f.value) for f in facts if f.kind == "date" and f.text != "2024-05-23"]


@pytest.mark.parametrize(
    "text",
    ["Kyiv Independent reported the strike; Kharkiv Today also did.",
     "According to Sumy Today, a drone hit the school."],
)  # fmt: skip
def test_today_in_an_outlets_name_dates_nothing(text):
    assert dates(text) == []


@pytest.mark.parametrize(
    "text",
    ["Today, drones hit Sumy.", "The governor spoke. Today drones hit.",
     "Officials said: Today the town was shelled.", "Drones hit Sumy today."],
)  # fmt: skip
def test_today_is_still_the_texts_date(text):
    assert dates(text) == ["2024-05-23"]
