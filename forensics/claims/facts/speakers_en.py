"""English names of people the vocabulary lacks, told by where they stand: as the speaker of a
verb of saying ("Iryna Kovalenko said", '"...," said Petro Hnatiuk', "according to Oleksandr
Tkachenko") or right after a title ("police chief Mykola Sydorenko", "Spokesman Andriy
Kovalchuk"); and such a person's surname alone where it speaks later ("Hnatiuk added").

:mod:`people_en` reads a name with its role set off by commas; a wire names most people
otherwise, and only their place in the sentence tells that the capitalised words are a person.
So the words must be two or three capitalised names, none of them a word for a body, a nation
or a time ("Russian Defence Ministry", "Air Force", "On Monday"), and no other fact may
overlap them (a place, a vocabulary actor). The verb of saying must be in lower case, so a
headline in title case ("Governor Says Drones Hit") is not read.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from forensics.claims.facts.fact import Fact
from forensics.claims.facts.text import _Text
from forensics.claims.facts.vocabulary import Vocabulary

_WORD = r"(?:[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)?)"
_NAME = rf"(?P<name>{_WORD}(?:[ ]{_WORD}){{1,2}})"
_AUXILIARIES = r"(?:(?:has|had|also|later|then|again|previously|earlier|further)[ ]+)*"
# Titles a name may follow directly, in lower case or capitalised ("police chief X",
# "Governor X"): roles people hold in claims about the fighting, not a list of names.
_TITLES = (
    "spokesman", "spokeswoman", "spokesperson", "governor", "mayor", "commander", "chief",
    "head", "adviser", "advisor", "aide", "official", "officer", "minister", "deputy",
    "representative", "resident", "residents", "correspondent", "reporter", "journalist",
    "blogger", "analyst", "researcher", "volunteer", "general", "colonel", "lieutenant",
    "major", "captain", "sergeant", "president", "prosecutor", "investigator", "director",
)  # fmt: skip
_TITLE_BEFORE = re.compile(rf"(?i:\b(?:{'|'.join(_TITLES)}))[ ]+(?=[A-Z])")
# Capitalised words that name no person: bodies, nations, times, determiners, titles.
_NOT_NAME_WORDS = """
the a an in on at by of for from to and but or as after before since while when if this that
these those it its he she they we his her their our my your who which what there here then
monday tuesday wednesday thursday friday saturday sunday january february march april may
june july august september october november december today yesterday tomorrow earlier later
meanwhile however also update breaking watch video photo footage verdict
russian russians ukrainian ukrainians belarusian american british chechen european western
soviet kremlin ministry defence defense staff service services police guard guards force
forces command office council agency committee court times news post radio channel telegram
group corps legion army brigade battalion regiment division unit units administration
government authorities district region oblast city village republic state states national
federal regional military air border emergency emergencies security intelligence general
people residents officials sources mr mrs ms dr
"""
_NOT_NAMES = frozenset(_NOT_NAME_WORDS.split()) | frozenset(_TITLES)


@functools.lru_cache(maxsize=8)
def _verbs(vocab: Vocabulary) -> str:
    """The vocabulary's English verbs of saying, lower case as written in running text."""
    words = {
        alias
        for entry in vocab.of_kind("speech")
        if not entry.fields.get("speaker_after")
        for alias in entry.names()
        if re.fullmatch(r"[a-z]+", alias)
    }
    return "|".join(sorted(words, key=len, reverse=True))


@functools.lru_cache(maxsize=8)
def _patterns(vocab: Vocabulary) -> tuple[re.Pattern[str], ...]:
    verbs = _verbs(vocab)
    return (
        # the subject just before the verb: "Iryna Kovalenko said", "Kovalenko later told"
        re.compile(rf"(?<![\w'’-]){_NAME}[ ]+{_AUXILIARIES}(?:{verbs})\b"),
        # ... or with a description set off between: "Oleh Nikolenko, the foreign ministry
        # spokesman, said"
        re.compile(
            rf"(?<![\w'’-]){_NAME},[ ]+[^,;.\n\"“”«»]{{1,80}},[ ]+{_AUXILIARIES}"
            rf"(?:{verbs})\b"
        ),
        # after the verb that closes a quote or opens a clause: '," said Petro Hnatiuk'
        re.compile(rf"[,\"”][ ]*(?:{verbs})[ ]+{_NAME}(?![\w'’-])"),
        re.compile(rf"\b[Aa]ccording[ ]+to[ ]+{_NAME}(?![\w'’-])"),
        # a report quoting someone: "TASS quoted Petro Hnatiuk as saying", "cited ... as saying"
        re.compile(rf"\b(?:quoted|cited)[ ]+{_NAME}[ ]+as[ ]+(?:saying|telling)\b"),
        re.compile(rf"{_TITLE_BEFORE.pattern}{_NAME}(?![\w'’-])"),
    )


def speaking_people(src: _Text, vocab: Vocabulary, taken: list[Fact]) -> list[Fact]:
    """People the vocabulary lacks, named where they speak or after a title, and their
    surnames alone where they speak later; none overlapping a fact in ``taken``."""
    if src.lang != "en":
        return []
    mask = bytearray(len(src.text))
    for fact in taken:
        mask[fact.start : fact.end] = b"\x01" * (fact.end - fact.start)
    out: list[Fact] = []
    for pattern in _patterns(vocab):
        for m in pattern.finditer(src.text, src.lo):
            person = _person(src, m, mask)
            if person is not None:
                mask[person.start : person.end] = b"\x01" * (person.end - person.start)
                out.append(person)
    out += _surnames(src, vocab, out, mask)
    return sorted(out, key=lambda f: f.start)


def with_titles_merged(text: str, facts: list[Fact], people: list[Fact]) -> list[Fact]:
    """``facts`` and ``people``, where a vocabulary title in lower case ("regional governor",
    one governor's alias) right before a person found here ("Sumy regional governor Volodymyr
    Artiukh") is that person's title, as :func:`names._merge_adjacent` merges one before a
    known name: the title's fact goes, the person's span takes it in."""
    by_start = {p.start: p for p in people}
    merged: dict[int, Fact] = {}
    dropped = set()
    for fact in facts:
        gap = len(text[fact.end : fact.end + 3]) - len(text[fact.end : fact.end + 3].lstrip(" "))
        person = by_start.get(fact.end + gap) if gap else None
        if person is None or fact.kind != "actor" or not fact.text[:1].islower():
            continue
        if (fact.detail or {}).get("type") == "official":
            dropped.add(id(fact))
            merged[id(person)] = replace(person, text=text[fact.start : person.end],
                                         start=fact.start)  # fmt: skip
    return [f for f in facts if id(f) not in dropped] + [merged.get(id(p), p) for p in people]


def _person(src: _Text, m: re.Match[str], mask: bytearray) -> Fact | None:
    start, end = m.span("name")
    words = m["name"].split()
    while len(words) > 2 and _not_a_name(words[0]):  # "Spokesman Andriy Kovalchuk said"
        start += len(words.pop(0)) + 1
    if any(map(_not_a_name, words)):
        return None
    if any(mask[start:end]) or src.in_url(start, end) or src.in_quote(start):
        return None
    if re.match(r"['’]s\b", src.text[end : end + 2]):
        return None  # "Petro Hnatiuk's" belongs to something else
    title = re.search(r"([A-Za-z]+)[ ]+$", src.text[max(0, start - 20) : start])
    role = title[1].lower() if title and title[1].lower() in _TITLES else None
    detail: dict[str, object] = {"side": None, "type": "official" if role else "person",
                                 "role": role}  # fmt: skip
    name = " ".join(words)
    return Fact("actor", name, name, start, end, detail)


def _not_a_name(word: str) -> bool:
    return word.isupper() or re.sub(r"['’]s$", "", word).lower() in _NOT_NAMES


def _surnames(src: _Text, vocab: Vocabulary, people: list[Fact], mask: bytearray) -> list[Fact]:
    """ "Hnatiuk added": a surname of a person found above, alone, where it speaks."""
    by_surname = {str(p.value).split()[-1]: p for p in people}
    if not by_surname:
        return []
    names = "|".join(map(re.escape, sorted(by_surname, key=len, reverse=True)))
    verbs = _verbs(vocab)
    pattern = re.compile(rf"(?<![\w'’-])(?P<s>{names})[ ]+{_AUXILIARIES}(?:{verbs})\b|"
                         rf"[,\"”][ ]*(?:{verbs})[ ]+(?P<a>{names})(?![\w'’-])")  # fmt: skip
    out = []
    for m in pattern.finditer(src.text, src.lo):
        group = "s" if m["s"] else "a"
        start, end = m.span(group)
        if any(mask[start:end]) or src.in_quote(start):
            continue
        person = by_surname[m[group]]
        if person.start >= start:
            continue  # named in full only later: not yet known to the reader
        mask[start:end] = b"\x01" * (end - start)
        out.append(Fact("actor", person.value, m[group], start, end, person.detail))
    return out
