"""A seeded corpus of hostile inputs for ``forensics analyze``.

``plan(seed, count)`` lists the items (pure: names, categories, variants and seeds, no file is
made), so pytest can name its test cases before anything is built; ``build(plan, workshop,
folder)`` makes one item's files from a few clean clips the :class:`Workshop` encodes on the
spot with ffmpeg. The same seed gives the same plans, and (with the same ffmpeg) the same bytes.

Every item carries what a correct outcome is (:class:`Expect`), judged by
:mod:`tests.adversary.oracle`.
"""

from __future__ import annotations

import functools
import random
import re
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tests.media import ffmpeg_bin, jpeg_with_exif, lavfi_clip, run_ffmpeg

# Findings that say the file is damaged: a clean picture must never get one.
DAMAGE = frozenset({"decode_errors", "truncated", "container_truncated",
                    "container_size_mismatch", "metadata_damaged"})  # fmt: skip


@dataclass(frozen=True)
class Expect:
    """What a correct outcome is.

    - ``clean``: exit 0, no finding of :data:`DAMAGE`, and every code of ``flags``;
    - ``damaged``: exit 0 with a finding of :data:`DAMAGE`, or exit 2 with one line;
    - ``refused``: exit 2 with one line naming the file;
    - ``valid``: odd but legal: exit 0 without a damage finding, or exit 2 with one line;
    - ``any``: fuzzed: exit 0 or 2; only the invariants every run must keep are checked.
    """

    outcome: str
    why: str
    flags: frozenset[str] = frozenset()


CLEAN = Expect("clean", "a clean picture: no decode_errors, truncated or container finding")
DAMAGED = Expect("damaged", "damaged: exit 0 with a damage finding, or exit 2 with one line")
REFUSED = Expect("refused", "not a media file: exit 2 with one line naming it")
VALID = Expect("valid", "odd but legal: analysed without a damage finding, or refused cleanly")
ANY = Expect("any", "fuzzed bytes: exit 0 or 2, no internal error, hang or leftover")


def clean(*flags: str, why: str = CLEAN.why) -> Expect:
    return Expect("clean", why, frozenset(flags))


@dataclass(frozen=True)
class Plan:
    """One item before it is made."""

    name: str  # unique and stable for a seed: "<category>-<k>-<variant>"
    category: str
    variant: str
    seed: int


@dataclass(frozen=True)
class Made:
    """What a maker returns: the evidence and how to run it."""

    path: Path  # the evidence (absolute)
    expect: Expect
    note: str  # how it was made, in a few words
    argv: tuple[str, ...] | None = None  # the clip arguments, when not just the path
    cwd: Path | None = None  # run from here (relative names)
    out_name: str = "out"  # the --out folder's name, beside the evidence's folder
    absent: tuple[Path, ...] = ()  # canaries: must not exist after the run


@dataclass(frozen=True)
class Item:
    plan: Plan
    made: Made
    folder: Path  # the item's own folder (evidence, --out, temp)

    @property
    def name(self) -> str:
        return self.plan.name

    @property
    def expect(self) -> Expect:
        return self.made.expect

    @property
    def argv(self) -> tuple[str, ...]:
        return self.made.argv or (str(self.made.path),)

    @property
    def out(self) -> Path:
        return self.folder / self.made.out_name


class Skip(Exception):
    """The item cannot be made here (an encoder this ffmpeg lacks); says why."""


Maker = Callable[["Workshop", random.Random, Path], Made]


class Workshop:
    """The clean clips every item starts from, encoded once on first use into ``folder``.

    Small on purpose (160x120, 10 fps, 2 s): the harness is about what bytes do, not pixels.
    ``extra`` are further clean clips to damage (the benchmark's real footage)."""

    def __init__(self, folder: Path, extra: Sequence[Path] = ()) -> None:
        self.folder = folder
        self.extra = tuple(extra)
        folder.mkdir(parents=True, exist_ok=True)

    def _made(self, name: str, make: Callable[[Path], object]) -> Path:
        path = self.folder / name
        if not path.exists():
            make(path)
        return path

    @functools.cached_property
    def mp4(self) -> Path:
        """H.264 + AAC, moov after mdat (ffmpeg's default), a title tag."""
        return self._made(
            "base.mp4",
            lambda p: lavfi_clip(
                p, seconds=2.0, size="160x120", fps=10, metadata={"title": "raid"}
            ),
        )

    @functools.cached_property
    def faststart(self) -> Path:
        return self._made("base-faststart.mp4", lambda p: lavfi_clip(
            p, seconds=2.0, size="160x120", fps=10, metadata={"title": "raid"},
            extra=["-movflags", "+faststart"]))  # fmt: skip

    @functools.cached_property
    def mkv(self) -> Path:
        """The MP4's streams in Matroska, with a chapter (sizes declared: seekable output)."""

        def make(path: Path) -> None:
            chapters = ffmetadata(self.folder / "chapters.txt", chapter="Bridge")
            run_ffmpeg(["-i", str(self.mp4), "-i", str(chapters), "-map", "0",
                        "-map_chapters", "1", "-c", "copy", str(path)])  # fmt: skip

        return self._made("base.mkv", make)

    @functools.cached_property
    def jpeg(self) -> Path:
        return self._made("base.jpg", lambda p: jpeg_with_exif(p, exif={0x010F: "Canon"}))

    @functools.cached_property
    def encoders(self) -> frozenset[str]:
        listing = subprocess.run([ffmpeg_bin(), "-hide_banner", "-encoders"], capture_output=True,
                                 text=True, check=False).stdout  # fmt: skip
        return frozenset(re.findall(r"^ [A-Z.]{6} (\S+)", listing, re.M))

    def need(self, encoder: str) -> None:
        if encoder not in self.encoders:
            raise Skip(f"this ffmpeg has no {encoder} encoder")


def ffmetadata(path: Path, title: str | None = None, chapter: str | None = None) -> Path:
    """An FFMETADATA file (values escaped as the format wants), for text -metadata cannot carry:
    values over the 128 KB an argument may hold, and chapter titles."""
    lines = [";FFMETADATA1"]
    if title is not None:
        lines.append(f"title={_escape(title)}")
    if chapter is not None:
        lines += ["[CHAPTER]", "TIMEBASE=1/1000", "START=0", "END=1000"]
        lines.append(f"title={_escape(chapter)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _escape(value: str) -> str:
    return re.sub(r"([=;#\\\n])", r"\\\1", value)


@dataclass
class Registry:
    """Category -> variant -> maker; filled by the maker modules on import."""

    makers: dict[str, dict[str, Maker]] = field(default_factory=dict)

    def add(self, category: str, variant: str) -> Callable[[Maker], Maker]:
        def register(maker: Maker) -> Maker:
            self.makers.setdefault(category, {})[variant] = maker
            return maker

        return register


REGISTRY = Registry()


def categories() -> list[str]:
    _load()
    return sorted(REGISTRY.makers)


def plan(seed: int, count: int, only: Sequence[str] | None = None) -> list[Plan]:
    """``count`` items, the categories taken in turn; within a category every variant comes
    once (in a seeded order) before any comes again."""
    _load()
    names = list(only or categories())
    rng = random.Random(seed)
    orders = {c: rng.sample(sorted(REGISTRY.makers[c]), len(REGISTRY.makers[c])) for c in names}
    plans = []
    for n in range(count):
        category = names[n % len(names)]
        k = n // len(names)
        variants = orders[category]
        variant = variants[k] if k < len(variants) else rng.choice(variants)
        plans.append(Plan(f"{category}-{k:03d}-{variant}", category, variant,
                          rng.getrandbits(32)))  # fmt: skip
    return plans


def build(item_plan: Plan, workshop: Workshop, root: Path) -> Item:
    """Make one item's files in a folder of its own under ``root`` (:class:`Skip` when it
    cannot be made here)."""
    _load()
    folder = root / item_plan.name
    folder.mkdir(parents=True, exist_ok=True)
    maker = REGISTRY.makers[item_plan.category][item_plan.variant]
    made = maker(workshop, random.Random(item_plan.seed), folder)
    return Item(item_plan, made, folder)


def _load() -> None:
    """Import the maker modules (they register themselves)."""
    from tests.adversary import damage, hostile, odd  # noqa: F401
