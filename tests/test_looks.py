"""``reuse.looks``: a stretch counts when one look finds it strongly or both looks find it."""

from forensics.records import Segment, SharedStretch
from forensics.reuse.looks import STRONG_MATCHES, both_looks, same_footage


def stretch(a: tuple[float, float], b: tuple[float, float], matches: int) -> SharedStretch:
    segment = Segment(a[0], a[1], b[0], b[1], 1.0, 0.5, matches, False)
    return SharedStretch(segment, 1.0, 0.0, 1.0, 1.0, (0, 0, 1, 1), (0, 0, 1, 1), ())


def never() -> list[SharedStretch]:
    raise AssertionError("the second look was taken")


def test_strong_stretches_need_no_second_look():
    found = [stretch((0, 5), (0, 5), STRONG_MATCHES)]
    assert both_looks(found, never) == found


def test_a_weak_stretch_counts_only_when_the_second_look_finds_it_too():
    weak = stretch((2, 3.5), (8, 9.5), STRONG_MATCHES - 1)
    assert both_looks([weak], lambda: []) == []
    elsewhere = stretch((6, 8), (0, 2), 3)
    assert both_looks([weak], lambda: [elsewhere]) == []
    seen = stretch((2.5, 4), (8.5, 10), 3)  # the same footage, its ends a sample apart
    assert both_looks([weak], lambda: [seen]) == [weak]


def test_what_only_the_second_look_finds_counts_when_strong():
    strong = stretch((0, 9), (0, 9), 15)
    weak = stretch((0, 1.5), (3, 4.5), 3)
    assert both_looks([], lambda: [strong, weak]) == [strong]
    kept = stretch((0, 9), (0, 9), 4)  # the first look's description is kept, once
    assert both_looks([kept], lambda: [strong]) == [kept]


def test_same_footage_overlaps_on_both_clips():
    one = stretch((0, 4), (10, 14), 3)
    assert same_footage(one, stretch((4.5, 6), (14.5, 16), 3))  # within a sample
    assert not same_footage(one, stretch((0, 4), (0, 4), 3))  # same A, other B
    assert not same_footage(one, stretch((5.5, 8), (10, 14), 3))
