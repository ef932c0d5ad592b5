"""Rebuild a case's pages from the stored records, without re-analysing any clip.

Every clip report is rendered again from the record its ``report.json`` holds (so a newer
template, or checks that changed since, reach old reports), then the case overview is written.
A clip whose report folder is gone is named, not silently skipped: its report can only come
back by analysing the clip again, since its thumbnails went with the folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from forensics.case.index import INDEX_FILE, CaseIndex
from forensics.claims.checks import apply_checks
from forensics.custody import event, with_event
from forensics.errors import BadInputError, ForensicsError, RecordError
from forensics.media.workdirs import remove_leftovers
from forensics.records import read_record
from forensics.report.clip import rewrite_report
from forensics.report.manifest import write_case_manifest
from forensics.report.overview import write_overview


@dataclass(frozen=True)
class Rebuilt:
    reports: tuple[Path, ...]  # report folders written again
    problems: tuple[str, ...]  # one line per clip whose report could not be rebuilt
    overview: Path


def rebuild_case(index_dir: Path, out_dir: Path) -> Rebuilt:
    """Render every clip report of the case index in ``index_dir`` and the overview in
    ``out_dir``, under the index's write lock so no analysis changes a report meanwhile."""
    if not (index_dir / INDEX_FILE).is_file():
        raise BadInputError(f"{index_dir}: no case index here (run forensics analyze first)")
    index = CaseIndex(index_dir)
    # What runs killed earlier left beside the report folders (media.workdirs).
    remove_leftovers({out_dir, *(Path(c.report_dir).parent for c in index.clips() if c.report_dir)})
    reports: list[Path] = []
    problems: list[str] = []
    with index.exclusive():
        for clip in index.clips(pending=False):
            folder = Path(clip.report_dir) if clip.report_dir else None
            problem = _rebuild_one(folder) if folder else "analysed without a report folder"
            if problem:
                problems.append(f"{clip.name}: {problem}")
            elif folder:
                reports.append(folder)
    index.shortlist_tables(rebuild=True)  # the search's tables made again, one segment
    with index.exclusive():  # no run adds a clip between the page and its manifest
        overview = write_overview(index_dir, out_dir)
        write_case_manifest(index, out_dir)
    return Rebuilt(tuple(reports), tuple(problems), overview)


def _rebuild_one(folder: Path) -> str | None:
    """Render one report again; a sentence saying why not, or None when it was rewritten."""
    source = folder / "report.json"
    if not source.is_file():
        return f"report folder {folder} is gone or has no report.json: analyse the clip again"
    try:
        record = read_record(source)
    except RecordError as exc:
        return f"{source} is not a forensics report record: analyse the clip again ({exc})"
    try:
        again = event(
            "re-rendered",
            ("forensics.report.rebuild.rebuild_case", str(folder)),
            note="pages rendered again from the stored record, checks recomputed",
        )
        rewrite_report(folder, with_event(apply_checks(record), again))
    except ForensicsError as exc:  # one unwritable report must not stop the others
        return f"{source} cannot be rebuilt ({exc})"
    return None
