"""The bit layout of the hash index's keys: each 64-bit pHash's bits rearranged so that each
16-bit key holds one anti-diagonal class of the DCT coefficients (why: the
:mod:`forensics.reuse.hashindex` docstring), a key taken out of the rearranged code, and the
masks of the keys probed around one. Shared by :mod:`forensics.reuse.hashindex` and
:mod:`forensics.case.widehash`."""

from __future__ import annotations

import itertools
from functools import cache

import numpy as np

HASH_BITS = 64
SUBSTRINGS = 4
KEY_BITS = HASH_BITS // SUBSTRINGS  # 16


def _key_layout() -> list[int]:
    """Source bit of each destination bit: key ``t`` (destination bits 16t..16t+15) holds the
    DCT coefficients with ``(row + col) % 4 == t``; bit ``63 - (8 * row + col)`` of the
    integer is coefficient (row, col), as imagehash orders them."""
    return [
        HASH_BITS - 1 - (8 * row + col)
        for key in range(SUBSTRINGS)
        for row in range(8)
        for col in range(8)
        if (row + col) % SUBSTRINGS == key
    ]


def _byte_tables(layout: list[int]) -> np.ndarray:
    """(8, 256) table: the permuted bits contributed by each value of each source byte."""
    destination = {source: dest for dest, source in enumerate(layout)}
    tables = np.zeros((8, 256), dtype=np.uint64)
    for byte, value in itertools.product(range(8), range(256)):
        bits = [destination[8 * byte + i] for i in range(8) if value >> i & 1]
        tables[byte, value] = sum(1 << bit for bit in bits)
    return tables


_PERMUTE = _byte_tables(_key_layout())


def permute_bits(codes: np.ndarray) -> np.ndarray:
    """Codes with their bits rearranged into the key layout (8 table look-ups per code)."""
    as_bytes = np.ascontiguousarray(codes, dtype=np.uint64).view(np.uint8).reshape(-1, 8)
    if not np.little_endian:  # the tables are indexed by significance, not by address
        as_bytes = as_bytes[:, ::-1]
    out = np.zeros(len(codes), dtype=np.uint64)
    for byte in range(8):
        out |= _PERMUTE[byte][as_bytes[:, byte]]
    return out


def table_key(permuted: np.ndarray, table: int) -> np.ndarray:
    """Key ``table`` (16 bits) of each permuted code."""
    shifted = permuted >> np.uint64(KEY_BITS * table)
    return (shifted & np.uint64((1 << KEY_BITS) - 1)).astype(np.int64)


@cache
def flip_masks(bits: int, flips: int) -> np.ndarray:
    """Every ``bits``-bit mask with at most ``flips`` bits set (the keys to probe around one)."""
    masks = [
        sum(1 << bit for bit in chosen)
        for count in range(flips + 1)
        for chosen in itertools.combinations(range(bits), count)
    ]
    return np.array(masks, dtype=np.int64)
