"""What every check is made of: the verdicts, the check record, a claim as the checks read it,
and the small readers of the report's JSON record they share."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal

from forensics.records.analysis import Severity

Verdict = Literal["consistent", "contradicted", "cannot be tested"]
VERDICTS: tuple[Verdict, ...] = ("contradicted", "consistent", "cannot be tested")
UNTESTED: Verdict = "cannot be tested"
LABELS = {
    "duration": "Length of the footage",
    "published_vs_creation": "Publication date vs creation time",
    "events_vs_creation": "Event dates vs creation time",
    "events_vs_earliest_release": "Event dates vs earliest release of the footage",
    "place_vs_gps": "Places vs GPS location",
    "hedge": "The claim's own caveats",
    "opposing_actors": "Same footage released by opposing sides",
}
# The flag that restates a check with this verdict, and its severity.
CHECK_FLAGS: dict[tuple[str, Verdict], tuple[str, Severity]] = {
    ("duration", "consistent"): ("duration_matches_claim", "info"),
    ("duration", "contradicted"): ("duration_differs_from_claim", "medium"),
    ("published_vs_creation", "contradicted"): ("created_after_claim", "high"),
    ("events_vs_creation", "contradicted"): ("created_before_event", "high"),
    ("events_vs_earliest_release", "contradicted"): ("released_before_event", "high"),
    ("place_vs_gps", "contradicted"): ("place_differs_from_claim", "medium"),
    ("opposing_actors", "contradicted"): ("opposing_actors_share_footage", "high"),
}


@dataclass(frozen=True)
class Check:
    """One check: ``claim`` indexes the record's ``claims`` (None: about the clip itself);
    ``facts`` index that claim's ``facts``; ``segments`` are the shared stretches it rests
    on; ``other`` is the SHA-256 of the clip an opposing-actors finding is about."""

    check: str
    claim: int | None
    verdict: Verdict
    evidence: str
    facts: tuple[int, ...] = ()
    segments: tuple[dict[str, Any], ...] = ()
    other: str | None = None

    @property
    def flag(self) -> tuple[str, Severity] | None:
        return CHECK_FLAGS.get((self.check, self.verdict))

    def to_dict(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "label": LABELS[self.check],
            "claim": self.claim,
            "verdict": self.verdict,
            "evidence": self.evidence,
            "facts": list(self.facts),
            "segments": [dict(s) for s in self.segments],
            "other": self.other,
            "flag": self.flag[0] if self.flag else None,
        }


class ClaimView:
    """A claim of the record with its facts, read the same way by every check."""

    def __init__(self, number: int, claim: dict[str, Any]) -> None:
        self.number = number
        self.claim = claim
        self.facts: list[dict[str, Any]] = list(claim.get("facts") or [])
        self.source = claim.get("outlet") or Path(str(claim.get("path", "the claim"))).name

    def of_kind(self, kind: str) -> list[tuple[int, dict[str, Any]]]:
        return [(i, f) for i, f in enumerate(self.facts) if f["kind"] == kind]

    def check(self, name: str, verdict: Verdict, evidence: str, facts: Sequence[int] = ()) -> Check:
        return Check(name, self.number, verdict, evidence, tuple(facts))


# ---------------------------------------------------------------------------- the record


def day(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(iso[:10]) if iso else None
    except ValueError:
        return None


def created(data: dict[str, Any]) -> date | None:
    """The day the file's own tags say it was created."""
    return day(data["metadata"].get("creation_time"))


def clip_released(data: dict[str, Any]) -> str | None:
    """When this clip was released: the case file's date, else its earliest claim's (the
    rule the case index records for every clip, see ``reuse.release_facts``)."""
    dates = [c["published"] for c in data.get("claims") or [] if c.get("published")]
    return (data.get("case") or {}).get("released") or (min(dates) if dates else None)


def clip_actor(data: dict[str, Any]) -> str | None:
    """Who released this clip: the case file's actor, else the first claim naming one (the
    rule the case index records for every clip, see ``reuse.release_facts``)."""
    claims = data.get("claims") or []
    named = (c["actor"] for c in claims if c.get("actor"))
    return (data.get("case") or {}).get("actor") or next(named, None)


def segments(entry: dict[str, Any]) -> list[dict[str, Any]]:
    """A reuse entry's shared stretches, told from this clip ("this_*") to the other."""
    here = entry["this_side"]
    there = "b" if here == "a" else "a"
    return [
        {
            "other": entry["other"]["name"],
            "this_start": s[f"{here}_start"],
            "this_end": s[f"{here}_end"],
            "other_start": s[f"{there}_start"],
            "other_end": s[f"{there}_end"],
            "alterations": list(s.get("alterations") or []),
        }
        for s in entry["comparison"]["segments"]
    ]


def spans(entry: dict[str, Any], limit: int) -> str:
    """ "36.0-42.5 s here (6.5 s) is 15.0-22.0 s in X (7.0 s)", for the first few stretches."""
    parts = [
        f"{s['this_start']:.1f}-{s['this_end']:.1f} s here ({s['this_end'] - s['this_start']:.1f}"
        f" s) is {s['other_start']:.1f}-{s['other_end']:.1f} s in {s['other']} "
        f"({s['other_end'] - s['other_start']:.1f} s)"
        for s in segments(entry)[:limit]
    ]
    more = len(entry["comparison"]["segments"]) - limit
    return ", ".join(parts) + (f" and {more} more stretch(es)" if more > 0 else "")


def here(entry: dict[str, Any]) -> str:
    """ "36.0-42.5 s": where the shared stretches lie in this clip."""
    return ", ".join(f"{s['this_start']:.1f}-{s['this_end']:.1f} s" for s in segments(entry))


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
