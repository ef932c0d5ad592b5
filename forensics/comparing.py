"""``forensics compare`` with the on-screen text: two clips compared as
:func:`forensics.reuse.compare.compare` compares them, then their text read over the shared
stretches only and compared (:mod:`forensics.reuse.onscreen`), so a caption or a handle B
adds over A's footage is named among the stretch's alterations.

Each clip is decoded once, as ``compare`` decodes it; the same decode writes the frames text
is read on (every second sample, as ``analyze`` reads them), and only those inside a shared
stretch are read: text costs nothing when no footage is shared, and follows the stretches'
length when it is. Without an OCR engine the comparison says the text was not compared and
how to enable it, as a report says it was not read.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Generic, TypeVar

from forensics.media.frames import TextFrame, extract
from forensics.media.toolchain import Toolchain, find_toolchain
from forensics.media.workdirs import work_folder
from forensics.onscreen import read_onscreen
from forensics.records import Comparison, MediaInfo, Side
from forensics.reuse.compare import compare_query
from forensics.reuse.decoding import comparison_media, decode_clip
from forensics.reuse.features import ClipFeatures
from forensics.reuse.onscreen import ClipText, with_onscreen
from forensics.reuse.query import QueryClip, query_of

NOT_ASKED = "on-screen text not compared: compare ran with --no-onscreen-text"


Described = TypeVar("Described", ClipFeatures, QueryClip)


@dataclass(frozen=True)
class _Decoded(Generic[Described]):
    name: str
    features: Described  # A is a query, described as far as its looks need
    frames: tuple[TextFrame, ...]  # the frames to read text on, the whole clip's
    picture: tuple[int, int]
    work: Path


def compare_clips(a: Path | str, b: Path | str, read_text: bool = True) -> Comparison:
    """Find footage of ``a`` reused in ``b``, and (``read_text``) the on-screen text each
    shows over it that the other does not."""
    tools = find_toolchain()
    with work_folder("forensics-cmp-") as work:
        with ThreadPoolExecutor(max_workers=2) as pool:  # one decodes while one is described
            query = pool.submit(_decode_query, Path(a), work / "a", tools, read_text)
            other = pool.submit(_decode_other, Path(b), work / "b", tools, read_text)
            first, second = query.result(), other.result()
        comparison = compare_query(str(a), first.features, str(b), second.features)
        if not comparison.shared:
            return comparison
        if not read_text:
            return replace(comparison, onscreen_note=NOT_ASKED)
        texts = (_read(first, comparison, "a"), _read(second, comparison, "b"))
    return with_onscreen(comparison, *texts)


def _decode_query(path: Path, work: Path, tools: Toolchain, text: bool
                  ) -> _Decoded[QueryClip]:  # fmt: skip
    """A, decoded once; its samples stay in ``work`` for the looks that describe them later."""
    media, keys = comparison_media(path, tools), _keys_folder(work)
    extraction = extract(path, media, tools, keys, work, text=text)
    return _Decoded(path.name, query_of(media, extraction), extraction.text_frames,
                    _picture(media), work)  # fmt: skip


def _decode_other(path: Path, work: Path, tools: Toolchain, text: bool
                  ) -> _Decoded[ClipFeatures]:  # fmt: skip
    media, keys = comparison_media(path, tools), _keys_folder(work)
    decoded = decode_clip(path, media, tools, keys, work, with_hashes=False, inverted=False,
                          text=text)  # fmt: skip
    features, frames = decoded.features, decoded.extraction.text_frames
    return _Decoded(path.name, features, frames, _picture(media), work)


def _keys_folder(work: Path) -> Path:
    keys = work / "keys"  # text frames are split off where shots are: a folder of them too
    keys.mkdir(parents=True)
    return keys


def _picture(media: MediaInfo) -> tuple[int, int]:
    return media.display_size or (media.width or 2, media.height or 2)


def _read(clip: _Decoded[Described], comparison: Comparison, side: Side) -> ClipText:
    """The clip's text on its frames inside a shared stretch (crops written in its work
    folder, discarded with it)."""
    frames = within(clip.frames, [(s.segment.start(side), s.segment.end(side))
                                  for s in comparison.stretches])  # fmt: skip
    reading = read_onscreen(frames, clip.picture, clip.work)
    status = reading.status
    return ClipText(clip.name, reading.texts, clip.picture, status.read, status.note)


def within(frames: Sequence[TextFrame], spans: Sequence[tuple[float, float]]
           ) -> tuple[TextFrame, ...]:  # fmt: skip
    """The frames whose time lies inside any of ``spans`` (seconds, ends included)."""
    return tuple(f for f in frames
                 if any(start <= f.time.seconds <= end for start, end in spans))  # fmt: skip
