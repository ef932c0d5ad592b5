"""What extraction returns: a :class:`Fact` tied to its span of the source, and a claim
file's facts as :class:`ClaimFacts`; ``KINDS`` lists the kinds of fact, in the order that
breaks ties when facts start and end together.

Kept on its own so that every layer's module can build facts without importing another layer.
"""

from __future__ import annotations

from dataclasses import dataclass
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
