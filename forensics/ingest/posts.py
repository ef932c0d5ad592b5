"""What a collection holds, read and not yet written: posts, their media, and the entities of
their text. Every string here came from the collection and is untrusted data: it is quoted
when written (:mod:`forensics.ingest.quoting`), never used as a path or a command."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Entity:
    """A marked stretch of a post's text (a link, hashtag, mention, bold...): ``offset`` and
    ``length`` index the flattened text in characters, as ``text[offset:offset + length]``."""

    type: str
    text: str
    offset: int
    length: int
    href: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"type": self.type, "text": self.text, "offset": self.offset,
                                "length": self.length}  # fmt: skip
        if self.href is not None:
            data["href"] = self.href
        return data


@dataclass(frozen=True)
class Media:
    """One media file of a post: a clip of the case when ``path`` is set, listed as missing
    (with the reason) when the collection names it but does not hold it."""

    key: str  # stable id of the clip: the same post read again gives the same key
    written: str  # the file as the collection names it (data, never opened as it is)
    path: Path | None  # the file, resolved inside the collection; None when missing
    kind: str  # video, photo, animation, video_message, file
    missing: str | None = None  # why there is no file (the export's placeholder text...)
    sha256: str | None = None  # when the reader had to hash it for the key
    claimed_duration_s: float | None = None  # the length the platform gives for it


@dataclass(frozen=True)
class Post:
    """One publication: its text (the claim), who released it and when, and its media (an
    album holds several). ``key`` names the claim: the post's first message or the video id."""

    key: str
    source: str  # telegram, yt-dlp, folder
    origin: Path  # the file the post was read from (result.json, the sidecar) or the media
    media: tuple[Media, ...]
    text: str = ""
    entities: tuple[Entity, ...] = ()
    actor: str | None = None
    actor_id: str | None = None
    released: str | None = None  # UTC, ISO 8601: "2023-05-27T10:15:00Z" or "2023-05-27"
    url: str | None = None
    outlet: str | None = None
    platform: str | None = None
    forwarded_from: str | None = None
    forwarded_from_id: str | None = None
    title: str | None = None
    album: tuple[str, ...] = ()  # the message links of an album's members, in order
    grouped_by: str | None = None  # how the album was found
    raw: tuple[dict[str, Any], ...] = field(default=(), compare=False)  # as the source wrote it


@dataclass(frozen=True)
class Collection:
    """Everything read from one PATH given to ingest."""

    path: Path
    kind: str  # telegram, yt-dlp, folder
    posts: tuple[Post, ...]
    ignored: int = 0  # messages or files that hold no clip (text only, service, not media)
