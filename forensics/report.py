"""Write a clip's report folder: ``report.json``, ``report.html`` and its keyframe images.

The folder is built under a hidden staging name beside its destination and renamed into place
only when complete, so an interrupted or failed run never leaves a half-written report (and a
re-analysis replaces the old report in one step). Folder names come from the evidence's file
name, sanitised, plus the start of its SHA-256, so a hostile name cannot steer the output path.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from .errors import ReportWriteError
from .frames import SCENE_THRESHOLD
from .models import SEVERITY_ORDER, AnalysisRecord
from .schema import record_to_dict

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
        stage = Path(tempfile.mkdtemp(prefix=f".{destination.name}.", dir=parent))
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
            old = Path(tempfile.mkdtemp(prefix=f".{destination.name}.old.", dir=destination.parent))
            destination.rename(old / "report")
        stage.rename(destination)
    except OSError as exc:
        if old and not destination.exists():
            (old / "report").rename(destination)  # put the previous report back
        raise ReportWriteError(f"{destination}: cannot write the report ({exc})") from None
    finally:
        if old:
            shutil.rmtree(old, ignore_errors=True)


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("forensics", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["seconds"] = format_seconds
    env.filters["bytes"] = format_bytes
    env.filters["safe_url"] = safe_url
    return env


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


def render_html(data: dict[str, Any]) -> str:
    """The clip page, from the JSON record alone (so a report can be rebuilt from its JSON)."""
    flags = sorted(data["flags"], key=lambda f: -SEVERITY_ORDER[f["severity"]])
    counts = {s: sum(f["severity"] == s for f in flags) for s in SEVERITY_ORDER}
    template = environment().get_template("clip.html")
    return template.render(r=data, flags=flags, counts=counts, scene_threshold=SCENE_THRESHOLD)


def write_report(stage: Path, record: AnalysisRecord) -> dict[str, Any]:
    """Write JSON and HTML into the staging folder; returns the JSON dict."""
    data = record_to_dict(record)
    try:
        (stage / "report.json").write_text(_json(data), encoding="utf-8")
        (stage / "report.html").write_text(render_html(data), encoding="utf-8")
    except OSError as exc:
        raise ReportWriteError(f"{stage}: cannot write the report ({exc})") from None
    return data


def rewrite_report(folder: Path, data: dict[str, Any]) -> None:
    """Replace an existing report's JSON and HTML, each file atomically (write, then rename)."""
    for name, content in (("report.json", _json(data)), ("report.html", render_html(data))):
        temporary = folder / f".{name}.part"
        try:
            temporary.write_text(content, encoding="utf-8")
            os.replace(temporary, folder / name)
        except OSError as exc:
            temporary.unlink(missing_ok=True)
            raise ReportWriteError(f"{folder / name}: cannot rewrite the report ({exc})") from None


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
