"""The findings about a container's structure and about tag text the report could not keep
whole, each a code, a severity and one sentence (the rules in :mod:`forensics.media.flags`).

They are made from records read from the evidence's bytes (:class:`ContainerCheck`,
:class:`TagNote`), never from text in the file: a tag can say anything, a box size is what a
reader follows.
"""

from __future__ import annotations

from forensics.media.tags import TAG_LIMIT
from forensics.records.media import ContainerCheck, ContainerProblem, Flag, TagNote

QUOTE_LIMIT = 200  # characters of hidden tag text quoted in a finding
# Where a container keeps the tags ffprobe reads: a cut there loses them without a warning.
TAG_HOLDERS = ("moov", "Segment/Tags", "Segment/Info")


def structure_flags(structure: ContainerCheck | None) -> list[Flag]:
    """``container_truncated`` (``truncated`` for a still), ``container_size_mismatch``, and
    ``metadata_damaged`` when a cut falls where the tags are kept."""
    if structure is None:
        return []
    flags = [_problem_flag(p, structure.family) for p in structure.problems]
    cut = next((p for p in structure.problems if p.kind == "truncated" and _in_tags(p)), None)
    if cut is not None:
        flags.append(_metadata_damaged(cut))
    return flags


def _in_tags(problem: ContainerProblem) -> bool:
    return problem.box == "moov" or (problem.inner or "").startswith(TAG_HOLDERS[1:])


def _problem_flag(p: ContainerProblem, family: str) -> Flag:
    if p.kind == "truncated" and family == "jpeg":
        return Flag("truncated", "high", _jpeg_cut(p))  # as a cut clip's frames are
    if p.kind == "truncated":
        where = f", inside {p.inner}" if p.inner else ""
        what = f" (which holds the {p.tag} tag)" if p.tag else ""
        declared = f"{p.declared:,} bytes" if p.declared is not None else "more bytes"
        unit = "element" if family == "matroska" else "box"
        return Flag("container_truncated", "high",
                    f"The file ends {_missing(p)}before the end its {p.box} {unit} declares "
                    f"({declared} from offset {p.offset:,}; {p.available:,} are there): the "
                    f"file was cut{where}{what}.")  # fmt: skip
    return Flag("container_size_mismatch", "medium" if p.declared is None else "high",
                _mismatch(p, "element" if family == "matroska" else "box"))  # fmt: skip


def _missing(p: ContainerProblem) -> str:
    if p.declared is None:
        return ""
    missing = p.declared - p.available
    return f"{missing:,} byte{'s' if missing != 1 else ''} "


def _jpeg_cut(p: ContainerProblem) -> str:
    if p.box == "SOS" and p.declared is None:
        return ("The image data runs to the end of the file without the end-of-image marker "
                "(FFD9): the file was cut, and the picture's last rows may be missing (they "
                "are decoded as blank).")  # fmt: skip
    return (f"The JPEG's {p.box} marker at offset {p.offset:,} runs past the end of the file "
            f"({p.available:,} bytes are there): the file was cut.")  # fmt: skip


def _mismatch(p: ContainerProblem, unit: str) -> str:
    if p.declared is None:
        where = f"after the last whole {unit}" if p.box == "file" else f"inside {p.box}"
        return (f"At offset {p.offset:,}, {p.available:,} bytes {where} are no {unit} the "
                "format knows: a size declared before them is wrong (altered or damaged), or "
                "data was added to the file.")  # fmt: skip
    if p.declared < 8:
        return (f"The {p.box} {unit} at offset {p.offset:,} declares {p.declared} bytes, less "
                "than its own header: the structure was altered or damaged.")  # fmt: skip
    if "/" in p.box:
        return (f"The {p.box} {unit} declares {p.declared:,} bytes from offset {p.offset:,}, "
                f"past the end of the {unit} holding it ({p.available:,} bytes left there): "
                "the sizes cannot both be right: the structure was altered or damaged."
                )  # fmt: skip
    units = "boxes" if unit == "box" else f"{unit}s"
    return (f"The {p.box} {unit} declares {p.declared:,} bytes from offset {p.offset:,}, but "
            f"only {p.available:,} are left in the file, and the {units} inside it end, whole, "
            "exactly at the end of the file: its size field was altered (or the file was cut "
            f"exactly between two of its {units}).")  # fmt: skip


def _metadata_damaged(p: ContainerProblem) -> Flag:
    lost = f"its {p.tag} tag could not be read, and " if p.tag else ""
    return Flag("metadata_damaged", "medium",
                f"The container is cut where it keeps its metadata ({p.inner or p.box}): "
                f"{lost}ffprobe reads nothing from the damaged part, so this report may lack "
                "tags the file held; a missing encoder, creation-time, device or location "
                "finding says nothing about this file.")  # fmt: skip


def tag_flags(notes: tuple[TagNote, ...]) -> list[Flag]:
    """``tag_hidden_text`` for each tag cut by a NUL byte, ``tag_shortened`` for the rest."""
    flags = [_hidden(n) for n in notes if n.nul_at is not None]
    long = [n for n in notes if n.nul_at is None and n.shortened]
    if long:
        named = "; ".join(f"{n.scope}:{n.name[:40]!r}, {n.length:,} characters, SHA-256 "
                          f"{n.sha256[:16]}…" for n in long[:3])  # fmt: skip
        more = f" and {len(long) - 3} more" if len(long) > 3 else ""
        flags.append(Flag("tag_shortened", "info",
                          f"{len(long)} tag value(s) are longer than a report keeps "
                          f"({TAG_LIMIT:,} characters) and are stored cut, ending with '…' "
                          f"({named}{more}); metadata.tag_notes holds each full length and "
                          "SHA-256."))  # fmt: skip
    return flags


def _hidden(n: TagNote) -> Flag:
    text = n.text or ""
    quoted = text if len(text) <= QUOTE_LIMIT else text[: QUOTE_LIMIT - 1] + "…"
    return Flag("tag_hidden_text", "medium",
                f"The {n.scope} tag {n.name[:40]!r} holds a NUL byte after {n.nul_at:,} "
                "characters: ffprobe and most players show only the text before it, but its "
                f"atom ({n.atom}) holds {n.length:,} characters (SHA-256 {n.sha256[:16]}…): "
                f"{quoted!r}, the NUL shown as ␀.")  # fmt: skip
