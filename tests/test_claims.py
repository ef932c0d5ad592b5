import pytest

from forensics.case.casefile import entry_for, find_case_file, load_case
from forensics.claims.linking import load_claim
from forensics.errors import BadInputError


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("The video lasting one minute and 52 seconds starts with", (112.0,)),
        ("a 45-second clip of six strikes", (45.0,)),
        ("the two-minute video", (120.0,)),
        ("it runs 1:52 in total", (112.0,)),
        ("a clip of 2 minutes, 5 seconds", (125.0,)),
        ("posted at 10:30 am on Monday", ()),
        ("the fighting lasted two hours", ()),  # not a length of footage
        ("no duration here", ()),
    ],
)
def test_claimed_durations_come_from_the_fact_extractor(tmp_path, text, seconds):
    claim = load_claim(write(tmp_path / "c.md", f"date 2023-05-27\n{text}\n"), "x")
    assert claim.claimed_durations_s == seconds


def test_event_dates_resolve_weekdays_against_publication(tmp_path):
    text = "Fighters crossed on Monday. The ministry spoke on May 23, and again on 24 May."
    claim = load_claim(write(tmp_path / "c.md", f"date 2023-05-27\n{text}"), "x")
    assert claim.event_dates == ("2023-05-22", "2023-05-23", "2023-05-24")


def test_event_dates_without_publication_keep_only_full_dates(tmp_path):
    claim = load_claim(write(tmp_path / "c.md", "On Monday, and on 2023-05-21."), "x")
    assert claim.event_dates == ("2023-05-21",)


def test_fact_offsets_index_the_text_the_record_keeps(tmp_path):
    path = write(tmp_path / "c.md", "---\npublished: 2023-05-27\n---\n\n  Our BMP-2 video, "
                 "one minute and 52 seconds, from Gora Podol on Monday.\n\n")  # fmt: skip
    claim = load_claim(path, "x")
    assert claim.text.startswith("Our BMP-2") and claim.facts
    for f in claim.facts:
        assert claim.text[f.start : f.end] == f.text
    raw = path.read_text(encoding="utf-8")
    assert raw[claim.text_start : claim.text_start + len(claim.text)] == claim.text
    kinds = {f.kind: f.value for f in claim.facts}
    assert kinds["place"] == "Gora-Podol" and kinds["date"] == "2023-05-22"
    assert kinds["equipment"] == "BMP-2" and kinds["duration"] == 112.0


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_front_matter_claim(tmp_path):
    claim = load_claim(
        write(
            tmp_path / "c.md",
            "---\noutlet: Legion channel\npublished: 2023-05-27\nactor: Legion\n"
            "platform: Telegram\n---\n"
            "Our video of one minute and 52 seconds shows the raid on Monday.\n",
        ),
        "--claim",
    )
    assert (claim.outlet, claim.published, claim.actor, claim.platform) == (
        "Legion channel", "2023-05-27", "Legion", "Telegram",
    )  # fmt: skip
    assert claim.claimed_durations_s == (112.0,)
    assert claim.event_dates == ("2023-05-22",)
    assert claim.text.startswith("Our video")


def test_dateline_claim_like_wire_copy(tmp_path):
    claim = load_claim(
        write(tmp_path / "c.txt", " date 2023-05-24 Moscow released a 45-second clip."), "x"
    )
    assert claim.published == "2023-05-24" and claim.claimed_durations_s == (45.0,)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", ":1: claim file is empty"),
        (b"   \n", ":1: claim file is empty"),
        (b"\x00\x01\x02binary", ":1: binary data"),
        (b"line one\nline two\x00", ":2: binary data"),
        ("\ufeffUTF-16 text".encode("utf-16"), ":1: UTF-16 text"),
        (
            b"---\noutlet: x\nno closing fence\n",
            ":1: front matter opened with --- but never closed",
        ),
        (b"---\noutlet: x\nurl: [unclosed\n---\nbody\n", ":3: malformed front matter"),
        (b"---\noutlet: x\npublished: 27/05/2023\n---\nbody\n", ":3: published: date"),
        (b"a claim\ncaf\xe9 au lait", ":2: not UTF-8 text"),
        (b"ten megabytes " * 750_000, ":1: 10,500,000 bytes is too large"),
    ],
)
def test_bad_claims_name_the_file_and_line(tmp_path, content, message):
    path = tmp_path / "bad claim.md"
    path.write_bytes(content)
    with pytest.raises(BadInputError) as info:
        load_claim(path, "x")
    assert str(info.value).startswith(f"{path}{message}")
    assert "\n" not in str(info.value)


def test_case_file_links_by_path_or_hash(tmp_path):
    (tmp_path / "clips").mkdir()
    clip = tmp_path / "clips" / "a.mp4"
    clip.write_bytes(b"x")
    write(tmp_path / "claim.md", "---\npublished: 2023-05-23\n---\nA 45-second clip.\n")
    write(
        tmp_path / "case.toml",
        'title = "t"\n[[clips]]\npath = "clips/a.mp4"\nsha256 = "ABC"\nactor = "MoD"\n'
        'released = "2023-05-23"\nclaims = ["claim.md"]\n',
    )
    assert find_case_file(clip) == tmp_path / "case.toml"
    entries = load_case(tmp_path / "case.toml")
    assert entry_for(clip, "zzz", entries).actor == "MoD"
    renamed = tmp_path / "elsewhere.mp4"
    assert entry_for(renamed, "abc", entries).released == "2023-05-23"  # pinned hash, lower-cased
    assert entry_for(renamed, "zzz", entries) is None


@pytest.mark.parametrize(
    ("written", "kept"),
    [('"2023-05-27T12:15:00Z"', "2023-05-27T12:15:00Z"),  # as ingest writes it
     ('"2023-05-27T15:15:00+03:00"', "2023-05-27T12:15:00Z"),  # moved to UTC
     ("2023-05-27T01:15:00+03:00", "2023-05-26T22:15:00Z"),  # TOML's own datetime
     ('"2023-05-27T12:15:00"', "2023-05-27T12:15:00Z"),  # no zone: the case file's UTC
     ("2023-05-27", "2023-05-27"), ('"2023-05-27"', "2023-05-27")],  # a day stays a day
)  # fmt: skip
def test_a_case_file_release_keeps_its_exact_time(tmp_path, written, kept):
    (tmp_path / "a.mp4").write_bytes(b"x")
    write(tmp_path / "case.toml", f'[[clips]]\npath = "a.mp4"\nreleased = {written}\n')
    assert load_case(tmp_path / "case.toml")[0].released == kept


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[[clips]\n", ":1: not valid TOML"),
        ("[[clips]]\nactor = 'x'\n", ":1: clip entry 1: needs a 'path'"),
        ("[[clips]]\npath = 'a.mp4'\nclaims = 'c.md'\n", ":3: clip entry 1: 'claims' must be"),
        ("[[clips]]\npath = 'a.mp4'\nreleased = 'May 23'\n", ":3: clip entry 1: released: date"),
        ("[[clips]]\npath = 'a.mp4'\nreleased = 12:15:00\n", ":3: clip entry 1: released: date"),
        ("[[clips]]\npath = 'a.mp4'\nclaim = ['c.md']\n", ":3: clip entry 1: unknown key 'claim'"),
        ("[[clips]]\npath = 'a.mp4'\nplatform_duration = '112'\n",
         ":3: clip entry 1: platform_duration must be a length in seconds"),
        ("[[clips]]\npath = 'a.mp4'\nplatform_duration = -inf\n",
         ":3: clip entry 1: platform_duration must be a length in seconds"),
        ("[[clips]]\npath = 'a.mp4'\n\n[[clips]]\npath = 'gone.mp4'\n",
         ":5: clip entry 2: clip gone.mp4 does not exist"),
        ("[[clips]]\npath = 'a.mp4'\nclaims = [\n  'c.md',\n  'gone.md',\n]\n",
         ":5: clip entry 1: claim file gone.md does not exist"),
    ],
)  # fmt: skip
def test_bad_case_files_name_the_file_and_line(tmp_path, toml, message):
    (tmp_path / "a.mp4").write_bytes(b"x")
    write(tmp_path / "c.md", "A claim.")
    write(tmp_path / "case.toml", toml)
    with pytest.raises(BadInputError) as info:
        load_case(tmp_path / "case.toml")
    assert str(info.value).startswith(f"{tmp_path / 'case.toml'}{message}"), str(info.value)


PLATFORM_CLAIM = ('---\noutlet: "Legion"\nduration: "112 30.5"\npublished: "2023-05-27T12:15:00Z"'
                  '\nsource: "telegram"\n---\n\nA 45-second video of the raid.\n')  # fmt: skip


def test_the_platform_stated_length_is_a_fact_at_its_front_matter_span():
    from forensics.claims.facts import extract_claim_text

    facts = extract_claim_text(PLATFORM_CLAIM).facts
    stated = [f for f in facts if (f.detail or {}).get("role") == "platform"]
    assert [(f.kind, f.value, f.text) for f in stated] == [
        ("duration", 112.0, "112"),
        ("duration", 30.5, "30.5"),
    ]
    for f in stated:
        assert PLATFORM_CLAIM[f.start : f.end] == f.text and f.detail["rule"] == "front matter"
    assert [f.start for f in facts] == sorted(f.start for f in facts)  # header facts in order
    text_lengths = [f.value for f in facts if f.kind == "duration" and f not in stated]
    assert text_lengths == [45.0]


@pytest.mark.parametrize("written", ['"abc"', '"0"', '"nan"', '"-3"', "''"])
def test_a_front_matter_length_that_is_no_length_is_no_fact(written):
    from forensics.claims.facts import extract_claim_text

    text = f"---\noutlet: x\nduration: {written}\n---\n\nNo length here.\n"
    assert not [f for f in extract_claim_text(text).facts if f.kind == "duration"]


def test_a_duration_line_in_the_body_is_not_the_platform_s():
    from forensics.claims.facts import extract_claim_text

    facts = extract_claim_text("duration: 112\nThe clip.\n").facts
    assert not [f for f in facts if (f.detail or {}).get("role") == "platform"]


def test_the_record_keeps_the_platform_length_before_its_text(tmp_path):
    path = write(tmp_path / "c.md", PLATFORM_CLAIM)
    claim = load_claim(path, "x")
    raw = path.read_text(encoding="utf-8")
    stated = [f for f in claim.facts if (f.detail or {}).get("role") == "platform"]
    assert [f.value for f in stated] == [112.0, 30.5] and all(f.end <= 0 for f in stated)
    for f in stated:  # negative offsets, relative to the text: still its place in the file
        assert raw[claim.text_start + f.start : claim.text_start + f.end] == f.text
    assert claim.claimed_durations_s == (112.0, 30.5, 45.0)
    assert not [f for f in claim.facts if (f.detail or {}).get("role") == "published"]
