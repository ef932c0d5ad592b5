"""Records of the evidence itself: identity, container and streams, metadata, frames.

Frozen dataclasses that the media stage returns and every later stage reads; none is ever
mutated. Their JSON shape is written and read in :mod:`forensics.records.schema`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

Severity = Literal["info", "low", "medium", "high"]
SEVERITY_ORDER: dict[str, int] = {"info": 0, "low": 1, "medium": 2, "high": 3}


@dataclass(frozen=True)
class Timestamp:
    """An exact presentation time: ``pts`` ticks of ``time_base`` seconds."""

    pts: int
    time_base: Fraction

    @property
    def seconds(self) -> float:
        return float(self.pts * self.time_base)

    def to_dict(self) -> dict[str, Any]:
        return {"t": round(self.seconds, 6), "pts": self.pts, "time_base": str(self.time_base)}


@dataclass(frozen=True)
class FileIdentity:
    path: str
    name: str
    size_bytes: int
    sha256: str
    md5: str
    modified_utc: str  # the file system's mtime: where this copy came to rest, not capture
    analysed_at_utc: str


@dataclass(frozen=True)
class StreamInfo:
    index: int
    kind: str  # video, audio, subtitle, data, attachment
    codec: str | None
    codec_long: str | None = None
    profile: str | None = None
    width: int | None = None
    height: int | None = None
    pix_fmt: str | None = None
    avg_fps: float | None = None
    r_frame_rate: str | None = None
    sample_rate: int | None = None
    channels: int | None = None
    bit_rate: int | None = None
    duration_s: float | None = None
    start_s: float | None = None
    frames: int | None = None
    rotation: int = 0
    time_base: str | None = None
    tags: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class FrameTiming:
    """What the packet timestamps of the first video stream say about its frame rate."""

    frame_count: int
    mean_interval_s: float | None
    min_interval_s: float | None
    max_interval_s: float | None
    variable: bool


ProblemKind = Literal["truncated", "size_mismatch"]


@dataclass(frozen=True)
class ContainerBox:
    """A top-level box (ISO BMFF) or element (Matroska) as its header declares it."""

    type: str  # four-character code or element name; bytes outside ASCII as \\xNN
    offset: int
    size: int | None  # declared bytes, header included; None: "to the end of the file"


@dataclass(frozen=True)
class ContainerProblem:
    """A declared size the bytes do not bear out. ``box`` is the box (a path such as
    ``moov/trak``) whose size is wrong or runs past the end of the file, ``declared`` its size
    (None: bytes where a box should start) and ``available`` the bytes really there from
    ``offset``; for a cut, ``inner`` is the innermost box it falls in
    (``moov/udta/meta/ilst/©too/data``) and ``tag`` the tag that box holds (``encoder``)."""

    kind: ProblemKind
    box: str
    offset: int
    declared: int | None
    available: int
    inner: str | None = None
    tag: str | None = None


@dataclass(frozen=True)
class ContainerCheck:
    """The container's structure read from its bytes, not from anything a tag says."""

    family: str  # isobmff, matroska, jpeg
    file_size: int
    boxes: tuple[ContainerBox, ...]  # top level, in file order (at most MAX_BOXES)
    problems: tuple[ContainerProblem, ...]


@dataclass(frozen=True)
class TagNote:
    """A tag whose stored value is not all of it: shortened to the report's limit, or cut by a
    NUL byte (ffprobe and most players stop at one). ``length`` and ``sha256`` are of the full
    value (UTF-8; for an atom read from the bytes, its text bytes as stored)."""

    scope: str  # format, stream:N, exif
    name: str
    length: int  # characters of the full value
    sha256: str
    shortened: bool  # the stored value is its first characters followed by "…"
    nul_at: int | None = None  # characters before the first NUL of the atom's text
    atom: str | None = None  # box path the full text was read from
    text: str | None = None  # the atom's full text, NUL shown as "␀", shortened like any tag


@dataclass(frozen=True)
class MediaInfo:
    kind: Literal["video", "image"]
    container: str
    container_long: str | None
    duration_s: float | None
    bit_rate: int | None
    width: int | None
    height: int | None
    rotation: int
    fps: float | None
    variable_fps: bool | None
    frame_count: int | None
    video_codec: str | None
    video_profile: str | None
    audio_codec: str | None
    audio_profile: str | None
    video_duration_s: float | None
    audio_duration_s: float | None
    streams: tuple[StreamInfo, ...]
    format_tags: dict[str, str]
    timing: FrameTiming | None = None
    structure: ContainerCheck | None = None  # None: a container this tool does not walk

    @property
    def video_stream(self) -> StreamInfo | None:
        return next((s for s in self.streams if s.kind == "video"), None)

    @property
    def display_size(self) -> tuple[int, int] | None:
        """Width and height as a player shows them, after the rotation matrix."""
        if self.width is None or self.height is None:
            return None
        if self.rotation % 180:
            return self.height, self.width
        return self.width, self.height


@dataclass(frozen=True)
class GpsPoint:
    lat: float
    lon: float
    alt_m: float | None
    source: str  # the tag it was read from


@dataclass(frozen=True)
class Metadata:
    creation_time: str | None  # ISO 8601, as found (normalised), None when absent or zeroed
    creation_time_source: str | None
    creation_time_raw: str | None
    encoder: str | None
    make: str | None
    model: str | None
    software: str | None
    gps: GpsPoint | None
    tags: dict[str, dict[str, str]]  # scope ("format", "stream:0", "exif") -> raw tags
    tag_notes: tuple[TagNote, ...] = ()  # tags whose stored value is not all of it
    # The clock's zone as the tag wrote it: "UTC", "UTC+03:00" (creation_time is converted to
    # UTC) or "zone unknown" (creation_time is the local time as written); None when no time.
    creation_time_zone: str | None = None


@dataclass(frozen=True)
class Flag:
    code: str
    severity: Severity
    message: str


@dataclass(frozen=True)
class Crop:
    """A region (x, y, w, h) in the coordinates of the full decoded frame."""

    x: int
    y: int
    w: int
    h: int


@dataclass(frozen=True)
class FrameHash:
    time: Timestamp
    phash: str
    phash_mirror: str
    dhash: str
    informative: bool
    reason: str | None  # why a frame is not informative: black, flat, low detail
    # PDQ of the whole sampled picture (64 hex digits) and its quality, 0-100; None in records
    # made before PDQ was computed
    pdq: str | None = None
    pdq_quality: int | None = None


@dataclass(frozen=True)
class Keyframe:
    time: Timestamp
    image: str  # path relative to the report folder
    phash: str
    scene_score: float | None


@dataclass(frozen=True)
class FrameImage:
    """A small thumbnail of one sampled frame, for showing any moment of the clip."""

    time: Timestamp
    image: str  # path relative to the report folder


@dataclass(frozen=True)
class ToolInfo:
    name: str
    version: str
    ffmpeg: str
    ffmpeg_version: str
    ffmpeg_source: str
    probe_backend: str
    libraries: dict[str, str]
    commands: tuple[tuple[str, ...], ...]
