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

from forensics.media.frames import TextFrame
from forensics.media.identity import check_readable
from forensics.media.mediainfo import media_info
from forensics.media.probe import probe
from forensics.media.toolchain import Toolchain, find_toolchain
from forensics.media.workdirs import work_folder
from forensics.onscreen import read_onscreen
from forensics.records import Comparison, Side
from forensics.reuse.compare import compare_features
from forensics.reuse.decoding import decode_clip
from forensics.reuse.features import ClipFeatures
from forensics.reuse.onscreen import ClipText, with_onscreen

NOT_ASKED = "on-screen text not compared: compare ran with --no-onscreen-text"


@dataclass(frozen=True)
class _Decoded:
    name: str
    features: ClipFeatures
    frames: tuple[TextFrame, ...]  # the frames to read text on, the whole clip's
    picture: tuple[int, int]
    work: Path


def compare_clips(a: Path | str, b: Path | str, read_text: bool = True) -> Comparison:
    """Find footage of ``a`` reused in ``b``, and (``read_text``) the on-screen text each
    shows over it that the other does not."""
    tools = find_toolchain()
    with work_folder("forensics-cmp-") as work:
        jobs = ((Path(a), work / "a", True), (Path(b), work / "b", False))  # A is the query
        with ThreadPoolExecutor(max_workers=2) as pool:  # one decodes while one is described
            first, second = pool.map(
                lambda job: _decode(job[0], job[1], job[2], tools, read_text), jobs
            )
        comparison = compare_features(str(a), first.features, str(b), second.features)
        if not comparison.shared:
            return comparison
        if not read_text:
            return replace(comparison, onscreen_note=NOT_ASKED)
        texts = (_read(first, comparison, "a"), _read(second, comparison, "b"))
    return with_onscreen(comparison, *texts)


def _decode(path: Path, work: Path, query: bool, tools: Toolchain, text: bool) -> _Decoded:
    check_readable(path)
    # no frame timing, and no report's custody log: read in-process (as reuse.compare does)
    media = media_info(path, probe(path, tools, packet_times=False, in_process=True))
    keys = work / "keys"  # text frames are split off where shots are: a folder of them too
    keys.mkdir(parents=True)
    decoded = decode_clip(path, media, tools, keys, work, with_hashes=False, inverted=query,
                          text=text)  # fmt: skip
    picture = media.display_size or (media.width or 2, media.height or 2)
    return _Decoded(path.name, decoded.features, decoded.extraction.text_frames, picture, work)


def _read(clip: _Decoded, comparison: Comparison, side: Side) -> ClipText:
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
