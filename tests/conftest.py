from pathlib import Path

import pytest

from forensics.media.toolchain import _find_toolchain

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture(autouse=True)
def _fresh_toolchain():
    """Each test sees the toolchain its own environment selects (FORENSICS_FFMPEG)."""
    _find_toolchain.cache_clear()
    yield
    _find_toolchain.cache_clear()


@pytest.fixture(scope="session")
def sample_case(tmp_path_factory):
    """The bundled sample case analysed in the case file's order into one folder holding the
    case index, as ``analyze`` leaves it: ``(folder, {file name: AnalysisResult})``. Shared by
    every test that reads the samples' reports; none may change them."""
    if not (SAMPLES / "case.toml").is_file():
        pytest.skip("sample case not built")
    from forensics import analyze
    from forensics.case.casefile import load_case

    out = tmp_path_factory.mktemp("samples")
    results = {Path(e.path).name: analyze(e.path, out, index_dir=out)
               for e in load_case(SAMPLES / "case.toml")}  # fmt: skip
    return out, results
