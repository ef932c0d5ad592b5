"""The container's structure read from its bytes (issue 13: truncation unflagged).

An MP4 cut by one byte inside its trailing moov, a moov declaring 4 GB, cut Matroska and JPEG
files, and hand-made ISO BMFF boxes (64-bit sizes, size 0, sizes that cannot be): each must be
found from the bytes, become a finding, and round-trip through report.json.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pytest

from forensics import analyze
from forensics.media.container import check_container, fourcc, inspect_container
from forensics.media.damage import structure_flags
from forensics.records import record_from_dict, record_to_dict
from forensics.records.media import ContainerCheck, ContainerProblem
from tests.media import lavfi_clip, run_ffmpeg


def box(kind: bytes, payload: bytes = b"", size: int | None = None) -> bytes:
    return struct.pack(">I4s", len(payload) + 8 if size is None else size, kind) + payload


def large_box(kind: bytes, payload: bytes, size: int | None = None) -> bytes:
    declared = len(payload) + 16 if size is None else size
    return struct.pack(">I4sQ", 1, kind, declared) + payload


FTYP = box(b"ftyp", b"isom\x00\x00\x02\x00isomiso2")
MOOV = box(b"moov", box(b"mvhd", bytes(100)) + box(b"udta", box(b"\xa9nam", b"\x00\x02\x00\x00hi")))


def structure(tmp_path: Path, data: bytes) -> ContainerCheck:
    path = tmp_path / "made.mp4"
    path.write_bytes(data)
    found = check_container(path)
    assert found is not None
    return found


@pytest.fixture(scope="module")
def clip(tmp_path_factory) -> Path:
    """An ffmpeg MP4 with its moov last (no faststart), tags in moov/udta/meta/ilst."""
    folder = tmp_path_factory.mktemp("container")
    return lavfi_clip(folder / "clip.mp4", seconds=2.0, metadata={"title": "raid"})


def moov_offset(data: bytes) -> int:
    offset = 0
    while data[offset + 4 : offset + 8] != b"moov":
        offset += struct.unpack(">I", data[offset : offset + 4])[0]
    return offset


def codes(record) -> dict[str, str]:
    return {f.code: f.message for f in record.flags}


# --------------------------------------------------------------------------- ISO BMFF by hand


def test_whole_boxes_have_no_problem_and_are_listed(tmp_path):
    found = structure(tmp_path, FTYP + box(b"mdat", bytes(50)) + MOOV)
    assert found.family == "isobmff" and found.problems == ()
    assert [(b.type, b.offset) for b in found.boxes] == [("ftyp", 0), ("mdat", 24), ("moov", 82)]
    assert found.file_size == len(FTYP) + 58 + len(MOOV)


def test_64_bit_size_and_size_zero_are_read(tmp_path):
    found = structure(tmp_path, FTYP + large_box(b"mdat", bytes(40)) + box(b"mdat", bytes(9), 0))
    assert found.problems == ()
    assert [(b.type, b.size) for b in found.boxes] == [("ftyp", 24), ("mdat", 56), ("mdat", None)]


def test_64_bit_size_past_the_end_is_a_cut(tmp_path):
    found = structure(tmp_path, FTYP + large_box(b"mdat", bytes(40), size=5_000_000_000))
    [problem] = found.problems
    assert (problem.kind, problem.box, problem.declared, problem.available) == (
        "truncated", "mdat", 5_000_000_000, 56)  # fmt: skip


def test_a_box_past_the_box_holding_it_is_a_size_mismatch(tmp_path):
    bad = box(b"moov", box(b"mvhd", bytes(100), size=500) + box(b"free"))
    [problem] = structure(tmp_path, FTYP + bad + box(b"free")).problems
    assert (problem.kind, problem.box, problem.declared) == ("size_mismatch", "moov/mvhd", 500)


def test_a_size_smaller_than_its_header_is_a_size_mismatch(tmp_path):
    [problem] = structure(tmp_path, FTYP + box(b"free", size=4) + bytes(20)).problems
    assert (problem.kind, problem.box, problem.declared) == ("size_mismatch", "free", 4)
    [flag] = structure_flags(ContainerCheck("isobmff", 48, (), (problem,)))
    assert flag.code == "container_size_mismatch" and "less than its own header" in flag.message


@pytest.mark.parametrize("junk", [b"\x00\x00\x00\x10\x01\x02\x03\x04", b"\x00\x00\x07"])
def test_bytes_after_the_last_box_that_are_no_box(tmp_path, junk):
    [problem] = structure(tmp_path, FTYP + MOOV + junk).problems
    assert (problem.kind, problem.box, problem.declared, problem.available) == (
        "size_mismatch", "file", None, len(junk))  # fmt: skip
    [flag] = structure_flags(ContainerCheck("isobmff", 0, (), (problem,)))
    assert flag.severity == "medium" and "after the last whole box" in flag.message


def test_quicktime_text_atoms_are_read_from_the_bytes(tmp_path):
    path = tmp_path / "made.mov"
    path.write_bytes(FTYP + MOOV)
    [atom] = inspect_container(path).texts
    assert (atom.path, atom.key, atom.data) == ("moov/udta/©nam", "title", b"hi")


def test_other_containers_are_not_walked(tmp_path):
    path = tmp_path / "clip.ts"
    path.write_bytes(b"\x47" + bytes(187))
    assert check_container(path) is None


def test_box_types_are_written_as_text():
    assert fourcc(b"\xa9too") == "©too"
    assert fourcc(b"a\x00\n\\") == "a\\x00\\x0a\\x5c"


def test_a_million_tiny_boxes_are_walked_in_part(tmp_path):
    found = structure(tmp_path, FTYP + box(b"free") * 200_000)
    assert found.problems == () and len(found.boxes) == 64


# --------------------------------------------------------------------------- ffmpeg's files


def test_mp4_cut_by_one_byte_inside_its_trailing_moov(clip, tmp_path):
    data = clip.read_bytes()
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(data[:-1])
    intact = analyze(clip, tmp_path / "out", index_dir=None).record
    record = analyze(cut, tmp_path / "out", index_dir=None).record
    assert record.media.structure is not None and intact.media.structure is not None
    assert intact.media.structure.problems == ()
    assert not {"container_truncated", "metadata_damaged"} & set(codes(intact))
    [problem] = record.media.structure.problems
    offset = moov_offset(data)
    assert (problem.kind, problem.box, problem.offset) == ("truncated", "moov", offset)
    assert (problem.declared, problem.available) == (len(data) - offset, len(data) - offset - 1)
    # ffmpeg writes the encoder tag last: the cut falls in it, and ffprobe drops it silently
    assert problem.inner == "moov/udta/meta/ilst/©too/data" and problem.tag == "encoder"
    assert "encoder" in intact.metadata.tags["format"]
    assert "encoder" not in record.metadata.tags["format"]
    found = codes(record)
    assert "1 byte before the end its moov box declares" in found["container_truncated"]
    assert "encoder tag could not be read" in found["metadata_damaged"]
    assert [f.severity for f in record.flags[:2]] == ["high", "medium"]


def test_moov_claiming_4_gb(clip, tmp_path):
    data = bytearray(clip.read_bytes())
    offset = moov_offset(bytes(data))
    data[offset : offset + 4] = struct.pack(">I", 0xFFFFFFF0)
    forged = tmp_path / "forged.mp4"
    forged.write_bytes(bytes(data))
    record = analyze(forged, tmp_path / "out", index_dir=None).record
    assert record.media.structure is not None
    [problem] = record.media.structure.problems
    assert (problem.kind, problem.box, problem.declared) == ("size_mismatch", "moov", 0xFFFFFFF0)
    found = codes(record)
    assert "container_truncated" not in found and "metadata_damaged" not in found
    assert "4,294,967,280 bytes" in found["container_size_mismatch"]
    assert "the boxes inside it end, whole" in found["container_size_mismatch"]
    assert record.flags[0].severity == "high"


def test_faststart_mp4_cut_in_its_media_data(clip, tmp_path):
    fast = tmp_path / "fast.mp4"
    run_ffmpeg(["-i", str(clip), "-c", "copy", "-movflags", "+faststart", str(fast)])
    fast.write_bytes(fast.read_bytes()[:-1000])
    [problem] = structure(tmp_path, fast.read_bytes()).problems
    assert (problem.kind, problem.box, problem.inner) == ("truncated", "mdat", None)
    assert problem.declared is not None and problem.declared - problem.available == 1000
    [flag] = structure_flags(ContainerCheck("isobmff", 0, (), (problem,)))
    assert flag.code == "container_truncated" and "1,000 bytes before" in flag.message


def test_matroska_segment_cut_and_whole(clip, tmp_path):
    mkv = tmp_path / "clip.mkv"
    run_ffmpeg(["-i", str(clip), "-c", "copy", str(mkv)])
    whole = check_container(mkv)
    assert whole is not None and whole.family == "matroska" and whole.problems == ()
    assert [b.type for b in whole.boxes] == ["EBML", "Segment"]
    cut = tmp_path / "cut.mkv"
    cut.write_bytes(mkv.read_bytes()[:-1])
    found = check_container(cut)
    assert found is not None
    [problem] = found.problems
    assert (problem.kind, problem.box) == ("truncated", "Segment")
    assert problem.inner is not None and problem.inner.startswith("Segment/")
    [flag] = structure_flags(found)
    assert "its Segment element declares" in flag.message


def test_matroska_segment_claiming_more_than_its_children(clip, tmp_path):
    mkv = tmp_path / "clip.mkv"
    run_ffmpeg(["-i", str(clip), "-c", "copy", str(mkv)])
    data = bytearray(mkv.read_bytes())
    at = data.index(b"\x18\x53\x80\x67") + 4
    assert data[at] == 0x01  # an 8-byte size, as ffmpeg writes it
    data[at : at + 8] = (0x01 << 56 | 10**12).to_bytes(8, "big")
    mkv.write_bytes(bytes(data))
    found = check_container(mkv)
    assert found is not None
    [problem] = found.problems
    assert (problem.kind, problem.box) == ("size_mismatch", "Segment")


# --------------------------------------------------------------------------- the record


def test_structure_round_trips_and_old_records_read(clip, tmp_path):
    result = analyze(clip, tmp_path / "out", index_dir=None)
    problem = ContainerProblem("truncated", "moov", 10, 20, 19, "moov/udta", "title")
    media = result.record.media
    assert media.structure is not None
    changed = media.__class__(
        **{
            **media.__dict__,
            "structure": ContainerCheck(
                media.structure.family, media.structure.file_size, media.structure.boxes, (problem,)
            ),
        }
    )
    record = result.record.__class__(**{**result.record.__dict__, "media": changed})
    data = json.loads(json.dumps(record_to_dict(record)))
    assert data["media"]["structure"]["problems"][0]["inner"] == "moov/udta"
    assert record_from_dict(data) == record
    del data["media"]["structure"], data["metadata"]["tag_notes"]  # a report from before
    old = record_from_dict(data)
    assert old.media.structure is None and old.metadata.tag_notes == ()
