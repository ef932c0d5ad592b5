"""The engines load while the clip decodes (forensics.onscreen.loading): analyze starts the
loading before the decode, the thread that reads takes the engines loaded for it and loads
none itself, and a thread that has its engines (a batch worker's next clip) loads none again."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from forensics import describe
from forensics.onscreen import engines as engines_module
from forensics.onscreen import loading


@dataclass(frozen=True)
class Info:
    tessdata: Path = Path("/nowhere")
    languages: tuple[str, ...] = ("eng", "rus", "ukr")

    def data_versions(self) -> dict[str, str]:
        return {}


@pytest.fixture
def loads(monkeypatch):
    """The engines each thread loads (language, thread), with no engine installed."""
    loaded: list[tuple[str, int]] = []

    def load(_info, lang):
        loaded.append((lang, threading.get_ident()))

    monkeypatch.setattr(engines_module, "_api", load)
    monkeypatch.setattr(loading, "find_engine", Info)
    monkeypatch.setattr(loading, "TextDetector", lambda: None)
    return loaded


def in_a_new_thread(run):
    """``run``'s result in a thread of its own: engines are kept per thread, and this test's
    own thread may have them from other tests."""
    out = []
    thread = threading.Thread(target=lambda: out.append(run()))
    thread.start()
    thread.join()
    return out[0]


def test_the_reading_thread_takes_the_engines_loaded_for_it_and_loads_none(loads):
    def reads():
        loading.preload()
        loading.wait()
        first = engines_module.engines(Info())
        assert engines_module.engines(Info()) is first
        return threading.get_ident()

    reader = in_a_new_thread(reads)
    [(lang, loader)] = loads
    assert lang == "eng+rus+ukr" and loader != reader  # loaded by the loading thread alone


def test_a_thread_with_its_engines_loads_none_again(loads):
    def two_clips():
        engines_module.engines(Info())  # the first clip's reading loaded them
        loading.preload()  # the next clip
        loading.wait()
        engines_module.engines(Info())

    in_a_new_thread(two_clips)
    assert [lang for lang, _ in loads] == ["eng+rus+ukr"]


def test_a_failed_loading_leaves_the_reading_to_load_and_say_why(loads, monkeypatch):
    def missing():
        raise RuntimeError("no tesseract")

    monkeypatch.setattr(loading, "find_engine", missing)

    def reads():
        loading.preload()
        loading.wait()
        engines_module.engines(Info())
        return threading.get_ident()

    reader = in_a_new_thread(reads)
    assert loads == [("eng+rus+ukr", reader)]


@pytest.mark.parametrize("read_text", [True, False])
def test_analyze_starts_loading_the_engines_before_the_decode(tmp_path, monkeypatch, read_text):
    order: list[str] = []

    class Stop(Exception):
        pass

    def decode(*_args, **_kwargs):
        order.append("decode")
        raise Stop

    monkeypatch.setattr(describe, "preload", lambda: order.append("preload"))
    monkeypatch.setattr(describe, "decode_clip", decode)
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"\0" * 64)
    (tmp_path / "stage").mkdir()
    probed = (None, None, ())  # what a triage read: not probed again
    with pytest.raises(Stop):
        describe.read_evidence(clip, None, tmp_path / "stage", print, read_text, probed)  # type: ignore[arg-type]
    assert order == (["preload", "decode"] if read_text else ["decode"])
