"""Manifests: every file an output folder holds, with its size and SHA-256, written last.

A clip's report folder gets ``manifest.json`` listing report.json, report.html and every image,
so a reader can show later that nothing in it changed since it was written (``forensics
verify``). A case's reports folder gets one too, listing the overview, a snapshot of the case
index (``case-index.json``: the clips and what comparing them found) and each report folder's
own manifest: one hash at the top covers the case.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from forensics.atomic import JOURNAL, write_atomic
from forensics.case.index import CaseIndex
from forensics.media.identity import utc_iso
from forensics.provenance import tool_dict

MANIFEST = "manifest.json"
SNAPSHOT = "case-index.json"
SCHEMA = "forensics.manifest/1"
CHUNK = 1 << 20


def file_entry(path: Path, folder: Path) -> dict[str, Any]:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            sha.update(chunk)
    relative = Path(os.path.relpath(path, folder)).as_posix()
    return {"path": relative, "size": path.stat().st_size, "sha256": sha.hexdigest()}


def text_entry(name: str, text: str) -> dict[str, Any]:
    """The entry of a file about to be written with ``text`` (UTF-8)."""
    data = text.encode("utf-8")
    return {"path": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def report_files(folder: Path) -> Iterator[Path]:
    """Every file of a report folder but the manifest itself and the tool's hidden working
    files (half-written temporaries, a replacement journal)."""
    for path in sorted(folder.rglob("*")):
        working = path.name.endswith(".part") or path.name == JOURNAL
        if path.is_file() and path.name != MANIFEST and not working:
            yield path


def write_report_manifest(folder: Path) -> Path:
    """Write (replace) ``manifest.json`` of a report folder, covering every other file."""
    return _write(folder, report_manifest(folder))


def report_manifest(folder: Path, replacing: dict[str, str] | None = None) -> dict[str, Any]:
    """The manifest of a report folder as it will be once the top-level files named in
    ``replacing`` hold their new text (the rest is hashed as it is on disk)."""
    replacing = replacing or {}
    on_disk = [p for p in report_files(folder) if p.relative_to(folder).as_posix() not in replacing]
    files = [file_entry(p, folder) for p in on_disk]
    files += [text_entry(name, text) for name, text in replacing.items()]
    return {"schema": SCHEMA, "kind": "report", "written_utc": utc_iso(), "tool": tool_dict(),
            "files": sorted(files, key=lambda f: str(f["path"]))}  # fmt: skip


def manifest_text(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_case_manifest(index: CaseIndex, out_dir: Path) -> Path:
    """The case snapshot and the case manifest in ``out_dir`` (beside the overview). Call it
    under the index's write lock, after the overview: the last writer hashes what is there."""
    snapshot = out_dir / SNAPSHOT
    write_atomic(
        snapshot, json.dumps(case_snapshot(index, out_dir), indent=2, ensure_ascii=False) + "\n"
    )
    covered = [p for p in (out_dir / "index.html", snapshot) if p.is_file()]
    for clip in index.clips(pending=False):
        own = Path(clip.report_dir) / MANIFEST if clip.report_dir else None
        if own is not None and own.is_file():
            covered.append(own)
    files = [file_entry(p, out_dir) for p in covered]
    return _write(out_dir, {"schema": SCHEMA, "kind": "case", "written_utc": utc_iso(),
                            "tool": tool_dict(), "files": files})  # fmt: skip


def case_snapshot(index: CaseIndex, out_dir: Path) -> dict[str, Any]:
    """What the case index holds, without the features: which clips, and what comparing each
    pair found (A and B by SHA-256)."""
    clips = index.clips(pending=False)
    sha = {c.id: c.sha256 for c in clips}
    return {
        "schema": "forensics.case-index/1",
        "clips": [{"sha256": c.sha256, "name": c.name, "actor": c.actor, "released": c.released,
                   "duration_s": c.duration_s, "added_at": c.added_at,
                   "report": _relative(c.report_dir, out_dir)} for c in clips],
        "comparisons": sorted(
            ({"a": sha.get(s.a_id), "b": sha.get(s.b_id), "shared": s.comparison.shared,
              "stretches": len(s.comparison.stretches)} for s in index.reuse()),
            key=lambda c: (str(c["a"]), str(c["b"])),
        ),
    }  # fmt: skip


def _relative(path: str | None, base: Path) -> str | None:
    if not path:
        return None
    try:
        return Path(os.path.relpath(path, base)).as_posix()
    except ValueError:  # another drive
        return path


def _write(folder: Path, data: dict[str, Any]) -> Path:
    target = folder / MANIFEST
    write_atomic(target, manifest_text(data))
    return target
