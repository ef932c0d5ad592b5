"""The same footage released by actors on opposing sides: the strongest finding a case holds.

An actor's side comes from the vocabulary (``side`` in ``forensics/claims/vocab/actors.toml``), read
from the actor named in the case file (or the claim's front matter). Only ``ukraine-aligned``
and ``russia`` oppose each other: media and OSINT groups repost and examine footage of both.

A clip whose post was forwarded (the case file's ``forwarded_from``, from a Telegram export)
was released by the channel it was forwarded from: the forwarding channel quotes that release,
whatever its own side, so the forward's source is the clip's releaser here.
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
    actor = footage_releaser(data.actor, data.forwarded_from)
    side = side_of(actor, vocab)
    direct = [c for e in reuse if (c := _direct(data, side, e, vocab)) is not None]
    done = {c.other for c in direct}
    found = direct + _between_others([e for e in reuse if e.other.sha256 not in done], vocab)
    if found:
        return found
    sides = ", ".join(
        f"{e.other.name}{_by(e.other.actor, e.other.forwarded_from)}: "
        f"{side_of(_releaser(e), vocab) or 'side unknown'}"
        for e in reuse
    )
    if side is None:
        why = (
            f"This clip's actor ({actor or 'not named'}) has no known side in the vocabulary; "
            f"the clips sharing its footage: {sides}."
        )
        return [_clip_check(UNTESTED, why)]
    who = f"This clip's actor, {actor}" if actor == data.actor else (
        f"The channel this clip's post was forwarded from, {actor}")  # fmt: skip
    why = f"{who} ({side}), shares footage with no opposing side: {sides}."
    return [_clip_check("consistent", why)]


def _clip_check(verdict: Verdict, evidence: str) -> Check:
    return Check("opposing_actors", None, verdict, evidence)


def _direct(
    data: AnalysisRecord, side: str | None, entry: ReuseEntry, vocab: Vocabulary
) -> Check | None:
    other = entry.other
    other_side = side_of(_releaser(entry), vocab)
    if not opposed(side, other_side):
        return None
    mine = _released(data.actor, data.forwarded_from, side)
    theirs = _released(other.actor, other.forwarded_from, other_side)
    evidence = (
        f"This clip, {mine}, and {other.name}, {theirs}, show the same footage: "
        f"{spans(entry, 3)}; {entry.order}."
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
            sides = side_of(_releaser(first), vocab), side_of(_releaser(second), vocab)
            shared = _overlap(first.stretches(), second.stretches())
            if not opposed(*sides) or not shared:
                continue
            where = ", ".join(f"{start:.1f}-{end:.1f} s" for start, end in shared)
            evidence = (
                f"The footage at {where} of this clip appears both in {a.name}, "
                f"{_released(a.actor, a.forwarded_from, sides[0])}, and in {b.name}, "
                f"{_released(b.actor, b.forwarded_from, sides[1])}: opposing sides present "
                "the same footage."
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


def footage_releaser(actor: str | None, forwarded_from: str | None) -> str | None:
    """Who released a clip's footage: the channel its post was forwarded from, else its actor."""
    return forwarded_from or actor


def _releaser(entry: ReuseEntry) -> str | None:
    return footage_releaser(entry.other.actor, entry.other.forwarded_from)


def _released(actor: str | None, forwarded_from: str | None, side: str | None) -> str:
    """ "released by X (side)", or "forwarded by Y from X (side)"."""
    if forwarded_from:
        by_whom = f" by {actor}" if actor else ""
        return f"forwarded{by_whom} from {forwarded_from} ({side})"
    return f"released by {actor} ({side})"


def _by(actor: str | None, forwarded_from: str | None) -> str:
    if not forwarded_from:
        return by(actor)
    return f" ({actor + ', ' if actor else ''}forwarded from {forwarded_from})"


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
