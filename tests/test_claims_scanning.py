"""The scanning shortcuts of the claim reader give what the plain scans gave, on generated text:
words found by their distinct spelling (``cyrillic_where``, ``cyrillic_before``), a regex tried
only at the words its matches may start with (``word_scan``), the runs of word characters found
by a split (``word_runs``) and the speech and hedge regexes tried at them (``scan.matches``),
one-word aliases taken without ``_match``, masks asked with ``find`` (``_longest``), letters
counted by bytes (``language``) and URLs sought only where an anchor is."""

from __future__ import annotations

import importlib
import pkgutil
import random
import re
from pathlib import Path

import pytest

from forensics.claims import facts
from forensics.claims.facts import actors_cyr, cyrillic, equipment_cyr, numbers_cyr
from forensics.claims.facts.context_places import _CYRILLIC_CUE
from forensics.claims.facts.fact import Fact
from forensics.claims.facts.morphology import language
from forensics.claims.facts.scan import matches
from forensics.claims.facts.statements_cyr import cyrillic_patterns
from forensics.claims.facts.text import _URL, _longest, _read, _Text, _url_matches
from forensics.claims.facts.vocabulary import default_vocabulary
from forensics.claims.facts.word_scan import (
    Unsupported,
    _digit_led,
    _first_word_test,
    _inner_words,
    first_words,
    matches_at_words,
)

# Words a cue starts with, words it is made of, names after it, and the characters that make
# a scan's edge cases: an apostrophe or a hyphen inside a word, a no-break space, a newline,
# a rounded "в" (U+1C80) the regex engine takes for "в" when it ignores case, Latin and digits.
_PIECES = ("в", "В", "у", "под", "ПОД", "у села", "в районе", "селе", "біля", "неподалік від",
           "под удар попали", "жители", "Козинка", "Шебекино", "Новой Таволжанки", "Журавлёвки",
           "и", "та", ",", ".", "д'", "об'", "-", "‑", "\u00a0", " ", "  ", "\n", "\n\n",
           "\u1c80", "d'", "x-", "5", "БМП-2", "Kozinka", "«", "»", "пгт", "смт", "КПП",
           "с", "со", "із", "Грайворона", "селі", "Глушкова")  # fmt: skip


def _generated(seed: int, words: int = 3_000) -> str:
    rng = random.Random(seed)
    out = []
    for _ in range(words):
        out.append(rng.choice(_PIECES))
        out.append(rng.choice((" ", " ", " ", "", "\u00a0", "\n")))
    return "".join(out)


@pytest.mark.parametrize("seed", range(6))
def test_a_regex_tried_at_words_matches_as_finditer(seed: int) -> None:
    text = _generated(seed)
    for lo in (0, 1, 7, len(text) // 2):
        src = _read(text, lo)
        expected = [(m.span(), m.lastgroup) for m in _CYRILLIC_CUE.finditer(text, lo)]
        found = [(m.span(), m.lastgroup) for m in matches_at_words(src, _CYRILLIC_CUE)]
        assert found == expected
        if lo == 0:
            assert len(expected) > 100  # the text holds many cues


_DATED = ("вчера", "Вчера", "вчерашнего", "позавчорашній", "прошлой ночью", "за минулу добу",
          "накануне", "на следующий день", "в тот же день", "через 2 дня", "в понедельник",
          "у п'ятницю", "пʼятниця", "вечером пятницы", "в мае", "у травні", "в середине мая",
          "неделю назад", "губернатор", "Минобороны", "прокуратура Курской области", "ВСУ",
          "оперштаб Белгородской области", "45 секунд", "БМП-2", "Т-72", "трижды",
          "позывной «Кот»", "секунд", "минуты", "вчера-сегодня", "_вчера", "вчера1",
          # digits: the date scans that open with one, at and around the runs of digits
          "22 мая", "в ночь на 1 июня", "у ніч проти 3 червня", "в среду, 24 мая", "22.05",
          "22.05.23", "2023", "в мае 2023 года", "22-го", "23-го числа", "1.000", "12,5",
          "x22", "22мая", "\u0662\u0662 мая", "1-й", "5-го", "31.12.2023", "0",
    # capitals: the scans that open with a class of them (areas, districts)
    "Сумщина", "Сумщині", "сумщина", "Харківщину", "Белгородский и Грайворонский районы",
    "Шебекинском, Валуйском районах", "Прикарпаття-Сумщина", "Охтирської громади",
    "ЧЕРНІГІВЩИНА", "Ґрунь",
    # inside words: lengths by adjective, days ago, a half
    "полдня назад", "три дня назад", "две недели назад", "тиждень тому", "десятисекундное",
    "5-секундное видео", "получасовой ролик", "хвилинний", "с половиной минуты", "ДНЯ НАЗАД",
    "півтори хвилини з половиною")  # fmt: skip


def _patterns_at_words(digits: bool = False) -> list[tuple[str, re.Pattern[str]]]:
    """Every regex of the claim reader that :func:`first_words` reads (whether or not a layer
    scans with it at words today); with ``digits``, those tried at runs of digits instead."""
    found = []
    for info in pkgutil.iter_modules(facts.__path__):
        module = importlib.import_module(f"{facts.__name__}.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                try:
                    first_words(value)
                except Unsupported:
                    if digits and _digit_led(value):
                        found.append((f"{info.name}.{name}", value))
                    continue
                if not digits:
                    found.append((f"{info.name}.{name}", value))
    return found


def _shuffled_claims(rng: random.Random, pieces: int) -> str:
    """Runs of one to six words of the test claims (tests/claim_texts, samples/claims), cut
    and joined in a random order, with the pieces above: the phrases the regexes are for,
    at odd places."""
    root = Path(__file__).resolve().parent.parent
    files = [*(root / "tests" / "claim_texts").iterdir(), *(root / "samples" / "claims").iterdir()]
    words = [w for p in sorted(files) for w in p.read_text(encoding="utf-8").split()]
    out = []
    for _ in range(pieces):
        at, size = rng.randrange(len(words)), rng.randint(1, 6)
        out += [*words[at : at + size], rng.choice(_DATED + _PIECES + _SPOKEN)]
    return rng.choice((" ", "\n")).join(out)


@pytest.mark.parametrize("seed", range(3))
def test_every_regex_tried_at_words_matches_as_finditer(seed: int) -> None:
    text = _shuffled_claims(random.Random(seed), 3_000)
    patterns = _patterns_at_words()
    assert len(patterns) > 30
    assert sum(1 for _, pattern in patterns if pattern.search(text)) >= 12  # many end in "$"
    assert sum(1 for _, pattern in patterns if first_words(pattern).digits) >= 5
    named = dict(patterns)  # a class of capitals opens these two
    assert named["areas_cyr._AREA_WORD"].search(text) and named["districts._LIST"].search(text)
    for lo in (0, 3):
        src = _read(text, lo)
        for name, pattern in patterns:
            expected = [m.span() for m in pattern.finditer(text, lo)]
            assert [m.span() for m in matches_at_words(src, pattern)] == expected, name


@pytest.mark.parametrize("seed", range(3))
def test_every_regex_tried_at_runs_of_digits_matches_as_finditer(seed: int) -> None:
    """The scans whose look-behind refuses only digits and marks, every way opening with a
    digit, tried where a run of digits starts: as ``finditer``, also from inside a run."""
    text = _shuffled_claims(random.Random(seed), 3_000)
    patterns = _patterns_at_words(digits=True)
    names = {"dates_cyr._YEAR", "dates_cyr._DOTS_YY", "day_month._SHORT_DOTS"}
    assert names <= dict(patterns).keys()
    assert sum(1 for _, pattern in patterns if pattern.search(text)) >= 3  # one ends in "$"
    inside = text.index("2023") + 2  # a body that starts inside a run of digits
    for lo in (0, 3, inside):
        src = _read(text, lo)
        for name, pattern in patterns:
            expected = [m.span() for m in pattern.finditer(text, lo)]
            assert [m.span() for m in matches_at_words(src, pattern)] == expected, name


def _patterns_inside_words() -> list[tuple[str, re.Pattern[str]]]:
    """Every regex of the claim reader that may match inside a word and that
    :func:`_inner_words` reads (neither :func:`first_words` nor :func:`_digit_led` does)."""
    found = []
    for info in pkgutil.iter_modules(facts.__path__):
        module = importlib.import_module(f"{facts.__name__}.{info.name}")
        for name, value in vars(module).items():
            if not isinstance(value, re.Pattern) or _digit_led(value):
                continue
            try:
                first_words(value)
            except Unsupported:
                if _inner_words(value) is not None:
                    found.append((f"{info.name}.{name}", value))
    return found


@pytest.mark.parametrize("seed", range(3))
def test_every_regex_tried_where_its_words_are_inside_words_matches_as_finditer(seed: int) -> None:
    text = _shuffled_claims(random.Random(seed), 3_000)
    patterns = _patterns_inside_words()
    names = {"durations_cyr._ADJECTIVE_STEM", "dates_cyr._DAYS_AGO", "durations_half._HALF_WORD"}
    assert names <= dict(patterns).keys()
    assert sum(1 for _, pattern in patterns if pattern.search(text)) >= 10
    inside = text.index("полдня") + 2  # a body that starts inside a word
    for lo in (0, 3, inside):
        src = _read(text, lo)
        for name, pattern in patterns:
            expected = [m.span() for m in pattern.finditer(text, lo)]
            assert [m.span() for m in matches_at_words(src, pattern)] == expected, name


def test_a_cue_after_an_apostrophe_or_an_odd_letter_is_found() -> None:
    """Where no Cyrillic word starts: after "д'" (no Cyrillic word starts inside "д'в") and at
    U+1C80, which IGNORECASE reads as "в"."""
    text = "д'в районе Козинки. x'под Шебекино. \u1c80 районе Журавлёвки."
    expected = [m.span() for m in _CYRILLIC_CUE.finditer(text)]
    assert len(expected) == 3
    assert [m.span() for m in matches_at_words(_read(text, 0), _CYRILLIC_CUE)] == expected


def test_first_words_are_read_from_the_pattern() -> None:
    exact, prefixes, digits = first_words(re.compile(
        r"(?<![\w-])(?:с[её]л(?:о|а)|в\s+район[еі]|под|неподалік(?:\s+від)?|вчера(?![\w-])|"
        r"позавчерашн[а-я]{1,3}|п'ятниц)[ \u00a0]+", re.I))  # fmt: skip
    # a word ends at a space, at a look-ahead refusing a letter, at a mark ("п" of "п'ятниц")
    assert exact == {"село", "села", "сёло", "сёла", "в", "под", "неподалік", "вчера", "п"}
    assert prefixes == {"позавчерашн"} and not digits  # cut by a range of letters
    assert "в" in first_words(_CYRILLIC_CUE)[0] and "селе" in first_words(_CYRILLIC_CUE)[0]
    assert not first_words(_CYRILLIC_CUE).digits


def test_a_way_that_opens_with_a_digit_keeps_every_run_of_digits() -> None:
    words = first_words(re.compile(r"(?<![\w.])(?:(?:в|у)\s+)?(?:\d{1,2}|[0-9]x)\s+мая"))
    assert words == ({"в", "у"}, set(), True)
    # digits written out are a word's letters ("30", "31"), cut by "\b"
    assert first_words(re.compile(r"(?<!\w)(?:3[01]|год)\b")) == (set(), {"30", "31", "год"}, False)
    for refused in (r"(?<!\w)\d*мая", r"(?<!\w)[^а]\d"):  # a way may start with a letter, a mark
        with pytest.raises(Unsupported):
            first_words(re.compile(refused))


def test_a_word_is_cut_where_the_engine_may_take_a_letter_for_a_mark() -> None:
    """Ignoring case, iota matches U+0345, which is no word character: "ab\u0345c" is a match
    whose run of word characters is "ab", so the word read from the pattern stops there."""
    text = "x ab\u0345c abιc ABΙC ab c"
    for pattern in (r"(?i)(?<!\w)abιc", r"(?i)abιc"):
        compiled = re.compile(pattern)
        expected = [m.span() for m in compiled.finditer(text)]
        assert len(expected) == 3
        assert [m.span() for m in matches_at_words(_read(text, 0), compiled)] == expected
    assert first_words(re.compile(r"(?i)(?<!\w)abιc")).prefixes == {"ab"}


def test_a_small_class_is_read_letter_by_letter_keeping_case() -> None:
    capitals = re.compile(r"(?<![\w-])[А-В][а-я]+щин[аи]")
    assert first_words(capitals) == (set(), {"А", "Б", "В"}, False)
    test = _first_word_test(capitals)
    assert test is not None and test("Бирщина") and not test("бирщина") and not test("Гирщина")
    ignoring = _first_word_test(re.compile(r"(?<![\w-])(?i:[А-В])[а-я]+"))
    assert ignoring is not None and ignoring("бирщина")  # an inline flag ignores case
    with pytest.raises(Unsupported):  # 256 characters: not read letter by letter
        first_words(re.compile(r"(?<![\w-])[\u0400-\u04ff]+щина"))


@pytest.mark.parametrize(("pattern", "led"), [
    (r"(?<![\d.,])\d{4}(?!\d)", True),
    (r"(?<![\d.,:/])(?:\d{1,2}|3[01])\.\d{2}", True),
    (r"(?<![\d.,])(?:\d{4}|год)", False),  # a way opens with a letter
    (r"(?<![.,])\d{4}", False),  # the look-behind lets a digit stand before a match
    (r"\d{4}", False),  # no look-behind
    (r"(?<![\d.,])\d*x", False),  # a match may open with "x"
    (r"(?a)(?<![\d.,])\d{4}", False),  # ASCII: the look-behind's digits are not the runs'
])  # fmt: skip
def test_a_pattern_is_tried_at_runs_of_digits_only_when_its_matches_open_one(
    pattern: str, led: bool
) -> None:
    assert _digit_led(re.compile(pattern)) is led


@pytest.mark.parametrize("pattern", [
    r"под[ ]+",  # no look-behind: a match may start inside a word
    r"(?<![\w-])\w*под[ ]+",  # may start with any word character: no word to test
    r"(?<![\w-])(?:«|под)[ ]+",  # may start with a quote mark
    r"(?<![\w-])(?:.|под)",  # may start with anything
    r"(?i)(?<![\w-])ι[ ]+",  # iota, which ignoring case matches U+0345, no word character
])  # fmt: skip
def test_a_pattern_without_a_first_word_is_refused(pattern: str) -> None:
    with pytest.raises(Unsupported):
        first_words(re.compile(pattern))


@pytest.mark.parametrize("pattern", [r"под[ ]+", r"(?<![\w-])(?:«|под)[ ]+"])
def test_a_refused_pattern_is_matched_by_finditer_itself(pattern: str) -> None:
    compiled = re.compile(pattern)
    src = _read("Бои шли подмосковьем и под Шебекино, «под» кавычками под дождём.", 0)
    assert [m.span() for m in matches_at_words(src, compiled)] == [
        m.span() for m in compiled.finditer(src.text)
    ]


@pytest.mark.parametrize("seed", range(3))
def test_cyrillic_where_keeps_the_words_a_walk_over_every_word_kept(seed: int) -> None:
    src = _read(_generated(seed), 0)
    said = src.cyrillic_said
    for keep in (str.istitle, lambda w: w.startswith("с"), lambda w: w == "Козинка",
                 lambda w: False):  # fmt: skip
        assert src.cyrillic_where(keep) == [i for i, w in enumerate(said) if keep(w)]


_SPOKEN = ("said", "Said", "so-called", "socalled", "according to", "claimed", "заявил",
           "сообщили", "по словам", "якобы", "нібито", "повідомив", "не удалось подтвердить",
           "за словами", "could not be independently verified", "x_said", "said2",
           "Легион")  # fmt: skip


@pytest.mark.parametrize("seed", range(4))
def test_word_runs_are_the_runs_a_scan_finds(seed: int) -> None:
    text = _generated(seed) + " ".join(random.Random(seed).choices(_SPOKEN, k=400))
    for lo in (0, 1, 2, 5, len(text) // 3):
        starts, runs = _read(text, lo).word_runs
        runs_found = re.compile(r"(?<!\w)\w+").finditer(text, lo)
        assert list(zip(starts, runs, strict=True)) == [(m.start(), m.group()) for m in runs_found]


@pytest.mark.parametrize("seed", range(3))
def test_runs_where_and_starts_where_keep_what_a_walk_over_every_run_kept(seed: int) -> None:
    """The runs kept are read from one map of each distinct run's starts (``run_at``), not a
    walk over every run per call: the same (start, run) pairs, in text order."""
    text = _shuffled_claims(random.Random(seed), 1_000)
    src = _read(text, 5)
    starts, runs = src.word_runs
    for keep in (str.istitle, lambda r: r[:1].isdigit(), lambda r: r in ("в", "у"), bool,
                 lambda r: False):  # fmt: skip
        walked = [(p, r) for p, r in zip(starts, runs, strict=True) if keep(r)]
        assert src.runs_where(keep) == walked
        assert src.starts_where(keep) == [p for p, _ in walked]


def test_digit_starts_are_where_each_run_of_digits_starts() -> None:
    text = "a12 б345 6-7 x8y9 \u0662\u0663 2023. 1,5"
    for lo in range(len(text)):
        digit = [c.isdecimal() for c in text]
        expected = [i for i in range(lo, len(text)) if digit[i] and (i == lo or not digit[i - 1])]
        assert _read(text, lo).digit_starts == expected


@pytest.mark.parametrize("seed", range(4))
def test_speech_and_hedges_tried_at_words_match_each_regex_alone(seed: int) -> None:
    text = " ".join(random.Random(seed).choices(_SPOKEN + _PIECES, k=3_000))
    vocab = default_vocabulary()
    for kind in ("speech", "hedge"):
        patterns = (*vocab.patterns[kind], *cyrillic_patterns(vocab, kind))
        want = [(m.span(), e.name) for p, e in patterns for m in p.finditer(text, 3)]
        got = [(m.span(), e.name) for m, e in matches(_read(text, 3), patterns)]
        assert got == want and len(want) > 50


def _language_by_runs(text: str) -> str:
    """The text's language as it was told before letters were counted by bytes."""

    def letters(cls: str) -> int:
        return sum(map(len, re.findall(cls + "+", text)))

    if letters(r"[\u0400-\u04ff]") <= letters(r"[A-Za-z]"):
        return "en"
    return "uk" if letters(r"[іїєґІЇЄҐ]") > letters(r"[ыэъёЫЭЪЁ]") else "ru"


def test_language_counts_letters_as_runs_of_them_did() -> None:
    rng = random.Random(5)
    alphabet = "abcXYZé ёыэЪіїЄҐабвгАБВ\u0400\u04ff\u03ff\u0500\ud800\U0001f600 1\n"
    for _ in range(3_000):
        text = "".join(rng.choices(alphabet, k=rng.randint(0, 30)))
        assert language(text) == _language_by_runs(text), text


_NAMED = ("РДК", "рдк", "Рдк", "ВСУ", "всу", "КамАЗ", "Камаз", "Белгородская область",
          "Белгородской области", "Козинка", "Козинки", "«Урал»", "Урал", "Гладков",
          "Гладкова", "Минобороны", "Легион «Свобода России»", "https://x.ru/РДК")  # fmt: skip


@pytest.mark.parametrize("seed", range(3))
def test_one_word_aliases_match_where_their_word_is_as_match_says(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An alias of one word, unquoted, with the capitals it needs, is taken where its word is
    without asking ``_match``: the hits are those ``_match`` gives when asked every time."""
    text = " ".join(random.Random(seed).choices(_NAMED + _PIECES, k=3_000))
    vocab = default_vocabulary()
    fast = list(cyrillic.alias_hits(_read(text, 0), vocab))
    monkeypatch.setattr(cyrillic, "_alone", lambda said, aliases: [(*a, False) for a in aliases])
    assert fast == list(cyrillic.alias_hits(_read(text, 0), vocab))
    assert len(fast) > 300


def _longest_by_slices(items: list[Fact], size: int) -> list[Fact]:
    """:func:`_longest` as it was: a Python ``any`` over each span's slice of the mask."""
    taken, kept = bytearray(size), []
    for item in sorted(items, key=lambda it: it.start - it.end):
        if not any(taken[item.start : item.end]):
            taken[item.start : item.end] = b"\x01" * (item.end - item.start)
            kept.append(item)
    return sorted(kept, key=lambda it: it.start)


@pytest.mark.parametrize("seed", range(5))
def test_longest_keeps_what_slices_of_the_mask_kept(seed: int) -> None:
    rng = random.Random(seed)
    spans = [(s, s + rng.choice((0, 1, 1, 2, 3, 5, 8))) for s in rng.choices(range(300), k=400)]
    facts = [Fact("place", str(i), "x", s, e, None) for i, (s, e) in enumerate(spans)]
    assert _longest(facts, 320) == _longest_by_slices(facts, 320)
    assert _longest(iter(facts), 320) == _longest_by_slices(facts, 320)


_LINKED = ("https://t.me/x", "www.", ".com/", "a.ru/", "x", "-", ".", " ", "\n", "\u00a0",
           "\u2003", "://", "example.org/путь", "(", ")", "»", "t.me/rdk", "com", "ua/", "ww.",
           "http:/")  # fmt: skip


def test_urls_are_sought_only_in_runs_with_an_anchor_as_a_scan_finds_them() -> None:
    rng = random.Random(7)
    for _ in range(5_000):
        text = "".join(rng.choices(_LINKED, k=rng.randint(0, 14)))
        for lo in (0, 1, 4):
            expected = [m.span() for m in _URL.finditer(text, lo)]
            assert [m.span() for m in _url_matches(text, lo)] == expected, (text, lo)


_BODIES = ("Сумська обласна військова адміністрація", "Харківської ОВА", "Сумської ОДА",
           "Белгородская облгосадминистрация", "Сумська обласна прокуратура",
           "Шосткинської окружної прокуратури", "Охтирська районна прокуратура", "Курской ОГА",
           "Сумська\u00a0обласна прокуратура", "Сумська обласна", "Глухівської окружної",
           "обласна військова адміністрація", "Київ", "ОВА")  # fmt: skip


@pytest.mark.parametrize("seed", range(3))
def test_oblast_bodies_tried_before_their_next_word_are_those_of_every_capital(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Administrations and prosecutors are tried only at a capital whose next word may open
    their regex; the bodies are those found trying every capitalised word."""
    text = " ".join(random.Random(seed).choices(_BODIES + _PIECES, k=2_000))
    vocab = default_vocabulary()

    def found() -> list[tuple[int, int, str, str]]:
        src = _read(text, 0)
        return actors_cyr._administrations(src, vocab) + actors_cyr._prosecutors(src, vocab)

    fast = found()
    monkeypatch.setattr(_Text, "cyrillic_before", lambda src, keep, _: src.cyrillic_where(keep))
    assert fast == found() and len(fast) > 50


_NUMERALS = ("два", "двадцать", "пять", "сто", "тысячи", "п'ять", "п’ятеро", "двоих", "один",
             "одни", "дюжину", "десятков", "миллиона", "бойцов", "и", "7", "2 500", "x", "ё",
             "сёла", "д'", "'", "тыс.", "\u0662")  # fmt: skip


def _numbers_by_walk(text: str, lo: int) -> list[numbers_cyr.CyrNumber]:
    """:func:`cyrillic_numbers` as it was: every match of ``CYR_WORD`` visited in Python."""
    table, found, run = numbers_cyr.number_forms(), [], []
    for m in numbers_cyr.CYR_WORD.finditer(text, lo):
        value = table.get(numbers_cyr.plain(m.group()))
        joined = run and text[run[-1][1] : m.start()].isspace()
        if value is not None and (not run or joined):
            run.append((m.start(), m.end(), value))
            continue
        found += numbers_cyr._word_number(run)
        run = [(m.start(), m.end(), value)] if value is not None else []
    found += numbers_cyr._word_number(run)
    found = [n for n in found if not numbers_cyr._thousands_of(text, n)]
    found = numbers_cyr._grouped(_read(text, lo), found)
    for m in numbers_cyr.DIGITS.finditer(text, lo):
        value = numbers_cyr.digits_value(m[1])
        found.append(
            numbers_cyr._thousands(text, numbers_cyr.CyrNumber(*m.span(), value, "digits"))
        )
    return sorted(found)


@pytest.mark.parametrize("seed", range(4))
def test_numeral_words_found_by_a_split_are_those_a_walk_found(seed: int) -> None:
    rng = random.Random(seed)
    text = "".join(rng.choice(_NUMERALS) + rng.choice(("", " ", "  ", "\n", ", ", "\u00a0", "-"))
                   for _ in range(3_000))  # fmt: skip
    for lo in (0, 1, 2, 5, len(text) // 2):
        found = numbers_cyr.cyrillic_numbers(_read(text, lo))
        assert found == _numbers_by_walk(text, lo)
        assert lo or sum(n.form == "words" and n.end - n.start > 8 for n in found) > 50


_JOINED = ("a", "б", "Т", "-", "\u2010", "\u2011", "\u2013", "'", "\u2019", "\u02bc", " ", "_",
           "1", "\n", "x-", "-y", "FPV-дрона", "дрони-камікадзе", "д'", "''", "--", "\u216b",
           "\u0301", "Т-72", "об'єкт-2")  # fmt: skip


def test_hyphenated_words_found_from_their_hyphens_are_those_a_scan_finds() -> None:
    """Hyphenated words are found from each hyphen back to the start of the word: the
    matches ``_HYPHENATED.finditer`` gives, also from a body that starts inside a word."""
    rng = random.Random(11)
    for _ in range(3_000):
        text = "".join(rng.choices(_JOINED, k=rng.randint(0, 30)))
        for lo in range(min(len(text), 6) + 1):
            expected = [m.span() for m in equipment_cyr._HYPHENATED.finditer(text, lo)]
            assert [m.span() for m in equipment_cyr._hyphenated(_read(text, lo))] == expected
