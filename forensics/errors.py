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
