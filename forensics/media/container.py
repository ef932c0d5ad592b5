"""The container's structure, read from its bytes: do the sizes its boxes declare fit the file?

ffprobe reads what it can and is silent about the rest: an MP4 cut by one byte inside its
trailing ``moov`` box loses the tag stored last (often the encoder) without a warning, and a
``moov`` declaring 4 GB in a 761 KB file plays. So the evidence's own bytes are walked here,
never any text in it: ISO BMFF (MP4, MOV, 3GP, HEIF) box by box, with 64-bit sizes and size 0
("to the end"), down through the boxes that hold boxes; Matroska/WebM by its EBML elements
(:mod:`forensics.media.matroska`); JPEG by its markers (:mod:`forensics.media.jpeg`). Other
containers are not walked (``None``).

Two kinds of problem come out (:class:`ContainerProblem`): ``truncated`` when a box runs past
the end of the file (with the innermost box the cut falls in, and the tag it holds), and
``size_mismatch`` when a declared size cannot be: a box longer than the box holding it, bytes
where a box header should be, or a box declaring more than the file holds while the boxes
inside it end, whole, exactly at the end of the file (its size was altered, or the file was cut
exactly between two boxes). The walk also hands over the raw text of the container's tag atoms
(``moov/udta``), for the tags ffprobe cut at a NUL byte (:mod:`forensics.media.tags`).
"""

from __future__ import annotations

import itertools
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from forensics.media import jpeg, matroska
from forensics.records.media import ContainerBox, ContainerCheck, ContainerProblem, ProblemKind

MAX_DEPTH = 12
MAX_WALKED = 50_000  # boxes read in all: a file of a million tiny boxes is walked in part
MAX_BOXES = 64  # top-level boxes kept in the record
MAX_PROBLEMS = 16
MAX_TEXTS = 256  # tag atoms kept
TEXT_LIMIT = 8 << 20  # bytes read of one tag atom's text
TOP_LEVEL = {b"ftyp", b"styp", b"moov", b"mdat", b"free", b"skip", b"wide", b"pnot", b"uuid",
             b"sidx", b"moof", b"meta"}  # fmt: skip
HOLDERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl", b"dinf", b"edts", b"udta", b"mvex",
           b"moof", b"traf", b"mfra", b"tref", b"meta", b"ilst"}  # fmt: skip
# The tags ffmpeg's mov demuxer makes of the QuickTime / iTunes text atoms it knows.
ATOM_TAGS = {
    b"\xa9nam": "title", b"\xa9cmt": "comment", b"\xa9des": "description", b"desc": "description",
    b"\xa9too": "encoder", b"\xa9swr": "encoder", b"\xa9enc": "encoder", b"\xa9day": "date",
    b"\xa9ART": "artist", b"\xa9aut": "artist", b"\xa9alb": "album", b"aART": "album_artist",
    b"\xa9wrt": "composer", b"\xa9gen": "genre", b"cprt": "copyright", b"\xa9cpy": "copyright",
    b"\xa9inf": "comment", b"\xa9mak": "make", b"\xa9mod": "model", b"\xa9xyz": "location",
    b"ldes": "synopsis", b"\xa9lyr": "lyrics", b"\xa9grp": "grouping", b"\xa9st3": "subtitle",
}  # fmt: skip


@dataclass(frozen=True)
class TextAtom:
    """The raw text bytes of one container tag atom (at most TEXT_LIMIT of them)."""

    path: str  # e.g. moov/udta/meta/ilst/©nam/data
    key: str | None  # the tag ffmpeg names it (title, encoder, ...), when known
    data: bytes


@dataclass(frozen=True)
class Inspection:
    check: ContainerCheck | None  # None: a container this module does not walk
    texts: tuple[TextAtom, ...] = ()


def inspect_container(path: Path) -> Inspection:
    """Walk the container of ``path`` (read-only, headers only, bounded by MAX_WALKED)."""
    with path.open("rb") as handle:
        head = handle.read(16)
        size = handle.seek(0, 2)
        if head[4:8] in TOP_LEVEL:
            walker = _Walker(handle, size)
            walker.walk_top()
            return Inspection(walker.result(), tuple(walker.texts))
        if head.startswith(matroska.EBML_MAGIC):
            return Inspection(matroska.check(handle, size))
        if head.startswith(jpeg.SOI):
            return Inspection(jpeg.check(handle, size))
    return Inspection(None)


def check_container(path: Path) -> ContainerCheck | None:
    return inspect_container(path).check


def fourcc(kind: bytes) -> str:
    """A box type as text: ASCII as is, 0xA9 as ©, anything else as \\xNN."""
    return "".join(
        "©" if b == 0xA9 else chr(b) if 0x20 <= b < 0x7F and b != 0x5C else f"\\x{b:02x}"
        for b in kind
    )


def _is_type(kind: bytes) -> bool:
    return all(0x20 <= b < 0x7F or b == 0xA9 for b in kind)


@dataclass(frozen=True)
class _Header:
    kind: bytes
    size: int | None  # declared, header included; None: to the end of the box holding it
    length: int  # header bytes


Outcome = str  # "whole", "broken" (a problem is recorded) or the path of the box a cut falls in


@dataclass
class _Walker:
    handle: BinaryIO
    file_size: int
    walked: int = 0
    boxes: list[ContainerBox] = field(default_factory=list)
    problems: list[ContainerProblem] = field(default_factory=list)
    texts: list[TextAtom] = field(default_factory=list)

    def result(self) -> ContainerCheck:
        return ContainerCheck("isobmff", self.file_size, tuple(self.boxes[:MAX_BOXES]),
                              tuple(self.problems[:MAX_PROBLEMS]))  # fmt: skip

    def read(self, offset: int, count: int) -> bytes:
        self.handle.seek(offset)
        return self.handle.read(max(0, count))

    def walk_top(self) -> None:
        """The top-level boxes. One running past the end of the file is looked into, to tell a
        cut (a box inside it runs past the end too) from a size that cannot be (its boxes end,
        whole, at the end of the file)."""
        offset = 0
        while offset < self.file_size and self.walked < MAX_WALKED:
            header = self.header(offset, self.file_size, "", cut=False, any_type=False)
            if not isinstance(header, _Header):
                return
            name = fourcc(header.kind)
            self.boxes.append(ContainerBox(name, offset, header.size))
            end = offset + header.size if header.size else self.file_size
            outcome = self.inside(offset, header, end, name, 1)
            if end > self.file_size:
                self.overrun(offset, header, outcome)
            if end > self.file_size or outcome == "broken":
                return
            offset = end

    def overrun(self, offset: int, header: _Header, outcome: Outcome) -> None:
        name, available = fourcc(header.kind), self.file_size - offset
        if outcome == "whole" and header.kind in HOLDERS:
            self.problem("size_mismatch", name, offset, header.size, available)
        elif outcome != "broken":
            inner = None if outcome in ("whole", name) else outcome
            self.problem("truncated", name, offset, header.size, available, inner, _tag_of(inner))

    def inside(self, offset: int, header: _Header, end: int, path: str, depth: int) -> Outcome:
        """Walk the boxes inside one box, when it holds boxes, and keep a tag atom's text."""
        body = offset + header.length
        parent = path.rsplit("/", 2)[-2] if path.count("/") >= 1 else ""
        if header.kind == b"meta" and self.read(body + 4, 4) != b"hdlr":
            body += 4  # ISO meta is a full box (version and flags); QuickTime's is not
        holds = header.kind in HOLDERS or parent == "ilst"
        if path.startswith("moov/udta/") and parent == "udta" and header.kind[:1] == b"\xa9":
            holds = self.read(body + 4, 4) == b"data"  # iTunes style, else a QuickTime string
            if not holds:
                self.text(path, header.kind, body + 4, end, self.read(body, 2))
        elif path.startswith(("moov/udta/", "moov/meta/")) and header.kind == b"data":
            item = path.rsplit("/", 2)[-2]
            if "/ilst/" in path:
                self.text(path, _atom_bytes(item), body + 8, end, None)
        if holds and depth <= MAX_DEPTH:
            return self.walk(body, end, path, depth, any_type=header.kind == b"ilst")
        return path if end > self.file_size else "whole"

    def walk(self, start: int, end: int, path: str, depth: int, any_type: bool) -> Outcome:
        """The boxes from ``start`` to ``end`` (the declared end of the box holding them)."""
        offset, limit, cut = start, min(end, self.file_size), end > self.file_size
        while offset < limit and self.walked < MAX_WALKED:
            header = self.header(offset, limit, path, cut, any_type)
            if not isinstance(header, _Header):
                return path if header == "cut" else "broken"
            child = f"{path}/{fourcc(header.kind)}"
            child_end = offset + header.size if header.size else end
            if child_end > end:
                self.problem("size_mismatch", child, offset, header.size, end - offset)
                return "broken"
            outcome = self.inside(offset, header, child_end, child, depth + 1)
            if outcome != "whole" or child_end > self.file_size:
                return outcome
            offset = child_end
        return "whole"

    def header(self, offset: int, limit: int, path: str, cut: bool, any_type: bool
               ) -> _Header | str | None:  # fmt: skip
        """The box header at ``offset``; "cut" when the end of the file cuts it inside a box
        running past that end, None (a problem recorded) when the bytes there hold none."""
        self.walked += 1
        raw = self.read(offset, min(16, limit - offset))
        size, kind = struct.unpack(">I4s", raw[:8]) if len(raw) >= 8 else (0, b"")
        length = 16 if size == 1 else 8
        if size == 1 and len(raw) >= 16:
            size = struct.unpack(">Q", raw[8:16])[0]
        if len(raw) < length and cut:
            return "cut"
        where = path or "file"
        if len(raw) < length or (not any_type and not _is_type(kind)):
            self.problem("size_mismatch", where, offset, None, limit - offset)
            return None
        if 0 < size < length:
            named = f"{path}/{fourcc(kind)}" if path else fourcc(kind)
            self.problem("size_mismatch", named, offset, size, limit - offset)
            return None
        return _Header(kind, size or None, length)

    def text(self, path: str, kind: bytes, start: int, end: int, qt_length: bytes | None) -> None:
        """Keep the raw text of a tag atom: a QuickTime string (length, language, text) or an
        iTunes ``data`` box (type, locale, text)."""
        count = min(end, self.file_size) - start
        if qt_length is not None and len(qt_length) == 2:
            count = min(count, struct.unpack(">H", qt_length)[0])
        if len(self.texts) < MAX_TEXTS and count > 0:
            data = self.read(start, min(count, TEXT_LIMIT))
            self.texts.append(TextAtom(path, ATOM_TAGS.get(kind), data))

    def problem(self, kind: ProblemKind, box: str, offset: int, declared: int | None,
                available: int, inner: str | None = None, tag: str | None = None
                ) -> None:  # fmt: skip
        self.problems.append(ContainerProblem(kind, box, offset, declared, available, inner, tag))


def _atom_bytes(name: str) -> bytes:
    return name.encode("latin-1", "replace")  # © is U+00A9: the byte 0xA9 again


def _tag_of(inner: str | None) -> str | None:
    """The tag an atom on ``inner``'s path holds (the one a cut falls in), when known."""
    parts = (inner or "").split("/")
    for parent, name in itertools.pairwise(parts):
        if parent in ("ilst", "udta") and _atom_bytes(name) in ATOM_TAGS:
            return ATOM_TAGS[_atom_bytes(name)]
    return None
