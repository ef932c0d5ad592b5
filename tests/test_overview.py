"""The case overview page (``index.html``): clips, shared footage and chronology of a case, built
from the case index and each clip's live report, escaped, written atomically, and readable in a
real browser."""

import json
import os
import re
import shutil
from html import unescape
from pathlib import Path
from urllib.parse import unquote

import pytest
from PIL import Image

from forensics.case import index as caseindex
from forensics.case.index import INDEX_FILE, CaseIndex
from forensics.errors import CaseIndexError, ReportWriteError
from forensics.records import comparison_from_dict, record_from_dict
from forensics.report.overview import write_overview
from forensics.reuse.features import ClipFeatures
from tests import factories

EMPTY = ClipFeatures(1.0, (320, 180), ())
HOSTILE = '"><img src=x onerror=alert(1)><script>alert(2)</script>'
MOD, LEGION = "Russian Ministry of Defence", "Freedom of Russia Legion"


def sha(n: int) -> str:
    return f"{n:02x}" * 32


def record(n: int, name: str, **extra) -> dict:
    """A report.json as analyze writes it: a black first frame, then a picture."""
    data = factories.record_dict(
        media=factories.media(duration=45.0),
        frames=[factories.frame(0.0, "0" * 16, "0" * 16, False),
                factories.frame(1.0, "85c5c82666cbd37c", "1" * 16, True)],
        keyframes=[factories.keyframe(0.0, "0" * 16, "keyframes/0001.jpg"),
                   factories.keyframe(1.0, "85c5c82666cbd37c", "keyframes/0002.jpg")],
    )  # fmt: skip
    data["file"] = {**data["file"], "sha256": sha(n), "name": name, "path": f"/evidence/{name}"}
    for key, value in extra.items():
        data[key] = {**data[key], **value} if isinstance(data.get(key), dict) else value
    return data


def reuse_entry(other: dict, side: str, segments: list[tuple[float, float, float, float]]) -> dict:
    stretches = [{"a_start": a0, "a_end": a1, "b_start": b0, "b_end": b1, "alterations": ["x"]}
                 for a0, a1, b0, b1 in segments]  # fmt: skip
    return {
        "other": {"name": other["file"]["name"], "sha256": other["file"]["sha256"],
                  "actor": None, "released": None, "report": None},
        "this_side": side,
        "order": "A was released first",
        "order_known": False,
        "comparison": factories.comparison(stretches),
        "frame_pairs": [],
    }  # fmt: skip


class Case:
    """A case folder holding an index and one report folder per clip, as ``analyze`` leaves it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.index = CaseIndex(root)
        self.ids: dict[str, int] = {}

    def add(self, data: dict, actor=None, released=None, report=True) -> Path:
        folder = self.root / f"clip-{data['file']['sha256'][:12]}"
        if actor or released:  # who released it and when, as the case file says
            title = (data.get("case") or {}).get("title")
            data["case"] = factories.case_entry(actor, released, title)
        record = record_from_dict(data)
        clip = self.index.add(record, EMPTY, folder if report else None)
        self.ids[data["file"]["sha256"]] = clip.id
        if report:
            self.write(folder, data)
        return folder

    def write(self, folder: Path, data: dict) -> None:
        (folder / "keyframes").mkdir(parents=True, exist_ok=True)
        for i, shade in enumerate((0, 160), 1):
            Image.new("RGB", (32, 18), (shade, 90, 40)).save(folder / f"keyframes/000{i}.jpg")
        (folder / "report.json").write_text(json.dumps(data), encoding="utf-8")
        (folder / "report.html").write_text("<!doctype html><title>r</title>", encoding="utf-8")

    def overview(self) -> str:
        return write_overview(self.root, self.root).read_text(encoding="utf-8")


def shared_pair(case: Case, segments=((15.0, 22.0, 36.0, 42.5),)) -> tuple[dict, dict]:
    """Two clips of opposing sides sharing footage, each report listing the other."""
    a = record(1, "mod_strikes.mp4", flags=[{"code": "opposing_actors_share_footage",
                                            "severity": "high", "message": "..."}])  # fmt: skip
    b = record(2, "legion_raid.mp4", flags=[{"code": "reencoded", "severity": "medium",
                                            "message": "..."}])  # fmt: skip
    a["reuse"] = [reuse_entry(b, "a", list(segments))]
    b["reuse"] = [reuse_entry(a, "b", list(segments))]
    case.add(a, MOD, "2023-05-23")
    case.add(b, LEGION, "2023-05-27")
    return a, b


def hrefs(html: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'(?:href|src)="([^"]+)"', html)]


def svg_texts(html: str, css_class: str) -> list[str]:
    return [unescape(t) for t in re.findall(rf'<text class="{css_class}"[^>]*>([^<]*)<', html)]


def test_clips_links_and_headline(tmp_path):
    case = Case(tmp_path)
    shared_pair(case)
    case.add(record(3, "repost.mp4", media={"kind": "image"}), released="2023-05-28")
    html = case.overview()
    text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))
    assert "This case holds 3 clips and 1 pair sharing footage" in text
    assert "the most severe finding is high the same footage released by opposing sides" in text
    assert "3 clips" in text and "still" in text
    links = hrefs(html)
    assert links and all((tmp_path / unquote(link)).is_file() for link in links)
    assert {link for link in links if link.endswith("report.html")} == {
        f"clip-{sha(n)[:12]}/report.html" for n in (1, 2, 3)
    }
    # the thumbnail is the first keyframe that shows something, not the black fade-in
    assert 'src="clip-010101010101/keyframes/0002.jpg"' in html
    # rows in release order, numbered as the graph's nodes
    rows = re.findall(r'<tr id="clip-(\d)".*?<a href="clip-(\w+)/report.html"', html, re.S)
    assert rows == [("1", sha(1)[:12]), ("2", sha(2)[:12]), ("3", sha(3)[:12])]
    assert svg_texts(html, "label") == ["mod_strikes.mp4", "legion_raid.mp4", "repost.mp4"]
    assert "1 high" in text and "1 medium" in text


def test_pair_listed_by_both_reports_is_one_edge_with_summed_seconds(tmp_path):
    case = Case(tmp_path)
    a, b = shared_pair(case, segments=[(0.0, 4.0, 10.0, 14.0), (20.0, 22.5, 30.0, 32.0)])
    case.index.save_reuse(case.ids[a["file"]["sha256"]], case.ids[b["file"]["sha256"]],
                          comparison_from_dict(a["reuse"][0]["comparison"]))  # fmt: skip
    html = case.overview()
    assert svg_texts(html, "edge-label") == ["6.5 s"]  # 4.0 + 2.5 in A; 4.0 + 2.0 in B
    assert "6.5 s of clip 1" in html and "6.0 s of clip 2" in html
    assert html.count('<g class="edge opposing">') == 1  # Russia and Ukraine-aligned
    assert "released by opposing sides" in html and "(1 pair)" in html


def test_no_shared_footage(tmp_path):
    case = Case(tmp_path)
    case.add(record(1, "one.mp4"), "News aggregator")
    html = case.overview()
    assert "No two clips of the case share footage." in html
    assert "no findings were flagged" in html and svg_texts(html, "edge-label") == []


def test_a_forwarded_post_is_coloured_by_the_channel_it_came_from(tmp_path):
    case = Case(tmp_path)
    _, legion = shared_pair(case)
    forward = record(3, "forward.mp4", reuse=[reuse_entry(legion, "b", [(0, 5, 0, 5)])])
    case.add(forward, LEGION, "2023-05-28")
    data = json.loads((tmp_path / f"clip-{sha(3)[:12]}" / "report.json").read_text("utf-8"))
    data["case"]["forwarded_from"] = HOSTILE  # as the case file names it: data
    case.write(tmp_path / f"clip-{sha(3)[:12]}", data)
    html = case.overview()
    assert f"forwarded from {HOSTILE}" in unescape(html) and "<script" not in html
    data["case"]["forwarded_from"] = MOD
    case.write(tmp_path / f"clip-{sha(3)[:12]}", data)
    html = case.overview()
    row = re.search(r'<tr id="clip-3".*?</tr>', html, re.S)
    assert row and f"forwarded from {MOD}" in row[0]
    assert '<span class="note side">Russia</span>' in row[0]  # the ministry's, not the Legion's


def test_hostile_names_actors_and_outlets_stay_text(tmp_path):
    case = Case(tmp_path)
    claim = factories.claim(outlet=HOSTILE, published="2023-05-24")
    data = record(1, f"{HOSTILE}.mp4", claims=[claim],
                  case=factories.case_entry(HOSTILE, title=HOSTILE),
                  flags=[{"code": HOSTILE, "severity": "high", "message": HOSTILE}],
                  checks=[factories.check("cannot be tested", evidence=HOSTILE)])  # fmt: skip
    other = record(2, "plain.mp4", reuse=[reuse_entry(data, "b", [(0, 5, 0, 5)])])
    other["reuse"][0]["order"] = HOSTILE
    other["reuse"][0]["comparison"]["segments"][0]["alterations"] = [HOSTILE]
    case.add(data, HOSTILE, "2023-05-23")
    case.add(other, "<b>bold</b>", "2023-05-24")
    html = case.overview()
    assert "<script" not in html and "<img src=x" not in html and "<b>bold" not in html
    assert "onerror=alert(1)&gt;&lt;script&gt;" in html
    assert any(HOSTILE[:20] in t for t in svg_texts(html, "label"))  # escaped inside the SVG too
    assert any(HOSTILE in t for t in svg_texts(html, "lane-label"))
    assert f"claim published by {HOSTILE}" in unescape(html)


def test_claim_verdicts_are_counted_when_present_and_read_defensively(tmp_path):
    case = Case(tmp_path)
    checks = [factories.check(v) for v in ("consistent", "contradicted", "consistent")]
    case.add(record(1, "checked.mp4", checks=checks), released="2023-05-01")
    # A record this version cannot read (junk where the checks go) is shown without verdicts.
    broken = case.add(record(2, "broken.mp4"), released="2023-05-02")
    spoilt = json.loads((broken / "report.json").read_text(encoding="utf-8"))
    spoilt["checks"] = ["junk", {"no": "verdict"}, {"verdict": 3}]
    (broken / "report.json").write_text(json.dumps(spoilt), encoding="utf-8")
    case.add(record(3, "older.mp4"), released="2023-05-03")
    html = case.overview()
    rows = re.findall(r'<tr id="clip-\d".*?</tr>', html, re.S)
    assert '1 contradicted</span> <span class="verdict verdict-consistent">2 consistent' in rows[0]
    assert [row.count('class="verdict ') for row in rows] == [2, 0, 0]


def test_missing_report_folder_falls_back_to_the_index_record(tmp_path):
    case = Case(tmp_path)
    a, b = shared_pair(case)
    case.index.save_reuse(case.ids[a["file"]["sha256"]], case.ids[b["file"]["sha256"]],
                          comparison_from_dict(a["reuse"][0]["comparison"]))  # fmt: skip
    shutil.rmtree(tmp_path / f"clip-{sha(1)[:12]}")
    html = case.overview()
    assert "its report folder is gone" in html and "Shown from the case index record" in html
    assert f"clip-{sha(1)[:12]}" not in html  # no dead link, no broken thumbnail
    assert all((tmp_path / unquote(link)).is_file() for link in hrefs(html))
    assert "high" in html  # the index record's flags still count
    assert svg_texts(html, "edge-label") == ["7.0 s"]  # the pair, from the index's comparison


def test_a_report_folder_holding_another_file_is_not_trusted(tmp_path):
    case = Case(tmp_path)
    folder = case.add(record(1, "one.mp4"))
    case.write(folder, record(9, "someone_else.mp4"))
    html = case.overview()
    assert "now holds another file&#39;s report" in html and "someone_else" not in html


def test_chronology_orders_releases_claims_and_creation_times(tmp_path):
    case = Case(tmp_path)
    news = factories.claim(outlet="Borderland Monitor", published="2023-05-28", sha256="d" * 64)
    case.add(record(1, "a.mp4", metadata={"creation_time": "2023-05-23T08:40:12Z"},
                    claims=[factories.claim(outlet="Wire", published="2023-05-23"), news]),
             MOD, "2023-05-23")  # fmt: skip
    case.add(record(2, "b.mp4", metadata={"creation_time": "1601-01-01T00:00:00"},
                    claims=[news]), LEGION, "2023-05-27")  # fmt: skip
    html = case.overview()
    table = html[html.index('<table class="chrono">') :]
    whats = re.findall(r'<td class="what">([^<]*)</td>', table)
    assert whats == [
        "creation time in the file&#39;s metadata",  # 08:40 comes before the day of release
        "released by Russian Ministry of Defence",
        "claim published by Wire",
        "released by Freedom of Russia Legion",
        "claim published by Borderland Monitor",  # once, though both clips link it
        "creation time in the file&#39;s metadata",  # a year the axis cannot plot comes last
    ]
    assert "2023-05-23 08:40 UTC" in table and "(not plotted)" in table
    assert table.count("Borderland") == 1
    assert html.count('<g class="mark published">') == 3  # Wire once, Borderland in both lanes


def date_fact(value, text, role):
    return {"kind": "date", "value": value, "text": text, "start": 0, "end": len(text),
            "detail": {"role": role}}  # fmt: skip


def test_the_days_a_claim_names_for_its_events_join_the_chronology(tmp_path):
    case = Case(tmp_path)
    facts = [date_fact("2023-05-22", "22 мая", "mentioned"),
             date_fact("2023-05-22", "в понедельник", "mentioned"),
             date_fact("2023-05-25", "25 мая", "dateline")]  # fmt: skip
    said = factories.claim(outlet="Минобороны России", published="2023-05-25", facts=facts)
    case.add(record(1, "a.mp4", claims=[said]), MOD, "2023-05-25")
    html = case.overview()
    table = html[html.index('<table class="chrono">') :]
    whats = [unescape(w) for w in re.findall(r'<td class="what">([^<]*)</td>', table)]
    assert whats == [
        'a day of the events, as the claim by Минобороны России names it ("22 мая")',
        "released by Russian Ministry of Defence",
        "claim published by Минобороны России",
    ]  # the dateline is not an event; a day named twice is listed once
    assert html.count('<g class="mark named">') == 1
    assert "a day of the events a claim names</li>" in html  # the legend says what it is


@pytest.mark.parametrize("last", ["2023-05-27T15:06:40Z", "2023-05-23T23:00:00Z", "2023-06-30"])
def test_day_labels_stay_on_the_axis(tmp_path, last):
    case = Case(tmp_path)
    case.add(record(1, "a.mp4"), released="2023-05-22T06:00:00Z")
    case.add(record(2, "b.mp4"), released=last)
    xs = [float(x) for x in re.findall(r'<text class="tick-label" x="([\d.]+)"', case.overview())]
    assert xs and all(8 <= x <= 632 for x in xs)  # the axis runs from 8 to 632 of 640


def test_long_spans_get_month_ticks(tmp_path):
    case = Case(tmp_path)
    case.add(record(1, "a.mp4"), released="2022-02-24")
    case.add(record(2, "b.mp4"), released="2023-06-06")
    labels = svg_texts(case.overview(), "tick-label")
    assert labels and all(re.fullmatch(r"[A-Z][a-z]{2} \d{4}", label) for label in labels)


def test_written_atomically(tmp_path, monkeypatch):
    case = Case(tmp_path)
    case.add(record(1, "one.mp4"))
    target = write_overview(tmp_path, tmp_path)
    assert target == tmp_path / "index.html" and (target.stat().st_mode & 0o777) == 0o644
    before = target.read_bytes()

    def refuse(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ReportWriteError, match="cannot write the case overview"):
        write_overview(tmp_path, tmp_path)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_built_while_the_caller_holds_the_index_write_lock(tmp_path, monkeypatch):
    """analyze and forensics report rebuild the page under the lock, so concurrent runs each
    see every clip: the overview only reads, and must not wait for the lock itself."""
    monkeypatch.setattr(caseindex, "BUSY_TIMEOUT_MS", 500)  # a wait would fail, not hang
    case = Case(tmp_path)
    shared_pair(case)
    with case.index.exclusive():
        assert "2 clips" in case.overview()


def test_a_folder_without_a_case_index_is_refused(tmp_path):
    with pytest.raises(CaseIndexError, match="no case index"):
        write_overview(tmp_path / "nothing", tmp_path / "out")
    assert not (tmp_path / "nothing").exists() and not (tmp_path / "out").exists()
    assert not (tmp_path / INDEX_FILE).exists()


# --- in a real browser -------------------------------------------------------------------------


@pytest.fixture
def sample_overview(sample_case_copy):
    """The bundled sample case analysed into one folder (a private copy: the session's is
    shared, its manifest must keep matching), its overview written again."""
    out, _ = sample_case_copy
    return write_overview(out, out)


@pytest.mark.browser
@pytest.mark.slow
def test_sample_overview_in_a_browser(chromium, sample_overview):
    from tests.browser import visit

    html = sample_overview.read_text(encoding="utf-8")
    links = hrefs(html)
    assert len([link for link in links if link.endswith("report.html")]) >= 4
    assert all((sample_overview.parent / unquote(link)).is_file() for link in links)
    shots = {"overview-desktop": (1280, 900), "overview-phone": (390, 844)}
    seen, facts = visit(chromium, sample_overview, shots)
    assert seen.console_errors == [] and seen.page_errors == [] and seen.dialogs == []
    assert seen.failed == [] and seen.external == []
    for name, fact in facts.items():
        assert fact["title"].startswith("Case overview: Belgorod incursion"), name
        assert fact["images_broken"] == 0, name
        assert fact["sections"] == ["Clips (4)", "Shared footage (2 pairs)", "Chronology"], name
    assert facts["overview-phone"]["scroll_width"] <= 390
    labels = svg_texts(html, "edge-label")  # MoD-Legion (opposing sides), Legion-aggregator
    assert len(labels) == 2 and all(re.fullmatch(r"\d+\.\d s", label) for label in labels)
    assert html.count('<g class="edge opposing">') == 1


@pytest.mark.browser
@pytest.mark.slow
def test_hostile_overview_inert_without_javascript_too(chromium, tmp_path):
    from tests.browser import visit

    case = Case(tmp_path)
    case.add(record(1, f"{HOSTILE}.mp4", case=factories.case_entry(title=HOSTILE)), HOSTILE,
             "2023-05-23")  # fmt: skip
    page = write_overview(tmp_path, tmp_path)
    for js, shot in ((True, "overview-hostile"), (False, "overview-hostile-nojs")):
        seen, facts = visit(chromium, page, {shot: (1280, 900)}, js=js)
        assert seen.dialogs == [] and seen.console_errors == [] and seen.page_errors == []
        assert seen.failed == [] and seen.external == []
        fact = next(iter(facts.values()))
        assert fact["title"] == f"Case overview: {HOSTILE}" and fact["images_broken"] == 0


def test_the_pictures_places_and_days_join_the_chronology_and_checks(tmp_path):
    """A caption naming a place and a day, and a HUD's date and clock, are moments of the
    chronology; a caption naming only a place is listed undated; the clip's row says what its
    picture names and how its on-screen checks came out."""
    from dataclasses import replace

    from forensics.claims.checks import apply_checks
    from forensics.claims.onscreen import with_onscreen_claims
    from forensics.onscreen.hud import telemetry_of
    from forensics.records import record_to_dict

    texts = [factories.onscreen("Belgorod region 22.05.2023", start=1.0, end=4.0),
             factories.onscreen("Shebekino", start=6.0, end=8.0, box=(200, 100, 300, 40)),
             *[factories.onscreen(f"2023-05-21 14:00:1{k}", "hud", k, k + 1, (20, 20, 500, 24))
               for k in range(3)]]  # fmt: skip
    base = record_from_dict(record(1, "drone.mp4", onscreen_text=texts,
                                   metadata={"creation_time": "2023-05-22T08:00:00Z"}))  # fmt: skip
    analysed = replace(base, onscreen_telemetry=telemetry_of(base.onscreen_text))
    case = Case(tmp_path)
    case.add(record_to_dict(apply_checks(with_onscreen_claims(analysed))), MOD, "2023-05-23")
    html = case.overview()
    table = html[html.index('<table class="chrono">') :]
    rows = re.findall(r'<tr class="(\w+)">\s*<td class="date">([^<]*)', table)
    assert rows == [
        ("onscreen", "2023-05-21 14:00:10 (zone not shown)"),
        ("onscreen", "2023-05-21 14:00:12 (zone not shown)"),
        ("created", "2023-05-22 08:00 UTC"),
        ("onscreen", "2023-05-22"),
        ("released", "2023-05-23"),
        ("onscreen", "no day on screen "),  # then "(not plotted)"
    ]
    whats = [unescape(w) for w in re.findall(r'<td class="what">([^<]*)</td>', table)]
    caption = 'on screen at 1 s, the caption "Belgorod region 22.05.2023" names Belgorod Oblast'
    assert caption in whats
    assert 'on screen at 6 s, the caption "Shebekino" names Shebekino' in whats
    assert "on screen at 0 s, the HUD's date and clock" in whats
    assert html.count('<g class="mark onscreen">') == 3  # the undated caption is not plotted
    row = unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html[html.index('id="clip-1"') :])))
    assert ("On screen: captions name Belgorod Oblast, Shebekino; the HUD shows 2023-05-21; "
            "checked: 1 consistent") in row  # the HUD day before the file was made  # fmt: skip
