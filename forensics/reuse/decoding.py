"""One decode of a clip for everything that reads its pictures: the sampled frames, the black
bars around them, their hashes and their local features. ``analyze`` keeps the samples to
write thumbnails and keyframes from the same decode; ``compare`` and ``search`` use only the
hashes and features. Either way a clip is decoded once, the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np

from forensics.media.frames import (
    SAMPLE_INTERVAL_S,
    Extraction,
    SampledFrame,
    extract,
)
from forensics.media.hashing import detect_borders, hash_frames
from forensics.media.identity import check_readable
from forensics.media.mediainfo import media_info
from forensics.media.probe import probe
from forensics.media.toolchain import Toolchain
from forensics.records import Crop, FrameHash, MediaInfo, Timestamp
from forensics.reuse.features import ClipFeatures, describe_inverted, describe_samples
from forensics.reuse.motion import mark_still_layers
from forensics.reuse.picture import still_picture


@dataclass(frozen=True)
class Decoded:
    extraction: Extraction  # the sampled frames (exact times), shots and the decoder's log
    crop: Crop | None  # black bars, detected before hashing; None when not hashing
    hashes: tuple[FrameHash, ...]  # hashed inside the bars; empty when not asked for
    features: ClipFeatures


def decode_clip(
    path: Path, media: MediaInfo, tools: Toolchain, key_dir: Path | None, work: Path,
    with_hashes: bool = True, step: Callable[[str], None] = lambda _msg: None,
    inverted: bool = True, text: bool = True,
    written: Callable[[Extraction], None] = lambda _extraction: None,
) -> Decoded:  # fmt: skip
    """Decode ``path`` once (shot keyframes into ``key_dir`` when given) and describe it
    (with ``inverted``, its frames inverted too, for the clip's own searches). ``written`` is
    told of the frames as soon as the decode wrote them, before they are hashed and described
    (analyze reads their text meanwhile)."""
    step("decoding frames")
    extraction = extract(path, media, tools, key_dir, work, text=text)
    written(extraction)
    crop: Crop | None = None
    hashes: tuple[FrameHash, ...] = ()
    if with_hashes:  # the bars are looked for only to hash inside them
        crop = detect_borders(s.gray for s in extraction.samples)
        step("hashing frames")
        hashes = hash_frames(extraction.samples, crop)
    step("describing frames")
    features = describe_decoded(extraction.samples, extraction.sample_size,
                                clip_duration(media, extraction), inverted)  # fmt: skip
    return Decoded(extraction, crop, hashes, features)


def describe_decoded(samples: Sequence[SampledFrame], size: tuple[int, int], duration_s: float,
                     inverted: bool = True) -> ClipFeatures:  # fmt: skip
    """The local features of sampled frames, their still layer marked (with ``inverted``,
    the frames inverted too)."""
    layers = [describe_samples(samples)] + ([describe_inverted(samples)] if inverted else [])
    described, *flipped = mark_still_layers(layers, samples, inverted=(False, True))
    return ClipFeatures(duration_s, size, described, flipped[0] if flipped else ())


def picture_features(gray: np.ndarray) -> ClipFeatures:
    """A still's one picture (grey, any size) described as a clip's sampled frame is: its
    picture (``picture.still_picture``: a screenshot's or captioned frame's footage alone)
    brought to the samples' long side, at time 0, lasting one sample. A still so joins the
    case's search like a one-frame clip: it finds the clips showing its picture, and they
    find it (``reuse.stills`` tells the moment)."""
    small = still_picture(np.ascontiguousarray(gray, np.uint8))
    sample = SampledFrame(time=Timestamp(0, Fraction(1)), gray=small)
    return describe_decoded([sample], (small.shape[1], small.shape[0]), SAMPLE_INTERVAL_S)


def clip_duration(media: MediaInfo, extraction: Extraction) -> float:
    """The clip's length: its container's, else as far as the decode got, plus a sample."""
    return media.duration_s or (extraction.decoded_until_s or 0) + SAMPLE_INTERVAL_S


def comparison_media(path: Path, tools: Toolchain) -> MediaInfo:
    """What a comparison needs to know of ``path`` before decoding it: no frame timing, and
    no report, so no ffprobe command to record (read in-process)."""
    check_readable(path)
    return media_info(path, probe(path, tools, packet_times=False, in_process=True))
