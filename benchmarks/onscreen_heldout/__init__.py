"""A held-out set for on-screen text (issue 16), behind ``benchmarks/eval_onscreen_heldout.py``.

Written by the helper heldsets on 2026-12-07, before any run of the on-screen text reader on
it; nobody tunes on it. Every text, font, size, position and layout here is new to the OCR
work (``tests/onscreen_media.py`` and ``bench_onscreen.py`` were tuned on: white DejaVu
captions over generated terrain); the backgrounds are real footage of the fresh split
(``reuse_eval/fresh.py``, fetched outside the project), never ``../shared/media``.

``scenes`` (what each clip shows: the texts, their style, the footage under them) ->
``draw`` (where a text lands at a time, the frame drawn over the footage, the clip encoded)
-> ``score`` (word recall and CER per kind of text, coordinates exact, false text; pure).

``marks`` is a second held-out set, of channels' marks only (``--set marks``; the helper
heldmarks, 2026-12-07, also before any run), drawn and scored by the same modules.
"""
