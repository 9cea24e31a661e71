"""JSON Schemas of the lexicon kinds, one per `meta.kind` (docs/lexicon.md shows each shape).

The loader checks every file, shipped or the user's, against its kind's schema before any of
it is used, so a mistake is reported with the file and the place in it.
"""

from __future__ import annotations

from typing import Any

ENTITY_TYPES = ["person", "state", "organization", "armed_force", "media", "weapon", "place",
                "group"]  # fmt: skip
PLOVER_TYPES = [
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip

_WORD = {"type": ["string", "number"]}  # YAML reads "1917" or "3" as a number: still a word
_WORDS = {"type": "array", "items": _WORD}
# the named word lists of an events file's `modality` section (lexicon.patterns.ModalityCues)
MODALITY_LISTS = ("alleged_adverbs", "hypothetical_aux", "obliging_aux", "future_aux",
                  "conditional_marks", "alleging", "denying", "requesting", "request_nouns",
                  "threatening", "planning", "intending", "promising", "scheduling", "claiming",
                  "weighing", "likelihood", "wishing_objects", "planning_objects", "courtesy",
                  "performatives", "negating_subjects", "negating_determiners")  # fmt: skip
_TEXT = {"type": "string", "minLength": 1}
_SLOT = {"type": "string", "pattern": "^(dobj|iobj|none|poss|compound|amod|prep:[a-z]+)$"}
_DATE = {"type": ["string", "integer", "null"]}
_AGENT = {"type": "string", "pattern": "^[A-Z]{3}$"}  # a CAMEO agent type: GOV, MIL, REB...


def _code_and_words(words: str, **optional: dict[str, Any]) -> dict[str, Any]:
    """An object of an agent `code` and a word list named `words` (and `optional` members)."""
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["code", words],
        "properties": {"code": _AGENT, words: _WORDS, **optional},
    }


def _meta(kind: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {"kind": {"const": kind}, "description": {"type": "string"}, **extra},
    }


def _document(kind: str, properties: dict[str, Any], *, meta: dict[str, Any] | None = None,
              required: tuple[str, ...] = ()) -> dict[str, Any]:  # fmt: skip
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"newsgraph {kind} lexicon",
        "type": "object",
        "properties": {"meta": meta or _meta(kind), **properties},
        "required": list(required),
        "additionalProperties": False,
    }


_ROLE = {
    "type": "object",
    "properties": {"title": _TEXT, "organization": {"type": ["string", "null"]},
                   "country": {"type": ["string", "null"]}, "start": _DATE, "end": _DATE,
                   "kind": {"enum": ["office", "rank", "occupation"]}},
    "required": ["title"],
}  # fmt: skip
_ENTRY = {
    "type": "object",
    "properties": {
        "name": _TEXT,
        "id": _TEXT,
        "type": {"enum": ENTITY_TYPES},
        "country": {"type": ["string", "null"]},
        "aliases": _WORDS,
        "ambiguous": _WORDS,
        "demonyms": _WORDS,
        "metonyms": _WORDS,
        "capital": {"type": ["string", "null"]},
        "state_owned": {"type": ["boolean", "null"]},
        "attributes": {"type": "object"},
        "roles": {"type": "array", "items": _ROLE},
    },
    "required": ["name"],
}
_EVENT_PATTERN = {
    "type": "object",
    "properties": {
        "lemma": _TEXT,
        "event": {"enum": PLOVER_TYPES},
        "cameo": {"type": ["string", "integer"]},
        "target": {"type": "array", "items": _SLOT},
        "source": {"type": "array", "items": _SLOT},
        "object": _WORDS,
        "not_object": _WORDS,
        "particle": {"type": ["string", "boolean", "null"]},  # YAML 1.1 reads `off` as false
        "mode": {"type": ["string", "null"]},
        "context": {"type": ["string", "null"]},
        "symmetric": {"type": "boolean"},
        "needs_target": {"type": "boolean"},
        "not_with": {"type": "array", "items": {"enum": ENTITY_TYPES}},
        "not_by": {
            "type": "array",
            "items": {
                "anyOf": [{"enum": ENTITY_TYPES}, {"type": "string", "pattern": "^[A-Z]{3}$"}]
            },
        },
        "with_prep": _WORDS,
        "not_after": _WORDS,
        "demands_only": {"type": "boolean"},
        "not_of_a_view": {"type": "boolean"},
        "complement": {"enum": ["negative", "positive", "dismissive"]},
        "not_before_act": {"type": "boolean"},
        "patient_owner": {"type": "boolean"},
    },
    "required": ["lemma", "event"],
}
_RELATION_FIELDS: dict[str, Any] = {
    "lemma": _TEXT,
    "relation": _TEXT,
    "prep": _TEXT,
    "object": _WORDS,
}
_RELATION = {
    "type": "object",
    "properties": _RELATION_FIELDS,
    "required": ["lemma", "relation"],
}
_WITH_PREP = {**_RELATION, "required": ["lemma", "relation", "prep"]}
# a verb may take its object behind any of several prepositions ("works for / at X")
_VERB_RELATION = {
    **_RELATION,
    "properties": {**_RELATION_FIELDS, "prep": {"anyOf": [_TEXT, _WORDS]}},
}
# a noun may be reversed: whoever it is said of is its object ("X, the party's nominee")
_NOUN_RELATION = {
    **_WITH_PREP,
    "properties": {
        **_RELATION_FIELDS,
        "reverse": {"type": "boolean"},
        "owner": {"type": "boolean"},
    },
}

SCHEMAS: dict[str, dict[str, Any]] = {
    "gazetteer": _document(
        "gazetteer",
        {"entries": {"type": "array", "items": _ENTRY}},
        meta=_meta("gazetteer", type={"enum": ENTITY_TYPES}),
        required=("entries",),
    ),
    "events": _document(
        "events",
        {
            "verbs": {"type": "array", "items": _EVENT_PATTERN},
            "nouns": {"type": "array", "items": _EVENT_PATTERN},
            "agents": {
                "type": "object",
                "propertyNames": {"pattern": "^[A-Z]{3}$"},
                "additionalProperties": _WORDS,
            },
            "not_actors": _WORDS,
            "state_bodies": _WORDS,
            "body_descriptions": _WORDS,
            "kin_nouns": _WORDS,
            "accused": _code_and_words("nouns", political=_code_and_words("words")),
            "modality": {
                "type": "object",
                "properties": dict.fromkeys(MODALITY_LISTS, _WORDS),
                "additionalProperties": False,
            },
        },
    ),
    "relations": _document(
        "relations",
        {
            "verbs": {"type": "array", "items": _VERB_RELATION},
            "adjectives": {"type": "array", "items": _WITH_PREP},
            "nouns": {"type": "array", "items": _NOUN_RELATION},
            "leadership_titles": {
                "type": "object",
                "propertyNames": {"enum": ["leads", "commands"]},
                "additionalProperties": _WORDS,
            },
            "public_offices": _WORDS,
            "no_post_titles": _WORDS,
            "naming_verbs": _WORDS,
            "owning_verbs": _WORDS,
            "withdrawing_verbs": _WORDS,
            "place_heads": _WORDS,
            "state_heads": _WORDS,
            "title_qualifiers": {
                "type": "object",
                "propertyNames": {"enum": ["no_tie", "member"]},
                "additionalProperties": _WORDS,
            },
            "post_ending_verbs": {
                "type": "object",
                "propertyNames": {"enum": ["subject", "passive_subject"]},
                "additionalProperties": _WORDS,
            },
            "object_excludes": {
                "type": "object",
                "additionalProperties": {
                    "type": "array",
                    "items": {"enum": ENTITY_TYPES},
                },
            },
            "state_agents": _WORDS,
            "state_leaders": _WORDS,
            "affiliation": {
                "type": "object",
                "additionalProperties": False,
                "required": ["relation", "preps", "types"],
                "properties": {
                    "relation": {"type": "string"},
                    "preps": _WORDS,
                    "types": {"type": "array", "items": {"enum": ENTITY_TYPES}},
                    "nouns": _WORDS,
                    "noun_preps": _WORDS,
                    "any_noun_preps": _WORDS,
                },
            },
        },
    ),
    "titles": _document(
        "titles",
        {
            "offices": _WORDS,
            "ranks": _WORDS,
            "occupations": _WORDS,
            "qualifiers": _WORDS,
            "abbreviations": {"type": "object", "additionalProperties": {"type": "string"}},
        },
    ),
    "actor_codes": _document(
        "actor_codes",
        {
            "kinds": {"type": "object", "additionalProperties": _AGENT},
            "types": {
                "type": "object",
                "propertyNames": {"enum": ENTITY_TYPES},
                "additionalProperties": _AGENT,
            },
            "titles": {"type": "object", "additionalProperties": _AGENT},
            "names": {"type": "object", "additionalProperties": _AGENT},
            "igo_kind_prefixes": _WORDS,
            "igo_kinds": _WORDS,
            "igo_ids": _WORDS,
            "militant_kinds": _WORDS,
            "kept_agents": {"type": "array", "items": _AGENT},
            "kept_shared": {"type": "array", "items": _AGENT},
            "kept_names": {"type": "array", "items": _AGENT},
            "body_heads": _WORDS,
            "body_functions": _WORDS,
            "kept_kinds": _WORDS,
        },
    ),
    "transliterations": _document(
        "transliterations",
        {"canonical": {"type": "object", "additionalProperties": _WORDS}},
        required=("canonical",),
    ),
    "polarity": _document(
        "polarity",
        {
            "words": {
                "type": "object",
                "additionalProperties": {"type": "number", "minimum": -1, "maximum": 1},
            },
            "dismissive": _WORDS,
        },
    ),
    "words": _document(
        "words",
        {"lists": {"type": "object", "additionalProperties": _WORDS}},
        required=("lists",),
    ),
}
KINDS = tuple(SCHEMAS)
