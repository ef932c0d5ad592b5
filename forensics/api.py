"""The library's entry points: each command of the CLI is one of these calls, and each returns
a typed result (``forensics.analyze`` lives with its steps in :mod:`forensics.pipeline`).

    >>> import forensics
    >>> forensics.compare("a.mp4", "b.mp4").shared
    >>> forensics.search("clip.mp4", case="reports").matches
    >>> forensics.extract_claim("claim.md").facts
    >>> forensics.rebuild("reports").reports
    >>> forensics.export_hashes("reports").written
    >>> forensics.ingest(["export/"], case="case").added
    >>> forensics.analyze_batch(clips, "reports", index_dir="reports", jobs=2).failures
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from forensics.batch import analyze_batch
from forensics.case.export import HashExport, export_case_hashes
from forensics.case.index import INDEX_FILE, CaseIndex, IndexedClip
from forensics.case.search import CaseSearch
from forensics.case.search import search as search_case
from forensics.case.update import reuse_entry
from forensics.claims.facts import extract_claim as _extract_claim
from forensics.comparing import compare_clips
from forensics.errors import BadInputError
from forensics.ingest import Ingested
from forensics.ingest import ingest as _ingest
from forensics.outcomes import Batch, ClipOutcome
from forensics.records import ClaimFacts, Comparison, ReuseEntry
from forensics.report.compare import write_comparison
from forensics.report.rebuild import Rebuilt, rebuild_case
from forensics.verify import Verified, verify

__all__ = [
    "Batch",
    "ClipOutcome",
    "SearchResult",
    "Verified",
    "analyze_batch",
    "compare",
    "extract_claim",
    "ingest",
    "rebuild",
    "search",
    "verify",
    "write_compare_page",
]


@dataclass(frozen=True)
class SearchResult:
    """Where else in a case the footage of a clip appears, and how far the search reached."""

    clip: IndexedClip  # id -1 when the file is not in the index
    indexed: bool
    found: CaseSearch

    @property
    def entries(self) -> tuple[ReuseEntry, ...]:
        """Each match as a report lists it (no frame pairs: a search writes no report)."""
        return tuple(reuse_entry(m, None) for m in self.found.matches)


def compare(a: Path | str, b: Path | str, read_text: bool = True) -> Comparison:
    """Footage of clip ``a`` reused in clip ``b``: shared stretches and their alterations,
    among them (``read_text``, with an OCR engine) the on-screen text B adds over A's footage
    or does not show, read on the shared stretches' frames only."""
    return compare_clips(a, b, read_text)


def search(path: Path | str, case: Path | str = "reports") -> SearchResult:
    """Search the case indexed in folder ``case`` for the footage of ``path`` (indexed or not;
    a file not in the index is decoded for the search and not added)."""
    folder = Path(case)
    if not (folder / INDEX_FILE).is_file():
        raise BadInputError(f"{folder}: no case index here (run forensics analyze first)")
    clip, indexed, found = search_case(CaseIndex(folder), Path(path))
    return SearchResult(clip, indexed, found)


def write_compare_page(result: Comparison, out_dir: Path | str = "reports") -> Path:
    """Write the comparison page of ``result`` (``compare.html``, ``compare.json`` and frame
    pairs of both clips) into a folder under ``out_dir``; returns the page's path."""
    return write_comparison(result, out_dir)


def extract_claim(path: Path | str) -> ClaimFacts:
    """The facts a claim file asserts, each with its span in the file."""
    return _extract_claim(Path(path))


def rebuild(case: Path | str = "reports", out_dir: Path | str | None = None) -> Rebuilt:
    """Render every clip page of the case in folder ``case`` again from its stored record, and
    the case overview into ``out_dir`` (default: the case folder)."""
    return rebuild_case(Path(case), Path(out_dir) if out_dir is not None else Path(case))


def export_hashes(
    case: Path | str = "reports", out: Path | str | None = None, formats: str = "all"
) -> HashExport:
    """Write the hashes of every clip of the case in folder ``case`` for sharing, from the
    stored records (no decoding): vPDQ files, python-threatexchange signal lines and pHash
    tables (``formats``: ``vpdq``, ``te``, ``phash`` or ``all``), into ``out`` (default:
    ``hashes/`` in the case folder; with ``te`` alone, a file name writes just that file).
    A clip whose record cannot be read is left out and named in ``problems``."""
    return export_case_hashes(Path(case), Path(out) if out is not None else None, formats)


def ingest(paths: Sequence[Path | str], case: Path | str = "case") -> Ingested:
    """Add the clips of Telegram Desktop exports, yt-dlp downloads (``.info.json`` sidecars)
    and folders of media in ``paths`` to the case in folder ``case``: a ``case.toml`` entry
    per new clip, a claim file per post, missing media listed. Clips already ingested (by
    their stable key) are left as they are. Formats: docs/ingest.md."""
    return _ingest(paths, case)
