"""The real footage the pairs are cut from, each source with its excerpts and its split.

Every file of ``../shared/media`` (real footage nobody on the project made; never copied into
the project) plus the two sample clips, and one rendered aerial scene per split. The split
was fixed before any detector tuning and must not change: tuning looks at the ``tune``
sources only; the ``heldout`` figures are the ones that count.

Each source declares a main excerpt (A, 8-10 s, chosen from a probe of brightness, contrast
and motion per second to avoid black and flat stretches), where the footage allows it
another moment of the same camera (no overlap) and another shot of the same video. A is
rendered at most 854x480 and 30 fps so a full run stays well under an hour on 2 cores.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path

from .graphs import KEEP_TIMES, X264, X264_SOURCE, Clip, Options, Size, fit

ROOT = Path(__file__).resolve().parents[2]
MEDIA = ROOT.parent / "shared" / "media"
SAMPLES = ROOT / "samples" / "clips"
SPLITS = ("heldout", "tune")  # held-out first: its figures are the ones that count


@dataclass(frozen=True)
class Excerpt:
    path: Path
    start: float
    duration: float
    seekable: bool = True  # False: decode from the file's start and cut in the filter graph
    vf: str = ""  # a treatment of the camera's own timing, after the cut (``cadence``)

    def options(self) -> Options:
        if not self.seekable:
            return ("-t", f"{self.start + self.duration}", "-i", str(self.path))
        seek = ("-ss", f"{self.start}") if self.start else ()
        return (*seek, "-t", f"{self.duration}", "-i", str(self.path))

    def cut(self) -> str:
        """The filter that starts and ends the excerpt on time: ``-t`` on the input is not
        enough for a file without presentation timestamps."""
        start = "" if self.seekable else f"start={self.start}:"
        treated = f",{self.vf}" if self.vf else ""
        return f"trim={start}duration={self.duration},setpts=PTS-STARTPTS{treated}"


# Files ffmpeg cannot seek in: imageio_cockatoo.mp4 marks every frame a keyframe, so a seek
# lands mid-GOP and decodes to green blocks; motiondetector_vtest.avi has no presentation
# timestamps, and even -ss 0 drops every frame before its second keyframe (5 s).
UNSEEKABLE = {"imageio_cockatoo.mp4", "motiondetector_vtest.avi"}


@dataclass(frozen=True)
class ExtraPair:
    """A negative pair of two excerpts of one source beyond main/another/other-shot."""

    kind: str  # "same-camera" or "other-shots"
    a: Excerpt
    b: Excerpt
    note: str


@dataclass(frozen=True)
class Source:
    name: str
    split: str
    main: Excerpt
    size: Size  # A as rendered
    fps: Fraction
    note: str = ""
    another: Excerpt | None = None  # same camera, another moment
    other_shot: Excerpt | None = None  # another shot of the same video
    extra: tuple[ExtraPair, ...] = ()
    sky: Excerpt | None = None  # a stretch whose top third is plain sky
    variant: int = 0  # its place in its split: recipes pick their parameters by it
    fillers: tuple[Excerpt, ...] = ()  # other sources of the same split
    vfr: bool = False  # A keeps its frames' own irregular times (no fixed rate): ``cadence``
    scene: str = ""  # a kind of scene other sources of the split show too ("talking head")

    @property
    def duration(self) -> float:
        return self.main.duration


def a_clip(src: Source) -> Clip:
    """Clip A: the main excerpt, at the source's declared size and rate, near-lossless."""
    graph = f"[0:v]{src.main.cut()},{_fit(src)}[v]"
    return Clip((src.main.options(),), graph, X264_SOURCE + _times(src))


def footage(src: Source, excerpt: Excerpt, vf: str = "null") -> Clip:
    """Another excerpt of ``src`` (or of a filler) rendered like A, optionally filtered."""
    graph = f"[0:v]{excerpt.cut()},{_fit(src)},{vf},format=yuv420p[v]"
    return Clip((excerpt.options(),), graph, X264 + _times(src))


def _fit(src: Source) -> str:
    return fit(src.size, None if src.vfr else src.fps)


def _times(src: Source) -> Options:
    return KEEP_TIMES if src.vfr else ()


def _media(name: str, start: float, duration: float) -> Excerpt:
    return Excerpt(MEDIA / name, start, duration, seekable=name not in UNSEEKABLE)


def _sample(name: str, start: float, duration: float) -> Excerpt:
    return Excerpt(SAMPLES / name, start, duration)


MINISTRY = "mod_strikes_2023-05-23.mp4"
LEGION = "legion_raid_telegram.mp4"
F = Fraction


def tune_sources() -> list[Source]:
    """Sources the detector may be tuned on."""
    car, bottle = "intel_car-detection.mp4", "intel_bottle-detection.mp4"
    return [
        Source("car", "tune", _media(car, 3.0, 9.0), (768, 432), F(25, 2),
               "fixed overhead camera on a grey road; a car passes at 5-9 s",
               another=_media(car, 19.5, 9.0)),
        Source("bottle", "tune", _media(bottle, 2.0, 9.0), (640, 360), F(30),
               "fixed camera, bottles on a table, hands take and put them",
               another=_media(bottle, 22.0, 9.0)),
        Source("cockatoo", "tune", _media("imageio_cockatoo.mp4", 0.0, 8.5), (854, 480), F(20),
               "handheld close-up, fast motion",
               another=_media("imageio_cockatoo.mp4", 9.0, 5.0)),
        Source("chaplin", "tune", _media("moviepy_chaplin.mp4", 0.0, 9.5), (640, 360), F(25),
               "black-and-white film, pillarboxed, one shot"),
        Source("dashcam", "tune", _media("udacity_solidYellowLeft.mp4", 1.0, 9.0), (854, 480),
               F(25), "highway dash-cam with drawn lane lines",
               another=_media("udacity_solidYellowLeft.mp4", 15.0, 9.0),
               sky=_media("udacity_solidYellowLeft.mp4", 1.0, 8.0)),
        Source("ministry", "tune", _sample(MINISTRY, 8.0, 10.0), (640, 360), F(25),
               "sample: drone strikes 2-3 with HUD and banner (strike 3 is the legion's reuse)",
               another=_sample(MINISTRY, 30.0, 10.0), other_shot=_sample(MINISTRY, 22.5, 7.5),
               extra=(ExtraPair("other-shots", _sample(MINISTRY, 0.5, 6.5),
                                _sample(MINISTRY, 22.5, 7.5), "strike 1 vs 4, grey roads"),)),
    ]  # fmt: skip


def heldout_sources() -> list[Source]:
    """Sources never looked at while tuning: the figures that count."""
    person, chair = "intel_one-by-one-person-detection.mp4", "te_chair-orig-22-sd-bar.mp4"
    rocket, crowd = "videohash_rocket.mkv", "motiondetector_vtest.avi"
    return [
        Source("person", "heldout", _media(person, 5.0, 9.0), (768, 432), F(10),
               "fixed indoor camera, a person walks in and stands",
               another=_media(person, 48.0, 9.0)),
        Source("crowd", "heldout", _media(crowd, 0.0, 8.5), (854, 480), F(25),
               "fixed top-down camera over a crowd", another=_media(crowd, 9.0, 4.6)),
        Source("chair", "heldout", _media(chair, 3.0, 9.0), (320, 480), F(30),
               "handheld phone video, portrait with side bars",
               another=_media(chair, 13.0, 9.0)),
        Source("aircraft", "heldout", _media("moviepy_failing_audio.mp4", 0.0, 9.0), (640, 360),
               F(25), "aircraft in a grey sky, a field, then the fade to near-black begins",
               sky=_media("moviepy_failing_audio.mp4", 0.0, 3.4)),
        Source("rocket", "heldout", _media(rocket, 8.0, 9.0), (640, 360), F(30),
               "rocket-test promo, footage under big text cards",
               other_shot=_media(rocket, 19.5, 8.0)),
        Source("legion", "heldout", _sample(LEGION, 43.2, 8.8), (480, 270), F(30),
               "sample: low-bitrate drone pass over a village into a street",
               another=_sample(LEGION, 75.2, 7.8), other_shot=_sample(LEGION, 95.2, 8.8),
               extra=(ExtraPair("same-camera", _sample(LEGION, 8.0, 8.0),
                                _sample(LEGION, 18.0, 8.0), "camera in a vehicle, 10 s apart"),),
               sky=_sample(LEGION, 0.5, 7.0)),
    ]  # fmt: skip


def with_fillers(sources: list[Source]) -> list[Source]:
    """Number the sources of one split and give each the main excerpts of the others, the
    next ones first, as fillers."""
    out = []
    for i, src in enumerate(sources):
        others = [sources[(i + k) % len(sources)].main for k in range(1, len(sources))]
        out.append(replace(src, variant=i, fillers=tuple(others)))
    return out


def missing_media() -> list[Path]:
    """Files the real sources need that are not there."""
    paths = {s.main.path for s in tune_sources() + heldout_sources()}
    return sorted(p for p in paths if not p.exists())


def split_sources(extra: dict[str, list[Source]] | None = None) -> dict[str, list[Source]]:
    """Every split's sources (``extra``: rendered scenes to add), fillers attached."""
    extra = extra or {}
    table = {"tune": tune_sources(), "heldout": heldout_sources()}
    return {split: with_fillers(table[split] + extra.get(split, [])) for split in SPLITS}
