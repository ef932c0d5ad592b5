"""Records of custody: every step that read or wrote something on the way from the evidence to
its report, in order, so a reader can check later what was done, with what, to which bytes.

The log only grows: an analysis writes its events, and later steps that rewrite the report
(``forensics report`` re-rendering it, a later clip adding the footage it shares) append
theirs. The evidence is only ever read; an event that wrote something names it with its
SHA-256 (working copies in temporary folders included), so nothing is made unseen.
"""

from __future__ import annotations

from dataclasses import dataclass

ACTIONS = ("collected", "hashed", "probed", "decoded", "read", "claims read", "compared",
           "report written", "re-rendered", "updated")  # fmt: skip


@dataclass(frozen=True)
class Digest:
    """A file an event read or wrote: where it was, and the SHA-256 of its bytes then (None
    for what is read as a whole through a library, e.g. another clip's stored features)."""

    path: str
    sha256: str | None


@dataclass(frozen=True)
class CustodyEvent:
    at_utc: str  # when the step ended, ISO 8601 UTC to the second
    action: str  # one of ACTIONS
    tool: str  # "forensics 0.1.0"
    ffmpeg: str | None  # the ffmpeg version the step ran, when it ran one
    call: tuple[str, ...]  # the exact command, or the library call ("hashlib.sha256", path)
    read: tuple[Digest, ...] = ()
    wrote: tuple[Digest, ...] = ()
    note: str | None = None  # one sentence, when the action needs one
