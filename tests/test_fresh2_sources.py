"""The sources for the next held-out sets (``benchmarks/reuse_eval/fresh2.py``): the manifest is
pinned and shares no file with the ``fresh`` split, the sources load without their media, every
excerpt lies inside its file and every file is used, and a missing or different file is named.
The footage itself is fetched outside the project (``fetch_media.py --set fresh2``) and never
needed here; its pairs are tested in ``test_eval_fresh2.py``."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from reuse_eval import fresh, fresh2
from reuse_eval.fresh2 import ENV, FILES, fresh2_problems, fresh2_sources, media_extra2
from reuse_eval.sources import Excerpt, Source


def _excerpts(s: Source) -> list[Excerpt]:
    pairs = [e for pair in s.extra for e in (pair.a, pair.b)]
    return [e for e in (s.main, s.another, s.other_shot, s.sky) if e is not None] + pairs


def test_the_manifest_is_pinned_and_shares_nothing_with_the_fresh_split() -> None:
    assert len({f.name for f in FILES}) == len(FILES)
    assert len({f.sha256 for f in FILES}) == len(FILES)
    for f in FILES:
        assert f.registry in fresh.REGISTRIES and f.version and f.licence and f.content
        assert re.fullmatch(r"[0-9a-f]{64}", f.sha256), f
        assert "/" not in f.name and not f.name.startswith(".")
        assert ".." not in f.member.split("/") and not f.member.startswith("/")
        assert f.seconds >= 2.0
    assert not {f.sha256 for f in FILES} & {f.sha256 for f in fresh.FILES}
    assert not {f.name for f in FILES} & {f.name for f in fresh.FILES}
    assert not {(f.package, f.member) for f in FILES} & {(f.package, f.member) for f in fresh.FILES}


def test_the_sources_load_without_their_media(tmp_path: Path) -> None:
    sources = fresh2_sources(tmp_path)
    seconds = {f.name: f.seconds for f in FILES}
    assert len(sources) >= 8 and len({s.name for s in sources}) == len(sources)
    for s in sources:
        assert s.split == "fresh2" and s.fps <= 30
        assert s.size[0] % 2 == 0 and s.size[1] % 2 == 0
        assert s.size[0] <= 854 and s.size[1] <= 480 and 4.0 <= s.duration <= 10.0
        for e in _excerpts(s):
            assert e.path.parent == tmp_path and e.path.name in seconds, e
            assert e.start >= 0.0 and e.start + e.duration <= seconds[e.path.name], e
        for other in (s.another, s.other_shot):
            if other is not None and other.path == s.main.path:
                apart = other.start >= s.main.start + s.main.duration
                assert apart or other.start + other.duration <= s.main.start, other


def test_every_packaged_file_is_used_by_a_source(tmp_path: Path) -> None:
    used = {e.path.name for s in fresh2_sources(tmp_path) for e in _excerpts(s)}
    assert used == {f.name for f in FILES}


def test_missing_or_different_files_are_named(tmp_path: Path) -> None:
    assert len(fresh2_problems(tmp_path)) == len(FILES)
    (tmp_path / FILES[0].name).write_bytes(b"not the footage")
    problems = fresh2_problems(tmp_path)
    assert f"{FILES[0].name} is not the file fetched from {FILES[0].package}" in problems[0]
    assert all("is missing" in p for p in problems[1:])


def test_the_media_folder_comes_from_the_option_then_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV, str(tmp_path / "env"))
    assert media_extra2(tmp_path / "option") == tmp_path / "option"
    assert media_extra2() == tmp_path / "env"
    monkeypatch.delenv(ENV)
    assert media_extra2().name == "media-extra2"
    assert fresh2.ENV != fresh.ENV
