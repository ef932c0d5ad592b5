"""The tool's version, kept apart so every stage can stamp it without importing the package."""

__version__ = "0.1.0"
