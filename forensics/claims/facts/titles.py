"""Place names that are part of a title, not places: an outlet, a programme or a club named
after its town ("«Вести. Брянск»", "«Брянские новости»", "Kursk Online", "Sumy Today"); a
channel's masthead ("Шебекино | Наш город"), a time zone ("в 18:00 по Москве") and a legal
code ("КК України").

Two shapes, both checked on the words around the place, so a place a quotation mentions
("«Мы вошли в Шебекино»") stays a place:

* a short quoted title (up to four words, opening with a capital) in which only capitalised
  words stand before the place, none of them a preposition;
* a Latin place name followed by a capitalised word outlets take as their second name
  (Online, News, Today, TV, ...);
* a Latin town's name inside a longer proper name, a club's, a university's or an outlet's:
  with a capitalised word of its own glued before it ("Fakel Voronezh", "Suspilne Sumy") or
  after it, possessive or not ("Sumy State University", "Sumy's Alliance"); words of place
  and office ("Sumy Oblast", "Belgorod Governor") and words that open a sentence or a phrase
  ("In Sumy", "Near Kursk") do not count.
"""

from __future__ import annotations

import re

from forensics.claims.facts.fact import Fact
from forensics.claims.facts.text import _Text

_MAX_TITLE_WORDS = 4
_PREPOSITION = re.compile(
    r"(?:^|\s)(?:в|во|на|у|под|из|к|до|от|с|со|за|по|над|около|возле|біля|під|із|з|зі|від|"
    r"поблизу|in|near|at|from|to|of)\s+[^\s]*$",
    re.IGNORECASE,
)
_OUTLET_WORD = re.compile(
    r"[ \u00a0]+(?:Online|News|Today|TV|Radio|Daily|Herald|Times|Post|Inform|Info|Live|"
    r"Media|Express|Gazette|Tribune|Journal|Pravda|Novosti|Vesti|Channel|24)(?![\w-])"
)


_TOWN_KINDS = frozenset({"city", "town", "village", "settlement"})
_PLACE_WORDS = (
    r"Oblast|Region|Province|District|Raion|Krai|Hromada|Governor|Mayor|Regional|"
    r"City|Town|Village|Border|Checkpoint|Military"
)
_GLUED_AFTER = re.compile(rf"(?:'s)?[ \u00a0](?!(?:{_PLACE_WORDS})\b)[A-Z][a-z]+\b")
_GLUED_BEFORE = re.compile(r"\b([A-Z][a-z]+)[ \u00a0]$")
_OPENERS = frozenset({
    "In", "On", "At", "Near", "From", "To", "Into", "The", "A", "An", "And", "But", "Both",
    "Of", "For", "By", "With", "Over", "Outside", "Around", "Across", "Towards", "Toward",
    "Through", "Occupied", "Northern", "Southern", "Eastern", "Western", "Central", "Greater",
    "Russian", "Ukrainian", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "Oblast", "Region", "Governor", "Mayor", "Between", "Like", "Unlike",
})  # fmt: skip


def not_in_titles(src: _Text, facts: list[Fact]) -> list[Fact]:
    """``facts`` without the places that belong to a title."""
    return [f for f in facts if f.kind != "place" or not _in_title(src, f)]


# Names a place takes part in without being one: a time zone ("в 18:00 по Москве"), a
# country's legal code ("ч. 1 ст. 438 КК України", "УК РФ"), a channel's masthead before a
# bar ("Шебекино | Наш город", "Суземка онлайн | новости района").
_TIME_ZONE_BEFORE = re.compile(r"\d{1,2}[:.]\d{2}[ \u00a0]+(?:по|за)[ \u00a0]+$")
_CODE_BEFORE = re.compile(r"(?<![\w-])(?:КК|УК|КПК|УПК|КУпАП|КоАП|ЦК|ГК|ЦПК|ГПК|"
                          r"[Кк]одекс\w*|[Кк]онституц[іи]\w*)[ \u00a0]+$")  # fmt: skip
# ... the place maybe followed by a word or two of the channel's name ("Суземка онлайн | ...").
_MASTHEAD_AFTER = re.compile(r"[ \u00a0]*(?:[^\s|,.:;!?]+[ \u00a0]+){0,2}\|[ \u00a0]*\S")


# A country after a word for its citizens names a nationality, not where anything happened
# ("виключно громадяни Росії", "граждан Украины", "citizens of Russia").
_CITIZENS_BEFORE = re.compile(r"(?<![\w-])(?:громадян\w*|граждан\w*|підданих|подданных|"
                              r"citizens?[ \u00a0]+of|nationals?[ \u00a0]+of)[ \u00a0]+$",
                              re.I)  # fmt: skip


# A ship named after a city ("the Kursk submarine", "the cruiser Moskva", "крейсер Москва"):
# the city's name beside a word for a warship names the ship.
_SHIPS = (r"submarine|cruiser|frigate|warship|corvette|destroyer|flagship|"
          r"крейсер\w*|фрегат\w*|корвет\w*|эсминц\w*|есмінц\w*|подлодк\w*|"
          r"(?:подводн|підводн)\w*[ \u00a0]+(?:лодк|човн)\w*")  # fmt: skip
_SHIP_BEFORE = re.compile(rf"(?<![\w-])(?:{_SHIPS})[ \u00a0]+$", re.I)
_SHIP_AFTER = re.compile(rf"[ \u00a0]+(?:{_SHIPS})(?![\w-])", re.I)


def _in_name_of_other(src: _Text, fact: Fact) -> bool:
    before = src.text[max(0, fact.start - 30) : fact.start]
    if _TIME_ZONE_BEFORE.search(before) or _CODE_BEFORE.search(before):
        return True
    if _SHIP_BEFORE.search(before) or _SHIP_AFTER.match(src.text, fact.end):
        return True
    if (fact.detail or {}).get("kind") == "country" and _CITIZENS_BEFORE.search(before):
        return True
    opens_line = fact.start == 0 or src.text[fact.start - 1] == "\n"  # no search back
    return opens_line and _MASTHEAD_AFTER.match(src.text, fact.end) is not None


def _in_title(src: _Text, fact: Fact) -> bool:
    if _in_name_of_other(src, fact):
        return True
    latin = not re.search(r"[\u0400-\u04ff]", fact.text)
    if latin and _OUTLET_WORD.match(src.text, fact.end):
        return True
    if latin and _in_proper_name(src, fact):
        return True
    quote = src.quote_holding(fact.start, fact.end)
    if quote is None:
        return False
    start, end = quote
    inside = src.text[start + 1 : end - 1]
    before = src.text[start + 1 : fact.start].split()
    if len(inside.split()) > _MAX_TITLE_WORDS or not inside[:1].isupper():
        return False  # «штурм Нової Таволжанки» quotes words, not a title
    if not all(word[:1].isupper() for word in before):
        return False
    return not _PREPOSITION.search(src.text[start + 1 : fact.start] + "x")


def _in_proper_name(src: _Text, fact: Fact) -> bool:
    """A town's Latin name glued to a capitalised word of a longer name ("Fakel Voronezh",
    "Sumy State University", "Sumy's Alliance"), not to a word of place or office."""
    if (fact.detail or {}).get("kind") not in _TOWN_KINDS or " " in fact.text:
        return False
    if _GLUED_AFTER.match(src.text, fact.end):
        return True
    before = _GLUED_BEFORE.search(src.text, max(0, fact.start - 40), fact.start)
    return before is not None and before[1] not in _OPENERS
