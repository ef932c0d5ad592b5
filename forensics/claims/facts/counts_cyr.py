"""Counts in Russian and Ukrainian claims: a number and the countable thing after it ("более 70
боевиков", "четыре бронемашины", "13 раненых", "п'ятеро загиблих", "трёх из пяти сёл").

The counted word changes its ending with the number ("два человека", "пять человек", "двух
погибших"), so it is matched by its dictionary forms (pymorphy3) against the Cyrillic names of
``[[noun]]`` and ``[[equipment]]`` entries, which the vocabulary lists in dictionary form.
As in English, a number counts only with such a word within a few words after it.
"""

from __future__ import annotations

import functools
import re

from forensics.claims.facts.counts import _Noun  # the counted noun, as English counts it
from forensics.claims.facts.fact import Fact
from forensics.claims.facts.morphology import analyzer, is_noun, lemma_set, word_language
from forensics.claims.facts.numbers_cyr import (
    CyrNumber,
    collective_forms,
    cyrillic_numbers,
    plain,
)
from forensics.claims.facts.text import _HYPHENS, _balanced, _InOrder, _read, _Text
from forensics.claims.facts.vocabulary import Entry, Vocabulary
from forensics.claims.facts.word_scan import matches_at_words

_QUALIFIERS = {
    "more than": "более|свыше|больше|понад|більше|більш ніж|более чем",
    "about": "около|порядка|примерно|приблизительно|приблизно|близько|почти что",
    "at least": "не менее|не меньше|по меньшей мере|как минимум|щонайменше|не менше|"
    "принаймні|як мінімум",
    "up to": "до",
    "nearly": "почти|майже",
    "only": "только|лишь|всего|лише|тільки|всього",
    "fewer than": "менее|меньше|менше",
    "at most": "не более|не больше|не більше",
}
_QUALIFIER = re.compile(
    "(?:^|(?<=\\s))(?P<q>"
    + "|".join(f"(?P<q{i}>{words})" for i, words in enumerate(_QUALIFIERS.values()))
    + ")\\s+$",
    re.I,
)
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_W = r"[\u0400-\u04ffA-Za-z]+(?:['\u2019\u02bc-][\u0400-\u04ffA-Za-z0-9]+)*"
_PHRASE_WORD = re.compile(rf"\s+({_W})")
# The counted word may stand in quotes, the writer's distance from it: "понад 70 «диверсантів»".
_COUNTED_WORD = re.compile(rf"\s+[«\"„“]?({_W})")
_MINUTES = re.compile(r"[ \u00a0]?мин(?!\w)", re.I)
# A unit of measure after digits: "снаряды калибра 155 мм", "воронка глубиной 3 м" measure.
_MEASURE = re.compile(r"[ \u00a0]?(?:мм|см|км|м|кг|т|га|л)\.?(?![\w-])", re.I)
_OUT_OF = re.compile(r"\s+(?:из|з|із)\s+(?P<n>\d+|[\u0400-\u04ff']+)(?=\s)", re.I)
_SUPERLATIVE = re.compile(r"\s+(?:из|з|із)\s+(?:самых|найбільш\w*|\w+(?:ейших|айших|іших))",
                          re.I)  # fmt: skip
_STOPWORDS = frozenset({
    "и", "или", "но", "в", "во", "на", "с", "со", "к", "ко", "по", "за", "из", "от", "до", "у",
    "о", "об", "при", "для", "без", "через", "под", "над", "что", "который", "которые", "был",
    "была", "были", "было", "і", "й", "або", "та", "але", "з", "із", "від", "що", "які", "був",
    "була", "були", "було",
})  # fmt: skip


def cyrillic_count_facts(src: _Text, vocab: Vocabulary, names: list[Fact]) -> list[Fact]:
    """Every number followed within four words by a countable noun or equipment name."""
    equipment = _InOrder(f for f in names if f.kind == "equipment")
    table, found = _lemma_index(vocab), []
    for number in cyrillic_numbers(src):
        if number.value != int(number.value) or _designation(src.text, number):
            continue
        if re.match(r"\d[:.]", src.text[max(0, number.start - 2) : number.start]):
            continue  # the minutes of a time of day ("18:45"), the day of a date
        if _SUPERLATIVE.match(src.text, number.end):  # "одной из самых серьёзных"
            continue
        if number.form == "digits" and _MINUTES.match(src.text, number.end):
            continue  # "20 мин": minutes, not mines
        if number.form == "digits" and _measure_or_part(src.text, number):
            continue
        out_of = _OUT_OF.match(src.text, number.end)
        noun = _counted(src, table, equipment, out_of.end() if out_of else number.end)
        noun = noun or _times_attacked(src, number)
        if noun is None and plain(src.text[number.start : number.end]) in collective_forms():
            noun = _Noun(number.start, number.end, "person", "people")  # "пятеро": people
        noun = noun or _people_by_verb(src, number) or _total_before(src, table, number)
        if noun is None:
            continue
        fact = _count(src, number, noun, out_of)
        if fact is not None:
            found.append(fact)
    for m in matches_at_words(src, _ADVERB):  # "трижды обстреляли", "двічі атакував"
        if _attack_beside(src, m.start(), m.end()):
            number = CyrNumber(m.start(), m.end(), float(_ADVERBS[plain(m[0])]), "words")
            noun = _Noun(m.start(), m.end(), "attack", "object")
            found.append(_count(src, number, noun, None))
    return found


_TIMES = frozenset({"раз", "раза", "разів", "рази"})
# Verbs of shelling or attacking: "87 разів обстріляли", "обстреляли 15 раз" count attacks.
_ATTACK_VERBS = frozenset({
    "обстрелять", "обстреливать", "атаковать", "атаковывать", "ударить", "обстріляти",
    "обстрілювати", "атакувати", "вдарити", "ударити",
})  # fmt: skip
_BEFORE_WORD = re.compile(rf"({_W})\s+$")
_ADVERBS = {"дважды": 2, "трижды": 3, "четырежды": 4, "двічі": 2, "двичи": 2, "тричі": 3,
            "чотиричі": 4}  # fmt: skip
_ADVERB = re.compile(r"(?<![\w-])(?=[дДтТчЧ])(?:" + "|".join(_ADVERBS) + r")(?![\w-])", re.I)


def _times_attacked(src: _Text, number: CyrNumber) -> _Noun | None:
    """ "87 разів обстріляли", "обстреляли 15 раз": a number of times beside a verb of
    shelling or attacking counts attacks; "в 2 раза больше" is no count."""
    times = _PHRASE_WORD.match(src.text, number.end)
    if times is None or plain(times[1]) not in _TIMES:
        return None
    if _attack_beside(src, number.start, times.end()):
        return _Noun(times.start(1), times.end(1), "attack", "object")
    if _attack_beside(src, number.start, times.end(), _SHARE_VERBS):
        # "переслали понад 40 тисяч разів", "просмотрели 2 миллиона раз": views of footage
        return _Noun(times.start(1), times.end(1), "view", "footage")
    return None


# Verbs of passing footage on or watching it: their number of times counts views or shares.
_SHARE_VERBS = frozenset({
    "переслать", "пересылать", "просмотреть", "просматривать", "посмотреть", "репостнуть",
    "переслати", "пересилати", "переглянути", "переглядати", "подивитися", "поширити",
    "поширювати", "репостити",
})  # fmt: skip


def _attack_beside(src: _Text, start: int, end: int, verbs: frozenset[str] = _ATTACK_VERBS) -> bool:
    """Whether the word right after ``end`` or right before ``start`` (past an "about" or
    "more than") is one of ``verbs``, by default of shelling or attacking."""
    after = _PHRASE_WORD.match(src.text, end)
    before = _BEFORE_WORD.search(src.text, max(src.lo, start - 40), start)
    if before is not None and plain(before[1]) in _ROUGHLY:
        before = _BEFORE_WORD.search(src.text, max(src.lo, before.start() - 40), before.start())
    words = (after[1] if after else "", before[1] if before else "")
    return any(word and lemma_set(word) & verbs for word in words)


_ROUGHLY = frozenset({"понад", "более", "больше", "около", "близько", "майже", "почти",
                      "свыше", "приблизно", "примерно"})  # fmt: skip


# What happens to people: "12 сдались в плен", "двое погибли", "3 задержаны" count people with
# no noun.
_PEOPLE_VERBS = frozenset({
    "сдаться", "погибнуть", "ранить", "задержать", "пострадать", "эвакуировать", "пленить",
    "здатися", "загинути", "поранити", "затримати", "постраждати", "евакуювати",
})  # fmt: skip


def _people_by_verb(src: _Text, number: CyrNumber) -> _Noun | None:
    """A number right before a plural verb or short participle of what befalls people."""
    if number.value >= 1000:  # "2023 погибли" is no count
        return None
    word = _PHRASE_WORD.match(src.text, number.end)
    if word is None or "\n" in src.text[number.end : word.start(1)]:
        return None
    if lemma_set(word[1]) & _PEOPLE_VERBS and _plural_verb(word[1]):
        return _Noun(number.start, number.end, "person", "people")
    return None


# "еще 7 получили ранения", "троє отримали поранення": what befell people, said with a noun.
_GOT_WOUNDS = re.compile(r"[ \u00a0]+(?:получил[аи]?|отримал[аи]|отримав)[ \u00a0]+"
                         r"(?:ранени|травм|поранен)\w*", re.I)  # fmt: skip
# "Количество погибших выросло до пяти", "Кількість загиблих зросла до п'яти": the total of
# a countable noun named before the number, which comes after "до" or a verb of amounting.
_TOTAL_OF = re.compile(rf"(?<![\w-])(?:[Чч]исло|[Кк]оличество|[Кк]ількість)[ \u00a0]+({_W})"
                       r"[^.;!?\n]{0,40}?(?:\sдо|составил[оа]?|составляет|становить|"
                       r"достигло|досягла|сягнула)[ \u00a0]+$")  # fmt: skip


def _total_before(src: _Text, table: _Index, number: CyrNumber) -> _Noun | None:
    if _GOT_WOUNDS.match(src.text, number.end) and number.value < 1000:
        return _Noun(number.start, number.end, "person", "people")
    m = _TOTAL_OF.search(src.text, max(src.lo, number.start - 90), number.start)
    if m is None:
        return None
    for lemma in _word_lemmas(m[1]):
        for alias, entry in table.get(lemma, ()):
            if len(alias) == 1:  # the noun is said before: the span is the number's
                category = str(entry.fields.get("category"))
                return _Noun(number.start, number.end, entry.name, category)
    return None


def _plural_verb(word: str) -> bool:
    lang = "uk" if word_language(word) == "uk" else "ru"
    return any(
        p.tag.POS in ("VERB", "PRTS", "PRTF") and p.tag.number == "plur"
        for p in analyzer(lang).parse(word)
    )


def _measure_or_part(text: str, number: CyrNumber) -> bool:
    """ "155 мм", "3 м": a measure; "6/6", "2/5": a thread's part or a fraction."""
    if _MEASURE.match(text, number.end):
        return True
    return "/" in (text[number.start - 1 : number.start], text[number.end : number.end + 1])


def _designation(text: str, number: CyrNumber) -> bool:
    """ "Т-72", "Су-27": digits glued by a hyphen to letters are part of a name."""
    before = text[max(0, number.start - 1) : number.start]
    return number.form == "digits" and before != "" and before in _HYPHENS


def _count(src: _Text, number: CyrNumber, noun: _Noun, out_of: re.Match[str] | None) -> Fact:
    q = _QUALIFIER.search(src.text[max(src.lo, number.start - 25) : number.start])
    start = number.start - (len(q.group()) if q else 0)
    start, end = _balanced(src.text, start, noun.end)
    qualifier = None
    if q is not None:
        qualifier = next(k for i, k in enumerate(_QUALIFIERS) if q[f"q{i}"])
    total = None
    if out_of is not None:
        totals = cyrillic_numbers(_read(out_of["n"], 0))
        total = int(totals[0].value) if totals else None
    detail: dict[str, object] = {
        "of": noun.name,
        "category": noun.category,
        "noun": src.text[noun.start : noun.end] if noun.start >= number.end else None,
        "qualifier": qualifier,
        "out_of": total,
    }
    return Fact("count", int(number.value), src.text[start:end], start, end, detail)


_Index = dict[str, list[tuple[tuple[str, ...], Entry]]]


def _counted(src: _Text, table: _Index, equipment: _InOrder, pos: int) -> _Noun | None:
    """The first countable word among the four after the number, or an equipment name there
    (from the name layer, else its Cyrillic name matched by dictionary form)."""
    words: list[re.Match[str]] = []
    end = pos
    for _ in range(4):
        word = (_COUNTED_WORD if not words else _PHRASE_WORD).match(src.text, end)
        if word is None or plain(word[1]) in _STOPWORDS or "\n" in src.text[end : word.start(1)]:
            break  # a line break ends the phrase: "18:45\nРижівку ... мінометним"
        words.append(word)
        end = word.end()
        if src.text[end : end + 1] in (",", ".", ";", ":", "!", "?", ")"):
            break
    named = [f for f in equipment.within(pos, end + 1)]
    if named:
        f = named[0]
        return _Noun(f.start, f.end, str(f.value), str((f.detail or {}).get("category")))
    for index in range(len(words)):
        hit = _lemma_match(words, index, table)
        if hit is not None:
            return hit
        measure = plain(words[index][1]).startswith(("единиц", "одиниц"))  # "20 единиц техники"
        if _noun(words[index][1], src.lang) and not measure:  # "около 14 часов украинская группа"
            return None
    return None


_RUSSIAN_LETTER = re.compile(r"[ыэъёЫЭЪЁ]")


def _noun(word: str, text_language: str) -> bool:
    """Whether the word is likeliest a noun, in the language its letters tell, else in the
    text's: Russian guesses "житлових" (a Ukrainian adjective) to be a noun."""
    if not CYRILLIC.search(word):
        return False
    lang = word_language(word)
    if lang != "uk" and not _RUSSIAN_LETTER.search(word) and text_language == "uk":
        lang = "uk"
    return is_noun(word, "uk" if lang == "uk" else "ru")


def _lemma_match(words: list[re.Match[str]], index: int, table: _Index) -> _Noun | None:
    first = _word_lemmas(words[index][1])
    for lemma in first:
        for alias, entry in table.get(lemma, ()):
            following = words[index : index + len(alias)]
            if len(following) == len(alias) and all(
                alias[i] in _word_lemmas(w[1]) for i, w in enumerate(following)
            ):
                category = str(entry.fields.get("category"))
                name = entry.name
                return _Noun(following[0].start(1), following[-1].end(1), name, category)
    return None


def _word_lemmas(word: str) -> frozenset[str]:
    """Every dictionary form the word may be, in Russian or Ukrainian, apostrophes as '."""
    return frozenset(plain(w) for w in lemma_set(word))


@functools.lru_cache(maxsize=8)
def _lemma_index(vocab: Vocabulary) -> _Index:
    """Cyrillic names of countable nouns and equipment, by their first word, longest first."""
    table: _Index = {}
    for entry in (*vocab.of_kind("noun"), *vocab.of_kind("equipment")):
        for alias in entry.names():
            if re.search(r"[\u0400-\u04ff]", alias):
                words = tuple(plain(w) for w in alias.split())
                table.setdefault(words[0], []).append((words, entry))
    for options in table.values():
        options.sort(key=lambda option: -len(option[0]))
    return table
