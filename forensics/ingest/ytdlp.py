"""yt-dlp downloads: each video beside its ``.info.json`` sidecar (``--write-info-json``).
The sidecar gives who uploaded it, when (``timestamp``, UTC seconds, else ``upload_date``),
the description (the claim), the page and the length the platform states. Fields read and
what is trusted: docs/ingest.md.

The media file is looked for beside the sidecar only: by the last part of ``_filename`` /
``filename`` (yt-dlp may write them as absolute paths of the downloading machine), then by the
sidecar's stem and ``ext``, then by the stem and any video extension.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from forensics.errors import BadInputError
from forensics.ingest.posts import Media, Post
from forensics.ingest.safety import (
    clean,
    inside,
    media_kind,
    seconds,
    sha256_of,
    utc_from_epoch,
)

SIDECAR = ".info.json"
KEPT = ("id", "extractor", "extractor_key", "title", "description", "uploader", "uploader_id",
        "uploader_url", "channel", "channel_id", "channel_url", "timestamp", "upload_date",
        "release_timestamp", "webpage_url", "original_url", "duration", "_filename", "filename",
        "ext", "tags", "location")  # fmt: skip


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(SIDECAR) and path.is_file()


def sidecars_in(folder: Path) -> list[Path]:
    """Every sidecar under ``folder``, hidden folders left out, in name order."""
    return sorted(p for p in folder.rglob(f"*{SIDECAR}")
                  if p.is_file() and not any(part.startswith(".") for part in
                                             p.relative_to(folder).parts))  # fmt: skip


def read_sidecar(path: Path) -> Post | None:
    """The post of one sidecar; None for a playlist's own sidecar (it holds no video)."""
    data = _load(path)
    if data.get("_type") in ("playlist", "multi_video"):
        return None
    video_id = _text(data.get("id"))
    if video_id is None:
        raise BadInputError(f"{path}: not a yt-dlp info.json: no 'id'")
    extractor = _text(data.get("extractor_key")) or _text(data.get("extractor")) or "generic"
    file = _media_file(path, data)
    sha256 = sha256_of(file) if file else None
    claimed = seconds(data.get("duration"))
    media = Media(
        key=f"yt-dlp:{extractor}:{video_id}:{sha256 or 'missing'}",
        written=file.name if file else _text(data.get("_filename")) or path.name,
        path=file, kind="video", sha256=sha256, claimed_duration_s=claimed,
        missing=None if file else "no media file beside the sidecar",
    )  # fmt: skip
    return Post(
        key=f"yt-dlp:{extractor}:{video_id}", source="yt-dlp", origin=path, media=(media,),
        text=_text(data.get("description"), keep_blank=True) or "",
        actor=_text(data.get("channel")) or _text(data.get("uploader")),
        actor_id=_text(data.get("channel_id")) or _text(data.get("uploader_id")),
        released=_released(path, data), url=_text(data.get("webpage_url")),
        outlet=_text(data.get("channel")) or _text(data.get("uploader")), platform=extractor,
        title=_text(data.get("title")), raw=({k: data[k] for k in KEPT if k in data},),
    )  # fmt: skip


def _load(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_bytes())
    except OSError as exc:
        raise BadInputError(f"{path}: cannot be read ({exc.strerror})") from None
    except (ValueError, RecursionError) as exc:
        raise BadInputError(f"{path}: not a yt-dlp info.json: not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise BadInputError(f"{path}: not a yt-dlp info.json: the top level is not an object")
    return data


def _released(path: Path, data: dict[str, Any]) -> str | None:
    """``timestamp`` (UTC seconds) when given, else ``upload_date`` (YYYYMMDD, a UTC day)."""
    exact = utc_from_epoch(data.get("timestamp"))
    if exact:
        return exact
    day = data.get("upload_date")
    if day is None:
        return None
    if not (isinstance(day, str) and re.fullmatch(r"(19|20)\d{6}", day)):
        raise BadInputError(f"{path}: upload_date {str(day)[:40]!a} is not YYYYMMDD")
    return f"{day[:4]}-{day[4:6]}-{day[6:]}"


def _media_file(sidecar: Path, data: dict[str, Any]) -> Path | None:
    folder = sidecar.parent
    stem = sidecar.name[: -len(SIDECAR)]
    names = [re.split(r"[/\\]", data[k])[-1] for k in ("_filename", "filename")
             if isinstance(data.get(k), str)]  # fmt: skip
    if isinstance(data.get("ext"), str):
        names.append(f"{stem}.{data['ext']}")
    for name in names:
        if name and name not in (".", ".."):
            candidate = inside(folder, name, f"{sidecar}: _filename")
            if candidate.is_file() and media_kind(candidate):
                return candidate
    beside = sorted(p for p in folder.glob(f"{_glob_escape(stem)}.*")
                    if p.is_file() and not p.name.endswith(SIDECAR))  # fmt: skip
    return next((p for p in beside if media_kind(p) == "video"), None)


def _glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def _text(value: Any, keep_blank: bool = False) -> str | None:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    text = clean(str(value))
    return text if keep_blank or text.strip() else None
