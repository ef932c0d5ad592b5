"""A clip's hashes as text in the formats other tools read, so footage can be matched by people
who do not hold the files. Pure functions of the record; :mod:`forensics.case.export` writes
them. Every format is documented, with an example line, in docs/report-schema.md.

- **vPDQ** (``<sha256>.vpdq``): one line per sampled frame, ``frame_number,quality,pdq_hex,
  timestamp``, the line the vPDQ tools write and read for a video (``vpdqio``: comma
  separated, timestamp in seconds with three decimals). ``frame_number`` counts the sampled
  frames (0, 1, 2, ...): the record keeps each sample's exact time, not the decoder's frame
  count, and vPDQ matching reads only the hash and the quality.
- **python-threatexchange signals**: ``signal_type signal`` lines, the form its local-file
  exchange reads (the text before the first space names the type, ``SignalType.get_name()``).
  A video gives ``video_md5`` and ``video_sha256`` (file digests) and ``vpdq`` (its
  extension's signal: a JSON list of ``pdq_hex,quality,timestamp``); every frame (or still)
  whose PDQ quality reaches 50 gives a ``pdq`` line. A reader without the vPDQ extension skips
  the ``vpdq`` lines, as it skips any type it does not know.
- **pHash** (``<sha256>.phash.csv``): the frame hashes the record holds (imagehash's 64-bit
  pHash, of the mirror image, and dHash), one row per sampled frame, with a header row.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from forensics.records import AnalysisRecord, FrameHash

VPDQ_SUFFIX = ".vpdq"
PHASH_SUFFIX = ".phash.csv"
SIGNALS_FILE = "threatexchange-signals.txt"
EXPORT_INDEX = "index.json"
EXPORT_SCHEMA = "forensics.hash-export/1"
FORMATS = ("vpdq", "te", "phash")
# python-threatexchange's PdqSignal.QUALITY_THRESHOLD: below it a PDQ is too unreliable to
# match on, and its own hasher gives no hash at all.
PDQ_MIN_QUALITY = 50
PHASH_COLUMNS = ("frame_number", "timestamp_s", "pts", "time_base", "phash", "phash_mirror",
                 "dhash", "informative", "reason")  # fmt: skip


def has_pdq(record: AnalysisRecord) -> bool:
    """Whether every sampled frame of the record carries its PDQ (records made before PDQ was
    computed do not)."""
    return all(f.pdq is not None for f in record.frames)


def _seconds(frame: FrameHash) -> str:
    return f"{frame.time.seconds:.3f}"


def vpdq_text(record: AnalysisRecord) -> str:
    """The clip's vPDQ hash file: ``frame_number,quality,pdq_hex,timestamp`` per sample."""
    return "".join(f"{number},{frame.pdq_quality},{frame.pdq},{_seconds(frame)}\n"
                   for number, frame in enumerate(record.frames))  # fmt: skip


def signal_lines(record: AnalysisRecord) -> list[str]:
    """The clip's python-threatexchange signals, ``signal_type signal`` each, no newline.

    Only type names python-threatexchange defines are used: ``video_md5`` and
    ``video_sha256`` apply to videos alone (there is no photo digest type), ``vpdq`` to videos,
    ``pdq`` to photos, here the frames and stills a photo may have been taken from.
    """
    lines = []
    with_pdq = [f for f in record.frames if f.pdq is not None]
    if record.media.kind == "video":
        lines += [f"video_md5 {record.file.md5}", f"video_sha256 {record.file.sha256}"]
        features = [f"{f.pdq},{f.pdq_quality},{_seconds(f)}" for f in with_pdq]
        if features:
            lines.append("vpdq " + json.dumps(features, separators=(",", ":")))
    good = (f.pdq for f in with_pdq if (f.pdq_quality or 0) >= PDQ_MIN_QUALITY)
    lines += [f"pdq {pdq}" for pdq in dict.fromkeys(good)]
    return lines


def signals_text(per_clip: Iterable[list[str]]) -> str:
    """Every clip's signal lines in one file, each signal once (in first-seen order)."""
    lines = dict.fromkeys(line for clip in per_clip for line in clip)
    return "".join(f"{line}\n" for line in lines)


def phash_text(record: AnalysisRecord) -> str:
    """The record's frame hashes as CSV: frame number, time (seconds, and exactly as pts and
    time base), pHash, mirrored pHash, dHash (64-bit hex) and whether the frame is
    informative (else why not: black, flat, low detail)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(PHASH_COLUMNS)
    for number, frame in enumerate(record.frames):
        writer.writerow([number, f"{frame.time.seconds:.6f}", frame.time.pts,
                         str(frame.time.time_base), frame.phash, frame.phash_mirror,
                         frame.dhash, str(frame.informative).lower(),
                         frame.reason or ""])  # fmt: skip
    return out.getvalue()
