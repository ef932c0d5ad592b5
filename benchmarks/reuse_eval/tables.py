"""Per split and per method: precision, recall, F1, false positives per negative kind, recall
per class, median IoU on A and on B, time over the decode floor; and for ours whether the
result names the alteration, and every pair it got wrong."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from typing import Any

from .recipes import EXPECTED_ALTERATION, NAME_CAUSES

Row = dict[str, Any]
TITLES = {
    "heldout": "HELD-OUT sources (never used while tuning): the figures that count",
    "tune": "TUNE sources (the detector may be tuned on these): not a measure of generalisation",
    "stress": "STRESS: the weak classes at wider settings, tune sources only (tuned on)",
    "fresh": "FRESH sources (a third held-out set, never tuned on): the figures that count",
    "fresh2": "FRESH2 sources (a fourth held-out set, never run before): the figures that count",
}


def _ratio(n: float, d: float) -> float | None:
    return n / d if d else None


def _median(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def _counts(
    rows: list[Row], method: str, key: Callable[[Row], Sequence[str]], field: str
) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for r in rows:
        for k in key(r):
            cell = out.setdefault(k, [0, 0])
            cell[0] += bool(r["methods"][method][field])
            cell[1] += 1
    return out


def summarise(rows: list[Row], method: str) -> dict[str, Any]:
    mine = [r for r in rows if method in r["methods"]]
    pos = [r for r in mine if r["kind"] != "negative"]
    neg = [r for r in mine if r["kind"] == "negative"]
    outcome = [r["methods"][method] for r in pos]
    located = sum(o["located"] for o in outcome)
    wrong = sum(o["matched"] and not o["located"] for o in outcome)
    false_pos = sum(r["methods"][method]["matched"] for r in neg)
    precision = _ratio(located, located + wrong + false_pos)
    recall = _ratio(located, len(pos))
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else 0.0
    hit = [o for o in outcome if o["located"]]
    return {
        "pairs": len(mine),
        "positives": len(pos),
        "negatives": len(neg),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "located": located,
        "mislocated": wrong,
        "false_positives": false_pos,
        "errors": sum(1 for r in mine if r["methods"][method]["error"]),
        "recall_by_group": _counts(pos, method, lambda r: [r["group"]], "located"),
        "recall_by_class": _counts(pos, method, lambda r: r["classes"], "located"),
        "fp_by_kind": _counts(neg, method, lambda r: [r["group"][4:]], "matched"),
        "median_iou_a": _median([o["iou_a"] for o in hit]),
        "median_iou_b": _median([o["iou_b"] for o in hit]),
        "time_over_decode": _ratio(
            sum(r["methods"][method]["seconds"] for r in mine), sum(r["decode_s"] for r in mine)
        ),
        "named_by_group": named_by_group(pos) if method == "ours" else {},
        "unexplained_names": unexplained_count(pos) if method == "ours" else None,
    }


def unnamed(row: Row) -> list[str]:
    """Classes of a located pair whose alteration ours did not name."""
    named = " ".join(row["methods"]["ours"].get("alterations", [])).lower()
    return [
        c
        for c in row["classes"]
        if c in EXPECTED_ALTERATION and EXPECTED_ALTERATION[c] not in named
    ]


def unexplained(row: Row) -> list[str]:
    """Names ours gave a located pair that none of its classes explains (``NAME_CAUSES``):
    a plain re-encode called "cropped" tells the investigator something false."""
    classes = set(row["classes"])
    return [
        name for name in row["methods"]["ours"].get("alterations", [])
        if not any(name.startswith(word) and causes & classes
                   for word, causes in NAME_CAUSES.items())
    ]  # fmt: skip


def unexplained_count(positives: list[Row]) -> list[int]:
    """[located pairs with a name no alteration of theirs explains, located pairs]."""
    located = [r for r in positives if r["methods"]["ours"]["located"]]
    return [sum(1 for r in located if unexplained(r)), len(located)]


def named_by_group(positives: list[Row]) -> dict[str, list[int]]:
    """Per group: located pairs whose expected alteration words all appear, of located pairs
    with an expected word."""
    out: dict[str, list[int]] = {}
    for r in positives:
        if not r["methods"]["ours"]["located"] or not any(
            c in EXPECTED_ALTERATION for c in r["classes"]
        ):
            continue
        cell = out.setdefault(r["group"], [0, 0])
        cell[0] += not unnamed(r)
        cell[1] += 1
    return out


def fmt(value: float | None, spec: str = ".3f") -> str:
    return "-" if value is None else format(value, spec)


def frac(cell: list[int] | None) -> str:
    return "-" if cell is None else f"{cell[0]}/{cell[1]}"


def print_split(
    split: str, rows: list[Row], summaries: dict[str, dict[str, Any]], sources: str
) -> None:
    methods = list(summaries)
    print(f"\n{'=' * 100}\n{TITLES[split]}\nsources: {sources}\n{'=' * 100}")
    print_headline(summaries)
    print_groups(rows, summaries)
    print("\nFalse positives per negative kind (matched / pairs):")
    kinds = list(dict.fromkeys(r["group"][4:] for r in rows if r["kind"] == "negative"))
    print(f"  {'kind':22}" + "".join(f"{m:>12}" for m in methods))
    for kind in kinds:
        print(
            f"  {kind:22}"
            + "".join(f"{frac(summaries[m]['fp_by_kind'].get(kind)):>12}" for m in methods)
        )
    by_class = summaries["ours"]["recall_by_class"] if "ours" in summaries else {}
    low = [f"{c} {frac(v)}" for c, v in by_class.items() if v[0] < 0.95 * v[1]]
    print(
        "\nours, classes below 0.95 recall counting the combinations they are in: "
        + (", ".join(low) or "none")
    )


def print_headline(summaries: dict[str, dict[str, Any]]) -> None:
    print(
        f"\n  {'method':10}{'pairs':>7}{'precision':>11}{'recall':>8}{'F1':>7}"
        f"{'FP':>9}{'wrong place':>13}{'IoU A':>7}{'IoU B':>7}{'time/decode':>13}{'errors':>8}"
    )
    for m, s in summaries.items():
        print(
            f"  {m:10}{s['pairs']:>7}{fmt(s['precision']):>11}{fmt(s['recall']):>8}"
            f"{fmt(s['f1']):>7}{s['false_positives']:>5}/{s['negatives']:<3}{s['mislocated']:>13}"
            f"{fmt(s['median_iou_a'], '.2f'):>7}{fmt(s['median_iou_b'], '.2f'):>7}"
            f"{fmt(s['time_over_decode'], '.2f') + 'x':>13}{s['errors']:>8}"
        )


def print_groups(rows: list[Row], summaries: dict[str, dict[str, Any]]) -> None:
    methods = list(summaries)
    print(
        "\nRecall per class (located / pairs); ours: named = located pairs whose result names "
        "the alteration"
    )
    print(f"  {'class or combination':40}" + "".join(f"{m:>11}" for m in methods) + f"{'named':>8}")
    for group in dict.fromkeys(r["group"] for r in rows if r["kind"] != "negative"):
        cells = "".join(f"{frac(summaries[m]['recall_by_group'].get(group)):>11}" for m in methods)
        named = frac(summaries.get("ours", {}).get("named_by_group", {}).get(group))
        extra = _pieces_note(rows, group)
        print(f"  {group[:40]:40}{cells}{named:>8}{extra}")
    odd = summaries.get("ours", {}).get("unexplained_names")
    if odd:
        print(f"  ours named an alteration no class of the pair explains on {frac(odd)} located")


def _pieces_note(rows: list[Row], group: str) -> str:
    """For classes with several shared pieces: how many pieces ours' stretches cover."""
    mine = [
        r for r in rows if r["group"] == group and "ours" in r["methods"] and len(r["pieces"]) > 1
    ]
    if not mine:
        return ""
    found = sum(r["methods"]["ours"]["pieces_found"] for r in mine)
    return f"   (ours covers {found}/{sum(len(r['pieces']) for r in mine)} shared excerpts)"


def shortfalls(row: Row) -> list[str]:
    o = row["methods"]["ours"]
    if row["kind"] == "negative":
        return ["FALSE POSITIVE"] if o["matched"] else []
    if not o["located"]:
        return ["MISSED" if not o["matched"] else "WRONG PLACE"]
    return [f"{c} not named" for c in unnamed(row)] + [
        f"'{name}' named, which no alteration of the pair explains" for name in unexplained(row)
    ]


def print_failures(split: str, rows: list[Row]) -> None:
    """Every pair ours got wrong (or described without the alteration's name)."""
    print(f"\nWhere ours falls short on {split} (misses, false positives, wrong place, unnamed):")
    count = 0
    for r in rows:
        if "ours" not in r["methods"] or not (why := shortfalls(r)):
            continue
        count += 1
        truth = "" if r["kind"] == "negative" else f" truth {_pieces(r['pieces'])};"
        print(
            f"  {r['case']} ({r['params']}): {'; '.join(why)};{truth} "
            f"compare: {r['methods']['ours']['detail']}"
        )
    if not count:
        print("  none")


def _pieces(pieces: Sequence[Any]) -> str:
    return ", ".join(f"A {a[0]:.1f}-{a[1]:.1f} B {b[0]:.1f}-{b[1]:.1f}" for a, b in pieces[:3]) + (
        " ..." if len(pieces) > 3 else ""
    )


def print_length_problems(rows: list[Row]) -> None:
    """Pairs whose built clips do not last as long as their truth says (a recipe bug: their
    verdicts cannot be trusted)."""
    bad = [r for r in rows if not r.get("length_ok", True)]
    print(f"\nBuilt clips off their declared length: {len(bad) or 'none'}")
    for r in bad:
        print(f"  {r['split']} {r['case']}: declared / built seconds {r['lengths']}")
