"""Name facts: places, actors, equipment and platforms found by the vocabulary's aliases, and
places written as coordinates ("50.455, 35.588").

All four kinds form one layer: every alias of every entry is matched and the longest match
wins, so "Novaya Tavolzhanka" is one place and "Russian Volunteer Corps" one actor. A name that
is both a place and an actor ("Moscow", "Ukraine") is told apart by its context, and a title
next to a name of the same actor is merged into one mention.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from forensics.claims.facts.actors_cyr import people_and_units
from forensics.claims.facts.context_places import context_places
from forensics.claims.facts.cyrillic import alias_hits, has_cyrillic
from forensics.claims.facts.cyrillic import plural as cyrillic_plural
from forensics.claims.facts.equipment_cyr import equipment_facts
from forensics.claims.facts.fact import Fact
from forensics.claims.facts.metonymy import governments_acting
from forensics.claims.facts.named_after import without_namesakes
from forensics.claims.facts.people_en import apposed_people, english_administrations
from forensics.claims.facts.place_misreads import without_misread_places
from forensics.claims.facts.speakers_en import speaking_people, with_titles_merged
from forensics.claims.facts.text import _HYPHENS, LatinView, _balanced, _longest, _Text
from forensics.claims.facts.titles import not_in_titles
from forensics.claims.facts.toponyms import gazetteer_hits
from forensics.claims.facts.vocabulary import Vocabulary, _alias_key, _Hit

NAME_KINDS = ("actor", "place", "equipment", "platform")  # this order breaks ties of length

_NEGATED = re.compile(rf"\b(?:anti|pro|non)[{_HYPHENS}]$", re.I)
# A name glued to a word that makes it an attribute of someone else: "a Kharkiv-born
# blogger", "Moscow-based outlet" (neither a place of the events nor the government), "a
# tank-less column" (no tank), "a Kursk-class submarine".
_ATTRIBUTE_AFTER = re.compile(rf"[{_HYPHENS}](?:based|born|bred|raised|registered|"
                              r"headquartered|made|less|free|class)\b", re.I)  # fmt: skip
_LOCATIVE = re.compile(r"\b(?:in|into|to|from|near|across|inside|outside|at|towards?|through|"
                       r"within|around|bordering|of|over|along|entered|crossed|reached|"
                       r"(?:border|frontier)s?\s+with)\s+"
                       r"(?:the\s+)?(?:(?:north|south|east|west)(?:-?(?:east|west))?ern\s+|"
                       r"central\s+|occupied\s+|neighbou?ring\s+)?$", re.I)  # fmt: skip
# A verb of saying or denying after a state or a capital makes it the government, even at the
# end of a list of places ("raiders crossed into Belgorod region, Moscow says").
_SPEAKS_AFTER = re.compile(r"[ \u00a0]+(?:(?:has|had|have|also|again|later|now)[ \u00a0]+)?"
                           r"(?:says|said|claims|claimed|denies|denied|insists|insisted|"
                           r"accuses|accused|blames|blamed|reports|reported|announced|"
                           r"warns|warned|responded|rejects|rejected|dismissed|alleges|"
                           r"alleged|confirmed|confirms)\b")  # fmt: skip
_COORDINATES = re.compile(r"(?<![\w.,])(-?\d{1,2}\.\d{3,7})\u00b0?\s*([NS])?,\s*"
                          r"(-?\d{1,3}\.\d{3,7})\u00b0?\s*([EW])?(?!\w|[.,]\d)")  # fmt: skip


def _name_facts(src: _Text, vocab: Vocabulary) -> list[Fact]:
    view = src.latin if src.lang != "en" else None
    hits = [hit for kind in NAME_KINDS for hit in _hits(src, vocab, kind, view)]
    hits += [hit for hit in alias_hits(src, vocab) if not _minutes(src.text, hit)]
    hits += gazetteer_hits(src, vocab)
    chosen = _longest(_place_or_actor(src.text, hits), len(src.text))
    facts = _merge_adjacent(src.text, [_name_fact(src.text, hit) for hit in chosen])
    facts = [_district_of_town(src.text, f) for f in facts]
    # a Cyrillic model or compound the vocabulary has only in part ("БТР-82А", "FPV-дрона")
    facts = _longest(equipment_facts(src, vocab) + facts, len(src.text))  # ties: the model
    facts += context_places(src, facts)
    facts = without_misread_places(src, facts)  # "села Иван Петров", «Курск — наш!»
    facts += people_and_units(src, vocab, facts)
    facts = without_namesakes(src.text, facts)  # "на вулиці Тараса Шевченка": a street
    facts += apposed_people(src, facts)
    # "Iryna Kovalenko said", "police chief X": people placed as speakers or after a title
    facts = with_titles_merged(src.text, facts, speaking_people(src, vocab, facts))
    facts += english_administrations(src, vocab)
    facts = not_in_titles(src, facts)  # "«Вести. Брянск»", "Kursk Online": outlets
    facts = governments_acting(src, vocab, facts)  # "Москва назвала": the government
    return sorted(facts + _coordinate_facts(src), key=lambda f: f.start)


_AFTER_DIGITS = re.compile(r"\d[ \u00a0]?$")


def _minutes(text: str, hit: _Hit) -> bool:
    """ "20 мин" after digits is minutes, not twenty mines (the genitive plural of "мина")."""
    said = text[hit.start : hit.end].lower()
    return said == "мин" and bool(_AFTER_DIGITS.search(text, max(0, hit.start - 2), hit.start))


def _matches(
    src: _Text, pattern: re.Pattern[str], view: LatinView | None
) -> Iterator[tuple[int, int]]:
    if view is None:
        yield from ((m.start(), m.end()) for m in pattern.finditer(src.text, src.lo))
    else:  # a Cyrillic text: only its Latin stretches can hold a Latin alias
        yield from ((view.original(m.start()), view.original(m.end() - 1) + 1)
                    for m in pattern.finditer(view.text))  # fmt: skip


def _hits(src: _Text, vocab: Vocabulary, kind: str, view: LatinView | None) -> Iterator[_Hit]:
    for pattern, entry in vocab.patterns[kind]:
        for m_start, m_end in _matches(src, pattern, view):
            start, end = _balanced(src.text, m_start, m_end)
            if _NEGATED.search(src.text[max(0, start - 5) : start]):
                continue  # an "anti-Kremlin militia" is someone else
            if _ATTRIBUTE_AFTER.match(src.text, end):
                continue
            if kind in ("actor", "place") and re.match(r"\s+time\b", src.text[end : end + 6]):
                continue  # "12:40 Kyiv time" is a clock
            if kind == "platform" or not src.in_url(start, end):
                yield _Hit(start, end, kind, entry)


def _place_or_actor(text: str, hits: list[_Hit]) -> list[_Hit]:
    """ "Moscow said" is an actor; "in Moscow", a dateline's "MOSCOW," and the Moscow of
    "Bryansk, Kursk, Moscow" are places."""
    places = {(h.start, h.end) for h in hits if h.kind == "place"}
    actors = {(h.start, h.end) for h in hits if h.kind == "actor"}
    both = places & actors
    if not both:  # most long texts: nothing to tell apart, and 100,000 hits to keep
        return list(hits)
    starts = {s for s, _ in places - actors}
    ends = {e for _, e in places - actors}

    def is_place(hit: _Hit) -> bool:
        listed = any(hit.start - d in ends or hit.end + d in starts for d in range(4))
        locative = _LOCATIVE.search(text[max(0, hit.start - 30) : hit.start])
        if not locative and _SPEAKS_AFTER.match(text, hit.end):
            return False
        return bool(locative) or listed or text[hit.start : hit.end].isupper()

    def keep(hit: _Hit) -> bool:
        if (hit.start, hit.end) not in both:
            return True
        return (hit.kind == "place") == is_place(hit)

    return [hit for hit in hits if keep(hit)]


def _name_fact(text: str, hit: _Hit) -> Fact:
    f, said = hit.entry.fields, text[hit.start : hit.end]
    detail: dict[str, object] | None = None
    if hit.kind == "place":
        detail = {k: f.get(k) for k in ("kind", "region", "country", "lat", "lon", "radius_km")}
    elif hit.kind == "actor":
        detail = {"side": f["side"], "type": f["type"], "role": f.get("role")}
    elif hit.kind == "equipment":
        if has_cyrillic(said):
            plural = cyrillic_plural(said)
        else:  # the aliases' keys only here: a long Cyrillic claim names the same models often
            exact = {_alias_key(name) for name in hit.entry.names()}
            plural = _alias_key(said) not in exact and said.lower().endswith("s")
        detail = {"category": f["category"], "plural": plural}
    return Fact(hit.kind, hit.entry.name, said, hit.start, hit.end, detail)


def _merge_adjacent(text: str, facts: list[Fact]) -> list[Fact]:
    """A title and a name of one actor side by side are one mention: "Belgorod Governor
    Vyacheslav Gladkov", "Russian Volunteer Corps (RVC)"."""
    out: list[Fact] = []
    for fact in facts:
        prev = out[-1] if out else None
        gap = text[prev.end : fact.start] if prev else ""
        if (
            prev
            and prev.kind == fact.kind == "actor"
            and prev.value == fact.value
            and re.fullmatch(r"[\s,]*\(?\s*", gap)
        ):
            end = fact.end + (gap.strip().endswith("(") and text[fact.end : fact.end + 1] == ")")
            out[-1] = replace(prev, text=text[prev.start : end], end=end)
        elif prev and _title_of(prev, fact, gap):
            out[-1] = replace(fact, text=text[prev.start : fact.end], start=prev.start)
        else:
            out.append(fact)
    return out


_DISTRICT_AFTER = re.compile(r"[ \u00a0]+district\b", re.I)


def _district_of_town(text: str, fact: Fact) -> Fact:
    """ "the Valuyki district", "Volchansk district": a town of the gazetteer before "district"
    names its district, valued by the town's own name ("Vovchansk District"); a district the
    gazetteer has is matched whole before this."""
    after = _DISTRICT_AFTER.match(text, fact.end)
    if after is None or (fact.detail or {}).get("kind") not in ("town", "city"):
        return fact
    detail = {**(fact.detail or {}), "kind": "district", "town": fact.value, "lat": None,
              "lon": None, "radius_km": None}  # fmt: skip
    end = after.end()
    return Fact("place", f"{fact.value} District", text[fact.start : end], fact.start, end, detail)


def _title_of(title: Fact, name: Fact, gap: str) -> bool:
    """ "regional governor Roman Starovoit", "the regional governor, Roman Starovoit": a title
    in lower case (an alias of one governor, "regional governor") right before another
    official's name, or set beside it by a comma, is that official's title."""
    return (
        title.kind == name.kind == "actor"
        and title.value != name.value
        and title.text[:1].islower()
        and gap.strip() in ("", ",")
        and (gap.isspace() or gap.startswith(","))
        and (title.detail or {}).get("type") == (name.detail or {}).get("type") == "official"
    )


def _coordinate_facts(src: _Text) -> list[Fact]:
    """ "50.455, 35.588" in a geolocation claim is a place, given as a point."""
    facts = []
    for m in _COORDINATES.finditer(src.text, src.lo):
        lat = float(m[1]) * (-1 if m[2] == "S" else 1)
        lon = float(m[3]) * (-1 if m[4] == "W" else 1)
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            detail: dict[str, object] = {
                "kind": "coordinates",
                "region": None,
                "country": None,
                "lat": lat,
                "lon": lon,
                "radius_km": None,
            }
            facts.append(Fact("place", f"{lat}, {lon}", m.group(), m.start(), m.end(), detail))
    return facts
