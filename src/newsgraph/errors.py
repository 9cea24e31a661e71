"""Every error newsgraph raises on purpose. Messages say what went wrong and what to do.

NewsgraphError
 ├── InputError                 one document cannot be read; a batch skips it and goes on
 │    ├── MissingFileError
 │    ├── EmptyDocumentError
 │    ├── BinaryDocumentError
 │    ├── EncodingError
 │    ├── DocumentTooLargeError
 │    ├── MalformedRecordError  a bad JSONL line or an HTML page with no main text
 │    └── LanguageError         a document not in a language the pipeline reads
 ├── ConfigError                bad settings, options or dates given by the user
 ├── ModelError                 the spaCy pipeline cannot be loaded
 ├── LexiconError               a gazetteer file is malformed
 └── CurationError              a merge or split that cannot be right (nothing is changed)
"""

from __future__ import annotations


class NewsgraphError(Exception):
    """Base class of every error raised by newsgraph."""


class InputError(NewsgraphError):
    """A document cannot be read; `source` names it."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.reason = message


class MissingFileError(InputError):
    pass


class EmptyDocumentError(InputError):
    pass


class BinaryDocumentError(InputError):
    pass


class EncodingError(InputError):
    pass


class DocumentTooLargeError(InputError):
    pass


class MalformedRecordError(InputError):
    pass


class LanguageError(InputError):
    pass


class ConfigError(NewsgraphError):
    pass


class ModelError(NewsgraphError):
    pass


class LexiconError(NewsgraphError):
    pass


class CurationError(NewsgraphError):
    pass


class QueryError(NewsgraphError):
    """A query parameter that cannot be answered, e.g. a pagination cursor we did not issue."""
