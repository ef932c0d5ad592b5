"""The entry points: every fact of a text (:func:`extract_facts`) or of a claim file with its
publication date (:func:`extract_claim`, :func:`extract_claim_text`).

They read the text once, run each layer over it and settle the number layer, where dates win
over durations and both over counts; the publication date comes from the claim's front matter,
a ``date YYYY-MM-DD`` line or a wire dateline. A text mostly in Cyrillic is also read by the
Russian and Ukrainian number layers (``*_cyr`` modules); clause layers pick their Cyrillic
verbs and hedges word by word.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from forensics.claims.claimfile import read_text, split_front_matter
from forensics.claims.facts.counts import _count_facts
from forensics.claims.facts.counts_cyr import cyrillic_count_facts
from forensics.claims.facts.dates import _date_facts
from forensics.claims.facts.durations import _duration_facts, with_bound
from forensics.claims.facts.durations_cyr import cyrillic_duration_facts
from forensics.claims.facts.durations_half import half_lengths, rough_lengths
from forensics.claims.facts.fact import KINDS, ClaimFacts, Fact
from forensics.claims.facts.names import _name_facts
from forensics.claims.facts.statements import _hedge_facts, _statement_facts
from forensics.claims.facts.text import _longest, _read, _Text
from forensics.claims.facts.vocabulary import Vocabulary, default_vocabulary
from forensics.dates import parse_day

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def extract_facts(
    text: str, published: date | None, start: int = 0, vocab: Vocabulary | None = None
) -> list[Fact]:
    """Every fact in ``text[start:]`` (the body after any front matter), sorted by start.

    Offsets are into ``text``. ``published`` resolves weekdays and "yesterday"; without it a
    wire dateline with a year stands in; without either they are left out."""
    if not 0 <= start <= len(text):
        raise ValueError(f"start {start} is outside the text (length {len(text)})")
    with _no_cycle_collection():
        return _facts(text, start, vocab or default_vocabulary(), published)


_KIND_ORDER = {kind: i for i, kind in enumerate(KINDS)}


def _facts(text: str, start: int, vocab: Vocabulary, published: date | None) -> list[Fact]:
    """:func:`extract_facts`'s work; the reader's words, masks and matches are freed when it
    returns, before the cycle collector is started again (which would walk them all once)."""
    src = _read(text, start)
    names = _name_facts(src, vocab)
    facts = names + _number_facts(src, vocab, published, names)
    facts += _statement_facts(src, vocab, names) + _hedge_facts(src, vocab)
    return sorted(facts, key=lambda f: (f.start, -f.end, _KIND_ORDER[f.kind]))


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while a text is read. Reading makes hundreds of
    thousands of short-lived matches, spans and facts and no cycles worth collecting
    (reference counts free them); the collector, started by their number, walked every
    object of the process again and again: a sixth of a 2 MB claim's time, measured."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def extract_claim(path: Path, vocab: Vocabulary | None = None) -> ClaimFacts:
    """The facts of a claim file, with its publication date from the front matter, a
    ``date YYYY-MM-DD`` line or a wire dateline, in that order."""
    return extract_claim_text(read_text(path), path, vocab)


def extract_claim_text(
    text: str, path: Path = Path("<claim>"), vocab: Vocabulary | None = None
) -> ClaimFacts:
    """As :func:`extract_claim` for a text already read; ``path`` names it in errors."""
    fields, body = split_front_matter(path, text)
    start = len(text) - len(body)  # the body is always the end of the file
    published = parse_day(fields.get("published"), f"{path}: published")
    facts = extract_facts(text, published, start, vocab)
    header = _published_fact(text, start, published)
    front = ([header] if header else []) + _stated_length_facts(text, start)
    facts[:0] = sorted(front, key=lambda f: f.start)
    if published is None:
        dateline = next((f for f in facts if f.detail and f.detail.get("published")), None)
        published = date.fromisoformat(str(dateline.value)) if dateline else None
    return ClaimFacts(published, tuple(facts))


def _published_fact(text: str, body_start: int, published: date | None) -> Fact | None:
    """The publication date where the header states it: ``published:`` or ``date`` line."""
    if published is None:
        return None
    pattern = r"^(?:(?:published|released|date):[ \t]*[\"']?|[ \t]*date[ \t]+)(\d{4}-\d{2}-\d{2})"
    m = re.search(pattern, text[:body_start], re.M)
    if m is None or m[1] != published.isoformat():
        return None
    rule = "front matter" if ":" in m.group() else "date line"
    return Fact("date", m[1], m[1], m.start(1), m.end(1), {"rule": rule, "role": "published"})


def _stated_length_facts(text: str, body_start: int) -> list[Fact]:
    """The platform's own length of each medium, where ingest writes it in the front matter
    (``duration: "112"``, seconds, one figure per medium of an album): a fact of the claim,
    but stated by the platform, not by the text."""
    m = re.search(r"^duration:[ \t]*[\"']?([^\"'\n]*)", text[:body_start], re.M)
    if m is None or not text.startswith("---"):
        return []
    facts = []
    for figure in re.finditer(r"\S+", m[1]):
        seconds = _seconds(figure[0])
        if seconds is not None:
            at = m.start(1) + figure.start()
            facts.append(Fact("duration", seconds, figure[0], at, at + len(figure[0]),
                              {"rule": "front matter", "role": "platform"}))  # fmt: skip
    return facts


def _seconds(figure: str) -> float | None:
    try:
        seconds = float(figure)
    except ValueError:
        return None
    return seconds if 0 < seconds < float("inf") else None


def _number_facts(
    src: _Text, vocab: Vocabulary, published: date | None, names: list[Fact]
) -> list[Fact]:
    """Dates first; then durations outside dates; then counts outside both. A Russian or
    Ukrainian text is read with the Cyrillic forms as well as the English ones."""
    cyrillic = src.lang != "en"
    dates = _date_facts(src, published, cyrillic)
    durations = _duration_facts(src) + (
        [*cyrillic_duration_facts(src), *half_lengths(src), *rough_lengths(src)]
        if cyrillic else [])  # fmt: skip
    durations = _outside(_longest(durations, len(src.text)), dates)
    durations = [with_bound(src.text, f) for f in durations]
    counts = _count_facts(src, vocab, names)
    if cyrillic:  # the Cyrillic reading first; English finds only a noun's nominative there
        english = [f for f in counts if not _CYRILLIC.search(str((f.detail or {}).get("noun")))]
        counts = cyrillic_count_facts(src, vocab, names) + english
    counts = _outside(_longest(counts, len(src.text)), dates + durations)
    return dates + durations + counts


def _outside(facts: list[Fact], taken: list[Fact]) -> list[Fact]:
    """The facts overlapping none of ``taken``; a mask of taken characters keeps this linear
    (comparing every pair took most of the time on a long claim)."""
    mask = bytearray(max((f.end for f in facts + taken), default=0))
    for t in taken:
        mask[t.start : t.end] = b"\x01" * (t.end - t.start)
    return [f for f in facts if mask.find(1, f.start, f.end) < 0]
