"""The tune conditions of ``benchmarks/bench_marks_path.py`` (``marks_path_conditions.py``):
tune fonts only (the held-out sets' families never), enough marks to measure, textless clips
to count false tracks on, and names that make distinct clip files. No footage is needed."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from marks_path_conditions import CONDITIONS, FONTS, PACKAGES, mark

HELD_OUT_FAMILIES = ("liberation", "noto", "free", "lato", "cantarell")


def test_conditions_use_tune_fonts_only():
    used = {t.font for c in CONDITIONS for t in c.texts}
    assert used <= set(FONTS)
    assert not [f for f in used if any(h in f for h in HELD_OUT_FAMILIES)]
    assert not [p for p in FONTS.values() if any(h in str(p).lower() for h in HELD_OUT_FAMILIES)]


def test_enough_marks_and_textless_clips_with_distinct_names():
    marks = [t for c in CONDITIONS for t in c.texts]
    assert len(marks) >= 30
    assert sum(1 for c in CONDITIONS if not c.texts) == 4
    assert len({c.slug for c in CONDITIONS}) == len(CONDITIONS)
    assert len({c.digest for c in CONDITIONS}) == len(CONDITIONS)


def test_a_mark_takes_its_kind_and_language_from_its_text():
    assert (mark("@okopnaya_pravda", (0, 0), 0.4).kind, mark("@a_b", (0, 0), 0.4).lang) == (
        "handle", "en")  # fmt: skip
    assert mark("t.me/frontovik_88", (0, 0), 0.4).kind == "address"
    named = mark("Сводка с передовой", (0, 0), 0.4)
    assert (named.kind, named.lang) == ("channel-name", "ru")


def test_every_tune_font_names_the_package_that_installs_it():
    """A bench run without a font is refused naming its package (a missing font once left a
    broken clip in the work folder that spoiled every later run)."""
    for name in FONTS:
        assert [key for key in PACKAGES if key in name], name
