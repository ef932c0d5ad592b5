"""Cyrillic place names in Latin letters, by the standard schemes, so that one place has one
value whatever the script: Белгород, Belgorod; Харків, Харьков, Kharkiv, Kharkov.

A name is romanised by every scheme it may have been written in (BGN/PCGN, Wikipedia, GOST
7.79 and the passport scheme for Russian via iuliia; the Ukrainian national system of 2010,
which BGN/PCGN adopted for Ukrainian in 2019, via translitua), and each spelling is folded
(accents, apostrophes, hyphens and case dropped) into a key the gazetteer's Latin names are
folded into too. Schemes are libraries, not lists of pairs: a new village needs no code.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import iuliia
from translitua import UkrainianKMU, translit

from forensics.claims.facts.morphology import Language

_RUSSIAN_SCHEMES = (iuliia.BGN_PCGN, iuliia.WIKIPEDIA, iuliia.ICAO_DOC_9303, iuliia.MOSMETRO)


def fold(name: str) -> str:
    """The key two spellings of one name share: "Khar'kov" and "Kharkov" -> "kharkov"."""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    return "".join(c for c in plain if c.isascii() and c.isalnum())


@functools.lru_cache(maxsize=16384)
def spellings(name: str) -> frozenset[str]:
    """Folded keys of ``name`` in every scheme (a Latin name is its own only spelling)."""
    if not re.search(r"[\u0400-\u04ff]", name):
        return frozenset({fold(name)})
    # ё is written е in most texts and schemes; both spellings are kept
    forms = {name, name.replace("ё", "е").replace("Ё", "Е")}
    keys = {fold(scheme.translate(form)) for scheme in _RUSSIAN_SCHEMES for form in forms}
    keys.add(fold(translit(name, UkrainianKMU)))
    return frozenset(keys)


def romanise(name: str, lang: Language) -> str:
    """The canonical Latin spelling of a Cyrillic name: BGN/PCGN for Russian, the national
    system (BGN/PCGN's own for Ukrainian since 2019) for Ukrainian; title case per word."""
    if lang == "uk":
        latin = translit(name, UkrainianKMU)
    else:  # BGN/PCGN's ë is e in the names most gazetteers print (Zhuravlevka)
        latin = iuliia.BGN_PCGN.translate(name.replace("ё", "е").replace("Ё", "Е"))
    latin = re.sub(r"['\u2019\u02b9\u02bc]", "", latin)
    return re.sub(r"[^\W\d_]+", lambda m: m[0][:1].upper() + m[0][1:].lower(), latin)


def ukrainian_latin(name: str) -> str:
    """A Ukrainian name in the national system, as written (no folding, no title case)."""
    return str(translit(name, UkrainianKMU))


# A Russian word whose BGN/PCGN spelling English writers do not use for people: an ending
# in -ий/-ый (Gennadiy, Khodakovskiy) or a ё (Grineva for Гринёва, Petr for Пётр).
_USUAL_BY_WIKIPEDIA = re.compile(r"[ёЁ]|[иы]й$")


def romanise_person(name: str, lang: Language) -> str:
    """A person's name in Latin letters as English texts print it: for Russian, BGN/PCGN
    except the words above, which take the Wikipedia scheme (Gennady, Anatoly, Dmitry,
    Grinyova, Pyotr: how wires and the claims' own English spell them); Ukrainian names by
    the national system, as :func:`romanise`."""
    if lang == "uk":
        return romanise(name, lang)
    words = [
        re.sub(r"['\u2019\u02b9\u02bc]", "", iuliia.WIKIPEDIA.translate(word))
        if _USUAL_BY_WIKIPEDIA.search(word) else romanise(word, lang)
        for word in name.split(" ")
    ]  # fmt: skip
    return " ".join(w[:1].upper() + w[1:].lower() for w in words)
