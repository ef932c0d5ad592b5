"""A case search through the shortlist tables finds what the full check finds (every clip of
the case compared with local features), on reused footage altered as war footage is: mirrored
and cropped, turned a quarter, grey levels inverted, shrunk into a corner of other footage,
sped up; among clips that share nothing with it."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from forensics.case.index import CaseIndex, IndexedClip
from forensics.case.search import CaseSearch, find_in_case
from forensics.records import record_from_dict
from forensics.reuse.compare import decode_for_matching
from tests import factories
from tests.media import frames_clip, run_ffmpeg
from tests.test_still_layer import panning

pytestmark = pytest.mark.slow  # real clips, decoded and compared

ALTERED = {  # name: filter graph on the original (input 0) and a distractor (input 1)
    "mirror_crop": "[0:v]hflip,crop=iw*0.85:ih*0.85,scale=320:240",
    "turned": "[0:v]transpose=1",
    "inverted": "[0:v]format=gray,negate,format=yuv420p",
    "pip": "[0:v]scale=iw*0.45:-2[s];[1:v][s]overlay=W-w-8:8:shortest=1",
    "speed": "[0:v]setpts=0.5*PTS",
}
DISTRACTORS = (21, 22, 23, 24, 25, 26, 27, 28)


def described(path: Path):
    features, hashes = decode_for_matching(path)
    data = factories.record_dict(frames=[factories.frame(h.time.seconds, h.phash,
                                                         h.phash_mirror, h.informative)
                                         for h in hashes])  # fmt: skip
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    data["file"] = {**data["file"], "sha256": sha, "name": path.name, "path": str(path)}
    return record_from_dict(data), features, hashes


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    """The original and eight panning clips of other scenes in one case; the altered copies
    of the original beside it, not in the case."""
    folder = tmp_path_factory.mktemp("shortlist")
    original = frames_clip(folder / "original.mp4", panning(11, (320, 240), n=150))
    others = [frames_clip(folder / f"other{s}.mp4", panning(s, (320, 240), n=150))
              for s in DISTRACTORS]  # fmt: skip
    index = CaseIndex(folder / "case")
    for clip in (others[0], others[1], original, *others[2:]):
        record, features, _ = described(clip)
        index.add(record, features, None)
    for name, graph in ALTERED.items():
        run_ffmpeg(["-i", str(original), "-i", str(others[-1]), "-filter_complex", graph,
                    "-c:v", "libx264", "-preset", "veryfast", "-crf", "26", "-pix_fmt",
                    "yuv420p", "-an", str(folder / f"{name}.mp4")])  # fmt: skip
    return folder, index


def searched(index: CaseIndex, path: Path, full: bool) -> CaseSearch:
    record, features, hashes = described(path)
    visitor = IndexedClip(-1, record.file.sha256, path.name, str(path), None,
                          features.duration_s, None, None, "")  # fmt: skip
    return find_in_case(index, visitor, features, hashes, save=False, full=full)


def found(search: CaseSearch) -> dict[str, list[tuple[float, float, bool]]]:
    return {m.other.name: [(s.segment.a_start, s.segment.a_end, s.segment.mirrored)
                           for s in m.comparison.stretches]
            for m in search.matches}  # fmt: skip


def alike(short: CaseSearch, full: CaseSearch) -> bool:
    """The same clips, each with as many stretches, mirrored alike, ends within 1.5 s (the
    full check matches a clip among others: the candidates each frame keeps can differ)."""
    a, b = found(short), found(full)
    return a.keys() == b.keys() and all(
        len(a[name]) == len(b[name])
        and all(x[2] == y[2] and abs(x[0] - y[0]) <= 1.5 and abs(x[1] - y[1]) <= 1.5
                for x, y in zip(a[name], b[name], strict=True))
        for name in a
    )  # fmt: skip


# "pip" (a 45% inset over other footage, searched from the inset's side) was missed (0 sample
# times placed alike) while the stored sketch spread over every keypoint, still ones included.
@pytest.mark.parametrize("name", ALTERED)
def test_the_shortlist_finds_what_the_full_check_finds(case, name):
    folder, index = case
    full = searched(index, folder / f"{name}.mp4", full=True)
    short = searched(index, folder / f"{name}.mp4", full=False)
    assert "original.mp4" in found(full)  # the full check sees this alteration
    assert alike(short, full), (found(short), found(full))
    assert short.shortlisted and not full.shortlisted
    assert short.verified < short.clips == full.clips == len(DISTRACTORS) + 1


def test_an_indexed_clip_is_searched_with_its_stored_hashes(case):
    folder, index = case
    clip = index.clip(hashlib.sha256((folder / "original.mp4").read_bytes()).hexdigest())
    assert clip is not None
    result = find_in_case(index, clip, index.features(clip.id), save=False)
    assert result.shortlisted and result.verified < result.clips and result.matches == []
