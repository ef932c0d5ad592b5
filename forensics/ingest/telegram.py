"""Telegram Desktop exports (``result.json`` beside the media folders), one chat or a full
export (``chats.list``): each message with a video or photo is a post whose claim is its
text. Fields read and what is trusted: docs/ingest.md.

``date`` is the exporting computer's local time with no offset and is never read; the release
time is ``date_unixtime`` (UTC). A medium the export left out (a placeholder such as "(File not
included. Change data exporting settings to download.)" instead of a path) is listed as
missing, not refused; a path that leads outside the export is refused.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from forensics.errors import BadInputError
from forensics.ingest.posts import Collection, Entity, Media, Post
from forensics.ingest.safety import clean, inside, seconds, utc_from_epoch

RESULT = "result.json"
FILE_KINDS = {"video_file": "video", "animation": "animation", "video_message": "video_message"}
_PLACEHOLDER = re.compile(r"^\((File|Photo|Video)\b.*\)$", re.S)
_CHANNEL_TYPES = ("public_channel", "private_channel", "public_supergroup", "private_supergroup")


def is_export(path: Path) -> bool:
    return path.name == RESULT if path.is_file() else (path / RESULT).is_file()


def read_export(path: Path) -> Collection:
    """Every post with media of the export at ``path`` (its folder or its ``result.json``)."""
    result = path if path.is_file() else path / RESULT
    data = _load(result)
    posts: list[Post] = []
    ignored = 0
    for number, chat in enumerate(_chats(data, result), start=1):
        found, skipped = _chat_posts(result, chat, f"{result}: chat {number}")
        posts += found
        ignored += skipped
    return Collection(result.parent, "telegram", tuple(posts), ignored)


def _load(result: Path) -> dict[str, Any]:
    try:
        data = json.loads(result.read_bytes())
    except OSError as exc:
        raise BadInputError(f"{result}: cannot be read ({exc.strerror})") from None
    except (ValueError, RecursionError) as exc:  # JSONDecodeError, UnicodeDecodeError
        raise BadInputError(f"{result}: not a Telegram export: not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise BadInputError(f"{result}: not a Telegram export: the top level is not an object")
    return data


def _chats(data: dict[str, Any], result: Path) -> list[dict[str, Any]]:
    """One chat (``messages`` at the top) or a full export's ``chats.list`` and
    ``left_chats.list``."""
    if "messages" in data:
        return [data]
    chats: list[Any] = []
    for section in ("chats", "left_chats"):
        listed = data.get(section, {})
        listed = listed.get("list", []) if isinstance(listed, dict) else None
        if not isinstance(listed, list):
            raise BadInputError(f"{result}: not a Telegram export: '{section}.list' is not a list")
        chats += listed
    if "chats" not in data:
        raise BadInputError(f"{result}: not a Telegram export: neither 'messages' (one chat) "
                            "nor 'chats' (a full export)")  # fmt: skip
    if not all(isinstance(c, dict) for c in chats):
        raise BadInputError(f"{result}: not a Telegram export: a chat is not an object")
    return chats


def _chat_posts(result: Path, chat: dict[str, Any], where: str) -> tuple[list[Post], int]:
    messages = chat.get("messages")
    if not isinstance(messages, list):
        raise BadInputError(f"{where}: 'messages' is not a list")
    where = f"{result}: chat {_text_of(chat.get('id')) or _text_of(chat.get('name'))}"
    read = [(i, _message(result, chat, m, f"{where}, message {i}")) for i, m in enumerate(messages)]
    with_media = [(i, found) for i, found in read if found is not None]
    posts = [_post(result, chat, [found for _, found in group]) for group in _albums(with_media)]
    return posts, len(messages) - len(with_media)


_Read = tuple[dict[str, Any], Media]


def _albums(items: list[tuple[int, _Read]]) -> list[list[tuple[int, _Read]]]:
    """Messages grouped into albums: by ``media_group_id`` when the export has one; else
    adjacent messages of one sender in one second (and one forward), because Telegram Desktop
    writes no album id and sends an album's items as consecutive messages of one second."""
    groups: list[list[tuple[int, _Read]]] = []
    for index, found in items:
        if groups and _same_album(groups[-1][-1], (index, found)):
            groups[-1].append((index, found))
        else:
            groups.append([(index, found)])
    return groups


def _same_album(before: tuple[int, _Read], after: tuple[int, _Read]) -> bool:
    a, b = before[1][0], after[1][0]
    if a.get("media_group_id") is not None or b.get("media_group_id") is not None:
        return bool(a.get("media_group_id") == b.get("media_group_id"))
    fields = ("from_id", "date_unixtime", "forwarded_from")
    return (after[0] == before[0] + 1 and a.get("date_unixtime") is not None
            and all(a.get(f) == b.get(f) for f in fields))  # fmt: skip


def _message(result: Path, chat: dict[str, Any], message: Any, where: str
             ) -> tuple[dict[str, Any], Media] | None:  # fmt: skip
    """The message and its medium, or None for one holding no video or photo."""
    if not isinstance(message, dict):
        raise BadInputError(f"{where}: not an object")
    if message.get("type", "message") != "message":
        return None  # a service message: joined, pinned, title changed
    if not isinstance(message.get("id"), int):
        raise BadInputError(f"{where}: 'id' is not a number")
    written, kind = _medium(message)
    if written is None:
        return None
    key = f"telegram:{_text_of(chat.get('id')) or _text_of(chat.get('name'))}:{message['id']}"
    claimed = seconds(message.get("duration_seconds"))
    if _PLACEHOLDER.match(written):
        return message, Media(key, clean(written), None, kind, clean(written), None, claimed)
    path = inside(result.parent, written, f"{where}: {kind}")
    missing = None if path.is_file() else "not in the export folder"
    return message, Media(key, written, path if missing is None else None, kind, missing, None,
                          claimed)  # fmt: skip


def _medium(message: dict[str, Any]) -> tuple[str | None, str]:
    """What the message carries that is footage: a photo, or a file that is a video, an
    animation or a round video message (by ``media_type``, else by ``mime_type``)."""
    if isinstance(message.get("photo"), str):
        return message["photo"], "photo"
    file = message.get("file")
    if not isinstance(file, str):
        return None, ""
    kind = FILE_KINDS.get(str(message.get("media_type")))
    mime = str(message.get("mime_type") or "")
    if kind is None and "media_type" not in message and mime.startswith(("video/", "image/")):
        kind = "video" if mime.startswith("video/") else "photo"
    return (file, kind) if kind else (None, "")


def _post(result: Path, chat: dict[str, Any], group: list[tuple[dict[str, Any], Media]]
          ) -> Post:  # fmt: skip
    first = group[0][0]
    text, entities = _album_text([m for m, _ in group], f"{result}: message {first['id']}")
    actor = _text_of(first.get("from")) or _text_of(chat.get("name"))
    links = tuple(_link(chat, m["id"]) or "" for m, _ in group)
    return Post(
        key=group[0][1].key, source="telegram", origin=result,
        media=tuple(media for _, media in group), text=text, entities=entities,
        actor=actor, actor_id=_text_of(first.get("from_id")) or _chat_actor_id(chat),
        released=_released(first), url=links[0] or None,
        outlet=_text_of(chat.get("name")), platform="Telegram",
        forwarded_from=_text_of(first.get("forwarded_from") or first.get("saved_from")),
        forwarded_from_id=_text_of(first.get("forwarded_from_id") or first.get("saved_from_id")),
        title=_text_of(first.get("author")),  # a channel post's signature
        album=links if len(group) > 1 else (),
        grouped_by=_grouping(first) if len(group) > 1 else None,
        raw=tuple(m for m, _ in group),
    )  # fmt: skip


def _grouping(message: dict[str, Any]) -> str:
    if message.get("media_group_id") is not None:
        return "media_group_id"
    return "consecutive messages of one sender in one second (date_unixtime)"


def _album_text(messages: list[dict[str, Any]], where: str) -> tuple[str, tuple[Entity, ...]]:
    """The captions of an album (usually one member has one), joined by a blank line, with
    their entities' offsets moved onto the joined text."""
    texts: list[str] = []
    entities: list[Entity] = []
    offset = 0
    for message in messages:
        text, found = flatten(message.get("text", ""), where)
        if not text.strip():
            continue
        if texts:
            offset += 2
        entities += [Entity(e.type, e.text, e.offset + offset, e.length, e.href) for e in found]
        texts.append(text)
        offset += len(text)
    return "\n\n".join(texts), tuple(entities)


def flatten(text: Any, where: str = "text") -> tuple[str, tuple[Entity, ...]]:
    """A message's ``text`` (a string, or a list of strings and ``{type, text, href?}``
    entities) as one string, and each entity but plain text with its offset into it."""
    if isinstance(text, str):
        return clean(text), ()
    if not isinstance(text, list):
        raise BadInputError(f"{where}: 'text' is neither a string nor a list")
    parts: list[str] = []
    entities: list[Entity] = []
    offset = 0
    for piece in text:
        if isinstance(piece, dict) and isinstance(piece.get("text"), str):
            part = clean(piece["text"])
            kind, href = str(piece.get("type", "plain")), piece.get("href")
            if kind != "plain":
                entities.append(Entity(clean(kind), part, offset, len(part),
                                       clean(href) if isinstance(href, str) else None))  # fmt: skip
        elif isinstance(piece, str):
            part = clean(piece)
        else:
            raise BadInputError(f"{where}: a 'text' part is neither a string nor an entity")
        parts.append(part)
        offset += len(part)
    return "".join(parts), tuple(entities)


def _released(message: dict[str, Any]) -> str | None:
    """``date_unixtime`` as UTC ISO 8601 (the export writes it as a string of digits)."""
    return utc_from_epoch(message.get("date_unixtime"))


def _link(chat: dict[str, Any], message_id: int) -> str | None:
    username = chat.get("username")
    if isinstance(username, str) and re.fullmatch(r"[A-Za-z0-9_]{4,32}", username):
        return f"https://t.me/{username}/{message_id}"
    bare = _text_of(chat.get("id"))
    if chat.get("type") in _CHANNEL_TYPES and bare and bare.lstrip("-").isdigit():
        return f"https://t.me/c/{bare.removeprefix('-100').lstrip('-')}/{message_id}"
    return None


def _chat_actor_id(chat: dict[str, Any]) -> str | None:
    bare = _text_of(chat.get("id"))
    return f"channel{bare}" if bare and "channel" in str(chat.get("type")) else bare


def _text_of(value: Any) -> str | None:
    """A field as text: strings and numbers only (an object is not a name)."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    return clean(str(value)) or None
