"""Read raw input safely: size, binary and encoding checks that explain themselves."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from newsgraph.errors import (
    BinaryDocumentError,
    DocumentTooLargeError,
    EmptyDocumentError,
    EncodingError,
    MissingFileError,
)

# Control characters other than tab, newline, form feed and carriage return do not occur in
# prose; a few stray ones are tolerated (copy-paste debris), a file full of them is binary.
# Unicode category Cc less those four, as a character class: counted in C, not character by
# character in Python.
_MAX_CONTROL_SHARE = 0.01
_STRAY_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def read_bytes(path: Path, *, max_bytes: int) -> bytes:
    """Return a file's bytes, refusing missing, non-regular and oversized files."""
    source = str(path)
    if not path.exists():
        raise MissingFileError(source, "no such file; check the path.")
    if not path.is_file():
        raise MissingFileError(source, "not a regular file; pass a file, or a directory's files.")
    size = path.stat().st_size
    if size > max_bytes:
        raise DocumentTooLargeError(
            source,
            f"{size:,} bytes is over the {max_bytes:,}-byte limit; split the file or raise "
            "max_bytes (--max-bytes).",
        )
    return path.read_bytes()


def decode_text(raw: bytes, source: str, *, encoding: str = "utf-8", max_bytes: int) -> str:
    """Decode bytes to clean text, or raise an InputError that says what to do.

    Newlines are normalised to "\\n", a byte-order mark is dropped and the text is put in
    Unicode NFC so that offsets are stable across runs.
    """
    if len(raw) > max_bytes:
        raise DocumentTooLargeError(
            source, f"{len(raw):,} bytes is over the {max_bytes:,}-byte limit (--max-bytes)."
        )
    if b"\x00" in raw[:8192]:
        raise BinaryDocumentError(
            source, "looks binary (NUL bytes); give a text, HTML or JSONL file."
        )
    try:
        text = raw.decode("utf-8-sig" if encoding.lower() in {"utf-8", "utf8"} else encoding)
    except UnicodeDecodeError as e:
        raise EncodingError(
            source,
            f"is not valid {encoding} (byte {e.start}); convert it (iconv -f latin1 -t utf-8) or "
            "pass --encoding.",
        ) from e
    except LookupError as e:
        raise EncodingError(source, f"unknown encoding {encoding!r}.") from e
    return clean_text(text, source)


def clean_text(text: str, source: str) -> str:
    """Normalise newlines and Unicode; refuse empty or control-character-ridden text."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise EmptyDocumentError(source, "is empty; there is no text to extract from.")
    controls = len(_STRAY_CONTROLS.findall(text))
    if controls > max(3, len(text) * _MAX_CONTROL_SHARE):
        raise BinaryDocumentError(
            source,
            f"looks binary ({controls} control characters); give a text, HTML or JSONL file.",
        )
    return text


def content_id(text: str) -> str:
    """A document id from its content: the same text always gets the same id."""
    return "doc_" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]
