"""Alteration classes that change time: speed, frame rate, slow motion, reversal, a splice
into other footage, and a compilation of short excerpts."""

from __future__ import annotations

from fractions import Fraction

from .graphs import Clip, fit
from .made import Made, Piece, pick, reversed_pieces, whole
from .sources import Excerpt, Source, a_clip


def speed(src: Source) -> Made:
    factor = pick(src, (0.75, 1.33, 0.8, 1.25))
    return whole(src, f"setpts=PTS/{factor},fps={src.fps}", f"{factor}x", speed=factor)


def frame_rate(src: Source) -> Made:
    target = pick(src, (12, 60, 24))
    target = 15 if target == src.fps else target
    return whole(src, f"fps={target}", f"{float(src.fps):g} -> {target} fps")


def speed_2x(src: Source) -> Made:
    """Twice as fast, each frame the blend of two (as a fast-forward with frame blending)."""
    vf = f"tblend=all_mode=average,framestep=2,setpts=PTS/2,fps={src.fps}"
    return whole(src, vf, "2x, pairs of frames blended", speed=2.0)


def slow_half(src: Source) -> Made:
    """Half speed, the frames in between made by blending their neighbours."""
    vf, label = pick(
        src,
        (
            (f"setpts=2*PTS,framerate=fps={src.fps}", "framerate blend"),
            (f"setpts=2*PTS,minterpolate=fps={src.fps}:mi_mode=blend", "minterpolate blend"),
        ),
    )
    return whole(src, vf, f"0.5x, {label}", speed=0.5)


def reversed_playback(src: Source) -> Made:
    return reversed_pieces(whole(src, "reverse", "played backwards"))


def splice(src: Source) -> Made:
    start, share = pick(src, ((0.4, 0.3), (0.2, 0.5), (0.3, 0.4)))
    return spliced(src, round(start * src.duration, 1), round(share * src.duration, 1))


def spliced(src: Source, start: float, length: float, vf: str = "null") -> Made:
    """A's ``start``..``start + length`` (through ``vf``) between two stretches of unrelated
    footage of the same split."""
    norm = fit(src.size, src.fps)
    before = src.fillers[0]
    after = Excerpt(src.fillers[1].path, src.fillers[1].start, min(6.0, src.fillers[1].duration))
    graph = (
        f"[0:v]{before.cut()},{norm}[x];[1:v]trim=start={start}:duration={length},"
        f"setpts=PTS-STARTPTS,{vf},{norm}[y];[2:v]{after.cut()},{norm}[z];"
        "[x][y][z]concat=n=3:v=1:a=0[v]"
    )
    b = Clip((before.options(), a_clip(src), after.options()), graph)
    piece: Piece = ((start, start + length), (before.duration, before.duration + length))
    b_length = before.duration + length + after.duration
    params = (
        f"A {start:g}-{start + length:g} s between {before.duration:g} s "
        f"and {after.duration:g} s of other footage"
    )
    return Made(b, (piece,), b_length, params)


FILLER_LENGTHS = (1.0, 2.0, 1.5, 1.0, 2.0, 1.5)  # seconds of each filler excerpt, in turn


def compilation(src: Source) -> Made:
    """Eight 1-2 s excerpts cut together: three from A (in or out of order), five from (up
    to) three other sources of the split."""
    length = min(1.5, src.duration / 4)
    layout, a_order = pick(
        src, (("FAFFAFAF", (0, 1, 2)), ("AFFAFFAF", (2, 0, 1)), ("FFAFAFFA", (1, 2, 0)))
    )
    return compiled(src, (length,) * 3, layout, a_order)


def short_cuts(src: Source) -> Made:
    """Five excerpts of A of 1-2 s, two or three of them 1 s, shuffled, each between 1-2 s
    cuts of other footage: the compilations of the held-out sets, harder than ``compilation``
    (fewer samples per excerpt, none in order)."""
    lengths, a_order = pick(
        src,
        (
            ((1.0, 1.5, 1.0, 2.0, 1.0), (3, 0, 4, 1, 2)),
            ((1.5, 1.0, 1.0, 1.0, 2.0), (2, 4, 0, 3, 1)),
            ((1.0, 1.0, 2.0, 1.5, 1.0), (4, 2, 0, 1, 3)),
        ),
    )
    return compiled(src, lengths, "FAFAFAFAFAF", a_order)


def compiled(src: Source, lengths: tuple[float, ...], layout: str, a_order: tuple[int, ...]
             ) -> Made:  # fmt: skip
    """A compilation: ``layout`` reads "A" for the next excerpt of A (``a_order`` says which:
    excerpt k of ``lengths`` seconds, centred in the k-th of as many equal parts of A) and
    "F" for the next 1-2 s cut of (up to) three other sources of the split."""
    fps = Fraction(src.fps)
    part = src.duration / len(lengths)
    frames = [round(length * fps) for length in lengths]  # frames of each A excerpt
    last = round(src.duration * fps)  # A's frames: a short A (the tests' 4 s) keeps every cut in it
    a_starts = [min(max(0, round((k * part + (part - n / fps) / 2) * fps)), last - n)
                for k, n in enumerate(frames)]  # fmt: skip
    cuts, pieces, at = [], [], 0
    fillers = src.fillers[:3]
    filler_cuts = iter(range(len(FILLER_LENGTHS)))
    a_next = iter(a_order)
    for slot in layout:
        if slot == "A":
            k = next(a_next)
            cuts.append(("0", a_starts[k], frames[k]))
            a_span = (float(a_starts[k] / fps), float((a_starts[k] + frames[k]) / fps))
            pieces.append((a_span, (float(at / fps), float((at + frames[k]) / fps))))
            at += frames[k]
        else:
            j = next(filler_cuts)
            n = round(FILLER_LENGTHS[j] * fps)
            cuts.append((f"{1 + j % len(fillers)}", round(_filler_start(j, len(fillers)) * fps), n))
            at += n
    starts = ("null", *(f.cut() for f in fillers))  # input 0 is A, already cut
    b = Clip((a_clip(src), *(f.options() for f in fillers)), _cut_graph(src, cuts, starts))
    order = "in order" if list(a_order) == sorted(a_order) else "out of order"
    # The held-out sets' compilations keep the words they were pinned with (their recipes'
    # digest, tests/test_eval_fresh2.py); only a compilation of unequal cuts names its shortest
    shortest = "" if len(set(frames)) == 1 else f", the shortest {float(min(frames) / fps):g} s"
    params = (
        f"{len(layout)} cuts of 1-2 s; {layout.count('A')} from A ({order}{shortest}), "
        f"the rest from {len(fillers)} other sources"
    )
    return Made(b, tuple(pieces), float(at / fps), params)


def _filler_start(j: int, fillers: int) -> float:
    """Where the j-th filler cut starts in its filler: the first cut from each filler early,
    later ones from 1.9 s on (fillers last at least 4 s)."""
    return 0.2 if j < fillers else 1.9


def _cut_graph(src: Source, cuts: list[tuple[str, int, int]], starts: tuple[str, ...]) -> str:
    """Normalise each input once, split it into as many copies as it gives cuts, trim each
    copy by frame numbers and concatenate the cuts in order."""
    norm = fit(src.size, src.fps)
    uses: dict[str, list[int]] = {}
    for n, (label, _, _) in enumerate(cuts):
        uses.setdefault(label, []).append(n)
    parts = []
    for label, numbers in uses.items():
        outs = "".join(f"[s{n}]" for n in numbers)
        parts.append(f"[{label}:v]{starts[int(label)]},{norm},split={len(numbers)}{outs}")
    for n, (_, first, frames) in enumerate(cuts):
        parts.append(
            f"[s{n}]trim=start_frame={first}:end_frame={first + frames},setpts=PTS-STARTPTS[c{n}]"
        )
    joined = "".join(f"[c{n}]" for n in range(len(cuts)))
    parts.append(f"{joined}concat=n={len(cuts)}:v=1:a=0[v]")
    return ";".join(parts)
