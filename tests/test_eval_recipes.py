"""Every alteration and negative recipe of the reuse evaluation (``benchmarks/reuse_eval``)
builds with the installed ffmpeg, and each built clip lasts as long as its truth says.

Three synthetic sources (ffmpeg test patterns with noise, 320x180, 4 s excerpts) stand in for
the real footage, which the test suite must not need. The quick selection of each split
covers every class, every combination of two, and every negative kind, spread over the
three sources, so parameter variants differ from case to case.
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from forensics.media.toolchain import find_toolchain
from tests.media import lavfi_clip

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from reuse_eval.build import Builder
from reuse_eval.cases import split_cases
from reuse_eval.combos import COMBOS
from reuse_eval.made import Case
from reuse_eval.recipes import CLASSES
from reuse_eval.sources import Excerpt, Source, with_fillers

pytestmark = pytest.mark.slow

TOLERANCE_S = 0.2
PATTERNS = ("testsrc2", "testsrc", "smptehdbars")


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> list[Source]:
    """Three 9 s synthetic clips; main excerpt 0-4 s, another moment 5-9 s."""
    folder = tmp_path_factory.mktemp("sources")
    out = []
    for n, pattern in enumerate(PATTERNS):
        path = lavfi_clip(folder / f"{pattern}.mp4", pattern, 9.0, "320x180", 25, audio=False,
                          vf="noise=alls=12:allf=t")  # fmt: skip
        later = Excerpt(path, 5.0, 4.0)
        out.append(Source(f"synthetic{n}", "tune", Excerpt(path, 0.0, 4.0), (320, 180),
                          Fraction(25), pattern, another=later, other_shot=later,
                          sky=later if n == 0 else None))  # fmt: skip
    return with_fillers(out)


@pytest.fixture(scope="module")
def builder(tmp_path_factory: pytest.TempPathFactory) -> Builder:
    return Builder(tmp_path_factory.mktemp("built"), find_toolchain().ffmpeg)


# A built clip's name is the hash of its recipe and it is never rewritten, so its length is
# read once: most pairs share their A (and their fillers' steps), which was probed per pair.
@functools.cache
def duration(path: Path) -> float:
    command = [find_toolchain().ffprobe or "ffprobe", "-v", "error", "-show_entries",
               "format=duration", "-of", "json", str(path)]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return float(json.loads(done.stdout)["format"]["duration"])


def mismatches(case: Case, builder: Builder) -> list[str]:
    """What is wrong with one built pair: lengths off their declared values, truth outside B."""
    a, b = builder.clip(case.a), builder.clip(case.b)
    found = []
    for side, path, declared in (("A", a, case.a_length), ("B", b, case.b_length)):
        seconds = duration(path)
        if abs(seconds - declared) > TOLERANCE_S:
            found.append(f"{case.name}: {side} lasts {seconds:.2f} s, declared {declared:.2f}")
    for span_a, span_b in case.pieces:
        if span_a[1] > case.a_length + TOLERANCE_S or span_b[1] > case.b_length + TOLERANCE_S:
            found.append(f"{case.name}: truth {span_a} / {span_b} runs past the clips")
    return found


def test_quick_set_covers_every_class_and_negative_kind(sources: list[Source]) -> None:
    cases = [c for c in split_cases("tune", sources) if c.quick]
    groups = {c.group for c in cases}
    assert set(CLASSES) <= groups
    assert {"neg:same-camera", "neg:same-invert", "neg:same-lowq", "neg:same-news-frame",
            "neg:same-hud", "neg:other-shots", "neg:unrelated"} <= groups  # fmt: skip
    assert sum(c.kind == "combo" for c in cases) >= len(COMBOS) // 2


def test_every_alteration_recipe_builds_with_its_truth(
    sources: list[Source], builder: Builder
) -> None:
    cases = [c for c in split_cases("tune", sources) if c.quick and not c.negative]
    combos = [c for c in split_cases("tune", sources) if c.kind == "combo" and not c.quick]
    problems = [p for case in cases + combos for p in mismatches(case, builder)]
    assert not problems, "\n".join(problems)


def test_every_negative_recipe_builds(sources: list[Source], builder: Builder) -> None:
    cases = [c for c in split_cases("tune", sources) if c.quick and c.negative]
    problems = [p for case in cases for p in mismatches(case, builder)]
    assert not problems, "\n".join(problems)


def _located(case_classes: list[str], names: list[str]) -> dict:
    return {"classes": case_classes, "kind": "alone",
            "methods": {"ours": {"located": True, "alterations": names}}}  # fmt: skip


def test_a_name_no_alteration_of_the_pair_explains_is_counted() -> None:
    from reuse_eval.recipes import NAME_CAUSES
    from reuse_eval.tables import unexplained, unexplained_count

    crop = "cropped (B shows 85% of A's picture)"
    plain = _located(["reencode-low"], [crop, "shown smaller inside B, picture-in-picture"])
    turned = _located(["small-rotation", "reencode-low"], ["rotated +6°", crop])
    assert unexplained(plain) == plain["methods"]["ours"]["alterations"]
    assert unexplained(turned) == []
    assert unexplained_count([plain, turned]) == [1, 2]
    assert all(word == word.lower() for word in NAME_CAUSES)  # matched against compare's words


def test_stress_split_builds_each_class_and_negative_with_its_truth(
    sources: list[Source], builder: Builder
) -> None:
    from reuse_eval.stress import CLASSES as STRESS_CLASSES

    cases = [c for c in split_cases("stress", sources) if c.quick]
    groups = {c.group for c in cases}
    assert set(STRESS_CLASSES) <= groups
    assert {"neg:stress-same-ken-burns", "neg:stress-same-camera-one-vlq",
            "neg:stress-same-camera-ken-burns"} <= groups  # fmt: skip
    problems = [p for case in cases for p in mismatches(case, builder)]
    assert not problems, "\n".join(problems)
