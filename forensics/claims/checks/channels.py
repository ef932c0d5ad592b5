"""Channels' marks in the picture against who released the clip: a watermark or handle
(``@name``, ``t.me/name``) of a channel other than the releaser says the footage passed
through that channel before this release.

Precision first. A mark counts only when read with confidence MIN_CONFIDENCE or more; a handle
is compared without case, ``@``, ``t.me/``, and the separators the engine drops from a
semi-transparent mark (``@legion free`` is ``@legion_free``), and it differs only when neither
contains the other and they are more than two letters apart. The releaser (the case file's
actor, else the claim's) is known by its name in the vocabulary, the handles the vocabulary
gives it, the Telegram channels its claims link to, and a handle that spells its name exactly
(``@frontline24`` is "Frontline 24"'s own). Where the mark or the releaser cannot be told apart
with that certainty, the check says "possibly" and gives no finding. A clip whose post was
forwarded carries the mark of the channel it was forwarded from openly: no finding either.

A mark counts when it is of kind ``watermark`` (a handle in it, else the actor it names), or
text of no particular kind that is only an actor's name (a channel's bug: "LEGION"). Captions
are not marks: a caption naming an actor says who is shown, not who passed the footage on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from forensics.claims.checks.base import UNTESTED, Check, Verdict
from forensics.claims.facts import Vocabulary, extract_facts
from forensics.onscreen.merge import cer
from forensics.records import AnalysisRecord, OnscreenText

MIN_CONFIDENCE = 0.8
HANDLE = re.compile(r"(?:@|t\.me/|telegram\.me/)\s?([A-Za-z][\w.]{2,31})", re.I)
NAME_SHARE = 0.8  # of a track's letters an actor's name must cover to be a mark, not a caption


@dataclass(frozen=True)
class Mark:
    shown: str  # "@legion_free", "LEGION"
    key: str  # normalised: "legionfree"; for a name, the actor's canonical name
    owner: str | None  # the actor the vocabulary knows it as
    text: OnscreenText

    @property
    def where(self) -> str:
        t = self.text
        # the engine reads an underscore as a space, which cuts a handle short ("@frontline"
        # of "@frontline_news"): the reader sees the word that follows it
        handle = self.shown[:1] == "@"
        more = re.search(re.escape(self.shown) + r" (\w+)", t.text) if handle else None
        cut = (f', followed by "{more[1]}" (an underscore may have been read as a space)'
               if more else "")  # fmt: skip
        return (f'"{self.shown}"{cut} ({t.start.seconds:.1f}-{t.end.seconds:.1f} s, read with '
                f"{t.confidence:.0%} confidence)")  # fmt: skip


def normalised(handle: str) -> str:
    """A handle without case, prefix or separators: ``@Legion_Free`` -> ``legionfree``."""
    handle = re.sub(r"^(?:https?://)?(?:t\.me/|telegram\.me/|@)", "", handle.strip(), flags=re.I)
    return re.sub(r"[\W_]", "", handle.split("/")[0]).casefold()


def normalised_case(handle: str) -> str:
    """A handle as written without its prefix: ``t.me/Legion_Free/12`` -> ``Legion_Free``."""
    handle = re.sub(r"^(?:https?://)?(?:t\.me/|telegram\.me/|@)", "", handle.strip(), flags=re.I)
    return handle.split("/")[0]


def same_handle(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 4 and (a in b or b in a)) or cer(a, b) * len(a) <= 2


def marks(data: AnalysisRecord, vocab: Vocabulary) -> list[Mark]:
    """The channels' marks on screen, once each (the clearest reading of each)."""
    found: dict[str, Mark] = {}
    for text in data.onscreen_text:
        for mark in _marks_in(text, vocab):
            kept = found.get(mark.key)
            if kept is None or text.confidence > kept.text.confidence:
                found[mark.key] = mark
    return list(found.values())


def _marks_in(text: OnscreenText, vocab: Vocabulary) -> list[Mark]:
    return [Mark(shown, key, owner, text) for shown, key, owner in found_marks(
        text.text, text.kind, vocab)]  # fmt: skip


def found_marks(text: str, kind: str, vocab: Vocabulary) -> list[tuple[str, str, str | None]]:
    """The channels' marks in one text of a kind: (as shown, its key, the actor owning it)."""
    if kind not in ("watermark", "other"):
        return []
    if kind == "watermark":
        handles = [(f"@{m[1]}", normalised(m[1]), _owner(m[1], vocab))
                   for m in HANDLE.finditer(text)]  # fmt: skip
        if handles:
            return handles
    actors = [f for f in extract_facts(text, None, vocab=vocab) if f.kind == "actor"]
    letters = sum(c.isalpha() for c in text)
    covered = sum(sum(c.isalpha() for c in f.text) for f in actors)
    if actors and (kind == "watermark" or covered >= NAME_SHARE * letters):
        return [(f.text, str(f.value), str(f.value)) for f in actors[:1]]
    return []


def _owner(handle: str, vocab: Vocabulary) -> str | None:
    key = normalised(handle)
    for entry in vocab.of_kind("actor"):
        if any(a.startswith("@") and normalised(a) == key for a in entry.aliases):
            return entry.name
    return None


@dataclass(frozen=True)
class Releaser:
    name: str | None
    actors: frozenset[str]  # canonical names the vocabulary reads in it
    handles: frozenset[str]  # as written: "@legion_svoboda", "t.me/legion_svoboda"

    @property
    def spelled(self) -> frozenset[str]:
        """The releaser's name as a handle would spell it: "Frontline 24 (aggregator)" is
        ``frontline24`` (the part before a bracket or comma) or the whole name run together;
        only a spelling of four letters or more, and only an exact one, counts."""
        if not self.name:
            return frozenset()
        parts = (self.name, re.split(r"[(,]", self.name)[0])
        return frozenset(k for k in map(normalised, parts) if len(k) >= 4)

    def shown(self) -> str:
        """ "Freedom of Russia Legion, channel @legion_svoboda" (each channel once)."""
        once = {normalised(h): normalised_case(h) for h in sorted(self.handles)}
        handles = ", ".join(f"@{h}" for h in once.values())
        plural = "s" if len(once) > 1 else ""
        return f"{self.name}" + (f", channel{plural} {handles}" if handles else "")


def releaser_named(name: str | None, vocab: Vocabulary) -> Releaser:
    """A releaser known only by name: the actors the vocabulary reads in it, their handles."""
    actors = frozenset(str(f.value) for f in extract_facts(name or "", None, vocab=vocab)
                       if f.kind == "actor")  # fmt: skip
    handles = {a for e in vocab.of_kind("actor") if e.name in actors
               for a in e.aliases if a.startswith("@")}  # fmt: skip
    return Releaser(name, actors, frozenset(handles))


def owns(who: Releaser, key: str, owner: str | None) -> bool:
    """Whether a mark (its key, the actor owning it) is the releaser's own."""
    return (
        (owner is not None and owner in who.actors)
        or any(same_handle(key, normalised(h)) for h in who.handles)
        or key in who.spelled
    )


def releaser(data: AnalysisRecord, vocab: Vocabulary) -> Releaser:
    """Who released the clip, with the names and handles it is known by."""
    name = data.actor
    named = releaser_named(name, vocab)
    actors, handles = named.actors, set(named.handles)
    for claim in data.claims:  # the releaser's own posts: the channels they were posted on
        if claim.actor is None or claim.actor != name:
            continue
        for field in (claim.url, claim.author, claim.outlet):
            if field and (m := re.search(r"(?:^|//|\s)(?:t\.me/|@)([A-Za-z]\w{2,31})", field)):
                handles.add(m[1])
    return Releaser(name, actors, frozenset(handles))


def onscreen_channel(data: AnalysisRecord, vocab: Vocabulary) -> list[Check]:
    """One check per channel whose marks are in the picture: a channel's bug ("LEGION") and
    its handle ("@legion_svoboda") are one channel, so one check and at most one finding."""
    who, source = releaser(data, vocab), forwarded_source(data.forwarded_from, vocab)
    channels: dict[str, list[Mark]] = {}
    for mark in marks(data, vocab):
        channels.setdefault(mark.owner or mark.key, []).append(mark)
    return [_check(group, who, source) for group in channels.values()]


def forwarded_source(name: str | None, vocab: Vocabulary) -> Releaser | None:
    """The channel a clip's post was forwarded from (the case file's ``forwarded_from``)."""
    return releaser_named(name, vocab) if name else None


def _check(group: list[Mark], who: Releaser, source: Releaser | None) -> Check:
    def check(verdict: Verdict, evidence: str) -> Check:
        return Check("onscreen_channel", None, verdict, evidence)

    mark = max(group, key=lambda m: m.text.confidence)  # the clearest decides
    shown = sorted(group, key=lambda m: m.text.start.seconds)
    on = "The picture carries " + " and ".join(m.where for m in shown)
    if mark.owner:
        on += f", the mark{'s' if len(group) > 1 else ''} of {mark.owner}"
    if who.name is None:
        return check(UNTESTED, f"{on}; who released the clip is not known (no actor in the case "
                     "file or the claims), so it cannot be compared.")  # fmt: skip
    if owns(who, mark.key, mark.owner):
        return check("consistent", f"{on}: the releaser's own, {who.shown()}.")
    if source is not None and owns(source, mark.key, mark.owner):
        return check("consistent", f"{on}: the channel this clip's post was forwarded from "
                     f"({source.shown()}), as the case file says.")  # fmt: skip
    sure = mark.text.confidence >= MIN_CONFIDENCE
    known = mark.owner is not None or bool(who.handles)
    if sure and known:
        return check("contradicted", f"{on}, not the releaser's ({who.shown()}): the footage "
                     f"passed through {mark.owner or mark.shown} before this release.")  # fmt: skip
    why = ("it was read with too little confidence to be sure of it" if not sure else
           "no channel of the releaser is known to compare it with")  # fmt: skip
    return check(UNTESTED, f"{on}; the releaser is {who.shown()}, and {why}: the footage "
                 f"possibly passed through {mark.owner or mark.shown} first.")  # fmt: skip
