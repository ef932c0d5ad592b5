"""Odd inputs: degenerate clips (one frame, all black, tiny, huge, audio or subtitles only),
other codecs (HEVC, VP9, AV1 and more, where this ffmpeg can encode them) and things that are
no media file at all (empty, a folder, a FIFO, /dev/zero, random bytes)."""

from __future__ import annotations

import os
import random
from pathlib import Path

from tests.adversary.boxes import box
from tests.adversary.corpus import (
    CLEAN,
    DAMAGED,
    REFUSED,
    REGISTRY,
    VALID,
    Made,
    Workshop,
)
from tests.media import run_ffmpeg

add = REGISTRY.add
SOURCE = ["-f", "lavfi", "-i", "testsrc2=s=160x120:r=10:d=1.5"]
X264 = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]


def _encode(folder: Path, name: str, args: list[str]) -> Path:
    path = folder / name
    run_ffmpeg([*args, str(path)])
    return path


# --------------------------------------------------------------------------- degenerate clips


@add("degenerate", "one-frame")
def one_frame(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    path = _encode(folder, "one.mp4", [*SOURCE, *X264, "-frames:v", "1"])
    return Made(path, CLEAN, "a single H.264 frame")


@add("degenerate", "black")
def black(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    colour = rng.choice(["black", "white", "gray"])
    path = _encode(
        folder, f"{colour}.mp4", ["-f", "lavfi", "-i", f"color={colour}:s=160x120:r=10:d=2", *X264]
    )
    return Made(path, CLEAN, f"2 s of flat {colour}")


@add("degenerate", "tiny")
def tiny(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    size = rng.choice(["1:1", "2:2", "1:64", "64:1", "3:3"])
    path = _encode(
        folder,
        "tiny.mkv",
        [
            "-f",
            "lavfi",
            "-i",
            "testsrc2=s=64x64:r=10:d=1",
            "-vf",
            f"scale={size},format=gray",
            "-c:v",
            "ffv1",
        ],
    )
    return Made(path, VALID, f"{size.replace(':', 'x')} pixels (grey FFV1)")


@add("degenerate", "odd-size")
def odd_size(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    size = rng.choice(["161x97", "97x161", "33x17"])
    path = _encode(folder, "odd.mp4", ["-f", "lavfi", "-i", f"testsrc2=s={size}:r=10:d=1.5",
                                       "-c:v", "libx264", "-preset", "ultrafast",
                                       "-pix_fmt", "yuv444p"])  # fmt: skip
    return Made(path, CLEAN, f"{size} pixels, H.264 4:4:4")


@add("degenerate", "large-frame")
def large_frame(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    size = rng.choice(["3840x2160", "4096x256", "256x4096"])
    path = _encode(folder, "large.mp4", ["-f", "lavfi", "-i", f"testsrc2=s={size}:r=2:d=1",
                                         *X264])  # fmt: skip
    return Made(path, CLEAN, f"two {size} frames")


@add("degenerate", "audio-only")
def audio_only(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    seconds = rng.choice([0, 0.001, 1])
    path = _encode(folder, "sound.m4a", ["-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono",
                                         "-t", str(seconds), "-c:a", "aac"])  # fmt: skip
    return Made(path, REFUSED, f"{seconds} s of audio, no video")


@add("degenerate", "subtitles-only")
def subtitles_only(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    srt = folder / "subs.srt"
    srt.write_text("1\n00:00:00,000 --> 00:00:01,000\n<script>alert(1)</script> error\n",
                   encoding="utf-8")  # fmt: skip
    path = _encode(folder, "subs.mkv", ["-i", str(srt), "-c:s", "srt"])
    return Made(path, REFUSED, "a Matroska file holding only subtitles")


@add("degenerate", "cover-art-audio")
def cover_art(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    path = _encode(folder, "song.mka", ["-f", "lavfi", "-i", "sine=d=1", "-i", str(shop.jpeg),
                                        "-map", "0", "-map", "1", "-c:a", "aac", "-c:v", "copy",
                                        "-disposition:v", "attached_pic"])  # fmt: skip
    return Made(path, VALID, "audio with a cover picture (attached_pic)")


@add("degenerate", "short-video-long-audio")
def short_video(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    path = _encode(folder, "short.mp4", ["-f", "lavfi", "-i", "testsrc2=s=160x120:r=10:d=0.3",
                                         "-f", "lavfi", "-i", "sine=d=4", *X264,
                                         "-c:a", "aac"])  # fmt: skip
    return Made(path, CLEAN, "0.3 s of video beside 4 s of audio")


@add("degenerate", "rotated-vfr")
def rotated_vfr(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    rotate = rng.choice(["90", "180", "270"])
    path = _encode(folder, "rotated.mp4", [*SOURCE, "-vf", "setpts='PTS+if(gt(N,5),0.3/TB,0)'",
                                           *X264, "-metadata:s:v", f"rotate={rotate}",
                                           "-fps_mode", "vfr"])  # fmt: skip
    return Made(path, CLEAN, f"rotated {rotate}, a gap in the frame times")


# --------------------------------------------------------------------------- other codecs

CODECS = {  # variant: (encoder, file name, codec arguments)
    "hevc": ("libx265", "hevc.mp4", ["-c:v", "libx265", "-preset", "ultrafast", "-tag:v",
                                     "hvc1", "-x265-params", "log-level=none"]),
    "vp9": ("libvpx-vp9", "vp9.webm", ["-c:v", "libvpx-vp9", "-deadline", "realtime",
                                       "-cpu-used", "8", "-b:v", "200k"]),
    "av1": ("libaom-av1", "av1.mkv", ["-c:v", "libaom-av1", "-cpu-used", "8", "-usage",
                                      "realtime", "-b:v", "200k"]),
    "vp8": ("libvpx", "vp8.webm", ["-c:v", "libvpx", "-deadline", "realtime", "-b:v", "200k"]),
    "mpeg4-avi": ("mpeg4", "mpeg4.avi", ["-c:v", "mpeg4", "-q:v", "5"]),
    "mjpeg-mov": ("mjpeg", "mjpeg.mov", ["-c:v", "mjpeg", "-q:v", "5", "-pix_fmt", "yuvj420p"]),
    "ffv1-mkv": ("ffv1", "ffv1.mkv", ["-c:v", "ffv1"]),
    "h264-ts": ("libx264", "h264.ts", X264),
    "h264-10bit": ("libx264", "h264-10.mkv", ["-c:v", "libx264", "-preset", "ultrafast",
                                              "-pix_fmt", "yuv420p10le"]),
    "prores": ("prores_ks", "prores.mov", ["-c:v", "prores_ks", "-profile:v", "0"]),
}  # fmt: skip


def _codec_maker(variant: str) -> None:
    encoder, name, codec_args = CODECS[variant]

    @add("codec", variant)
    def make(shop: Workshop, rng: random.Random, folder: Path) -> Made:
        shop.need(encoder)
        return Made(_encode(folder, name, [*SOURCE, *codec_args]), CLEAN, f"{encoder} in {name}")


for _variant in CODECS:
    _codec_maker(_variant)


@add("codec", "animated-gif")
def animated_gif(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    shop.need("gif")
    path = _encode(folder, "anim.gif", [*SOURCE, "-c:v", "gif"])
    return Made(path, VALID, "an animated GIF")


@add("codec", "png-still")
def png_still(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    shop.need("png")
    path = _encode(folder, "still.png", [*SOURCE, "-frames:v", "1", "-c:v", "png"])
    return Made(path, VALID, "a PNG still")


# --------------------------------------------------------------------------- not media


@add("special", "empty")
def empty(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    path = folder / "empty.mp4"
    path.write_bytes(b"")
    return Made(path, REFUSED, "an empty file")


@add("special", "directory")
def directory(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    path = folder / "folder.mp4"
    path.mkdir()
    return Made(path, REFUSED, "a folder named like a clip")


@add("special", "fifo")
def fifo(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    path = folder / "pipe.mp4"
    os.mkfifo(path)
    return Made(path, REFUSED, "a FIFO nobody writes to (reading it would block forever)")


@add("special", "device")
def device(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    target = rng.choice(["/dev/zero", "/dev/urandom", "/dev/null"])
    path = folder / "device.mp4"
    path.symlink_to(target)
    return Made(path, REFUSED, f"a symlink to {target}")


@add("special", "zeros")
def zeros(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    size = rng.choice([1, 4096, 1 << 20, 16 << 20])
    path = folder / "zeros.mp4"
    with path.open("wb") as handle:
        handle.truncate(size)  # sparse: /dev/zero as a file
    return Made(path, REFUSED, f"{size:,} zero bytes")


@add("special", "random")
def random_bytes(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    path = folder / rng.choice(["random.mp4", "random.jpg", "random.mkv", "random"])
    path.write_bytes(b"\x00\x11" + rng.randbytes(rng.randint(1, 200_000)))
    return Made(path, REFUSED, "random bytes")


@add("special", "text")
def text(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    path = folder / "notes.mp4"
    path.write_text("<html><script>alert(1)</script>error invalid</html>\n" * 50,
                    encoding="utf-8")  # fmt: skip
    return Made(path, REFUSED, "HTML text named .mp4")


@add("special", "missing")
def missing(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    return Made(folder / "not-there.mp4", REFUSED, "a path that does not exist")


@add("special", "symlink-loop")
def symlink_loop(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    path = folder / "loop.mp4"
    path.symlink_to(folder / "loop2.mp4")
    (folder / "loop2.mp4").symlink_to(path)
    return Made(path, REFUSED, "a symlink loop")


@add("special", "ftyp-only")
def ftyp_only(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    path = folder / "ftyp.mp4"
    path.write_bytes(box(b"ftyp", b"isom\x00\x00\x02\x00isomiso2"))
    return Made(path, REFUSED, "an MP4 of one ftyp box")


@add("special", "magic-then-junk")
def magic_junk(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    magic, name = rng.choice([(b"\xff\xd8\xff\xe0", "junk.jpg"), (b"\x1a\x45\xdf\xa3", "junk.mkv"),
                              (box(b"ftyp", b"isom\x00\x00\x02\x00isom") + b"\x00\x01\x00\x00mdat",
                               "junk.mp4")])  # fmt: skip
    path = folder / name
    path.write_bytes(magic + rng.randbytes(rng.randint(16, 50_000)))
    return Made(path, DAMAGED, f"{name[-3:]} magic bytes, then random bytes")
