"""On-screen text of one clip, from the frames its one decode wrote for reading text.

detect (:mod:`.detect`) -> track, reading each region once while it is unchanged
(:mod:`.track`, :mod:`.engine`) -> kind (:mod:`.classify`) and language (:mod:`.lang`) ->
records, each with the crop it reads clearest on, written into the report folder.
"""

from __future__ import annotations

import importlib.metadata
import re
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from forensics.media.frames import TextFrame
from forensics.onscreen.classify import active_area, kind_of
from forensics.onscreen.detect import DetectorMissing, TextDetector, model_path
from forensics.onscreen.engine import (
    EngineInfo,
    EngineMissing,
    LineReader,
    LineReading,
    find_engine,
)
from forensics.onscreen.hud import telemetry_of
from forensics.onscreen.lang import language_of
from forensics.onscreen.mirror import UNSURE, judge
from forensics.onscreen.track import Track, track
from forensics.records import Flag
from forensics.records.onscreen import OnscreenStatus, OnscreenText, Telemetry

MAX_IMAGES = 200  # crops written per clip; a long HUD clip has a track per second
ACTIVE_SAMPLES = 8  # frames looked at for black bars
IMAGE_DIR = "onscreen"
JUDGED = ("caption", "other")  # kinds that make claims (forensics.claims.onscreen)
PGM_HEADER = re.compile(rb"P5\s+(\d+)\s+(\d+)\s+255\s")  # no comment lines: ffmpeg writes none


@dataclass(frozen=True)
class OnscreenReading:
    texts: tuple[OnscreenText, ...]
    status: OnscreenStatus
    versions: dict[str, str]  # engine, detector and language data, for the tool versions
    flags: tuple[Flag, ...] = ()  # the reading failed: a finding of the clip's report
    telemetry: tuple[Telemetry, ...] = ()  # what the HUD tracks show, parsed


STOPPED = "on-screen text was not read: the analysis was stopped"


class ReadingStopped(Exception):
    """A stop was asked for (:func:`read_onscreen`'s ``stop``): raised between reads."""


def not_read(reason: str) -> OnscreenReading:
    return OnscreenReading((), OnscreenStatus(False, None, (), reason), {})


def read_onscreen(frames: Sequence[TextFrame], picture: tuple[int, int], out_dir: Path,
                  stop: threading.Event | None = None) -> OnscreenReading:  # fmt: skip
    """Every text track of ``frames`` (grey pictures of the clip at the sampled times), boxes
    in the clip's ``picture`` (width, height); crops written under ``out_dir``/onscreen.

    An engine that fails on this clip is a finding, not the end of the analysis: the report
    says the text was not read, and why, under the flags. ``stop``, once set, ends the reading
    before its next read or frame (Ctrl-C during an analysis waited for the whole clip's text):
    nothing is recorded as read."""
    try:
        return _read(frames, picture, out_dir, stop or threading.Event())
    except ReadingStopped:
        return not_read(STOPPED)
    except Exception as exc:
        reason = f"on-screen text could not be read: {type(exc).__name__}: {exc}"
        flag = Flag("onscreen_text_failed", "low", f"{reason}.")
        return OnscreenReading((), not_read(reason).status, {}, (flag,))


def _read(frames: Sequence[TextFrame], picture: tuple[int, int], out_dir: Path,
          stop: threading.Event) -> OnscreenReading:  # fmt: skip
    try:
        info = find_engine()
        detector = TextDetector()
    except (EngineMissing, DetectorMissing) as exc:
        return not_read(str(exc))
    if not frames:
        return not_read("on-screen text was not read: the decode gave no frame to read")
    reader = LineReader(info)

    def read(crop: np.ndarray, like: LineReading | None = None) -> LineReading:
        if stop.is_set():
            raise ReadingStopped
        return reader.read(crop, like)

    tracks = track(_pictures(frames, stop), detector.find, read)
    size = _size(frames[0].path)
    step = max(1, len(frames) // ACTIVE_SAMPLES)
    active = active_area(list(_pictures(frames[::step][:ACTIVE_SAMPLES])))
    texts = tuple(_record(t, frames, (size, active), picture, out_dir, n, reader)
                  for n, t in enumerate(tracks, 1))  # fmt: skip
    note = f"{len(texts)} text tracks in {len(frames)} sampled frames; {reader.calls} regions read"
    if not texts:
        note = f"no text found in {len(frames)} sampled frames"
    status = OnscreenStatus(True, engine_name(info), info.languages, note, len(frames),
                            reader.calls)  # fmt: skip
    return OnscreenReading(texts, status, versions(info, detector), (), telemetry_of(texts))


def engine_name(info: EngineInfo) -> str:
    return f"tesseract {info.version} ({info.library}), text detector {model_path().name}"


def versions(info: EngineInfo, detector: TextDetector) -> dict[str, str]:
    out = {"tesseract": f"{info.version} ({info.program})", "tesserocr": info.library,
           "text-detector": f"{detector.model.name} ({detector.model})"}  # fmt: skip
    for name in ("onnxruntime", "rapidocr"):
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
    return {**out, **info.data_versions()}


def _pictures(frames: Sequence[TextFrame], stop: threading.Event | None = None
              ) -> Iterator[np.ndarray]:  # fmt: skip
    for frame in frames:
        if stop is not None and stop.is_set():
            raise ReadingStopped
        gray = _gray(frame.path)
        if gray is None:
            raise OSError(f"{frame.path}: the decode's frame cannot be read")
        yield gray


def _gray(path: Path) -> np.ndarray | None:
    """A text frame's grey pixels. A raw frame (PGM: ``P5``, its size, 255, the pixels, as
    ffmpeg writes it) is taken as it is: 0.12 ms a 720p frame against 0.5 ms through
    OpenCV's decoder, the same pixels (the 2-minute bench clip: 120 frames, 0.06 -> 0.014 s);
    anything else goes through OpenCV."""
    if path.suffix == ".pgm":
        data = np.fromfile(path, np.uint8)
        head = PGM_HEADER.match(data[:64].tobytes())
        if head is not None:
            width, height = int(head[1]), int(head[2])
            pixels = data[head.end() : head.end() + width * height]
            if pixels.size == width * height:
                return pixels.reshape(height, width)
    return cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)


def _size(path: Path) -> tuple[int, int]:
    gray = _gray(path)
    return (gray.shape[1], gray.shape[0]) if gray is not None else (1, 1)


def _record(t: Track, frames: Sequence[TextFrame],
            frame: tuple[tuple[int, int], tuple[int, int, int, int]],
            picture: tuple[int, int], out_dir: Path, number: int, reader: LineReader
            ) -> OnscreenText:  # fmt: skip
    """``frame``: the text frames' size and the part of them the footage fills. Text that
    would make a claim (a caption, other text) read unsure is judged (:mod:`.mirror`):
    mirrored or garbage, it is ``unreadable``, with the note saying which."""
    size, active = frame
    sx, sy = picture[0] / size[0], picture[1] / size[1]

    def scaled(b: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
        x, y, w, h = b
        return (round(x * sx), round(y * sy), max(1, round(w * sx)), max(1, round(h * sy)))

    box = scaled(t.box)
    image = None
    if number <= MAX_IMAGES:
        (out_dir / IMAGE_DIR).mkdir(exist_ok=True)
        image = f"{IMAGE_DIR}/{number:04d}.png"
        cv2.imwrite(str(out_dir / image), t.best)
    kind = kind_of(t.text, box, picture, t.seen / len(frames), scaled(active))
    note = judge(reader, t.best, t.reading) if kind in JUDGED and t.confidence < UNSURE else None
    return OnscreenText(t.text, frames[t.first].time, frames[t.last].time, box,
                        "unreadable" if note else kind, language_of(t.text),
                        round(t.confidence, 3), image, note or "")  # fmt: skip
