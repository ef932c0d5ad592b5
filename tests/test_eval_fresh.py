"""The reuse evaluation's ``fresh`` split (``benchmarks/reuse_eval/fresh.py``) loads without its
media, every excerpt lies inside its file, the split has every class and the look-alike
negatives, and its recipes build with their declared lengths on synthetic stand-ins of the
files' durations (the real footage is fetched outside the project and never needed here)."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.media import lavfi_clip

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from reuse_eval.cases import split_cases
from reuse_eval.combos import COMBOS
from reuse_eval.fresh import ENV, FILES, fresh_problems, fresh_sources, media_extra
from reuse_eval.fresh2 import FILES as FILES2
from reuse_eval.recipes import CLASSES
from reuse_eval.sources import Excerpt, Source, with_fillers

LOOK_ALIKES = {"same-camera", "other-shots", "same-invert", "same-lowq", "same-news-frame",
               "same-hud"}  # fmt: skip


def _excerpts(s: Source) -> list[Excerpt]:
    pairs = [e for pair in s.extra for e in (pair.a, pair.b)]
    return [e for e in (s.main, s.another, s.other_shot, s.sky) if e is not None] + pairs


def test_the_split_loads_without_its_media(tmp_path: Path) -> None:
    sources = fresh_sources(tmp_path)
    seconds = {f.name: f.seconds for f in FILES}
    assert len(sources) >= 6
    assert len({s.name for s in sources}) == len(sources)
    for s in sources:
        assert s.split == "fresh"
        assert s.size[0] % 2 == 0 and s.size[1] % 2 == 0 and s.size[0] <= 854
        assert s.size[1] <= 480 and 4.0 <= s.duration <= 10.0
        for e in _excerpts(s):
            assert e.path.parent == tmp_path and e.path.name in seconds, e
            assert e.start >= 0.0 and e.start + e.duration <= seconds[e.path.name], e
        for other in (s.another, s.other_shot):
            if other is not None and other.path == s.main.path:
                apart = other.start >= s.main.start + s.main.duration
                assert apart or other.start + other.duration <= s.main.start, other


def test_every_packaged_file_is_used_by_a_source(tmp_path: Path) -> None:
    used = {e.path.name for s in fresh_sources(tmp_path) for e in _excerpts(s)}
    assert used == {f.name for f in FILES}


def test_the_split_has_every_class_and_the_look_alike_negatives(tmp_path: Path) -> None:
    sources = with_fillers(fresh_sources(tmp_path))
    cases = split_cases("fresh", sources)
    assert len({c.name for c in cases}) == len(cases)
    alone = [c for c in cases if c.kind == "alone"]
    assert len(alone) == len(CLASSES) * len(sources)
    assert {c.group for c in alone} == set(CLASSES)
    assert len([c for c in cases if c.kind == "combo"]) == len(COMBOS)
    kinds = {c.group.removeprefix("neg:") for c in cases if c.negative}
    assert kinds >= LOOK_ALIKES
    for case in cases:
        assert case.split == "fresh"
        for span_a, span_b in case.pieces:
            assert 0.0 <= span_a[0] < span_a[1] <= case.a_length + 1e-6, case.name
            assert 0.0 <= span_b[0] < span_b[1] <= case.b_length + 1e-6, case.name


def test_missing_or_different_files_are_named(tmp_path: Path) -> None:
    assert len(fresh_problems(tmp_path)) == len(FILES)
    (tmp_path / FILES[0].name).write_bytes(b"not the footage")
    problems = fresh_problems(tmp_path)
    assert f"{FILES[0].name} is not the file fetched from {FILES[0].package}" in problems[0]
    assert all("is missing" in p for p in problems[1:])


def test_the_media_folder_comes_from_the_option_then_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV, str(tmp_path / "env"))
    assert media_extra(tmp_path / "option") == tmp_path / "option"
    assert media_extra() == tmp_path / "env"
    monkeypatch.delenv(ENV)
    assert media_extra().name == "media-extra"


@pytest.mark.parametrize(
    ("split", "fetch", "files"), [("fresh", "", FILES), ("fresh2", "--set fresh2 ", FILES2)]
)
def test_eval_reuse_says_in_one_line_that_the_fresh_footage_is_missing(
    split: str,
    fetch: str,
    files: tuple[object, ...],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import eval_reuse

    argv = ["eval_reuse.py", "--split", split, "--list", "--media-extra", str(tmp_path)]
    monkeypatch.setattr(sys, "argv", argv)
    assert eval_reuse.main() == 2
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1 and f"fetch_media.py {fetch}{tmp_path}" in lines[0]
    assert f"{len(files)} files of the {split} footage are missing" in lines[0]


@pytest.mark.slow
def test_short_sources_and_same_video_negatives_build_with_their_lengths(tmp_path: Path) -> None:
    """Every class on the two shortest sources (4 and 4.6 s; the recipes themselves are
    tested in test_eval_recipes) and every same-video negative, on synthetic stand-ins of
    each file's duration in place of the footage."""
    from reuse_eval.build import Builder

    from forensics.media.toolchain import find_toolchain
    from tests.test_eval_recipes import mismatches

    folder = tmp_path / "media"
    folder.mkdir()
    for n, f in enumerate(FILES):
        pattern = ("testsrc2", "testsrc", "smptehdbars")[n % 3]
        lavfi_clip(folder / f.name, pattern, f.seconds, "192x144", 10, audio=False,
                   vf="noise=alls=12:allf=t", extra=("-f", "mp4"))  # fmt: skip
    sources = with_fillers(fresh_sources(folder))
    short = {s.name for s in sources if s.duration < 5.0}
    cases = [c for c in split_cases("fresh", sources)
             if (c.kind == "alone" and c.name.split(":")[0] in short)
             or c.group in ("neg:same-camera", "neg:other-shots")]  # fmt: skip
    assert len(short) == 2
    builder = Builder(tmp_path / "built", find_toolchain().ffmpeg)
    builder.work.mkdir()
    problems = [p for case in cases for p in mismatches(case, builder)]
    assert not problems, "\n".join(problems)


def test_a_held_out_splits_pairs_are_not_printed_one_by_one(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Which pair of the fresh split failed is not printed (tuning would read it); the tune
    split's progress and misses are."""
    import eval_reuse

    row = {"methods": {"ours": {"matched": False}}, "case": "x"}
    monkeypatch.setattr(eval_reuse, "run_case", lambda case, builder, methods: row)
    monkeypatch.setattr(eval_reuse, "_verdict", lambda result, negative: "MISSED")
    monkeypatch.setattr(eval_reuse, "print_failures", lambda split, rows: print("LISTED", split))
    case = SimpleNamespace(name="bikes:crop", negative=False)
    for split in ("fresh", "tune"):
        assert eval_reuse.evaluate(split, [case], None, ["ours"]) == [row]
        eval_reuse.report_failures(split, [row])
    captured = capsys.readouterr()
    assert captured.err.splitlines() == ["[fresh 1/1]", "[tune 1/1] bikes:crop: ours=MISSED"]
    assert "LISTED fresh" not in captured.out and "LISTED tune" in captured.out
    assert "not listed: the split is held out" in captured.out
