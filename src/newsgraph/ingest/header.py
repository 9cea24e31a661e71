"""Metadata written into the first lines of a plain-text article.

Recognised near the top of the text (first ~12 non-empty lines):

    Russia Steps Deeper Into the Venezuelan Battleground          <- title
    Publication: Eurasia Daily Monitor Volume: 16 Issue: 64       <- outlet, volume, issue
    By Jane Roe | Author: Jane Roe                                <- author
    Date: 2019-05-03 | Published: May 3, 2019                     <- publication date
    (Source: Caracas Chronicles)                                  <- image credit

Lines that hold metadata are reported as `spans` so extractors skip them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_KEYS = (
    r"Publication|Publisher|Outlet|Source|Volume|Vol\.|Issue|No\.|Author|Authors|By|Date|"
    r"Published|URL|Link"
)
_FIELD = re.compile(rf"(?P<key>\b(?:{_KEYS}))\s*:\s*", re.IGNORECASE)
_BYLINE = re.compile(r"^By\s+(?P<author>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,4})\s*$")
_CREDIT = re.compile(
    r"^\((?:Image\s+|Photo\s+)?(?:Source|Credit|Photo)\s*:\s*(?P<credit>[^)]+)\)\s*$", re.I
)
_MAX_HEADER_LINES = 12
_MAX_TITLE_WORDS = 25


@dataclass(slots=True)
class Header:
    """What the header lines said; `spans` are the lines' character ranges in the text."""

    title: str | None = None
    outlet: str | None = None
    volume: str | None = None
    issue: str | None = None
    author: str | None = None
    date_text: str | None = None
    url: str | None = None
    credit: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)


def read_header(text: str) -> Header:
    """Parse title and metadata lines at the top of `text`.

    >>> h = read_header("A Title\\n\\nPublication: EDM Volume: 16 Issue: 64\\n\\nBody text.")
    >>> (h.title, h.outlet, h.volume, h.issue)
    ('A Title', 'EDM', '16', '64')
    """
    header = Header()
    for index, (start, line) in enumerate(_first_lines(text)):
        end = start + len(line)
        if _read_fields(line, header) or _read_byline(line, header) or _read_credit(line, header):
            header.spans.append((start, end))
        elif index == 0 and _looks_like_title(line):
            header.title = line.strip()
    return header


def _first_lines(text: str) -> list[tuple[int, str]]:
    lines: list[tuple[int, str]] = []
    offset = 0
    for raw in text.split("\n"):
        if raw.strip():
            lines.append((offset, raw))
            if len(lines) >= _MAX_HEADER_LINES:
                break
        offset += len(raw) + 1
    return lines


def _read_fields(line: str, header: Header) -> bool:
    """Read "Key: value" pairs, several to a line; True when the line is a metadata line."""
    found = list(_FIELD.finditer(line))
    if not found or found[0].start() != len(line) - len(line.lstrip()):
        return False
    for this, nxt in zip(found, [*found[1:], None], strict=True):
        value = line[this.end() : nxt.start() if nxt else len(line)].strip(" |;,")
        _store(header, this.group("key").lower().rstrip("."), value)
    return True


def _store(header: Header, key: str, value: str) -> None:
    if not value:
        return
    if key in {"publication", "publisher", "outlet", "source"}:
        header.outlet = header.outlet or value
    elif key in {"volume", "vol"}:
        header.volume = value
    elif key in {"issue", "no"}:
        header.issue = value
    elif key in {"author", "authors", "by"}:
        header.author = value
    elif key in {"date", "published"}:
        header.date_text = value
    elif key in {"url", "link"}:
        header.url = value


def _read_byline(line: str, header: Header) -> bool:
    match = _BYLINE.match(line.strip())
    if match is None:
        return False
    header.author = match.group("author")
    return True


def _read_credit(line: str, header: Header) -> bool:
    match = _CREDIT.match(line.strip())
    if match is None:
        return False
    header.credit = match.group("credit").strip()
    return True


def _looks_like_title(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= _MAX_TITLE_WORDS and not line.rstrip().endswith((".", ",", ";", ":"))
