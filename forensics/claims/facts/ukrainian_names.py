"""A Ukrainian's name written in Russian, read as the Ukrainian name it stands for, so that one
person has one value in every script: "Владимир Артюх" (a Russian-language report on the
head of the Sumy administration) is Volodymyr Artiukh, as "Володимир Артюх" is, not the
Russian "Vladimir Artyukh" nor a Ukrainian romanisation of Russian letters ("Vladymyr").

Russian texts give Ukrainian first names their Russian equivalents (Владимир for Володимир,
Андрей for Андрій); the pairs are a closed set, like months, and are listed here. A surname
keeps its letters except the few that only Russian spells (ы, э, ё) and the Russian adjective
endings of surnames (-ский, -цкий -> -ський, -цький). The name is then romanised by the
Ukrainian national system. A first name not listed is left as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from forensics.claims.facts.morphology import Language, word_language
from forensics.claims.facts.translit import romanise

# Russian first name (nominative) -> the Ukrainian one it renders
_FIRST_NAMES = {
    "Александр": "Олександр", "Алексей": "Олексій", "Анатолий": "Анатолій", "Андрей": "Андрій",
    "Аркадий": "Аркадій", "Арсений": "Арсеній", "Василий": "Василь", "Виталий": "Віталій",
    "Виктор": "Віктор", "Владимир": "Володимир", "Вячеслав": "В'ячеслав", "Геннадий": "Геннадій",
    "Георгий": "Георгій", "Григорий": "Григорій", "Дмитрий": "Дмитро", "Евгений": "Євген",
    "Игорь": "Ігор", "Иван": "Іван", "Илья": "Ілля", "Кирилл": "Кирило", "Леонид": "Леонід",
    "Михаил": "Михайло", "Николай": "Микола", "Олег": "Олег", "Павел": "Павло", "Пётр": "Петро",
    "Петр": "Петро", "Сергей": "Сергій", "Степан": "Степан", "Тарас": "Тарас", "Федор": "Федір",
    "Фёдор": "Федір", "Юрий": "Юрій", "Ярослав": "Ярослав", "Валерий": "Валерій",
    "Валентин": "Валентин", "Вадим": "Вадим", "Богдан": "Богдан", "Руслан": "Руслан",
    "Роман": "Роман", "Максим": "Максим", "Денис": "Денис", "Антон": "Антон", "Артем": "Артем",
    "Артём": "Артем", "Ольга": "Ольга", "Елена": "Олена", "Ирина": "Ірина", "Наталья": "Наталія",
    "Наталия": "Наталія", "Татьяна": "Тетяна", "Екатерина": "Катерина", "Анна": "Анна",
    "Мария": "Марія", "Юлия": "Юлія", "Людмила": "Людмила", "Светлана": "Світлана",
    "Оксана": "Оксана", "Галина": "Галина", "Вера": "Віра", "Надежда": "Надія",
}  # fmt: skip
_SURNAME_ENDINGS = ((re.compile(r"([сц])кий$"), r"\1ький"), (re.compile(r"([сц])кая$"), r"\1ька"))
_LETTERS = str.maketrans({"ы": "и", "э": "е", "Э": "Е"})


def ukrainian_reading(first: str, last: str) -> str:
    """The Latin value of a Ukrainian named in Russian by ``first`` and ``last`` (both
    nominative, title case): "Владимир", "Артюх" -> "Volodymyr Artiukh"."""
    given = _FIRST_NAMES.get(first, first.translate(_LETTERS))
    family = last.translate(_LETTERS).replace("ё", "ьо")
    for pattern, ending in _SURNAME_ENDINGS:
        family = pattern.sub(ending, family)
    return romanise(f"{given} {family}", "uk")


def as_ukrainian(written: str, value: str,
                 nominative: Callable[[str, str, Language], tuple[str, str] | None]) -> str:
    """A Ukrainian's name written in Russian ("Владимира Артюха") as the Ukrainian name
    (Volodymyr Artiukh), its words put in the nominative by ``nominative``; ``value`` when
    the words are Ukrainian already or no name the dictionaries read."""
    first, _, second = written.partition(" ")
    if not second or word_language(written) == "uk":  # a call sign, or Ukrainian letters
        return value
    for lang in ("ru", "uk"):
        pair = nominative(first, second, lang)
        if pair is not None:
            return ukrainian_reading(*pair)
    return value
