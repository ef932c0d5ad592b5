"""The evaluation texts and their annotations: loading, locating surfaces, validating.

A split is a folder of claim texts (``*.md`` or ``*.txt``), each with ``<stem>.facts.toml``
beside it (format in ``benchmarks/claims_eval/README.md``). Every annotated surface is looked
up in the text's body, so an annotation that does not fit its text stops the run.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from forensics.claims.claimfile import split_front_matter

KINDS = (
    "date", "duration", "place", "actor", "equipment", "platform", "count", "statement", "hedge",
)  # fmt: skip
LANGS = ("ru", "uk", "en")
SOURCES = (
    "ministry statement", "militia post", "governor post", "news article", "wire report",
    "fact-check", "live blog",
)  # fmt: skip
HERE = Path(__file__).resolve().parent
SPLITS = (
    "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8",
    "heldout9", "heldout10", "heldout11", "heldout12", "heldout13", "tune",
)  # fmt: skip
_FACT_KEYS = {"kind", "value", "text", "accept", "occurrence", "of", "side", "note"}
_FORBIDDEN_KEYS = {"kind", "value", "text", "why"}
_TOP_KEYS = {"lang", "source", "note", "fact", "forbidden"}


@dataclass(frozen=True)
class Expected:
    """A key fact: its kind, normalised value, the values also accepted, and where it is."""

    kind: str
    value: object
    text: str | None
    spans: tuple[tuple[int, int], ...]
    accept: tuple[str, ...] = ()
    of: str | None = None


@dataclass(frozen=True)
class Forbidden:
    """A trap: no fact of ``kind`` (with ``value``, when given) may overlap ``text``."""

    kind: str
    text: str
    spans: tuple[tuple[int, int], ...]
    value: object = None
    why: str = ""


@dataclass(frozen=True)
class Sample:
    """One claim text with its annotation."""

    name: str
    lang: str
    source: str
    text: str
    body_start: int
    expected: tuple[Expected, ...] = ()
    forbidden: tuple[Forbidden, ...] = field(default_factory=tuple)


def surface_spans(text: str, surface: str, start: int = 0) -> list[tuple[int, int]]:
    """Every place ``surface`` occurs in ``text[start:]`` as whole words (case kept)."""
    lead = r"(?<!\w)" if surface[:1].isalnum() else ""
    tail = r"(?!\w)" if surface[-1:].isalnum() else ""
    pattern = re.compile(lead + re.escape(surface) + tail)
    return [(m.start(), m.end()) for m in pattern.finditer(text, start)]


def _spans(where: str, text: str, start: int, surface: str, occurrence: int | None):
    found = surface_spans(text, surface, start)
    if not found:
        raise ValueError(f"{where}: {surface!r} is not in the text's body")
    if occurrence is None:
        return tuple(found)
    if not 1 <= occurrence <= len(found):
        raise ValueError(f"{where}: {surface!r} occurs {len(found)} times, not {occurrence}")
    return (found[occurrence - 1],)


def _check_value(where: str, kind: str, value: object) -> None:
    """Values have the type their kind needs (see the README)."""
    if kind not in KINDS:
        raise ValueError(f"{where}: unknown kind {kind!r}")
    if kind == "date":
        ok = isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", value)
    elif kind == "duration":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    elif kind == "count":
        ok = isinstance(value, int) and not isinstance(value, bool)
    else:
        ok = isinstance(value, str) and value.strip() != ""
    if not ok:
        raise ValueError(f"{where}: {value!r} is not a valid {kind} value")


def _expected(where: str, raw: dict, text: str, start: int) -> Expected:
    if set(raw) - _FACT_KEYS or "kind" not in raw or "value" not in raw:
        raise ValueError(f"{where}: needs kind and value, may have {sorted(_FACT_KEYS)}")
    _check_value(where, raw["kind"], raw["value"])
    surface = raw.get("text")
    spans = _spans(where, text, start, surface, raw.get("occurrence")) if surface else ()
    return Expected(
        raw["kind"], raw["value"], surface, spans, tuple(raw.get("accept", ())), raw.get("of")
    )


def _forbidden(where: str, raw: dict, text: str, start: int) -> Forbidden:
    if set(raw) - _FORBIDDEN_KEYS or "kind" not in raw or "text" not in raw:
        raise ValueError(f"{where}: needs kind and text, may have {sorted(_FORBIDDEN_KEYS)}")
    if "value" in raw:
        _check_value(where, raw["kind"], raw["value"])
    elif raw["kind"] not in KINDS:
        raise ValueError(f"{where}: unknown kind {raw['kind']!r}")
    spans = _spans(where, text, start, raw["text"], None)
    return Forbidden(raw["kind"], raw["text"], spans, raw.get("value"), raw.get("why", ""))


def load_sample(path: Path) -> Sample:
    """A claim text and its ``<stem>.facts.toml``, every surface located in the body."""
    text = path.read_text(encoding="utf-8")
    _, body = split_front_matter(path, text)
    start = len(text) - len(body)
    notes = path.with_name(path.stem + ".facts.toml")
    raw = tomllib.loads(notes.read_text(encoding="utf-8"))
    if set(raw) - _TOP_KEYS or raw.get("lang") not in LANGS or raw.get("source") not in SOURCES:
        raise ValueError(f"{notes}: needs lang in {LANGS} and source in {SOURCES}")
    expected = [
        _expected(f"{notes}: fact {i + 1}", r, text, start) for i, r in enumerate(raw["fact"])
    ]
    forbidden = [
        _forbidden(f"{notes}: forbidden {i + 1}", r, text, start)
        for i, r in enumerate(raw.get("forbidden", []))
    ]
    return Sample(
        path.name, raw["lang"], raw["source"], text, start, tuple(expected), tuple(forbidden)
    )


def load_split(folder: Path) -> list[Sample]:
    """Every annotated text of a split folder, by file name."""
    paths = sorted(p for p in folder.iterdir() if p.suffix in (".md", ".txt"))
    if not paths:
        raise ValueError(f"{folder}: no claim texts")
    return [load_sample(p) for p in paths]


def load_not_places(path: Path = HERE / "not_places.toml") -> tuple[str, ...]:
    """Outlets, agencies, platforms and brands: never the value of a place fact."""
    return tuple(tomllib.loads(path.read_text(encoding="utf-8"))["names"])
