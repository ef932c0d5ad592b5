"""Hostile text: clean clips whose tags, handler names, chapter titles and tag names say
"error" or hold forged ffmpeg log lines, markup, control characters, 5 MB or a NUL byte; and
clean clips under hostile file and folder names. A correct outcome is always a clean report:
the text is data, never a finding, a command, a path or markup."""

from __future__ import annotations

import json
import random
import re
import shutil
from pathlib import Path

from tests.adversary.corpus import REGISTRY, Expect, Made, Workshop, clean, ffmetadata
from tests.media import run_ffmpeg

add = REGISTRY.add

WORDS = "Missing soldiers: error in the invalid corrupt report, truncated, non-existing PPS"
FORGED = "[h264 @ 0x55d0c0ffee00] [error] Invalid NAL unit size (1234 > 56)."
LOG_LINES = (f"{WORDS}\n{FORGED}\n[error] Error while decoding stream #0:0: Invalid data found "
             "when processing input\nStream mapping:\n  Stream #0:0 -> #0:0 (h264 -> rawvideo)\n"
             "[Parsed_showinfo_0 @ 0x1] [info] n:   9 pts:  99999 pts_time:999.9")  # fmt: skip
SCRIPT = "<script>alert('forged')</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
BREAKOUT = "</td></tr></table></pre><iframe src=javascript:alert(1)></iframe><!--"
TEMPLATE = "{{ 7*7 }} {% if true %}jinja{% endif %} ${7*7}"
CONTROL = "bell\x07 escape\x1b[31mred\x1b[0m\rerror: forged line\x08\x7f"
BIDI = "clip\u202egnp.exe\u2066 isolate\u2069 \u200bzero-width\u2028line-separator"
MARKUP = [SCRIPT, ATTRIBUTE, BREAKOUT, f"{ATTRIBUTE}{SCRIPT}"]
TEXTS = [WORDS, LOG_LINES, *MARKUP, TEMPLATE, CONTROL, BIDI]
FORMAT_TAGS = ["title", "comment", "description", "artist", "album", "genre", "copyright",
               "synopsis", "composer"]  # fmt: skip


def _remux(shop: Workshop, folder: Path, suffix: str, args: list[str],
           inputs: list[str] | None = None) -> Path:  # fmt: skip
    """The base clip's streams (copied) in ``suffix``'s container, with ``args`` added."""
    target = folder / f"tagged{suffix}"
    extra = [a for path in inputs or [] for a in ("-i", path)]
    run_ffmpeg(["-i", str(shop.mp4), *extra, "-map", "0", "-c", "copy", *args, str(target)])
    return target


def _tag_args(rng: random.Random, texts: list[str], keys: list[str]) -> tuple[list[str], str]:
    args, used = [], []
    for key in rng.sample(keys, rng.randint(1, min(4, len(keys)))):
        text = rng.choice(texts)
        args += ["-metadata", f"{key}={text}"]
        used.append(key)
    for scope in rng.sample(["v", "a"], rng.randint(0, 2)):
        args += [f"-metadata:s:{scope}", f"handler_name={rng.choice(texts)}"]
        used.append(f"handler_name:{scope}")
    return args, ", ".join(used)


def _tagged(shop: Workshop, rng: random.Random, folder: Path, texts: list[str]) -> Made:
    suffix = rng.choice([".mp4", ".mov", ".mkv"])
    args, used = _tag_args(rng, texts, FORMAT_TAGS)
    path = _remux(shop, folder, suffix, args)
    return Made(path, clean(), f"{suffix} with hostile text in {used}")


@add("tags", "words")
def tags_words(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    return _tagged(shop, rng, folder, [WORDS])


@add("tags", "log-lines")
def tags_log_lines(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    return _tagged(shop, rng, folder, [LOG_LINES, f"{FORGED}\n{FORGED}"])


@add("tags", "markup")
def tags_markup(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    return _tagged(shop, rng, folder, [*MARKUP, TEMPLATE])


@add("tags", "control")
def tags_control(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    return _tagged(shop, rng, folder, [CONTROL, BIDI])


@add("tags", "mixed")
def tags_mixed(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    return _tagged(shop, rng, folder, ["\n".join(rng.sample(TEXTS, 3)) for _ in range(3)])


@add("tags", "chapters")
def tags_chapters(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    title = " ".join(rng.sample(TEXTS, 2))
    chapters = ffmetadata(folder / "chapters.txt", chapter=title)
    suffix = rng.choice([".mkv", ".mp4"])
    path = _remux(shop, folder, suffix, ["-map_chapters", "1"], [str(chapters)])
    return Made(path, clean(), f"{suffix} with a hostile chapter title")


@add("tags", "tag-names")
def tags_names(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    # Matroska keeps any tag name; ffmpeg splits -metadata at the first '='.
    names = [t.replace("=", "_") for t in rng.sample(TEXTS, 3)]
    args = [a for name in names for a in ("-metadata", f"{name}={rng.choice(TEXTS)}")]
    args += ["-metadata:s:v", f"{rng.choice(names)}=1"]
    return Made(_remux(shop, folder, ".mkv", args), clean(), "Matroska tags with hostile names")


@add("tags", "huge")
def tags_huge(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    length = rng.choice([2_001, 150_000, 5_000_000])
    # One line: ffmpeg prints a tag line by line (5 MB of short lines take it 15 s), and its
    # FFMETADATA reader ends a value at a carriage return.
    unit = re.sub(r"[\r\n]", " ", f"{rng.choice(TEXTS)} ")
    title = (unit * (length // len(unit) + 1))[:length]
    meta = ffmetadata(folder / "meta.txt", title=title)
    suffix = rng.choice([".mp4", ".mkv"])
    path = _remux(shop, folder, suffix, ["-map_metadata", "1"], [str(meta)])
    why = "a tag over 2,000 characters is stored cut, with a finding"
    return Made(path, clean("tag_shortened", why=why), f"{suffix} with a {length:,}-char title")


MARK = "Qx7NULmark"


@add("tags", "nul")
def tags_nul(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    """Text after a NUL byte in an MP4/MOV title atom: ffprobe stops at the NUL."""
    hidden = rng.choice(TEXTS).replace("\n", " ")
    suffix = rng.choice([".mp4", ".mov"])
    source = _remux(shop, folder, suffix, ["-metadata", f"title=Shown {MARK}{hidden}"])
    data = bytearray(source.read_bytes())
    at = data.index(MARK.encode())
    data[at : at + len(MARK)] = b"\x00" + MARK[1:].encode()
    path = folder / f"nul{suffix}"
    path.write_bytes(bytes(data))
    source.unlink()
    why = "text hidden after a NUL in a tag is read from the atom and flagged"
    return Made(path, clean("tag_hidden_text", why=why), f"{suffix} title hiding {hidden[:30]!r}")


@add("tags", "attachment")
def tags_attachment(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    attached = folder / "note.txt"
    attached.write_text(rng.choice(TEXTS), encoding="utf-8")
    args = ["-attach", str(attached), "-metadata:s:t", "mimetype=text/plain",
            "-metadata:s:t", f"filename={rng.choice(TEXTS).replace(chr(10), ' ')}"]  # fmt: skip
    return Made(_remux(shop, folder, ".mkv", args), clean(), "Matroska attachment, hostile name")


# --------------------------------------------------------------------------- names


def _named(shop: Workshop, folder: Path, name: str, parts: tuple[str, ...] = (),
           relative: bool = False, out_name: str = "out", absent: tuple[str, ...] = ()
           ) -> Made:  # fmt: skip
    """The base clip copied to ``folder/parts.../name``; with ``relative`` it is given as a
    relative name after ``--``, from its own folder."""
    home = folder.joinpath(*parts)
    home.mkdir(parents=True, exist_ok=True)
    path = home / name
    shutil.copyfile(shop.mp4, path)
    argv = ("--", name) if relative else None
    return Made(path, clean(why="a clean clip under a hostile name: analysed like any other"),
                f"named {name[:60]!r}" + (f" in {len(parts)} folder(s)" if parts else ""),
                argv=argv, cwd=home if relative else None, out_name=out_name,
                absent=tuple(home / a for a in absent))  # fmt: skip


@add("names", "newline")
def name_newline(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    return _named(shop, folder, f"clip\nerror: {rng.choice([WORDS, FORGED])[:60]}\n.mp4")


@add("names", "dash")
def name_dash(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    name = rng.choice(["-x.mp4", "--out=evil", "-", "--help", "-i", "-y"])
    return _named(shop, folder, name, relative=True)


@add("names", "subshell")
def name_subshell(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    name = rng.choice(["$(touch pwned).mp4", "`touch pwned`.mp4", "x; touch pwned #.mp4",
                       "x && touch pwned.mp4", "x | touch pwned"])  # fmt: skip
    return _named(shop, folder, name, relative=rng.random() < 0.5, absent=("pwned",))


@add("names", "protocol")
def name_protocol(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    name = rng.choice(["pipe:0", "concat:a.mp4|b.mp4", "http:evil.mp4", "file:x.mp4",
                       "subfile,,start,0,end,1,,:x.mp4", "data:,hello"])  # fmt: skip
    return _named(shop, folder, name, relative=True)


@add("names", "bidi")
def name_bidi(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    return _named(
        shop,
        folder,
        rng.choice(
            [
                "clip\u202egnp.mp4",
                "\u2066x\u2069\u200f.mp4",
                "a\u2028b\u2029c.mp4",
                "esc\x1b[2J.mp4",
            ]
        ),
    )


@add("names", "long-name")
def name_long(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    unit = rng.choice(["ж", "a", "戦", "🎥"])
    count = (255 - len(".mp4")) // len(unit.encode())
    return _named(shop, folder, unit * count + ".mp4")


@add("names", "long-path")
def name_long_path(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    parts = tuple(f"{n:02d}" + "d" * 200 for n in range(rng.randint(8, 14)))
    return _named(shop, folder, "clip.mp4", parts, relative=rng.random() < 0.5)


@add("names", "hostile-folder")
def name_hostile_folder(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    parts = tuple(t.replace("/", "\u2215")[:200] for t in rng.sample(TEXTS, 2))
    return _named(shop, folder, "clip.mp4", parts)


@add("names", "hostile-out")
def name_hostile_out(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    out = rng.choice(TEXTS).replace("/", "\u2215")[:200]
    return _named(shop, folder, "clip.mp4", out_name=out)


@add("names", "unicode")
def name_unicode(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    return _named(shop, folder, rng.choice(["Бахмут_\u0435\u0301.mp4", "戦闘🎥.mp4", "a\u200db.mp4",
                                            "\ufeffbom.mp4", "ÅÅ.mp4"]))  # fmt: skip


@add("names", "odd-characters")
def name_odd(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    return _named(
        shop,
        folder,
        rng.choice(
            [
                "%s%n%x{0}{}.mp4",
                " .mp4",
                "...mp4",
                ".hidden.mp4",
                "*?[a-z].mp4",
                "a\\b\\..\\c.mp4",
                "trailing space .mp4 ",
                "'quote\".mp4",
            ]
        ),
    )


@add("names", "symlink")
def name_symlink(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    made = _named(shop, folder, "target.mp4")
    link = folder / rng.choice(["error invalid.mp4", "<b>link.mp4", "link\n.mp4"])
    link.symlink_to(made.path)
    return Made(link, made.expect, f"a symlink named {link.name!r} to a clean clip")


# --------------------------------------------------------------------------- claims


def _claimed(shop: Workshop, folder: Path, text: str | bytes, expect: Expect, note: str) -> Made:
    """The base clip with a claim file linked by ``--claim``."""
    clip = folder / "clip.mp4"
    shutil.copyfile(shop.mp4, clip)
    claim = folder / "claim.md"
    if isinstance(text, bytes):
        claim.write_bytes(text)
    else:
        claim.write_text(text, encoding="utf-8")
    return Made(clip, expect, note, argv=("--claim", str(claim), str(clip)))


def _front_matter(fields: dict[str, str]) -> str:
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n"


@add("claims", "markup")
def claim_markup(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    body = "\n\n".join(rng.sample(TEXTS, 4))
    text = f"Filmed yesterday near the bridge, 40 seconds long.\n\n{body}\n"
    return _claimed(shop, folder, text, clean(), "a claim text full of markup and log lines")


@add("claims", "front-matter")
def claim_front_matter(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    fields = {
        "outlet": rng.choice(MARKUP),
        "url": rng.choice(
            [
                "javascript:alert(1)",
                " JaVaScRiPt:alert(1)",
                "data:text/html,<script>alert(1)</script>",
                'https://example.org/"><script>alert(1)</script>',
            ]
        ),
        "published": "2023-05-28",
        "actor": rng.choice(MARKUP),
        "platform": rng.choice([t for t in TEXTS if t != CONTROL]).replace("\n", " "),
    }  # YAML refuses CONTROL's DEL (test_fuzz.py pins where that refusal points)
    text = _front_matter(fields) + "Footage of the raid, filmed on Friday.\n"
    return _claimed(shop, folder, text, clean(), "claim front matter with markup and a "
                    "javascript: URL")  # fmt: skip


@add("claims", "not-a-claim")
def claim_refused(shop: Workshop, rng: random.Random, folder: Path) -> Made:
    kind = rng.choice(["empty", "binary", "latin-1", "huge", "broken front matter"])
    text: str | bytes = {
        "empty": b"",
        "binary": b"\x00\x01\x02" + rng.randbytes(2000),
        "latin-1": "Fusillade à l'aube, 40 secondes".encode("latin-1"),
        "huge": "error " * 500_000,
        "broken front matter": "---\noutlet: [unclosed\n---\ntext\n",
    }[kind]
    why = "a claim file that cannot be read: exit 2, one line naming it, nothing written"
    return _claimed(shop, folder, text, Expect("refused", why), f"a {kind} claim file")
