"""The flags of footage this clip shares with other clips of its case, one per reuse entry.

Made with the claim checks (:func:`forensics.claims.checks.apply_checks`), which drop the plain
flag where an opposing-actors finding says more about the same other clip.
"""

from __future__ import annotations

from collections.abc import Sequence

from forensics.claims.checks.shared_text import onscreen_words
from forensics.claims.facts import Vocabulary
from forensics.records import AnalysisRecord, Flag, ReuseEntry, Severity

REUSE_FLAG_CODES = ("reuses_earlier_footage", "shares_footage", "footage_reused_later")


def shared_footage(reuse: Sequence[ReuseEntry], data: AnalysisRecord, vocab: Vocabulary
                   ) -> list[Flag]:  # fmt: skip
    """The strongest finding is a later release presenting earlier footage: it is high. The
    earlier side of a pair is informational; an unknown order is medium, to be resolved.
    What the picture's text says about the shared footage follows (:mod:`.shared_text`)."""
    flags = []
    for entry in reuse:
        stretches = entry.stretches()
        seconds = entry.seconds_here()
        spans = ", ".join(
            f"{s.this_start:.1f}-{s.this_end:.1f} s here = "
            f"{s.other_start:.1f}-{s.other_end:.1f} s there"
            for s in stretches[:3]
        )
        who = f" ({entry.other.actor})" if entry.other.actor else ""
        code, severity, verb = _reuse_kind(entry.order_known, entry.this_side)
        message = (f"This clip {verb} {entry.other.name}{who}: about {seconds:.0f} s ({spans}). "
                   f"Release order: {entry.order}.")  # fmt: skip
        if words := onscreen_words(entry, data, vocab):
            message += f" {words}"
        flags.append(Flag(code, severity, message))
    return flags


def _reuse_kind(order_known: bool, this_side: str) -> tuple[str, Severity, str]:
    if not order_known:
        return "shares_footage", "medium", "shares footage with"
    if this_side == "b":  # A is the earlier release
        return "reuses_earlier_footage", "high", "reuses footage released earlier in"
    return "footage_reused_later", "info", "has footage that was reused later in"
