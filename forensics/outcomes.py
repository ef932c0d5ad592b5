"""What a batch of clips came to (:mod:`forensics.batch`): each clip's outcome, and the batch
counted for its summary table (clips, failures, findings by severity, shared pairs)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from forensics.errors import ForensicsError
from forensics.pipeline import AnalysisResult
from forensics.records import Severity


@dataclass(frozen=True)
class ClipOutcome:
    """What became of one clip of a batch: its result, its error, or the report it already had
    (``skipped``, when a resumed batch found it in the case)."""

    path: Path
    result: AnalysisResult | None = None
    error: BaseException | None = None
    skipped: Path | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class Batch:
    """Every clip's outcome, in the order the clips were given; ``interrupted`` when the batch
    stopped early (Ctrl-C): the clips not reached have no outcome. ``pages_error`` says why the
    case pages (overview, case manifest) could not be rewritten at the end: every report the
    batch wrote stands, and ``forensics report`` rebuilds the pages."""

    outcomes: tuple[ClipOutcome, ...]
    interrupted: bool = False
    where: str = "this process"
    given: int = 0  # clips asked for
    seconds: float = 0.0
    pages_error: ForensicsError | None = None

    @property
    def failures(self) -> tuple[ClipOutcome, ...]:
        return tuple(o for o in self.outcomes if o.error is not None)

    def summary(self) -> BatchSummary:
        """What the batch did, counted: clips, failures, findings by severity, shared pairs."""
        records = [o.result.record for o in self.outcomes if o.result is not None]
        findings = Counter(f.severity for r in records for f in r.flags)
        return BatchSummary(
            clips=self.given, analysed=len(records), failed=len(self.failures),
            skipped=sum(o.skipped is not None for o in self.outcomes),
            not_reached=self.given - len(self.outcomes),
            # each pair is found once, when its later clip joins the case
            shared_pairs=sum(len(r.reuse) for r in records),
            findings=tuple((s, findings[s]) for s in SEVERITIES),
            seconds=self.seconds, where=self.where,
        )  # fmt: skip


SEVERITIES: tuple[Severity, ...] = ("high", "medium", "low", "info")


@dataclass(frozen=True)
class BatchSummary:
    clips: int
    analysed: int
    failed: int
    skipped: int  # in the case already, with their reports (a resumed batch)
    not_reached: int  # an interrupted batch's rest
    shared_pairs: int  # pairs of clips found sharing footage as this batch's clips joined
    findings: tuple[tuple[str, int], ...]  # (severity, findings) of the clips analysed
    seconds: float
    where: str
