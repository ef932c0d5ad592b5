"""A Telegram channel export of N video posts, ingested and analysed as a case (issue 17).

Made from the real footage in ``../shared/media`` (never committed, never used by the tests):
each post's video is a stretch of 4-12 s of one source, as is or altered the way reposts are
(mirrored, cropped and scaled back, boxed into a taller frame, a caption bar burned in), and
its text is a claim in Russian, Ukrainian or English naming a date, a village and the length
of the video (one post in ten gives a wrong length). Some posts are forwards of an earlier
post of another channel (the same file, ``forwarded_from`` set), some albums of two videos,
some carry a medium the export did not include. The export is a full Telegram Desktop export
(``chats.list``) of two channels.

The truth is known from how each video was cut: two posts share footage when their stretches
of the same source overlap by 1 s or more, and share none when they come from different
sources or from stretches at least 1 s apart (a fixed camera at another moment is such a
negative). Pairs in between are not scored.

Run ``forensics ingest`` and then the batch analysis (``--jobs``, on-screen text off unless
``--onscreen-text``), and print: ingest (every post a clip, every claim, release time and
forward linked, albums, missing media), the analysis (time, clips a minute, the last tenth's
time over the first tenth's), reuse against the truth (precision, recall, false "shared"),
the duration check against the planted wrong lengths, and what the overview page holds.

    python benchmarks/bench_telegram.py --posts 200 --jobs 2 --keep /tmp/tg-bench
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from bench_batch import finishing_times  # the benchmarks folder is the script's path
from reuse_eval.sources import (  # the benchmarks folder is the script's path
    UNSEEKABLE,
    heldout_sources,
    tune_sources,
)

import forensics
from forensics.case.index import CaseIndex
from forensics.media.toolchain import find_toolchain
from forensics.records.schema import read_record

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "media"
T0 = 1684713600  # 2023-05-22T00:00:00Z: the first post; the others follow every 17-90 min
CHANNELS = {1: "Legion Volunteer Front", 2: "Border Watch News"}
VILLAGES = (("Козинка", "Козинка", "Kozinka"), ("Грайворон", "Грайворон", "Graivoron"),
            ("Глотово", "Глотове", "Glotovo"), ("Новая Таволжанка", "Нова Таволжанка",
            "Novaya Tavolzhanka"), ("Шебекино", "Шебекине", "Shebekino"))  # fmt: skip
ALTERATIONS = {
    "as is": "null",
    "mirrored": "hflip",
    "cropped": "crop=iw*0.8:ih*0.8:iw*0.1:ih*0.05,scale=iw/0.8:ih/0.8",
    "boxed": "scale=iw*0.6:-2,pad=iw/0.6:ih/0.6*1.3:(ow-iw)/2:(oh-ih)/2",
    "caption bar": "drawbox=y=ih*0.82:w=iw:h=ih*0.12:color=black@0.6:t=fill",
}


@dataclass
class Post:
    """One message of the export and the truth about its video."""

    mid: int
    chat: int
    stamp: int
    source: Path | None  # None: the medium was not exported
    window: tuple[float, float] = (0.0, 0.0)  # seconds of the source
    alteration: str = "as is"
    stated_s: int = 0  # the length the text claims
    forward_of: Post | None = None
    album: bool = False
    text: str = ""
    file: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def origin(self) -> Post:
        return self.forward_of.origin if self.forward_of else self


def source_files(split: str | None = None, names: Sequence[str] = ()) -> list[Path] | None:
    """The files posts are cut from: those of one split's sources of ``eval_reuse``
    (``reuse_eval/sources.py``: the ``tune`` split holds the only sources tuning may look at)
    and/or of the sources named; None: every real clip in ``../shared/media``."""
    if split is None and not names:
        return None
    table = {"tune": tune_sources(), "heldout": heldout_sources()}
    chosen = [s for s in table[split]] if split else []
    by_name = {s.name: s for s in table["tune"] + table["heldout"]}
    unknown = [n for n in names if n not in by_name]
    if unknown:
        raise SystemExit(f"unknown source {unknown[0]!r}; known: {', '.join(sorted(by_name))}")
    if names:
        chosen = [s for s in chosen if s.name in names] if split else \
            [by_name[n] for n in names]  # fmt: skip
    if not chosen:
        raise SystemExit(f"no source named is in the {split} split")
    return sorted({s.main.path for s in chosen})


def durations(files: Sequence[Path] | None = None) -> dict[Path, float]:
    """Each of ``files`` (default: every real clip in ``../shared/media``) and its length
    (ffprobe)."""
    found = {}
    for path in sorted(SHARED.glob("*")) if files is None else files:
        if path.suffix.lower() not in (".mp4", ".mkv", ".avi"):
            continue
        command = ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
                   str(path)]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode == 0 and done.stdout.strip():
            found[path] = float(done.stdout)
    return found


def plan(count: int, seed: int, files: Sequence[Path] | None = None) -> list[Post]:
    """The posts, in the order of the channel's history, cut from ``files`` (default: every
    real clip in ``../shared/media``)."""
    rng = random.Random(seed)
    sources = durations(files)
    if not sources:
        raise SystemExit(f"no footage in {SHARED}: this benchmark needs ../shared/media")
    posts: list[Post] = []
    stamp = T0
    while len(posts) < count:
        stamp += rng.randint(17, 90) * 60
        chat = 1 if rng.random() < 0.6 else 2
        post = Post(mid=1000 + len(posts), chat=chat, stamp=stamp, source=None)
        earlier = [p for p in posts if p.chat != chat and p.source and not p.forward_of]
        if earlier and rng.random() < 0.08:  # a forward: the same file, another channel
            post.forward_of = rng.choice(earlier)
        elif rng.random() < 0.03:
            post.extra["missing"] = True
        else:
            post.source = rng.choice(list(sources))
            length = rng.uniform(4, 12)
            start = rng.uniform(0, max(0.0, sources[post.source] - length - 0.2))
            post.window = (round(start, 2), round(min(start + length, sources[post.source]), 2))
            post.alteration = rng.choice(list(ALTERATIONS)) if chat == 2 else "as is"
        posts.append(post)
        if post.source and rng.random() < 0.05 and len(posts) < count:  # an album of two
            twin = Post(mid=post.mid + 1, chat=chat, stamp=stamp, source=post.source,
                        window=(post.window[1] + 2, post.window[1] + 6), album=True)  # fmt: skip
            if twin.window[1] <= sources[post.source]:
                posts.append(twin)
    for post in posts:
        _write_text(post, rng)
    return posts


def _write_text(post: Post, rng: random.Random) -> None:
    origin = post.origin
    true_s = round(origin.window[1] - origin.window[0]) or rng.randint(5, 12)  # 0: not exported
    post.stated_s = true_s if rng.random() > 0.1 else true_s + rng.choice((5, 10, 25))
    when = time.gmtime(post.stamp - rng.randint(0, 2) * 86400)
    ru, uk, en = rng.choice(VILLAGES)
    day = when.tm_mday
    texts = (
        f"{post.stated_s}-секундное видео: наши бойцы у села {ru}, {day} мая.",
        f"{post.stated_s}-секундне відео біля села {uk}, {day} травня.",
        f"A {post.stated_s}-second video filmed near {en} on {day} May 2023.",
    )
    post.text = "" if post.album else rng.choice(texts)


def make_media(posts: list[Post], export: Path) -> None:
    """Each post's video into ``video_files/`` (a forward: a copy of the original's file)."""
    ffmpeg = find_toolchain().ffmpeg
    (export / "video_files").mkdir(parents=True)
    for post in posts:
        if post.extra.get("missing"):
            post.file = "(File not included. Change data exporting settings to download.)"
            continue
        post.file = f"video_files/post_{post.mid}.mp4"
        target = export / post.file
        if post.forward_of is not None:
            target.write_bytes((export / post.forward_of.file).read_bytes())
            continue
        assert post.source is not None
        start, end = post.window
        # seek well before the stretch, then cut it exactly in the filter graph; two sources
        # cannot be sought at all (not even -ss 0) and are read from their start
        seek = 0.0 if post.source.name in UNSEEKABLE else max(0.0, start - 3)
        sought = ["-ss", f"{seek:.3f}"] if post.source.name not in UNSEEKABLE else []
        chain = (f"trim=start={start - seek:.3f}:end={end - seek:.3f},setpts=PTS-STARTPTS,"
                 f"{ALTERATIONS[post.alteration]},scale=-2:360,setsar=1")  # fmt: skip
        command = [ffmpeg, "-v", "error", "-y", *sought, "-i", str(post.source),
                   "-vf", chain, "-r", "25", "-an", "-c:v", "libx264", "-preset", "veryfast",
                   "-crf", "24", "-pix_fmt", "yuv420p", str(target)]  # fmt: skip
        subprocess.run(command, check=True)


def write_export(posts: list[Post], export: Path) -> Path:
    """Telegram Desktop's full export: ``result.json`` with ``chats.list``."""
    chats = []
    for chat, name in CHANNELS.items():
        messages = [_message(p, name) for p in posts if p.chat == chat]
        chats.append({"name": name, "type": "public_channel", "id": chat * 1000 + 7,
                      "messages": messages})  # fmt: skip
    (export / "result.json").write_text(
        json.dumps({"about": "bench", "chats": {"about": "", "list": chats}}, ensure_ascii=False),
        encoding="utf-8",
    )
    return export


def _message(post: Post, channel: str) -> dict[str, object]:
    message: dict[str, object] = {
        "id": post.mid, "type": "message", "date": time.strftime("%Y-%m-%dT%H:%M:%S",
        time.localtime(post.stamp)), "date_unixtime": str(post.stamp), "from": channel,
        "from_id": f"channel{post.chat * 1000 + 7}", "text": post.text, "file": post.file,
        "media_type": "video_file", "mime_type": "video/mp4",
    }  # fmt: skip
    if post.forward_of is not None:
        message["forwarded_from"] = CHANNELS[post.forward_of.chat]
    return message


def truth_pairs(posts: list[Post]) -> tuple[set[frozenset[str]], set[frozenset[str]]]:
    """(pairs that share footage, pairs that share none) of the exported posts' file names;
    a forward and its original are the same file, so not a pair of two clips."""
    clips = [p for p in posts if p.source is not None]
    shared, apart = set(), set()
    for a, b in combinations(clips, 2):
        pair = frozenset((Path(a.file).name, Path(b.file).name))
        if a.source != b.source:
            apart.add(pair)
            continue
        overlap = min(a.window[1], b.window[1]) - max(a.window[0], b.window[0])
        if overlap >= 1.0:
            shared.add(pair)
        elif overlap <= -1.0:
            apart.add(pair)
    return shared, apart


def check_ingest(posts: list[Post], done: forensics.ingest.Ingested) -> dict[Path, Post]:
    """Every exported video a clip, with its post's text, channel, UTC time and forward."""
    from forensics.claims.claimfile import read_text, split_front_matter

    by_name = {Path(p.file).name: p for p in posts if not p.extra.get("missing")}
    clips = {a.path.resolve(): by_name[a.path.name] for a in done.added}
    wrong = {"text": 0, "actor": 0, "released": 0, "forward": 0}
    for added in done.added:
        post = by_name[added.path.name]
        front, body = split_front_matter(added.claim, read_text(added.claim)) if added.claim \
            else ({}, "")  # fmt: skip
        head = post if not post.album else _album_head(posts, post)
        wrong["text"] += head.text.strip() not in body
        wrong["actor"] += front.get("actor") != CHANNELS[post.chat]
        stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(post.stamp))
        wrong["released"] += str(front.get("published", "")).replace("+00:00", "Z") != stamp
        forward = CHANNELS[post.forward_of.chat] if post.forward_of else None
        wrong["forward"] += front.get("forwarded_from") != forward
    missing = sum(1 for p in posts if p.extra.get("missing"))
    albums = sum(1 for p in posts if p.album)
    print(f"ingest: {len(done.added)} clips of {len(by_name)} exported videos; "
          f"{len(done.missing)} missing of {missing}; {done.albums} albums of {albums}; "
          "wrong: " + ", ".join(f"{k} {v}" for k, v in wrong.items()))  # fmt: skip
    return clips


def _album_head(posts: list[Post], post: Post) -> Post:
    return next(p for p in posts if p.chat == post.chat and p.stamp == post.stamp and not p.album)


def analyse(clips: list[Path], case: Path, out: Path, jobs: int, read_text: bool
            ) -> list[float]:  # fmt: skip
    """The batch, as ``forensics ingest --analyze`` runs it; each clip's finishing time."""
    _, finished = finishing_times(clips, out, case_file=case / "case.toml", index_dir=case,
                                  jobs=jobs, read_text=read_text)  # fmt: skip
    tenth = max(1, len(finished) // 10)
    first, last = finished[tenth - 1], finished[-1] - finished[-tenth - 1]
    print(f"analysis: {len(finished)} clips in {finished[-1]:.0f} s "
          f"({len(finished) / finished[-1] * 60:.1f} clips/min, --jobs {jobs}); last {tenth} / "
          f"first {tenth}: {last:.1f} s / {first:.1f} s = {last / first:.2f}")  # fmt: skip
    return finished


def score_reuse(posts: list[Post], case: Path) -> None:
    """Shared pairs the case index stored, against the truth of how the videos were cut."""
    shared, apart = truth_pairs(posts)
    index = CaseIndex(case, create=False)
    names = {c.id: Path(c.path).name for c in index.clips()}
    found, leads = set(), set()
    for stored in index.reuse():
        pair = frozenset((names.get(stored.a_id, "?"), names.get(stored.b_id, "?")))
        if stored.comparison.shared:
            found.add(pair)
        elif stored.comparison.still_match is not None:
            leads.add(pair)
    hits, false = found & shared, found & apart
    precision = len(hits) / max(1, len(hits | false))
    recall = len(hits) / max(1, len(shared))
    print(f"reuse: {len(shared)} pairs share footage, {len(apart)} share none (scored); "
          f"found {len(hits)} (recall {recall:.3f}), false 'shared' {len(false)} (precision "
          f"{precision:.3f}); 'same place or graphics' leads on {len(leads & apart)} negatives "
          f"and {len(leads & shared)} sharing pairs")  # fmt: skip
    for pair in sorted(false, key=sorted):
        print("  false shared:", " ~ ".join(sorted(pair)), _why(posts, pair))


def _why(posts: list[Post], pair: frozenset[str]) -> str:
    by_name = {Path(p.file).name: p for p in posts}
    a, b = (by_name[n] for n in sorted(pair))
    gap = max(a.window[0], b.window[0]) - min(a.window[1], b.window[1])
    return (
        f"({a.source.name if a.source else '?'} {a.window} {a.alteration} / "
        f"{b.source.name if b.source else '?'} {b.window} {b.alteration}; {gap:.1f} s apart)"
    )


def score_lengths(clips: dict[Path, Post], case: Path) -> None:
    """The claimed-length check against the planted wrong lengths, clip by clip."""
    index = CaseIndex(case, create=False)
    counts = {"wrong caught": 0, "wrong missed": 0, "right passed": 0, "right flagged": 0}
    for clip in index.clips(pending=False):
        post = clips.get(Path(clip.path).resolve())
        if post is None or not post.text:
            continue
        true_s = post.origin.window[1] - post.origin.window[0]
        wrong = abs(post.stated_s - true_s) > 3
        report = read_record(Path(clip.report_dir or "") / "report.json")
        verdicts = {c.verdict for c in report.checks if c.check == "duration"}
        contradicted = "contradicted" in verdicts
        key = ("wrong " + ("caught" if contradicted else "missed")) if wrong else \
            ("right " + ("flagged" if contradicted else "passed"))  # fmt: skip
        counts[key] += 1
    print("claimed lengths: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


def check_overview(out: Path, clip_count: int) -> None:
    page = out / "index.html"
    if not page.is_file():
        print("overview: no index.html")
        return
    html = page.read_text(encoding="utf-8")
    marks = {"reuse graph": 'id="graph-t"', "chronology": 'id="chrono-h"',
             "every clip listed": f'Clips <span class="n">({clip_count})</span>'}  # fmt: skip
    print(
        "overview: "
        + ", ".join(f"{k} {'yes' if v in html else 'NO'}" for k, v in marks.items())
        + f"  ({page})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--onscreen-text", action="store_true", help="read on-screen text too")
    parser.add_argument("--keep", type=Path, help="work here and keep it (default: a temp folder)")
    parser.add_argument(
        "--split",
        choices=("tune", "heldout"),
        help="cut posts only from this split's sources of eval_reuse",
    )
    parser.add_argument(
        "--sources",
        nargs="+",
        default=(),
        metavar="NAME",
        help="cut posts only from these sources of eval_reuse (car, bottle, ...)",
    )
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-telegram-"))
    export, case, out = work / "export", work / "case", work / "reports"
    started = time.perf_counter()
    posts = plan(args.posts, args.seed, source_files(args.split, args.sources))
    make_media(posts, export)
    write_export(posts, export)
    print(f"export: {len(posts)} posts in 2 channels, {export} (made in "
          f"{time.perf_counter() - started:.0f} s)")  # fmt: skip
    done = forensics.ingest([export], case)
    clips = check_ingest(posts, done)
    analyse([a.path for a in done.added], case, out, args.jobs, args.onscreen_text)
    score_reuse(posts, case)
    score_lengths(clips, case)
    check_overview(out, len({a.sha256 for a in done.added}))  # a forward is its original's file
    if not args.keep:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
