"""Date facts, as ISO dates: written dates ("22 May 2023", "2023-05-22", "01.06.2023"),
weekdays, words relative to publication ("yesterday", "two days ago") and words relative to
the previous date mentioned ("the next day", "two days later").

Nothing is guessed: a relative date resolves only against the publication date the caller
gives, or a wire dateline with a year, or a date the text has already named, and is dropped
otherwise; "05/06/2023", May or June, is dropped too. Weekdays point back from publication
unless the wording looks ahead. A month without a day ("May 2022") is a date fact of value
"YYYY-MM" with ``precision`` "month" and role "month": the checks use it where a claim names
no day, as the whole month (``claims.checks.claim``).

Russian and Ukrainian forms are found by :mod:`dates_cyr` and resolved here, by the same rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from forensics.claims.facts import dates_en as en
from forensics.claims.facts.dates_cyr import cyrillic_date_hits
from forensics.claims.facts.day_month import day_month_hits
from forensics.claims.facts.fact import Fact
from forensics.claims.facts.named_after import named_after_date
from forensics.claims.facts.numbers import _NUMBER, _number
from forensics.claims.facts.text import _APOSTROPHES, _longest, _Text, latin_matches
from forensics.dates import calendar_day

_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?!\d|:\d)"  # "May 22:" heads an entry; "22:05" is a time
_YEAR = r"(?P<year>\d{4})(?!\d)"
_DATE_FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"(?:(?<![\w-])|(?<=(?<![\w.-])\d-)|(?<=(?<![\w.-])\d\d-))"
                rf"(?:{en.WEEKDAY},?\s+)?(?:the\s+)?{_DAY}(?:\s+of)?\s+{en.MONTH}"
                rf"(?:,?\s+{_YEAR})?"), "named"),
    (re.compile(rf"(?<![\w-])(?:{en.WEEKDAY},?\s+)?{en.MONTH}\s+(?:the\s+)?{_DAY}"
                rf"(?:,?\s+{_YEAR})?"), "named"),
    (re.compile(rf"(?<![\w-]){en.MONTH},?\s+{_YEAR}"), "month"),  # "May 2022": a month, no day
    # "in May", "in early June": a month with no day nor year, of the year the text is dated
    (re.compile(rf"(?<![\w-])(?i:in)\s+(?:(?i:early|mid|late)[\s-]+)?"
                rf"(?P<month>{en.capitalised(en.MONTHS)})(?![\w-])(?!,?\s*\d)"), "month"),
    (re.compile(r"(?<![\d-])(?P<year>\d{4})-(?P<a>\d{2})-(?P<b>\d{2})(?![\d-])"), "iso"),
    (re.compile(r"(?<![\d.])(?P<b>\d{1,2})\.(?P<a>\d{1,2})\.(?P<year>\d{4})(?!\d|\.\d)"), "dots"),
    (re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})(?![\d/])"), "slash"),
    (re.compile(rf"(?<![\w-])(?:(?P<mod>(?i:last|next|this|on|by|since|until|from|early|late))"
                rf"\s+)?{en.WEEKDAY}(?:\s+(?i:morning|afternoon|evening|night))?"), "weekday"),
    (re.compile(rf"(?<![\w-])(?i:the day before yesterday|yesterday|today|tonight|this "
                rf"(?:morning|afternoon|evening)|last night|(?:a|one) week ago|"
                rf"(?P<n>{_NUMBER}) days? ago)(?![\w-])"), "publication"),
    (re.compile(rf"(?<![\w-])(?i:the (?:day|morning|evening|night) (?:after|before)|the "
                rf"(?:following|next|previous|preceding) (?:day|morning|evening|night)|"
                rf"(?P<n>a|{_NUMBER}) days? (?:later|earlier|after|before)|later that day|"
                rf"earlier that day|that same day|the same day|earlier in the day|"
                rf"later in the day)(?![\w-])"), "previous"),
)  # fmt: skip
_EXPLICIT = ("named", "iso", "dots", "slash")
_DAYS_BEFORE_PUBLICATION = {"the day before yesterday": 2, "yesterday": 1, "last night": 1,
                            "a week ago": 7, "one week ago": 7}  # fmt: skip
_PAST_SPEECH = re.compile(r"\b(?:said|says|told|posted|published|announced|reported|added|"
                          r"wrote|claimed|tweeted|released|stated)\s+(?:on\s+)?$",
                          re.I)  # fmt: skip
_FUTURE = re.compile(rf"\b(?:will|shall|going to|is to|are to|plans? to|planned|scheduled|"
                     rf"expected to|due to)\b|[{_APOSTROPHES}]ll\b", re.I)  # fmt: skip
_LEAVE = re.compile(r"\b(?:can|may|allowed to|able to|free to)\b(?![^,;:]*\b(?:said|says)\b)", re.I)
# A wire dateline opens with a place in capitals, Latin or Cyrillic ("MOSCOW, ", "БЕЛГОРОД, ").
_CAPS = "A-Z\u0410-\u042f\u0401\u0406\u0407\u0404\u0490"
_LETTERS = "A-Za-z\u0400-\u04ff"
_DATELINE = re.compile(rf"[ \t]*[{_CAPS}][{_CAPS}'.-]{{2,}}(?:[ /-][{_CAPS}][{_CAPS}'.-]{{2,}})*"
                       rf"(?:,[ \t]*[{_CAPS}][{_LETTERS}.]+(?:[ \t][{_CAPS}][{_LETTERS}.]+)*)?,"
                       r"[ \t]*")  # fmt: skip


@dataclass(frozen=True)
class _DateHit:
    start: int
    end: int
    form: str  # named, month, iso, dots, slash, weekday, publication, previous
    groups: dict[str, str | None]  # as the English forms name them; see dates_cyr


@dataclass
class _DateState:
    """What relative dates resolve against, updated while the text is read in order."""

    reference: date | None  # the publication date, or a dateline's
    reference_is: str
    last: date | None = None  # the previous date mentioned
    last_end: int = 0  # where it was written
    last_year: int | None = None  # the previous year written out
    dateline: int | None = None  # where a wire dateline's date would start
    opening: int = 0  # where the body's first three lines end


def _date_facts(src: _Text, published: date | None, cyrillic: bool = False) -> list[Fact]:
    """Dates in text order; ``cyrillic`` adds the Russian and Ukrainian forms."""
    found = [  # English forms hold no Cyrillic letter: a Cyrillic text's Latin view has them
        _DateHit(start, end, form, m.groupdict())
        for pattern, form in _DATE_FORMS
        for start, end, m in latin_matches(src, pattern)
    ]
    found += [_DateHit(*hit) for hit in en.english_date_hits(lambda p: latin_matches(src, p))]
    if cyrillic:
        found += [_DateHit(*hit) for hit in cyrillic_date_hits(src)]
    else:  # "BELGOROD 22.05" in a caption, "filmed on 22.05"
        found += [_DateHit(*hit) for hit in day_month_hits(src, english=True)]
    found = [_DateHit(*h) for h in en.paired_days(src.text, src.lo, found)] + found
    found = [h for h in found if h.form != "publication" or not en.outlet_today(src.text, h.start)]
    found = [h for h in found if not named_after_date(src.text, h.start, h.end)]  # "улица 8 Марта"
    hits = _longest(found, len(src.text))
    state = _DateState(published, "publication")
    state.dateline, state.opening = _dateline_start(src), _opening_end(src)
    facts: list[Fact] = []
    index = 0
    while index < len(hits):
        hit, nxt = hits[index], hits[index + 1] if index + 1 < len(hits) else None
        fact, taken = _resolved(src, hit, nxt, state)
        if fact is not None:
            facts.append(fact)
            if (fact.detail or {}).get("role") != "month":  # no day to count "the next day" from
                state.last = date.fromisoformat(str(fact.value))
                state.last_end = fact.end
        index += taken
    nights = [(h.start, h.end) for h in hits if h.form == "overnight"]
    facts += en.overnight_facts(src.text, nights, facts, state.reference, src.sentence)
    return sorted(facts, key=lambda f: f.start)


def _resolved(
    src: _Text, hit: _DateHit, nxt: _DateHit | None, state: _DateState
) -> tuple[Fact | None, int]:
    """One hit's fact, and how many hits it took (two for "the day after May 22")."""
    between = src.text[hit.end : nxt.start] if nxt else ""
    if hit.form == "previous" and nxt and nxt.form == "named" and len(between) <= 2:
        if "," in between:  # "днём ранее, 2 июня": the date set beside it is the date
            fact = _date_fact(src, nxt, state, False)
            return fact and _widened(fact, src, hit.start), 2
        anchor = _explicit_date(nxt, state)  # "the day after May 22"
        return _anchored(src, hit, nxt.end, anchor[0] if anchor else None), 2
    if hit.form == "previous":
        return _anchored(src, hit, hit.end, _previous_date(src, hit, state)), 1
    if hit.form == "overnight":  # resolved once its sentence's dates are known
        return None, 1
    if hit.form == "day":
        return _day_alone_fact(src, hit, state), 1
    if hit.form == "relmonth":
        if state.reference is None:
            return None, 1
        groups = en.relative_month(state.reference, int(hit.groups["shift"] or 0))
        hit = _DateHit(hit.start, hit.end, "month", groups)
    opens = state.reference is None and state.dateline is None and _opens_post(src, hit, state)
    return _date_fact(src, hit, state, state.dateline == hit.start or opens), 1


def _day_alone_fact(src: _Text, hit: _DateHit, state: _DateState) -> Fact | None:
    value = en.day_alone(int(hit.groups["day"] or 0), state.last, state.reference)
    if value is None:
        return None
    detail: dict[str, object] = {
        "rule": "day of the month alone, month from "
        + ("the previous date" if state.last else state.reference_is),
        "role": "mentioned",
    }
    return Fact("date", value.isoformat(), src.text[hit.start : hit.end], hit.start, hit.end,
                detail)  # fmt: skip


def _widened(fact: Fact, src: _Text, start: int) -> Fact:
    return Fact(fact.kind, fact.value, src.text[start : fact.end], start, fact.end, fact.detail)


def _previous_date(src: _Text, hit: _DateHit, state: _DateState) -> date | None:
    """The date "the next day" counts from. "Накануне" is as often the eve of the post as of
    the date last named, so a Cyrillic one counts from a date in another paragraph only when
    the weekday it gives agrees ("Накануне, в среду")."""
    if "shift" not in hit.groups or state.last is None:
        return state.last
    wanted = hit.groups.get("wd")
    if wanted:
        shifted = state.last + timedelta(days=int(hit.groups["shift"] or 0))
        return state.last if en.WEEKDAYS[shifted.weekday()] == wanted else None
    if "\n\n" in src.text[state.last_end : hit.start].replace(" ", ""):
        return None
    return state.last


# After a date that opens a post on a line of its own: a stop, a dash or the line's end,
# maybe after the time of posting ("31.05.2023 09:47", a wire's time stamp).
_DATE_LINE_END = re.compile(r"(?:[ \t,]+[0-2]?\d:[0-5]\d)?[ \t]*(?:[.:\u2014\u2013-]|\r?\n|$)")


def _opens_post(src: _Text, hit: _DateHit, state: _DateState) -> bool:
    """A full date at the start of one of the body's first three lines (they end at
    ``opening``), closed by a stop, dash or the line's end, is the post's date, as a wire
    dateline's is ("22 травня 2023 року. Ми знову вдома."), when nothing else dates the text."""
    if hit.start >= state.opening or not hit.groups.get("year") or hit.form not in _EXPLICIT:
        return False
    line = src.text.rfind("\n", src.lo, hit.start) + 1
    if src.text[max(src.lo, line) : hit.start].strip():
        return False
    return _DATE_LINE_END.match(src.text, hit.end) is not None


def _opening_end(src: _Text) -> int:
    """Where the body's first three non-empty lines end."""
    pos, lines = src.lo, 0
    while lines < 3:
        end = src.text.find("\n", pos)
        if end < 0:
            return len(src.text)
        lines += bool(src.text[pos:end].strip())
        pos = end + 1
    return pos


def _dateline_start(src: _Text) -> int | None:
    """Where the date of a wire dateline ("MOSCOW, 23 May -") would start, if the body opens
    with one (a headline may come first)."""
    pos = src.lo
    for _ in range(3):
        pos += len(src.text[pos:]) - len(src.text[pos:].lstrip())
        m = _DATELINE.match(src.text, pos)
        if m:
            return m.end()
        pos = src.text.find("\n", pos) + 1
        if pos == 0:
            return None
    return None


def _date_fact(src: _Text, hit: _DateHit, state: _DateState, dateline: bool) -> Fact | None:
    if hit.form == "month":
        return _month_fact(src, hit, state)
    if hit.form in _EXPLICIT:
        resolved = _explicit_date(hit, state)
    elif state.reference is not None:
        resolved = _relative_date(src, hit, state.reference)
        resolved[1].update(anchor=state.reference.isoformat(), anchor_is=state.reference_is)
    else:
        resolved = None  # relative to a publication date nobody gave
    if resolved is None:
        return None
    value, detail = resolved
    detail["role"] = "dateline" if dateline else "mentioned"
    if hit.groups.get("night"):
        detail["night"] = "the night before, into this date"
    if dateline and state.reference is None and hit.groups.get("year"):
        state.reference, state.reference_is = value, "dateline"
        detail["published"] = True
    return Fact(
        "date", value.isoformat(), src.text[hit.start : hit.end], hit.start, hit.end, detail
    )


def _explicit_date(hit: _DateHit, state: _DateState) -> tuple[date, dict[str, object]] | None:
    g = hit.groups
    month_day = _month_day(hit.form, g)
    if month_day is None:
        return None
    year, rule = _year(g.get("year"), month_day, state)
    value = calendar_day(year, *month_day) if year else None
    if value is None:
        return None
    detail: dict[str, object] = {"rule": rule}
    if g.get("wd"):
        detail["weekday"] = str(g["wd"]).capitalize()
        detail["weekday_matches"] = en.WEEKDAYS[value.weekday()] == str(g["wd"]).lower()
    return value, detail


def _year(
    written: str | None, month_day: tuple[int, int], state: _DateState
) -> tuple[int | None, str]:
    """The year written out; else the publication's ("December 30" in a claim of 3 January is
    the year before); else the last year written earlier in the text."""
    if written:
        state.last_year = int(written)
        return int(written), "explicit"
    if state.reference is None:
        return state.last_year, "explicit, year from an earlier date"
    year = state.reference.year
    value = calendar_day(year, *month_day)
    if value and value > state.reference + timedelta(days=60):
        year -= 1
    return year, f"explicit, year from {state.reference_is}"


def _month_day(form: str, g: dict[str, str | None]) -> tuple[int, int] | None:
    if form == "named":
        name = str(g["month"]).lower().rstrip(".")
        month = en.MONTHS.index(name) + 1 if name in en.MONTHS else en.MONTH_ABBREVIATIONS[name]
        return month, int(g["day"] or 0)
    a, b = int(g["a"] or 0), int(g["b"] or 0)  # a is the month unless the form says otherwise
    if form == "slash" and a != b and a <= 12 and b <= 12:
        return None  # 05/06/2023: May or June, and nothing says which
    return (b, a) if form == "slash" and a > 12 else (a, b)


def _relative_date(src: _Text, hit: _DateHit, reference: date) -> tuple[date, dict[str, object]]:
    if hit.form == "weekday":
        value, rule = _weekday_date(src, hit, reference)
        return value, {"rule": rule}
    phrase = " ".join(src.text[hit.start : hit.end].lower().split())
    if hit.groups.get("days"):  # counted by dates_cyr
        days = int(hit.groups["days"] or 0)
    elif hit.groups.get("n"):
        days = int(_number(hit.groups["n"] or "") or 0)
    else:
        days = _DAYS_BEFORE_PUBLICATION.get(phrase, 0)
    return reference - timedelta(days=days), {"rule": "relative to publication"}


def _weekday_date(src: _Text, hit: _DateHit, reference: date) -> tuple[date, str]:
    """The named weekday nearest the publication date, on the side the wording points to."""
    wanted = en.WEEKDAYS.index(str(hit.groups["wd"]).lower())
    modifier = (hit.groups.get("mod") or "").lower()
    back = (reference.weekday() - wanted) % 7
    ahead = (wanted - reference.weekday()) % 7
    if modifier == "last":
        return reference - timedelta(days=back or 7), "last such weekday before publication"
    if modifier == "next":
        return reference + timedelta(days=ahead or 7), "next such weekday after publication"
    if hit.groups.get("future") or _future_tense(src, hit.start, modifier == "from"):
        return reference + timedelta(days=ahead), "weekday on or after publication (future tense)"
    return reference - timedelta(days=back), "weekday on or before publication"


def _future_tense(src: _Text, pos: int, start: bool = False) -> bool:
    """ "will meet on Friday" looks ahead; "said on Friday" back, even after a quoted "will".
    A start "from Wednesday" after a word of leave ("can go home from Wednesday") looks ahead
    too: what may begin on a day has not begun yet."""
    ss, _ = src.sentence(pos)
    before = src.unquoted(max(ss, pos - 80), pos)
    future = _FUTURE.search(before) or (start and _LEAVE.search(before))
    return not _PAST_SPEECH.search(before) and bool(future)


def _anchored(src: _Text, hit: _DateHit, end: int, anchor: date | None) -> Fact | None:
    """ "the next day", "two days later": days from the previous date mentioned. "Monday, a day
    after the governor spoke" dates the speaking, not a new event, so "a day after" without a
    date right behind it is left out."""
    phrase = src.text[hit.start : hit.end].lower()
    conjunction = hit.groups.get("n") and re.search(r"(?:after|before)$", phrase)
    if anchor is None or (conjunction and end == hit.end):
        return None
    value = anchor + timedelta(days=_shift(phrase, hit.groups))
    detail: dict[str, object] = {
        "rule": "relative to the previous date",
        "anchor": anchor.isoformat(),
        "role": "mentioned",
    }
    if hit.groups.get("wd"):  # "накануне, в среду"
        detail["weekday"] = str(hit.groups["wd"]).capitalize()
        detail["weekday_matches"] = en.WEEKDAYS[value.weekday()] == hit.groups["wd"]
    return Fact("date", value.isoformat(), src.text[hit.start : end], hit.start, end, detail)


def _shift(phrase: str, g: dict[str, str | None]) -> int:
    """Days from the previous date: "the next day" 1, "two days earlier" -2, "that same day" 0."""
    if g.get("shift") is not None:  # counted by dates_cyr
        return int(g["shift"] or 0)
    days = int(_number(g["n"] or "") or 1) if g.get("n") and g["n"] != "a" else 1
    if re.search(r"\b(?:same|that day|in the day)\b", phrase):
        return 0
    if re.search(r"\b(?:before|previous|preceding|earlier)\b", phrase):
        return -days
    return days


def _month_fact(src: _Text, hit: _DateHit, state: _DateState) -> Fact | None:
    """ "May 2022", "в мае 2023 года": a month, its precision said. Its role is "month", not
    "mentioned": a check weighs a month as the whole month, never as its first day alone.
    With no year ("у травні", "in May") the year is the publication's, or the one before
    when the month would begin more than 60 days after it, as for a day and month."""
    name = str(hit.groups["month"]).lower().rstrip(".")
    month = en.MONTH_NUMBERS[name]
    rule = "explicit, month only"
    if hit.groups.get("year"):
        year = int(hit.groups["year"] or 0)
        state.last_year = year
    else:
        found, how = _year(None, (month, 1), state)
        if found is None:
            return None  # no year written, no date to take one from
        year, rule = found, f"month only, {how.removeprefix('explicit, ')}"
    detail: dict[str, object] = {
        "rule": rule,
        "precision": "month",
        "role": "month",
        "first_day": date(year, month, 1).isoformat(),
        "last_day": (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).isoformat(),
    }
    value = f"{year:04d}-{month:02d}"
    return Fact("date", value, src.text[hit.start : hit.end], hit.start, hit.end, detail)
