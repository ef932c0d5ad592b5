"""A Russian or Ukrainian place name in its nominative, from the form a claim uses: the
dictionary's place reading, the name as written when it may be a nominative, an oblique
reading after a preposition that governs one ("в районе Дунайки" -> Дунайка, "в направлении
Чураева" -> Чураево), and a capitalised adjective with its noun ("Красной Яруге" -> Красная
Яруга, "Русского Поречного" -> Русское Поречное, "Ясные Зори"). pymorphy3 reads the forms;
these rules only choose among its readings.
"""

from __future__ import annotations

import functools
import re

from pymorphy3.analyzer import Parse

from forensics.claims.facts.morphology import Language, analyzer

PERSON_OR_BODY = frozenset({"Name", "Surn", "Patr", "Orgn", "Trad"})
_FEMININE_VILLAGE = re.compile(r"(?:[оеёа]вка|[еиая]нка)$")


@functools.lru_cache(maxsize=1 << 14)
def _parses(word: str, lang: Language) -> tuple[Parse, ...]:
    return tuple(analyzer(lang).parse(word))


def _grammemes(parse: Parse) -> list[str]:
    return str(parse.tag).replace(" ", ",").split(",")


def _tags(word: str, lang: Language) -> set[str]:
    return {g for p in _parses(word, lang) for g in str(p.tag).replace(" ", ",").split(",")}


def _personal(word: str, lang: Language) -> bool:
    """The dictionary knows the word as a person's name or an organisation."""
    return analyzer(lang).word_is_known(word.lower()) and bool(PERSON_OR_BODY & _tags(word, lang))


def _only_personal(word: str, lang: Language) -> bool:
    """Every reading of a known word is a person's name or a body ("Бобрика" is also a
    noun, so "Великого Бобрика" may be a village)."""
    parses = _parses(word, lang)
    return analyzer(lang).word_is_known(word.lower()) and bool(parses) and all(
        PERSON_OR_BODY & set(_grammemes(p)) for p in parses)


def _may_be_place(word: str, lang: Language, vague: str | None) -> bool:
    """``vague`` is None after a cue that names a kind of place ("село"), "near" after one
    only a place follows ("біля", "в районе") and "" after a bare preposition ("у", "под")."""
    parses = _parses(word, lang)
    if any("Geox" in str(p.tag) for p in parses):
        return True
    known = analyzer(lang).word_is_known(word.lower())
    if known and PERSON_OR_BODY & _tags(word, lang):
        return False
    if vague == "near" and lang == "uk":
        # the Ukrainian dictionary holds village names untagged (Гатище, Охрімівка)
        return "NOUN" in str(parses[0].tag) if parses else True
    return not (vague is not None and known)


# Villages named in the plural, after a family or its people (Чуровичі, Лісковичі, Грабовці).
_PLURAL_VILLAGE = re.compile(r"(?:ичі|ичи|івці|овці|евцы|овцы)$")


def _nominative(word: str, lang: Language, oblique: bool = False) -> str:
    """The dictionary form of a name: a place's reading first, then the name as written when
    it may already be in the nominative ("Хотінь", "Теребрено"), then the likeliest.

    ``oblique``: the name follows a Russian preposition that never takes the nominative ("у",
    "в районе", "в направлении"), so a reading in another case is taken: "Дунайки" is Дунайка,
    not the plural of a first name."""
    parses = _parses(word, lang)
    if oblique and lang == "ru" and not analyzer(lang).word_is_known(word.lower()):
        return _oblique_nominative(parses, word.lower().replace("ё", "е"))
    geo = [p for p in parses if "Geox" in str(p.tag)]
    if geo:
        return str(geo[0].normal_form)
    as_written = word.lower().replace("ё", "е")
    if any(p.normal_form.replace("ё", "е") == as_written for p in parses):
        return as_written
    if _PLURAL_VILLAGE.search(as_written) and any(
            p.tag.case == "nomn" and p.tag.number == "plur" for p in parses):  # fmt: skip
        return as_written  # "села Чуровичі": a plural name, not a patronymic's singular
    if any({"ADJF", "neut", "nomn"} <= set(_grammemes(p)) for p in parses):
        return as_written  # "село Зноб-Новгородське": a neuter name in the nominative
    if "-" in as_written and any({"ADJF", "nomn"} <= set(_grammemes(p)) for p in parses):
        return as_written  # "село Буда-Вороб'ївська": a hyphenated name's adjective as written
    if not parses:
        return as_written
    nouns = [p for p in parses if p.tag.POS == "NOUN"]  # "Дворічну": дворічна, not дворічний
    parses = tuple(nouns) if nouns and parses[0].tag.POS != "NOUN" else parses
    if parses[0].tag.number == "plur" and not parses[0].is_known:
        # a plural name (Попово-Лежачі) stays plural: its dictionary form would be a made-up
        # singular
        plural = parses[0].inflect({"nomn"})
        if plural is not None:
            return str(plural.word)
    return str(parses[0].normal_form)


def _oblique_nominative(parses: tuple[Parse, ...], as_written: str) -> str:
    """The nominative of an unknown name read in an oblique case. A name in -ов, -ев, -ин
    that the dictionary's guesser reads as a surname or a masculine noun ("Чураева",
    "Шопина") is a village in -ово, -ево, -ино (Чураево, Шопино): Russian villages are named
    so, and a surname cannot follow "в направлении" or "в районе"."""
    if re.search(r"(?:ов|ев|ин|ын)о$", as_written):
        return as_written  # "у Яблоново", "в районе Сухосолотино": a village left undeclined
    oblique = [p for p in parses if p.tag.case not in (None, "nomn")]
    # an inanimate accusative is the nominative as written, which the guesser offers for any
    # unknown word ("Николаево-Дарьина" as a neuter place); these cues govern another case
    oblique = [p for p in oblique if not (p.tag.case == "accs" and p.tag.animacy == "inan")
               ] or oblique  # fmt: skip
    geo = [p for p in oblique if "Geox" in str(p.tag)]
    singular = [p for p in oblique if p.tag.number != "plur"]
    # a village is a thing: "под Снагостью" is снагость's instrumental, not a person's
    # accusative (снагостья)
    things = [p for p in singular if p.tag.animacy == "inan" and p.tag.POS == "NOUN"]
    # a village's feminine ending wins over a made-up masculine ("за Тишанку": тишанка, which
    # the guesser reads as a woman's name, not тишанк)
    villages = [p for p in singular if _FEMININE_VILLAGE.search(p.normal_form)]
    best = (geo or villages or things or singular or oblique or list(parses) or [None])[0]
    if best is None:
        return as_written
    if best.tag.number == "plur":  # "в направлении Сушан": the village Сушаны
        plural = best.inflect({"nomn", "plur"})
        return str(plural.word) if plural is not None else as_written
    normal = str(best.normal_form).replace("ё", "е")
    surname_like = "Surn" in str(best.tag) or (best.tag.gender == "masc" and not geo)
    if surname_like and best.tag.POS == "NOUN" and re.search(r"(?:ов|ев|ин|ын)$", normal):
        return normal + "о"
    return normal


def _adjective_and_noun(adjective: str, noun: str, lang: Language) -> str | None:
    """ "Красной Яруге" -> "красная яруга": the adjective agrees with the noun's nominative."""
    adj = next((p for p in analyzer(lang).parse(adjective) if "ADJF" in str(p.tag)), None)
    if adj is None:
        return None
    head = first = _parses(noun, lang)[0]
    # the noun's reading that agrees with the adjective ("Казачьей Лисицы": a singular
    # genitive, not the plural nominative the dictionary puts first; "Сотницького Козачка":
    # козачок, not козачка)
    for a in (p for p in analyzer(lang).parse(adjective) if "ADJF" in str(p.tag)):
        same = _agreeing(a, _parses(noun, lang))
        if same is not None:
            adj, head = a, same
            break
    else:
        if adj.tag.case == "nomn" and adj.tag.number == "sing":
            # no reading of the noun agrees with an adjective in the nominative: the name
            # stands as written ("в посёлке Старый Салтов", not the plural of салт)
            return f"{adj.word} {noun.lower()}"
    if "ADJF" in str(head.tag):
        return _two_adjectives(adj, noun, lang)
    if adj.tag.number == "plur":  # "Ясные Зори": a plural adjective makes the noun plural
        plural = next((p for p in _parses(noun, lang) if p.tag.number == "plur"), None)
        nominative = plural.inflect({"nomn", "plur"}) if plural is not None else None
        agreeing = adj.inflect({"nomn", "plur"})
        if nominative is not None and agreeing is not None:
            return f"{agreeing.word} {nominative.word}"
    village = _neuter_village(adj, head, lang)
    if village is not None:
        return village
    wanted = {"nomn", "plur"} if head.tag.number == "plur" else {"nomn", head.tag.gender or "masc"}
    agreeing = adj.inflect(wanted)
    word = agreeing.word if agreeing is not None else adj.normal_form
    # the agreeing reading's dictionary form, also when it is the first reading: "Нової
    # Криниці" is криниця, though a plural-only town Криниці reads it as written
    agreed = head.tag.number != "plur" and "Geox" not in str(first.tag) and (
        head is not first or head.tag.case not in ("nomn", None))
    return f"{word} {head.normal_form if agreed else _nominative(noun, lang)}"


_SURNAME_STEM = re.compile(r"(?:ов|ев|ёв|єв|їв|ин|ын)$")


def _neuter_village(adj: Parse, head: Parse, lang: Language) -> str | None:
    """An adjective and a surname-like noun in an oblique case name a neuter village, the
    "село" they agree with left out ("у Первого Цепляева" -> Первое Цепляево, "поблизу
    Першого Цепляєва" -> Перше Цепляєве): a masculine and a neuter decline alike there."""
    animate_accusative = head.tag.case == "accs" and head.tag.animacy == "anim"  # = genitive
    if head.tag.case in ("nomn", "accs", None) and not animate_accusative:
        return None
    if head.tag.number == "plur":
        return None
    if not _SURNAME_STEM.search(head.normal_form):
        return None
    neuter = adj.inflect({"nomn", "neut", "sing"} if lang == "ru" else {"nomn", "neut"})
    if neuter is None:
        return None
    return f"{neuter.word} {head.normal_form}{'е' if lang == 'uk' else 'о'}"


def _agreeing(adj: Parse, nouns: tuple[Parse, ...]) -> Parse | None:
    return next(
        (n for n in nouns if n.tag.case == adj.tag.case and n.tag.number == adj.tag.number
         and (adj.tag.number == "plur" or n.tag.gender in (adj.tag.gender, None))
         and n.tag.POS in ("NOUN", "ADJF")), None)  # fmt: skip


def _two_adjectives(adj: Parse, noun: str, lang: Language) -> str:
    """An adjective and a noun made of an adjective ("Русского Поречного", "Большое
    Солдатское"): villages so named are neuter, the agreeing "село" left out, so a form that
    may be masculine or neuter is read as neuter."""
    heads = [p for p in _parses(noun, lang) if "ADJF" in str(p.tag)]
    head = next((p for p in heads if p.tag.gender == "neut"), heads[0])
    wanted = {"nomn", "plur"} if head.tag.number == "plur" else {"nomn", head.tag.gender or "neut"}
    words = []
    for parse in (adj, head):
        agreeing = parse.inflect(wanted)
        words.append(agreeing.word if agreeing is not None else parse.normal_form)
    return " ".join(words)


# The endings of Ukrainian village and town names the dictionary holds as plain nouns:
# Гоптівка, Костобобрів, Лісковичі, Гатище, and towns in -ськ, -цьк (Сновськ: "на околицях
# Сновська", which the dictionary reads first as the adjective сновський).
_UKRAINIAN_TOPONYM = re.compile(r"(?:[іїо]вка|янка|[іїо]в|ичі|івці|ище|[сц]ьк)$")
# Russian village names the dictionary holds as plain nouns (антоновка, the apple): a
# feminine noun in -овка, -евка, -енка, -инка after a cue ("под Антоновкой").
_RUSSIAN_TOPONYM = re.compile(r"(?:[оеё]вка|[еи]нка)$")


@functools.lru_cache(maxsize=1 << 12)
def ukrainian_toponym(word: str) -> str | None:
    """The nominative of a capitalised word the Ukrainian dictionary knows as an inanimate
    noun with a place name's ending ("в Гоптівці" -> гоптівка, "По Костобоброву" ->
    костобобрів), or None. The Ukrainian dictionary tags no village as a place, so the ending
    is what tells one from a body or a thing ("у Держприкордонслужбі")."""
    if _personal(word, "uk"):
        return None
    for parse in _parses(word, "uk"):
        noun = parse.tag.POS == "NOUN" and parse.tag.animacy == "inan"
        if noun and parse.tag.case != "nomn" and _UKRAINIAN_TOPONYM.search(parse.normal_form):
            return str(parse.normal_form)
        if noun and parse.tag.case != "nomn" and "Pltm" in str(parse.tag):
            # a capitalised noun that has only a plural is a town's name (Дергачі, Ріпки)
            return str(parse.normal_form)
    return None


def village_not_woman(word: str) -> str | None:
    """A Ukrainian name read only as a woman's first name in the locative or dative, with a
    village's ending ("в Устинці": Устинка): after a preposition of place a woman is not
    "in" but "at" someone ("у Устинки", the genitive), so the word is the village."""
    parses = _parses(word, "uk")
    if not parses or not all(
        "Name" in p.tag and p.tag.case in ("loct", "datv") and p.tag.gender == "femn"
        for p in parses
    ):  # fmt: skip
        return None
    name = str(parses[0].normal_form)
    return name if re.search(r"(?:ка|івка|янка)$", name) else None


def soft_feminine(word: str) -> str | None:
    """A name in -ні that the Ukrainian dictionary reads only as a soft adjective's plural or
    a surname ("у Городні": городній) after a cue is the oblique case of a feminine noun in
    -ня, the town's name (Городня): no plural adjective follows a preposition alone."""
    parses = _parses(word, "uk")
    if not word.endswith("ні") or not parses:
        return None
    adjective = all(
        (p.tag.POS == "ADJF" and p.tag.number == "plur") or "Surn" in p.tag for p in parses
    )
    return word.lower()[:-1] + "я" if adjective else None


def nominative_village(word: str, lang: Language) -> bool:
    """Whether a capitalised word may be a village named in the nominative, as the subject of
    "постраждали", "під вогнем були": a singular inanimate noun (Стрілеча, Огірцеве) or a
    feminine or neuter adjective (Пильна, Глибоке), not a person's name."""
    if _personal(word, lang):
        return False
    return any(
        p.tag.case == "nomn"
        and ((p.tag.POS == "NOUN" and p.tag.animacy == "inan" and p.tag.number != "plur")
             or (p.tag.POS == "ADJF" and p.tag.gender in ("neut", "femn")))
        for p in _parses(word, lang)
    )  # fmt: skip


@functools.lru_cache(maxsize=1 << 12)
def russian_toponym(word: str) -> str | None:
    """The nominative of a capitalised word the Russian dictionary knows as a feminine
    inanimate noun in -овка, -евка, -енка, -инка, read in an oblique case ("под Антоновкой" ->
    антоновка), or None: such nouns are villages far more often than the things they name."""
    if _personal(word, "ru"):
        return None
    for parse in _parses(word, "ru"):
        tag = parse.tag
        noun = tag.POS == "NOUN" and tag.animacy == "inan" and tag.gender == "femn"
        if noun and parse.tag.case != "nomn" and _RUSSIAN_TOPONYM.search(parse.normal_form):
            return str(parse.normal_form)
    return None


# The nouns of two-word village names ("Белая Берёзка", "Сотницький Козачок", "Черкасское
# Поречное" is two adjectives): diminutives and collectives, not institutions (Дума, Рада).
_NAME_NOUN = re.compile(r"(?:к[аи]|ок|ец|ье|ое|ичи|ино|ово|ево|яруга|иц[аяі]|иця)$")


def unlocated_town(word: str, pair: str | None, lang: Language) -> str | None:
    """The nominative of a name after a bare preposition ("в", "из", "до") that GeoNames does
    not have, when its form says it is a settlement: two capitalised words that agree, the
    second a village's kind of noun ("В Черкасском Поречном", "до Сотницького Козачка"); a
    word the dictionary reads first as a place ("в Заолешенке"); a Russian village in -ово
    in the locative ("в Таврове", which the dictionary reads as a place or surname Тавров)
    or undeclined where the dictionary only has a short adjective ("из Таврово")."""
    if pair is not None:
        name = _adjective_and_noun(word, pair, lang)
        if name is None or _only_personal(word, lang) or _only_personal(pair, lang):
            return None
        return name if _NAME_NOUN.search(name.split()[-1]) else None
    parses = _parses(word, lang)
    if not parses or lang != "ru":
        return None
    low = word.lower().replace("ё", "е")
    if re.search(r"(?:ов|ев|ин)е$", low) and any(
        p.tag.case == "loct" and ({"Geox", "Surn"} & set(_grammemes(p))) for p in parses
    ):
        return low[:-1] + "о"
    # a place reading in an oblique case, even when a first name's comes first ("от
    # Бахмута": the town, or the name Бахмут)
    geo = next((p for p in parses if p.tag.POS == "NOUN" and "Geox" in str(p.tag)
                and p.tag.case != "nomn"), None)  # fmt: skip
    if geo is not None and not _only_personal(word, lang):
        return str(geo.normal_form)
    if re.search(r"(?:ов|ев|ин)о$", low) and all(p.tag.POS == "ADJS" for p in parses):
        return low
    return None


def feminine_as_written(word: str, parses: tuple[Parse, ...], agreeing: list[Parse]) -> bool:
    """A name in -а or -я beside "села" with a feminine nominative reading stands as
    written: the genitive of a feminine village would end in -и or -ы ("у села Козинки"), and
    a masculine one read in -а would be a surname's village, read before."""
    if not word.endswith(("а", "я")) or any(_SURNAME_STEM.search(p.normal_form) for p in agreeing):
        return False
    return any(p.tag.case == "nomn" and p.tag.gender == "femn" and p.tag.number == "sing"
               for p in parses)  # fmt: skip


@functools.lru_cache(maxsize=64)
def case_of(noun: str, lang: Language) -> str:
    """The cases a village noun may be in ("села": genitive, or a plural nominative), as the
    kind of cue "apposed:<cases>" (:mod:`context_places`)."""
    cases = {str(p.tag.case) for p in analyzer(lang).parse(noun) if p.tag.case}
    return "apposed:" + ",".join(sorted(cases))


def undeclined_village(word: str, lang: Language) -> str | None:
    """A Russian village in -ово, -ево, -ино left undeclined after a preposition, as they
    often are ("в Зёрново"), when the dictionary does not know the word."""
    if lang != "ru" or analyzer("ru").word_is_known(word.lower()):
        return None
    low = word.lower()
    return low if re.search(r"(?:ов|ев|ёв|ин|ын)о$", low) else None
