"""Claim checks, each verdict of each check, on small hand-made records (written in the JSON
shape of ``report.json`` and read as records): checks are a pure function of the record."""

import json
from dataclasses import replace

import pytest

from forensics.claims.checks import VERDICTS, apply_checks, claim_checks
from forensics.records import Flag, check_to_dict, record_to_dict
from tests import factories

CREATED = "2023-05-22T11:31:07Z"
GORA_PODOL = {"kind": "village", "region": "Belgorod Oblast", "country": "Russia",
              "lat": 50.474, "lon": 35.646, "radius_km": 2}  # fmt: skip
SHEBEKINO = {"kind": "town", "region": "Belgorod Oblast", "country": "Russia",
             "lat": 50.417, "lon": 36.9, "radius_km": 5}  # fmt: skip
OBLAST = {"kind": "oblast", "region": None, "country": "Russia",
          "lat": 50.65, "lon": 37.3, "radius_km": 150}  # fmt: skip
MOSCOW = {"kind": "city", "region": None, "country": "Russia",
          "lat": 55.756, "lon": 37.617, "radius_km": 30}  # fmt: skip
NEAR_GORA_PODOL = {"lat": 50.479, "lon": 35.618, "alt_m": None, "source": "test"}
IN_SUMY = {"lat": 50.91, "lon": 34.8, "alt_m": None, "source": "test"}
MOD, LEGION = "Russian Ministry of Defence", "Freedom of Russia Legion"


def fact(kind, value, text, start=0, detail=None):
    return {"kind": kind, "value": value, "text": text, "start": start,
            "end": start + len(text), "detail": detail}  # fmt: skip


def event(value, text):
    return fact("date", value, text, detail={"role": "mentioned"})


def claim(*facts, published="2023-05-27", outlet="Outlet", actor=None):
    return {"path": "/c.md", "sha256": "c" * 64, "outlet": outlet, "url": None,
            "published": published, "author": None, "actor": actor, "platform": None, "text": "",
            "facts": list(facts), "claimed_durations_s": [], "event_dates": [],
            "linked_by": "--claim"}  # fmt: skip


def entry(name, actor, released, here=(36.0, 42.5), there=(15.0, 22.0), this_side="b"):
    """A reuse entry as report.json holds it."""
    a, b = (there, here) if this_side == "b" else (here, there)
    segment = {"a_start": a[0], "a_end": a[1], "b_start": b[0], "b_end": b[1],
               "similarity": 0.7, "alterations": ["mirrored"]}  # fmt: skip
    return {"other": {"name": name, "sha256": name * 4, "actor": actor, "released": released,
                      "report": None},
            "this_side": this_side, "order": f"{name} was released first ({released})",
            "order_known": True, "comparison": factories.comparison([segment])}  # fmt: skip


def record(*claims, duration=112.0, kind="video", created=CREATED, gps=None, reuse=None,
           checked=None, actor=None, released=None):  # fmt: skip
    case = {"case_file": "/case.toml", "title": None, "path": "/clip.mp4", "sha256": None,
            "actor": actor, "released": released, "claims": []}  # fmt: skip
    return factories.record(
        media=factories.media(kind, duration), metadata=factories.metadata(created, gps),
        claims=list(claims), case=case if actor or released else None,
        reuse=list(reuse or []), reuse_checked=checked,
    )  # fmt: skip


def only(data, name):
    (check,) = [c for c in claim_checks(data) if c.check == name]
    return check


# ---------------------------------------------------------------------------- duration

ONE_52 = fact(
    "duration", 112.0, "one minute and 52 seconds", detail={"form": "words", "context": "video"}
)


@pytest.mark.parametrize(
    ("measured", "stated", "verdict"),
    [(112.0, [ONE_52], "consistent"), (110.5, [ONE_52], "consistent"),
     (40.0, [ONE_52], "contradicted"), (112.0, [], "cannot be tested"),
     (None, [ONE_52], "cannot be tested")],
)  # fmt: skip
def test_duration(measured, stated, verdict):
    check = only(record(claim(*stated), duration=measured), "duration")
    assert check.verdict == verdict
    if stated and measured:
        assert (
            "tolerance 2 s or 5%" in check.evidence
            and '"one minute and 52 seconds"' in check.evidence
        )
        assert check.facts == (0,)


@pytest.mark.parametrize(
    ("bound", "measured", "verdict"),
    [("more", 75.0, "consistent"), (None, 75.0, "contradicted"), ("more", 40.0, "contradicted"),
     ("less", 100.0, "consistent"), ("less", 140.0, "contradicted")],
)  # fmt: skip
def test_a_bounded_length_agrees_with_footage_on_its_open_side(bound, measured, verdict):
    """ "just over a minute" (60 s, bound "more") agrees with 75 s of footage and a plain "a
    minute" does not; "just under two minutes" (120 s, "less") agrees with 100 s."""
    said = 60.0 if bound != "less" else 120.0
    length = fact("duration", said, "a minute", detail={"form": "words", "bound": bound})
    assert only(record(claim(length), duration=measured), "duration").verdict == verdict


def test_duration_of_a_still():
    assert only(record(claim(ONE_52), kind="image", duration=None), "duration").verdict == (
        "cannot be tested"
    )
    assert not [c for c in claim_checks(record(claim(), kind="image")) if c.check == "duration"]


def test_duration_of_a_record_written_before_facts():
    old = claim()
    del old["facts"]
    old["claimed_durations_s"] = [45.0]  # as a record written then held it
    assert only(record(old, duration=45.2), "duration").verdict == "consistent"


def stated(value, text, start=-40):
    """A length the platform states in the front matter: before the text, at negative offsets."""
    return fact("duration", value, text, start, {"rule": "front matter", "role": "platform"})


@pytest.mark.parametrize(
    ("measured", "figures", "verdict"),
    [(112.0, ["112"], "consistent"), (112.9, ["112"], "consistent"),  # whole seconds, cut
     (111.04, ["112"], "consistent"),  # rounded, and a frame (0.04 s at 25 fps) out
     (110.8, ["112"], "contradicted"), (114.0, ["112"], "contradicted"),
     (112.1, ["112.0"], "consistent"), (112.2, ["112.0"], "contradicted"),  # tenths written
     (30.6, ["112", "30.5"], "consistent"),  # an album: one figure per medium
     (40.0, ["112", "30.5"], "contradicted")],
)  # fmt: skip
def test_the_platform_stated_length_against_the_file(measured, figures, verdict):
    data = record(claim(*(stated(float(f), f) for f in figures)), duration=measured)
    check = only(data, "platform_duration")
    assert check.verdict == verdict and check.facts == tuple(range(len(figures)))
    assert f"the platform's metadata says {figures[0]} s" in check.evidence
    if verdict == "contradicted":
        assert "cut or re-encoded after posting" in check.evidence
        assert check.flag == ("duration_differs_from_platform", "high")
        flags = {f.code: f.severity for f in apply_checks(data).flags}
        assert flags["duration_differs_from_platform"] == "high"


def test_the_platform_length_is_its_own_check_and_not_the_text_s():
    """A loose text length that agrees must not hide a platform length that does not, and the
    text's check says nothing of the platform's figure."""
    data = record(claim(stated(112.0, "112"), fact("duration", 120.0, "two-minute", 5)),
                  duration=118.0)  # fmt: skip
    assert only(data, "duration").verdict == "consistent"
    assert only(data, "duration").facts == (1,) and "112" not in only(data, "duration").evidence
    assert only(data, "platform_duration").verdict == "contradicted"
    platform_only = record(claim(stated(112.0, "112")), duration=112.0)
    assert only(platform_only, "duration").verdict == "cannot be tested"  # the text states none


def test_no_platform_length_no_platform_check():
    assert not [c for c in claim_checks(record(claim(ONE_52))) if c.check == "platform_duration"]


def test_a_platform_length_that_cannot_be_tested():
    check = only(record(claim(stated(112.0, "112")), duration=None), "platform_duration")
    assert check.verdict == "cannot be tested" and "the platform's metadata says 112 s" in (
        check.evidence
    )


def test_a_photo_gets_no_platform_length_row():
    """A platform gives no photo a length: an album's figures are its videos'."""
    photo = record(claim(stated(112.0, "112")), kind="image", duration=None)
    assert not [c for c in claim_checks(photo) if c.check == "platform_duration"]


def test_an_album_items_own_figure_decides_for_it():
    """The case file's ``platform_duration`` (ingest's, per medium) picks the item's figure
    among the album's: the 30.5 s item cut to the other item's 112 s is no longer hidden."""
    album = claim(stated(112.0, "112"), stated(30.5, "30.5", -30))
    data = record(album, duration=112.0, actor=LEGION)
    assert only(data, "platform_duration").verdict == "consistent"  # any figure will do
    own = replace(data, case=replace(data.case, platform_duration_s=30.5))
    check = only(own, "platform_duration")
    assert check.verdict == "contradicted" and check.facts == (1,)
    assert "the platform's metadata says 30.5 s:" in check.evidence
    mine = replace(data, case=replace(data.case, platform_duration_s=112.0))
    assert only(mine, "platform_duration").facts == (0,)


# ---------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("created", "published", "verdict"),
    [("2023-06-10T00:00:00Z", "2023-05-27", "contradicted"),
     ("2023-05-28T09:00:00Z", "2023-05-27", "consistent"),  # a day out: time zones
     (CREATED, "2023-05-27", "consistent"), (None, "2023-05-27", "cannot be tested"),
     (CREATED, None, "cannot be tested")],
)  # fmt: skip
def test_publication_against_creation(created, published, verdict):
    check = only(record(claim(published=published), created=created), "published_vs_creation")
    assert check.verdict == verdict


MONDAY = event("2023-05-22", "on Monday")


@pytest.mark.parametrize(
    ("created", "events", "verdict"),
    [("2021-03-01T00:00:00Z", [MONDAY], "contradicted"), (CREATED, [MONDAY], "consistent"),
     ("2023-05-30T00:00:00Z", [MONDAY], "consistent"), (None, [MONDAY], "cannot be tested"),
     (CREATED, [], "cannot be tested")],
)  # fmt: skip
def test_events_against_creation(created, events, verdict):
    check = only(record(claim(*events), created=created), "events_vs_creation")
    assert check.verdict == verdict
    if events and created:
        assert '2023-05-22 ("on Monday")' in check.evidence


def test_publication_date_and_dateline_are_not_events():
    published = fact("date", "2023-06-10", "10 June", detail={"role": "dateline"})
    check = only(record(claim(published), created="2021-01-01T00:00:00Z"), "events_vs_creation")
    assert check.verdict == "cannot be tested"


FRIDAY = event("2023-05-26", "Friday 26 May")


@pytest.mark.parametrize(
    ("reuse", "checked", "events", "verdict", "words"),
    [([entry("mod.mp4", MOD, "2023-05-23")], 2, [FRIDAY], "contradicted",
      "36.0-42.5 s of this clip was released first, in mod.mp4"),
     ([entry("legion.mp4", LEGION, "2023-05-27")], 2, [FRIDAY], "consistent", "1 day after"),
     ([entry("x.mp4", None, None)], 2, [FRIDAY], "cannot be tested", "not known"),
     ([entry("mod.mp4", MOD, "2023-05-23")], 2, [], "cannot be tested", "no date of events"),
     ([], 2, [FRIDAY], "cannot be tested", "No other clip"),
     ([], None, [FRIDAY], "cannot be tested", "without a case index")],
)  # fmt: skip
def test_events_against_earliest_release(reuse, checked, events, verdict, words):
    data = record(claim(*events), reuse=reuse, checked=checked)
    check = only(data, "events_vs_earliest_release")
    assert check.verdict == verdict and words in check.evidence, check.evidence


def test_this_clip_can_be_the_earliest_release():
    data = record(claim(MONDAY), reuse=[entry("legion.mp4", LEGION, "2023-05-27")], checked=1,
                  released="2023-05-23")  # fmt: skip
    check = only(data, "events_vs_earliest_release")
    assert check.verdict == "consistent"
    assert check.evidence.startswith("This clip, released on 2023-05-23, is the first release")
    data = replace(data, case=replace(data.case, released="2023-05-20"))
    assert only(data, "events_vs_earliest_release").verdict == "contradicted"


MAY_2023 = fact("date", "2023-05", "May 2023", detail={
    "rule": "explicit, month only", "precision": "month", "role": "month",
    "first_day": "2023-05-01", "last_day": "2023-05-31"})  # fmt: skip


@pytest.mark.parametrize(
    ("created", "verdict", "words"),
    [("2023-05-22T11:31:07Z", "consistent", "Created 2023-05-22, within the month of"),
     ("2022-06-10T00:00:00Z", "contradicted", "before the earliest event"),  # June, a year before
     ("2023-04-20T00:00:00Z", "contradicted", "11 days before the earliest event"),
     ("2023-04-30T12:00:00Z", "consistent", "1 day before"),  # DATE_SLACK_DAYS, as for a day
     ("2023-06-10T00:00:00Z", "consistent", "10 days after the end of the month of")],
)  # fmt: skip
def test_a_month_only_event_against_creation(created, verdict, words):
    check = only(record(claim(MAY_2023), created=created), "events_vs_creation")
    assert check.verdict == verdict and words in check.evidence, check.evidence
    assert '2023-05 ("May 2023"; the claim gives only a month)' in check.evidence
    assert check.facts == (0,)


@pytest.mark.parametrize(
    ("released", "verdict", "words"),
    [("2023-04-28", "contradicted", "3 days before the earliest event"),
     ("2023-05-27T12:15:00Z", "consistent", "within the month of"),
     ("2023-06-02", "consistent", "2 days after the end of the month of")],
)  # fmt: skip
def test_a_month_only_event_against_the_earliest_release(released, verdict, words):
    data = record(claim(MAY_2023, published="2023-06-05"), reuse=[entry("mod.mp4", MOD, released)],
                  checked=1)  # fmt: skip
    check = only(data, "events_vs_earliest_release")
    assert check.verdict == verdict and words in check.evidence, check.evidence
    assert "the claim gives only a month" in check.evidence and check.facts == (0,)


def test_a_day_named_in_the_month_says_more_than_the_month():
    check = only(record(claim(MAY_2023, MONDAY), created="2023-05-10T00:00:00Z"),
                 "events_vs_creation")  # fmt: skip
    assert check.verdict == "contradicted" and check.facts == (1,)  # 22 May, not 1 May
    earlier = fact("date", "2022-05", "May 2022", detail={**MAY_2023["detail"],
                   "first_day": "2022-05-01", "last_day": "2022-05-31"})  # fmt: skip
    check = only(record(claim(earlier, MONDAY), created="2022-05-10T00:00:00Z"),
                 "events_vs_creation")  # fmt: skip
    assert check.verdict == "consistent" and check.facts == (0,)  # the earlier month counts


# ---------------------------------------------------------------------------- places


def test_place_consistent_within_radius_and_margin():
    places = [fact("place", "Belgorod Oblast", "Belgorod region", detail=OBLAST),
              fact("place", "Gora-Podol", "Gora-Podol", 20, detail=GORA_PODOL)]  # fmt: skip
    check = only(record(claim(*places), gps=NEAR_GORA_PODOL), "place_vs_gps")
    assert check.verdict == "consistent" and check.facts == (1,)
    assert "2.1 km from Gora-Podol" in check.evidence and "3 km" in check.evidence


def test_place_contradicted_by_a_far_village_even_inside_the_oblast():
    places = [fact("place", "Shebekino", "Shebekino", detail=SHEBEKINO),
              fact("place", "Belgorod Oblast", "Belgorod region", 12, detail=OBLAST)]  # fmt: skip
    check = only(record(claim(*places), gps=NEAR_GORA_PODOL), "place_vs_gps")
    assert check.verdict == "contradicted" and check.facts == (0,)
    assert "91 km from Shebekino" in check.evidence and "Belgorod Oblast" in check.evidence


def test_place_cannot_be_tested():
    village = fact("place", "Gora-Podol", "Gora-Podol", detail=GORA_PODOL)
    country = fact(
        "place", "Russia", "Russia", detail={"kind": "country", "lat": None, "lon": None}
    )
    assert only(record(claim(village)), "place_vs_gps").verdict == "cannot be tested"
    check = only(record(claim(country), gps=NEAR_GORA_PODOL), "place_vs_gps")
    assert check.verdict == "cannot be tested"


def test_a_place_that_could_not_be_located_is_named_as_not_compared():
    """A village named by its context but in no gazetteer: the check says it was not
    compared, whatever its verdict on the places it could compare."""
    lost = fact(
        "place",
        "Nekhoteyevka",
        "Нехотеевка",
        40,
        detail={"kind": "village", "lat": None, "lon": None, "located": False},
    )
    village = fact("place", "Gora-Podol", "Gora-Podol", detail=GORA_PODOL)
    check = only(record(claim(village, lost), gps=NEAR_GORA_PODOL), "place_vs_gps")
    assert check.verdict == "consistent"
    assert "Not located, so not compared: Nekhoteyevka" in check.evidence
    alone = only(record(claim(lost), gps=NEAR_GORA_PODOL), "place_vs_gps")
    assert alone.verdict == "cannot be tested" and "Nekhoteyevka" in alone.evidence
    plain = only(record(claim(village), gps=NEAR_GORA_PODOL), "place_vs_gps")
    assert "Not located" not in plain.evidence


def test_a_village_without_a_point_is_compared_as_its_region():
    """Glotovo is in the gazetteer by name and region only: a GPS point in Sumy, across the
    border, is outside its oblast, so outside the village; one near Grayvoron is inside."""
    glotovo = fact("place", "Glotovo", "Глотово", 20, detail={
        "kind": "village", "region": "Belgorod Oblast", "lat": None, "lon": None})  # fmt: skip
    check = only(record(claim(glotovo), gps=IN_SUMY), "place_vs_gps")
    assert check.verdict == "contradicted" and check.facts == (0,)
    assert "from Belgorod Oblast (where Glotovo lies; it has no point of its own)" in (
        check.evidence)  # fmt: skip
    check = only(record(claim(glotovo), gps=NEAR_GORA_PODOL), "place_vs_gps")
    assert check.verdict == "consistent" and "Not located" not in check.evidence
    # named itself too: one region, under its own name, resting on both facts
    oblast = fact("place", "Belgorod Oblast", "Belgorod region", 40, detail=OBLAST)
    check = only(record(claim(glotovo, oblast), gps=IN_SUMY), "place_vs_gps")
    assert check.verdict == "contradicted" and check.facts == (0, 1)
    assert "lies;" not in check.evidence
    # a region the gazetteer has no point for: nothing to compare, as before
    lost = fact("place", "Nekhoteyevka", "Нехотеевка", 0, detail={
        "kind": "village", "region": "Nowhere Oblast", "lat": None, "lon": None,
        "located": False})  # fmt: skip
    check = only(record(claim(lost), gps=IN_SUMY), "place_vs_gps")
    assert check.verdict == "cannot be tested" and "Not located" in check.evidence


def test_a_datelines_place_is_where_the_text_was_written():
    moscow = fact("place", "Moscow", "MOSCOW", 0, detail=MOSCOW)
    dateline = fact("date", "2023-05-23", "23 May", 8, detail={"role": "dateline"})
    check = only(record(claim(moscow, dateline), gps=NEAR_GORA_PODOL), "place_vs_gps")
    assert check.verdict == "cannot be tested"


# ---------------------------------------------------------------------------- hedges


def test_hedge_is_shown_as_the_claims_own_words():
    hedge = fact(
        "hedge", "unverified", "has not been independently verified", detail={"scope": "footage"}
    )
    check = only(record(claim(hedge)), "hedge")
    assert check.verdict == "cannot be tested"
    assert '"has not been independently verified" (unverified)' in check.evidence
    assert not [c for c in claim_checks(record(claim())) if c.check == "hedge"]


# ---------------------------------------------------------------------------- opposing sides


def test_opposing_actors_name_the_segments_and_seconds_on_each_side():
    data = record(reuse=[entry("mod.mp4", MOD, "2023-05-23")], checked=1, actor=LEGION)
    check = only(data, "opposing_actors")
    assert check.verdict == "contradicted" and check.claim is None
    assert "Freedom of Russia Legion (ukraine-aligned)" in check.evidence
    assert "Russian Ministry of Defence (russia)" in check.evidence
    assert "36.0-42.5 s here (6.5 s) is 15.0-22.0 s in mod.mp4 (7.0 s)" in check.evidence
    assert check.segments[0].this_start == 36.0 and check.segments[0].other_end == 22.0


def test_the_earlier_release_gets_the_finding_too():
    mine = entry("legion.mp4", LEGION, "2023-05-27", here=(15.0, 22.0), there=(36.0, 42.5),
                 this_side="a")  # fmt: skip
    check = only(record(reuse=[mine], checked=1, actor=MOD), "opposing_actors")
    assert check.verdict == "contradicted" and "15.0-22.0 s here" in check.evidence


@pytest.mark.parametrize(
    ("actor", "reuse", "checked", "verdict"),
    [(LEGION, [entry("rvc.mp4", "Russian Volunteer Corps", "2023-05-23")], 1, "consistent"),
     (LEGION, [], 3, "consistent"),
     ("Somebody unknown", [entry("mod.mp4", MOD, "2023-05-23")], 1, "cannot be tested"),
     (LEGION, [], None, "cannot be tested"),
     (LEGION, [], 0, "cannot be tested")],  # the first clip of a case: nothing to compare
)  # fmt: skip
def test_opposing_actors_other_verdicts(actor, reuse, checked, verdict):
    assert only(record(reuse=reuse, checked=checked, actor=actor), "opposing_actors").verdict == (
        verdict
    )


def test_an_empty_case_says_so_and_how_the_check_gets_done():
    check = only(record(reuse=[], checked=0, actor=LEGION), "opposing_actors")
    assert "No other clip was in the case" in check.evidence
    assert "added later" in check.evidence


def test_a_repost_of_both_sides_footage():
    reuse = [
        entry("legion.mp4", LEGION, "2023-05-27", here=(0.5, 39.5), there=(0.5, 39.5)),
        entry("mod.mp4", MOD, "2023-05-23", here=(36.0, 40.0), there=(15.0, 19.0)),
    ]
    check = only(record(reuse=reuse, checked=2, actor="News aggregator"), "opposing_actors")
    assert check.verdict == "contradicted" and "36.0-39.5 s of this clip" in check.evidence


def test_side_comes_from_the_claim_when_the_case_names_no_actor():
    data = record(claim(actor=LEGION), reuse=[entry("mod.mp4", MOD, "2023-05-23")], checked=1)
    assert only(data, "opposing_actors").verdict == "contradicted"


def forwarded(data, source):
    """``data`` as the case file has it when its post was forwarded from ``source``."""
    return replace(data, case=replace(data.case, forwarded_from=source))


def test_a_forward_is_released_by_the_channel_it_was_forwarded_from():
    """A Legion channel forwarding the ministry's post: the ministry released that footage,
    so it is opposed to the Legion's own release of it, and the evidence says how."""
    data = forwarded(record(reuse=[entry("legion.mp4", LEGION, "2023-05-22")], checked=1,
                            actor=LEGION), MOD)  # fmt: skip
    check = only(data, "opposing_actors")
    assert check.verdict == "contradicted"
    assert (
        f"This clip, forwarded by {LEGION} from {MOD} (russia), and legion.mp4, released "
        f"by {LEGION} (ukraine-aligned), show the same footage"
    ) in check.evidence
    # told from the other clip's report: its entry names the forward
    other = entry("fwd.mp4", LEGION, "2023-05-24", this_side="a")
    other["other"]["forwarded_from"] = MOD
    check = only(record(reuse=[other], checked=1, actor=LEGION), "opposing_actors")
    assert check.verdict == "contradicted"
    assert f"fwd.mp4, forwarded by {LEGION} from {MOD} (russia)" in check.evidence


def test_a_forward_of_a_sides_own_post_or_of_an_unknown_channel_opposes_nothing():
    # the ministry's own post, forwarded by a Legion channel: one release, quoted
    data = forwarded(record(reuse=[entry("mod.mp4", MOD, "2023-05-22")], checked=1,
                            actor=LEGION), MOD)  # fmt: skip
    check = only(data, "opposing_actors")
    assert check.verdict == "consistent"
    assert check.evidence.startswith(f"The channel this clip's post was forwarded from, {MOD}")
    # the Legion forwarding a post of a channel of no known side: not the Legion's release
    data = forwarded(record(reuse=[entry("mod.mp4", MOD, "2023-05-22")], checked=1,
                            actor=LEGION), "Some channel")  # fmt: skip
    assert only(data, "opposing_actors").verdict == "cannot be tested"


# ---------------------------------------------------------------------------- the record


def test_apply_checks_makes_the_flags_that_restate_checks():
    shared = entry("mod.mp4", MOD, "2023-05-23")
    data = record(claim(ONE_52), duration=40.0, reuse=[shared], checked=1, actor=LEGION)
    data = replace(data, flags=(Flag("reuses_earlier_footage", "high", "old"),
                                Flag("reencoded", "medium", "kept")))  # fmt: skip
    out = apply_checks(data)
    codes = [f.code for f in out.flags]
    assert codes[0] == "opposing_actors_share_footage"  # high first
    assert "reuses_earlier_footage" not in codes  # the opposing finding says it, with sides
    assert {"reencoded", "duration_differs_from_claim"} <= set(codes)
    assert out.checks and data.flags[0].message == "old"  # the input is not changed
    assert apply_checks(out) == out  # recomputing changes nothing
    json.dumps(record_to_dict(out))


def test_every_check_is_one_sentence_with_a_known_verdict():
    reuse = [entry("mod.mp4", MOD, "2023-05-23")]
    places = [fact("place", "Shebekino", "Shebekino", detail=SHEBEKINO)]
    data = record(claim(ONE_52, MONDAY, *places), reuse=reuse, checked=1, actor=LEGION,
                  gps=NEAR_GORA_PODOL)  # fmt: skip
    for check in map(check_to_dict, apply_checks(data).checks):
        assert check["verdict"] in VERDICTS and check["label"]
        assert check["evidence"].endswith(".") and "\n" not in check["evidence"]
