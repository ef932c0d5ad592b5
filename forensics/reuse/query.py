"""The query clip of a comparison (A of ``compare``), described as far as each look needs it.

The first look matches A's frames as they are against B's (as is and mirrored): A's mirror
images are needed only by the second look (B's frames against A's, ``looks``), and A's
frames with their grey levels inverted only by the inverted look (``compare``: nothing found
otherwise). On the tune pairs a second look ran in about half of the comparisons and the
inverted one in 4 of 10, so both are described on first use, from the sampled pictures still
spooled in the comparison's work folder, with the still layer's maps found for the first
look. What each look sees is what ``decode_clip`` would have described at once: the same
frames, the same keypoints, the same still marks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from forensics.errors import ForensicsError
from forensics.media.frames import Extraction, SampledFrame, extract
from forensics.media.stills import open_image
from forensics.media.toolchain import Toolchain
from forensics.records import Box, MediaInfo
from forensics.reuse.decoding import clip_duration, comparison_media
from forensics.reuse.features import (
    ClipFeatures,
    FrameFeatures,
    Picture,
    describe_inverted,
    describe_mirrors,
    describe_pictures,
)
from forensics.reuse.motion import StableMaps, mark_still_layers
from forensics.reuse.picture import StillPicture, at_sample_size, picture_of


class QueryClip:
    """A query clip's features: ``first`` (its frames as is; mirror images only of frames
    poor in keypoints), and on first use ``whole`` (mirror images too: what ``decode_clip``
    describes) and ``inverted``. Its samples must stay readable until the comparison ends."""

    def __init__(self, duration_s: float, size: tuple[int, int],
                 samples: Sequence[SampledFrame], screen: Box | None = None) -> None:  # fmt: skip
        self.samples = samples
        # where the still's picture lies on the screen it was found on (``picture.picture_of``)
        self.screen = screen
        self.maps = StableMaps(samples)
        described = describe_pictures(samples, later=True)
        self.pictures: list[Picture] = [picture for picture, _ in described]
        frames = mark_still_layers([[frame for _, frame in described]], samples, self.maps)[0]
        self.first = ClipFeatures(duration_s, size, frames)

    @cached_property
    def whole(self) -> ClipFeatures:
        """The clip as ``decode_clip`` describes it (without the inverted frames)."""
        completed = describe_mirrors(self.samples, list(zip(self.pictures, self.first.frames,
                                                            strict=True)))  # fmt: skip
        frames = mark_still_layers([completed], self.samples, self.maps, sides=(1,))[0]
        return ClipFeatures(self.first.duration_s, self.first.size, frames)

    @cached_property
    def inverted(self) -> tuple[FrameFeatures, ...]:
        """The frames with their grey levels inverted, still-marked (``describe_inverted``)."""
        return mark_still_layers([describe_inverted(self.samples)], self.samples, self.maps,
                                 inverted=(True,))[0]  # fmt: skip


@dataclass(frozen=True)
class Later:
    """What only some comparisons need of A, each made on first use: A as a whole (its frames'
    mirror images too: the second look indexes them) and A's inverted frames."""

    whole: Callable[[], ClipFeatures]
    inverted: Callable[[], Sequence[FrameFeatures]]


def decode_query(path: Path, tools: Toolchain, work: Path) -> QueryClip:
    """Decode ``path`` once into ``work`` (which must outlive the comparison) as a query. An
    image with a picture inside it (``picture.picture_of``: a screenshot's or a captioned
    frame's footage alone) is described by that picture."""
    media = comparison_media(path, tools)
    extraction = extract(path, media, tools, None, work, text=False)
    picture = _picture(path) if is_image(media) and len(extraction.samples) == 1 else None
    if picture is None:
        return query_of(media, extraction)
    sample = SampledFrame(extraction.samples[0].time, at_sample_size(picture.gray))
    size = (sample.gray.shape[1], sample.gray.shape[0])
    screen = picture.box if picture.on_screen else None
    return QueryClip(clip_duration(media, extraction), size, [sample], screen)


def _picture(path: Path) -> StillPicture | None:
    """The picture inside the image at ``path`` (None: the image is its own picture, or
    Pillow cannot read what ffmpeg could)."""
    try:
        gray = np.asarray(open_image(path).convert("L"))
    except ForensicsError:
        return None
    return picture_of(gray)


def is_image(media: MediaInfo) -> bool:
    """Whether ffmpeg read ``media`` as one image (its image demuxers: ``image2``, ``*_pipe``)."""
    return media.container == "image2" or media.container.endswith("_pipe")


def query_of(media: MediaInfo, extraction: Extraction) -> QueryClip:
    """A decoded clip as a query; its samples must stay readable until the comparison ends."""
    return QueryClip(clip_duration(media, extraction), extraction.sample_size, extraction.samples)
