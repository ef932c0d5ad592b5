"""On-screen text: captions, channels' marks and HUD telemetry burned into the picture, found by
a text detector, followed across the sampled frames and read by Tesseract once per change.

It reads the frames the clip's one decode wrote for it (:class:`forensics.media.frames.
TextFrame`), never decodes the clip again, and returns records (:mod:`forensics.records.
onscreen`). Without an engine it says so and why: see :mod:`.engine`. :func:`reading_beside`
loads the engines while the clip decodes and reads its text while its frames are hashed, in a
reader thread of its own (:mod:`.loading`).
"""

from forensics.onscreen.loading import preload, read_later, reading_beside
from forensics.onscreen.scan import OnscreenReading, not_read, read_onscreen

__all__ = ["OnscreenReading", "not_read", "preload", "read_later", "read_onscreen",
           "reading_beside"]  # fmt: skip
