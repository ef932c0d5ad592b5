"""The script and language of a reading: Latin text is recorded as ``en`` (it is read with the
English data), Cyrillic as ``uk`` when it has a letter only Ukrainian uses (і ї є ґ), else as
``ru``; text without letters as ``""``."""

from __future__ import annotations

UKRAINIAN = set("іїєґІЇЄҐ")


def language_of(text: str) -> str:
    cyrillic = sum("\u0400" <= c <= "\u04ff" for c in text)
    latin = sum(c.isascii() and c.isalpha() for c in text)
    if cyrillic == 0 and latin == 0:
        return ""
    if latin > cyrillic:
        return "en"
    return "uk" if any(c in UKRAINIAN for c in text) else "ru"
