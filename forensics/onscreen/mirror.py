"""Text that is no caption: mirrored (a flipped repost: `4 ENGINES` reads `НИИ` or
`21711217 МУ`) or garbage (ground read as letters). Tesseract reads such crops at 0.4-0.6 as
words of some language; recorded as captions they became on-screen claims. A track read
unsure is read once more flipped left to right: where that reads surer, it is mirrored text,
and what it says flipped is the evidence; where it does not and the reading has no word of
its language's dictionary, it is unreadable. Either way its kind is ``unreadable``, with a
note saying which and why, and it makes no claim.
"""

from __future__ import annotations

import numpy as np

from forensics.onscreen.engine import LineReader, LineReading
from forensics.onscreen.engines import engines
from forensics.onscreen.script import dictionary_words

UNSURE = 0.6  # a reading surer than this stands as read (captions read 0.85-0.97)
FLIP_GAIN = 0.2  # a flipped reading this much surer ...
FLIPPED_SURE = 0.7  # ... and at least this sure is what the text says
WORD_LETTERS = 3  # a dictionary word this long shows the reading is of a language


def judge(reader: LineReader, crop: np.ndarray, reading: LineReading) -> str | None:
    """Why the text of ``crop``, read as ``reading``, is no caption (a note for the record),
    or None where it stands. Costs one read, two for text that is not mirrored."""
    flipped = reader.read(np.ascontiguousarray(crop[:, ::-1]))
    letters = sum(c.isalnum() for c in flipped.text)
    if (flipped.confidence >= FLIPPED_SURE and flipped.score >= reading.score + FLIP_GAIN
            and letters >= WORD_LETTERS):  # fmt: skip
        return (f"mirrored text: flipped left to right it reads “{flipped.text}” (confidence "
                f"{flipped.confidence:.0%}; {reading.confidence:.0%} as it is)")  # fmt: skip
    if not has_words(reader, crop):
        return (f"unreadable: read at {reading.confidence:.0%} with no word of its language's "
                "dictionary, nor mirrored")  # fmt: skip
    return None


def has_words(reader: LineReader, crop: np.ndarray) -> bool:
    """Whether ``crop`` (light text, as the reader takes it) reads with a dictionary word of
    :data:`WORD_LETTERS` letters or more, every language loaded."""
    api = engines(reader.info).all
    image = np.ascontiguousarray(255 - crop)
    api.SetImageBytes(image.tobytes(), image.shape[1], image.shape[0], 1, image.shape[1])
    api.GetUTF8Text()
    return any(known and sum(c.isalpha() for c in word) >= WORD_LETTERS
               for word, known in dictionary_words(api))  # fmt: skip
