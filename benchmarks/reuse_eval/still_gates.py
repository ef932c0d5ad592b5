"""Which of ``reuse.stills``' gates stopped a still's moment (``eval_stills.py --gates``).

``still_against_clip`` answers a moment, the place, or nothing; when it answers no moment this
says why, with the evidence numbers, in the order the rule tests them: no verified pair
(``none found``), too few keypoints of the moment's own (``unique``), too little margin over
the runner-up 2 s away (``margin``), the still's picture too small in the clip (``scale``),
too few of them steady under the clip's own motion (``steady``). Measured, never decided: the
rule itself is the library's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from forensics.reuse import compare, stills


def weighed_gates(a: Any, b: Any, verified: Any) -> dict:
    """The evidence numbers of the best pair and the first gate it fails (None: a moment)."""
    clip_side = 0 if stills.whole_frames(a) > 1 else 1
    ranked = sorted(verified.items(), key=lambda kv: -kv[1].inliers)[: stills.CHECKED_PAIRS]
    stacked: dict = {}
    weighed = [stills.weigh(a, b, key, check, clip_side, stacked) for key, check in ranked]
    if not weighed:
        return {"gate": "none found"}
    best = max(weighed, key=lambda w: (w.unique, w.found))
    evidence = stills._evidence(best, weighed, clip_side)
    scale = best.check.scale if clip_side == 1 else 1 / max(best.check.scale, 1e-9)
    steady = stills.steadied(a, b, best, clip_side, stacked)
    numbers = {"at": best.key[clip_side], "inliers": best.check.inliers, "found": best.found,
               "unique": best.unique, "runner_up": evidence.runner_up,
               "scale": round(scale, 3), "steady": steady}  # fmt: skip
    gate = None
    if best.unique < stills.MOMENT_EVIDENCE:
        gate = "unique"
    elif best.unique < stills.DISTINCT_RATIO * evidence.runner_up:
        gate = "margin"
    elif scale < stills.MOMENT_SCALE:
        gate = "scale"
    elif steady < stills.STEADY_EVIDENCE:
        gate = "steady"
    return {"gate": gate, **numbers}


def recording() -> tuple[list[dict], Callable[[], None]]:
    """Record the gates of every still compared from now on (into the returned list); the
    second value puts the library's function back."""
    seen: list[dict] = []
    original = compare.still_against_clip

    def wrapped(a: Any, b: Any, verified: Any) -> Any:
        seen.append(weighed_gates(a, b, verified))
        return original(a, b, verified)

    compare.still_against_clip = wrapped

    def restore() -> None:
        compare.still_against_clip = original

    return seen, restore
