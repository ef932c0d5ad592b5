"""English places the gazetteer lacks, named by their context: "the village of X", "the
villages of X and Y", "near X", "outside X", "outskirts of X", "X village", "X checkpoint",
"the X district", "residents of X", "defenders of X", "the hamlet of Kazachya Lisitsa" (a
romanised adjective and its noun), and after a bare preposition or "entered" a name with a
Slavic settlement's ending ("in Kokorevo", "over Tavrovo", "in Dubovoye")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from forensics.claims.facts.fact import Fact
from forensics.claims.facts.geonames import locate_in
from forensics.claims.facts.katottg import latin_settlement_in
from forensics.claims.facts.place_fact import _place
from forensics.claims.facts.text import _Text

_LATIN_NAME = r"(?-i:[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*)"
# A name of two words whose first is a romanised adjective: "Kazachya Lisitsa", "Novaya
# Tavolzhanka", "Velyka Pysarivka", "Russkoye Porechnoye".
_ADJECTIVE = r"(?-i:[A-Z][a-z]+(?:aya|aia|ya|ia|oye|oe|iy|yy|yi|ye|a))"
# After a word that says a place follows, a masculine adjective also as English spells it,
# in -y ("Bely Kolodez", "Krasny Khutor", "Nizhny Mordok", "Stary Saltiv"), but no month,
# weekday or English word in -y.
_ADJECTIVE_Y = (r"(?-i:(?!(?:January|February|July|Monday|Tuesday|Wednesday|Thursday|Friday|"
                r"Saturday|Sunday|Early|Only|Every|Any|Many|Army|Military|City|Country|Party|"
                r"Holy|Daily|Weekly|Nearly|Family|Company|Ministry|Embassy|Territory)\b)"
                r"[A-Z][a-z]*(?:ly|ny|ry|vy|ky|zhy|khy|shy|chy|gy|dy|ty))")
_TWO_WORDS = (rf"(?-i:(?:{_ADJECTIVE}|{_ADJECTIVE_Y})\s"
              r"(?!(?:Oblast|Region|District|Today|Post)\b)[A-Z][a-z]+)")
# After a bare preposition only a name with a Slavic settlement's ending is taken ("in
# Kokorevo", "over Tavrovo", "in Okhtyrka", "in Oktyabrsky", "Myropillia"; not "over Easter"),
# alone, hyphenated ("Znob-Novhorodske") or after a romanised adjective ("Velyka Pysarivka");
# a name in -sky before "'s" is a surname's possessive ("in Zelensky's office").
_ENDING = (r"(?:ovo|evo|ino|yno|eno|ka|ichi|ychi|ivtsi|skoye|skoe|ske|sk|sky|skyi|skiy|illia|"
           r"illya|ovoye|evoye|noye|nnoye|ovoe|noe|iv)")  # "iv": Ukrainian towns (Saltiv, Zolochiv)
_SETTLEMENT = rf"(?-i:(?:{_ADJECTIVE}\s)?[A-Z][a-z]+(?:-[A-Z][a-z]+)*{_ENDING})\b(?!')"
_SHELLING = (r"(?:shell(?:s|ed|ing)|struck|shelling\s+of|strikes?\s+on|attacks?\s+on|attacked|"
             r"hit|targeted|bombed|raided)")  # fmt: skip
_ENGLISH = re.compile(
    r"\b(?:(?P<village>villages?|hamlets?)|(?P<town>towns?|city)|(?P<settlement>settlements?))"
    rf"\s+of\s+(?P<a>{_TWO_WORDS}|{_LATIN_NAME})"
    rf"|\b(?:residents?|inhabitants?)\s+of\s+(?P<e>{_TWO_WORDS}|{_LATIN_NAME})"
    rf"|\bdefenders\s+of\s+(?P<g>{_TWO_WORDS}|{_SETTLEMENT})"
    rf"|\b(?:in|into|over|from|to|at|around|towards?|entered|entering|including|"
    rf"neighbou?ring|nearby|{_SHELLING})\s+"
    rf"(?P<f>{_SETTLEMENT}|{_LATIN_NAME}\b(?!'))"
    r"|\b(?:outskirts|edge|vicinity)\s+of\s+(?:the\s+(?:village|town)\s+of\s+)?"
    rf"(?P<b>{_TWO_WORDS}|{_LATIN_NAME})"
    r"|\b(?:near|outside|through|(?:north|south|east|west)(?:-?(?:east|west))?\s+of)\s+"
    rf"(?P<c>{_TWO_WORDS}|{_LATIN_NAME})"
    rf"|\b(?P<d>{_LATIN_NAME})\s+"
    r"(?:(?P<village2>village)|(?P<checkpoint>checkpoint|border\s+crossing)|"
    r"(?P<district>district))\b",
    re.IGNORECASE,
)  # fmt: skip
# Names listed before "came under" fire: "Yunakivka and Myropillia came under artillery fire".
_CAME_UNDER = re.compile(
    rf"(?<![\w,] )(?P<names>{_LATIN_NAME}(?:,\s+{_LATIN_NAME})*,?\s+and\s+{_LATIN_NAME}|"
    rf"{_LATIN_NAME})\s+(?:came|comes|come)\s+under\b"
)  # fmt: skip
_NOT_NAMES = frozenset({
    "The", "A", "An", "This", "That", "Its", "His", "Her", "Their", "Our", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October", "November", "December",
    "Border", "Russian", "Ukrainian", "Belarusian", "Russia", "Ukraine", "Military", "Central",
    "Federal", "Police", "Business", "Financial", "Government", "School", "Industrial",
    "Easter", "Christmas",
})  # fmt: skip


_ENGLISH_LIST = re.compile(rf"(?:,\s+|,?\s+and\s+)({_LATIN_NAME})")
_SETTLED = re.compile(_SETTLEMENT)


def _stretches(src: _Text) -> list[tuple[int, int]]:
    """Where English words may stand: the whole body of an English text, the Latin runs of a
    Russian or Ukrainian one."""
    if src.lang == "en":
        return [(src.lo, len(src.text))]
    view = src.latin
    if not view.starts:
        return []
    ends = [start - 1 for start in view.starts[1:]] + [len(view.text)]
    return [(o, o + end - s) for o, s, end in zip(view.origins, view.starts, ends, strict=True)]


def english_places(src: _Text, regions: frozenset[str]) -> Iterator[Fact]:
    for lo, hi in _stretches(src):
        yield from _english_places_in(src, regions, lo, hi)
        yield from _came_under(src, regions, lo, hi)
        yield from _apposed(src, regions, lo, hi)
        yield from _listed(src, regions, lo, hi)


_NAME = rf"(?P<name>{_TWO_WORDS}|{_LATIN_NAME})"
# A name with what it is set beside it: "Murom, a village in Belgorod region", "Sushany, a
# small village", "Bezymeno, Belgorod region", "Solokhi, in the Belgorod region". The word
# after the noun or the region must end the phrase: "Ivanov, a village head" is a person,
# "Gladkov, Belgorod region governor" too.
_APPOSED = re.compile(
    rf"\b{_NAME},\s+(?:(?:an?\s+|the\s+)(?:(?:small|tiny|border|frontline|front-line|"
    r"nearby|neighbouring|neighboring)\s+)?(?P<noun>village|town|hamlet|settlement)\b"
    r"(?!\s+(?:head|council|elder|chief|residents?|official|administration|mayor|school|"
    r"teacher|priest|doctor)\b)|(?:in\s+)?(?:the\s+)?(?P<region>[A-Z][a-z]+)\s+"
    r"(?:region|oblast|Region|Oblast)\b(?!'s)(?=\s*[,.;)]|\s*$|\s+(?:on|in|at|near|where|"
    r"was|were|is|has|had)\b))"
)  # fmt: skip
# Villages named after a word for several: "villages in Sumy region, among them Yunakivka and
# Khotin", "communities such as Strilecha and Hlyboke".
_LISTED = re.compile(
    r"\b(?:villages|towns|settlements|hamlets|communities)\b[^.;:!?]{0,60}?\b(?:among\s+"
    rf"them|such\s+as|including|notably|namely)\s+{_NAME}"
)  # fmt: skip


_PLACE_PREPOSITION = re.compile(r"\b(?:in|at|near|on|of|from|over|outside|around)\s+$", re.I)


def _apposed(src: _Text, regions: frozenset[str], lo: int, hi: int) -> Iterator[Fact]:
    for m in _APPOSED.finditer(src.text, lo, hi):
        name = m["name"]
        before = src.text[max(lo, m.start() - 40) : m.start()]
        if name in _NOT_NAMES or re.search(r"[A-Z][a-z]+\s+$", before):
            continue  # "Mykola Ivanenko, a village" : a person's first name before it
        if m["region"] and (m["region"] in _NOT_NAMES or name == m["region"]):
            continue
        if m["region"] and not (_PLACE_PREPOSITION.search(before) or _settled(name, regions)):
            continue  # "Olena Petrenko, Sumy region, sent us": a reader, not a village
        yield _place(m["noun"] or "", name, name, m.start("name"), set(), regions)


def _listed(src: _Text, regions: frozenset[str], lo: int, hi: int) -> Iterator[Fact]:
    for m in _LISTED.finditer(src.text, lo, hi):
        if m["name"] in _NOT_NAMES:
            continue
        yield _place("", m["name"], m["name"], m.start("name"), set(), regions)
        pos = m.end("name")
        while (more := _ENGLISH_LIST.match(src.text, pos)) is not None:
            if more[1] in _NOT_NAMES:
                break
            yield _place("", more[1], more[1], more.start(1), set(), regions)
            pos = more.end()


def _came_under(src: _Text, regions: frozenset[str], lo: int, hi: int) -> Iterator[Fact]:
    """The places listed as the subject of "came under" (fire, shelling, attack), when each
    has a settlement's ending ("Both came under scrutiny" names none)."""
    for m in _CAME_UNDER.finditer(src.text, lo, hi):
        names = list(re.finditer(_LATIN_NAME, m["names"]))
        if not all(_settled(name[0], regions) for name in names):
            continue
        for name in names:
            if name[0] not in _NOT_NAMES:
                yield _place("", name[0], name[0], m.start("names") + name.start(), set(),
                             regions)  # fmt: skip


def _english_places_in(src: _Text, regions: frozenset[str], lo: int, hi: int) -> Iterator[Fact]:
    for m in _ENGLISH.finditer(src.text, lo, hi):
        group = next(g for g in "abcdefg" if m[g] is not None)
        name = m[group]
        if name in _NOT_NAMES or name.endswith(("ian", "ern", "ese")):
            continue
        pair = _PAIR.match(src.text, m.end(group))
        if pair is not None and latin_settlement_in(f"{name} {pair[1]}", regions):
            name = f"{name} {pair[1]}"  # "edge of Ruski Tyshky": a two-word village there
        if group == "f" and not _settled(name, regions):
            continue  # after a bare preposition: a settlement's ending, or GeoNames there
        district = _DISTRICT_AFTER.match(src.text, m.start(group) + len(name))
        if m["district"] or (group == "f" and district):
            # "the Rylsk district", "in Volokonovsky district": a district, not located
            end = m.end("district") if m["district"] else district.end()  # type: ignore[union-attr]
            yield Fact("place", f"{name} District", src.text[m.start(group) : end],
                       m.start(group), end, _district_detail())  # fmt: skip
            continue
        kind = next((k for k in ("village", "town", "settlement", "checkpoint") if m[k]), "")
        kind = kind or ("village" if m["village2"] else "")
        yield _place(kind, name, name, m.start(group), set(), regions)
        plural = (m["village"] or m["town"] or m["settlement"] or "").endswith("s")
        pos = m.start(group) + len(name)
        while (more := _ENGLISH_LIST.match(src.text, pos)) is not None:
            if more[1] in _NOT_NAMES:  # "the villages of Krupets and Oleshnya"
                break
            if not plural and not _settled(more[1], regions):
                break  # "outskirts of Uhroidy and Krasnopillia", not "near Sumy and Kyiv Post"
            yield _place(kind, more[1], more[1], more.start(1), set(), regions)
            pos = more.end()


def _settled(name: str, regions: frozenset[str]) -> bool:
    """A name with a Slavic settlement's ending, or one GeoNames or Ukraine's codifier has in
    a region the claim names ("in Vorozhba" in a text about Sumy region; not "in Bor", a town
    on the Volga; "including Lukiantsi" in a text about Kharkiv region)."""
    return (_SETTLED.fullmatch(name) is not None or locate_in([name], regions) is not None
            or latin_settlement_in(name, regions) is not None)  # fmt: skip


_PAIR = re.compile(r"[ \u00a0]([A-Z][a-z]+)\b(?!')")
_DISTRICT_AFTER = re.compile(r"[ \u00a0]+(?i:district)\b")


def _district_detail() -> dict[str, object]:
    return {"kind": "district", "region": None, "country": None, "lat": None, "lon": None,
            "radius_km": None, "located": False,
            "note": "not in the gazetteer: named as a district by its context, "
                    "could not be located"}  # fmt: skip
