"""Names the small English model misses, found from what the document already says: a person
named in full and later by surname alone, a party family's name before a politician's title
("Conservative MP Philip Hammond"), and the body an office-holder's title names ("the
Attorney General's Office"). The recognizer (`annotate/entities.py`) claims these among its
other tiers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from spacy.tokens import Doc, Span, Token

from newsgraph.annotate.candidates import Candidate, _candidate
from newsgraph.folding import fold
from newsgraph.models import EntityType, MentionKind


def party_families(
    doc: Doc,
    words: Sequence[str],
    sentence_of: Sequence[int],
    families: frozenset[str],
    title_nouns: frozenset[str],
) -> list[tuple[Span, Candidate]]:
    """A party family's name that modifies a politician's title names the party: "Conservative
    MP Philip Hammond", "Liberal Democrat leader Jo Swinson", "Two Democratic Representatives".
    Only capitalised ("conservative voters" is no party) and only before a title, where the
    word cannot be read as anything else. `words` are the doc's token texts (spaCy builds a
    new Token or Span object on every access, so the scan reads plain strings)."""
    phrases = _by_first_word(families)
    out = []
    i = 0
    while i < len(words):
        for phrase in phrases.get(words[i], ()):
            end = i + len(phrase)
            if tuple(words[i:end]) != phrase:
                continue
            last = doc[end - 1]
            if (
                last.dep_ in _MODIFIER_DEPS
                and last.head.i > last.i
                and _singular(last.head.lower_) in title_nouns
            ):
                span = doc[i:end]
                out.append((span, _candidate(span, sentence_of, "pattern", EntityType.GROUP,
                                             label="NORP")))  # fmt: skip
                i = end - 1
            break
        i += 1
    return out


@cache
def _by_first_word(families: frozenset[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The names as word tuples under their first word, longest first."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for name in families:
        split = tuple(name.split())
        found.setdefault(split[0], []).append(split)
    return {w: tuple(sorted(p, key=len, reverse=True)) for w, p in found.items()}


def _singular(word: str) -> str:
    """A title noun's singular, enough for titles ("representatives", "mps", "meps")."""
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


_MODIFIER_DEPS = frozenset({"amod", "compound"})


def surname_echoes(
    doc: Doc,
    found: Sequence[Candidate],
    sentence_of: Sequence[int],
    given_names: frozenset[str] = frozenset(),
) -> list[tuple[Span, Candidate]]:
    """A person named in full is named later by surname alone ("Affleck tweeted, ..."),
    which the small model often leaves untagged, losing the speaker of a quote or the side
    of an event. A later capitalised word equal to the surname of one person the document
    names in full is a mention of that person, unless it is part of a longer name ("Ford
    Motor Company" of a "Gerald Ford"). Of several bearers, the surname is the one named in a
    sentence before any other's (the story's "Elijah Cummings" before his parents, "Robert
    Cummings Sr. and Ruth Elma Cummings"); bearers first named in the same sentence leave it
    to none. A Spanish or Portuguese name's first surname is one too ("Nunez" of "Mario Nunez
    Meza", "López" of "Andrés Manuel López Obrador")."""
    first: dict[str, int] = {}  # surname -> end of the first full-name mention
    introduced: dict[str, dict[str, int]] = {}  # surname -> bearer -> sentence first named
    for cand in found:
        if cand.type != EntityType.PERSON or cand.kind != MentionKind.NAME:
            continue
        for surname in (surname_of(cand.text), first_surname(cand.text, given_names)):
            if surname is None:
                continue
            bearers = introduced.setdefault(surname, {})
            named = fold(cand.text)
            bearers[named] = min(bearers.get(named, cand.sentence), cand.sentence)
            first[surname] = min(first.get(surname, cand.end), cand.end)
    if not first:
        return []
    out = []
    for token in doc:
        surname = token.text
        if surname not in first or token.idx < first[surname]:
            continue
        if not _one_named_first(introduced[surname]):
            continue
        if _in_longer_name(token, sentence_of):
            continue
        span = doc[token.i : token.i + 1]
        out.append((span, _candidate(span, sentence_of, "ner", EntityType.PERSON)))
    return out


def surname_of(name: str) -> str | None:
    """The surname of a person's name of two words or more, when it is a plain capitalised
    word of three letters or more ("Trump" of "Melania Trump"; none of "Fidel Castro Jr.")."""
    words = name.split()
    last = words[-1] if len(words) >= 2 else ""
    return last if len(last) > 2 and last[0].isupper() and last.isalpha() else None


def first_surname(name: str, given_names: frozenset[str]) -> str | None:
    """The first of two surnames (Spanish and Portuguese custom) of a name of three words or
    more that opens with a given name: the word before the last, when it is no given name
    itself ("Alberto" of "Jaime Alberto Parra") and a plain capitalised word."""
    words = _given_name_first(name, given_names)
    if words is None:
        return None
    word = words[-2]
    plain = len(word) > 2 and word[0].isupper() and word.isalpha()
    return word if plain and word not in given_names else None


def surnames_of(name: str, given_names: frozenset[str]) -> str | None:
    """Both surnames of a name that opens with given names and has two or more words after
    them (Spanish and Portuguese custom): "Munoz Licona" of "Jose Luis Munoz Licona",
    "Ramirez del Cid" of "Ricardo Ramirez del Cid"."""
    words = _given_name_first(name, given_names)
    if words is None:
        return None
    first = next((i for i, w in enumerate(words[1:], 1) if w not in given_names), len(words))
    return " ".join(words[first:]) if len(words) - first >= 2 else None


def _given_name_first(name: str, given_names: frozenset[str]) -> list[str] | None:
    """The words of a name of three words or more that opens with a given name, else None."""
    words = name.split()
    return words if len(words) >= 3 and words[0] in given_names else None


def _one_named_first(bearers: dict[str, int]) -> bool:
    """Whether one bearer of a surname was named in a sentence before all the others."""
    sentences = sorted(bearers.values())
    return len(sentences) == 1 or sentences[0] < sentences[1]


def _in_longer_name(token: Token, sentence_of: Sequence[int]) -> bool:
    doc = token.doc
    neighbours = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
    return any(
        t.text[:1].isupper() and t.pos_ == "PROPN" and sentence_of[t.i] == sentence_of[token.i]
        for t in neighbours
    )


_WORD = re.compile(r"[A-Z][a-z]+")


@cache
def _owned_body(bodies: frozenset[str]) -> re.Pattern[str]:
    """Up to four capitalised words, "'s" (which writers drop too) and one of `bodies`:
    "Attorney General's Office", "the Attorney General Office"."""
    nouns = "|".join(sorted(re.escape(b) for b in bodies))
    return re.compile(rf"\b((?:[A-Z][a-z]+[ -]){{0,3}}[A-Z][a-z]+)(['\u2019]s)? ({nouns})\b")


def title_offices(
    doc: Doc,
    text: str,
    sentence_of: Sequence[int],
    titles: frozenset[tuple[str, ...]],
    bodies: frozenset[str],
) -> list[tuple[Span, Candidate]]:
    """The body an office-holder's title names: "the Attorney General's Office", "the Prime
    Minister's Office", "Public Prosecutor's Office" (one of `bodies` after a title of
    `titles`, the longest that ends the words before "'s"). NER misses these or cuts them
    ("General's Office"); they are organisations, never people."""
    if not bodies:
        return []
    out = []
    for match in _owned_body(bodies).finditer(text):
        words = list(_WORD.finditer(match.group(1)))
        lower = [w.group().lower() for w in words]
        first = next((k for k in range(len(words)) if tuple(lower[k:]) in titles), None)
        opening = 1 if lower[:1] == ["the"] else 0  # "The Attorney General Office"
        if first is None or (first > opening and not match.group(2)):
            # without "'s" the title is the whole name before the body: "the Reconnaissance
            # General Bureau" is no general's bureau
            continue
        start = match.start(1) + words[first].start()
        span = doc.char_span(start, match.end(), alignment_mode="expand")
        if span is not None:
            out.append((span, _candidate(span, sentence_of, "pattern", EntityType.ORGANIZATION)))
    return out


# 'alias "Cobra"', "alias Chueco", 'a.k.a. "El Flaco"': up to three capitalised words
_NICKNAME = re.compile(
    r"""\b(?:alias|a\.k\.a\.|aka)\s+["“]?((?:[A-Z][\w'’-]*)(?:\s+[A-Z][\w'’-]*){0,2})"""
)


def nicknames(doc: Doc, text: str, sentence_of: Sequence[int]) -> list[tuple[Span, Candidate]]:
    """The names after "alias": people, in crime reporting above all ('police arrested
    alias "Cobra"'; NER misses them or reads them as things). A nickname right after a full
    name is that person's alias (`resolve.clusters`)."""
    out = []
    for match in _NICKNAME.finditer(text):
        span = doc.char_span(match.start(1), match.end(1), alignment_mode="contract")
        if span is not None and len(span) > 0:
            out.append((span, _candidate(span, sentence_of, "pattern", EntityType.PERSON)))
    return out


_NAME_WORD = r"[A-Z][\w'’-]+"
# 'Raul "Coya" Martinez': a given name (and perhaps a second), a quoted nickname, a surname
_QUOTED_NICKNAME = re.compile(
    rf"""\b({_NAME_WORD}(?:\s+{_NAME_WORD})?)\s+["“][A-Z][^"”\n]{{0,30}}["”]\s+"""
    rf"""({_NAME_WORD}(?:\s+{_NAME_WORD})?)\b"""
)


def without_nickname(name: str) -> str:
    """A person's name without the quoted nickname inside it: 'Raul "Coya" Martinez' is Raul
    Martinez."""
    return _INNER_NICKNAME.sub(" ", name)


_INNER_NICKNAME = re.compile(r"\s+[\"“][^\"”]{1,30}[\"”]\s+")


def nicknamed_names(
    doc: Doc, text: str, sentence_of: Sequence[int], given_names: frozenset[str]
) -> list[tuple[Span, Candidate]]:
    """A person's name with a quoted nickname inside it, opening with a given name ('Raul
    "Coya" Martinez', 'Jose "El Gordo" Perez'): NER misses them or keeps only the given name.
    The person is named without the nickname (`resolve.entities`)."""
    out = []
    for match in _QUOTED_NICKNAME.finditer(text):
        if match.group(1).split()[0] not in given_names:
            continue
        span = doc.char_span(match.start(), match.end(), alignment_mode="contract")
        if span is not None and len(span) > 0:
            out.append((span, _candidate(span, sentence_of, "pattern", EntityType.PERSON)))
    return out


def titled_names(
    doc: Doc,
    words: Sequence[str],
    sentence_of: Sequence[int],
    titles: frozenset[str],
    given_names: frozenset[str],
) -> list[tuple[Span, Candidate]]:
    """A name opened by a common given name right after a lower-case title ("argues blogger
    Alejandro Hope", "said analyst Maria Perez"): the small model's NER misses some of them,
    depending on the title. `words` are the doc's token texts, read instead of its tokens
    (spaCy builds a token object on every access)."""
    out = []
    for i, word in enumerate(words[:-2]):
        if not word.islower() or word not in titles:
            continue
        end = _given_name_run(doc, i + 1, given_names, longest=3, proper_nouns=False)
        if end is not None:
            span = doc[i + 1 : end]
            out.append((span, _candidate(span, sentence_of, "pattern", EntityType.PERSON)))
    return out


def given_name_demonyms(
    doc: Doc,
    words: Sequence[str],
    people: Sequence[Span],
    sentence_of: Sequence[int],
    given_names: frozenset[str],
    demonyms: frozenset[str],
    state_prepositions: frozenset[str],
) -> list[tuple[Span, Candidate]]:
    """A given name that is also a people's name, opening a person's name: "German Vargas
    Lleras" (Germán, a Colombian vice president), "German Arturo Lopez Veliz". The small model
    reads the first word as the demonym. It opens a name when NER's person starts right after
    it, or when another given name and capitalised words follow. Not after a
    determiner or a preposition after which a state's name is the state (`state_prepositions`:
    "the German Olaf Scholz", "in Israel Benjamin Netanyahu won"; "identified as German
    Arturo ..." is a name), nor before a title ("German Chancellor Angela Merkel"). `demonyms`
    are the given names that are demonyms too; `words` the doc's token texts (spaCy builds a
    token object on every access)."""
    person_end = {p.start: p.end for p in people if p.label_ == "PERSON"}
    out = []
    for i, word in enumerate(words[:-1]):
        if word not in demonyms:
            continue
        if i > 0 and (doc[i - 1].pos_ == "DET" or words[i - 1].lower() in state_prepositions):
            continue
        end = person_end.get(i + 1) or _given_name_run(doc, i + 1, given_names, longest=4)
        if end is None or sentence_of[end - 1] != sentence_of[i]:
            continue
        span = doc[i:end]
        out.append((span, _candidate(span, sentence_of, "pattern", EntityType.PERSON)))
    return out


def _given_name_run(
    doc: Doc, start: int, given_names: frozenset[str], *, longest: int, proper_nouns: bool = True
) -> int | None:
    """The end of a given name and the capitalised names after it ("Arturo Lopez Veliz"),
    `longest` words at most, the names after it proper nouns or (`proper_nouns` False) any
    capitalised words of letters; None unless a surname follows the given name."""
    if doc[start].text not in given_names or not doc[start].is_title:
        return None
    end = start + 1
    while end < len(doc) and end - start < longest and doc[end].is_title:
        if not (doc[end].pos_ == "PROPN" if proper_nouns else doc[end].is_alpha):
            break
        end += 1
    return end if end - start >= 2 else None
