"""Every pair of a split: each alteration class on each source, each combination on one
source (taken in turn), and the negatives; ``--quick`` keeps one pair per class, every other
combination and one pair per negative kind, spread over the sources."""

from __future__ import annotations

import fnmatch
from collections.abc import Sequence
from dataclasses import replace

from .cadence import cadence_cases
from .combos import COMBOS
from .made import Case, Made
from .negatives import negative_cases
from .recipes import CLASSES, TUNE_CLASSES
from .samecam import samecam_cases
from .sources import Source, a_clip
from .stress import SPLIT as STRESS
from .stress import stress_cases


def alone_cases(split: str, sources: list[Source]) -> list[Case]:
    classes = {**CLASSES, **(TUNE_CLASSES if split == "tune" else {})}
    return [_case(split, s, group, "alone", (group,), recipe(s))
            for group, recipe in classes.items() for s in sources]  # fmt: skip


def combo_cases(split: str, sources: list[Source]) -> list[Case]:
    out = []
    for n, (classes, recipe) in enumerate(COMBOS):
        s = sources[n % len(sources)]
        out.append(_case(split, s, "+".join(classes), "combo", classes, recipe(s)))
    return out


def _case(split: str, s: Source, group: str, kind: str, classes: tuple[str, ...],
          made: Made) -> Case:  # fmt: skip
    return Case(f"{s.name}:{group}", split, group, kind, classes, made.params, a_clip(s),
                made.b, made.pieces, s.duration, made.b_length)  # fmt: skip


def mark_quick(cases: list[Case]) -> list[Case]:
    """One pair per group, the g-th group taking its (g mod n)-th pair, so the quick set is
    spread over the sources; combinations: every other one."""
    groups: dict[str, list[int]] = {}
    for i, case in enumerate(cases):
        groups.setdefault(case.group, []).append(i)
    chosen = set()
    for g, members in enumerate(groups.values()):
        if cases[members[0]].kind == "combo" and g % 2:
            continue
        chosen.add(members[g % len(members)])
    return [replace(c, quick=i in chosen) for i, c in enumerate(cases)]


def split_cases(split: str, sources: list[Source]) -> list[Case]:
    if split == STRESS:  # the weak classes at wider settings, on the tune sources
        return mark_quick(stress_cases(sources))
    cases = alone_cases(split, sources) + combo_cases(split, sources)
    cases += negative_cases(split, sources) + samecam_cases(split, sources)
    cases += cadence_cases(split, sources)
    return mark_quick(cases)


def select(cases: list[Case], only: Sequence[str] | None, quick: bool) -> list[Case]:
    """The quick set or all, narrowed to cases whose name or group matches a pattern."""
    chosen = [c for c in cases if c.quick] if quick else cases
    if only:
        chosen = [
            c
            for c in chosen
            if any(fnmatch.fnmatch(c.name, p) or fnmatch.fnmatch(c.group, p) for p in only)
        ]
    return chosen
