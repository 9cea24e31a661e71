"""Recognise time expressions in raw text with a small, strict grammar.

Only shapes that are unambiguously dates are recognised: a month name needs a capital and a
day, a year or a preposition ("in May"); a bare number needs four digits in a plausible range
and no money, unit or model-number context. So "59", "T-72", "$11 billion" and the verb "may"
never become dates.

Each match is a `DateMatch` holding the parsed fields; anchoring it in time (a year for "April
30", a day for "last Monday") needs the publication date and is done in `dates.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
}  # fmt: skip
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "a few": 3,
}  # fmt: skip

_MONTH_FULL = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
MONTH = rf"(?P<{{n}}>{_MONTH_FULL}|{_MONTH_ABBR}|{_MONTH_FULL.upper()})"
DAY = r"(?P<{n}>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?P<{n}>1[5-9]\d\d|20\d\d)"
_NOT_NUM = r"(?![\d,.]\d)(?!\s*(?:%|percent\b))"
_DASH = r"\s*(?:-|–|—|to|through|until)\s*"


def _m(n: str) -> str:
    return MONTH.replace("{n}", n)


def _d(n: str) -> str:
    return DAY.replace("{n}", n)


def _y(n: str) -> str:
    return YEAR.replace("{n}", n)


_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_TIME_OF_DAY = (
    r"(?P<tod>(?i:(?:(?:early|late)\s+)?(?:morning|afternoon|evening|night)|midday|noon|midnight|"
    r"dawn|dusk|overnight|daybreak|nightfall)|"
    r"\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)(?:\s+(?:local time|GMT|UTC|EST|ET|MSK))?|"
    r"\d{1,2}:\d\d(?:\s+(?:local time|GMT|UTC|EST|ET|MSK|hours))?)"
)

# Each pattern: (name, regex). Longer shapes first; overlaps keep the longest match.
PATTERNS: list[tuple[str, str]] = [
    ("iso", r"\b(?P<y1>\d{4})-(?P<m1>0[1-9]|1[0-2])-(?P<d1>0[1-9]|[12]\d|3[01])\b"),
    (
        "mdy_range_md",
        rf"\b{_m('m1')}\s+{_d('d1')}{_DASH}{_m('m2')}\s+{_d('d2')}(?:,?\s+{_y('y1')})?\b",
    ),
    ("mdy_range_d", rf"\b{_m('m1')}\s+{_d('d1')}\s*(?:-|–)\s*{_d('d2')}(?:,?\s+{_y('y1')})?\b"),
    ("dmy_range", rf"\b{_d('d1')}\s*(?:-|–)\s*{_d('d2')}\s+{_m('m1')}(?:,?\s+{_y('y1')})?\b"),
    ("mdy", rf"\b(?:{_WD}\s*,?\s+)?{_m('m1')}\s+{_d('d1')},?\s+{_y('y1')}\b"),
    ("dmy", rf"\b{_d('d1')}\s+(?:of\s+)?{_m('m1')},?\s+{_y('y1')}\b"),
    ("md", rf"\b(?:{_WD}\s*,?\s+)?{_m('m1')}\s+{_d('d1')}\b(?!:\d)"),
    ("dm", rf"\b{_d('d1')}\s+(?:of\s+)?{_m('m1')}\b(?!\s+\d)"),
    ("my_range", rf"\b{_m('m1')}{_DASH}{_m('m2')}\s+{_y('y1')}\b"),
    ("my", rf"\b{_m('m1')},?\s+(?:of\s+)?{_y('y1')}\b{_NOT_NUM}"),
    # "in January of last year", "March this year"
    ("my_rel", rf"\b{_m('m1')}\s+(?:of\s+)?(?P<yrel>last|next|this)\s+year\b"),
    (
        "season_y",
        rf"\b(?P<season>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)\s+(?:of\s+)?{_y('y1')}\b{_NOT_NUM}",
    ),
    (
        "quarter_y",
        rf"\b(?:the\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+of\s+{_y('y1')}\b",
    ),
    ("q_y", rf"\bQ(?P<q>[1-4])\s+{_y('y1')}\b"),
    ("decade", r"(?<![\w$£€-])(?P<dec>1[5-9]\d0|20[0-9]0)s\b|(?<!\w)['’](?P<dec2>[0-9]0)s\b"),
    ("century", r"\b(?P<cent>\d{1,2}(?:st|nd|rd|th)|[a-z]+(?:-[a-z]+)?)[\s-]+century\b"),
    (
        "y_range",
        rf"(?<![\w$£€.,-]){_y('y1')}\s*(?:-|–|/)\s*(?P<y2>1[5-9]\d\d|20\d\d|\d\d)\b{_NOT_NUM}",
    ),
    ("year", rf"(?<![\w$£€#.,/-]){_y('y1')}\b(?![-/–]\d)(?!\s*-\s*[A-Za-z]){_NOT_NUM}"),
    (
        "month_ctx",
        # any case: "In February, bishops met" opens a sentence; not "May's" (a name's)
        rf"\b(?P<ctx>(?i:in|since|until|till|by|from|for|during|through|early|mid|late|last|next|this|of))[\s-]+(?:the\s+)?(?:(?:end|beginning|start|middle)\s+of\s+)?{_m('m1')}\b(?!\s+\d)(?!['’]s\b)",
    ),
    (
        "relative_day",
        # any case: "Yesterday, police arrested ..." opens many a news story
        r"\b(?P<relday>(?i:today|yesterday|tomorrow|tonight|last night|the day before yesterday|the day after tomorrow))\b",
    ),
    (
        "relative_unit",
        r"\b(?P<reldir>(?i:this|last|next|past|previous|coming|(?:earlier|later)\s+(?:this|in\s+the)))\s+(?P<unit>week|month|year|weekend|decade|summer|winter|spring|autumn|fall)\b",
    ),
    (
        "ago",
        r"\b(?P<num>\d{1,3}|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few))\s+(?P<unit>day|week|month|year|decade)s?\s+(?P<agodir>ago|earlier|later)\b",
    ),
    (
        # a date counted from the last one stated: "the next day", "on the same day", "later
        # that day", "the following year", "That night," (annotate/datechain.py)
        "anaphoric",
        r"\b(?P<aphr>(?i:(?:on\s+)?the\s+(?:very\s+)?same|(?:later|earlier)\s+that|the\s+(?:next|following|previous|preceding))|That|(?i:on|during)\s+that)\s+(?P<unit>day|morning|afternoon|evening|night|week|weekend|month|year)\b"
        r"|\b(?P<aphr2>(?i:the))\s+(?P<unit2>day|week|month|year)\s+(?P<aphrdir>before|after)(?=\s*[,.;)])",
    ),
    (
        "weekday",
        r"\b(?:(?P<wdir>(?i:last|next|this|on|from|since|until|by))\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    ),
    # the word boundary first, so that the scan fails at once inside words
    ("time_of_day", rf"\b(?:(?i:the|this)\s+)?\b{_TIME_OF_DAY}"),
]
_COMPILED = [(name, re.compile(rx)) for name, rx in PATTERNS]
# Words without which a pattern cannot match (they are literal, case-sensitive parts of it):
# a substring test is far cheaper than a regex scan of the whole text, and most articles have
# no centuries, quarters or decades.
_NEEDS: dict[str, tuple[str, ...]] = {
    "century": ("century",),
    "quarter_y": ("quarter",),
    "q_y": ("Q",),
    "decade": ("0s",),
    "ago": ("ago", "earlier", "later"),
    "anaphoric": (
        "same",
        "that",
        "That",
        "next",
        "following",
        "previous",
        "preceding",
        "before",
        "after",
    ),
    # stems, so "Yesterday" opening a sentence passes (the pattern itself ignores case)
    "relative_day": ("oday", "esterday", "omorrow", "night"),
    "weekday": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}

# A four-digit number followed by one of these is a count, not a year: "2000 troops".
_COUNT_NOUNS = re.compile(
    r"\s+(?:troops|soldiers|people|personnel|men|women|children|dead|deaths|killed|cases|votes|"
    r"km|kilometres|kilometers|miles|metres|meters|feet|tons|tonnes|kg|barrels|dollars|euros|"
    r"members|units|vehicles|tanks|aircraft|missiles|times|hours|workers|residents|prisoners|"
    r"refugees|migrants|protesters|employees|officers|fighters|rounds|pages|words|square)\b",
    re.IGNORECASE,
)
_COUNT_BEFORE = re.compile(
    r"(?:\b(?:some|about|around|over|nearly|almost|than|approximately|roughly|least|"
    r"only|just|No\.|no\.|number|Resolution|resolution|Article|article|Flight|flight|Route|"
    r"route|Highway|Room|room|Unit|unit|Section|section|Law|law|Decree|decree)|[$£€#])\s*$"
)


@dataclass(frozen=True, slots=True)
class DateMatch:
    """One recognised expression: its pattern name, span and the regex groups it captured."""

    kind: str
    start: int
    end: int
    groups: tuple[tuple[str, str], ...]

    def get(self, name: str) -> str | None:
        for key, value in self.groups:
            if key == name:
                return value
        return None


def find_date_matches(text: str) -> list[DateMatch]:
    """All non-overlapping date matches in `text`, longest first where they overlap.

    >>> [m.kind for m in find_date_matches("On May 1, 59 T-72 tanks cost $11 billion.")]
    ['md']
    """
    return list(_matches(text))


@lru_cache(maxsize=16)
def _matches(text: str) -> tuple[DateMatch, ...]:
    """Cached: the publication-date inference and the date extractor scan the same text."""
    candidates = [m for m in _candidates(text) if _plausible(text, m)]
    candidates.sort(key=lambda m: (m.start, -(m.end - m.start)))
    chosen: list[DateMatch] = []
    for match in candidates:
        if chosen and match.start < chosen[-1].end:
            if match.end - match.start > chosen[-1].end - chosen[-1].start:
                chosen[-1] = match
            continue
        chosen.append(match)
    return tuple(chosen)


def _candidates(text: str) -> Iterator[DateMatch]:
    for kind, regex in _COMPILED:
        needs = _NEEDS.get(kind)
        if needs is not None and not any(word in text for word in needs):
            continue
        for m in regex.finditer(text):
            groups = tuple((k, v) for k, v in m.groupdict().items() if v is not None)
            yield DateMatch(kind, _core_start(kind, m), m.end(), groups)


def _core_start(kind: str, m: re.Match[str]) -> int:
    """Where the date itself starts: context words like "in" or "on" are not part of it."""
    if kind == "month_ctx":
        return m.start("m1")
    if kind == "weekday" and (m.group("wdir") or "").lower() not in {"last", "next", "this"}:
        return m.start("wd")
    return m.start()


def _plausible(text: str, match: DateMatch) -> bool:
    """Reject shapes that look like dates but are counts, codes or other words."""
    if match.kind in {"year", "y_range"}:
        before = text[max(0, match.start - 20) : match.start]
        after = text[match.end : match.end + 20]
        if _COUNT_BEFORE.search(before) or _COUNT_NOUNS.match(after):
            return False
    if match.kind == "y_range":
        y1, y2 = int(match.get("y1") or 0), match.get("y2") or ""
        second = int(y2) if len(y2) == 4 else (y1 // 100) * 100 + int(y2)
        if not y1 < second <= y1 + 100:
            return False
    if match.kind == "century":
        word = (match.get("cent") or "").lower()
        if not (word[:-2].isdigit() or word in ORDINALS):
            return False
    if match.kind == "weekday" and match.get("wd") is None:
        return False
    # "Theresa May 2019" and "May" starting a quoted name: a month needs a digit or context;
    # "voted for May" names the prime minister
    return not (
        match.get("m1") == "May"
        and (
            text[max(0, match.start - 8) : match.start].endswith("Theresa ")
            or (match.get("ctx") or "").lower() == "for"
        )
    )
