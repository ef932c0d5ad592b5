import pytest

from forensics.errors import BadInputError
from forensics.media.mediainfo import frame_timing, media_info
from forensics.media.probe import probe
from forensics.media.toolchain import find_toolchain
from tests.media import lavfi_clip, run_ffmpeg

TAGS = {
    "creation_time": "2023-05-23T08:40:12.000000Z",
    "title": "<script>alert(1)</script>",
    "location": "+50.4790+035.6180/",
}


def media_with(monkeypatch, backend, path):
    monkeypatch.setenv("FORENSICS_FFMPEG", "bundled" if backend == "pyav" else "")
    tools = find_toolchain()
    if backend == "ffprobe" and tools.ffprobe is None:
        pytest.skip("no ffprobe on PATH")
    assert tools.probe_backend == backend
    return media_info(path, probe(path, tools))


@pytest.fixture(scope="module")
def tagged(tmp_path_factory):
    path = tmp_path_factory.mktemp("probe") / "tagged.mp4"
    return lavfi_clip(path, seconds=3, fps=25, metadata=TAGS)


@pytest.mark.parametrize("backend", ["ffprobe", "pyav"])
def test_probe_reads_facts_and_tags(monkeypatch, tagged, backend):
    media = media_with(monkeypatch, backend, tagged)
    assert (media.width, media.height, media.fps, media.video_codec) == (320, 240, 25.0, "h264")
    assert media.duration_s == pytest.approx(3.0, abs=0.1)
    assert media.audio_codec == "aac" and media.video_profile
    assert media.frame_count == 75 and media.variable_fps is False
    assert media.format_tags["title"] == TAGS["title"]
    assert media.format_tags["creation_time"].startswith("2023-05-23T08:40:12")
    assert media.video_stream.time_base == "1/12800"


@pytest.mark.parametrize("backend", ["ffprobe", "pyav"])
def test_probe_without_packet_times_reads_the_same_facts(monkeypatch, tagged, backend):
    """compare needs no frame timing: one ffprobe run instead of two, the same facts."""
    monkeypatch.setenv("FORENSICS_FFMPEG", "bundled" if backend == "pyav" else "")
    tools = find_toolchain()
    if backend == "ffprobe" and tools.ffprobe is None:
        pytest.skip("no ffprobe on PATH")
    full, quick = probe(tagged, tools), probe(tagged, tools, packet_times=False)
    assert quick.packet_pts_s == () and len(full.packet_pts_s) == 75
    assert quick.raw == full.raw
    assert len(quick.commands) == (1 if backend == "ffprobe" else len(full.commands))
    assert media_info(tagged, quick).frame_count == 75  # from the stream's own count


def test_backends_agree(monkeypatch, tagged):
    if not find_toolchain().ffprobe:
        pytest.skip("no ffprobe on PATH")
    a = media_with(monkeypatch, "ffprobe", tagged)
    b = media_with(monkeypatch, "pyav", tagged)
    for field in ("width", "height", "fps", "frame_count", "video_codec", "audio_codec",
                  "video_profile", "rotation", "variable_fps"):  # fmt: skip
        assert getattr(a, field) == getattr(b, field), field
    assert a.duration_s == pytest.approx(b.duration_s, abs=0.01)
    assert a.format_tags == b.format_tags


def test_variable_frame_rate_is_measured(tmp_path):
    path = lavfi_clip(
        tmp_path / "vfr.mp4", seconds=4, audio=False,
        vf="setpts='N/25/TB+if(gte(mod(N,10),5),0.03*mod(N,5)/TB,0)'",
        extra=["-fps_mode", "vfr"] if _modern() else ["-vsync", "vfr"],
    )  # fmt: skip
    media = media_info(path, probe(path, find_toolchain()))
    assert media.variable_fps is True
    assert media.timing.max_interval_s > 1.5 * media.timing.min_interval_s


def _modern():
    version = find_toolchain().ffmpeg_version.lstrip("n")
    return not version[:1].isdigit() or tuple(map(int, version.split(".")[:2])) >= (5, 1)


def test_frame_timing_of_constant_rate():
    timing = frame_timing(tuple(i / 30 for i in range(90)))
    assert timing.frame_count == 90 and not timing.variable
    assert timing.mean_interval_s == pytest.approx(1 / 30)


def test_audio_shorter_than_video_is_visible(tmp_path):
    video = lavfi_clip(tmp_path / "v.mp4", seconds=4, audio=False)
    mixed = tmp_path / "mixed.mp4"
    run_ffmpeg(["-i", str(video), "-f", "lavfi", "-i", "sine=duration=1.5", "-c:v", "copy",
                "-c:a", "aac", str(mixed)])  # fmt: skip
    media = media_info(mixed, probe(mixed, find_toolchain()))
    assert media.audio_duration_s == pytest.approx(1.5, abs=0.1)
    assert media.video_duration_s == pytest.approx(4.0, abs=0.1)


def _rotated(folder):
    source = lavfi_clip(folder / "upright.mp4", seconds=1, fps=10, audio=False)
    rotated = folder / "rotated.mp4"
    version = find_toolchain().ffmpeg_version.lstrip("n")
    if not version[:1].isdigit() or int(version.split(".")[0]) >= 6:  # the rotate tag went
        run_ffmpeg(["-display_rotation", "90", "-i", str(source), "-c", "copy", str(rotated)])
    else:
        run_ffmpeg(["-i", str(source), "-c", "copy", "-metadata:s:v", "rotate=270", str(rotated)])
    return rotated


def test_in_process_probe_gives_compare_the_same_picture_facts(tmp_path, tagged):
    """compare and search read a clip in-process (PyAV, no ffprobe start-up): the facts their
    decode needs are the ones ffprobe gives, on a rotated clip and a still too."""
    tools = find_toolchain()
    if not tools.ffprobe:
        pytest.skip("no ffprobe on PATH")
    still = tmp_path / "still.jpg"
    run_ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=200x150", "-frames:v", "1", str(still)])
    rotated = _rotated(tmp_path)
    assert abs(media_info(rotated, probe(rotated, tools)).rotation) == 90
    for path in (tagged, rotated, still):
        a = media_info(path, probe(path, tools, packet_times=False))
        b = media_info(path, probe(path, tools, packet_times=False, in_process=True))
        assert b.kind == a.kind and b.display_size == a.display_size, path.name
        for field in ("width", "height", "fps", "rotation", "frame_count", "video_codec"):
            assert getattr(b, field) == getattr(a, field), (path.name, field)
        assert b.duration_s == pytest.approx(a.duration_s, abs=0.05)


def test_in_process_probe_leaves_bad_input_to_ffprobe(tmp_path):
    """A file PyAV will not open is read by ffprobe, whose error names the cause."""
    tools = find_toolchain()
    if not tools.ffprobe:
        pytest.skip("no ffprobe on PATH")
    junk = tmp_path / "junk.mp4"
    junk.write_bytes(b"<html>not a video</html>" * 40)
    with pytest.raises(BadInputError) as plain:
        probe(junk, tools, packet_times=False)
    with pytest.raises(BadInputError) as in_process:
        probe(junk, tools, packet_times=False, in_process=True)
    assert str(in_process.value) == str(plain.value)
