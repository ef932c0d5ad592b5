"""The word-start scan finds exactly what each speech or hedge regex finds on its own."""

from forensics.claims.facts.scan import matches
from forensics.claims.facts.statements_cyr import cyrillic_patterns
from forensics.claims.facts.text import _read
from forensics.claims.facts.vocabulary import default_vocabulary

TEXT = (
    "The ministry said, so-called 'liberators' claimed it; according to the Legion, the "
    "video could not be independently verified. По словам губернатора, видео якобы снято "
    "вчера; как заявили в Минобороны, данные не удалось подтвердить. За словами речника, "
    "відео нібито зняте вчора, повідомив він. Socalled and so called, said said."
)


def test_matches_are_those_of_each_regex_alone() -> None:
    vocab = default_vocabulary()
    for kind in ("speech", "hedge"):
        patterns = (*vocab.patterns[kind], *cyrillic_patterns(vocab, kind))
        want = [(m.span(), e.name) for p, e in patterns for m in p.finditer(TEXT, 5)]
        got = [(m.span(), e.name) for m, e in matches(_read(TEXT, 5), patterns)]
        assert sorted(got) == sorted(want)
        assert len(want) >= 4
