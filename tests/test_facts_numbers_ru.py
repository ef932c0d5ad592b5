"""Russian and Ukrainian number layers (dates, durations, counts) and clause layers
(statements, hedges): values and exact spans, as for English claims."""

from __future__ import annotations

import json
import time
from datetime import date

import pytest

from forensics.claims.facts import extract_facts
from forensics.claims.facts.numbers_cyr import cyrillic_numbers
from forensics.claims.facts.text import _read
from tests.claim_facts import facts_of
from tests.long_claims import NEWS_PARAGRAPH, news_report

PUBLISHED = date(2023, 6, 6)  # a Tuesday


def facts(text: str, kind: str, published: date | None = PUBLISHED) -> list[tuple[object, str]]:
    return [(f.value, f.text) for f in facts_of(text, (kind,), published)]


@pytest.mark.parametrize(
    ("text", "value"),
    [("четырёх", 4), ("двадцати пяти", 25), ("две тысячи триста", 2300), ("п'ятеро", 5),
     ("п’ятеро", 5), ("2 500", 2500), ("3 тыс.", 3000), ("сорока", 40), ("двоих", 2)],
)  # fmt: skip
def test_number_words_in_every_case(text, value):
    [number] = cyrillic_numbers(_read(text, 0))
    assert number.value == value and (number.start, number.end) == (0, len(text))


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [("Это было 22 мая 2023 года.", "2023-05-22", "22 мая 2023 года"),
     ("Это было 22 мая.", "2023-05-22", "22 мая"),
     ("Это было 22.05.2023.", "2023-05-22", "22.05.2023"),
     ("Видео снято 22.05 у границы.", "2023-05-22", "22.05"),
     ("Видео снято 22.05.23 у границы.", "2023-05-22", "22.05.23"),
     ("Минулої п’ятниці був обстріл.", "2023-06-02", "Минулої п’ятниці"),
     ("Обстрел в ночь на 1 июня.", "2023-06-01", "в ночь на 1 июня"),
     ("Це сталося 1 червня.", "2023-06-01", "1 червня"),
     ("Це сталося 22 травня.", "2023-05-22", "22 травня"),
     ("В понедельник губернатор сообщил.", "2023-06-05", "В понедельник"),
     ("У понеділок чули вибухи.", "2023-06-05", "У понеділок"),
     ("Вчера вечером был обстрел.", "2023-06-05", "Вчера"),
     ("Учора ввечері обстріляли.", "2023-06-05", "Учора"),
     ("Сегодня обстрел.", "2023-06-06", "Сегодня"),
     ("Это было три дня назад.", "2023-06-03", "три дня назад"),
     ("Это было в мае 2023 года.", "2023-05", "в мае 2023 года"),
     ("Це було у травні 2022 року.", "2022-05", "у травні 2022 року"),
     ("It was filmed in May 2022.", "2022-05", "May 2022")],
)  # fmt: skip
def test_dates(text, value, span):
    assert facts(text, "date") == [(value, span)]


def test_relative_dates_need_a_publication_date():
    assert facts("Вчера был обстрел. В понедельник тоже.", "date", None) == []


def test_the_day_before_resolves_against_the_previous_date():
    text = "8 июня 2023 года погибли два человека. Накануне, в среду, обстреляли Середу."
    found = [f for f in extract_facts(text, None) if f.kind == "date"]
    assert [(f.value, f.text) for f in found] == [
        ("2023-06-08", "8 июня 2023 года"), ("2023-06-07", "Накануне, в среду"),
    ]  # fmt: skip
    assert found[1].detail and found[1].detail["weekday_matches"] is True


def test_a_month_has_its_precision_and_is_no_event_day():
    [fact] = [f for f in extract_facts("Снято в мае 2023 года.", None) if f.kind == "date"]
    assert fact.detail == {"rule": "explicit, month only", "precision": "month", "role": "month",
                           "first_day": "2023-05-01", "last_day": "2023-05-31"}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "seconds", "span"),
    [("Опубликовано 45-секундное видео.", 45, "45-секундное"),
     ("Ролик длительностью 1 минута 52 секунды.", 112, "1 минута 52 секунды"),
     ("Двухминутный ролик показывает бой.", 120, "Двухминутный"),
     ("Видео продолжительностью 40 секунд.", 40, "40 секунд"),
     ("Хвилинне відео з'явилося.", 60, "Хвилинне"),
     ("Відео тривалістю 2 хвилини.", 120, "2 хвилини"),
     ("Відео тривалістю дві хвилини.", 120, "дві хвилини"),
     ("Полутораминутный ролик с нашей «птички».", 90, "Полутораминутный"),
     ("Видео длительностью минуту.", 60, "минуту"),
     ("Полуминутное видео.", 30, "Полуминутное"),
     ("Сорокапятисекундное видео опубликовано.", 45, "Сорокапятисекундное"),
     ("Видео длиной 1:45 появилось в Telegram.", 105, "1:45"),
     ("Ролик (1:45) показывает бой.", 105, "1:45"),
     ("Відео, яке триває 57 секунд, оприлюднила бригада.", 57, "57 секунд"),
     ("Опубликовано 45 секунд видео боя.", 45, "45 секунд"),
     ("У мережі з'явилося 40-секундне відео.", 40, "40-секундне")],
)  # fmt: skip
def test_durations(text, seconds, span):
    assert facts(text, "duration") == [(float(seconds), span)]


@pytest.mark.parametrize(
    "text",
    ["Вчера около 14 часов группа снимала видео.", "Через 40 секунд видео обрывается.",
     "Первые 10 секунд видео размыты.", "Обстрел длился два часа.", "Часовой стоял у видео.",
     "Видео опубликовано в 14:20.", "Обстрел длился два часа, видео сняли потом.",
     "10:15\nУчора ввечері з'явилося відео."],
)  # fmt: skip
def test_no_duration_unless_it_measures_footage(text):
    assert facts(text, "duration") == []


@pytest.mark.parametrize(
    ("text", "value", "span", "qualifier"),
    [("Уничтожены более 70 боевиков.", 70, "более 70 боевиков", "more than"),
     ("Доставлены 13 раненых.", 13, "13 раненых", None),
     ("Є п'ятеро загиблих.", 5, "п'ятеро загиблих", None),
     ("Погибли два человека.", 2, "два человека", None),
     ("Сообщил о двух погибших.", 2, "двух погибших", None),
     ("Уничтожено до 20 боевиков.", 20, "до 20 боевиков", "up to"),
     ("Троє людей поранено.", 3, "Троє людей", None),
     ("Погибли не менее 30 военнослужащих.", 30, "не менее 30 военнослужащих", "at least"),
     ("Двоих мы взяли в плен.", 2, "Двоих", None),
     ("Уничтожено свыше 20 единиц бронетехники.", 20, "свыше 20 единиц бронетехники",
      "more than"),
     ("Уничтожены пять единиц автотехники.", 5, "пять единиц автотехники", None),
     ("Знищили понад 30 окупантів.", 30, "понад 30 окупантів", "more than"),
     ("Две тысячи человек уехали.", 2000, "Две тысячи человек", None),
     ("Свыше ста человек уехали.", 100, "Свыше ста человек", "more than"),
     ("Загинули четверо бійців.", 4, "четверо бійців", None),
     ("Евакуйовано 120 осіб.", 120, "120 осіб", None)],
)  # fmt: skip
def test_counts(text, value, span, qualifier):
    found = [f for f in extract_facts(text, PUBLISHED) if f.kind == "count"]
    assert [(f.value, f.text) for f in found] == [(value, span)]
    assert found[0].detail and found[0].detail["qualifier"] == qualifier


@pytest.mark.parametrize(
    "text",
    ["Атаку назвали одной из самых серьёзных.", "Т-72 подбит.", "Вчера около 14 часов.",
     "По статье 205 возбуждено дело.", "Вчера около 14 часов украинская диверсионная группа.",
     "Ему 54 років.", "Тысячи жителей эвакуированы."],
)  # fmt: skip
def test_no_count_unless_it_counts_something(text):
    assert facts(text, "count") == []


def statements(text: str) -> list[tuple[object, str, str]]:
    found = [f for f in extract_facts(text, PUBLISHED) if f.kind == "statement"]
    for f in found:
        assert f.detail and text[f.detail["speaker_start"] : f.detail["speaker_end"]] == (
            f.detail["speaker_text"]
        )  # fmt: skip
    return [(f.value, f.text, str((f.detail or {})["resolved_by"])) for f in found]


def test_statement_speakers_before_after_and_referred_to():
    text = (
        "По словам официального представителя Минобороны Игоря Конашенкова, уничтожены 3 "
        "бронемашины. Об этом в своём Telegram-канале написал губернатор Вячеслав Гладков. "
        "По его словам, снаряды попали в здание. Роман Старовойт повідомив, що троє людей "
        "поранені."
    )
    assert statements(text) == [
        ("Igor Konashenkov", text[: text.index(" Об")], "after the verb"),
        ("Vyacheslav Gladkov", "Об этом в своём Telegram-канале написал губернатор Вячеслав "
         "Гладков.", "after the verb"),
        ("Vyacheslav Gladkov", "По его словам, снаряды попали в здание.", "pronoun"),
        ("Roman Starovoit", "Роман Старовойт повідомив, що троє людей поранені.", "subject"),
    ]  # fmt: skip


def test_no_statement_without_a_named_speaker():
    assert statements("Как сообщили местные жители, было громко.") == []


@pytest.mark.parametrize(
    ("text", "label", "span"),
    [("Над посёлком якобы кружил дрон.", "alleged", "якобы"),
     ("Дрон нібито кружляв.", "alleged", "нібито"),
     ("Эти данные не подтверждены.", "unverified", "не подтверждены"),
     ("Информацию не удалось независимо проверить.", "unverified",
      "не удалось независимо проверить"),
     ("Це не підтверджено.", "unverified", "не підтверджено"),
     ("Независимо проверить эти данные издание не смогло.", "unverified",
      "Независимо проверить эти данные издание не смогло"),
     ("По неподтвержденным данным, всё так.", "unverified", "неподтвержденным"),
     ("Минобороны опровергло это.", "disputed", "опровергло"),
     ("Достоверность видео установить не удалось.", "unverified", "установить не удалось")],
)  # fmt: skip
def test_hedges(text, label, span):
    assert facts(text, "hedge") == [(label, span)]


def test_hedge_scope_is_the_footage_when_its_sentence_is_about_it():
    [hedge] = [f for f in extract_facts("Подлинность видео не подтверждена.", None)
               if f.kind == "hedge"]  # fmt: skip
    assert hedge.detail == {"scope": "footage"}


def test_a_long_cyrillic_claim_is_read_in_linear_time():
    """2 MB of a news report: a few seconds on a quiet machine (about 7 s with the name layer
    when measured); CPU time, so a loaded machine does not fail it, and a quadratic step would
    blow the bound."""
    text = news_report(2_000_000)
    started = time.process_time()
    found = extract_facts(text, PUBLISHED)
    assert time.process_time() - started < 45
    assert sum(f.kind == "count" for f in found) >= 2 * (len(text) // len(NEWS_PARAGRAPH))


def run_cli(capsys, *args: str) -> tuple[int, str]:
    """The command line in-process, as a user calls it; its exit code and stdout."""
    from forensics.cli import cli

    with pytest.raises(SystemExit) as done:
        cli.main(args=list(args), prog_name="forensics")
    return int(done.value.code or 0), capsys.readouterr().out


def test_cli_prints_cyrillic_as_written(tmp_path, capsys):
    claim = "---\npublished: 2023-05-23\n---\nОпубликовано 45-секундное видео: более 70 боевиков.\n"
    path = tmp_path / "заявление.md"
    path.write_text(claim, encoding="utf-8")
    code, table = run_cli(capsys, "claims", "extract", str(path))
    assert code == 0 and "45-секундное" in table and "более 70 боевиков" in table
    code, line = run_cli(capsys, "claims", "extract", str(path), "--json")
    assert code == 0 and "\\u04" not in line and "более 70 боевиков" in line
    data = json.loads(line)
    assert {("duration", 45.0), ("count", 70)} <= {(f["kind"], f["value"]) for f in data["facts"]}
    for fact in data["facts"]:
        assert claim[fact["start"] : fact["end"]] == fact["text"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("It was one of the largest incursions of the war.", []),
     ("One of the most serious attacks hit the town.", []),
     ("One of the fighters was captured.", [(1, "One of the fighters")])],
)  # fmt: skip
def test_one_of_the_largest_counts_nothing_in_english(text, expected):
    assert facts(text, "count", None) == expected


def test_a_cyrillic_dateline_dates_the_text():
    from forensics.claims.facts import extract_claim_text

    claim = extract_claim_text("БЕЛГОРОД, 23 мая 2023 года. Вчера боевики вошли в село.")
    assert claim.published == date(2023, 5, 23)
    assert [(f.value, f.text) for f in claim.facts if f.kind == "date"] == [
        ("2023-05-23", "23 мая 2023 года"), ("2023-05-22", "Вчера"),
    ]  # fmt: skip


def test_the_person_named_after_the_verb_speaks_for_the_body_before_them():
    text = "Про це повідомив речник ГУР Андрій Юсов."
    assert statements(text) == [("Andriy Yusov", text, "after the verb")]


def test_the_eve_counts_only_from_a_date_in_its_paragraph():
    text = "Запись появилась 12 марта 2022 года.\n\nНакануне вечером глава области выступил."
    assert facts(text, "date", None) == [("2022-03-12", "12 марта 2022 года")]


def test_the_eve_with_its_weekday_counts_from_an_earlier_paragraph():
    text = "8 июня 2023 года погибли два человека.\n\nНакануне, в среду, обстреляли село."
    assert facts(text, "date", None)[1] == ("2023-06-07", "Накануне, в среду")
    text = "8 июня 2023 года погибли два человека.\n\nНакануне, в пятницу, обстреляли село."
    assert facts(text, "date", None) == [("2023-06-08", "8 июня 2023 года")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Рейд шёл 22-23 мая 2023 года.", [("2023-05-22", "22"), ("2023-05-23", "23 мая 2023 года")]),
     ("Бои шли с 22 по 24 мая.", [("2023-05-22", "22"), ("2023-05-24", "24 мая")])],
)  # fmt: skip
def test_a_range_of_days_dates_both_ends(text, expected):
    assert facts(text, "date") == expected


def test_the_speaker_may_follow_the_verb_with_their_title():
    text = "Об этом сообщил губернатор Белгородской области Вячеслав Гладков."
    assert statements(text) == [("Vyacheslav Gladkov", text, "after the verb")]


@pytest.mark.parametrize(("measured", "verdict"), [(45.0, "consistent"), (112.0, "contradicted")])
def test_checks_work_on_russian_facts(measured, verdict):
    from tests.test_checks import claim, only, record

    text = "Минобороны опубликовало 45-секундное видео, снятое 22 мая, ещё в мае 2023 года."
    found = [f.to_dict() for f in extract_facts(text, date(2023, 5, 27))]
    data = record(claim(*found), duration=measured)
    check = only(data, "duration")
    assert check.verdict == verdict and '"45-секундное"' in check.evidence
    events = only(data, "events_vs_creation")  # the month is no event day: no crash, 22 May
    assert events.verdict == "consistent" and "2023-05-22" in events.evidence


def test_the_body_that_spoke_impersonally():
    text = "В Минобороны России заявили, что атака отражена."
    assert statements(text) == [("Russian Ministry of Defence", text, "subject")]


@pytest.mark.parametrize(
    ("text", "speaker", "words", "how"),
    [("Минобороны России сообщило об атаке. Позже ведомство опубликовало видео.",
      "Russian Ministry of Defence", "ведомство", "subject"),
     ("Вячеслав Гладков рассказал об обстреле. Губернатор также заявил, что всё стихло.",
      "Vyacheslav Gladkov", "Губернатор", "subject"),
     ("Русский добровольческий корпус вошёл в село. По данным корпуса, взяты пленные.",
      "Russian Volunteer Corps", "корпуса", "description")],
)  # fmt: skip
def test_a_noun_for_an_actor_refers_back_to_the_last_one_named(text, speaker, words, how):
    # "ведомство" and a bare "губернатор" are actor facts of their own since the seventh
    # round (references.py), so the statement's speaker is its subject; "корпуса" is read
    # as a description by the statement layer
    found = [f for f in extract_facts(text, PUBLISHED) if f.kind == "statement"]
    assert found[-1].value == speaker and found[-1].detail
    assert found[-1].detail["speaker_text"] == words
    assert found[-1].detail["resolved_by"] == how
