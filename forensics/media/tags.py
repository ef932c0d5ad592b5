"""Tag text as a report keeps it: capped in length, and read from the bytes where ffprobe stops.

Tags are text whoever made the file wrote. A 5 MB title would be copied into ``report.json``
twice (container tags and metadata) and into the page, so every stored value is capped at
``TAG_LIMIT`` characters, ending with "…", and a :class:`TagNote` keeps the full value's length
and SHA-256. ffprobe stops a tag at its first NUL byte, so text after a NUL is hidden from it
and from most players; where the container's own text atom (read by
:mod:`forensics.media.container`) holds more than ffprobe returned, a note says so, with the
atom's full text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import replace

from forensics.media.container import TextAtom
from forensics.records.media import MediaInfo, TagNote

TAG_LIMIT = 2000  # characters a stored tag value keeps, "…" included
ELLIPSIS = "…"
NUL_SHOWN = "␀"  # U+2400 SYMBOL FOR NULL: a NUL byte, shown


def cap(value: str) -> str:
    """``value`` as stored: unchanged up to TAG_LIMIT characters, else its first characters
    and "…", TAG_LIMIT in all (so capping twice changes nothing)."""
    return value if len(value) <= TAG_LIMIT else value[: TAG_LIMIT - 1] + ELLIPSIS


def cap_tags(tags: Mapping[str, str]) -> dict[str, str]:
    return {cap(str(name)): cap(str(value)) for name, value in tags.items()}


def cap_media(media: MediaInfo) -> MediaInfo:
    """The container and stream tags of ``media`` capped (:func:`cap`)."""
    streams = tuple(replace(s, tags=cap_tags(s.tags)) for s in media.streams)
    return replace(media, format_tags=cap_tags(media.format_tags), streams=streams)


def digest(value: str | bytes) -> str:
    data = value.encode("utf-8", "surrogatepass") if isinstance(value, str) else value
    return hashlib.sha256(data).hexdigest()


def long_tags(scoped: Mapping[str, Mapping[str, str]]) -> tuple[TagNote, ...]:
    """A note for every tag value (or name) over TAG_LIMIT characters, scoped as
    ``Metadata.tags``; ``length`` and ``sha256`` are the value's."""
    return tuple(
        TagNote(scope=scope, name=cap(str(name)), length=len(str(value)),
                sha256=digest(str(value)), shortened=True)
        for scope, values in scoped.items()
        for name, value in values.items()
        if len(str(value)) > TAG_LIMIT or len(str(name)) > TAG_LIMIT
    )  # fmt: skip


def hidden_text(atoms: Iterable[TextAtom], format_tags: Mapping[str, str]) -> tuple[TagNote, ...]:
    """A note for every container text atom whose text goes on after a NUL byte, named after
    the container tag ffprobe read from it (its value is the text before the NUL)."""
    notes = []
    for atom in atoms:
        text = atom.data.rstrip(b"\x00")  # some writers end a string with NULs: not hidden
        if b"\x00" not in text:
            continue
        full = text.decode("utf-8", "replace")
        before = full.split("\x00", 1)[0]
        shown = full.replace("\x00", NUL_SHOWN)
        notes.append(TagNote(
            scope="format", name=_tag_name(atom, before, format_tags), length=len(full),
            sha256=digest(text), shortened=len(shown) > TAG_LIMIT, nul_at=len(before),
            atom=atom.path, text=cap(shown),
        ))  # fmt: skip
    return tuple(notes)


def _tag_name(atom: TextAtom, before: str, format_tags: Mapping[str, str]) -> str:
    """The container tag ffprobe made of ``atom``: its key (``title``, or ``title-eng`` with a
    language) when that holds the text before the NUL, else any tag that does, else the key."""
    key = atom.key or atom.path.rsplit("/", 1)[-1]
    named = [n for n in format_tags if n == key or n.startswith(key + "-")]
    for name in (*named, *format_tags):
        if format_tags[name] == before:
            return name
    return key
