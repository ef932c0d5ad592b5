"""The KATOTTG table the claim extractor ships: built from the codifier's spreadsheet by
tools/katottg_table.py (tested on a small workbook written here), and read by
forensics.claims.facts.katottg."""

from __future__ import annotations

import gzip
import importlib.util
import zipfile
from pathlib import Path

from forensics.claims.facts import katottg

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("katottg_table", ROOT / "tools" / "katottg_table.py")
assert _spec and _spec.loader
tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tool)

# Rows as the codifier writes them: A oblast code, B district code, F category, G name.
ROWS = [
    ("UA63", "", "O", "Харківська"),
    ("UA63", "UA6312", "P", "Харківський"),
    ("UA63", "UA6312", "H", "Липецька"),
    ("UA63", "UA6312", "C", "Руські Тишки"),
    ("UA63", "UA6312", "M", "Мерефа"),
    ("UA59", "", "O", "Сумська"),
    ("UA59", "UA5908", "P", "Шосткинський"),
    ("UA59", "UA5908", "M", "Шостка"),
]


def _workbook(path: Path) -> Path:
    strings = sorted({text for row in ROWS for text in row if text})
    shared = "".join(f"<si><t>{s}</t></si>" for s in strings)
    sheet = []
    for number, row in enumerate(ROWS, 1):
        cells = "".join(
            f'<c r="{col}{number}" s="1" t="s"><v>{strings.index(text)}</v></c>'
            for col, text in zip("ABFG", row, strict=True)
            if text
        )
        sheet.append(f'<row r="{number}">{cells}</row>')
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("xl/sharedStrings.xml", f"<sst>{shared}</sst>")
        book.writestr("xl/worksheets/sheet1.xml", f"<sheetData>{''.join(sheet)}</sheetData>")
    return path


def test_settlements_are_named_with_their_oblast_and_district(tmp_path):
    rows = list(tool.settlements(tool.sheet_rows(_workbook(tmp_path / "k.xlsx"))))
    assert rows == [
        ("C", "Руські Тишки", "Харківська", "Харківський"),
        ("M", "Мерефа", "Харківська", "Харківський"),
        ("M", "Шостка", "Сумська", "Шосткинський"),
    ]  # the hromada (H) and the oblast and district rows are not settlements


def test_a_rebuild_gives_the_same_bytes_and_names_its_source(tmp_path):
    book = _workbook(tmp_path / "k.xlsx")
    first, second = tmp_path / "a.tsv.gz", tmp_path / "b.tsv.gz"
    assert tool.build(book, first) == 3
    tool.build(book, second)
    assert first.read_bytes() == second.read_bytes()
    lines = gzip.decompress(first.read_bytes()).decode("utf-8").splitlines()
    assert lines[0].startswith("# KATOTTG") and "sha256" in lines[0]
    assert lines[1] == tool.HEADER


def test_the_extractor_reads_a_table_the_tool_wrote(tmp_path, monkeypatch):
    table = tmp_path / "k.tsv.gz"
    tool.build(_workbook(tmp_path / "k.xlsx"), table)
    monkeypatch.setattr(katottg, "TABLE", table)
    katottg._settlements.cache_clear()
    try:
        found = katottg._settlements()["руські тишки"]
    finally:
        katottg._settlements.cache_clear()
    assert found == (katottg.Settlement("Руські Тишки", "Харківська", "Харківський", "C"),)


def test_the_shipped_table_holds_the_whole_codifier():
    table = katottg._settlements()
    assert sum(len(found) for found in table.values()) == 29703
    assert {s.oblast for s in table["руські тишки"]} == {"Харківська"}
    assert katottg.is_city("Новгород-Сіверський")
