"""forensics ingest from yt-dlp downloads and plain folders, through the command line, and one
end-to-end run: an ingested Telegram export analysed with its claims, actors and release dates
linked. Sidecars are written here after yt-dlp's ``--write-info-json`` keys; the clips for the
end-to-end run are made by tests/media.py."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

from forensics.case.casefile import load_case
from forensics.claims.claimfile import read_text, split_front_matter
from forensics.claims.linking import load_claim
from forensics.cli import main
from forensics.errors import BadInputError
from forensics.ingest import ingest
from tests.media import lavfi_clip
from tests.test_ingest import JPEG, MP4, T0, message, video, write_export

MKV = b"\x1a\x45\xdf\xa3" + bytes(range(64))


def sidecar(folder: Path, stem: str, media: bytes | None = MP4, ext: str = "mp4",
            **fields: Any) -> Path:  # fmt: skip
    folder.mkdir(parents=True, exist_ok=True)
    if media is not None:
        (folder / f"{stem}.{ext}").write_bytes(media + stem.encode())
    data = {"id": "dQw4w9WgXcQ", "extractor": "youtube", "extractor_key": "Youtube",
            "title": "Strike on a convoy", "description": "Footage filmed 22 May, 45 seconds.",
            "uploader": "Some Uploader", "uploader_id": "@some", "channel": "Some Channel",
            "channel_id": "UC123", "webpage_url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "duration": 45, "ext": ext, "_filename": f"/home/someone/dl/{stem}.{ext}",
            "formats": [{"format_id": "18"}], **fields}  # fmt: skip
    path = folder / f"{stem}.info.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def run(capsys, *args: str | Path) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return (exited.value.code or 0), out, err


def test_yt_dlp_sidecars_with_timestamp_and_with_upload_date_only(tmp_path):
    downloads = tmp_path / "dl"
    sidecar(downloads, "Strike [dQw4w9WgXcQ]", timestamp=1684800000)  # 2023-05-23T00:00:00Z
    sidecar(downloads, "Other [abc]", media=MKV, ext="mkv", id="abc", timestamp=None,
            upload_date="20230524", channel=None, channel_id=None)  # fmt: skip
    (downloads / "Strike [dQw4w9WgXcQ].webp").write_bytes(b"RIFF\x00\x00\x00\x00WEBPVP8 ")
    done = ingest([downloads], tmp_path / "case")
    assert [a.path.name for a in done.added] == ["Other [abc].mkv", "Strike [dQw4w9WgXcQ].mp4"]
    assert done.added[1].key == f"yt-dlp:Youtube:dQw4w9WgXcQ:{done.added[1].sha256}"
    entries = load_case(done.case_file)
    assert [(e.actor, e.released) for e in entries] == [
        ("Some Uploader", "2023-05-24"), ("Some Channel", "2023-05-23T00:00:00Z")]  # fmt: skip
    raw = tomllib.loads(done.case_file.read_text("utf-8"))["clips"]
    assert raw[1]["released"] == "2023-05-23T00:00:00Z" and raw[0]["released"] == "2023-05-24"
    assert raw[1]["title"] == "Strike on a convoy"
    claim = load_claim(Path(entries[1].claim_paths[0]), "t")
    assert claim.text == "Footage filmed 22 May, 45 seconds."
    assert (claim.url, claim.platform) == ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "Youtube")
    assert claim.claimed_durations_s == (45.0,)
    fields, _ = split_front_matter(Path("c"), read_text(Path(entries[1].claim_paths[0])))
    assert fields["duration"] == "45" and fields["actor_id"] == "UC123"
    kept = json.loads(Path(entries[1].claim_paths[0]).with_suffix(".json").read_text("utf-8"))
    assert "formats" not in kept["raw"][0] and kept["raw"][0]["duration"] == 45
    # the thumbnail shares the video's stem: part of its post, not a clip of its own
    assert done.ignored == 1


def test_a_sidecar_without_its_video_is_missing_and_a_new_download_is_added_later(tmp_path):
    downloads = tmp_path / "dl"
    sidecar(downloads, "Gone [x1]", media=None, id="x1")
    case = tmp_path / "case"
    first = ingest([downloads], case)
    assert not first.added and first.missing[0].reason == "no media file beside the sidecar"
    sidecar(downloads, "New [x2]", id="x2")
    second = ingest([downloads], case)
    assert [a.key.split(":")[2] for a in second.added] == ["x2"]
    assert len(load_case(second.case_file)) == 1


@pytest.mark.parametrize(
    ("content", "said"),
    [("not json at all", "not valid JSON"), ("[1, 2]", "not an object"),
     ('{"title": "no id"}', "no 'id'"), ('{"id": "a", "upload_date": "May 5"}', "YYYYMMDD")],
)  # fmt: skip
def test_a_bad_sidecar_is_one_error_line_and_nothing_written(tmp_path, capsys, content, said):
    downloads = tmp_path / "dl"
    downloads.mkdir()
    (downloads / "v.mp4").write_bytes(MP4)
    (downloads / "v.info.json").write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "ingest", downloads, "--case", tmp_path / "case")
    assert code == 2 and not out
    assert err.count("\n") == 1 and said in err and "Traceback" not in err
    assert not (tmp_path / "case").exists()


def test_a_plain_folder_by_sniffing_and_extension(tmp_path):
    folder = tmp_path / "media"
    (folder / "sub").mkdir(parents=True)
    (folder / "clip.bin").write_bytes(MP4)  # sniffed: an MP4 whatever its name
    (folder / "sub" / "still.JPG").write_bytes(JPEG)
    (folder / "notes.txt").write_text("not media", encoding="utf-8")
    (folder / ".hidden.mp4").write_bytes(MP4 + b"h")
    (folder / 'odd\nname "q".mp4').write_bytes(MP4 + b"odd")
    done = ingest([folder], tmp_path / "case")
    assert sorted(a.path.name for a in done.added) == ["clip.bin", 'odd\nname "q".mp4',
                                                       "still.JPG"]  # fmt: skip
    entries = load_case(done.case_file)
    assert all(e.claim_paths == () and e.actor is None for e in entries)
    assert {Path(e.path).name for e in entries} == {a.path.name for a in done.added}
    assert done.ignored == 1  # notes.txt
    again = ingest([folder], tmp_path / "case")
    assert not again.added and len(again.present) == 3


def test_nothing_to_ingest_and_a_missing_path(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "readme.txt").write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "ingest", empty, "--case", tmp_path / "case")
    assert code == 2 and "nothing to ingest" in err and err.count("\n") == 1
    code, _, err = run(capsys, "ingest", tmp_path / "nope", "--case", tmp_path / "case")
    assert code == 2 and "does not exist" in err
    with pytest.raises(BadInputError):
        ingest([], tmp_path / "case")
    assert not (tmp_path / "case").exists()


def test_ingest_then_analyze_links_each_clip_to_its_claim_actor_and_release(tmp_path, capsys):
    export = tmp_path / "export"
    (export / "video_files").mkdir(parents=True)
    lavfi_clip(export / "video_files" / "raid.mp4", seconds=2, size="160x120", audio=False)
    lavfi_clip(export / "video_files" / "repost.mp4", seconds=2, size="160x120", audio=False,
               vf="hflip")  # fmt: skip
    write_export(export, [
        message(10, T0, ["Our raid, ", {"type": "hashtag", "text": "#Belgorod"}],
                **video("raid.mp4")),
        message(11, T0 + 86400, "Reposted", **video("repost.mp4"), **{"from": "Aggregator",
                "from_id": "channel99"}, forwarded_from="Legion"),
        message(12, T0 + 90000, "gone", file="(File not included. Change data exporting "
                "settings to download.)", media_type="video_file"),
    ])  # fmt: skip
    case, out = tmp_path / "case", tmp_path / "reports"
    code, stdout, err = run(capsys, "ingest", export, "--case", case, "--analyze", "--out", out)
    assert code == 0, err
    assert "2 clip(s) added" in err and "1 missing media" in err
    by_name = {r["file"]["name"]: r for r in (json.loads(p.read_text("utf-8"))
                                              for p in out.glob("*/report.json"))}  # fmt: skip
    assert set(by_name) == {"raid.mp4", "repost.mp4"}
    raid, repost = by_name["raid.mp4"], by_name["repost.mp4"]
    assert (raid["case"]["actor"], raid["case"]["released"]) == ("Legion", "2023-05-27T12:15:00Z")
    assert (repost["case"]["actor"], repost["case"]["released"]) == (
        "Aggregator", "2023-05-28T12:15:00Z")  # fmt: skip
    assert [c["text"] for c in raid["claims"]] == ["Our raid, #Belgorod"]
    assert repost["claims"][0]["url"] == "https://t.me/c/1234/11"
    assert repost["claims"][0]["published"] == "2023-05-28"
    assert (raid["case"]["forwarded_from"], repost["case"]["forwarded_from"]) == (None, "Legion")
    # the raid's report, updated as the repost joined, names the forward on the repost's entry
    [shared] = raid["reuse"]
    assert (shared["other"]["name"], shared["other"]["forwarded_from"]) == ("repost.mp4", "Legion")
    assert (case / "case.sqlite").is_file()  # the index lives in the case folder
    assert stdout.splitlines()[0] == str(case / "case.toml")


def test_a_download_whose_length_is_not_the_platform_s_is_a_high_finding(tmp_path, capsys):
    """yt-dlp's ``duration`` goes into the claim's front matter; analyze checks it against the
    probed file: the 2 s download said to be 5 s long was cut after posting."""
    downloads = tmp_path / "dl"
    downloads.mkdir()
    lavfi_clip(downloads / "cut [a1].mp4", seconds=2, size="160x120", audio=False)
    lavfi_clip(downloads / "whole [b2].mp4", seconds=2, size="160x120", audio=False, vf="hflip")
    sidecar(downloads, "cut [a1]", media=None, id="a1", duration=5, description="Raid footage.")
    sidecar(downloads, "whole [b2]", media=None, id="b2", duration=2, description="Raid footage.")
    case, out = tmp_path / "case", tmp_path / "reports"
    code, _, err = run(capsys, "ingest", downloads, "--case", case, "--analyze", "--out", out)
    assert code == 0, err
    by_name = {r["file"]["name"]: r for r in (json.loads(p.read_text("utf-8"))
                                              for p in out.glob("*/report.json"))}  # fmt: skip
    cut, whole = by_name["cut [a1].mp4"], by_name["whole [b2].mp4"]
    (check,) = [c for c in cut["checks"] if c["check"] == "platform_duration"]
    assert check["verdict"] == "contradicted" and check["flag"] == "duration_differs_from_platform"
    assert "the platform's metadata says 5 s" in check["evidence"]
    fact = cut["claims"][0]["facts"][check["facts"][0]]
    assert (fact["value"], fact["detail"]["role"], fact["start"] < 0) == (5.0, "platform", True)
    assert {"code": "duration_differs_from_platform", "severity": "high"}.items() <= next(
        f for f in cut["flags"] if f["code"] == "duration_differs_from_platform"
    ).items()
    (check,) = [c for c in whole["checks"] if c["check"] == "platform_duration"]
    assert check["verdict"] == "consistent"


def test_two_posts_of_one_day_are_ordered_by_their_times(tmp_path, capsys):
    """Telegram's exact release times reach the case index: the repost two hours after the
    raid on the same day is the later release, and the order names both times."""
    export = tmp_path / "export"
    (export / "video_files").mkdir(parents=True)
    lavfi_clip(export / "video_files" / "raid.mp4", seconds=2, size="160x120", audio=False)
    lavfi_clip(export / "video_files" / "repost.mp4", seconds=2, size="160x120", audio=False,
               vf="hflip")  # fmt: skip
    write_export(export, [  # the repost is listed first: the ingest order must not decide
        message(11, T0 + 7200, "Reposted", **video("repost.mp4"),
                **{"from": "Aggregator", "from_id": "channel99"}),
        message(10, T0, "Our raid", **video("raid.mp4")),
    ])  # fmt: skip
    case, out = tmp_path / "case", tmp_path / "reports"
    code, _, err = run(capsys, "ingest", export, "--case", case, "--analyze", "--out", out)
    assert code == 0, err
    by_name = {r["file"]["name"]: r for r in (json.loads(p.read_text("utf-8"))
                                              for p in out.glob("*/report.json"))}  # fmt: skip
    [shared] = by_name["repost.mp4"]["reuse"]
    assert shared["order_known"] and shared["this_side"] == "b"
    assert shared["order"] == ("raid.mp4 was released first (2023-05-27 12:15:00 UTC); "
                               "repost.mp4 on 2023-05-27 14:15:00 UTC")  # fmt: skip
    assert "reuses_earlier_footage" in {f["code"] for f in by_name["repost.mp4"]["flags"]}


def test_a_folder_leaves_out_this_tools_own_output(tmp_path):
    """Reports, comparisons and case folders written into the folder hold keyframes, crops
    and thumbnails: they are the tool's output, not evidence to ingest."""
    folder = tmp_path / "media"
    (folder / "reports" / "clip-1234" / "keyframes").mkdir(parents=True)
    (folder / "clip.mp4").write_bytes(MP4)
    (folder / "reports" / "clip-1234" / "report.json").write_text("{}", encoding="utf-8")
    (folder / "reports" / "clip-1234" / "keyframes" / "0001.jpg").write_bytes(JPEG)
    (folder / "old-case").mkdir()
    (folder / "old-case" / "ingest.json").write_text("{}", encoding="utf-8")
    (folder / "old-case" / "still.jpg").write_bytes(JPEG)
    done = ingest([folder], tmp_path / "case")
    assert [a.path.name for a in done.added] == ["clip.mp4"]


def test_the_summary_names_a_download_folder_once(tmp_path, capsys):
    """A folder of yt-dlp downloads is read as yt-dlp's and as a plain folder (files without
    a sidecar): the summary does not add a line saying the folder holds 0 posts."""
    downloads = tmp_path / "dl"
    sidecar(downloads, "Strike [dQw4w9WgXcQ]", timestamp=1684800000)
    code, _, err = run(capsys, "ingest", downloads, "--case", tmp_path / "case")
    assert code == 0, err
    assert "(yt-dlp): 1 post(s) with media" in err and "0 post(s)" not in err
