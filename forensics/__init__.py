"""forensics: a media-forensics workbench for claimed combat videos.

Library first: each command is a function here, returning a typed result --
``analyze`` (``analyze_batch`` for many clips), ``compare``, ``search``, ``extract_claim``,
``rebuild`` (``forensics report``) and ``ingest``;
the records they return are in :mod:`forensics.records`.
"""

import importlib
import os

# FAISS searches with OpenMP threads that spin while they wait: with another busy process on
# a 2-core machine (a second analysis, a decode) spinning made one search 7x slower, measured.
# Must be set before the OpenMP runtime starts, so before anything imports faiss.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

# The library is loaded on first use of a name (PEP 562), not on "import forensics": every
# process (the CLI's --help, each test worker, each batch worker) paid 1.2-2 s importing numpy,
# faiss, OpenCV and the claim vocabulary before it did anything.
_HOME = {
    "AnalysisResult": "forensics.pipeline",
    "BadInputError": "forensics.errors",
    "Batch": "forensics.api",
    "ClipOutcome": "forensics.api",
    "ForensicsError": "forensics.errors",
    "ReportWriteError": "forensics.errors",
    "SearchResult": "forensics.api",
    "ToolMissingError": "forensics.errors",
    "Verified": "forensics.api",
    "__version__": "forensics.version",
    "analyze": "forensics.pipeline",
    "analyze_batch": "forensics.api",
    "compare": "forensics.api",
    "export_hashes": "forensics.api",
    "extract_claim": "forensics.api",
    "ingest": "forensics.api",
    "rebuild": "forensics.api",
    "search": "forensics.api",
    "verify": "forensics.api",
}


def __getattr__(name: str) -> object:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'forensics' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # once: later look-ups do not come back here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


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
