"""What the picture itself claims: captions burned into it, read by the claim-fact extractor
as a claim text is, so a caption yields places, dates, equipment, counts and actors with the
times it is on screen. They are evidence of their own kind, the on-screen claims, checked by
:mod:`forensics.claims.checks.onscreen_places` (a caption's place against the HUD, the GPS and
the claims' places) and :mod:`forensics.claims.checks.hud_time`.

Captions, and text of no particular kind (a title at the top of the picture), are read; HUD
numbers and channels' marks are not (the HUD is parsed as telemetry,
:mod:`forensics.onscreen.hud`). The lines of one caption -- tracks on screen over the same
time, one under the other -- are joined, top first, so "Belgorod" over "region" is read as one
phrase. A relative date ("yesterday", "22 May") is resolved against the clip's release date
(the case file's, or its claims' earliest), else against the day the file's tags say it was
created (a clip analysed alone, with neither: "22 May" over it would otherwise name no day);
a date so resolved says so in its rule. A caption with no fact in it is not a claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from forensics.claims.facts import Vocabulary, default_vocabulary, extract_facts
from forensics.dates import day
from forensics.records import AnalysisRecord, Fact, OnscreenClaim, OnscreenText

CLAIM_KINDS = frozenset({"caption", "other"})
MIN_CONFIDENCE = 0.5  # a reading less sure is mostly terrain read as letters
SAME_TIME = 0.5  # of the shorter track's time on screen: lines of one caption
CREATED = "the file's creation day"  # what a date was read against when no release is known


def with_onscreen_claims(record: AnalysisRecord, vocab: Vocabulary | None = None
                         ) -> AnalysisRecord:  # fmt: skip
    """The record with ``onscreen_claims`` made from its on-screen text."""
    return replace(record, onscreen_claims=onscreen_claims(record, vocab))


def onscreen_claims(record: AnalysisRecord, vocab: Vocabulary | None = None
                    ) -> tuple[OnscreenClaim, ...]:  # fmt: skip
    """Every caption of the record with the facts found in it, in order of time."""
    vocab = vocab or default_vocabulary()
    published, created = day(record.released), day(record.metadata.creation_time)
    found = []
    for group in captions(record.onscreen_text):
        texts = [record.onscreen_text[i] for i in group]
        text = "\n".join(t.text.strip() for t in texts)
        facts = extract_facts(text, published or created, vocab=vocab)
        if published is None and created is not None:
            facts = [_from_creation(f) for f in facts]
        if not facts:
            continue
        start = min((t.start for t in texts), key=lambda s: s.seconds)
        end = max((t.end for t in texts), key=lambda s: s.seconds)
        found.append(OnscreenClaim(text, start, end, tuple(group), tuple(facts)))
    return tuple(sorted(found, key=lambda c: (c.start.seconds, c.tracks)))


def captions(texts: Sequence[OnscreenText]) -> list[list[int]]:
    """The caption tracks, grouped into captions: indices, each group top line first."""
    groups: list[list[int]] = []
    for number, text in enumerate(texts):
        if text.kind not in CLAIM_KINDS or text.confidence < MIN_CONFIDENCE:
            continue
        group = next((g for g in groups if _one_caption(texts[g[-1]], text)), None)
        if group is None:
            groups.append([number])
        else:
            group.append(number)
    return [sorted(g, key=lambda i: texts[i].box[1]) for g in groups]


def _one_caption(a: OnscreenText, b: OnscreenText) -> bool:
    """Lines of one caption: on screen together most of the time, one right under the other,
    overlapping side to side."""
    start, end = max(a.start.seconds, b.start.seconds), min(a.end.seconds, b.end.seconds)
    shorter = min(a.end.seconds - a.start.seconds, b.end.seconds - b.start.seconds)
    together = end >= start and end - start >= SAME_TIME * shorter
    ax, ay, aw, ah = a.box
    bx, by, bw, bh = b.box
    gap = max(by - (ay + ah), ay - (by + bh))
    beside = min(ax + aw, bx + bw) > max(ax, bx)
    return together and beside and gap <= max(ah, bh)


def _from_creation(fact: Fact) -> Fact:
    """``fact`` read with the file's creation day standing for the publication: its rule says
    which day the year (or "yesterday") came from."""
    detail = dict(fact.detail or {})
    for key in ("rule", "anchor_is"):
        if isinstance(detail.get(key), str) and "publication" in str(detail[key]):
            detail[key] = str(detail[key]).replace("publication", CREATED)
    return replace(fact, detail=detail) if fact.detail else fact
