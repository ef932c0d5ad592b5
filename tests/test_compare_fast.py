"""Functions of ``compare`` made cheaper (issue 14, helper comparefast) give exactly what the
plain definitions they replaced gave: each against that definition on generated inputs."""

import cv2
import numpy as np
import pytest

from forensics.reuse import insets, motion
from forensics.reuse.features import (
    EXTRA_FEATURES,
    EXTRA_PAD,
    _orb,
    describe,
    describe_within,
    differing_bits,
)
from forensics.reuse.geometry import near_points
from tests.media import textured_grey


def reference_longest_run(column):
    """``insets._longest_run`` as it was: one column at a time."""
    padded = np.concatenate([[0], column.astype(np.int8), [0]])
    changes = np.flatnonzero(np.diff(padded))
    return int((changes[1::2] - changes[::2]).max()) if len(changes) else 0


def edge_maps(seed):
    """Bool maps from empty to full, with long vertical runs, specks and edge-touching runs."""
    rng = np.random.default_rng(seed)
    height, width = int(rng.integers(1, 60)), int(rng.integers(1, 40))
    edges = rng.random((height, width)) < rng.choice([0.0, 0.05, 0.5, 0.95, 1.0])
    for _ in range(int(rng.integers(0, 4))):
        x, top = int(rng.integers(0, width)), int(rng.integers(0, height))
        edges[top : top + int(rng.integers(1, height + 1)), x] = True
    return edges


@pytest.mark.parametrize("seed", range(60))
def test_longest_runs_are_each_columns_longest_run(seed):
    edges = edge_maps(seed)
    expected = [reference_longest_run(edges[:, x]) for x in range(edges.shape[1])]
    assert insets.longest_runs(edges).tolist() == expected


def test_longest_runs_of_no_column_and_of_a_known_map():
    assert insets.longest_runs(np.zeros((5, 0), bool)).tolist() == []
    edges = np.array([[1, 0, 1], [1, 0, 0], [0, 0, 1], [1, 0, 1]], bool)
    assert insets.longest_runs(edges).tolist() == [2, 0, 2]


def reference_lines(edges, length, span):
    """``insets._lines`` as it was, each column's run measured alone."""
    thick = edges.copy()
    thick[:, 1:] |= edges[:, :-1]
    thick[:, :-1] |= edges[:, 1:]
    kernel = np.ones((insets.GAP_PX + 1, 1), np.uint8)
    thick = cv2.morphologyEx(thick.astype(np.uint8), cv2.MORPH_CLOSE, kernel).astype(bool)
    runs = [(reference_longest_run(thick[:, x]), x)
            for x in range(insets.BORDER_PX, length - insets.BORDER_PX)]  # fmt: skip
    found = []
    for run, x in sorted(runs, reverse=True):
        if run < insets.MIN_SIDE * span or len(found) == insets.MAX_LINES:
            break
        if all(abs(x - other) > 2 for other in found):
            found.append(x)
    return sorted(found)


@pytest.mark.parametrize("seed", range(40))
def test_lines_are_found_as_before(seed):
    edges = edge_maps(seed)
    height, width = edges.shape
    assert insets._lines(edges, width, height) == reference_lines(edges, width, height)


def reference_recurs(points, descriptors, other_points, other_descriptors):
    """``motion._recurs`` as it was: whether each keypoint recurs in one other frame."""
    rows, cols = near_points(points, other_points, motion.RECUR_PX)
    hit = np.zeros(len(points), bool)
    if len(rows):
        bits = np.unpackbits(descriptors[rows] ^ other_descriptors[cols], axis=1).sum(axis=1)
        hit[rows[bits <= motion.RECUR_HAMMING]] = True
    return hit


def keypoints(rng, count, near=None):
    """``count`` keypoints (float32, on a coarse grid so several fall within reach of one
    another) with descriptors; ``near``: (points, descriptors) to copy some of, moved by
    under a pixel and with a few or many bits changed."""
    points = (rng.integers(0, 40, (count, 2)) * 2.5).astype(np.float32)
    descriptors = rng.integers(0, 256, (count, 32), dtype=np.uint8)
    if near is not None and len(near[0]) and count:
        take = rng.integers(0, len(near[0]), count // 2)
        points[: len(take)] = near[0][take] + rng.uniform(-1, 1, (len(take), 2)).astype(np.float32)
        flips = rng.random((len(take), 32)) < rng.choice([0.02, 0.3])
        noise = (flips * rng.integers(1, 256, flips.shape)).astype(np.uint8)
        descriptors[: len(take)] = near[1][take] ^ noise
    return points, descriptors


@pytest.mark.parametrize("seed", range(80))
def test_recurrences_count_the_frames_each_keypoint_recurs_in(seed):
    rng = np.random.default_rng(seed)
    points, descriptors = keypoints(rng, int(rng.integers(0, 200)))
    others = [keypoints(rng, int(rng.integers(0, 200)), (points, descriptors))
              for _ in range(int(rng.integers(0, 5)))]  # fmt: skip
    expected = np.zeros(len(points), np.int32)
    for other_points, other_descriptors in others:
        expected += reference_recurs(points, descriptors, other_points, other_descriptors)
    found = motion.recurrences(points, descriptors, [p for p, _ in others], [d for _, d in others])
    assert found.dtype == np.int32 and found.tolist() == expected.tolist()


def test_a_keypoint_recurring_twice_in_one_frame_counts_once():
    points = np.array([[10, 10]], np.float32)
    descriptors = np.zeros((1, 32), np.uint8)
    twice = np.array([[10, 10], [11, 10]], np.float32), np.zeros((2, 32), np.uint8)
    far = np.array([[50, 50]], np.float32), np.zeros((1, 32), np.uint8)
    found = motion.recurrences(points, descriptors, [twice[0], far[0], twice[0]],
                               [twice[1], far[1], twice[1]])  # fmt: skip
    assert found.tolist() == [2]


@pytest.mark.parametrize("seed", range(20))
def test_differing_bits_are_the_unpacked_bits_summed(seed):
    rng = np.random.default_rng(seed)
    count = int(rng.integers(0, 300))
    a = rng.integers(0, 256, (count, 32), dtype=np.uint8)
    b = a ^ (rng.random((count, 32)) < rng.random()).astype(np.uint8) * rng.integers(
        0, 256, (count, 32), dtype=np.uint8)  # fmt: skip
    expected = np.unpackbits(a ^ b, axis=1).sum(axis=1)
    assert differing_bits(a, b).tolist() == expected.tolist()
    odd, even = a[1::2], b[::2][: len(a[1::2])]  # rows taken apart: strided arrays
    expected = np.unpackbits(odd ^ even, axis=1).sum(axis=1)
    assert differing_bits(odd, even).tolist() == expected.tolist()


def test_differing_bits_of_all_and_none():
    ones, zeros = np.full((2, 32), 255, np.uint8), np.zeros((2, 32), np.uint8)
    assert differing_bits(ones, zeros).tolist() == [256, 256]
    assert differing_bits(zeros[:0], zeros[:0]).tolist() == []


def reference_describe_within(image, mask, budget=EXTRA_FEATURES):
    """``features.describe_within`` as it was: the mask's box from np.nonzero."""
    rows, cols = np.nonzero(mask)
    if not len(rows):
        return np.zeros((0, 2), np.float32), np.zeros((0, 32), np.uint8)
    height, width = image.shape
    x0, x1 = max(0, int(cols.min()) - EXTRA_PAD), min(width, int(cols.max()) + 1 + EXTRA_PAD)
    y0, y1 = max(0, int(rows.min()) - EXTRA_PAD), min(height, int(rows.max()) + 1 + EXTRA_PAD)
    crop = np.ascontiguousarray(image[y0:y1, x0:x1])
    within = np.ascontiguousarray(mask[y0:y1, x0:x1]).astype(np.uint8) * 255
    keypoints, desc = _orb(budget).detectAndCompute(crop, within)
    if desc is None or not len(keypoints):
        return np.zeros((0, 2), np.float32), np.zeros((0, 32), np.uint8)
    points = np.array([k.pt for k in keypoints], np.float32) + np.array([x0, y0], np.float32)
    return points, desc


def moving_masks(seed):
    """A textured picture and a changed part: blobs anywhere (at the edges too), a pixel, or
    nothing; half of them the mirror image's (a strided view, as ``motion`` passes it)."""
    rng = np.random.default_rng(seed)
    picture = textured_grey(seed, (320, 180))
    mask = np.zeros(picture.shape, bool)
    for _ in range(int(rng.integers(0, 4))):
        x, y = int(rng.integers(-20, 320)), int(rng.integers(-20, 180))
        w, h = int(rng.integers(1, 120)), int(rng.integers(1, 90))
        mask[max(0, y) : y + h, max(0, x) : x + w] = rng.random() < 0.9
    if seed % 7 == 3:
        mask[int(rng.integers(0, 180)), int(rng.integers(0, 320))] = True
    if seed % 2:
        return np.ascontiguousarray(picture[:, ::-1]), mask[:, ::-1]
    return picture, mask


@pytest.mark.parametrize("seed", range(30))
def test_describe_within_finds_what_it_found_before(seed):
    picture, mask = moving_masks(seed)
    points, descriptors = describe_within(picture, mask)
    expected_points, expected_descriptors = reference_describe_within(picture, mask)
    assert np.array_equal(points, expected_points) and points.dtype == expected_points.dtype
    assert np.array_equal(descriptors, expected_descriptors)


def reference_moving_keypoints(frame, picture, stable):
    """``motion.with_moving_keypoints`` as it was for a whole frame, both sides: the new
    keypoints told by np.setdiff1d, the box by np.nonzero."""
    moving = motion._moving_region(stable)
    if moving is None:
        return frame
    points, descriptors = list(frame.points), list(frame.descriptors)
    for side in (0, 1):
        image, mask = (picture, moving) if side == 0 else (picture[:, ::-1], moving[:, ::-1])
        found, desc = reference_describe_within(np.ascontiguousarray(image), mask)
        known = near_points(found, points[side], motion.RECUR_PX)[0]
        new = np.setdiff1d(np.arange(len(found)), known)
        points[side] = np.vstack([points[side], found[new]])
        descriptors[side] = np.vstack([descriptors[side], desc[new]])
    return points, descriptors


@pytest.mark.parametrize("seed", range(12))
def test_moving_keypoints_are_added_as_before(seed):
    picture, _ = moving_masks(2 * seed)
    frame = describe(0.0, picture)
    assert frame is not None
    stable = np.ones(picture.shape, bool)
    stable[30 + 5 * seed : 90 + 5 * seed, 40 + 9 * seed : 100 + 9 * seed] = False
    more = motion.with_moving_keypoints(frame, picture, stable)
    points, descriptors = reference_moving_keypoints(frame, picture, stable)
    for side in (0, 1):
        assert len(more.points[side]) > len(frame.points[side])
        assert np.array_equal(more.points[side], points[side])
        assert np.array_equal(more.descriptors[side], descriptors[side])
