"""The sketch's keys (:mod:`forensics.case.shortlist`): each ORB descriptor of 256 bits cut
into ``SKETCH_CHUNKS`` keys of 24 bits, stored sorted with the case's shortlist tables and
looked up with a new clip's descriptors."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

SKETCH_CHUNKS = 6
MAX_BUCKET = 32  # stored (or new) descriptors holding one key: beyond, the key is noise

# ORB's bits come in correlated runs (some 24-bit runs hold one value in 1 descriptor of 50):
# each key takes KEY_BITS bits from all over the descriptor instead (a fixed draw; changing it
# changes every stored key, so it is part of the format).
_KEY_BITS = np.random.default_rng(17).permutation(256)[: SKETCH_CHUNKS * 24].reshape(
    SKETCH_CHUNKS, 24
)


def _key_table() -> np.ndarray:
    """(byte place, byte value) -> the bits that byte gives each key, shifted into place:
    a key is the OR of its descriptor's 32 bytes' entries (KEY_BITS, as unpacking the bits and
    taking them would give, at a tenth of the cost)."""
    table = np.zeros((32, 256, SKETCH_CHUNKS), np.uint32)
    values = np.unpackbits(np.arange(256, dtype=np.uint8)[:, None], axis=1)  # (256, 8), MSB first
    for chunk, bits in enumerate(_KEY_BITS.tolist()):
        for place, bit in enumerate(bits):  # key bit ``place`` (of 24, MSB first) is ``bit``
            table[bit // 8, :, chunk] |= values[:, bit % 8].astype(np.uint32) << (23 - place)
    table |= (np.arange(SKETCH_CHUNKS, dtype=np.uint32) << 24)[None, None, :]
    return table


_KEY_TABLE = _key_table()


def sketch_keys(descriptors: np.ndarray) -> np.ndarray:
    """SKETCH_CHUNKS keys per descriptor (N x 32 bytes): chunk number, then 24 bits."""
    descriptors = np.ascontiguousarray(descriptors, np.uint8)
    keys = np.zeros((len(descriptors), SKETCH_CHUNKS), np.uint32)
    for place in range(32):
        keys |= _KEY_TABLE[place, descriptors[:, place]]
    return keys.ravel()


@dataclass(frozen=True, eq=False)
class Query:
    """The new clip's descriptors, their keypoints, and per descriptor its frame (one side of
    one described frame) and per frame its time."""

    descriptors: np.ndarray
    points: np.ndarray
    owner: np.ndarray
    times: np.ndarray

    @functools.cached_property
    def keys(self) -> np.ndarray:
        return sketch_keys(self.descriptors)

    @functools.cached_property
    def key_order(self) -> np.ndarray:
        return np.argsort(self.keys, kind="stable")

    @functools.cached_property
    def sorted_keys(self) -> np.ndarray:
        return self.keys[self.key_order]

    @functools.cached_property
    def rare(self) -> np.ndarray:
        """Per key, whether few of the new clip's descriptors hold it: a static shot repeats
        its keypoints in every frame, and its pairs with a stored static shot would multiply
        (both sides' repeats) without saying more than a few of them say."""
        keys = self.sorted_keys  # runs of one key: its count, put back in the keys' order
        first = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if len(keys) else keys
        counts = np.diff(np.r_[first, len(keys)])
        rare = np.empty(len(keys), bool)
        rare[self.key_order] = np.repeat(counts, counts) <= MAX_BUCKET
        return rare
