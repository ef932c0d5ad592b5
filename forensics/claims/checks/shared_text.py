"""What the picture's text says about footage this clip shares with another, for the
shared-footage finding (:mod:`.shared`, :mod:`.opposing`): the text one clip adds over the
other's footage or does not show (the reuse entry's comparison holds it,
:mod:`forensics.reuse.onscreen`), and the channels' marks either clip carries over the shared
footage that are not its own releaser's (:mod:`.channels`). A clip carrying the mark of the
other clip's releaser had the footage from that releaser's channel: that side had it first.

Marks are judged as the channel check judges them: one read with less than the check's
confidence is "possibly" that channel's, a handle no actor owns on a clip whose releaser has
no known channel "possibly" another channel's, and a clip whose releaser is not known says
nothing about whose a mark is.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from forensics.claims.checks.channels import (
    MIN_CONFIDENCE,
    Releaser,
    forwarded_source,
    found_marks,
    marks,
    owns,
    releaser,
    releaser_named,
)
from forensics.claims.facts import Vocabulary
from forensics.records import AnalysisRecord, ReuseEntry
from forensics.records.stretch_text import NOUNS, StretchText, named, shown


def onscreen_words(entry: ReuseEntry, data: AnalysisRecord, vocab: Vocabulary) -> str:
    """Sentences to add to the finding about ``entry`` ("" when the text says nothing)."""
    said = [_text_words(entry), *_mark_words(entry, data, vocab)]
    return " ".join(s for s in said if s)


def _text_words(entry: ReuseEntry) -> str:
    """ "On screen: this clip adds the caption "..." over the shared footage." """
    names = {entry.this_side: "this clip", entry.there: entry.other.name}
    texts = [t for s in entry.comparison.stretches for t in s.onscreen]
    added = _once(t for t in texts if t.added)
    dropped = _once(t for t in texts if t.dropped)
    words = []
    if added:
        words.append(f"{names['b']} adds {named(added)} over the shared footage")
    if dropped:
        whose = names["a"] + "'s "
        words.append(f"{names['b']} does not show {named(dropped, whose)} readably")
    return f"On screen: {'; '.join(words)}." if words else ""


def _once(texts: Iterator[StretchText]) -> list[StretchText]:
    """Each text once (over several stretches), captions first."""
    found: dict[tuple[str, str], StretchText] = {}
    for text in texts:
        found.setdefault((text.kind, text.text), text)
    return sorted(found.values(), key=lambda t: list(NOUNS).index(t.kind))


def _mark_words(entry: ReuseEntry, data: AnalysisRecord, vocab: Vocabulary) -> list[str]:
    """A sentence per channel whose marks over the shared footage are not their carrier's
    releaser's: this clip's (from its own text), then the other clip's (from the text
    compared over the stretches). A channel's bug and its handle are one channel."""
    mine, theirs = releaser(data, vocab), releaser_named(entry.other.actor, vocab)
    sources = (forwarded_source(data.forwarded_from, vocab),
               forwarded_source(entry.other.forwarded_from, vocab))  # fmt: skip
    spans = [(s.this_start, s.this_end) for s in entry.stretches()]
    found: dict[tuple[str, str], list[_Seen]] = {}
    for mark in marks(data, vocab):
        t = mark.text
        if any(t.start.seconds <= end and t.end.seconds >= start for start, end in spans):
            seen = _Seen(mark.shown, mark.key, mark.owner, t.confidence)
            found.setdefault(("here", mark.owner or mark.key), []).append(seen)
    for text in _shown_there(entry):
        for mark_shown, key, owner in found_marks(text.text, text.kind, vocab):
            seen = _Seen(mark_shown, key, owner, text.confidence)
            found.setdefault(("there", owner or key), []).append(seen)
    said = []
    for (side, _), group in found.items():
        here = side == "here"
        source = sources[0] if here else sources[1]
        if source is not None and any(owns(source, m.key, m.owner) for m in group):
            continue  # the mark of the channel the carrier's post was forwarded from, openly
        if here:
            said.append(_judged("this clip", group, (mine, theirs), entry.other.name))
        else:
            said.append(_judged(entry.other.name, group, (theirs, mine), "this clip"))
    return [s for s in said if s]


@dataclass(frozen=True)
class _Seen:
    """One mark as read: as shown, its key, the actor owning it, the reading's confidence."""

    shown: str
    key: str
    owner: str | None
    confidence: float


def _shown_there(entry: ReuseEntry) -> Sequence[StretchText]:
    return [t for s in entry.comparison.stretches for t in s.onscreen if t.on(entry.there)]


def _judged(carrier: str, group: list[_Seen], releasers: tuple[Releaser, Releaser],
            other: str) -> str:  # fmt: skip
    """One channel's marks on ``carrier``, against its own releaser and the other clip's; the
    clearest reading decides."""
    own, theirs = releasers
    best = max(group, key=lambda m: m.confidence)
    key, owner, confidence = best.key, best.owner, best.confidence
    if own.name is None or owns(own, key, owner):
        return ""  # whose it is cannot be told, or it is the releaser's own
    sure = confidence >= MIN_CONFIDENCE
    carries = "carries" if sure else f"possibly carries (read with {confidence:.0%} confidence)"
    subject = "This clip" if carrier == "this clip" else carrier  # a file name as it is
    quoted = " and ".join(dict.fromkeys(f'"{shown(m.shown)}"' for m in group))
    mark_of = "the marks of" if " and " in quoted else "the mark of"
    if theirs.name and owns(theirs, key, owner):
        return (f"{subject} {carries} {quoted}, {mark_of} {theirs.name}, who released "
                f"{other}: the footage passed through {theirs.name}'s channel before "
                f"{carrier}'s release, so {theirs.name} had it first.")  # fmt: skip
    whose = f", {mark_of} {owner}" if owner else ""
    if owner is None and not own.handles:  # nothing to tell the releaser's channels from it
        return (f"{subject} {carries} {quoted}, a channel not known as its releaser's "
                f"({own.name}): the footage possibly passed through that channel before "
                f"{carrier}'s release.")  # fmt: skip
    return (f"{subject} {carries} {quoted}{whose}, a channel other than that of its "
            f"releaser, {own.name}: the footage passed through that channel before "
            f"{carrier}'s release.")  # fmt: skip
