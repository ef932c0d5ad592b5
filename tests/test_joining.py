"""A clip that fails after joining the case index leaves it again; when leaving fails too, the
first failure is still the one the user reads (forensics.case.index.joining)."""

import io
import logging

import pytest
from rich.console import Console

from forensics.case.index import CaseIndex
from forensics.case.join import joining
from forensics.cli import report_error
from forensics.errors import BadInputError, CaseIndexError
from forensics.records import record_from_dict
from forensics.reuse.features import ClipFeatures
from tests import factories

CAUSE = "clip.mp4: no video frame could be decoded (moov atom not found)"


def record():
    data = factories.record_dict(frames=[factories.frame(0.0, "8" * 16, "1" * 16, True)])
    data["file"] = {**data["file"], "sha256": "d" * 64, "name": "clip.mp4"}
    return record_from_dict(data)


def one_line(exc: BaseException) -> tuple[int, str]:
    console = Console(file=io.StringIO(), width=1000, highlight=False, soft_wrap=True)
    code = report_error(exc, console=console)
    return code, console.file.getvalue()


def test_a_failing_undo_does_not_hide_the_first_cause(tmp_path, monkeypatch, caplog):
    def disk_full(self, clip_id):
        raise CaseIndexError(
            f"{self.path}: cannot remove clip {clip_id} (database or disk is full)"
        )

    monkeypatch.setattr(CaseIndex, "remove", disk_full)
    with pytest.raises(BadInputError) as raised, joining(tmp_path) as case:
        case.join(record(), ClipFeatures(1.0, (320, 180), ()), None)
        raise BadInputError(CAUSE)
    assert str(raised.value) == CAUSE  # the block's own exception, not one raised in its place
    # The undo's failure is said too, after the cause on the one error line (no second line).
    [note] = raised.value.__notes__
    assert "clip.mp4 could not leave the case index" in note
    assert "cannot remove clip 1 (database or disk is full)" in note
    code, line = one_line(raised.value)
    assert code == BadInputError.exit_code and line == f"error: {CAUSE}; {note}\n"
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [c.name for c in CaseIndex(tmp_path).clips()] == ["clip.mp4"]  # it did stay


def test_a_successful_undo_leaves_the_index_as_it_was(tmp_path):
    with pytest.raises(KeyboardInterrupt), joining(tmp_path) as case:
        case.join(record(), ClipFeatures(1.0, (320, 180), ()), None)
        raise KeyboardInterrupt
    assert CaseIndex(tmp_path).clips() == []
