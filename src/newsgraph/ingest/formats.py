"""Turn one input (plain text, HTML page, JSONL record) into a `Document`."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import Any

from newsgraph.annotate.anchors import anchor
from newsgraph.annotate.dategrammar import find_date_matches
from newsgraph.errors import EmptyDocumentError, MalformedRecordError
from newsgraph.ingest.header import Header, read_header
from newsgraph.ingest.reading import bounded, clean_text, content_id, storable
from newsgraph.models import Document, Published

JSONL_FIELDS = ("id", "title", "outlet", "date", "url", "text")


def document_from_text(text: str, source: str, *, external_id: str | None = None) -> Document:
    """A Document from plain text, with metadata read from its header lines."""
    header = read_header(text)
    return Document(
        id=content_id(text),
        text=text,
        source=source,
        title=header.title,
        outlet=header.outlet,
        author=header.author,
        url=header.url,
        volume=header.volume,
        issue=header.issue,
        published=_published_from_header(header),
        credit=header.credit,
        external_id=external_id,
        header_spans=tuple(header.spans),
    )


def document_from_html(html: str, source: str) -> Document:
    """A Document from an HTML page: main text and metadata through trafilatura.

    Scripts, styles and event-handler attributes never reach the text: trafilatura keeps only
    the text content of the main article.
    """
    import trafilatura  # ~0.1 s: imported for HTML input only

    found = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    meta: dict[str, Any] = {}
    if isinstance(found, dict):
        meta = found
    elif found is not None:
        meta = found.as_dict()
    body = meta.get("text") or ""
    if not body.strip():
        raise EmptyDocumentError(source, "HTML page has no main article text to extract.")
    text = clean_text(body.replace("\n", "\n\n"), source)
    document = document_from_text(text, source)
    published = _published_from_value(meta.get("date"), "HTML metadata")
    return _with_metadata(
        document,
        title=meta.get("title"),
        outlet=meta.get("sitename"),
        author=meta.get("author"),
        url=meta.get("url"),
        published=published,
        language=meta.get("language"),
    )


def document_from_record(line: str, source: str) -> Document:
    """A Document from one JSONL line with fields id/title/outlet/date/url/text."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        raise MalformedRecordError(source, f"is not valid JSON ({e.msg}).") from e
    except RecursionError as e:
        raise MalformedRecordError(source, "is JSON nested too deeply to read.") from e
    if not isinstance(record, dict):
        raise MalformedRecordError(source, "is not a JSON object with a 'text' field.")
    text = record.get("text")
    if not isinstance(text, str):
        raise MalformedRecordError(source, "has no 'text' string; each line needs one.")
    document = document_from_text(
        clean_text(text, source), source, external_id=_str(record.get("id"))
    )
    published = _published_from_value(record.get("date"), "record field 'date'")
    return _with_metadata(
        document,
        title=_str(record.get("title")),
        outlet=_str(record.get("outlet")),
        author=_str(record.get("author")),
        url=_str(record.get("url")),
        published=published,
        language=_str(record.get("language")),
    )


def _with_metadata(
    document: Document, *, published: Published | None, **fields: str | None
) -> Document:
    """Fill in metadata the body did not give; a real value always wins over a header guess."""
    given = {k: bounded(storable(v), MAX_FIELD_CHARS) for k, v in fields.items() if v}
    if published is not None:
        given["published"] = published  # type: ignore[assignment]
    return replace(document, **given)  # type: ignore[arg-type]


def _published_from_header(header: Header) -> Published:
    found = _published_from_value(header.date_text, "header line")
    return found or Published(None, False, "unknown")


def _published_from_value(value: object, basis: str) -> Published | None:
    if not isinstance(value, str) or not value.strip():
        return None
    parsed = parse_date_value(value)
    if parsed is None:
        return None
    return Published(parsed.isoformat(), False, basis)


def parse_date_value(value: str) -> date | None:
    """Parse a metadata date: ISO (with or without time) or a written date like "May 3, 2019"."""
    value = value.strip()
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    for match in find_date_matches(value):
        anchored = anchor(match, None)
        if (
            anchored
            and anchored.first
            and not anchored.year_inferred
            and anchored.granularity == "day"
        ):
            return anchored.first
    return None


# Longest metadata field kept (title, outlet, author, url); longer values are cut visibly.
MAX_FIELD_CHARS = 1000


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
