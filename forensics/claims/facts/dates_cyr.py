"""Dates as Russian and Ukrainian claims write them, found and put in the English layer's terms.

"22 мая 2023 года", "1 червня", "в ночь на 1 июня", "22.05", "в мае 2023 года", "у травні 2022
року", "в понедельник", "у минулий вівторок", "вчера", "сьогодні", "три дня назад", "накануне,
в среду", "наступного дня". Month and weekday words are known in every case by their forms
from pymorphy3; each hit is handed to :mod:`dates` as ``(start, end, form, groups)`` with the
groups its English forms use (``day``, ``month`` as an English name, ``year``, ``wd``,
``mod``), so one resolver, with its one rule for what nothing is guessed from, serves all three
languages.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from forensics.claims.facts.day_alone_cyr import day_alone_hits
from forensics.claims.facts.day_month import day_month_hits
from forensics.claims.facts.morphology import forms
from forensics.claims.facts.numbers_cyr import digits_value, number_forms, plain
from forensics.claims.facts.text import _Text
from forensics.claims.facts.word_scan import matches_at_words

_MONTHS_EN = ("january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december")  # fmt: skip
_MONTHS = {"ru": "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь",
           "uk": "січень лютий березень квітень травень червень липень серпень вересень жовтень "
                 "листопад грудень"}  # fmt: skip
_WEEKDAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAYS = {"ru": "понедельник вторник среда четверг пятница суббота воскресенье",
             "uk": "понеділок вівторок середа четвер п'ятниця субота неділя"}  # fmt: skip

Hit = tuple[int, int, str, dict[str, str | None]]

_W = r"[\u0400-\u04ff]+(?:['\u2019\u02bc][\u0400-\u04ff]+)*"
_YEAR_WORD = r"(?:\s*(?:года|году|г\.|гг\.|року|рік|р\.))?"
_NAMED = re.compile(
    rf"(?<![\w.])(?:(?:в|во|у)\s+(?P<wd>{_W}),?\s+)?"
    rf"(?P<night>(?:(?:в|у)\s+(?:ночь|ніч)|уночі|вночі|ночью)\s+(?:на|проти)\s+)?"
    rf"(?P<day>\d{{1,2}})(?:-?(?:го|е|й))?\s+(?P<month>{_W})"
    rf"(?:\s+(?P<year>\d{{4}})(?!\d){_YEAR_WORD})?",
    re.I,
)
# The first day of a range or of two days named together: "22-23 мая", "с 22 по 24 мая", "22 и
# 23 мая", "4 та 5 червня".
_RANGE_START = re.compile(r"(?<![\d.])(\d{1,2})(?:\s*[-\u2013\u2014]\s*|\s+(?:по|до|и|і|й|та)\s+)$")
_MONTH_ONLY = re.compile(rf"(?<![\w.])(?:(?:в|во|у)\s+)?(?P<month>{_W})\s+(?P<year>\d{{4}})"
                         rf"(?!\d){_YEAR_WORD}", re.I)  # fmt: skip
_YEAR = re.compile(r"(?<![\d.,])\d{4}(?!\d)")
# "в апреле", "у травні", "у середині травня": a month after a preposition with no day before it
# nor a year after it; found at the preposition, by the months' stems.
_MONTH_STEMS = (
    r"январ|феврал|март|апрел|ма[ея]|июн|июл|август|сентябр|октябр|ноябр|декабр|"
    r"січн|лют|берез|квітн|травн|червн|липн|серпн|вересн|жовтн|листопад|грудн"
)
_MONTH_NO_YEAR = re.compile(
    rf"(?<![\w.-])(?=[вуВУнН])(?:(?:в|во|у)\s+(?:(?:середин[еіы]|начале|конце|кінці|початку)\s+)?"
    rf"|(?:на\s+початку|наприкінці|напочатку)\s+)"
    rf"(?P<month>(?:{_MONTH_STEMS})[\u0400-\u04ff]*)(?![\w'\u2019-])(?!,?\s*\d)",
    re.I,
)
# "у лютому" is February, or the locative of лютий, "fierce", before its noun
_ADJECTIVE_NEXT = re.compile(r"\s+[\u0430-\u044f\u0456\u0457\u0454\u0491]")
_MONTH_BEFORE = re.compile(rf"(?<![\w.])(?:(?:в|во|у)\s+)?{_W}\s+$", re.I)
_DOTS_YY = re.compile(r"(?<![\d.,])(?P<b>\d{1,2})\.(?P<a>\d{2})\.(?P<yy>\d{2})(?![\d]|[.,]\d)")
_LAST = r"(?:прошл|минувш|прошедш|минул)[\u0400-\u04ff]*"
# "в этот понедельник", "цього понеділка": the weekday itself, no week before or after
_THIS = r"(?:эт(?:от|у|о|ой|ого)|ц(?:ей|ю|е|ього|ієї|ій|ьому))"
_NEXT = r"(?:следующ|ближайш|наступн|найближч)[\u0400-\u04ff]*"
# "в ночь с воскресенья на понедельник", "у ніч з неділі на понеділок": the night into the second
_WEEKDAY = re.compile(rf"(?<![\w-])(?:(?:в|у)\s+(?:ночь|ніч)\s+(?:(?:с|со|з)\s+{_W}\s+)?"
                      rf"(?:на|проти)\s+|(?:в|во|у|за)\s+)?"
                      rf"(?:(?:(?P<last>{_LAST})|(?P<next>{_NEXT})|{_THIS})"
                      rf"\s+)?(?P<wd>{_W})(?![\w-])", re.I)  # fmt: skip
_WEEKDAY_STEM = re.compile(r"(?<![\w-])(?:понедельн|вторн|сред|четверг|пятниц|суббот|воскресен|"
                           r"понеділ|вівтор|серед|четвер|п['\u2019\u02bc]ятниц|субот|неділ)",
                           re.I)  # fmt: skip
_WORD_AT = re.compile(_W)
_IN_CHAIN = re.compile(r"[\u0400-\u04ff'\u2019\u02bc\s]")
# Each scan opens with a look-ahead for its first letters: the regex engine then skips the
# positions no match can start at (twice as fast over two megabytes).
_PUBLICATION = re.compile(
    r"(?<![\w-])(?=[пвусмнтз])(?:(?P<word>позавчера|позавчора|вчера|вчора|учора|сегодня|"
    r"сьогодні|прошлой ночью|минулої ночі|за минулу добу|минулої доби|с полуночи|з опівночі|"
    r"від опівночі|"
    r"за (?:прошедшие|минувшие) сутки)|(?P<adj>(?:позавчерашн|вчерашн|позавчорашн|вчорашн|"
    r"учорашн|сегодняшн|сьогоднішн)[\u0400-\u04ff]{1,3})|"
    r"(?P<week>неделю назад|тиждень тому))(?![\w-])",
    re.I,
)
# "три дня назад": found at its "дня назад", then the count read back.
_DAYS_AGO = re.compile(r"(?=[дДнНтТ])(?:дн(?:я|ей|і|ів)|день|(?P<weeks>недел[иь]|тижн(?:і|ів)))"
                       r"\s+(?:назад|тому)(?![\w-])", re.I)  # fmt: skip
_COUNT_BEFORE = re.compile(rf"(?<![\w-])(?P<n>\d+|{_W})\s+$")
# "Last night" is the night into the day of the post, as "в ночь на 23 мая" is 23 May.
_DAYS_BACK = {"позавчера": 2, "позавчора": 2, "вчера": 1, "вчора": 1, "учора": 1, "сегодня": 0,
              "сьогодні": 0, "прошлой ночью": 0, "минулої ночі": 0,
              # a daily summary's "past day" is the day before the post
              "за минулу добу": 1, "минулої доби": 1, "за прошедшие сутки": 1,
              "за минувшие сутки": 1,
              # a post's "since midnight" is its own day
              "с полуночи": 0, "з опівночі": 0, "від опівночі": 0}  # fmt: skip
_PREVIOUS = re.compile(
    rf"(?<![\w-])(?=[нНдДвВтТцЦчЧ])(?P<main>(?P<after>на следующий день|на другой день|"
    rf"наступного дня|на наступний день|"
    rf"днем позже|днём позже)|(?P<before>накануне|напередодні|днем ранее|днём ранее|"
    rf"днем раньше|днём раньше)|(?P<same>в тот же день|того же дня|того ж дня|в той же день|"
    rf"цього ж дня|в этот же день)|через\s+(?P<n>\d+|{_W})\s+(?:дн(?:я|ей|і|ів)))"
    rf"(?:,?\s+(?:в|во|у)\s+(?P<wd>{_W}))?(?![\w-])",
    re.I,
)
# "накануне выборов" is "on the eve of the elections": a date only when nothing is governed.
_EVE_OF = re.compile(r"\s+(?!(?:вечером|утром|ночью|днем|днём|ввечері|вранці|вночі|вдень|"
                     r"в|во|у)\b)[\u0400-\u04ff]", re.I)  # fmt: skip
_PART_OF_DAY = re.compile(rf"(?<![\w-])(?:утр[оау]|утром|вечер[аоу]?|вечером|ноч[иь]|ночью|"
                          rf"вранці|зранку|ввечері|увечері|вдень|уночі|вночі|"
                          rf"полдень|ран(?:ок|ку)|вечір|вечора|ніч|ночі)\s+(?P<wd>{_W})(?![\w-])",
                          re.I)  # fmt: skip
_FUTURE = re.compile(r"(?<!\w)(?:будет|будут|состоится|планиру\w*|намерен\w*|собира\w*|буде|"
                     r"будуть|відбудеться|планує|планують|має намір)(?!\w)", re.I)  # fmt: skip


@functools.cache
def _lookup(table: str) -> dict[str, str]:
    """Every form of every month ("months") or weekday ("weekdays") -> its English name."""
    names, english = (_MONTHS, _MONTHS_EN) if table == "months" else (_WEEKDAYS, _WEEKDAYS_EN)
    found: dict[str, str] = {}
    for lang, words in names.items():
        for word, name in zip(words.split(), english, strict=True):
            found.update((plain(form), name) for form in forms(word, lang))  # type: ignore[arg-type]
    return found


def cyrillic_date_hits(src: _Text) -> list[Hit]:
    """Every Cyrillic date form in the body, possibly overlapping (the caller keeps the
    longest)."""
    return [
        *_named(src),
        *_month_only(src),
        *_month_no_year(src),
        *_short_dots(src),
        *_two_digit_years(src),
        *_weekdays(src),
        *_publication(src),
        *_previous(src),
        *day_alone_hits(src),
    ]


def _named(src: _Text) -> Iterator[Hit]:
    months, weekdays = _lookup("months"), _lookup("weekdays")
    text, lo = src.text, src.lo
    for m in matches_at_words(src, _NAMED):  # as finditer, tried only at its first words
        month = months.get(plain(m["month"]))
        if month is None:
            continue
        wd = weekdays.get(plain(m["wd"])) if m["wd"] else None
        start = m.start() if wd or not m["wd"] else m.start("night" if m["night"] else "day")
        groups = {"day": m["day"], "month": month, "year": m["year"], "wd": wd,
                  "night": "1" if m["night"] else None}  # fmt: skip
        first = _RANGE_START.search(text, max(lo, start - 12), start)
        if first is not None:  # "22-23 мая", "22 и 23 мая": the first day, same month
            yield first.start(1), first.end(1), "named", {**groups, "day": first[1], "wd": None}
        yield start, m.end(), "named", groups


def _month_only(src: _Text) -> Iterator[Hit]:
    """ "в мае 2023 года": found at each four-digit year, read back to the month before it."""
    text, lo = src.text, src.lo
    months, done = _lookup("months"), lo
    for year in matches_at_words(src, _YEAR):  # tried only where a run of digits starts
        before = _MONTH_BEFORE.search(text, max(done, year.start() - 40), year.start())
        m = _MONTH_ONLY.match(text, before.start()) if before is not None else None
        if m is None or m.start("year") != year.start():
            continue
        month = months.get(plain(m["month"]))
        if month is not None:
            done = m.end()
            yield m.start(), m.end(), "month", {"month": month, "year": m["year"]}


def _month_no_year(src: _Text) -> Iterator[Hit]:
    """ "в апреле", "у травні", "у середині травня": a month; its year comes from the date of
    the text (:mod:`dates`)."""
    months = _lookup("months")
    for m in matches_at_words(src, _MONTH_NO_YEAR):
        month = months.get(plain(m["month"]))
        if month is None or (month == "february" and _ADJECTIVE_NEXT.match(src.text, m.end())):
            continue
        yield m.start(), m.end(), "month", {"month": month, "year": None}


def _two_digit_years(src: _Text) -> Iterator[Hit]:
    """ "22.05.23": day, month and a year of this century, as Russian and Ukrainian posts
    abbreviate it."""
    for m in matches_at_words(src, _DOTS_YY):
        if 1 <= int(m["a"]) <= 12 and 1 <= int(m["b"]) <= 31:
            yield m.start(), m.end(), "dots", {"a": m["a"], "b": m["b"], "year": f"20{m['yy']}"}


def _short_dots(src: _Text) -> Iterator[Hit]:
    """ "22.05": day and month, as Russian and Ukrainian write them, where nothing makes the
    digits a time of day ("в 22.05", "22.05 мск") or a quantity (:mod:`day_month`)."""
    yield from day_month_hits(src, english=False)


def _weekdays(src: _Text) -> Iterator[Hit]:
    """ "в понедельник", "у минулий вівторок": a weekday after a preposition or "last"/"next"
    (a bare "среда" is as often "the environment"), or in the genitive after a time of day
    ("на утро пятницы", "вечора п'ятниці")."""
    weekdays = _lookup("weekdays")
    text, lo = src.text, src.lo
    for m in _weekday_matches(src, weekdays):
        wd = weekdays[plain(m["wd"])]
        if m.start() == m.start("wd") or (m.group()[:2].lower() == "за" and wd == "wednesday"):
            continue  # "за среду" is as often "for the environment" as "for Wednesday"
        before = text[max(lo, m.start() - 80) : m.start()]
        future = "1" if _FUTURE.search(before.rsplit(".", 1)[-1]) else None
        modifier = "last" if m["last"] else "next" if m["next"] else None
        yield m.start(), m.end(), "weekday", {"wd": wd, "mod": modifier, "future": future}
    for m in matches_at_words(src, _PART_OF_DAY):  # "на утро пятницы": the weekday's genitive
        named = weekdays.get(plain(m["wd"]))
        if named is not None:
            before = text[max(lo, m.start() - 80) : m.start()]
            future = "1" if _FUTURE.search(before.rsplit(".", 1)[-1]) else None
            yield m.start(), m.end(), "weekday", {"wd": named, "mod": None, "future": future}


def _weekday_matches(src: _Text, weekdays: dict[str, str]) -> Iterator[re.Match[str]]:
    """The matches of ``_WEEKDAY`` over ``text[lo:]`` whose word is a weekday, as its
    ``finditer`` gives them, found without trying it at every word: at each weekday word, it
    is run from where a match may start at the latest, the first character before the word
    that no match can span (anything but Cyrillic letters, apostrophes and spaces)."""
    text, lo = src.text, src.lo
    done = lo
    for stem in matches_at_words(src, _WEEKDAY_STEM):
        word = _WORD_AT.match(text, stem.start())
        if word is None or plain(word.group()) not in weekdays or word.end() <= done:
            continue
        start = stem.start()
        while start > max(lo, done) and _IN_CHAIN.match(text[start - 1]):
            start -= 1
        for m in _WEEKDAY.finditer(text, start):
            if m.end() >= word.end():
                if m.end() == word.end() and m.end("wd") == word.end():
                    done = m.end()
                    yield m
                break


def _count(token: str) -> int | None:
    if token[0].isdigit():
        return int(digits_value(token))
    value = number_forms().get(plain(token))
    return value if value is not None and value < 1000 else None


# "Last night" opening a sentence of a post or a live-blog entry: the night into the day it was
# published, as "в ночь на 23 мая" is 23 May ("Минувшей ночью было неспокойно", "Уночі
# росіяни вдарили"); only there, since "22 травня вночі" is the night of the date beside it,
# and "Уночі на 19 червня" of the date after it.
_LAST_NIGHT = re.compile(r"(?m)(?=[МЭУВЦ])(?:^|(?<=[.!?] ))(?:Минувшей ночью|Этой ночью|Уночі|"
                         r"Вночі|Цієї ночі)(?![\w-])(?!\s+(?:на|проти)\s+\d)")  # fmt: skip


def _publication(src: _Text) -> Iterator[Hit]:
    text, lo = src.text, src.lo
    for m in _LAST_NIGHT.finditer(text, lo):
        yield m.start(), m.end(), "publication", {"days": "0", "night": "1"}
    for m in matches_at_words(src, _PUBLICATION):
        days = _DAYS_BACK.get(" ".join(m["word"].lower().split())) if m["word"] else None
        days = 7 if m["week"] else days
        if m["adj"]:  # "после вчерашнего обстрела", "сьогоднішній удар"
            low = m["adj"].lower()
            days = 2 if low.startswith("поза") else 0 if low.startswith("с") else 1
        if days is not None:
            night = {"night": "1"} if m["word"] and "ноч" in m["word"].lower() else {}
            yield m.start(), m.end(), "publication", {"days": str(days), **night}
    for ago in matches_at_words(src, _DAYS_AGO):  # tried only where its words are in a word
        n = _COUNT_BEFORE.search(text, max(lo, ago.start() - 40), ago.start())
        days = _count(n["n"]) if n is not None else None
        days = days * 7 if days is not None and ago["weeks"] else days  # "две недели назад"
        if n is not None and days is not None:
            yield n.start(), ago.end(), "publication", {"days": str(days)}


def _previous(src: _Text) -> Iterator[Hit]:
    text = src.text
    weekdays = _lookup("weekdays")
    for m in matches_at_words(src, _PREVIOUS):
        eve = m["before"] and m["before"].lower().startswith(("накан", "напер"))
        if eve and not m["wd"] and _EVE_OF.match(text, m.end()):
            continue
        shift = 1 if m["after"] else -1 if m["before"] else 0 if m["same"] else _count(m["n"])
        wd = weekdays.get(plain(m["wd"])) if m["wd"] else None
        if shift is None:
            continue
        end = m.end() if wd else m.end("main")
        yield m.start(), end, "previous", {"shift": str(shift), "wd": wd}
