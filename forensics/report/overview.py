"""The case overview page (``index.html``): every clip of a case, the footage they share, and
when each was made, released and written about, on one page an investigator takes in at once.

Built from the case index and, per clip, its live ``report.json``: a report is rewritten when a
later clip finds shared footage, so it knows more than the record the index kept at analysis
time. When a report folder is gone the index record stands in, and the page says so. Everything
is drawn server-side (inline SVG, inline CSS, no script), so the page reads offline from
``file://``, with JavaScript off, on a phone and on paper.
"""

from __future__ import annotations

import os
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from forensics.atomic import write_atomic
from forensics.case.index import INDEX_FILE, CaseIndex, IndexedClip, StoredComparison
from forensics.claims.checks import footage_releaser
from forensics.claims.checks import side_of as checks_side_of
from forensics.claims.checks.opposing import opposed
from forensics.claims.facts import default_vocabulary
from forensics.errors import BadInputError, CaseIndexError, RecordError, ReportWriteError
from forensics.provenance import tool_info
from forensics.records import (
    SEVERITY_ORDER,
    AnalysisRecord,
    Comparison,
    Flag,
    StillMatch,
    read_record,
)
from forensics.report.chronology import chronology, timeline
from forensics.report.clip import ONSCREEN_CHECKS, environment
from forensics.report.clipview import ClipView

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


@dataclass
class Lead:
    """Two clips that share no footage but match on what stays still in both (``StillMatch``):
    the same place or camera at another moment, or the same graphics over other footage."""

    a: ClipView
    b: ClipView
    still: StillMatch

    @property
    def what(self) -> str:
        return "same place or camera" if self.still.kind == "place" else "same graphics"


def write_overview(index_dir: Path, out_dir: Path) -> Path:
    """Write ``out_dir/index.html`` for the case indexed in ``index_dir``; return its path.
    The file is replaced atomically, so a reader never sees half a page."""
    out_dir, index_dir = Path(out_dir), Path(index_dir)
    if not (index_dir / INDEX_FILE).is_file():  # opening one would create an empty case
        raise CaseIndexError(f"{index_dir / INDEX_FILE}: no case index to build an overview from")
    try:
        html = render_overview(overview_context(CaseIndex(index_dir, create=False), out_dir))
    except sqlite3.Error as exc:
        raise CaseIndexError(f"{index_dir / INDEX_FILE}: cannot read the case ({exc})") from None
    target = out_dir / OVERVIEW_FILE
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportWriteError(f"{target}: cannot write the case overview ({exc})") from None
    return write_atomic(target, html, "cannot write the case overview")


def render_overview(context: dict[str, Any]) -> str:
    return environment().get_template(OVERVIEW_FILE).render(**context)


def overview_context(index: CaseIndex, out_dir: Path) -> dict[str, Any]:
    """Everything the page shows, laid out: clips, pairs, graph and chronology geometry."""
    rows = sorted(
        index.clips(pending=False), key=lambda c: (c.released or "9999", c.name, c.sha256)
    )
    records: dict[str, AnalysisRecord | None] = {}
    views: list[ClipView] = []
    for number, clip in enumerate(rows, 1):
        record, missing = _live_record(index, clip)
        records[clip.sha256] = record
        views.append(_clip_view(number, clip, record, missing, out_dir.resolve()))
    stored = _StoredComparisons(index)
    pairs = _pairs(stored, views, records)
    leads = _leads(stored, views, pairs)
    moments = chronology(views, records)
    titles = Counter(r.case.title for r in records.values() if r and r.case and r.case.title)
    return {
        "title": titles.most_common(1)[0][0] if titles else None,
        "clips": views,
        "pairs": pairs,
        "leads": leads,
        "finding": _most_severe(views, records),
        "graph": _graph(views, pairs),
        "moments": moments,
        "timeline": timeline(views, moments),
        "sides": [SIDES[s] for s in SIDES if any(v.side == s for v in views)],
        "sides_label": {s: label for s, (label, _) in SIDES.items()},
        "sides_colour": {s: colour for s, (_, colour) in SIDES.items()},
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "tool": tool_info(),
    }


def _live_record(index: CaseIndex, clip: IndexedClip) -> tuple[AnalysisRecord | None, str | None]:
    """The clip's report.json when it is there and is this clip's; else the index record
    (None when that cannot be read either)."""
    if not clip.report_dir:
        return _indexed(index, clip), "analysed without a report folder"
    path = Path(clip.report_dir) / "report.json"
    try:
        record = read_record(path)
        if record.file.sha256 == clip.sha256:
            return record, None
        why = "its report folder now holds another file's report"
    except RecordError:
        why = "its report folder is gone" if not path.exists() else "its report.json cannot be read"
    return _indexed(index, clip), why


def _indexed(index: CaseIndex, clip: IndexedClip) -> AnalysisRecord | None:
    try:
        return index.record(clip.id)
    except RecordError:
        return None


def _clip_view(number: int, clip: IndexedClip, record: AnalysisRecord | None,
               missing: str | None, out_dir: Path) -> ClipView:  # fmt: skip
    flags = record.flags if record else ()
    counts = {s: sum(f.severity == s for f in flags) for s in reversed(SEVERITY_ORDER)}
    worst = next((s for s, n in counts.items() if n), None)
    verdicts = Counter(c.verdict for c in (record.checks if record else ()))
    onscreen = Counter(c.verdict for c in (record.checks if record else ())
                       if c.check in ONSCREEN_CHECKS)  # fmt: skip
    report_dir = Path(clip.report_dir) if clip.report_dir and not missing else None
    case = record.case if record else None
    actor = clip.actor or (case.actor if case else None)
    forwarded = case.forwarded_from if case else None  # its footage is that channel's release
    media = record.media if record else None
    return ClipView(
        number=number, sha256=clip.sha256, name=clip.name,
        report=_link(report_dir / "report.html", out_dir) if report_dir else None,
        thumbnail=_thumbnail(record, report_dir, out_dir) if report_dir and record else None,
        actor=actor, side=side_of(footage_releaser(actor, forwarded)), forwarded_from=forwarded,
        released=clip.released or (case.released if case else None),
        duration=_duration(clip.duration_s or (media.duration_s if media else None),
                           media.kind if media else None),
        flag_counts=counts, worst=worst,
        verdicts={v: verdicts[v] for v in sorted(verdicts, key=_verdict_rank)},
        created=record.metadata.creation_time if record else None, missing=missing,
        onscreen=onscreen_said(record) if record else None,
        onscreen_verdicts={v: onscreen[v] for v in sorted(onscreen, key=_verdict_rank)},
    )  # fmt: skip


def onscreen_said(record: AnalysisRecord) -> str | None:
    """What the clip's picture names, in a line: the places its captions name, the days its
    HUD shows; None when it names neither."""
    places = dict.fromkeys(str(f.value) for c in record.onscreen_claims for f in c.facts
                           if f.kind == "place")  # fmt: skip
    days = sorted({t.date for t in record.onscreen_telemetry if t.date})
    said = ([f"captions name {', '.join(places)}"] if places else []) + (
        [f"the HUD shows {', '.join(days)}"] if days else [])  # fmt: skip
    return "; ".join(said) or None


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


def _thumbnail(record: AnalysisRecord, report_dir: Path, out_dir: Path) -> str | None:
    """The first keyframe that shows something (the first is often a black fade-in)."""
    blank = [f.time.seconds for f in record.frames if not f.informative]
    useful = [k for k in record.keyframes if k.phash.strip("0f")
              and not any(abs(t - k.time.seconds) < 0.25 for t in blank)]  # fmt: skip
    for keyframe in useful + list(record.keyframes):
        image = PurePosixPath(keyframe.image)
        if not image.is_absolute() and ".." not in image.parts:  # stays inside the folder
            link = _link(report_dir / image, out_dir)
            if link:
                return link
    return None


def _duration(seconds: float | None, kind: str | None) -> str:
    if kind == "image":
        return "still"
    if not isinstance(seconds, int | float):
        return "—"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"


class _StoredComparisons:
    """The comparisons the case index stores, read once, and each clip id's SHA-256."""

    def __init__(self, index: CaseIndex) -> None:
        self.sha_of: dict[int, str] = {c.id: c.sha256 for c in index.clips()}
        self.comparisons: list[StoredComparison] = index.reuse()

    def by_sha(self) -> Iterator[tuple[str, str, Comparison]]:
        """(A's SHA-256, B's, the comparison) for each stored comparison of two known clips."""
        for stored in self.comparisons:
            first, second = self.sha_of.get(stored.a_id), self.sha_of.get(stored.b_id)
            if first and second:
                yield first, second, stored.comparison


def _pairs(stored: _StoredComparisons, views: list[ClipView],
           records: dict[str, AnalysisRecord | None]) -> list[Pair]:  # fmt: skip
    """Shared footage, one pair per two clips however many reports list it: the live reports
    first, then the comparisons the index stored (for a clip whose report is gone)."""
    by_sha = {v.sha256: v for v in views}
    pairs: dict[frozenset[str], Pair] = {}
    for sha, record in records.items():
        for entry in record.reuse if record else ():
            other = entry.other.sha256
            a, b = (sha, other) if entry.this_side == "a" else (other, sha)
            _add_pair(pairs, by_sha, a, b, entry.comparison, entry.order)
    for first, second, comparison in stored.by_sha():
        if comparison.shared:
            _add_pair(pairs, by_sha, first, second, comparison, None)
    return sorted(pairs.values(), key=lambda p: (p.a.number, p.b.number))


def _leads(stored: _StoredComparisons, views: list[ClipView], pairs: list[Pair]) -> list[Lead]:
    """The stored comparisons of two clips that share no footage (in no direction) but a
    still layer, one per two clips, as the clip reports' low findings name them."""
    by_sha = {v.sha256: v for v in views}
    shared = {frozenset((p.a.sha256, p.b.sha256)) for p in pairs}
    leads: dict[frozenset[str], Lead] = {}
    for first_sha, second_sha, comparison in stored.by_sha():
        a, b, still = by_sha.get(first_sha), by_sha.get(second_sha), comparison.still_match
        if a is None or b is None or still is None or a is b:
            continue
        key = frozenset((a.sha256, b.sha256))
        if key not in shared and key not in leads:
            first, second = sorted((a, b), key=lambda v: v.number)
            frames = still.frames if first is a else still.frames[::-1]
            leads[key] = Lead(first, second, replace(still, frames=frames))
    return sorted(leads.values(), key=lambda lead: (lead.a.number, lead.b.number))


def _add_pair(pairs: dict[frozenset[str], Pair], by_sha: dict[str, ClipView], a: str, b: str,
              comparison: Comparison, order: str | None) -> None:  # fmt: skip
    key = frozenset((a, b))
    segments = [s.segment for s in comparison.stretches]
    if key in pairs or a not in by_sha or b not in by_sha or a == b or not segments:
        return
    a_s = sum(max(0.0, s.a_end - s.a_start) for s in segments)
    b_s = sum(max(0.0, s.b_end - s.b_start) for s in segments)
    alterations = list(dict.fromkeys(x for s in comparison.stretches for x in s.alterations))
    pairs[key] = Pair(by_sha[a], by_sha[b], {a: a_s, b: b_s}, alterations, order)


def _most_severe(views: list[ClipView], records: dict[str, AnalysisRecord | None]
                 ) -> dict[str, Any] | None:  # fmt: skip
    """The headline finding: the top severity, the strongest code among those, its clips."""
    found = [(SEVERITY_ORDER[f.severity], f.code, v) for v in views
             for f in _flags(records[v.sha256])]  # fmt: skip
    if not found:
        return None
    top = max(rank for rank, _, _ in found)
    codes = [code for rank, code, _ in found if rank == top]
    code = next((c for c in FINDING_WORDS if c in codes), codes[0])
    clips = list({v.sha256: v for rank, c, v in found if rank == top and c == code}.values())
    severity = next(s for s, r in SEVERITY_ORDER.items() if r == top)
    words = FINDING_WORDS.get(code, str(code).replace("_", " "))
    return {"severity": severity, "code": code, "words": words, "clips": clips}


def _flags(record: AnalysisRecord | None) -> tuple[Flag, ...]:
    return record.flags if record else ()


def _graph(views: list[ClipView], pairs: list[Pair]) -> dict[str, Any]:
    """An arc diagram: clips down one line in release order, each pair sharing footage joined
    by an arc on the left that bulges further the further apart the clips are in time, so arcs
    nest instead of crossing and their labels (at each apex) stay apart."""
    step, top = 64, 30
    bulge = {id(p): min(20 + 30 * abs(p.a.number - p.b.number), 230) for p in pairs}
    node_x = max(bulge.values(), default=0) + 60
    nodes: dict[str, dict[str, Any]] = {
        v.sha256: {"clip": v, "x": node_x, "y": top + step * (v.number - 1),
                   "name": _short(v.name), "sub": _sub(v)} for v in views
    }  # fmt: skip
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
