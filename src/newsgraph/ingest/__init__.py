"""Load documents from files, directories, JSONL corpora and stdin.

    >>> docs = list(load_documents(["article.txt", "corpus.jsonl", "-"]))   # doctest: +SKIP

Every input yields either a `Document` or a `Skipped` with the reason; a bad file never stops
a batch.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import BinaryIO

from newsgraph.errors import InputError
from newsgraph.ingest.formats import document_from_html, document_from_record, document_from_text
from newsgraph.ingest.reading import decode_text, printable_path, read_bytes
from newsgraph.models import Document, Published, Skipped
from newsgraph.settings import Settings

__all__ = ["load_documents"]

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
STDIN = "-"


def load_documents(
    inputs: Iterable[str | Path],
    *,
    settings: Settings | None = None,
    published: date | None = None,
    outlet: str | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Document | Skipped]:
    """Yield a Document (or a Skipped with its reason) for every article in `inputs`.

    `inputs` are file paths, directories (searched recursively for .txt/.html/.jsonl files) or
    "-" for standard input. `published` and `outlet` override what the documents say.
    """
    settings = settings or Settings()
    for item in inputs:
        for result in _load_input(str(item), settings, stdin):
            yield _override(result, published, outlet) if isinstance(result, Document) else result


def count_inputs(inputs: Iterable[str | Path]) -> int | None:
    """How many documents `inputs` hold (files, JSONL lines), or None when it cannot be known
    without reading them (standard input). For progress bars: cheap, never parses a line."""
    total = 0
    for item in inputs:
        if str(item) == STDIN:
            return None
        path = Path(item).expanduser()
        files = (
            [file for file, problem in walk(path) if problem is None] if path.is_dir() else [path]
        )
        for file in files:
            total += _count_lines(file) if file.suffix.lower() == ".jsonl" else 1
    return total


def _count_lines(path: Path) -> int:
    try:
        with path.open("rb") as handle:
            return sum(1 for line in handle if line.strip())
    except OSError:
        return 1


def _load_input(
    item: str, settings: Settings, stdin: BinaryIO | None
) -> Iterator[Document | Skipped]:
    if item == STDIN:
        yield from _guard("stdin", lambda: [_from_stdin(settings, stdin)])
        return
    path = Path(item).expanduser()
    if path.is_dir():
        for file, problem in walk(path):
            if problem is not None:
                yield Skipped(printable_path(file), problem, "UnsupportedFileError")
            else:
                yield from _load_file(file, settings)
        return
    yield from _load_file(path, settings)


def walk(root: Path) -> Iterator[tuple[Path, str | None]]:
    """Files under `root` in name order, each with None or the reason it is not read.

    Symbolic links are not followed out of the tree (a link to /etc/passwd is not read) nor
    into directories (no loops); files with extensions newsgraph does not read are named, not
    silently dropped."""
    top = root.resolve()
    found: list[tuple[Path, str | None]] = []
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs.sort()
        for name in names:
            file = Path(folder) / name
            found.append((file, _unreadable(file, top)))
    found.sort(key=lambda item: str(item[0]))
    yield from found


def _unreadable(file: Path, top: Path) -> str | None:
    if file.is_symlink():
        target = file.resolve()
        if not target.is_relative_to(top):
            return "a symbolic link out of the input folder; not followed"
        if not target.is_file():
            return "a symbolic link to something that is not a file; not followed"
    if not _known_suffix(file):
        known = ", ".join(sorted(TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES))
        return f"unknown extension {file.suffix or '(none)'!r}; newsgraph reads {known}"
    return None


def _load_file(path: Path, settings: Settings) -> Iterator[Document | Skipped]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _load_jsonl(path, settings)
        return
    source = printable_path(path)

    def load() -> list[Document]:
        raw = read_bytes(path, max_bytes=settings.max_bytes)
        text = decode_text(raw, source, encoding=settings.encoding, max_bytes=settings.max_bytes)
        if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(text)):
            return [document_from_html(text, source)]
        return [document_from_text(text, source)]

    yield from _guard(source, load)


def _load_jsonl(path: Path, settings: Settings) -> Iterator[Document | Skipped]:
    """One document per non-empty line; a bad line is skipped with its line number."""
    source = printable_path(path)
    try:
        handle = path.open("rb")
    except OSError as e:
        yield Skipped(source, f"cannot open: {e.strerror}", "MissingFileError")
        return
    with handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            line_source = f"{source}:{number}"

            def load(raw: bytes = raw, line_source: str = line_source) -> list[Document]:
                line = decode_text(raw, line_source, encoding=settings.encoding,
                                   max_bytes=settings.max_bytes)  # fmt: skip
                return [document_from_record(line, line_source)]

            yield from _guard(line_source, load)


def _from_stdin(settings: Settings, stdin: BinaryIO | None) -> Document:
    stream = stdin if stdin is not None else sys.stdin.buffer
    raw = stream.read(settings.max_bytes + 1)
    text = decode_text(raw, "stdin", encoding=settings.encoding, max_bytes=settings.max_bytes)
    if _looks_like_html(text):
        return document_from_html(text, "stdin")
    return document_from_text(text, "stdin")


def _guard(source: str, load: Callable[[], list[Document]]) -> Iterator[Document | Skipped]:
    """Run a loader; turn an InputError into a Skipped result that names the reason."""
    try:
        yield from load()
    except InputError as e:
        yield Skipped(e.source, e.reason, type(e).__name__)


def _override(document: Document, published: date | None, outlet: str | None) -> Document:
    if published is not None:
        document = replace(
            document, published=Published(published.isoformat(), False, "--published option")
        )
    if outlet:
        document = replace(document, outlet=outlet)
    return document


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


def _known_suffix(path: Path) -> bool:
    return path.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
