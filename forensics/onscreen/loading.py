"""Load what reading a clip's on-screen text needs first while the clip decodes.

The first clip a process reads pays for loading its engines before the first line is read:
importing onnxruntime and tesserocr, the detector's session, Tesseract with every language,
~0.35-0.45 s of CPU (benchmarks/onscreen/README.md, section 9), and it paid it after the
decode, one core working while the other waited. :func:`preload`, called before the decode,
loads them in a thread of its own while ffmpeg decodes and the frames are described; the
reading (:func:`forensics.onscreen.read_onscreen`) waits for that thread, then finds all of it
loaded. The same CPU is spent, not on the analyst's clock. The English and the Russian with
Ukrainian engines stay loaded when first wanted: a clip that needs neither would pay for them.
"""

from __future__ import annotations

import threading

from forensics.onscreen.detect import TextDetector
from forensics.onscreen.engine import find_engine
from forensics.onscreen.engines import load_ahead, loaded_here

_loading: dict[int, threading.Thread] = {}  # by the ident of the thread that will read


def preload() -> None:
    """Start loading the engines for this thread's next reading, unless it has them (a batch
    worker's next clip) or they are loading already."""
    owner = threading.get_ident()
    if owner in _loading or loaded_here():
        return
    thread = threading.Thread(target=_load, args=(owner,), name="onscreen-preload", daemon=True)
    _loading[owner] = thread
    thread.start()


def wait() -> None:
    """Wait for the loading this thread started, if any: then nothing it loads is used by two
    threads at once, nor loaded twice."""
    thread = _loading.pop(threading.get_ident(), None)
    if thread is not None:
        thread.join()


def _load(owner: int) -> None:
    try:
        info = find_engine()  # its program's answers are kept: the reading asks again, at once
        TextDetector()  # the session is kept for the process
        info.data_versions()  # the language files' digests, for the report, kept
        load_ahead(info, owner)
    except Exception:
        # Nothing is lost: the reading loads what is missing itself, and a missing engine or a
        # failing one is said in the report by the reading, as without this.
        return
