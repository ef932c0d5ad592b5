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
# The role may name its body: "the head of the regional military administration, Dmytro
# Zhyvytskyi, said".
_ROLE_FIRST = re.compile(
    rf"(?<![\w-])(?:the|a|an)[ ]+(?:[\w'’-]+[ ]+){{0,3}}?(?P<role>{'|'.join(_ROLES)})"
    r"(?:[ ]+(?:of|for|at)[ ]+(?:[\w'’-]+[ ]+){0,4}?[\w'’-]+)?,[ ]+"
    rf"(?P<name>{_NAME}[ ]{_NAME}(?:[ ]{_NAME})?),",
    re.I,
)
_NOT_FIRST = frozenset({"The", "On", "In", "At", "But", "And", "Meanwhile", "However", "Later"})
# The role first with no comma, after a determiner: "Our correspondent Tom Reed", "the
# spokesman Ivan Petrov"; only roles a person holds (not "the head Office").
_ROLE_BEFORE = re.compile(
    r"(?<![\w-])(?:our|the|an?|their|its)[ ]+(?:(?:senior|chief|local|foreign|defen[cs]e|"
    r"military|press|TV|regional|special)[ ]+)*(?P<role>correspondent|reporter|journalist|"
    r"spokes(?:man|woman|person)|advis[eo]r|aide|analyst|presenter|anchor)[ ]+"
    rf"(?P<name>{_NAME}[ ]{_NAME})(?![\w'’-])",
    re.I,
)
# Numbered units in English: "the 92nd Mechanized Brigade", "47th Separate Mechanised Brigade".
_UNIT = re.compile(
    r"(?<![\w.,-])(?P<n>\d{1,3})(?:st|nd|rd|th)[ ]+(?:(?:Separate|Independent)[ ]+)?"
    r"(?P<kind>(?:(?:Guards|Mechani[sz]ed|Motori[sz]ed|Motor[ ]Rifle|Tank|Assault|Air[ ]Assault|"
    r"Airborne|Artillery|Mountain[ ]Assault|Marine|Infantry|Territorial[ ]Defen[cs]e|Rifle|"
    r"Combined[ ]Arms)[ ]+)*(?:Brigade|Regiment|Division|Battalion|Army|Corps))\b"
)


def apposed_people(src: _Text, taken: list[Fact]) -> list[Fact]:
    """People named with their role after a comma that no fact in ``taken`` overlaps."""
    if src.lang != "en":
        return []
    out: list[Fact] = []
    found = [*_APPOSED.finditer(src.text, src.lo), *_ROLE_FIRST.finditer(src.text, src.lo),
             *_ROLE_BEFORE.finditer(src.text, src.lo)]  # fmt: skip
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
    return sorted(out + _units(src, [*taken, *out]), key=lambda f: f.start)


def _units(src: _Text, taken: list[Fact]) -> list[Fact]:
    """Numbered units named in English, as :mod:`units_cyr` names Cyrillic ones."""
    out = []
    for m in _UNIT.finditer(src.text, src.lo):
        if any(f.start < m.end() and m.start() < f.end for f in taken):
            continue
        n = int(m["n"])
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        kind = re.sub(r"is(?=ed\b)", "iz", " ".join(m["kind"].split()))  # Mechanised
        detail: dict[str, object] = {"side": None, "type": "unit", "role": None}
        out.append(Fact("actor", f"{n}{suffix} {kind}", m.group(), m.start(), m.end(), detail))
    return out


# An oblast's military administration named by its centre or oblast: "Sumy's regional military
# administration", "the Chernihiv regional military administration", "the Kharkiv
# administration", or by its full name in capitals ("Sumy Oblast Military Administration").
# The fact spans the words for the body; the town stays a place.
_ADMINISTRATION = re.compile(
    r"(?<![\w-])(?P<town>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?:['’]s)?[ ]+"
    r"(?P<body>(?:regional[ ]+|oblast[ ]+)?(?:military[ ]+)?administration|"
    r"(?:Regional|Oblast)[ ]+Military[ ]+Administration)(?![\w-])"
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
