"""What the case shortlist misses against the full check, on one case (issue 17, item 4).

A case of N distinct clips (``bench_batch.build_clips``: stretches of ``../shared/media`` that
do not overlap, then ffmpeg generators) is indexed; altered copies of a few of its real clips
(the alterations war-footage reuse shows) are searched against it as new files, each twice:
``find_in_case(..., full=True)`` compares every clip of the case with local features (the
check before the shortlist), ``find_in_case`` proposes clips from the case's stored tables and
compares only those. Prints, per alteration, whether each found the source clip, how many
clips the shortlist compared, and both times; then the misses (found by the full check, not
by the shortlist) and the clips the shortlist compared that share nothing.

    python benchmarks/bench_shortlist.py --clips 40 --sources 3 --work /tmp/shortlist-bench
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import time
from pathlib import Path

from bench_batch import SHARED, build_clips, encode

from forensics.case.index import CaseIndex, IndexedClip
from forensics.case.search import CaseSearch, find_in_case
from forensics.records import AnalysisRecord, FrameHash, record_from_dict
from forensics.reuse.compare import decode_for_matching
from forensics.reuse.features import ClipFeatures

ALTERATIONS = {  # name: filter graph on the source (input 0) and another clip (input 1)
    "reencode-small": "[0:v]scale=320:-2",
    "mirror": "[0:v]hflip",
    "crop-20": "[0:v]crop=iw*0.8:ih*0.8:iw*0.05:ih*0.15,scale=640:360",
    "mirror+crop": "[0:v]hflip,crop=iw*0.85:ih*0.85,scale=640:360",
    "rot90": "[0:v]transpose=1",
    "rot90-ccw": "[0:v]transpose=2",
    "rot180": "[0:v]hflip,vflip",
    "thermal-invert": "[0:v]format=gray,negate,format=yuv420p",
    "pip-40": "[0:v]scale=iw*0.4:-2[s];[1:v][s]overlay=W-w-10:10:shortest=1",
    "letterbox-9:16": "[0:v]scale=360:-2,pad=360:640:0:(oh-ih)/2",
    "vertical-crop": "[0:v]crop=ih*9/16:ih,scale=360:640",
    "speed-1.5": "[0:v]setpts=PTS/1.5",
    "zoom-1.3": "[0:v]scale=iw*1.3:-2,crop=640:360",
}


def record_of(path: Path) -> tuple[AnalysisRecord, ClipFeatures, tuple[FrameHash, ...]]:
    """The minimal record a case index needs, with the clip's hashes; and its features."""
    features, hashes = decode_for_matching(path)
    empty = {"schema": "forensics.analysis/1",
             "tool": {"name": "forensics", "version": "0", "ffmpeg": "ffmpeg",
                      "ffmpeg_version": "0", "ffmpeg_source": "PATH", "probe_backend": "ffprobe",
                      "libraries": {}, "commands": []},
             "file": {"path": str(path), "name": path.name, "size_bytes": 1,
                      "sha256": hashlib.sha256(path.read_bytes()).hexdigest(), "md5": "0" * 32,
                      "modified_utc": "2023-05-27T00:00:00Z",
                      "analysed_at_utc": "2023-05-27T00:00:00Z"},
             "media": {"kind": "video", "container": "mp4", "container_long": None,
                       "duration_s": features.duration_s, "bit_rate": None, "width": 640,
                       "height": 360, "rotation": 0, "fps": 25.0, "variable_fps": False,
                       "frame_count": None, "video_codec": "h264", "video_profile": None,
                       "audio_codec": None, "audio_profile": None,
                       "video_duration_s": features.duration_s, "audio_duration_s": None,
                       "streams": [], "format_tags": {}, "timing": None},
             "metadata": {"creation_time": None, "creation_time_source": None,
                          "creation_time_raw": None, "encoder": None, "make": None,
                          "model": None, "software": None, "gps": None, "tags": {}},
             "flags": [], "crop": None, "keyframes": [], "frame_images": [], "claims": [],
             "case": None, "reuse": [], "reuse_checked": None, "reuse_scope": None,
             "checks": [],
             "frames": [{"t": h.time.seconds, "pts": round(h.time.seconds * 1000),
                         "time_base": "1/1000", "phash": h.phash, "phash_mirror": h.phash_mirror,
                         "dhash": h.dhash, "informative": h.informative, "reason": h.reason}
                        for h in hashes]}  # fmt: skip
    return record_from_dict(empty), features, hashes


def searched(index: CaseIndex, path: Path, decoded: tuple[AnalysisRecord, ClipFeatures,
             tuple[FrameHash, ...]], full: bool) -> tuple[CaseSearch, float]:  # fmt: skip
    _, features, hashes = decoded
    visitor = IndexedClip(-1, "0" * 64, path.name, str(path), None, features.duration_s,
                          None, None, "")  # fmt: skip
    started = time.perf_counter()
    result = find_in_case(index, visitor, features, hashes, save=False, full=full)
    return result, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clips", type=int, default=40, help="clips in the case")
    parser.add_argument(
        "--sources",
        default="0,1,2,6",
        help="the clips altered, by number (the first of the distinct clips are "
        "real footage: bottles, road, a room, a rocket)",
    )
    parser.add_argument("--work", type=Path, required=True, help="clips and case (kept)")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    if not SHARED.is_dir():
        print(f"{SHARED}: not here; this benchmark cuts real footage from it", file=sys.stderr)
        return 2
    clips_dir = args.work / "clips"
    clips_dir.mkdir(parents=True, exist_ok=True)
    clips = sorted(clips_dir.glob("clip*.mp4"))[: args.clips]
    if len(clips) < args.clips:
        clips = build_clips(clips_dir, args.clips, "distinct")
    index = CaseIndex(args.work / "case")
    for clip in clips:
        record, features, _ = record_of(clip)
        if index.clip(record.file.sha256) is None:
            index.add(record, features, None)
    sources = [clips[int(k)] for k in args.sources.split(",")]
    rows: list[Row] = []
    for source in sources:
        other = clips[-1]
        for name, graph in ALTERATIONS.items():
            out = args.work / f"{source.stem}-{name}.mp4"
            if not out.exists():
                encode(["-i", str(source), "-i", str(other), "-filter_complex", graph, "-an"], out)
            decoded = record_of(out)
            full, full_s = searched(index, out, decoded, True)
            short, short_s = searched(index, out, decoded, False)
            rows.append((source.name, name, _names(full), _names(short), short.verified,
                         short.clips, full_s, short_s))  # fmt: skip
            print(f"{source.name} {name:<15} full {_seen(source, full)} shortlist "
                  f"{_seen(source, short)} compared {short.verified}/{short.clips} "
                  f"{full_s:.2f} s / {short_s:.2f} s")  # fmt: skip
    _summary(rows)
    return 0


def _seen(source: Path, search: CaseSearch) -> str:
    return "found" if source.name in _names(search) else "-    "


def _names(search: CaseSearch) -> set[str]:
    return {m.other.name for m in search.matches}


Row = tuple[str, str, set[str], set[str], int, int, float, float]


def _summary(rows: list[Row]) -> None:
    full_found = [r for r in rows if r[0] in r[2]]
    missed = [r for r in full_found if r[0] not in r[3]]
    extra = [r for r in rows if r[3] - r[2]]
    print(f"\nfull check found the source in {len(full_found)}/{len(rows)} searches; the "
          f"shortlist missed {len(missed)} of them: "
          f"{', '.join(f'{r[0]} {r[1]}' for r in missed) or 'none'}")  # fmt: skip
    print(f"shortlist found the source where the full check did not: "
          f"{sum(1 for r in rows if r[0] in r[3] and r[0] not in r[2])}; other clips reported "
          f"differently: {len(extra)}")  # fmt: skip
    print(f"clips compared per search: median {statistics.median(r[4] for r in rows)} of "
          f"{rows[0][5]}; time per search: full {statistics.median(r[6] for r in rows):.2f} s, "
          f"shortlist {statistics.median(r[7] for r in rows):.2f} s (medians)")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
