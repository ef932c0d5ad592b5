"""Russian and Ukrainian equipment the vocabulary lists only by family: a model designation
written in Cyrillic ("Т-90", "Ка-52", "Ми-8", "БТР-82А", "2С19") and a word for equipment
inside a hyphenated compound ("FPV-дрона", "дрони-камікадзе").

A designation is a family abbreviation of aircraft, helicopters, armour, artillery or air
defence, a hyphen and a number with an optional letter: it is romanised letter by letter
(the families' Latin forms are the ones the world prints: Ka, Mi, Su, BTR, 2S) and takes the
vocabulary's entry when that entry is the model ("Т-72" is T-72, "2С4" is 2S4 Tyulpan), else
stands as written in Latin, kept at the precision the text gives. Roads (М-2, Р-200) and
other codes use other letters and are left alone.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

from forensics.claims.facts.fact import Fact
from forensics.claims.facts.text import _HYPHENS, WORD_START, _Text
from forensics.claims.facts.translit import fold
from forensics.claims.facts.vocabulary import Entry, Vocabulary
from forensics.claims.facts.word_scan import matches_at_words

# Family abbreviation -> (Latin form, category)
_FAMILIES = {
    "Т": ("T", "tank"), "Ка": ("Ka", "aircraft"), "Ми": ("Mi", "aircraft"),
    "Су": ("Su", "aircraft"), "Ту": ("Tu", "aircraft"), "Ил": ("Il", "aircraft"),
    "Іл": ("Il", "aircraft"), "Ан": ("An", "aircraft"), "Як": ("Yak", "aircraft"),
    "МиГ": ("MiG", "aircraft"), "МіГ": ("MiG", "aircraft"),
    "БМП": ("BMP", "infantry fighting vehicle"), "БМД": ("BMD", "infantry fighting vehicle"),
    "БТР": ("BTR", "armoured personnel carrier"), "БРДМ": ("BRDM", "armoured vehicle"),
    "Бук": ("Buk", "air defence"), "Тор": ("Tor", "air defence"), "С": ("S", "air defence"),
    "Х": ("Kh", "munition"), "Орлан": ("Orlan", "drone"), "Ланцет": ("Lancet", "drone"),
}  # fmt: skip
_SUFFIX = str.maketrans("АБВДКМНСТУ", "ABVDKMNSTU")
_MODEL = re.compile(
    r"(?<![\w-])(?:(" + "|".join(sorted(map(re.escape, _FAMILIES), key=len, reverse=True))
    + rf")[{_HYPHENS}](\d{{1,3}}[А-ЯA-Z]{{0,2}}\d?)|(2С)(\d{{1,2}}))(?![\w-])"
)  # fmt: skip


def equipment_facts(src: _Text, vocab: Vocabulary) -> list[Fact]:
    """Cyrillic model designations and compounds, in text order (overlaps left to the name
    layer, which keeps the vocabulary's own matches first)."""
    if src.lang == "en":
        return []
    latin = _latin_names(vocab)
    found = []
    for m in matches_at_words(src, _MODEL):
        family, number = (m[1], m[2]) if m[1] else (m[3], m[4])
        prefix, category = _FAMILIES.get(family, ("2S", "artillery"))
        value = f"{prefix}-{number.translate(_SUFFIX)}" if m[1] else f"2S{number}"
        entry = latin.get(fold(value))
        # the entry's own name when it is that model (T-72); a class that lists the model
        # among its aliases (helicopter: Ka-52) would lose the text's precision
        name = entry.name if entry and fold(entry.name).startswith(fold(value)) else value
        category = str(entry.fields["category"]) if entry else category
        detail = {"category": category, "plural": False}
        found.append(Fact("equipment", name, m.group(), m.start(), m.end(), detail))
    return found + _compounds(src, vocab)


@functools.lru_cache(maxsize=4)
def _latin_names(vocab: Vocabulary) -> dict[str, Entry]:
    return {fold(n): e for e in vocab.of_kind("equipment") for n in e.names() if n.isascii()}


# The matches of WORD that hold a hyphen.
_HYPHENATED = re.compile(
    rf"{WORD_START}\w+(?:['\u2019]\w+)*[{_HYPHENS}]\w+(?:[{_HYPHENS}'\u2019]\w+)*"
)
_HYPHEN = re.compile(rf"[{_HYPHENS}](?=\w)")  # opens with its characters: skipped to at C speed
_JOINERS = frozenset(_HYPHENS + "'\u2019")


def _hyphenated(src: _Text) -> Iterator[re.Match[str]]:
    """The matches of ``_HYPHENATED.finditer`` over the body, found from each hyphen between
    word characters back to the start of its word (a run of word characters joined by
    hyphens and apostrophes): only there can a match holding it start, as every other
    place in the word follows a word character, or one and a joiner. Tried at every
    character, the scan took a seventh of a second on 2 MB."""
    text, done = src.text, src.lo
    for hyphen in _HYPHEN.finditer(text, src.lo):
        at = hyphen.start()
        if at <= done or not _is_word(text[at - 1]):
            continue
        start, floor = at - 1, done
        while start > floor and (
            _is_word(text[start - 1])
            or (text[start - 1] in _JOINERS and start - 1 > floor and _is_word(text[start - 2]))
        ):  # fmt: skip
            start -= 1
        m = _HYPHENATED.match(text, start)
        if m is not None:
            done = m.end()
            yield m


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"  # what "\w" matches in a str pattern


def _compounds(src: _Text, vocab: Vocabulary) -> list[Fact]:
    """ "FPV-дрона", "дрони-камікадзе": a part of a hyphenated word that is a one-word
    Cyrillic equipment name stands for the whole word."""
    from forensics.claims.facts.cyrillic import forms  # cyrillic imports the name layer's kin

    words = _one_word_names(vocab)
    parts: dict[str, Entry | None] = {}
    named: dict[str, Entry | None] = {}
    found = []
    for m in _hyphenated(src):
        said = m.group()
        if said not in named:  # each word once per text: a long claim repeats its models
            named[said] = _first_part_named(said, words, parts, forms)
        entry = named[said]
        if entry is not None:
            detail = {"category": str(entry.fields["category"]), "plural": False}
            found.append(Fact("equipment", entry.name, said, m.start(), m.end(), detail))
    return found


def _first_part_named(
    said: str, words: dict[str, Entry], parts: dict[str, Entry | None],
    forms: Callable[[str], frozenset[str]],
) -> Entry | None:  # fmt: skip
    """The entry the first part of the hyphenated Cyrillic ``said`` that names one names."""
    if not re.search(r"[\u0400-\u04ff]", said):
        return None
    for part in re.split(f"[{_HYPHENS}]", said):
        if len(part) >= 3 and part not in parts:  # each part looked up once per text
            parts[part] = next((words[f] for f in forms(part) if f in words), None)
        if parts.get(part) is not None:
            return parts[part]
    return None


@functools.lru_cache(maxsize=4)
def _one_word_names(vocab: Vocabulary) -> dict[str, Entry]:
    """Lower-case one-word Cyrillic equipment names (дрон, беспилотник) -> their entry."""
    return {
        name.lower(): entry
        for entry in vocab.of_kind("equipment")
        for name in entry.names()
        if re.fullmatch(r"[\u0400-\u04ff]{3,}", name)
    }
