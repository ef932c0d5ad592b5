"""forensics: a media-forensics workbench for claimed combat videos.

Library first: each command is a function here, returning a typed result --
``analyze`` (``analyze_batch`` for many clips), ``compare``, ``search``, ``extract_claim``,
``rebuild`` (``forensics report``) and ``ingest``;
the records they return are in :mod:`forensics.records`.
"""

import os

# FAISS searches with OpenMP threads that spin while they wait: with another busy process on
# a 2-core machine (a second analysis, a decode) spinning made one search 7x slower, measured.
# Must be set before the OpenMP runtime starts, so before anything imports faiss.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from forensics.api import (
    Batch,
    ClipOutcome,
    SearchResult,
    Verified,
    analyze_batch,
    compare,
    export_hashes,
    extract_claim,
    ingest,
    rebuild,
    search,
    verify,
)
from forensics.errors import BadInputError, ForensicsError, ReportWriteError, ToolMissingError
from forensics.pipeline import AnalysisResult, analyze
from forensics.version import __version__

__all__ = [
    "AnalysisResult",
    "BadInputError",
    "Batch",
    "ClipOutcome",
    "ForensicsError",
    "ReportWriteError",
    "SearchResult",
    "ToolMissingError",
    "Verified",
    "__version__",
    "analyze",
    "analyze_batch",
    "compare",
    "export_hashes",
    "extract_claim",
    "ingest",
    "rebuild",
    "search",
    "verify",
]
