"""The case overview page (``index.html``): every clip of a case, the footage they share, and
when each was made, released and written about, on one page an investigator takes in at once.

Built from the case index and, per clip, its live ``report.json``: a report is rewritten when a
later clip finds shared footage, so it knows more than the record the index kept at analysis
time. When a report folder is gone the index record stands in, and the page says so. Everything
is drawn server-side (inline SVG, inline CSS, no script), so the page reads offline from
``file://``, with JavaScript off, on a phone and on paper.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from forensics.case.index import INDEX_FILE, CaseIndex, IndexedClip
from forensics.claims.checks import side_of as checks_side_of
from forensics.claims.checks.opposing import opposed
from forensics.claims.facts import default_vocabulary
from forensics.errors import BadInputError, CaseIndexError, ReportWriteError
from forensics.records.analysis import SEVERITY_ORDER
from forensics.report.chronology import chronology, timeline
from forensics.report.clip import environment

OVERVIEW_FILE = "index.html"
VERDICT_ORDER = ("contradicted", "consistent", "cannot be tested")
SIDES = {  # vocabulary side -> (legend label, node colour)
    "ukraine-aligned": ("Ukraine-aligned", "#1f5fa8"), "russia": ("Russia", "#b3261e"),
    "media": ("Media", "#6b7785"), "osint": ("OSINT", "#2e6b3a"), "other": ("Other", "#7a4fa0"),
    None: ("Side unknown", "#ffffff"),
}  # fmt: skip
# The findings a case headline should name first when several share the top severity.
FINDING_WORDS = {
    "opposing_actors_share_footage": "the same footage released by opposing sides",
    "hash_mismatch": "a file that is not the one the case file pins",
    "reuses_earlier_footage": "footage reused from an earlier release",
    "released_before_event": "footage released before the event it is said to show",
    "created_after_claim": "a file created after the claim citing it was published",
    "created_before_event": "a file created before the event it is said to show",
    "truncated": "a truncated file",
}


@dataclass(frozen=True)
class ClipView:
    """One clip as the overview shows it."""

    number: int
    sha256: str
    name: str
    report: str | None  # link relative to index.html, or None when the report is gone
    thumbnail: str | None
    actor: str | None
    side: str | None
    released: str | None
    duration: str
    flag_counts: dict[str, int]
    worst: str | None
    verdicts: dict[str, int]
    created: str | None
    missing: str | None  # why the index record stands in for the report, or None


@dataclass
class Pair:
    """Footage two clips share; ``seconds`` holds each clip's shared length on its timeline."""

    a: ClipView
    b: ClipView
    seconds: dict[str, float]
    alterations: list[str] = field(default_factory=list)
    order: str | None = None

    @property
    def label(self) -> str:
        return f"{max(self.seconds.values()):.1f} s"

    @property
    def opposing(self) -> bool:
        return opposed(self.a.side, self.b.side)


def write_overview(index_dir: Path, out_dir: Path) -> Path:
    """Write ``out_dir/index.html`` for the case indexed in ``index_dir``; return its path.
    The file is replaced atomically, so a reader never sees half a page."""
    out_dir, index_dir = Path(out_dir), Path(index_dir)
    if not (index_dir / INDEX_FILE).is_file():  # opening one would create an empty case
        raise CaseIndexError(f"{index_dir / INDEX_FILE}: no case index to build an overview from")
    try:
        html = render_overview(overview_context(_CaseReader(index_dir), out_dir))
    except sqlite3.Error as exc:
        raise CaseIndexError(f"{index_dir / INDEX_FILE}: cannot read the case ({exc})") from None
    target = out_dir / OVERVIEW_FILE
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        handle, part = tempfile.mkstemp(prefix=f".{OVERVIEW_FILE}.", suffix=".part", dir=out_dir)
    except OSError as exc:
        raise ReportWriteError(f"{target}: cannot write the case overview ({exc})") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(html)
        os.chmod(part, 0o644)  # mkstemp makes it private; a report is for reading
        os.replace(part, target)
    except OSError as exc:
        Path(part).unlink(missing_ok=True)
        raise ReportWriteError(f"{target}: cannot write the case overview ({exc})") from None
    return target


class _CaseReader(CaseIndex):
    """An existing case index opened for reading only. Opening a ``CaseIndex`` writes its
    schema under the write lock; the overview only reads, so it must not wait for that lock
    while an analysis holds it. WAL mode lets it read meanwhile."""

    def __init__(self, folder: Path) -> None:  # no super().__init__(): that one writes
        self.folder = Path(folder)
        self.path = self.folder / INDEX_FILE
        self._check_schema()


def render_overview(context: dict[str, Any]) -> str:
    return environment().get_template(OVERVIEW_FILE).render(**context)


def overview_context(index: CaseIndex, out_dir: Path) -> dict[str, Any]:
    """Everything the page shows, laid out: clips, pairs, graph and chronology geometry."""
    rows = sorted(index.clips(), key=lambda c: (c.released or "9999", c.name, c.sha256))
    records: dict[str, dict[str, Any]] = {}
    views: list[ClipView] = []
    for number, clip in enumerate(rows, 1):
        record, missing = _live_record(index, clip)
        records[clip.sha256] = record
        views.append(_clip_view(number, clip, record, missing, out_dir.resolve()))
    pairs = _pairs(index, views, records)
    moments = chronology(views, records)
    titles = Counter(str(t) for r in records.values() if (t := _dict(r.get("case")).get("title")))
    return {
        "title": titles.most_common(1)[0][0] if titles else None,
        "clips": views,
        "pairs": pairs,
        "finding": _most_severe(views, records),
        "graph": _graph(views, pairs),
        "moments": moments,
        "timeline": timeline(views, moments),
        "sides": [SIDES[s] for s in SIDES if any(v.side == s for v in views)],
        "sides_label": {s: label for s, (label, _) in SIDES.items()},
        "sides_colour": {s: colour for s, (_, colour) in SIDES.items()},
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def _live_record(index: CaseIndex, clip: IndexedClip) -> tuple[dict[str, Any], str | None]:
    """The clip's report.json when it is there and is this clip's; else the index record."""
    if not clip.report_dir:
        return index.record(clip.id), "analysed without a report folder"
    path = Path(clip.report_dir) / "report.json"
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        if record["file"]["sha256"] == clip.sha256:
            return record, None
        why = "its report folder now holds another file's report"
    except FileNotFoundError:
        why = "its report folder is gone"
    except (OSError, ValueError, KeyError, TypeError):
        why = "its report.json cannot be read"
    return index.record(clip.id), why


def _clip_view(number: int, clip: IndexedClip, record: dict[str, Any], missing: str | None,
               out_dir: Path) -> ClipView:  # fmt: skip
    case, media = _dict(record.get("case")), _dict(record.get("media"))
    flags = [f for f in record.get("flags") or [] if isinstance(f, dict)]
    counts = {s: sum(f.get("severity") == s for f in flags) for s in reversed(SEVERITY_ORDER)}
    worst = next((s for s, n in counts.items() if n), None)
    checks = record.get("checks")  # absent from records made before claims were checked
    checks = checks if isinstance(checks, list) else []
    verdicts = Counter(v for c in checks if isinstance(v := _dict(c).get("verdict"), str))
    report_dir = Path(clip.report_dir) if clip.report_dir and not missing else None
    actor = clip.actor or case.get("actor")
    return ClipView(
        number=number, sha256=clip.sha256, name=clip.name,
        report=_link(report_dir / "report.html", out_dir) if report_dir else None,
        thumbnail=_thumbnail(record, report_dir, out_dir) if report_dir else None,
        actor=actor, side=side_of(actor), released=clip.released or case.get("released"),
        duration=_duration(clip.duration_s or media.get("duration_s"), media.get("kind")),
        flag_counts=counts, worst=worst,
        verdicts={v: verdicts[v] for v in sorted(verdicts, key=_verdict_rank)},
        created=_dict(record.get("metadata")).get("creation_time"), missing=missing,
    )  # fmt: skip


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def side_of(actor: str | None) -> str | None:
    """The vocabulary's side of an actor name, as the checks read it (None when unknown or
    ambiguous, or when the page has no colour for it)."""
    try:
        side = checks_side_of(actor, default_vocabulary())
    except BadInputError:  # a broken extra vocabulary: colour by nothing rather than fail
        return None
    return side if side in SIDES else None


def _verdict_rank(verdict: str) -> tuple[int, str]:
    return (VERDICT_ORDER.index(verdict) if verdict in VERDICT_ORDER else 9, verdict)


def _link(target: Path, out_dir: Path) -> str | None:
    if not target.is_file():
        return None
    try:
        relative = os.path.relpath(target.resolve(), out_dir)
    except ValueError:  # another drive: no relative path exists
        return target.resolve().as_uri()
    return quote(Path(relative).as_posix())


def _thumbnail(record: dict[str, Any], report_dir: Path, out_dir: Path) -> str | None:
    """The first keyframe that shows something (the first is often a black fade-in)."""
    keyframes = [k for k in record.get("keyframes") or [] if isinstance(k, dict)
                 and isinstance(k.get("image"), str)]  # fmt: skip
    frames = record.get("frames") or []
    blank = [_seconds(f) for f in frames if _dict(f).get("informative") is False]
    useful = [k for k in keyframes if str(k.get("phash", "")).strip("0f")
              and not any(abs(t - _seconds(k)) < 0.25 for t in blank)]  # fmt: skip
    for keyframe in useful + keyframes:
        image = PurePosixPath(keyframe["image"])
        if not image.is_absolute() and ".." not in image.parts:  # stays inside the folder
            link = _link(report_dir / image, out_dir)
            if link:
                return link
    return None


def _seconds(item: Any) -> float:
    t = _dict(item).get("t")
    return float(t) if isinstance(t, int | float) else -1.0


def _duration(seconds: float | None, kind: str | None) -> str:
    if kind == "image":
        return "still"
    if not isinstance(seconds, int | float):
        return "—"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"


def _pairs(index: CaseIndex, views: list[ClipView], records: dict[str, dict]) -> list[Pair]:
    """Shared footage, one pair per two clips however many reports list it: the live reports
    first, then the comparisons the index stored (for a clip whose report is gone)."""
    by_sha = {v.sha256: v for v in views}
    pairs: dict[frozenset[str], Pair] = {}
    for sha, record in records.items():
        for entry in record.get("reuse") or []:
            try:
                other, comparison = entry["other"]["sha256"], entry["comparison"]
                here_a = entry.get("this_side", "a") == "a"
                a, b = (sha, other) if here_a else (other, sha)
                _add_pair(pairs, by_sha, a, b, comparison, entry.get("order"))
            except (KeyError, TypeError, AttributeError):
                continue
    by_id = {c.id: c.sha256 for c in index.clips()}
    for comparison in index.reuse():
        a, b = by_id.get(comparison.get("a_id")), by_id.get(comparison.get("b_id"))
        if a and b and comparison.get("shared"):
            _add_pair(pairs, by_sha, a, b, comparison, None)
    return sorted(pairs.values(), key=lambda p: (p.a.number, p.b.number))


def _add_pair(pairs: dict[frozenset[str], Pair], by_sha: dict[str, ClipView], a: str, b: str,
              comparison: dict[str, Any], order: str | None) -> None:  # fmt: skip
    key = frozenset((a, b))
    segments = comparison.get("segments") or []
    if key in pairs or a not in by_sha or b not in by_sha or a == b or not segments:
        return
    try:
        a_s = sum(max(0.0, float(s["a_end"]) - float(s["a_start"])) for s in segments)
        b_s = sum(max(0.0, float(s["b_end"]) - float(s["b_start"])) for s in segments)
    except (KeyError, TypeError, ValueError):
        return  # not a comparison this version can read
    alterations = list(dict.fromkeys(str(x) for s in segments for x in s.get("alterations") or []))
    pairs[key] = Pair(by_sha[a], by_sha[b], {a: a_s, b: b_s}, alterations, order)


def _most_severe(views: list[ClipView], records: dict[str, dict]) -> dict[str, Any] | None:
    """The headline finding: the top severity, the strongest code among those, its clips."""
    found = [(SEVERITY_ORDER[f["severity"]], str(f.get("code")), v) for v in views
             for f in records[v.sha256].get("flags") or []
             if isinstance(f, dict) and f.get("severity") in SEVERITY_ORDER]  # fmt: skip
    if not found:
        return None
    top = max(rank for rank, _, _ in found)
    codes = [code for rank, code, _ in found if rank == top]
    code = next((c for c in FINDING_WORDS if c in codes), codes[0])
    clips = list({v.sha256: v for rank, c, v in found if rank == top and c == code}.values())
    severity = next(s for s, r in SEVERITY_ORDER.items() if r == top)
    words = FINDING_WORDS.get(code, str(code).replace("_", " "))
    return {"severity": severity, "code": code, "words": words, "clips": clips}


def _graph(views: list[ClipView], pairs: list[Pair]) -> dict[str, Any]:
    """An arc diagram: clips down one line in release order, each pair sharing footage joined
    by an arc on the left that bulges further the further apart the clips are in time, so arcs
    nest instead of crossing and their labels (at each apex) stay apart."""
    step, top = 64, 30
    bulge = {id(p): min(20 + 30 * abs(p.a.number - p.b.number), 230) for p in pairs}
    node_x = max(bulge.values(), default=0) + 60
    nodes = {v.sha256: {"clip": v, "x": node_x, "y": top + step * (v.number - 1),
                        "name": _short(v.name), "sub": _sub(v)} for v in views}  # fmt: skip
    edges: list[dict[str, Any]] = []
    for pair in pairs:
        a, b, k = nodes[pair.a.sha256], nodes[pair.b.sha256], bulge[id(pair)] * 4 / 3
        x, ya, yb = node_x, a["y"], b["y"]
        path = f"M{x} {ya} C{x - k:.1f} {ya} {x - k:.1f} {yb} {x} {yb}"
        stroke = 2 + min(5.0, max(pair.seconds.values()) / 8)
        apex = (node_x - bulge[id(pair)], (a["y"] + b["y"]) / 2)
        edges.append({"pair": pair, "path": path, "mx": apex[0], "my": apex[1], "stroke": stroke})
    text = max((max(len(n["name"]) * 11.5, len(n["sub"]) * 9) for n in nodes.values()), default=0)
    width = node_x + 30 + text  # room for the larger type of a phone screen
    return {
        "width": round(width),
        "height": top + step * max(len(views) - 1, 0) + 30,
        "nodes": list(nodes.values()),
        "edges": edges,
    }


def _sub(view: ClipView) -> str:
    return " · ".join(x for x in (_short(view.actor or "", 32), view.released) if x)


def _short(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
