"""TokenAttributes sets exactly what the stock attribute ruler and lemmatizer set."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.annotate.nlp import PARAGRAPHS
from newsgraph.annotate.token_attributes import COMPONENT, TokenAttributes, accelerate
from newsgraph.pipeline import Extractor

# Slang and contractions (the ruler's many-token and REGEX rules), existential "there",
# line breaks and double spaces (whitespace tokens), names, numbers, quotes.
TEXTS = [
    "I'm gonna go, y'all. Let's see! Ain't nothin' wrong. C'mon, we gotta run.",
    "There is a cat. There's hope, and there are 100 troops; there were none.",
    'Lavrov warned Pompeo on May 1, 2019:  "The continuation of aggressive actions '
    'may result in the gravest of consequences."\n\nRussia has not denied it.',
    "The S-300VM systems, worth over $11 billion, weren't delivered; Su-30MK2s were.",
    "She'd've said it wasn't his. They're leaving; we'll see. He isn't sure it's ours.",
]
COLUMNS = ("tag_", "pos_", "morph", "lemma_", "dep_")


def _attributes(doc: Doc) -> list[tuple[str, ...]]:
    return [tuple(str(getattr(t, name)) for name in COLUMNS) for t in doc]


@pytest.fixture(scope="module")
def stock(extractor: Extractor) -> Language:
    """The model as newsgraph loads it, with the stock ruler and lemmatizer."""
    nlp = spacy.load(extractor.settings.model)
    nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp


def test_the_pipeline_uses_it_in_place_of_the_ruler_and_lemmatizer(extractor: Extractor) -> None:
    names = extractor.nlp.pipe_names
    assert COMPONENT in names
    assert "attribute_ruler" not in names and "lemmatizer" not in names
    assert names.index(COMPONENT) < names.index("ner")


def test_every_token_gets_the_stock_attributes(extractor: Extractor, stock: Language) -> None:
    ours = list(extractor.nlp.pipe(TEXTS))
    theirs = list(stock.pipe(TEXTS))
    for a, b in zip(ours, theirs, strict=True):
        assert _attributes(a) == _attributes(b)
    # The texts reach the ruler's many-token and REGEX rules, not only the one-token ones.
    lemmas = {t.text.lower(): t.lemma_ for doc in ours for t in doc}
    assert lemmas["y'"] == "you" and lemmas["gon"] == "go" and lemmas["nothin'"] == "nothing"
    there = [t for t in ours[1] if t.lower_ in ("is", "are", "were")]
    assert {t.pos_ for t in there} == {"VERB"}


def _tagged(nlp: Language, rows: list[tuple[str, str, str]]) -> Doc:
    words, tags, deps = (list(column) for column in zip(*rows, strict=True))
    heads = [max(i - 1, 0) for i in range(len(words))]
    return Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=heads)


RULES: list[dict[str, Any]] = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": {"IN": ["NNS", "NNPS"]}}]], "attrs": {"MORPH": "Number=Plur"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["NN", "NNS"]}, "LOWER": "troops"}]], "attrs": {"POS": "X"}},
    # A later rule overrides one attribute of an earlier match and keeps the others.
    {"patterns": [[{"TAG": "NN", "LOWER": "cat"}]], "attrs": {"POS": "PROPN"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}},
    {"patterns": [[{"DEP": "expl"}, {"LOWER": "is"}]], "attrs": {"POS": "VERB"}, "index": 1},
    {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], "attrs": {"LEMMA": "you"}},
    {"patterns": [[{"LOWER": "the"}, {"TAG": "NN"}]], "attrs": {"DEP": "det"}, "index": -2},
    {"patterns": [[{"LOWER": {"REGEX": "^t"}}]], "attrs": {"LEMMA": "T"}},
    # Rules after a many-token rule still win over it on the tokens both set.
    {"patterns": [[{"LOWER": "is"}]], "attrs": {"POS": "AUX"}},
]
ROWS = [
    ("There", "EX", "expl"),
    ("is", "VBZ", "ROOT"),
    ("the", "DT", "det"),
    ("cat", "NN", "nsubj"),
    (" ", "_SP", "dep"),
    ("and", "CC", "cc"),
    ("troops", "NNP", "conj"),
    ("y'", "PRP", "nsubj"),
    ("all", "DT", "det"),
    ("the", "DT", "det"),
    ("dog", "NN", "dobj"),
    ("tanks", "NNS", "conj"),
]


def test_rules_of_every_kind_apply_in_the_rulers_order() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(RULES)
    expected = ruler(_tagged(nlp, ROWS))
    actual = TokenAttributes(ruler, None)(_tagged(nlp, ROWS))
    assert _attributes(actual) == _attributes(expected)
    assert [t.pos_ for t in actual][:4] == ["", "AUX", "", "PROPN"]
    assert actual[7].lemma_ == "you" and actual[6].pos_ == "X" and actual[9].dep_ == "det"


def test_a_ruler_that_sets_other_attributes_is_left_alone() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns([{"patterns": [[{"LOWER": "u"}]], "attrs": {"NORM": "you"}}])
    assert accelerate(nlp) is False
    assert nlp.pipe_names == ["attribute_ruler"]
