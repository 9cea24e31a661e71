"""newsgraph: sourced, time-aware knowledge graphs of geopolitical actors from news articles.

>>> from newsgraph import Extractor
>>> extractor = Extractor()                                      # doctest: +SKIP
>>> result = next(extractor.extract_paths(["article.txt"]))      # doctest: +SKIP
>>> [e.name for e in result.entities if e.type == "person"]      # doctest: +SKIP
"""

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
