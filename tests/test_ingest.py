"""forensics ingest from Telegram Desktop exports: the case file, claim files and ledger it
writes, re-running on a grown export, and hostile input kept as data or refused.

The exports are small ``result.json`` files written here after Telegram Desktop's JSON export
format (a chat object with ``messages``; a full export with ``chats.list``); the media are a
few bytes that sniff as MP4 or JPEG: nothing here decodes them (tests/test_ingest_ytdlp.py
analyses an ingested case end to end).
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

from forensics.case.casefile import load_case
from forensics.claims.claimfile import read_text, split_front_matter
from forensics.claims.linking import load_claim
from forensics.errors import BadInputError
from forensics.ingest import ingest
from forensics.ingest.telegram import flatten

MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(range(256))
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(200))
NOT_INCLUDED = "(File not included. Change data exporting settings to download.)"


def message(mid: int, stamp: int, text: Any = "", **fields: Any) -> dict[str, Any]:
    return {"id": mid, "type": "message", "date": "2023-05-27T15:15:00",
            "date_unixtime": str(stamp), "from": "Legion", "from_id": "channel1234",
            "text": text, **fields}  # fmt: skip


def video(name: str) -> dict[str, Any]:
    return {"file": f"video_files/{name}", "media_type": "video_file", "mime_type": "video/mp4",
            "duration_seconds": 112}  # fmt: skip


T0 = 1685189700  # 2023-05-27T12:15:00Z; the export's "date" says 15:15 (local time, unused)


def legion_messages() -> list[dict[str, Any]]:
    entity_text = ["First video of the raid ", {"type": "hashtag", "text": "#Belgorod"},
                   ", more at ", {"type": "text_link", "text": "our site",
                                  "href": "https://example.org/legion"},
                   " by ", {"type": "mention", "text": "@legion"}, "."]  # fmt: skip
    return [
        {"id": 1, "type": "service", "date_unixtime": str(T0 - 100), "action": "create_channel"},
        message(10, T0, entity_text, **video("raid.mp4")),
        message(
            11, T0 + 60, "Album: two views", **video("view1.mp4"), forwarded_from="Other channel"
        ),
        message(12, T0 + 60, "", photo="photos/view2.jpg", forwarded_from="Other channel"),
        message(13, T0 + 120, "Not downloaded", file=NOT_INCLUDED, media_type="video_file"),
        message(14, T0 + 180, "Text only, no clip"),
    ]


def write_export(folder: Path, messages: list[dict[str, Any]], **chat: Any) -> Path:
    (folder / "video_files").mkdir(parents=True, exist_ok=True)
    (folder / "photos").mkdir(exist_ok=True)
    for m in messages:
        for key, data in (("file", MP4), ("photo", JPEG)):
            name = m.get(key)
            if isinstance(name, str) and not name.startswith("(") and "/" in name:
                target = folder / name
                plain = ".." not in name and not name.startswith("/") and "\x00" not in name
                if plain and not target.exists():
                    target.write_bytes(data + name.encode())  # distinct bytes per file
    data = {"name": "Legion", "type": "public_channel", "id": 1234, "messages": messages, **chat}
    (folder / "result.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder


def test_flatten_keeps_entity_offsets_into_the_flattened_text():
    parts = ["a ", {"type": "bold", "text": "b"}, " ", {"type": "plain", "text": "c"},
             {"type": "link", "text": "d"}]  # fmt: skip
    text, entities = flatten(parts)
    assert text == "a b cd"
    assert [(e.type, text[e.offset : e.offset + e.length]) for e in entities] == [
        ("bold", "b"), ("link", "d")]  # fmt: skip
    assert flatten("plain string") == ("plain string", ())
    with pytest.raises(BadInputError):
        flatten([{"type": "bold"}])


def test_a_channel_export_becomes_a_case(tmp_path):
    export = write_export(tmp_path / "export", legion_messages())
    done = ingest([export], tmp_path / "case")
    assert [a.key for a in done.added] == ["telegram:1234:10", "telegram:1234:11",
                                           "telegram:1234:12"]  # fmt: skip
    assert [m.key for m in done.missing] == ["telegram:1234:13"]
    assert done.missing[0].reason == NOT_INCLUDED and done.missing[0].url.endswith("/1234/13")
    assert done.albums == 1 and done.ignored == 2  # the service message, the text-only one

    entries = load_case(done.case_file)
    assert [Path(e.path).name for e in entries] == ["raid.mp4", "view1.mp4", "view2.jpg"]
    assert [(e.actor, e.released) for e in entries] == [  # the exact UTC time, kept
        ("Legion", "2023-05-27T12:15:00Z"), ("Legion", "2023-05-27T12:16:00Z"),
        ("Legion", "2023-05-27T12:16:00Z")]  # fmt: skip
    raw = tomllib.loads(done.case_file.read_text(encoding="utf-8"))["clips"]
    assert raw[0]["path"] == "../export/video_files/raid.mp4"  # relative to the case file
    assert raw[0]["released"] == "2023-05-27T12:15:00Z"  # date_unixtime, not the local date
    # the album's two items link the one claim of the post
    assert entries[1].claim_paths == entries[2].claim_paths != entries[0].claim_paths
    # a forward's source is the footage's earlier publisher: the case entry says so
    assert [e.forwarded_from for e in entries] == [None, "Other channel", "Other channel"]
    # each medium's own length as the platform gave it; a photo has none
    assert [e.platform_duration_s for e in entries] == [112.0, 112.0, None]

    claim = load_claim(Path(entries[0].claim_paths[0]), "test")
    assert claim.text == "First video of the raid #Belgorod, more at our site by @legion."
    assert (claim.url, claim.published, claim.actor, claim.outlet, claim.platform) == (
        "https://t.me/c/1234/10",
        "2023-05-27",
        "Legion",
        "Legion",
        "Telegram",
    )
    post = json.loads(Path(entries[0].claim_paths[0]).with_suffix(".json").read_text("utf-8"))
    marked = {e["type"]: post["text"][e["offset"] : e["offset"] + e["length"]]
              for e in post["entities"]}  # fmt: skip
    assert marked == {"hashtag": "#Belgorod", "text_link": "our site", "mention": "@legion"}
    assert post["entities"][1]["href"] == "https://example.org/legion"
    assert post["raw"][0]["date"] == "2023-05-27T15:15:00"  # kept as data, never read

    fields, body = split_front_matter(Path("c"), read_text(Path(entries[1].claim_paths[0])))
    assert fields["forwarded_from"] == "Other channel" and fields["duration"] == "112"
    assert fields["album"] == "https://t.me/c/1234/11 https://t.me/c/1234/12"
    assert "one second" in fields["album_grouped_by"]
    assert body.strip() == "Album: two views"


def test_a_full_export_reads_every_chat_and_a_username_makes_public_links(tmp_path):
    one = write_export(tmp_path / "x", [message(5, T0, "one", **video("a.mp4"))])
    (one / "video_files" / "b.mp4").write_bytes(MP4 + b"b")
    chats = [
        {"name": "A", "type": "public_channel", "id": 1, "username": "chan_a",
         "messages": [message(5, T0, "one", **video("a.mp4"))]},
        {"name": "B", "type": "private_supergroup", "id": 2,
         "messages": [message(5, T0, "two", **video("b.mp4"))]},
    ]  # fmt: skip
    full = {"about": "export", "chats": {"about": "", "list": chats}, "left_chats": {"list": []}}
    (one / "result.json").write_text(json.dumps(full), encoding="utf-8")
    done = ingest([one / "result.json"], tmp_path / "case")
    assert [a.key for a in done.added] == ["telegram:1:5", "telegram:2:5"]
    links = [load_claim(a.claim, "t").url for a in done.added if a.claim]
    assert links == ["https://t.me/chan_a/5", "https://t.me/c/2/5"]


def test_re_ingesting_a_grown_export_adds_only_the_new_clips(tmp_path):
    messages = legion_messages()
    export = write_export(tmp_path / "export", messages)
    case = tmp_path / "case"
    first = ingest([export], case)
    claim = first.added[0].claim
    assert claim is not None
    claim.write_text(claim.read_text("utf-8") + "\nHand note.\n", encoding="utf-8")
    case_before = first.case_file.read_text("utf-8")

    again = ingest([export], case)  # unchanged export: nothing added, nothing rewritten
    assert not again.added and len(again.present) == 3
    assert first.case_file.read_text("utf-8") == case_before

    messages[4] = message(13, T0 + 120, "Not downloaded", **video("late.mp4"))  # now exported
    messages.append(message(20, T0 + 900, "A new post", **video("new.mp4")))
    write_export(export, messages)
    grown = ingest([export], case)
    assert [a.key for a in grown.added] == ["telegram:1234:13", "telegram:1234:20"]
    assert len(grown.present) == 3 and not grown.missing
    text = first.case_file.read_text("utf-8")
    assert text.startswith(case_before)  # the old entries, byte for byte
    assert claim.read_text("utf-8").endswith("Hand note.\n")  # never rewritten
    assert len(load_case(first.case_file)) == 5
    ledger = json.loads((case / "ingest.json").read_text("utf-8"))
    assert not ledger["missing"] and len(ledger["clips"]) == 5


def test_hostile_text_and_names_stay_data(tmp_path):
    nasty = 'x"\n---\nactor: forged\n"""]\n[[clips]]\npath = "/etc/passwd"\n\x00\x1b[2J\u202e'
    export = write_export(tmp_path / "export", [
        message(1, T0, nasty, **video("a.mp4"), **{"from": 'Evil "name"\n[[clips]]'},
                forwarded_from="\u202eevil\u0085"),
        message(2, T0 + 5, "---\n- leading dash", **video("b.mp4")),
    ], name='Chan\n]] "quoted"')  # fmt: skip
    done = ingest([export], tmp_path / "case")
    entries = load_case(done.case_file)
    assert len(entries) == 2  # no entry smuggled in through a name or the text
    assert entries[0].actor == 'Evil "name"\n[[clips]]'
    claim = load_claim(Path(entries[0].claim_paths[0]), "t")
    assert claim.actor == 'Evil "name"\n[[clips]]'
    assert claim.text == nasty.replace("\x00", "\ufffd").strip()
    second = load_claim(Path(entries[1].claim_paths[0]), "t")
    assert second.text == "---\n- leading dash"
    fields, _ = split_front_matter(Path("c"), read_text(Path(entries[0].claim_paths[0])))
    assert fields["forwarded_from"] == "\u202eevil\u0085"
    assert entries[0].forwarded_from == "\u202eevil\u0085"  # as data, in its own key
    names = sorted(p.name for p in (tmp_path / "case" / "claims").iterdir())
    assert names == ["telegram-1234-1.json", "telegram-1234-1.md", "telegram-1234-2.json",
                     "telegram-1234-2.md"]  # fmt: skip


@pytest.mark.parametrize(
    "written",
    ["../outside.mp4", "/etc/passwd", "video_files/../../outside.mp4", "C:\\x\\y.mp4",
     "video_files/a\x00.mp4", "..\\..\\outside.mp4"],
)  # fmt: skip
def test_a_path_leading_outside_the_export_is_refused_and_nothing_is_written(tmp_path, written):
    (tmp_path / "outside.mp4").write_bytes(MP4)
    export = write_export(tmp_path / "export", [
        message(1, T0, "fine", **video("ok.mp4")),
        message(2, T0 + 9, "bad", file=written, media_type="video_file"),
    ])  # fmt: skip
    with pytest.raises(BadInputError, match="refused"):
        ingest([export], tmp_path / "case")
    assert not (tmp_path / "case").exists()


def test_a_link_out_of_the_export_is_refused(tmp_path):
    (tmp_path / "secret.mp4").write_bytes(MP4)
    export = write_export(tmp_path / "export", [message(1, T0, "x", **video("link.mp4"))])
    (export / "video_files" / "link.mp4").unlink()
    (export / "video_files" / "link.mp4").symlink_to(tmp_path / "secret.mp4")
    with pytest.raises(BadInputError, match="link leading outside"):
        ingest([export], tmp_path / "case")


@pytest.mark.parametrize(
    ("content", "said"),
    [("{not json", "not valid JSON"), ("[]", "top level is not an object"),
     ('{"name": "x"}', "neither 'messages'"), ('{"messages": {}}', "not a list"),
     ('{"messages": [{"id": "7", "type": "message"}]}', "'id' is not a number"),
     ('{"messages": [{"id": 7, "text": 5, "photo": "p.jpg"}]}', "neither a string nor a list"),
     ("\xff\xfe", "not valid JSON")],
)  # fmt: skip
def test_a_malformed_result_json_is_one_error_and_nothing_written(tmp_path, content, said):
    export = tmp_path / "export"
    export.mkdir()
    (export / "p.jpg").write_bytes(JPEG)
    (export / "result.json").write_bytes(content.encode("utf-8", "surrogateescape")
                                         if content != "\xff\xfe" else b"\xff\xfe{")  # fmt: skip
    with pytest.raises(BadInputError, match=said):
        ingest([export], tmp_path / "case")
    assert not (tmp_path / "case").exists()


def test_an_export_without_media_is_nothing_to_ingest(tmp_path):
    export = write_export(tmp_path / "export", [message(1, T0, "text only")])
    with pytest.raises(BadInputError, match="nothing to ingest"):
        ingest([export], tmp_path / "case")
    assert not (tmp_path / "case").exists()


def test_a_broken_case_file_is_refused_not_grown(tmp_path):
    export = write_export(tmp_path / "export", [message(1, T0, "x", **video("a.mp4"))])
    case = tmp_path / "case"
    case.mkdir()
    (case / "case.toml").write_text("[[clips]]\npath = \n", encoding="utf-8")
    with pytest.raises(BadInputError, match="not valid TOML"):
        ingest([export], case)
    assert (case / "case.toml").read_text("utf-8") == "[[clips]]\npath = \n"
    assert not (case / "claims").exists()
