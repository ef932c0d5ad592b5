"""What the command line prints for people (not --json): a search's, a comparison's and a
claim's findings as short indented lines, a batch's summary as a small table. Every name from
the evidence goes through ``printable``, so a file name cannot start a line of its own."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from forensics.errors import printable
from forensics.records import comparison_to_dict

if TYPE_CHECKING:  # annotations only: the command line loads without the library
    from forensics.case.search import CaseMatch
    from forensics.ingest import Ingested
    from forensics.outcomes import BatchSummary
    from forensics.records import ClaimFacts, Fact


def describe_search(data: dict[str, Any], matches: Sequence[CaseMatch]) -> str:
    scope = f"  ({data['searched']['scope']})"
    clip = printable(data["clip"])
    if not matches:
        return f"{clip}: no footage shared with any other clip of the case\n{scope}"
    lines = [f"{clip}: footage shared with {len(matches)} clip(s) of the case", scope]
    for match in matches:
        lines.append(f"- {printable(match.other.name)} ({match.order})")
        comparison = comparison_to_dict(match.comparison)
        lines.extend(describe_comparison(comparison).splitlines()[1:])
        lines.append(f"  (A is {printable(str(comparison['a']))}, B is "
                     f"{printable(str(comparison['b']))})")  # fmt: skip
    return "\n".join(lines)


def describe_facts(path: Path, found: ClaimFacts) -> str:
    """A plain table: kind, value, characters, and the words as written (one line each). The
    front matter's date is the text's own publication date, not a date the text asserts: its
    kind says so, as the JSON's ``detail.role`` does."""
    published = found.published.isoformat() if found.published else "unknown"
    lines = [f"{printable(str(path))}: {len(found.facts)} facts; published {published}"]
    rows = [(_kind(f), _short(str(f.value), 32), f"{f.start}-{f.end}", _short(f.text, 60))
            for f in found.facts]  # fmt: skip
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(FACT_COLUMNS)]
    for row in (FACT_COLUMNS, *rows):
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines)


FACT_COLUMNS = ("kind", "value", "chars", "text")


def _kind(fact: Fact) -> str:
    return "published" if (fact.detail or {}).get("role") == "published" else fact.kind


def _short(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


_STILL_LAYER = {
    "place": "possibly the same camera or place at another moment, or a moment where nothing moves",
    "graphics": "the same still graphics (a logo, a template, a HUD) over other footage",
}


def describe_comparison(data: dict[str, Any]) -> str:
    """A few plain lines for the terminal."""
    a, b = printable(str(data["a"])), printable(str(data["b"]))
    still = [n == 1 for n in data.get("frames_described") or (0, 0)]
    if not data["shared"]:
        layer = data.get("still_match")
        said = f"no shared footage found between {a} and {b}"
        if layer and any(still):  # a still matching what the clip shows at many moments
            picture, clip = (a, b) if still[0] else (b, a)
            moments = layer["frames"][1 if still[0] else 0]
            said = (f"{picture} (the still) shows no one moment of {clip}: it matches only "
                    f"what the clip shows at other moments too ({moments} sampled moments "
                    f"matched): {_STILL_LAYER[layer['kind']]}")  # fmt: skip
        elif layer:  # the still layer's finding, with its evidence
            said += (f"\n  but {layer['finding']} ({layer['frames'][0]} frames of A match B "
                     "on it)")  # fmt: skip
        return said
    if any(still):  # one picture against a clip: which moment it shows
        seg, side = data["segments"][0], "b" if still[0] else "a"
        shown = f"{seg[side + '_start']:.1f}-{seg[side + '_end']:.1f} s"
        picture, clip = (a, b) if still[0] else (b, a)
        evidence = _moment(seg.get("moment"))
        return (f"{a} and {b}: a still and a clip\n  {picture} (the still) shows {clip} at "
                f"{shown} (similarity {seg['similarity']:.2f}{evidence})")  # fmt: skip
    lines = [
        f"{a} and {b} share footage: {data['a_shared_fraction']:.0%} of A, "
        f"{data['b_shared_fraction']:.0%} of B"
    ]
    for seg in data["segments"]:  # the alterations quote text read in the picture
        altered = printable(", ".join(seg["alterations"])) or "no alteration measured"
        lines.append(
            f"  A {seg['a_start']:.1f}-{seg['a_end']:.1f} s = B {seg['b_start']:.1f}-"
            f"{seg['b_end']:.1f} s (similarity {seg['similarity']:.2f}; {altered})"
        )
    if data.get("onscreen_note"):
        lines.append(f"  {printable(data['onscreen_note'])}")
    return "\n".join(lines)


def _moment(moment: dict[str, Any] | None) -> str:
    """A still's moment evidence: its own keypoints against the best other moment's."""
    if not moment:
        return ""
    other = moment["runner_up"] if moment.get("runner_up_at") is not None else 0
    return (f"; {moment['unique']} keypoints found at that moment only, the best other "
            f"moment {other}")  # fmt: skip


def describe_ingest(done: Ingested, listed: int = 20) -> str:
    """What an ingest run made: per source, the counts, and each missing medium (at most
    ``listed`` of them, then how many more)."""
    lines = [f"{printable(str(done.case_file))}:"]
    read = {path for path, _, posts in done.sources if posts}
    for path, kind, posts in done.sources:
        if posts or path not in read:  # a download folder is read as yt-dlp's and as a folder
            lines.append(f"  {printable(path)} ({kind}): {posts} post(s) with media")
    lines.append(
        f"  {len(done.added)} clip(s) added, {len(done.present)} already in the case, "
        f"{len(done.missing)} missing media, {done.albums} album(s), {done.ignored} message(s) "
        "or file(s) with no clip"
    )
    for missing in done.missing[:listed]:
        where = f" {missing.url}" if missing.url else ""
        lines.append(f"  missing: {printable(missing.key)}{printable(where)}: "
                     f"{printable(_short(missing.reason, 90))}")  # fmt: skip
    if len(done.missing) > listed:
        lines.append(f"  ... and {len(done.missing) - listed} more missing (see ingest.json)")
    return "\n".join(lines)


def describe_batch(summary: BatchSummary) -> str:
    """The table at the end of a batch: clips, failures, findings by severity, shared pairs."""
    rate = summary.analysed / summary.seconds * 60 if summary.seconds > 0 else 0.0
    findings = ", ".join(f"{count} {severity}" for severity, count in summary.findings)
    rows = [
        ("clips", f"{summary.clips}"),
        ("analysed", f"{summary.analysed} ({rate:.1f} a minute, {summary.where})"),
        ("already in the case", f"{summary.skipped}"),
        ("failed", f"{summary.failed}"),
        ("not reached", f"{summary.not_reached} (interrupted)" if summary.not_reached else "0"),
        ("findings", findings),
        ("shared pairs", f"{summary.shared_pairs} found as these clips joined the case"),
        ("time", f"{summary.seconds:.1f} s"),
    ]
    width = max(len(name) for name, _ in rows)
    return "\n".join(["batch:", *(f"  {name:<{width}}  {value}" for name, value in rows)])
