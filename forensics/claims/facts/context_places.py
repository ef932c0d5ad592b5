"""Places the gazetteer lacks, recognised from the words around them: "the village of X",
"near X", "X village", "outskirts of X", "село X", "в районе X", "под X", "над X", "у селі X",
"поблизу X", "под удар попали X", an adjective alone after such a preposition ("у Лесного":
Лесное), and the town of a Cyrillic wire dateline ("БРЯНСК, 18 июля"). The name's
nominative is read by :mod:`place_names`.

Precision comes first: a name that already is a fact (an outlet, a person, a platform in the
vocabulary) is never taken, nor one the dictionary knows only as a person's name, a surname
or an organisation. After a word as vague as "у" or "під" the name must also be unknown to the
dictionary or known as a place, so "у Путина" and "под Новый год" stay what they are. Such a
place has no coordinates: its detail says it could not be located.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from forensics.claims.facts.areas_cyr import area_places
from forensics.claims.facts.cities_ua import ukrainian_cities
from forensics.claims.facts.cyrillic import CYRILLIC, WORD, forms
from forensics.claims.facts.districts import district_places
from forensics.claims.facts.english_places import english_places
from forensics.claims.facts.fact import Fact
from forensics.claims.facts.geonames import locate, locate_in
from forensics.claims.facts.katottg import settlement_in
from forensics.claims.facts.morphology import Language, analyzer
from forensics.claims.facts.oblique_villages import (
    GOVERNS,
    adjective_village,
    approached_village,
    codified_place,
    common_noun_name,
    plural_village,
)
from forensics.claims.facts.place_echoes import repeated_places
from forensics.claims.facts.place_fact import _place, regions_named
from forensics.claims.facts.place_names import (
    _adjective_and_noun,
    _may_be_place,
    _nominative,
    _oblique_nominative,
    _only_personal,
    _parses,
    _personal,
    case_of,
    feminine_as_written,
    nominative_village,
    russian_toponym,
    soft_feminine,
    ukrainian_toponym,
    undeclined_village,
    unlocated_town,
    village_not_woman,
)
from forensics.claims.facts.text import _Text
from forensics.claims.facts.toponyms import _capitalised, _qualifies, qualifies_next
from forensics.claims.facts.towns_cyr import (
    _language,
    dateline_places,
    dictionary_towns,
    listed_name,
)
from forensics.claims.facts.translit import romanise
from forensics.claims.facts.word_scan import matches_at_words

# Cue -> the kind of place it names; "" is a vague cue (a preposition) that needs the name to
# be unknown to the dictionary or known as a place.
_CYRILLIC_CUES = {
    "village": r"с[её]л(?:о|а|е|у|ом|і|ах|ам)|с[іеё]л|деревн(?:я|и|е|ю|ей)|хутор(?:а|е|у|ом)?|"
               r"населенн?(?:ых|ого|ые|ый)\s+пункт(?:ов|а|ы|ах)|населён(?:ных|ного|ные|ный)\s+"
               r"пункт(?:ов|а|ы|ах)|населен(?:их|ого|і|ий)\s+пункт(?:ів|у|и|ах)",
    "settlement": r"пос[её]л(?:ок|ка|ке|ку|ком)(?:\s+городского\s+типа)?|пгт|смт|"
                  r"селищ(?:е|а|і|ем)(?:\s+міського\s+типу)?",
    "town": r"город(?:а|е|у|ом)?|міст(?:о|а|і|ом)|райцентр(?:а|е|у|ом|і)?",
    "checkpoint": r"(?:пункт(?:а|е|у|ом|і)?|пунктом)\s+пропуск[ау]|КПП",
    # "Near" cues that only a place follows: in Ukrainian, whose dictionary tags no place
    # names, a name the dictionary knows as a noun is taken after them ("біля Гатища").
    "near": r"в\s+район[еі]|у\s+район[еі]|(?:из|от|до|із|з|від)\s+район[ау]|"
            r"в\s+окрестностях|в\s+околицях|на\s+окраин(?:е|а|ах)|на\s+околиц(?:і|я|ях)|"
            r"окраин(?:а|е|у|ы|ам|ах|ами)|околиц(?:я|і|ею|ю|ям|ях|ями)|в\s+направлении|в\s+сторону|"
            r"[ву]\s+напрямку|[ву]\s+бік|біля|поблизу|навпроти|напротив|неподалік(?:\s+від)?|поруч\s+із|"
            r"со?\s+стороны|з\s+боку|жител(?:и|ей|ям|ь|я)|жительниц(?:а|ы|е|у)|мешканц(?:і|ів|ям)|"
            r"мешкан(?:ець|ка|ки|ок)|(?:бо(?:и|й|ях|ёв|ев)|бої|бій|боях|боїв|штурм|битв[аиуы])"
            r"(?:\s+(?:шли|ид[её]т|идут|вед[её]тся|ведутся|велись|ш[её]л|точил(?:ися|ся)|"
            r"точаться|трива(?:ли|ють|в)))?\s+за",
    "": r"под|у|около|близ|возле|вблизи|недалеко\s+от|під|над|по|между|між",
    # What is shelled or attacked is a place unless the dictionary knows it as a person
    # ("обстріляли Золочів та Одноробівку", "атакував Хотінь").
    "attacked": r"обстрел(?:ял[аи]?|яли|ивали|а|е|у|ом)?|обстріл(?:яли|яв|яла|у|ом|и)?|"
                r"обстрілювали|атаковал[аи]?|атакува(?:в|ла|ли)|(?:удар|удары|удари|ударил[аи]?|"
                r"вдари(?:в|ла|ли))\s+по|штурмовал[аи]?|штурмува(?:в|ли)|"
                r"под\s+обстрел\s+попал[аио]?|попал[аио]?\s+под\s+обстрел|"
                r"під\s+обстріл\s+потрапил[аио]?|потрапил[аио]?\s+під\s+обстріл|"
                r"под\s+удар\s+попал[аио]?|попал[аио]?\s+под\s+удар|"
                r"під\s+удар\s+потрапил[аио]?|потрапил[аио]?\s+під\s+удар|"
                r"обстрелу\s+подверг(?:лись|лось|лась|ся)|обстрілу\s+зазнал[аио]?",
    # The subject of a verb of suffering or of "under fire" is named in the nominative
    # ("постраждали Стрілеча, Пильна та Вільча", "під вогнем були також Стрілеча").
    "suffered": r"(?:постраждал[аои]?|пострадал[аои]?|(?:під\s+вогнем|под\s+огн[её]м|"
                r"під\s+ударами|под\s+ударами|під\s+обстрілом|под\s+обстрелом)\s+"
                r"(?:бул[аио]?|опинил(?:ися|ась|ося|ся)|оказал(?:ись|ась|ось|ся)))"
                r"(?:\s+(?:також|также|тоже|теж))?",
    # Any preposition of place: the name must be a GeoNames town ("В Красной Яруге").
    "in": r"в|во|на|из|с|со|до|от|к|ко|із|з|зі|від|через",
}  # fmt: skip
_CYRILLIC_CUE = re.compile(
    r"(?<![\w-])(?:" + "|".join(f"(?P<c{i}>{p})" for i, p in enumerate(_CYRILLIC_CUES.values()))
    + r")[ \u00a0]+(?=(?-i:[А-ЯЁІЇЄҐ]))", re.IGNORECASE)  # fmt: skip
_KINDS = tuple(_CYRILLIC_CUES)
_AND = re.compile(r"(?:[ \u00a0]+[А-ЯЁІЇЄҐ][\w'’-]*(?:ськ|цьк|ск|цк)(?:ого|ої|ой)[ \u00a0]+"
                  r"(?:району|громади|района|округу|округа))?"  # "Малі Проходи Харківського району"
                  r",?[ \u00a0]+(?:и|й|та|і|а\s+также|а\s+також)[ \u00a0]+")
_COMMA = re.compile(r",[ \u00a0]+")


def context_places(src: _Text, taken: list[Fact]) -> list[Fact]:
    """Places named by their context that no other name fact covers."""
    mask = bytearray(len(src.text))
    for fact in taken:
        mask[fact.start : fact.end] = b"\x01" * (fact.end - fact.start)
    areas = list(area_places(src, mask))  # before the names after cues: "по Охтирщині"
    datelines = list(dateline_places(src, regions_named(taken)))
    regions = regions_named([*taken, *areas, *datelines])  # "на Сумщині", "ЧЕРНІГІВ, 2 червня"
    found = [
        *areas,
        *_cyrillic_places(src, src.lang, regions),
        *_listed_with_places(src, taken, src.lang, regions),
        *english_places(src, regions),
        *district_places(src),
        *dictionary_towns(src, regions),
        *datelines,
        *ukrainian_cities(src, regions),  # last: a cue's own reading of the name wins
    ]
    out = []
    for fact in sorted(found, key=lambda f: (f.start, f.start - f.end)):  # longest first
        if not any(mask[fact.start : fact.end]) and not src.in_url(fact.start, fact.end):
            mask[fact.start : fact.end] = b"\x01" * (fact.end - fact.start)
            out.append(fact)
    return out + repeated_places(src, out, mask)


def _cyrillic_places(
    src: _Text, text_language: Language, regions: frozenset[str]
) -> Iterator[Fact]:
    """Names after a cue, and the names listed with them ("в районе Журавлёвки и Нехотеевки")."""
    for cue in matches_at_words(src, _CYRILLIC_CUE):  # as finditer, tried only at cue words
        kind, prep = _cue_reading(cue.group(), str(cue.lastgroup), text_language)
        fact = _place_at(src, cue.end(), kind, text_language, regions, prep)
        if fact is None and prep in ("к", "ко", "у") and text_language == "ru":
            fact = approached_village(src.text, cue.start(), cue.end(), regions)
        if fact is not None:
            yield fact
            yield from _listed(src, fact.end, kind, text_language, regions, prep)


@functools.lru_cache(maxsize=1024)
def _cue_reading(said: str, group: str, text_language: Language) -> tuple[str, str]:
    """(kind, preposition) of a cue as written, read once (a long claim repeats a few dozen).
    After a village noun the kind is "apposed:<its cases>" ("у села Любечане", "в селі
    Солохи"); of "в направлении" the last word governs."""
    kind = _KINDS[int(group[1:])]  # the cue's group, c0 .. c7
    if kind == "village" and text_language != "en":
        kind = case_of(said.split()[-1], _language(said, text_language))
    return kind, said.split()[-1].lower()


def _listed(
    src: _Text, pos: int, kind: str, text_language: Language, regions: frozenset[str],
    prep: str = "",
) -> Iterator[Fact]:
    """The names listed after a place that ends at ``pos``: "A и B", "A, B та C". Names after
    a bare comma count only when a conjunction closes the list ("Белгород, Гладков сообщил"
    is no list)."""
    pending: list[Fact] = []
    while True:
        conjunction = _AND.match(src.text, pos)
        separator = conjunction or _COMMA.match(src.text, pos)
        fact = (_place_at(src, separator.end(), kind, text_language, regions, prep)
                if separator else None)  # fmt: skip
        if fact is None:
            return
        pending.append(fact)
        if conjunction is not None:
            yield from pending
            pending = []
        pos = fact.end


def _listed_with_places(
    src: _Text, taken: list[Fact], text_language: Language, regions: frozenset[str]
) -> Iterator[Fact]:
    """Names listed after a gazetteer place that the dictionary tags as places (Geox), with no
    cue before the list: "Шебекино и Ржевка", "Новая Таволжанка, Муром и Ржевка"."""
    for fact in taken:
        if fact.kind == "place" and CYRILLIC.match(fact.text):
            yield from _listed(src, fact.end, "listed", text_language, regions)


def _place_at(
    src: _Text, pos: int, kind: str, text_language: Language, regions: frozenset[str],
    prep: str = "",
) -> Fact | None:
    """The place named at ``pos`` after a cue of ``kind``. What decides it lies in the next
    few words (the name, a second word, what follows them), so it is read from those words
    alone, once for each distinct run of them: a long claim repeats its cues and names."""
    window = _WINDOW.match(src.text, pos)
    found = _place_in(window[0] if window else "", kind, text_language, regions, prep)
    return found and Fact("place", found.value, found.text, pos, pos + len(found.text),
                          dict(found.detail or {}))  # fmt: skip


# The name, the word after it and a third one's start (громад, район) are all that is read.
_WINDOW = re.compile(r"\S*(?:\s+\S*){0,3}")


@functools.lru_cache(maxsize=1 << 14)
def _place_in(
    text: str, kind: str, text_language: Language, regions: frozenset[str], prep: str = ""
) -> Fact | None:
    first = WORD.match(text)
    if first is None or not CYRILLIC.match(first.group()) or not _capitalised(first.group()):
        return None
    second = WORD.match(text, first.end() + 1)
    adjacent = second and text[first.end()] == " " and _capitalised(second.group())
    lang = _language(first.group(), text_language)
    if kind == "in" and qualifies_next(first.group(), text, first.end(), lang):
        return None  # "в Белом доме": after a bare preposition, the adjective of a thing
    if kind == "suffered" and (_DISTRICT_NEXT.match(text, first.end()) or _REGIONAL.search(
            first.group()) or qualifies_next(first.group(), text, first.end(), lang)):
        return None  # "постраждали Білопільська та Краснопільська громади": districts
    pair = second.group() if second and adjacent else None
    if second and pair is not None and _DISTRICT_NEXT.match(text, second.end()):
        pair = None  # "у Грабовському Краснопільської громади": the hromada is its own name
    alone = pair is None and kind in ("", "near", "in") and (
        _ALONE.match(text, first.end()) or _no_noun_after(text, first.end(), lang))
    # "у Лесного" -> Лесное, "в Никольском" -> Никольское: an adjective alone is a village
    cases = GOVERNS.get(prep, ()) if lang == "ru" else ()
    found = (adjective_village(first.group(), lang, regions, kind == "in", cases=cases)
             if alone else None)  # fmt: skip
    if found is None:
        found = _name_at(kind, first.group(), pair, lang, regions)
        # a place read anyway that is also an adjective alone is the neuter village
        # ("у Никольского —" -> Никольское, not the surname's Никольский)
        if found is not None and alone and found.text == first.group():
            found = adjective_village(found.text, lang, regions, kind == "in", True) or found
    # "в селі Солохи Бєлгородського району"; not "на Вовчанські Хутори" (not Vovchansk)
    if found is None and pair is not None and not _qualifies(first.group(), pair.lower(), lang):
        found = _name_at(kind, first.group(), None, lang, regions)
    return found


@functools.lru_cache(maxsize=1 << 14)
def _name_at(
    kind: str, word: str, pair: str | None, lang: Language, regions: frozenset[str]
) -> Fact | None:
    """The place a cue of ``kind`` names with ``word`` (and the capitalised ``pair`` after
    it), as a fact at offset 0; the same words after the same cue read the same, so a long
    text reads each once."""
    vague = kind if kind in ("", "near") else None
    if kind.startswith("apposed:"):
        return _apposed(word, pair, lang, regions, frozenset(kind[8:].split(",")))
    if kind == "in":
        return _town_at(word, pair, lang, regions)
    if kind == "listed":  # no cue: a name the dictionary tags as a place, or a village's form
        return listed_name(word, pair, lang, regions)
    if kind == "suffered" and pair is None:
        codified = settlement_in({word}, regions)  # "під вогнем були Кияниця"
        if not nominative_village(word, lang) and locate_in(forms(word), regions) is None and (
                codified is None):  # fmt: skip
            return None
        # the name as written (a nominative); its dictionary forms would drift to an
        # adjective's other gender (Глибоке -> глибока, a GeoNames town elsewhere)
        return _place("settlement", romanise(word.lower(), lang), word, 0, set(), regions)
    kind = "settlement" if kind in ("attacked", "near", "suffered") else kind
    name = _adjective_and_noun(word, pair, lang) if pair is not None else None
    if name is not None and not _only_personal(word, lang) and not _only_personal(pair or "", lang):
        # a capitalised adjective and noun after a cue name one thing ("у Белого Колодезя")
        return _place(kind, romanise(name, lang), f"{word} {pair}", 0, {name}, regions)
    codified = settlement_in(forms(word), regions) if lang == "uk" else None
    if codified is not None:  # "Біля Кияниці", "у Камені": a Ukrainian village, oblast named
        return codified_place(kind, codified.name, word, regions)
    plural = plural_village(word, lang) if vague is not None else None
    if plural is not None:  # "жители Холмечей": Холмечи
        return _place(kind, romanise(plural, lang), word, 0, {plural}, regions)
    may_be = _may_be_place(word, lang, vague) or locate_in(forms(word), regions)
    toponym = ukrainian_toponym(word) if lang == "uk" else russian_toponym(word)
    soft = soft_feminine(word) if lang == "uk" and not (may_be or toponym) else None
    if soft is not None:  # "у Городні": Городня, a name guessed from its form
        return _place(kind, romanise(soft, lang), word, 0, set(), regions, anywhere=False)
    if not may_be and toponym is None and vague == "near" and lang == "ru":
        # "в направлении Поляны", "в районе Печенег": after a cue only a place follows, a
        # capitalised common noun in the genitive is a name (its plural if only that)
        common = common_noun_name(word)
        if common is not None:
            return _place(kind, romanise(common, lang), word, 0, {common}, regions)
    if not may_be and toponym is None:
        return None
    nominative = toponym or _nominative(word, lang, oblique=vague is not None)
    value = romanise(nominative, lang)
    return _place(kind, value, word, 0, set(forms(word)), regions)


_DISTRICT_NEXT = re.compile(r"[ \u00a0]+(?:громад|район|округ)")
_REGIONAL = re.compile(r"(?:ськ|цьк|ск|цк)(?:а|е|ий|ая|ое|ий|ій)$")  # a district's adjective
# Nothing an adjective could qualify follows: a stop, a bracket, a conjunction, the end.
# Nor a noun: the district or hromada it lies in may ("у Грабовському Краснопільської громади").
_ALONE = re.compile(r"(?:[ \u00a0]*(?:[,.;:!?)»\"—–]|$)|[ \u00a0]+(?:и|й|та|і|а)[ \u00a0]"
                    r"|[ \u00a0]+(?=[А-ЯЁІЇЄҐ][\w'-]*(?:ськ|цьк|ск|цк)(?:ої|ого|ой)[ \u00a0]"
                    r"+(?:громад|район|округ)))")  # fmt: skip


def _apposed(
    word: str, pair: str | None, lang: Language, regions: frozenset[str], cases: frozenset[str]
) -> Fact | None:
    """A name after a word for a village: it agrees with that word ("у села Козинки") or
    stands in the nominative beside it ("у села Любечане", "в селі Солохи"), which is the
    reading taken for a name the dictionary does not know, or knows only as a person's name
    ("у села Глотова": Глотово), and that has no reading in the noun's case."""
    known = analyzer(lang).word_is_known(word.lower())
    personal = known and _personal(word, lang)
    if pair is not None or (known and not personal) or (lang != "ru" and not personal):
        return _name_at("village", word, pair, lang, regions)
    parses = _parses(word, lang)
    if any("Geox" in str(p.tag) for p in parses):
        return _name_at("village", word, pair, lang, regions)
    oblique = cases - {"nomn", "accs"}
    agreeing = [p for p in parses if p.tag.case in oblique and p.tag.number != "plur"]
    if personal:  # a surname's form is the village's ("у села Глотова": Глотово)
        low = word.lower().replace("ё", "е")
        nominative = _oblique_nominative(tuple(agreeing), low) if agreeing else low
    elif feminine_as_written(word, parses, agreeing):
        nominative = word.lower()  # "у села Тишанка": the name beside село, not a guessed тишанк
    else:
        nominative = str(agreeing[0].normal_form) if agreeing else word.lower()
    return _place("village", romanise(nominative, lang), word, 0, set(forms(word)), regions)


def _town_at(word: str, pair: str | None, lang: Language, regions: frozenset[str]) -> Fact | None:
    """A name after a bare preposition is a place only as a town GeoNames has (unique, or in
    a region the claim names), of two words ("В Красной Яруге") or one ("из Грайворона")."""
    if pair is not None:
        name = _adjective_and_noun(word, pair, lang)
        found = locate({name}, regions) if name else None
        if found is not None:
            return _place("settlement", found.name, f"{word} {pair}", 0, {found.name}, regions)
        name = unlocated_town(word, pair, lang)
        if name is not None:
            return _place("settlement", romanise(name, lang), f"{word} {pair}", 0, {name}, regions)
        if _qualifies(word, pair.lower(), lang):
            return None  # "на Вовчанські Хутори": another place's adjective, not Vovchansk
    found = locate(_village_forms(word), regions)
    if found is None:
        value = ukrainian_toponym(word) if lang == "uk" else undeclined_village(word, lang)
        # "В Титовке", "на Любимовку": a feminine noun with a village's ending (-овка)
        value = value or unlocated_town(word, None, lang) or (
            russian_toponym(word) if lang == "ru" else None)
        value = value or (village_not_woman(word) if lang == "uk" else None)  # "в Устинці"
        value = value or plural_village(word, lang, ("gent", "loct"))  # "из Алешковичей"
        codified = settlement_in(forms(word), regions) if value is None and lang == "uk" else None
        if codified is not None:  # "у Камені": a village of an oblast named
            return codified_place("settlement", codified.name, word, regions)
        soft = soft_feminine(word) if lang == "uk" and value is None else None
        if soft is not None:  # "в Городні": Городня, located only in a region named
            return _place("settlement", romanise(soft, lang), word, 0, set(), regions, False)
        if value is None:
            return None
        return _place("settlement", romanise(value, lang), word, 0, {value}, regions)
    return _place("settlement", found.name, word, 0, {found.name}, regions)


def _no_noun_after(text: str, pos: int, lang: Language) -> bool:
    """The lower-case word after an adjective is no noun or adjective it could qualify in an
    oblique case ("у Веселому одразу після вибуху", "в Никольском повреждены"; not "у
    Веселому настрої", "в Белгородском районе")."""
    after = _LOWER_WORD.match(text, pos)
    if after is None:
        return False
    return not any(
        p.tag.POS in ("NOUN", "ADJF", "PRTF") and p.tag.case in ("loct", "gent", "datv", "ablt")
        for p in _parses(after[1], lang)
    )


_LOWER_WORD = re.compile(r"[ \u00a0]+([а-яёіїєґ'’]+)(?![\w-])")


def _village_forms(word: str) -> frozenset[str]:
    """The word's dictionary forms, and for one in -ов, -ев, -ин the village in -ово, -ево,
    -ино it may be a case of ("в Уразове": Уразово, not the surname Уразов)."""
    found = forms(word)
    return found | {f + "о" for f in found if re.search(r"(?:ов|ев|ин|ын)$", f)}
