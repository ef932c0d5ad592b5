"""A line that reads like a handle read again as one (forensics.onscreen.handle_pass): with
a handle's characters alone, as given and inverted, the surest reading that is a handle kept
where the line as read is none."""

from __future__ import annotations

import numpy as np

from forensics.onscreen.handle_pass import HANDLE, best_handle, candidate

CROP = np.zeros((20, 80), np.uint8)


def _reader(readings: dict[bool, tuple[str, float]]):
    """A fake whitelisted read: ``readings`` by whether the crop is the inverted one."""

    def read(image: np.ndarray) -> tuple[str, float]:
        return readings[bool(image.mean() > 127)]

    return read


def test_lines_that_read_like_handles_are_candidates():
    for text in ("@rybar_WHEFO", "t.me/grey zone", "t. me/grey", "me/operline", "bot.me"):
        assert candidate(text), text
    for text in ("Belgorod region", "Сводки фронта", "23.05.2023 14:02"):
        assert not candidate(text), text


def test_a_misread_handle_takes_the_surest_whitelisted_reading_that_is_one():
    read = _reader({False: ("@volna_hews24", 0.6), True: ("@volna_news24", 0.8)})
    text, sure, image = best_handle(read, CROP, "@volna_hewWs2a фі", 0.57)
    assert (text, sure, image.mean()) == ("@volna_news24", 0.8, 255)
    # the other polarity is no handle: the one that is wins, however sure the other
    read = _reader({False: ("@volna_news24", 0.5), True: ("@volna news 24", 0.95)})
    found = best_handle(read, CROP, "@volna_hewWs2a фі", 0.57)
    assert found is not None and found[0] == "@volna_news24"


def test_a_handle_read_as_one_stays_and_no_handle_replaces_nothing():
    read = _reader({False: ("@volna_newsZ4", 0.99), True: ("@volna_newsZ4", 0.99)})
    assert best_handle(read, CROP, "@volna_news24", 0.6) is None  # a handle already
    read = _reader({False: ("@vo", 0.9), True: ("t.me/a b", 0.9)})
    assert best_handle(read, CROP, "@vo фі", 0.5) is None  # neither reading is a handle


def test_the_handle_pattern():
    for text in ("@dva_majors", "t.me/bbbreaking", "@zvezdanews_42"):
        assert HANDLE.fullmatch(text), text
    for text in ("@frontline_ru 23.05", "t.me/grey.zone", "@ab", "t.me/south front"):
        assert not HANDLE.fullmatch(text), text


def test_a_space_after_a_handle_is_not_read_away():
    # whitelisted, `@legion free` (a real space) read `@legionfree`: no handle of it
    read = _reader({False: ("@legionfree", 0.9), True: ("@legionfree", 0.9)})
    assert best_handle(read, CROP, "@legion free", 0.7) is None
    read = _reader({False: ("@legion_free", 0.9), True: ("@legionfree", 0.9)})
    assert best_handle(read, CROP, "@legion free", 0.7)[0] == "@legion_free"


def test_a_handle_read_with_an_unsure_letter_is_taken_for_none():
    # `@legion free` read whitelisted `@iegion_free`, its `i` at 0.04: no handle to take
    read = _reader({False: ("@iegion_free", 0.04), True: ("@legion_free", 0.0)})
    assert best_handle(read, CROP, "@legion free фі", 0.45) is None


def test_a_misread_address_prefix_is_read_as_t_me_and_nothing_else_is_touched():
    from forensics.onscreen.handle_pass import address

    for misread in ("time/", "it.me/", "tme/", "Lme/", "tume/", "ime/", "tine/"):
        assert address(misread + "shtorm_info") == "t.me/shtorm_info", misread
    assert address("t.me/shtorn_info") == "t.me/shtorn_info"  # a misread letter stays
    for text in ("Lme/peredovaya 7", "time/shtorm info", "time/ab", "Время/фронт", "@time"):
        assert address(text) == text, text  # a word after it, too short, no address
