import dataclasses
import fcntl
import logging
import os
import pickle
import shutil
from pathlib import Path

import pytest

from forensics.media.toolchain import _find_toolchain

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
pytest_plugins = ["pytester"]  # tests/test_fixtures.py runs a test session inside a test


@pytest.fixture(autouse=True)
def _fresh_toolchain():
    """Each test sees the toolchain its own environment selects (FORENSICS_FFMPEG)."""
    _find_toolchain.cache_clear()
    yield
    _find_toolchain.cache_clear()


# --- no test may log an error under ``forensics`` unless it says it expects one ----------------


class ErrorLogRecorder(logging.Handler):
    """Keeps every record at ERROR or above that reaches the ``forensics`` logger, whoever else
    (caplog included) is listening."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def error_log_failure(records: list[logging.LogRecord]) -> str | None:
    """What to fail a test with when ``records`` (errors under ``forensics``) is not empty."""
    if not records:
        return None
    lines = [f"  {r.levelname} {r.name}: {r.getMessage()}" for r in records]
    return "\n".join(["logged at ERROR or above under 'forensics' (mark the test "
                      "@pytest.mark.allow_error_log if it expects this):", *lines])  # fmt: skip


@pytest.fixture(scope="session", autouse=True)
def _error_log_recorder():
    """One handler for the whole session, so an error logged while a session or module fixture
    is set up for a test is charged to that test too."""
    recorder = ErrorLogRecorder()
    logger = logging.getLogger("forensics")
    logger.addHandler(recorder)
    yield recorder
    logger.removeHandler(recorder)


@pytest.fixture(autouse=True)
def _no_error_logs(request, _error_log_recorder):
    """Fail the test if anything under ``forensics`` logged an error since the previous test's
    end (PySceneDetect's habit): an error a stage logs and carries on from is still a bug."""
    yield
    records, _error_log_recorder.records = _error_log_recorder.records, []
    failure = error_log_failure(records)
    if failure and not request.node.get_closest_marker("allow_error_log"):
        pytest.fail(failure, pytrace=False)


# --- the bundled sample case, analysed once --------------------------------------------------


@pytest.fixture(scope="session")
def sample_case(request, tmp_path_factory):
    """The bundled sample case analysed in the case file's order into one folder holding the
    case index, as ``analyze`` leaves it: ``(folder, {file name: AnalysisResult})``. Shared by
    every test that reads the samples' reports; none may change them (``sample_case_copy``).

    Under pytest-xdist the workers of one run share it too: the first to need it analyses it
    (minutes of CPU on a loaded machine) and keeps the results beside it; the others wait for
    that and read them, rather than each analysing the same four clips again."""
    if not (SAMPLES / "case.toml").is_file():
        pytest.skip("sample case not built")
    # An xdist worker's temp folder is popen-gwN inside the run's, which the controller makes
    # anew each run (emptied if given as --basetemp): no earlier run's results are found there.
    shared = hasattr(request.config, "workerinput")
    root = tmp_path_factory.getbasetemp()
    return analysed_once(root.parent if shared else root)


def analysed_once(root: Path) -> tuple[Path, dict]:
    """The sample case analysed into ``root/samples``, or read back if a process of this run
    already did: an exclusive lock on ``root/samples.lock`` keeps the others waiting meanwhile."""
    from tests.golden.case import analyse_sample_case  # as the golden files were made

    out, kept = root / "samples", root / "samples.pickle"
    with (root / "samples.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not kept.is_file():
            results = analyse_sample_case(out)
            partial = kept.with_suffix(f".{os.getpid()}.part")
            partial.write_bytes(pickle.dumps(results))
            partial.rename(kept)
        return out, pickle.loads(kept.read_bytes())


@pytest.fixture
def sample_case_copy(sample_case, tmp_path):
    """A copy of the analysed sample case (report folders, case index, overview) in this
    test's ``tmp_path``, shaped like ``sample_case``, for a test that rebuilds, re-renders or
    updates reports. A plain copy: the index keeps report folders relative to the case folder,
    so the copy's index points at the copied report folders."""
    source, results = sample_case
    folder = tmp_path / source.name
    shutil.copytree(source, folder)
    moved = {name: dataclasses.replace(r, report_dir=folder / r.report_dir.relative_to(source))
             for name, r in results.items()}  # fmt: skip
    return folder, moved


@pytest.fixture(scope="module")
def chromium():
    """One headless Chromium for a module's browser tests (tests/browser.py ``visit``);
    skipped without Chromium unless FORENSICS_REQUIRE_BROWSER=1."""
    from tests.browser import launched_chromium

    with launched_chromium() as browser:
        yield browser
