"""The scoring of ``benchmarks/eval_claims.py`` on a tiny synthetic text built here (never on
the held-out texts): a matched fact is found, a missing one lowers recall, a fact on a trap or
a place named like an outlet is false, and annotations that do not fit their text are refused.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from forensics.claims.facts import Fact

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import eval_claims
from claims_eval.annotations import HERE, SPLITS, load_sample, load_split
from claims_eval.scoring import ALL, fold, score, tabulate, value_matches

TEXT = """---
published: 2023-05-23
---
Вчера у села Козинка боевики сняли 45-секундное видео, пишет Kyiv Post.
"""

FACTS_TOML = """
lang = "ru"
source = "militia post"

[[fact]]
kind = "place"
value = "Kozinka"
accept = ["Kozynka"]
text = "у села Козинка"

[[fact]]
kind = "duration"
value = 45
text = "45-секундное видео"

[[fact]]
kind = "date"
value = "2023-05-22"
text = "Вчера"

[[forbidden]]
kind = "place"
value = "Kyiv"
text = "Kyiv Post"
why = "an outlet"
"""


def _write(tmp_path: Path, text: str = TEXT, facts: str = FACTS_TOML) -> Path:
    path = tmp_path / "sample.md"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "sample.facts.toml").write_text(facts, encoding="utf-8")
    return path


def _fact(kind: str, value: object, surface: str, text: str = TEXT) -> Fact:
    start = text.index(surface)
    return Fact(kind, value, surface, start, start + len(surface))


def test_found_missing_and_false_facts(tmp_path: Path) -> None:
    sample = load_sample(_write(tmp_path))
    facts = [
        _fact("date", "2023-05-23", "2023-05-23"),  # front matter: finds no body date
        _fact("place", "KOZYNKA", "Козинка"),  # an accepted spelling, any case
        _fact("duration", 45.3, "45-секундное"),  # within 0.5 s
        _fact("place", "Kyiv", "Kyiv"),  # the trap
        _fact("place", "Telegram", "боевики"),  # a platform is never a place
    ]
    outcome = score(sample, facts, ["Telegram"])
    assert outcome.found == (True, True, False)
    assert [why for _, why in outcome.false] == [
        "trap 'Kyiv Post': an outlet",
        "place named like an outlet, agency, platform or brand",
    ]
    table = tabulate([outcome])
    overall = table.cell("ru", ALL)
    assert (overall.expected, overall.found, overall.false) == (3, 2, 2)
    assert overall.recall == pytest.approx(2 / 3)
    assert table.cell(ALL, "date").recall == 0.0
    assert table.cell("en", ALL).recall is None
    assert table.as_dict()["ru"]["place"] == {
        "expected": 1, "found": 1, "recall": 1.0, "false": 2
    }  # fmt: skip


def test_value_right_but_span_elsewhere_is_not_found(tmp_path: Path) -> None:
    sample = load_sample(_write(tmp_path))
    outcome = score(sample, [_fact("place", "Kozinka", "Kyiv Post")], [])
    assert outcome.found[0] is False
    assert [why for _, why in outcome.false] == []  # the trap wants the value Kyiv


def test_value_rules() -> None:
    assert fold("Gora-Podol") == fold("gora podol") == fold("Góra Podol") == "gorapodol"
    assert value_matches("place", "Novaya Tavolzhanka", "Nova Tavolzhanka", ["Nova Tavolzhanka"])
    assert not value_matches("place", "Novaya Tavolzhanka", "Tavolzhanka")
    assert value_matches("duration", 112, 112.4) and not value_matches("duration", 112, 113)
    assert value_matches("count", 70, 70) and not value_matches("count", 70, 71)
    assert not value_matches("count", 70, "70")
    assert value_matches("date", "2023-05", "2023-05")
    assert not value_matches("date", "2023-05-22", "2023-05-23")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('text = "у села Козинка"', 'text = "в Козинке"', "is not in the text's body"),
        ('text = "Вчера"', 'text = "Вчера"\noccurrence = 2', "occurs 1 times, not 2"),
        ("value = 45", 'value = "45 s"', "is not a valid duration value"),
        ('source = "militia post"', 'source = "blog"', "needs lang"),
    ],
)
def test_annotation_that_does_not_fit_is_refused(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    assert old in FACTS_TOML
    with pytest.raises(ValueError, match=message):
        load_sample(_write(tmp_path, facts=FACTS_TOML.replace(old, new, 1)))


def test_surface_in_front_matter_is_not_in_the_body(tmp_path: Path) -> None:
    bad = FACTS_TOML.replace('text = "Вчера"', 'text = "2023-05-23"')
    with pytest.raises(ValueError, match="is not in the text's body"):
        load_sample(_write(tmp_path, facts=bad))


def test_split_choices_and_details_refused_only_for_held_out_splits(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``all`` scores the thirteen held-out splits, then tune; ``--details`` lists misses for the
    nine retired ones and tune, and a split still held out (heldout10 to heldout13) refuses it
    with one line and exit 2; heldout12 is the default. Scoring is replaced here, so no
    extractor runs on any real split."""
    assert eval_claims.CHOICES["both"] == ("heldout", "tune")
    assert eval_claims.CHOICES["heldout2"] == ("heldout2",)
    assert eval_claims.CHOICES["heldout3"] == ("heldout3",)
    assert eval_claims.CHOICES["heldout4"] == ("heldout4",)
    assert eval_claims.CHOICES["heldout5"] == ("heldout5",)
    assert eval_claims.CHOICES["heldout6"] == ("heldout6",)
    assert eval_claims.CHOICES["heldout7"] == ("heldout7",)
    assert eval_claims.CHOICES["heldout8"] == ("heldout8",)
    assert eval_claims.CHOICES["heldout9"] == ("heldout9",)
    assert eval_claims.CHOICES["heldout10"] == ("heldout10",)
    assert eval_claims.CHOICES["heldout11"] == ("heldout11",)
    assert eval_claims.CHOICES["heldout12"] == ("heldout12",)
    assert eval_claims.CHOICES["heldout13"] == ("heldout13",)
    assert eval_claims.parse_args([]).split == "heldout12"
    assert {s for c in eval_claims.CHOICES.values() for s in c} == set(SPLITS)
    held_out = {"heldout10", "heldout11", "heldout12", "heldout13"}
    assert eval_claims.HELD_OUT & set(SPLITS) == held_out  # nine retired
    scored: list[str] = []
    monkeypatch.setattr(
        eval_claims, "run_split", lambda folder, _: scored.append(folder.name) or []
    )
    out = tmp_path / "claims_eval.json"
    assert eval_claims.main(["--split", "all", "--json-out", str(out)]) == 0
    assert scored == [
        "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7",
        "heldout8", "heldout9", "heldout10", "heldout11", "heldout12", "heldout13", "tune",
    ]  # fmt: skip
    assert list(json.loads(out.read_text(encoding="utf-8"))["splits"]) == scored
    capsys.readouterr()
    scored.clear()
    assert eval_claims.main(["--split", "heldout4", "--details"]) == 0
    assert scored == ["heldout4"]
    assert capsys.readouterr().out.count("no misses, no false facts") == 1
    with pytest.raises(SystemExit):
        eval_claims.parse_args(["--split", "heldout14"])
    assert eval_claims.parse_args(["--split", "heldout5", "--details"]).details  # retired
    assert eval_claims.parse_args(["--split", "heldout6", "--details"]).details  # retired
    assert eval_claims.parse_args(["--split", "heldout7", "--details"]).details  # retired
    assert eval_claims.parse_args(["--split", "heldout9", "--details"]).details  # retired
    # alone, or inside a choice
    refusals = {
        "heldout10": "heldout10", "heldout11": "heldout11",
        "heldout12": "heldout12", "heldout13": "heldout13",
        "all": "heldout10, heldout11, heldout12, heldout13",
    }  # fmt: skip
    for choice, named in refusals.items():
        with pytest.raises(SystemExit) as stop:
            eval_claims.parse_args(["--split", choice, "--details"])
        assert stop.value.code == 2
        assert f"--details is refused for {named}: still held out" in capsys.readouterr().err
    assert eval_claims.details_refused(("heldout4", "heldout5", "tune")) == ()
    assert eval_claims.details_refused(("heldout6", "tune")) == ()  # retired
    assert eval_claims.details_refused(("heldout7", "tune")) == ()  # retired
    assert eval_claims.details_refused(("heldout8", "tune")) == ()  # retired
    assert eval_claims.details_refused(("heldout9", "tune")) == ()  # retired
    assert eval_claims.details_refused(("heldout10", "tune")) == ("heldout10",)
    assert eval_claims.details_refused(("heldout11", "tune")) == ("heldout11",)
    assert eval_claims.details_refused(("heldout12", "tune")) == ("heldout12",)
    assert eval_claims.details_refused(("heldout13", "tune")) == ("heldout13",)


def test_tuning_choice_scores_every_split_but_the_held_out_ones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``tuning`` is ``all`` without the splits still held out, so a before/after run over
    every tuning split never scores heldout10 to heldout13, and ``--details`` is allowed on it."""
    assert eval_claims.CHOICES["tuning"] == tuple(
        s for s in eval_claims.CHOICES["all"] if s not in eval_claims.HELD_OUT
    )
    assert "heldout8" in eval_claims.CHOICES["tuning"]  # retired
    assert "heldout10" not in eval_claims.CHOICES["tuning"]
    assert "heldout11" not in eval_claims.CHOICES["tuning"]
    assert "heldout12" not in eval_claims.CHOICES["tuning"]
    assert "heldout13" not in eval_claims.CHOICES["tuning"]
    assert "tune" in eval_claims.CHOICES["tuning"]
    assert eval_claims.parse_args(["--split", "tuning", "--details"]).details
    scored: list[str] = []
    monkeypatch.setattr(
        eval_claims, "run_split", lambda folder, _: scored.append(folder.name) or []
    )
    assert eval_claims.main(["--split", "tuning"]) == 0
    assert scored == [
        "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7",
        "heldout8", "heldout9", "tune",
    ]  # fmt: skip


@pytest.mark.parametrize("split", SPLITS)
def test_every_split_loads(split: str) -> None:
    """The loader alone (no extractor): every annotated surface of every real split occurs in
    its text's body, every value has its kind's type, and each split has all three languages."""
    samples = load_split(HERE / split)
    assert {s.lang for s in samples} == {"ru", "uk", "en"}
    assert all(s.expected for s in samples)
