"""Sentence segmentation for gold annotation.

Gold sentences are cut by this small, deterministic splitter rather than by the spaCy model,
so the corpus does not change when the model does and annotators can reproduce the numbering
with no model installed. The harness maps the product's output onto gold sentences by
character offsets, so the two segmentations need not agree.
"""

from __future__ import annotations

import re

# Abbreviations after which a full stop does not end a sentence ("Mr. Putin", "U.S. forces").
_NO_BREAK_AFTER = (
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "St",
    "Gen",
    "Col",
    "Lt",
    "Sgt",
    "Gov",
    "Sen",
    "Rep",
    "No",
    "vs",
    "Jr",
    "Inc",
    "Co",
    "Prof",
    "Capt",
    "Maj",
    "Adm",
    "Brig",
    "Cmdr",
    "Rev",
    "Mt",
    "Ft",
)
_GUARDS = "".join(rf"(?<!\b{word})" for word in _NO_BREAK_AFTER)
# A full stop after a single capital ("U.S.", "J. Smith") or inside an initialism is not a break.
_BREAK = re.compile(_GUARDS + r"(?<!\b[A-Z])[.!?][\"”’')\]]*\s+(?=[\"“'‘(\[]?[A-Z0-9])")
_PARAGRAPH = re.compile(r"[^\n]+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of `text`: paragraphs first, then sentence ends."""
    spans: list[tuple[int, int]] = []
    for paragraph in _PARAGRAPH.finditer(text):
        base, body = paragraph.start(), paragraph.group()
        last = 0
        for cut in _BREAK.finditer(body):
            _append(spans, base + last, body[last : cut.end()])
            last = cut.end()
        _append(spans, base + last, body[last:])
    return spans


def _append(spans: list[tuple[int, int]], start: int, chunk: str) -> None:
    stripped = chunk.rstrip()
    lead = len(stripped) - len(stripped.lstrip())
    if stripped.strip():
        spans.append((start + lead, start + len(stripped)))
