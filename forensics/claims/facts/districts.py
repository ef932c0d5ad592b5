"""Districts and hromadas named by an adjective ("Климовского района", "Кореневским районом",
"у Білопільській, Краснопільській та Хотінській громадах"), in any case, in Russian and
Ukrainian, when the gazetteer does not have them.

A district's value is its adjective in the nominative, romanised, and "District"
("Klimovskiy District", "Bohodukhivskyi District"). A hromada is named after its centre: the
town is the adjective's stem in the form the Ukrainian dictionary knows ("Білопільська" ->
Білопілля, "Хотінська" -> Хотінь, "Сумська" -> Суми); when the dictionary knows none, the
adjective itself names it ("Velykopysarivska hromada"). Neither has coordinates.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from forensics.claims.facts.fact import Fact
from forensics.claims.facts.geonames import geonames_has, locate
from forensics.claims.facts.morphology import Language, analyzer, word_language
from forensics.claims.facts.text import _Text
from forensics.claims.facts.translit import romanise
from forensics.claims.facts.word_scan import matches_at_words

_ADJECTIVE = r"[А-ЯЁІЇЄҐ][а-яёіїєґ'ʼ\u2019-]*(?:ск|цк|зк|ськ|цьк|зьк)[а-яёіїєґ]{1,3}(?![\w'-])"
_JOIN = r"(?:,[ \u00a0]+|[ \u00a0]+(?:и|й|та|і|а[ \u00a0]+также)[ \u00a0]+)"
_KIND = r"(?:міськ|селищн|сільськ|територіальн|городск|муниципальн)\w*[ \u00a0]+"
_NOUNS = {
    # and as summaries shorten them: "Беловского р-на", "Чернігівський р-н", "Шебекинский г/о"
    "district": r"район(?:а|е|у|ом|ов|ах|ам|ы|і|ів)?|округ(?:а|е|у|ом|и|ов|ах)?|"
    r"р-(?:н|на|не|ну|ном|ні|нах|нів)\b|г/о\b",
    "hromada": r"громад(?:а|и|і|у|ою|ах|ам)?",
}
_LIST = re.compile(
    rf"(?<![\w-])(?P<list>{_ADJECTIVE}(?:{_JOIN}{_ADJECTIVE})*)[ \u00a0]+(?P<kind>{_KIND})?"
    rf"(?:(?P<district>{_NOUNS['district']})|(?P<hromada>{_NOUNS['hromada']}))(?![\w-])"
)
_ONE = re.compile(_ADJECTIVE)
_NOTE = "not in the gazetteer: named as a district by its adjective, could not be located"


def district_places(src: _Text) -> Iterator[Fact]:
    """Every district or hromada an adjective names; each adjective of a list is one fact,
    the last one spanning the noun as well."""
    for m in matches_at_words(src, _LIST):  # as finditer, tried only at capitals
        kind = "district" if m["district"] else "hromada"
        if m["district"] and m["district"].startswith("округ") and not m["kind"] and _military(
                src.text, m.end()):  # fmt: skip
            continue  # "Валуйского округа", "городской округ"; not "Московского округа войск"
        adjectives = list(_ONE.finditer(src.text, m.start("list"), m.end("list")))
        for i, adjective in enumerate(adjectives):
            end = m.end() if i == len(adjectives) - 1 else adjective.end()
            value = _value(adjective.group(), kind, src.lang)
            if value is not None:
                said = src.text[adjective.start() : end]
                yield Fact("place", value, said, adjective.start(), end, _detail(kind))


_MILITARY_AFTER = re.compile(r"[ \u00a0]+(?:войск|ВДВ|ВКС|Росгвард|национальной|нацгвард)", re.I)


def _military(text: str, end: int) -> bool:
    """Whether a military word follows an okrug ("Московского округа войск национальной
    гвардии"): a military district, not a municipal one."""
    return _MILITARY_AFTER.match(text, end) is not None


def _detail(kind: str) -> dict[str, object]:
    return {"kind": kind, "region": None, "country": None, "lat": None, "lon": None,
            "radius_km": None, "located": False, "note": _NOTE}  # fmt: skip


@functools.lru_cache(maxsize=1 << 12)
def _value(adjective: str, kind: str, text_language: Language) -> str | None:
    own = word_language(adjective)
    lang: Language = "uk" if own == "uk" or text_language == "uk" else "ru"
    parse = next((p for p in analyzer(lang).parse(adjective) if "ADJF" in str(p.tag)), None)
    if parse is None:
        return None
    if kind == "district":
        nominative = parse.inflect({"nomn", "masc", "sing"})
        word = nominative.word if nominative is not None else parse.normal_form
        russian = _russian_district(word) if lang == "uk" else None
        return f"{romanise(russian or word, 'ru' if russian else lang)} District"
    feminine = parse.inflect({"nomn", "femn", "sing"})
    word = feminine.word if feminine is not None else re.sub("ий$", "а", parse.normal_form)
    town = _centre(word)
    return f"{romanise(town or word, 'uk')} hromada"


_UK_TO_RU = str.maketrans({"є": "е", "і": "и", "и": "ы", "ї": "и", "ґ": "г", "'": None,
                           "\u2019": None, "\u02bc": None})  # fmt: skip


def _russian_district(adjective: str) -> str | None:
    """A Ukrainian adjective of a district named after a Russian town, in Russian spelling
    ("Бєлгородський" -> белгородский, "Брянський" -> брянский, as a Russian text names it):
    only when the town, spelt the Russian way, is a GeoNames place in Russia."""
    m = re.fullmatch(r"(.+?)(?:ськ|цьк)ий", adjective)
    if m is None:
        return None
    stem = m[1].translate(_UK_TO_RU)
    for town in (stem, stem + "ск"):  # Бєлгород, Брянськ
        found = locate({town})
        if found is not None and found.country == "Russia":
            return f"{stem}ский"
    return None


def _centre(adjective: str) -> str | None:
    """The town a hromada's adjective is made from, as the Ukrainian dictionary knows it."""
    stem = re.sub(r"(?:ськ|цьк|зьк)а$", "", adjective)
    if stem == adjective:
        return None
    # a town in -ів or -ка makes its hromada's adjective the same way (Золочівська: Золочів,
    # Семенівська: Семенівка, Добрянська: Добрянка): the stem as a masculine town's name
    # first, then with -ка, each only as a place-like noun in the nominative
    towns = [stem] if stem.endswith("ів") else []
    towns += [stem + "ка"] if stem.endswith(("ів", "ян", "ин", "ен")) else []
    candidates = [c for c in towns if _town_noun(c, "femn" if c != stem else "masc")]
    if stem.endswith("ль"):  # Краснопільська: Краснопілля; Путивльська: Путивль
        candidates += [c for c, g in ((stem[:-1] + "ля", "neut"), (stem, "masc"))
                       if _town_noun(c, g)]  # fmt: skip
    candidates += [stem[:-2] + "я"] if stem.endswith("ян") else []  # Городнянська: Городня
    candidates += [stem + end for end in ("ь", "ськ", "и", "е", "я", "а", "о")]
    # the name's own с or -ів- merged into the suffix: Свеська: Свеса; Дружбівська: Дружба
    candidates += [stem + "са"] if stem[-1:] in "аеиоуяюієї" else []
    candidates += [stem[:-2] + "а"] if stem.endswith("ів") else []
    known = [c for c in candidates if analyzer("uk").word_is_known(c)]
    # a town GeoNames has comes first (Дружба, not the village Дружбівка)
    return next((c for c in known if geonames_has(c)), known[0] if known else None)


def _town_noun(word: str, gender: str) -> bool:
    parses = analyzer("uk").parse(word)
    if any({"Surn", "Name", "Patr"} & set(str(p.tag).replace(" ", ",").split(",")) for p in parses):
        return False  # "Семенів" is also a surname: the town is Семенівка
    return any(
        p.tag.POS == "NOUN" and p.tag.case == "nomn" and p.tag.gender == gender
        and p.tag.animacy == "inan" and "Surn" not in str(p.tag)
        for p in parses if p.is_known
    )  # fmt: skip
