"""Where the detector looks (forensics/onscreen/change.py, track.py): only where still strokes
appeared that no live track covers, at those bands of the picture; and what is read again: a
track's text once."""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np
import pytest

from forensics.onscreen.change import BAND, CELL, ChangeMap, bands, covered_cells
from forensics.onscreen.detect import detector_view
from forensics.onscreen.track import Tracker
from tests.onscreen_media import CAPTION_EN, Overlay, PixelEngine, render, synthetic

SIZE = (1280, 720)
CAPTION_ROWS = set(range(17, 22))  # "Belgorod region" at y 586-652: view rows 293-326


def view(t: float, overlays) -> np.ndarray:
    frame, _ = render(t, overlays, SIZE)
    gray = cv2.cvtColor(frame, cv2.COLOR_RGB2GRAY)
    _, jpeg = cv2.imencode(".jpg", gray, [cv2.IMWRITE_JPEG_QUALITY, 85])
    return detector_view(cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE))


def new_rows(changes: ChangeMap, covered=None) -> set[int]:
    assert changes.density is not None
    none = np.zeros(changes.density.shape, bool)
    cells = changes.new_cells(none if covered is None else covered)
    return {int(r) for r in np.flatnonzero(cells.any(axis=1))}


def test_a_caption_over_moving_footage_is_new_once_and_not_while_it_stays():
    changes = ChangeMap()
    changes.update(view(0.2, []))
    changes.looked()  # the whole first frame looked at
    changes.update(view(1.2, [CAPTION_EN]))  # the caption appears: not still yet
    assert not new_rows(changes) & CAPTION_ROWS
    changes.update(view(2.2, [CAPTION_EN]))  # still: its strokes are where they were
    rows = new_rows(changes)
    assert CAPTION_ROWS & rows, rows
    [band] = [b for b in bands(changes.new_cells(np.zeros_like(changes.density, bool)), 360)
              if b[0] <= 300 <= b[1]]
    assert (band[1] - band[0]) % BAND == 0 and band[1] - band[0] <= 3 * BAND
    changes.looked(band)
    changes.update(view(3.2, [CAPTION_EN]))  # looked at: not new while it stays
    assert not new_rows(changes) & CAPTION_ROWS


def test_a_live_track_covers_its_cells_and_an_ended_one_leaves_them_to_look_at():
    changes = ChangeMap()
    for t in (0.2, 1.2):
        changes.update(view(t, [CAPTION_EN]))
    changes.looked()
    box = (464, 586, 352, 66)  # in the picture's pixels; the view is half its size
    assert changes.density is not None
    covered = covered_cells([box], 0.5, changes.density.shape)
    assert covered[293 // CELL : 326 // CELL + 1, 232 // CELL : 408 // CELL].all()
    changes.update(view(2.2, [CAPTION_EN]))
    assert not new_rows(changes, covered) & CAPTION_ROWS
    changes.forget(box, 0.5)  # its track ended: whatever is there now is looked at again
    changes.update(view(3.2, [CAPTION_EN]))
    assert new_rows(changes) & CAPTION_ROWS


def test_bands_are_whole_rows_of_cells_joined_when_they_overlap():
    new = np.zeros((23, 40), bool)
    new[2, 5:8] = new[3, 6:9] = new[18, 10:20] = True
    assert bands(new, 360) == [(16, 80), (264, 328)]  # cells' rows 1-4, and 17-19 grown to 64


def test_the_detector_looks_where_text_appeared_and_each_text_is_read_once():
    engine = PixelEngine()
    tracker = Tracker(engine.find, engine.read)
    for index in range(12):
        tracker.step(index, synthetic(index, range(4, 10)))
    tracks = sorted(tracker.tracks, key=lambda t: t.first)
    assert [(t.first, t.last) for t in tracks] == [(0, 11), (4, 9)]  # start pushed back to 4
    assert engine.reads == 2
    whole = 640 * 360
    # the whole first frame, and a band where the line appeared: before, the whole view every
    # fourth frame (3 whole views here, 30 on the 2-minute bench clip)
    assert engine.looked_px == tracker.looked_px < 1.5 * whole


def whole_looks(frames) -> list[int]:
    """The frames on which the tracker looked at the whole picture."""
    engine, looks = PixelEngine(), []
    tracker = Tracker(lambda image: (looks.append(index) if image.shape == (360, 640) else None)
                      or engine.find(image), engine.read)  # fmt: skip
    for index, frame in enumerate(frames):
        tracker.step(index, frame)
    return looks


def test_whole_looks_back_off_while_they_find_only_what_the_change_map_shows():
    # a still mark from the first frame, a still caption on frames 40-59 (the change map sees
    # both): each periodic whole look finds nothing new, and the next one is twice as far
    assert whole_looks(synthetic(i, range(40, 60)) for i in range(200)) == [0, 30, 90]


def test_whole_looks_stay_frequent_while_they_find_text_that_moves():
    def moving(index: int) -> np.ndarray:  # a line of 'text' 24 px further right each frame
        frame = synthetic(index, range(0))
        x = 40 + (24 * index) % 900
        for dx in range(0, 240, 16):
            frame[400:430, x + dx : x + dx + 4] = 250
        return frame

    assert whole_looks(moving(i) for i in range(100)) == [0, 30, 60, 90]



def test_a_caption_appearing_on_a_periodic_look_lets_the_looks_back_off():
    # the caption appears on frame 30, the first periodic look: not still yet, so outside the
    # change map's bands; on frame 31 it is still at its place, so it is still text, not text
    # that moves (judged there, the looks backed off; judged at once, they stayed 30 apart,
    # as they did on the 2-minute bench clip, whose captions come every 6 s)
    assert whole_looks(synthetic(i, range(30, 60)) for i in range(200)) == [0, 30, 90]
    # a caption shown on that one frame alone may have been text that moved: no back-off
    assert whole_looks(synthetic(i, range(30, 31)) for i in range(130)) == [0, 30, 60, 120]


def _road(index: int, still: bool = False) -> np.ndarray:
    """RGB ground panned 30 px a frame along a straight dark road (20 degrees off the
    horizontal) through grainy fields, as a camera following a road (``still``: held on the
    first frame): the road's edges stay at the same pixels, the grain does not."""
    rng = np.random.default_rng(5)
    field = (rng.random((1400, 2400)) * 60 + 80).astype(np.uint8)
    field = cv2.GaussianBlur(field, (3, 3), 0)
    angle = np.deg2rad(20)
    cv2.line(field, (0, 300), (2400, 300 + int(2400 * np.tan(angle))), 30, 14)
    step = 0 if still else 30 * index
    x, y = int(step * np.cos(angle)), int(step * np.sin(angle))
    return cv2.cvtColor(field[y : y + 720, x : x + 1280], cv2.COLOR_GRAY2RGB)


def _over(ground: np.ndarray, overlays, t: float) -> np.ndarray:
    """The detector's view of ``ground`` with ``overlays`` as they are at ``t``, JPEG q85."""
    from PIL import Image

    from tests.onscreen_media import _draw

    frame = Image.fromarray(ground).convert("RGBA")
    for overlay in overlays:
        if overlay.alpha_at(t) > 0:
            layer = Image.new("RGBA", frame.size, (0, 0, 0, 0))
            _draw(layer, overlay, overlay.text_at(t), overlay.alpha_at(t))
            frame = Image.alpha_composite(frame, layer)
    gray = cv2.cvtColor(np.asarray(frame.convert("RGB")), cv2.COLOR_RGB2GRAY)
    _, jpeg = cv2.imencode(".jpg", gray, [cv2.IMWRITE_JPEG_QUALITY, 85])
    return detector_view(cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE))


def test_a_road_the_camera_pans_along_is_not_new_text(monkeypatch):
    """Its edges are still (the road moved along itself) but all run one way: before, bands
    of such cells alone sent the detector to look and find nothing (11 of the 2-minute bench
    clip's 36 looks)."""
    def new_while_panning() -> list[list[tuple[int, int]]]:
        changes, new = ChangeMap(), []
        changes.update(_over(np.roll(_road(0), 400, axis=0), [], 0))  # before the road
        changes.looked()
        for index in range(1, 6):  # the camera turned to follow the road
            changes.update(_over(_road(index), [], index))
            new.append(changes.text_bands(np.zeros_like(changes.density, bool), 360))
        return new

    assert new_while_panning() == [[]] * 5
    monkeypatch.setattr("forensics.onscreen.change.STRAIGHT", 1.01)  # any direction counts
    assert any(new_while_panning()), "the road's cells are not still: the test shows nothing"


def _looked_at(changes: ChangeMap, rows: set[int]) -> bool:
    """Whether a band the detector would look at holds the view's cell ``rows``."""
    assert changes.density is not None
    found = changes.text_bands(np.zeros_like(changes.density, bool), 360)
    return any(rows & set(range(y0 // CELL, y1 // CELL)) for y0, y1 in found)


def _first_new(frames, rows: set[int]) -> int | None:
    """The first frame (after the first, looked at whole) with a band to look at over
    ``rows``."""
    changes = ChangeMap()
    for index, frame in enumerate(frames):
        changes.update(frame)
        if index == 0:
            changes.looked()
        elif _looked_at(changes, rows):
            return index
    return None


@pytest.mark.parametrize("still", [False, True])
def test_text_over_a_road_is_new_still_fading_in_or_changed(still):
    """A caption appearing, one fading in over 2 s and one replaced at its place, over ground
    panned along a road or held still: each is new to the change map on its second frame at
    its place (its first still one), as before the road's cells were left out."""
    caption = Overlay("caption", "Belgorod region", 2.0, 9.0, where=(0.5, 0.45))  # on the road
    rows = set(range(9, 13))  # y ~ 324 of 720: view rows 150-180
    frames = [_over(_road(i, still), [caption], i) for i in range(6)]
    assert _first_new(frames, rows) == 3
    fading = replace(caption, fade=2.0)
    assert _first_new([_over(_road(i, still), [fading], i) for i in range(8)], rows) in (3, 4)
    changes = ChangeMap()
    other = replace(caption, text="Kozinka, 22 May", start=4.0)
    first = replace(caption, end=4.0)
    for index in range(7):
        changes.update(_over(_road(index, still), [first, other], index))
        if index in (0, 3):  # the first caption, looked at when still
            changes.looked()
            if index == 3:
                changes.forget((400, 300, 480, 60), 0.5)  # its track ends with it
        elif index >= 5:
            assert _looked_at(changes, rows), index  # the new caption at its place
            break


def test_a_band_keeps_the_straight_cells_beside_its_letters_and_straight_ones_alone_go(
        monkeypatch):  # fmt: skip
    """A caption's letters new on one row of cells and the straight lower edge of its box on
    another are one band, looked at whole (the sample case's Legion clip lost a caption when
    its band ended above its lower half); a band of straight cells alone is not looked at."""
    new = np.zeros((23, 40), bool)
    new[2, 5:15] = new[5, 5:9] = True  # letters; the box's lower edge
    new[15, 20:30] = True  # a road
    straight = np.zeros_like(new)
    straight[5, 5:9] = straight[15, 20:30] = True
    changes = ChangeMap()
    monkeypatch.setattr(changes, "new_cells", lambda covered: new)
    monkeypatch.setattr(changes, "_straight", lambda cells: straight & cells)
    assert changes.text_bands(np.zeros_like(new), 360) == bands(new, 360)[:1] == [(16, 112)]
