"""What every check is made of: a claim as the checks read it, and the small readers of the
record they share. The verdicts and the check record itself are records
(:mod:`forensics.records.checks`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from forensics.dates import day
from forensics.records import (
    CHECK_FLAGS,
    LABELS,
    UNTESTED,
    VERDICTS,
    AnalysisRecord,
    Check,
    ClaimRef,
    Fact,
    ReuseEntry,
    Verdict,
)

__all__ = ["CHECK_FLAGS", "LABELS", "UNTESTED", "VERDICTS", "Check", "ClaimView", "Verdict"]


class ClaimView:
    """A claim of the record with its facts, read the same way by every check."""

    def __init__(self, number: int, claim: ClaimRef) -> None:
        self.number = number
        self.claim = claim
        self.facts = claim.facts
        self.source = claim.outlet or Path(claim.path or "the claim").name

    def of_kind(self, kind: str) -> list[tuple[int, Fact]]:
        return [(i, f) for i, f in enumerate(self.facts) if f.kind == kind]

    def check(self, name: str, verdict: Verdict, evidence: str, facts: Sequence[int] = ()) -> Check:
        return Check(name, self.number, verdict, evidence, tuple(facts))


def detail(fact: Fact) -> dict[str, object]:
    return dict(fact.detail or {})


# ---------------------------------------------------------------------------- the record


def created(record: AnalysisRecord) -> date | None:
    """The day the file's own tags say it was created."""
    return day(record.metadata.creation_time)


def spans(entry: ReuseEntry, limit: int) -> str:
    """ "36.0-42.5 s here (6.5 s) is 15.0-22.0 s in X (7.0 s)", for the first few stretches."""
    stretches = entry.stretches()
    parts = [
        f"{s.this_start:.1f}-{s.this_end:.1f} s here ({s.this_end - s.this_start:.1f}"
        f" s) is {s.other_start:.1f}-{s.other_end:.1f} s in {s.other} "
        f"({s.other_end - s.other_start:.1f} s)"
        for s in stretches[:limit]
    ]
    more = len(stretches) - limit
    return ", ".join(parts) + (f" and {more} more stretch(es)" if more > 0 else "")


def here(entry: ReuseEntry) -> str:
    """ "36.0-42.5 s": where the shared stretches lie in this clip."""
    return ", ".join(f"{s.this_start:.1f}-{s.this_end:.1f} s" for s in entry.stretches())


# ---------------------------------------------------------------------------- wording


def days(delta: timedelta) -> str:
    return f"{delta.days} day{'' if delta.days == 1 else 's'}"


def relation(first: date, second: date) -> str:
    """How ``first`` stands to ``second``: "the same day as", "3 days before"..."""
    gap = (second - first).days
    if gap == 0:
        return "the same day as"
    return f"{days(timedelta(abs(gap)))} {'before' if gap > 0 else 'after'}"


def by(actor: str | None) -> str:
    return f" ({actor})" if actor else ""
