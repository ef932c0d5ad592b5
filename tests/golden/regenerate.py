"""Write the golden reports of the bundled sample case: ``python tests/golden/regenerate.py``.

The case (samples/case.toml: three clips and a still) is analysed in the case file's order into
one temporary folder that also holds the case index, exactly as the ``sample_case`` fixture
does (both call ``tests.golden.case.analyse_sample_case``). Each clip's final ``report.json``
(after later clips added their shared footage to it) is masked and written to
``tests/golden/sample_case/<clip file name>.json``; tests/test_golden.py compares a fresh
analysis with these files. Run this when a change to a report is intended, and commit the
files with that change, so the diff shows what the change did to the reports.

What is masked, and why (``tests/golden/mask.py`` does it, for this script and the test):

- ``file.analysed_at_utc`` and ``file.modified_utc``: times of this run and of this checkout;
- ``tool.version``, ``ffmpeg``, ``ffmpeg_version``, ``ffmpeg_source``, ``probe_backend``,
  ``libraries`` and ``commands``: they name this machine's builds and binaries, and the
  commands carry the staging folder's random name;
- absolute paths (``file.path``, ``case.case_file``, ``case.path``, ``case.claims``,
  ``claims[].path``, ``claims[].linked_by``): only the repository root becomes ``<repo>`` (the
  output folder ``<out>``), so the paths below it are still checked;
- probe-backend wording: ffprobe's ``0/0`` frame rate of an audio stream is null as PyAV says
  it, and the zero ``vendor_id`` tag that libavformat before 6.x exports is dropped.

Values measured on decoded pixels are not masked but compared within tolerances
(``mask.APPROX``): frame and keyframe hashes (Hamming distance up to 8 bits of 64), the reuse
geometry (similarity, scale, areas, boxes: 0.02; rotation: 0.2 degrees) and the frame
intervals (1e-5 s). Run against the system ffmpeg 5.1 and against ``FORENSICS_FFMPEG=bundled``
(ffmpeg 9.0, probing through PyAV), the sample case gave identical reports but for those: each
build's swscale scales frames slightly differently, which moved hashes by up to 4 bits and the
geometry by up to 0.007, and ffprobe prints timestamps to the microsecond. Both pass the test.
The golden files keep the values of the ffmpeg this script ran with (the system one, on PATH,
unless ``FORENSICS_FFMPEG`` says otherwise).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # run as a script: make ``tests.golden`` importable
    sys.path.insert(0, str(REPO))

from tests.golden.case import CASE_FILE, GOLDEN, analyse_sample_case, golden_file  # noqa: E402
from tests.golden.mask import dumps, mask_report  # noqa: E402


def regenerate() -> list[Path]:
    """Analyse the sample case afresh and write every clip's masked report; the files written."""
    if not CASE_FILE.is_file():
        raise SystemExit(f"{CASE_FILE}: sample case not built (python samples/build_samples.py)")
    GOLDEN.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="golden-") as tmp:
        out = Path(tmp)
        for name, result in analyse_sample_case(out).items():
            report = json.loads((result.report_dir / "report.json").read_text(encoding="utf-8"))
            masked = mask_report(report, {"<repo>": REPO, "<out>": out})
            golden_file(name).write_text(dumps(masked), encoding="utf-8")
            written.append(golden_file(name))
    for stale in set(GOLDEN.glob("*.json")) - set(written):  # a clip that left the case
        stale.unlink()
    return written


if __name__ == "__main__":
    for path in regenerate():
        print(path.relative_to(REPO))
