"""Citations inside an article: parenthetical sources and inline attributions.

Parenthetical (analysis and think-tank style), one or several sources separated by ";":

    (Vzglyad, April 30)   (Interfax, April 30, 2019; TASS, May 1)   (see EDM, February 6, 2020)
    (, April 30)          <- broken: no outlet; kept and flagged with a problem

Inline (news style), found once outlets are known as entities:

    told Reuters   according to the BBC   El Deber reported   in an interview with RT
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsgraph.annotate.dategrammar import find_date_matches
from newsgraph.models import Sentence

_PAREN = re.compile(r"\((?P<body>[^()\n]{0,300})\)")
_PART = re.compile(
    r"^\s*(?P<see>(?:see|See|cf\.|also|see also)\s+)?(?P<outlet>[^,;]*?)\s*,\s*(?P<date>[^;]+?)\s*$"
)
_OUTLET_SHAPE = re.compile(r"^[\w\"'“”‘’&.\- ]{1,80}$")
_INLINE_BEFORE = re.compile(
    r"(?:\b(?:told|according to|reported by|in an interview with|speaking to|interviewed by|"
    r"quoted by|cited by|wrote in|writing in|said in|published by|a report by|a report in|"
    r"an article in|reports by|reporting by)\s+(?:the\s+)?(?:newspaper\s+|outlet\s+|agency\s+|"
    r"broadcaster\s+|channel\s+)?)$",
    re.IGNORECASE,
)
_INLINE_AFTER = re.compile(
    r"^(?:'s|’s)?\s+(?:(?:also|later|earlier|first|previously|recently|has|had|have)\s+)?(?:reported|reports|said|says|wrote|writes|revealed|quoted|cited|"
    r"published|claimed|claims|learned|found|broadcast|aired)\b"
)


@dataclass(frozen=True, slots=True)
class CitationMatch:
    """One source inside a parenthesis, before dates are normalised and outlets resolved."""

    text: str
    start: int
    end: int
    outlet: str | None
    outlet_start: int | None
    outlet_end: int | None
    date_text: str | None
    date_start: int | None
    see: bool


def find_parenthetical(text: str, *, skip: Sequence[tuple[int, int]] = ()) -> list[CitationMatch]:
    """Every "(Outlet, Date)" source in `text`; several per parenthesis when split by ";".

    >>> [(c.outlet, c.date_text) for c in find_parenthetical("Fine (Vzglyad, April 30).")]
    [('Vzglyad', 'April 30')]
    """
    found: list[CitationMatch] = []
    for paren in _PAREN.finditer(text):
        if any(paren.start() < e and paren.end() > s for s, e in skip):
            continue
        offset = paren.start("body")
        for part_start, part in _split_parts(paren.group("body")):
            match = _parse_part(part, offset + part_start)
            if match is not None:
                found.append(match)
    return found


def _split_parts(body: str) -> list[tuple[int, str]]:
    parts, position = [], 0
    for piece in body.split(";"):
        parts.append((position, piece))
        position += len(piece) + 1
    return parts


def _parse_part(part: str, offset: int) -> CitationMatch | None:
    match = _PART.match(part)
    if match is None:
        return None
    date_text = match.group("date")
    dates = find_date_matches(date_text)
    # the part after the comma must be a date and nothing else ("Moscow, 2019" is not a source)
    if len(dates) != 1 or dates[0].start != 0 or dates[0].end != len(date_text.rstrip(". ")):
        return None
    if dates[0].kind not in {"md", "dm", "mdy", "dmy", "iso", "my"}:
        return None
    outlet = match.group("outlet").strip() or None
    if outlet is not None and not _OUTLET_SHAPE.match(outlet):
        return None
    lead = len(part) - len(part.lstrip())
    return CitationMatch(
        text=part.strip(),
        start=offset + lead,
        end=offset + len(part.rstrip()),
        outlet=outlet,
        outlet_start=offset + match.start("outlet") if outlet else None,
        outlet_end=offset + match.start("outlet") + len(outlet) if outlet else None,
        date_text=date_text,
        date_start=offset + match.start("date"),
        see=bool(match.group("see")),
    )


def is_inline_citation(
    text: str, start: int, end: int, sentence: Sentence
) -> tuple[int, int] | None:
    """The citation span if the outlet at text[start:end] is cited inline ("told Reuters")."""
    before = _INLINE_BEFORE.search(text, sentence.start, start)
    if before is not None and before.end() == start:
        return before.start(), end
    after = _INLINE_AFTER.match(text[end : sentence.end])
    if after is not None:
        return start, end + after.end()
    return None


def covered_sentences(
    sentence: int, previous_citation_sentence: int | None, paragraph_start_sentence: int
) -> tuple[int, ...]:
    """Sentences a parenthetical vouches for: back to the previous citation or paragraph start."""
    first = paragraph_start_sentence
    if previous_citation_sentence is not None and previous_citation_sentence >= first:
        first = previous_citation_sentence + 1
    first = min(first, sentence)
    return tuple(range(first, sentence + 1))
