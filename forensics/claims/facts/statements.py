"""Clause facts: statements (who said what) and hedges ("has not been independently verified").

A statement is a sentence with a speech verb from the vocabulary, attributed to a speaker the
text names or clearly refers back to: the subject before the verb, "released by X", a pronoun
or "the ministry" resolved to an earlier actor, "analysts at X", or the name after the verb
('"...," said Gladkov'). With no such speaker there is no statement. A hedge is a phrase from
the vocabulary, scoped to the footage when its sentence is about the footage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from forensics.claims.facts.durations import _FOOTAGE
from forensics.claims.facts.fact import Fact
from forensics.claims.facts.length_words import mentions_footage
from forensics.claims.facts.morphology import analyzer, word_language
from forensics.claims.facts.scan import matches
from forensics.claims.facts.statements_cyr import (
    CYRILLIC,
    cyrillic_patterns,
    cyrillic_speaker,
    verb_hits,
)
from forensics.claims.facts.text import (
    _APOSTROPHES,
    _QUOTES,
    _InOrder,
    _longest,
    _spans_within,
    _Text,
)
from forensics.claims.facts.vocabulary import Entry, Vocabulary, _Hit

# What "the clip said" / "the post said" refers back to: whoever published last.
_ARTEFACTS = frozenset({"clip", "video", "footage", "post", "caption", "statement", "tweet",
                        "message", "update", "photo", "image", "release", "channel",
                        "thread"})  # fmt: skip
_AUXILIARIES = r"(?:has|have|had|also|later|then|previously|again|once|first|further|would|earlier)"
_PRONOUN = re.compile(rf"\b(it|he|she|they|who|which|that)\s+(?:{_AUXILIARIES}\s+)*$", re.I)
_OPENING_PRONOUN = re.compile(r"(it|he|she|they)\b", re.I)
_DESCRIPTION = re.compile(rf"(?:the|this|that|its|their|his|her)(?:\s+[\w{_APOSTROPHES}-]+){{1,4}}",
                          re.I)  # fmt: skip
_DESCRIPTION_BEFORE_VERB = re.compile(rf"\b(?:the|this|its|their)(?:\s+[\w{_APOSTROPHES}-]+){{1,3}}"
                                      rf"(?=[\s,]*(?:{_AUXILIARIES}\s+)*$)", re.I)  # fmt: skip
_LEAD = re.compile(r"[\s,;]*(?:(?:but|and|while|meanwhile|however|as|although|though|whereas|"
                   r"yet|because|when|then|also)\b,?[\s,]*)*", re.I)  # fmt: skip
_PREPOSITION = re.compile(r"\b(?:in|into|on|at|to|from|for|with|against|by|of|about|near|over|"
                          r"across|towards?|under|within|without|through|during|inside|outside|"
                          r"via|per|among|like|behind|between|amid|than)\s+(?:the\s+|an?\s+)?$",
                          re.I)  # fmt: skip
_CONJUNCTION_OR_PREPOSITION = re.compile(r"\b(?:after|before|since|until|till|as|once)\s+"
                                         r"(?:the\s+|an?\s+)?$", re.I)  # fmt: skip
_BETWEEN_SUBJECT_AND_VERB = re.compile(rf"[\s,]*(?:(?:{_AUXILIARIES}|now|just|not|did|does|"
                                       rf"(?:on\s+)?[A-Z][a-z]+day)[\s,]+)*")  # fmt: skip
_NOT_A_VERB = re.compile(r"(?:^|\W)(?:the|an?|either|neither|this|that|these|those|its|their|his|"
                         r"her|our|my|any|each|every|both|such|no|to|so)[\s-]+$", re.I)  # fmt: skip
# Before "claim" or "posts" these make a noun ("a similar claim", "the first posts"); before
# "posted" or "said" they are adverbs or belong to something else ("was first posted by").
_ADJECTIVE = re.compile(r"(?:^|\W)(?:new|latest|earlier|previous|first|similar|same|false|own)"
                        r"[\s-]+$", re.I)  # fmt: skip
_CLAUSE_BREAK = re.compile(r";|\s[-\u2013\u2014]+\s|,\s+(?=(?:while|but|although|though|whereas|"
                           r"as(?! well)|because|when|yet)\b)|(?<![\w-])(?:while|although|"
                           r"whereas)\s", re.I)  # fmt: skip
_AFFILIATION = re.compile(rf"(?:[\w{_APOSTROPHES}-]+\s+){{1,4}}(?:at|for|from|of|with)\s+"
                          r"(?:the\s+)?", re.I)  # fmt: skip
_NEGATION = re.compile(rf"\b(?:not|never|no longer|refused to|declined to)\b|n[{_APOSTROPHES}]t\b",
                       re.I)  # fmt: skip


# Verbs that say nothing was said: another verb of the same speaker in the sentence wins.
_SILENT = frozenset({"decline to comment"})


def _says_more(silence: Fact, silence_end: int, verb: Entry, start: int) -> bool:
    """Whether ``verb`` at ``start`` is a later verb of a speaker whose statement so far is a
    silence ("has not commented"), not a word inside it ("commented")."""
    said = (silence.detail or {}).get("verb")
    return said in _SILENT and verb.name not in _SILENT and start >= silence_end


class _Speaker(NamedTuple):
    actor: Fact
    how: str  # subject, pronoun, description, passive, after the verb
    ref: tuple[int, int]  # the words that name or refer to the speaker


@dataclass
class _Speakers:
    """Who spoke and who published last, for "it said" and "the clip shows" further on."""

    last: Fact | None = None
    publisher: Fact | None = None


def _statement_facts(src: _Text, vocab: Vocabulary, names: list[Fact]) -> list[Fact]:
    """One statement per speaker and sentence: the sentence, attributed to its speaker."""
    actors = _InOrder(f for f in names if f.kind == "actor")
    state, seen = _Speakers(), set()
    facts: list[Fact] = []
    said: dict[tuple[tuple[int, int], object], tuple[int, int]] = {}  # -> its fact, verb's end
    for start, end, verb in _speech_verbs(src, vocab):
        cyrillic = CYRILLIC.match(src.text, start) is not None
        if cyrillic:
            spoken = cyrillic_speaker(src, actors, vocab, (start, end, verb), state.last)
            speaker = _Speaker(*spoken) if spoken else None
        else:
            speaker = _speaker(src, vocab, actors, start, end, verb, state)
        if speaker is None:
            continue
        state.last = speaker.actor
        state.publisher = speaker.actor if verb.fields.get("publishes") else state.publisher
        span = src.sentence(start)
        key = (span, speaker.actor.value)
        if key not in seen:
            seen.add(key)
            said[key] = (len(facts), end)
            facts.append(_statement(src, span, speaker, verb, (start, end)))
        elif _says_more(facts[said[key][0]], said[key][1], verb, start):
            # "Kyiv did not comment and has not denied it": the denial says more
            facts[said[key][0]] = _statement(src, span, speaker, verb, (start, end))
    say = vocab.get("speech", "say")
    for actor, colon in _before_quotes(src, vocab, actors) if say else ():
        span = src.sentence(actor.start)
        if (span, actor.value) not in seen and say is not None:
            seen.add((span, actor.value))
            speaker = _Speaker(actor, "colon", (actor.start, actor.end))
            facts.append(_statement(src, span, speaker, say, colon))
    return facts


# The words between a subject and its verb when a description is set off after the name.
# "X, an adviser to Y, wrote", "X, head of the Y administration, said": the role set off
_APPOSITIVE = re.compile(
    r",[ ]+(?:(?:a|an|the)[ ]+|(?:head|chief|spokesman|spokeswoman|governor|mayor|commander|"
    r"leader)[ ]+(?:of|for)[ ]+)[^,;.\"«»\n]{1,80},[ ]*(?:also[ ]+|later[ ]+)?"
)
_COLON_QUOTE = re.compile(r"[ \t]*:[ \t]*[«\"„“]")


def _before_quotes(
    src: _Text, vocab: Vocabulary, actors: _InOrder
) -> list[tuple[Fact, tuple[int, int]]]:
    """A person named right before a colon and a quote ("Командир РДК Денис Капустин:
    «Мы пришли ...»") says the quote, with no verb."""
    found = []
    for actor in actors.within(src.lo, len(src.text)):
        m = _COLON_QUOTE.match(src.text, actor.end)
        if m is None or not _is_person(vocab, actor) or src.in_quote(actor.start):
            continue
        before = src.text[src.sentence(actor.start)[0] : actor.start].split()
        if len(before) <= 5 and not any(map(_verb, before)):  # "звернувся до Гладкова:"
            found.append((actor, (m.start(), m.end())))
    return found


def _verb(word: str) -> bool:
    """Whether a Cyrillic word's likeliest reading is a verb."""
    lang = word_language(word)
    if lang == "en":
        return False
    parses = analyzer(lang).parse(word)
    return bool(parses) and parses[0].tag.POS in ("VERB", "INFN", "GRND", "PRTS")


def _speech_verbs(src: _Text, vocab: Vocabulary) -> list[tuple[int, int, Entry]]:
    """Speech verbs outside quotations that are verbs here: not "either claim", "so-called"
    or the "States" of "United States"."""
    hits = []
    patterns = (*vocab.patterns["speech"], *cyrillic_patterns(vocab, "speech"))
    found = [(m.start(), m.end(), e) for m, e in matches(src, patterns)]
    for start, end, entry in _longest_first(found, verb_hits(src, vocab)):
        said = src.text[start:end]
        ss, _ = src.sentence(start)
        before = src.text[max(ss, start - 12) : start]
        # capitalised inside a sentence: a name ("United States"), unless a colon opens it
        # ("КОРРЕСПОНДЕНТ: По данным главы региона")
        lead = src.text[ss:start].rstrip()
        proper = said[0].isupper() and lead != "" and not lead.endswith(":")
        if src.in_quote(start) or src.in_url(start, end) or proper:
            continue
        noun_form = said.lower() in (entry.name, entry.name + "s", entry.name + "es")
        if not (_NOT_A_VERB.search(before) or (noun_form and _ADJECTIVE.search(before))):
            hits.append((start, end, entry))
    return sorted(hits, key=lambda h: h[0])


def _longest_first(
    listed: list[tuple[int, int, Entry]], forms: list[tuple[int, int, Entry]]
) -> list[tuple[int, int, Entry]]:
    """The aliases' matches, and the verb forms that overlap none of them."""
    taken = {pos for start, end, _ in listed for pos in (start, end - 1)}
    return listed + [f for f in forms if f[0] not in taken and f[1] - 1 not in taken]


def _speaker(
    src: _Text,
    vocab: Vocabulary,
    actors: _InOrder,
    start: int,
    end: int,
    verb: Entry,
    state: _Speakers,
) -> _Speaker | None:
    """Who says it: "released by X"; else the subject before the verb; else what a pronoun or
    "the ministry" refers back to; else, when nothing precedes the verb in its clause, the
    speaker after it ('"...," said Gladkov')."""
    ss, se = src.sentence(start)
    if verb.fields.get("speaker_after"):
        return _speaker_after(src, vocab, actors, end, se, state)
    passive = re.match(r"\s+by\s+(?:the\s+)?", src.text[end:se])
    by_at = end + passive.end() if passive else -1
    by = next((a for a in actors.within(by_at, se) if a.start == by_at), None)
    if by is not None:
        return _Speaker(by, "passive", (by.start, by.end))
    apposed = next((a for a in actors.within(ss, start) if _APPOSITIVE.fullmatch(
        src.text, a.end, start) and not src.in_quote(a.start)), None)  # fmt: skip
    if apposed is not None:  # "Mykhailo Podolyak, an adviser to Zelensky, wrote"
        return _Speaker(apposed, "subject", (apposed.start, apposed.end))
    clause = _clause_start(src, ss, start)
    subjects = [a for a in actors.within(clause, start) if _is_subject(src, a, start)]
    if subjects:
        return _Speaker(subjects[-1], "subject", (subjects[-1].start, subjects[-1].end))
    referred = _referent(src, vocab, actors, clause, start, state)
    if referred or src.unquoted(clause, start).strip(" ,;:" + _QUOTES):
        return referred or _affiliation(src, actors, clause, start)
    return _speaker_after(src, vocab, actors, end, se, state)


def _affiliation(src: _Text, actors: _InOrder, clause: int, verb: int) -> _Speaker | None:
    """ "Analysts at the ISW said", "a spokesman for Ukrainian military intelligence told":
    with no named subject, the body the unnamed speaker belongs to -- if the clause opens
    with those few words."""
    lead = _lead_end(src.text, clause, verb)
    first = next(iter(actors.within(lead, verb)), None)
    if first is not None and _AFFILIATION.fullmatch(src.text, lead, first.start):
        return _Speaker(first, "affiliation", (first.start, first.end))
    return None


def _clause_start(src: _Text, sentence_start: int, pos: int) -> int:
    starts = [sentence_start] + [e for _, e in _spans_within(src.quotes, sentence_start, pos)]
    window = src.unquoted(sentence_start, pos)
    return max(starts + [sentence_start + m.start() for m in _CLAUSE_BREAK.finditer(window)])


def _is_subject(src: _Text, actor: Fact, verb: int) -> bool:
    """Not quoted, not possessive ("Putin's critics say"), not the object of a preposition
    ("for the Legion told") -- though "after the governor said" is a subject: after, since or
    as may open a clause when the verb follows the name."""
    if src.in_quote(actor.start) or re.match(
        rf"[{_APOSTROPHES}]s\s", src.text[actor.end : actor.end + 3]
    ):
        return False
    before = src.text[max(0, actor.start - 20) : actor.start]
    if _PREPOSITION.search(before):
        return False
    adjacent = _BETWEEN_SUBJECT_AND_VERB.fullmatch(src.text[actor.end : verb]) is not None
    return adjacent or not _CONJUNCTION_OR_PREPOSITION.search(before)


def _referent(
    src: _Text, vocab: Vocabulary, actors: _InOrder, clause: int, pos: int, state: _Speakers
) -> _Speaker | None:
    window = src.unquoted(clause, pos)
    lead = _lead_end(window, 0, len(window)) + clause
    pronoun = _PRONOUN.search(window)
    ref = (clause + pronoun.start(1), clause + pronoun.end(1)) if pronoun else None
    opening = _OPENING_PRONOUN.match(src.text, lead, pos)
    ref = ref or ((opening.start(1), opening.end(1)) if opening else None)
    if ref is not None:
        word = src.text[ref[0] : ref[1]].lower()
        actor = _pronoun_referent(src, vocab, actors, word, ref[0], state)
        return _Speaker(actor, "pronoun", ref) if actor else None
    before_verb = _DESCRIPTION_BEFORE_VERB.search(window)
    if before_verb:
        found = _described(vocab, actors, before_verb.group(), clause + before_verb.start(), state)
        if found:
            return found
    opening_description = _DESCRIPTION.match(src.text, lead, pos)
    if opening_description:
        return _described(vocab, actors, opening_description.group(), lead, state)
    return None


def _lead_end(text: str, start: int, end: int) -> int:
    """Where a clause's subject can start: after spaces, commas, "but", "meanwhile"."""
    m = _LEAD.match(text, start, end)
    return m.end() if m else start


def _pronoun_referent(
    src: _Text, vocab: Vocabulary, actors: _InOrder, pronoun: str, pos: int, state: _Speakers
) -> Fact | None:
    """ "who" is the name just before; "it"/"they" the sentence's first non-person actor and
    "he"/"she" its first person; failing that, whoever spoke last, if of the right kind."""
    ss, _ = src.sentence(pos)
    before = [a for a in actors.within(ss, pos) if not src.in_quote(a.start)]
    if pronoun in ("who", "which", "that"):
        return before[-1] if before else None
    person = pronoun in ("he", "she")
    same_sentence = [a for a in before if _is_person(vocab, a) == person]
    if same_sentence:
        return same_sentence[0]
    if state.last is not None and _is_person(vocab, state.last) == person:
        return state.last
    return None


def _is_person(vocab: Vocabulary, actor: Fact) -> bool:
    return (actor.detail or {}).get("type") in vocab.person_types


def _described(
    vocab: Vocabulary, actors: _InOrder, phrase: str, at: int, state: _Speakers
) -> _Speaker | None:
    """ "the group" -> the last armed group named; "the clip" -> whoever published last."""
    for word in list(re.finditer(rf"[\w{_APOSTROPHES}-]+", phrase))[1:]:  # after the determiner
        noun = word.group().lower().strip(_APOSTROPHES)
        singular = noun[:-1] if noun.endswith("s") else noun
        types = vocab.type_nouns.get(noun) or vocab.type_nouns.get(singular) or ()
        if noun in _ARTEFACTS or singular in _ARTEFACTS or types:
            break
    else:
        return None
    if not types:
        actor = state.publisher or state.last
    elif state.last is not None and (state.last.detail or {}).get("type") in types:
        actor = state.last  # "FSB said it caught an agent of Ukrainian intelligence. The agency
        # published ...": the agency that spoke, not the last one named
    else:
        actor = actors.last_before(at, lambda a: (a.detail or {}).get("type") in types)
    return _Speaker(actor, "description", (at, at + word.end())) if actor else None


def _speaker_after(
    src: _Text, vocab: Vocabulary, actors: _InOrder, end: int, limit: int, state: _Speakers
) -> _Speaker | None:
    after = next((a for a in actors.within(end, limit) if not src.in_quote(a.start)), None)
    if after and len(src.text[end : after.start].split()) <= 2:
        return _Speaker(after, "after the verb", (after.start, after.end))
    lead = _lead_end(src.text, end, limit)
    described = _DESCRIPTION.match(src.text, lead, limit)
    return _described(vocab, actors, described.group(), lead, state) if described else None


def _statement(
    src: _Text,
    sentence: tuple[int, int],
    speaker: _Speaker,
    verb: Entry,
    verb_span: tuple[int, int],
) -> Fact:
    start, end = sentence
    quote = next((src.text[s + 1 : e - 1] for s, e in _spans_within(src.quotes, start, end)), None)
    negated = _NEGATION.search(src.unquoted(max(start, verb_span[0] - 25), verb_span[0]))
    detail: dict[str, object] = {
        "verb": verb.name,
        "verb_text": src.text[verb_span[0] : verb_span[1]],
        "speaker_text": src.text[speaker.ref[0] : speaker.ref[1]],
        "speaker_start": speaker.ref[0],
        "speaker_end": speaker.ref[1],
        "resolved_by": speaker.how,
        "side": (speaker.actor.detail or {}).get("side"),
        "negated": bool(negated),
        "quote": quote,
    }
    return Fact("statement", speaker.actor.value, src.text[start:end], start, end, detail)


def _hedge_facts(src: _Text, vocab: Vocabulary) -> list[Fact]:
    """ "has not been independently verified" and kin. ``scope`` says whether the sentence is
    about the footage or about the claim in general."""
    patterns = (*vocab.patterns["hedge"], *cyrillic_patterns(vocab, "hedge"))
    hits = [
        _Hit(m.start(), m.end(), "hedge", entry)
        for m, entry in matches(src, patterns)
        if not src.in_url(m.start(), m.end())
    ]
    facts = []
    for hit in _longest(hits, len(src.text)):
        ss, se = src.sentence(hit.start)
        about = _FOOTAGE.search(src.text[ss:se]) or mentions_footage(src.text[ss:se])
        scope = "footage" if about else "claim"
        text = src.text[hit.start : hit.end]
        facts.append(Fact("hedge", hit.entry.name, text, hit.start, hit.end, {"scope": scope}))
    return facts
