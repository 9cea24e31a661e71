"""The model's attribute ruler and lemmatizer, computed once per distinct token.

spaCy's `attribute_ruler` matches its ~180 rules against every token and sets each match's
attributes one by one from Python, and its rule lemmatizer recomputes every base form it
meets: on news text the two take about a fifth of the small model's time, more than the
parser. Both are pure functions of a few attributes of the token, so `TokenAttributes` works
them out once per distinct input and writes whole columns with `Doc.from_array`:

- a rule whose patterns are all one token long and only test that token's own attributes
  (`TAG`, `LOWER`, `DEP`, `IS_SPACE`..., by value, `IN` or `NOT_IN`) is decided once per
  distinct combination of the values the rules mention;
- every other rule (several tokens, `REGEX`...) still goes through a spaCy `Matcher`;
- rules apply in the ruler's order, later ones overriding earlier ones, as in the ruler;
- the lemmatizer runs on a token only when its (text, POS, morphology) has not been seen.

The result is the same Doc, attribute for attribute: the tests compare every token's TAG,
POS, MORPH, LEMMA and DEP with the stock components'. `accelerate` installs it only for
components of the kinds it reproduces and leaves any other pipeline as it is.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, cast

import numpy as np
from spacy.attrs import DEP, IDS, LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.vocab import Vocab

COMPONENT = "newsgraph_token_attributes"
RULER = "attribute_ruler"
LEMMATIZER = "lemmatizer"
_OUTPUTS = (TAG, POS, MORPH, LEMMA, DEP)  # the attributes a rule may set, as columns
_STRING_KEYS = {"ORTH", "TEXT", "LOWER", "NORM", "TAG", "POS", "DEP"}
_FLAG_KEYS = {"IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_LOWER", "IS_UPPER"}
_MEMO_LIMIT = 250_000  # distinct lemmatizer inputs remembered: memory stays bounded


@dataclass(frozen=True)
class _Test:
    """One attribute test of a pattern token, on the attribute's integer value."""

    attr: int
    values: frozenset[int]
    negate: bool  # NOT_IN
    regex: re.Pattern[str] | None = None  # REGEX instead of values (window tests only)

    def passes(self, value: int) -> bool:
        return (value in self.values) != self.negate

    @cached_property
    def array(self) -> np.ndarray:  # built once: the window tests read it for every Doc
        return np.array(sorted(self.values), dtype=np.uint64)


@dataclass(frozen=True)
class _Rule:
    patterns: tuple[tuple[_Test, ...], ...]  # one-token patterns (any may match); () if none
    attrs: tuple[tuple[int, int], ...]  # (column in _OUTPUTS, value) the rule sets


@dataclass(frozen=True)
class _Compiled:
    rules: tuple[_Rule, ...]  # in the ruler's order: a rule's position is its precedence
    keys: list[int]  # the attributes the one-token rules test
    known: list[np.ndarray]  # per key, the values they mention (sorted)
    context: Matcher | None  # the rules that need more than one token, or REGEX...
    index: dict[int, int]  # such a rule -> which token of its match it sets
    # Per context pattern, its length and the (offset, test) a match must pass; None when some
    # pattern has a variable length or no such test (then the Matcher scans the whole Doc).
    windows: list[tuple[int, list[tuple[int, _Test]]]] | None
    window_keys: list[int]


class TokenAttributes:
    """Does the work of `ruler` (and of `lemmatizer`, if given), memoised per distinct input."""

    def __init__(self, ruler: AttributeRuler, lemmatizer: Lemmatizer | None) -> None:
        compiled = compile_ruler(ruler)
        if compiled is None:
            raise ValueError("the attribute ruler sets attributes TokenAttributes cannot")
        self.vocab = ruler.vocab
        self.lemmatizer = lemmatizer
        if lemmatizer is not None:
            _index_as_sets(lemmatizer)
        self.compiled = compiled
        self.memo: dict[int, tuple[frozenset[int], np.ndarray, np.ndarray]] = {}
        self.lemmas: dict[tuple[int, int, int], int] = {}
        self.searched: dict[str, dict[int, bool]] = {}  # REGEX -> value -> result

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        before = _read(doc, _OUTPUTS)
        codes, entries = self._one_token_rules(doc)
        values = np.stack([entry[1] for entry in entries])[codes]
        sets = np.stack([entry[2] for entry in entries])[codes]
        after = np.where(sets, values, before)
        if self.compiled.context is not None:
            matched = [entries[c][0] for c in codes.tolist()]
            self._context_rules(doc, before, after, matched)
        _write(doc, _OUTPUTS, after)
        if self.lemmatizer is not None:
            self._lemmatize(doc, self.lemmatizer)
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        for doc in stream:
            yield self(doc)

    def _one_token_rules(
        self, doc: Doc
    ) -> tuple[np.ndarray, list[tuple[frozenset[int], np.ndarray, np.ndarray]]]:
        """Each token's index into a list of distinct outcomes (matching rules, the values they
        set, which columns they set)."""
        # Values some rule mentions, per key, sorted; any other value acts like any other, so a
        # token's rules depend only on which of these it has: one small integer code per token.
        columns = _read(doc, self.compiled.keys)
        code = np.zeros(len(doc), dtype=np.int64)
        for k, known in enumerate(self.compiled.known):
            position = np.minimum(np.searchsorted(known, columns[:, k]), max(len(known) - 1, 0))
            hit = known[position] == columns[:, k] if len(known) else np.zeros(len(doc), bool)
            code = code * (len(known) + 1) + np.where(hit, position, len(known))
        distinct, inverse = np.unique(code, return_inverse=True)
        entries = []
        for value in distinct.tolist():
            entry = self.memo.get(value)
            if entry is None:
                entry = self.memo[value] = self._decide(self._decode(value))
            entries.append(entry)
        return inverse.reshape(-1), entries

    def _decode(self, code: int) -> dict[int, int]:
        """The attribute values a code stands for (-1: a value no rule mentions)."""
        token = {}
        keys, known_values = self.compiled.keys, self.compiled.known
        for key, known in zip(reversed(keys), reversed(known_values), strict=True):
            code, digit = divmod(code, len(known) + 1)
            token[key] = int(known[digit]) if digit < len(known) else -1
        return token

    def _decide(self, token: dict[int, int]) -> tuple[frozenset[int], np.ndarray, np.ndarray]:
        rules = frozenset(
            i
            for i, rule in enumerate(self.compiled.rules)
            if any(all(t.passes(token[t.attr]) for t in p) for p in rule.patterns)
        )
        values = self._values(rules)
        return (
            rules,
            np.array([v or 0 for v in values], dtype=np.uint64),
            np.array([v is not None for v in values]),
        )

    def _values(self, rules: Iterable[int]) -> tuple[int | None, ...]:
        values: list[int | None] = [None] * len(_OUTPUTS)
        for i in sorted(rules):  # later rules win, as in the ruler
            for column, value in self.compiled.rules[i].attrs:
                values[column] = value
        return tuple(values)

    def _context_rules(
        self, doc: Doc, before: np.ndarray, after: np.ndarray, matched: list[frozenset[int]]
    ) -> None:
        """Match the rules the memo cannot decide, then redo each token they hit with all of
        its matching rules in order (they may sit between one-token rules)."""
        extra: dict[int, set[int]] = {}
        for rule, position in self._context_matches(doc):
            extra.setdefault(position, set()).add(rule)
        for position, rules in extra.items():
            values = self._values(rules | matched[position])
            for column, value in enumerate(values):
                after[position, column] = before[position, column] if value is None else value

    def _context_matches(self, doc: Doc) -> set[tuple[int, int]]:
        """(rule, token it sets) for each match of a many-token rule. The Matcher runs only on
        the windows where a pattern's plain tests pass: its REGEX tests are Python calls."""
        compiled = self.compiled
        assert compiled.context is not None
        if compiled.windows is None:
            windows = {(0, len(doc))}
        else:
            columns = _read(doc, compiled.window_keys)
            windows = set()
            for length, tests in compiled.windows:
                starts = len(doc) - length + 1
                if starts <= 0:
                    continue
                ok = np.ones(starts, dtype=bool)
                for offset, test in tests:
                    column = columns[:, compiled.window_keys.index(test.attr)]
                    passing = self._passing(column, test)
                    found = (
                        column == passing[0] if len(passing) == 1 else np.isin(column, passing)
                    )[offset : offset + starts]
                    ok &= ~found if test.negate else found
                windows.update((int(s), int(s) + length) for s in np.flatnonzero(ok))
        found_matches = set()
        for start, end in windows:
            for match_id, first, last in compiled.context(doc[start:end], allow_missing=True):
                rule = int(self.vocab.strings[match_id])
                token = range(start + first, start + last)[compiled.index[rule]]
                found_matches.add((rule, token))
        return found_matches

    def _passing(self, column: np.ndarray, test: _Test) -> np.ndarray:
        """The values that pass `test` (before negation): a REGEX is tried on each distinct
        string of the column, as the Matcher would on each token."""
        if test.regex is None:
            return test.array
        memo = self.searched.setdefault(test.regex.pattern, {})
        if len(memo) >= _MEMO_LIMIT:
            memo.clear()
        passing = []
        for value in np.unique(column).tolist():
            result = memo.get(value)
            if result is None:
                result = memo[value] = bool(test.regex.search(self.vocab.strings[value]))
            if result:
                passing.append(value)
        return np.array(passing, dtype=np.uint64)

    def _lemmatize(self, doc: Doc, lemmatizer: Lemmatizer) -> None:
        """What the lemmatizer does, asking it only about (text, POS, morph) not seen yet."""
        columns = _read(doc, (ORTH, POS, MORPH, LEMMA))
        lemmas = columns[:, 3].copy()
        overwrite = lemmatizer.overwrite
        for i, (orth, pos, morph, lemma) in enumerate(columns.tolist()):
            if lemma and not overwrite:
                continue  # set by the ruler
            key = (orth, pos, morph)
            value = self.lemmas.get(key)
            if value is None:
                if len(self.lemmas) >= _MEMO_LIMIT:
                    self.lemmas.clear()
                value = self.lemmas[key] = self.vocab.strings.add(lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = value
        _write(doc, (LEMMA,), lemmas.reshape(-1, 1))


def _index_as_sets(lemmatizer: Lemmatizer) -> None:
    """The rule lemmatizer asks whether a candidate form is a known word of its part of speech
    (`form in index`) of lists of up to 57,000 words: a scan per question, which made
    lemmatising a new word cost 150 microseconds, six per cent of extraction. The same words
    as sets give the same answers at once. (The lemmatizer is disabled in the pipeline; this
    object only serves `_lemmatize`.)"""
    if lemmatizer.mode != "rule" or "lemma_index" not in lemmatizer.lookups.tables:
        return
    table = lemmatizer.lookups.get_table("lemma_index")
    for key, words in list(table.items()):
        if isinstance(words, list):
            table[key] = frozenset(words)


def _read(doc: Doc, attrs: Sequence[int]) -> np.ndarray:
    """Columns of `attrs`, one row per token (always two-dimensional)."""
    return np.asarray(doc.to_array(list[int | str](attrs))).reshape(len(doc), len(attrs))


def _write(doc: Doc, attrs: Sequence[int], columns: np.ndarray) -> None:
    doc.from_array(list(attrs), cast(Any, columns.astype(np.uint64, copy=False)))


def accelerate(nlp: Language) -> bool:
    """Put one `TokenAttributes` in place of `attribute_ruler` (and of the `lemmatizer` right
    after it, in rule or lookup mode); True if done. The stock components stay, disabled."""
    if RULER not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(RULER)
    if not isinstance(ruler, AttributeRuler) or compile_ruler(ruler) is None:
        return False
    lemmatizer = _companion_lemmatizer(nlp)
    nlp.add_pipe(COMPONENT, after=LEMMATIZER if lemmatizer else RULER)
    nlp.disable_pipe(RULER)
    if lemmatizer is not None:
        nlp.disable_pipe(LEMMATIZER)
    return True


@Language.factory(COMPONENT)
def make_token_attributes(nlp: Language, name: str) -> TokenAttributes:
    """spaCy factory: built from the pipeline's own attribute ruler and lemmatizer."""
    ruler = nlp.get_pipe(RULER)
    assert isinstance(ruler, AttributeRuler)
    return TokenAttributes(ruler, _companion_lemmatizer(nlp))


def _companion_lemmatizer(nlp: Language) -> Lemmatizer | None:
    names = nlp.pipe_names
    if LEMMATIZER not in names or names.index(LEMMATIZER) != names.index(RULER) + 1:
        return None
    lemmatizer = nlp.get_pipe(LEMMATIZER)
    if isinstance(lemmatizer, Lemmatizer) and lemmatizer.mode in ("rule", "lookup"):
        return lemmatizer
    return None


def compile_ruler(ruler: AttributeRuler) -> _Compiled | None:
    """The ruler's rules as memo tests and a Matcher; None if a rule sets something other
    than TAG, POS, MORPH, LEMMA or DEP (extension or lexical attributes)."""
    rules = []
    context = Matcher(ruler.vocab, validate=False)
    index = {}
    windows: list[tuple[int, list[tuple[int, _Test]]]] | None = []
    for i, spec in enumerate(cast(list[dict[str, Any]], ruler.patterns)):
        attrs = ruler.attrs[i]
        if any(not isinstance(a, int) or a not in _OUTPUTS for a in attrs):
            return None
        values = tuple((_OUTPUTS.index(a), int(v)) for a, v in attrs.items())
        tests = [_token_tests(p[0], ruler.vocab) if len(p) == 1 else None for p in spec["patterns"]]
        if ruler.indices[i] in (0, -1) and all(t is not None for t in tests):
            rules.append(_Rule(tuple(t for t in tests if t is not None), values))
            continue
        rules.append(_Rule((), values))
        context.add(str(i), spec["patterns"])
        index[i] = ruler.indices[i]
        for pattern in spec["patterns"]:
            window = _window(pattern, ruler.vocab)
            windows = None if window is None or windows is None else [*windows, window]
    tests_used = [t for r in rules for p in r.patterns for t in p]
    keys = sorted({t.attr for t in tests_used}) or [ORTH]
    known = [
        np.array(sorted({v for t in tests_used if t.attr == k for v in t.values}), np.uint64)
        for k in keys
    ]
    if math.prod(len(k) + 1 for k in known) >= 2**62:  # codes must fit an int64
        return None
    window_keys = sorted({t.attr for _, ts in windows or [] for _, t in ts}) or [ORTH]
    return _Compiled(
        tuple(rules), keys, known, context if index else None, index, windows, window_keys
    )


def _window(
    pattern: list[dict[str, Any]], vocab: Vocab
) -> tuple[int, list[tuple[int, _Test]]] | None:
    """A fixed-length pattern's length and the plain tests a match must pass at each offset."""
    if any("OP" in token or "op" in token for token in pattern):
        return None
    tests = [
        (offset, test)
        for offset, token in enumerate(pattern)
        for test in _token_tests(token, vocab, partial=True) or ()
    ]
    return (len(pattern), tests) if tests else None


def _token_tests(
    token: dict[str, Any], vocab: Vocab, *, partial: bool = False
) -> tuple[_Test, ...] | None:
    """A pattern token's tests on integer attribute values, as the Matcher compares them.
    None if it has anything else (operators, REGEX, other attributes), unless `partial`:
    then the tests it can express, the others left to the Matcher."""
    tests = []
    for name, wanted in token.items():
        test = _test(name, wanted, vocab, regex=partial)
        if test is None and not partial:
            return None
        if test is not None:
            tests.append(test)
    return tuple(tests)


def _test(name: str, wanted: object, vocab: Vocab, *, regex: bool = False) -> _Test | None:
    key = "ORTH" if name.upper() == "TEXT" else name.upper()
    if key not in _STRING_KEYS | _FLAG_KEYS:
        return None
    negate = False
    if regex and key in _STRING_KEYS and isinstance(wanted, dict) and list(wanted) == ["REGEX"]:
        return _Test(IDS[key], frozenset(), False, re.compile(wanted["REGEX"]))
    if isinstance(wanted, dict):
        if len(wanted) != 1 or next(iter(wanted)) not in ("IN", "NOT_IN"):
            return None
        negate = "NOT_IN" in wanted
        options = list(next(iter(wanted.values())))
    else:
        options = [wanted]
    values = [_as_int(v, vocab, flag=key in _FLAG_KEYS) for v in options]
    if any(v is None for v in values):
        return None
    return _Test(IDS[key], frozenset(v for v in values if v is not None), negate)


def _as_int(value: object, vocab: Vocab, *, flag: bool) -> int | None:
    if flag:
        return int(value) if isinstance(value, bool) else None
    if isinstance(value, str):
        return int(vocab.strings.add(value))  # a symbol's id for symbols, as the Matcher does
    return value if isinstance(value, int) and not isinstance(value, bool) else None
