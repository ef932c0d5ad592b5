"""The reuse stages made cheaper give the answers they gave before: each vectorised function
against the plain definition it replaced (one rate, one stack, one pair at a time)."""

import json
import sys
from pathlib import Path

import faiss
import numpy as np
import pytest

from forensics.reuse import align, matching
from forensics.reuse.align import FrameMatch
from forensics.reuse.features import VOTES_TO_VERIFY, describe
from forensics.reuse.matching import FeatureIndex, fit
from tests.media import textured_grey as textured

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import same_reuse_results


def reference_lines(matches, rates):
    """``align._lines`` as it was: one rate at a time."""
    a = np.array([m.a_t for m in matches])
    b = np.array([m.b_t for m in matches])
    weight = np.array([m.score for m in matches])
    a_ids, b_ids = np.unique(a, return_inverse=True)[1], np.unique(b, return_inverse=True)[1]
    ranked = []
    for rate in rates:
        keys = np.floor((b - rate * a) / align.OFFSET_BIN_S)
        k = np.concatenate([keys, keys + 1]).astype(np.int64)
        bins, inverse = np.unique(k, return_inverse=True)
        scores = np.bincount(inverse, weights=np.concatenate([weight, weight]))
        distinct = [align._distinct_per_bin(inverse, np.concatenate([ids, ids]), len(bins))
                    for ids in (a_ids, b_ids)]  # fmt: skip
        support = np.minimum(*distinct) + 1e-3 * scores
        best = int(np.argmax(support))
        key = int(bins[best])
        offsets = b - rate * a
        low, high = (key - 1) * align.OFFSET_BIN_S, (key + 1) * align.OFFSET_BIN_S
        offset = float(np.median(offsets[(offsets >= low) & (offsets < high)]))
        natural = abs(rate - 1.0) < 1e-9
        value = float(support[best])
        ranked.append((value / align.RATE_PRIOR if natural else value, natural, rate, offset))
    ranked.sort(key=lambda r: (-r[0], not r[1], abs(abs(r[2]) - 1.0)))
    return [(float(rate), offset) for _, _, rate, offset in ranked]


def random_matches(seed):
    """Matches on a line (forwards, backwards or sped up) among look-alikes, on the 0.5 s
    grid with ties in time and score, as frame matching gives them."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 300))
    a = rng.integers(0, 60, n) * 0.5
    rate = float(rng.choice([1.0, 0.75, -1.0, 1.33, 2.0]))
    b = np.where(rng.random(n) < 0.5, rate * a + 3.0, rng.integers(0, 60, n) * 0.5)
    b = np.round(b + rng.normal(0, 0.05, n) * (seed % 2), 3)
    scores = np.round(rng.random(n), 2) if seed % 3 else np.full(n, 0.5)
    return [FrameMatch(float(x), float(y), float(s), bool(m))
            for x, y, s, m in zip(a, b, scores, rng.random(n) < 0.2, strict=True)]  # fmt: skip


@pytest.mark.parametrize("seed", range(12))
def test_lines_are_those_voted_one_rate_at_a_time(seed):
    matches = random_matches(seed)
    assert align._lines(matches, align.RATES) == reference_lines(matches, align.RATES)


def test_lines_do_not_depend_on_how_many_rates_are_voted_on_at_once(monkeypatch):
    matches = random_matches(5)
    whole = align._lines(matches, align.RATES)
    monkeypatch.setattr(align, "CELLS_AT_ONCE", 1)  # one rate at a time
    assert align._lines(matches, align.RATES) == whole


def test_the_strongest_bin_among_equals_is_the_lowest():
    # two bins of one frame each, equal scores: the first (lower) one wins, as argmax did
    keys = np.array([[0.0, 4.0]])
    support, key = align._strongest_bins(keys, np.array([0, 1]), np.array([0, 1]),
                                         np.array([0.5, 0.5]))  # fmt: skip
    assert key.tolist() == [0] and support.tolist() == [pytest.approx(1 + 1e-3 * 0.5)]


@pytest.mark.parametrize("count", [1, 2, 5, 6])
def test_medians_within_are_numpys_medians(count):
    rng = np.random.default_rng(count)
    values = np.concatenate([rng.random(count), rng.random(7) + 5.0])[None, :]
    got = align._medians_within(values, np.array([0.0]), np.array([1.0]))
    assert got.tolist() == [float(np.median(values[0, :count]))]


def test_align_finds_what_it_found_before_on_a_line_among_look_alikes():
    matches = random_matches(7)
    assert align.align(matches) == align.align(list(matches))  # deterministic
    (segment, *_) = align.align([FrameMatch(0.5 * i, 0.5 * i + 3, 0.9) for i in range(20)])
    assert (segment.a_start, segment.a_end, segment.b_start, segment.rate) == (0, 9.5, 3, 1.0)


@pytest.fixture(scope="module")
def index():
    frames = [describe(0.5 * i, textured(s)) for i, s in enumerate([11, 12, 13, 12])]
    return FeatureIndex([frames[:2], frames[2:]])


def reference_votes(index, distances, rows):
    """``FeatureIndex._votes`` as it was: a dict of lists, then sorted by votes."""
    votes = {}
    for q, k in zip(*np.nonzero((distances <= matching.MAX_HAMMING) & (rows >= 0)), strict=True):
        stack = int(index.row_stack[rows[q, k]])
        votes.setdefault(stack, []).append((int(q), int(rows[q, k] - index.row_start[stack])))
    ranked = sorted(votes.items(), key=lambda kv: -len(kv[1]))
    return [(s, pairs) for s, pairs in ranked if len(pairs) >= VOTES_TO_VERIFY]


@pytest.mark.parametrize("seed", [13, 12, 99])
def test_votes_rank_stacks_by_votes_then_by_the_first_found(index, seed):
    query = describe(0.0, textured(seed))
    distances, rows = matching._search(index.index, query.descriptors[0])
    got = index._votes(distances, rows)
    want = reference_votes(index, distances, rows)
    assert [(s, p.tolist()) for s, p in got] == [(s, [list(x) for x in p]) for s, p in want]
    if seed != 99:  # an unrelated picture may get no stack to verify
        assert got


def test_votes_keep_equal_stacks_in_the_order_found(index):
    # two stacks with the same number of votes: the one found first comes first
    rows = np.full((VOTES_TO_VERIFY * 2, 1), -1, np.int64)
    later, earlier = index.row_start[3], index.row_start[1]
    rows[:VOTES_TO_VERIFY, 0] = earlier + np.arange(VOTES_TO_VERIFY)
    rows[VOTES_TO_VERIFY:, 0] = later + np.arange(VOTES_TO_VERIFY)
    votes = index._votes(np.zeros(rows.shape, np.int32), rows)
    assert [stack for stack, _ in votes] == [1, 3]
    assert votes[0][1][:, 0].tolist() == list(range(VOTES_TO_VERIFY))


def test_an_exact_search_runs_on_one_thread_and_answers_the_same(index):
    query = np.vstack([describe(0.0, textured(s)).descriptors[0] for s in (12, 13, 14)])
    threads = faiss.omp_get_max_threads()
    got = matching._search(index.index, query)
    assert faiss.omp_get_max_threads() == threads  # put back
    faiss.omp_set_num_threads(2)
    try:
        parallel = index.index.search(query, matching.NEIGHBOURS)
    finally:
        faiss.omp_set_num_threads(threads)
    assert np.array_equal(got[0], parallel[0]) and np.array_equal(got[1], parallel[1])


def reference_counts(a, b, mirrored, pairs, inliers):
    """``_ransac``'s counts as they were: distinct A keypoints, the last pair of each."""
    kept = [p for p, ok in zip(pairs, inliers, strict=True) if ok]
    distinct = {q: t for q, t in kept}
    a_still, b_still = a.still_at(0), b.still_at(int(mirrored))
    moving = sum(1 for q, t in distinct.items() if not (a_still[q] or b_still[t]))
    return min(len(kept), len(distinct)), moving


def test_fit_counts_each_a_keypoint_once_and_takes_lists_or_arrays():
    picture = textured(21)
    a = describe(0.0, picture)
    b = describe(0.5, picture)
    n = min(len(a.points[0]), len(b.points[0]))
    rng = np.random.default_rng(3)
    still_a, still_b = rng.random(len(a.points[0])) < 0.3, rng.random(len(b.points[0])) < 0.3
    a = type(a)(a.t, a.size, a.points, a.descriptors, None, (still_a, still_a[:0]))
    b = type(b)(b.t, b.size, b.points, b.descriptors, None, (still_b, still_b[:0]))
    # the same picture: keypoint i is keypoint i; some A keypoints vote twice (for a wrong one)
    pairs = [(i, i) for i in range(n)] + [(i, (i + 7) % n) for i in range(0, n, 5)]
    as_list, as_array = fit(a, b, False, pairs), fit(a, b, False, np.array(pairs))
    assert as_list is not None and as_array is not None
    assert (as_list.inliers, as_list.moving) == (as_array.inliers, as_array.moving)
    assert np.array_equal(as_list.transform, as_array.transform)
    assert as_list.inliers <= n


def test_ransac_counts_distinct_and_moving_keypoints_as_defined(monkeypatch):
    picture = textured(22)
    a, b = describe(0.0, picture), describe(0.5, picture)
    rng = np.random.default_rng(4)
    n = min(len(a.points[0]), len(b.points[0]))
    still = (rng.random(len(a.points[0])) < 0.4, rng.random(len(b.points[0])) < 0.4)
    a = type(a)(a.t, a.size, a.points, a.descriptors, None, (still[0], still[0][:0]))
    b = type(b)(b.t, b.size, b.points, b.descriptors, None, (still[1], still[1][:0]))
    pairs = [(int(q), int(t)) for q, t in rng.integers(0, n, (120, 2))]  # repeats included
    inliers = rng.random(len(pairs)) < 0.7
    monkeypatch.setattr(matching.cv2, "estimateAffinePartial2D",
                        lambda *args, **kw: (np.eye(2, 3), inliers.astype(np.uint8)[:, None]))
    found = matching._ransac(a, b, False, np.array(pairs))
    assert found is not None
    assert (found.inliers, found.moving) == reference_counts(a, b, False, pairs, inliers)


def eval_run(path, rows):
    """A file shaped like ``eval_reuse.py --json-out``'s, with ours on each (case, detail)."""
    pairs = [{"case": case, "decode_s": 1.0, "methods": {"ours": {
        "matched": detail != "none", "spans": [], "alterations": [], "detail": detail,
        "error": None, "seconds": seconds}}} for case, detail, seconds in rows]  # fmt: skip
    path.write_text(json.dumps({"pairs": {"tune": pairs}}))
    return path


def test_the_check_finds_a_changed_pair_and_passes_identical_runs(tmp_path, capsys):
    before = eval_run(tmp_path / "b.json", [("x:crop", "A 0-1", 2.0), ("y:neg", "none", 1.0)])
    same = eval_run(tmp_path / "s.json", [("x:crop", "A 0-1", 1.0), ("y:neg", "none", 0.5)])
    changed = eval_run(tmp_path / "c.json", [("x:crop", "A 0-1", 1.0), ("y:neg", "A 2-3", 0.5)])
    assert same_reuse_results.main_with([str(before), str(same)]) == 0
    out = capsys.readouterr().out
    assert "2 pairs in both runs, 0 changed" in out and "before: time / decode floor 1.50x" in out
    assert same_reuse_results.main_with([str(before), str(changed)]) == 1
    out = capsys.readouterr().out
    assert "y:neg:" in out and "matched: False -> True" in out and "x:crop" not in out
    (tmp_path / "bad.json").write_text("{")
    assert same_reuse_results.main_with([str(before), str(tmp_path / "bad.json")]) == 2
