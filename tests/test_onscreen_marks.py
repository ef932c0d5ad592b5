"""Channels' marks as reposts burn them in (tests/mark_media.py): semi-transparent handles and
addresses in corners over busy moving footage, read through the frames they stay on
(forensics.onscreen.stack), and a space after a handle taken as an underscore only where the
pixels show one."""

from __future__ import annotations

import numpy as np
import pytest

from tests.mark_media import CONDITIONS, TEXTLESS, render_marks
from tests.ocr import ocr_or_skip

FRAMES = 12


@pytest.fixture(scope="module")
def tracked():
    ocr_or_skip()
    from forensics.onscreen.detect import TextDetector
    from forensics.onscreen.engine import LineReader, find_engine
    from forensics.onscreen.track import track

    detector, reader = TextDetector(), LineReader(find_engine())

    def run(name: str):
        [cond] = [c for c in CONDITIONS + TEXTLESS if c.name == name]
        frames = [render_marks(0.5 + k, cond)[0] for k in range(FRAMES)]
        return track(frames, detector.find, reader.read)

    return run


def test_a_faint_handle_over_moving_footage_is_read_through_the_frames_it_stays_on(tracked):
    # 40 % white over panning terrain: read `Vo а. news24` and `tine/grey gone` frame by
    # frame before, never whole
    texts = [t.text for t in tracked("corner 40% plain")]
    assert "@volna_news24" in texts, texts


def test_a_faint_address_is_read_again_as_a_handle(tracked):
    # read `t.me/grey zone` with every language; read with a handle's characters alone
    # (.handle_pass), `t.me/grey_zone`
    texts = [t.text for t in tracked("corner 40% plain")]
    assert "t.me/grey_zone" in texts, texts


def test_a_faint_handle_with_a_shadow_keeps_its_underscore(tracked):
    texts = [t.text for t in tracked("corner 50% shadow")]
    assert "@dva_majors" in texts, texts  # `@aye_majors`, `ava Majors` before


def test_no_text_is_found_on_busy_moving_footage_without_any(tracked):
    assert tracked("textless busy") == []


def _mark(bar: slice) -> np.ndarray:
    """A light mark's crop: two words' strokes, a space between them, and a bar at ``bar``
    below their baseline."""
    crop = np.full((40, 300), 20, np.uint8)
    crop[8:28, 5:140:6] = 230  # the first word's strokes
    crop[8:28, 170:260:6] = 230  # the second's, after a space
    crop[31:33, bar] = 230
    return crop


WORDS = ((5, 8, 140, 28), (170, 8, 260, 28))


def test_a_line_under_a_handle_and_the_word_after_it_is_no_underscore():
    """A box's edge (or a line of the ground) running under the whole mark, gap included, is
    not an underscore: `@frontline_ru 23.05` on a box was read `@frontline_ru_23.05`."""
    from forensics.onscreen.engine import _join_handle

    words = list(zip(("@frontline_ru", "2305"), WORDS, strict=True))
    edge = _mark(slice(0, 300))  # the box's lower edge, under everything
    assert _join_handle("@frontline_ru 2305", words, edge) == "@frontline_ru 2305"
    underscore = _mark(slice(143, 167))  # a bar in the gap alone
    assert _join_handle("@frontline_ru 2305", words, underscore) == "@frontline_ru_2305"


def test_a_date_after_a_handle_is_never_joined_to_it():
    from forensics.onscreen.engine import _join_handle

    words = list(zip(("@frontline_ru", "23.05"), WORDS, strict=True))
    # even with a bar in the gap: a Telegram username has no dot
    assert _join_handle("@frontline_ru 23.05", words, _mark(slice(143, 167))) == (
        "@frontline_ru 23.05"
    )


def test_a_t_me_address_read_with_a_space_gets_its_underscore():
    from forensics.onscreen.engine import _join_handle

    words = list(zip(("t.me/grey", "zone"), WORDS, strict=True))
    assert _join_handle("t.me/grey zone", words, _mark(slice(143, 167))) == "t.me/grey_zone"


def test_an_underscore_read_before_a_space_stays_inside_a_t_me_address():
    from forensics.onscreen.engine import _join_handle

    # no bar in the gap: the join is by the rule alone (no username ends in _), as for @names
    words = list(zip(("t.me/grey_", "zone"), WORDS, strict=True))
    assert _join_handle("t.me/grey_ zone", words, _mark(slice(0, 0))) == "t.me/grey_zone"
