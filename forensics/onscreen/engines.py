"""The loaded Tesseract engines (:mod:`.engine` reads with them), one per way of reading, kept
loaded for the thread that loaded them and reused by every clip it reads."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Protocol

# A HUD line read a second time, in English alone, with only what telemetry is written in:
# digits, the letters of labels, hemispheres, MGRS squares, months and zones, the units the
# parser reads (m, ft, km/h), and marks. Cyrillic lookalikes (М for N), ¢ for : and the like
# are then not in the engine's choice.
HUD_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZmftkhs .,:-+/°'\"%"


class Data(Protocol):
    """Where the language data is, and which languages of it are read (engine.EngineInfo)."""

    @property
    def tessdata(self) -> Path: ...

    @property
    def languages(self) -> tuple[str, ...]: ...


class Engines:
    """The loaded Tesseract engines: every language at once, and, each loaded when first
    wanted, English and Russian with Ukrainian alone. Loading costs ~0.1 s for every language at
    once, ~0.07 s for English and ~0.02 s for Russian with Ukrainian (a clip without a HUD line
    or a Latin lookalike needs no English one); they are kept for the thread that loaded them
    (a Tesseract engine reads one image at a time) and reused by every clip it reads: a batch
    worker loads them once, not once a clip. HUD lines are read by the English engine with
    :data:`HUD_CHARS` only (:attr:`hud`), not by an English engine of their own: 0.07 s less
    to load for a clip with a HUD line and a Latin lookalike, the same readings (312 crops of
    the bench clips, each read both ways, interleaved with English reads: benchmarks/onscreen)."""

    def __init__(self, info: Data) -> None:
        self.info = info
        self.all = _api(info, "+".join(info.languages))
        self._eng: Any = None
        self._cyrillic: Any = None

    @property
    def eng(self) -> Any:
        """English alone."""
        if self._eng is None:
            self._eng = _api(self.info, "eng")
        return self._eng

    @property
    def hud(self) -> Whitelisted:
        """English with :data:`HUD_CHARS` only."""
        return Whitelisted(self.eng, HUD_CHARS)

    @property
    def cyrillic(self) -> Any:
        """Russian and Ukrainian alone (those present), loaded when first wanted, or None."""
        langs = [lang for lang in ("rus", "ukr") if lang in self.info.languages]
        if self._cyrillic is None and langs:
            self._cyrillic = _api(self.info, "+".join(langs))
        return self._cyrillic


class Whitelisted:
    """An engine reading only ``chars``: the whitelist is set for each reading and cleared
    after it, so the engine reads as before for everything else."""

    def __init__(self, api: Any, chars: str) -> None:
        self.api, self.chars = api, chars

    def SetImageBytes(self, *args: Any) -> None:
        self.api.SetImageBytes(*args)

    def GetUTF8Text(self) -> str:
        self.api.SetVariable("tessedit_char_whitelist", self.chars)
        try:
            return str(self.api.GetUTF8Text())
        finally:
            self.api.SetVariable("tessedit_char_whitelist", "")

    def MeanTextConf(self) -> int:
        return int(self.api.MeanTextConf())

    def __getattr__(self, name: str) -> Any:  # the engine's results: GetIterator and the like
        return getattr(self.api, name)


_loaded = threading.local()


def engines(info: Data) -> Engines:
    """This thread's engines for ``info``, loaded on its first call (and again only when the
    language data found differ)."""
    kept = getattr(_loaded, "engines", None)
    if kept is None or kept.info != info:
        kept = _loaded.engines = Engines(info)
    return kept


def _api(info: Data, lang: str) -> Any:
    import tesserocr

    return tesserocr.PyTessBaseAPI(path=str(info.tessdata) + "/", lang=lang,
                                   psm=tesserocr.PSM.SINGLE_LINE)  # fmt: skip
