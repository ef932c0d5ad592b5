"""Records of what is said about the evidence: the facts a claim text asserts, a claim linked
to a clip, and the case file's entry for the clip (who released it, when, with which claims).

``KINDS`` lists the kinds of fact, in the order that breaks ties when facts start and end
together.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

KINDS = ("date", "duration", "place", "actor", "equipment", "platform", "count", "statement",
         "hedge")  # fmt: skip


@dataclass(frozen=True)
class Fact:
    """One thing a claim asserts. ``value`` is JSON-ready; ``detail`` says how it was read."""

    kind: str
    value: object
    text: str
    start: int
    end: int
    detail: dict[str, object] | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "value": self.value,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class ClaimFacts:
    """A claim file's facts and the publication date they were resolved against."""

    published: date | None
    facts: tuple[Fact, ...]

    def to_dict(self) -> dict[str, object]:
        published = self.published.isoformat() if self.published else None
        return {"facts": [fact.to_dict() for fact in self.facts], "published": published}


@dataclass(frozen=True)
class ClaimRef:
    """A claim text linked to this clip, with every fact it asserts (``forensics.claims.facts``).

    ``text`` is the claim's body; each fact's ``start``/``end`` index it, so ``text[start:end]``
    is the fact's ``text``. ``text_start`` is where the body begins in the file. The durations
    and event dates the report checks are kept too, derived from the facts.
    """

    path: str
    sha256: str
    outlet: str | None
    url: str | None
    published: str | None
    author: str | None
    actor: str | None
    platform: str | None
    text: str
    claimed_durations_s: tuple[float, ...]
    event_dates: tuple[str, ...]
    linked_by: str  # "case file <path>" or "--claim"
    facts: tuple[Fact, ...] = ()
    text_start: int = 0


@dataclass(frozen=True)
class CaseEntry:
    case_file: str
    title: str | None
    path: str
    sha256: str | None
    actor: str | None
    released: str | None
    claim_paths: tuple[str, ...]
    # the publisher of the post this clip's was forwarded from: it released the footage first
    forwarded_from: str | None = None
    # the length the platform gave for this medium (one of an album's figures), in seconds
    platform_duration_s: float | None = None
    raw_paths: tuple[str, ...] = field(default=(), compare=False)  # as written: clip, claims

    def to_dict(self) -> dict[str, object]:
        return {
            "case_file": self.case_file, "title": self.title, "path": self.path,
            "sha256": self.sha256, "actor": self.actor, "released": self.released,
            "claims": list(self.claim_paths), "forwarded_from": self.forwarded_from,
            "platform_duration_s": self.platform_duration_s,
        }  # fmt: skip
