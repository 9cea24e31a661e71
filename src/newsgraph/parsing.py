"""Parsing with spaCy at any length: over-long runs without spaces broken up for the tokenizer
(`tokenizable`), long texts parsed in windows and joined back with their offsets (`windows`,
`parse`), batches bounded by tokens as well as by count."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc

# spaCy's tokenizer strips a word's prefixes and suffixes one character at a time, which takes
# quadratic time on a long run without spaces (50 KB of quotes or brackets: minutes). No word
# of prose is this long, so such runs are broken with spaces every RUN_BREAK characters in the
# copy the parser reads; the length is unchanged, so every offset stays right.
LONGEST_RUN = 200
RUN_BREAK = 100
_LONG_RUN = re.compile(rf"\S{{{LONGEST_RUN},}}")


def tokenizable(text: str) -> str:
    """`text` with over-long runs of non-space characters broken up, offsets unchanged."""
    if _LONG_RUN.search(text) is None:
        return text
    return _LONG_RUN.sub(_break_run, text)


def _break_run(match: re.Match[str]) -> str:
    run = list(match.group())
    for i in range(RUN_BREAK, len(run), RUN_BREAK):
        run[i] = " "
    return "".join(run)


# Characters parsed as one spaCy document. The parser's and the recogniser's memory grow with
# the document, so a long text is parsed in windows cut after a paragraph or sentence end and
# joined back into one Doc with the same text and offsets: a 150,000-word file costs what its
# windows cost, not gigabytes.
WINDOW = 20_000
_CUTS = (re.compile(r"\n\s*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?][\"'”’)\]]*\s+"),
         re.compile(r"\s+"))  # fmt: skip


def windows(text: str, size: int | None = None) -> list[str]:
    """Consecutive pieces of `text` (joined, they are `text`), each at most `size` (WINDOW)
    characters where a break allows, each cut after the strongest break in its second half."""
    size = size or WINDOW
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        end = _cut(text, start + size // 2, start + size) or start + size
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def _cut(text: str, low: int, high: int) -> int | None:
    for pattern in _CUTS:
        last = None
        for match in pattern.finditer(text, low, high):
            last = match.end()
        if last is not None and last < high:
            return last
    return None


# Tokens parsed together at most: the model's memory grows with the tokens of a batch, and a
# window of punctuation is one token per character (8 windows of 20,000 straight quotes held
# 2 GB). A batch closes at `batch_size` windows or at this many estimated tokens.
BATCH_TOKENS = 12_000
_TOKEN = re.compile(r"\w+|[^\w\s]")


def parse(nlp: Language, texts: Sequence[str], batch_size: int) -> Iterator[Doc]:
    """One Doc per text, long texts parsed window by window (see WINDOW)."""
    pieces = [windows(text) for text in texts]
    parsed = _parsed(nlp, [p for parts in pieces for p in parts], batch_size)
    for text, parts in zip(texts, pieces, strict=True):
        docs = [next(parsed) for _ in parts]
        if len(docs) == 1:
            yield docs[0]
            continue
        joined = Doc.from_docs(docs, ensure_whitespace=False)
        yield joined if joined.text == text else nlp(text)


def _parsed(nlp: Language, pieces: Sequence[str], batch_size: int) -> Iterator[Doc]:
    """The pieces parsed in order, in batches bounded by count and by estimated tokens."""
    batch: list[str] = []
    tokens = 0
    for piece in pieces:
        size = len(_TOKEN.findall(piece))
        if batch and (len(batch) >= batch_size or tokens + size > BATCH_TOKENS):
            yield from nlp.pipe(batch, batch_size=len(batch))
            batch, tokens = [], 0
        batch.append(piece)
        tokens += size
    if batch:
        yield from nlp.pipe(batch, batch_size=len(batch))
