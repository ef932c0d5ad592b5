"""Reading dates and times written as ISO 8601, the one way every stage reads them.

Tags, case files, claim front matter and stored records all write dates as ISO 8601; these
readers say what a stage may rely on: ``day`` and ``moment`` give None for what cannot be
read (a record is evidence, and a broken date in it is a gap, not a crash); ``parse_day`` is
for input a user wrote, and refuses it with the place it came from.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from forensics.errors import BadInputError


def calendar_day(year: int, month: int, day: int) -> date | None:
    """The date, or None where there is no such day (31 June, month 13): read from text."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def day(iso: Any) -> date | None:
    """The calendar day an ISO date or time starts with; None when absent or unreadable."""
    try:
        return date.fromisoformat(str(iso).strip()[:10]) if iso else None
    except ValueError:
        return None


def moment(iso: Any) -> datetime | None:
    """An ISO date or time as a datetime (naive when it names no zone); None when unreadable."""
    try:
        return datetime.fromisoformat(str(iso).strip())
    except ValueError:
        return None


def parse_day(value: Any, where: str) -> date | None:
    """A date a user wrote (case file, front matter); BadInputError naming ``where`` when it is
    not YYYY-MM-DD. None stays None: the field was left out."""
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise BadInputError(f"{where}: date {value!r} is not YYYY-MM-DD") from None


# ---------------------------------------------------------------------------- releases

Release = date | datetime  # a day, or a moment in UTC (an aware datetime)


def release(value: Any) -> Release | None:
    """When a clip was released, as a case file or a record writes it: an aware datetime in UTC
    when it names a time (a time without a zone is taken as UTC, the case file's zone), a date
    when it names only a day; None when absent or unreadable. TOML's own date and datetime
    values are read as they are."""
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return value
    text = str(value).strip() if value else ""
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return release(datetime.fromisoformat(text)) if text else None
    except ValueError:
        return None


def parse_release(value: Any, where: str) -> Release | None:
    """A release a user wrote (case file): as :func:`release`, but BadInputError naming
    ``where`` when it is neither YYYY-MM-DD nor an ISO 8601 time."""
    found = release(value)
    if value is not None and found is None:
        raise BadInputError(f"{where}: date {value!r} is not YYYY-MM-DD or an ISO 8601 time "
                            "(YYYY-MM-DDTHH:MM:SSZ)")  # fmt: skip
    return found


def release_iso(value: Release) -> str:
    """How a record keeps a release: ``2023-05-27`` or ``2023-05-27T12:15:00Z``."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return value.isoformat()


def release_words(value: Release) -> str:
    """How a sentence names a release: ``2023-05-27`` or ``2023-05-27 12:15:00 UTC``."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    return value.isoformat()


def release_day(value: Release) -> date:
    return value.astimezone(UTC).date() if isinstance(value, datetime) else value


def first_release(a: Release, b: Release) -> int | None:
    """Which came out first: -1 ``a``, 1 ``b``; None when it is not known -- the same day
    unless both times are known, or the same moment. A day and a time on another day are
    ordered by their days; never compared as strings."""
    if isinstance(a, datetime) and isinstance(b, datetime):
        return None if a == b else (-1 if a < b else 1)
    day_a, day_b = release_day(a), release_day(b)
    return None if day_a == day_b else (-1 if day_a < day_b else 1)
