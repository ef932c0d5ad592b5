"""A channel's handle read again as a handle: with only what a handle is written in
(``@``, ``.``, ``/``, ``_``, Latin letters, digits) and in both polarities, the reading that
is a handle (:data:`HANDLE`) and surest kept.

Read with every language, a faint handle comes out half Cyrillic or with a stray letter
(``t.me/grey zone``, ``@zVezdanews_42``); a handle has no Cyrillic and no space, and whether
its letters are light or dark after a shadow and a JPEG is not always what the reader guesses
(engine.INVERT gives the crop inverted). So a line whose reading looks like a handle
(:data:`CANDIDATE`) is read twice more, by English alone with :data:`HANDLE_CHARS`, as given
and inverted; a reading that holds a handle replaces one that holds none, or one that is less
sure. Costs two reads for such a line, none for any other.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from typing import Any

import numpy as np

HANDLE_CHARS = "@./_" + string.ascii_letters + string.digits
# A Telegram username is 5-32 characters; 4 lets a short misread still be the handle's place
HANDLE = re.compile(r"(?<![\w@/])(?:@|t\.me/)[A-Za-z0-9_]{4,32}(?![\w/])")
# A whitelisted reading whose least sure letter is less sure than this is taken for none: a
# whitelist makes every letter one of a few (`@legion free` read `@iegion_free`, its `i` 0.04)
LEAST_SURE = 0.1
# What a handle's reading starts with, misread or not: `@`, `t.me`, `me/`, `.me`
# A handle and a word after a space (engine.SPLIT_HANDLE): read whitelisted, the space goes
# (`@legion free` read `@legionfree`), an underscore or not; only one put in its place counts
SPLIT = re.compile(r"(?:@|t\.me/)[A-Za-z0-9_]+ [A-Za-z0-9]")
CANDIDATE = re.compile(r"@|t\.\s?me|\bme/|\.me\b", re.IGNORECASE)
# `t.me/` misread at the start of a line that is nothing but it and a username: its dot lost
# or read as a letter, its `t` as `L` or `i`, a stray letter before it (`time/shtorm_info`,
# `it.me/shtorm_info`, `Lme/peredovaya_77`, `tume/...`, the tune marks' shadowed and outlined
# addresses, lifted or not: .lift)
MISREAD_ADDRESS = re.compile(r"[iIlL|]?[tLlIi|][.,]?[iuI]?[mn]e/(?=[A-Za-z0-9_]{4,32}$)")


def candidate(text: str) -> bool:
    """Whether ``text`` reads like a handle or an address, whole or misread."""
    return CANDIDATE.search(text) is not None


def address(text: str) -> str:
    """``text`` with a misread ``t.me/`` read as ``t.me/`` (:data:`MISREAD_ADDRESS`) where the
    line is that and a username alone: the prefix is the address's fixed syntax, and no letter
    of the username is touched (a misread one stays misread)."""
    found = MISREAD_ADDRESS.match(text)
    return text if found is None else "t.me/" + text[found.end() :]


def handle_score(text: str, confidence: float) -> float:
    """How good a reading is as a handle: its confidence where it is one, else -1."""
    return confidence if HANDLE.fullmatch(text) else -1.0


def symbol_confidence(api: Any) -> float:
    """The confidence of the least sure letter of ``api``'s last reading, 0-1. Not MeanTextConf:
    read with a whitelist, a word whose letters are each sure comes out at 0 (``t.me/grey_zone``,
    every letter at 0.98-0.99 but its underscore at 0.43, read at 0), and the best reading of
    a handle was dropped for that."""
    import tesserocr

    level = tesserocr.RIL.SYMBOL
    found = [s.Confidence(level) for s in tesserocr.iterate_level(api.GetIterator(), level)]
    return min(1.0, min(found) / 100) if found else 0.0


def best_handle(read: Callable[[np.ndarray], tuple[str, float]], inner: np.ndarray,
                text: str, confidence: float) -> tuple[str, float, np.ndarray] | None:  # fmt: skip
    """Where ``text`` is no handle as it reads, the surest whitelisted reading of ``inner``
    (the crop as given to the reader) or of its inverse that is one, with the image read; None
    where ``text`` is a handle already (its confidence is not the whitelisted readings' to
    compare with: a whitelist makes every letter one of a few, and a wrong handle sure) or no
    reading is."""
    if HANDLE.fullmatch(text):
        return None
    best, found = -1.0, None
    for image in (inner, np.ascontiguousarray(255 - inner)):
        again, sure = read(image)
        if SPLIT.search(text) and again.count("_") <= text.count("_"):
            continue  # the space read after a handle is gone, not made an underscore
        if sure >= LEAST_SURE and handle_score(again, sure) > best:
            best, found = handle_score(again, sure), (again, sure, image)
    return found
