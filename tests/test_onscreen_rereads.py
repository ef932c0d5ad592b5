"""What the tracker reads again (forensics/onscreen/track.py): an unsure reading until two
readings agree, a HUD line as a HUD line, and never one frame's line twice."""

from __future__ import annotations

import numpy as np

from forensics.onscreen.engine import LineReading
from forensics.onscreen.merge import drop_misreadings
from forensics.onscreen.track import Tracker, new_track, track
from tests.onscreen_media import PixelEngine, synthetic


def test_an_unsure_reading_is_read_again_until_two_agree():
    reads = []

    def read(crop, like=None):
        reads.append(like)
        return LineReading("Колонна противника", 0.6)

    frames = [synthetic(i, range(12)) for i in range(8)]
    track(frames, PixelEngine().find, read)
    assert len(reads) == 2 * 2  # the mark and the line: read, read again, agreed
    assert [like.text for like in reads if like] == ["Колонна противника"] * 2


def test_a_hud_track_is_read_again_as_a_hud_line():
    likes = []

    def read(crop, like=None):
        likes.append(like)
        return LineReading(f"50.51{len(likes):02d}N 36.6012E ALT 120m", 0.9, hud=True)

    frames = [synthetic(i, range(0)) for i in range(4)]
    for index, frame in enumerate(frames):  # one "digit" of the mark changes on each frame
        frame[30:50, 100:104] = 100
        frame[30 + 4 * index : 34 + 4 * index, 96:108] = 250
    track(frames, PixelEngine().find, read)
    assert likes[0] is None and all(like.hud for like in likes[1:]) and len(likes) == 4


def test_a_hud_track_whose_pixels_stay_the_same_is_not_read_again():
    """Read again only where a character cell changed (signature.cells_alike), not on every
    frame: before, every frame of a numbers track was read."""
    likes = []

    def read(crop, like=None):
        likes.append(like)
        return LineReading("50.5123N 36.6012E ALT 120m", 0.95, hud=True)

    track([synthetic(i, range(0)) for i in range(6)], PixelEngine().find, read)
    assert likes == [None]


def test_a_changed_number_read_as_nothing_is_read_once_a_frame_until_it_reads():
    """The HUD's numbers changed and read as nothing: the next frame reads them once (not once
    as a waiting box and again as the new track they make)."""
    texts = iter(["50.5101N 36.6012E", "", "50.5103N 36.6012E", "50.5104N 36.6012E"])
    frames_read = []

    def read(crop, like=None):
        frames_read.append(len(frames_read))
        text = next(texts, "50.5104N 36.6012E")
        return LineReading(text, 0.95 if text else 0.0, hud=True)

    tracker = Tracker(PixelEngine().find, read)
    for index in range(4):
        calls = len(frames_read)
        tracker.step(index, synthetic(index, range(0)))
        assert len(frames_read) - calls <= 1  # the mark: one line, read at most once a frame


def _mark_over_ground(index: int) -> np.ndarray:
    """A light mark (rows 30-50) over flat grey, above ground whose grain changes every frame
    (rows 52-72): a box that takes in the ground changes with it."""
    frame = np.full((200, 400), 100, np.uint8)
    for x in range(40, 200, 12):
        frame[30:50, x : x + 4] = 250
    rng = np.random.default_rng(index)
    frame[52:72, 20:240] = rng.integers(0, 255, (20, 220), dtype=np.uint8)
    return frame


def test_a_track_found_again_in_a_tighter_box_takes_it():
    """A mark first found in a box that took in the ground under it (a whole view's box), then
    again in a tight one (a band's): the track goes on in the tight box and stays live while
    the ground changes; kept in the loose box it ended on every frame and was read again."""
    reads = []

    def read(crop, like=None):
        reads.append(crop.shape)
        return LineReading("@legion_free", 0.9)

    tracker = Tracker(lambda image: [], read)
    loose, tight = (30, 20, 180, 56), (34, 26, 172, 28)
    frames = [_mark_over_ground(i) for i in range(5)]
    tracker.step(0, frames[0])
    first = frames[0][20:76, 30:210]
    tracker.tracks.append(new_track(loose, 0, 0, read(first), first))
    tracker.tracks[-1].live = False
    tracker._consider(1, frames[1], tight, [])
    [mark] = tracker.tracks
    assert mark.box == tight and mark.live
    for index in range(2, 5):
        tracker._verify(index, frames[index])
    assert mark.live and mark.last == 4 and len(reads) == 2


def test_a_track_with_digits_keeps_its_box():
    """Its character cells are compared to see a digit change in place (a shot label)."""
    tracker = Tracker(lambda image: [], lambda crop, like=None: LineReading("STRIKE 4", 0.9))
    frame = _mark_over_ground(0)
    tracker.tracks.append(new_track((30, 20, 180, 56), 0, 0, LineReading("STRIKE 4", 0.9),
                                    frame[20:76, 30:210]))  # fmt: skip
    tracker.tracks[-1].live = False
    tracker._consider(1, frame, (34, 26, 172, 28), [])
    assert tracker.tracks[0].box == (30, 20, 180, 56)


def test_a_line_read_as_nothing_is_looked_at_and_read_again_once_four_frames_later():
    """A small label read under MIN_CONF on its first still frame (the sample's ZOOM 8.0X at
    0.38): before, the change map had looked there and the line waited for a periodic whole
    look (30 frames on) or one where the footage stood still; now it is looked at again
    detect_every frames later, once."""
    engine, reads = PixelEngine(), []

    def read(crop, like=None):
        reads.append(len(reads))
        unlucky = crop.shape[1] > 300 and len(reads) <= 3  # the caption's first reads (the
        # line at x 400-880; the mark is 160 px wide), alone and stacked (.stack)
        return LineReading("" if unlucky else "some text", 0.0 if unlucky else 0.95)

    tracker = Tracker(engine.find, read)
    for index in range(10):  # the caption still from frame 4, read as nothing there
        tracker.step(index, synthetic(index, range(3, 10)))
    [caption] = [t for t in tracker.tracks if t.box[2] > 300]
    assert caption.text == "some text" and caption.first <= 8 == caption.read_at
    assert len(reads) == 4  # the mark once, the caption twice, once stacked


def _at(box, first, last, text, score, seen):
    region = np.zeros((box[3], box[2]), np.uint8)
    kept = new_track(box, first, last, LineReading(text, score), region)
    kept.seen = seen
    return kept


def test_one_frames_misreading_inside_a_longer_track_at_its_place_is_dropped():
    """A watermark read on frames 0-22 and, on frame 20 alone, misread at its place: one text
    at a time, so the one-frame reading is dropped. Kept: a one-frame reading elsewhere, after
    the long track, read better, of numbers, or beside a track read on too few frames."""
    mark = _at((20, 15, 230, 35), 0, 22, "@belgorod_news", 0.91, 18)
    misread = _at((12, 12, 225, 40), 20, 20, "fo | news", 0.62, 1)
    elsewhere = _at((20, 300, 200, 30), 20, 20, "Белгород", 0.62, 1)
    after = _at((20, 15, 230, 35), 23, 23, "другой текст", 0.62, 1)
    clock = _at((20, 15, 230, 35), 10, 10, "12:04:33", 0.62, 1)
    tracks = [mark, misread, elsewhere, after, clock]
    assert drop_misreadings(tracks) == [mark, elsewhere, after, clock]
    better = _at((20, 15, 230, 35), 20, 20, "@belgorod_news", 0.95, 1)
    assert drop_misreadings([mark, better]) == [mark, better]
    brief = _at((20, 15, 230, 35), 0, 22, "@belgorod_news", 0.91, 2)
    assert drop_misreadings([brief, misread]) == [brief, misread]
