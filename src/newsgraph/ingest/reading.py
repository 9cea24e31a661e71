"""Read raw input safely: size, binary and encoding checks that explain themselves."""

from __future__ import annotations

import hashlib
import os
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
# What no backend can store or no encoder can write: NUL (PostgreSQL text refuses it) and lone
# surrogates (from JSON "\ud800" escapes). Each becomes U+FFFD, visibly, at the same offset.
_UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")
# Byte-order marks of the encodings a BOM announces (longest first: UTF-32 LE starts like UTF-16 LE)
_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"),
)  # fmt: skip


def read_bytes(path: Path, *, max_bytes: int) -> bytes:
    """Return a file's bytes, refusing missing, unreadable, non-regular and oversized files."""
    source = printable_path(path)
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
    try:
        with path.open("rb") as handle:
            return handle.read(max_bytes + 1)  # a file that grew since stat() is still capped
    except OSError as e:
        raise MissingFileError(source, f"cannot read: {e.strerror}.") from e


def decode_text(raw: bytes, source: str, *, encoding: str = "utf-8", max_bytes: int) -> str:
    """Decode bytes to clean text, or raise an InputError that says what to do.

    Newlines are normalised to "\\n", a byte-order mark is dropped and the text is put in
    Unicode NFC so that offsets are stable across runs.
    """
    if len(raw) > max_bytes:
        raise DocumentTooLargeError(
            source, f"{len(raw):,} bytes is over the {max_bytes:,}-byte limit (--max-bytes)."
        )
    announced = next((name for bom, name in _BOMS if raw.startswith(bom)), None)
    if announced is None and b"\x00" in raw[:8192]:
        raise BinaryDocumentError(
            source, "looks binary (NUL bytes); give a text, HTML or JSONL file."
        )
    if announced is not None:
        encoding = announced
    try:
        text = raw.decode("utf-8-sig" if encoding.lower() in {"utf-8", "utf8"} else encoding)
        if announced and announced != "utf-8-sig":
            text = text.removeprefix("\ufeff")
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
    text = storable(text)
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


def storable(text: str) -> str:
    """`text` with what no backend stores (NUL, lone surrogates) replaced by U+FFFD."""
    return _UNSTORABLE.sub("\ufffd", text)


def printable_path(path: Path | str) -> str:
    """A path as valid UTF-8 text: undecodable bytes of a file name shown as \\xNN escapes
    (the file system's surrogate escapes cannot be stored or printed)."""
    raw = os.fsencode(str(path))
    return raw.decode("utf-8", errors="backslashreplace")


def bounded(value: str | None, limit: int) -> str | None:
    """A metadata field cut to `limit` characters (with an ellipsis) so no title is a novel."""
    if value is None or len(value) <= limit:
        return value
    return value[: limit - 1] + "…"
