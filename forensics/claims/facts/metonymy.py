"""A state or a capital that speaks or acts is its government, not a place: "Москва назвала
рейд терактом", "Киев заявил", "Росія обстрілює прикордоння", "Україна заперечує".

Russian and Ukrainian mark the subject by its case, so the form is plain: the name in the
nominative, then (past an adverb or a negation) a singular finite verb of saying or of attacking.
Only names the vocabulary also lists as an actor's alias are read so ("Moscow" is an alias of
the Russian government), and only verbs a government does, so "Москва подверглась атаке" and
"Белгород подвергся обстрелу" stay places, and "Киев обстреляли" (a plural verb: someone
shelled Kyiv) too. A speech verb may also come first when the name closes the sentence or
its clause ("Об этом сообщил Киев.", "утверждает Москва.", "повідомив Київ, а ..."),
agreeing with it in gender when it is past; a verb of attacking before the name makes it the
object ("обстреляла Киев"), so it is not read. English names are matched as aliases of both
kinds and told apart by the words around them, a speech verb after one among them
(:mod:`names`).
"""

from __future__ import annotations

import functools
import re

from forensics.claims.facts.cyrillic import CYRILLIC
from forensics.claims.facts.fact import Fact
from forensics.claims.facts.morphology import Language, analyzer
from forensics.claims.facts.text import _Text
from forensics.claims.facts.vocabulary import Entry, Vocabulary

# Verbs of attacking and of answering for it, beside the vocabulary's speech verbs; a
# government is their subject, a town suffers them ("подверглась", "пострадал" are not here).
_ACTS = frozenset({
    "атаковать", "обстреливать", "обстрелять", "ударить", "наносить", "нанести", "бить",
    "бомбить", "напасть", "нападать", "отрицать", "отвергать", "опровергать", "опровергнуть",
    "требовать", "потребовать", "угрожать", "пригрозить", "ответить", "отвечать",
    "атакувати", "обстрілювати", "обстріляти", "вдарити", "завдати", "завдавати", "бити",
    "бомбити", "напасти", "нападати", "заперечувати", "заперечити", "відкидати", "спростувати",
    "вимагати", "погрожувати", "пригрозити", "відповісти", "відповідати",
})  # fmt: skip
# Words that may stand between the subject and its verb ("Киев снова обвинил", "не признаёт").
_BETWEEN = frozenset({
    "снова", "вновь", "опять", "также", "тоже", "уже", "ещё", "еще", "ранее", "официально",
    "не", "же", "знову", "також", "теж", "вже", "ще", "раніше", "офіційно", "вкотре",
})  # fmt: skip
_NEXT_WORD = re.compile(r"[ \u00a0]+([\u0400-\u04ff\u2019']+)")
_PREVIOUS_WORD = re.compile(r"(?<![\w'\u2019-])([\u0400-\u04ff\u2019']+)[ \u00a0]+$")
# The sentence or the clause ends: a stop, or a comma before a contrasting conjunction ("першим
# повідомив Київ, а в Москві заявили").
_CLOSES = re.compile(r"[ \u00a0]*(?:[.!?;]|$|,[ \u00a0]+(?:а|но|але|однак|однако|проте)[ \u00a0])")
_GENDERS = frozenset({"masc", "femn", "neut"})


@functools.lru_cache(maxsize=8)
def _governments(vocab: Vocabulary) -> dict[str, Entry]:
    """A place's canonical name -> the actor that has it as an alias ("Moscow" -> the Russian
    government)."""
    places = {entry.name for entry in vocab.of_kind("place")}
    return {
        alias: entry
        for entry in vocab.of_kind("actor")
        for alias in entry.aliases
        if alias in places
    }


@functools.lru_cache(maxsize=8)
def _speech(vocab: Vocabulary) -> frozenset[str]:
    return frozenset(
        str(verb).replace("ё", "е")
        for entry in vocab.of_kind("speech")
        for verb in entry.fields.get("verbs", ()) or ()  # type: ignore[attr-defined]
    )


def _grammemes(parse: object) -> set[str]:
    # str(tag), not "x in tag": asked of a Russian tag, a Ukrainian grammeme raises once both
    # analysers are made (they share a table)
    return set(str(parse.tag).replace(" ", ",").split(","))  # type: ignore[attr-defined]


@functools.lru_cache(maxsize=4096)
def _nominative(word: str, lang: Language) -> frozenset[str]:
    """The genders the word has as a nominative (empty when it is never one)."""
    found: set[str] = set()
    for parse in analyzer(lang).parse(word):
        tags = _grammemes(parse)
        if "nomn" in tags:
            found |= (tags & _GENDERS) or {"any"}
    return frozenset(found)


@functools.lru_cache(maxsize=1 << 14)
def _speech_before(
    word: str, lang: Language, speech: frozenset[str], genders: frozenset[str]
) -> bool:
    """A finite singular speech verb that agrees in gender with a subject after it."""
    for parse in analyzer(lang).parse(word):
        tags = _grammemes(parse)
        if parse.tag.POS != "VERB" or "infn" in tags or "plur" in tags:  # type: ignore[attr-defined]
            continue
        gender = tags & _GENDERS
        agrees = not gender or bool(gender & genders) or "any" in genders
        if agrees and parse.normal_form.replace("ё", "е") in speech:  # type: ignore[attr-defined]
            return True
    return False


@functools.lru_cache(maxsize=1 << 14)
def _acting_verb(word: str, lang: Language, verbs: frozenset[str]) -> bool:
    """A finite singular verb of saying or attacking (no infinitive, no plural)."""
    for parse in analyzer(lang).parse(word):
        tags = _grammemes(parse)
        if parse.tag.POS != "VERB" or "infn" in tags or "plur" in tags:  # type: ignore[attr-defined]
            continue
        if parse.normal_form.replace("ё", "е") in verbs:  # type: ignore[attr-defined]
            return True
    return False


def _acts(src: _Text, fact: Fact, speech: frozenset[str]) -> bool:
    lang: Language = src.lang if src.lang != "en" else "ru"
    if " " in fact.text or fact.text.isupper():
        return False  # an indeclinable "РФ" is as often a genitive ("артиллерия РФ бьёт")
    genders = _nominative(fact.text, lang)
    if not genders:
        return False
    before = _PREVIOUS_WORD.search(src.text, max(0, fact.start - 40), fact.start)
    closes = before is not None and _CLOSES.match(src.text, fact.end) is not None
    if closes and _speech_before(before.group(1), lang, speech, genders):  # type: ignore[union-attr]
        return True
    return _verb_after(src, fact, lang, _ACTS | speech)


def _verb_after(src: _Text, fact: Fact, lang: Language, verbs: frozenset[str]) -> bool:
    pos = fact.end
    for _ in range(3):  # the verb, after at most two words between
        m = _NEXT_WORD.match(src.text, pos)
        if m is None:
            return False
        word = m.group(1)
        if word.lower() not in _BETWEEN:
            return _acting_verb(word, lang, verbs)
        pos = m.end()
    return False


def governments_acting(src: _Text, vocab: Vocabulary, facts: list[Fact]) -> list[Fact]:
    """``facts`` with each Cyrillic state or capital that speaks or acts made its government."""
    states = _governments(vocab)
    out = []
    for f in facts:
        actor = states.get(str(f.value)) if f.kind == "place" else None
        if actor is None or not CYRILLIC.search(f.text) or not _acts(src, f, _speech(vocab)):
            out.append(f)
            continue
        fields = actor.fields
        detail = {"side": fields["side"], "type": fields["type"], "role": fields.get("role")}
        out.append(Fact("actor", actor.name, f.text, f.start, f.end, detail))
    return out
