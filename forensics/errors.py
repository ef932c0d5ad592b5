"""One error hierarchy for the whole workbench.

Every failure a user can cause or meet is a ``ForensicsError``; the CLI maps each class to an
exit code and prints its message as one line. Anything else escaping is a bug.
"""

from __future__ import annotations


class ForensicsError(Exception):
    """Base class; ``exit_code`` is what the CLI returns for it."""

    exit_code = 1


class BadInputError(ForensicsError):
    """The evidence file (or claim, or case file) cannot be used as given."""

    exit_code = 2


class ToolMissingError(ForensicsError):
    """ffmpeg (or another required external tool) cannot be found or run."""

    exit_code = 3


class ReportWriteError(ForensicsError):
    """The report folder could not be written; nothing partial is left behind."""

    exit_code = 4


class CaseIndexError(ForensicsError):
    """The case index cannot be opened, read or written."""

    exit_code = 4


class RecordError(ForensicsError):
    """A stored record (report.json, the case index's copy) is not one this version can read."""

    exit_code = 2


# Characters that move the cursor or reorder text without being control codes: the Unicode
# bidirectional marks, embeddings, overrides and isolates.
_BIDI = frozenset((0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)))
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """``text`` safe to print as part of one terminal line: control characters (newlines,
    escape sequences), line and paragraph separators and bidirectional overrides become
    Python-style escapes, so a file name cannot start a forged line such as ``error: ...``
    nor move the cursor. Everything else, any script included, is kept as it is."""
    return "".join(_escape(c) if _hidden(c) else c for c in text)


def _hidden(char: str) -> bool:
    code = ord(char)
    return code < 0x20 or 0x7F <= code < 0xA0 or code in (0x2028, 0x2029) or code in _BIDI


def _escape(char: str) -> str:
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
