"""Frame extraction: one ffmpeg decode gives both the frames to hash and the shot thumbnails.

The filter graph splits the decoded video in two branches:

* **samples** -- ``select`` keeps the first real frame of every ``interval``-second slot
  (never a duplicated or interpolated one, so each keeps its own presentation time), scales it
  down, converts to grey and streams it raw to stdout; ``showinfo`` logs its pts.
* **shots** -- ``select`` keeps the first frame, the frame one second in, every frame whose
  scene-change score passes the threshold, and one frame at least every ``max_gap`` seconds so
  a long take still gets a contact sheet; ``metadata=print`` logs pts and score; the frames go
  to JPEG files.

Decoding once matters: decoding dominates the cost, and the benchmark holds ``analyze`` to 1.5x
a plain decode. Scene scores are computed at full resolution and only selected frames are
scaled, so the per-frame work on top of decoding is one luma difference.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import ffmpeg  # ffmpeg-python: builds the argument list; never a shell string
import numpy as np

from forensics.errors import BadInputError
from forensics.media.probe import ffmpeg_input
from forensics.media.toolchain import Toolchain
from forensics.records import Digest, MediaInfo, Timestamp

SAMPLE_INTERVAL_S = 0.5
# ffmpeg's scene score is min(mean abs difference, its change) / 100: cuts between two shots
# of similar low-contrast terrain score 0.15-0.25, so the usual 0.3-0.4 would miss them.
SCENE_THRESHOLD = 0.15
SAMPLE_LONG_SIDE = 320  # hashes need far less; local features (reuse) need this much
# On-screen text is read on every TEXT_EVERY-th sample at up to this size (a 320-pixel frame
# leaves a caption 8 pixels tall): files written by the same decode, analyze only. The first
# RAW_TEXT_BYTES of them raw grey (PGM: a header and the pixels), the rest JPEG: encoding JPEG
# costs ~0.35x of the decode floor, raw costs disk, ~0.9 MB a 720p frame. 512 MiB holds the first
# 9.7 minutes of a 720p clip (39 of 360p); an hour of 720p is then 0.5 GB raw and ~1.1 GB JPEG
# (1.3 GB all JPEG, 3.3 GB all raw). A bound in frames, not the container's stated length.
TEXT_LONG_SIDE = 1280
TEXT_EVERY = 2
RAW_TEXT_BYTES = 512 * 2**20
THUMB_LONG_SIDE = 480
# The outputs carry none of the input's tags, so ffmpeg's dump of the outputs (logged between
# decoded frames) holds no text the evidence's author wrote.
NO_TAGS = {"map_metadata": "-1", "map_chapters": "-1"}

# ffmpeg logs with its own level on every line it starts (``-loglevel level+info``): a line
# without one continues the line before it, as the text of a tag or a file name can.
LEVEL = r"(?:\[info\] )?"
SHOWINFO = re.compile(
    rf"^\[Parsed_showinfo_\d+ @ 0x[0-9a-f]+\] {LEVEL}n:\s*\d+ pts:\s*(-?\d+) pts_time:\s*(\S+)"
)
METADATA = re.compile(
    rf"^\[Parsed_metadata_\d+ @ 0x[0-9a-f]+\] {LEVEL}frame:\d+\s+pts:(-?\d+)\s+pts_time:(\S+)"
)
# A line ffmpeg itself marks as an error, from a component ("[h264 @ 0x...]") or its own.
ERROR_LINE = re.compile(r"^(?:\[[^\]\n]+ @ 0x[0-9a-f]+\] )?\[(?:error|fatal|panic)\] ")
INPUT_DUMP = "[info] Input #0, "
DUMP_END = "[info] Stream mapping:"
SCORE = re.compile(r"lavfi\.scene_score=([\d.]+)")


@dataclass(frozen=True, eq=False)
class SampledFrame:
    time: Timestamp
    gray: np.ndarray  # uint8, analysis size, display orientation


class SampleSpool(Sequence[SampledFrame]):
    """Sampled frames kept on disk and read back one at a time.

    Memory stays flat however long the clip is: an hour holds 7,200 samples (~350 MB raw),
    and even a memory map would count every page it touched as resident.
    """

    def __init__(self, path: Path, size: tuple[int, int], times: Sequence[Timestamp]) -> None:
        self.path, self.size, self.times = path, size, tuple(times)

    def __len__(self) -> int:
        return len(self.times)

    def __getitem__(self, index: int) -> SampledFrame:  # type: ignore[override]
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        index %= len(self)
        width, height = self.size
        with self.path.open("rb") as handle:
            handle.seek(index * width * height)
            data = handle.read(width * height)
        return SampledFrame(self.times[index], np.frombuffer(data, np.uint8).reshape(height, width))

    def __iter__(self) -> Iterator[SampledFrame]:
        width, height = self.size
        with self.path.open("rb") as handle:
            for time in self.times:
                data = handle.read(width * height)
                yield SampledFrame(time, np.frombuffer(data, np.uint8).reshape(height, width))


@dataclass(frozen=True)
class TextFrame:
    """A sampled frame at the size text is read at (grey PGM or JPEG): the same frame, with
    the same time, as sample number ``TEXT_EVERY * i``."""

    time: Timestamp
    path: Path


@dataclass(frozen=True)
class ShotFrame:
    time: Timestamp
    path: Path
    scene_score: float | None


@dataclass(frozen=True)
class Extraction:
    samples: SampleSpool
    shots: tuple[ShotFrame, ...]
    sample_size: tuple[int, int]
    command: tuple[str, ...]
    returncode: int
    errors: tuple[str, ...] = field(default=())  # decoder complaints, first few
    working: tuple[Digest, ...] = ()  # working copies made on the way (the spool, a link)
    text_frames: tuple[TextFrame, ...] = ()  # analyze's frames for reading on-screen text

    @property
    def decoded_until_s(self) -> float | None:
        return self.samples.times[-1].seconds if self.samples.times else None


def fit_long_side(size: tuple[int, int], long_side: int) -> tuple[int, int]:
    """Even dimensions with the given long side and the same aspect ratio."""
    width, height = size
    scale = long_side / max(width, height)
    return max(2, round(width * scale / 2) * 2), max(2, round(height * scale / 2) * 2)


def build_command(
    path: Path, media: MediaInfo, tools: Toolchain, shot_dir: Path | None,
    interval: float = SAMPLE_INTERVAL_S, max_gap: float | None = None,
    long_side: int = SAMPLE_LONG_SIDE, text_dir: Path | None = None, keys_only: bool = False,
) -> tuple[list[str], tuple[int, int]]:  # fmt: skip
    """The ffmpeg argument list, and the size of the raw sample frames it will stream.

    With ``keys_only`` (triage) the decoder skips every frame but the key frames
    (``-skip_frame nokey``): the same graph then samples and thumbnails key frames only.

    With ``text_dir`` (and ``shot_dir``), the selected samples are split once more: every
    TEXT_EVERY-th is also scaled to TEXT_LONG_SIDE and written there grey (the first
    :func:`raw_text_frames` raw, the rest as JPEG), for reading on-screen text without a
    second decode."""
    display = media.display_size or (media.width or 2, media.height or 2)
    sample_w, sample_h = fit_long_side(display, long_side)
    thumb_w, thumb_h = fit_long_side(display, THUMB_LONG_SIDE)
    gap = max_gap or max(10.0, (media.duration_s or 0) / 16)
    skip = {"skip_frame": "nokey"} if keys_only else {}
    video = ffmpeg.input(ffmpeg_input(path), **skip).video
    sync = _passthrough(tools.ffmpeg_version)
    if shot_dir is None:  # samples only (comparison): no split, no scene scoring
        graph = _sample_branch(video, interval, (sample_w, sample_h))[0].output(
            "pipe:1", format="rawvideo", **sync, **NO_TAGS
        )
    else:
        branches = video.filter_multi_output("split")
        shots = (
            branches[1]
            .filter("select", shot_expression(gap))
            .filter("metadata", mode="print")
            .filter("scale", thumb_w, thumb_h, flags="area")
        )
        samples = _sample_branch(branches[0], interval, (sample_w, sample_h), display, text_dir)
        graph = ffmpeg.merge_outputs(
            samples[0].output("pipe:1", format="rawvideo", **sync, **NO_TAGS),
            shots.output(str(shot_dir / "shot_%05d.jpg"), **{"q:v": 3}, **sync, **NO_TAGS),
            *[
                s.output(str(text_dir / f"text_%05d.{ext}"), **options, **sync, **NO_TAGS)
                for s, (ext, options) in zip(samples[1:], _text_outputs(display), strict=False)
                if text_dir
            ],
        )
    args = [tools.ffmpeg, "-hide_banner", "-nostdin", "-nostats", "-loglevel", "level+info"]
    return args + graph.get_args(), (sample_w, sample_h)


def _sample_branch(stream: Any, interval: float, size: tuple[int, int],
                   display: tuple[int, int] = (2, 2), text_dir: Path | None = None
                   ) -> list[Any]:  # fmt: skip
    """The samples, and with ``text_dir`` every TEXT_EVERY-th of them at the size to read
    text at (split after ``select``: the same frames, counted by ``n``)."""
    selected = stream.filter("select", sample_expression(interval))
    if text_dir is None:
        branches = [selected]
    else:
        split = selected.filter_multi_output("split")
        text_w, text_h = text_size(display)
        text = (
            split[1]
            .filter("select", f"not(mod(n,{TEXT_EVERY}))")
            .filter("scale", text_w, text_h, flags="area")
            .filter("format", "gray")
            .filter_multi_output("split")
        )
        raw = raw_text_frames(display)  # the first frames raw, the others JPEG
        branches = [split[0], text[0].filter("select", f"lt(n,{raw})"),
                    text[1].filter("select", f"gte(n,{raw})")]  # fmt: skip
    small = branches[0].filter("scale", size[0], size[1], flags="area").filter("format", "gray")
    return [small.filter("showinfo"), *branches[1:]]


def text_size(display: tuple[int, int]) -> tuple[int, int]:
    return fit_long_side(display, min(TEXT_LONG_SIDE, max(display)))


def raw_text_frames(display: tuple[int, int]) -> int:
    """How many text frames are written raw: as many as RAW_TEXT_BYTES hold."""
    width, height = text_size(display)
    return max(1, RAW_TEXT_BYTES // (width * height))


def _text_outputs(display: tuple[int, int]) -> list[tuple[str, dict[str, object]]]:
    """The text frames' files: raw grey, then JPEG numbered on after the raw ones."""
    return [("pgm", {}), ("jpg", {"q:v": 2, "start_number": raw_text_frames(display) + 1})]


def shot_expression(max_gap: float) -> str:
    """Select the first frame, the frame a second in (clips often open on black or a fade),
    every cut, and a frame at least every ``max_gap`` seconds."""
    return (
        f"eq(n,0)+eq(prev_selected_n,0)*gte(t,1)+gt(scene,{SCENE_THRESHOLD})"
        f"+gte(t-prev_selected_t,{max_gap})"
    )


def sample_expression(interval: float) -> str:
    """Select the first frame in each ``interval``-second slot of the timeline.

    Slots rather than "interval since the last pick": when no frame falls exactly on the
    interval, each pick lands a frame late and the lateness accumulates (0.52, 1.04, 1.56 s at
    25 fps). The epsilon absorbs float error in ``t`` at slot boundaries.
    """
    slot = f"floor(t/{interval}+1e-6)"
    return f"isnan(prev_selected_t)+gt({slot},floor(prev_selected_t/{interval}+1e-6))"


def _passthrough(version: str) -> dict[str, str]:
    """Keep every selected frame with its own timestamp (``-fps_mode`` from ffmpeg 5.1 on)."""
    match = re.match(r"n?(\d+)\.(\d+)", version)
    modern = match is None or (int(match.group(1)), int(match.group(2))) >= (5, 1)
    return {"fps_mode": "passthrough"} if modern else {"vsync": "passthrough"}


def extract(
    path: Path, media: MediaInfo, tools: Toolchain, shot_dir: Path | None, work_dir: Path,
    long_side: int = SAMPLE_LONG_SIDE, text: bool = True, keys_only: bool = False,
) -> Extraction:  # fmt: skip
    """Decode the clip once; return sampled grey frames and shot thumbnails with exact times.

    The raw sample frames are spooled to a file in ``work_dir`` (see :class:`SampleSpool`);
    with no ``shot_dir`` only samples are decoded (no thumbnails, no scene scores); with
    ``text`` (and ``shot_dir``) the frames to read on-screen text from are written too; with
    ``keys_only`` only key frames are decoded (see :func:`build_command`).
    """
    source = plain_named(path, work_dir)
    text_dir = work_dir / "text" if shot_dir and text else None
    if text_dir:
        text_dir.mkdir()
    args, size = build_command(source, media, tools, shot_dir, long_side=long_side,
                               text_dir=text_dir, keys_only=keys_only)  # fmt: skip
    time_base = _time_base(media)
    proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)  # fmt: skip
    log: list[str] = []
    reader = threading.Thread(target=_drain, args=(proc.stderr, log), daemon=True)
    reader.start()
    spool = work_dir / "samples.gray"
    count, spooled = _spool_frames(proc.stdout, size, spool)
    returncode = proc.wait()
    reader.join()
    log = ffmpeg_lines(log)
    sample_times = [Timestamp(int(m.group(1)), time_base) for m in map(SHOWINFO.search, log) if m]
    samples = SampleSpool(spool, size, sample_times[:count])
    if not samples:
        raise BadInputError(f"{path}: no video frame could be decoded ({_complaint(log)})")
    return Extraction(
        samples=samples,
        shots=_shots(log, shot_dir, time_base) if shot_dir else (),
        sample_size=size,
        command=tuple(args),
        returncode=returncode,
        errors=tuple(_errors(log)[:5]),
        working=(
            *([Digest(str(source), None)] if source != path else []),
            spooled,
            *([Digest(str(text_dir), None)] if text_dir else []),
        ),
        text_frames=_text_frames(text_dir, samples.times) if text_dir else (),
    )


def _text_frames(text_dir: Path, times: Sequence[Timestamp]) -> tuple[TextFrame, ...]:
    """The frames written for reading text, each with the time of the sample it is."""
    files = sorted(text_dir.glob("text_*.*"), key=lambda f: int(f.stem.split("_")[1]))
    return tuple(TextFrame(t, f) for t, f in zip(times[::TEXT_EVERY], files, strict=False))


def _time_base(media: MediaInfo) -> Fraction:
    stream = media.video_stream
    try:
        return Fraction(stream.time_base) if stream and stream.time_base else Fraction(1, 90000)
    except (ValueError, ZeroDivisionError):
        return Fraction(1, 90000)


def _drain(stream: object, sink: list[str]) -> None:
    for raw in stream:  # type: ignore[attr-defined]
        sink.append(raw.decode("utf-8", "replace").rstrip())


def _spool_frames(stream: object, size: tuple[int, int], spool: Path) -> tuple[int, Digest]:
    """Copy whole raw frames from ``stream`` to ``spool``; return how many, and the spool as
    a working copy (hashed as it is written: no second read)."""
    frame_bytes = size[0] * size[1]
    count = 0
    sha = hashlib.sha256()
    with spool.open("wb") as sink:
        while len(chunk := stream.read(frame_bytes)) == frame_bytes:  # type: ignore[attr-defined]
            sink.write(chunk)
            sha.update(chunk)
            count += 1
    return count, Digest(str(spool), sha.hexdigest())


def _shots(log: list[str], shot_dir: Path, time_base: Fraction) -> tuple[ShotFrame, ...]:
    shots: list[ShotFrame] = []
    for line in log:
        header = METADATA.search(line)
        if header:
            index = len(shots) + 1
            shot = ShotFrame(Timestamp(int(header.group(1)), time_base),
                             shot_dir / f"shot_{index:05d}.jpg", None)  # fmt: skip
            shots.append(shot)
            continue
        score = SCORE.search(line)
        if score and shots and shots[-1].scene_score is None:
            last = shots[-1]
            shots[-1] = ShotFrame(last.time, last.path, float(score.group(1)))
    return tuple(s for s in shots if s.path.is_file())


def ffmpeg_lines(log: list[str]) -> list[str]:
    """The lines of a decode's log that ffmpeg wrote itself: everything but its dump of the
    input, which holds text the evidence's author wrote (tag names and values, chapter titles,
    the file's path) and so can hold any line at all.

    The dump starts at the first "Input #0" line (ffmpeg prints it after opening the input, so
    nothing written in the file comes before it) and ends at the last "Stream mapping:" line
    (printed after the dump: a forged one can only come earlier). A log without a dump has
    nothing to leave out; a dump that never ended (the run failed there) leaves only what came
    before it."""
    start = next((i for i, line in enumerate(log) if line.startswith(INPUT_DUMP)), None)
    if start is None:
        return log
    ends = [i for i, line in enumerate(log) if line == DUMP_END]
    end = ends[-1] if ends and ends[-1] > start else len(log) - 1
    return log[:start] + log[end + 1 :]


def _errors(log: list[str]) -> list[str]:
    """The lines ffmpeg marks as errors (fatal included), from the decoder, the demuxer or
    itself: never a guess from the words of a line, which any tag could contain."""
    return [line.strip() for line in log if ERROR_LINE.match(line)]


def plain_named(path: Path, work_dir: Path) -> Path:
    """``path``, or a link to it in ``work_dir`` when its name holds a control character: ffmpeg
    echoes the path in its messages, and a newline there would start a line of its own."""
    if not any(ord(c) < 32 or ord(c) == 127 for c in str(path)):
        return path
    link = work_dir / f"input{''.join(c for c in path.suffix if c.isalnum() or c == '.')}"
    link.symlink_to(path.resolve())
    return link


def _complaint(log: list[str]) -> str:
    errors = _errors(log)
    return errors[-1] if errors else (log[-1].strip() if log else "ffmpeg said nothing")
