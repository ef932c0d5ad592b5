"""Which script a reading is in, and whether its Cyrillic is Latin misread: Tesseract with
English, Russian and Ukrainian loaded reads a semi-transparent Latin handle (``@legion_free``)
as ``Фіедіоп free`` or ``Фіедіоп їгее`` now and then (raw decoded frames); such a line is read
in English too and the two readings put to a vote (:class:`.engine.LineReader`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

# A word of a handle or an address (Latin): what a reading in English may have that no
# dictionary does, where the same mark read with Cyrillic loaded is Фіедіоп (benchmarks/onscreen).
HANDLE_WORD = re.compile(r"@[A-Za-z0-9_]{3,}|t\.me/|https?://|www\.")


def word_script(word: str) -> str:
    """``cyrillic``, ``latin`` or ``""`` (no letter)."""
    if any("\u0400" <= c <= "\u04ff" for c in word):
        return "cyrillic"
    return "latin" if any(c.isascii() and c.isalpha() for c in word) else ""


def dictionary_words(api: Any) -> list[tuple[str, bool]]:
    """The words of ``api``'s last reading, each with whether its language's dictionary has
    it."""
    import tesserocr

    level, out = tesserocr.RIL.WORD, []
    for word in tesserocr.iterate_level(api.GetIterator(), level):
        try:
            out.append((word.GetUTF8Text(level), bool(word.WordIsFromDictionary())))
        except RuntimeError:  # no text there: tesserocr raises rather than give ""
            continue
    return out


def unlikely_cyrillic(text: str, words: Callable[[], list[tuple[str, bool]]]) -> bool:
    """Whether the Cyrillic of a reading (``text``; ``words``: its :func:`dictionary_words`,
    asked for only when needed) may be Latin misread: it has
    a Cyrillic word of three letters or more, and it mixes scripts or none of its Cyrillic
    words is in the dictionary (a semi-transparent ``@legion_free`` read ``Фіедіоп free`` or
    ``Фіедіоп їгее``; a Russian or Ukrainian caption has words of the language: one of only
    names is read again in English and stays Cyrillic, its English reading having no word of
    the dictionary)."""
    scripts = [word_script(w) for w in text.split()]
    if not any(s == "cyrillic" and sum(c.isalpha() for c in w) >= 3
               for w, s in zip(text.split(), scripts, strict=True)):  # fmt: skip
        return False
    if "latin" in scripts:
        return True
    cyrillic = [known for w, known in words()
                if word_script(w) == "cyrillic" and sum(c.isalpha() for c in w) >= 3]  # fmt: skip
    return not any(cyrillic)


def more_likely(latin: tuple[float, list[tuple[str, bool]]],
                reading: tuple[float, list[tuple[str, bool]]]) -> bool:  # fmt: skip
    """The vote between a line's English reading and its reading with every language, each
    its score (LineReading.score) and its words: the letters each reads in words of its
    dictionary or in a handle (``@name``, an address), then, even, the score (a reading
    mixing scripts less 0.15)."""
    a, b = likely_letters(latin[1]), likely_letters(reading[1])
    return a > b or (a == b and latin[0] > reading[0])


def likely_letters(words: list[tuple[str, bool]]) -> int:
    return sum(sum(c.isalpha() for c in w) for w, known in words
               if known or HANDLE_WORD.search(w))  # fmt: skip
