"""Fact extraction from claim texts: forensics.claims.facts and the vocabulary in forensics/vocab.

The claim texts in tests/claim_texts/ were written for these tests, each in another style
(militia channel post, ministry briefing, wire report with a dateline, aggregator repost, OSINT
thread, other spellings); heldout_*.md was written after the extractor and not tuned to.
"""

from __future__ import annotations

import itertools
import json
import time
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from forensics.claims.facts import (
    KINDS,
    SIDES,
    VOCAB_DIR,
    ClaimFacts,
    Fact,
    default_vocabulary,
    extract_claim,
    extract_facts,
    load_vocabulary,
)
from forensics.errors import BadInputError

TEXTS = Path(__file__).parent / "claim_texts"
CLAIMS = sorted(p.name for p in TEXTS.iterdir() if p.suffix in (".md", ".txt"))


@cache
def claim(name: str) -> ClaimFacts:
    return extract_claim(TEXTS / name)


def of_kind(facts: tuple[Fact, ...] | list[Fact], kind: str) -> list[Fact]:
    return [f for f in facts if f.kind == kind]


def values(facts: tuple[Fact, ...] | list[Fact], kind: str) -> list[object]:
    return [f.value for f in facts if f.kind == kind]


def facts_in(text: str, published: date | None = date(2023, 5, 27)) -> list[Fact]:
    return extract_facts(text, published)


def date_of(facts: list[Fact], text: str) -> object:
    return next(f.value for f in facts if f.kind == "date" and f.text == text)


# --------------------------------------------------------------------------- every text


@pytest.mark.parametrize("name", CLAIMS)
def test_every_fact_is_its_span_of_the_file(name):
    source = (TEXTS / name).read_text(encoding="utf-8")
    facts = claim(name).facts
    assert facts, name
    for fact in facts:
        assert source[fact.start : fact.end] == fact.text
        assert fact.kind in KINDS
    assert [f.start for f in facts] == sorted(f.start for f in facts)
    json.dumps(claim(name).to_dict())  # JSON-ready values and details


@pytest.mark.parametrize("name", CLAIMS)
def test_facts_of_one_layer_never_overlap(name):
    layers = (("place", "actor", "equipment", "platform"), ("date", "duration", "count"))
    for layer in layers:
        spans = sorted((f.start, f.end) for f in claim(name).facts if f.kind in layer)
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), name


def test_json_shape():
    record = claim("wire_report.txt").to_dict()
    assert set(record) == {"facts", "published"}
    assert record["published"] == "2023-05-24"
    assert set(record["facts"][0]) == {"kind", "value", "text", "start", "end", "detail"}


# --------------------------------------------------------------------------- the test texts


def test_militia_channel_post():
    c = claim("legion_channel_post.md")
    assert c.published == date(2023, 5, 23)
    assert date_of(list(c.facts), "Yesterday") == "2023-05-22"
    assert values(c.facts, "duration") == [134.0]  # "2:14 video"; not "04:30" nor "At 1:05"
    assert {"Kozinka", "Glotovo", "Gora-Podol", "Grayvoron"} <= set(values(c.facts, "place"))
    assert {"Russian Volunteer Corps", "Freedom of Russia Legion"} <= set(values(c.facts, "actor"))
    counts = {(f.value, f.detail["of"]) for f in of_kind(c.facts, "count")}
    assert counts == {(2, "BTR"), (3, "prisoner")}  # "Not one of our people" counts nobody
    assert {"BTR", "MT-LB", "drone"} <= set(values(c.facts, "equipment"))


def test_ministry_briefing_with_a_date_line():
    c = claim("ministry_briefing.txt")
    assert c.published == date(2023, 5, 24)
    published = c.facts[0]
    assert (published.kind, published.text, published.detail["rule"]) == (
        "date",
        "2023-05-24",
        "date line",
    )
    assert {"2023-05-22", "2023-05-23"} <= set(values(c.facts, "date"))
    counts = {(f.value, f.detail["of"], f.detail["qualifier"]) for f in of_kind(c.facts, "count")}
    assert counts == {
        (70, "fighter", "up to"),
        (4, "armoured vehicle", None),
        (5, "pickup truck", None),
    }
    assert values(c.facts, "duration") == [58.0]
    speakers = set(values(c.facts, "statement"))
    assert speakers == {"Russian Ministry of Defence", "Igor Konashenkov"}
    assert {"Western Military District", "FSB", "Russian Ministry of Defence"} <= set(
        values(c.facts, "actor")
    )


def test_wire_report_dated_by_its_dateline():
    c = claim("wire_report.txt")
    facts = list(c.facts)
    assert c.published == date(2023, 5, 24)
    dateline = of_kind(facts, "date")[0]
    assert (dateline.text, dateline.detail["role"]) == ("May 24, 2023", "dateline")
    assert date_of(facts, "on Monday") == "2023-05-22"
    assert date_of(facts, "Wednesday") == "2023-05-24"
    assert date_of(facts, "on Tuesday") == "2023-05-23"
    assert date_of(facts, "the following day") == "2023-05-24"
    assert not [f for f in facts if f.kind == "date" and "day after" in f.text]
    assert values(facts, "duration") == [120.0]
    hedge = of_kind(facts, "hedge")[0]
    assert (hedge.value, hedge.detail["scope"]) == ("unverified", "footage")
    assert set(values(facts, "statement")) == {
        "Russian government",
        "Vyacheslav Gladkov",
        "Ukrainian government",
        "Andriy Yusov",
        "Kremlin",
        "Dmitry Peskov",
    }
    pronoun = next(f for f in of_kind(facts, "statement") if f.detail["speaker_text"] == "He")
    assert (pronoun.value, pronoun.detail["resolved_by"]) == ("Vyacheslav Gladkov", "pronoun")


def test_aggregator_repost():
    c = claim("aggregator_repost.md")
    facts = list(c.facts)
    assert values(facts, "duration") == [60.0]  # "minute-long"; "12:40 Kyiv time" is a clock
    assert set(values(facts, "platform")) == {"Telegram", "Twitter"}
    assert set(values(facts, "hedge")) == {"unverified", "alleged"}
    assert date_of(facts, "from Thursday") == "2023-06-01"
    assert "last week" not in [f.text for f in facts]
    assert {"Shebekino", "Novaya Tavolzhanka", "Vovchansk"} <= set(values(facts, "place"))
    assert "Ukrainian government" not in values(facts, "actor")  # "Kyiv time"


def test_osint_geolocation_thread():
    facts = list(claim("osint_thread.md").facts)
    assert values(facts, "duration") == [45.0]  # not the timestamps 0:03-0:09, 0:21, 0:26
    point = next(f for f in of_kind(facts, "place") if f.detail["kind"] == "coordinates")
    assert (point.detail["lat"], point.detail["lon"]) == (50.455, 35.588)
    counts = {(f.value, f.detail["of"], f.detail["out_of"]) for f in of_kind(facts, "count")}
    assert counts == {(6, "strike", None), (2, "strike", 6)}
    assert {"GeoConfirmed", "Bellingcat", "Aric Toler", "Russian Ministry of Defence"} <= set(
        values(facts, "actor")
    )
    assert {"Kozinka border checkpoint", "Sumy Oblast", "Kozinka"} <= set(values(facts, "place"))
    assert date_of(facts, "on Tuesday") == "2023-05-23"
    assert {"M1224 MaxxPro", "Humvee"} <= set(values(facts, "equipment"))


def test_other_spellings_reach_the_same_names():
    facts = list(claim("translit_variants.md").facts)
    places = {f.text: f.value for f in of_kind(facts, "place")}
    assert places["Novaia Tavolzhanka"] == places["Nova Tavolzhanka"] == "Novaya Tavolzhanka"
    assert (places["Shebekyne"], places["Hora-Podil"], places["Hraivoron"]) == (
        "Shebekino",
        "Gora-Podol",
        "Grayvoron",
    )
    # "The Volchansk district administration": the district, by the town's name (13th work)
    assert places["Volchansk district"] == "Vovchansk District"
    assert places["Kharkov region"] == "Kharkiv Oblast"
    actors = {f.text: f.value for f in of_kind(facts, "actor")}
    assert actors['Legion "Svoboda Rossii"'] == actors["LSR"] == "Freedom of Russia Legion"
    assert actors["Russkiy Dobrovolcheskiy Korpus"] == "Russian Volunteer Corps"
    assert actors["Russia's Ministry of Defense"] == "Russian Ministry of Defence"
    assert actors["Ukraine's military intelligence (GUR)"] == "Ukrainian military intelligence"
    equipment = {f.text: (f.value, f.detail["plural"]) for f in of_kind(facts, "equipment")}
    assert equipment["HMMWVs"] == ("Humvee", True)
    assert equipment["T-72 tank"] == ("T-72", False)
    assert equipment["M1224"][0] == "M1224 MaxxPro"
    assert date_of(facts, "01.06.2023") == "2023-06-01"
    assert date_of(facts, "the day before") == "2023-05-31"
    assert values(facts, "duration") == [80.0]


# --------------------------------------------------------------------------- durations


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("The video lasting one minute and 52 seconds shows a road.", 112.0),
        ("They posted a two-minute video of the road.", 120.0),
        ("A 45-second clip shows six strikes.", 45.0),
        ("The clip runs 1:52 in all.", 112.0),
        ("The clip runs 1:52 - longer than the first.", 112.0),  # a dash, not opening a line
        ("It is 1 min 52 sec of footage.", 112.0),
        ("A minute-long video went round.", 60.0),
        ("A 90-second video followed.", 90.0),
        ("A one-and-a-half-minute video followed.", 90.0),
        ("The video is a minute and a half long.", 90.0),
        ("The recording is 1m52s long.", 112.0),
        ("The full video runs 1:02:05.", 3725.0),
        # Hard-wrapped Markdown breaks lines inside a length.
        ("The video lasting one minute and 52\nseconds shows a road.", 112.0),
        ("A 45-\nsecond clip shows six strikes.", 45.0),
        ("They posted a two\nminute video of the road.", 120.0),
    ],
)
def test_footage_durations(text, seconds):
    assert values(facts_in(text), "duration") == [seconds]


@pytest.mark.parametrize(
    "text",
    [
        "The video was posted at 4:30 a.m. on Monday.",
        "The clip went up at 04:30 and was deleted at 16:45 local time.",
        "The video shows the strike from 0:12 to 0:30.",
        "In the video the score on the wall reads 3:1.",
        "Two minutes later the drone came back, the video shows.",
        "It is a 30-minute drive from the border, as the video shows.",
        "Shelling went on for two hours after midnight.",  # no footage in sight
        "Follow for minute-by-minute updates and video.",
        "09:45 \u2014 A video released overnight shows the road.",  # live-blog entries
        "Shelling overnight.\n14:05 - Footage shows a burning tank.",
        "- **16:20** \u2013 The clip was taken down.",
    ],
)
def test_times_of_day_and_other_numbers_are_not_durations(text):
    assert values(facts_in(text), "duration") == []


# --------------------------------------------------------------------------- names


def test_longest_name_wins():
    facts = facts_in(
        "Fighters of the Russian Volunteer Corps entered Novaya Tavolzhanka, the Russian "
        "Ministry of Defence said, and Belgorod Governor Vyacheslav Gladkov confirmed it. "
        "They crossed at the Kozinka border checkpoint."
    )
    names = [(f.kind, f.text) for f in facts if f.kind in ("place", "actor")]
    assert names == [
        ("actor", "Russian Volunteer Corps"),
        ("place", "Novaya Tavolzhanka"),
        ("actor", "Russian Ministry of Defence"),
        ("actor", "Belgorod Governor Vyacheslav Gladkov"),
        ("place", "Kozinka border checkpoint"),
    ]


def test_place_or_actor_by_context():
    facts = facts_in(
        "Moscow said the raid failed. Drones later hit a street in Moscow. "
        "MOSCOW, 23 May. The list went on: Bryansk, Kursk, Moscow. Ukraine denied it all, "
        "though fighters gathered in northern Ukraine."
    )
    kinds = [(f.text, f.kind) for f in facts if f.text.lower() in ("moscow", "ukraine")]
    assert kinds == [
        ("Moscow", "actor"),
        ("Moscow", "place"),
        ("MOSCOW", "place"),
        ("Moscow", "place"),
        ("Ukraine", "actor"),
        ("Ukraine", "place"),
    ]


def test_anti_and_pro_name_someone_else():
    facts = facts_in("An anti-Kremlin militia and pro-Kremlin bloggers argued.")
    assert values(facts, "actor") == []


def test_actor_detail_has_side_and_type():
    facts = facts_in("The RDK and the Russian MoD both posted footage; Bellingcat looked at it.")
    sides = {f.value: (f.detail["side"], f.detail["type"]) for f in of_kind(facts, "actor")}
    assert sides == {
        "Russian Volunteer Corps": ("ukraine-aligned", "armed group"),
        "Russian Ministry of Defence": ("russia", "ministry"),
        "Bellingcat": ("osint", "osint group"),
    }


def test_place_detail_has_coordinates_from_the_gazetteer():
    place = of_kind(facts_in("Fighting near Gora Podol."), "place")[0]
    assert place.value == "Gora-Podol"
    assert place.detail["kind"] == "village"
    assert place.detail["region"] == "Belgorod Oblast"
    assert abs(place.detail["lat"] - 50.474) < 0.01 and abs(place.detail["lon"] - 35.646) < 0.01


def test_platforms():
    facts = facts_in("Posted on Telegram, then on Twitter/X and on X; an X-ray clinic was hit.")
    assert [(f.text, f.value) for f in of_kind(facts, "platform")] == [
        ("Telegram", "Telegram"),
        ("Twitter/X", "Twitter"),
        ("X", "Twitter"),
    ]


# --------------------------------------------------------------------------- dates

RELATIVE = "The raid began on Monday. The next day the ministry released its video. "


def test_relative_dates_with_a_publication_date():
    facts = facts_in(RELATIVE + "Two days later the legion answered.", date(2023, 5, 27))
    assert [(f.text, f.value) for f in of_kind(facts, "date")] == [
        ("on Monday", "2023-05-22"),
        ("The next day", "2023-05-23"),
        ("Two days later", "2023-05-25"),
    ]
    monday = of_kind(facts, "date")[0]
    assert monday.detail["rule"] == "weekday on or before publication"
    assert monday.detail["anchor"] == "2023-05-27"


def test_relative_dates_without_a_publication_date():
    assert of_kind(facts_in(RELATIVE + "Yesterday was quiet.", None), "date") == []
    facts = facts_in(
        "It began on 22 May 2023. The following day it ended; on May 24 all was calm.", None
    )
    assert values(facts, "date") == ["2023-05-22", "2023-05-23", "2023-05-24"]
    assert of_kind(facts, "date")[2].detail["rule"] == "explicit, year from an earlier date"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The council will meet on Friday.", "2023-05-26"),  # published Wednesday 24 May
        ("The council met on Friday.", "2023-05-19"),
        ("It happened last Wednesday.", "2023-05-17"),
        ("It happens next Wednesday.", "2023-05-31"),
        ("It happened yesterday.", "2023-05-23"),
        ("It happened two days ago.", "2023-05-22"),
        ("It was filmed this morning.", "2023-05-24"),
        ("It happened the day after May 22.", "2023-05-23"),
        ("Filmed on 25/05/2023.", "2023-05-25"),
        ("Filmed on 2023-05-21.", "2023-05-21"),
    ],
)
def test_dates_against_a_wednesday_publication(text, expected):
    assert values(facts_in(text, date(2023, 5, 24)), "date") == [expected]


def test_year_wraps_back_over_new_year():
    assert values(facts_in("Filmed on December 30.", date(2024, 1, 3)), "date") == ["2023-12-30"]


def test_weekday_that_does_not_fit_the_date_is_flagged():
    fact = of_kind(facts_in("It began on Tuesday, 22 May 2023."), "date")[0]
    assert fact.value == "2023-05-22"
    assert (fact.detail["weekday"], fact.detail["weekday_matches"]) == ("Tuesday", False)


@pytest.mark.parametrize("text", ["Filmed on 05/06/2023.", "It may 22 times.", "Last week."])
def test_ambiguous_or_vague_dates_are_skipped(text):
    assert values(facts_in(text), "date") == []


# --------------------------------------------------------------------------- counts


@pytest.mark.parametrize(
    ("text", "count", "noun"),
    [
        ("More than 70 fighters were killed.", 70, "fighter"),
        ("Two T-72 tanks burned.", 2, "T-72"),
        ("A dozen drones flew over.", 12, "drone"),
        ("Some 2,500 people left.", 2500, "person"),
        ("Three thousand residents left.", 3000, "civilian"),
    ],
)
def test_counts(text, count, noun):
    facts = of_kind(facts_in(text), "count")
    assert [(f.value, f.detail["of"]) for f in facts] == [(count, noun)]


@pytest.mark.parametrize(
    "text",
    [
        "Dozens of fighters crossed.",
        "Several tanks were seen.",
        "Thousands of residents left.",
        "Not one soldier was hurt.",
        "The 13 were injured.",
        "In 2022 the war began.",
    ],
)
def test_vague_numbers_are_not_counts(text):
    assert values(facts_in(text), "count") == []


# --------------------------------------------------------------------------- statements


def test_statements_and_how_their_speaker_was_found():
    facts = facts_in(
        "The Russian defence ministry released a video on Tuesday. The ministry said 70 "
        'fighters were killed. "They ran," it added. Footage released by the Freedom of Russia '
        'Legion shows a tank. "We are home," said Denis Kapustin. The other two were in Ukraine, '
        "according to the geolocation group. Kyiv did not comment and Ukraine has not denied it."
    )
    found = [
        (f.value, f.detail["verb"], f.detail["resolved_by"]) for f in of_kind(facts, "statement")
    ]
    assert found == [
        ("Russian Ministry of Defence", "release", "subject"),
        ("Russian Ministry of Defence", "say", "description"),
        ("Russian Ministry of Defence", "add", "pronoun"),
        ("Freedom of Russia Legion", "release", "passive"),
        ("Denis Kapustin", "say", "after the verb"),
        ("unnamed OSINT researchers", "according to", "after the verb"),
        ("Ukrainian government", "deny", "subject"),
    ]
    quote = next(f for f in of_kind(facts, "statement") if f.detail["verb"] == "add")
    assert (quote.text, quote.detail["quote"], quote.detail["side"]) == (
        '"They ran," it added.',
        "They ran,",
        "russia",
    )
    assert of_kind(facts, "statement")[-1].detail["negated"] is True


def test_unnamed_speaker_of_a_named_body_and_a_dateline_that_is_no_speaker():
    facts = facts_in(
        "KYIV, May 22 (Reuters) - Fighters said they had crossed the border. Analysts at the "
        "Institute for the Study of War said the claim was plausible."
    )
    statements = of_kind(facts, "statement")
    assert [(f.value, f.detail["resolved_by"]) for f in statements] == [
        ("Institute for the Study of War", "affiliation")
    ]


def test_no_statement_without_a_speaker():
    facts = facts_in(
        'Some accounts say it was filmed elsewhere. "We will return," a caption reads.'
    )
    assert values(facts, "statement") == []


def test_object_of_a_preposition_is_not_the_speaker():
    facts = facts_in(
        "Ilya Ponomarev, who speaks for the Freedom of Russia Legion, told reporters the raid "
        "went well. Putin's critics say otherwise."
    )
    assert values(facts, "statement") == ["Ilya Ponomarev"]


# --------------------------------------------------------------------------- hedges


@pytest.mark.parametrize(
    ("text", "label", "scope"),
    [
        ("The clip has not been independently verified.", "unverified", "footage"),
        ("Neither video has been independently verified.", "unverified", "footage"),
        ("Reuters was unable to verify the claim.", "unverified", "claim"),
        ("The footage purportedly shows a BMP-2.", "alleged", "footage"),
        ("A video appears to show fighters in the village.", "alleged", "footage"),
        ("The clip seems to show a burning tank.", "alleged", "footage"),
        ("Researchers have challenged the ministry's account.", "disputed", "claim"),
    ],
)
def test_hedges(text, label, scope):
    hedges = of_kind(facts_in(text), "hedge")
    assert [(h.value, h.detail["scope"]) for h in hedges] == [(label, scope)]


def test_verified_is_not_a_hedge():
    assert values(facts_in("Bellingcat verified the location of the video."), "hedge") == []


# --------------------------------------------------------------------------- entry points


def test_offsets_are_into_the_whole_text():
    header = "title: not part of the body, Kozinka\n\n"
    text = header + "Fighting in Kozinka on Monday."
    facts = extract_facts(text, date(2023, 5, 27), start=len(header))
    body = len(header)
    assert [(f.kind, f.start) for f in facts] == [("place", body + 12), ("date", body + 20)]
    assert all(text[f.start : f.end] == f.text for f in facts)
    with pytest.raises(ValueError):
        extract_facts(text, None, start=len(text) + 1)


def test_front_matter_publication_date_is_a_fact_in_the_header(tmp_path):
    path = tmp_path / "claim.md"
    path.write_text("---\noutlet: x\npublished: 2023-05-27\n---\nOn Monday, in Glotovo.\n")
    c = extract_claim(path)
    first = c.facts[0]
    assert (first.value, first.detail) == (
        "2023-05-27",
        {"rule": "front matter", "role": "published"},
    )
    assert path.read_text()[first.start : first.end] == "2023-05-27"
    assert date_of(list(c.facts), "On Monday") == "2023-05-22"


def test_claim_without_any_date_has_no_publication(tmp_path):
    path = tmp_path / "claim.txt"
    path.write_text("Fighting in Shebekino on Thursday.\n")
    c = extract_claim(path)
    assert c.published is None and values(c.facts, "date") == []
    assert c.to_dict()["published"] is None


# --------------------------------------------------------------------------- vocabulary


def test_shipped_vocabulary_is_consistent():
    vocab = load_vocabulary()
    assert {Path(f).name for f in vocab.files} >= {
        "places.toml",
        "actors.toml",
        "equipment.toml",
        "platforms.toml",
    }
    for place in vocab.of_kind("place"):
        assert ("lat" in place.fields) == ("lon" in place.fields), place.name
    assert {a.fields["side"] for a in vocab.of_kind("actor")} <= set(SIDES)
    assert Path(VOCAB_DIR, "README.md").exists()


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


USER_PLACES = """
[[place]]
name = "Zhuravlevka"
kind = "village"
region = "Belgorod Oblast"
country = "Russia"
lat = 50.47
lon = 36.62
aliases = ["Zhuravlyovka"]

[[place]]
name = "Glotovo"
lat = 50.45
lon = 35.62
aliases = ["Glotowo"]

[[actor]]
name = "Frontline Watch"
side = "media"
type = "aggregator"
aliases = ["@frontlinewatch"]
"""


def test_user_vocabulary_folder_extends_and_overrides(tmp_path, monkeypatch):
    folder = write(tmp_path / "vocab", "my_case.toml", USER_PLACES)
    monkeypatch.setenv("FORENSICS_VOCAB", str(folder))
    facts = facts_in("Shelling hit Zhuravlyovka and Glotowo, @frontlinewatch posted.")
    places = {f.value: f.detail for f in of_kind(facts, "place")}
    assert places["Zhuravlevka"]["lat"] == 50.47
    assert places["Glotovo"]["lat"] == 50.45  # coordinates added to a shipped entry
    assert places["Glotovo"]["kind"] == "village"  # fields the user did not give are kept
    assert values(facts, "actor") == ["Frontline Watch"]
    monkeypatch.delenv("FORENSICS_VOCAB")
    assert "Zhuravlevka" not in values(facts_in("Shelling hit Zhuravlyovka."), "place")


def test_load_vocabulary_with_an_extra_folder(tmp_path):
    folder = write(tmp_path / "vocab", "more.toml", USER_PLACES)
    vocab = load_vocabulary(folder)
    assert vocab.get("place", "Zhuravlevka") is not None
    facts = extract_facts("Shelling hit Zhuravlevka.", None, vocab=vocab)
    assert values(facts, "place") == ["Zhuravlevka"]
    assert default_vocabulary().get("place", "Zhuravlevka") is None


def test_a_user_alias_moves_to_the_user_entry(tmp_path):
    toml = '[[place]]\nname = "Station"\nkind = "village"\ncountry = "Russia"\n'
    toml += 'aliases = ["Tavolzhanka"]\n'
    folder = write(tmp_path / "vocab", "a.toml", toml)
    facts = extract_facts("Near Tavolzhanka.", None, vocab=load_vocabulary(folder))
    assert values(facts, "place") == ["Station"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[place]]\nname = "X"\nkind = "village\n', "bad.toml:3: malformed vocabulary file"),
        ('[[place]]\nname = "X"\nkind = "village"\ncountry = "Russia"\nlat = 50\n',
         "bad.toml:1: place 'X' needs both lat and lon"),
        ('\n\n[[actor]]\nname = "X"\nside = "neutral"\ntype = "outlet"\n',
         "bad.toml:3: side of 'X' must be one of"),
        ('[[actor]]\nname = "X"\nside = "media"\n', "bad.toml:1: actor 'X' needs type"),
        ('[[actor]]\nname = "X"\nside = "media"\ntype = "band"\n', "is not an [[actor_type]]"),
        ('[[platform]]\nname = "Y"\n\n[[platform]]\nname = "Z"\nurl = "z"\n',
         "bad.toml:4: unknown field 'url' in 'Z'"),
        ('[[places]]\nname = "Y"\n', "bad.toml:1: unknown table 'places'"),
        ('[[place]]\nname = "Y"\nkind = "town"\ncountry = "Russia"\nlat = "50.1"\nlon = 36\n',
         "bad.toml:1: lat of 'Y' must be int or float"),
        ('[[noun]]\nname = "a"\ncategory = "x"\naliases = ["b"]\n[[noun]]\nname = "c"\n'
         'category = "x"\naliases = ["B"]\n', "bad.toml:5: 'B' of 'c' is already a name of 'a'"),
        ('[[hedge]]\naliases = ["x"]\n', "bad.toml:1: [[hedge]] needs a name"),
    ],
)  # fmt: skip
def test_malformed_vocabulary_names_file_and_line(tmp_path, text, message):
    folder = write(tmp_path / "vocab", "bad.toml", text)
    with pytest.raises(BadInputError) as caught:
        load_vocabulary(folder)
    assert message in str(caught.value)
    assert str(folder / "bad.toml") in str(caught.value)


def test_missing_user_vocabulary_folder_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv("FORENSICS_VOCAB", str(tmp_path / "nowhere"))
    with pytest.raises(BadInputError, match="vocabulary folder not found"):
        facts_in("Kozinka.")


# --------------------------------------------------------------------------- held out


def test_held_out_live_blog():
    """Written after the extractor was finished and not tuned to: what it must find. On its
    first run everything here held except the two checks in the test below (fixed since)."""
    c = claim("heldout_live_blog.md")
    facts = list(c.facts)
    assert c.published == date(2023, 6, 2)
    assert 90.0 in values(facts, "duration")  # "about 90 seconds long"
    assert date_of(facts, "on Thursday") == "2023-06-01"
    assert {
        "Belgorod Oblast",
        "Shebekino",
        "Novaya Tavolzhanka",
        "Sereda",
        "Kharkiv Oblast",
        "Kyiv",
    } <= set(values(facts, "place"))
    assert {
        "Vyacheslav Gladkov",
        "Russian Volunteer Corps",
        "Russian Ministry of Defence",
        "Ilya Ponomarev",
        "Freedom of Russia Legion",
        "unnamed OSINT researchers",
    } <= set(values(facts, "actor"))
    assert {
        "Vyacheslav Gladkov",
        "Russian Volunteer Corps",
        "Russian Ministry of Defence",
        "Ilya Ponomarev",
    } <= set(values(facts, "statement"))
    counts = {(f.value, f.detail["of"]) for f in of_kind(facts, "count")}
    assert {(2, "person"), (30, "fighter"), (4, "armoured vehicle")} <= counts
    assert {"armoured vehicle", "Humvee"} <= set(values(facts, "equipment"))
    assert values(facts, "platform") == ["Telegram"]
    assert "unverified" in values(facts, "hedge")


def test_held_out_live_blog_former_gaps():
    """The two checks the held-out live blog failed on its first run, since fixed by general
    rules: a clock opening a live-blog entry before a dash is a timestamp ("09:45 - A video"
    was read as a 585 s duration), and "appears to show" is a hedge."""
    facts = list(claim("heldout_live_blog.md").facts)
    assert values(facts, "duration") == [90.0]
    hedges = {(f.value, f.detail["scope"]) for f in of_kind(facts, "hedge")}
    assert ("alleged", "footage") in hedges


def test_held_out_fact_check():
    """A fact-check article, written after the package split; these assertions were written
    before the extractor first ran on it. That run found three gaps, since fixed by general
    rules: "The first 38 seconds" was a duration, the noun of "made a similar claim" a speech
    verb, and "was first posted by" no verb (so "Its caption said" had nobody to refer to)."""
    c = claim("heldout_fact_check.md")
    facts = list(c.facts)
    assert c.published == date(2023, 6, 7)
    assert date_of(facts, "1 June 2023") == "2023-06-01"
    assert date_of(facts, "May 22") == "2023-05-22"
    assert date_of(facts, "May 23") == "2023-05-23"
    assert set(values(facts, "date")) == {
        "2023-06-07",  # the front matter
        "2023-06-01",
        "2023-06-02",
        "2023-05-22",
        "2023-05-23",
    }  # "a day after the first raid" dates nothing new
    assert values(facts, "duration") == [107.0]  # "The first 38 seconds" is a part of it
    assert {
        "Novaya Tavolzhanka",
        "Shebekino",
        "Grayvoronsky District",
        "Kozinka",
        "Glotovo",
    } <= set(values(facts, "place"))
    actors = set(values(facts, "actor"))
    assert {
        "Russian Ministry of Defence",
        "Freedom of Russia Legion",
        "Russian Volunteer Corps",
        "Igor Konashenkov",
        "Ilya Ponomarev",
        "Rybar",
        "GeoConfirmed",
    } <= actors
    assert "Kremlin" not in actors  # "Pro-Kremlin channels"
    assert set(values(facts, "platform")) == {"Telegram", "VK"}
    counts = {(f.value, f.detail["qualifier"]) for f in of_kind(facts, "count")}
    assert {(50, "up to"), (7, None), (70, "more than"), (3, None)} <= counts
    assert 40 not in {value for value, _ in counts}  # kilometres
    # views count since the fifteenth work, as the splits annotate them and "переглядів" counts
    assert (400000, "more than") in counts
    statements = of_kind(facts, "statement")
    assert {
        "Russian Ministry of Defence",  # "Its caption said", after "posted by the ..."
        "Igor Konashenkov",
        "Freedom of Russia Legion",
        "Ilya Ponomarev",
        "Russian Volunteer Corps",
    } <= {f.value for f in statements}
    assert not [f for f in statements if f.detail["verb_text"] in ("CLAIM", "claim")]
    # added after the first run, which found the ministry only through "the ministry itself
    # published" further on
    caption = next(f for f in statements if f.detail["speaker_text"] == "Its caption")
    assert (caption.value, caption.detail["resolved_by"]) == (
        "Russian Ministry of Defence",
        "description",
    )
    hedges = {(f.value, f.detail["scope"]) for f in of_kind(facts, "hedge")}
    assert {("alleged", "footage"), ("unverified", "claim")} <= hedges


@pytest.mark.parametrize(
    "hostile",
    ["45-" * 20_000, "the Russian Volunteer Corps said " * 2_000, "x" * 60_000 + ".com/"],
)
def test_hostile_text_is_read_in_linear_time(hostile):
    # A claim file comes from anyone: 60 KB of hyphenated digits took 10.6 s and 165 KB of
    # "... said" with no full stop 95 s before (quadratic rescans); both now take a fraction
    # of a second. The bound is loose on purpose: it guards the complexity, not the speed
    # (CPU time, so a loaded machine does not fail it).
    started = time.process_time()
    extract_facts(hostile, None)
    assert time.process_time() - started < 5.0


@pytest.mark.parametrize("key", ["released", "date"])
def test_released_or_date_in_the_front_matter_is_the_publication_date(tmp_path, key):
    """The case file calls a clip's day ``released``: the same word in a claim's front matter
    was dropped without a word, and the overview showed no release date."""
    path = tmp_path / "claim.md"
    path.write_text(f"---\nactor: x\n{key}: 2023-05-22\n---\nВчера под Шебекино.\n")
    c = extract_claim(path)
    first = c.facts[0]
    assert c.published == date(2023, 5, 22)
    assert (first.value, first.detail["rule"]) == ("2023-05-22", "front matter")
    assert path.read_text()[first.start : first.end] == "2023-05-22"


def test_two_front_matter_days_that_differ_are_refused_at_the_second(tmp_path):
    path = tmp_path / "claim.md"
    path.write_text("---\npublished: 2023-05-22\noutlet: x\nreleased: 2023-05-23\n---\nText.\n")
    with pytest.raises(BadInputError, match=r"claim.md:4: released gives another day"):
        extract_claim(path)
    path.write_text("---\npublished: 2023-05-22\nreleased: 2023-05-22\n---\nText.\n")
    assert extract_claim(path).published == date(2023, 5, 22)


def test_a_released_day_that_is_no_day_is_refused_at_its_line(tmp_path):
    path = tmp_path / "claim.md"
    path.write_text("---\noutlet: x\nreleased: last spring\n---\nText.\n")
    with pytest.raises(BadInputError, match=r"claim.md:3: released"):
        extract_claim(path)
