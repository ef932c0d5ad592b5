"""One decode of a clip for everything that reads its pictures: the sampled frames, the black
bars around them, their hashes and their local features. ``analyze`` keeps the samples to
write thumbnails and keyframes from the same decode; ``compare`` and ``search`` use only the
hashes and features. Either way a clip is decoded once, the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from forensics.media.frames import SAMPLE_INTERVAL_S, Extraction, extract
from forensics.media.hashing import detect_borders, hash_frames
from forensics.media.identity import check_readable
from forensics.media.mediainfo import media_info
from forensics.media.probe import probe
from forensics.media.toolchain import Toolchain
from forensics.records import Crop, FrameHash, MediaInfo
from forensics.reuse.features import ClipFeatures, describe_inverted, describe_samples
from forensics.reuse.motion import mark_still_layers


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
) -> Decoded:  # fmt: skip
    """Decode ``path`` once (shot keyframes into ``key_dir`` when given) and describe it
    (with ``inverted``, its frames inverted too, for the clip's own searches)."""
    step("decoding frames")
    extraction = extract(path, media, tools, key_dir, work, text=text)
    crop: Crop | None = None
    hashes: tuple[FrameHash, ...] = ()
    if with_hashes:  # the bars are looked for only to hash inside them
        crop = detect_borders(s.gray for s in extraction.samples)
        step("hashing frames")
        hashes = hash_frames(extraction.samples, crop)
    step("describing frames")
    samples = extraction.samples
    layers = [describe_samples(samples)] + ([describe_inverted(samples)] if inverted else [])
    described, *flipped = mark_still_layers(layers, samples, inverted=(False, True))
    features = ClipFeatures(clip_duration(media, extraction), extraction.sample_size, described,
                            flipped[0] if flipped else ())  # fmt: skip
    return Decoded(extraction, crop, hashes, features)


def clip_duration(media: MediaInfo, extraction: Extraction) -> float:
    """The clip's length: its container's, else as far as the decode got, plus a sample."""
    return media.duration_s or (extraction.decoded_until_s or 0) + SAMPLE_INTERVAL_S


def comparison_media(path: Path, tools: Toolchain) -> MediaInfo:
    """What a comparison needs to know of ``path`` before decoding it: no frame timing, and
    no report, so no ffprobe command to record (read in-process)."""
    check_readable(path)
    return media_info(path, probe(path, tools, packet_times=False, in_process=True))
