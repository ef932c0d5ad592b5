"""The shortlist finds a captioned repost from its original's side: the repost joined the case
first, and a burned-in caption (still, high-contrast corners) must not fill its stored sketch,
or the original, which never shows the caption, finds nothing to look up (seen in a trial:
a collection ingested repost first, its original after, and no shared pair found)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from forensics.case.index import CaseIndex
from tests.media import frames_clip
from tests.test_shortlist_search import described, found, searched
from tests.test_still_layer import panning

pytestmark = pytest.mark.slow  # real clips, decoded and compared

SIZE = (320, 240)


def captioned_crop(frames: list[np.ndarray], crop: float, box: int) -> list[np.ndarray]:
    """A repost: cropped by ``crop`` of each side's length, scaled back, and a boxed caption
    ``box`` pixels high over the bottom."""
    out = []
    for frame in frames:
        h, w = frame.shape[:2]
        dy, dx = int(h * crop / 2), int(w * crop / 2)
        picture = cv2.resize(np.ascontiguousarray(frame[dy : h - dy, dx : w - dx]), SIZE)
        cv2.rectangle(picture, (10, 232 - box), (310, 232), (0, 0, 0), thickness=-1)
        cv2.putText(picture, "KOZINKA 22.05", (22, 232 - box // 4), cv2.FONT_HERSHEY_DUPLEX,
                    1.0, (255, 255, 255), 2, cv2.LINE_AA)  # fmt: skip
        out.append(picture)
    return out


# Before the sketch took moving keypoints first, both were missed from the original's side
# (0 sketch hits), though compared alone each is found; (0.10, 30) and (0.12, 30) were found.
@pytest.mark.parametrize(("crop", "box"), [(0.10, 36), (0.15, 40)])
def test_an_original_joining_after_its_captioned_repost_finds_it(tmp_path, crop, box):
    footage = panning(11, SIZE, n=150)
    original = frames_clip(tmp_path / "original.mp4", footage)
    repost = frames_clip(tmp_path / "repost.mp4", captioned_crop(footage, crop, box))
    index = CaseIndex(tmp_path / "case")
    for clip in (repost, frames_clip(tmp_path / "other.mp4", panning(21, SIZE, n=150))):
        record, features, _ = described(clip)
        index.add(record, features, None)
    assert "repost.mp4" in found(searched(index, original, full=True))  # the full check sees it
    short = searched(index, original, full=False)
    assert short.shortlisted and "repost.mp4" in found(short), found(short)
