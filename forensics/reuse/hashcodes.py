"""64-bit frame hashes as numbers: imagehash hex strings and 8-byte blobs to ``uint64`` codes
and back, and counting set bits (the Hamming distance of two codes is the popcount of their
XOR). Shared by the hash index and the case index, which stores codes as blobs."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np


def codes_from_hex(hexes: Iterable[str]) -> np.ndarray:
    """``uint64`` codes of imagehash hex strings (16 hex digits each, as ``str(phash)``)."""
    blobs = []
    for index, text in enumerate(hexes):
        if len(text) != 16:
            raise ValueError(f"hash {index}: expected 16 hex digits, got {text!r}")
        try:
            blobs.append(bytes.fromhex(text))
        except ValueError:
            raise ValueError(f"hash {index}: not hexadecimal: {text!r}") from None
    return codes_from_blobs(blobs)


def codes_from_blobs(blobs: Iterable[bytes]) -> np.ndarray:
    """``uint64`` codes of 8-byte big-endian blobs (``bytes.fromhex(str(phash))``)."""
    blobs = list(blobs)
    for index, blob in enumerate(blobs):
        if len(blob) != 8:
            raise ValueError(f"hash {index}: expected 8 bytes, got {len(blob)}")
    return np.frombuffer(b"".join(blobs), dtype=">u8").astype(np.uint64)


def codes_to_hex(codes: np.ndarray) -> list[str]:
    """imagehash-style hex strings (16 digits, zero-padded) of ``uint64`` codes."""
    return [blob.hex() for blob in codes_to_blobs(codes)]


def codes_to_blobs(codes: np.ndarray) -> list[bytes]:
    """8-byte big-endian blobs of ``uint64`` codes."""
    raw = np.asarray(codes, dtype=np.uint64).astype(">u8").tobytes()
    return [raw[i : i + 8] for i in range(0, len(raw), 8)]


def _popcount_table() -> np.ndarray:
    return np.array([bin(value).count("1") for value in range(256)], dtype=np.uint8)


_POPCOUNT_BYTE = _popcount_table()


def popcount(values: np.ndarray) -> np.ndarray:
    """Set bits of each ``uint64`` (numpy >= 2 has a native op; 1.26 gets a byte table)."""
    native = getattr(np, "bitwise_count", None)
    if native is not None:
        return native(values)
    as_bytes = np.ascontiguousarray(values).view(np.uint8).reshape(len(values), 8)
    return _POPCOUNT_BYTE[as_bytes].sum(axis=1, dtype=np.uint8)


_DC_BIT = np.uint64(1 << 63)  # coefficient (0, 0): always set in a pHash (median threshold)


def inverted_codes(codes: np.ndarray) -> np.ndarray:
    """The pHash of each picture with its grey levels inverted: every AC coefficient changes
    sign, so every bit but the DC's flips (within 1 bit of the inverted picture's, measured on
    real footage)."""
    return ~np.asarray(codes, np.uint64) | _DC_BIT


def transposed_codes(codes: np.ndarray) -> np.ndarray:
    """The pHash of each picture transposed (coefficient (row, col) becomes (col, row); the
    median is unchanged, so the bits move exactly). Of a mirrored pHash, that is the pHash of
    the picture turned a quarter counter-clockwise (within 0-4 bits, measured)."""
    codes = np.asarray(codes, np.uint64)
    out = np.zeros(len(codes), np.uint64)
    for row in range(8):
        for col in range(8):
            bit = (codes >> np.uint64(63 - (8 * row + col))) & np.uint64(1)
            out |= bit << np.uint64(63 - (8 * col + row))
    return out
