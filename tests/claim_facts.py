"""The facts of a claim text for tests, each checked to quote its text at its span."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Collection
from datetime import date

from forensics.claims.facts import Fact, extract_facts


def facts_of(text: str, kinds: Collection[str], published: date | None = None) -> list[Fact]:
    """The facts of ``kinds`` in ``text``; fails when one's span does not hold its text."""
    found = [f for f in extract_facts(text, published) if f.kind in kinds]
    for f in found:
        assert text[f.start : f.end] == f.text
    return found


def fresh_python(code: str) -> str:
    """What ``code`` prints in a new interpreter (for what one process's first imports do);
    fails with its stderr when it fails."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout
