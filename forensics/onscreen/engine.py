"""The OCR engine: Tesseract 5, through tesserocr (one engine kept loaded in-process), reading
the language data Debian's ``tesseract-ocr`` packages install (``eng``, ``rus``, ``ukr``).

The ``tesseract`` program is how the data is found: ``tesseract --list-langs`` names the folder
it reads and the languages in it. Without the program, or without ``eng`` in its data, nothing
is read and :func:`find_engine` says why and how to enable it (a pip-only install has
tesserocr's library but no language data). tesserocr rather than pytesseract: pytesseract runs
the program once per image, ~0.4 s each with three languages loaded; tesserocr loads them once
and reads a caption line in ~0.05 s (benchmarks/onscreen/README.md).
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from forensics.onscreen.classify import is_telemetry
from forensics.onscreen.engines import HUD_CHARS, Whitelisted, engines
from forensics.onscreen.handle_pass import (
    HANDLE,
    HANDLE_CHARS,
    address,
    best_handle,
    candidate,
    symbol_confidence,
)
from forensics.onscreen.handles import STRAY, _join_handle
from forensics.onscreen.keyed import keyed
from forensics.onscreen.lift import AT_MOST as LIFTED_AT_MOST
from forensics.onscreen.lift import lifted, lifted_better, worth_lifting
from forensics.onscreen.script import dictionary_words, more_likely, unlikely_cyrillic, word_script
from forensics.onscreen.telemetry import parse_hud

WANTED = ("eng", "rus", "ukr")
NOT_READ = "on-screen text was not read: install tesseract-ocr (with -rus, -ukr) to enable"
LIST_HEADER = re.compile(r'List of available languages in "(.+?)"')
# The detector's box reaches past a caption's dark box onto the footage, whose bright edges
# throw Tesseract's binarisation: read inside it (generated captions read best at 0.12-0.16).
TRIM = 0.12
KEEP_CLEAN = 2  # rows of a clean margin kept: Tesseract misreads letters touching the edge
CLEAN_STROKES = 1  # a row with no more strokes than this is clean (see ``margins``)
STROKE_GREY = 40  # grey steps between neighbours steeper than this are a letter's edges
# (re-encoding noise inside a caption's box stays under it): see ``margins``
# A logo's ring or a box's edge read as a stray mark at either end of the line.
LOOKALIKES = set("АВЕКМНОРСТХаеорсху")
# INVERT: words are given to Tesseract inverted. Burned-in text is nearly always light
# (captions, HUDs, marks), and Tesseract reads a light line by first trying it as it is, then
# inverted (tessedit_do_invert, left on): inverted first, the same text is read in ~60% of the
# time (captions 34 -> 19 ms on the bench's 720p clip, same readings); dark text then costs
# what light text cost before. Telling light from dark per crop (signature.polarity) was wrong
# on 2 of 5 HUD crops over terrain. HUD passes (English, HUD_CHARS) read the crop as it is:
# inverted they were faster (29 -> 18 ms) but gave the bench HUD clip 18 positions, not 20.
# Words are read on a 3x3 Gaussian of a crop this tall or taller: raw frames keep the scaling's
# jagged edges, which throw Tesseract on captions (JPEG used to smooth them); on smaller text
# (a 480x270 clip's 18-30 px lines) the blur merges the dots and colons of dates and clocks.
SMOOTH_FROM = 40
CYRILLIC_FIRST = 0.6  # how sure a Cyrillic reading must be to be read again as Cyrillic
# A reading scoring less is read again keyed by its colour (.keyed), and the keyed reading
# kept only when it scores this much or more (a semi-transparent mark keys into garbage).
KEYED_BELOW = 0.6
# A handle read with a space in it: handles have none, and Tesseract drops a thin, faint
# underscore (a semi-transparent `@legion_free` read `@legion free`), most of all one on the
# crop's bottom edge, where the margins trimmed leave it (benchmarks/onscreen/README.md, 5).
SPLIT_HANDLE = re.compile(r"(?:@|t\.me/)[A-Za-z0-9_]+ [A-Za-z0-9]")  # Latin, digits, _


class EngineMissing(Exception):
    """No OCR engine here: the message is the one sentence the report shows."""


@dataclass(frozen=True)
class EngineInfo:
    program: str
    version: str  # of the program, e.g. 5.3.0
    library: str  # tesserocr's and the Tesseract it is built on
    tessdata: Path
    languages: tuple[str, ...]  # those of WANTED present

    def data_versions(self) -> dict[str, str]:
        """Each language file's size and SHA-256 prefix, for the report's tool versions."""
        return {f"tessdata-{lang}": _file_digest(self.tessdata / f"{lang}.traineddata")
                for lang in self.languages}  # fmt: skip


def tesseract_program() -> str | None:
    """The ``tesseract`` program on PATH (tests replace this to act out its absence)."""
    return shutil.which("tesseract")


def find_engine() -> EngineInfo:
    """The engine and its language data, or EngineMissing saying why not."""
    program = tesseract_program()
    if program is None:
        raise EngineMissing(NOT_READ)
    try:
        import tesserocr
    except ImportError:
        raise EngineMissing(f"{NOT_READ} (and pip install tesserocr)") from None
    tessdata, found = _list_langs(program)
    languages = tuple(lang for lang in WANTED if lang in found)
    if "eng" not in languages:
        raise EngineMissing(f"{NOT_READ}: {tessdata} has no eng data")
    version = _program_version(program)
    library = f"tesserocr {tesserocr.__version__} ({tesserocr.tesseract_version().split()[1]})"
    return EngineInfo(program, version, library, tessdata, languages)


@cache
def _list_langs(program: str) -> tuple[Path, frozenset[str]]:
    out = _run(program, "--list-langs")
    header = LIST_HEADER.search(out)
    if header is None:
        raise EngineMissing(f"{NOT_READ} ({program} --list-langs named no data folder)")
    langs = {line.strip() for line in out[header.end() :].splitlines()[1:] if line.strip()}
    return Path(header.group(1)), frozenset(langs)


@cache
def _program_version(program: str) -> str:
    match = re.search(r"tesseract (\S+)", _run(program, "--version"))
    return match.group(1) if match else "unknown"


def _run(program: str, flag: str) -> str:
    try:
        done = subprocess.run([program, flag], capture_output=True, text=True, timeout=30,
                              stdin=subprocess.DEVNULL, check=False)  # fmt: skip
    except (OSError, subprocess.SubprocessError) as exc:
        raise EngineMissing(f"{NOT_READ} ({program} {flag} failed: {exc})") from None
    return done.stdout + done.stderr


@cache
def _file_digest(path: Path) -> str:
    data = path.read_bytes()
    return f"{len(data):,} bytes, sha256 {hashlib.sha256(data).hexdigest()[:16]}"


@dataclass(frozen=True)
class LineReading:
    text: str
    confidence: float  # 0-1
    hud: bool = False  # read as a HUD line (English, HUD_CHARS only)

    @property
    def score(self) -> float:
        """How much to trust it against another reading of the same text: the confidence,
        less 0.15 when it mixes Latin and Cyrillic words (a Latin handle read as Фіедіоп)."""
        scripts = {word_script(word) for word in self.text.split()} - {""}
        return self.confidence - (0.15 if len(scripts) > 1 else 0.0)


def latin_lookalike(text: str) -> bool:
    """Whether ``text`` has Cyrillic letters that may be Latin misread: all of them look like
    Latin letters (ВАТ, ВМР, Н 960М), or they sit among numbers (50.5163М, 150п): what Latin
    HUD text and designations read as with Russian loaded."""
    cyrillic = {c for c in text if "\u0400" <= c <= "\u04ff" or c == "№"}
    alnum = [c for c in text if c.isalnum()]
    numeric = sum(c.isdigit() for c in alnum) >= 0.4 * len(alnum)
    return bool(cyrillic) and (cyrillic <= LOOKALIKES or numeric)


def all_cyrillic(text: str) -> bool:
    """Whether ``text`` reads as Cyrillic words only, none of which may be Latin misread
    (:func:`latin_lookalike`) and no mark a handle or an address is written with: the text to
    read again with Russian and Ukrainian alone."""
    found = [word_script(word) for word in text.split()]
    words = [w for w, script in zip(text.split(), found, strict=True) if script == "cyrillic"]
    long = [w for w in words if sum(c.isalpha() for c in w) >= 3]
    return ("latin" not in found and len(long) >= 2 and not latin_lookalike(text)
            and not any(c in text for c in "@/_#."))  # fmt: skip


class LineReader:
    """Tesseract reading one line of text at a time (page segmentation: a single line), with
    every language of ``info`` at once; a line read as Cyrillic that looks Latin is read again
    with English alone, and the more confident reading kept; a line that reads as telemetry is
    read again as a HUD line (:data:`HUD_CHARS`), and the reading the HUD parser gets more
    from kept. A line read before (``like``) is read again as it read: a HUD line as a HUD
    line alone (one English pass, not three languages and then English), a line of Cyrillic
    words (:func:`all_cyrillic`) with Russian and Ukrainian alone (Tesseract tries English
    first otherwise: ~35 ms a caption instead of ~70). A reading whose Cyrillic may be Latin
    misread (mixed with Latin words, or no word of the dictionary: :mod:`.script`) is read in
    English too and the vote taken. A weak reading (:func:`_weak`) is read once more keyed by
    the letters' colour (:mod:`.keyed`), and the better kept. Counts its reads: cost follows
    the text read."""

    def __init__(self, info: EngineInfo, hud_pass: bool = True, cyrillic: bool = True,
                 smooth: bool = True, handle_pass: bool = True) -> None:  # fmt: skip
        self.info, self.hud_pass = info, hud_pass  # hud_pass off: as before it (benchmarks)
        self.handle_pass = handle_pass  # off: handles read as any line (benchmarks)
        self.cyrillic = cyrillic  # off: Cyrillic lines are read again with every language
        self.smooth = smooth  # off: words are read on the crop as it is (benchmarks)
        self.calls = 0
        self._engines = engines(info)

    def read(self, crop: np.ndarray, like: LineReading | None = None) -> LineReading:
        """The text of one grey crop holding one line (read inside its margins); ``like``: how
        the text there read before. A line read weak or short is read again lifted off its
        ground (:mod:`.lift`), and the better reading kept."""
        self.calls += 1
        reading = self._line(crop, like)
        if reading.hud or is_telemetry(reading.text):  # HUD lines: read as before
            return reading
        if worth_lifting(reading.text, reading.score, crop):
            again = self._line(lifted(crop), like)
            if lifted_better((reading.text, reading.score), (again.text, again.score),
                             crop.shape):  # fmt: skip
                return LineReading(again.text, min(again.confidence, LIFTED_AT_MOST))
        return reading

    def _line(self, crop: np.ndarray, like: LineReading | None) -> LineReading:
        """:meth:`read`'s reading of ``crop`` as it is given."""
        k = round(crop.shape[0] * TRIM)
        top, bottom = margins(crop, k)
        trimmed = np.ascontiguousarray(crop[top : crop.shape[0] - bottom,
                                            k : crop.shape[1] - k])  # fmt: skip
        sharp = trimmed  # HUD passes: as it is (see INVERT)
        smooth = self.smooth and crop.shape[0] >= SMOOTH_FROM
        words = cv2.GaussianBlur(trimmed, (3, 3), 0) if smooth else trimmed
        inner = 255 - words  # INVERT: light text given dark on light
        if like is not None and like.hud:
            reading = self._hud(sharp)
            if hud_value(reading.text) > 0:
                return reading
        elif like is not None and self._cyrillic_first(like):
            cyrillic = self._engines.cyrillic
            reading = _read(cyrillic, inner)
            if all_cyrillic(reading.text) and not unlikely_cyrillic(
                    reading.text, lambda: dictionary_words(cyrillic)):  # fmt: skip
                return reading
        reading, api = self._words(inner)
        if _weak(reading, crop) and (flat := keyed(crop)) is not None:
            again, flat_api = self._words(flat)  # the whole box: the key needs no margins
            if again.score > max(reading.score, KEYED_BELOW - 0.01):  # and sure of itself
                reading, api, trimmed = again, flat_api, crop
        if self.handle_pass and (fixed := address(reading.text)) != reading.text:
            reading = LineReading(fixed, reading.confidence)
        if self.handle_pass and candidate(reading.text):
            reading, api = self._as_handle(reading, api, inner)
        if SPLIT_HANDLE.search(reading.text):
            reading = LineReading(_join_handle(reading.text, _word_boxes(api), trimmed),
                                  reading.confidence)  # fmt: skip
        if self.hud_pass and is_telemetry(reading.text):
            second = self._hud(sharp)
            if _hud_kept(second, reading):
                return second
        return reading

    def _words(self, image: np.ndarray) -> tuple[LineReading, Any]:
        """``image`` read with every language, and again with English alone when its Cyrillic
        may be Latin misread (the vote of :mod:`.script`); the reading kept, and the engine
        that read it."""
        api = self._engines.all
        reading = _read(api, image)
        if latin_lookalike(reading.text):
            latin = _read(self._engines.eng, image)
            if latin.confidence >= reading.confidence - 0.1:
                reading, api = latin, self._engines.eng
        elif unlikely_cyrillic(reading.text, lambda: dictionary_words(api)):
            found = (reading.score, dictionary_words(api))
            latin = _read(self._engines.eng, image)
            if more_likely((latin.score, dictionary_words(self._engines.eng)), found):
                reading, api = latin, self._engines.eng
        return reading, api

    def _as_handle(self, reading: LineReading, api: Any, inner: np.ndarray
                   ) -> tuple[LineReading, Any]:  # fmt: skip
        """``reading`` of ``inner``, or the handle read there with :data:`HANDLE_CHARS`
        alone (:mod:`.handle_pass`), and the engine to take its words' boxes from."""
        handle = Whitelisted(self._engines.eng, HANDLE_CHARS)

        def read(image: np.ndarray) -> tuple[str, float]:
            text = _read(handle, image).text
            return text, symbol_confidence(handle) if HANDLE.fullmatch(text) else 0.0

        found = best_handle(read, inner, reading.text, reading.score)
        if found is None:
            return reading, api
        text, confidence, image = found
        if SPLIT_HANDLE.search(text):  # its words' boxes, for the underscore: read it again
            read(image)
        # no surer than the line read: a whitelist fixes spelling, it makes no reading sure
        # (read at 0.83, `@aye_majors` was never read stacked, where it reads `@dva_majors`)
        return LineReading(text, min(confidence, reading.confidence)), self._engines.eng

    def _hud(self, image: np.ndarray) -> LineReading:
        reading = _read(self._engines.hud, image)
        return LineReading(reading.text, reading.confidence, hud=True)

    def _cyrillic_first(self, like: LineReading) -> bool:
        """Whether to read with rus+ukr first: a line that read as Cyrillic words confidently
        enough (a Latin handle misread as Cyrillic reads at ~0.45: 'Фіечіоп їтее'; Cyrillic
        captions at 0.6 or more), with Cyrillic data here."""
        sure = like.confidence >= CYRILLIC_FIRST and all_cyrillic(like.text)
        return self.cyrillic and sure and self._engines.cyrillic is not None


def margins(crop: np.ndarray, k: int) -> tuple[int, int]:
    """How many rows to trim off the top and the bottom of a line's crop: ``k`` (:data:`TRIM`),
    but never into the letters where a clean margin narrower than ``k`` lies between them and
    the edge (a caption's box fitted close: cut at the top, a 2 reads as a 7, 22.05 as 77 05).
    The letters are the run of rows with strokes through the crop's middle, and a margin is
    clean when its rows hold none (a flat box: footage, even seen through a faint mark's box,
    leaves strokes on nearly every row). Where that run reaches the edge, footage or the box's
    edge touches the letters and cannot be told from them: ``k``, as before. Sideways the trim
    stays ``k``: a letter cut at its side still reads. Small lines (a 480x270 clip's 15-20
    pixels, ``k`` of 2 rows) keep ``k`` too: trimming them a row less read the sample case's
    HUD lines differently and lost a caption."""
    if k <= KEEP_CLEAN:
        return k, k
    steps = np.abs(np.diff(crop.astype(np.int16), axis=1)) > STROKE_GREY  # along each row
    inked = steps.sum(axis=1) > CLEAN_STROKES
    middle = len(inked) // 2
    if not inked[middle]:
        return k, k
    clean = np.flatnonzero(~inked)
    above, below = clean[clean < middle], clean[clean > middle]
    start = int(above[-1]) + 1 if len(above) else 0  # the run's first row
    end = int(below[0]) if len(below) else len(inked)  # and the row after its last
    top = k if start == 0 else min(k, max(0, start - KEEP_CLEAN))
    bottom = k if end == len(inked) else min(k, max(0, len(inked) - end - KEEP_CLEAN))
    return top, bottom


def _weak(reading: LineReading, crop: np.ndarray) -> bool:
    """A reading to try keyed (.keyed): unsure, or with fewer letters and digits than the line
    is long in heights (a letter is narrower than its line is high in any usual font: a
    reading this short missed some; a line of garbage read off a wall, 'ре' for a handle)."""
    letters = sum(c.isalnum() for c in reading.text)
    return reading.score < KEYED_BELOW or letters < crop.shape[1] / max(1, crop.shape[0])


def _hud_kept(hud: LineReading, words: LineReading) -> bool:
    """Whether a line's HUD reading replaces its reading as words: it gives the HUD parser
    more, or as much where the words are what a HUD shows. A caption with a date in it
    ("Shebekino 23.05.2023") parses as much either way, but its words cannot be spelled in
    :data:`HUD_CHARS` (few lower-case letters, no Cyrillic): read as a HUD they turn to
    garbage ("ShkIN")."""
    gained = hud_value(hud.text) - hud_value(words.text)
    return gained > 0 or (gained == 0 and not _beyond_hud(words.text))


def _beyond_hud(text: str) -> bool:
    """Whether ``text`` has a word of three letters or more the HUD pass cannot spell, not
    even as the Latin capitals Cyrillic lookalikes misread ("ВАТ" is a HUD's BAT)."""
    return any(sum(c.isalpha() for c in word) >= 3 and any(
        c.isalpha() and c not in HUD_CHARS and c not in LOOKALIKES for c in word)
        for word in text.split())  # fmt: skip


def hud_value(text: str) -> int:
    """What the HUD parser takes from ``text``: a position counts 4, an altitude, a date and
    a clock 1 each."""
    reading = parse_hud(text)
    parts = (reading.alt_m, reading.date, reading.clock)
    return 4 * (reading.position is not None) + sum(v is not None for v in parts)


def _read(api: Any, image: np.ndarray) -> LineReading:
    """``api``'s reading of a grey crop, given as its bytes: a PIL image would be written out
    as a BMP for Tesseract to parse back (~1.5 ms a read, 5% of a caption's), the same pixels."""
    pixels = np.ascontiguousarray(image, np.uint8).tobytes()  # kept until the text is read
    api.SetImageBytes(pixels, image.shape[1], image.shape[0], 1, image.shape[1])
    text = STRAY.sub("", " ".join(api.GetUTF8Text().split()))
    confidence = max(0, api.MeanTextConf()) / 100 if text else 0.0
    return LineReading(text, min(1.0, confidence))


def _word_boxes(api: Any) -> list[tuple[str, tuple[int, int, int, int]]]:
    """The words of ``api``'s last reading, each with its box (x0, y0, x1, y1)."""
    import tesserocr

    level = tesserocr.RIL.WORD
    out = []
    for word in tesserocr.iterate_level(api.GetIterator(), level):
        try:
            text, box = word.GetUTF8Text(level), word.BoundingBox(level)
        except RuntimeError:  # no text there: tesserocr raises rather than give ""
            continue
        if text and box:
            out.append((text, box))
    return out
