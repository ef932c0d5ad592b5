"""A length of footage given as the predicate of a word for length: "Длина видео около 30
секунд", "Продолжительность видео составляет две минуты", "Хронометраж составляет 2:15",
"Тривалість відео становить хвилину". The word for length is the subject, the footage after
it in the genitive, and the amount after a verb of amounting or straight after them. Split
from :mod:`durations_cyr`, which reads the words before an amount and asks here."""

from __future__ import annotations

import functools

from forensics.claims.facts.length_words import _FOOTAGE_WORDS, _LENGTH_WORDS, _footage_lemmas
from forensics.claims.facts.morphology import forms
from forensics.claims.facts.numbers_cyr import plain


@functools.cache
def _amounts_to() -> frozenset[str]:
    """Forms of the verbs that give a length its amount: "составляет", "становить"."""
    verbs = [("ru", "составлять"), ("ru", "составить"), ("uk", "становити")]
    return frozenset(plain(f) for lang, v in verbs for f in forms(v, lang))  # type: ignore[arg-type]


def length_subject(words: list[str]) -> str | None:
    """The word for length whose amount follows ``words`` (read back from the amount, nearest
    first): "составляет" and a word for length ("Хронометраж составляет"), or a word for
    footage right after a word for length ("Длина видео", "Продолжительность ролика
    составляет"). "Видео составляет" and "Потери составили" are none."""
    verb = bool(words) and plain(words[0]) in _amounts_to()
    rest = words[1:] if verb else words
    lemmas = _footage_lemmas()
    first = lemmas.get(plain(rest[0])) if rest else None
    if verb and first in _LENGTH_WORDS:
        return first
    second = lemmas.get(plain(rest[1])) if len(rest) > 1 else None
    if rest and plain(rest[0]) in _WHOSE and second in _LENGTH_WORDS:  # "Видео, длина которого"
        antecedent = lemmas.get(plain(rest[2])) if len(rest) > 2 else None
        return second if antecedent in _FOOTAGE_WORDS else None
    return second if first in _FOOTAGE_WORDS and second in _LENGTH_WORDS else None


# "Видео, длительность которого около минуты", "Відео, тривалість якого становить".
_WHOSE = frozenset({"которого", "которой", "якого", "якої"})
