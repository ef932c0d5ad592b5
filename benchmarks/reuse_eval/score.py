"""Run ours and the baselines on one pair and score each against the truth.

Located: the method says "match" and its best range overlaps one true piece on both A and B
(for a compilation, any of its shared excerpts). IoU is taken against that piece. Where a
method reports several stretches (ours does), ``pieces_found`` counts the true pieces that
some reported stretch overlaps on both clips.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from baselines import BaselineResult, signature_compare, vpdq_compare

from forensics.media.frames import SAMPLE_INTERVAL_S
from forensics.reuse.compare import Comparison, compare

from .build import Builder, build_pair, decode_seconds
from .made import Case, Piece, Span

METHODS = ("ours", "ours-reversed", "signature", "vpdq")


def ours(a: Any, b: Any, reversed_order: bool = False) -> dict[str, Any]:
    """compare(a, b); with ``reversed_order`` compare(b, a) told back from A to B (a user
    does not know which clip is the original: the finding must not depend on the order)."""
    start = time.perf_counter()
    result = compare(b, a).swapped() if reversed_order else compare(a, b)
    elapsed = time.perf_counter() - start
    # Each sample stands for the sampling interval that follows it.
    spans = [
        (
            (s.segment.a_start, s.segment.a_end + SAMPLE_INTERVAL_S),
            (s.segment.b_start, s.segment.b_end + SAMPLE_INTERVAL_S),
        )
        for s in result.stretches
    ]
    best = best_stretch(result)
    return {
        "matched": result.shared,
        "a_range": None if best is None else spans[best][0],
        "b_range": None if best is None else spans[best][1],
        "spans": spans,
        "seconds": elapsed,
        "detail": describe(result),
        "alterations": [] if best is None else list(result.stretches[best].alterations),
        "error": None,
    }


def best_stretch(result: Comparison) -> int | None:
    """The stretch compare is most sure of: the one with the most matched frame pairs."""
    if not result.stretches:
        return None
    ranked = range(len(result.stretches))
    return max(
        ranked,
        key=lambda i: (result.stretches[i].segment.matches, result.stretches[i].segment.a_end),
    )


def describe(result: Comparison) -> str:
    parts = []
    for s in result.stretches:
        seg = s.segment
        altered = ", ".join(s.alterations) or "no alteration"
        parts.append(
            f"A {seg.a_start:.1f}-{seg.a_end:.1f} B {seg.b_start:.1f}-{seg.b_end:.1f} "
            f"rate {seg.rate:.2f} sim {seg.similarity:.2f} n={seg.matches} [{altered}]"
        )
    return "; ".join(parts) or "no shared stretch"


def baseline(result: BaselineResult) -> dict[str, Any]:
    spans = (
        []
        if result.a_range is None or result.b_range is None
        else [(result.a_range, result.b_range)]
    )
    return {
        "matched": result.matched,
        "a_range": result.a_range,
        "b_range": result.b_range,
        "spans": spans,
        "seconds": result.seconds,
        "detail": result.detail,
        "error": result.error,
    }


def guarded(runner: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """One method failing on one pair is a result (no match, with the error), not the end of
    the run."""
    start = time.perf_counter()
    try:
        return runner()
    except Exception as error:
        elapsed = time.perf_counter() - start
        return {
            "matched": False,
            "a_range": None,
            "b_range": None,
            "spans": [],
            "seconds": elapsed,
            "detail": "",
            "error": repr(error),
        }


def iou(found: Span | None, truth: Span) -> float:
    if found is None:
        return 0.0
    inter = max(0.0, min(found[1], truth[1]) - max(found[0], truth[0]))
    union = max(found[1], truth[1]) - min(found[0], truth[0])
    return inter / union if union > 0 else 0.0


def overlaps(found: Span | None, truth: Span) -> bool:
    return found is not None and min(found[1], truth[1]) > max(found[0], truth[0])


def on_piece(a: Span | None, b: Span | None, piece: Piece) -> bool:
    return overlaps(a, piece[0]) and overlaps(b, piece[1])


def score(outcome: dict[str, Any], case: Case) -> dict[str, Any]:
    a, b = outcome["a_range"], outcome["b_range"]
    hits = [p for p in case.pieces if on_piece(a, b, p)]
    best = max(hits, key=lambda p: min(iou(a, p[0]), iou(b, p[1])), default=None)
    found = sum(any(on_piece(sa, sb, p) for sa, sb in outcome["spans"]) for p in case.pieces)
    return {
        **outcome,
        "located": bool(outcome["matched"] and hits),
        "iou_a": None if best is None else iou(a, best[0]),
        "iou_b": None if best is None else iou(b, best[1]),
        "pieces_found": found,
    }


def run_case(case: Case, builder: Builder, methods: Sequence[str]) -> dict[str, Any]:
    built = build_pair(case, builder)
    a, b = built.a, built.b
    decode = decode_seconds(builder.ffmpeg, a, b)  # also leaves both in the page cache
    runners: dict[str, Callable[[], dict[str, Any]]] = {
        "ours": lambda: ours(a, b),
        "ours-reversed": lambda: ours(a, b, reversed_order=True),
        "vpdq": lambda: baseline(vpdq_compare(a, b)),
        "signature": lambda: baseline(signature_compare(a, b, builder.ffmpeg)),
    }
    return {
        "case": case.name,
        "split": case.split,
        "group": case.group,
        "kind": case.kind,
        "classes": list(case.classes),
        "params": case.params,
        "pieces": case.pieces,
        "a": a.name,
        "b": b.name,
        "decode_s": decode,
        "lengths": built.lengths,  # declared and built, seconds
        "length_ok": built.length_ok,
        "methods": {m: score(guarded(runners[m]), case) for m in methods},
    }
