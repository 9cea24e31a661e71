"""Interviews and transcripts: lines that open with a speaker's label are that speaker's turn.

    ((WN))  What interested you in chess?                    the interviewer: not a quote
    ((Dorsa Derakhshani))  I got interested because of my dad.   a direct quote, Derakhshani's
    He used to play in high school.                          still hers, until the next label

Wikinews writes labels as "((Name))"; transcripts elsewhere as "Name:" or "Q:"/"A:" at the
start of a line. A document is read as a transcript only when at least `MIN_TURNS` lines open
with a label, two labels differ, and someone asks the questions or two labels name people of
the document. Each sentence of an answer becomes a direct quote of its speaker (the
interviewer's questions are the article's own voice), so an event told in an answer is
`reported`, attributed to the speaker, like any event inside a direct quote
(`annotate.quotes.reported_in_quotes`; docs/annotation.md §7.1).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from newsgraph.folding import fold
from newsgraph.models import Entity, EntityType, Evidence, Quote

MIN_TURNS = 3
_LABEL = re.compile(
    r"^[ \t]*(?:\(\((?P<a>[^()\n]{1,60})\)\)|(?P<b>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):)"
    r"[ \t]*(?=\S)",
    re.MULTILINE,
)
# words that open a line like a speaker's label but are captions or notes
_NOT_SPEAKERS = re.compile(r"(?:Image|File|Photo|Caption|Source|Sources|Note|Update|Correction)$")
# labels of whoever asks the questions, when the questions do not give them away
_INTERVIEWERS = frozenset({"wn", "wikinews", "q", "question", "interviewer", "host"})


@dataclass(frozen=True, slots=True)
class Turn:
    """One speaker's turn: the label, and the text it covers up to the next label."""

    label: str
    start: int  # where the turn's words begin (after the label)
    end: int
    speaker: str | None  # entity id
    interviewer: bool


def speaker_turns(text: str, entities: Sequence[Entity]) -> list[Turn]:
    """The turns of a transcript, or [] when the text is not one."""
    labels = [m for m in _LABEL.finditer(text) if not _NOT_SPEAKERS.search(_name(m))]
    names = [_name(m) for m in labels]
    if len(labels) < MIN_TURNS or len(set(names)) < 2:
        return []
    ends = [m.start() for m in labels[1:]] + [len(text)]
    spans = [
        (name, m.start(), m.end(), end) for m, name, end in zip(labels, names, ends, strict=True)
    ]
    asks = _askers(text, spans)
    speakers = _Speakers(entities)
    turns = [
        Turn(name, words, end, speakers.of(name, start, words),
             fold(name).lower() in _INTERVIEWERS or name in asks)
        for name, start, words, end in spans
    ]  # fmt: skip
    if not _is_conversation(turns):
        return []
    return turns


def _is_conversation(turns: Sequence[Turn]) -> bool:
    """Someone asks (an interviewer's label, or a label whose turns are questions) or two
    labels name people of the document ("BIDEN:", "TRUMP:"): a run of "Date:", "Location:",
    "Contact:" lines is neither."""
    speakers = {t.speaker for t in turns if not t.interviewer and t.speaker is not None}
    return any(t.interviewer for t in turns) or len(speakers) >= 2


def _name(match: re.Match[str]) -> str:
    return (match.group("a") or match.group("b") or "").strip()


def _askers(text: str, spans: Sequence[tuple[str, int, int, int]]) -> set[str]:
    """Labels most of whose turns (label, label start, words start, end) are questions."""
    asked: Counter[str] = Counter()
    spoke: Counter[str] = Counter()
    for name, _, words, end in spans:
        spoke[name] += 1
        asked[name] += text[words:end].rstrip().endswith("?")
    return {name for name, n in spoke.items() if 2 * asked[name] > n}


class _Speakers:
    """The entity a label names: one mentioned inside the label, else one whose name or alias
    is the label, else the one whose surname it is, else the one person whose initials it is
    ("NG"). Mentions are found by bisection and names looked up once each, so a transcript of
    thousands of turns costs turns + entities."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.entities = entities
        self.mentions = sorted((m.start, e.id) for e in entities for m in e.mentions)
        self.starts = [start for start, _ in self.mentions]
        self.by_name: dict[str, str | None] = {}

    def of(self, name: str, start: int, end: int) -> str | None:
        i = bisect.bisect_left(self.starts, start)
        if i < len(self.starts) and self.starts[i] < end:
            return self.mentions[i][1]
        if name not in self.by_name:
            self.by_name[name] = self._named(name)
        return self.by_name[name]

    def _named(self, name: str) -> str | None:
        key = fold(name).lower()
        for entity in self.entities:
            if key in {fold(n).lower() for n in (entity.name, *entity.aliases)}:
                return entity.id
        last = key.split()[-1] if key else ""
        named = [
            e.id for e in self.entities if last and fold(e.name).lower().split()[-1:] == [last]
        ]
        if not named and 2 <= len(name) <= 4 and name.isalpha() and name.isupper():
            # an interview's initials ("NG:" for Natasha Gownaris): the one person they spell
            named = [e.id for e in self.entities
                     if e.type == EntityType.PERSON and _initials(e.name) == name]  # fmt: skip
        return named[0] if len(named) == 1 else None


def _initials(name: str) -> str:
    """ "Natasha Gownaris" -> "NG" (capitalised words only: "Vincent van Gogh" -> "VG")."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def turn_quotes(
    turns: Sequence[Turn], sentences: Sequence[tuple[int, int]], text: str, document_id: str
) -> list[Quote]:
    """A direct quote of its speaker for each sentence of an answer (from the turn's start)."""
    quotes = []
    ends = [end for _, end in sentences]
    for turn in turns:
        if turn.interviewer:
            continue
        # only the sentences the turn overlaps, found by bisection: a transcript of many short
        # turns would otherwise cost turns x sentences
        first = bisect.bisect_right(ends, turn.start)
        for index in range(first, len(sentences)):
            start, end = sentences[index]
            if start >= turn.end:
                break
            start, end = max(start, turn.start), min(end, turn.end)
            words = text[start:end].strip()
            if end <= start or not words:
                continue
            start += len(text[start:end]) - len(text[start:end].lstrip())
            end = start + len(words)
            quotes.append(
                Quote(
                    id="",
                    text=words,
                    kind="direct",
                    speaker=turn.speaker,
                    verb=None,
                    stance="state",
                    evidence=Evidence(document_id, index, start, end),
                )
            )
    return quotes
