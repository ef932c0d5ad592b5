"""Clips shipped to workers without a shared file system (forensics.cluster), in this
process: the worker's check of the bytes it received, and what a shipped clip's record says.
The real cluster runs them in tests/test_batch_dask.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from forensics.batch import analyze_batch
from forensics.cluster import describe_shipped, ship
from forensics.errors import BadInputError, ForensicsError
from tests.media import lavfi_clip
from tests.test_batch import cli


def test_a_worker_refuses_bytes_whose_sha256_differs(tmp_path: Path) -> None:
    clip = lavfi_clip(tmp_path / "clip.mp4", seconds=1, size="160x120", audio=False)
    shipment, data = ship(clip, None, ())
    damaged = data[:-1] + bytes([data[-1] ^ 1])
    with pytest.raises(ForensicsError) as refused:
        describe_shipped(shipment, damaged)
    message = str(refused.value)
    assert message.startswith(f"{clip.resolve()}: the copy the Dask worker on ")
    assert f"not {shipment.identity.sha256} as read where the clip is" in message


def test_a_shipped_clip_is_described_from_its_copy(tmp_path: Path) -> None:
    clip = lavfi_clip(tmp_path / "clip.mp4", seconds=1, size="160x120", audio=False)
    shipment, data = ship(clip, None, ())
    described = describe_shipped(shipment, data, read_text=False, triage=True)
    record = described.record
    assert record.file == shipment.identity and record.triaged
    assert [e.action for e in record.custody[:4]] == ["collected", "hashed", "hashed", "probed"]
    assert "written to this working copy" in (record.custody[2].note or "")
    assert any(name.startswith("keyframes/") and data for name, data in described.files)


def test_ship_reads_the_case_and_claims_here(tmp_path: Path) -> None:
    clip = lavfi_clip(tmp_path / "clip.mp4", seconds=1, size="160x120", audio=False)
    claim = tmp_path / "claim.txt"
    claim.write_text("Footage from Shebekino, 1 June 2023.\n", encoding="utf-8")
    shipment, _ = ship(clip, None, (claim,))
    (linked,) = shipment.claims
    assert linked.text.startswith("Footage from Shebekino") and linked.sha256
    with pytest.raises(BadInputError, match="no such file"):
        ship(tmp_path / "gone.mp4", None, ())


def test_ship_files_needs_dask(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clip = lavfi_clip(tmp_path / "clip.mp4", seconds=1, size="160x120", audio=False)
    with pytest.raises(BadInputError, match="only with --dask"):
        analyze_batch([clip], tmp_path / "out", ship_files=True)
    assert cli(["analyze", str(clip), "--ship-files", "--out", str(tmp_path / "o")]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: --ship-files: only with --dask (local processes share the disk)"
    )
