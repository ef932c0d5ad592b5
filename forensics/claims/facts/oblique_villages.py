"""Russian and Ukrainian villages named by a word the dictionary holds as something else,
read in the case their preposition governs: an adjective alone ("у Лесного" -> Лесное, "на
Званное", "по Хоромному", "над Дубовым", "в Никольском"), and after a cue only a place
follows, a capitalised common noun in the genitive ("в направлении Поляны" -> Поляна); a
name shaped like a surname after "к" or "у" when the words before it speak of moving or
fighting towards a place ("выдвигалась от границы к Косилову", "ведут бой у Глотова")."""

from __future__ import annotations

import functools
import re

from forensics.claims.facts.fact import Fact
from forensics.claims.facts.morphology import Language, analyzer
from forensics.claims.facts.place_fact import _place
from forensics.claims.facts.place_names import _parses, _personal
from forensics.claims.facts.translit import romanise

# The cases a Russian preposition of place governs, where they differ from the genitive that
# "у", "около", "в районе" take: "на Званное" (a neuter name's accusative, as written), "из
# Званного", "по Хоромному", "над Дубовым", "под Каменным", "в Никольском".
GOVERNS = {
    "в": ("loct", "accs"), "во": ("loct", "accs"), "на": ("loct", "accs"),
    "из": ("gent",), "от": ("gent",), "до": ("gent",), "по": ("datv",),
    "над": ("ablt",), "под": ("ablt", "accs"), "через": ("accs",),
}  # fmt: skip


@functools.lru_cache(maxsize=1 << 12)
def adjective_village(
    word: str, lang: Language, regions: frozenset[str], locative: bool = False,
    surname: bool = False, cases: tuple[str, ...] = (),
) -> Fact | None:
    """A capitalised adjective after "у", "под", "біля" with no noun after it names a village
    by its neuter form, the "село" left out ("у Лесного" -> Лесное, "біля Лісного" ->
    Лісне, "у Веселому" -> Веселе), unless the dictionary knows it as a surname."""
    # the genitive "у", "под", "біля" take, and the Ukrainian locative ("у Веселому"), which
    # a surname never stands in after "у" (a person is "у Грабовського", a place "у
    # Грабовському")
    # after "в", "на" only the locative ("в Никольском"); a surname has no such form
    # a preposition's own cases, when known; an accusative only of a neuter ("на Званное")
    cases = cases or (("loct",) if locative else ("gent", "loct") if lang == "uk" else ("gent",))
    parses = _parses(word, lang)
    adjective = next(
        (p for p in parses if p.tag.POS in ("ADJF", "PRTF") and p.tag.case in cases
         and p.tag.gender in ("masc", "neut")
         and (p.tag.case != "accs" or p.tag.gender == "neut")), None)  # fmt: skip
    # a surname's form: after "у" in the genitive always ("у Грабовского"); in the other
    # cases when the dictionary reads the word first as a person ("над Дубовым" is the
    # adjective's instrumental first)
    surnamed = adjective is not None and (
        (adjective.tag.case == "gent" and _personal(word, lang))
        or (adjective.tag.case != "loct" and _personal(parses[0].word, lang)
            and parses[0].tag.POS not in ("ADJF", "PRTF")))  # fmt: skip
    if adjective is None or (surnamed and not surname):
        return None
    neuter = adjective.inflect({"nomn", "neut"})  # the Ukrainian tags have no "sing"
    if neuter is None:
        return None
    value = romanise(neuter.word, lang)
    return _place("village", value, word, 0, {neuter.word}, regions)



def common_noun_name(word: str) -> str | None:
    """The nominative of a Russian common noun read as a name in the genitive: "Поляны" ->
    поляна, "Печенег" (only a plural's genitive) -> печенеги; None for a person's name."""
    if _personal(word, "ru"):
        return None
    gent = next((p for p in _parses(word, "ru") if p.tag.POS == "NOUN" and p.tag.case == "gent"),
                None)  # fmt: skip
    if gent is None:
        return None
    if gent.tag.number == "plur":
        plural = gent.inflect({"nomn", "plur"})
        return plural.word if plural is not None else None
    return str(gent.normal_form)


# Moving or fighting towards or at a place, a few words before "к"/"у" and the name: a person
# is approached ("подошёл к Петрову") but not advanced on, shelled or fought at.
_APPROACH = re.compile(
    r"(?:подступ|подход|выдвига|выдвинул|продвига|продвинул|двига|двинул|наступа|наступл|"
    r"отступ|отошл|отход|прорыв|прорва|бо[йяие]\b|боях|штурм|обстрел|атак)[\w]*"
    r"(?:[ \u00a0]+[\w-]+){0,3}[ \u00a0]+$", re.I)  # fmt: skip
_NAME = re.compile(r"[А-ЯЁ][а-яё]+(?:ову|еву|ёву|ину|ыну|ова|ева|ёва|ина|ына)(?![\w-])")
_ADJECTIVE_DATIVE = re.compile(r"[А-ЯЁ][а-яё]+(?:ому|ему)(?![\w-])")


def approached_village(text: str, cue: int, at: int, regions: frozenset[str]) -> Fact | None:
    """The village in -ово/-ево/-ино a surname's dative after "к" or genitive after "у" names
    when the clause before speaks of an advance or a fight (Косилову -> Косилово)."""
    name = _NAME.match(text, at)
    adjective = _ADJECTIVE_DATIVE.match(text, at) if name is None else None
    if name is None and adjective is None:
        return None
    clause = re.split(r"[.;:!?,]", text[max(0, cue - 80) : cue])[-1]
    if not _APPROACH.search(clause):
        return None
    if adjective is not None:  # "на подступах к Мешковому": a neuter village, not a person
        if _qualified(text, adjective.end()):
            return None  # "к Тополиному мосту": the adjective of a noun
        found = adjective_village(adjective.group(), "ru", regions, cases=("datv",))
        return None if found is None else Fact(
            "place", found.value, found.text, at, at + len(found.text), dict(found.detail or {}))
    assert name is not None
    village = _surname_village(name.group())
    if village is None:
        return None
    return Fact("place", *_located(village, name.group(), at, regions))


@functools.lru_cache(maxsize=1 << 10)
def _surname_village(word: str) -> str | None:
    case = "datv" if word.endswith("у") else "gent"
    surname = next((p for p in _parses(word, "ru") if "Surn" in p.tag and p.tag.case == case
                    and p.tag.gender == "masc"), None)  # fmt: skip
    if surname is None:
        return None
    return str(surname.normal_form) + "о"


def _located(village: str, said: str, at: int, regions: frozenset[str]) -> tuple:
    found = _place("village", romanise(village, "ru"), said, 0, {village}, regions)
    return found.value, said, at, at + len(said), dict(found.detail or {})


def codified_place(kind: str, name: str, said: str, regions: frozenset[str]) -> Fact:
    """A place Ukraine's codifier has in an oblast the claim names: GeoNames locates it only
    there (a village Береза in Sumy oblast is not the Bereza GeoNames has on the Volga)."""
    return _place(kind, romanise(name, "uk"), said, 0, {name}, regions, anywhere=False)


# A plural name after a family or its people, in an oblique case: the dictionary's guess is a
# patronymic's or a noun's plural (Алешковичей: алешкович, Холмечам: холмеч).
_PLURAL_FORM = re.compile(r"([а-я-]+(?:ич|еч))(?:ей|ам|ах|ами)$")


@functools.lru_cache(maxsize=1 << 12)
def plural_village(
    word: str, lang: Language, cases: tuple[str, ...] = ("gent", "datv", "loct", "ablt")
) -> str | None:
    """The nominative of a village named in the plural ("из Алешковичей" -> Алешковичи,
    "жители Холмечей" -> Холмечи), read in an oblique plural case from a word the dictionary
    does not know; a person is named in the singular, so a plural patronymic is no one (but
    a family may be: after a bare preposition only the cases of "in" and "from" are read, not
    the dative of a visit, "к Антоновичам")."""
    stem = _PLURAL_FORM.match(word.lower().replace("ё", "е"))
    if lang != "ru" or stem is None:
        return None
    parses = _parses(word, "ru")
    known = analyzer("ru").word_is_known(word.lower())
    if known and not all("Patr" in p.tag for p in parses):
        return None  # a word of the language, not a patronymic's plural
    oblique = any(p.tag.POS == "NOUN" and p.tag.number == "plur" and p.tag.case in cases
                  for p in parses)  # fmt: skip
    return stem[1] + "и" if oblique else None


_NEXT_WORD = re.compile(r"[ \u00a0]+([а-яё]+)")


def _qualified(text: str, at: int) -> bool:
    """Whether the word after a dative adjective is a noun in the dative it qualifies."""
    after = _NEXT_WORD.match(text, at)
    return after is not None and any(
        p.tag.POS == "NOUN" and p.tag.case == "datv" for p in _parses(after[1], "ru"))
