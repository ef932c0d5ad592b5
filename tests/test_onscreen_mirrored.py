"""Mirrored and garbage text is no caption (forensics.onscreen.mirror): a flipped repost's
`4 ENGINES` was read as a Russian caption `НИИ` at 45 % and made an on-screen claim. Generated
frames (tests/mark_media.py), read as analyze reads them (forensics.onscreen.read_onscreen)."""

from __future__ import annotations

import cv2
import pytest

from forensics.media.frames import TextFrame
from forensics.records import Timestamp
from tests.mark_media import Condition, Mark, render_marks
from tests.ocr import ocr_or_skip


def _read(tmp_path, text: str, mirrored: bool, font: int = 0):
    from forensics.onscreen import read_onscreen

    cond = Condition("caption", (Mark(text, (0.35, 0.8), 1.0, "shadow", 0.06, font),),
                     mirrored=mirrored)  # fmt: skip
    frames = []
    for k in range(6):
        path = tmp_path / f"text_{k:05d}.pgm"
        cv2.imwrite(str(path), render_marks(0.5 + k, cond)[0])
        frames.append(TextFrame(Timestamp(k, 1), path))
    return read_onscreen(frames, (1280, 720), tmp_path).texts


@pytest.mark.parametrize(("text", "font"), [("4 ENGINES", 0), ("Belgorod region", 1)])
def test_mirrored_text_is_no_caption_and_says_what_it_reads_flipped(tmp_path, text, font):
    ocr_or_skip()
    texts = _read(tmp_path, text, mirrored=True, font=font)
    assert texts and all(t.kind == "unreadable" for t in texts), texts
    [mirrored, *_] = [t for t in texts if t.kind == "unreadable"]
    assert mirrored.note.startswith("mirrored text") and f"“{text}”" in mirrored.note


def test_a_caption_read_as_it_is_stays_a_caption(tmp_path):
    ocr_or_skip()
    [caption] = _read(tmp_path, "4 ENGINES", mirrored=False)
    assert (caption.kind, caption.text, caption.note) == ("caption", "4 ENGINES", "")
