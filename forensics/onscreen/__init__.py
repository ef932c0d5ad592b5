"""On-screen text: captions, channels' marks and HUD telemetry burned into the picture, found by
a text detector, followed across the sampled frames and read by Tesseract once per change.

It reads the frames the clip's one decode wrote for it (:class:`forensics.media.frames.
TextFrame`), never decodes the clip again, and returns records (:mod:`forensics.records.
onscreen`). Without an engine it says so and why: see :mod:`.engine`. :func:`preload`, called
before the decode, loads the engines while it runs (:mod:`.loading`).
"""

from forensics.onscreen.loading import preload
from forensics.onscreen.scan import OnscreenReading, not_read, read_onscreen

__all__ = ["OnscreenReading", "not_read", "preload", "read_onscreen"]
