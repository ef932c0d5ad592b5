"""The soundtrack: gusting wind, a diesel engine and the thump of explosions, as 48 kHz mono."""

from __future__ import annotations

import math
import wave
from pathlib import Path

import numpy as np

from .timeline import ClipPlan

RATE = 48000


def shaped_noise(
    rng: np.random.Generator, n: int, lo: float, hi: float, slope: float
) -> np.ndarray:
    """Noise with a 1/f^slope spectrum between ``lo`` and ``hi`` Hz, unit RMS."""
    spec = np.fft.rfft(rng.standard_normal(n))
    f = np.fft.rfftfreq(n, 1 / RATE)
    spec *= np.where((f > lo) & (f < hi), np.maximum(f, lo) ** (-slope / 2), 0)
    out = np.fft.irfft(spec, n)
    return out / max(float(out.std()), 1e-9)


def thump(rng: np.random.Generator, loudness: float) -> np.ndarray:
    """A distant explosion: a sharp low boom and a rolling tail."""
    n = int(2.5 * RATE)
    t = np.arange(n) / RATE
    body = shaped_noise(rng, n, 20, 260, 1.0)
    env = (1 - np.exp(-t / 0.004)) * (np.exp(-t / 0.25) + 0.25 * np.exp(-t / 1.1))
    return 0.55 * loudness * body * env


def engine(rng: np.random.Generator, n: int) -> np.ndarray:
    """An idling-to-cruising diesel: firing harmonics plus rumble, seen from the cab."""
    t = np.arange(n) / RATE
    freq = 31 + 3 * np.sin(2 * math.pi * 0.13 * t)
    phase = 2 * math.pi * np.cumsum(freq) / RATE
    tone = sum(np.sin(k * phase + k) / k for k in range(1, 7))
    rumble = shaped_noise(rng, n, 30, 500, 1.2) * (0.7 + 0.3 * np.sin(phase * 2))
    return 0.5 * tone / 3 + 0.5 * rumble


def soundtrack(plan: ClipPlan, seed: int) -> np.ndarray:
    """Mono int16 at 48 kHz, exactly the plan's length: quiet gusting wind, plus the plan's
    engine and explosions. Peaks stay around -8 dBFS; most of it is far quieter."""
    rng = np.random.default_rng(seed)
    n = round(plan.duration * RATE)
    gusts = np.interp(np.arange(n), np.linspace(0, n, 40), rng.uniform(0.3, 1.0, 40))
    mix = 0.045 * shaped_noise(rng, n, 15, 2500, 1.6) * gusts
    if plan.engine:
        a, b = (round(x * RATE) for x in plan.engine)
        ramp = np.minimum(1, np.minimum(np.arange(b - a), np.arange(b - a)[::-1]) / (0.05 * RATE))
        mix[a:b] += 0.12 * engine(rng, b - a) * ramp
    for at, loud in plan.booms:
        boom = thump(rng, loud)
        i = round(at * RATE)
        j = min(n, i + boom.size)
        mix[i:j] += boom[: j - i]
    return (np.clip(mix, -1, 1) * 32767 * 0.4).astype(np.int16)


def write_wav(path: Path, samples: np.ndarray) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(samples.tobytes())
