"""The checks of what the picture shows: captions' places against the file's GPS, the HUD's
position and the claims' places; the HUD's day against the creation time and the claim's
dates; channels' marks against the releaser. Records built through the JSON reader
(tests/factories.py), then the pipeline's own on-screen steps."""

from __future__ import annotations

from dataclasses import replace

import pytest

from forensics.claims.checks import apply_checks
from forensics.claims.checks.channels import normalised, same_handle
from forensics.claims.facts import extract_facts
from forensics.claims.onscreen import with_onscreen_claims
from forensics.onscreen.hud import telemetry_of
from tests import factories

SUMY = ("N 50.9077 E 34.7981", "N 50.9079 E 34.7984", "N 50.9081 E 34.7987")  # ~100+ km out
GRAYVORON = ("N 50.4790 E 35.6680", "N 50.4792 E 35.6683", "N 50.4794 E 35.6686")


def hud(lines, start=0.0):
    return [factories.onscreen(line, "hud", start + i, start + i + 1, (20, 20, 400, 24))
            for i, line in enumerate(lines)]  # fmt: skip


def analysed(*texts, **fields):
    """A record as analyze leaves it: telemetry parsed, captions read, checks applied."""
    record = factories.record(onscreen_text=list(texts), **fields)
    record = replace(record, onscreen_telemetry=telemetry_of(record.onscreen_text))
    return apply_checks(with_onscreen_claims(record))


def checks(record, name):
    return [c for c in record.checks if c.check == name]


def claim(text, **fields):
    facts = [f.to_dict() for f in extract_facts(text, None)]
    return factories.claim(text=text, facts=facts, **fields)


def test_a_caption_over_a_hud_in_another_oblast_is_a_high_finding():
    record = analysed(factories.onscreen("Belgorod region", start=0.0, end=3.0), *hud(SUMY))
    [check] = checks(record, "caption_place_vs_hud")
    assert check.verdict == "contradicted" and check.claim is None
    assert "178 km from Belgorod Oblast" in check.evidence and "median of 3" in check.evidence
    assert '"Belgorod region" (0.0-3.0 s)' in check.evidence
    [flag] = [f for f in record.flags if f.code == "caption_place_differs_from_hud"]
    assert flag.severity == "high"


def test_a_hud_inside_the_captioned_place_is_consistent():
    record = analysed(factories.onscreen("Grayvoron"), *hud(GRAYVORON))
    [check] = checks(record, "caption_place_vs_hud")
    assert check.verdict == "consistent" and "from Grayvoron" in check.evidence
    assert not [f for f in record.flags if f.code.startswith("caption_place")]


def test_a_caption_against_the_files_gps():
    gps = {"lat": 50.9077, "lon": 34.7981, "alt_m": None, "source": "com.apple.quicktime"}
    record = analysed(factories.onscreen("Belgorod region"), metadata=factories.metadata(gps=gps))
    [check] = checks(record, "caption_place_vs_gps")
    assert check.verdict == "contradicted" and check.flag == ("caption_place_differs_from_gps",
                                                             "medium")  # fmt: skip
    assert checks(record, "caption_place_vs_hud") == []  # no HUD position: nothing to test


def test_a_caption_against_the_places_the_claims_name():
    record = analysed(
        factories.onscreen("Belgorod region"),
        claims=[claim("Fighting in Sumy on 20 May."), claim("Raid on Grayvoron.")],
    )
    far, near = checks(record, "caption_place_vs_claim")
    assert (far.claim, far.verdict, near.verdict) == (0, "contradicted", "consistent")
    assert "Sumy" in far.evidence and far.flag == ("caption_place_differs_from_claim", "medium")
    assert record.claims[0].facts[far.facts[0]].value == "Sumy"


def test_the_huds_day_against_the_creation_time():
    clock = hud(["2023-05-25 06:41:12", "2023-05-25 06:41:13", "2023-05-25 06:41:14"])
    late = analysed(*clock, metadata=factories.metadata("2023-05-22T10:00:00Z"))
    [check] = checks(late, "hud_date_vs_creation")
    assert check.verdict == "contradicted" and "3 days after the file was created" in (
        check.evidence)  # fmt: skip
    assert check.flag == ("hud_date_after_creation", "medium")
    edited = analysed(*clock, metadata=factories.metadata("2023-05-29T10:00:00Z"))
    [check] = checks(edited, "hud_date_vs_creation")
    assert check.verdict == "consistent" and "edited or exported" in check.evidence
    assert "06:41:12-06:41:14" in check.evidence


@pytest.mark.parametrize(("day", "verdict", "words"), [
    ("2023-05-22", "consistent", "the same day as"),
    ("2023-05-10", "contradicted", "12 days before"),  # older footage presented as new
    ("2023-06-10", "contradicted", "18 days after Channel published"),  # after the claim
    ("2023-05-23", "consistent", "1 day after"),  # a day off: time zones
])  # fmt: skip
def test_the_huds_day_against_the_claims_dates(day, verdict, words):
    text = "Our drone struck the column on Monday, 22 May 2023."
    record = analysed(*hud([f"{day} 14:10:0{s}" for s in range(3)]),
                      claims=[claim(text, published="2023-05-23", outlet="Channel")])  # fmt: skip
    [check] = checks(record, "hud_date_vs_claim")
    assert check.verdict == verdict and words in check.evidence
    if verdict == "contradicted":
        assert check.flag == ("hud_date_differs_from_claim", "high")


LEGION = factories.case_entry(actor="Freedom of Russia Legion", released="2023-05-23")
CORNER = (1000, 10, 220, 30)


@pytest.mark.parametrize(("mark", "confidence", "verdict", "words"), [
    ("@legion_svoboda", 0.93, "consistent", "the releaser's own"),
    ("@legion svoboda", 0.93, "consistent", "the releaser's own"),  # the underscore lost
    ("t.me/Legion_Svoboda", 0.9, "consistent", "the releaser's own"),
    ("@rybar", 0.95, "contradicted", "passed through @rybar before this release"),
    ("@aldin_aba", 0.95, "contradicted", "the mark of Aldin"),
    ("@rybar", 0.6, "cannot be tested", "possibly passed through @rybar"),
])  # fmt: skip
def test_a_channels_mark_against_the_releaser(mark, confidence, verdict, words):
    record = analysed(factories.onscreen(mark, "watermark", 0.0, 40.0, CORNER, confidence),
                      case=LEGION)  # fmt: skip
    [check] = checks(record, "onscreen_channel")
    assert check.verdict == verdict and words in check.evidence, check.evidence
    flags = [f for f in record.flags if f.code == "footage_passed_through_channel"]
    assert len(flags) == (verdict == "contradicted")


def test_a_mark_where_the_releaser_is_unknown_or_has_no_channel_is_only_possible():
    mark = factories.onscreen("@frontline24", "watermark", 0.0, 40.0, CORNER, 0.95)
    [unknown] = checks(analysed(mark), "onscreen_channel")
    assert unknown.verdict == "cannot be tested" and "not known" in unknown.evidence
    aggregator = factories.case_entry(actor="News aggregator (Twitter)")
    [no_channel] = checks(analysed(mark, case=aggregator), "onscreen_channel")
    assert no_channel.verdict == "cannot be tested" and "possibly" in no_channel.evidence
    # the Legion's bug on the aggregator's repost: a known actor's mark, read clearly
    bug = factories.onscreen("LEGION", "other", 28.0, 36.0, (20, 20, 90, 30), 0.89)
    [passed] = checks(analysed(bug, case=aggregator), "onscreen_channel")
    assert passed.verdict == "contradicted" and "Freedom of Russia Legion" in passed.evidence


def test_a_handle_cut_short_by_a_space_says_what_followed_it():
    mark = factories.onscreen("@frontline news", "watermark", 0.0, 8.0, CORNER, 0.93)
    [check] = checks(analysed(mark), "onscreen_channel")
    assert '"@frontline", followed by "news" (an underscore may have been' in check.evidence


def test_a_caption_naming_an_actor_is_not_a_mark_and_a_hostile_handle_stays_data():
    caption = factories.onscreen("Russian Volunteer Corps", "caption")
    assert checks(analysed(caption, case=LEGION), "onscreen_channel") == []
    hostile = factories.onscreen('@evil"><script>x</script>', "watermark", 0.0, 9.0, CORNER, 0.95)
    [check] = checks(analysed(hostile, case=LEGION), "onscreen_channel")
    assert '"@evil"' in check.evidence and "<script>" not in check.evidence  # the handle only


def test_handles_are_compared_without_case_prefix_or_separators():
    assert normalised("https://t.me/Legion_Svoboda/123") == "legionsvoboda"
    assert same_handle("legionfree", "legionfre") and not same_handle("rybar", "legionsvoboda")


def test_no_on_screen_text_gives_no_on_screen_checks():
    record = analysed(claims=[claim("Raid on Grayvoron on 22 May 2023.")], case=LEGION)
    names = {c.check for c in record.checks}
    assert not names & {
        "caption_place_vs_gps",
        "caption_place_vs_hud",
        "caption_place_vs_claim",
        "hud_date_vs_creation",
        "hud_date_vs_claim",
        "onscreen_channel",
    }


def test_the_clip_page_shows_on_screen_claims_telemetry_and_their_checks():
    from forensics.report.clip import render_html

    record = analysed(
        factories.onscreen("Belgorod region <script>alert(1)</script>", start=0.0, end=3.0),
        factories.onscreen("@rybar", "watermark", 0.0, 9.0, CORNER, 0.95),
        *hud([f"{line} H 12{i}m 2023-05-22 06:41:1{i}" for i, line in enumerate(SUMY)]),
        case=LEGION,
        onscreen_status={
            "read": True,
            "engine": "tesseract 5",
            "languages": ["eng"],
            "note": "5 text tracks",
            "frames": 9,
            "reads": 5,
        },
    )
    html = render_html(record)
    assert '<h3 id="onscreen-claims">On-screen claims' in html
    assert ('<mark class="fact fact-place" id="onscreen-0-fact-0">Belgorod region'
            '<span class="kind">place: Belgorod Oblast</span></mark>') in html  # fmt: skip
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<h3 id="hud-telemetry">HUD telemetry' in html
    assert "3 readings, from 50.9077, 34.7981" in html and "120–122 m" in html
    assert "2023-05-22 06:41:10 to 2023-05-22 06:41:12" in html
    for label in (
        "On-screen places vs the HUD&#39;s position",
        "Channel marks on screen vs the releaser",
        "HUD date vs creation time",
    ):
        assert label in html, label
    # the claims and the HUD come before the table of every track, which can be long
    assert html.index("onscreen-claims") < html.index("hud-telemetry") < html.index(
        'id="onscreen-tracks"')  # fmt: skip


def test_a_handle_that_spells_the_releasers_name_is_its_own():
    mark = factories.onscreen("@frontline24", "watermark", 0.0, 40.0, CORNER, 0.95)
    for actor in ("Frontline 24", "Frontline 24 (news aggregator, Twitter)"):
        [own] = checks(analysed(mark, case=factories.case_entry(actor=actor)), "onscreen_channel")
        assert own.verdict == "consistent" and "the releaser's own" in own.evidence
    # only an exact spelling: a handle inside the name, or a name inside the handle, is not
    for actor, handle in (("Frontline 24 News", "@frontline"), ("News", "@news_feed24")):
        other = factories.onscreen(handle, "watermark", 0.0, 40.0, CORNER, 0.95)
        [check] = checks(analysed(other, case=factories.case_entry(actor=actor)),
                         "onscreen_channel")  # fmt: skip
        assert check.verdict == "cannot be tested" and "possibly" in check.evidence


def test_a_channels_bug_and_its_handle_are_one_check_and_one_finding():
    aggregator = factories.case_entry(actor="Frontline 24")
    bug = factories.onscreen("LEGION", "other", 28.0, 39.0, (400, 10, 60, 14), 0.89)
    handle = factories.onscreen("@legion_svoboda", "watermark", 28.0, 35.0, (356, 30, 110, 12),
                                0.86)  # fmt: skip
    record = analysed(bug, handle, case=aggregator)
    [check] = checks(record, "onscreen_channel")
    assert check.verdict == "contradicted"
    assert '"LEGION" (28.0-39.0 s' in check.evidence
    assert '"@legion_svoboda" (28.0-35.0 s' in check.evidence
    assert "the marks of Freedom of Russia Legion" in check.evidence
    assert "passed through Freedom of Russia Legion" in check.evidence
    assert [f.code for f in record.flags].count("footage_passed_through_channel") == 1
