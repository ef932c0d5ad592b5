"""Scoring extracted facts against a text's annotation: key facts found, false facts, tallies.

Matching (also in ``benchmarks/claims_eval/README.md``): a key fact is found when the extractor
emits a fact of the same kind whose value matches and, when the annotation gives a surface
text, whose span overlaps that text (any occurrence of it in the body, or the one named by
``occurrence``). Dates compare as strings, durations within 0.5 s, counts exactly; every other
kind compares folded: Unicode-decomposed, diacritics dropped, case-folded, and everything but
letters and digits removed, against the value and each of its ``accept`` alternatives.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from claims_eval.annotations import KINDS, LANGS, Forbidden, Sample

DURATION_TOLERANCE_S = 0.5
ALL = "all"


def fold(value: object) -> str:
    """``"Gora-Podol"``, ``"gora podol"`` and ``"Góra Podol"`` all fold to ``"gorapodol"``."""
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return "".join(c for c in text if c.isalnum())


def value_matches(kind: str, wanted: object, actual: object, accept: Iterable[str] = ()) -> bool:
    """Whether an emitted value is the annotated one (or one it accepts)."""
    if kind == "duration":
        try:
            return abs(float(actual) - float(wanted)) <= DURATION_TOLERANCE_S  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return False
    if kind == "count":
        return isinstance(actual, int | float) and actual == wanted
    if kind == "date":
        return str(actual) == str(wanted)
    return fold(actual) in {fold(v) for v in (wanted, *accept)}


def overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < s_end and s_start < end for s_start, s_end in spans)


@dataclass(frozen=True)
class Outcome:
    """One text scored: which key facts were found, and the false facts with their reason."""

    sample: Sample
    found: tuple[bool, ...]
    false: tuple[tuple[object, str], ...]  # (fact, why)


def _found(sample: Sample, facts: Sequence) -> tuple[bool, ...]:
    return tuple(
        any(
            f.kind == e.kind
            and value_matches(e.kind, e.value, f.value, e.accept)
            and (not e.spans or overlaps(f.start, f.end, e.spans))
            for f in facts
        )
        for e in sample.expected
    )


def _trap_hit(fact, trap: Forbidden) -> bool:
    return (
        fact.kind == trap.kind
        and overlaps(fact.start, fact.end, trap.spans)
        and (trap.value is None or value_matches(fact.kind, trap.value, fact.value))
    )


def false_reason(fact, sample: Sample, not_places: frozenset[str]) -> str | None:
    """Why an emitted fact is false, or None: it hits a trap, or is a place named like an
    outlet, agency, platform or brand."""
    for trap in sample.forbidden:
        if _trap_hit(fact, trap):
            return f"trap {trap.text!r}: {trap.why}" if trap.why else f"trap {trap.text!r}"
    if fact.kind == "place" and fold(fact.value) in not_places:
        return "place named like an outlet, agency, platform or brand"
    return None


def score(sample: Sample, facts: Sequence, not_places: Iterable[str]) -> Outcome:
    """Score the facts emitted for ``sample`` (objects with kind, value, start, end)."""
    folded = frozenset(fold(n) for n in not_places)
    false = []
    for fact in facts:
        why = false_reason(fact, sample, folded)
        if why is not None:
            false.append((fact, why))
    return Outcome(sample, _found(sample, facts), tuple(false))


@dataclass
class Tally:
    expected: int = 0
    found: int = 0
    false: int = 0

    @property
    def recall(self) -> float | None:
        return self.found / self.expected if self.expected else None

    def as_dict(self) -> dict[str, object]:
        recall = None if self.recall is None else round(self.recall, 3)
        return {"expected": self.expected, "found": self.found, "recall": recall,
                "false": self.false}  # fmt: skip


@dataclass
class Table:
    """Tallies by language and kind; ``ALL`` rows and columns hold the totals."""

    cells: dict[tuple[str, str], Tally] = field(default_factory=dict)

    def cell(self, lang: str, kind: str) -> Tally:
        return self.cells.setdefault((lang, kind), Tally())

    def add(self, lang: str, kind: str, expected: int = 0, found: int = 0, false: int = 0):
        for key_lang in (lang, ALL):
            for key_kind in (kind, ALL):
                t = self.cell(key_lang, key_kind)
                t.expected, t.found, t.false = (
                    t.expected + expected, t.found + found, t.false + false
                )  # fmt: skip

    def as_dict(self) -> dict[str, dict[str, object]]:
        return {
            lang: {kind: self.cell(lang, kind).as_dict() for kind in (*KINDS, ALL)}
            for lang in (*LANGS, ALL)
        }


def tabulate(outcomes: Iterable[Outcome]) -> Table:
    """Key facts expected and found, and false facts, by language and kind."""
    table = Table()
    for o in outcomes:
        lang = o.sample.lang
        for e, hit in zip(o.sample.expected, o.found, strict=True):
            table.add(lang, e.kind, expected=1, found=int(hit))
        for fact, _ in o.false:
            table.add(lang, fact.kind, false=1)
    return table
