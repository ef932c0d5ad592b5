"""Writing what ingest read into a case folder: ``case.toml`` entries (clip path relative to
the case file, SHA-256 pin, actor, release time, claim files), one claim file per post in the
claim-file format (front matter, then the text) with the post as read beside it as JSON, and
``ingest.json``, the ledger of what was ingested under which stable key.

A key already in the ledger is never written again: existing entries and their claim files
stay as they are, and the case file only grows (appended text, so hand edits and comments
stay). Claim files are written first; ``case.toml`` and the ledger are then replaced together
(:func:`forensics.atomic.replace_together`), so a run that fails leaves the case as it was.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from forensics.atomic import finish_replacing, replace_together, write_atomic
from forensics.case.casefile import CASE_FILE, load_case
from forensics.claims.claimfile import MAX_CLAIM_BYTES
from forensics.errors import BadInputError, ReportWriteError
from forensics.ingest.posts import Collection, Media, Post
from forensics.ingest.safety import quoted, safe_stem, sha256_of
from forensics.version import __version__

LEDGER = "ingest.json"
CLAIMS = "claims"
LEDGER_FORMAT = "forensics-ingest/1"
MAX_BODY_BYTES = MAX_CLAIM_BYTES - 64_000  # room for the front matter


@dataclass(frozen=True)
class AddedClip:
    key: str
    path: Path
    sha256: str
    claim: Path | None  # None for a file from a plain folder: it has no claim text
    post: str


@dataclass(frozen=True)
class MissingMedia:
    key: str
    written: str  # the name (or placeholder) the collection gave
    reason: str
    url: str | None


@dataclass(frozen=True)
class Ingested:
    """What one ingest run did to the case in ``case_dir``."""

    case_dir: Path
    case_file: Path
    added: tuple[AddedClip, ...]
    present: tuple[str, ...]  # keys of clips already in the case: left as they were
    missing: tuple[MissingMedia, ...]
    albums: int  # posts of several media among those read
    ignored: int  # messages or files with no clip
    sources: tuple[tuple[str, str, int], ...] = field(default=())  # (path, kind, posts)
    kept: tuple[AddedClip, ...] = ()  # the clips of ``present``, as an earlier run added them


@dataclass
class _Run:
    """The state of one run: the ledger as it grows, what is new, what to undo on failure."""

    case_dir: Path
    ledger: dict[str, Any]
    entries: list[str] = field(default_factory=list)
    added: list[AddedClip] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    kept: list[AddedClip] = field(default_factory=list)
    missing: list[MissingMedia] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)


def write_case(collections: list[Collection], case_dir: Path) -> Ingested:
    """Add every new clip of ``collections`` to the case in ``case_dir`` (made if needed)."""
    case_file = case_dir / CASE_FILE
    if case_dir.exists() and not case_dir.is_dir():
        raise BadInputError(f"{case_dir}: not a folder (the case folder to write into)")
    if case_dir.is_dir():
        finish_replacing(case_dir)  # what a stopped run had committed comes first
    before = _read_case_text(case_file)
    run = _Run(case_dir, _read_ledger(case_dir / LEDGER))
    case_dir.mkdir(parents=True, exist_ok=True)
    try:
        for collection in collections:
            for post in collection.posts:
                _add_post(run, post)
        if run.added or run.missing or not case_file.exists():
            text = (before or _header(collections)) + "".join(run.entries)
            replace_together(case_dir, {CASE_FILE: text, LEDGER: _dump(run.ledger)},
                             "cannot write the case")  # fmt: skip
    except BaseException:
        for path in run.written:  # claim files of this run that no case entry will name
            path.unlink(missing_ok=True)
        raise
    return Ingested(
        case_dir, case_file, tuple(run.added), tuple(run.present), tuple(run.missing),
        albums=sum(len(p.media) > 1 for c in collections for p in c.posts),
        ignored=sum(c.ignored for c in collections),
        sources=tuple((str(c.path), c.kind, len(c.posts)) for c in collections),
        kept=tuple(run.kept),
    )  # fmt: skip


def _read_case_text(case_file: Path) -> str | None:
    """The case file as it is (checked whole first: a broken case is refused, not grown)."""
    if not case_file.exists():
        return None
    load_case(case_file)
    text = case_file.read_text(encoding="utf-8")
    return text if text.endswith("\n") or not text else text + "\n"


def _header(collections: list[Collection]) -> str:
    names = ", ".join(dict.fromkeys(c.path.name or str(c.path) for c in collections))
    return (f"# Made by forensics ingest {__version__}; `forensics ingest` again adds new clips "
            f"at the end.\ntitle = {quoted(names)}\n")  # fmt: skip


def _read_ledger(path: Path) -> dict[str, Any]:
    empty: dict[str, Any] = {"format": LEDGER_FORMAT, "clips": {}, "claims": {}, "missing": {}}
    if not path.exists():
        return empty
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise BadInputError(f"{path}: the ingest ledger cannot be read ({exc})") from None
    if (
        not isinstance(data, dict)
        or data.get("format") != LEDGER_FORMAT
        or not all(isinstance(data.get(k), dict) for k in ("clips", "claims", "missing"))
    ):
        raise BadInputError(f"{path}: not an ingest ledger of this version ({LEDGER_FORMAT})")
    return data


def _dump(data: dict[str, Any]) -> str:
    try:
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    except UnicodeEncodeError:  # pragma: no cover - strings are cleaned when read
        return json.dumps(data, indent=1) + "\n"


def _add_post(run: _Run, post: Post) -> None:
    clips = run.ledger["clips"]
    for media in post.media:
        if media.key in clips:
            if media.key not in run.present and all(a.key != media.key for a in run.added):
                run.present.append(media.key)
                run.kept.append(_kept(run.case_dir, media.key, clips[media.key]))
            continue
        if media.path is None:
            _note_missing(run, post, media)
            continue
        claim = _claim_for(run, post)
        sha256 = media.sha256 or sha256_of(media.path)
        relative = _relative(media.path, run.case_dir)
        clips[media.key] = {"path": relative, "sha256": sha256, "post": post.key,
                            "claim": claim}  # fmt: skip
        run.ledger["missing"].pop(media.key, None)
        run.entries.append(_entry(post, media, relative, sha256, claim))
        claim_path = run.case_dir / claim if claim else None
        run.added.append(AddedClip(media.key, media.path, sha256, claim_path, post.key))


def _kept(case_dir: Path, key: str, entry: dict[str, Any]) -> AddedClip:
    """A clip an earlier run added, from its ledger entry (paths relative to the case)."""
    claim = entry.get("claim")
    return AddedClip(key, case_dir / str(entry.get("path")), str(entry.get("sha256")),
                     case_dir / str(claim) if claim else None, str(entry.get("post")))  # fmt: skip


def _note_missing(run: _Run, post: Post, media: Media) -> None:
    reason = media.missing or "not found"
    run.ledger["missing"][media.key] = {"written": media.written, "reason": reason,
                                        "post": post.key, "url": post.url}  # fmt: skip
    run.missing.append(MissingMedia(media.key, media.written, reason, post.url))


def _relative(path: Path, case_dir: Path) -> str:
    return Path(os.path.relpath(path.resolve(), case_dir.resolve())).as_posix()


def _entry(post: Post, media: Media, relative: str, sha256: str, claim: str | None) -> str:
    lines = ["", "[[clips]]", f"path = {quoted(relative)}", f"sha256 = {quoted(sha256)}"]
    if post.actor:
        lines.append(f"actor = {quoted(post.actor)}")
    if post.released:
        lines.append(f"released = {quoted(post.released)}")
    if forwarded := post.forwarded_from or post.forwarded_from_id:
        lines.append(f"forwarded_from = {quoted(forwarded)}")
    if media.claimed_duration_s:  # this medium's own figure: the claim lists the whole post's
        lines.append(f"platform_duration = {media.claimed_duration_s!r}")
    if claim:
        lines.append(f"claims = [{quoted(claim)}]")
    if post.title:
        lines.append(f"title = {quoted(post.title)}")
    lines.append(f"note = {quoted(_note(post, media))}")
    return "\n".join(lines) + "\n"


def _note(post: Post, media: Media) -> str:
    said = [f"ingested from {post.source} as {media.key}"]
    item = post.media.index(media)
    link = post.album[item] if len(post.album) > item else post.url  # an item's own message
    if link:
        said.append(link)
    if post.forwarded_from or post.forwarded_from_id:
        said.append(f"forwarded from {post.forwarded_from or post.forwarded_from_id}")
    if len(post.media) > 1:
        said.append(f"item {item + 1} of an album of {len(post.media)}")
    return "; ".join(said)


def _claim_for(run: _Run, post: Post) -> str | None:
    """The claim file of ``post`` relative to the case folder: the one an earlier run wrote
    (never rewritten), else a new one. A file from a plain folder has none."""
    if post.source == "folder":
        return None
    claims = run.ledger["claims"]
    if post.key in claims:
        return str(claims[post.key])
    stem = safe_stem(*post.key.split(":"))
    folder = run.case_dir / CLAIMS
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise ReportWriteError(f"{folder}: cannot be made ({exc})") from None
    for name, text in ((f"{stem}.md", claim_text(post)), (f"{stem}.json", post_json(post))):
        run.written.append(write_atomic(folder / name, text, "cannot write the claim"))
    claims[post.key] = f"{CLAIMS}/{stem}.md"
    return claims[post.key]


def claim_text(post: Post) -> str:
    """The claim file: front matter (every value quoted on one line), a blank line, the text.
    The text is data: it is written as it is, but for NUL (a claim file holds none)."""
    fields = {
        "outlet": post.outlet, "url": post.url, "published": post.released,
        "author": post.title if post.source == "telegram" else None, "actor": post.actor,
        "platform": post.platform, "actor_id": post.actor_id,
        "forwarded_from": post.forwarded_from, "forwarded_from_id": post.forwarded_from_id,
        "title": post.title if post.source != "telegram" else None,
        "duration": _durations(post), "album": " ".join(post.album) or None,
        "album_grouped_by": post.grouped_by, "source": post.source, "key": post.key,
    }  # fmt: skip
    body = post.text.replace("\x00", "\ufffd")
    if len(body.encode("utf-8")) > MAX_BODY_BYTES:
        body = body.encode("utf-8")[:MAX_BODY_BYTES].decode("utf-8", "ignore")
        fields["truncated"] = "the text was cut to fit a claim file; the .json beside it is whole"
    front = "".join(f"{k}: {quoted(str(v))}\n" for k, v in fields.items() if v)
    return f"---\n{front}---\n\n{body}\n"


def _durations(post: Post) -> str | None:
    """The length of footage the platform states for each medium, in seconds."""
    stated = [f"{m.claimed_duration_s:g}" for m in post.media if m.claimed_duration_s]
    return " ".join(stated) or None


def post_json(post: Post) -> str:
    """The post as read, beside its claim file: the flattened text with its entities (offsets
    into the text, in characters), the media as the collection named them, and the messages
    or sidecar fields exactly as the source wrote them."""
    data = {
        "key": post.key, "source": post.source, "origin": str(post.origin),
        "text": post.text, "entities": [e.to_dict() for e in post.entities],
        "media": [{"key": m.key, "written": m.written, "kind": m.kind, "missing": m.missing,
                   "claimed_duration_s": m.claimed_duration_s} for m in post.media],
        "album": list(post.album), "album_grouped_by": post.grouped_by, "raw": list(post.raw),
    }  # fmt: skip
    return _dump(data)
