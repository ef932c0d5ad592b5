"""The bundled sample case analysed as the tests see it, shared by the ``sample_case`` fixture
(tests/conftest.py) and the golden-file script (tests/golden/regenerate.py), so the golden files
are made exactly as the tests analyse."""

from __future__ import annotations

from pathlib import Path

from forensics import AnalysisResult, analyze
from forensics.case.casefile import load_case

REPO = Path(__file__).resolve().parents[2]
CASE_FILE = REPO / "samples" / "case.toml"
GOLDEN = Path(__file__).resolve().parent / "sample_case"


def analyse_sample_case(out: Path) -> dict[str, AnalysisResult]:
    """Every clip of the case file, in its order, analysed into ``out``, which also holds the
    case index: ``{file name: AnalysisResult}``. A later clip may add to an earlier report."""
    return {Path(e.path).name: analyze(e.path, out, index_dir=out)
            for e in load_case(CASE_FILE)}  # fmt: skip


def golden_file(name: str) -> Path:
    """Where the golden, masked ``report.json`` of the clip file ``name`` is kept."""
    return GOLDEN / f"{name}.json"
