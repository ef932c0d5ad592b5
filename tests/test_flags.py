from dataclasses import replace
from fractions import Fraction

import pytest

from forensics.case.casefile import CaseEntry
from forensics.media.flags import FlagInputs, evaluate, recognise_software
from forensics.media.metadata import interpret
from forensics.records import (
    Crop,
    FileIdentity,
    FrameHash,
    FrameTiming,
    MediaInfo,
    StreamInfo,
    Timestamp,
)

IDENTITY = FileIdentity("/x/a.mp4", "a.mp4", 10, "ab" * 32, "cd" * 16, "2024-01-01T00:00:00Z",
                        "2024-01-02T00:00:00Z")  # fmt: skip
STREAMS = (
    StreamInfo(0, "video", "h264", tags={"handler_name": "VideoHandler"}),
    StreamInfo(1, "audio", "aac"),
)
MEDIA = MediaInfo(
    kind="video", container="mp4", container_long=None, duration_s=112.0, bit_rate=None,
    width=480, height=270, rotation=0, fps=30.0, variable_fps=False, frame_count=3360,
    video_codec="h264", video_profile="High", audio_codec="aac", audio_profile="LC",
    video_duration_s=112.0, audio_duration_s=112.0, streams=STREAMS, format_tags={},
)  # fmt: skip
GOOD_FRAME = FrameHash(Timestamp(0, Fraction(1)), "0" * 16, "0" * 16, "0" * 16, True, None)
BLACK_FRAME = replace(GOOD_FRAME, informative=False, reason="black")


def inputs(tags=None, media=MEDIA, case=None, crop=None, frames=(GOOD_FRAME,), decoded=111.5,
           errors=()):  # fmt: skip
    return FlagInputs(IDENTITY, media, interpret(tags if tags is not None else {}), case, crop,
                      tuple(frames), decoded, tuple(errors))  # fmt: skip


def codes(x):
    return [f.code for f in evaluate(x)]


CREATED = {"format": {"creation_time": "2023-05-22T11:31:07Z"}}


def test_stripped_file():
    assert "creation_time_missing" in codes(inputs({}))


def test_zeroed_creation_time():
    assert "creation_time_zeroed" in codes(
        inputs({"format": {"creation_time": "1970-01-01T00:00:00Z"}})
    )


def test_clean_camera_file_has_no_history_flags():
    assert codes(inputs(CREATED)) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [("Lavf58.76.100", "libavformat"), ("HandBrake 1.6.1", "HandBrake"),
     ("Adobe Premiere Pro 2023", "Adobe"), ("CapCut", "phone"), ("Apple iPhone", None)],
)  # fmt: skip
def test_encoder_signatures(value, expected):
    who = recognise_software(value)
    assert (who is None) if expected is None else (expected in who)


def test_reencode_says_which_software():
    flags = evaluate(inputs({"format": {**CREATED["format"], "encoder": "Lavf58.76.100"}}))
    (flag,) = [f for f in flags if f.code == "reencoded"]
    assert "ffmpeg" in flag.message and "Lavf58.76.100" in flag.message


def test_device_tags_copied_across_reencode():
    apple = {"com.apple.quicktime.make": "Apple", "com.apple.quicktime.model": "iPhone 11"}
    tags = {"format": {**CREATED["format"], "encoder": "Lavf60.3.100", **apple}}
    assert {"device_tags", "device_tags_copied", "reencoded"} <= set(codes(inputs(tags)))


def test_variable_rate_rotation_bars_and_av_mismatch():
    media = replace(MEDIA, variable_fps=True, rotation=-90, audio_duration_s=100.0,
                    timing=FrameTiming(3360, 0.033, 0.020, 0.060, True))  # fmt: skip
    got = codes(inputs(CREATED, media=media, crop=Crop(0, 10, 256, 120)))
    assert {"variable_frame_rate", "rotation", "black_borders", "av_duration_mismatch"} <= set(got)


def test_no_audio_truncation_decode_errors_and_black_frames():
    media = replace(MEDIA, audio_codec=None, audio_duration_s=None, streams=STREAMS[:1])
    got = codes(inputs(CREATED, media=media, decoded=40.0, errors=["Invalid NAL unit size"],
                       frames=[BLACK_FRAME] * 3 + [GOOD_FRAME]))  # fmt: skip
    assert {"no_audio", "truncated", "decode_errors", "mostly_uninformative"} <= set(got)


def test_pinned_hash_mismatch_is_high():
    case = CaseEntry("/case.toml", None, "/x/a.mp4", "ff" * 32, None, None, ())
    flags = evaluate(inputs(CREATED, case=case))
    assert flags[0].code == "hash_mismatch" and flags[0].severity == "high"
    same = replace(case, sha256=IDENTITY.sha256)
    assert "hash_mismatch" not in codes(inputs(CREATED, case=same))


def test_every_flag_is_one_sentence_with_known_severity():
    media = replace(MEDIA, variable_fps=True, rotation=90, audio_duration_s=10.0,
                    timing=FrameTiming(3360, 0.033, 0.020, 0.060, True))  # fmt: skip
    tags = {"format": {"creation_time": "2023-06-10T00:00:00Z", "encoder": "Lavf",
                       "location": "+50.1+036.2/", "make": "Apple"}}  # fmt: skip
    for flag in evaluate(inputs(tags, media=media)):
        assert flag.severity in {"info", "low", "medium", "high"}
        assert flag.message.endswith(".") and "\n" not in flag.message
