"""newsgraph: sourced, time-aware knowledge graphs of geopolitical actors from news articles.

>>> from newsgraph import Extractor
>>> extractor = Extractor()                                      # doctest: +SKIP
>>> result = next(extractor.extract_paths(["article.txt"]))      # doctest: +SKIP
>>> [e.name for e in result.entities if e.type == "person"]      # doctest: +SKIP

Names load on first use (PEP 562), so `import newsgraph` costs nothing: a command that only
reads the knowledge base never imports spaCy.
"""

import importlib as _importlib
import typing as _typing

if _typing.TYPE_CHECKING:
    from newsgraph.contract import json_schema, to_dict, to_json
    from newsgraph.errors import (
        BinaryDocumentError,
        ConfigError,
        DocumentTooLargeError,
        EmptyDocumentError,
        EncodingError,
        InputError,
        LexiconError,
        MalformedRecordError,
        MissingFileError,
        ModelError,
        NewsgraphError,
    )
    from newsgraph.ingest import load_documents
    from newsgraph.lexicon.gazetteer import load_gazetteer
    from newsgraph.models import (
        SCHEMA_VERSION,
        Agent,
        Amount,
        ArmsTransfer,
        Attribute,
        Citation,
        Deployment,
        Document,
        Entity,
        EntityType,
        Event,
        Evidence,
        Extraction,
        Granularity,
        Mention,
        MentionKind,
        Modality,
        Published,
        Quote,
        Relation,
        Role,
        Sentence,
        Skipped,
        TimeExpression,
    )
    from newsgraph.pipeline import Extractor
    from newsgraph.settings import Settings, load_settings

__version__ = "0.1.0"

# public name -> the module that defines it
_HOMES = {
    "json_schema": "contract", "to_dict": "contract", "to_json": "contract",
    "BinaryDocumentError": "errors", "ConfigError": "errors", "DocumentTooLargeError": "errors",
    "EmptyDocumentError": "errors", "EncodingError": "errors", "InputError": "errors",
    "LexiconError": "errors", "MalformedRecordError": "errors", "MissingFileError": "errors",
    "ModelError": "errors", "NewsgraphError": "errors",
    "load_documents": "ingest",
    "load_gazetteer": "lexicon.gazetteer",
    "SCHEMA_VERSION": "models", "Agent": "models", "Amount": "models", "ArmsTransfer": "models",
    "Attribute": "models", "Citation": "models", "Deployment": "models", "Document": "models",
    "Entity": "models", "EntityType": "models", "Event": "models", "Evidence": "models",
    "Extraction": "models", "Granularity": "models", "Mention": "models",
    "MentionKind": "models", "Modality": "models", "Published": "models", "Quote": "models",
    "Relation": "models", "Role": "models", "Sentence": "models", "Skipped": "models",
    "TimeExpression": "models",
    "Extractor": "pipeline",
    "Settings": "settings", "load_settings": "settings",
}  # fmt: skip

__all__ = [
    "SCHEMA_VERSION",
    "Agent",
    "Amount",
    "ArmsTransfer",
    "Attribute",
    "BinaryDocumentError",
    "Citation",
    "ConfigError",
    "Deployment",
    "Document",
    "DocumentTooLargeError",
    "EmptyDocumentError",
    "EncodingError",
    "Entity",
    "EntityType",
    "Event",
    "Evidence",
    "Extraction",
    "Extractor",
    "Granularity",
    "InputError",
    "LexiconError",
    "MalformedRecordError",
    "Mention",
    "MentionKind",
    "MissingFileError",
    "Modality",
    "ModelError",
    "NewsgraphError",
    "Published",
    "Quote",
    "Relation",
    "Role",
    "Sentence",
    "Settings",
    "Skipped",
    "TimeExpression",
    "__version__",
    "json_schema",
    "load_documents",
    "load_gazetteer",
    "load_settings",
    "to_dict",
    "to_json",
]


def __getattr__(name: str) -> _typing.Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'newsgraph' has no attribute {name!r}")
    value = getattr(_importlib.import_module(f"newsgraph.{home}"), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
