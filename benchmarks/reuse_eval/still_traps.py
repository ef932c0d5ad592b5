"""More stills of the tune split's sources (``eval_stills.py --traps``): the stills that expose
a moment said wrongly, made from the tune and retired-heldout files and the tune rendered
flight only (never the fresh split's files).

- **Another moment of the same camera**, several per source, each at least a second outside
  the clip (a fixed camera's background, a handheld close-up of the same bird, the same road
  ahead): any moment said is false.
- **Positives at eight times** through the clip (not only its quarters), as a JPEG, rotated 4
  degrees (black corners), saved at a low JPEG quality, under a caption bar and as a portrait
  phone screenshot: a moment said more than half a second off is a false moment.
"""

from __future__ import annotations

from dataclasses import dataclass

# (seconds of the file) another moment of the camera or scene, at least 1 s outside the clip
OTHER_MOMENTS = {
    "car": (0.5, 1.5, 13.5, 15.0, 18.0, 21.0, 27.0),
    "bottle": (0.5, 12.5, 14.0, 17.0, 20.0, 30.0, 35.0),
    "cockatoo": (9.5, 10.0, 10.5, 11.0, 12.0, 12.5, 13.5),
    "dashcam": (11.0, 12.0, 14.0, 17.0, 22.0, 25.0),
    "person": (2.0, 15.0, 17.0, 25.0, 40.0, 70.0, 100.0),
    "crowd": (9.5, 10.0, 10.5, 12.0, 13.0),
    "aerial": (11.5, 13.0, 15.0, 21.0, 25.0, 29.0),
}
POSITIVE_TIMES = 8  # at 1/16, 3/16 ... 15/16 of the clip
# name: (ffmpeg filter after the clip's scale, JPEG quality as ffmpeg's -q:v)
TRAP_VARIANTS = {
    "jpeg": ("null", 3),
    "rot4": ("rotate=4*PI/180:fillcolor=black", 3),
    "lowq": ("null", 24),
    "caption": ("drawbox=y=ih*0.8:w=iw:h=ih*0.14:color=black@0.7:t=fill", 3),
    "phone": (
        "pad=iw:ceil(iw*16/9/2)*2:0:(oh-ih)/2:color=black,"
        "drawbox=x=0:y=0:w=iw:h=ih*0.03:color=gray:t=fill",
        3,
    ),
}


@dataclass(frozen=True)
class Trap:
    name: str  # the still's file stem
    at: float  # seconds of the file
    vf: str
    quality: int
    kind: str  # "positive" or "same-camera"
    variant: str
    truth: float | None  # seconds of the clip


def traps(source: str, main: tuple[float, float]) -> list[Trap]:
    """The extra stills of one source whose clip is ``main`` (seconds of its file)."""
    start, end = main
    out = []
    for k in range(POSITIVE_TIMES):
        at = round((end - start) * (2 * k + 1) / (2 * POSITIVE_TIMES), 2)
        for variant, (vf, quality) in TRAP_VARIANTS.items():
            out.append(Trap(f"{source}-t{at:g}-{variant}", start + at, vf, quality, "positive",
                            variant, at))  # fmt: skip
    for at in OTHER_MOMENTS.get(source, ()):
        out.append(Trap(f"{source}-o{at:g}", at, "null", 3, "same-camera", "jpeg", None))
    return out
