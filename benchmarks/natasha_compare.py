"""Natasha's named entities beside the extractor's, on the Russian texts of tune/ only.

Not a dependency: `pip install natasha` first (its models ship inside its wheels). For each
key place and actor of the Russian tune texts, does Natasha mark an entity of the matching
type (LOC for places; PER or ORG for actors) over its surface, and does the extractor find
it? Traps: Natasha LOC entities over a place trap or a name in not_places.toml. Natasha gives
spans, not values; a span hit is the most it could add before the extractor normalises it.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from claims_eval.annotations import HERE, load_not_places, load_split
from claims_eval.scoring import fold
from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

from forensics.claims.facts import extract_claim_text

WANTED = {"place": {"LOC"}, "actor": {"PER", "ORG"}}


def _over(start: int, end: int, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(start < b and a < end for a, b in spans)


def main() -> None:
    segmenter, tagger = Segmenter(), NewsNERTagger(NewsEmbedding())
    not_places = {fold(n) for n in load_not_places()}
    tally = {k: [0, 0, 0, 0] for k in WANTED}  # expected, natasha, ours, natasha-only
    trap_hits = 0
    for sample in load_split(HERE / "tune"):
        if sample.lang != "ru":
            continue
        doc = Doc(sample.text)
        doc.segment(segmenter)
        doc.tag_ner(tagger)
        ours = extract_claim_text(sample.text, Path(sample.name)).facts
        for fact in sample.expected:
            if fact.kind not in WANTED or not fact.spans:
                continue
            hit_n = any(
                sp.type in WANTED[fact.kind] and _over(sp.start, sp.stop, fact.spans)
                for sp in doc.spans
            )
            hit_o = any(f.kind == fact.kind and _over(f.start, f.end, fact.spans) for f in ours)
            row = tally[fact.kind]
            row[0] += 1
            row[1] += hit_n
            row[2] += hit_o
            row[3] += hit_n and not hit_o
        for sp in doc.spans:
            traps = [t for t in sample.forbidden if t.kind == "place"]
            bad = fold(sp.text) in not_places or any(
                _over(sp.start, sp.stop, t.spans) for t in traps
            )
            trap_hits += sp.type == "LOC" and bad
    for kind, (n, nat, our, only) in tally.items():
        print(f"{kind}: {n} key facts; natasha spans {nat}, extractor {our}, natasha only {only}")
    print(f"natasha LOC over a place trap or a not-place name: {trap_hits}")


if __name__ == "__main__":
    main()
