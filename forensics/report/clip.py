"""Write a clip's report folder: ``report.json``, ``report.html`` and its keyframe images.

The folder is built under a hidden staging name beside its destination and renamed into place
only when complete, so an interrupted or failed run never leaves a half-written report (and a
re-analysis replaces the old report in one step). Folder names come from the evidence's file
name, sanitised, plus the start of its SHA-256, so a hostile name cannot steer the output path.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from forensics.atomic import finish_replacing, replace_together
from forensics.errors import ReportWriteError
from forensics.media.frames import SCENE_THRESHOLD
from forensics.media.workdirs import owner_tag
from forensics.records import SEVERITY_ORDER, VERDICTS, AnalysisRecord, record_to_dict
from forensics.report.manifest import (
    MANIFEST,
    manifest_text,
    report_manifest,
    write_report_manifest,
)
from forensics.report.reuse_view import reuse_view

MAX_NAME = 48


def safe_name(filename: str, sha256: str) -> str:
    """A folder name made of letters, digits, ``-`` and ``_`` only (any script), plus a hash
    prefix that keeps two different files with the same name apart."""
    stem = unicodedata.normalize("NFC", Path(filename).stem)
    cleaned = "".join(c if c.isalnum() or c in "-_" else "_" for c in stem)
    cleaned = "_".join(part for part in cleaned.split("_") if part)[:MAX_NAME].strip("-_")
    return f"{cleaned or 'clip'}-{sha256[:12]}"


@contextmanager
def staged_folder(destination: Path) -> Iterator[Path]:
    """Yield an empty staging folder; on success it replaces ``destination`` atomically."""
    parent = destination.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        # Named after this process, so a later run can tell when a killed run left it behind
        # (media.workdirs.remove_leftovers).
        stage = Path(tempfile.mkdtemp(prefix=f".{destination.name}.{owner_tag()}.", dir=parent))
        stage.chmod(0o755)  # mkdtemp makes it private; a report is for reading
    except OSError as exc:
        raise ReportWriteError(f"{parent}: cannot create the report folder ({exc})") from None
    try:
        yield stage
        _swap_into_place(stage, destination)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise


def _swap_into_place(stage: Path, destination: Path) -> None:
    old = None
    try:
        if destination.exists():
            prefix = f".{destination.name}.old.{owner_tag()}."
            old = Path(tempfile.mkdtemp(prefix=prefix, dir=destination.parent))
            destination.rename(old / "report")
        stage.rename(destination)
    except OSError as exc:
        if old and not destination.exists():
            (old / "report").rename(destination)  # put the previous report back
        raise ReportWriteError(f"{destination}: cannot write the report ({exc})") from None
    finally:
        if old:
            shutil.rmtree(old, ignore_errors=True)


@cache  # one compiled set of templates per process, not one per page
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("forensics.report", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["seconds"] = format_seconds
    env.filters["bytes"] = format_bytes
    env.filters["safe_url"] = safe_url
    env.filters["path_url"] = path_url
    env.filters["breakable"] = breakable
    return env


def breakable(text: Any) -> Markup:
    """Escaped text that may wrap after ``_ - . /``: file names have no spaces to wrap at."""
    return Markup("<wbr>").join(escape(part) for part in re.split(r"(?<=[_\-./])", str(text)))


def path_url(path: str | None) -> str | None:
    """A relative file path as a link: a folder named with '#', '?' or '%' (or spaces) must not
    cut the link short."""
    return quote(path, safe="/") if path else path


def format_seconds(value: float | None) -> str:
    if value is None:
        return "—"
    minutes, seconds = divmod(float(value), 60)
    return f"{int(minutes)}:{seconds:06.3f}"


def format_bytes(value: int) -> str:
    size = float(value)
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{value} bytes"


def safe_url(value: str | None) -> str | None:
    """Only http(s) URLs become links; anything else (javascript:, data:) stays text."""
    if value and value.strip().lower().startswith(("http://", "https://")):
        return value.strip()
    return None


def render_html(record: AnalysisRecord, folder: Path | None = None) -> str:
    """The clip page. The template lays out the record's JSON shape, so the page shows what
    report.json holds and nothing else.

    ``folder`` is where the page will stand: a frame image of a shared stretch that is not
    there (the other clip's report was moved or deleted) becomes a line of text, not a
    broken image."""
    return _render(record_to_dict(record), record, folder)


def _render(data: dict[str, Any], record: AnalysisRecord, folder: Path | None) -> str:
    flags = sorted(data["flags"], key=lambda f: -SEVERITY_ORDER[f["severity"]])
    counts = {s: sum(f["severity"] == s for f in flags) for s in SEVERITY_ORDER}
    checks = data.get("checks") or []
    claims = [
        {
            "c": claim,
            "marked": marked_text(claim["text"], claim.get("facts") or []),
            "checks": [k for k in checks if k["claim"] == number],
        }
        for number, claim in enumerate(data["claims"])
    ]
    verdicts = {v: sum(k["verdict"] == v for k in checks) for v in VERDICTS}
    template = environment().get_template("clip.html")
    onscreen_claims = [{"c": c, "marked": marked_text(c["text"], c["facts"])}
                       for c in data.get("onscreen_claims") or []]  # fmt: skip
    return template.render(
        r=data, flags=flags, counts=counts, scene_threshold=SCENE_THRESHOLD, claims=claims,
        clip_checks=[k for k in checks if k["claim"] is None], verdicts=verdicts,
        reuse=[reuse_view(entry, folder) for entry in record.reuse],
        onscreen_claims=onscreen_claims, hud=hud_summary(data.get("onscreen_telemetry") or []),
        onscreen_checks=[k for k in checks if k["check"] in ONSCREEN_CHECKS],
    )  # fmt: skip


ONSCREEN_CHECKS = ("caption_place_vs_gps", "caption_place_vs_hud", "caption_place_vs_claim",
                   "hud_date_vs_creation", "hud_date_vs_claim", "onscreen_channel")  # fmt: skip


def hud_summary(telemetry: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """What the HUD showed, in a line: how many positions (the first and last), the altitudes'
    range, the days and clocks; None without telemetry."""
    if not telemetry:
        return None
    points = [t for t in telemetry if t["lat"] is not None]
    alts = [t["alt_m"] for t in telemetry if t["alt_m"] is not None]
    timed = [t for t in telemetry if t["date"] or t["clock"]]
    whole = [t for t in timed if t["date"] and t["clock"]] or timed  # a date with its clock first
    clocks = sorted(" ".join(filter(None, (t["date"], t["clock"], t["zone"]))) for t in whole)
    return {"points": points, "first": points[0] if points else None,
            "last": points[-1] if points else None, "alt": (min(alts), max(alts)) if alts else None,
            "alts": len(alts), "times": (clocks[0], clocks[-1]) if clocks else None,
            "clocks": len(timed)}  # fmt: skip


def marked_text(text: str, facts: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The claim text as a tree of plain pieces (``{"text"}``) and marked facts (``{"fact",
    "index", "first", "label", "children"}``), for the template to render with every piece
    escaped.

    Facts nest (a statement holds the actor and the date inside it); a fact that crosses the
    end of another is cut there and marked in two pieces, the label on the last. A fact whose
    span does not hold its text (a hand-edited record) is left unmarked."""
    spans = [
        (f["start"], f["end"], i, True)
        for i, f in enumerate(facts)
        if 0 <= f["start"] < f["end"] <= len(text) and text[f["start"] : f["end"]] == f["text"]
    ]
    return _marked(text, facts, spans, 0, len(text))


_Span = tuple[int, int, int, bool]  # start, end, fact index, whether the fact ends here


def _marked(
    text: str, facts: Sequence[dict[str, Any]], spans: list[_Span], lo: int, hi: int
) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = []
    pos = lo
    spans = sorted(spans, key=_outer_first)
    while spans:
        (start, end, index, last), rest = spans[0], spans[1:]
        inner = [s for s in rest if s[0] < end]
        # a fact crossing ``end`` is cut there: its first piece inside, the rest after
        inside = [(s, min(e, end), i, ends and e <= end) for s, e, i, ends in inner]
        after = [(end, e, i, ends) for _, e, i, ends in inner if e > end]
        after += [s for s in rest if s[0] >= end]
        if start > pos:
            nodes.append({"text": text[pos:start]})
        label = fact_label(facts[index]) if last else None
        children = _marked(text, facts, inside, start, end)
        first = start == facts[index]["start"]  # the piece that carries the fact's anchor
        nodes.append({"fact": facts[index], "index": index, "first": first, "label": label,
                      "children": children})  # fmt: skip
        pos, spans = end, sorted(after, key=_outer_first)
    if pos < hi:
        nodes.append({"text": text[pos:hi]})
    return nodes


def _outer_first(span: _Span) -> tuple[int, int]:
    return span[0], -span[1]


def fact_label(fact: dict[str, Any]) -> str:
    """The kind of a fact, and its value where that says more than the text does."""
    value = fact.get("value")
    if fact["kind"] == "duration" and isinstance(value, int | float):
        shown = f"{value:g} s"
    elif fact["kind"] == "statement":
        shown = f"by {value}"
    else:
        shown = str(value)
    same = shown.casefold() == str(fact.get("text", "")).casefold()
    return fact["kind"] if same or not shown else f"{fact['kind']}: {shown}"


def write_report(stage: Path, record: AnalysisRecord) -> dict[str, Any]:
    """Write JSON and HTML into the staging folder; returns the JSON dict."""
    data = record_to_dict(record)
    try:
        (stage / "report.json").write_text(_json(data), encoding="utf-8")
        (stage / "report.html").write_text(_render(data, record, stage), encoding="utf-8")
    except OSError as exc:
        raise ReportWriteError(f"{stage}: cannot write the report ({exc})") from None
    write_report_manifest(stage)  # last: it covers every other file of the folder
    return data


def rewrite_report(folder: Path, record: AnalysisRecord) -> None:
    """Replace an existing report's JSON, page and manifest together (forensics.atomic:
    all three or none, even if the run is stopped halfway). Call it under the case lock."""
    finish_replacing(folder)  # what a stopped run committed comes first
    data = record_to_dict(record)
    pages = {"report.json": _json(data), "report.html": _render(data, record, folder)}
    pages[MANIFEST] = manifest_text(report_manifest(folder, pages))
    replace_together(folder, pages, "cannot rewrite the report")


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
