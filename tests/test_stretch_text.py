"""On-screen text over footage two clips share: what B adds over A's footage, crops off or does
not show, named among a stretch's alterations (forensics.reuse.onscreen), and said in the
shared-footage finding with the channels' marks that tell who had the footage first
(forensics.claims.checks.shared_text). Records built through the JSON readers."""

from __future__ import annotations

import pytest

from forensics.claims.checks import apply_checks
from forensics.records import comparison_from_dict, comparison_to_dict, record_from_dict
from forensics.reuse.onscreen import ClipText, same_text, with_onscreen
from tests import factories
from tests.test_checks import LEGION, MOD, entry, record

PICTURE = (1280, 720)
CAPTION = "Belgorod region"
HANDLE = "@frontline_news"


def hud(start, end):
    """A HUD whose digits change each second, one track per second."""
    return [factories.onscreen(f"50.{5123 + 4 * k}N 36.{6012 + 3 * k}E ALT {120 + 3 * k}m", "hud",
                               k, k + 1, (40, 20, 600, 30)) for k in range(start, end)]  # fmt: skip


def clip(name, *tracks, read=True):
    texts = record_from_dict(factories.record_dict(onscreen_text=list(tracks))).onscreen_text
    return ClipText(name, texts, PICTURE, read, "read" if read else "no engine here")


def shared(**segment):
    """A comparison sharing A 0-8 s as B 2-10 s."""
    times = {"a_start": 0.0, "a_end": 8.0, "b_start": 2.0, "b_end": 10.0}
    return comparison_from_dict(factories.comparison([{**times, **segment}]))


def repost(a_tracks=(), b_tracks=(), **segment):
    a = clip("a.mp4", *hud(0, 8), *a_tracks)
    b = clip("b.mp4", *[_shifted(t, 2) for t in hud(0, 8)], *b_tracks)
    return with_onscreen(shared(**segment), a, b)


def _shifted(track, seconds):
    return factories.onscreen(track["text"], track["kind"], track["start"]["t"] + seconds,
                              track["end"]["t"] + seconds, tuple(track["box"]))  # fmt: skip


def test_a_caption_and_a_handle_b_adds_are_alterations_and_the_hud_is_not():
    caption = factories.onscreen(CAPTION, "caption", 3.0, 7.0)
    mark = factories.onscreen(HANDLE, "watermark", 2.0, 10.0, (1000, 30, 240, 40), 0.85)
    result = repost(b_tracks=[caption, mark])
    [stretch] = result.stretches
    assert stretch.alterations == (
        f'B adds the caption "{CAPTION}" and the watermark "{HANDLE}" over the shared stretch',
    )
    hud_text, *added = stretch.onscreen
    assert hud_text.kind == "hud" and hud_text.a and hud_text.b  # one text, both clips
    assert [(t.text, t.a, t.b.start, t.b.end) for t in added] == [  # as they appear
        (HANDLE, None, 2.0, 10.0), (CAPTION, None, 3.0, 7.0)]  # fmt: skip
    assert result.onscreen_note.endswith("3 texts, 2 shown by one clip only")


def test_text_outside_the_stretch_or_read_unsurely_is_not_named():
    later = factories.onscreen("Subscribe to our channel", "caption", 11.0, 14.0)
    unsure = factories.onscreen("Glory to the heroes", "caption", 3.0, 5.0, confidence=0.4)
    noise = factories.onscreen("ee", "other", 3.0, 5.0)
    result = repost(b_tracks=[later, unsure, noise])
    [stretch] = result.stretches
    assert stretch.alterations == ()
    assert [t.kind for t in stretch.onscreen] == ["hud"]
    assert result.onscreen_note.endswith(": 1 text, 0 shown by one clip only")


def test_a_short_misread_of_no_known_kind_is_not_named_and_a_label_is():
    """The sample case's Legion clip read "мое" (0.72, kind other) in a corner of ground and
    it was named as an alteration of the shared footage: text of no known kind needs a word of
    4 letters or a reading at 0.85. A shot label of that kind is still named."""
    misread = factories.onscreen("мое", "other", 3.0, 5.0, (1208, 616, 27, 18), confidence=0.72)
    label = factories.onscreen("STRIKE 3", "other", 3.0, 6.0, (80, 52, 112, 38), confidence=0.8)
    [stretch] = repost(b_tracks=[misread, label]).stretches
    assert stretch.alterations == ('B adds the text "STRIKE 3" over the shared stretch',)
    sure = factories.onscreen("мое", "other", 3.0, 5.0, (1208, 616, 27, 18), confidence=0.9)
    [stretch] = repost(b_tracks=[sure]).stretches
    assert stretch.alterations == ('B adds the text "мое" over the shared stretch',)


def test_a_reading_b_makes_badly_still_shows_the_text():
    """Absence is strict: A's caption read unsurely in B, or as part of a longer line, is
    still B showing it."""
    a_caption = factories.onscreen(CAPTION, "caption", 1.0, 4.0)
    for reading in ("Belgorod regi0n", "Belgorod region 22.05", "ВеІgorod region"):
        b_caption = factories.onscreen(reading, "other", 3.0, 6.0, confidence=0.3)
        [stretch] = repost([a_caption], [b_caption]).stretches
        assert stretch.alterations == (), reading
    assert not same_text("Belgorod region", "Shebekino town")


def test_hud_lines_are_matched_by_their_place_not_their_digits():
    """A timer read "REC 01:29" in A and "ВЕС 01:28" in B is one HUD line; mirrored, A's
    top-left line is B's top-right one; B's own HUD line elsewhere is B's."""
    timer = factories.onscreen("REC 01:29", "hud", 1.0, 7.0, (40, 650, 200, 30))
    misread = factories.onscreen("ВЕС 01:28", "hud", 3.0, 9.0, (42, 652, 196, 28))
    corner = factories.onscreen("GPS17 BAT 61%", "hud", 1.0, 7.0, (40, 20, 300, 30))
    mirrored = factories.onscreen("%19 TAB 71SPG", "hud", 3.0, 9.0, (940, 20, 300, 30))
    own = factories.onscreen("ZOOM 12.0X", "hud", 3.0, 9.0, (600, 340, 160, 30))
    [stretch] = repost([timer], [misread]).stretches
    assert stretch.alterations == ()
    caption = factories.onscreen("enemy BMP-2", "caption", 3.0, 9.0, (42, 652, 196, 28))
    [stretch] = repost([timer], [caption]).stretches  # laid where the HUD line was
    assert stretch.alterations[0] == 'B adds the caption "enemy BMP-2" over the shared stretch'
    a, b = clip("a.mp4", corner), clip("b.mp4", mirrored, own)
    [stretch] = with_onscreen(shared(mirrored=True), a, b).stretches
    assert stretch.alterations == (
        "mirrored", 'B adds the HUD text "ZOOM 12.0X" over the shared stretch')  # fmt: skip


@pytest.mark.parametrize(
    ("segment", "said"),
    [
        ({"b_box_in_a": [0.0, 0.0, 1.0, 0.7]}, f'B crops off A\'s caption "{CAPTION}"'),
        ({}, f'B does not show A\'s caption "{CAPTION}" readably (removed or covered)'),
        ({"scale": 0.5, "a_area_in_b": 0.25},
         f'B does not show A\'s caption "{CAPTION}" readably (removed or covered, or too small '
         "in B to read)"),
        ({"mirrored": True},
         f'B does not show A\'s caption "{CAPTION}" readably (removed or covered, or reversed '
         "by the mirroring)"),
    ],
)  # fmt: skip
def test_text_only_a_shows_is_cropped_off_or_not_shown(segment, said):
    caption = factories.onscreen(CAPTION, "caption", 1.0, 4.0, (500, 600, 280, 40))  # bottom
    [stretch] = repost([caption], **segment).stretches
    assert said in stretch.alterations


def test_told_the_other_way_round_the_added_text_is_text_b_does_not_show():
    caption = factories.onscreen(CAPTION, "caption", 3.0, 7.0)
    result = repost(b_tracks=[caption])
    [back] = result.swapped().stretches
    assert back.alterations == (
        f'B does not show A\'s caption "{CAPTION}" readably (removed or covered)',
    )
    assert back.onscreen[1].a and not back.onscreen[1].b
    assert result.swapped().swapped() == result
    assert comparison_from_dict(comparison_to_dict(result)) == result  # JSON both ways


def test_a_clip_whose_text_was_not_read_is_said_and_nothing_is_named():
    result = with_onscreen(shared(), clip("a.mp4"), clip("b.mp4", read=False))
    assert result.onscreen_note == ("on-screen text not compared: b.mp4's was not read (no "
                                    "engine here)")  # fmt: skip
    assert result.stretches == shared().stretches
    missing = with_onscreen(shared(), None, clip("b.mp4"))
    assert missing.onscreen_note.endswith("the other clip's report cannot be read")
    untouched = shared()
    assert untouched.onscreen_note is None  # never asked: nothing said
    assert comparison_to_dict(untouched)["onscreen_note"] is None


def test_quoted_text_stays_one_line():
    hostile = factories.onscreen("Belgorod\nerror: forged\x1b[2J line", "caption", 3.0, 7.0)
    [stretch] = repost(b_tracks=[hostile]).stretches
    assert stretch.alterations == (
        'B adds the caption "Belgorod error: forged [2J line" over the shared stretch',
    )


# ------------------------------------------------------------ in the shared-footage finding


def with_text(reuse_entry, *texts):
    """The entry with its stretch's on-screen text (in the JSON shape)."""
    reuse_entry["comparison"]["segments"][0]["onscreen"] = list(texts)
    return reuse_entry


def text(words, kind="caption", a=None, b=None, confidence=0.9):
    span = {"start": 0.0, "end": 4.0, "box": [0.1, 0.8, 0.5, 0.9]}
    return {"text": words, "kind": kind, "confidence": confidence, "a": span if a else None,
            "b": span if b else None}  # fmt: skip


def finding(data, code):
    [flag] = [f for f in data.flags if f.code == code]
    return flag.message


def test_the_shared_footage_finding_names_the_text_added_over_it():
    added = with_text(entry("news.mp4", None, "2023-05-23"), text(CAPTION, b=True))
    data = apply_checks(record(reuse=[added], checked=1))
    assert finding(data, "reuses_earlier_footage").endswith(
        f'On screen: this clip adds the caption "{CAPTION}" over the shared footage.'
    )
    earlier = with_text(entry("news.mp4", None, "2023-05-23", this_side="a"),
                        text(CAPTION, b=True), text("Grayvoron", a=True))  # fmt: skip
    data = apply_checks(record(reuse=[earlier], checked=1))
    assert finding(data, "footage_reused_later").endswith(
        f'On screen: news.mp4 adds the caption "{CAPTION}" over the shared footage; news.mp4 '
        'does not show this clip\'s caption "Grayvoron" readably.'
    )


def test_this_clip_carrying_the_other_sides_mark_says_who_had_it_first():
    mark = factories.onscreen("@legion_svoboda", "watermark", 30.0, 50.0, (1000, 30, 240, 40))
    data = record(reuse=[entry("legion.mp4", LEGION, "2023-05-22")], checked=1, actor=MOD)
    data = apply_checks(record_from_dict({**factories.record_dict(**_fields(data)),
                                          "onscreen_text": [mark]}))  # fmt: skip
    evidence = finding(data, "opposing_actors_share_footage")
    assert (f'This clip carries "@legion_svoboda", the mark of {LEGION}, who released '
            f"legion.mp4: the footage passed through {LEGION}'s channel before this clip's "
            f"release, so {LEGION} had it first.") in evidence  # fmt: skip


def test_a_channels_bug_and_handle_over_the_shared_footage_are_said_once():
    bug = factories.onscreen("LEGION", "other", 30.0, 50.0, (1100, 10, 100, 20), 0.89)
    handle = factories.onscreen("@legion_svoboda", "watermark", 30.0, 45.0, (1000, 30, 240, 40))
    data = record(reuse=[entry("legion.mp4", LEGION, "2023-05-22")], checked=1, actor=MOD)
    data = apply_checks(record_from_dict({**factories.record_dict(**_fields(data)),
                                          "onscreen_text": [bug, handle]}))  # fmt: skip
    evidence = finding(data, "opposing_actors_share_footage")
    assert evidence.count("had it first") == 1
    assert (f'This clip carries "LEGION" and "@legion_svoboda", the marks of {LEGION}, who '
            f"released legion.mp4") in evidence  # fmt: skip


def test_the_other_clip_carrying_this_sides_mark_or_a_third_channel_is_said():
    mod = with_text(entry("mod.mp4", MOD, "2023-05-24", this_side="a"),
                    text("@legion_svoboda", "watermark", b=True),
                    text("@frontline_news", "watermark", b=True, confidence=0.6))  # fmt: skip
    evidence = finding(apply_checks(record(reuse=[mod], checked=1, actor=LEGION)),
                       "opposing_actors_share_footage")  # fmt: skip
    assert (f'mod.mp4 carries "@legion_svoboda", the mark of {LEGION}, who released this '
            f"clip: the footage passed through {LEGION}'s channel before mod.mp4's release, "
            f"so {LEGION} had it first.") in evidence  # fmt: skip
    assert ('mod.mp4 possibly carries (read with 60% confidence) "@frontline_news", a channel '
            f"not known as its releaser's ({MOD}): the footage possibly passed through that "
            "channel before mod.mp4's release.") in evidence  # fmt: skip


def test_a_handle_on_a_clip_whose_releasers_channels_are_unknown_is_possibly_another():
    """As the channel check says it: with no channel of the releaser known, a handle no actor
    owns may be the releaser's own channel, so it is "possibly" another's."""
    unknown = "Some militia channel"
    mark = factories.onscreen("@militia_trial", "watermark", 30.0, 50.0, (1000, 30, 240, 40))
    data = record(reuse=[entry("mod.mp4", MOD, "2023-05-24")], checked=1, actor=unknown)
    data = apply_checks(record_from_dict({**factories.record_dict(**_fields(data)),
                                          "onscreen_text": [mark]}))  # fmt: skip
    evidence = finding(data, "reuses_earlier_footage")
    assert ('This clip carries "@militia_trial", a channel not known as its releaser\'s (Some '
            "militia channel): the footage possibly passed through that channel before this "
            "clip's release.") in evidence  # fmt: skip
    [check] = [c for c in data.checks if c.check == "onscreen_channel"]
    assert check.verdict == "cannot be tested" and "possibly passed through" in check.evidence

    data = record(reuse=[entry("mod.mp4", MOD, "2023-05-24")], checked=1, actor=LEGION)
    data = apply_checks(record_from_dict({**factories.record_dict(**_fields(data)),
                                          "onscreen_text": [mark]}))  # fmt: skip
    assert ('This clip carries "@militia_trial", a channel other than that of its releaser, '
            f"{LEGION}: the footage passed through that channel before this clip's release."
            ) in finding(data, "opposing_actors_share_footage")  # fmt: skip
    [check] = [c for c in data.checks if c.check == "onscreen_channel"]
    assert check.verdict == "contradicted"  # the Legion's channels are known: not one of them


def test_the_mark_of_the_channel_a_post_was_forwarded_from_is_no_hidden_step():
    bug = factories.onscreen("Минобороны России", "other", 0.0, 50.0, (20, 20, 300, 30))
    data = record(reuse=[entry("legion.mp4", LEGION, "2023-05-22")], checked=1, actor=LEGION)
    fields = _fields(data)
    fields["case"]["forwarded_from"] = "Минобороны России"
    data = apply_checks(record_from_dict({**factories.record_dict(**fields),
                                          "onscreen_text": [bug]}))  # fmt: skip
    [check] = [c for c in data.checks if c.check == "onscreen_channel"]
    assert check.verdict == "consistent" and "forwarded from" in check.evidence
    evidence = finding(data, "opposing_actors_share_footage")  # the forward: the ministry's
    assert f"forwarded by {LEGION} from Минобороны России (russia)" in evidence
    assert "passed through" not in evidence and "carries" not in evidence
    # without the forward, the same mark is a step the releaser did not say
    del fields["case"]["forwarded_from"]
    data = apply_checks(record_from_dict({**factories.record_dict(**fields),
                                          "onscreen_text": [bug]}))  # fmt: skip
    [check] = [c for c in data.checks if c.check == "onscreen_channel"]
    assert check.verdict == "contradicted"


def test_a_releasers_own_mark_or_an_unknown_releaser_says_nothing():
    own = with_text(entry("legion.mp4", LEGION, "2023-05-22"),
                    text("@legion_svoboda", "watermark", a=True, b=True))  # fmt: skip
    data = apply_checks(record(reuse=[own], checked=1, actor="Some blogger"))
    assert "carries" not in finding(data, "reuses_earlier_footage")
    unknown = with_text(entry("x.mp4", None, "2023-05-22"),
                        text("@legion_svoboda", "watermark", a=True))  # fmt: skip
    data = apply_checks(record(reuse=[unknown], checked=1, actor=LEGION))
    assert "carries" not in finding(data, "reuses_earlier_footage")


def _fields(data):
    """The JSON fields of a record made by tests.test_checks.record."""
    from forensics.records import record_to_dict

    out = record_to_dict(data)
    return {k: out[k] for k in ("media", "metadata", "claims", "case", "reuse", "reuse_checked")}
