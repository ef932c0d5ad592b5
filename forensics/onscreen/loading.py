"""On-screen text read beside the rest of the analysis: one reader thread per process.

The step used to run after everything else the decode fed (hashing the frames, describing
them), on one core while the other waited, and the first clip a process read paid for
loading its engines first: importing onnxruntime and tesserocr, the detector's session,
Tesseract with every language, ~0.35-0.45 s of CPU (benchmarks/onscreen/README.md, 9). Now
:func:`preload`, called before the decode, loads them in the reader thread while ffmpeg
decodes, and :func:`read_later`, called once the decode has written the frames, reads them
there while the caller hashes and describes the same frames. The same work and the same
readings; less of the analyst's time. The engines are kept per thread (a Tesseract engine
reads one image at a time): always reading in this one thread, a batch worker loads them once
for all its clips, as it did. The English and the Russian with Ukrainian engines still load
when first wanted: a clip that needs neither would pay for them.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from pathlib import Path

from forensics.media.frames import Extraction, TextFrame
from forensics.onscreen.detect import TextDetector
from forensics.onscreen.engine import find_engine
from forensics.onscreen.engines import engines
from forensics.onscreen.scan import OnscreenReading, read_onscreen

_reader: ThreadPoolExecutor | None = None
_lock = threading.Lock()


def _thread() -> ThreadPoolExecutor:
    global _reader
    with _lock:
        if _reader is None:
            _reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="onscreen-text")
        return _reader


def _forget_thread() -> None:
    """A forked child has none of its parent's threads: it starts a reader of its own."""
    global _reader
    _reader = None


os.register_at_fork(after_in_child=_forget_thread)


def preload() -> None:
    """Start loading the engines in the reader thread (nothing is loaded twice: a worker's
    next clip finds them loaded)."""
    _thread().submit(_load)


def read_later(frames: Sequence[TextFrame], picture: tuple[int, int], out_dir: Path,
               stop: threading.Event | None = None) -> Future[OnscreenReading]:  # fmt: skip
    """:func:`forensics.onscreen.read_onscreen` in the reader thread, after any loading asked
    before; the frames and ``out_dir`` must stay until its result is taken. ``stop`` set ends
    it before its next read."""
    return _thread().submit(read_onscreen, frames, picture, out_dir, stop)


class Beside:
    """One clip's text, read in the reader thread from when the decode has written its frames
    (:meth:`start`, given to the decode) while the caller works on the same frames."""

    def __init__(self, picture: tuple[int, int], out_dir: Path, read: bool) -> None:
        self.picture, self.out_dir, self.read = picture, out_dir, read
        self.reading: Future[OnscreenReading] | None = None
        self.stop = threading.Event()  # set: the reading ends before its next read

    def start(self, extraction: Extraction) -> None:
        if self.read:
            self.reading = read_later(extraction.text_frames, self.picture, self.out_dir,
                                      self.stop)  # fmt: skip

    def result(self) -> OnscreenReading | None:
        """The reading (None: not asked, or the decode wrote no frames)."""
        return self.reading.result() if self.reading else None


@contextmanager
def reading_beside(picture: tuple[int, int], out_dir: Path, read: bool = True
                   ) -> Iterator[Beside]:  # fmt: skip
    """Read a clip's text (unless not ``read``) beside the work inside the ``with``: the
    engines load from its start (:func:`preload`: while the clip decodes), the reading begins
    when :meth:`Beside.start` is called, and a reading begun is waited for at its end,
    whatever happened meanwhile, so its frames are not removed under it. Left by an exception
    (Ctrl-C's KeyboardInterrupt, a failure), the reading is told to stop first: the wait is
    for the read under way, not for the rest of the clip's text."""
    if read:
        preload()
    beside = Beside(picture, out_dir, read)
    try:
        yield beside
    except BaseException:
        beside.stop.set()
        raise
    finally:
        if beside.reading is not None:
            wait([beside.reading])


def _load() -> None:
    try:
        info = find_engine()  # its program's answers are kept: the reading asks again, at once
        TextDetector()  # the session is kept for the process
        info.data_versions()  # the language files' digests, for the report, kept
        engines(info)
    except Exception:
        # Nothing is lost: the reading loads what is missing itself, and a missing engine or a
        # failing one is said in the report by the reading, as without this.
        return
