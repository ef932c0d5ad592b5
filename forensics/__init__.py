"""forensics: a media-forensics workbench for claimed combat videos.

Library first: ``forensics.analyze(path)`` does what ``forensics analyze`` does.
"""

__version__ = "0.1.0"

from .errors import BadInputError, ForensicsError, ReportWriteError, ToolMissingError
from .pipeline import AnalysisResult, analyze

__all__ = [
    "AnalysisResult",
    "BadInputError",
    "ForensicsError",
    "ReportWriteError",
    "ToolMissingError",
    "__version__",
    "analyze",
]
