"""Checks of the footage's length: the lengths a claim's text states, loosely, against the
measured duration (:func:`duration`), and the length the platform states for the medium it
served, exactly, against the same (:func:`platform_duration`).

They are two checks, not one, because the two figures mean different things. A text rounds
("a two-minute video") and may describe other footage, so any of its lengths within 2 s or 5%
will do, and a miss is a medium finding. The platform measured the very file it served and
wrote its length in the post's metadata (ingest keeps it in the claim's front matter as
``duration``), so a file whose length differs from it by more than the figure's own rounding
and a frame or two is not the file as posted: it was cut, extended or re-encoded after posting.
That is a fact about the evidence, not a reading of words, and it is graded high, as a file
cut short (``container_truncated``) or created after the claim citing it are. A text length
that agrees must not hide it either, so it is never pooled with the text's lengths.
"""

from __future__ import annotations

from collections.abc import Sequence

from forensics.claims.checks.base import UNTESTED, Check, ClaimView, detail
from forensics.records import AnalysisRecord, Fact

DURATION_TOLERANCE = (2.0, 0.05)  # seconds, share of the claim: whichever is larger
PLATFORM_FRAMES = 2  # frames the platform's length may differ by, beyond its own rounding
PLATFORM = "platform"  # the role of a length the platform states (front matter ``duration``)
_FALLBACK_FPS = 25.0  # when the file declares no frame rate


def duration(data: AnalysisRecord, c: ClaimView) -> Check | None:
    """The claimed length of the footage against the measured one (DURATION_TOLERANCE)."""
    stated = [(i, float(str(f.value)), f.text) for i, f in _lengths(c, stated_by_platform=False)]
    if not c.facts:  # a record written before claims carried facts
        stated = [(-1, float(s), "") for s in c.claim.claimed_durations_s]
    facts = [i for i, _, _ in stated if i >= 0]
    measured = data.media.duration_s
    tolerance = f"tolerance {DURATION_TOLERANCE[0]:g} s or {DURATION_TOLERANCE[1]:.0%}"
    bounds = {i: detail(f).get("bound") for i, f in _lengths(c, stated_by_platform=False)}
    agree = [s for s in stated if measured is not None and _agrees(measured, s[1],
                                                                   bounds.get(s[0]))]  # fmt: skip
    if data.media.kind == "image":
        if not stated:
            return None  # a still has no length, and the claim gives none: nothing to say
        verdict, evidence = (
            UNTESTED,
            (
                f"{c.source} states a length of footage ({_quoted(stated)}), but this file is a "
                "still image."
            ),
        )
    elif not stated:
        verdict, evidence = UNTESTED, f"{c.source} states no length of footage."
    elif measured is None:
        verdict, evidence = (
            UNTESTED,
            (f"{c.source} states {_quoted(stated)}, but the file declares no duration."),
        )
    elif agree:
        verdict, evidence = (
            "consistent",
            (
                f"Measured duration {measured:.1f} s agrees with the {_quoted(agree)} stated by "
                f"{c.source} ({tolerance})."
            ),
        )
    else:
        verdict, evidence = (
            "contradicted",
            (
                f"Measured duration {measured:.1f} s matches none of the lengths stated by "
                f"{c.source} ({_quoted(stated)}; {tolerance}): the clip was cut, or the claim is "
                "about other footage."
            ),
        )
    return c.check("duration", verdict, evidence, facts)


def _agrees(measured: float, said: float, bound: object) -> bool:
    """Within the slack of the length said; or past it on the side a bound leaves open: "just
    over a minute" agrees with 75 s, "чуть меньше двух минут" with 100 s."""
    slack = _slack(said)
    if bound == "more":
        return measured >= said - slack
    if bound == "less":
        return measured <= said + slack
    return abs(measured - said) <= slack


def platform_duration(data: AnalysisRecord, c: ClaimView) -> Check | None:
    """The length the platform states for the medium against the measured one, within the
    figure's rounding and PLATFORM_FRAMES frames. The medium's own figure, when the case file
    gives it (``platform_duration``: ingest writes it for each medium of an album), else the
    claim's: one per medium of its post, any of which may be this one's."""
    stated = _platform_figures(data, c)
    if not stated or data.media.kind == "image":
        # nothing the platform said, or a photo: a platform gives none a length, so the
        # figures are those of the post's videos (an album's), not this file's
        return None
    facts = [i for i, _, _ in stated if i >= 0]
    said = f"the platform's metadata says {_figures(stated)}"
    measured, name = data.media.duration_s, "platform_duration"
    if measured is None:
        return c.check(name, UNTESTED, f"For {c.source}, {said}, but the file declares no "
                       "duration.", facts)  # fmt: skip
    frame = 1 / (data.media.fps or _FALLBACK_FPS)
    gaps = [(abs(measured - value), _rounding(text) + PLATFORM_FRAMES * frame)
            for _, value, text in stated]  # fmt: skip
    allowed = f"its rounding and {PLATFORM_FRAMES} frames allowed"
    if any(gap <= slack for gap, slack in gaps):
        return c.check(name, "consistent", f"Measured duration {measured:.2f} s: for "
                       f"{c.source}, {said} ({allowed}).", facts)  # fmt: skip
    off = min(gap for gap, _ in gaps)
    return c.check(name, "contradicted", f"Measured duration {measured:.2f} s, but for "
                   f"{c.source} {said}: {off:.2f} s apart ({allowed}), so this file is not the "
                   "medium as posted: it was cut or re-encoded after posting.", facts)  # fmt: skip


def _platform_figures(data: AnalysisRecord, c: ClaimView) -> list[tuple[int, float, str]]:
    """(fact index or -1, seconds, as written) of each length the platform states for it."""
    stated = [(i, float(str(f.value)), f.text) for i, f in _lengths(c, stated_by_platform=True)]
    own = data.case.platform_duration_s if data.case else None
    if own is None or not stated:  # a case file's figure alone does not make the claim's row
        return stated
    return [s for s in stated if s[1] == own][:1] or [(-1, own, f"{own:g}")]


def _lengths(c: ClaimView, stated_by_platform: bool) -> list[tuple[int, Fact]]:
    return [(i, f) for i, f in c.of_kind("duration")
            if (detail(f).get("role") == PLATFORM) == stated_by_platform]  # fmt: skip


def _rounding(written: str) -> float:
    """How far a figure as written may be from the length it stands for: a platform writing
    whole seconds rounds or cuts to one, one writing tenths to a tenth."""
    decimals = len(written.partition(".")[2])
    return 10.0**-decimals


def _figures(stated: Sequence[tuple[int, float, str]]) -> str:
    figures = " or ".join(f"{text} s" for _, _, text in stated)
    return figures + (" (one figure per medium of the post)" if len(stated) > 1 else "")


def _slack(claimed: float) -> float:
    return max(DURATION_TOLERANCE[0], DURATION_TOLERANCE[1] * claimed)


def _quoted(stated: Sequence[tuple[int, float, str]]) -> str:
    return ", ".join(f'{s:g} s ("{text}")' if text else f"{s:g} s" for _, s, text in stated)
