"""Roles, titles and ages stated next to a person's name.

Four shapes, all common in news and analysis:

    Russian Foreign Minister Sergei Lavrov              title before the name
    opposition leader, speaker of the National Assembly and the self-proclaimed interim
        president of Venezuela, Juan Guaidó             appositive list before the name
    Sergei Lavrov, the Russian foreign minister,        appositive after the name
    Until May 2018, Tonkoshkurov was the deputy chief of the General Staff   copula, dated

plus ages: "Tonkoshkurov (59)", "Lavrov, 69,", "the 59-year-old general".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from newsgraph.annotate.dategrammar import MONTHS, WEEKDAYS
from newsgraph.lexicon.compiled import Titles, load_lexicon
from newsgraph.lexicon.places import is_us_state
from newsgraph.models import Role, TimeExpression

# (start, end) -> (entity id, type, country, name) for entities overlapping that span
EntityLookup = Callable[[int, int], list[tuple[str, str, str | None, str]]]

_CAP = r"(?:[A-Z][\w'’.-]*|\([^()]{1,60}\))"
_TAIL = (
    rf"(?:\s+(?:of|for|at|to|in)\s+(?:the\s+)?{_CAP}(?:\s+(?:of|the|and|for|to|in|at|&|{_CAP}))*)?"
)
_PREFIX = r"(?:(?:first\s+deputy|deputy|vice|assistant|senior|chief|top)\s+)?"
# a body's kind before a title, which may open a sentence ("Police spokeswoman X") where it is
# a common noun; other capitalised words before a title are names, read apart
_MODIFIER = (
    r"(?:(?:opposition|rebel|[Mm]ilitary|[Aa]rmy|[Pp]olice|party|union|militia|cartel|gang|"
    r"guerrilla|government|state|regional|provincial|national|presidential|foreign|defen[cs]e|"
    r"security)\s+)?"
)
# a body or state named with "of" right after a name that a title opens (no "and": "Buhari of
# Nigeria and Patrice Talon of Benin" names two)
_OF_BODY = re.compile(rf"^\s+of\s+(?:the\s+)?{_CAP}(?:\s+(?:of|the|for|&|{_CAP}))*")
_COPULA = r"(?:is|was|has been|had been|became|becomes|serves as|served as|remains|remained|as)"
_AGE_AFTER = re.compile(r"^\s*(?:\((?P<a>\d{2,3})\)|,\s*(?P<b>\d{2,3})\s*,)")
_AGE_BEFORE = re.compile(r"(?P<a>\d{2,3})-year-old\s+(?:[\w-]+\s+){0,3}$")


@dataclass(frozen=True, slots=True)
class RoleMatch:
    """A role read from the text, before it is tied to entities."""

    title: str
    kind: str
    qualifier: str | None
    start: int
    end: int
    phrase: str


@dataclass(frozen=True, slots=True)
class _Grammar:
    pre: re.Pattern[str]
    appos_after: re.Pattern[str]
    copula: re.Pattern[str]
    phrase_end: re.Pattern[str]
    plural_pre: re.Pattern[str]
    qualifiers: frozenset[str]  # the words of the lexicon's qualifiers ("former", "acting")
    kinds: dict[str, str]  # lower-cased title -> "office", "rank" or "occupation"
    spelled: dict[str, str]  # an abbreviation ("Brig. Gen.") -> the title it stands for


@lru_cache(maxsize=4)
def _grammar(lexicon: Titles) -> _Grammar:
    quals = list(lexicon.qualifiers)
    titles = "|".join(
        re.escape(t).replace(r"\ ", r"\s+") for t in sorted(lexicon.held(), key=len, reverse=True)
    )
    qual = "(?i:" + "|".join(re.escape(q).replace(r"\ ", r"\s+") for q in quals) + r")"
    # abbreviations keep their case and full stops: "Gen." and "Sen." are titles, "gen" no word
    longest_first = sorted(lexicon.abbreviations, key=lambda a: -len(a[0]))
    short = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a, _ in longest_first)
    held = rf"(?:(?:{short})(?!\w)|(?i:{titles}))" if short else rf"(?i:{titles})"
    title = rf"(?P<title>{_PREFIX}{_MODIFIER}{held})"
    # before a list of names, a plural title ("Presidents X of Nigeria and Y of Benin")
    listed = rf"{_CAP}(?:(?:\s+|\s*,\s*|\s+and\s+|\s+of\s+(?:the\s+)?){_CAP})*"
    plural_pre = re.compile(
        rf"(?<!\w)(?P<title>{_PREFIX}(?i:{titles}))s\s+"
        rf"(?:{listed}(?:\s*,\s*(?:and\s+)?|\s+and\s+))?$"
    )
    quals_g = rf"(?P<qual>(?:{qual}\s+)*)"
    # "(US |Russian )?(former )?Secretary of State " right before a name
    # "President of Argentina ", "Mayor of Koszalin " right before a name: the state or place
    # of the post between title and name
    of_place = rf"(?:\s+of\s+(?:the\s+)?{_CAP}(?:\s+{_CAP}){{0,3}})?"
    # a title starts a word ("Trafficking" holds no king, "paramilitary" no military leader),
    # which also spares the scan the titles' alternation inside every word: 4x faster
    pre = re.compile(
        rf"(?<!\w)(?P<qual0>(?:{qual}\s+)*)(?:(?P<country>(?:[A-Z][\w.’'-]*\s+){{1,3}}?))??{quals_g}{title}"
        rf"{of_place}\s+$"
    )
    appos_after = re.compile(
        rf"^\s*,\s+(?:the\s+|a\s+|an\s+)?{quals_g}(?P<country>(?:[A-Z][\w.’'-]*\s+){{0,2}}?){title}{_TAIL}(?=\s*[,.;)]|\s*$)"
    )
    copula = re.compile(
        rf"^\s+(?:also\s+)?{_COPULA}\s+(?:also\s+)?(?:the\s+|a\s+|an\s+)?{quals_g}"
        rf"(?P<country>(?:[A-Z][\w.’'-]*\s+){{0,2}}?){title}{_TAIL}(?=\s*[,.;)]|\s*$)"
    )
    phrase_end = re.compile(
        rf"(?:^|(?<=\s))(?:the\s+|a\s+|an\s+)?{quals_g}(?P<country>(?:[A-Z][\w.’'-]*\s+){{0,2}}?){title}{_TAIL}\s*$"
    )
    # longest first, so "Lt. Gen." is spelled out before "Gen."
    qualifying = frozenset(w for q in quals for w in q.lower().split())
    return _Grammar(pre, appos_after, copula, phrase_end, plural_pre, qualifying, _kinds(lexicon),
                    {re.sub(r"\s+", " ", a): full for a, full in longest_first})  # fmt: skip


_POSSESSIVE_AFTER = re.compile(r"['\u2019]s?\b")


def _kinds(lexicon: Titles) -> dict[str, str]:
    """The kind of role each lower-cased title is; an office's when it is listed twice."""
    kinds = {t.lower(): "occupation" for t in lexicon.occupations}
    kinds |= {t.lower(): "rank" for t in lexicon.ranks}
    return kinds | {t.lower(): "office" for t in lexicon.offices}


def find_roles(
    text: str, start: int, end: int, sentence: tuple[int, int], *, titles: Titles | None = None
) -> list[RoleMatch]:
    """Roles stated around the name at text[start:end], within its sentence bounds; `titles`
    are the lexicon's (the shipped ones when not given)."""
    grammar = _grammar(titles or load_lexicon().titles)
    sent_start, sent_end = sentence
    before = text[sent_start:start]
    after = text[end:sent_end]
    roles: list[RoleMatch] = []
    pre = grammar.pre.search(before)
    if pre is not None and _no_owner(pre.group("country")):
        # "On Sunday President X of Nigeria": the capitalised words opening the sentence own
        # no post; blanked, the title stands alone and the state after the name is its own
        country = pre.span("country")
        before = before[: country[0]] + " " * (country[1] - country[0]) + before[country[1] :]
        pre = grammar.pre.search(before)
    if (
        pre is None
        and _may_end_a_plural_title(before)
        and (plural := grammar.plural_pre.search(before)) is not None
        and _bare_title(before[: plural.start("title")], grammar.qualifiers)
    ):
        role = _plural_role(grammar, plural, sent_start, text)
        if plural.end("title") + 1 < len(before.rstrip()):
            # a later name of the list: its own phrase, which the names before do not share
            role = replace(role, start=start, end=end, phrase=text[start:end])
        if body := _OF_BODY.match(after):
            role = replace(role, end=end + body.end(), phrase=text[role.start : end + body.end()])
        roles.append(role)
    if pre is not None:
        role = _role(grammar, pre, sent_start, text)
        if not pre.group("country") and (body := _OF_BODY.match(after)):
            # "President Abdel Fattah el-Sisi of Egypt", "Commissioner X of the Department":
            # the body or state the title is held in follows the name (when none stands
            # before it: "US President Donald Trump of the Republican Party" leads the US)
            role = replace(role, end=end + body.end(), phrase=text[role.start : end + body.end()])
        roles.append(role)
        before = before[: pre.start()]
    if not _POSSESSIVE_AFTER.match(after):
        # "the UN secretary general, Ivan Velasquez's only boss": the name owns the apposed
        # noun; the titles before are the boss's
        roles.extend(_appositive_list(grammar, before, sent_start, text))
    after_age = _AGE_AFTER.match(after)
    offset = after_age.end() if after_age else 0
    for pattern in (grammar.appos_after, grammar.copula):
        found = pattern.match(after[offset:])
        if found is not None:
            roles.append(_role(grammar, found, end + offset, text))
            break
    return roles


def find_age(
    text: str, start: int, end: int, sentence: tuple[int, int]
) -> tuple[int, int, int] | None:
    """(age, span start, span end) from "Name (59)", "Name, 59," or "59-year-old ... Name"."""
    after = _AGE_AFTER.match(text[end : sentence[1]])
    if after is not None:
        age = int(after.group("a") or after.group("b"))
        return (age, end, end + after.end()) if 14 <= age <= 110 else None
    before = _AGE_BEFORE.search(text[sentence[0] : start])
    if before is not None:
        age = int(before.group("a"))
        return (age, sentence[0] + before.start(), start) if 14 <= age <= 110 else None
    return None


# capitalised words before a title that name no state or body: a sentence's opening words
_NOT_OWNERS = frozenset({
    "on", "in", "at", "by", "for", "from", "with", "after", "before", "during", "since",
    "until", "when", "while", "as", "the", "a", "an", "last", "this", "next", "earlier",
    "later", "then", "but", "and", "also", "meanwhile", "yesterday", "today",
}) | frozenset(WEEKDAYS) | frozenset(MONTHS)  # fmt: skip


def _no_owner(words: str | None) -> bool:
    """Whether the capitalised words a title follows are all a sentence's opening words ("On
    Sunday", "Last week"), no state or body that holds the post."""
    return bool(words) and all(w.lower().strip(".,") in _NOT_OWNERS for w in (words or "").split())


def _appositive_list(grammar: _Grammar, before: str, offset: int, text: str) -> list[RoleMatch]:
    """Roles in "X, Y and Z, Name": comma-separated chunks that end in a title phrase."""
    if not re.search(r",\s*$", before):
        return []
    roles: list[RoleMatch] = []
    cut = len(before.rstrip().rstrip(","))
    while cut > 0:
        chunk_start = before.rfind(",", 0, cut) + 1
        chunk = before[chunk_start:cut]
        items = _split_and(chunk)
        found = [grammar.phrase_end.search(item) for _, item in items]
        if not found or found[-1] is None:
            break
        for (item_offset, _), match in zip(items, found, strict=True):
            if match is not None:
                roles.append(_role(grammar, match, offset + chunk_start + item_offset, text))
        if found[0] is None or found[0].start() > 0 or chunk_start == 0:
            break  # the chunk began with something other than a role: the list is over
        cut = chunk_start - 1
    return sorted(roles, key=lambda r: r.start)


def _split_and(chunk: str) -> list[tuple[int, str]]:
    """Split "A and the B" into its items, each with its offset, surrounding spaces removed."""
    parts, position = [], 0
    for piece in re.split(r"(\s+and\s+)", chunk):
        if not re.fullmatch(r"\s+and\s+", piece) and piece.strip():
            lead = len(piece) - len(piece.lstrip())
            parts.append((position + lead, piece.strip()))
        position += len(piece)
    return parts


def _role(grammar: _Grammar, match: re.Match[str], offset: int, text: str) -> RoleMatch:
    groups = match.groupdict()
    starts = [match.start(g) for g in ("qual0", "country", "qual") if groups.get(g)]
    start = offset + min([*starts, match.start("title")])
    end = offset + match.start() + len(match.group(0).rstrip())
    title_text = re.sub(r"\s+", " ", match.group("title"))
    if (text[end - 1] == "." and not re.search(r"\b[A-Z]\.[A-Z]\.$", text[:end])
            and end != offset + match.end("title")):  # fmt: skip
        end -= 1  # a sentence's full stop, not an abbreviation's
    phrase = text[start:end].strip().rstrip(",")
    title_text = _spelled_out(grammar, title_text)
    tail_start = offset + match.end("title")
    tail = re.sub(r"\s+", " ", text[tail_start:end]).strip() if end > tail_start else ""
    full_title = f"{title_text} {tail}".strip() if tail else title_text
    quals = f"{groups.get('qual0') or ''} {groups.get('qual') or ''}"
    qualifier = re.sub(r"\s+", " ", quals).strip().lower() or None
    kind = grammar.kinds.get(title_text.lower(), "office")
    return RoleMatch(full_title, kind, qualifier, start, start + len(phrase), phrase)


def _may_end_a_plural_title(before: str) -> bool:
    """Whether the words before a name end as `plural_pre` needs (a plural word, or a list's
    comma or "and"): a cheap test that spares most names the scan of every title."""
    last = before.rstrip()
    return last.endswith((",", "and", "s"))


def _bare_title(before: str, qualifiers: frozenset[str]) -> bool:
    """Whether the word before a plural title neither qualifies it (the lexicon's
    `qualifiers`) nor names its owner ("former CIA directors X, Y and Z", "Senior Advisors X
    and Y" are read by no plural rule)."""
    words = before.split()
    if not words or words[-1].lower().strip(".,") in _NOT_OWNERS:
        return True  # "On Sunday Presidents X and Y"
    return words[-1].islower() and words[-1].strip(",") not in qualifiers


def _plural_role(grammar: _Grammar, match: re.Match[str], offset: int, text: str) -> RoleMatch:
    """The role a plural title before a list of names gives each of them ("Presidents X of
    Nigeria and Y of Benin": each a president): the title, in the singular."""
    start, end = offset + match.start("title"), offset + match.end("title")
    title = re.sub(r"\s+", " ", text[start:end])
    kind = grammar.kinds.get(title.lower(), "office")
    return RoleMatch(title, kind, None, start, end + 1, text[start : end + 1])


def _spelled_out(grammar: _Grammar, title: str) -> str:
    """The title an abbreviation stands for, behind any modifier before it ("Brig. Gen.":
    "brigadier general", "Army Maj.": "Army major"); other titles as written."""
    for short, full in grammar.spelled.items():
        if title == short or title.endswith(f" {short}"):
            return title[: len(title) - len(short)] + full
    return title


_BODIES = frozenset({"organization", "armed_force", "media", "group"})
_EMPLOYERS = _BODIES - {"group"}


def resolve_role(
    match: RoleMatch,
    *,
    entities_in: EntityLookup,
    dates: Sequence[TimeExpression],
    sentence_index: int,
) -> Role:
    """Tie a role to the organisation and country it names, and to stated dates."""
    inside = entities_in(match.start, match.end)
    # a people before a trade is no employer: "African American radio host X"
    bodies = _EMPLOYERS if match.kind == "occupation" else _BODIES
    orgs = [e for e in inside if e[1] in bodies]
    # "Senator X of Georgia": a US state's name, after the post of a US state's
    # representative, is no sure sign of the post's country (the knowledge base's stands)
    states = [
        e for e in inside if e[1] == "state" and not _a_us_states_post(match.title, e[3], e[2])
    ]
    org = orgs[-1] if orgs else None
    country = states[0][0].split(":", 1)[1] if states else (org[2] if org else None)
    start, end = _role_dates(dates, sentence_index)
    return Role(
        title=match.title,
        kind=match.kind,
        qualifier=match.qualifier,
        organization=org[3] if org else None,
        organization_id=org[0] if org else None,
        country=country,
        start=start,
        end=end,
    )


# posts a US state elects or sends to Congress: "Senator X of Georgia" is the US state's
_US_STATE_POSTS = ("senator", "representative", "congressman", "congresswoman", "governor")


def _a_us_states_post(title: str, name: str, country: str | None) -> bool:
    lowered = title.lower()
    return country != "USA" and is_us_state(name) and any(p in lowered for p in _US_STATE_POSTS)


def _role_dates(dates: Sequence[TimeExpression], sentence: int) -> tuple[str | None, str | None]:
    start = end = None
    for expr in dates:
        if expr.sentence != sentence or expr.value is None:
            continue
        if expr.relation in {"until", "by", "before"}:
            end = expr.value
        elif expr.relation in {"since", "from", "after"}:
            start = expr.value
    return start, end
