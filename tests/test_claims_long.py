"""A long claim is read exactly as its parts: the shortcuts that make two megabytes fast (words
asked once per distinct word, caches, masks, the Latin view, the cycle collector paused) must
not change a single fact. And the command line and ``import forensics`` load no library."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from forensics.claims.facts import Fact, extract_facts
from forensics.claims.facts.text import _read
from tests.claim_facts import fresh_python
from tests.long_claims import NEWS_PARAGRAPH, news_report

PUBLISHED = date(2023, 5, 23)


def _shifted(fact: Fact, by: int) -> Fact:
    """The fact as it reads ``by`` characters later (its span and its speaker's)."""
    detail = fact.detail
    if detail and "speaker_start" in detail:
        detail = {**detail, "speaker_start": detail["speaker_start"] + by,  # type: ignore[operator]
                  "speaker_end": detail["speaker_end"] + by}  # type: ignore[operator]  # fmt: skip
    return replace(fact, start=fact.start + by, end=fact.end + by, detail=detail)


@pytest.mark.parametrize("size", [
    200_000, pytest.param(2_000_000, marks=pytest.mark.slow)])  # fmt: skip
def test_a_long_claim_reads_as_its_parts(size: int) -> None:
    """Its first two paragraphs read as they do alone, and every later one as the second
    (each may look back one paragraph for a speaker or a date, never further)."""
    text, step = news_report(size), len(NEWS_PARAGRAPH)
    two = extract_facts(NEWS_PARAGRAPH * 2, PUBLISHED)
    second = [f for f in two if f.start >= step]
    assert len(second) >= 8  # statement, actor, dates, count, place, duration, hedges
    expected = two + [_shifted(f, k * step) for k in range(1, len(text) // step - 1)
                      for f in second]  # fmt: skip
    assert extract_facts(text, PUBLISHED) == expected


def test_words_are_asked_about_once_each() -> None:
    asked: list[str] = []
    src = _read("Козинка и Козинка, Шебекино и Козинка.", 0)
    found = src.cyrillic_where(lambda word: asked.append(word) or word[0].isupper())
    assert sorted(asked) == ["Козинка", "Шебекино", "и"]
    assert [src.cyrillic_said[i] for i in found] == ["Козинка", "Козинка", "Шебекино", "Козинка"]


def test_import_and_help_load_no_library() -> None:
    """``import forensics`` and ``forensics --help`` start without numpy, FAISS, OpenCV or the
    claim vocabulary (1.2-2 s a process before); the names still resolve on first use."""
    code = (
        "import sys, forensics\n"
        "from forensics.cli import main\n"
        "heavy = {'numpy', 'faiss', 'cv2', 'forensics.claims.facts', 'forensics.api'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
        "print(forensics.extract_claim.__module__)\n"
    )
    assert fresh_python(code).split("\n")[:2] == ["[]", "forensics.api"]
