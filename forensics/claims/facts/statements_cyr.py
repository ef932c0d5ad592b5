"""Who said what in Russian and Ukrainian claims: the speech verbs and hedges of the vocabulary
written in Cyrillic, and the speaker of a Cyrillic speech verb.

Russian and Ukrainian put the speaker before the verb ("Роман Старовойт повідомив"), after it
("написал губернатор Вячеслав Гладков", "по словам представителя Минобороны Игоря
Конашенкова") or refer back to one ("По его словам", "он заявил"). The name itself is found by
the name layer; this module only says which actor of the sentence speaks. Cyrillic aliases are
matched as written here (every form a claim uses is listed), while the name layer matches its
Cyrillic names by dictionary form.
"""

from __future__ import annotations

import functools
import re

from forensics.claims.facts.fact import Fact
from forensics.claims.facts.morphology import analyzer, lemma_set, word_language
from forensics.claims.facts.text import _InOrder, _Text
from forensics.claims.facts.vocabulary import Entry, Vocabulary, _alias_regex

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_WORD = re.compile(r"[\u0400-\u04ff]+(?:[-'\u2019][\u0400-\u04ff]+)*")
_CLAUSE_BREAK = re.compile(r"[,;:]|\s[-\u2013\u2014]\s")
_POSSESSIVE = re.compile(r"(?<!\w)(его|её|ее|их|його|її|їх)(?!\w)", re.I)
_PERSONAL = {"его": True, "её": True, "ее": True, "його": True, "її": True, "их": False,
             "їх": False}  # fmt: skip
_PRONOUN_BEFORE = re.compile(r"(?<!\w)(он|она|они|оно|він|вона|вони|воно)\s+(?:(?:также|тоже|"
                             r"ранее|уже|затем|потом|також|теж|раніше|вже|потім)\s+)*$",
                             re.I)  # fmt: skip
_PRONOUN_AFTER = re.compile(r"\s+(он|она|они|він|вона|вони)(?!\w)", re.I)
_THERE = re.compile(r"(?<!\w)(там)\s+(?:же\s+)?$", re.I)
_OUR = re.compile(r"(?<!\w)(?:нашим|нашими|наших|нашей|нашої|нашою)(?!\w)", re.I)
# "Легион «Свобода России» сообщает:": a present-tense announcement that opens a post.
_ANNOUNCES = re.compile(r"[»\"“]?\s+(?:сообщает|заявляет|информирует|повідомляє|заявляє|"
                        r"інформує)\s*:", re.I)  # fmt: skip
# A post headed by the body that writes it: its name alone on the first line, or with a few
# words after a full stop, a bar or a dash ("Российский добровольческий корпус. Сводка на 1
# июня.", "Вячеслав Гладков | Белгородская область").
_HEADER = re.compile(r"[ \t]*(?:[.|\u2014\u2013-][^\n.]{0,60}\.?)?[ \t]*\n")
_OBJECT_PREPOSITION = re.compile(r"(?<!\w)(?:в|во|на|о|об|про|у|с|со|для|против|от|к|від|до|"
                                 r"з|із|проти|через)\s+$", re.I)  # fmt: skip

_LET = re.compile(r"(?<!\w)(?:пусть|пускай|нехай|хай)\s+(?:\S+\s+){0,2}$", re.I)

Spoken = tuple[Fact, str, tuple[int, int]]  # the actor, how found, the words naming them


@functools.lru_cache(maxsize=8)
def cyrillic_patterns(vocab: Vocabulary, kind: str) -> tuple[tuple[re.Pattern[str], Entry], ...]:
    """One regex per speech or hedge entry for its Cyrillic aliases, matched as written."""
    found = []
    for entry in vocab.of_kind(kind):
        aliases = sorted({a for a in entry.names() if CYRILLIC.search(a)}, key=len, reverse=True)
        if aliases:
            # A look-ahead for a possible first letter lets the scan skip most positions.
            firsts = "".join(sorted({c for a in aliases for c in (a[0].lower(), a[0].upper())}))
            body = "|".join(_alias_regex(alias, False) for alias in aliases)
            found.append((re.compile(f"(?=[{firsts}])(?:{body})", re.I), entry))
    return tuple(found)


_VERB_FORMS = frozenset({"VERB", "GRND", "PRTS"})  # finite forms, gerunds, short participles


@functools.lru_cache(maxsize=8)
def _verb_index(vocab: Vocabulary) -> dict[str, Entry]:
    """Dictionary form of a Russian or Ukrainian speech verb -> its entry."""
    return {
        str(verb).replace("ё", "е"): entry
        for entry in vocab.of_kind("speech")
        for verb in entry.fields.get("verbs", ()) or ()  # type: ignore[attr-defined]
    }


@functools.lru_cache(maxsize=1 << 14)
def _speech_lemma(word: str, verbs: frozenset[str], text_language: str) -> str | None:
    """The speech verb ``word`` is a form of (not an infinitive), if any: "доложило" ->
    "доложить", "звернувся" -> "звернутися". Read in its own language when its letters tell,
    else in the text's first, then in the other."""
    own = word_language(word) if re.search("[ыэъёіїєґЫЭЪЁІЇЄҐ]", word) else text_language
    langs = (own,) if own != text_language else (own, "uk" if own == "ru" else "ru")
    for lang in langs if own in ("ru", "uk") else ("ru", "uk"):
        for parse in analyzer(lang).parse(word):  # type: ignore[arg-type]
            lemma = parse.normal_form.replace("ё", "е")
            # Ukrainian tags an infinitive VERB,infn; asked of a Russian tag, "infn" in tag
            # raises once the Ukrainian analyser has been made first (a shared grammeme table)
            infinitive = "infn" in str(parse.tag).replace(" ", ",").split(",")
            if parse.tag.POS in _VERB_FORMS and not infinitive and lemma in verbs:
                return lemma
    return None


def verb_hits(src: _Text, vocab: Vocabulary) -> list[tuple[int, int, Entry]]:
    """Every Cyrillic word that is a form of a speech entry's ``verbs``, with that entry."""
    index = _verb_index(vocab)
    if not index:
        return []
    verbs = frozenset(index)
    words, lang, lemma_of = src.cyrillic_words, src.lang, {}

    def speech(word: str) -> bool:
        lemma_of[word] = _speech_lemma(word, verbs, lang)
        return lemma_of[word] is not None

    return [(words[i].start(), words[i].end(), index[str(lemma_of[words[i].group()])])
            for i in src.cyrillic_where(speech)]  # fmt: skip


def cyrillic_speaker(
    src: _Text, actors: _InOrder, vocab: Vocabulary, verb: tuple[int, int, Entry],
    last: Fact | None,
) -> Spoken | None:  # fmt: skip
    """The speaker of the Cyrillic speech verb at ``verb``: after "по словам" the actor named
    next (a person rather than the body they speak for) or the one "его" refers back to;
    else the actor before the verb in its clause, a pronoun's referent, or the actor right
    after the verb; else a noun for such an actor ("ведомство", "губернатор") names the
    nearest earlier one."""
    start, end, entry = verb
    persons = vocab.person_types
    ss, se = src.sentence(start)
    if entry.fields.get("speaker_after"):
        if _OUR.search(src.text, start, end):  # "По нашим данным": whoever writes the text
            return _author(src, actors, vocab, (start, end))
        pronoun = _POSSESSIVE.search(src.text, start, end)
        if pronoun is not None:
            person = _PERSONAL[pronoun[1].lower()]
            return _referent(src, actors, (last, persons), person, pronoun.span(1))
        named = _named_after(src, actors, persons, end, se, phrase=True)
        return named or _described(src, vocab, actors, (end, min(se, end + 40)), first=True)
    clause = _clause_start(src, ss, start)
    if _LET.search(src.text, clause, start):  # "пусть Конашенков объяснит": nobody spoke
        return None
    # "В Минобороны заявили", "У Легіоні відмовилися коментувати": a plural past, no subject
    impersonal = re.search(r"ли(?:сь|ся)?$", src.text[start:end].split()[0].lower()) is not None
    before = [a for a in actors.within(clause, start) if _subject(src, a, impersonal)]
    aside = _aside_before(src, ss, clause) if not before else None
    if aside is not None:  # "Пономарёв, представляющий легион, сообщил": skip the aside
        outer = _clause_start(src, ss, aside)
        before = [a for a in actors.within(outer, aside) if _subject(src, a, impersonal)]
    if before:
        return before[-1], "subject", (before[-1].start, before[-1].end)
    there = _THERE.search(src.text, clause, start)
    if there is not None:  # "связались с Минобороны, однако там отказались": the body named
        bodies = [a for a in actors.within(ss, clause) if _body(a, persons)]
        return (bodies[-1], "pronoun", there.span(1)) if bodies else None
    pronoun = _PRONOUN_BEFORE.search(src.text, clause, start)
    if pronoun is not None:
        person = pronoun[1].lower() not in ("они", "вони", "оно", "воно")
        return _referent(src, actors, (last, persons), person, pronoun.span(1))
    pronoun = _PRONOUN_AFTER.match(src.text, end)
    if pronoun is not None:  # "— сказав він"
        person = pronoun[1].lower() not in ("они", "вони")
        return _referent(src, actors, (last, persons), person, pronoun.span(1))
    named = _named_after(src, actors, persons, end, se, phrase=False)
    return (
        named
        or _described(src, vocab, actors, (clause, start), first=False)
        or _described(src, vocab, actors, (end, min(se, end + 30)), first=True)
    )


def _author(
    src: _Text, actors: _InOrder, vocab: Vocabulary, phrase: tuple[int, int]
) -> Spoken | None:
    """Who "we" are: the actor the text opens with, when that says it is the writer -- an
    outlet naming itself ("«Медуза» проверила видео") or a body announcing its own post
    ("Легион «Свобода России» сообщает:"). Anyone else who opens a text may be its subject,
    not its writer, so "по нашим данным" is then no statement."""
    opening = actors.within(src.lo, src.lo + 200)
    if not opening or src.text[src.lo : opening[0].start].strip(' \n\t«"„“'):
        return None
    actor = opening[0]
    if (actor.detail or {}).get("side") == "media" or _ANNOUNCES.match(src.text, actor.end):
        return actor, "author", phrase
    if _HEADER.match(src.text, actor.end):  # "Российский добровольческий корпус. Сводка"
        return actor, "author", phrase
    return None


def _body(actor: Fact, persons: frozenset[str]) -> bool:
    return (actor.detail or {}).get("type") not in persons


def _described(
    src: _Text, vocab: Vocabulary, actors: _InOrder, span: tuple[int, int], first: bool
) -> Spoken | None:
    """A noun for a kind of actor ("ведомство", "губернатор", "издание") among the two words
    after the verb (``first``) or the last three before it: the nearest earlier actor of that
    kind."""
    words = list(_WORD.finditer(src.unquoted(*span)))
    for word in words[:2] if first else words[-3:][::-1]:
        found = [vocab.type_nouns[w] for w in lemma_set(word.group()) if w in vocab.type_nouns]
        if found:
            at = span[0] + word.start()
            actor = _last_of_types(actors, at, frozenset(found[0]))
            return (actor, "description", (at, span[0] + word.end())) if actor else None
    return None


def _last_of_types(actors: _InOrder, pos: int, types: frozenset[str]) -> Fact | None:
    return actors.last_before(pos, lambda a: (a.detail or {}).get("type") in types)


def _clause_start(src: _Text, ss: int, pos: int) -> int:
    window = src.unquoted(ss, pos)
    breaks = [ss + m.end() for m in _CLAUSE_BREAK.finditer(window)]
    return max([ss, *breaks])


# The first words of an aside set off by commas between a subject and its verb: a participle
# or adjective ("представляющий легион", "известный как White Rex"), a relative pronoun.
_RELATIVE = frozenset({"который", "которая", "которое", "которые", "котрий", "котра", "котре",
                       "котрі", "який", "яка", "яке", "які"})  # fmt: skip
_AS = frozenset({"как", "як"})


def _aside_before(src: _Text, ss: int, clause: int) -> int | None:
    """Where the aside ending at ``clause`` (just after its closing comma) opens: the comma
    before it, when what lies between starts with a participle in the nominative, an
    adjective followed by "как", or a relative pronoun, and is at most ten words."""
    window = src.unquoted(ss, clause)
    if not window.rstrip().endswith(","):
        return None
    closing = ss + len(window.rstrip()) - 1
    opening = src.unquoted(ss, closing).rfind(",")
    if opening < 0:
        return None
    words = _WORD.findall(src.text[ss + opening + 1 : closing])
    if not words or len(src.text[ss + opening + 1 : closing].split()) > 10:
        return None
    first, lang = words[0].lower(), src.lang if src.lang != "en" else "ru"
    parses = analyzer(lang).parse(first)  # type: ignore[arg-type]
    participle = any(p.tag.POS == "PRTF" and p.tag.case == "nomn" for p in parses)
    described = len(words) > 1 and words[1].lower() in _AS and any(
        p.tag.POS == "ADJF" and p.tag.case == "nomn" for p in parses)  # fmt: skip
    return ss + opening if participle or described or first in _RELATIVE else None


def _subject(src: _Text, actor: Fact, impersonal: bool) -> bool:
    """Not quoted, not after a preposition ("об атаке на Козинку") -- except "в"/"у" before a
    plural verb with no subject, which names who spoke ("В Минобороны России заявили")."""
    if (actor.detail or {}).get("oblique"):  # "в эфире телеканала «Белгород 24» сообщил"
        return False
    named = _quoted_name(src, actor)
    opens = actor.start - 1 if named else actor.start  # "с «Медузой»": the mark before it
    before = src.text[max(0, opens - 12) : opens]
    preposition = _OBJECT_PREPOSITION.search(before)
    if preposition and impersonal and preposition.group().strip().lower() in ("в", "во", "у"):
        preposition = None
    return (not src.in_quote(actor.start) or named) and not preposition


def _quoted_name(src: _Text, actor: Fact) -> bool:
    """The actor is the whole of its quotation marks' words: a name in quotes ("Подразделения
    «Свободы России» опубликовали"), not words quoted from someone."""
    held = src.quote_holding(actor.start, actor.end)
    return held is not None and (held[0] + 1, held[1] - 1) == (actor.start, actor.end)


def _referent(
    src: _Text,
    actors: _InOrder,
    known: tuple[Fact | None, frozenset[str]],
    person: bool,
    ref: tuple[int, int],
) -> Spoken | None:
    """Whom "он"/"він"/"его" means: a person the previous sentence names who has not just
    spoken ("Гладков не пришёл. Он написал..."); else whoever spoke last, if a person when the
    pronoun is one."""
    last, persons = known
    previous = src.previous_sentence(ref[0]) if person else None
    if previous is not None:
        named = [a for a in actors.within(*previous) if not src.in_quote(a.start)]
        people = [a for a in named if (a.detail or {}).get("type") in persons]
        if people and (last is None or last.value not in {p.value for p in people}):
            return people[0], "pronoun", ref
    if last is None or (person and (last.detail or {}).get("type") not in persons):
        return None
    return last, "pronoun", ref


def _named_after(
    src: _Text, actors: _InOrder, persons: frozenset[str], end: int, limit: int, phrase: bool
) -> Spoken | None:
    """The actor right after the verb (four words between at most: "сообщил губернатор
    Белгородской области Вячеслав Гладков"),
    and of the names that follow it closely ("речник ГУР Андрій Юсов", "представителя
    Минобороны Игоря Конашенкова") the last person: the body is whom the person speaks for."""
    breaks = _CLAUSE_BREAK.search(src.unquoted(end, limit))
    stop = end + breaks.start() if breaks is not None else limit
    # a name in quotes may speak: "Как пишет «Коммерсантъ»"
    after = [
        a for a in actors.within(end, stop) if not src.in_quote(a.start) or _quoted_name(src, a)
    ]
    if not after or len(src.text[end : after[0].start].split()) > 4:
        return None
    chain = [after[0]]
    for actor in after[1:]:
        # words, not the quotation marks between ("«Известиям» депутат Госдумы X")
        if len(_WORD.findall(src.text, chain[-1].end, actor.start)) > 2:
            break
        chain.append(actor)
    people = [a for a in chain if (a.detail or {}).get("type") in persons]
    chosen = people[-1] if people else chain[0]
    return chosen, "after the verb", (chosen.start, chosen.end)
