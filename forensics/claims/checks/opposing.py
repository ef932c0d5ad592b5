"""The same footage released by actors on opposing sides: the strongest finding a case holds.

An actor's side comes from the vocabulary (``side`` in ``forensics/claims/vocab/actors.toml``), read
from the actor named in the case file (or the claim's front matter). Only ``ukraine-aligned``
and ``russia`` oppose each other: media and OSINT groups repost and examine footage of both.
"""

from __future__ import annotations

from collections.abc import Sequence

from forensics.claims.checks.base import UNTESTED, Check, Verdict, by, spans
from forensics.claims.checks.shared_text import onscreen_words
from forensics.claims.facts import Vocabulary, extract_facts
from forensics.records import AnalysisRecord, OrientedStretch, ReuseEntry

OPPOSING_SIDES = frozenset({"ukraine-aligned", "russia"})
MIN_OVERLAP_S = 1.0  # two samples: less is not a shared stretch


def opposing_actors(data: AnalysisRecord, vocab: Vocabulary) -> list[Check]:
    """This clip's actor against each other clip's it shares footage with, and two other
    clips against each other where their footage overlaps in this one (a repost of both)."""
    if data.reuse_checked is None:
        why = "Not checked against other clips: the clip was analysed without a case index."
        return [_clip_check(UNTESTED, why)]
    reuse = data.reuse
    if not reuse and not data.reuse_checked:  # an empty case proves nothing either way
        why = (
            "No other clip was in the case when this clip was analysed; a clip added later "
            "that shares footage with it updates this check."
        )
        return [_clip_check(UNTESTED, why)]
    if not reuse:
        why = "No other clip of the case shares footage with this one, so no other actor shows it."
        return [_clip_check("consistent", why)]
    actor = data.actor
    side = side_of(actor, vocab)
    direct = [c for e in reuse if (c := _direct(data, side, e, vocab)) is not None]
    done = {c.other for c in direct}
    found = direct + _between_others([e for e in reuse if e.other.sha256 not in done], vocab)
    if found:
        return found
    sides = ", ".join(
        f"{e.other.name}{by(e.other.actor)}: {side_of(e.other.actor, vocab) or 'side unknown'}"
        for e in reuse
    )
    if side is None:
        why = (
            f"This clip's actor ({actor or 'not named'}) has no known side in the vocabulary; "
            f"the clips sharing its footage: {sides}."
        )
        return [_clip_check(UNTESTED, why)]
    why = f"This clip's actor, {actor} ({side}), shares footage with no opposing side: {sides}."
    return [_clip_check("consistent", why)]


def _clip_check(verdict: Verdict, evidence: str) -> Check:
    return Check("opposing_actors", None, verdict, evidence)


def _direct(
    data: AnalysisRecord, side: str | None, entry: ReuseEntry, vocab: Vocabulary
) -> Check | None:
    actor = data.actor
    other = entry.other
    other_side = side_of(other.actor, vocab)
    if not opposed(side, other_side):
        return None
    evidence = (
        f"This clip, released by {actor} ({side}), and {other.name}, released by "
        f"{other.actor} ({other_side}), show the same footage: {spans(entry, 3)}; "
        f"{entry.order}."
    )
    if words := onscreen_words(entry, data, vocab):  # whose marks it carries: who had it first
        evidence += f" {words}"
    return Check("opposing_actors", None, "contradicted", evidence, (), entry.stretches(),
                 other.sha256)  # fmt: skip


def _between_others(reuse: Sequence[ReuseEntry], vocab: Vocabulary) -> list[Check]:
    """Two other clips of opposing sides whose footage overlaps on this clip's timeline."""
    found = []
    for n, first in enumerate(reuse):
        for second in reuse[n + 1 :]:
            a, b = first.other, second.other
            sides = side_of(a.actor, vocab), side_of(b.actor, vocab)
            shared = _overlap(first.stretches(), second.stretches())
            if not opposed(*sides) or not shared:
                continue
            where = ", ".join(f"{start:.1f}-{end:.1f} s" for start, end in shared)
            evidence = (
                f"The footage at {where} of this clip appears both in {a.name}, released by "
                f"{a.actor} ({sides[0]}), and in {b.name}, released by {b.actor} "
                f"({sides[1]}): opposing sides present the same footage."
            )
            stretches = first.stretches() + second.stretches()
            found.append(Check("opposing_actors", None, "contradicted", evidence, (), stretches))
    return found


def _overlap(a: Sequence[OrientedStretch], b: Sequence[OrientedStretch]
             ) -> list[tuple[float, float]]:  # fmt: skip
    spans = []
    for x in a:
        for y in b:
            start, end = max(x.this_start, y.this_start), min(x.this_end, y.this_end)
            if end - start >= MIN_OVERLAP_S:
                spans.append((start, end))
    return sorted(spans)


def side_of(actor: str | None, vocab: Vocabulary) -> str | None:
    """The vocabulary's side of an actor named in a case file or front matter; None when no
    known actor, or actors of more than one side, are named."""
    if not actor:
        return None
    found = extract_facts(actor, None, vocab=vocab)
    sides = {(f.detail or {}).get("side") for f in found if f.kind == "actor"}
    return str(sides.pop()) if len(sides) == 1 else None


def opposed(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a != b and {a, b} <= OPPOSING_SIDES
