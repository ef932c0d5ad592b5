"""Claim texts: the words released with a clip, and the facts they assert.

A claim file is plain text or Markdown, optionally opened by YAML front matter (``outlet``,
``url``, ``published``, ``author``, ``actor``, ``platform``) or by a ``date YYYY-MM-DD`` line as
in wire copy. This module reads it strictly -- a claim that cannot be read is an error naming
the file and line, never a silently dropped claim -- and links it to a clip with every fact
:mod:`forensics.claims.facts` finds in it, offsets moved onto the text the record keeps.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from forensics.claims.claimfile import read_text, split_front_matter
from forensics.claims.facts import extract_claim_text
from forensics.records import ClaimRef, Fact


def load_claim(path: Path, linked_by: str) -> ClaimRef:
    """Read one claim file into a :class:`ClaimRef` carrying every fact the claim asserts.

    The record keeps the body (front matter and ``date`` line removed, outer whitespace
    stripped) as ``text``; each fact's ``start``/``end`` are moved to index that text, and
    ``text_start`` says where it begins in the file. The publication date written in the front
    matter is kept as a field (``published``), not as a fact; the length the platform states
    there (``duration``) is kept as a fact lying before the text, at negative offsets
    (``text_start + start`` is still its place in the file), since no field holds it.
    """
    text = read_text(path)
    fields, body = split_front_matter(path, text)
    extracted = extract_claim_text(text, path)
    kept = body.strip()
    offset = len(text) - len(body) + (len(body) - len(body.lstrip()))
    facts = tuple(
        replace(f, start=f.start - offset, end=f.end - offset)
        for f in extracted.facts
        if (offset <= f.start and f.end <= offset + len(kept)) or _stated_by_platform(f)
    )
    published = extracted.published
    return ClaimRef(
        path=str(path.resolve()),
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        outlet=fields.get("outlet"),
        url=fields.get("url"),
        published=published.isoformat() if published else None,
        author=fields.get("author"),
        actor=fields.get("actor"),
        platform=fields.get("platform"),
        text=kept,
        claimed_durations_s=claimed_durations(facts),
        event_dates=event_dates(facts),
        linked_by=linked_by,
        facts=facts,
        text_start=offset,
    )


def _stated_by_platform(fact: Fact) -> bool:
    return fact.kind == "duration" and (fact.detail or {}).get("role") == "platform"


def claimed_durations(facts: tuple[Fact, ...]) -> tuple[float, ...]:
    """Lengths of footage the claim states, in seconds, in file order: the platform's (front
    matter) first, then the text's."""
    return tuple(dict.fromkeys(float(str(f.value)) for f in facts if f.kind == "duration"))


def event_dates(facts: tuple[Fact, ...]) -> tuple[str, ...]:
    """Dates of events the claim names, in text order: every date it mentions, but not its
    publication date or dateline (when and where the text was written)."""
    dates = (str(f.value) for f in facts
             if f.kind == "date" and (f.detail or {}).get("role") == "mentioned")  # fmt: skip
    return tuple(dict.fromkeys(dates))


def relink(claim: ClaimRef, linked_by: str) -> ClaimRef:
    return replace(claim, linked_by=linked_by)
