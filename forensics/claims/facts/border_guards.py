"""Border guards named by a common noun, as the service a sentence names beside them: "The FSB
said border guards had stopped a group" (Russia's), "Представитель Государственной
пограничной службы Украины ... сообщил, что пограничники заметили" (Ukraine's, though a bare
"пограничники" in Russian is otherwise read as Russia's).

Only a border service (or the FSB, which Russia's belongs to) named in the same sentence
decides; the nearest one before the words, else after them. Without one, an English noun is
no actor and a Cyrillic one keeps the vocabulary's reading.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from forensics.claims.facts.fact import Fact
from forensics.claims.facts.text import _Text

_RUSSIAN = "FSB Border Service"
_UKRAINIAN = "State Border Guard Service of Ukraine"
_SERVICES = {"FSB": _RUSSIAN, _RUSSIAN: _RUSSIAN, _UKRAINIAN: _UKRAINIAN}
_SIDES = {_RUSSIAN: "russia", _UKRAINIAN: "ukraine-aligned"}
_ENGLISH = re.compile(r"(?<![\w-])(?:border[ ]+(?:guards|troops|service))(?![\w-])")
_CYRILLIC = re.compile(r"(?<![\w-])(?:[Пп]ограничник\w*|[Пп]рикордонник\w*)(?![\w-])")


def border_guards(src: _Text, facts: list[Fact]) -> list[Fact]:
    """``facts`` with the border guards a sentence's named service tells: English ones added,
    Cyrillic ones given that service's value."""
    pattern = _ENGLISH if src.lang == "en" else _CYRILLIC
    services = sorted((f for f in facts if f.kind == "actor" and f.value in _SERVICES
                       and not pattern.fullmatch(f.text)), key=lambda f: f.start)  # fmt: skip
    if not services:
        return facts
    bounds = (services, [f.start for f in services], [f.end for f in services])
    index = {(f.start, f.end): i for i, f in enumerate(facts) if f.kind == "actor"}
    mask = bytearray(len(src.text))
    for f in facts:
        mask[f.start : f.end] = b"\x01" * (f.end - f.start)
    out = list(facts)
    for m in pattern.finditer(src.text, src.lo):
        service = _named_beside(src, bounds, m.start(), m.end())
        if service is None:
            continue
        value = _SERVICES[str(service.value)]
        detail = {"side": _SIDES[value], "type": "agency", "role": None}
        known = index.get(m.span())
        if known is not None:
            out[known] = replace(out[known], value=value, detail=detail)
        elif not any(mask[m.start() : m.end()]):
            out.append(Fact("actor", value, m.group(), m.start(), m.end(), detail))
    return out


def _named_beside(src: _Text, bounds: tuple[list[Fact], list[int], list[int]], start: int,
                  end: int) -> Fact | None:  # fmt: skip
    """The nearest service named before ``start`` in its sentence, else the first after."""
    services, starts, ends = bounds  # sorted by start
    ss, se = src.sentence(start)
    at = bisect.bisect_right(ends, start)
    if at and services[at - 1].start >= ss:
        return services[at - 1]
    after = bisect.bisect_left(starts, end)
    return services[after] if after < len(services) and services[after].end <= se else None
