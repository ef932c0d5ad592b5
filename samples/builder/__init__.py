"""Procedural renderer of the fictional sample case; ``samples/build_samples.py`` runs it."""
