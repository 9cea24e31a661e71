"""Officials named by their post: "the Russian foreign minister" in a 2019 article is Sergei
Lavrov, "Venezuela's president" is Nicolás Maduro — found from the gazetteer's dated roles.

Only a post held by exactly one known person on the publication date resolves; a post followed
by a name ("the Russian foreign minister, Sergei Lavrov") is left to the name.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from newsgraph.lexicon.gazetteer import Entry, Gazetteer
from newsgraph.models import EntityType

_SYNONYMS = {
    "minister of foreign affairs": "foreign minister", "foreign secretary": "foreign minister",
    "secretary of state": "foreign minister", "minister of defence": "defense minister",
    "minister of defense": "defense minister", "defence minister": "defense minister",
    "secretary of defense": "defense minister", "defence secretary": "defense minister",
    "defense secretary": "defense minister", "premier": "prime minister",
}  # fmt: skip


def normal_title(title: str) -> str:
    lowered = re.sub(r"\s+", " ", title.lower().strip())
    return _SYNONYMS.get(lowered, lowered)


@dataclass(frozen=True, slots=True)
class Holder:
    entry: Entry
    start: str | None
    end: str | None


class RoleIndex:
    """(country, post) -> the people the gazetteer says held it, with their terms."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.holders: dict[tuple[str, str], list[Holder]] = defaultdict(list)
        for entry in gazetteer.entries.values():
            if entry.type != EntityType.PERSON:
                continue
            for role in entry.roles:
                if role.country:
                    key = (role.country, normal_title(role.title))
                    self.holders[key].append(Holder(entry, role.start, role.end))
        titles = sorted(
            {title for _, title in self.holders} | set(_SYNONYMS), key=len, reverse=True
        )
        alternation = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in titles)
        self.pattern = re.compile(
            rf"\b(?:[Tt]he\s+(?P<adj>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)|(?P<poss>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)['’]s)"
            rf"\s+(?:(?:current|incumbent|then)\s+)?(?P<title>(?i:{alternation}))\b(?!\s*,?\s+[A-Z][a-z])"
        )

    def find(self, text: str, published: str | None) -> Iterator[tuple[int, int, Entry]]:
        """(start, end, person) for every post that names exactly one known holder."""
        if published is None:
            return
        for match in self.pattern.finditer(text):
            country = self._country(match.group("adj") or match.group("poss") or "")
            if country is None:
                continue
            key = (country, normal_title(match.group("title")))
            holders = [h for h in self.holders.get(key, []) if _held_on(h, published)]
            if len({h.entry.id for h in holders}) == 1:
                yield match.start(), match.end(), holders[0].entry

    def _country(self, word: str) -> str | None:  # "Russian", "Russia", "Moscow" -> RUS
        for entry, kind, ambiguous in self.gazetteer.lookup(word):
            if (
                entry.type == EntityType.STATE
                and not ambiguous
                and kind in {"name", "demonym", "metonym"}
            ):
                return entry.country
        return None


def _held_on(holder: Holder, day: str) -> bool:
    """True when the term covers the day (terms may be given to the year or month only)."""
    began = holder.start is None or holder.start <= day
    return began and (holder.end is None or holder.end >= day[: len(holder.end)])
