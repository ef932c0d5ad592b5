"""Follow text across the sampled frames, reading each region once while it stays unchanged.

Per frame: every live track is checked against its last crop (:mod:`.signature`, well under
a millisecond) and ends where it changed or vanished; the detector (~70 ms on a whole 640-px
view, the main cost) looks only where still strokes appeared that no live track covers
(:mod:`.change`), at those bands of the picture, and at the whole picture every ``look_every``
frames (text that moves is not still; up to LOOK_AT_MOST apart while whole looks find only
what those bands showed) or, where the footage itself stands still, at most every
``detect_every``; a detected line no live track covers is read once (a handle read with a
space, once more in a box grown downwards: its underscore may be under the box).
A reading that only differs from the track that just ended there in letters the engine got
wrong (same digits, character error rate <= 0.4) continues that track, so a semi-transparent
watermark over moving footage stays one track; changed digits (a HUD's clock) start a new one.
A new track's start is pushed back over the last few frames that show the same pixels (and no
other track there), so a track's times are those of the first and last frames it is on, not
of the detections; tracks at one place that continue each other across a short gap are merged,
and one frame's reading inside a longer track at its place is that track misread, dropped.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from forensics.onscreen.change import WHOLE, Band, ChangeMap, covered_cells
from forensics.onscreen.detect import Region, detect_regions, detector_view, view_scale
from forensics.onscreen.engine import SPLIT_HANDLE, LineReading, all_cyrillic
from forensics.onscreen.merge import cer as cer  # where it was (benchmarks import it)
from forensics.onscreen.merge import continues, drop_misreadings, merge, overlap
from forensics.onscreen.signature import cells_alike, same_text
from forensics.onscreen.stack import FRAMES, STACK_BELOW, History, enlarged

DETECT_EVERY = 4  # frames: the whole picture at most this often where the footage stands still
LOOK_EVERY = 30  # frames: the whole picture at least this often (30 s at a text frame a second)
# ... and up to this far apart once whole looks keep finding only what the change map showed
# (each one that did doubles the period; one that finds text the change map did not, say
# text that moves, sets it back): on the 2-minute bench clip each whole view is ~0.015x of
# the decode floor, and the captions they found were all in the change map's bands too.
LOOK_AT_MOST = 120
Box = tuple[int, int, int, int]
MERGE_GAP = 4  # detections: how long a mark may go unread and still be one track
MIN_CHARS, MIN_CONF = 3, 0.4  # a reading with less is no text (terrain read as letters)
NUMBERS = 3  # digits that make a track one of numbers, read on every frame
SURE, SURE_READS = 0.9, 3  # a reading less confident is read again, up to 3 readings in all
# Cyrillic lines read with three languages come out wrong at 0.90-0.93 now and then (Українська
# for Українські); read again with Russian and Ukrainian alone, at half the cost (engine.py).
SURE_CYRILLIC = 0.95


class Reader(Protocol):
    """Reads one line's crop (:meth:`forensics.onscreen.engine.LineReader.read`); ``like``:
    how the text there read before."""

    def __call__(self, crop: np.ndarray, like: LineReading | None = None) -> LineReading: ...


@dataclass
class Track:
    box: Box
    first: int  # frame indices
    last: int
    text: str
    confidence: float
    score: float  # LineReading.score of the reading kept
    ref: np.ndarray  # the crop last seen, to compare the next frame with
    best: np.ndarray  # the crop of the reading kept (the most confident)
    reads: int = 1
    live: bool = True
    seen: int = 1  # frames it was on
    read_at: int = 0  # the frame it was last read on
    hud: bool = False  # its reading is a HUD line's (LineReading.hud)
    sure: bool = False  # read the same twice
    anchor: np.ndarray | None = None  # compared with besides ref, when not best (the box
    # changed since best was read: _revive)
    stacked: bool = False  # read through the frames it stays on (.stack): its crops are stacks

    @property
    def reading(self) -> LineReading:
        """How it read: what to read it again like."""
        return LineReading(self.text, self.confidence, self.hud)


def keep(track: Track, reading: LineReading, region: np.ndarray, stacked: bool = False) -> None:
    """Make ``reading`` (of ``region``, a stack of crops or not) the track's text."""
    track.text, track.confidence, track.score = reading.text, reading.confidence, reading.score
    track.best, track.hud, track.anchor, track.stacked = region, reading.hud, None, stacked


def new_track(box: Box, first: int, last: int, reading: LineReading, region: np.ndarray
              ) -> Track:  # fmt: skip
    return Track(box, first, last, reading.text, reading.confidence, reading.score, region,
                 region, read_at=last, hud=reading.hud)  # fmt: skip


def crop(gray: np.ndarray, box: Box) -> np.ndarray:
    x, y, w, h = box
    return gray[y : y + h, x : x + w]


class Tracker:
    """The tracking loop's state; :func:`track` drives it over the frames."""

    def __init__(self, find: Callable[[np.ndarray], list[Region]], read: Reader,
                 detect_every: int = DETECT_EVERY, look_every: int = LOOK_EVERY
                 ) -> None:  # fmt: skip
        self.find, self.read, self.every, self.look_every = find, read, detect_every, look_every
        self.tracks: list[Track] = []
        self.recent: deque[np.ndarray] = deque(maxlen=detect_every)  # frames before this one
        self.last_whole = -max(detect_every, look_every)  # the first frame is looked at whole
        self.changes = ChangeMap()
        self.blank: list[tuple[Box, np.ndarray]] = []  # lines the last detection read as nothing
        self.pending: list[tuple[Box, int, LineReading]] = []  # changed numbers read as nothing
        self.recheck: list[tuple[Box, int]] = []  # lines read as nothing, to look at again then
        self.rechecked: list[Box] = []  # ... once each
        self.looked_px = 0  # pixels of the detector's view looked at, over all frames
        self.period = look_every  # frames between whole looks, now (LOOK_AT_MOST)
        self.periodic: list[Band] | None = None  # this frame's whole look is periodic: the
        # bands the change map showed, where the detector would have looked anyway
        self.unseen: list[Box] | None = None  # boxes the last periodic look found outside them
        self.history = History()  # the last frames, to stack a still mark's box over

    def step(self, index: int, gray: np.ndarray) -> None:
        view = detector_view(gray)
        self.changes.update(view)
        self._read_pending(index, gray)
        self._verify(index, gray)
        self._judge()
        self._confirm(index, gray)
        self._recheck(index, gray)
        places = self._where(index, gray.shape[1], view.shape)
        if places:
            blank, self.blank = self.blank, []
        before = len(self.tracks)
        for band in places:
            self.looked_px += view.shape[1] * (band[1] - band[0] if band else view.shape[0])
            for box in detect_regions(self.find, gray, view, band):
                self._consider(index, gray, box, blank)
            self.changes.looked(band)
        if self.periodic is not None:  # a periodic whole look: did it find what bands would not?
            scale = view_scale(gray)
            self.unseen = [
                t.box
                for t in self.tracks[before:]
                if not any(y0 <= (t.box[1] + t.box[3] / 2) * scale < y1 for y0, y1 in self.periodic)
            ]
            self._judge(later=False)
        self.recent.append(gray)
        self.history.add(index, gray)

    def _judge(self, later: bool = True) -> None:
        """Back the whole looks off, or not, by the lines the last periodic one found outside
        the change map's bands, judged a frame ``later`` (after :meth:`_verify`): a line still
        at its place is still text (a caption that had just appeared: not still yet for the
        change map, which shows it from the next frame on); one gone from it may be text that
        moves, which only whole looks find. (Judged at once, the 2-minute bench clip's
        captions, every 6 s, kept whole looks 30 frames apart: 0.07 s each.)"""
        if self.unseen is None or (self.unseen and not later):
            return
        moving = [b for b in self.unseen
                  if not any(t.live and overlap(t.box, b) > 0.5 for t in self.tracks)]  # fmt: skip
        self.period = self.look_every if moving else min(LOOK_AT_MOST, 2 * self.period)
        self.unseen = None

    def _where(self, index: int, width: int, shape: tuple[int, ...]) -> list[Band | None]:
        """Where the detector looks in this frame: nowhere, bands of the view with new still
        strokes, or the whole picture (None)."""
        self.periodic = None
        assert self.changes.density is not None
        busy = [t.box for t in self.tracks if t.live] + [p[0] for p in self.pending]
        covered = covered_cells(busy, shape[1] / width, self.changes.density.shape)
        found = self.changes.text_bands(covered, shape[0])
        if index - self.last_whole >= self.period:
            if index:  # the first frame's look is not periodic: everything there is new
                self.periodic = found
            self.last_whole = index
            return [None]
        if sum(y1 - y0 for y0, y1 in found) <= WHOLE * shape[0]:
            return list(found)
        if index - self.last_whole >= self.every:  # the footage stands still: look at it all
            self.last_whole = index
            return [None]
        return []

    def _verify(self, index: int, gray: np.ndarray) -> None:
        """Extend the live tracks still showing the same text; end the others. A track with
        digits (a HUD's clock, position, altitude; a shot label's number) is read again on each
        frame where a character cell of it changed (:func:`.signature.cells_alike`): its
        digits change in place, between detections, and a changed digit leaves the rest of the
        line the same (STRIKE 2 became STRIKE 4 under a live track before)."""
        for track in [t for t in self.tracks if t.live and t.read_at < index]:
            now = self._now(track, gray)
            anchor = track.best if track.anchor is None else track.anchor
            shows = same_text(track.ref, now) or same_text(anchor, now)
            digits = sum(c.isdigit() for c in track.text)
            if shows and not (digits and not cells_alike(track.ref, now)):
                track.last, track.ref, track.seen = index, now, track.seen + 1
            elif shows or digits >= NUMBERS:  # a digit may have changed in place
                self._reread(index, track, now)
            else:  # gone, or other text in its place (read where the detector finds it)
                track.live = False
                self.changes.forget(track.box, view_scale(gray))

    def _now(self, track: Track, gray: np.ndarray) -> np.ndarray:
        """The track's box now: stacked over the last frames if it was read so (a faint
        mark's single crops change with the ground under it; its stack does not)."""
        now = self.history.recent(track.box, gray) if track.stacked else None
        return crop(gray, track.box) if now is None else now

    def _reread(self, index: int, track: Track, now: np.ndarray) -> None:
        seen = enlarged(now) if track.stacked else now
        reading = self.read(seen, like=track.reading)  # a HUD line, read as one
        same = _is_text(reading) and continues(track.text, reading.text)
        if reading.text == track.text or same:
            track.last, track.ref, track.seen, track.read_at = index, now, track.seen + 1, index
            return
        track.live = False
        if _is_text(reading):
            self.tracks.append(new_track(track.box, index, index, reading, now))
        else:  # read again on the next frames, until a reading or detect_every frames
            self.pending.append((track.box, index + self.every, track.reading))

    def _read_pending(self, index: int, gray: np.ndarray) -> None:
        """Boxes of numbers that changed and read as nothing: read them again each frame until
        they read as text, for detect_every frames at most."""
        waiting, self.pending = self.pending, []
        for box, until, like in waiting:
            if any(t.live and overlap(t.box, box) > 0.5 for t in self.tracks):
                continue
            now = crop(gray, box)
            reading = self.read(now, like=like)
            if _is_text(reading):
                self.tracks.append(new_track(box, index, index, reading, now))
            elif index + 1 < until:
                self.pending.append((box, until, like))
            else:  # given up: the change map is to look there again once text is still there
                self.changes.forget(box, view_scale(gray))

    def _recheck(self, index: int, gray: np.ndarray) -> None:
        """A line read as nothing (under MIN_CONF: a small label over busy ground on an unlucky
        frame) is looked at again detect_every frames later, once: the change map shows its
        cells as new then if its strokes are still there. Whole looks every detect_every
        frames, where the footage stood still, did this by the way: without them the sample
        case's ZOOM 8.0X, read at 0.38 on its first frame, was never read."""
        due = [box for box, at in self.recheck if at <= index]
        self.recheck = [(box, at) for box, at in self.recheck if at > index]
        for box in due:  # and read there, not skipped as what the last detection read as nothing
            self.changes.forget(box, view_scale(gray))
            self.blank = [(b, ref) for b, ref in self.blank if overlap(b, box) <= 0.8]

    def _confirm(self, index: int, gray: np.ndarray) -> None:
        """Read a live track again on the next frames while its best reading is unsure (at
        most SURE_READS readings, until two agree): one unlucky frame would otherwise fix a
        misreading for as long as the text stays."""
        for track in self.tracks:
            if not track.live or track.sure or track.reads >= SURE_READS or track.read_at >= index:
                continue  # ended, sure, read enough, or read on this frame
            if track.confidence < (SURE_CYRILLIC if all_cyrillic(track.text) else SURE):
                stack = (self.history.stack(track.box, gray, track.first)  # (.stack)
                         if track.score < STACK_BELOW else None)  # fmt: skip
                now = crop(gray, track.box) if stack is None else stack
                reading = self.read(now if stack is None else enlarged(now), like=track.reading)
                track.reads, track.read_at = track.reads + 1, index
                if reading.text == track.text:  # read the same twice: sure enough
                    track.sure = True
                elif reading.score > track.score and _is_text(reading):
                    keep(track, reading, now, stack is not None)

    def _consider(self, index: int, gray: np.ndarray, box: Box,
                  blank: list[tuple[Box, np.ndarray]]) -> None:  # fmt: skip
        """Read a detected line no live track covers, unless the previous detection read the
        same pixels there as no text; continue the track that just ended there, or start one.
        (Skipping places whose track ended lately cost the HUD clip a caption: recall 0.91 ->
        0.84, for 2 reads saved.)"""
        if any(t.live and overlap(t.box, box) > 0.5 for t in self.tracks):
            return
        region = crop(gray, box)
        if any(overlap(b, box) > 0.8 and same_text(ref, crop(gray, b)) for b, ref in blank):
            return  # skipped once: a mark that read as nothing once is read again next time
        reading = self.read(region)
        since = self._since(index, box, reading)
        stacked = reading.score < STACK_BELOW and self.history.better(
            self.read, box, gray, since, reading)  # fmt: skip
        if stacked:
            reading, region = stacked
        if not _is_text(reading):
            self.blank.append((box, region))
            if not any(overlap(b, box) > 0.8 for b in self.rechecked):
                self.recheck.append((box, index + self.every))
                self.rechecked.append(box)
            return
        if SPLIT_HANDLE.search(reading.text):  # its underscore may be under the box
            box, region, reading = self._lower(gray, box, region, reading,
                                               since if stacked else None)  # fmt: skip
        ended = [t for t in self.tracks if not t.live and t.last >= index - 2 * self.every
                 and overlap(t.box, box) > 0.5 and continues(t.text, reading.text)]  # fmt: skip
        if ended:
            self._revive(ended[-1], index, gray, box, region, reading)
            if stacked and ended[-1].best is region:  # kept the stacked reading
                ended[-1].stacked = True
            return
        self.tracks.append(new_track(box, self._start(index, box, region), index, reading, region))
        self.tracks[-1].stacked = bool(stacked)

    def _since(self, index: int, box: Box, reading: LineReading) -> int:
        """The first frame to stack ``box`` over (.stack): the last :data:`FRAMES`, since other
        text read surely was there (a caption stacked with the one before it in its box read
        as that one: Belgorod region for Українські захисники); a faint mark's misreadings
        there do not count."""
        other = [t.last + 1 for t in self.tracks if overlap(t.box, box) > 0.5
                 and t.score >= STACK_BELOW and not continues(t.text, reading.text)]  # fmt: skip
        return max([index - FRAMES, *other])

    def _lower(self, gray: np.ndarray, box: Box, region: np.ndarray, reading: LineReading,
               since: int | None = None) -> tuple[Box, np.ndarray, LineReading]:  # fmt: skip
        """A handle read with a space (``@legion free``) in ``box``, read again in the box
        grown downwards by a quarter of its height: the detector's box of a line in a band of
        the view can end above the underscore (under its margins trimmed, no bar is left in
        the gap to find, engine._join_handle). Kept when it reads the same but for the
        underscore. A stacked reading (``since``: the frame its stack began) is read stacked."""
        x, y, w, h = box
        lower = (x, y, w, min(gray.shape[0] - y, h + h // 4))
        stack = None if since is None else self.history.stack(lower, gray, since)
        grown = crop(gray, lower) if stack is None else stack
        again = self.read(grown if stack is None else enlarged(stack))
        if again.text != reading.text and again.text.replace("_", " ") == reading.text:
            return lower, grown, again
        return box, region, reading

    def _revive(self, track: Track, index: int, gray: np.ndarray, box: Box,
                region: np.ndarray, reading: LineReading) -> None:  # fmt: skip
        """Continue ``track`` (ended lately at this place) with ``reading`` of ``region``, the
        detected ``box``, which may be a few pixels off the track's. The track takes that box,
        and the next frames are compared with crops of it (``anchor``: its best crop is of the
        old box, and crops of two sizes never match): a box that took in ground around the
        text (a whole view's box of a semi-transparent mark, 68 px at 720p against a band's
        50-58) ended the track whenever the ground under it changed, and the mark was found
        and read again (32 -> 58 reads on the 2-minute bench clip once its handle was read
        the same on every frame). A track with digits keeps its box: its cells are compared to
        see a digit change (STRIKE 4 -> 5 in the sample case ran on under a moved box)."""
        if box != track.box and not any(c.isdigit() for c in track.text + reading.text):
            track.box, track.anchor = box, region  # compared with a crop of it from now on
        track.live, track.last, track.reads = True, index, track.reads + 1
        track.ref, track.seen, track.read_at = crop(gray, track.box), track.seen + 1, index
        if reading.score > track.score:
            keep(track, reading, region)

    def _start(self, index: int, box: Box, region: np.ndarray) -> int:
        """The earliest of the last few frames from which on ``box`` shows the same text, and
        no other track was there (a place shows one text at a time)."""
        start = index
        taken = max((t.last for t in self.tracks if overlap(t.box, box) > 0.5), default=-1)
        for back, frame in enumerate(reversed(self.recent), 1):
            if index - back <= taken or not same_text(region, crop(frame, box)):
                break
            start = index - back
        return start


def _is_text(reading: LineReading) -> bool:
    return sum(c.isalnum() for c in reading.text) >= MIN_CHARS and reading.confidence >= MIN_CONF


def track(frames: Iterable[np.ndarray], find: Callable[[np.ndarray], list[Region]],
          read: Reader, detect_every: int = DETECT_EVERY, look_every: int = LOOK_EVERY
          ) -> list[Track]:  # fmt: skip
    """Every text track over ``frames`` (grey, one size), in order of appearance."""
    tracker = Tracker(find, read, detect_every, look_every)
    for index, gray in enumerate(frames):
        tracker.step(index, gray)
    ordered = sorted(tracker.tracks, key=lambda t: (t.first, t.box[1], t.box[0]))
    return drop_misreadings(merge(ordered, MERGE_GAP * detect_every))
