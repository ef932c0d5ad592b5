#!/usr/bin/env python3
"""Per-thread CPU of ``read_evidence``'s parts, which wall times on a loaded machine cannot
show: the main thread's work after the decode (hashing, describing, thumbnails), the on-screen
text step's own thread CPU (wherever it runs) and the engines' loading. On an idle 2-core
machine the work after the decode takes the sum of the main thread's and the text's when the
text is read after the rest (trees before ``forensics.onscreen.loading``), their maximum when
it is read beside it. Run: ``PYTHONPATH=TREE python onscreen_paths.py CLIP`` (a fresh process
per tree and run: the first clip's loading is counted); prints one JSON line.
"""

import json
import sys
import tempfile
import threading
import time
from pathlib import Path

import forensics.describe as describe
import forensics.reuse.decoding as decoding
from forensics.media.toolchain import find_toolchain

marks: dict[str, float] = {}
text_cpu: dict[str, object] = {}


def after(fn, key):  # type: ignore[no-untyped-def]
    """``fn``, marking this thread's CPU clock when it returns."""

    def run(*args, **kwargs):  # type: ignore[no-untyped-def]
        out = fn(*args, **kwargs)
        marks[key] = time.thread_time()
        return out

    return run


def timed(fn, key):  # type: ignore[no-untyped-def]
    """``fn``, adding the CPU it took in its thread to ``text_cpu[key]``."""

    def run(*args, **kwargs):  # type: ignore[no-untyped-def]
        start = time.thread_time()
        try:
            return fn(*args, **kwargs)
        finally:
            text_cpu[key] = float(text_cpu.get(key, 0.0)) + time.thread_time() - start  # type: ignore[arg-type]
            text_cpu[f"{key} thread"] = threading.current_thread().name

    return run


def main() -> None:
    clip = Path(sys.argv[1])
    decoding.extract = after(decoding.extract, "after decode")
    describe.write_frame_images = after(describe.write_frame_images, "after thumbnails")
    try:
        import forensics.onscreen.loading as loading

        loading.read_onscreen = timed(loading.read_onscreen, "text")
        loading._load = timed(loading._load, "load")  # type: ignore[attr-defined]
        beside = True
    except ImportError:  # the text read in the main thread, after the rest
        describe.read_onscreen = timed(describe.read_onscreen, "text")  # type: ignore[attr-defined]
        beside = False
    tools = find_toolchain()
    with tempfile.TemporaryDirectory() as tmp:
        stage = Path(tmp) / "stage"
        stage.mkdir()
        start, wall, cpu = time.thread_time(), time.perf_counter(), time.process_time()
        reading = describe.read_evidence(clip, tools, stage, lambda _msg: None, True)
        end, wall, cpu = time.thread_time(), time.perf_counter() - wall, time.process_time() - cpu
    main_after = marks["after thumbnails"] - marks["after decode"]
    text = float(text_cpu.get("text", 0.0))  # type: ignore[arg-type]
    print(json.dumps({
        "beside": beside, "main thread CPU during decode": marks["after decode"] - start,
        "main thread CPU hashing+describing+thumbnails": main_after,
        "main thread CPU total": end - start, **text_cpu, "process CPU": cpu, "wall": wall,
        "tracks": len(reading.onscreen.texts),
        "post-decode path if serial": main_after + text,
        "post-decode path beside (max)": max(main_after, text),
    }))  # fmt: skip


if __name__ == "__main__":
    main()
