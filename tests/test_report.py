import json
import re

import pytest

from forensics import analyze
from forensics.errors import ReportWriteError
from forensics.report.clip import marked_text, safe_name, safe_url, staged_folder
from tests.media import lavfi_clip

SHA = "0123456789abcdef" * 4
HOSTILE = '"><img src=x onerror=alert(1)><script>alert(2)</script>'


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("clip.mp4", "clip-0123456789ab"),
        ("../../etc/passwd", "passwd-0123456789ab"),
        ("my clip 'final\".mp4", "my_clip_final-0123456789ab"),
        ("видео бой.mp4", "видео_бой-0123456789ab"),
        ("-rf.mp4", "rf-0123456789ab"),
        ("....mp4", "clip-0123456789ab"),
        ("a" * 300 + ".mp4", "a" * 48 + "-0123456789ab"),
    ],
)
def test_safe_name(name, expected):
    assert safe_name(name, SHA) == expected
    assert re.fullmatch(r"[\w-]+", safe_name(name, SHA))


def test_safe_url_only_links_http():
    assert safe_url("https://example.org/x") == "https://example.org/x"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url(" data:text/html,x") is None


def test_failed_run_leaves_nothing_and_keeps_the_old_report(tmp_path):
    destination = tmp_path / "out" / "clip-1"
    with staged_folder(destination) as stage:
        (stage / "report.json").write_text("old")
    with pytest.raises(RuntimeError), staged_folder(destination) as stage:
        (stage / "report.json").write_text("half")
        raise RuntimeError("boom")
    assert (destination / "report.json").read_text() == "old"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["clip-1"]


def test_second_run_replaces_the_report(tmp_path):
    destination = tmp_path / "clip-1"
    for text in ("one", "two"):
        with staged_folder(destination) as stage:
            (stage / "report.json").write_text(text)
    assert (destination / "report.json").read_text() == "two"
    assert [p.name for p in tmp_path.iterdir()] == ["clip-1"]


def test_unwritable_destination_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ReportWriteError, match="cannot create"), staged_folder(blocker / "r"):
        pass


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    clip = lavfi_clip(
        root / f"evil {HOSTILE[:12]}.mp4", seconds=2,
        metadata={"title": HOSTILE, "encoder": HOSTILE, "comment": HOSTILE},
    )  # fmt: skip
    claim = root / "claim.md"
    claim.write_text(
        f"---\noutlet: '{HOSTILE}'\nurl: javascript:alert(3)\npublished: 2023-05-27\n---\n"
        f"Body with {HOSTILE} and a 2-second clip from <i>Gora Podol</i>.\n",
        encoding="utf-8",
    )
    return analyze(clip, root / "reports", claim_files=[claim])


def test_untrusted_strings_are_escaped(hostile_report):
    html = hostile_report.html.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html
    assert html.count("<script") == 0  # the report needs no script at all


def test_claim_is_quoted_as_text_with_its_facts_marked(hostile_report):
    html = hostile_report.html.read_text(encoding="utf-8")
    quote = re.search(r'<blockquote class="claim-text">(.*?)</blockquote>', html, re.S)[1]
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in quote and "<script" not in quote
    assert '<mark class="fact fact-duration" id="claim-0-fact-' in quote
    assert (
        '&lt;i&gt;<mark class="fact fact-place" id="claim-0-fact-1">Gora Podol'
        '<span class="kind">place: Gora-Podol</span></mark>&lt;/i&gt;'
    ) in quote
    assert re.findall(r"<(\w+)", quote) == ["mark", "span", "mark", "span"]  # nothing else
    assert '<span class="verdict verdict-consistent">consistent</span>' in html


def test_marked_text_nests_and_cuts_crossing_facts():
    text = "On Monday the MoD said it hit <b>a BMP-2</b>."
    facts = [
        {"kind": "statement", "value": "MoD", "text": text, "start": 0, "end": len(text)},
        {"kind": "date", "value": "2023-05-22", "text": "On Monday", "start": 0, "end": 9},
        {"kind": "hedge", "value": "x", "text": "MoD said", "start": 14, "end": 22},
        {"kind": "actor", "value": "Ministry", "text": "the MoD", "start": 10, "end": 17},
        {"kind": "equipment", "value": "BMP-2", "text": "wrong", "start": 36, "end": 41},
    ]
    [statement] = marked_text(text, facts)
    assert statement["label"] == "statement: by MoD"
    pieces = [(n.get("fact", {}).get("kind"), n.get("label")) for n in statement["children"]]
    assert pieces == [("date", "date: 2023-05-22"), (None, None), ("actor", "actor: Ministry"),
                      ("hedge", "hedge: x"), (None, None)]  # fmt: skip
    actor = statement["children"][2]
    assert actor["children"][1]["fact"]["kind"] == "hedge"  # "MoD": the hedge's first piece
    assert actor["children"][1]["label"] is None  # labelled once, where it ends
    assert actor["children"][1]["first"] and not statement["children"][3]["first"]

    def flat(nodes):
        return "".join(n["text"] if "text" in n else flat(n["children"]) for n in nodes)

    assert flat([statement]) == text  # every character once; the bad span is left unmarked


def test_report_is_self_contained(hostile_report):
    html = hostile_report.html.read_text(encoding="utf-8")
    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert not re.match(r"^[a-z]+:", url), url  # only relative links inside the folder
        if not url.startswith("#"):
            assert (hostile_report.report_dir / url).is_file(), url


def test_json_and_html_agree(hostile_report):
    data = json.loads((hostile_report.report_dir / "report.json").read_text(encoding="utf-8"))
    assert data["file"]["sha256"] == hostile_report.record.file.sha256
    assert data["metadata"]["tags"]["format"]["title"] == HOSTILE
    assert data["claims"][0]["claimed_durations_s"] == [2.0]
    assert "duration_matches_claim" in [f["code"] for f in data["flags"]]
    html = hostile_report.html.read_text(encoding="utf-8")
    assert data["file"]["sha256"] in html and data["tool"]["ffmpeg_version"] in html


def test_evidence_is_never_modified(tmp_path):
    clip = lavfi_clip(tmp_path / "evidence.mp4", seconds=2)
    before = (clip.read_bytes(), clip.stat().st_mtime_ns, clip.stat().st_mode)
    analyze(clip, tmp_path / "reports")
    assert (clip.read_bytes(), clip.stat().st_mtime_ns, clip.stat().st_mode) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["evidence.mp4", "reports"]


def test_links_to_other_report_folders_are_url_encoded():
    from forensics.report.clip import path_url

    assert path_url("../case #2/clip-ab12/report.html") == "../case%20%232/clip-ab12/report.html"
    assert path_url("../a?b%c/frames/500.jpg") == "../a%3Fb%25c/frames/500.jpg"
    assert path_url(None) is None


def test_a_fact_of_the_front_matter_is_listed_as_such(tmp_path):
    """A platform's stated length lies before the quoted text: the facts table says 'front
    matter' where characters would be, and links to no mark (there is none)."""
    clip = lavfi_clip(tmp_path / "clip.mp4", seconds=2)
    claim = tmp_path / "claim.md"
    claim.write_text('---\npublished: 2023-05-27\nduration: "2"\n---\nA short clip.\n')
    html = analyze(clip, tmp_path / "reports", claim_files=[claim]).html.read_text()
    table = re.search(r'<table class="grid fact-list">(.*?)</table>', html, re.S)[1]
    row = next(r for r in re.findall(r"<tr>(.*?)</tr>", table, re.S) if "duration" in r)
    assert "<td>front matter</td>" in row and "href" not in row
    assert not re.search(r"<td>-\d", table)
