"""People, units and regional administrations the vocabulary does not know, named in Russian
or Ukrainian.

Claims quote spokesmen, governors and commanders nobody listed: "речник Державної
прикордонної служби Андрій Демченко", "голови ОВА Володимира Артюха". A first name the
dictionary knows (pymorphy3 tags it ``Name``) followed by a capitalised surname (tagged
``Surn``, or a word the dictionary does not know) is a person; both words are put in the
nominative with the first name's gender ("Марии Захаровой" -> Мария Захарова) and romanised
as places are (BGN/PCGN for Russian, the national system for Ukrainian). A call sign in
quotes after позывной/позивний ("с позывным «Цезарь»") is a person too, and a name in quotes
after a word for a unit ("батальон «Ахмат»", "спецпідрозділ «Кракен»") an armed group.

A role word among the few words before the name ("губернатор", "речник", "командир": the
person actor types of the vocabulary) makes the person an official; the side is that of an
actor named in that role phrase ("представитель Минобороны"), else unknown (None).
"""

from __future__ import annotations

import functools
import itertools
import re
from typing import Any

from forensics.claims.facts.fact import Fact
from forensics.claims.facts.katottg import district_centre
from forensics.claims.facts.morphology import Language, analyzer, lemma_set, word_language
from forensics.claims.facts.references import references
from forensics.claims.facts.surnames_cyr import surnames_alone
from forensics.claims.facts.text import _InOrder, _Text
from forensics.claims.facts.translit import romanise, romanise_person
from forensics.claims.facts.units_cyr import numbered_units
from forensics.claims.facts.vocabulary import Vocabulary
from forensics.claims.facts.word_scan import matches_at_words

_CALL_SIGN = re.compile(r"(?<!\w)(?:позывн(?:ой|ым|ого)|позивн(?:ий|им|ого))\s+"
                        r"[«\"„“]([А-ЯЁІЇЄҐ][\w'’-]+(?:\s[\w'’-]+)?)[»\"“”]", re.I)  # fmt: skip
_UNIT_NOUNS = frozenset({
    "батальон", "бригада", "полк", "отряд", "подразделение", "спецподразделение", "дивизия",
    "загін", "підрозділ", "спецпідрозділ", "дивізія", "рота", "легион", "легіон", "центр",
    "батальйон",
    "спецназ",  # "бойцы спецназа «Ахмат»"
})  # fmt: skip
_FIGHTER_NOUNS = frozenset({"боец", "боевик", "штурмовик", "боєць", "бойовик", "кадыровец",
                            "кадирівець", "военнослужащий", "військовослужбовець"})  # fmt: skip
# Outlets and channels named in quotes after a word for them ("изданию «Сибирь.Реалии»",
# "телеканала «Белгород 24»", "канал «Белгородский фронт»", "ГТРК «Курск»"): the title as
# written, an abbreviation before it kept ("GTRK Kursk").
_OUTLET_NOUNS = frozenset({
    "издание", "видання", "телеканал", "канал", "газета", "агентство", "портал", "гтрк",
    "трк", "радиостанция", "радіостанція", "паблик", "паблік", "телеграм-канал",
})  # fmt: skip
_BODY_NOUNS = _UNIT_NOUNS | _FIGHTER_NOUNS | _OUTLET_NOUNS
_TITLE = re.compile(r"[ \u00a0]+[«\"„“]([А-ЯЁІЇЄҐ0-9][^«»\"“”\n]{0,40}?)[»\"“”]")
_QUOTED = re.compile(r"\s+[«\"„“]([А-ЯЁІЇЄҐ][\w'’-]+(?:\s[\w'’-]+)?)[»\"“”]")
# fighters "из" a unit: "кадыровцы из «Ахмата»", "бійці з «Кракена»"
_QUOTED_FROM = re.compile(r"\s+(?:из|з|із)(?=\s)" + _QUOTED.pattern)
# Ukrainian reports name the attacking side by its people in the plural ("росіяни обстріляли",
# "відкинули росіян"); one Russian ("росіянин") is a person, not the armed forces.
_RUSSIANS = re.compile(r"(?<![\w'\u2019-])[Рр]осіян(?:и|ам|ами|ах)?(?![\w'\u2019-])")
_TELLING = re.compile("[ыэъёіїєґЫЭЪЁІЇЄҐ]")
_ROLE_WINDOW = 6  # words before a name that may hold its role ("речник ... служби")


def people_and_units(src: _Text, vocab: Vocabulary, taken: list[Fact]) -> list[Fact]:
    """Persons, call signs and units outside the vocabulary that no fact in ``taken``
    overlaps, in text order."""
    if src.lang == "en":
        return []
    mask, places = bytearray(len(src.text)), bytearray(len(src.text))
    for fact in taken:
        mark = places if fact.kind == "place" else mask  # a title's town is no place (titles.py)
        mark[fact.start : fact.end] = b"\x01" * (fact.end - fact.start)
    actors = _InOrder(f for f in taken if f.kind == "actor")
    found = [*_names(src, vocab), *_call_signs(src), *_units(src), *numbered_units(src)]
    found += _administrations(src, vocab) + _headquarters(src, vocab) + _prosecutors(src, vocab)
    found += [(m.start(), m.end(), "Russian armed forces", "forces")
              for m in matches_at_words(src, _RUSSIANS)]  # fmt: skip
    out = []
    for start, end, value, kind in sorted(found):
        if any(mask[start:end]) or (not kind.startswith("outlet") and any(places[start:end])):
            continue
        mask[start:end] = b"\x01" * (end - start)
        out.append(_actor(src, vocab, actors, (start, end), value, kind))
    for fact in taken:
        if fact.kind == "place":
            mask[fact.start : fact.end] = b"\x01" * (fact.end - fact.start)
    out += surnames_alone(src, out, mask)  # "Позже Трофимец добавил": the same person
    return out + references(src, vocab, [*taken, *out], mask)


def _names(src: _Text, vocab: Vocabulary) -> list[tuple[int, int, str, str]]:
    words, found = src.cyrillic_words, []
    capitals = src.cyrillic_where(_capital)  # what _person asks first, without its cost
    for i in (i for i, after in itertools.pairwise(capitals) if after == i + 1):
        first, second = words[i], words[i + 1]
        if src.text[first.end() : second.start()] != " ":
            continue
        name = _person(*_title_cased(first.group(), second.group()), src.lang)
        if name is None and src.lang == "uk":
            loose = _person(first.group(), second.group(), src.lang, loose=True)
            if loose and _role(src, vocab, first.start(), second.end(), behind=False):
                name = loose
        if name is not None:
            found.append((first.start(), second.end(), name, "person"))
    return found


def _capital(word: str) -> bool:
    return word[:1].isupper()


def _names_a_body(word: str) -> bool:
    """A word for an outlet, a unit or its fighters, which a name in quotes may follow."""
    return bool(lemma_set(word) & _BODY_NOUNS)


def _title_cased(first: str, second: str) -> tuple[str, str]:
    """A name in capitals, as a transcript's speaker label writes it ("КОРЕСПОНДЕНТ ТАРАС
    ВОВК:"), is read as the name it spells ("Тарас Вовк"); other words as written."""
    if first.isupper() and second.isupper() and len(first) > 2 and len(second) > 2:
        return first.title(), second.title()
    return first, second


def _outlet(src: _Text, word: re.Match[str]) -> tuple[int, int, str, str] | None:
    """A title in quotes after ``word``, a word for an outlet or channel: a media actor."""
    m = _TITLE.match(src.text, word.end())
    if m is None:
        return None
    lang = _lang(m[1], src.lang)
    title = romanise(m[1], lang)
    # "в эфире телеканала «Белгород 24»": an outlet in an oblique case is no subject
    nominative = any(p.tag.case == "nomn" for p in analyzer(lang).parse(word.group()))
    kind = "outlet" if nominative else "outlet:oblique"
    if word.group().isupper():  # "ГТРК «Курск»": the abbreviation is part of the name
        return word.start(), m.end(), f"{romanise(word.group(), lang).upper()} {title}", kind
    return m.start(1) - 1, m.end(1) + 1, title, kind


def _call_signs(src: _Text) -> list[tuple[int, int, str, str]]:
    return [(m.start(1) - 1, m.end(1) + 1, romanise(m[1], _lang(m[1], src.lang)), "person")
            for m in matches_at_words(src, _CALL_SIGN)]  # fmt: skip


def _units(src: _Text) -> list[tuple[int, int, str, str]]:
    """A name in quotes after a word for a unit, as written ("батальон «Ахмат»"), or after a
    word for its fighters, in the nominative ("бойцы «Кракена»" -> Kraken, "кадыровцы из
    «Ахмата»" -> Akhmat); and an outlet's title after a word for it (:func:`_outlet`)."""
    found, words = [], src.cyrillic_words
    for word in (words[i] for i in src.cyrillic_where(_names_a_body)):
        lemmas = lemma_set(word.group())
        outlet = _outlet(src, word) if lemmas & _OUTLET_NOUNS else None
        if outlet is not None:  # read here, in the one pass over the words
            found.append(outlet)
        unit, fighters = bool(lemmas & _UNIT_NOUNS), bool(lemmas & _FIGHTER_NOUNS)
        m = _QUOTED.match(src.text, word.end()) if unit or fighters else None
        m = m or (_QUOTED_FROM.match(src.text, word.end()) if fighters else None)
        if m is not None:
            lang = _lang(m[1], src.lang)
            name = m[1] if unit or " " in m[1] else analyzer(lang).parse(m[1])[0].normal_form
            found.append((m.start(1) - 1, m.end(1) + 1, romanise(name, lang), "unit"))
    return found


_ADMINISTRATION = re.compile(
    r"\s+(?:(?:обласн\w+|областн\w+)\s+(?:військов\w+|военн\w+|державн\w+|государственн\w+)"
    r"\s+(?:адміністраці\w*|администраци\w*)|ОВА|ОДА|ОГА|облгосадминистраци\w*)(?!\w)"
)


# The first letters of the word after an oblast's adjective that _ADMINISTRATION and
# _PROSECUTOR may match (each opens with spaces and then that word): only such pairs are tried.
_ADMINISTRATION_NEXT = ("обл", "ОВА", "ОДА", "ОГА")
_PROSECUTOR_NEXT = ("обл", "окр", "рай")


def _administrations(src: _Text, vocab: Vocabulary) -> list[tuple[int, int, str, str]]:
    found, words = [], src.cyrillic_words
    kept = src.cyrillic_before(_capital, lambda said: said.startswith(_ADMINISTRATION_NEXT))
    for word in (words[i] for i in kept):
        m = _ADMINISTRATION.match(src.text, word.end())
        if m is not None:
            body = _oblast_body(word, m.end(), vocab, "Military Administration")
            if body is not None:
                found.append(body)
    return found


def _oblast_body(word: re.Match[str], end: int, vocab: Vocabulary, kind: str
                 ) -> tuple[int, int, str, str] | None:  # fmt: skip
    """An oblast's body named by the oblast's adjective ``word`` (up to ``end``): "Sumy
    Oblast Military Administration", with the oblast's side."""
    oblast = _oblast(word.group(), vocab)
    if oblast is None:
        return None
    return word.start(), end, f"{oblast[0]} {kind}", f"administration:{oblast[1]}"


# An oblast's or a district's prosecutor's office, named by its adjective ("Сумська обласна
# прокуратура", "Шосткинської окружної прокуратури"): Ukraine's, whose districts' offices are
# "окружні" since 2021.
_PROSECUTOR = re.compile(r"[ \u00a0]+(?P<level>обласн\w+|областн\w+|окружн\w+|районн\w+)"
                         r"[ \u00a0]+прокуратур\w*(?!\w)")  # fmt: skip


# ... or by the oblast after it, as Russia's are named ("Прокуратура Курской области"): the
# fact spans the word for the body, the oblast stays a place.
_PROSECUTOR_OF = re.compile(r"(?<![\w-])(?P<body>[Пп]рокуратур\w*)[ \u00a0]+"
                            r"(?P<adjective>[А-ЯЁІЇЄҐ]\w+)[ \u00a0]+област\w*")  # fmt: skip


def _prosecutors(src: _Text, vocab: Vocabulary) -> list[tuple[int, int, str, str]]:
    found = _named_by_oblast(_PROSECUTOR_OF, "body", "Prosecutor's Office", src, vocab)
    words = src.cyrillic_words
    kept = src.cyrillic_before(_capital, lambda said: said.startswith(_PROSECUTOR_NEXT))
    for word in (words[i] for i in kept):
        m = _PROSECUTOR.match(src.text, word.end())
        if m is None:
            continue
        if m["level"].startswith("обл"):
            body = _oblast_body(word, m.end(), vocab, "Prosecutor's Office")
            if body is not None:
                found.append(body)
            continue
        parse = next((p for p in analyzer("uk").parse(word.group()) if "ADJF" in p.tag), None)
        nominative = parse.inflect({"nomn", "masc"}) if parse is not None else None
        town = district_centre(nominative.word) if nominative is not None else None
        if town is not None:
            value = f"{romanise(town, 'uk')} District Prosecutor's Office"
            found.append((word.start(), m.end(), value, "administration:Ukraine"))
    return found


# A region's operational headquarters, named by the oblast after it ("Оперштаб Курской
# области", "оперативного штабу Бєлгородської області"): the fact spans the words for it.
_HEADQUARTERS = re.compile(
    r"(?<![\w-])(?P<hq>[Оо]перштаб\w*|[Оо]перативн\w+[ \u00a0]+штаб\w*)[ \u00a0]+"
    r"(?P<adjective>[А-ЯЁІЇЄҐ]\w+)[ \u00a0]+област\w*"
)


def _headquarters(src: _Text, vocab: Vocabulary) -> list[tuple[int, int, str, str]]:
    return _named_by_oblast(_HEADQUARTERS, "hq", "operational headquarters", src, vocab)


def _named_by_oblast(pattern: re.Pattern[str], group: str, body: str, src: _Text,
                     vocab: Vocabulary) -> list[tuple[int, int, str, str]]:  # fmt: skip
    """A body named by the oblast after it (``pattern``'s ``adjective``): the fact spans
    ``group``, its value "<oblast> <body>", its side the oblast's country's administration."""
    found = []
    for m in matches_at_words(src, pattern):
        oblast = _oblast(m["adjective"], vocab)
        if oblast is not None:
            value = f"{oblast[0]} {body}"
            found.append((m.start(group), m.end(group), value, f"administration:{oblast[1]}"))
    return found


@functools.lru_cache(maxsize=1 << 10)
def _oblast(adjective: str, vocab: Vocabulary) -> tuple[str, str] | None:
    """The gazetteer's oblast an adjective names ("Харківської" -> "Kharkiv Oblast"), read
    by the name layer from the adjective with "область" after it."""
    from forensics.claims.facts.cyrillic import alias_hits  # the name layer imports this
    from forensics.claims.facts.text import _read

    for lang in ("ru", "uk"):
        for parse in analyzer(lang).parse(adjective):
            if "ADJF" not in parse.tag:
                continue
            nominative = parse.inflect({"nomn", "femn"}) or parse.inflect({"nomn"})
            if nominative is None:
                continue
            phrase = f"{nominative.word.title()} область"
            hits = [h for h in alias_hits(_read(phrase, 0), vocab) if h.kind == "place"]
            if hits and hits[0].entry.fields.get("kind") == "oblast":
                return hits[0].entry.name, str(hits[0].entry.fields.get("country"))
    return None


def _lang(word: str, text_language: Language) -> Language:
    own = word_language(word)
    return own if own == "uk" or text_language == "en" else text_language


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and word[1:].islower() and "-" not in word


@functools.lru_cache(maxsize=1 << 15)
def _person(first: str, second: str, text_language: Language, loose: bool = False) -> str | None:
    """ "Володимира Артюха" -> "Volodymyr Artiukh": a known first name and a surname in the
    same case, both put in the nominative; None when the pair is not such a name.

    ``loose`` (a role word stands before the pair): a first name the dictionary holds without
    its ``Name`` tag (the Ukrainian "Володимир", an animate noun) counts when the second word
    is a surname it knows."""
    if not (_capitalised(first) and _capitalised(second)):
        return None
    lang = _lang(first + second, text_language)
    other: tuple[Language, ...] = () if loose else ("uk" if lang == "ru" else "ru",)
    # the letters' language, when they tell it (і, ї, є, ґ; ы, э, ъ, ё), romanises the name
    script = word_language(first + second) if _TELLING.search(first + second) else None
    for each in (lang, *other):  # a short text may not tell which
        name = _person_in(first, second, each, loose, script=script)
        if name is not None:
            return name
    return None


def _person_in(
    first: str, second: str, lang: Language, loose: bool = False, script: Language | None = None
) -> str | None:
    """The name as ``lang``'s dictionary reads it, romanised by the scheme of ``script`` (the
    language of the name's letters: "Синєгубова" read by the Russian dictionary is still
    Ukrainian, Syniehubov, not "Sinєgubov")."""
    morph = analyzer(lang)
    names = [p for p in morph.parse(first) if "Name" in p.tag]
    surnames = [p for p in morph.parse(second) if "Surn" in p.tag]
    second_names = any("Name" in p.tag for p in morph.parse(second))
    if not names and loose and lang == "uk" and surnames and not second_names:
        names = [p for p in morph.parse(first) if {"NOUN", "anim"} in p.tag
                 and "Surn" not in p.tag and p.tag.case != "voct"]  # fmt: skip
    if not names or (not surnames and morph.word_is_known(second.lower())):
        return None
    # a rare reading as a name ("Виктории": 0.13) stands when a surname agrees with it
    if names[0].score < 0.25 and not any(_agrees(n, s) for n in names for s in surnames):
        return None
    # an unknown surname in an oblique case: the guesser's animate noun in the name's case
    # ("Сергея Трофимца" -> Трофимец); in the nominative it stands as written
    guessed = [] if surnames else [p for p in morph.parse(second) if {"NOUN", "anim"} in p.tag
                                   and p.tag.case not in (None, "nomn")]  # fmt: skip
    # the likeliest reading first ("Виталия" is first Виталий's genitive, then the rare
    # Виталия), never a vocative ("Петро", not "Петра"'s vocative), a nominative on a tie
    names.sort(key=lambda p: (p.tag.case == "voct", -p.score, p.tag.case != "nomn"))
    for name in names:
        same = [s for s in surnames if s.tag.case == name.tag.case]
        agreeing = [s for s in same if s.tag.gender in (name.tag.gender, None)] or same
        agreeing = agreeing or [g for g in guessed if _agrees(name, g)]
        if agreeing or (not surnames and name.tag.case == "nomn"):
            given = name.inflect({"nomn"})
            family = agreeing[0].inflect({"nomn"}) if agreeing else None
            first_name = given.word if given else name.normal_form
            last_name = family.word if family else second.lower()
            return romanise_person(f"{first_name.title()} {last_name.title()}", script or lang)
    return None


def _agrees(name: Any, surname: Any) -> bool:
    """A first name's and a surname's readings in one case and gender (a surname of common
    gender, as the -енко ones, agrees with either)."""
    return bool(name.tag.case == surname.tag.case
                and surname.tag.gender in (name.tag.gender, None))  # fmt: skip


def _role(src: _Text, vocab: Vocabulary, start: int, end: int, behind: bool = True) -> str | None:
    """A person's role: a noun for an official among the words just before the name
    ("речник ... служби Андрій Демченко"), or right after it ("Олег Синєгубов, начальник")."""
    before = list(re.finditer(r"[\w'’-]+", src.text[max(src.lo, start - 80) : start]))
    after = re.match(r",?\s*([\w'’-]+)", src.text[end : end + 40]) if behind else None
    words = [w.group() for w in before[-_ROLE_WINDOW:]][::-1] + ([after[1]] if after else [])
    for word in words:
        for noun in sorted(lemma_set(word)):
            if set(vocab.type_nouns.get(noun, ())) & vocab.person_types:
                return noun
    return None


def _actor(
    src: _Text, vocab: Vocabulary, actors: _InOrder, span: tuple[int, int], value: str, kind: str
) -> Fact:
    """The actor fact, with a role and side read from the words before the name."""
    start, end = span
    side = None
    role = _role(src, vocab, start, end) if kind == "person" else None
    body = actors.last_before(start, lambda a: a.start >= start - 80)
    if body is not None and src.text[body.end : start].count(" ") <= _ROLE_WINDOW:
        side = (body.detail or {}).get("side")
    actor_type = "armed group" if kind == "unit" else ("official" if role else "person")
    if kind == "forces":
        actor_type, side = "military", "russia"
    if kind.startswith("outlet"):
        actor_type, side = "outlet", "media"
    if kind.startswith("administration:"):  # an oblast's: the side of its country
        actor_type, country = "government", kind.partition(":")[2]
        side = {"Ukraine": "ukraine-aligned", "Russia": "russia"}.get(country, side)
    detail: dict[str, object] = {"side": side, "type": actor_type, "role": role}
    if kind == "outlet:oblique":
        detail["oblique"] = True  # named in an oblique case: not the subject of a verb
    return Fact("actor", value, src.text[start:end], start, end, detail)
