"""English names of people the vocabulary lacks, told by the role set beside them: "Mykhailo
Podolyak, an adviser to President Volodymyr Zelensky", "Serhiy Bratchuk, a spokesman for the
southern command", "Andrei Lapin, who heads the district administration", "the district head,
Gennady Bondarev, said". A capitalised pair
followed by a comma and a role is a person whatever the name; the role is kept. Names already
taken by another fact (a vocabulary actor, a place) are left to it.
"""

from __future__ import annotations

import re

from forensics.claims.facts.fact import Fact
from forensics.claims.facts.text import _Text
from forensics.claims.facts.vocabulary import Vocabulary

_ROLES = (
    "adviser", "advisor", "aide", "spokesman", "spokeswoman", "spokesperson", "governor",
    "mayor", "commander", "chief", "head", "minister", "official", "secretary", "analyst",
    "researcher", "founder", "director", "commissioner", "representative", "lawmaker",
    "journalist", "correspondent", "member", "leader", "deputy",
)  # fmt: skip
_NAME = r"(?-i:[A-Z][a-z]+(?:-[A-Z][a-z]+)?)"
_LEADS = {"heads": "head", "leads": "leader", "runs": "head", "chairs": "chair",
          "commands": "commander", "directs": "director"}  # fmt: skip
_APPOSED = re.compile(
    rf"(?<![\w-])(?P<name>{_NAME}[ ]{_NAME}(?:[ ]{_NAME})?),[ ]+(?:(?:a|an|the)[ ]+"
    r"(?:(?:senior|top|former|deputy|regional|military|presidential|chief|local|press)[ ]+)*"
    rf"(?P<role>{'|'.join(_ROLES)})|(?P<bare>{'|'.join(_ROLES)})(?=[ ]+(?:of|for|to)[ ])"
    rf"|who[ ]+(?P<leads>{'|'.join(_LEADS)}))(?![\w-])",
    re.I,
)
# The role first, the name set off after it: "the district head, Gennady Bondarev, said".
_ROLE_FIRST = re.compile(
    rf"(?<![\w-])(?:the|a|an)[ ]+(?:[\w'’-]+[ ]+){{0,3}}?(?P<role>{'|'.join(_ROLES)}),[ ]+"
    rf"(?P<name>{_NAME}[ ]{_NAME}(?:[ ]{_NAME})?),",
    re.I,
)
_NOT_FIRST = frozenset({"The", "On", "In", "At", "But", "And", "Meanwhile", "However", "Later"})


def apposed_people(src: _Text, taken: list[Fact]) -> list[Fact]:
    """People named with their role after a comma that no fact in ``taken`` overlaps."""
    if src.lang != "en":
        return []
    out: list[Fact] = []
    found = [*_APPOSED.finditer(src.text, src.lo), *_ROLE_FIRST.finditer(src.text, src.lo)]
    for m in sorted(found, key=lambda m: m.start("name")):
        start, end = m.span("name")
        if m["name"].split()[0] in _NOT_FIRST or src.in_url(start, end):
            continue
        if any(f.start < end and start < f.end for f in [*taken, *out]):
            continue
        leads, bare = m.groupdict().get("leads"), m.groupdict().get("bare")
        role = (m["role"] or bare or "").lower() or _LEADS[str(leads).lower()]
        detail: dict[str, object] = {"side": None, "type": "official", "role": role}
        out.append(Fact("actor", m["name"], m["name"], start, end, detail))
    return out


# An oblast's military administration named by its centre or oblast: "Sumy's regional military
# administration", "the Chernihiv regional military administration", "the Kharkiv
# administration". The fact spans the words for the body; the town stays a place.
_ADMINISTRATION = re.compile(
    r"(?<![\w-])(?P<town>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?:['’]s)?[ ]+"
    r"(?P<body>(?:regional[ ]+|oblast[ ]+)?(?:military[ ]+)?administration)(?![\w-])"
)


def english_administrations(src: _Text, vocab: Vocabulary) -> list[Fact]:
    """Ukrainian oblast military administrations by their oblast's English name."""
    if src.lang != "en":
        return []
    out = []
    for m in _ADMINISTRATION.finditer(src.text, src.lo):
        oblast = vocab.get("place", f"{m['town']} Oblast")
        if oblast is None or oblast.fields.get("kind") != "oblast":
            continue
        if oblast.fields.get("country") != "Ukraine" or src.in_url(*m.span("body")):
            continue  # Russian regions have governors and their governments
        detail: dict[str, object] = {"side": "ukraine-aligned", "type": "government", "role": None}
        out.append(Fact("actor", f"{oblast.name} Military Administration", m["body"],
                        m.start("body"), m.end("body"), detail))  # fmt: skip
    return out
