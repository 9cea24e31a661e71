"""A body's national branch: "Amnesty International Argentina", "CNN Philippines", "Facebook
Ireland Limited".

The gazetteer knows the parent, and its hit would make the branch the parent, with the
parent's country (Facebook's is the United States). A known body's name followed by a state's
own name (and perhaps a company suffix) names another actor: the branch, based in that state.
Its candidate has no gazetteer entry, so it resolves as a body of its own: the country its name
ends with is its country, and it is the same kind of body as its parent
(`resolve/entities`).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span

from newsgraph.annotate.candidates import Candidate, _candidate
from newsgraph.lexicon.gazetteer import Gazetteer
from newsgraph.models import EntityType

# bodies that have branches in other states; an international organisation's country office
# ("UNICEF Yemen") is the organisation itself acting there
_BRANCHING = frozenset({EntityType.ORGANIZATION, EntityType.MEDIA})
_COUNTRYLESS = frozenset({"IGO", "IMG"})
_LONGEST_STATE = 3  # words: "Democratic Republic of the Congo" is named by its short forms


def national_branches(
    doc: Doc,
    hits: Sequence[tuple[Span, Candidate]],
    gazetteer: Gazetteer,
    company_suffixes: frozenset[str],
    sentence_of: Sequence[int],
) -> list[tuple[Span, Candidate]]:
    """The gazetteer's name hits, each known body that a state's name follows replaced by its
    branch."""
    out = []
    for span, cand in hits:
        end = _branch_end(span, cand, gazetteer, company_suffixes)
        if end is None:
            out.append((span, cand))
            continue
        branch = doc[span.start : end]
        parent = cand.entry
        out.append((branch, _candidate(branch, sentence_of, "pattern", cand.type, parent=parent)))
    return out


def _branch_end(
    span: Span, cand: Candidate, gazetteer: Gazetteer, company_suffixes: frozenset[str]
) -> int | None:
    """Where the branch a body's name opens ends, or None when no state's name follows it."""
    entry = cand.entry
    if entry is None or cand.type not in _BRANCHING or entry.country in _COUNTRYLESS:
        return None
    doc = span.doc
    for size in range(_LONGEST_STATE, 0, -1):
        end = span.end + size
        if end > len(doc) or not _capitalised_state(doc[span.end : end], gazetteer):
            continue
        if end < len(doc) and doc[end].lower_.rstrip(",") in company_suffixes:
            end += 1
        return end if _ends_the_name(doc, end) else None
    return None


def _capitalised_state(words: Span, gazetteer: Gazetteer) -> bool:
    first = words[0]
    return (first.is_title or first.is_upper) and gazetteer.names_a_state(words.text)


def _ends_the_name(doc: Doc, end: int) -> bool:
    """Whether the name stops at `end`: no longer name goes on ("Google India Private"), and the
    state does not describe a noun after it ("the IMF Ukraine programme", "her BBC Russia
    editor" are not branches)."""
    if end >= len(doc):
        return True
    after = doc[end]
    if after.is_title or after.text in {"'s", "’s", "-", "–"}:
        return False
    return not (after.pos_ in {"NOUN", "PROPN"} and doc[end - 1].head.i >= end)
