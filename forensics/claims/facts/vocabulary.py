"""The vocabulary: every entry of the TOML files in ``forensics/claims/vocab/`` and of the folders
named by ``$FORENSICS_VOCAB``, merged by canonical name, validated, and compiled into one
regex per entry that matches its aliases.

Vocabulary is data so that a new village, group or spelling is a TOML edit, never code. This
module alone knows the file format (described in ``forensics/claims/vocab/README.md``): a malformed
file stops the run with its file and line named, and alias matching -- loose about case,
spacing, quotes, hyphens and plurals -- is decided here for every kind of entry alike.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path

from forensics.claims.facts.text import _APOSTROPHES, _HYPHENS, _QUOTES
from forensics.errors import BadInputError

SIDES = ("ukraine-aligned", "russia", "media", "osint", "other")
VOCAB_DIR = Path(__file__).parent.with_name("vocab")  # forensics/claims/vocab
VOCAB_ENV = "FORENSICS_VOCAB"

_NUMERIC = (int, float)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Per table: field -> (accepted types, required). name, aliases and note belong to every table.
_FIELDS: dict[str, dict[str, tuple[tuple[type, ...], bool]]] = {
    "place": {"kind": ((str,), True), "country": ((str,), True), "region": ((str,), False),
              "lat": (_NUMERIC, False), "lon": (_NUMERIC, False), "radius_km": (_NUMERIC, False)},
    "actor": {"side": ((str,), True), "type": ((str,), True), "role": ((str,), False)},
    "actor_type": {"person": ((bool,), False)},
    "equipment": {"category": ((str,), True)},
    "platform": {},
    "noun": {"category": ((str,), True)},
    "speech": {"publishes": ((bool,), False), "speaker_after": ((bool,), False),
               "verbs": ((list,), False)},
    "hedge": {},
}  # fmt: skip


@dataclass(frozen=True)
class Entry:
    """A vocabulary entry: a canonical name, the names it also goes by, its own fields."""

    kind: str
    name: str
    aliases: tuple[str, ...]
    fields: dict[str, object] = field(hash=False)
    origin: str = ""  # "file:line" of the table that first defined it

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Vocabulary:
    """Every entry of the loaded TOML files, and the matchers compiled from them."""

    entries: tuple[Entry, ...]
    files: tuple[str, ...] = ()

    def of_kind(self, kind: str) -> tuple[Entry, ...]:
        return tuple(entry for entry in self.entries if entry.kind == kind)

    def get(self, kind: str, name: str) -> Entry | None:
        return next((e for e in self.entries if e.kind == kind and e.name == name), None)

    @cached_property
    def patterns(self) -> dict[str, tuple[tuple[re.Pattern[str], Entry], ...]]:
        return {kind: tuple((_entry_pattern(e), e) for e in self.of_kind(kind)) for kind in _FIELDS}

    @cached_property
    def type_nouns(self) -> dict[str, tuple[str, ...]]:
        """Noun -> the actor types it can refer back to ("the group" -> armed group, ...)."""
        nouns: dict[str, list[str]] = {}
        for entry in self.of_kind("actor_type"):
            for noun in entry.names():
                nouns.setdefault(noun.lower(), []).append(entry.name)
        return {noun: tuple(types) for noun, types in nouns.items()}

    @cached_property
    def person_types(self) -> frozenset[str]:
        return frozenset(e.name for e in self.of_kind("actor_type") if e.fields.get("person"))


def load_vocabulary(extra: Path | None = None) -> Vocabulary:
    """The shipped vocabulary extended by the ``$FORENSICS_VOCAB`` folders, then ``extra``.

    A later entry with a known canonical name replaces the fields it gives and adds its
    aliases; an alias that a later file gives to another entry moves to that entry.
    """
    return _build(_vocabulary_files(extra))


def default_vocabulary() -> Vocabulary:
    """:func:`load_vocabulary`, cached until a file or ``$FORENSICS_VOCAB`` changes."""
    stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in _vocabulary_files())
    return _cached_vocabulary(stamp)


@lru_cache(maxsize=4)
def _cached_vocabulary(stamp: tuple[tuple[str, int, int], ...]) -> Vocabulary:
    return _build([Path(path) for path, _, _ in stamp])


def _vocabulary_files(extra: Path | None = None) -> list[Path]:
    folders = [Path(p) for p in os.environ.get(VOCAB_ENV, "").split(os.pathsep) if p.strip()]
    folders += [Path(extra)] if extra is not None else []
    files = sorted(VOCAB_DIR.glob("*.toml"))
    for folder in folders:
        if not folder.exists():
            raise BadInputError(f"{folder}: vocabulary folder not found (from {VOCAB_ENV})")
        files += [folder] if folder.is_file() else sorted(folder.glob("*.toml"))
    return files


def _build(files: list[Path]) -> Vocabulary:
    merged: dict[tuple[str, str], Entry] = {}
    owners: dict[tuple[str, str], tuple[str, Path]] = {}  # (kind, alias key) -> (name, file)
    for path in files:
        for entry in _read_entries(path):
            _merge(merged, owners, entry, path)
    vocab = Vocabulary(tuple(merged.values()), tuple(str(p) for p in files))
    for entry in vocab.entries:
        _check_complete(entry, vocab)
    return vocab


def _read_entries(path: Path) -> Iterator[Entry]:
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except OSError as exc:
        raise BadInputError(f"{path}: vocabulary file cannot be read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise BadInputError(f"{path}: vocabulary file is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        where = f"{path}:{line.group(1)}" if line else str(path)
        raise BadInputError(f"{where}: malformed vocabulary file ({exc})") from None
    lines = text.splitlines()
    for kind, items in data.items():
        if kind not in _FIELDS or not isinstance(items, list):
            tables = ", ".join(f"[[{k}]]" for k in _FIELDS)
            raise BadInputError(
                f"{path}:{_line_of(lines, kind)}: unknown table {kind!r}; "
                f"a vocabulary file holds {tables}"
            )
        headers = [
            n for n, line in enumerate(lines, 1) if re.match(rf"\s*\[\[\s*{kind}\s*\]\]", line)
        ]
        for index, item in enumerate(items):
            number = headers[index] if index < len(headers) else _line_of(lines, kind)
            yield _entry(f"{path}:{number}", kind, item)


def _line_of(lines: list[str], key: str) -> int:
    return next((n for n, line in enumerate(lines, 1) if key in line), 1)


def _entry(where: str, kind: str, item: object) -> Entry:
    if not isinstance(item, dict):
        raise BadInputError(f"{where}: each [[{kind}]] must be a table of fields")
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise BadInputError(f"{where}: [[{kind}]] needs a name (a non-empty string)")
    aliases = item.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise BadInputError(f"{where}: aliases of {name!r} must be a list of non-empty strings")
    schema = {**_FIELDS[kind], "note": ((str,), False)}
    fields = {key: value for key, value in item.items() if key not in ("name", "aliases")}
    for key, value in fields.items():
        if key not in schema:
            known = ", ".join(["name", "aliases", *schema])
            raise BadInputError(
                f"{where}: unknown field {key!r} in {name!r} ({kind} takes {known})"
            )
        types = schema[key][0]
        if isinstance(value, bool) is not (bool in types) or not isinstance(value, types):
            wanted = " or ".join(t.__name__ for t in types)
            raise BadInputError(f"{where}: {key} of {name!r} must be {wanted}, not {value!r}")
    return Entry(kind, name.strip(), tuple(a.strip() for a in aliases), fields, where)


def _merge(
    merged: dict[tuple[str, str], Entry],
    owners: dict[tuple[str, str], tuple[str, Path]],
    entry: Entry,
    path: Path,
) -> None:
    old = merged.get((entry.kind, entry.name))
    if old is not None:  # the same canonical name: fields replaced, aliases added
        entry = replace(
            old, aliases=old.aliases + entry.aliases, fields={**old.fields, **entry.fields}
        )
    for alias in entry.names() if entry.kind != "actor_type" else ():  # types share nouns
        key = (entry.kind, _alias_key(alias))
        owner = owners.get(key)
        if owner is not None and owner[0] != entry.name:
            other = merged[(entry.kind, owner[0])]
            if owner[1] == path or _alias_key(other.name) == key[1]:
                raise BadInputError(
                    f"{entry.origin}: {alias!r} of {entry.name!r} is already a "
                    f"name of {owner[0]!r} ({other.origin})"
                )
            kept = tuple(a for a in other.aliases if _alias_key(a) != key[1])
            merged[(entry.kind, owner[0])] = replace(other, aliases=kept)
        owners[key] = (entry.name, path)
    unique = tuple(dict.fromkeys(a for a in entry.aliases if a != entry.name))
    merged[(entry.kind, entry.name)] = replace(entry, aliases=unique)


def _check_complete(entry: Entry, vocab: Vocabulary) -> None:
    """Required fields, which a user file overriding an entry need not repeat, checked once
    every file is merged."""
    where, f = f"{entry.origin}: {entry.kind} {entry.name!r}", entry.fields
    for key, (_, required) in _FIELDS[entry.kind].items():
        if required and key not in f:
            raise BadInputError(f"{where} needs {key}")
    if entry.kind == "place" and ("lat" in f) != ("lon" in f):
        raise BadInputError(f"{where} needs both lat and lon")
    lat, lon = f.get("lat", 0), f.get("lon", 0)
    if (
        isinstance(lat, _NUMERIC)
        and isinstance(lon, _NUMERIC)
        and not (-90 <= lat <= 90 and -180 <= lon <= 180)
    ):
        raise BadInputError(f"{where} has lat/lon out of range")
    if entry.kind == "actor" and f["side"] not in SIDES:
        raise BadInputError(
            f"{entry.origin}: side of {entry.name!r} must be one of "
            f"{', '.join(SIDES)}, not {f['side']!r}"
        )
    if entry.kind == "actor" and f["type"] not in {e.name for e in vocab.of_kind("actor_type")}:
        raise BadInputError(f"{where}: type {f['type']!r} is not an [[actor_type]]")


def _alias_key(alias: str) -> str:
    """What makes two aliases the same name: case, quotes, hyphens and spacing ignored."""
    plain = re.sub(f"[{_QUOTES}]", "", alias.casefold())
    return " ".join(re.sub(f"[{_HYPHENS}]", " ", plain).split())


def _entry_pattern(entry: Entry) -> re.Pattern[str]:
    plural = entry.kind in ("equipment", "noun")
    # Cyrillic aliases are matched by dictionary form instead (claims/facts/cyrillic.py)
    latin = {name for name in entry.names() if not _CYRILLIC.search(name)}
    aliases = sorted(latin, key=len, reverse=True)  # the longest first at a start
    # Looking ahead for a possible first character lets the scan skip most positions at once
    # (six times faster than trying every alias everywhere).
    firsts = "".join(re.escape(c) for c in sorted(set().union(*map(_first_chars, aliases))))
    body = "|".join(_alias_regex(a, plural) for a in aliases)
    return re.compile(f"(?=[{firsts}])(?:{body})", re.IGNORECASE)


def _first_chars(alias: str) -> set[str]:
    first = alias[0]
    if first in _QUOTES:  # an opening quote is optional
        return set(_QUOTES) | _first_chars(alias[1:])
    return {first} if _exact(alias) else {first.lower(), first.upper()}


def _exact(alias: str) -> bool:
    """Two capitals in one word (MoD, RDK) or one character (X): in lower case another word."""
    return len(alias) == 1 or any(sum(c.isupper() for c in w) >= 2 for w in alias.split())


_GAP_SEPARATOR = rf"[\s,{_QUOTES}]+"
_GAPS = {"*": r"(?:[\w'\u2019-]+\s+){0,3}", "**": rf"(?:[\w'\u2019-]+{_GAP_SEPARATOR}){{0,10}}"}
_GAP_BEFORE = {"*": r"\s+", "**": _GAP_SEPARATOR}


def _alias_regex(alias: str, plural: bool) -> str:
    """An alias as a regex: spacing, quotes and hyphens loose; "*" is up to three words, "**"
    up to ten words of the same sentence, commas and quotes between them allowed.

    Aliases with two capitals in one word (MoD, RDK) or of one character (X) match exactly as
    written, since in lower case they are other words; a one-letter alias must also stand
    apart from hyphens ("X-ray" is not the platform)."""
    words = alias.split()
    body = ""
    for i, word in enumerate(words):
        body += _GAPS.get(word) or _word_regex(word)
        if i + 1 < len(words) and word not in _GAPS:
            gap = _GAP_BEFORE.get(words[i + 1])
            body += gap or rf"(?:\s*[{_QUOTES}]\s*|\s+)"
    body += r"(?:e?s)?" if plural else ""
    if _exact(alias):
        body = f"(?-i:{body})"
    edge = r"[\w-]" if len(alias) == 1 else r"\w"
    return rf"(?<!{edge}){body}(?!{edge})"


def _word_regex(word: str) -> str:
    out = []
    for i, ch in enumerate(word):
        if ch in _HYPHENS:
            out.append(rf"[{_HYPHENS}\s]?")  # Gora-Podol, Gora Podol; BMP-2, BMP2
        elif ch in _APOSTROPHES and 0 < i < len(word) - 1:
            out.append(f"[{_APOSTROPHES}]")
        elif ch in _QUOTES:
            out.append(f"[{_QUOTES}]?")
        else:
            out.append(re.escape(ch))
    return "".join(out)


@dataclass(frozen=True)
class _Hit:
    """A match of one of ``entry``'s aliases at ``start:end``."""

    start: int
    end: int
    kind: str
    entry: Entry
