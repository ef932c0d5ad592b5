"""What the picture's text says about footage this clip shares with another, for the
shared-footage finding (:mod:`.shared`, :mod:`.opposing`): the text one clip adds over the
other's footage or does not show (the reuse entry's comparison holds it,
:mod:`forensics.reuse.onscreen`), and the channels' marks either clip carries over the shared
footage that are not its own releaser's (:mod:`.channels`). A clip carrying the mark of the
other clip's releaser had the footage from that releaser's channel: that side had it first.

Marks are judged as the channel check judges them: one read with less than the check's
confidence is "possibly" that channel's, and a clip whose releaser is not known says nothing
about whose a mark is.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from forensics.claims.checks.channels import (
    MIN_CONFIDENCE,
    Releaser,
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
    """A sentence per channel's mark over the shared footage that is not its carrier's
    releaser's: this clip's (from its own text), then the other clip's (from the text
    compared over the stretches)."""
    mine, theirs = releaser(data, vocab), releaser_named(entry.other.actor, vocab)
    spans = [(s.this_start, s.this_end) for s in entry.stretches()]
    found: dict[tuple[str, str], str] = {}
    for mark in marks(data, vocab):
        t = mark.text
        if any(t.start.seconds <= end and t.end.seconds >= start for start, end in spans):
            said = _judged("this clip", mark.shown, mark.key, mark.owner, t.confidence,
                           (mine, theirs), entry.other.name)  # fmt: skip
            found.setdefault(("here", mark.key), said)
    for text in _shown_there(entry):
        for mark_shown, key, owner in found_marks(text.text, text.kind, vocab):
            said = _judged(entry.other.name, mark_shown, key, owner, text.confidence,
                           (theirs, mine), "this clip")  # fmt: skip
            found.setdefault(("there", key), said)
    return [s for s in found.values() if s]


def _shown_there(entry: ReuseEntry) -> Sequence[StretchText]:
    return [t for s in entry.comparison.stretches for t in s.onscreen if t.on(entry.there)]


def _judged(carrier: str, mark: str, key: str, owner: str | None, confidence: float,
            releasers: tuple[Releaser, Releaser], other: str) -> str:  # fmt: skip
    """One mark on ``carrier``, against its own releaser and the other clip's."""
    own, theirs = releasers
    if own.name is None or owns(own, key, owner):
        return ""  # whose it is cannot be told, or it is the releaser's own
    sure = confidence >= MIN_CONFIDENCE
    carries = "carries" if sure else f"possibly carries (read with {confidence:.0%} confidence)"
    subject = "This clip" if carrier == "this clip" else carrier  # a file name as it is
    if theirs.name and owns(theirs, key, owner):
        return (f'{subject} {carries} "{shown(mark)}", the mark of {theirs.name}, who released '
                f"{other}: the footage passed through {theirs.name}'s channel before "
                f"{carrier}'s release, so {theirs.name} had it first.")  # fmt: skip
    whose = f", the mark of {owner}" if owner else ""
    return (f'{subject} {carries} "{shown(mark)}"{whose}, a channel other than that of its '
            f"releaser, {own.name}: the footage passed through that channel before "
            f"{carrier}'s release.")  # fmt: skip
