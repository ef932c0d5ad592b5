"""Areas named after their town with -щина / -чина ("на Чугуївщині", "Куп'янщину",
"Белгородчина"), in Russian and Ukrainian, when the vocabulary does not list them.

The convention (benchmarks/claims_eval/README.md, the ninth work): such a word names the area
around a town, and its value is the administrative unit named after that town. A town that is
its oblast's centre names the oblast (Полтавщина -> Poltava Oblast, the same place as
"Полтавська область", as the vocabulary already lists Харківщина and Белгородчина); any other
town names its district ("Chuhuiv District", "Kupiansk District"), as officials and reporters
use the word. The town is found by morphology, not by a list: the word's dictionary form less
its suffix is tried as written (Чугуїв), with the endings a town's name drops (-ськ:
Куп'янськ; -ля: Краснопілля; -ка: Охтирка; -а, -и, -о, -е), and taken when the dictionary
knows it as the nominative of an inanimate noun (Russian: tagged as a place).

A word in -щина whose stem is no town (Храпівщина, a village) is a settlement of that name,
but only after a preposition of place, and not when its stem is an adjective the dictionary
knows (Батьківщина, the homeland, from батьків). Neither kind of area has coordinates.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from forensics.claims.facts.fact import Fact
from forensics.claims.facts.geonames import centre_region, locate, region_key
from forensics.claims.facts.katottg import is_city
from forensics.claims.facts.morphology import Language, analyzer, word_language
from forensics.claims.facts.text import _Text
from forensics.claims.facts.translit import romanise, spellings
from forensics.claims.facts.word_scan import matches_at_words

_AREA_WORD = re.compile(r"(?<![\w'’ʼ-])(?:[А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ]+-)?[А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ]+"
                        r"(?:щин|чин)(?:а|ы|и|і|е|у|ой|ою)(?![\w'’ʼ-])")  # fmt: skip
_SUFFIX = re.compile(r"(?:щина|чина)$")
# The endings a town's name loses before -щина: Куп'янськ, Краснопілля, Полтава, Суми,
# Охтирка.
_TOWN_ENDINGS = ("", "ськ", "цьк", "а", "и", "о", "е", "ка", "ине")
_TOWN_ENDINGS_RU = ("", "ск", "а", "ы", "о", "ино")
_PLACE_PREPOSITION = re.compile(
    r"(?:^|[\s(«\"])(?:в|во|на|по|у|под|під|из|із|з|зі|с|со|до|от|від|біля|около|поблизу)"
    r"[ \u00a0]+$", re.I)  # fmt: skip
_NOTE = "not in the gazetteer: an area named after its town (-щина), could not be located"


def area_places(src: _Text, taken: bytearray) -> Iterator[Fact]:
    """Every capitalised -щина / -чина word that names an area around a town, or (after a
    preposition of place) a village of that name; not where ``taken`` marks a fact already
    (the vocabulary's Бєлгородщина, Сумщина)."""
    if src.lang == "en":
        return
    for m in matches_at_words(src, _AREA_WORD):  # as finditer, tried only at capitals
        if taken[m.start()]:
            continue
        lang: Language = "uk" if word_language(m.group()) == "uk" or src.lang == "uk" else "ru"
        found = _area(m.group(), lang)
        if found is None:
            continue
        kind, value = found
        if kind == "village" and not _PLACE_PREPOSITION.search(
                src.text[max(src.lo, m.start() - 12) : m.start()]):  # fmt: skip
            continue
        detail: dict[str, object] = {
            "kind": kind, "region": None, "country": None, "lat": None, "lon": None,
            "radius_km": None, "located": False, "note": _NOTE,
        }  # fmt: skip
        yield Fact("place", value, m.group(), m.start(), m.end(), detail)


@functools.lru_cache(maxsize=1 << 10)
def _area(word: str, lang: Language) -> tuple[str, str] | None:
    """(kind, value) for an area word: ("oblast", "Poltava Oblast"), ("district", "Chuhuiv
    District"), ("village", "Khrapivshchyna"); None when the word is no such noun."""
    nominative = next(
        (str(p.normal_form) for p in analyzer(lang).parse(word)
         if p.tag.POS == "NOUN" and p.tag.animacy == "inan" and p.tag.gender == "femn"
         and _SUFFIX.search(str(p.normal_form))), None)  # fmt: skip
    if nominative is None:
        return None
    stem = _SUFFIX.sub("", nominative.replace("ё", "е"))
    if len(stem) < 3:
        return None
    town = _town(stem, lang)
    if _adjective(stem, lang) and (town is None or not _named_town(town)):
        return None  # "Батьківщина": the homeland, from the adjective батьків (not Миколаїв)
    if town is None:
        return "village", romanise(nominative, lang)
    name = romanise(town, lang)
    if not town.endswith("ський") and centre_region({town}) is not None:  # Вінниччина
        return "oblast", f"{name} Oblast"
    return "district", f"{name} District"


def _town(stem: str, lang: Language) -> str | None:
    """The town a -щина word is named after: the stem with a town's ending, known to the
    dictionary as an inanimate noun in the nominative (Russian: a place)."""
    endings = _TOWN_ENDINGS if lang == "uk" else _TOWN_ENDINGS_RU
    candidates = [stem + ending for ending in endings]
    if stem.endswith("ь"):  # "Краснопіль-щина": Краснопілля, before the noun краснопіль
        candidates.insert(0, stem[:-1] + "ля")
    if stem.endswith("ч"):  # "Вінниччина", "Донеччина": Вінниця, Донецьк
        candidates += [stem[:-1] + e for e in ("ця", "цький", "цьк", "цк")]  # Хмельницький
    if stem[-1] in "аеиоуяюієї":  # "Одещина", "Черкащина": с before -щина
        candidates += [stem + "са", stem + "си"]
    candidates.append(stem + "ь")  # "Тверщина": Тверь
    if lang == "uk":  # "Новгород-Сіверщина", "Шосткинщина", "Ічнянщина": cities codified
        candidates += [stem + "ський", stem[:-2] + "а", stem[:-2] + "я"]
    known = [town for town in candidates if _town_noun(town, lang) or (
        lang == "uk" and is_city(town))]  # fmt: skip
    # "Сумщина": both сум (a currency) and Суми are nouns; the one GeoNames has is the town,
    # else one that names a region (GeoNames spells Kyiv and Vinnytsia otherwise)
    located = [town for town in known if locate({town}) is not None]
    centres = sorted((town for town in known if centre_region({town}) is not None),
                     key=lambda town: not _region_named(town))  # Донецьк before донецький
    return next(iter(located + centres + known), None)


def _region_named(town: str) -> bool:
    """The region bears the town's very name (Донецьк: "Donetsk"), not just its stem."""
    region = centre_region({town})
    return region is not None and region_key(region) in {region_key(k) for k in spellings(town)}


def _named_town(town: str) -> bool:
    return locate({town}) is not None or centre_region({town}) is not None


def _town_noun(town: str, lang: Language) -> bool:
    if not analyzer(lang).word_is_known(town):
        return False  # the guesser reads any made-up word as a noun
    return any(
        p.tag.POS == "NOUN" and p.tag.animacy == "inan" and p.tag.case == "nomn"
        and p.normal_form.replace("ё", "е") == town and (lang == "uk" or "Geox" in str(p.tag))
        for p in analyzer(lang).parse(town)
    )  # fmt: skip


def _adjective(stem: str, lang: Language) -> bool:
    return any(p.tag.POS == "ADJF" and p.normal_form == stem for p in analyzer(lang).parse(stem))
