"""Money and counts written in news style, normalised: "over $11 billion" -> >= 1.1e10 USD,
"some 100 military personnel" -> about 100 personnel."""

from __future__ import annotations

import re

from newsgraph.models import Amount

_BOUNDS = {
    "over": "at_least",
    "more than": "at_least",
    "at least": "at_least",
    "in excess of": "at_least",
    "nearly": "at_most",
    "almost": "at_most",
    "up to": "at_most",
    "less than": "at_most",
    "under": "at_most",
    "about": "about",
    "around": "about",
    "some": "about",
    "roughly": "about",
    "approximately": "about",
    "an estimated": "about",
    "estimated": "about",
}
_BOUND = r"(?P<bound>" + "|".join(sorted(map(re.escape, _BOUNDS), key=len, reverse=True)) + r")?\s*"
_SCALE = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_CURRENCY = {
    "$": "USD",
    "us$": "USD",
    "cdn$": "CAD",
    "ca$": "CAD",
    "c$": "CAD",
    "au$": "AUD",
    "a$": "AUD",
    "nz$": "NZD",
    "hk$": "HKD",
    "usd": "USD",
    "dollars": "USD",
    "dollar": "USD",
    "€": "EUR",
    "eur": "EUR",
    "euros": "EUR",
    "euro": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "pounds": "GBP",
    "rubles": "RUB",
    "roubles": "RUB",
    "rub": "RUB",
    "yuan": "CNY",
    "rmb": "CNY",
    "¥": "JPY",
    "yen": "JPY",
}
_NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
_MONEY = (
    re.compile(
        rf"(?i:{_BOUND})(?P<cur>(?:US|CDN|CA|C|AU|A|NZ|HK)?\$|€|£|¥)\s?{_NUMBER}\s*"
        r"(?P<scale>thousand|million|billion|trillion|bn|mn|tn|[kmb]\b)?"
    ),
    re.compile(
        rf"(?i:{_BOUND}){_NUMBER}\s*(?P<scale>thousand|million|billion|trillion|bn|mn)?\s*"
        r"(?P<cur>dollars|euros|pounds|rubles|roubles|yuan|yen|USD|EUR|RUB)\b"
    ),
)
_WORDS = {
    "a dozen": 12,
    "dozens of": 24,
    "hundreds of": 200,
    "thousands of": 2000,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "twenty": 20,
    "fifty": 50,
    "hundred": 100,
    "a hundred": 100,
}
_COUNT = re.compile(
    rf"(?i:{_BOUND})(?<![\w-])(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+|"
    + "|".join(sorted(map(re.escape, _WORDS), key=len, reverse=True))
    + r")\s+(?P<what>(?:[\w-]+\s+){0,2}?(?:personnel|troops|soldiers|servicemen|service members|"
    r"advisers|advisors|specialists|instructors|officers|mercenaries|fighters|contractors|"
    r"experts|marines|paratroopers|tanks|aircraft|jets|helicopters|missiles|launchers|systems|"
    r"drones|ships|warships|vessels|submarines|howitzers|vehicles|units|batteries))\b"
)


def find_money(text: str) -> list[tuple[Amount, int, int]]:
    """(amount, start, end) for every money expression.

    >>> find_money("worth over $11 billion")[0][0]
    Amount(value=11000000000.0, text='over $11 billion', unit='USD', bound='at_least')
    """
    found = []
    for m in (m for regex in _MONEY for m in regex.finditer(text)):
        number = float((m.group("num")).replace(",", ""))
        scale = (m.group("scale") or "").lower()
        currency = _CURRENCY.get((m.group("cur") or "").lower())
        bound = _BOUNDS.get((m.group("bound") or "").lower(), "exact")
        value = number * _SCALE.get(scale, 1.0)
        found.append((Amount(value, m.group(0).strip(), currency, bound), m.start(), m.end()))
    return sorted(found, key=lambda f: f[1])


def find_counts(text: str) -> list[tuple[Amount, int, int]]:
    """(amount, start, end) for counts of people or equipment: "some 100 military personnel"."""
    found = []
    for m in _COUNT.finditer(text):
        raw = m.group("num").lower()
        number = float(raw.replace(",", "")) if raw[0].isdigit() else float(_WORDS[raw])
        bound = _BOUNDS.get((m.group("bound") or "").lower(), "exact")
        if raw.endswith(" of"):
            bound = "about"  # "dozens of", "hundreds of"
        unit = m.group("what").split()[-1].lower()
        found.append((Amount(number, m.group(0).strip(), unit, bound), m.start(), m.end()))
    return found
