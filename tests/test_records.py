"""Records survive their JSON: every record of the analysed sample case, dumped and read back,
is the record it was (python-threatexchange checks its records the same way), and a record
this version cannot read is refused with one clear error."""

import json

import pytest

import forensics
from forensics.errors import RecordError
from forensics.records import (
    AnalysisRecord,
    comparison_from_dict,
    comparison_to_dict,
    read_record,
    record_from_dict,
    record_to_dict,
)
from tests import factories


@pytest.fixture(scope="module")
def analysed(sample_case):
    return sample_case


@pytest.mark.slow
def test_every_sample_record_survives_dump_then_reload(analysed):
    _, results = analysed
    assert len(results) == 4  # three clips and a still
    for result in results.values():
        record = result.record
        assert isinstance(record, AnalysisRecord)
        written = json.loads(json.dumps(record_to_dict(record)))
        assert record_to_dict(record_from_dict(written)) == written, result.report_dir
        # The JSON rounds a stretch's geometry (4 decimals), so a record equals its reload
        # from the first write on: read, write, read gives the same record.
        on_disk = read_record(result.report_dir / "report.json")  # as later clips left it
        assert record_from_dict(record_to_dict(on_disk)) == on_disk


@pytest.mark.slow
def test_the_reports_hold_typed_reuse_and_checks(analysed):
    _, results = analysed
    on_disk = read_record(results["legion_raid_telegram.mp4"].report_dir / "report.json")
    assert on_disk.reuse and all(e.comparison.shared for e in on_disk.reuse)
    assert {c.check for c in on_disk.checks} >= {"duration", "opposing_actors"}
    entry = on_disk.reuse[0]
    assert comparison_from_dict(comparison_to_dict(entry.comparison)) == entry.comparison


@pytest.mark.parametrize(
    "spoil",
    [lambda d: d.pop("file"), lambda d: d.update(schema="other/1"),
     lambda d: d.update(checks=["junk"]), lambda d: d.update(reuse=[{"this_side": "c"}]),
     lambda d: d.update(frames="not a list"),
     lambda d: d.update(flags=[{"code": "x", "severity": "critical", "message": "m"}]),
     lambda d: d.update(checks=[factories.check("probably")])],
)  # fmt: skip
def test_a_record_this_version_cannot_read_is_one_error(spoil, tmp_path):
    data = factories.record_dict()
    record_from_dict(data)  # the unspoilt record reads
    spoil(data)
    with pytest.raises(RecordError, match="not a forensics analysis record"):
        record_from_dict(data)
    (tmp_path / "report.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(RecordError, match=r"report\.json: cannot be read"):
        read_record(tmp_path / "report.json")


@pytest.mark.slow
def test_the_library_api_is_the_package(analysed, tmp_path):
    folder, results = analysed  # the folder holds the case index
    for name in ("analyze", "compare", "search", "extract_claim", "rebuild"):
        assert callable(getattr(forensics, name)), name
    found = forensics.search(results["aggregator_repost.mp4"].record.file.path, folder)
    assert found.indexed and [m.other.name for m in found.found.matches] == [
        "legion_raid_telegram.mp4"
    ]
    facts = forensics.extract_claim(next(iter(results.values())).record.claims[0].path)
    assert any(f.kind == "duration" for f in facts.facts)
    with pytest.raises(forensics.BadInputError, match="no case index"):
        forensics.search(results["aggregator_repost.mp4"].record.file.path, tmp_path)


def _placement(box, covered=0.5, kept=1.0):
    from forensics.records import Placement

    return Placement(covered, kept, box, (0.0, 0.0, 1.0, 1.0))


def _segment(rate=1.0):
    from forensics.records import Segment

    return Segment(0.0, 5.0, 0.0, 5.0 * abs(rate), rate, 0.9, 10, False)


def test_alterations_name_a_split_screen_apart_from_a_pillarbox():
    from forensics.records import alterations

    [left] = alterations(_segment(), 0.0, _placement((0.0, 0.0, 0.5, 1.0)))
    [right] = alterations(_segment(), 0.0, _placement((0.5, 0.0, 1.0, 1.0)))
    [boxed] = alterations(_segment(), 0.0, _placement((0.2, 0.0, 0.8, 1.0), covered=0.6))
    assert left.startswith("split screen") and "left" in left and "right" in right
    assert boxed.startswith("pillarboxed")


def test_a_crop_or_zoom_to_the_middle_is_named_as_one_from_both_clips():
    """B a zoomed-in part of A: told from A, B shows a zoomed-in part of its picture; told
    from the zoomed clip, the other is a wider picture around it, not a picture-in-picture
    (a Ken Burns move's margins are too thin to measure what lies there: its changing scale
    says it; a still crop's margins show picture around it)."""
    from dataclasses import replace

    from forensics.records import alterations

    [crop] = alterations(_segment(), 0.0, _placement((0.0, 0.0, 1.0, 1.0), 1.0, kept=0.56))
    assert crop == "cropped (B shows a zoomed-in part of A's picture, 56% of it)"
    middle = _placement((0.064, 0.063, 0.93, 0.929), covered=0.75)
    [inside, _] = alterations(_segment(), 0.0, middle, zoom=0.75)
    assert inside.startswith("shown inside a wider picture in B (A is a zoomed-in part of B's")
    assert "picture-in-picture" not in inside
    [still] = alterations(_segment(), 0.0, replace(_placement((0.125, 0.125, 0.875, 0.875),
                                                              0.56), around_in_b=True))  # fmt: skip
    assert still.startswith("shown inside a wider picture in B (A is a zoomed-in part")
    # An inset off the middle stays one, zooming or not; so does a middle one with bands
    [corner, _] = alterations(_segment(), 0.0, _placement((0.4, 0.4, 0.95, 0.95), 0.3), zoom=0.7)
    [boxed] = alterations(_segment(), 0.0, _placement((0.125, 0.125, 0.875, 0.875), 0.56))
    assert "picture-in-picture" in corner and "picture-in-picture" in boxed


def test_a_centred_band_with_picture_around_it_is_a_wider_picture_not_bands():
    from dataclasses import replace

    from forensics.records import alterations

    tall = replace(_placement((0.3, 0.0, 0.7, 1.0), covered=0.4), around_in_b=True)
    [wider] = alterations(_segment(), 0.0, tall)
    assert wider.startswith("shown inside a wider picture") and "40% of B's frame" in wider
    wide = replace(_placement((0.0, 0.25, 1.0, 0.75)), around_in_b=True)
    assert alterations(_segment(), 0.0, wide)[0].startswith("shown inside a wider picture")
    # Against one side, or a box in a corner, moving picture beside it is other footage
    [split] = alterations(_segment(), 0.0, replace(_placement((0, 0, 0.5, 1)), around_in_b=True))
    [inset] = alterations(_segment(), 0.0, replace(_placement((0.1, 0.1, 0.4, 0.4), 0.09),
                                                   around_in_b=True))  # fmt: skip
    assert split.startswith("split screen") and inset.startswith("shown smaller inside B")
    assert tall.swapped().around_in_a and not tall.swapped().around_in_b
    assert tall.swapped().swapped() == tall


def test_alterations_name_a_small_rotation_reversal_and_inversion():
    from forensics.records import alterations

    named = alterations(_segment(-1.0), 4.0, _placement((0, 0, 1, 1), 1.0), inverted=True)
    assert named[0].startswith("inverted") and "rotated +4°" in named
    assert any(n.startswith("reversed") for n in named)
    assert not any(n.startswith("speed") for n in named)  # backwards at normal speed
    assert alterations(_segment(), 1.5, _placement((0, 0, 1, 1), 1.0)) == ()
