"""Reading dates and times written as ISO 8601, the one way every stage reads them.

Tags, case files, claim front matter and stored records all write dates as ISO 8601; these
readers say what a stage may rely on: ``day`` and ``moment`` give None for what cannot be
read (a record is evidence, and a broken date in it is a gap, not a crash); ``parse_day`` is
for input a user wrote, and refuses it with the place it came from.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from forensics.errors import BadInputError


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
