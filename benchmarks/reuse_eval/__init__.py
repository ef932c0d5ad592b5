"""The reuse evaluation behind ``benchmarks/eval_reuse.py``, split by source.

Pipeline, one module per step: ``sources`` (which real footage, which excerpt, which split)
-> ``recipes``/``timeline``/``framing``/``combos`` (alteration classes: source -> clip B with
its truth) and ``negatives`` (pairs that share nothing) -> ``cases`` (every pair of a split)
-> ``build`` (ffmpeg renders each clip once) -> ``score`` (ours and the baselines on a pair,
located or not) -> ``tables`` (per split: precision, recall, F1, false positives per kind,
recall per class, IoU, time over the decode floor).

Held-out sources are never used while tuning the detector; their figures are the ones that
count. Fillers (footage spliced around, laid under or beside A) come only from sources of
the same split, so no tuning source leaks into a held-out pair.
"""
