"""Phrase lookup over token texts: which token spans of a doc are one of many known phrases.

What spaCy's PhraseMatcher does for the gazetteer (every match, overlapping ones included, in
order of start and then length), without building a Doc per phrase: the phrases are kept as
tuples of token texts, tokenised once by the pipeline's tokenizer and cached between processes
(`lexicon.cache`), so a process starts without re-tokenising the gazetteer.

>>> Phrases([("Sergei", "Lavrov"), ("Lavrov",)]).find(["Sergei", "Lavrov", "said"])
[(0, 2), (1, 2)]
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from spacy.about import __version__ as spacy_version
from spacy.language import Language

from newsgraph.lexicon.cache import cached


class Phrases:
    """A set of token sequences, indexed by first token."""

    def __init__(self, phrases: Iterable[Sequence[str]]) -> None:
        self.phrases: set[tuple[str, ...]] = set()
        lengths: dict[str, set[int]] = {}
        for phrase in phrases:
            if phrase:
                self.phrases.add(tuple(phrase))
                lengths.setdefault(phrase[0], set()).add(len(phrase))
        self.lengths = {first: tuple(sorted(found)) for first, found in lengths.items()}

    def find(self, words: Sequence[str]) -> list[tuple[int, int]]:
        """(start, end) token offsets of every phrase in `words`, by start, then by length."""
        found = []
        for start, word in enumerate(words):
            for length in self.lengths.get(word, ()):
                end = start + length
                if end <= len(words) and tuple(words[start:end]) in self.phrases:
                    found.append((start, end))
        return found


def tokenized(nlp: Language, groups: Sequence[Sequence[str]]) -> list[list[tuple[str, ...]]]:
    """Each group's strings as tuples of token texts by `nlp`'s tokenizer, cached per pipeline
    (name, version, spaCy's version) and content."""
    digest = hashlib.sha256()
    meta = nlp.meta
    for part in (spacy_version, meta.get("lang"), meta.get("name"), meta.get("version")):
        digest.update(f"{part}\0".encode())
    for group in groups:
        digest.update("\0".join(group).encode() + b"\1")
    return cached(
        "phrases",
        digest.hexdigest()[:20],
        lambda: [[tuple(t.text for t in nlp.make_doc(s)) for s in group] for group in groups],
    )
