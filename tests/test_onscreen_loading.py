"""On-screen text read beside the rest of the analysis (forensics.onscreen.loading): the engines
load in the reader thread while the clip decodes, once per process, and analyze reads the
text there while it hashes the same frames, waiting for it before the frames are removed."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import pytest

from forensics import describe
from forensics.onscreen import engines as engines_module
from forensics.onscreen import loading
from forensics.reuse import decoding


@dataclass(frozen=True)
class Info:
    tessdata: Path = Path("/nowhere")
    languages: tuple[str, ...] = ("eng", "rus", "ukr")

    def data_versions(self) -> dict[str, str]:
        return {}


@pytest.fixture
def fresh_reader(monkeypatch):
    """A reader thread of this test's own (its engines: none yet), shut down after it."""
    monkeypatch.setattr(loading, "_reader", None)
    yield
    if loading._reader is not None:
        loading._reader.shutdown()


@pytest.fixture
def loads(monkeypatch, fresh_reader):
    """The engines loaded (language, thread name), with no engine installed."""
    loaded: list[tuple[str, str]] = []

    def load(_info, lang):
        loaded.append((lang, threading.current_thread().name))

    monkeypatch.setattr(engines_module, "_api", load)
    monkeypatch.setattr(loading, "find_engine", Info)
    monkeypatch.setattr(loading, "TextDetector", lambda: None)
    return loaded


def test_the_engines_load_in_the_reader_thread_once_for_every_clip(loads):
    for _clip in range(2):  # a worker's first clip, and its next
        loading.preload()
        name = loading._thread().submit(lambda: threading.current_thread().name).result()
    [(lang, loader)] = loads
    assert lang == "eng+rus+ukr" and loader == name != threading.current_thread().name


def test_a_failed_loading_leaves_the_reading_to_load_and_say_why(loads, monkeypatch):
    def missing():
        raise RuntimeError("no tesseract")

    monkeypatch.setattr(loading, "find_engine", missing)
    loading.preload()
    loading._thread().submit(lambda: None).result()
    assert loads == []


@pytest.mark.parametrize("read_text", [True, False])
def test_analyze_loads_the_engines_before_the_decode_and_reads_while_it_hashes(
        tmp_path, monkeypatch, fresh_reader, read_text):  # fmt: skip
    """The reading starts once the frames are written and runs while they are hashed: each
    waits here for the other to begin, which neither could if they ran one after the other
    (the one waiting would time out and say so)."""
    order: list[str] = []
    hashing, reading = threading.Event(), threading.Event()

    def read(frames, picture, out_dir, stop=None):
        reading.set()
        order.append("reading")
        return "read" if hashing.wait(timeout=10) else "read alone"

    def hash_frames(*_args, **_kwargs):
        hashing.set()
        order.append("hashing" if not read_text or reading.wait(timeout=10) else "hashed alone")
        return ()

    real_extract = decoding.extract

    def extract(*args, **kwargs):
        order.append("decode")
        return real_extract(*args, **kwargs)

    monkeypatch.setattr(loading, "preload", lambda: order.append("preload"))
    monkeypatch.setattr(loading, "read_onscreen", read)
    monkeypatch.setattr(decoding, "extract", extract)
    monkeypatch.setattr(decoding, "hash_frames", hash_frames)
    from forensics.media.toolchain import find_toolchain
    from tests.media import lavfi_clip

    clip = lavfi_clip(tmp_path / "clip.mp4", seconds=2)
    (tmp_path / "stage").mkdir()
    got = describe.read_evidence(clip, find_toolchain(), tmp_path / "stage", print, read_text)
    if read_text:
        assert order[:2] == ["preload", "decode"] and got.onscreen == "read"
        assert set(order[2:]) == {"reading", "hashing"}
    else:
        assert order == ["decode", "hashing"] and got.onscreen == describe.TEXT_NOT_ASKED


def test_a_stop_asked_for_ends_the_reading_within_one_read(tmp_path, monkeypatch, loads):
    """Ctrl-C during an analysis (KeyboardInterrupt inside ``reading_beside``) used to wait
    for the clip's whole text to be read: now the reader is told to stop and ends before its
    next read. Ten frames with two lines read unsure (so read again on the next frames); the
    first read is under way when the analysis is interrupted, and it is the only one."""
    import cv2

    from forensics.media.frames import TextFrame
    from forensics.onscreen import scan
    from forensics.onscreen.engine import LineReading
    from forensics.records import Timestamp
    from tests.onscreen_media import PixelEngine, synthetic

    reads, under_way, release = [], threading.Event(), threading.Event()

    class Reader:
        calls = 0

        def __init__(self, _info):
            pass

        def read(self, crop, like=None):
            reads.append(crop.shape)
            under_way.set()
            release.wait(timeout=10)  # one read, as long as the test holds it
            return LineReading("some text", 0.5)  # unsure: read again on the next frames

    class Detector:
        model = Path("model.onnx")
        find = PixelEngine().find

    monkeypatch.setattr(scan, "find_engine", Info)
    monkeypatch.setattr(scan, "TextDetector", Detector)
    monkeypatch.setattr(scan, "LineReader", Reader)
    frames = []
    for k in range(10):
        path = tmp_path / f"text_{k:05d}.pgm"
        cv2.imwrite(str(path), synthetic(k, range(10)))
        frames.append(TextFrame(Timestamp(k, Fraction(1)), path))
    extraction = type("Extraction", (), {"text_frames": tuple(frames)})()
    with pytest.raises(KeyboardInterrupt), loading.reading_beside((1280, 720), tmp_path) as beside:
        beside.start(extraction)
        assert under_way.wait(timeout=10)
        threading.Timer(0.2, release.set).start()  # the read under way ends after the stop
        raise KeyboardInterrupt
    assert len(reads) == 1
    result = beside.result()
    assert result is not None and not result.status.read and "stopped" in result.status.note
