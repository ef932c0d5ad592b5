"""Claim-fact evaluation: annotated claim texts (``heldout/``, ``tune/``), their loader
(:mod:`claims_eval.annotations`) and the scoring (:mod:`claims_eval.scoring`) that
``benchmarks/eval_claims.py`` runs. Format and rules: ``README.md`` here."""
