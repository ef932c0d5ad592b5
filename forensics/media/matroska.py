"""The structure of a Matroska / WebM file from its bytes: do its EBML element sizes fit?

The top-level elements (the EBML header, then the Segment) and the Segment's own children
(SeekHead, Info, Tracks, Clusters, Cues, Tags ...) are walked by their IDs and sizes, headers
only, up to a bound; a Segment declaring more bytes than the file holds is a cut file (a child
runs past the end too) or a size that cannot be (its children end, whole, at the end of the
file). A Cluster of unknown size (live recordings) ends the walk: what follows is not checked.
See :mod:`forensics.media.container` for the problems reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import BinaryIO

from forensics.records.media import ContainerBox, ContainerCheck, ContainerProblem, ProblemKind

EBML_MAGIC = b"\x1a\x45\xdf\xa3"
SEGMENT = 0x18538067
NAMES = {
    0x1A45DFA3: "EBML", SEGMENT: "Segment", 0x114D9B74: "SeekHead", 0x1549A966: "Info",
    0x1654AE6B: "Tracks", 0x1F43B675: "Cluster", 0x1C53BB6B: "Cues", 0x1254C367: "Tags",
    0x1043A770: "Chapters", 0x1941A469: "Attachments", 0xEC: "Void", 0xBF: "CRC-32",
}  # fmt: skip
MAX_WALKED = 50_000
MAX_BOXES = 64
MAX_PROBLEMS = 16


@dataclass(frozen=True)
class _Element:
    id: int
    size: int | None  # None: unknown (live streams)
    length: int  # header bytes

    @property
    def name(self) -> str:
        return NAMES.get(self.id, f"0x{self.id:X}")


def _vint(data: bytes, pos: int, keep_marker: bool) -> tuple[int | None, int] | None:
    """An EBML variable-length integer at ``pos``: (value, bytes), value None for the
    all-ones "unknown" size; None when the bytes hold no integer."""
    if pos >= len(data) or data[pos] == 0:
        return None
    length = 9 - data[pos].bit_length()
    if pos + length > len(data):
        return None
    raw = int.from_bytes(data[pos : pos + length], "big")
    if keep_marker:
        return raw, length
    value = raw & ((1 << (7 * length)) - 1)
    return (None if value == (1 << (7 * length)) - 1 else value), length


@dataclass
class _Walker:
    handle: BinaryIO
    file_size: int
    walked: int = 0
    boxes: list[ContainerBox] = field(default_factory=list)
    problems: list[ContainerProblem] = field(default_factory=list)

    def element(self, offset: int, limit: int) -> _Element | None:
        self.walked += 1
        self.handle.seek(offset)
        data = self.handle.read(max(0, min(12, limit - offset)))
        ident = _vint(data, 0, keep_marker=True)
        size = _vint(data, ident[1], keep_marker=False) if ident else None
        if ident is None or size is None:
            return None
        return _Element(int(ident[0] or 0), size[0], ident[1] + size[1])

    def walk_top(self) -> None:
        offset = 0
        while offset < self.file_size and self.walked < MAX_WALKED:
            element = self.element(offset, self.file_size)
            if element is None:
                self.problem("size_mismatch", "file", offset, None, self.file_size - offset)
                return
            total = element.length + element.size if element.size is not None else None
            self.boxes.append(ContainerBox(element.name, offset, total))
            end = offset + total if total is not None else self.file_size
            outcome = "whole"
            if element.id == SEGMENT:
                outcome = self.children(offset + element.length, end)
            if end > self.file_size:
                self.overrun(offset, element, total, outcome)
            if end > self.file_size or outcome == "broken":
                return
            offset = end

    def overrun(self, offset: int, element: _Element, total: int | None, outcome: str) -> None:
        available = self.file_size - offset
        if outcome == "whole" and element.id == SEGMENT:
            self.problem("size_mismatch", element.name, offset, total, available)
        elif outcome != "broken":
            inner = None if outcome in ("whole", "unknown", element.name) else outcome
            self.problem("truncated", element.name, offset, total, available, inner)

    def children(self, start: int, end: int) -> str:
        """The Segment's children: "whole", "broken", "unknown" (a child of unknown size) or
        the path of the child the end of the file cuts."""
        offset, limit = start, min(end, self.file_size)
        while offset < limit and self.walked < MAX_WALKED:
            child = self.element(offset, limit)
            if child is None:
                if end > self.file_size and self.file_size - offset < 12:
                    return "Segment"  # a child's header cut by the end of the file
                self.problem("size_mismatch", "Segment", offset, None, limit - offset)
                return "broken"
            if child.size is None:
                return "unknown"
            child_end = offset + child.length + child.size
            if child_end > end:
                self.problem("size_mismatch", f"Segment/{child.name}", offset,
                             child.length + child.size, end - offset)  # fmt: skip
                return "broken"
            if child_end > self.file_size:
                return f"Segment/{child.name}"
            offset = child_end
        return "whole"

    def problem(self, kind: ProblemKind, box: str, offset: int, declared: int | None,
                available: int, inner: str | None = None) -> None:  # fmt: skip
        self.problems.append(ContainerProblem(kind, box, offset, declared, available, inner))


def check(handle: BinaryIO, file_size: int) -> ContainerCheck:
    """Walk a Matroska / WebM file (``handle`` open for reading, ``file_size`` bytes)."""
    walker = _Walker(handle, file_size)
    walker.walk_top()
    return ContainerCheck("matroska", file_size, tuple(walker.boxes[:MAX_BOXES]),
                          tuple(walker.problems[:MAX_PROBLEMS]))  # fmt: skip
